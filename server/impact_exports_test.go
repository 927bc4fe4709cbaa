package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// exportAnswers answers every type of question of the default template,
// with unicode, line breaks and would-be formulas.
func exportAnswers() map[string]any {
	a := fullAnswers()
	for k, v := range map[string]any{
		"please-call-me":    "=HYPERLINK(\"http://evil.example\",\"click\")",
		"what-matters-most": "My garden.\nMy cat, Ménière.\r\nSeeing Łucja on Sundays — “always”.",
		"my-worries":        "+44 is my sister's code",
		"good-day":          "@home",
		"first-language":    "-ish Polish",
		"interpreter":       false,
		"date-of-birth":     "1941-03-03",
		"sensory-aids":      []any{"Glasses", "Hearing aids"},
		"walk-with":         "A frame",
		"people-to-move":    2,
		"reposition-hours":  -1.5,
		"important-people": []any{
			map[string]any{"name": "Łucja Nowak", "relationship": "Daughter", "phone": "=1+1", "contact-about": "Everything\nand more"},
			map[string]any{"name": "Tomás", "relationship": "Son"},
		},
		"family-conversations": []any{map[string]any{"who": "Łucja", "told-us": "She says: \"Mum hates the dark\""}},
	} {
		a[k] = v
	}
	return a
}

// readCSV checks the byte-order mark and parses the rest.
func readCSV(t *testing.T, body []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(body, []byte("\xef\xbb\xbf")) {
		t.Fatalf("no UTF-8 byte-order mark: % x", body[:min(len(body), 8)])
	}
	rows, err := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv cannot read the export: %v\n%s", err, body)
	}
	return rows
}

func column(t *testing.T, rows [][]string, id string) int {
	t.Helper()
	for i, h := range rows[0] {
		if h == id {
			return i
		}
	}
	t.Fatalf("no column %q in %v", id, rows[0])
	return -1
}

func TestExportCSVRoundTripsEveryAnswerType(t *testing.T) {
	app := newTestApp(t)
	done := app.startAssessment(app.assessor)
	app.json("PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", done), app.assessor,
		map[string]any{"revision": 0, "answers": exportAnswers()}, http.StatusOK, nil)
	app.json("POST", fmt.Sprintf("/api/v1/assessments/%d/complete", done), app.assessor, nil, http.StatusOK, nil)
	open := app.startAssessment(app.lead)

	base := fmt.Sprintf("/api/v1/templates/%d/versions/1/", app.template)
	resp, body := app.do("GET", base+"export.csv", app.lead, nil)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("export.csv: %d %v\n%s", resp.StatusCode, resp.Header, body)
	}
	rows := readCSV(t, body)
	if len(rows) != 4 { // ids, labels, two assessments
		t.Fatalf("rows = %d, want 4: %q", len(rows), rows)
	}
	if rows[1][column(t, rows, "my-name")] != "My name" || rows[1][column(t, rows, "reference")] != "Reference" {
		t.Errorf("label row = %q", rows[1])
	}
	// Form order: every answerable question once, info text never.
	if column(t, rows, "my-name") > column(t, rows, "sign-off-date") {
		t.Error("questions are not in form order")
	}
	for _, h := range rows[0] {
		if h == "family-guidance" {
			t.Error("information text has a column")
		}
	}
	row := rows[2]
	want := map[string]string{
		"person_name":          "Zoë Ó'Brien-Łukasiewicz",
		"nhs_number":           "9434765919",
		"date_of_birth":        "1941-03-03",
		"status":               "completed",
		"completed_by":         "Ada Assessor",
		"my-name":              "Zoë Ó'Brien-Łukasiewicz",
		"please-call-me":       "'=HYPERLINK(\"http://evil.example\",\"click\")",
		"what-matters-most":    "My garden.\nMy cat, Ménière.\nSeeing Łucja on Sundays — “always”.",
		"my-worries":           "'+44 is my sister's code",
		"good-day":             "'@home",
		"first-language":       "'-ish Polish",
		"interpreter":          "no",
		"care-home-accepts":    "yes",
		"sensory-aids":         "Glasses; Hearing aids",
		"walk-with":            "A frame",
		"people-to-move":       "2",
		"reposition-hours":     "-1.5",
		"assessor-signature":   "signed",
		"sign-off-date":        "2026-10-20",
		"important-people":     "2",
		"family-conversations": "1",
		"medicines":            "",
	}
	for id, w := range want {
		if got := row[column(t, rows, id)]; got != w {
			t.Errorf("%s = %q, want %q", id, got, w)
		}
	}
	if row[column(t, rows, "completed")] == "" || rows[3][column(t, rows, "completed")] != "" ||
		rows[3][column(t, rows, "status")] != "in_progress" {
		t.Errorf("completed columns: %q / %q", row, rows[3])
	}
	_ = open

	// Tables: one row per table row, linked by reference and question id.
	_, body = app.do("GET", base+"export-tables.csv", app.lead, nil)
	tables := readCSV(t, body)
	if len(tables) != 5 {
		t.Fatalf("table rows = %d, want 2 headers + 3: %q", len(tables), tables)
	}
	ref := row[column(t, rows, "reference")]
	first := tables[2]
	if first[0] != ref || first[1] != "important-people" || first[2] != "1" ||
		first[column(t, tables, "important-people:name")] != "Łucja Nowak" ||
		first[column(t, tables, "important-people:phone")] != "'=1+1" ||
		first[column(t, tables, "important-people:contact-about")] != "Everything\nand more" {
		t.Errorf("first table row = %q", first)
	}
	if tables[3][2] != "2" || tables[3][column(t, tables, "important-people:name")] != "Tomás" {
		t.Errorf("second table row = %q", tables[3])
	}
	if tables[4][1] != "family-conversations" || tables[4][column(t, tables, "family-conversations:told-us")] != `She says: "Mum hates the dark"` {
		t.Errorf("conversation row = %q", tables[4])
	}
	if tables[1][column(t, tables, "family-conversations:who")] != "Conversations with my family: Who we spoke to" {
		t.Errorf("table label row = %q", tables[1])
	}
}

func TestExportAccessAndAudit(t *testing.T) {
	app := newTestApp(t)
	done := app.startAssessment(app.assessor)
	app.json("PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", done), app.assessor,
		map[string]any{"revision": 0, "answers": fullAnswers()}, http.StatusOK, nil)
	app.json("POST", fmt.Sprintf("/api/v1/assessments/%d/complete", done), app.assessor, nil, http.StatusOK, nil)
	app.startAssessment(app.assessor) // in progress: not for assessors' exports

	base := fmt.Sprintf("/api/v1/templates/%d/versions/1/", app.template)
	for _, file := range []string{"export.csv", "export-tables.csv", "export.fhir"} {
		app.fail("GET", base+file, app.other, nil, http.StatusNotFound)
		app.fail("GET", base+file, "", nil, http.StatusUnauthorized)
		app.fail("GET", fmt.Sprintf("/api/v1/templates/%d/versions/9/%s", app.template, file), app.lead, nil, http.StatusNotFound)
	}
	_, body := app.do("GET", base+"export.csv", app.assessor, nil)
	if rows := readCSV(t, body); len(rows) != 3 {
		t.Errorf("assessor export rows = %d, want headers + 1 completed", len(rows))
	}
	_, body = app.do("GET", base+"export.csv", app.lead, nil)
	if rows := readCSV(t, body); len(rows) != 4 {
		t.Errorf("lead export rows = %d, want headers + 2", len(rows))
	}
	resp, body := app.do("GET", base+"export.fhir", app.lead, nil)
	var bundle struct {
		ResourceType string `json:"resourceType"`
		Type         string `json:"type"`
		Entry        []struct {
			FullURL  string `json:"fullUrl"`
			Resource struct {
				ResourceType string `json:"resourceType"`
				Status       string `json:"status"`
			} `json:"resource"`
		} `json:"entry"`
	}
	if err := json.Unmarshal(body, &bundle); err != nil || resp.Header.Get("Content-Type") != fhirJSON {
		t.Fatalf("export.fhir: %v %s", err, resp.Header.Get("Content-Type"))
	}
	if bundle.ResourceType != "Bundle" || bundle.Type != "collection" || len(bundle.Entry) != 2 ||
		bundle.Entry[0].Resource.ResourceType != "QuestionnaireResponse" || bundle.Entry[0].Resource.Status != "completed" ||
		bundle.Entry[1].Resource.Status != "in-progress" || !strings.Contains(bundle.Entry[0].FullURL, "/fhir/QuestionnaireResponse/FP-") {
		t.Errorf("bundle = %+v", bundle)
	}

	evs, err := app.store.TemplateAudit(context.Background(), 1, app.template)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ev := range evs {
		if ev.Action == "export.downloaded" {
			var d map[string]any
			json.Unmarshal([]byte(ev.Detail), &d)
			got = append(got, fmt.Sprintf("%s %v %v %v", ev.Actor, d["file"], d["version"], d["records"]))
		}
	}
	wantAudit := []string{"Ada Assessor export.csv 1 1", "Clinical lead export.csv 1 2", "Clinical lead export.fhir 1 2"}
	if strings.Join(got, "|") != strings.Join(wantAudit, "|") {
		t.Errorf("export audit = %q, want %q", got, wantAudit)
	}
}

func TestTemplatePageOffersExports(t *testing.T) {
	app := newTestApp(t)
	p := app.leadPages(t)
	pg := p.get(fmt.Sprintf("/templates/%d", app.template))
	link := fmt.Sprintf("/api/v1/templates/%d/versions/1/export.csv", app.template)
	for _, want := range []string{link, "export-tables.csv", "export.fhir"} {
		if !strings.Contains(pg.body, want) {
			t.Errorf("template page has no link to %s", want)
		}
	}
	// The link works with the page's session cookie.
	if got := p.get(link); got.status != http.StatusOK || !strings.HasPrefix(got.body, "\uFEFFreference,") {
		t.Errorf("export through the page session: %d %.60q", got.status, got.body)
	}
}
