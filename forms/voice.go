// # The voice check
//
// Every text a person reads on the tablet should be in their own voice: "My
// name", "Do I use a walking aid?", not "Patient's name" or "Do you use a
// walking aid?". CheckLabel decides for one question label; checkPart for a
// section title, hint, choice option or table column label, which may be
// plain headings or short answers and are only flagged when they name or
// address the person, use shorthand or instruct the assessor.
//
// The decision for a label is explainable: the pattern families in
// voice_rules.go are tried in the order checkVoice lists them, and the
// first that fires names itself in the finding's problem (second person,
// staff "we", assessor instruction, qualified heading, question without a
// subject, role noun, third person, note-speak, bare heading, shorthand,
// typo, ambiguous heading). When no rewrite is safe the label is flagged,
// the problem ends "no safe rewrite, so reword it by hand" and the
// suggestion is empty: nothing is better than something wrong.
//
// Sign-off and record policy: fields about the assessment rather than the
// person are never flagged, in any kind of text. They are: the assessor or
// any member of staff and their details (assessor name, assessed by,
// completed by, reviewed by, witnessed by, registered nurse name, NMC PIN),
// including a field that is only a staff role responsible for the person's
// care (key worker, named nurse, care co-ordinator); signatures, initials,
// print name, designation, position, role, job title and organisation, and
// a line naming who signs (the person and their representative:
// "Resident/Representative"); dates and times of the assessment itself
// (date, time, date of assessment, date completed, review date, next review
// date, date of plan, start date, care plan version); and scores and totals the
// assessor works out (Waterlow score, MUST score, total score). The label
// of a signature question is sign-off too, whatever it says. A date
// about the person ("Date of birth", "Date of admission") is not a record
// field and is checked as usual.
package forms

import (
	"strings"
)

// The kinds of text the voice check reads, named in a finding's "field".
const (
	VoiceFieldLabel  = "label"  // a question's label
	VoiceFieldTitle  = "title"  // a section's title
	VoiceFieldHint   = "hint"   // a question's hint written for the person
	VoiceFieldOption = "option" // one choice of a choice or multichoice question
	VoiceFieldColumn = "column" // one column label of a table question
)

// VoiceFinding is one piece of form text that is not in the person's voice.
// Label is the text that was checked (the label, title, hint, option or
// column label); QuestionID is empty for a section title.
type VoiceFinding struct {
	QuestionID string `json:"question_id"`
	SectionID  string `json:"section_id,omitempty"`
	ColumnID   string `json:"column_id,omitempty"`
	Field      string `json:"field"`
	Label      string `json:"label"`
	Problem    string `json:"problem"`    // plain words for a team lead, naming the pattern that fired
	Suggestion string `json:"suggestion"` // a first-person rewrite, or "" when none is safe
}

// CheckLabel reports whether a question label is not in the person's own
// voice: it talks about them ("the patient", "he/she", "Does the resident…"),
// medicalises them ("bed 12", "reason for admission") or is a bare heading
// ("Name", "Allergies"). When flagged it says why in plain words and offers
// a first-person rewrite that is itself never flagged. Labels that already
// speak as the person (I, me, my, we, us, our, "Please…") are left alone,
// unless they still call the person "the patient" or "the resident".
func CheckLabel(label string) (problem, suggestion string, flagged bool) {
	return voiceCached(voiceFieldLabelKey, label, checkLabel)
}

func checkLabel(label string) (problem, suggestion string, flagged bool) {
	problem, suggestion, flagged = settle(label)
	if flagged {
		problem = voicePattern(problem) + ": " + problem
	}
	return problem, suggestion, flagged
}

// settle runs the check and re-checks its suggestion until it is in voice.
func settle(label string) (problem, suggestion string, flagged bool) {
	problem, suggestion, flagged = checkVoice(label)
	if !flagged {
		return "", "", false
	}
	// A rewrite can uncover a second problem (two people named in one
	// label); a few passes settle it.
	for range 3 {
		if strings.TrimSpace(suggestion) == "" {
			if !strings.HasSuffix(problem, noRewrite) {
				problem += noRewrite
			}
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

// VoiceFindings checks the section titles and every question that takes
// an answer (information text is the assessor's guidance, not the person
// speaking): its label, its hint unless the hint is marked for the
// assessor, its choice options and its table column labels. Findings come
// in form order; never nil.
func (s *Schema) VoiceFindings() []VoiceFinding {
	findings := []VoiceFinding{}
	if s == nil {
		return findings
	}
	add := func(f VoiceFinding, check func(string) (string, string, bool)) {
		if problem, suggestion, flagged := check(f.Label); flagged {
			f.Problem, f.Suggestion = problem, suggestion
			findings = append(findings, f)
		}
	}
	for _, sec := range s.Sections {
		add(VoiceFinding{SectionID: sec.ID, Field: VoiceFieldTitle, Label: sec.Title}, checkPart)
		for _, q := range sec.Questions {
			if q.Type == TypeInfo {
				continue
			}
			at := VoiceFinding{QuestionID: q.ID, SectionID: sec.ID}
			f := at
			f.Field, f.Label = VoiceFieldLabel, q.Label
			if q.Type != TypeSignature { // a signature is sign-off (the policy above)
				add(f, CheckLabel)
			}
			if q.Hint != "" && !AssessorHint(q.Hint) {
				f = at
				f.Field, f.Label = VoiceFieldHint, q.Hint
				add(f, checkPart)
			}
			for _, o := range q.Options {
				f = at
				f.Field, f.Label = VoiceFieldOption, o
				add(f, checkPart)
			}
			for _, c := range q.Columns {
				f = at
				f.Field, f.Label, f.ColumnID = VoiceFieldColumn, c.Label, c.ID
				add(f, checkPart)
			}
		}
	}
	return findings
}

// AssessorHint reports whether a hint is marked as guidance for the
// assessor ("Assessor: …", "For the assessor: …", "Staff: …"); such hints
// are not the person speaking and the voice check skips them.
func AssessorHint(hint string) bool {
	h := strings.TrimSpace(hint)
	fold := ascii(h) // compared letter by letter, with no lowercase copy
	if !fold {
		h = strings.ToLower(h)
	}
	for _, p := range assessorHintPrefixes {
		if fold && len(h) >= len(p) && strings.EqualFold(h[:len(p)], p) || !fold && strings.HasPrefix(h, p) {
			return true
		}
	}
	return false
}

// checkPart checks a title, hint, option or column label. These are not
// questions, so a bare heading or a short answer ("Mobility", "Bath",
// "Independent") is fine; they are flagged only when they name or address
// the person ("Resident information", "Your medicines", "Needs help of
// one"), use shorthand, or instruct the assessor. "They"/"their" is left
// alone: in a hint it is as likely to be someone else ("Their name and how
// to contact them").
func checkPart(text string) (problem, suggestion string, flagged bool) {
	return voiceCached(voiceFieldPartKey, text, checkPartUncached)
}

func checkPartUncached(text string) (problem, suggestion string, flagged bool) {
	l := parseLabel(text)
	defer l.free()
	first := l.firstWord()
	if first < 0 || l.isRecordField() {
		return "", "", false
	}
	if _, what := l.expandShorthand(text); what != "" || l.spokenByPerson() {
		return CheckLabel(text)
	}
	if at, _ := l.secondPersonAt(); at >= 0 {
		return CheckLabel(text)
	}
	w := l.low(first)
	if l.is(first, instructionVerbs) || (w == "please" && l.is(first+1, instructionVerbs)) ||
		(l.is(first, thirdPersonVerbs) && looksThirdPerson(w)) {
		return CheckLabel(text)
	}
	var refBuf [4]personRef
	for _, r := range l.findRefs(refBuf[:0]) {
		if !r.plural {
			return CheckLabel(text)
		}
	}
	for i := range l.items {
		if l.is(i, personNouns) {
			return CheckLabel(text)
		}
	}
	return "", "", false
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
		if _, _, flagged := CheckLabel(q.Label); !flagged || q.Type == TypeSignature {
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
	defer l.free()
	if l.firstWord() < 0 || l.isRecordField() {
		return "", "", false
	}
	if fixed, what := l.expandShorthand(label); what != "" {
		_, s, again := checkVoice(fixed)
		if !again {
			s = upperFirst(fixed)
		}
		return what, s, true
	}
	var refBuf [4]personRef
	refs := l.findRefs(refBuf[:0])
	for i := range refs {
		l.resolve(&refs[i])
	}
	if l.spokenByPerson() {
		return l.checkSpoken(refs)
	}
	if ok, why := l.secondPerson(); ok {
		s := l.swapVoices()
		if !spokenByPerson(s) {
			return why + noRewrite, "", true
		}
		return why, withoutAdmission(s), true
	}
	if l.firstWord() == l.lastWord() && l.is(l.firstWord(), ambiguousHeadings) {
		return `"` + l.text() + `" could mean more than one thing` + noRewrite, "", true
	}
	if problem, suggestion, ok := l.checkInstruction(); ok {
		return problem, suggestion, true
	}
	if core, qualifier := splitQualifier(label); qualifier != "" {
		if problem, suggestion, ok := checkVoice(core); ok {
			if suggestion != "" {
				if f := strings.Fields(suggestion); openEnded.has(strings.ToLower(f[len(f)-1])) {
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
	if from, to := l.joinedRef(refs); to > from {
		return `"` + l.span(from, to) + `" speaks about the person and someone else together` + noRewrite, "", true
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

// admissionWords are the words of each of admissionPhrases.
var admissionWords = func() (words [][]string) {
	for _, p := range admissionPhrases {
		words = append(words, strings.Fields(p.words))
	}
	return words
}()

// withoutAdmission rewords "on admission" and the like in a suggestion:
// the person went into hospital, they were not admitted as a case.
func withoutAdmission(s string) string {
	if !strings.Contains(s, "dmission") && !strings.Contains(s, "DMISSION") {
		return s
	}
	l := parseLabel(s)
	defer l.free()
	var refs []personRef
	for i := 0; i < len(l.items); i++ {
		for k, p := range admissionPhrases {
			if words := admissionWords[k]; l.startsWith(i, words) {
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

// voicePattern names the family of a problem ("Other" if none matches;
// TestVoiceCorpusPatterns keeps that from happening on the corpus). It
// reads the problem once, trying the fragments only where two bytes start
// one of them, and keeps the one earliest in voicePatterns.
func voicePattern(problem string) string {
	best := len(voicePatterns)
	for i := 0; i+1 < len(problem) && best > 0; i++ {
		pair := uint16(problem[i])<<8 | uint16(problem[i+1])
		if patternPairs[pair/64]&(1<<(pair%64)) == 0 {
			continue
		}
		for _, k := range patternsByFirstByte[problem[i]] {
			if int(k) < best && strings.HasPrefix(problem[i:], voicePatterns[k][0]) {
				best = int(k)
			}
		}
	}
	if best == len(voicePatterns) {
		return "Other"
	}
	return voicePatterns[best][1]
}

// patternsByFirstByte indexes voicePatterns by the first byte of their
// fragment; patternPairs has a bit for each fragment's first two bytes.
var (
	patternsByFirstByte [256][]uint8
	patternPairs        [65536 / 64]uint64
)

func init() {
	for k, p := range voicePatterns {
		if len(p[0]) < 2 {
			panic("voice check: a family's fragment is under two bytes: " + p[0])
		}
		patternsByFirstByte[p[0][0]] = append(patternsByFirstByte[p[0][0]], uint8(k))
		pair := uint16(p[0][0])<<8 | uint16(p[0][1])
		patternPairs[pair/64] |= 1 << (pair % 64)
	}
}
