package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestNamesRefuseInvisibleCharacters: a right-to-left override, a
// zero-width space or another invisible format character in a name, a
// recipient or a template's label is a 422 naming the field.
func TestNamesRefuseInvisibleCharacters(t *testing.T) {
	app := newTestApp(t)
	for _, bad := range []string{"Zoë \u202eztiweisakuŁ", "Zo\u200bë", "Zoë\u2066 Smith\u2069", "Zoë\ufeff", "Zo\u00adë"} {
		e := app.fail("POST", "/api/v1/assessments", app.assessor, map[string]any{"template_id": app.template,
			"person": map[string]any{"name": bad, "date_of_birth": "1941-03-03"}}, http.StatusUnprocessableEntity)
		if !strings.Contains(e.Error.Fields["person.name"], "invisible") {
			t.Errorf("name %q: fields %v", bad, e.Error.Fields)
		}
	}

	// A name typed with a combining diaeresis is stored precomposed (NFC).
	var out struct {
		ID uint `json:"id"`
	}
	app.json("POST", "/api/v1/assessments", app.assessor, map[string]any{"template_id": app.template,
		"person": map[string]any{"name": "Zoe\u0308 Lukasiewicz", "date_of_birth": "1941-03-03"}}, http.StatusCreated, &out)
	var got assessmentJSON
	app.json("GET", fmt.Sprint("/api/v1/assessments/", out.ID), app.lead, nil, http.StatusOK, &got)
	if got.Person.Name != "Zo\u00eb Lukasiewicz" {
		t.Errorf("stored name %q, want NFC", got.Person.Name)
	}
	if r := app.search(app.lead, "zoë"); !r.has(out.ID) {
		t.Error("NFC name not found by zoë")
	}

	// Share recipients.
	app.json("PATCH", fmt.Sprint("/api/v1/assessments/", out.ID, "/answers"), app.assessor,
		map[string]any{"revision": 0, "answers": fullAnswers()}, http.StatusOK, nil)
	app.json("POST", fmt.Sprint("/api/v1/assessments/", out.ID, "/complete"), app.assessor, nil, http.StatusOK, nil)
	e := app.fail("POST", fmt.Sprint("/api/v1/assessments/", out.ID, "/shares"), app.lead,
		map[string]any{"recipient": "Rose\u202e Care Home", "expires_in_hours": 24}, http.StatusUnprocessableEntity)
	if !strings.Contains(e.Error.Fields["recipient"], "U+202E") {
		t.Errorf("recipient: %v", e.Error.Fields)
	}

	// Template titles and labels: a draft keeps them as problems; publishing
	// refuses.
	schema := map[string]any{"title": "My form\u200b", "sections": []any{map[string]any{"id": "s1", "title": "About\u2067 me",
		"questions": []any{map[string]any{"id": "q1", "label": "My\u202d name", "type": "text"}}}}}
	var draft struct {
		ID uint `json:"id"`
	}
	app.json("POST", "/api/v1/templates", app.lead, schema, http.StatusCreated, &draft)
	e = app.fail("POST", fmt.Sprint("/api/v1/templates/", draft.ID, "/publish"), app.lead,
		map[string]any{"note": "first"}, http.StatusUnprocessableEntity)
	for _, f := range []string{"title", "sections[0].title", "q1"} {
		if !strings.Contains(e.Error.Fields[f], "invisible") {
			t.Errorf("template field %s: %v", f, e.Error.Fields)
		}
	}
}

// TestFreeTextKeepsBidiControlsAndThePDFShowsThem: an answer may hold a
// right-to-left override; it is stored as typed and the PDF prints it as
// a visible code, never applying it.
func TestFreeTextKeepsBidiControlsAndThePDFShowsThem(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	answer := "I like tea \u202eeet ekil I"
	app.json("PATCH", fmt.Sprint("/api/v1/assessments/", id, "/answers"), app.assessor,
		map[string]any{"revision": 0, "answers": map[string]any{"good-day": answer}}, http.StatusOK, nil)
	var got assessmentJSON
	app.json("GET", fmt.Sprint("/api/v1/assessments/", id), app.assessor, nil, http.StatusOK, &got)
	if got.Answers["good-day"] != answer {
		t.Fatalf("stored %q", got.Answers["good-day"])
	}
	resp, pdf := app.do("GET", fmt.Sprint("/api/v1/assessments/", id, "/pdf"), app.assessor, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatal(resp.StatusCode)
	}
	if text := pdfToText(t, pdf); !strings.Contains(text, "I like tea <U+202E>eet ekil I") {
		t.Fatalf("PDF text lacks the visible override:\n%s", text)
	}
}
