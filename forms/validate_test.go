package forms

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// validSchema is a small form using every question type, made up for tests.
func validSchema() *Schema {
	return &Schema{
		Title: "Test assessment",
		Sections: []Section{
			{ID: "about", Title: "About me", Questions: []Question{
				{ID: "my-name", Label: "My name", Type: TypeText, Required: true},
				{ID: "interpreter", Label: "I need an interpreter", Type: TypeYesNo},
				{ID: "language", Label: "My language", Type: TypeText,
					ShowIf: &Condition{Question: "interpreter", Equals: true}},
				{ID: "walk-with", Label: "I walk with", Type: TypeChoice, Options: []string{"Nothing", "A stick"}},
				{ID: "aids", Label: "I use", Type: TypeMultiChoice, Options: []string{"Glasses", "Hearing aids"}},
				{ID: "helpers", Label: "People I need to help me move", Type: TypeNumber},
				{ID: "first-language", Label: "My first language", Type: TypeText},
			}},
			{ID: "more", Title: "More about me", Questions: []Question{
				{ID: "medicines", Label: "My medicines", Type: TypeTable,
					Columns: []Column{{ID: "name", Label: "Medicine"}, {ID: "dose", Label: "Dose"}}},
				{ID: "guide", Label: "Talk with me first.", Type: TypeInfo},
				{ID: "signature", Label: "My assessor's signature", Type: TypeSignature},
				{ID: "when", Label: "Date of my assessment", Type: TypeDate},
				{ID: "notes", Label: "Anything else about me", Type: TypeLongText},
			}},
		},
	}
}

func TestValidSchemaPasses(t *testing.T) {
	if err := validSchema().Validate(); err != nil {
		t.Fatalf("valid schema: %v", err)
	}
	if err := DefaultTemplate().Validate(); err != nil {
		t.Fatalf("default template: %v", err)
	}
}

func TestValidateReportsEachRule(t *testing.T) {
	q := func(s *Schema, id string) *Question { return s.Question(id) }
	tests := []struct {
		name   string
		change func(s *Schema)
		field  string
		// contains must appear in the message.
		contains string
	}{
		{"blank title", func(s *Schema) { s.Title = "  " }, "title", "blank"},
		{"long title", func(s *Schema) { s.Title = strings.Repeat("a", 201) }, "title", "200"},
		{"no sections", func(s *Schema) { s.Sections = nil }, "sections", "at least one section"},
		{"too many sections", func(s *Schema) {
			for i := 0; len(s.Sections) <= 100; i++ {
				s.Sections = append(s.Sections, Section{ID: fmt.Sprintf("extra-%d", i), Title: "More"})
			}
		}, "sections", "100"},
		{"too many questions", func(s *Schema) {
			for i := 0; i < 1000; i++ {
				s.Sections[1].Questions = append(s.Sections[1].Questions,
					Question{ID: fmt.Sprintf("q%d", i), Label: "My answer", Type: TypeText})
			}
		}, "sections", "1000"},
		{"blank section id", func(s *Schema) { s.Sections[1].ID = "" }, "sections[1].id", "needs an id"},
		{"bad section id", func(s *Schema) { s.Sections[1].ID = "More About" }, "sections[1].id", "lower-case"},
		{"duplicate section id", func(s *Schema) { s.Sections[1].ID = "about" }, "sections[1].id", "already uses"},
		{"blank section title", func(s *Schema) { s.Sections[0].Title = "" }, "sections[0].title", "blank"},
		{"blank question id", func(s *Schema) { s.Sections[0].Questions[3].ID = "" }, "sections[0].questions[3].id", "needs an id"},
		{"upper-case question id", func(s *Schema) { s.Sections[0].Questions[6].ID = "First-Language" }, "sections[0].questions[6].id", "lower-case"},
		{"question id too long", func(s *Schema) { s.Sections[0].Questions[6].ID = strings.Repeat("a", 65) }, "sections[0].questions[6].id", "at most 64"},
		{"question id starts with dash", func(s *Schema) { s.Sections[0].Questions[6].ID = "-lang" }, "sections[0].questions[6].id", "start"},
		{"duplicate question id across sections", func(s *Schema) { s.Sections[1].Questions[4].ID = "my-name" }, "sections[1].questions[4].id", "already uses"},
		{"question id equals section id", func(s *Schema) { s.Sections[1].Questions[4].ID = "about" }, "sections[1].questions[4].id", "section"},
		{"blank label", func(s *Schema) { q(s, "my-name").Label = " " }, "my-name", "label is blank"},
		{"long label", func(s *Schema) { q(s, "my-name").Label = strings.Repeat("é", 501) }, "my-name", "500"},
		{"long info text", func(s *Schema) { q(s, "guide").Label = strings.Repeat("a", 5001) }, "guide", "5000"},
		{"label with NUL", func(s *Schema) { q(s, "my-name").Label = "My\x00name" }, "my-name", "cannot be shown"},
		{"long hint", func(s *Schema) { q(s, "my-name").Hint = strings.Repeat("a", 1001) }, "my-name", "1000"},
		{"missing type", func(s *Schema) { q(s, "my-name").Type = "" }, "my-name", "question type"},
		{"unknown type", func(s *Schema) { q(s, "my-name").Type = "essay" }, "my-name", `"essay"`},
		{"choice with one option", func(s *Schema) { q(s, "walk-with").Options = []string{"Nothing"} }, "walk-with", "at least two options"},
		{"multichoice with no options", func(s *Schema) { q(s, "aids").Options = nil }, "aids", "at least two options"},
		{"blank option", func(s *Schema) { q(s, "walk-with").Options[1] = "" }, "walk-with", "option 2 is blank"},
		{"duplicate option", func(s *Schema) { q(s, "walk-with").Options = []string{"A stick", "A stick"} }, "walk-with", "twice"},
		{"long option", func(s *Schema) { q(s, "walk-with").Options[0] = strings.Repeat("a", 201) }, "walk-with", "200"},
		{"too many options", func(s *Schema) {
			q(s, "walk-with").Options = nil
			for i := 0; i < 101; i++ {
				q(s, "walk-with").Options = append(q(s, "walk-with").Options, fmt.Sprint("Option ", i))
			}
		}, "walk-with", "100"},
		{"options on text", func(s *Schema) { q(s, "my-name").Options = []string{"A", "B"} }, "my-name", "only choice"},
		{"columns on text", func(s *Schema) { q(s, "my-name").Columns = []Column{{ID: "a", Label: "A"}} }, "my-name", "only table"},
		{"table without columns", func(s *Schema) { q(s, "medicines").Columns = nil }, "medicines", "at least one column"},
		{"too many columns", func(s *Schema) {
			q(s, "medicines").Columns = nil
			for i := 0; i < 21; i++ {
				q(s, "medicines").Columns = append(q(s, "medicines").Columns, Column{ID: fmt.Sprint("c", i), Label: "C"})
			}
		}, "medicines", "20"},
		{"bad column id", func(s *Schema) { q(s, "medicines").Columns[1].ID = "Dose!" }, "medicines", "column 2"},
		{"blank column id", func(s *Schema) { q(s, "medicines").Columns[1].ID = "" }, "medicines", "column 2 needs an id"},
		{"duplicate column id", func(s *Schema) { q(s, "medicines").Columns[1].ID = "name" }, "medicines", `"name"`},
		{"blank column label", func(s *Schema) { q(s, "medicines").Columns[0].Label = "" }, "medicines", "column 1 needs a label"},
		{"required info", func(s *Schema) { q(s, "guide").Required = true }, "guide", "cannot be required"},
		{"show_if without question", func(s *Schema) { q(s, "language").ShowIf.Question = "" }, "language", "earlier question"},
		{"show_if on itself", func(s *Schema) { q(s, "language").ShowIf.Question = "language" }, "language", "its own"},
		{"show_if on a later question", func(s *Schema) {
			q(s, "language").ShowIf = &Condition{Question: "first-language", Equals: "Welsh"}
		}, "language", "comes later"},
		{"show_if on a missing question", func(s *Schema) { q(s, "language").ShowIf.Question = "nobody" }, "language", `"nobody"`},
		{"show_if on info", func(s *Schema) { q(s, "notes").ShowIf = &Condition{Question: "guide", Equals: "x"} }, "notes", "information text"},
		{"show_if on table", func(s *Schema) { q(s, "notes").ShowIf = &Condition{Question: "medicines", Equals: "x"} }, "notes", "table"},
		{"show_if on signature", func(s *Schema) { q(s, "notes").ShowIf = &Condition{Question: "signature", Equals: "x"} }, "notes", "signature"},
		{"show_if on date", func(s *Schema) { q(s, "notes").ShowIf = &Condition{Question: "when", Equals: "2024-01-01"} }, "notes", "date"},
		{"show_if chain too long", func(s *Schema) {
			prev := "interpreter"
			for i := 1; i <= 33; i++ {
				id := fmt.Sprintf("chain-%d", i)
				s.Sections[1].Questions = append(s.Sections[1].Questions, Question{ID: id, Label: "I need", Type: TypeYesNo,
					ShowIf: &Condition{Question: prev, Equals: true}})
				prev = id
			}
		}, "chain-33", "chain of more than 32"},
		{"yesno wants bool", func(s *Schema) { q(s, "language").ShowIf.Equals = "yes" }, "language", "true or false"},
		{"yesno null", func(s *Schema) { q(s, "language").ShowIf.Equals = nil }, "language", "true or false"},
		{"choice wants an option", func(s *Schema) {
			q(s, "notes").ShowIf = &Condition{Question: "walk-with", Equals: "A frame"}
		}, "notes", "one of the options"},
		{"multichoice wants an option", func(s *Schema) {
			q(s, "notes").ShowIf = &Condition{Question: "aids", Equals: true}
		}, "notes", "one of the options"},
		{"text wants a string", func(s *Schema) {
			q(s, "notes").ShowIf = &Condition{Question: "my-name", Equals: 3.0}
		}, "notes", "text"},
		{"number wants a number", func(s *Schema) {
			q(s, "notes").ShowIf = &Condition{Question: "helpers", Equals: "2"}
		}, "notes", "number"},
		{"number must be finite", func(s *Schema) {
			q(s, "notes").ShowIf = &Condition{Question: "helpers", Equals: math.Inf(1)}
		}, "notes", "number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSchema()
			tt.change(s)
			fields := validationFields(t, s.Validate())
			msg, ok := fields[tt.field]
			if !ok {
				t.Fatalf("no problem reported for %q; got %v", tt.field, fields)
			}
			if len(fields) != 1 {
				t.Errorf("want only %q, got %v", tt.field, fields)
			}
			assertReadable(t, msg)
			if !strings.Contains(msg, tt.contains) {
				t.Errorf("message %q does not mention %q", msg, tt.contains)
			}
		})
	}
}

// A question without a usable id cannot be named by it, so each of its
// problems goes under its own path.
func TestValidateKeysByPathWithoutUsableID(t *testing.T) {
	s := validSchema()
	s.Sections[0].Questions[6].ID = "Bad"
	s.Sections[0].Questions[6].Label = ""
	s.Sections[0].Questions[6].Type = "essay"
	fields := validationFields(t, s.Validate())
	for _, f := range []string{"sections[0].questions[6].id", "sections[0].questions[6].label", "sections[0].questions[6].type"} {
		if m, ok := fields[f]; !ok {
			t.Errorf("no problem reported for %q; got %v", f, fields)
		} else {
			assertReadable(t, m)
		}
	}
	if len(fields) != 3 {
		t.Errorf("want 3 fields, got %v", fields)
	}
}

func TestValidateAcceptsConditions(t *testing.T) {
	tests := []struct {
		name   string
		target string
		equals any
	}{
		{"yesno false", "interpreter", false},
		{"choice option", "walk-with", "A stick"},
		{"multichoice option", "aids", "Glasses"},
		{"text", "my-name", "Zoë"},
		{"number", "helpers", 2.0},
		// A condition may point at a question in an earlier section.
		{"earlier section", "first-language", "Welsh"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSchema()
			s.Question("notes").ShowIf = &Condition{Question: tt.target, Equals: tt.equals}
			if err := s.Validate(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestValidateCollectsEveryProblemDeterministically(t *testing.T) {
	s := validSchema()
	s.Title = ""
	s.Sections[1].Title = ""
	s.Question("walk-with").Options = nil
	s.Question("walk-with").Label = ""
	s.Question("guide").Required = true
	err := s.Validate()
	fields := validationFields(t, err)
	want := []string{"title", "sections[1].title", "walk-with", "guide"}
	for _, f := range want {
		if _, ok := fields[f]; !ok {
			t.Errorf("missing %q in %v", f, fields)
		}
	}
	if len(fields) != len(want) {
		t.Errorf("got %d fields, want %d: %v", len(fields), len(want), fields)
	}
	// Two problems with one question are both kept.
	if m := fields["walk-with"]; !strings.Contains(m, "label") || !strings.Contains(m, "options") {
		t.Errorf("walk-with message %q should name both problems", m)
	}
	for i := 0; i < 20; i++ {
		if again := s.Validate(); again.Error() != err.Error() {
			t.Fatalf("not deterministic:\n%v\n%v", err, again)
		}
	}
}

// validationFields asserts err is a *ValidationError and returns its fields.
func validationFields(t *testing.T, err error) map[string]string {
	t.Helper()
	if err == nil {
		t.Fatal("want a validation error, got nil")
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want *ValidationError, got %T: %v", err, err)
	}
	if ve.Message == "" || len(ve.Fields) == 0 {
		t.Fatalf("empty validation error: %+v", ve)
	}
	return ve.Fields
}

// assertReadable checks a message is words for a person, not a code.
func assertReadable(t *testing.T, msg string) {
	t.Helper()
	if len(strings.Fields(msg)) < 3 {
		t.Errorf("message %q is too terse to help anyone", msg)
	}
	if strings.Contains(msg, "%!") || strings.Contains(msg, "json:") {
		t.Errorf("message %q leaks formatting or library detail", msg)
	}
}
