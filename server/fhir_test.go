package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func TestFHIRExportAndImportRoundTrip(t *testing.T) {
	app := newTestApp(t)
	resp, body := app.do("GET", fmt.Sprintf("/api/v1/templates/%d/versions/1/fhir", app.template), app.lead, nil)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/fhir+json") {
		t.Fatalf("export: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var q struct {
		ResourceType, URL, Version, Status, Title string
		Item                                      []any
	}
	if err := json.Unmarshal(body, &q); err != nil {
		t.Fatal(err)
	}
	if q.ResourceType != "Questionnaire" || q.Version != "1" || q.Status != "active" || len(q.Item) != 18 ||
		!strings.HasSuffix(q.URL, fmt.Sprintf("/fhir/Questionnaire/template-%d", app.template)) {
		t.Fatalf("questionnaire = %s %s %s %s, %d items", q.ResourceType, q.URL, q.Version, q.Status, len(q.Item))
	}

	var imported struct {
		ID       uint
		Status   string
		Warnings []any
	}
	app.json("POST", "/api/v1/templates/import", app.lead, body, http.StatusCreated, &imported)
	if imported.Status != "draft" || len(imported.Warnings) != 0 {
		t.Fatalf("import = %+v", imported)
	}
	var orig, back struct{ Schema any }
	app.json("GET", fmt.Sprintf("/api/v1/templates/%d/versions/1", app.template), app.lead, nil, http.StatusOK, &orig)
	app.json("GET", fmt.Sprintf("/api/v1/templates/%d/versions/1", imported.ID), app.lead, nil, http.StatusOK, &back)
	if !reflect.DeepEqual(orig.Schema, back.Schema) {
		t.Fatal("imported schema differs from the exported one")
	}

	e := app.fail("POST", "/api/v1/templates/import", app.lead, `{"resourceType": "Patient"}`, http.StatusUnprocessableEntity)
	if e.Error.Fields["resourceType"] == "" {
		t.Fatalf("fields = %v", e.Error.Fields)
	}
	app.fail("POST", "/api/v1/templates/import", app.lead, `not json`, http.StatusBadRequest)
	app.fail("POST", "/api/v1/templates/import", app.assessor, body, http.StatusForbidden)
}

func TestFHIRQuestionnaireResponse(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	app.json("PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", id), app.assessor,
		map[string]any{"revision": 0, "answers": map[string]any{"my-name": "Zoë Ó'Brien-Łukasiewicz", "interpreter": false}}, http.StatusOK, nil)
	var r struct {
		ResourceType, Questionnaire, Status string
		Subject                             struct{ Display string }
		Item                                []struct {
			LinkID string `json:"linkId"`
			Item   []struct {
				LinkID string `json:"linkId"`
				Answer []map[string]any
			}
		}
	}
	app.json("GET", fmt.Sprintf("/api/v1/assessments/%d/fhir", id), app.assessor, nil, http.StatusOK, &r)
	if r.ResourceType != "QuestionnaireResponse" || r.Status != "in-progress" || !strings.HasSuffix(r.Questionnaire, "|1") ||
		r.Subject.Display != "Zoë Ó'Brien-Łukasiewicz" {
		t.Fatalf("response = %+v", r)
	}
	// The bound questions answer with the person's details; nothing else
	// but the interpreter was answered.
	if len(r.Item) != 1 || r.Item[0].LinkID != "about-me" || len(r.Item[0].Item) != 4 ||
		r.Item[0].Item[1].Answer[0]["valueDate"] != "1941-03-03" || r.Item[0].Item[2].Answer[0]["valueString"] != "943 476 5919" ||
		r.Item[0].Item[3].Answer[0]["valueBoolean"] != false {
		t.Fatalf("items = %+v", r.Item)
	}
	app.fail("GET", fmt.Sprintf("/api/v1/assessments/%d/fhir", id), app.other, nil, http.StatusNotFound)
}
