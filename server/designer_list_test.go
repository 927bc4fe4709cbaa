package server

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestDesignerList(t *testing.T) {
	app := newTestApp(t)
	p := app.leadPages(t)
	p.get("/templates").want(t, http.StatusOK).has(t, "Trusted Assessor discharge assessment", "version 1",
		`<label for="new-title">`, `<label for="import-file">`, `<label for="import-json">`, `enctype="multipart/form-data"`)

	pg := p.post("/templates", url.Values{"title": {"Community ward form"}}).want(t, http.StatusSeeOther)
	if !strings.HasSuffix(pg.location, "/draft") {
		t.Fatalf("a new template goes to %q", pg.location)
	}
	p.get(pg.location).want(t, http.StatusOK).has(t, `value="Community ward form"`, `id="s-about-me"`,
		"No questions in this section yet.")
	p.get("/templates").want(t, http.StatusOK).has(t, "Community ward form", "not published", "draft — edit")

	p.post("/templates", url.Values{"title": {"  "}}).want(t, http.StatusUnprocessableEntity).
		has(t, `id="new-title-error">Give the new form a title`)
}

const importable = `{"resourceType": "Questionnaire", "status": "active", "item": [
  {"linkId": "name", "text": "Name", "type": "string", "required": true},
  {"linkId": "pets", "text": "I have pets", "type": "boolean"}]}`

// upload posts the import form as a browser does: multipart, with a file.
func (p *pageClient) upload(filename, content, pasted string) page {
	p.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	if filename != "" {
		fw, _ := w.CreateFormFile("file", filename)
		fw.Write([]byte(content))
	} else {
		fw, _ := w.CreateFormFile("file", "")
		fw.Write(nil)
	}
	w.WriteField("questionnaire", pasted)
	w.Close()
	req, _ := http.NewRequest("POST", p.app.srv.URL+"/templates/import", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return p.send(req)
}

func TestDesignerImportFile(t *testing.T) {
	app := newTestApp(t)
	p := app.leadPages(t)
	pg := p.upload("ward.json", importable, "").want(t, http.StatusCreated)
	pg.has(t, "is imported as a new template with a draft", "What the import changed",
		"the Questionnaire has no title", "items outside any group are gathered into a section", "Edit the draft")
	// The new template is there with its draft, and "Name" is flagged in the editor.
	var list []map[string]any
	app.json("GET", "/api/v1/templates", app.lead, nil, http.StatusOK, &list)
	if len(list) != 2 {
		t.Fatalf("templates after import: %v", list)
	}
	var newID uint
	for _, tpl := range list {
		if id := uint(tpl["id"].(float64)); id != app.template {
			newID = id
		}
	}
	p.get(fmt.Sprintf("/templates/%d/draft", newID)).want(t, http.StatusOK).has(t, "Not in my voice", "I have pets")
}

func TestDesignerImportPasted(t *testing.T) {
	app := newTestApp(t)
	p := app.leadPages(t)
	titled := strings.Replace(importable, `"status"`, `"title": "Pasted form", "status"`, 1)
	p.upload("", "", titled).want(t, http.StatusCreated).has(t, "“Pasted form” is imported")
}

func TestDesignerImportRefusals(t *testing.T) {
	app := newTestApp(t)
	p := app.leadPages(t)
	tests := []struct {
		name, file, pasted string
		want               []string
	}{
		{"nothing chosen", "", "", []string{"choose a Questionnaire file"}},
		{"not JSON", "", "{not json", []string{"This is not a FHIR Questionnaire in JSON", "{not json</textarea>"}},
		{"another resource", `{"resourceType": "Patient"}`, "", []string{"only a FHIR Questionnaire can be imported",
			"resourceType: must be &#34;Questionnaire&#34;"}},
		{"no items", `{"resourceType": "Questionnaire", "status": "draft"}`, "", []string{"has no items"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := ""
			if tt.file != "" {
				name = "q.json"
			}
			p.upload(name, tt.file, tt.pasted).want(t, http.StatusUnprocessableEntity).
				has(t, append(tt.want, `role="alert" id="import-error"`)...)
		})
	}
	var list []map[string]any
	app.json("GET", "/api/v1/templates", app.lead, nil, http.StatusOK, &list)
	if len(list) != 1 {
		t.Fatalf("a refused import created a template: %v", list)
	}
}
