package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"firstperson/forms"
)

// editor returns a lead's page client and the draft path of a fresh copy
// of the small template with a draft started.
func editor(t *testing.T) (*testApp, *pageClient, uint, string) {
	t.Helper()
	app := newTestApp(t)
	id := app.smallTemplate(t)
	p := app.leadPages(t)
	base := fmt.Sprintf("/templates/%d/draft", id)
	pg := p.post(fmt.Sprintf("/templates/%d/drafts", id), nil).want(t, http.StatusSeeOther)
	if pg.location != base {
		t.Fatalf("new draft went to %q", pg.location)
	}
	return app, p, id, base
}

func sectionIDs(s *forms.Schema) []string {
	var ids []string
	for _, sec := range s.Sections {
		ids = append(ids, sec.ID)
	}
	return ids
}

func questionIDs(sec forms.Section) []string {
	var ids []string
	for _, q := range sec.Questions {
		ids = append(ids, q.ID)
	}
	return ids
}

func TestDesignerEditorShowsTheDraft(t *testing.T) {
	_, p, _, base := editor(t)
	p.get(base).want(t, http.StatusOK).has(t,
		"Editing draft version 2", `value="Ward 7 discharge form"`, `id="s-about-me"`, `id="q-walking-aid"`,
		`<strong id="voice-count">3 of 4</strong>`, "Not in my voice", `value="My name"`, // the suggestion for "Name"
		`<label for="form-title-input">`, `role="status" aria-live="polite"`, `/static/designer.`)
	// ?edit opens the question editor with every field labelled.
	p.get(base+"?edit=walking-aid").want(t, http.StatusOK).has(t,
		`<label for="qe-label">`, `<label for="qe-type">`, `<label for="qe-hint">`, `<label for="qe-required">`,
		`<label for="qe-options">`, `<label for="qe-columns">`, `<label for="qe-showif">`, `<label for="qe-showif-value">`,
		`action="/templates/`, `/draft/questions/walking-aid"`)
}

func TestDesignerNoInlineScriptOrStyle(t *testing.T) {
	_, p, id, base := editor(t)
	for _, path := range []string{base, base + "?edit=walking-aid", base + "/preview", "/templates",
		fmt.Sprintf("/templates/%d", id), fmt.Sprintf("/templates/%d/compare", id)} {
		body := p.get(path).want(t, http.StatusOK).body
		for _, bad := range []string{"style=", "onclick=", "<script>", "javascript:"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s has %q, which the Content-Security-Policy blocks", path, bad)
			}
		}
	}
}

func TestDesignerTitle(t *testing.T) {
	app, p, id, base := editor(t)
	p.post(base+"/title", url.Values{"title": {"  Ward 7 form, in my words "}}).want(t, http.StatusSeeOther)
	if got := app.draftSchema(t, id).Title; got != "Ward 7 form, in my words" {
		t.Fatalf("title = %q", got)
	}
	p.post(base+"/title", url.Values{"title": {"   "}}).want(t, http.StatusUnprocessableEntity).
		has(t, `id="form-title-error">Give the form a title`, `aria-invalid="true"`)
	if got := app.draftSchema(t, id).Title; got != "Ward 7 form, in my words" {
		t.Fatalf("a refused title changed it to %q", got)
	}
}

func TestDesignerSections(t *testing.T) {
	app, p, id, base := editor(t)
	pg := p.post(base+"/sections", url.Values{"title": {"My hobbies"}}).want(t, http.StatusSeeOther)
	if pg.location != base+"#s-my-hobbies" {
		t.Fatalf("after adding: %q", pg.location)
	}
	// A second "About me" gets its own id; the first keeps its own.
	p.post(base+"/sections", url.Values{"title": {"About me"}}).want(t, http.StatusSeeOther)
	p.post(base+"/sections", url.Values{"title": {""}}).want(t, http.StatusUnprocessableEntity).
		has(t, `id="new-section-error">Give the section a title`)
	want := []string{"about-me", "my-health", "my-move", "my-hobbies", "about-me-2"}
	if got := sectionIDs(app.draftSchema(t, id)); !slices.Equal(got, want) {
		t.Fatalf("sections = %v, want %v", got, want)
	}

	// Rename keeps the id; a blank title is refused next to the field, with the details open.
	p.post(base+"/sections/my-hobbies", url.Values{"title": {"What I enjoy"}}).want(t, http.StatusSeeOther)
	p.post(base+"/sections/my-hobbies", url.Values{"title": {" "}}).want(t, http.StatusUnprocessableEntity).
		has(t, `<details class="section-settings" open>`, `id="st-my-hobbies-error">Give the section a title.`)
	s := app.draftSchema(t, id)
	if s.Sections[3].ID != "my-hobbies" || s.Sections[3].Title != "What I enjoy" {
		t.Fatalf("renamed section = %+v", s.Sections[3])
	}

	// Buttons move one place; drag sends a position; both stay in range.
	p.post(base+"/sections/my-hobbies/move", url.Values{"dir": {"up"}}).want(t, http.StatusSeeOther)
	p.post(base+"/sections/about-me/move", url.Values{"dir": {"up"}}).want(t, http.StatusSeeOther) // already first
	p.post(base+"/sections/about-me-2/move", url.Values{"to": {"0"}}).want(t, http.StatusSeeOther)
	p.post(base+"/sections/my-health/move", url.Values{"to": {"99"}}).want(t, http.StatusSeeOther)
	want = []string{"about-me-2", "about-me", "my-hobbies", "my-move", "my-health"}
	if got := sectionIDs(app.draftSchema(t, id)); !slices.Equal(got, want) {
		t.Fatalf("after moves: %v, want %v", got, want)
	}
	p.post(base+"/sections/my-health/move", nil).want(t, http.StatusUnprocessableEntity).has(t, "Say which way to move it.")

	p.post(base+"/sections/about-me-2/delete", nil).want(t, http.StatusSeeOther)
	p.post(base+"/sections/no-such/delete", nil).want(t, http.StatusUnprocessableEntity).
		has(t, "That section is no longer in the draft")
	if got := sectionIDs(app.draftSchema(t, id)); slices.Contains(got, "about-me-2") {
		t.Fatalf("deleted section still there: %v", got)
	}
}

func TestDesignerAddQuestion(t *testing.T) {
	app, p, id, base := editor(t)
	pg := p.post(base+"/questions", url.Values{"section": {"my-health"}, "label": {"I am allergic to…"}, "type": {"text"}}).
		want(t, http.StatusSeeOther)
	if pg.location != base+"?edit=i-am-allergic-to#q-i-am-allergic-to" {
		t.Fatalf("after adding: %q", pg.location)
	}
	// The same label again gets a new id; a label matching a section id too.
	p.post(base+"/questions", url.Values{"section": {"my-health"}, "label": {"I am allergic to"}, "type": {"longtext"}}).want(t, http.StatusSeeOther)
	p.post(base+"/questions", url.Values{"section": {"my-move"}, "label": {"My move"}, "type": {"table"}}).want(t, http.StatusSeeOther)
	s := app.draftSchema(t, id)
	if got := questionIDs(s.Sections[1]); !slices.Equal(got, []string{"conditions", "i-am-allergic-to", "i-am-allergic-to-2"}) {
		t.Fatalf("my-health questions = %v", got)
	}
	if q := s.Question("my-move-2"); q == nil || q.Type != forms.TypeTable || len(q.Columns) != 1 {
		t.Fatalf("table question = %+v", q)
	}

	// A blank label or an unknown type is refused next to the field, with what was typed kept.
	p.post(base+"/questions", url.Values{"section": {"my-move"}, "label": {""}, "type": {"choice"}}).
		want(t, http.StatusUnprocessableEntity).
		has(t, `<details class="add-question" open>`, `id="aq-my-move-error">Write the question`, `<option value="choice" selected>`)
	p.post(base+"/questions", url.Values{"section": {"my-move"}, "label": {"I like"}, "type": {"essay"}}).
		want(t, http.StatusUnprocessableEntity).has(t, "Choose what kind of answer", `value="I like"`)
}

func TestDesignerEditQuestion(t *testing.T) {
	app, p, id, base := editor(t)
	p.post(base+"/questions", url.Values{"section": {"about-me"}, "label": {"The aid I use most"}, "type": {"text"}}).
		want(t, http.StatusSeeOther)
	form := url.Values{"label": {"The walking aid I use most"}, "type": {"choice"}, "hint": {"Ask to see it"},
		"required": {"1"}, "options": {"A stick\n\n  A frame \nA wheelchair\n"}, "section": {"about-me"},
		"show_if": {"walking-aid"}, "show_if_value": {"yes"}, "columns": {"ignored for a choice"}}
	pg := p.post(base+"/questions/the-aid-i-use-most", form).want(t, http.StatusSeeOther)
	if pg.location != base+"#q-the-aid-i-use-most" {
		t.Fatalf("after saving: %q", pg.location)
	}
	q := app.draftSchema(t, id).Question("the-aid-i-use-most") // the id stays although the label changed
	want := forms.Question{ID: "the-aid-i-use-most", Label: "The walking aid I use most", Type: forms.TypeChoice,
		Hint: "Ask to see it", Required: true, Options: []string{"A stick", "A frame", "A wheelchair"},
		ShowIf: &forms.Condition{Question: "walking-aid", Equals: true}}
	if got, _ := json.Marshal(q); string(got) != string(must(json.Marshal(want))) {
		t.Fatalf("saved %s\nwant  %s", got, must(json.Marshal(want)))
	}
	// The row says when it is shown, and there is nothing left to fix.
	p.get(base).want(t, http.StatusOK).has(t, "Shown when “I use a walking aid” is “Yes”").lacks(t, "to fix before publishing")

	// Moving to another section through the editor's section list.
	form.Set("section", "my-move")
	p.post(base+"/questions/the-aid-i-use-most", form).want(t, http.StatusSeeOther)
	if got := questionIDs(app.draftSchema(t, id).Sections[2]); !slices.Equal(got, []string{"going-to", "the-aid-i-use-most"}) {
		t.Fatalf("my-move questions = %v", got)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
