package forms

import (
	"strings"
)

// VoiceFinding is one question label that is not in the person's voice.
type VoiceFinding struct {
	QuestionID string `json:"question_id"`
	Label      string `json:"label"`
	Problem    string `json:"problem"`    // plain words for a team lead
	Suggestion string `json:"suggestion"` // a first-person rewrite; never empty
}

// CheckLabel reports whether a question label is not in the person's own
// voice: it talks about them ("the patient", "he/she", "Does the resident…"),
// medicalises them ("bed 12", "reason for admission") or is a bare heading
// ("Name", "Allergies"). When flagged it says why in plain words and offers
// a first-person rewrite that is itself never flagged. Labels that already
// speak as the person (I, me, my, we, us, our, "Please…") are left alone,
// unless they still call the person "the patient" or "the resident".
func CheckLabel(label string) (problem, suggestion string, flagged bool) {
	problem, suggestion, flagged = checkVoice(label)
	if !flagged {
		return "", "", false
	}
	// A rewrite can uncover a second problem (two people named in one
	// label); a few passes settle it.
	for range 3 {
		if strings.TrimSpace(suggestion) == "" {
			return problem, "", true
		}
		_, next, again := checkVoice(suggestion)
		if !again {
			return problem, polish(suggestion), true
		}
		suggestion = next
	}
	return problem + noRewrite, "", true
}

// VoiceFindings checks every question that takes an answer (information
// text is the assessor's guidance, not the person speaking) and returns
// the findings in form order; never nil.
func (s *Schema) VoiceFindings() []VoiceFinding {
	findings := []VoiceFinding{}
	if s == nil {
		return findings
	}
	for _, q := range s.Questions() {
		if q.Type == TypeInfo {
			continue
		}
		if problem, suggestion, flagged := CheckLabel(q.Label); flagged {
			findings = append(findings, VoiceFinding{
				QuestionID: q.ID, Label: q.Label, Problem: problem, Suggestion: suggestion,
			})
		}
	}
	return findings
}

// VoiceCount counts the questions in the person's voice and all the
// questions that take an answer, for "N of M questions in my voice".
func (s *Schema) VoiceCount() (inVoice, total int) {
	if s == nil {
		return 0, 0
	}
	for _, q := range s.Questions() {
		if q.Type == TypeInfo {
			continue
		}
		total++
		if _, _, flagged := CheckLabel(q.Label); !flagged {
			inVoice++
		}
	}
	return inVoice, total
}

// polish mends the small slips a word-for-word rewrite leaves: "I have
// own equipment" → "I have my own equipment".
func polish(s string) string {
	for _, fix := range polishFixes {
		s = strings.ReplaceAll(s, fix[0], fix[1])
	}
	return s
}

// checkVoice is one pass of the check; CheckLabel repeats it on its own
// suggestion. The pattern families are tried in this order and the first
// that fires names the problem.
func checkVoice(label string) (problem, suggestion string, flagged bool) {
	l := parseLabel(label)
	if l.firstWord() < 0 || l.isRecordField() {
		return "", "", false
	}
	if fixed, what := expandShorthand(label); what != "" {
		_, s, again := checkVoice(fixed)
		if !again {
			s = upperFirst(fixed)
		}
		return what, s, true
	}
	refs := l.findRefs()
	for i := range refs {
		l.resolve(&refs[i])
	}
	if l.spokenByPerson() {
		return l.checkSpoken(refs)
	}
	if ok, why := l.secondPerson(); ok {
		s := l.swapVoices()
		if !parseLabel(s).spokenByPerson() {
			return why + noRewrite, "", true
		}
		return why, withoutAdmission(s), true
	}
	if l.firstWord() == l.lastWord() && ambiguousHeadings[l.low(l.firstWord())] {
		return `"` + l.text() + `" could mean more than one thing` + noRewrite, "", true
	}
	if problem, suggestion, ok := l.checkInstruction(); ok {
		return problem, suggestion, true
	}
	if core, qualifier := splitQualifier(label); qualifier != "" {
		if problem, suggestion, ok := checkVoice(core); ok {
			if suggestion != "" {
				if f := strings.Fields(suggestion); openEnded[strings.ToLower(f[len(f)-1])] {
					suggestion = ownedHeading(core) // "I am allergic to (including…)" reads badly
				}
				q, _ := expandShorthand(qualifier)
				suggestion += " " + q
			}
			return problem, suggestion, true
		}
	}
	if head, detail := splitColon(label); detail != "" {
		if problem, suggestion, ok := checkVoice(head); ok {
			if suggestion != "" {
				suggestion += ": " + detail
			}
			return problem, suggestion, true
		}
	}
	if len(refs) == 0 {
		if problem, suggestion, ok := l.checkNeeded(); ok {
			return problem, suggestion, true
		}
	}
	if problem, suggestion, ok := l.checkHeading(refs); ok {
		return problem, suggestion, true
	}
	if len(refs) > 0 {
		return l.refProblem(refs[0]), withoutAdmission(l.rewrite(refs)), true
	}
	if problem, suggestion, ok := l.checkBareQuestion(); ok {
		return problem, withoutAdmission(suggestion), true
	}
	problem, suggestion, flagged = l.checkNote()
	return problem, withoutAdmission(suggestion), flagged
}

// withoutAdmission rewords "on admission" and the like in a suggestion:
// the person went into hospital, they were not admitted as a case.
func withoutAdmission(s string) string {
	l := parseLabel(s)
	var refs []personRef
	for i := 0; i < len(l.items); i++ {
		for _, p := range admissionPhrases {
			if words := strings.Fields(p.words); l.startsWith(i, words) {
				refs = append(refs, personRef{from: i, to: i + len(words), repl: p.repl})
				i += len(words) - 1
				break
			}
		}
	}
	if len(refs) == 0 {
		return s
	}
	return l.rewrite(refs)
}
