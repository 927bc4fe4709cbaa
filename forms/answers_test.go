package forms

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image"
	"image/png"
	"math"
	"strings"
	"testing"
)

// pngDataURL draws a blank w×h picture and returns it as a canvas would.
func pngDataURL(t *testing.T, w, h int) string {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return signaturePrefix + base64.StdEncoding.EncodeToString(buf.Bytes())
}

func TestValidateAnswersAcceptsFittingAnswers(t *testing.T) {
	s := validSchema()
	tests := []struct {
		name string
		id   string
		v    any
	}{
		{"text", "my-name", "Zoë Ó'Brien-Łukasiewicz"},
		{"empty text", "my-name", ""},
		{"longest text", "my-name", strings.Repeat("é", 2000)},
		{"longtext", "notes", strings.Repeat("a", 20000)},
		{"yes", "interpreter", true},
		{"no", "interpreter", false},
		{"choice", "walk-with", "A stick"},
		{"cleared choice", "walk-with", ""},
		{"multichoice", "aids", []any{"Glasses", "Hearing aids"}},
		{"no options ticked", "aids", []any{}},
		{"date", "when", "2024-02-29"},
		{"earliest year", "when", "1900-01-01"},
		{"cleared date", "when", ""},
		{"number", "helpers", 2.0},
		{"negative fraction", "helpers", -0.5},
		{"table", "medicines", []any{map[string]any{"name": "Made-up-amine", "dose": "5 mg"}, map[string]any{"name": "Testolol"}}},
		{"table with a cleared cell", "medicines", []any{map[string]any{"name": nil}}},
		{"empty table", "medicines", []any{}},
		{"signature", "signature", pngDataURL(t, 300, 100)},
		{"nil clears any answer", "helpers", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.ValidateAnswers(Answers{tt.id: tt.v}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestValidateAnswersRejects(t *testing.T) {
	s := validSchema()
	tooManyRows := make([]any, 201)
	for i := range tooManyRows {
		tooManyRows[i] = map[string]any{"name": "x"}
	}
	tests := []struct {
		name     string
		id       string
		v        any
		contains string
	}{
		{"unknown question", "favourite-colour", "blue", "no question with this id"},
		{"info question", "guide", "read", "takes no answer"},
		{"text not a string", "my-name", 42.0, "as text"},
		{"text too long", "my-name", strings.Repeat("a", 2001), "2,000"},
		{"longtext too long", "notes", strings.Repeat("a", 20001), "20,000"},
		{"text with NUL", "my-name", "Zo\x00ë", "cannot be saved"},
		{"text not UTF-8", "my-name", "caf\xe9", "cannot be saved"},
		{"yesno as string", "interpreter", "yes", "yes or no"},
		{"choice not an option", "walk-with", "A frame", "choose one of the options"},
		{"choice as list", "walk-with", []any{"A stick"}, "choose one of the options"},
		{"multichoice not a list", "aids", "Glasses", "tick"},
		{"multichoice unknown option", "aids", []any{"Glasses", "A hat"}, "only the options"},
		{"multichoice non-string", "aids", []any{true}, "only the options"},
		{"multichoice duplicate", "aids", []any{"Glasses", "Glasses"}, "twice"},
		{"date wrong format", "when", "29/02/2024", "YYYY-MM-DD"},
		{"date not zero-padded", "when", "2024-2-9", "YYYY-MM-DD"},
		{"date not real", "when", "2023-02-29", "real date"},
		{"date year too early", "when", "1899-12-31", "1900"},
		{"date year too late", "when", "2201-01-01", "2200"},
		{"date not a string", "when", 20240101.0, "YYYY-MM-DD"},
		{"number as string", "helpers", "2", "enter a number"},
		{"number NaN", "helpers", math.NaN(), "enter a number"},
		{"number infinite", "helpers", math.Inf(1), "enter a number"},
		{"table not a list", "medicines", map[string]any{"name": "x"}, "list of rows"},
		{"table row not an object", "medicines", []any{"x"}, "row 1"},
		{"table unknown column", "medicines", []any{map[string]any{"name": "x"}, map[string]any{"colour": "red"}}, `row 2 has a column "colour"`},
		{"table cell not text", "medicines", []any{map[string]any{"dose": 5.0}}, "Dose"},
		{"table cell too long", "medicines", []any{map[string]any{"name": strings.Repeat("a", 2001)}}, "2,000"},
		{"table too many rows", "medicines", tooManyRows, "200"},
		{"signature not a string", "signature", true, "sign"},
		{"signature not a data URL", "signature", "https://example.invalid/sig.png", "PNG"},
		{"signature a JPEG", "signature", "data:image/jpeg;base64,/9j/4AAQ", "PNG"},
		{"signature bad base64", "signature", signaturePrefix + "!!!", "damaged"},
		{"signature not a PNG", "signature", signaturePrefix + base64.StdEncoding.EncodeToString([]byte("GIF89a not really")), "damaged"},
		{"signature too wide", "signature", pngDataURL(t, 4001, 1), "4000"},
		{"signature too large", "signature", signaturePrefix + strings.Repeat("A", 512<<10), "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fields := validationFields(t, s.ValidateAnswers(Answers{"my-name": "Zoë", tt.id: tt.v}))
			msg, ok := fields[tt.id]
			if !ok {
				t.Fatalf("no problem reported for %q; got %v", tt.id, fields)
			}
			if len(fields) != 1 {
				t.Errorf("want only %q, got %v", tt.id, fields)
			}
			assertReadable(t, msg)
			if !strings.Contains(msg, tt.contains) {
				t.Errorf("message %q does not mention %q", msg, tt.contains)
			}
		})
	}
}

func TestValidateAnswersReportsEveryAnswer(t *testing.T) {
	err := validSchema().ValidateAnswers(Answers{"interpreter": "yes", "helpers": "two", "nobody": 1.0})
	fields := validationFields(t, err)
	if len(fields) != 3 {
		t.Errorf("want 3 problems, got %v", fields)
	}
}

func TestMissingRequired(t *testing.T) {
	s := validSchema()
	// language is required but shown only when an interpreter is needed.
	s.Question("language").Required = true
	s.Question("when").Required = true
	tests := []struct {
		name    string
		answers Answers
		want    []string
	}{
		{"nothing answered; hidden language not reported", Answers{}, []string{"my-name", "when"}},
		{"all answered", Answers{"my-name": "Zoë", "when": "2024-01-01"}, nil},
		{"blank text counts as missing", Answers{"my-name": "  ", "when": "2024-01-01"}, []string{"my-name"}},
		{"language shown by show_if", Answers{"my-name": "Zoë", "when": "2024-01-01", "interpreter": true}, []string{"language"}},
		{"language hidden again", Answers{"my-name": "Zoë", "when": "2024-01-01", "interpreter": false}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := s.MissingRequired(tt.answers)
			if got == nil {
				t.Fatal("MissingRequired returned nil; want an empty map")
			}
			if len(got) != len(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			for _, id := range tt.want {
				if msg, ok := got[id]; !ok {
					t.Errorf("%q not reported; got %v", id, got)
				} else {
					assertReadable(t, msg)
				}
			}
		})
	}
}

func TestDefaultTemplateMissingRequired(t *testing.T) {
	s := DefaultTemplate()
	got := s.MissingRequired(Answers{})
	for _, id := range []string{"my-name", "assessor-name", "recommendation", "assessor-signature", "sign-off-date"} {
		if _, ok := got[id]; !ok {
			t.Errorf("%q should be missing in an empty assessment", id)
		}
	}
}

func TestDecodeAnswers(t *testing.T) {
	a, err := DecodeAnswers([]byte(`{"my-name": "Zoë", "interpreter": true, "helpers": 2, "aids": ["Glasses"], "medicines": [{"name": "x"}], "when": null}`))
	if err != nil {
		t.Fatal(err)
	}
	if a["helpers"] != 2.0 || a["interpreter"] != true || a["my-name"] != "Zoë" {
		t.Errorf("decoded %#v", a)
	}
	if v, ok := a["when"]; !ok || v != nil {
		t.Errorf("null should decode as a present nil (clear), got %#v, %v", v, ok)
	}
	if err := validSchema().ValidateAnswers(a); err != nil {
		t.Errorf("decoded answers do not validate: %v", err)
	}
}

func TestDecodeAnswersRejects(t *testing.T) {
	tests := []struct{ name, in, mention string }{
		{"empty", ``, "empty"},
		{"array", `["a"]`, "object"},
		{"null", `null`, "object"},
		{"string", `"a"`, "object"},
		{"syntax", `{"a": }`, "byte"},
		{"trailing", `{} {}`, "after the end"},
		{"duplicate key", `{"a": 1, "a": 2}`, "twice"},
		{"huge number", `{"a": 1e400}`, "too large"},
		{"invalid UTF-8", "{\"a\": \"\xff\"}", "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeAnswers([]byte(tt.in))
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("err = %v, want ErrMalformed", err)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("error %q does not mention %q", err, tt.mention)
			}
		})
	}
}
