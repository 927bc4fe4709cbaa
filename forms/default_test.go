package forms

import (
	"regexp"
	"strings"
	"testing"
)

func TestDefaultTemplateShape(t *testing.T) {
	s := DefaultTemplate()
	if s.Title != "Trusted Assessor discharge assessment" {
		t.Errorf("title = %q", s.Title)
	}
	if len(s.Sections) != 18 {
		t.Fatalf("sections = %d, want 18 (PRODUCT.md)", len(s.Sections))
	}
	// The first and last sections anchor the order PRODUCT.md lists.
	if s.Sections[0].ID != "about-me" || s.Sections[17].ID != "sign-off" {
		t.Errorf("sections run %q … %q, want about-me … sign-off", s.Sections[0].ID, s.Sections[17].ID)
	}
	for i, sec := range s.Sections {
		if len(sec.Questions) == 0 {
			t.Errorf("section %d (%s) has no questions", i, sec.ID)
		}
	}
}

// Other packages (PDF, pages) look these ids up, so they must not drift.
func TestDefaultTemplateWellKnownIDs(t *testing.T) {
	want := map[string]QuestionType{
		"my-name":              TypeText,
		"please-call-me":       TypeText,
		"date-of-birth":        TypeDate,
		"nhs-number":           TypeText,
		"first-language":       TypeText,
		"interpreter":          TypeYesNo,
		"interpreter-language": TypeText,
		"what-matters-most":    TypeLongText,
		"important-people":     TypeTable,
		"medicines":            TypeTable,
		"family-conversations": TypeTable,
		"assessor-name":        TypeText,
		"assessor-signature":   TypeSignature,
		"sign-off-date":        TypeDate,
	}
	s := DefaultTemplate()
	for id, typ := range want {
		q := s.Question(id)
		if q == nil {
			t.Errorf("question %q is missing", id)
			continue
		}
		if q.Type != typ {
			t.Errorf("question %q type = %s, want %s", id, q.Type, typ)
		}
	}
	for _, id := range []string{"my-name", "assessor-name", "recommendation", "assessor-signature", "sign-off-date"} {
		if q := s.Question(id); q == nil || !q.Required {
			t.Errorf("question %q should be required", id)
		}
	}
	if q := s.Question("interpreter-language"); q == nil || q.ShowIf == nil ||
		q.ShowIf.Question != "interpreter" || q.ShowIf.Equals != true {
		t.Errorf("interpreter-language should show only when interpreter is yes")
	}
	if q := s.Question("capacity-details"); q == nil || q.ShowIf == nil || q.ShowIf.Equals != false {
		t.Errorf("capacity-details should show only when I cannot make decisions")
	}
}

func TestDefaultTemplateTableColumns(t *testing.T) {
	want := map[string][]string{
		"important-people":     {"Name", "Relationship", "Phone", "Please contact them about"},
		"medicines":            {"Medicine", "Dose", "When", "How I take it"},
		"family-conversations": {"Who we spoke to", "Relationship", "Date", "How (phone or in person)", "What they told us", "Their worries", "What we agreed"},
	}
	s := DefaultTemplate()
	for id, labels := range want {
		q := s.Question(id)
		if q == nil {
			t.Fatalf("question %q is missing", id)
		}
		var got []string
		for _, c := range q.Columns {
			got = append(got, c.Label)
		}
		if strings.Join(got, "|") != strings.Join(labels, "|") {
			t.Errorf("%s columns = %q, want %q", id, got, labels)
		}
	}
}

var (
	// Wording PRODUCT.md calls third-person or medicalised.
	forbiddenWording = regexp.MustCompile(`(?i)\b(patients?|residents?|service users?|clients?|beds?|he|she|his|her|him|he/she|his/her)\b`)
	firstPerson      = regexp.MustCompile(`\b(I|I'm|me|my|My|myself)\b`)
)

// Every label and hint is in the person's voice: no third-person or
// medicalised words, and every answerable label is owned by "I", "me" or
// "my" (so never a bare noun such as "Name" or "Allergies").
func TestDefaultTemplateFirstPersonVoice(t *testing.T) {
	s := DefaultTemplate()
	for _, sec := range s.Sections {
		if w := forbiddenWording.FindString(sec.Title); w != "" {
			t.Errorf("section %s title %q uses %q", sec.ID, sec.Title, w)
		}
	}
	for _, q := range s.Questions() {
		for _, text := range []string{q.Label, q.Hint} {
			if w := forbiddenWording.FindString(text); w != "" {
				t.Errorf("question %s: %q uses %q", q.ID, text, w)
			}
		}
		if q.Type.Answerable() && !firstPerson.MatchString(q.Label) {
			t.Errorf("question %s label %q is not in the first person", q.ID, q.Label)
		}
	}
}

func TestDefaultTemplateShowIfPointsEarlier(t *testing.T) {
	s := DefaultTemplate()
	seen := map[string]bool{}
	conditions := 0
	for _, q := range s.Questions() {
		if q.ShowIf != nil {
			conditions++
			if !seen[q.ShowIf.Question] {
				t.Errorf("%s shows if %q, which does not come earlier", q.ID, q.ShowIf.Question)
			}
		}
		seen[q.ID] = true
	}
	if conditions < 4 {
		t.Errorf("only %d show-if conditions; interpreter, LPA, capacity and care home need one each", conditions)
	}
}

func TestDefaultTemplateIsAFreshCopy(t *testing.T) {
	a := DefaultTemplate()
	a.Title = "changed"
	a.Sections[0].Questions[0].Label = "changed"
	b := DefaultTemplate()
	if b.Title == "changed" || b.Sections[0].Questions[0].Label == "changed" {
		t.Fatal("changing one copy changed the next")
	}
}
