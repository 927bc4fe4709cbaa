package server

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

func TestSafeNextKeepsRedirectsOnThisSite(t *testing.T) {
	for _, tc := range []struct{ next, want string }{
		{"/assessments", "/assessments"},
		{"/assessments/3?tab=review", "/assessments/3?tab=review"},
		{"//evil.example", "/"},
		{"https://evil.example", "/"},
		{"/\\evil.example", "/"},
		{"/\t/evil.example/", "/"},
		{"/\n/evil.example", "/"},
		{"/a//evil.example", "/"},
		{"/a\\b", "/"},
		{"/\x7f", "/"},
		{"evil.example", "/"},
		{"", "/"},
	} {
		if got := safeNext(tc.next); got != tc.want {
			t.Errorf("safeNext(%q) = %q, want %q", tc.next, got, tc.want)
		}
	}
	// Through the real sign-in: ?next=/%09/evil.example/ lands on "/".
	app := newTestApp(t)
	c := app.browser("ada@example.org", "correct horse battery")
	resp, err := c.Get(app.srv.URL + "/login?next=/%09/evil.example/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("signed-in /login?next=/%%09/evil.example/: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestDisabledUsersTokenIs401AtOnce(t *testing.T) {
	app := newTestApp(t)
	app.json("GET", "/api/v1/templates", app.assessor, nil, http.StatusOK, nil)
	if _, err := app.store.DisableUser(context.Background(), "ada@example.org"); err != nil {
		t.Fatal(err)
	}
	app.fail("GET", "/api/v1/templates", app.assessor, nil, http.StatusUnauthorized)
}

func TestInvitationTokensStayOutOfTheLog(t *testing.T) {
	if got := logPath("/invite/abc123secret"); strings.Contains(got, "abc123secret") {
		t.Fatalf("logPath = %q", got)
	}
	if got := logPath("/assessments/3"); got != "/assessments/3" {
		t.Fatalf("logPath = %q", got)
	}
}
