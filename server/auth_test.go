package server

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestLoginSetsASafeRotatedSessionCookie(t *testing.T) {
	app := newTestApp(t)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	resp, err := noRedirect.PostForm(app.srv.URL+"/login", url.Values{"email": {"lead@firstperson.local"}, "password": {"wrong password"}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "do not match") ||
		!strings.Contains(string(body), `value="lead@firstperson.local"`) {
		t.Fatalf("wrong password: %d %s", resp.StatusCode, body)
	}

	login := func(planted string) *http.Cookie {
		req, _ := http.NewRequest("POST", app.srv.URL+"/login", strings.NewReader(url.Values{
			"email": {"LEAD@firstperson.local "}, "password": {app.leadPass}, "next": {"/assessments"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if planted != "" {
			req.AddCookie(&http.Cookie{Name: sessionCookie, Value: planted})
		}
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/assessments" {
			t.Fatalf("login: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		for _, c := range resp.Cookies() {
			if c.Name == sessionCookie {
				return c
			}
		}
		t.Fatal("no session cookie")
		return nil
	}
	c1 := login("")
	if !c1.HttpOnly || c1.SameSite != http.SameSiteLaxMode || c1.MaxAge <= 0 {
		t.Fatalf("cookie attributes: %+v", c1)
	}
	c2 := login(c1.Value)
	if c2.Value == c1.Value {
		t.Fatal("session not rotated at login")
	}
	// The old session no longer works; the new one does.
	for _, tc := range []struct {
		cookie string
		want   int
	}{{c1.Value, http.StatusSeeOther}, {c2.Value, http.StatusOK}} {
		req, _ := http.NewRequest("GET", app.srv.URL+"/", nil)
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: tc.cookie})
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("GET / with cookie: %d, want %d", resp.StatusCode, tc.want)
		}
	}
}

func TestSessionCookieWorksForTheAPI(t *testing.T) {
	app := newTestApp(t)
	b := app.browser("ada@example.org", "correct horse battery")
	resp, err := b.Get(app.srv.URL + "/api/v1/templates")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("API with session: %d", resp.StatusCode)
	}
}

func TestCrossSiteWritesWithACookieAreRefused(t *testing.T) {
	app := newTestApp(t)
	b := app.browser("ada@example.org", "correct horse battery")
	req, _ := http.NewRequest("POST", app.srv.URL+"/api/v1/assessments", strings.NewReader(`{}`))
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	resp, err := b.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), `"code":"forbidden"`) {
		t.Fatalf("cross-site POST: %d %s", resp.StatusCode, body)
	}
}

func TestPagesSendStrangersToSignIn(t *testing.T) {
	app := newTestApp(t)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(app.srv.URL + "/?x=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?next=%2F%3Fx%3D1" {
		t.Fatalf("stranger: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	for _, next := range []string{"//evil.example", "https://evil.example", "/\\evil.example"} {
		if got := safeNext(next); got != "/" {
			t.Errorf("safeNext(%q) = %q", next, got)
		}
	}
}
