package server

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"firstperson/forms"
	"firstperson/models"
)

// pageClient is a signed-in browser without JavaScript: cookies, no
// redirects followed, so each test sees the 303 and where it points.
type pageClient struct {
	t   *testing.T
	app *testApp
	c   *http.Client
}

func (a *testApp) leadPages(t *testing.T) *pageClient {
	t.Helper()
	return &pageClient{t: t, app: a, c: a.browser(models.DefaultLeadEmail, a.leadPass)}
}

func (a *testApp) assessorPages(t *testing.T) *pageClient {
	t.Helper()
	return &pageClient{t: t, app: a, c: a.browser("ada@example.org", "correct horse battery")}
}

func (a *testApp) otherTeamPages(t *testing.T) *pageClient {
	t.Helper()
	return &pageClient{t: t, app: a, c: a.browser("olu@example.org", "correct horse battery")}
}

// page is one answer: its status, Location header and body.
type page struct {
	status   int
	location string
	body     string
}

func (p *pageClient) send(req *http.Request) page {
	p.t.Helper()
	resp, err := p.c.Do(req)
	if err != nil {
		p.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return page{status: resp.StatusCode, location: resp.Header.Get("Location"), body: string(b)}
}

func (p *pageClient) get(path string) page {
	p.t.Helper()
	req, _ := http.NewRequest("GET", p.app.srv.URL+path, nil)
	return p.send(req)
}

func (p *pageClient) post(path string, form url.Values) page {
	p.t.Helper()
	req, _ := http.NewRequest("POST", p.app.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return p.send(req)
}

// want fails the test unless the page has the status.
func (pg page) want(t *testing.T, status int) page {
	t.Helper()
	if pg.status != status {
		t.Fatalf("status %d, want %d; location %q; body:\n%.3000s", pg.status, status, pg.location, pg.body)
	}
	return pg
}

// has fails the test unless the body holds every snippet.
func (pg page) has(t *testing.T, snippets ...string) page {
	t.Helper()
	for _, s := range snippets {
		if !strings.Contains(pg.body, s) {
			t.Fatalf("page lacks %q; body:\n%.4000s", s, pg.body)
		}
	}
	return pg
}

// lacks fails the test if the body holds any snippet.
func (pg page) lacks(t *testing.T, snippets ...string) page {
	t.Helper()
	for _, s := range snippets {
		if strings.Contains(pg.body, s) {
			t.Fatalf("page unexpectedly has %q", s)
		}
	}
	return pg
}

// draftSchema reads the template's draft through the store.
func (a *testApp) draftSchema(t *testing.T, id uint) *forms.Schema {
	t.Helper()
	u, err := a.store.UserByEmail(t.Context(), models.DefaultLeadEmail)
	if err != nil {
		t.Fatal(err)
	}
	v, err := a.store.Draft(t.Context(), u.TeamID, id)
	if err != nil {
		t.Fatalf("draft of template %d: %v", id, err)
	}
	s, err := v.Schema()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// smallTemplate creates and publishes (as version 1) a three-section form
// with one label not in the person's voice, and returns its id.
func (a *testApp) smallTemplate(t *testing.T) uint {
	t.Helper()
	schema := map[string]any{"title": "Ward 7 discharge form", "sections": []any{
		map[string]any{"id": "about-me", "title": "About me", "questions": []any{
			map[string]any{"id": "name", "label": "Name", "type": "text", "required": true},
			map[string]any{"id": "walking-aid", "label": "I use a walking aid", "type": "yesno"},
		}},
		map[string]any{"id": "my-health", "title": "My health", "questions": []any{
			map[string]any{"id": "conditions", "label": "My health conditions", "type": "longtext"},
		}},
		map[string]any{"id": "my-move", "title": "My move", "questions": []any{
			map[string]any{"id": "going-to", "label": "I am going to", "type": "text"},
		}},
	}}
	var out struct {
		ID uint `json:"id"`
	}
	a.json("POST", "/api/v1/templates", a.lead, schema, http.StatusCreated, &out)
	a.json("POST", fmt.Sprintf("/api/v1/templates/%d/publish", out.ID), a.lead,
		map[string]any{"note": "First go"}, http.StatusOK, nil)
	return out.ID
}
