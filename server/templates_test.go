package server

import (
	"fmt"
	"net/http"
	"testing"
)

// smallSchema is a two-question form used to exercise versions.
func smallSchema(title, nameLabel string) map[string]any {
	return map[string]any{"title": title, "sections": []any{
		map[string]any{"id": "about-me", "title": "About me", "questions": []any{
			map[string]any{"id": "my-name", "label": nameLabel, "type": "text", "required": true},
			map[string]any{"id": "interpreter", "label": "I need an interpreter", "type": "yesno"},
			map[string]any{"id": "language", "label": "The language I speak is", "type": "text",
				"show_if": map[string]any{"question": "interpreter", "equals": true}, "required": true},
		}}}}
}

func TestTemplateVersionsAndPinning(t *testing.T) {
	app := newTestApp(t)
	var created struct {
		ID       uint              `json:"id"`
		Version  int               `json:"version"`
		Status   string            `json:"status"`
		Problems map[string]string `json:"problems"`
	}
	app.json("POST", "/api/v1/templates", app.lead, smallSchema("Short form", "Name"), http.StatusCreated, &created)
	if created.Version != 1 || created.Status != "draft" || len(created.Problems) != 0 {
		t.Fatalf("created = %+v", created)
	}
	base := fmt.Sprintf("/api/v1/templates/%d", created.ID)

	// Nothing published yet: no assessment can start.
	app.fail("POST", "/api/v1/assessments", app.assessor, map[string]any{"template_id": created.ID,
		"person": map[string]any{"name": "Ann Example", "date_of_birth": "1940-01-01"}}, http.StatusConflict)

	var voice []map[string]string
	app.json("GET", base+"/versions/1/voice", app.lead, nil, http.StatusOK, &voice)
	if len(voice) != 1 || voice[0]["question_id"] != "my-name" || voice[0]["suggestion"] != "My name" {
		t.Fatalf("voice findings = %v", voice)
	}

	var pub map[string]any
	app.json("POST", base+"/publish", app.lead, map[string]any{"note": "First go"}, http.StatusOK, &pub)
	if pub["version"] != float64(1) || pub["status"] != "published" {
		t.Fatalf("publish = %v", pub)
	}
	app.fail("POST", base+"/publish", app.lead, map[string]any{"note": "again"}, http.StatusConflict)

	// An assessment started now stays on version 1.
	var a struct {
		ID              uint `json:"id"`
		TemplateVersion int  `json:"template_version"`
	}
	app.json("POST", "/api/v1/assessments", app.assessor, map[string]any{"template_id": created.ID,
		"person": map[string]any{"name": "Ann Example", "date_of_birth": "1940-01-01"}}, http.StatusCreated, &a)

	// Version 2 renames a question and drops the interpreter questions.
	v2 := smallSchema("Short form", "My name")
	v2["sections"].([]any)[0].(map[string]any)["questions"] = v2["sections"].([]any)[0].(map[string]any)["questions"].([]any)[:1]
	var draft struct {
		Number int    `json:"number"`
		Status string `json:"status"`
	}
	app.json("PUT", base+"/draft", app.lead, v2, http.StatusOK, &draft)
	if draft.Number != 2 || draft.Status != "draft" {
		t.Fatalf("draft = %+v", draft)
	}
	app.json("POST", base+"/publish", app.lead, map[string]any{"note": "In my voice"}, http.StatusOK, &pub)

	var diff struct{ Added, Removed, Changed, Reworded []string }
	app.json("GET", base+"/diff?from=1&to=2", app.lead, nil, http.StatusOK, &diff)
	if len(diff.Removed) != 2 || len(diff.Reworded) != 1 || diff.Reworded[0] != "my-name" {
		t.Fatalf("diff = %+v", diff)
	}
	app.fail("GET", base+"/diff?from=1", app.lead, nil, http.StatusUnprocessableEntity)

	// The pinned assessment still validates against version 1: the
	// interpreter questions exist for it, and the shown "language" is required.
	path := fmt.Sprintf("/api/v1/assessments/%d", a.ID)
	app.json("PATCH", path+"/answers", app.assessor, map[string]any{"revision": 0,
		"answers": map[string]any{"my-name": "Ann Example", "interpreter": true}}, http.StatusOK, nil)
	e := app.fail("POST", path+"/complete", app.assessor, nil, http.StatusUnprocessableEntity)
	if e.Error.Fields["language"] == "" || len(e.Error.Fields) != 1 {
		t.Fatalf("missing on v1 = %v", e.Error.Fields)
	}
	var v1 struct {
		Number int
		Status string
		Note   string
	}
	app.json("GET", base+"/versions/1", app.assessor, nil, http.StatusOK, &v1)
	if v1.Status != "published" || v1.Note != "First go" {
		t.Fatalf("version 1 = %+v", v1)
	}

	// A new draft from version 1; a second one conflicts until discarded.
	app.json("POST", base+"/drafts", app.lead, map[string]any{"from": 1}, http.StatusCreated, &draft)
	if draft.Number != 3 {
		t.Fatalf("new draft number = %d", draft.Number)
	}
	app.fail("POST", base+"/drafts", app.lead, map[string]any{"from": 1}, http.StatusConflict)
	app.json("DELETE", base+"/draft", app.lead, nil, http.StatusNoContent, nil)
	app.fail("GET", base+"/draft", app.lead, nil, http.StatusNotFound)

	var list []map[string]any
	app.json("GET", "/api/v1/templates", app.lead, nil, http.StatusOK, &list)
	for _, tmpl := range list {
		if tmpl["id"] == float64(created.ID) && (tmpl["published_version"] != float64(2) || tmpl["has_draft"] != false) {
			t.Fatalf("list entry = %v", tmpl)
		}
	}
}

func TestPublishRefusesAnInvalidSchema(t *testing.T) {
	app := newTestApp(t)
	bad := map[string]any{"title": "Broken", "sections": []any{map[string]any{"id": "s", "title": "S", "questions": []any{
		map[string]any{"id": "walk", "label": "I walk with", "type": "choice"},
		map[string]any{"id": "walk", "label": "I walk with again", "type": "text"},
	}}}}
	var created struct {
		ID       uint
		Problems map[string]string
	}
	app.json("POST", "/api/v1/templates", app.lead, bad, http.StatusCreated, &created)
	if len(created.Problems) == 0 {
		t.Fatalf("draft problems not reported")
	}
	e := app.fail("POST", fmt.Sprintf("/api/v1/templates/%d/publish", created.ID), app.lead, map[string]any{"note": "x"}, http.StatusUnprocessableEntity)
	if e.Error.Fields["walk"] == "" {
		t.Fatalf("fields = %v", e.Error.Fields)
	}
	app.fail("POST", "/api/v1/templates", app.lead, `{"title": "x", "sections": [}`, http.StatusBadRequest)
}

func TestOnlyLeadsChangeTemplates(t *testing.T) {
	app := newTestApp(t)
	base := fmt.Sprintf("/api/v1/templates/%d", app.template)
	app.fail("POST", "/api/v1/templates", app.assessor, smallSchema("Mine", "My name"), http.StatusForbidden)
	app.fail("PUT", base+"/draft", app.assessor, smallSchema("Mine", "My name"), http.StatusForbidden)
	app.fail("POST", base+"/publish", app.assessor, map[string]any{"note": "x"}, http.StatusForbidden)
	app.fail("DELETE", base+"/draft", app.assessor, nil, http.StatusForbidden)
	// Reading is fine for assessors.
	app.json("GET", base+"/versions/1", app.assessor, nil, http.StatusOK, nil)
}

func TestDefaultTemplateIsSeededInMyVoice(t *testing.T) {
	app := newTestApp(t)
	var v struct {
		Status string
		Schema struct {
			Title    string
			Sections []map[string]any
		}
	}
	app.json("GET", fmt.Sprintf("/api/v1/templates/%d/versions/1", app.template), app.lead, nil, http.StatusOK, &v)
	if v.Status != "published" || v.Schema.Title != "Trusted Assessor discharge assessment" || len(v.Schema.Sections) != 18 {
		t.Fatalf("seeded = %s %q %d sections", v.Status, v.Schema.Title, len(v.Schema.Sections))
	}
	var voice []any
	app.json("GET", fmt.Sprintf("/api/v1/templates/%d/versions/1/voice", app.template), app.lead, nil, http.StatusOK, &voice)
	if len(voice) != 0 {
		t.Fatalf("default template voice findings: %v", voice)
	}
}
