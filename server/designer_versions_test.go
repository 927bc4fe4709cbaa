package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestDesignerPublishRefusesAnInvalidDraft(t *testing.T) {
	app, p, id, base := editor(t)
	// A choice question with one option is saved, but cannot be published.
	p.post(base+"/questions/walking-aid", url.Values{"label": {"I walk with"}, "type": {"choice"},
		"options": {"A stick"}, "section": {"about-me"}}).want(t, http.StatusSeeOther)

	pg := p.post(fmt.Sprintf("/templates/%d/publish", id), url.Values{"note": {"Typed note survives"}}).
		want(t, http.StatusUnprocessableEntity)
	pg.has(t, "Version 2 was not published", `role="alert"`,
		`<a href="#q-walking-aid">Question 1.2 “I walk with”</a>: a choice question needs at least two options`,
		">Typed note survives</textarea>")
	// The same message sits next to the question itself.
	if strings.Count(pg.body, "a choice question needs at least two options") < 2 {
		t.Fatal("the problem is not shown next to the question as well as in the summary")
	}
	var list []map[string]any
	app.json("GET", "/api/v1/templates", app.lead, nil, http.StatusOK, &list)
	for _, tpl := range list {
		if uint(tpl["id"].(float64)) == id && tpl["published_version"].(float64) != 1 {
			t.Fatalf("published anyway: %v", tpl)
		}
	}

	long := strings.Repeat("a", maxNoteLen+1)
	p.post(fmt.Sprintf("/templates/%d/publish", id), url.Values{"note": {long}}).
		want(t, http.StatusUnprocessableEntity).has(t, `id="publish-note-error">Keep the note under 2000 characters.`)
}

func TestDesignerPublishAndHistory(t *testing.T) {
	app, p, id, base := editor(t)
	p.post(base+"/questions/name/voice", nil).want(t, http.StatusSeeOther)
	tpl := fmt.Sprintf("/templates/%d", id)
	pg := p.post(tpl+"/publish", url.Values{"note": {"  Name in my voice "}}).want(t, http.StatusSeeOther)
	if pg.location != tpl+"?published=2" {
		t.Fatalf("after publishing: %q", pg.location)
	}
	app.startAssessmentOn(t, id)
	page := p.get(pg.location).want(t, http.StatusOK)
	page.has(t, "Version 2 is published.", "version 2 published", "1 assessment uses this template",
		`<tr id="v2">`, "Name in my voice", "Clinical lead", "First go",
		`href="/api/v1/templates/`+fmt.Sprint(id)+`/versions/2/fhir?download=1"`,
		`href="/templates/`+fmt.Sprint(id)+`/compare?from=1&amp;to=2"`, "New draft from v1", "Start a new draft").
		lacks(t, "New draft from v2") // that is what "Start a new draft" does
	// The assessment is counted against version 2, and version 1 has none.
	row2 := page.body[strings.Index(page.body, `<tr id="v2">`):strings.Index(page.body, `<tr id="v1">`)]
	if !strings.Contains(row2, `data-label="Assessments">1</td>`) {
		t.Fatalf("version 2 row does not count its assessment:\n%s", row2)
	}
	// The FHIR link works with the browser's session.
	fh := p.get(fmt.Sprintf("/api/v1/templates/%d/versions/2/fhir?download=1", id)).want(t, http.StatusOK)
	fh.has(t, `"resourceType":"Questionnaire"`)
	// The editor without a draft sends the lead to the versions.
	pg = p.get(base).want(t, http.StatusSeeOther)
	p.get(pg.location).want(t, http.StatusOK).has(t, "This template has no draft.")
	// Publishing with no draft does not fail loudly either.
	p.post(tpl+"/publish", nil).want(t, http.StatusSeeOther)
}

func (a *testApp) startAssessmentOn(t *testing.T, id uint) {
	t.Helper()
	a.json("POST", "/api/v1/assessments", a.assessor, map[string]any{"template_id": id,
		"person": map[string]any{"name": "Ida Madeup", "date_of_birth": "1938-05-06"}}, http.StatusCreated, nil)
}

func TestDesignerDraftFromAnEarlierVersionAndDiscard(t *testing.T) {
	app, p, id, base := editor(t)
	tpl := fmt.Sprintf("/templates/%d", id)
	p.post(base+"/questions/name/voice", nil).want(t, http.StatusSeeOther)
	p.post(tpl+"/publish", url.Values{"note": {"v2"}}).want(t, http.StatusSeeOther)

	p.post(tpl+"/drafts", url.Values{"from": {"1"}}).want(t, http.StatusSeeOther)
	if got := app.draftSchema(t, id).Question("name").Label; got != "Name" {
		t.Fatalf("draft from version 1 has label %q", got)
	}
	p.get(tpl).want(t, http.StatusOK).has(t, "Draft version 3, started from version 1", "discard the current draft first").
		lacks(t, "New draft from v1")
	// A second draft is refused with a clear page.
	p.post(tpl+"/drafts", url.Values{"from": {"2"}}).want(t, http.StatusConflict).has(t, "already has a draft")
	p.post(tpl+"/drafts", url.Values{"from": {"9"}}).want(t, http.StatusConflict)
	p.post(tpl+"/drafts", url.Values{"from": {"x"}}).want(t, http.StatusNotFound)

	pg := p.post(base+"/discard", nil).want(t, http.StatusSeeOther)
	p.get(pg.location).want(t, http.StatusOK).has(t, "The draft is discarded.").lacks(t, "draft version 3")
	p.post(base+"/discard", nil).want(t, http.StatusNotFound)
	p.post(tpl+"/drafts", url.Values{"from": {"9"}}).want(t, http.StatusNotFound)
}

func TestDesignerCompare(t *testing.T) {
	_, p, id, base := editor(t)
	tpl := fmt.Sprintf("/templates/%d", id)
	p.post(base+"/questions/name/voice", nil).want(t, http.StatusSeeOther)
	p.post(base+"/questions/conditions/delete", nil).want(t, http.StatusSeeOther)
	p.post(base+"/questions", url.Values{"section": {"my-move"}, "label": {"I travel by"}, "type": {"text"}}).want(t, http.StatusSeeOther)
	p.post(base+"/questions/walking-aid/move", url.Values{"section": {"my-move"}, "to": {"0"}}).want(t, http.StatusSeeOther)

	// Left out, the versions are the newest (the draft) and the one before.
	pg := p.get(tpl+"/compare").want(t, http.StatusOK)
	pg.has(t, "From version 1 to version 2", "<strong>1</strong> added", "<strong>1</strong> removed",
		"<strong>1</strong> reworded", "<strong>1</strong> moved",
		`<tr class="cmp-row cmp-reworded">`, `<p class="cmp-label">Name</p>`, `<p class="cmp-label">My name</p>`,
		`<tr class="cmp-row cmp-added">`, "I travel by", `<tr class="cmp-row cmp-removed">`, "My health conditions",
		`<tr class="cmp-row cmp-moved">`, `from “About me”`)
	// Only what changed leaves out the unchanged question.
	p.get(tpl+"/compare?from=1&to=2&changes=only").want(t, http.StatusOK).lacks(t, "I am going to")
	p.get(tpl+"/compare?from=1&to=2").want(t, http.StatusOK).has(t, "I am going to")
	p.get(tpl+"/compare?from=2&to=2").want(t, http.StatusOK).has(t, "The two versions are the same.")
	p.get(tpl+"/compare?from=1&to=7").want(t, http.StatusUnprocessableEntity).has(t, "Choose two versions")
}

func TestDesignerPreview(t *testing.T) {
	_, p, id, base := editor(t)
	p.post(base+"/questions", url.Values{"section": {"about-me"}, "label": {"The aid I use"}, "type": {"choice"}}).want(t, http.StatusSeeOther)
	p.post(base+"/questions/the-aid-i-use", url.Values{"label": {"The aid I use"}, "type": {"choice"},
		"options": {"A stick\nA frame"}, "section": {"about-me"}, "show_if": {"walking-aid"}, "show_if_value": {"yes"}}).
		want(t, http.StatusSeeOther)
	pg := p.get(base+"/preview").want(t, http.StatusOK)
	pg.has(t, "Preview of draft version 2", "Section 1 of 3", `<label class="pv-label" for="pv-name">Name`,
		`<input type="radio" name="walking-aid" value="yes"> Yes`,
		`id="pv-the-aid-i-use-q" data-qid="the-aid-i-use" data-type="choice" data-show-if="{&#34;question&#34;:&#34;walking-aid&#34;,&#34;equals&#34;:true}" hidden>`,
		`<input type="radio" name="the-aid-i-use" value="A frame"> A frame`, "Next section →")
	p.get(base+"/preview?section=3").want(t, http.StatusOK).has(t, "Section 3 of 3", "My move", "Check and complete").
		lacks(t, "Next section →")
	p.get(base+"/preview?section=99").want(t, http.StatusOK).has(t, "Section 3 of 3")
	// Any version can be previewed; version 1 is the published one.
	p.get(fmt.Sprintf("/templates/%d/versions/1/preview", id)).want(t, http.StatusOK).
		has(t, "Preview of version 1").lacks(t, "The aid I use", "Back to the editor")
	p.get(fmt.Sprintf("/templates/%d/versions/5/preview", id)).want(t, http.StatusNotFound)
	p.post(base+"/discard", nil).want(t, http.StatusSeeOther)
	p.get(base+"/preview").want(t, http.StatusSeeOther)
}
