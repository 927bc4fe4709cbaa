package render

import (
	"strings"
	"testing"

	"firstperson/forms"
)

// unicodeSchema has one question of each kind that carries free text.
func unicodeSchema() *forms.Schema {
	return &forms.Schema{Title: "Unicode – “form” №1", Sections: []forms.Section{{
		ID: "s", Title: "Mój świat — my world", Questions: []forms.Question{
			{ID: "please-call-me", Label: "Please call me", Type: forms.TypeText},
			{ID: "text", Label: "My words", Type: forms.TypeText},
			{ID: "long", Label: "My story", Type: forms.TypeLongText},
			{ID: "choice", Label: "I choose", Type: forms.TypeChoice, Options: []string{"Café ☕", "Tea"}},
			{ID: "table", Label: "People", Type: forms.TypeTable, Columns: []forms.Column{
				{ID: "name", Label: "Imię / name"}, {ID: "note", Label: "Note"}}},
		},
	}}}
}

func TestWritePDFUnicodeExact(t *testing.T) {
	answers := forms.Answers{
		"please-call-me": "Zoë",
		"text":           "‘single’ “double” № 7 — em – en … €40 £5 ½ °C",
		"long":           "Żółć gęślą jaźń.\nΑλφα and Жж.",
		"choice":         "Tea",
		"table":          []any{map[string]any{"name": "Łucja Ó'Brien-Łukasiewicz", "note": "Ünïcödé ✓ tick"}},
	}
	doc := testDocument(unicodeSchema(), answers)
	pdf := renderTest(t, doc)
	validatePDF(t, pdf)
	text := pdfText(t, pdf)
	body := bodyText(text)
	for _, want := range []string{
		testName,
		"Please call me Zoë",
		"My words ‘single’ “double” № 7 — em – en … €40 £5 ½ °C",
		"My story Żółć gęślą jaźń. Αλφα and Жж.",
		"Mój świat — my world",
		"Łucja Ó'Brien-Łukasiewicz",
		"Ünïcödé □ tick", // ✓ is not in the Go fonts
	} {
		if !strings.Contains(body, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	checkPages(t, pdf, text, "Unicode – “form” №1, version 3 · Completed 3 March 2026")
}

// TestWritePDFUndrawable: emoji, CJK, other scripts the Go fonts lack,
// control characters and invalid UTF-8 still give a valid PDF, with the
// placeholder where a character could not be drawn.
func TestWritePDFUndrawable(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"emoji", "I am happy 😀👍🏽 today", "I am happy □□ today"},
		{"cjk", "我叫佐伊 and こんにちは", "□□□□ and □□□□□"},
		{"arabic and thai", "مرحبا สวัสดี", "□□□□□ □□□□□□"},
		{"above the BMP", "music 𝄞 here", "music □ here"},
		{"controls", "bell\x07 null\x00 escape\x1b end", "bell null escape end"},
		{"invalid utf-8", "bad \xff\xfe bytes", "bad □□ bytes"},
		{"pdf syntax", `paren ( ) \ backslash %%EOF endstream`, `paren ( ) \ backslash %%EOF endstream`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			answers := forms.Answers{"text": tc.in, "long": tc.in + "\n" + tc.in, "choice": tc.in,
				"table": []any{map[string]any{"name": tc.in, "note": tc.in}}}
			doc := testDocument(unicodeSchema(), answers)
			doc.Person.Name = tc.in
			doc.StartedBy = tc.in
			doc.Reference = tc.in
			pdf := renderTest(t, doc)
			validatePDF(t, pdf)
			body := normalize(pdfText(t, pdf))
			if !strings.Contains(body, "My words "+tc.want) {
				t.Errorf("PDF text lacks %q", "My words "+tc.want)
			}
		})
	}
}
