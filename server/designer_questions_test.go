package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestDesignerEditQuestionRefusals(t *testing.T) {
	app, p, id, base := editor(t)
	valid := func() url.Values {
		return url.Values{"label": {"I am going to"}, "type": {"text"}, "section": {"my-move"}}
	}
	tests := []struct {
		name   string
		change func(url.Values)
		want   []string
	}{
		{"blank label", func(f url.Values) { f.Set("label", " ") },
			[]string{`id="qe-label-error">Write the question`, `aria-invalid="true"`}},
		{"unknown type", func(f url.Values) { f.Set("type", "essay") },
			[]string{`id="qe-type-error">Choose what kind of answer`}},
		{"show-if on a later question", func(f url.Values) { f.Set("label", "Kept as typed"); f.Set("show_if", "no-such") },
			[]string{`id="qe-showif-error">Choose an earlier question`, "Kept as typed"}},
		{"yes/no answer that is neither", func(f url.Values) { f.Set("show_if", "walking-aid"); f.Set("show_if_value", "maybe") },
			[]string{`id="qe-showif-value-error">Choose Yes or No.`}},
		{"unknown section", func(f url.Values) { f.Set("section", "nowhere") },
			[]string{"Choose one of the form"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := valid()
			tt.change(f)
			pg := p.post(base+"/questions/going-to", f).want(t, http.StatusUnprocessableEntity).has(t, tt.want...)
			pg.has(t, `class="q-edit"`) // the editor stays open on the question
			if got := app.draftSchema(t, id).Question("going-to").Label; got != "I am going to" {
				t.Fatalf("refused edit saved label %q", got)
			}
		})
	}
	p.post(base+"/questions/no-such", valid()).want(t, http.StatusUnprocessableEntity).
		has(t, "That question is no longer in the draft")
}

// A draft with problems is saved (work in progress) and each problem shows
// next to the field it is about, and in the summary by the publish button.
func TestDesignerProblemsShownNextToFields(t *testing.T) {
	app, p, id, base := editor(t)
	f := url.Values{"label": {"I walk with"}, "type": {"choice"}, "options": {"A stick"}, "section": {"about-me"}}
	p.post(base+"/questions/walking-aid", f).want(t, http.StatusSeeOther)
	if q := app.draftSchema(t, id).Question("walking-aid"); len(q.Options) != 1 {
		t.Fatalf("an unfinished choice question was not saved: %+v", q)
	}
	p.get(base+"?edit=walking-aid").want(t, http.StatusOK).has(t,
		`id="qe-options-error">a choice question needs at least two options`,
		"1 problem to fix before publishing", `href="#q-walking-aid">Question 1.2 “I walk with”</a>`)
}

func TestDesignerMoveQuestion(t *testing.T) {
	app, p, id, base := editor(t)
	order := func() [][]string {
		var out [][]string
		for _, sec := range app.draftSchema(t, id).Sections {
			out = append(out, questionIDs(sec))
		}
		return out
	}
	check := func(want [][]string) {
		t.Helper()
		if got := order(); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("questions = %v, want %v", got, want)
		}
	}
	p.post(base+"/questions/walking-aid/move", url.Values{"dir": {"up"}}).want(t, http.StatusSeeOther)
	check([][]string{{"walking-aid", "name"}, {"conditions"}, {"going-to"}})
	// Down from the last place of a section goes to the top of the next.
	p.post(base+"/questions/name/move", url.Values{"dir": {"down"}}).want(t, http.StatusSeeOther)
	check([][]string{{"walking-aid"}, {"name", "conditions"}, {"going-to"}})
	// Up from the top of a section goes to the end of the one before.
	p.post(base+"/questions/going-to/move", url.Values{"dir": {"up"}}).want(t, http.StatusSeeOther)
	check([][]string{{"walking-aid"}, {"name", "conditions", "going-to"}, {}})
	// The very first question cannot go further up.
	p.post(base+"/questions/walking-aid/move", url.Values{"dir": {"up"}}).want(t, http.StatusSeeOther)
	check([][]string{{"walking-aid"}, {"name", "conditions", "going-to"}, {}})

	// designer.js drags with a position and gets JSON back, not a page.
	req, _ := http.NewRequest("POST", app.srv.URL+base+"/questions/conditions/move",
		strings.NewReader(url.Values{"section": {"my-move"}, "to": {"0"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set(fetchHeader, "1")
	pg := p.send(req).want(t, http.StatusOK)
	var saved struct {
		SavedAt string `json:"saved_at"`
	}
	if err := json.Unmarshal([]byte(pg.body), &saved); err != nil || saved.SavedAt == "" {
		t.Fatalf("fetch answer %q: %v", pg.body, err)
	}
	check([][]string{{"walking-aid"}, {"name", "going-to"}, {"conditions"}})
	req, _ = http.NewRequest("POST", app.srv.URL+base+"/questions/conditions/move",
		strings.NewReader(url.Values{"section": {"nowhere"}, "to": {"0"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set(fetchHeader, "1")
	p.send(req).want(t, http.StatusUnprocessableEntity).has(t, `"code":"invalid"`)
}

func TestDesignerDeleteQuestion(t *testing.T) {
	app, p, id, base := editor(t)
	pg := p.post(base+"/questions/walking-aid/delete", nil).want(t, http.StatusSeeOther)
	if pg.location != base+"#s-about-me" {
		t.Fatalf("after delete: %q", pg.location)
	}
	if app.draftSchema(t, id).Question("walking-aid") != nil {
		t.Fatal("question still there")
	}
	p.post(base+"/questions/walking-aid/delete", nil).want(t, http.StatusUnprocessableEntity)
}

func TestDesignerApplyVoiceSuggestion(t *testing.T) {
	app, p, id, base := editor(t)
	// A page showing an old suggestion does not overwrite a newer label.
	p.post(base+"/questions/name/voice", url.Values{"suggestion": {"Something else"}}).
		want(t, http.StatusUnprocessableEntity).has(t, "The label changed since the page was shown")
	p.post(base+"/questions/name/voice", url.Values{"suggestion": {"My name"}}).want(t, http.StatusSeeOther)
	s := app.draftSchema(t, id)
	if q := s.Question("name"); q.Label != "My name" || q.ID != "name" {
		t.Fatalf("after the rewrite: %+v", q)
	}
	if in, total := s.VoiceCount(); in != total {
		t.Fatalf("voice count %d of %d", in, total)
	}
	p.get(base).want(t, http.StatusOK).has(t, `<strong id="voice-count">4 of 4</strong>`, "Every question speaks as the person.").
		lacks(t, "Not in my voice")
	// A label already in the person's voice is left alone.
	p.post(base+"/questions/name/voice", nil).want(t, http.StatusSeeOther)
	if got := app.draftSchema(t, id).Question("name").Label; got != "My name" {
		t.Fatalf("label = %q", got)
	}
}
