package server

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/url"
	"reflect"
	"testing"
)

// apSignaturePNG is a small PNG data URL, as a signature pad makes.
func apSignaturePNG(t testing.TB) string {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 60, 20))); err != nil {
		t.Fatal(err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())
}

func TestNoJSSaveGoesToTheNextSection(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	sig := apSignaturePNG(t)
	app.json("PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", id), app.assessor,
		map[string]any{"revision": 0, "answers": map[string]any{"assessor-signature": sig, "sensory-aids": []any{"Glasses"}}},
		http.StatusOK, nil)
	p := app.apAssessor(t)
	base := fmt.Sprintf("/assessments/%d", id)

	p.post(base+"/sections/about-me", url.Values{"revision": {"1"}, "q.my-name": {"Zoë Ó'Brien-Łukasiewicz"},
		"q.date-of-birth": {"1941-03-03"}, "q.interpreter": {"yes"}, "q.interpreter-language": {"Polish"}, "q.please-call-me": {"  "}}).
		redirects(base + "/sections/what-matters?saved=about-me")
	p.get(base+"/sections/what-matters?saved=about-me").is(http.StatusOK).shows("Saved “About me”.", `name="revision" value="2"`)

	// A table (blank rows dropped, row order kept) and a yes/no answered no.
	p.post(base+"/sections/important-people-section", url.Values{"revision": {"2"},
		"q.important-people[0][name]": {"Maria Ó'Brien"}, "q.important-people[0][relationship]": {"Daughter"},
		"q.important-people[1][name]": {""}, "q.important-people[2][name]": {"Piotr"}, "q.important-people[2][nope]": {"x"},
		"q.has-lpa": {"no"}}).redirects(base + "/sections/communication?saved=important-people-section")
	// Checkboxes: the hidden empty value says they were on the form.
	p.post(base+"/sections/communication", url.Values{"revision": {"3"}, "q.sensory-aids": {"", "Hearing aids", "Dentures"},
		"q.communicate-best": {"Face me and speak slowly.\r\nWrite things down."}}).
		redirects(base + "/sections/my-health?saved=communication")
	// The last section goes to the summary; the signature (no input without
	// JavaScript) is left as it was.
	p.post(base+"/sections/sign-off", url.Values{"revision": {"4"}, "q.assessor-name": {"Ada Assessor"},
		"q.care-home-accepts": {"yes"}, "q.sign-off-date": {"2026-03-04"}}).redirects(base + "/complete")

	answers, rev := serverAnswers(t, app, id)
	want := map[string]any{
		"my-name":              "Zoë Ó'Brien-Łukasiewicz",
		"date-of-birth":        "1941-03-03",
		"nhs-number":           "943 476 5919",
		"interpreter":          true,
		"interpreter-language": "Polish",
		"important-people":     []any{map[string]any{"name": "Maria Ó'Brien", "relationship": "Daughter"}, map[string]any{"name": "Piotr"}},
		"has-lpa":              false,
		"sensory-aids":         []any{"Hearing aids", "Dentures"},
		"communicate-best":     "Face me and speak slowly.\nWrite things down.",
		"assessor-name":        "Ada Assessor",
		"care-home-accepts":    true,
		"sign-off-date":        "2026-03-04",
		"assessor-signature":   sig,
	}
	if !reflect.DeepEqual(answers, want) || rev != 5 {
		t.Fatalf("answers at revision %d:\n got %v\nwant %v", rev, answers, want)
	}

	// Unticking every box clears the answer; saving without a change does
	// not make a new revision.
	p.post(base+"/sections/communication", url.Values{"revision": {"5"}, "q.sensory-aids": {""},
		"q.communicate-best": {"Face me and speak slowly.\r\nWrite things down."}}).redirects(base + "/sections/my-health?saved=communication")
	p.post(base+"/sections/communication", url.Values{"revision": {"6"}, "q.sensory-aids": {""}}).
		redirects(base + "/sections/my-health?saved=communication")
	answers, rev = serverAnswers(t, app, id)
	if _, ok := answers["sensory-aids"]; ok || rev != 6 {
		t.Fatalf("after unticking: revision %d, sensory-aids %v", rev, answers["sensory-aids"])
	}

	// A team lead may fill assessments too.
	lead := app.browser("lead@firstperson.local", app.leadPass)
	resp, err := lead.PostForm(app.srv.URL+base+"/sections/sleep", url.Values{"revision": {"6"}, "q.settle-time": {"About ten"}})
	if err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("lead saving a section: %v %v", resp.StatusCode, err)
	}
	resp.Body.Close()
}

func TestNoJSSaveRefusedKeepsWhatWasTyped(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	p := app.apAssessor(t)
	base := fmt.Sprintf("/assessments/%d", id)

	p.post(base+"/sections/moving-around", url.Values{"revision": {"0"}, "q.people-to-move": {"two"},
		"q.equipment": {"A frame with wheels"}, "q.walk-with": {"A frame"}}).is(http.StatusUnprocessableEntity).
		shows("Some answers need another look", `<p class="field-error" id="q-people-to-move-error">enter a number, such as 2</p>`,
			`value="two"`, `aria-invalid="true"`, ">A frame with wheels</textarea>", `value="A frame" checked`,
			`<a href="#qw-people-to-move">I need this many people to help me move</a>`)
	p.post(base+"/sections/about-me", url.Values{"revision": {"0"}, "q.date-of-birth": {"1941-02-30"}, "q.my-name": {"Zoë"}}).
		is(http.StatusUnprocessableEntity).shows("enter a real date of birth as YYYY-MM-DD", `value="1941-02-30"`, `value="Zoë"`)
	if answers, rev := serverAnswers(t, app, id); len(answers) != 3 || rev != 0 || answers["date-of-birth"] != "1941-03-03" {
		t.Fatalf("a refused save saved something: revision %d, %v", rev, answers)
	}

	// Another device saved first: both answers are shown, nothing is overwritten.
	app.json("PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", id), app.assessor,
		map[string]any{"revision": 0, "answers": map[string]any{"good-day": "A walk by the sea"}}, http.StatusOK, nil)
	p.post(base+"/sections/what-matters", url.Values{"revision": {"0"}, "q.good-day": {"Gardening with my grandson"},
		"q.my-worries": {"Being alone at night"}}).is(http.StatusUnprocessableEntity).
		shows("Someone else saved this assessment while you were working on it",
			"Another device saved “A walk by the sea” here meanwhile. Saving again keeps your answer.",
			">Gardening with my grandson</textarea>", ">Being alone at night</textarea>", `name="revision" value="1"`)
	if answers, _ := serverAnswers(t, app, id); answers["good-day"] != "A walk by the sea" || answers["my-worries"] != nil {
		t.Fatalf("a stale save changed answers: %v", answers)
	}
	p.post(base+"/sections/what-matters", url.Values{"revision": {"1"}, "q.good-day": {"Gardening with my grandson"}}).
		redirects(base + "/sections/important-people-section?saved=what-matters")
	if answers, _ := serverAnswers(t, app, id); answers["good-day"] != "Gardening with my grandson" {
		t.Fatalf("saving again did not keep the answer: %v", answers)
	}
}

func TestCompletionPages(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	p := app.apAssessor(t)
	base := fmt.Sprintf("/assessments/%d", id)

	p.get(base+"/complete").is(http.StatusOK).
		shows("5 required answers are missing", `href="/assessments/1/sections/sign-off#qw-assessor-signature"`).
		hides(`id="complete-form"`, `#qw-my-name`) // the name came from the start page
	p.post(base+"/complete", url.Values{"confirm": {"yes"}}).is(http.StatusUnprocessableEntity).
		shows("5 required answers are missing")

	app.json("PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", id), app.assessor, map[string]any{"revision": 0,
		"answers": map[string]any{"my-name": "Zoë Ó'Brien-Łukasiewicz", "assessor-name": "Ada Assessor, Trusted Assessor",
			"recommendation": "Ready to go back to Willow House", "care-home-accepts": false,
			"assessor-signature": apSignaturePNG(t), "sign-off-date": "2026-03-04"}}, http.StatusOK, nil)
	p.get(base+"/complete").is(http.StatusOK).shows(`id="complete-form"`, "I have checked these answers with Zoë")
	p.post(base+"/complete", url.Values{}).is(http.StatusUnprocessableEntity).
		shows("Tick the box to confirm the answers are ready.")
	if _, rev := serverAnswers(t, app, id); rev != 1 {
		t.Fatalf("revision %d", rev)
	}
	p.post(base+"/complete", url.Values{"confirm": {"yes"}}).redirects(base + "?done=1")

	p.get(base+"?done=1").is(http.StatusOK).
		shows("This assessment is complete and locked.", "Completed by <strong>Ada Assessor</strong>",
			"Ready to go back to Willow House", `<img class="sig-saved" src="data:image/png;base64,`,
			"Download PDF", "FHIR (QuestionnaireResponse)").
		hides("<input", "<textarea", "assessment.js", `id="save-state"`)
	p.get(base + "/complete").redirects(base)
	p.post(base+"/sections/about-me", url.Values{"revision": {"1"}, "q.my-name": {"Someone else"}}).is(http.StatusConflict)
	if answers, _ := serverAnswers(t, app, id); answers["my-name"] != "Zoë Ó'Brien-Łukasiewicz" {
		t.Fatalf("a completed assessment changed: %v", answers["my-name"])
	}
}

func TestServiceWorkerIsServedUnderAssessments(t *testing.T) {
	app := newTestApp(t)
	p := app.apAssessor(t)
	resp, err := p.c.Get(app.srv.URL + "/assessments/offline.js")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/javascript; charset=utf-8" {
		t.Fatalf("service worker: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	p.get("/assessments/offline.js").shows("caches.open", "/static/assessment.js")
	stranger := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = stranger.Get(app.srv.URL + "/assessments")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the list without signing in: %d", resp.StatusCode)
	}
}
