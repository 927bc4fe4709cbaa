package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestTypedSignatureThroughTheAPI: {"typed","confirmed"} is a signature;
// the server records who entered it and when, whatever the client claims.
func TestTypedSignatureThroughTheAPI(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	path := fmt.Sprintf("/api/v1/assessments/%d", id)

	e := app.fail("PATCH", path+"/answers", app.assessor, map[string]any{"revision": 0,
		"answers": map[string]any{"assessor-signature": map[string]any{"typed": "Priya Raman", "confirmed": false}}},
		http.StatusUnprocessableEntity)
	if !strings.Contains(e.Error.Fields["assessor-signature"], "I confirm this is my signature") {
		t.Fatalf("unconfirmed: fields %v", e.Error.Fields)
	}
	before := time.Now().Add(-time.Minute)
	app.json("PATCH", path+"/answers", app.assessor, map[string]any{"revision": 0, "answers": map[string]any{
		"assessor-signature": map[string]any{"typed": "Priya Raman", "confirmed": true, "entered_by": "Forged Name"}}},
		http.StatusOK, nil)
	answers, _ := serverAnswers(t, app, id)
	sig, _ := answers["assessor-signature"].(map[string]any)
	at, err := time.Parse(time.RFC3339, fmt.Sprint(sig["entered_at"]))
	if sig["typed"] != "Priya Raman" || sig["confirmed"] != true || sig["entered_by"] != "Ada Assessor" || err != nil || at.Before(before) {
		t.Fatalf("stored signature %v", sig)
	}
	var audit []map[string]any
	app.json("GET", path+"/audit", app.assessor, nil, http.StatusOK, &audit)
	if last := fmt.Sprint(audit[len(audit)-1]["detail"]); !strings.Contains(last, "typed signature: Priya Raman (entered by Ada Assessor)") {
		t.Fatalf("audit detail %s", last)
	}

	// It answers the required signature: the assessment completes, and
	// the PDF prints it as a typed signature.
	full := fullAnswers()
	delete(full, "assessor-signature")
	app.json("PATCH", path+"/answers", app.assessor, map[string]any{"revision": 1, "answers": full}, http.StatusOK, nil)
	app.json("POST", path+"/complete", app.assessor, nil, http.StatusOK, nil)
	resp, pdf := app.do("GET", path+"/pdf", app.assessor, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("pdf status %d", resp.StatusCode)
	}
	_, fhir := app.do("GET", path+"/fhir", app.assessor, nil)
	if !strings.Contains(string(fhir), `"contentType":"text/plain"`) {
		t.Errorf("FHIR answer: %s", fhir)
	}
	text := pdfToText(t, pdf)
	for _, want := range []string{"Signed electronically by typing: Priya Raman, " + at.Format("2 Jan 2006 15:04"),
		"Signed by typing, entered by Ada Assessor at"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not say %q:\n%s", want, text)
		}
	}
}

// TestTypedSignatureWithoutJavaScript: the sign-off section's form signs
// by typing; an unticked confirmation comes back with the name kept.
func TestTypedSignatureWithoutJavaScript(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	p := app.apAssessor(t)
	base := fmt.Sprintf("/assessments/%d", id)
	p.get(base+"/sections/sign-off").is(http.StatusOK).shows("Sign by typing my name instead",
		`name="q.assessor-signature.typed"`, "I confirm this is my signature")

	p.post(base+"/sections/sign-off", url.Values{"revision": {"0"}, "q.assessor-signature.typed": {"Priya Raman"},
		"q.assessor-signature.confirmed": {""}}).is(http.StatusUnprocessableEntity).
		shows(`value="Priya Raman"`, "I confirm this is my signature”")
	p.post(base+"/sections/sign-off", url.Values{"revision": {"0"}, "q.assessor-signature.typed": {"Priya Raman"},
		"q.assessor-signature.confirmed": {"yes", ""}}).redirects(base + "/complete")
	answers, rev := serverAnswers(t, app, id)
	sig, _ := answers["assessor-signature"].(map[string]any)
	if rev != 1 || sig["typed"] != "Priya Raman" || sig["entered_by"] != "Ada Assessor" {
		t.Fatalf("revision %d, signature %v", rev, sig)
	}
	// A blank name leaves the signature alone (it may have been drawn).
	p.post(base+"/sections/sign-off", url.Values{"revision": {"1"}, "q.assessor-signature.typed": {""},
		"q.assessor-signature.confirmed": {""}}).redirects(base + "/complete")
	if answers, _ = serverAnswers(t, app, id); answers["assessor-signature"] == nil {
		t.Fatal("a blank typed name cleared the signature")
	}
	p.get(base+"/sections/sign-off").shows("Signed electronically by typing: Priya Raman", "(entered by Ada Assessor)")
}
