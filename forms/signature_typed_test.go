package forms

import (
	"strings"
	"testing"
	"time"
)

func typedSchema() *Schema {
	return &Schema{Sections: []Section{{ID: "s", Title: "Sign", Questions: []Question{
		{ID: "sig", Label: "Assessor signature", Type: TypeSignature, Required: true},
		{ID: "name", Label: "My name", Type: TypeText},
	}}}}
}

func TestTypedSignatureValidation(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string // part of the message, "" for valid
	}{
		{"typed and confirmed", map[string]any{"typed": "Priya Raman", "confirmed": true}, ""},
		{"stored shape comes back", map[string]any{"typed": "Priya Raman", "confirmed": true, "entered_by": "X", "entered_at": "2026-03-03T14:05:00Z"}, ""},
		{"not confirmed", map[string]any{"typed": "Priya Raman", "confirmed": false}, "I confirm this is my signature"},
		{"confirmed missing", map[string]any{"typed": "Priya Raman"}, "I confirm"},
		{"confirmed as text", map[string]any{"typed": "Priya Raman", "confirmed": "yes"}, "I confirm"},
		{"blank name", map[string]any{"typed": "  ", "confirmed": true}, "type your full name"},
		{"name not text", map[string]any{"typed": 7.0, "confirmed": true}, "type your full name"},
		{"name too long", map[string]any{"typed": strings.Repeat("a", 201), "confirmed": true}, "200 characters"},
		{"control characters", map[string]any{"typed": "Priya\x00", "confirmed": true}, "cannot be saved"},
		{"new line", map[string]any{"typed": "Priya\nRaman", "confirmed": true}, "cannot be saved"},
		{"unknown key", map[string]any{"typed": "Priya", "confirmed": true, "image": "x"}, `not "image"`},
		{"a number", 4.0, "type your name and confirm it"},
	}
	s := typedSchema()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := s.ValidateAnswers(Answers{"sig": tc.v})
			if tc.want == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			ve, ok := err.(*ValidationError)
			if !ok || !strings.Contains(ve.Fields["sig"], tc.want) {
				t.Fatalf("want a message with %q for sig, got %v", tc.want, err)
			}
		})
	}
}

func TestStampTypedSignatures(t *testing.T) {
	s := typedSchema()
	at := time.Date(2026, 3, 3, 14, 5, 0, 0, time.UTC)
	// A client's claim of who entered it is overwritten.
	a := Answers{"sig": map[string]any{"typed": " Priya Raman ", "confirmed": true, "entered_by": "Someone Else", "entered_at": "2000-01-01T00:00:00Z"}, "name": "x"}
	s.StampTypedSignatures(a, Answers{}, "Sam Assessor", at)
	got := a["sig"].(map[string]any)
	if got["typed"] != "Priya Raman" || got["entered_by"] != "Sam Assessor" || got["entered_at"] != "2026-03-03T14:05:00Z" || a["name"] != "x" {
		t.Fatalf("stamped %v", a)
	}
	// The same name sent again keeps who first entered it.
	again := Answers{"sig": map[string]any{"typed": "Priya Raman", "confirmed": true}}
	s.StampTypedSignatures(again, a, "Lee Later", at.Add(time.Hour))
	if g := again["sig"].(map[string]any); g["entered_by"] != "Sam Assessor" || g["entered_at"] != "2026-03-03T14:05:00Z" {
		t.Fatalf("restamped %v", g)
	}
	// A different name is a new signature.
	other := Answers{"sig": map[string]any{"typed": "Lee Later", "confirmed": true}}
	s.StampTypedSignatures(other, a, "Lee Later", at.Add(time.Hour))
	if g := other["sig"].(map[string]any); g["entered_by"] != "Lee Later" || g["entered_at"] != "2026-03-03T15:05:00Z" {
		t.Fatalf("not restamped %v", g)
	}
	ts, ok := AsTypedSignature(a["sig"])
	if !ok || ts.Statement() != "Signed electronically by typing: Priya Raman, 3 Mar 2026 14:05" {
		t.Fatalf("statement %q", ts.Statement())
	}
	if FormatAnswer(s.Question("sig"), a["sig"]) != ts.Statement() || IsEmpty(a["sig"]) {
		t.Fatal("format / empty")
	}
	if missing := s.MissingRequired(a); len(missing) != 0 {
		t.Fatalf("a typed signature answers a required question: %v", missing)
	}
}
