package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"firstperson/models"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// anonymous is a browser with a cookie jar that has not signed in.
func (a *testApp) anonymous(t *testing.T) *apClient {
	jar, _ := cookiejar.New(nil)
	return &apClient{t: t, app: a, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func signInForm(email, password string) url.Values {
	return url.Values{"email": {email}, "password": {password}}
}

func TestOneTimePasswordMustBeReplaced(t *testing.T) {
	app := newTestApp(t)
	ctx := context.Background()
	if _, err := app.store.CreateUser(ctx, models.NewUser{Email: "new@example.org", Name: "Nia New", Role: models.RoleAssessor,
		Password: "wxyz-2345-abcd-6789", MustChange: true, TeamName: "Trusted Assessor team"}); err != nil {
		t.Fatal(err)
	}
	tok := app.token("new@example.org")
	b := app.anonymous(t)
	b.post("/login", signInForm("new@example.org", "wxyz-2345-abcd-6789")).is(http.StatusSeeOther)
	for _, p := range []string{"/", "/assessments", "/account", "/team"} {
		if r := b.get(p); r.status != http.StatusSeeOther || r.location != setPasswordPath {
			t.Fatalf("GET %s with a one-time password: %d to %q", p, r.status, r.location)
		}
	}
	e := app.fail("GET", "/api/v1/assessments", tok, nil, http.StatusForbidden)
	if !strings.Contains(e.Error.Message, "one-time password") {
		t.Fatalf("API message: %q", e.Error.Message)
	}
	b.get(setPasswordPath).is(http.StatusOK).shows("Choose your own password")
	b.post(setPasswordPath, url.Values{"new": {"password1234"}, "confirm": {"password1234"}}).
		is(http.StatusUnprocessableEntity).shows("most common passwords")
	b.post(setPasswordPath, url.Values{"new": {"short one"}, "confirm": {"short one"}}).
		is(http.StatusUnprocessableEntity).shows("too short")
	b.post(setPasswordPath, url.Values{"new": {"maple otter lantern"}, "confirm": {"maple otter lanterm"}}).
		is(http.StatusUnprocessableEntity).shows("type the same new password twice")
	if r := b.post(setPasswordPath, url.Values{"new": {"maple otter lantern"}, "confirm": {"maple otter lantern"}}); r.status != http.StatusSeeOther || r.location != "/" {
		t.Fatalf("set password: %d to %q", r.status, r.location)
	}
	b.get("/assessments").is(http.StatusOK)
	app.json("GET", "/api/v1/assessments", tok, nil, http.StatusOK, nil)
	app.anonymous(t).post("/login", signInForm("new@example.org", "wxyz-2345-abcd-6789")).is(http.StatusUnprocessableEntity)
	app.anonymous(t).post("/login", signInForm("new@example.org", "maple otter lantern")).is(http.StatusSeeOther)

	// Through the API the one-time password is replaced without "current".
	if _, err := app.store.CreateUser(ctx, models.NewUser{Email: "api@example.org", Name: "Api User", Role: models.RoleAssessor,
		Password: "wxyz-2345-abcd-6780", MustChange: true, TeamName: "Trusted Assessor team"}); err != nil {
		t.Fatal(err)
	}
	tok2 := app.token("api@example.org")
	e = app.fail("POST", "/api/v1/account/password", tok2, map[string]string{"new": "api@example.org"}, http.StatusUnprocessableEntity)
	if !strings.Contains(e.Error.Fields["new"], "email address") {
		t.Fatalf("email as password: %+v", e)
	}
	app.json("POST", "/api/v1/account/password", tok2, map[string]string{"new": "quiet river stones"}, http.StatusNoContent, nil)
	app.json("GET", "/api/v1/templates", tok2, nil, http.StatusOK, nil)
}

func TestSignInThrottling(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	app := newApp(t, models.WithClock(clock.Now))
	b := app.anonymous(t)
	for i := 0; i < models.AccountFailureLimit; i++ {
		b.post("/login", signInForm("ada@example.org", fmt.Sprintf("wrong guess %d", i))).is(http.StatusUnprocessableEntity)
	}
	// Now even the right password waits: 429 with Retry-After.
	resp, err := b.c.PostForm(app.srv.URL+"/login", signInForm("ada@example.org", "correct horse battery"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	ra, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
	if resp.StatusCode != http.StatusTooManyRequests || ra < 1 || ra > 61 {
		t.Fatalf("6th attempt: %d Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	b.post("/login", signInForm("ada@example.org", "x")).is(http.StatusTooManyRequests).shows("Too many failed attempts")
	// An unknown email is throttled the same way (nothing tells it apart).
	for i := 0; i < models.AccountFailureLimit; i++ {
		b.post("/login", signInForm("nobody@example.org", "wrong guess")).is(http.StatusUnprocessableEntity)
	}
	b.post("/login", signInForm("nobody@example.org", "wrong guess")).is(http.StatusTooManyRequests)

	// The delay passes; the owner signs in.
	clock.Add(time.Duration(ra+1) * time.Second)
	b.post("/login", signInForm("ada@example.org", "correct horse battery")).is(http.StatusSeeOther)

	// The delay grows: after the success the count starts again, so fail 6 times.
	c := app.anonymous(t)
	for i := 0; i < models.AccountFailureLimit; i++ {
		c.post("/login", signInForm("ada@example.org", "wrong guess")).is(http.StatusUnprocessableEntity)
	}
	clock.Add(61 * time.Second)
	c.post("/login", signInForm("ada@example.org", "wrong guess")).is(http.StatusUnprocessableEntity)
	resp, _ = c.c.PostForm(app.srv.URL+"/login", signInForm("ada@example.org", "wrong guess"))
	resp.Body.Close()
	if ra2, _ := strconv.Atoi(resp.Header.Get("Retry-After")); resp.StatusCode != http.StatusTooManyRequests || ra2 <= 61 {
		t.Fatalf("second round: %d Retry-After %d, want a longer wait than the first", resp.StatusCode, ra2)
	}
	// Never permanent: after the window everything is forgotten.
	clock.Add(models.SignInWindow + time.Second)
	c.post("/login", signInForm("ada@example.org", "correct horse battery")).is(http.StatusSeeOther)

	// Per address: many emails from one address.
	clock.Add(models.SignInWindow + time.Second)
	d := app.anonymous(t)
	for i := 0; i < models.AddressFailureLimit; i++ {
		d.post("/login", signInForm(fmt.Sprintf("spray%d@example.org", i), "wrong guess")).is(http.StatusUnprocessableEntity)
	}
	d.post("/login", signInForm("ada@example.org", "correct horse battery")).is(http.StatusTooManyRequests)

	// Audited in the team: failed, throttled, succeeded, with the address.
	var evs []map[string]any
	app.json("GET", "/api/v1/team/audit", app.lead, nil, http.StatusOK, &evs)
	seen := map[string]bool{}
	for _, e := range evs {
		seen[e["action"].(string)] = true
		if d, _ := e["detail"].(map[string]any); e["action"] == "sign_in.failed" && (d["email"] != "ada@example.org" || d["address"] == "") {
			t.Fatalf("failed sign-in detail: %v", d)
		}
	}
	for _, a := range []string{"sign_in.failed", "sign_in.throttled", "sign_in.succeeded"} {
		if !seen[a] {
			t.Errorf("team audit lacks %s: %v", a, seen)
		}
	}
}

func TestAccountTokensAndPasswordAPI(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	app := newApp(t, models.WithClock(clock.Now))
	app.fail("POST", "/api/v1/tokens", app.assessor, map[string]string{"name": " "}, http.StatusUnprocessableEntity)
	var made struct {
		ID    uint   `json:"id"`
		Token string `json:"token"`
	}
	app.json("POST", "/api/v1/tokens", app.assessor, map[string]string{"name": "Ward laptop"}, http.StatusCreated, &made)
	if made.ID == 0 || len(made.Token) < 40 {
		t.Fatalf("new token: %+v", made)
	}
	app.json("GET", "/api/v1/templates", made.Token, nil, http.StatusOK, nil)
	var list []struct {
		ID         uint       `json:"id"`
		Name       string     `json:"name"`
		LastUsedAt *time.Time `json:"last_used_at"`
	}
	app.json("GET", "/api/v1/tokens", app.assessor, nil, http.StatusOK, &list)
	var used *time.Time
	for _, tk := range list {
		if tk.ID == made.ID {
			used = tk.LastUsedAt
			if tk.Name != "Ward laptop" {
				t.Fatalf("name %q", tk.Name)
			}
		}
	}
	if used == nil || !used.Equal(clock.Now()) {
		t.Fatalf("last used %v, want %v", used, clock.Now())
	}
	// Another user's token is not found; revoking one's own stops it at once.
	app.fail("DELETE", fmt.Sprintf("/api/v1/tokens/%d", made.ID), app.lead, nil, http.StatusNotFound)
	app.json("DELETE", fmt.Sprintf("/api/v1/tokens/%d", made.ID), app.assessor, nil, http.StatusNoContent, nil)
	app.fail("GET", "/api/v1/templates", made.Token, nil, http.StatusUnauthorized)

	// Changing the password needs the current one and ends other sessions.
	other := app.apSignIn(t, "ada@example.org", "correct horse battery")
	other.get("/assessments").is(http.StatusOK)
	e := app.fail("POST", "/api/v1/account/password", app.assessor, map[string]string{"current": "not it", "new": "maple otter lantern"}, http.StatusUnprocessableEntity)
	if e.Error.Fields["current"] == "" {
		t.Fatalf("wrong current: %+v", e)
	}
	e = app.fail("POST", "/api/v1/account/password", app.assessor, map[string]string{"current": "correct horse battery", "new": "Password1234"}, http.StatusUnprocessableEntity)
	if !strings.Contains(e.Error.Fields["new"], "common") {
		t.Fatalf("common password: %+v", e)
	}
	app.json("POST", "/api/v1/account/password", app.assessor, map[string]string{"current": "correct horse battery", "new": "maple otter lantern"}, http.StatusNoContent, nil)
	// Guessing the current password with a stolen token is throttled like signing in.
	for i := 0; i < models.AccountFailureLimit; i++ {
		app.fail("POST", "/api/v1/account/password", app.assessor, map[string]string{"current": fmt.Sprint("guess ", i), "new": "river stone quiet"}, http.StatusUnprocessableEntity)
	}
	resp, _ := app.do("POST", "/api/v1/account/password", app.assessor, map[string]string{"current": "maple otter lantern", "new": "river stone quiet"})
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("guessing the current password: %d Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	clock.Add(2 * time.Minute)
	if r := other.get("/assessments"); r.status != http.StatusSeeOther {
		t.Fatalf("other session still works: %d", r.status)
	}
	app.apSignIn(t, "ada@example.org", "maple otter lantern").get("/assessments").is(http.StatusOK)
}

func TestAccountPage(t *testing.T) {
	app := newTestApp(t)
	b := app.apSignIn(t, "ada@example.org", "correct horse battery")
	elsewhere := app.apSignIn(t, "ada@example.org", "correct horse battery")
	b.get("/account").is(http.StatusOK).shows("My account", "Change your password", "API tokens", "(no name)")
	b.post("/account/tokens", url.Values{"name": {""}}).is(http.StatusUnprocessableEntity).shows("name the token")
	r := b.post("/account/tokens", url.Values{"name": {"Reporting <script>"}}).is(http.StatusCreated).
		shows("copy it now", `data-copy="new-token"`, "Reporting &lt;script&gt;")
	i := strings.Index(r.body, `id="new-token" type="text" readonly value="`)
	token := r.body[i+len(`id="new-token" type="text" readonly value="`):]
	token = token[:strings.Index(token, `"`)]
	app.json("GET", "/api/v1/templates", token, nil, http.StatusOK, nil)
	b.get("/account").is(http.StatusOK).shows("Reporting &lt;script&gt;").lacksToken(token)

	b.post("/account/password", url.Values{"current": {"wrong"}, "new": {"maple otter lantern"}, "confirm": {"maple otter lantern"}}).
		is(http.StatusUnprocessableEntity).shows("not your current password")
	b.post("/account/sessions/end", nil).is(http.StatusSeeOther)
	if r := elsewhere.get("/account"); r.status != http.StatusSeeOther {
		t.Fatalf("the other session survived: %d", r.status)
	}
	b.get("/account?done=sessions").is(http.StatusOK).shows("signed out of every other browser")
	var list []struct{ ID uint }
	app.json("GET", "/api/v1/tokens", token, nil, http.StatusOK, &list)
	b.post(fmt.Sprintf("/account/tokens/%d/revoke", list[0].ID), nil).is(http.StatusSeeOther)
	app.fail("GET", "/api/v1/templates", token, nil, http.StatusUnauthorized)
}

func (r apResponse) lacksToken(token string) apResponse {
	r.t.Helper()
	if strings.Contains(r.body, token) {
		r.t.Fatal("the token is shown again")
	}
	return r
}
