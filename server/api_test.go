package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// signaturePNG is a valid 1×1 PNG as a data URL.
const signaturePNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="

func TestHealthz(t *testing.T) {
	app := newTestApp(t)
	var out map[string]string
	app.json("GET", "/healthz", "", nil, http.StatusOK, &out)
	if out["status"] != "ok" {
		t.Fatalf("healthz = %v", out)
	}
}

func TestAPIRefusesWithoutValidToken(t *testing.T) {
	app := newTestApp(t)
	for _, tok := range []string{"", "not-a-token"} {
		e := app.fail("GET", "/api/v1/templates", tok, nil, http.StatusUnauthorized)
		if e.Error.Code != "unauthorized" {
			t.Errorf("token %q: code %q", tok, e.Error.Code)
		}
	}
}

// fullAnswers answers every required question of the default template.
func fullAnswers() map[string]any {
	return map[string]any{
		"my-name": "Zoë Ó'Brien-Łukasiewicz", "assessor-name": "Ada Assessor, Trusted Assessor, Northshire Care",
		"recommendation": "I can go back to Rosewood House with my frame.", "care-home-accepts": true,
		"assessor-signature": signaturePNG, "sign-off-date": "2026-10-20", // before every test clock (not_future)
	}
}

func TestAssessmentLifecycle(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	path := fmt.Sprintf("/api/v1/assessments/%d", id)

	var got struct {
		Status          string            `json:"status"`
		Revision        int               `json:"revision"`
		TemplateVersion int               `json:"template_version"`
		Person          map[string]string `json:"person"`
		Answers         map[string]any    `json:"answers"`
	}
	app.json("GET", path, app.assessor, nil, http.StatusOK, &got)
	if got.Status != "in_progress" || got.Revision != 0 || got.TemplateVersion != 1 {
		t.Fatalf("new assessment = %+v", got)
	}
	if got.Person["nhs_number"] != "9434765919" || got.Person["name"] != "Zoë Ó'Brien-Łukasiewicz" {
		t.Fatalf("person = %v", got.Person)
	}

	// Completing too early lists every missing required question.
	e := app.fail("POST", path+"/complete", app.assessor, nil, http.StatusUnprocessableEntity)
	for _, q := range []string{"assessor-name", "recommendation", "care-home-accepts", "assessor-signature", "sign-off-date"} {
		if e.Error.Fields[q] == "" {
			t.Errorf("missing required %q not reported: %v", q, e.Error.Fields)
		}
	}
	// "My name" is bound to the person's name, which the start page took.
	if e.Error.Fields["my-name"] != "" {
		t.Errorf("my-name reported missing although the person has a name: %v", e.Error.Fields)
	}

	var saved struct{ Revision int }
	app.json("PATCH", path+"/answers", app.assessor, map[string]any{"revision": 0, "answers": fullAnswers()}, http.StatusOK, &saved)
	if saved.Revision != 1 {
		t.Fatalf("revision after save = %d", saved.Revision)
	}
	// A second tablet still on revision 0 gets the current state back.
	e = app.fail("PATCH", path+"/answers", app.assessor, map[string]any{"revision": 0,
		"answers": map[string]any{"my-name": "Someone else"}}, http.StatusConflict)
	if e.Revision == nil || *e.Revision != 1 || e.Answers["my-name"] != "Zoë Ó'Brien-Łukasiewicz" {
		t.Fatalf("stale save answer: %+v", e)
	}
	// A hidden required answer (care home reason) is not needed.
	app.json("PATCH", path+"/answers", app.assessor, map[string]any{"revision": 1,
		"answers": map[string]any{"please-call-me": "Zo", "my-name": "Zoë Ó'Brien-Łukasiewicz"}}, http.StatusOK, &saved)

	var done map[string]any
	app.json("POST", path+"/complete", app.assessor, nil, http.StatusOK, &done)
	if done["status"] != "completed" {
		t.Fatalf("complete = %v", done)
	}
	// Locked: autosave and a second completion are conflicts.
	app.fail("PATCH", path+"/answers", app.assessor, map[string]any{"revision": 2, "answers": map[string]any{"please-call-me": "Zoe"}}, http.StatusConflict)
	app.fail("POST", path+"/complete", app.assessor, nil, http.StatusConflict)
	// Corrections are amendments with a reason.
	app.fail("POST", path+"/amendments", app.assessor, map[string]any{"revision": 2, "answers": map[string]any{"please-call-me": "Zoe"}}, http.StatusUnprocessableEntity)
	app.json("POST", path+"/amendments", app.assessor, map[string]any{"revision": 2, "reason": "Zoë asked for the spelling without the diaeresis",
		"answers": map[string]any{"please-call-me": "Zoe"}}, http.StatusOK, &saved)

	var audit []struct {
		Actor, Action string
		Detail        map[string]any
	}
	app.json("GET", path+"/audit", app.assessor, nil, http.StatusOK, &audit)
	actions := map[string]int{}
	for _, ev := range audit {
		actions[ev.Action]++
		if ev.Action == "answer.changed" && ev.Detail["question_id"] == "please-call-me" {
			if ev.Detail["old"] != nil || ev.Detail["new"] != "Zo" {
				t.Errorf("please-call-me change detail = %v", ev.Detail)
			}
		}
		if ev.Action == "answer.amended" && (ev.Detail["old"] != "Zo" || ev.Detail["new"] != "Zoe" || ev.Detail["reason"] == nil) {
			t.Errorf("amendment detail = %v", ev.Detail)
		}
		if ev.Actor != "Ada Assessor" {
			t.Errorf("actor = %q", ev.Actor)
		}
	}
	if actions["assessment.started"] != 1 || actions["assessment.completed"] != 1 || actions["answer.changed"] != 6 || actions["answer.amended"] != 1 {
		t.Fatalf("audit actions = %v", actions)
	}
}

func TestAnswersThatDoNotFitAre422NamingTheQuestion(t *testing.T) {
	app := newTestApp(t)
	path := fmt.Sprintf("/api/v1/assessments/%d/answers", app.startAssessment(app.assessor))
	cases := map[string]map[string]any{
		"interpreter":    {"interpreter": "yes please"},
		"walk-with":      {"walk-with": "A hoverboard"},
		"sign-off-date":  {"sign-off-date": "2026-02-30"},
		"no-such-q":      {"no-such-q": "x"},
		"medicines":      {"medicines": []any{map[string]any{"colour": "red"}}},
		"people-to-move": {"people-to-move": "two"},
	}
	for q, answers := range cases {
		e := app.fail("PATCH", path, app.assessor, map[string]any{"revision": 0, "answers": answers}, http.StatusUnprocessableEntity)
		if e.Error.Fields[q] == "" {
			t.Errorf("%s: fields = %v", q, e.Error.Fields)
		}
	}
	// Nothing was half-saved: still revision 0, no answers.
	var got struct {
		Revision int
		Answers  map[string]any
	}
	app.json("GET", strings.TrimSuffix(path, "/answers"), app.assessor, nil, http.StatusOK, &got)
	// Only the three questions bound to the person's details show.
	if got.Revision != 0 || len(got.Answers) != 3 || got.Answers["nhs-number"] != "943 476 5919" {
		t.Fatalf("after refused saves: %+v", got)
	}
	app.fail("PATCH", path, app.assessor, `{"revision": 0, "answers": {`, http.StatusBadRequest)
	e := app.fail("PATCH", path, app.assessor, `{"answers": {}}`, http.StatusUnprocessableEntity)
	if e.Error.Fields["revision"] == "" {
		t.Fatalf("missing revision not named: %v", e.Error.Fields)
	}
	e = app.fail("PATCH", path, app.assessor, `{"revision": "zero", "answers": {}}`, http.StatusUnprocessableEntity)
	if e.Error.Fields["revision"] == "" {
		t.Fatalf("wrong-type revision not named: %v", e.Error.Fields)
	}
}

func TestCreateAssessmentChecksThePerson(t *testing.T) {
	app := newTestApp(t)
	cases := []struct {
		name   string
		person map[string]any
		field  string
	}{
		{"bad NHS check digit", map[string]any{"name": "Ann Example", "nhs_number": "9434765918", "date_of_birth": "1940-01-01"}, "person.nhs_number"},
		{"no name", map[string]any{"name": "  ", "date_of_birth": "1940-01-01"}, "person.name"},
		{"born tomorrow", map[string]any{"name": "Ann Example", "date_of_birth": "2999-01-01"}, "person.date_of_birth"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := app.fail("POST", "/api/v1/assessments", app.assessor, map[string]any{"template_id": app.template, "person": tc.person}, http.StatusUnprocessableEntity)
			if e.Error.Fields[tc.field] == "" {
				t.Fatalf("fields = %v, want %s", e.Error.Fields, tc.field)
			}
		})
	}
	e := app.fail("POST", "/api/v1/assessments", app.assessor, map[string]any{"person": map[string]any{"name": "Ann"}}, http.StatusUnprocessableEntity)
	if e.Error.Fields["template_id"] == "" {
		t.Fatalf("missing template_id not named: %v", e.Error.Fields)
	}
	app.fail("POST", "/api/v1/assessments", app.other, map[string]any{"template_id": app.template,
		"person": map[string]any{"name": "Ann Example", "date_of_birth": "1940-01-01"}}, http.StatusNotFound)
}

func TestAnotherTeamsRecordsAreNotFound(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	for _, p := range []string{
		fmt.Sprintf("/api/v1/assessments/%d", id),
		fmt.Sprintf("/api/v1/assessments/%d/audit", id),
		fmt.Sprintf("/api/v1/templates/%d/versions/1", app.template),
		fmt.Sprintf("/api/v1/templates/%d/versions/1/voice", app.template),
		fmt.Sprintf("/api/v1/templates/%d/diff?from=1&to=1", app.template),
	} {
		if e := app.fail("GET", p, app.other, nil, http.StatusNotFound); e.Error.Code != "not_found" {
			t.Errorf("%s: %+v", p, e)
		}
	}
	app.fail("PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", id), app.other,
		map[string]any{"revision": 0, "answers": map[string]any{"my-name": "Intruder"}}, http.StatusNotFound)
	app.fail("PUT", fmt.Sprintf("/api/v1/templates/%d/draft", app.template), app.other, `{"title":"x","sections":[]}`, http.StatusNotFound)
	var list []map[string]any
	app.json("GET", "/api/v1/templates", app.other, nil, http.StatusOK, &list)
	// Their own published default template (every team starts ready), not this team's.
	if len(list) != 1 || uint(list[0]["id"].(float64)) == app.template {
		t.Fatalf("other team sees templates %v", list)
	}
	app.fail("GET", "/api/v1/assessments/not-a-number", app.assessor, nil, http.StatusNotFound)
	app.fail("GET", "/api/v1/nothing-here", app.assessor, nil, http.StatusNotFound)
}

func TestHugeBodyIs413(t *testing.T) {
	app := newTestApp(t)
	big := `{"title":"` + strings.Repeat("a", 12<<20) + `","sections":[]}`
	e := app.fail("POST", "/api/v1/templates", app.lead, big, http.StatusRequestEntityTooLarge)
	if e.Error.Code != "too_large" {
		t.Fatalf("code = %q", e.Error.Code)
	}
}
