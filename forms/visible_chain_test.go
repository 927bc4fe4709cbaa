package forms

import (
	"fmt"
	"testing"
)

// A long chain of show-if conditions, all met, keeps its last question
// shown; a cycle (only possible in an unvalidated schema) hides instead of
// looping forever.
func TestVisibleFollowsLongChainsAndSurvivesCycles(t *testing.T) {
	var qs []Question
	answers := Answers{}
	for i := 0; i < 100; i++ {
		q := Question{ID: fmt.Sprintf("q%d", i), Label: "I say yes", Type: TypeYesNo}
		if i > 0 {
			q.ShowIf = &Condition{Question: fmt.Sprintf("q%d", i-1), Equals: true}
		}
		qs = append(qs, q)
		answers[q.ID] = true
	}
	s := &Schema{Title: "Chain", Sections: []Section{{ID: "s", Title: "S", Questions: qs}}}
	if !s.Visible("q99", answers) {
		t.Fatal("q99 hidden although every condition is met")
	}
	answers["q50"] = false
	if s.Visible("q99", answers) || !s.Visible("q50", answers) || s.Visible("q51", answers) {
		t.Fatal("breaking the chain at q50 should hide q51..q99 and keep q50")
	}
	s.Sections[0].Questions[0].ShowIf = &Condition{Question: "q99", Equals: true}
	if s.Visible("q10", answers) {
		t.Fatal("a question in a cycle should be hidden")
	}
}
