package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// designerRequests is every designer route, with form values a lead would
// send, for the access tests.
func designerRequests(id uint) []struct{ method, path string } {
	t := fmt.Sprintf("/templates/%d", id)
	return []struct{ method, path string }{
		{"GET", "/templates"},
		{"POST", "/templates"},
		{"POST", "/templates/import"},
		{"GET", t},
		{"GET", t + "/compare?from=1&to=1"},
		{"GET", t + "/versions/1/preview"},
		{"POST", t + "/drafts"},
		{"POST", t + "/publish"},
		{"GET", t + "/draft"},
		{"GET", t + "/draft/preview"},
		{"POST", t + "/draft/discard"},
		{"POST", t + "/draft/title"},
		{"POST", t + "/draft/sections"},
		{"POST", t + "/draft/sections/about-me"},
		{"POST", t + "/draft/sections/about-me/move"},
		{"POST", t + "/draft/sections/about-me/delete"},
		{"POST", t + "/draft/questions"},
		{"POST", t + "/draft/questions/my-name"},
		{"POST", t + "/draft/questions/my-name/move"},
		{"POST", t + "/draft/questions/my-name/delete"},
		{"POST", t + "/draft/questions/my-name/voice"},
	}
}

func designerForm() url.Values {
	return url.Values{"title": {"My day"}, "label": {"My day"}, "type": {"text"}, "section": {"about-me"},
		"dir": {"down"}, "note": {"x"}, "questionnaire": {`{"resourceType":"Questionnaire"}`}}
}

// Assessors get the "for team leads" page on every designer route, and
// nothing changes.
func TestDesignerAssessorsGetForbiddenPages(t *testing.T) {
	app := newTestApp(t)
	p := app.assessorPages(t)
	for _, r := range designerRequests(app.template) {
		var pg page
		if r.method == "GET" {
			pg = p.get(r.path)
		} else {
			pg = p.post(r.path, designerForm())
		}
		if pg.status != http.StatusForbidden || !strings.Contains(pg.body, "This page is for team leads") ||
			!strings.Contains(pg.body, "<html") {
			t.Errorf("%s %s as assessor: status %d, want the 403 page", r.method, r.path, pg.status)
		}
	}
	var list []map[string]any
	app.json("GET", "/api/v1/templates", app.lead, nil, http.StatusOK, &list)
	if len(list) != 1 || list[0]["has_draft"] != false {
		t.Fatalf("an assessor's requests changed the templates: %v", list)
	}
}

// Another team's lead finds nothing at this team's template addresses.
func TestDesignerOtherTeamGetsNotFound(t *testing.T) {
	app := newTestApp(t)
	p := app.otherTeamPages(t)
	for _, r := range designerRequests(app.template) {
		if !strings.HasPrefix(r.path, fmt.Sprintf("/templates/%d", app.template)) {
			continue // the list, create and import have no template id
		}
		var pg page
		if r.method == "GET" {
			pg = p.get(r.path)
		} else {
			pg = p.post(r.path, designerForm())
		}
		if pg.status != http.StatusNotFound || !strings.Contains(pg.body, "We could not find that") {
			t.Errorf("%s %s as another team: status %d, want the 404 page", r.method, r.path, pg.status)
		}
	}
	// Their own list does not show it either.
	p.get("/templates").want(t, http.StatusOK).lacks(t, fmt.Sprintf(`href="/templates/%d"`, app.template))
}

func TestDesignerNeedsSignIn(t *testing.T) {
	app := newTestApp(t)
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	p := &pageClient{t: t, app: app, c: c}
	pg := p.get(fmt.Sprintf("/templates/%d/draft", app.template)).want(t, http.StatusSeeOther)
	if !strings.HasPrefix(pg.location, "/login?next=") {
		t.Fatalf("redirect to %q", pg.location)
	}
}
