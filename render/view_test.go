package render

import (
	"testing"

	"firstperson/forms"
)

func viewSection(t *testing.T, v *AssessmentView, id string) SectionView {
	t.Helper()
	for _, s := range v.Sections {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no section %q", id)
	return SectionView{}
}

func viewQuestion(t *testing.T, s SectionView, id string) QuestionView {
	t.Helper()
	for _, q := range s.Questions {
		if q.ID == id {
			return q
		}
	}
	t.Fatalf("no question %q in %s", id, s.ID)
	return QuestionView{}
}

func TestAssessmentViewShowIfAndProgress(t *testing.T) {
	schema := forms.DefaultTemplate()
	tests := []struct {
		name                                   string
		answers                                forms.Answers
		languageHidden                         bool
		answered, answerable, requiredLeft     int
		formAnswered, formAnswerable, formLeft int
	}{
		{name: "nothing answered", answers: forms.Answers{}, languageHidden: true,
			answered: 0, answerable: 6, requiredLeft: 1, formAnswered: 0, formAnswerable: 58, formLeft: 6},
		{name: "interpreter needed", answers: forms.Answers{"my-name": "Zoë", "interpreter": true},
			answered: 2, answerable: 7, requiredLeft: 0, formAnswered: 2, formAnswerable: 59, formLeft: 5},
		{name: "no interpreter: the language answer is kept but hidden",
			answers:        forms.Answers{"interpreter": false, "interpreter-language": "Polish", "my-name": "  "},
			languageHidden: true, answered: 1, answerable: 6, requiredLeft: 1, formAnswered: 1, formAnswerable: 58, formLeft: 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := NewAssessmentView(schema, tt.answers, ViewOptions{})
			about := viewSection(t, v, "about-me")
			if q := viewQuestion(t, about, "interpreter-language"); q.Hidden != tt.languageHidden {
				t.Errorf("interpreter-language hidden = %v", q.Hidden)
			}
			if about.Answered != tt.answered || about.Answerable != tt.answerable || about.RequiredLeft != tt.requiredLeft {
				t.Errorf("about-me progress %d/%d, %d required left", about.Answered, about.Answerable, about.RequiredLeft)
			}
			if v.Answered != tt.formAnswered || v.Answerable != tt.formAnswerable || v.RequiredLeft != tt.formLeft {
				t.Errorf("form progress %d/%d, %d required left", v.Answered, v.Answerable, v.RequiredLeft)
			}
			if about.Complete() != (tt.requiredLeft == 0 && tt.answered > 0) {
				t.Errorf("Complete() = %v", about.Complete())
			}
		})
	}
}

func TestAssessmentViewCurrentSection(t *testing.T) {
	schema := forms.DefaultTemplate()
	for _, tt := range []struct{ section, want, prev, next string }{
		{"", "about-me", "", "what-matters"},
		{"no-such-section", "about-me", "", "what-matters"},
		{"my-move", "my-move", "family-conversations-section", "sign-off"},
		{"sign-off", "sign-off", "my-move", ""},
	} {
		v := NewAssessmentView(schema, forms.Answers{}, ViewOptions{Section: tt.section})
		cur := v.CurrentSection()
		if cur.ID != tt.want || !cur.Current {
			t.Errorf("section %q: current %q", tt.section, cur.ID)
		}
		if got := v.Previous(); (got == nil) != (tt.prev == "") || got != nil && got.ID != tt.prev {
			t.Errorf("section %q: previous %v", tt.section, got)
		}
		if got := v.Next(); (got == nil) != (tt.next == "") || got != nil && got.ID != tt.next {
			t.Errorf("section %q: next %v", tt.section, got)
		}
		current := 0
		for _, s := range v.Sections {
			if s.Current {
				current++
			}
		}
		if current != 1 {
			t.Errorf("section %q: %d current sections", tt.section, current)
		}
	}
}

func TestQuestionViewInputs(t *testing.T) {
	yesno := &forms.Question{ID: "fallen", Label: "I have fallen", Type: forms.TypeYesNo, Hint: "In the last year"}
	v := NewQuestionView(yesno, false, QuestionOptions{Error: "answer yes or no"})
	if v.InputID != "q-fallen-0" || v.Name != "q.fallen" || v.Yes || !v.No || v.Options[0].Checked || !v.Options[1].Checked ||
		v.Options[1].ID != "q-fallen-1" || !v.Answered {
		t.Errorf("yes/no view %+v", v)
	}
	if v.DescribedBy() != "q-fallen-hint q-fallen-error" {
		t.Errorf("described by %q", v.DescribedBy())
	}

	multi := &forms.Question{ID: "aids", Type: forms.TypeMultiChoice, Options: []string{"Glasses", "Hearing aids"}}
	v = NewQuestionView(multi, []any{"Hearing aids"}, QuestionOptions{})
	if v.Options[0].Checked || !v.Options[1].Checked || v.Options[1].Label != "Hearing aids" {
		t.Errorf("multichoice options %+v", v.Options)
	}

	number := &forms.Question{ID: "people", Type: forms.TypeNumber}
	if v = NewQuestionView(number, 1.5, QuestionOptions{}); v.Text != "1.5" || v.InputID != "q-people" {
		t.Errorf("number text %q", v.Text)
	}
	if v = NewQuestionView(number, 2.0, QuestionOptions{Typed: "two", HasTyped: true}); v.Text != "two" {
		t.Errorf("typed text %q", v.Text)
	}

	text := &forms.Question{ID: "language", Type: forms.TypeText,
		ShowIf: &forms.Condition{Question: "interpreter", Equals: true}}
	if v = NewQuestionView(text, nil, QuestionOptions{Hidden: true}); v.ShowIf != `{"question":"interpreter","equals":true}` ||
		!v.Hidden || v.Answered || v.DescribedBy() != "" {
		t.Errorf("show-if view %+v", v)
	}

	info := &forms.Question{ID: "guide", Label: "Talk to my family", Type: forms.TypeInfo}
	if v = NewQuestionView(info, "stray", QuestionOptions{}); v.Answered {
		t.Error("information text counts as answered")
	}
}

func TestQuestionViewTableRows(t *testing.T) {
	q := &forms.Question{ID: "medicines", Type: forms.TypeTable,
		Columns: []forms.Column{{ID: "name", Label: "Medicine"}, {ID: "dose", Label: "Dose"}}}
	answer := []any{
		map[string]any{"name": "Paracetamol", "dose": "1 g"},
		map[string]any{"name": " ", "dose": ""}, // blank: skipped
		"not a row",
		map[string]any{"dose": "5 ml"},
	}
	v := NewQuestionView(q, answer, QuestionOptions{})
	if len(v.Rows) != 3 {
		t.Fatalf("rows = %d, want 2 and a blank one", len(v.Rows))
	}
	second := v.Rows[1]
	if second.Number != 2 || second.Cells[0].Value != "" || second.Cells[1].Value != "5 ml" ||
		second.Cells[1].Name != "q.medicines[1][dose]" || second.Cells[1].ID != "q-medicines-1-dose" ||
		second.Cells[1].Label != "Dose" || second.Cells[1].Column != "dose" {
		t.Errorf("second row %+v", second)
	}
	if blank := v.Rows[2]; blank.Cells[0].Value != "" || blank.Cells[0].Name != "q.medicines[2][name]" {
		t.Errorf("blank row %+v", blank)
	}
	if v.NewRow.Cells[0].Value != "" || len(v.NewRow.Cells) != 2 {
		t.Errorf("row template %+v", v.NewRow)
	}
	if ro := NewQuestionView(q, answer, QuestionOptions{ReadOnly: true}); len(ro.Rows) != 2 {
		t.Errorf("read-only rows = %d, want 2", len(ro.Rows))
	}
}

func TestQuestionViewSignatureOnlyTakesAPNG(t *testing.T) {
	q := &forms.Question{ID: "sig", Type: forms.TypeSignature}
	png := "data:image/png;base64,iVBORw0KGgo="
	if v := NewQuestionView(q, png, QuestionOptions{}); v.Signature != png || string(v.SignatureURL()) != png || v.Display != "Signed" {
		t.Errorf("signature %q, display %q", v.Signature, v.Display)
	}
	for _, bad := range []any{"javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", 42.0, nil} {
		if v := NewQuestionView(q, bad, QuestionOptions{}); v.Signature != "" {
			t.Errorf("signature %v shown as %q", bad, v.Signature)
		}
	}
}

func TestProgressText(t *testing.T) {
	for _, tt := range []struct {
		answered, answerable, left int
		want                       string
	}{
		{0, 0, 0, "0 of 0 answered"},
		{2, 5, 1, "2 of 5 answered · 1 required left"},
		{3, 7, 4, "3 of 7 answered · 4 required left"},
	} {
		if got := progressText(tt.answered, tt.answerable, tt.left); got != tt.want {
			t.Errorf("progressText(%d, %d, %d) = %q, want %q", tt.answered, tt.answerable, tt.left, got, tt.want)
		}
	}
	v := &AssessmentView{Answered: 29, Answerable: 58}
	if v.Percent() != 50 || (&AssessmentView{}).Percent() != 0 {
		t.Errorf("percent %d", v.Percent())
	}
}
