package server

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// needProgram returns the path of a program a test runs (pdftotext and
// pdfimages come with poppler-utils): the test skips without it, and
// fails when CI=true, where .ci/run installs it.
func needProgram(t *testing.T, name string) string {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is needed (poppler-utils) when CI=true", name)
		}
		t.Skipf("%s not installed (poppler-utils)", name)
	}
	return bin
}

// pdfToText runs pdftotext on a PDF; skipped without it, failed in CI.
func pdfToText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin := needProgram(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

type auditEvent struct {
	Actor, Action string
	Detail        map[string]any
}

func (a *testApp) audit(id uint) []auditEvent {
	a.t.Helper()
	var evs []auditEvent
	a.json("GET", fmt.Sprintf("/api/v1/assessments/%d/audit", id), a.lead, nil, http.StatusOK, &evs)
	return evs
}

func lastEvent(evs []auditEvent, action string) *auditEvent {
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Action == action {
			return &evs[i]
		}
	}
	return nil
}

// TestBoundQuestionsAreThePersonsDetails: the About me questions bound to
// the person show and change the person's details, checked like the start
// page, and never leave a second copy.
func TestBoundQuestionsAreThePersonsDetails(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor) // NHS 943 476 5919, born 1941-03-03
	path := fmt.Sprintf("/api/v1/assessments/%d", id)

	// A wrong check digit in the bound question is a 422 naming it; a date
	// of birth in the future or over 125 years ago too; nothing is saved.
	for q, v := range map[string]any{"nhs-number": "943 476 5918", "date-of-birth": "2099-01-01", "my-name": "", "sign-off-date": "2099-01-01"} {
		e := app.fail("PATCH", path+"/answers", app.assessor, map[string]any{"revision": 0, "answers": map[string]any{q: v}},
			http.StatusUnprocessableEntity)
		if e.Error.Fields[q] == "" || len(e.Error.Fields) != 1 {
			t.Errorf("%s = %v: fields %v", q, v, e.Error.Fields)
		}
	}
	e := app.fail("PATCH", path+"/answers", app.assessor, map[string]any{"revision": 0, "answers": map[string]any{"date-of-birth": "1900-12-01"}},
		http.StatusUnprocessableEntity)
	if !strings.Contains(e.Error.Fields["date-of-birth"], "125 years") {
		t.Errorf("old date of birth: %v", e.Error.Fields)
	}
	e = app.fail("PATCH", path+"/answers", app.assessor, map[string]any{"revision": 0, "answers": map[string]any{"nhs-number": "943 476 5918"}},
		http.StatusUnprocessableEntity)
	if !strings.Contains(e.Error.Fields["nhs-number"], "check digit") {
		t.Errorf("check digit message: %v", e.Error.Fields)
	}

	// A right one changes the person itself: the start page's details.
	app.json("PATCH", path+"/answers", app.assessor, map[string]any{"revision": 0,
		"answers": map[string]any{"nhs-number": "401-023-2137", "date-of-birth": "1941-03-04", "please-call-me": "Zo"}}, http.StatusOK, nil)
	var got assessmentJSON
	app.json("GET", path, app.assessor, nil, http.StatusOK, &got)
	if got.Person.NHSNumber != "4010232137" || got.Person.DateOfBirth != "1941-03-04" ||
		got.Answers["nhs-number"] != "401 023 2137" || got.Answers["date-of-birth"] != "1941-03-04" || got.Revision != 1 {
		t.Fatalf("after the bound save: person %+v answers %v", got.Person, got.Answers)
	}
	ev := lastEvent(app.audit(id), "person.changed")
	if ev == nil || fmt.Sprint(ev.Detail["person"]) != "map[date_of_birth:map[new:1941-03-04 old:1941-03-03] nhs_number:map[new:401 023 2137 old:943 476 5919]]" {
		t.Fatalf("person.changed event: %+v", ev)
	}
	// Still found by the new number, no longer by the old one.
	if !app.search(app.lead, "4010232137").has(id) || app.search(app.lead, "9434765919").has(id) {
		t.Error("search did not follow the NHS number")
	}

	// The page shows the bound questions with the person's details and
	// refuses a wrong check digit there too, naming the question.
	p := app.apAssessor(t)
	page := p.post(fmt.Sprintf("/assessments/%d/sections/about-me", id), url.Values{"revision": {"1"},
		"q.my-name": {got.Person.Name}, "q.nhs-number": {"401 023 2138"}, "q.date-of-birth": {"1941-03-04"}}).
		is(http.StatusUnprocessableEntity)
	page.shows(`id="q-nhs-number-error"`, "check digit", `value="401 023 2138"`)

	// The PDF prints each fact once: one NHS number, one date of birth.
	app.json("PATCH", path+"/answers", app.assessor, map[string]any{"revision": 1, "answers": fullAnswers()}, http.StatusOK, nil)
	app.json("POST", path+"/complete", app.assessor, nil, http.StatusOK, nil)
	resp, pdf := app.do("GET", path+"/pdf", app.assessor, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("pdf: %d", resp.StatusCode)
	}
	text := pdfToText(t, pdf)
	if n := strings.Count(text, "401 023 2137"); n != 1 {
		t.Errorf("the NHS number is printed %d times", n)
	}
	if n := len(regexp.MustCompile(`\b\d{3} \d{3} \d{4}\b`).FindAllString(text, -1)); n != 1 {
		t.Errorf("%d NHS numbers in the PDF", n)
	}
	if n := strings.Count(text, "4 March 1941") + strings.Count(text, "4 Mar 1941") + strings.Count(text, "1941-03-04"); n != 1 {
		t.Errorf("the date of birth is printed %d times:\n%s", n, text)
	}
	if strings.Contains(text, "My NHS number") || strings.Contains(text, "My date of birth") {
		t.Error("the bound questions are printed a second time")
	}
}

func TestCorrectThePersonBeforeAndAfterCompletion(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	path := fmt.Sprintf("/api/v1/assessments/%d/person", id)

	e := app.fail("PATCH", path, app.assessor, map[string]any{"person": map[string]any{"name": "Zoë O'Brien"}}, http.StatusUnprocessableEntity)
	if e.Error.Fields["reason"] == "" {
		t.Errorf("no reason: %v", e.Error.Fields)
	}
	e = app.fail("PATCH", path, app.assessor, map[string]any{"person": map[string]any{"nhs_number": "9434765918"}, "reason": "typo"}, http.StatusUnprocessableEntity)
	if !strings.Contains(e.Error.Fields["person.nhs_number"], "check digit") {
		t.Errorf("check digit: %v", e.Error.Fields)
	}
	app.fail("PATCH", path, app.assessor, map[string]any{"reason": "typo"}, http.StatusUnprocessableEntity)
	app.fail("PATCH", path, app.other, map[string]any{"person": map[string]any{"name": "X"}, "reason": "typo"}, http.StatusNotFound)

	var got assessmentJSON
	app.json("PATCH", path, app.assessor, map[string]any{"person": map[string]any{"name": "Zoë O'Brien"},
		"reason": "Name as on the hospital record"}, http.StatusOK, &got)
	if got.Person.Name != "Zoë O'Brien" || got.Person.NHSNumber != "9434765919" || got.Answers["my-name"] != "Zoë O'Brien" || got.Revision != 1 {
		t.Fatalf("after correction: %+v", got)
	}

	// After completion too.
	app.json("PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", id), app.assessor,
		map[string]any{"revision": 1, "answers": fullAnswers()}, http.StatusOK, nil)
	app.json("POST", fmt.Sprintf("/api/v1/assessments/%d/complete", id), app.assessor, nil, http.StatusOK, nil)
	app.json("PATCH", path, app.lead, map[string]any{"person": map[string]any{"date_of_birth": "1941-03-13"},
		"reason": "Date of birth checked with her daughter"}, http.StatusOK, &got)
	if got.Person.DateOfBirth != "1941-03-13" || got.Status != "completed" {
		t.Fatalf("after correcting a completed assessment: %+v", got)
	}
	evs := app.audit(id)
	ev := lastEvent(evs, "person.corrected")
	if ev == nil || ev.Detail["reason"] != "Date of birth checked with her daughter" ||
		fmt.Sprint(ev.Detail["person"]) != "map[date_of_birth:map[new:1941-03-13 old:1941-03-03]]" {
		t.Fatalf("audit: %+v", ev)
	}
	// fullAnswers names her "Zoë Ó'Brien-Łukasiewicz": the bound save changed the name back, recorded as a change.
	if lastEvent(evs, "person.changed") == nil {
		t.Error("the bound save of the name is not in the audit trail")
	}
}

// TestDesignerKeepsPersonFieldAndNotFuture: editing a bound question's
// label in the designer keeps its binding and its not_future rule.
func TestDesignerKeepsPersonFieldAndNotFuture(t *testing.T) {
	app := newTestApp(t)
	id := app.template
	p := app.leadPages(t)
	base := fmt.Sprintf("/templates/%d/draft", id)
	p.post(fmt.Sprintf("/templates/%d/drafts", id), nil).want(t, http.StatusSeeOther)
	p.post(base+"/questions/date-of-birth", url.Values{"label": {"I was born on"}, "type": {"date"}, "section": {"about-me"}}).
		want(t, http.StatusSeeOther)
	q := app.draftSchema(t, id).Question("date-of-birth")
	if q.Label != "I was born on" || q.PersonField != "date_of_birth" || !q.NotFuture {
		t.Fatalf("after the edit: %+v", q)
	}
}
