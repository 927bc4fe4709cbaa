package server

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestSharePagesMakeListAndRevokeLinks(t *testing.T) {
	app := newTestApp(t)
	id := app.completeAssessment(app.assessor)
	b := app.browser("ada@example.org", "correct horse battery")
	get := func(path string) (int, string) {
		resp, err := b.Get(app.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode, string(body)
	}
	post := func(path string, form url.Values) (int, string) {
		resp, err := b.PostForm(app.srv.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode, string(body)
	}
	if code, page := get(fmt.Sprintf("/assessments/%d", id)); code != 200 || !strings.Contains(page, fmt.Sprintf(`href="/assessments/%d/shares"`, id)) {
		t.Fatalf("assessment page has no share panel: %d", code)
	}
	sharePath := fmt.Sprintf("/assessments/%d/shares", id)
	code, page := post(sharePath, url.Values{"recipient": {""}, "expires_in_hours": {"9999"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "say who receives this") || !strings.Contains(page, "from 1 to 720 hours") {
		t.Fatalf("invalid share: %d %s", code, page)
	}
	code, page = post(sharePath, url.Values{"recipient": {"Rosewood House <script>alert(1)</script>"}, "expires_in_hours": {"48"}})
	link := regexp.MustCompile(`value="(http://[^"]+/s/[A-Za-z0-9_-]+)"`).FindStringSubmatch(page)
	if code != http.StatusCreated || link == nil || strings.Contains(page, "<script>alert") {
		t.Fatalf("create share: %d, link %v", code, link)
	}
	resp, err := http.Get(link[1])
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("care home opens the link: %d", resp.StatusCode)
	}
	code, page = get(sharePath)
	revoke := regexp.MustCompile(`action="(/assessments/\d+/shares/\d+/revoke)"`).FindStringSubmatch(page)
	if code != 200 || revoke == nil || strings.Contains(page, link[1]) {
		t.Fatalf("list: %d, revoke form %v, token shown again: %v", code, revoke, strings.Contains(page, link[1]))
	}
	if code, page := post(revoke[1], nil); code != 200 || !strings.Contains(page, "Yes, revoke the link") {
		t.Fatalf("revoke asks to confirm: %d", code)
	}
	if code, _ := post(revoke[1], url.Values{"confirmed": {"yes"}}); code != http.StatusSeeOther {
		t.Fatalf("revoke: %d", code)
	}
	resp, _ = http.Get(link[1])
	resp.Body.Close()
	if resp.StatusCode != http.StatusGone {
		t.Fatalf("revoked link: %d", resp.StatusCode)
	}
	other := app.browser("olu@example.org", "correct horse battery")
	resp, _ = other.Get(app.srv.URL + sharePath)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("other team: %d", resp.StatusCode)
	}
}
