package forms

import (
	"runtime"
	"sync"
)

// A first check of a form is CPU work, about 2.5 ms for 1,000 questions on
// one core. From voiceParallelMin items (section titles and questions) on,
// VoiceFindings splits the form into runs of items, one per processor (at
// most voiceWorkersMax), checks the runs at once and joins their findings
// in form order; the answers do not depend on it (the check is pure, the
// memo and the parse pool are safe to share). A smaller form is checked in
// one go: it is done before more goroutines would pay for themselves.
const (
	voiceParallelMin = 300
	voiceWorkersMax  = 4
)

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
	n := 0
	for _, sec := range s.Sections {
		n += 1 + len(sec.Questions)
	}
	workers := min(runtime.GOMAXPROCS(0), voiceWorkersMax)
	if n < voiceParallelMin || workers < 2 {
		return s.voiceFindings(findings, 0, n)
	}
	runs := make([][]VoiceFinding, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { runs[w] = s.voiceFindings(nil, n*w/workers, n*(w+1)/workers) })
	}
	wg.Wait()
	total := 0
	for _, run := range runs {
		total += len(run)
	}
	findings = make([]VoiceFinding, 0, total)
	for _, run := range runs {
		findings = append(findings, run...)
	}
	return findings
}

// voiceFindings appends the findings of items [from, to) of the form, an
// item being a section's title or one of its questions, in form order.
func (s *Schema) voiceFindings(findings []VoiceFinding, from, to int) []VoiceFinding {
	add := func(f VoiceFinding, check func(string) (string, string, bool)) {
		if problem, suggestion, flagged := check(f.Label); flagged {
			f.Problem, f.Suggestion = problem, suggestion
			findings = append(findings, f)
		}
	}
	item := 0
	for _, sec := range s.Sections {
		if item+1+len(sec.Questions) <= from {
			item += 1 + len(sec.Questions)
			continue
		}
		if item >= to {
			break
		}
		if item >= from {
			add(VoiceFinding{SectionID: sec.ID, Field: VoiceFieldTitle, Label: sec.Title}, checkPart)
		}
		item++
		for _, q := range sec.Questions {
			i := item
			item++
			if i < from || i >= to || q.Type == TypeInfo {
				continue
			}
			at := VoiceFinding{QuestionID: q.ID, SectionID: sec.ID}
			f := at
			f.Field, f.Label = VoiceFieldLabel, q.Label
			if q.Type != TypeSignature { // a signature is sign-off (the policy in voice.go)
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
