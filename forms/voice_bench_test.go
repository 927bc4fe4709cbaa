package forms

import (
	"fmt"
	"testing"
)

// bigVoiceSchema is a 1,000-question template built from the corpus
// labels: 50 sections of 20 questions, every fifth with a hint, every
// seventh a choice with three options, every eleventh a table with two
// columns.
func bigVoiceSchema(tb testing.TB) *Schema {
	rows := loadVoiceCorpus(tb)
	s := &Schema{Title: "Big form"}
	n := 0
	for si := 0; si < 50; si++ {
		sec := Section{ID: fmt.Sprintf("s%d", si), Title: rows[(si*37)%len(rows)].label}
		for qi := 0; qi < 20; qi++ {
			q := Question{ID: fmt.Sprintf("q%d", n), Label: rows[n%len(rows)].label, Type: TypeText}
			switch {
			case n%11 == 0:
				q.Type = TypeTable
				q.Columns = []Column{{ID: "a", Label: rows[(n+3)%len(rows)].label}, {ID: "b", Label: "Dose"}}
			case n%7 == 0:
				q.Type = TypeChoice
				q.Options = []string{"Independent", "Needs assistance of one", rows[(n+5)%len(rows)].label}
			}
			if n%5 == 0 {
				q.Hint = rows[(n+7)%len(rows)].label
			}
			sec.Questions = append(sec.Questions, q)
			n++
		}
		s.Sections = append(s.Sections, sec)
	}
	return s
}

// BenchmarkVoiceFindings1000: checking a 1,000-question template must take
// under 5 ms (issue 14).
func BenchmarkVoiceFindings1000(b *testing.B) {
	s := bigVoiceSchema(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.VoiceFindings()
	}
}

// BenchmarkVoiceFindings1000Cold checks the same template with nothing
// remembered: the cost of a template seen for the first time.
func BenchmarkVoiceFindings1000Cold(b *testing.B) {
	s := bigVoiceSchema(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resetVoiceCache()
		s.VoiceFindings()
	}
}

// BenchmarkCheckLabel1000Cold checks only the 1,000 question labels of
// the big template, with nothing remembered.
func BenchmarkCheckLabel1000Cold(b *testing.B) {
	qs := bigVoiceSchema(b).Questions()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resetVoiceCache()
		for _, q := range qs {
			CheckLabel(q.Label)
		}
	}
}
