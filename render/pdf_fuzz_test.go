package render

import (
	"bytes"
	"encoding/base64"
	"math"
	"testing"

	"firstperson/forms"
)

// fuzzSchema has a question of every type that takes free text.
func fuzzSchema(option string) *forms.Schema {
	return &forms.Schema{Title: "Fuzz form", Sections: []forms.Section{
		{ID: "a", Title: "About me", Questions: []forms.Question{
			{ID: "please-call-me", Label: "Please call me", Type: forms.TypeText},
			{ID: "what-matters-most", Label: "What matters most to me", Type: forms.TypeLongText},
			{ID: "choice", Label: "I choose", Type: forms.TypeChoice, Options: []string{option, "Other"}},
			{ID: "multi", Label: "I use", Type: forms.TypeMultiChoice, Options: []string{option, "Glasses"}},
			{ID: "dob", Label: "My date of birth", Type: forms.TypeDate},
			{ID: "count", Label: "People to help me move", Type: forms.TypeNumber},
			{ID: "shown", Label: "Shown when I choose it", Type: forms.TypeText,
				ShowIf: &forms.Condition{Question: "choice", Equals: option}},
		}},
		{ID: option, Title: option, Questions: []forms.Question{
			{ID: "table", Label: option, Type: forms.TypeTable, Columns: []forms.Column{
				{ID: "c1", Label: option}, {ID: "c2", Label: "Dose"}}},
			{ID: "info", Label: option, Type: forms.TypeInfo},
			{ID: "sig", Label: "Signature", Type: forms.TypeSignature},
		}},
	}}
}

// FuzzWritePDF feeds random text into the person's name and answers of
// every kind: WritePDF never panics or fails, and always gives a PDF that
// pdfcpu validates in strict mode.
func FuzzWritePDF(f *testing.F) {
	f.Add(testName, "Zo", "What matters: “tea” — €5 №1…", "A frame", "2026-03-03", 2.0, []byte("x"))
	f.Add("😀👍🏽 中文", "\x00\x07\x1b", "a\r\nb\n\n\nc\t d", "", "not a date", math.NaN(), signaturePNGBytes(40, 10))
	f.Add("\xff\xfe", "((()))\\", "%%EOF endstream obj", "\u202e\u200d\ufe0f", "0000-00-00", math.Inf(1), []byte{})
	f.Add("", "", string(bytes.Repeat([]byte("word "), 3000)), string(bytes.Repeat([]byte("x"), 500)), "1941-03-03", 1e300, []byte("\x89PNG\r\n\x1a\n"))
	f.Fuzz(func(t *testing.T, name, short, long, option, date string, number float64, sig []byte) {
		answers := forms.Answers{
			"please-call-me":    short,
			"what-matters-most": long,
			"choice":            option,
			"multi":             []any{option, short},
			"dob":               date,
			"count":             number,
			"shown":             long,
			"table": []any{
				map[string]any{"c1": short, "c2": long},
				map[string]any{"c1": option, "c2": number},
			},
			"sig": "data:image/png;base64," + base64.StdEncoding.EncodeToString(sig),
		}
		doc := testDocument(fuzzSchema(option), answers)
		doc.Person = forms.Person{Name: name, NHSNumber: short, DateOfBirth: date}
		doc.Reference, doc.StartedBy, doc.TemplateTitle = short, name, option
		if len(sig)%2 == 1 {
			doc.Status = StatusInProgress
		}
		var buf bytes.Buffer
		if err := WritePDF(&buf, doc); err != nil {
			t.Fatalf("WritePDF: %v", err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatalf("not a PDF: %.20q", buf.Bytes())
		}
		validatePDF(t, buf.Bytes())
	})
}
