package server

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// voiceFieldsSchema has one text of each kind not in the person's voice,
// an assessor hint that must be skipped and a label with no safe rewrite.
func voiceFieldsSchema() map[string]any {
	return map[string]any{"title": "Ward 9 form", "sections": []any{
		map[string]any{"id": "about", "title": "Patient details", "questions": []any{
			map[string]any{"id": "call", "label": "Please call me", "type": "text",
				"hint": "What would you like us to call you?"},
			map[string]any{"id": "lpa", "label": "I have a Lasting Power of Attorney", "type": "yesno",
				"hint": "For the assessor: check the registered copy if you can."},
			map[string]any{"id": "wash", "label": "Dressing", "type": "text"},
		}},
		map[string]any{"id": "moving", "title": "Moving around", "questions": []any{
			map[string]any{"id": "help", "label": "The help I need to move", "type": "choice",
				"options": []any{"Independent", "Needs assistance of one"}},
			map[string]any{"id": "meds", "label": "My medicines", "type": "table",
				"columns": []any{map[string]any{"id": "name", "label": "Medicine"},
					map[string]any{"id": "how", "label": "How the patient takes it"}}},
		}},
	}}
}

// TestVoiceAPIFieldKinds: GET …/voice names the field of every finding and
// leaves the suggestion empty where no rewrite is safe.
func TestVoiceAPIFieldKinds(t *testing.T) {
	app := newTestApp(t)
	var out struct {
		ID uint `json:"id"`
	}
	app.json("POST", "/api/v1/templates", app.lead, voiceFieldsSchema(), http.StatusCreated, &out)
	var got []map[string]string
	app.json("GET", fmt.Sprintf("/api/v1/templates/%d/versions/1/voice", out.ID), app.lead, nil, http.StatusOK, &got)
	want := []struct{ field, qid, label, suggestion string }{
		{"title", "", "Patient details", "About me"},
		{"hint", "call", "What would you like us to call you?", "What would I like you to call me?"},
		{"label", "wash", "Dressing", ""},
		{"option", "help", "Needs assistance of one", "I need assistance of one"},
		{"column", "meds", "How the patient takes it", "How I take it"},
	}
	if len(got) != len(want) {
		t.Fatalf("findings = %v", got)
	}
	for i, w := range want {
		g := got[i]
		if g["field"] != w.field || g["question_id"] != w.qid || g["label"] != w.label || g["suggestion"] != w.suggestion || g["problem"] == "" {
			t.Errorf("finding %d = %v, want %+v", i, g, w)
		}
	}
	if got[0]["section_id"] != "about" || got[4]["column_id"] != "how" {
		t.Errorf("title or column finding lacks its id: %v / %v", got[0], got[4])
	}
}

// TestDesignerShowsEveryVoiceField: the editor lists each kind, offers no
// one-click rewrite where none is safe, and refuses to blank the label.
func TestDesignerShowsEveryVoiceField(t *testing.T) {
	app, p, id, base := editor(t)
	var out map[string]any
	app.json("PUT", fmt.Sprintf("/api/v1/templates/%d/draft", id), app.lead, voiceFieldsSchema(), http.StatusOK, &out)
	p.get(base).want(t, http.StatusOK).has(t,
		`<span class="tag">title</span> <a href="#s-about">“Patient details”</a> → “About me”`,
		`<span class="tag">hint</span>`, `<span class="tag">option</span>`, `<span class="tag">column</span>`,
		`The hint is not in my voice`, `“Dressing”</a> → <em>reword by hand</em>`,
		`Suggested: <strong class="suggestion">“What would I like you to call me?”</strong>`)
	p.post(base+"/questions/wash/voice", url.Values{}).want(t, http.StatusSeeOther)
	if got := app.draftSchema(t, id).Question("wash").Label; got != "Dressing" {
		t.Fatalf("label with no safe rewrite became %q", got)
	}
}
