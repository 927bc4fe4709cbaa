package fhir

import (
	"encoding/base64"
	"testing"

	"firstperson/forms"
)

// typedSignatureAnswers are every-type answers with the signature typed.
func typedSignatureAnswers() forms.Answers {
	a := everyTypeAnswers()
	a["signature"] = map[string]any{"typed": "Priya Raman", "confirmed": true,
		"entered_by": "Sam Assessor", "entered_at": "2026-03-03T14:05:00Z"}
	return a
}

func TestTypedSignatureBecomesTextAttachment(t *testing.T) {
	r := ToResponse(everyTypeSchema(), typedSignatureAnswers(), testResponseMeta)
	it := findResponseItem(r.Item, "signature")
	if it == nil || len(it.Answer) != 1 || it.Answer[0].ValueAttachment == nil {
		t.Fatalf("signature item: %+v", it)
	}
	att := it.Answer[0].ValueAttachment
	want := "Signed electronically by typing: Priya Raman, 3 Mar 2026 14:05 (entered by Sam Assessor)"
	data, err := base64.StdEncoding.DecodeString(att.Data)
	if att.ContentType != "text/plain" || att.Title != want || string(data) != want || att.Creation != "2026-03-03T14:05:00Z" || err != nil {
		t.Errorf("attachment %+v (data %q, %v)", att, data, err)
	}
}

func findResponseItem(items []ResponseItem, link string) *ResponseItem {
	for i := range items {
		if items[i].LinkID == link {
			return &items[i]
		}
		if f := findResponseItem(items[i].Item, link); f != nil {
			return f
		}
	}
	return nil
}
