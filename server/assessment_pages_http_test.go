package server

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// apClient is a signed-in browser without JavaScript: plain GETs and form
// POSTs through the real engine, redirects not followed.
type apClient struct {
	t   *testing.T
	app *testApp
	c   *http.Client
}

// apResponse is a page answer: status, body and where a redirect goes.
type apResponse struct {
	t        *testing.T
	status   int
	body     string
	location string
}

func (a *testApp) apSignIn(t *testing.T, email, password string) *apClient {
	t.Helper()
	return &apClient{t: t, app: a, c: a.browser(email, password)}
}

func (a *testApp) apAssessor(t *testing.T) *apClient {
	return a.apSignIn(t, "ada@example.org", "correct horse battery")
}

func (p *apClient) get(path string) apResponse {
	p.t.Helper()
	resp, err := p.c.Get(p.app.srv.URL + path)
	if err != nil {
		p.t.Fatalf("GET %s: %v", path, err)
	}
	return p.read(resp)
}

func (p *apClient) post(path string, form url.Values) apResponse {
	p.t.Helper()
	resp, err := p.c.PostForm(p.app.srv.URL+path, form)
	if err != nil {
		p.t.Fatalf("POST %s: %v", path, err)
	}
	return p.read(resp)
}

func (p *apClient) read(resp *http.Response) apResponse {
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return apResponse{t: p.t, status: resp.StatusCode, body: string(b), location: resp.Header.Get("Location")}
}

// is fails unless the status is want.
func (r apResponse) is(want int) apResponse {
	r.t.Helper()
	if r.status != want {
		r.t.Fatalf("status %d, want %d; body:\n%.1500s", r.status, want, r.body)
	}
	return r
}

// shows fails unless the page has every snippet.
func (r apResponse) shows(snippets ...string) apResponse {
	r.t.Helper()
	for _, s := range snippets {
		if !strings.Contains(r.body, s) {
			r.t.Fatalf("page lacks %q:\n%.3000s", s, r.body)
		}
	}
	return r
}

// hides fails if the page has any snippet.
func (r apResponse) hides(snippets ...string) apResponse {
	r.t.Helper()
	for _, s := range snippets {
		if strings.Contains(r.body, s) {
			r.t.Fatalf("page has %q", s)
		}
	}
	return r
}

// redirects fails unless the answer is 303 to want.
func (r apResponse) redirects(want string) {
	r.t.Helper()
	r.is(http.StatusSeeOther)
	if r.location != want {
		r.t.Fatalf("redirect to %q, want %q", r.location, want)
	}
}

func TestAssessmentListSearchFilterAndPages(t *testing.T) {
	app := newTestApp(t)
	for i := 1; i <= 23; i++ {
		app.json("POST", "/api/v1/assessments", app.assessor, map[string]any{"template_id": app.template,
			"person": map[string]any{"name": fmt.Sprintf("Person %02d", i), "date_of_birth": "1940-01-01"}}, http.StatusCreated, nil)
	}
	zoe := app.startAssessment(app.assessor)
	app.json("POST", fmt.Sprintf("/api/v1/assessments/%d/complete", zoe), app.assessor, nil, http.StatusUnprocessableEntity, nil)
	p := app.apAssessor(t)

	first := p.get("/assessments").is(http.StatusOK).shows("24 assessments", "page 1 of 2", "Zoë Ó&#39;Brien-Łukasiewicz",
		"Person 23", `href="/assessments?page=2"`)
	if strings.Index(first.body, "Zoë") > strings.Index(first.body, "Person 23") {
		t.Fatal("the newest assessment is not first")
	}
	first.hides("Person 04")
	p.get("/assessments?page=2").is(http.StatusOK).shows("Person 01", "Person 04", `href="/assessments"`).hides("Person 23")
	p.get("/assessments?q="+url.QueryEscape("943 476 5919")).is(http.StatusOK).
		shows("1 assessment match", "Zoë").hides("Person 01")
	found := p.get("/assessments?q=person+1").is(http.StatusOK).shows("Person 10", "Person 19").hides("Zoë")
	// "1" also starts any part of a reference such as FP-1K3D-…: Person 20
	// is left out unless its random reference has such a part.
	var p20 struct {
		Items []struct {
			Reference string
			Person    struct{ Name string }
		} `json:"items"`
	}
	app.json("GET", "/api/v1/assessments?q="+url.QueryEscape("Person 20"), app.assessor, nil, http.StatusOK, &p20)
	refMatches := false
	for _, it := range p20.Items {
		if it.Person.Name != "Person 20" {
			continue // another person whose reference has a part starting "20"
		}
		for _, part := range strings.Split(it.Reference, "-") {
			refMatches = refMatches || strings.HasPrefix(part, "1")
		}
	}
	if !refMatches {
		found.hides("Person 20")
	}
	p.get("/assessments?status=completed").is(http.StatusOK).shows("No assessments match")
	p.get("/assessments?status=in_progress&q=nobody").is(http.StatusOK).shows("No assessments match")
	// Another team sees none of them.
	app.apSignIn(t, "olu@example.org", "correct horse battery").get("/assessments").is(http.StatusOK).
		shows("No assessments yet").hides("Zoë", "Person 01")
}

func TestStartAssessmentPage(t *testing.T) {
	app := newTestApp(t)
	p := app.apAssessor(t)
	p.get("/assessments/new").is(http.StatusOK).
		shows("Trusted Assessor discharge assessment", `name="nhs_number"`, `type="date"`, "checked")

	form := url.Values{"template_id": {fmt.Sprint(app.template)}, "name": {"Zoë Ó'Brien-Łukasiewicz"},
		"nhs_number": {"943 476 5918"}, "date_of_birth": {"1941-03-03"}}
	p.post("/assessments", form).is(http.StatusUnprocessableEntity).
		shows("this NHS number&#39;s check digit is wrong", `value="943 476 5918"`, `value="Zoë Ó&#39;Brien-Łukasiewicz"`)

	form.Set("date_of_birth", "2999-01-01")
	form.Set("nhs_number", "943 476 5919")
	p.post("/assessments", form).is(http.StatusUnprocessableEntity).shows("the date of birth cannot be in the future")

	form.Set("date_of_birth", "1941-03-03")
	form.Set("template_id", "999")
	p.post("/assessments", form).is(http.StatusUnprocessableEntity).shows("choose one of the published templates")

	form.Set("template_id", fmt.Sprint(app.template))
	r := p.post("/assessments", form).is(http.StatusSeeOther)
	if !regexp.MustCompile(`^/assessments/\d+$`).MatchString(r.location) {
		t.Fatalf("started assessment goes to %q", r.location)
	}
	p.get(r.location).is(http.StatusOK).shows("Zoë Ó&#39;Brien-Łukasiewicz", "NHS number 943 476 5919", "Section 1 of 18")

	// Another team (with its own copy of the default form) cannot start one
	// on this team's template.
	app.apSignIn(t, "olu@example.org", "correct horse battery").post("/assessments", form).
		is(http.StatusUnprocessableEntity).shows("choose one of the published templates")
}

func TestAssessmentPageShowsTheForm(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	app.json("PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", id), app.assessor,
		map[string]any{"revision": 0, "answers": map[string]any{"interpreter": false, "sensory-aids": []any{"Glasses"}}},
		http.StatusOK, nil)
	page := app.apAssessor(t).get(fmt.Sprintf("/assessments/%d", id)).is(http.StatusOK)
	page.shows(
		`<label class="q-label" for="q-my-name">My name <span class="req">(required)</span></label>`,
		`id="q-my-name-hint"`, `aria-describedby="q-my-name-hint"`,
		`<input type="date" id="q-date-of-birth"`, `<input type="number" inputmode="decimal" step="any" id="q-people-to-move"`,
		`id="q-interpreter-1" name="q.interpreter" value="no" checked`,
		`id="q-sensory-aids-0" name="q.sensory-aids" value="Glasses" checked`,
		`data-show-if="{&#34;question&#34;:&#34;interpreter&#34;,&#34;equals&#34;:true}"`, // for assessment.js
		`name="q.important-people[0][name]"`, `data-row-template`, `<canvas class="sig-pad" id="q-assessor-signature"`,
		`role="note"`, "Talk with the people who know me best", // information text
		`href="/api/v1/assessments/1/pdf"`, "Download PDF", `href="/api/v1/assessments/1/fhir"`, "FHIR (QuestionnaireResponse)",
		`id="save-state"`, `data-revision="1"`, `name="revision" value="1"`, "5 of 58 answered · 5 required left",
		// The questions bound to the person show the details from the start page.
		`id="q-my-name" name="q.my-name" value="Zoë Ó&#39;Brien-Łukasiewicz"`, `value="943 476 5919"`, `value="1941-03-03"`)
	// The interpreter's language is hidden (answered no), as the server decides without JavaScript.
	if !regexp.MustCompile(`id="qw-interpreter-language"[^>]*\bhidden>`).MatchString(page.body) {
		t.Fatal("a question whose show-if is not met is not hidden")
	}
	// Only the first section is on screen; the rest wait hidden.
	if !regexp.MustCompile(`id="s-about-me"[^>]*novalidate>`).MatchString(page.body) ||
		!regexp.MustCompile(`id="s-what-matters"[^>]*novalidate hidden>`).MatchString(page.body) {
		t.Fatal("the first section is not the one shown")
	}
	app.apAssessor(t).get(fmt.Sprintf("/assessments/%d/sections/my-move", id)).is(http.StatusOK).
		shows(`id="s-my-move" data-section="my-move" method="post" action="/assessments/1/sections/my-move" autocomplete="off" novalidate>`)
}

func TestAssessmentPagesOfAnotherTeamAreNotFound(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	other := app.apSignIn(t, "olu@example.org", "correct horse battery")
	for _, path := range []string{"/assessments/%d", "/assessments/%d/sections/about-me", "/assessments/%d/complete"} {
		other.get(fmt.Sprintf(path, id)).is(http.StatusNotFound).shows("We could not find that").hides("Zoë")
	}
	other.post(fmt.Sprintf("/assessments/%d/sections/about-me", id), url.Values{"revision": {"0"}, "q.my-name": {"Mallory"}}).
		is(http.StatusNotFound)
	other.post(fmt.Sprintf("/assessments/%d/complete", id), url.Values{"confirm": {"yes"}}).is(http.StatusNotFound)
	mine := app.apAssessor(t)
	mine.get(fmt.Sprintf("/assessments/%d/sections/no-such-section", id)).is(http.StatusNotFound)
	mine.get("/assessments/99999").is(http.StatusNotFound)
	if answers, rev := serverAnswers(t, app, id); len(answers) != 3 || rev != 0 || answers["my-name"] != "Zoë Ó'Brien-Łukasiewicz" {
		t.Fatalf("another team changed answers: %v", answers)
	}
}

// TestAssessmentPagesFollowTheCSP checks what the Content-Security-Policy
// needs: no inline script code, no style attributes, no inline handlers,
// nothing from another host.
func TestAssessmentPagesFollowTheCSP(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	p := app.apAssessor(t)
	scripts := regexp.MustCompile(`(?s)<script([^>]*)>(.*?)</script>`)
	bad := regexp.MustCompile(`\sstyle=|\son[a-z]+=|https?://`)
	for _, path := range []string{"/assessments", "/assessments/new", fmt.Sprintf("/assessments/%d", id),
		fmt.Sprintf("/assessments/%d/complete", id)} {
		body := p.get(path).is(http.StatusOK).body
		found := scripts.FindAllStringSubmatch(body, -1)
		for _, m := range found {
			if !strings.Contains(m[1], ` src="/static/`) || strings.TrimSpace(m[2]) != "" {
				t.Errorf("%s has an inline script: %s", path, m[0])
			}
		}
		if strings.Count(body, "<script") != len(found) {
			t.Errorf("%s has a script the check cannot read", path)
		}
		if m := bad.FindString(body); m != "" {
			t.Errorf("%s has %q", path, m)
		}
	}
}

// TestAssessmentPageWeight keeps the assessment page with its own CSS and
// JavaScript under 300 kB, as a slow tablet on hospital Wi-Fi needs.
func TestAssessmentPageWeight(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	p := app.apAssessor(t)
	page := p.get(fmt.Sprintf("/assessments/%d", id)).is(http.StatusOK)
	total := len(page.body)
	assets := regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`).FindAllStringSubmatch(page.body, -1)
	modules := []string{"/static/assessment-sync.js", "/static/assessment-values.js", "/static/assessment-table.js",
		"/static/assessment-sign.js", "/assessments/offline.js"}
	for _, m := range assets {
		modules = append(modules, m[1])
	}
	for _, path := range modules {
		total += len(p.get(path).is(http.StatusOK).body)
	}
	t.Logf("assessment page %d bytes; with CSS and JS %d bytes", len(page.body), total)
	if total > 300_000 || len(modules) < 8 {
		t.Fatalf("assessment page with CSS and JS = %d bytes in %d files, want under 300 kB", total, len(modules))
	}
}
