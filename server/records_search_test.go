package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
)

type searchResult struct {
	Items []struct {
		ID        uint   `json:"id"`
		Reference string `json:"reference"`
	} `json:"items"`
	Total int `json:"total"`
}

func (a *testApp) search(token, q string) searchResult {
	a.t.Helper()
	var out searchResult
	a.json("GET", "/api/v1/assessments?q="+url.QueryEscape(q), token, nil, http.StatusOK, &out)
	return out
}

func (r searchResult) has(id uint) bool {
	for _, it := range r.Items {
		if it.ID == id {
			return true
		}
	}
	return false
}

// TestSearchFindsEachPersonOverHTTP starts an assessment for every name of
// forms/testdata/search_names.json and finds each by every way of typing it.
func TestSearchFindsEachPersonOverHTTP(t *testing.T) {
	app := newTestApp(t)
	b, err := os.ReadFile("../forms/testdata/search_names.json")
	if err != nil {
		t.Fatal(err)
	}
	var names []struct {
		Name    string   `json:"name"`
		Queries []string `json:"queries"`
	}
	if err := json.Unmarshal(b, &names); err != nil {
		t.Fatal(err)
	}
	ids := map[string]uint{}
	for _, n := range names {
		var out struct {
			ID uint `json:"id"`
		}
		app.json("POST", "/api/v1/assessments", app.assessor, map[string]any{"template_id": app.template,
			"person": map[string]any{"name": n.Name, "date_of_birth": "1944-05-06"}}, http.StatusCreated, &out)
		ids[n.Name] = out.ID
	}
	for _, n := range names {
		for _, q := range n.Queries {
			if r := app.search(app.lead, q); !r.has(ids[n.Name]) {
				t.Errorf("search %q did not find %q (found %d)", q, n.Name, r.Total)
			}
		}
	}
	// Narrowing: every word must match, in any order.
	if r := app.search(app.lead, "lukasiewicz zoe"); r.Total != 1 || !r.has(ids["Zoë Ó'Brien-Łukasiewicz"]) {
		t.Errorf("lukasiewicz zoe: %+v", r)
	}
	if r := app.search(app.lead, "zoe nobody"); r.Total != 0 {
		t.Errorf("zoe nobody found %d", r.Total)
	}
	// Another team finds none of them.
	if r := app.search(app.other, "zoe"); r.Total != 0 {
		t.Errorf("another team found %d", r.Total)
	}
}

func TestSearchByNHSNumberAndReference(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor) // NHS number 943 476 5919
	var got assessmentJSON
	app.json("GET", fmt.Sprint("/api/v1/assessments/", id), app.lead, nil, http.StatusOK, &got)
	ref := got.Reference // FP-XXXX-XXXX
	for _, q := range []string{"943 476 5919", "9434765919", "943-476-5919", "94347",
		ref, strings.ToLower(ref), strings.ReplaceAll(ref, "-", ""), ref[3:7], ref[8:], ref[:7]} {
		if r := app.search(app.lead, q); !r.has(id) {
			t.Errorf("search %q did not find the assessment", q)
		}
	}
	for _, q := range []string{"943 476 5918", "'", "FP-ZZZZ-ZZZZ"} {
		if r := app.search(app.lead, q); r.Total != 0 {
			t.Errorf("search %q found %d", q, r.Total)
		}
	}
}
