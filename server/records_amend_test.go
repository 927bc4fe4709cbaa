package server

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// completedAssessment starts, fills and completes an assessment.
func (a *testApp) completedAssessment() uint {
	a.t.Helper()
	id := a.startAssessment(a.assessor)
	answers := fullAnswers()
	answers["walk-with"] = "A stick"
	a.json("PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", id), a.assessor, map[string]any{"revision": 0, "answers": answers}, http.StatusOK, nil)
	a.json("POST", fmt.Sprintf("/api/v1/assessments/%d/complete", id), a.assessor, nil, http.StatusOK, nil)
	return id
}

// TestCorrectAnAnswerOnTheWeb: on a completed assessment "Correct an
// answer" asks for a reason, saves an amendment, and every view marks it.
func TestCorrectAnAnswerOnTheWeb(t *testing.T) {
	app := newTestApp(t)
	id := app.completedAssessment()
	base := fmt.Sprintf("/assessments/%d", id)

	// The care home opened its link before the correction.
	var share struct{ URL string }
	app.json("POST", fmt.Sprintf("/api/v1/assessments/%d/shares", id), app.lead,
		map[string]any{"recipient": "Elm Court", "expires_in_hours": 48}, http.StatusCreated, &share)
	shareText := func() string {
		t.Helper()
		resp, err := http.Get(app.srv.URL + share.URL)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("share page: %v %v", resp.StatusCode, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if s := shareText(); strings.Contains(s, "Amended since") || strings.Contains(s, "Amendments") {
		t.Fatal("share page shows amendments before any")
	}

	p := app.apAssessor(t)
	p.get(base).is(http.StatusOK).shows(`href="/assessments/1/amend/walk-with"`, "Correct an answer").hides("amended-note")
	p.get(base+"/amend/walk-with").is(http.StatusOK).
		shows("Correct an answer", `value="A stick" checked`, `name="reason"`, `name="revision" value="1"`)
	p.get(base + "/amend/assessor-signature").is(http.StatusNotFound)
	p.get(base + "/amend/no-such-question").is(http.StatusNotFound)
	app.apSignIn(t, "olu@example.org", "correct horse battery").get(base + "/amend/walk-with").is(http.StatusNotFound)

	// No reason: 422, what was chosen is kept, nothing saved.
	p.post(base+"/amend/walk-with", url.Values{"revision": {"1"}, "q.walk-with": {"A frame"}}).
		is(http.StatusUnprocessableEntity).shows(`id="reason-error"`, `value="A frame" checked`)
	p.post(base+"/amend/walk-with", url.Values{"revision": {"1"}, "q.walk-with": {"A frame"},
		"reason": {"Her daughter says she uses a frame"}}).redirects(base + "?amended=walk-with#qw-walk-with")

	// The completed page marks the answer and lists the amendment.
	p.get(base+"?amended=walk-with").is(http.StatusOK).shows("The correction is saved", "<p class=\"answer\">A frame</p>",
		`<p class="amended-note">Amended `, " by Ada Assessor</p>",
		`<h2 id="amendments-title">Amendments</h2>`, "<del>A stick</del> → <ins>A frame</ins>", "Reason: Her daughter says she uses a frame")

	// The audit trail has it with reason, old and new value.
	ev := lastEvent(app.audit(id), "answer.amended")
	if ev == nil || ev.Detail["old"] != "A stick" || ev.Detail["new"] != "A frame" || ev.Detail["reason"] != "Her daughter says she uses a frame" {
		t.Fatalf("audit: %+v", ev)
	}
	// The care home sees the current copy, marked as amended since shared.
	if s := shareText(); !strings.Contains(s, "Amended since it was shared with you") ||
		!strings.Contains(s, "<del>A stick</del> → <ins>A frame</ins>") {
		t.Fatalf("share page after the amendment:\n%s", s)
	}
	// FHIR: status amended.
	var r struct{ Status string }
	app.json("GET", fmt.Sprintf("/api/v1/assessments/%d/fhir", id), app.lead, nil, http.StatusOK, &r)
	if r.Status != "amended" {
		t.Fatalf("FHIR status %q", r.Status)
	}
	// The PDF marks the answer and has an Amendments section.
	resp, pdf := app.do("GET", fmt.Sprintf("/api/v1/assessments/%d/pdf", id), app.lead, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatal(resp.StatusCode)
	}
	text := strings.Join(strings.Fields(pdfToText(t, pdf)), " ")
	for _, want := range []string{"I walk with A frame Amended", "by Ada Assessor", "Amendments",
		"A stick → A frame", "Reason: Her daughter says she uses a frame"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
}

func TestCorrectThePersonOnTheWeb(t *testing.T) {
	app := newTestApp(t)
	id := app.completedAssessment()
	base := fmt.Sprintf("/assessments/%d", id)
	p := app.apAssessor(t)
	p.get(base).is(http.StatusOK).shows(`href="/assessments/1/person"`, "Correct these details")
	p.get(base+"/person").is(http.StatusOK).shows(`value="943 476 5919"`, `value="1941-03-03"`)
	p.post(base+"/person", url.Values{"name": {"Zoë O'Brien"}, "nhs_number": {"943 476 5918"}, "date_of_birth": {"1941-03-03"}}).
		is(http.StatusUnprocessableEntity).shows(`id="nhs-error"`, "check digit", `id="reason-error"`, `value="Zoë O&#39;Brien"`, `value="943 476 5918"`)
	p.post(base+"/person", url.Values{"name": {"Zoë O'Brien"}, "nhs_number": {"943 476 5919"}, "date_of_birth": {"1941-03-03"},
		"reason": {"Spelling on the hospital record"}}).redirects(base + "?corrected=person")
	p.get(base).is(http.StatusOK).shows("<h1>Zoë O&#39;Brien</h1>", "Amendments", "Spelling on the hospital record")
	ev := lastEvent(app.audit(id), "person.corrected")
	if ev == nil || fmt.Sprint(ev.Detail["person"]) != "map[name:map[new:Zoë O'Brien old:Zoë Ó'Brien-Łukasiewicz]]" {
		t.Fatalf("audit: %+v", ev)
	}
}
