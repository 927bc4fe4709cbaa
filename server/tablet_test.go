package server

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// tabletKeyOf fetches /tablet/key with a signed-in browser.
func tabletKeyOf(t *testing.T, app *testApp, c *http.Client) (int, map[string]any, http.Header) {
	t.Helper()
	resp, err := c.Get(app.srv.URL + "/tablet/key")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out, resp.Header
}

func TestTabletKeyIsTheSameForTheSameUserOnly(t *testing.T) {
	app := newTestApp(t)
	ada1 := app.browser("ada@example.org", "correct horse battery")
	status, k1, h := tabletKeyOf(t, app, ada1)
	if status != http.StatusOK || h.Get("Cache-Control") != "no-store" {
		t.Fatalf("status %d, cache %q", status, h.Get("Cache-Control"))
	}
	exp, err := time.Parse(time.RFC3339, k1["expires_at"].(string))
	if err != nil || exp.Before(time.Now().Add(11*time.Hour)) || len(k1["key"].(string)) != 44 {
		t.Fatalf("key answer %v (%v)", k1, err)
	}
	// Signing in again (another session, another day) gives the same key.
	ada2 := app.browser("ada@example.org", "correct horse battery")
	if _, k2, _ := tabletKeyOf(t, app, ada2); k2["key"] != k1["key"] || k2["user"] != k1["user"] {
		t.Fatalf("same user, another key: %v vs %v", k2, k1)
	}
	olu := app.browser("olu@example.org", "correct horse battery")
	if _, k3, _ := tabletKeyOf(t, app, olu); k3["key"] == k1["key"] || k3["user"] == k1["user"] {
		t.Fatal("another user got the same key")
	}
	// Signed out, no session, or a program's bearer token: 401.
	resp, _ := ada1.PostForm(app.srv.URL+"/logout", nil)
	resp.Body.Close()
	if status, _, _ := tabletKeyOf(t, app, ada1); status != http.StatusUnauthorized {
		t.Fatalf("after sign-out: %d", status)
	}
	if r, _ := app.do("GET", "/tablet/key", app.assessor, nil); r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("bearer token: %d", r.StatusCode)
	}
}

func TestTabletUnlockChecksThePassword(t *testing.T) {
	app := newTestApp(t)
	ada := app.browser("ada@example.org", "correct horse battery")
	post := func(body string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("POST", app.srv.URL+"/tablet/unlock", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := ada.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if st, b := post(`{"password":"wrong"}`); st != http.StatusUnprocessableEntity || !strings.Contains(b, `"password"`) {
		t.Fatalf("wrong password: %d %s", st, b)
	}
	if st, b := post(`{}`); st != http.StatusUnprocessableEntity || !strings.Contains(b, "enter your password") {
		t.Fatalf("no password: %d %s", st, b)
	}
	if st, _ := post(`{"password":"correct horse battery"}`); st != http.StatusNoContent {
		t.Fatalf("right password: %d", st)
	}
	if r, _ := app.do("POST", "/tablet/unlock", app.assessor, map[string]string{"password": "correct horse battery"}); r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("bearer token: %d", r.StatusCode)
	}
}

func TestTeamTabletSettings(t *testing.T) {
	app := newTestApp(t)
	lead := app.apSignIn(t, "lead@firstperson.local", app.leadPass)
	lead.get("/team/tablet").is(http.StatusOK).shows(`name="idle_lock_minutes"`, `value="10"`)
	lead.post("/team/tablet", url.Values{"idle_lock_minutes": {"61"}}).is(http.StatusUnprocessableEntity).
		shows("choose between 2 and 60 minutes", `value="61"`, `aria-invalid="true"`)
	lead.post("/team/tablet", url.Values{"idle_lock_minutes": {"ten"}}).is(http.StatusUnprocessableEntity).
		shows("enter a whole number of minutes")
	lead.post("/team/tablet", url.Values{"idle_lock_minutes": {"3"}}).redirects("/team/tablet?saved=1")
	lead.get("/team/tablet").shows(`value="3"`)

	ada := app.apAssessor(t)
	ada.get("/team/tablet").is(http.StatusForbidden)
	ada.post("/team/tablet", url.Values{"idle_lock_minutes": {"30"}}).is(http.StatusForbidden)
	// The assessment page carries the lead's setting for tablet-lock.js;
	// another team keeps its own.
	id := app.startAssessment(app.assessor)
	ada.get(fmt.Sprintf("/assessments/%d", id)).is(http.StatusOK).shows(`data-idle-lock="3"`)
	olu := app.apSignIn(t, "olu@example.org", "correct horse battery")
	olu.get("/team/tablet").is(http.StatusOK).shows(`value="10"`)
}
