package forms

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// contractExample is the schema from CONTRACT.md, "Form schema".
const contractExample = `{"title": "Trusted Assessor discharge assessment",
 "sections": [
  {"id": "about-me", "title": "About me", "questions": [
    {"id": "my-name", "label": "My name", "type": "text", "required": true},
    {"id": "interpreter", "label": "I need an interpreter", "type": "yesno"},
    {"id": "language", "label": "The language I speak is", "type": "text",
     "show_if": {"question": "interpreter", "equals": true}},
    {"id": "walk-with", "label": "I walk with", "type": "choice",
     "options": ["Nothing", "A stick", "A frame", "A wheelchair"]},
    {"id": "medicines", "label": "My medicines", "type": "table",
     "columns": [{"id": "name", "label": "Medicine"}, {"id": "dose", "label": "Dose"}]},
    {"id": "signature", "label": "Assessor signature", "type": "signature"}]}]}`

func TestDecodeSchemaContractExample(t *testing.T) {
	s, err := DecodeSchema([]byte(contractExample))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	q := s.Question("language")
	if q == nil || q.ShowIf == nil || q.ShowIf.Question != "interpreter" || q.ShowIf.Equals != true {
		t.Fatalf("show_if not decoded: %+v", q)
	}
	if got := len(s.Question("medicines").Columns); got != 2 {
		t.Errorf("medicines has %d columns, want 2", got)
	}
}

func TestDecodeSchemaRoundTripsTheDefault(t *testing.T) {
	b, err := json.Marshal(DefaultTemplate())
	if err != nil {
		t.Fatal(err)
	}
	s, err := DecodeSchema(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Questions()) != len(DefaultTemplate().Questions()) {
		t.Fatal("question count changed in a round trip")
	}
}

func TestDecodeSchemaRejects(t *testing.T) {
	tests := []struct {
		name string
		in   string
		// mention is a word the message must contain so the team can find
		// the mistake.
		mention string
	}{
		{"empty", ``, "empty"},
		{"not an object", `[]`, "object"},
		{"null", `null`, "object"},
		{"syntax error", `{"title": }`, "byte"},
		{"cut short", `{"title": "x"`, "ends too early"},
		{"trailing data", `{"title": "x"} {}`, "after the end"},
		{"trailing garbage", `{"title": "x"}x`, "byte"},
		{"unknown top-level field", `{"title": "x", "colour": "red"}`, `"colour"`},
		{"unknown question field", `{"title": "x", "sections": [{"id": "a", "title": "A", "questions": [{"id": "q", "lable": "My name"}]}]}`, `sections[0].questions[0].lable`},
		{"field in the wrong case", `{"Title": "x"}`, `"Title"`},
		{"duplicate field", `{"title": "x", "title": "y"}`, "twice"},
		{"title not a string", `{"title": 3}`, "title"},
		{"sections not a list", `{"title": "x", "sections": {}}`, "a list"},
		{"required not a bool", `{"title": "x", "sections": [{"id": "a", "title": "A", "questions": [{"id": "q", "required": "yes"}]}]}`, "sections[0].questions[0].required"},
		{"option not a string", `{"title": "x", "sections": [{"id": "a", "title": "A", "questions": [{"id": "q", "options": ["a", 2]}]}]}`, "options[1]"},
		{"show_if not an object", `{"title": "x", "sections": [{"id": "a", "title": "A", "questions": [{"id": "q", "show_if": "x"}]}]}`, "show_if"},
		{"unknown show_if field", `{"title": "x", "sections": [{"id": "a", "title": "A", "questions": [{"id": "q", "show_if": {"question": "p", "is": true}}]}]}`, "show_if.is"},
		{"huge number", `{"title": "x", "sections": [{"id": "a", "title": "A", "questions": [{"id": "q", "show_if": {"question": "p", "equals": 1e999}}]}]}`, "too large"},
		{"invalid UTF-8", "{\"title\": \"caf\xe9\"}", "UTF-8"},
		{"deep nesting", `{"title": "x", "sections": [{"id": "a", "title": "A", "questions": [{"id": "q", "show_if": {"question": "p", "equals": ` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}}]}]}`, "nested too deeply"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := DecodeSchema([]byte(tt.in))
			if err == nil {
				t.Fatalf("accepted: %+v", s)
			}
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("error %v does not wrap ErrMalformed", err)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("error %q does not mention %q", err, tt.mention)
			}
		})
	}
}

// Null means absent, as in encoding/json, so clients may send it for
// optional fields; Validate then judges what is missing.
func TestDecodeSchemaNullIsAbsent(t *testing.T) {
	s, err := DecodeSchema([]byte(`{"title": "x", "sections": [{"id": "a", "title": "A", "questions": [{"id": "q", "label": "My name", "type": "text", "hint": null, "show_if": null}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if q := s.Question("q"); q == nil || q.ShowIf != nil || q.Hint != "" {
		t.Fatalf("null fields not treated as absent: %+v", q)
	}
}

func TestVisibleFollowsChainedConditions(t *testing.T) {
	s := &Schema{Title: "t", Sections: []Section{{ID: "s", Title: "S", Questions: []Question{
		{ID: "a", Label: "I have a", Type: TypeYesNo},
		{ID: "b", Label: "I walk with", Type: TypeChoice, Options: []string{"A stick", "Nothing"},
			ShowIf: &Condition{Question: "a", Equals: true}},
		{ID: "c", Label: "My stick is", Type: TypeText,
			ShowIf: &Condition{Question: "b", Equals: "A stick"}},
	}}}}
	tests := []struct {
		name    string
		answers Answers
		b, c    bool
	}{
		{"nothing answered", Answers{}, false, false},
		{"a yes, b unanswered", Answers{"a": true}, true, false},
		{"a yes, b stick", Answers{"a": true, "b": "A stick"}, true, true},
		// b keeps its old answer but a hides it, so c must hide too.
		{"a no hides the chain", Answers{"a": false, "b": "A stick"}, false, false},
		{"a yes, b nothing", Answers{"a": true, "b": "Nothing"}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !s.Visible("a", tt.answers) {
				t.Error("a should always show")
			}
			if got := s.Visible("b", tt.answers); got != tt.b {
				t.Errorf("b visible = %v, want %v", got, tt.b)
			}
			if got := s.Visible("c", tt.answers); got != tt.c {
				t.Errorf("c visible = %v, want %v", got, tt.c)
			}
		})
	}
	if s.Visible("nobody", Answers{}) {
		t.Error("an unknown question should not be visible")
	}
}

func TestConditionMet(t *testing.T) {
	tests := []struct {
		name   string
		equals any
		answer any
		want   bool
	}{
		{"bool match", true, true, true},
		{"bool differs", true, false, false},
		{"bool vs string", true, "true", false},
		{"bool unanswered", false, nil, false},
		{"number match", 2.0, 2.0, true},
		{"number differs", 2.0, 3.0, false},
		{"number vs string", 2.0, "2", false},
		{"string match", "A stick", "A stick", true},
		{"string differs", "A stick", "a stick", false},
		{"multichoice ticked", "Glasses", []any{"Dentures", "Glasses"}, true},
		{"multichoice not ticked", "Glasses", []any{"Dentures"}, false},
		{"nil equals never matches", nil, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ConditionMet(Condition{Question: "q", Equals: tt.equals}, tt.answer); got != tt.want {
				t.Errorf("ConditionMet(%v, %v) = %v, want %v", tt.equals, tt.answer, got, tt.want)
			}
		})
	}
}

func TestIsEmpty(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want bool
	}{
		{"nil", nil, true},
		{"blank string", " \n\t", true},
		{"text", "Zoë", false},
		{"false is an answer", false, false},
		{"zero is an answer", 0.0, false},
		{"empty list", []any{}, true},
		{"list of blanks", []any{"", " "}, true},
		{"ticked option", []any{"Glasses"}, false},
		{"table of blank rows", []any{map[string]any{"name": "", "dose": " "}}, true},
		{"table with a cell", []any{map[string]any{"name": "", "dose": "5 mg"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsEmpty(tt.v); got != tt.want {
				t.Errorf("IsEmpty(%#v) = %v, want %v", tt.v, got, tt.want)
			}
		})
	}
}

func TestFormatAnswer(t *testing.T) {
	table := &Question{ID: "medicines", Type: TypeTable,
		Columns: []Column{{ID: "name", Label: "Medicine"}, {ID: "dose", Label: "Dose"}}}
	multi := &Question{ID: "aids", Type: TypeMultiChoice, Options: []string{"Glasses", "Dentures"}}
	tests := []struct {
		name string
		q    *Question
		v    any
		want string
	}{
		{"yes", &Question{Type: TypeYesNo}, true, "Yes"},
		{"no", &Question{Type: TypeYesNo}, false, "No"},
		{"whole number", &Question{Type: TypeNumber}, 2.0, "2"},
		{"fraction", &Question{Type: TypeNumber}, 1.5, "1.5"},
		{"multichoice", multi, []any{"Glasses", "Dentures"}, "Glasses, Dentures"},
		{"table rows in column order, blank rows and cells skipped", table, []any{
			map[string]any{"dose": "5 mg", "name": "Made-up-amine"},
			map[string]any{"name": "", "dose": ""},
			map[string]any{"name": "Testolol"},
		}, "Medicine: Made-up-amine; Dose: 5 mg\nMedicine: Testolol"},
		{"signature", &Question{Type: TypeSignature}, "data:image/png;base64,AAAA", "Signed"},
		{"empty", &Question{Type: TypeText}, "  ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatAnswer(tt.q, tt.v); got != tt.want {
				t.Errorf("FormatAnswer = %q, want %q", got, tt.want)
			}
		})
	}
}
