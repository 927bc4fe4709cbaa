package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"firstperson/models"
)

type userOut struct {
	ID           uint       `json:"id"`
	Email        string     `json:"email"`
	Name         string     `json:"name"`
	Role         string     `json:"role"`
	Active       bool       `json:"active"`
	LastSignInAt *time.Time `json:"last_sign_in_at"`
}

func (a *testApp) userID(t *testing.T, email string) uint {
	t.Helper()
	u, err := a.store.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// invitePath turns an invite_url into the path to request.
func invitePath(t *testing.T, invite string) string {
	t.Helper()
	u, err := url.Parse(invite)
	if err != nil || !strings.HasPrefix(u.Path, "/invite/") {
		t.Fatalf("invite url %q", invite)
	}
	return u.Path
}

func TestTeamUsersAPI(t *testing.T) {
	app := newTestApp(t)
	var people []userOut
	app.json("GET", "/api/v1/users", app.lead, nil, http.StatusOK, &people)
	if len(people) != 2 || people[0].Role != "lead" || !people[0].Active || people[1].Email != "ada@example.org" {
		t.Fatalf("people: %+v", people)
	}
	// Assessors get 403 on all of it.
	ada := app.userID(t, "ada@example.org")
	for _, r := range []struct{ method, path string }{
		{"GET", "/api/v1/users"}, {"POST", "/api/v1/users"}, {"PATCH", fmt.Sprintf("/api/v1/users/%d", ada)},
		{"POST", fmt.Sprintf("/api/v1/users/%d/reset", ada)}, {"GET", "/api/v1/team/audit"},
	} {
		app.fail(r.method, r.path, app.assessor, map[string]any{}, http.StatusForbidden)
	}
	// Another team's lead finds nobody of this team.
	app.fail("PATCH", fmt.Sprintf("/api/v1/users/%d", ada), app.other, map[string]any{"active": false}, http.StatusNotFound)
	app.fail("POST", fmt.Sprintf("/api/v1/users/%d/reset", ada), app.other, nil, http.StatusNotFound)

	// Add a person: an invitation link, once.
	e := app.fail("POST", "/api/v1/users", app.lead, map[string]string{"email": "nope", "name": "", "role": "admin"}, http.StatusUnprocessableEntity)
	if e.Error.Fields["email"] == "" || e.Error.Fields["name"] == "" || e.Error.Fields["role"] == "" {
		t.Fatalf("bad person: %+v", e)
	}
	app.fail("POST", "/api/v1/users", app.lead, map[string]string{"email": "ada@example.org", "name": "Ada", "role": "assessor"}, http.StatusUnprocessableEntity)
	var inv struct {
		ID        uint      `json:"id"`
		InviteURL string    `json:"invite_url"`
		ExpiresAt time.Time `json:"expires_at"`
	}
	app.json("POST", "/api/v1/users", app.lead, map[string]string{"email": "bo@example.org", "name": "Bo Baker", "role": "assessor"}, http.StatusCreated, &inv)
	if d := time.Until(inv.ExpiresAt); d < 71*time.Hour || d > 73*time.Hour {
		t.Fatalf("invitation expires in %v", d)
	}
	b := app.anonymous(t)
	p := invitePath(t, inv.InviteURL)
	b.get(p).is(http.StatusOK).shows("Welcome, Bo Baker", "bo@example.org")
	b.post(p, url.Values{"password": {"password1234"}, "confirm": {"password1234"}}).is(http.StatusUnprocessableEntity).shows("most common")
	b.post(p, url.Values{"password": {"bo@example.org"}, "confirm": {"bo@example.org"}}).is(http.StatusUnprocessableEntity).shows("email address")
	if r := b.post(p, url.Values{"password": {"amber fox meadow"}, "confirm": {"amber fox meadow"}}); r.status != http.StatusSeeOther || r.location != "/" {
		t.Fatalf("accept invitation: %d %q", r.status, r.location)
	}
	b.get("/assessments").is(http.StatusOK)
	app.anonymous(t).get(p).is(http.StatusGone)
	app.anonymous(t).post(p, url.Values{"password": {"amber fox meadow2"}, "confirm": {"amber fox meadow2"}}).is(http.StatusGone)
	app.anonymous(t).get("/invite/not-a-real-token").is(http.StatusNotFound)

	// Change role; the last active lead is protected; a lead cannot deactivate themself.
	lead := app.userID(t, "lead@firstperson.local")
	var u userOut
	app.json("PATCH", fmt.Sprintf("/api/v1/users/%d", inv.ID), app.lead, map[string]any{"role": "lead"}, http.StatusOK, &u)
	if u.Role != "lead" || u.ID != inv.ID {
		t.Fatalf("role change: %+v", u)
	}
	app.json("PATCH", fmt.Sprintf("/api/v1/users/%d", inv.ID), app.lead, map[string]any{"role": "assessor"}, http.StatusOK, &u)
	app.fail("PATCH", fmt.Sprintf("/api/v1/users/%d", lead), app.lead, map[string]any{"role": "assessor"}, http.StatusConflict)
	app.fail("PATCH", fmt.Sprintf("/api/v1/users/%d", lead), app.lead, map[string]any{"active": false}, http.StatusConflict)
	app.fail("PATCH", fmt.Sprintf("/api/v1/users/%d", inv.ID), app.lead, map[string]any{"role": "boss"}, http.StatusUnprocessableEntity)

	// Deactivating a leaver stops their API token and their session at once.
	app.json("GET", "/api/v1/templates", app.assessor, nil, http.StatusOK, nil)
	adaBrowser := app.apAssessor(t)
	adaBrowser.get("/assessments").is(http.StatusOK)
	app.json("PATCH", fmt.Sprintf("/api/v1/users/%d", ada), app.lead, map[string]any{"active": false}, http.StatusOK, &u)
	if u.Active {
		t.Fatalf("still active: %+v", u)
	}
	app.fail("GET", "/api/v1/templates", app.assessor, nil, http.StatusUnauthorized)
	adaBrowser.get("/assessments").is(http.StatusSeeOther)
	app.anonymous(t).post("/login", signInForm("ada@example.org", "correct horse battery")).is(http.StatusUnprocessableEntity)
	app.json("PATCH", fmt.Sprintf("/api/v1/users/%d", ada), app.lead, map[string]any{"active": true}, http.StatusOK, &u)
	app.apAssessor(t).get("/assessments").is(http.StatusOK)

	// Reset: the old password stops at once; the new link sets another.
	var reset struct {
		InviteURL string `json:"invite_url"`
	}
	app.json("POST", fmt.Sprintf("/api/v1/users/%d/reset", ada), app.lead, nil, http.StatusOK, &reset)
	app.anonymous(t).post("/login", signInForm("ada@example.org", "correct horse battery")).is(http.StatusUnprocessableEntity)
	app.anonymous(t).post(invitePath(t, reset.InviteURL), url.Values{"password": {"new leaf river"}, "confirm": {"new leaf river"}}).is(http.StatusSeeOther)
	app.apSignIn(t, "ada@example.org", "new leaf river").get("/").is(http.StatusOK)

	var evs []map[string]any
	app.json("GET", "/api/v1/team/audit", app.lead, nil, http.StatusOK, &evs)
	seen := map[string]bool{}
	for _, e := range evs {
		if e["at"] == nil || e["actor"] == nil {
			t.Fatalf("audit row %v", e)
		}
		seen[e["action"].(string)] = true
	}
	for _, a := range []string{"user.invited", "password.set_by_invitation", "user.role_changed", "user.deactivated",
		"user.reactivated", "password.reset", "sign_in.succeeded", "sign_in.failed"} {
		if !seen[a] {
			t.Errorf("team audit lacks %s", a)
		}
	}
	// The other team's audit has none of it.
	app.json("GET", "/api/v1/team/audit", app.other, nil, http.StatusOK, &evs)
	for _, e := range evs {
		if strings.Contains(fmt.Sprint(e["detail"]), "ada@example.org") {
			t.Fatalf("other team sees %v", e)
		}
	}
}

func TestInvitationExpiresAfter72Hours(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	app := newApp(t, models.WithClock(clock.Now))
	var inv struct {
		InviteURL string `json:"invite_url"`
	}
	app.json("POST", "/api/v1/users", app.lead, map[string]string{"email": "cy@example.org", "name": "Cy", "role": "assessor"}, http.StatusCreated, &inv)
	clock.Add(models.InvitationLifetime - time.Minute)
	app.anonymous(t).get(invitePath(t, inv.InviteURL)).is(http.StatusOK)
	clock.Add(2 * time.Minute)
	app.anonymous(t).get(invitePath(t, inv.InviteURL)).is(http.StatusGone).shows("This link has ended")
}

func TestTeamPages(t *testing.T) {
	app := newTestApp(t)
	lead := app.apSignIn(t, "lead@firstperson.local", app.leadPass)
	lead.get("/team").is(http.StatusOK).shows("People", "Ada Assessor", "ada@example.org", "Clinical lead", "Deactivate", "Reset password")
	app.apAssessor(t).get("/team").is(http.StatusForbidden)
	app.apAssessor(t).get("/team/audit").is(http.StatusForbidden)
	app.apAssessor(t).post("/team/people", url.Values{"name": {"X"}, "email": {"x@example.org"}, "role": {"lead"}}).is(http.StatusForbidden)

	lead.post("/team/people", url.Values{"name": {"Di <b>Dee</b>"}, "email": {"bad"}, "role": {"assessor"}}).
		is(http.StatusUnprocessableEntity).shows(`value="Di &lt;b&gt;Dee&lt;/b&gt;"`, "enter an email address")
	r := lead.post("/team/people", url.Values{"name": {"Di Dee"}, "email": {"di@example.org"}, "role": {"assessor"}}).
		is(http.StatusCreated).shows("Invitation for Di Dee", `data-copy="invite-url"`, "/invite/")
	if strings.Contains(r.body, "onclick") {
		t.Fatal("inline handler")
	}
	di := app.userID(t, "di@example.org")
	ada := app.userID(t, "ada@example.org")
	me := app.userID(t, "lead@firstperson.local")
	if r := lead.post(fmt.Sprintf("/team/people/%d/role", di), url.Values{"role": {"lead"}}); r.status != http.StatusSeeOther {
		t.Fatalf("role: %d", r.status)
	}
	lead.post(fmt.Sprintf("/team/people/%d/active", me), url.Values{"active": {"false"}}).is(http.StatusConflict).shows("cannot deactivate yourself")
	lead.post(fmt.Sprintf("/team/people/%d/active", ada), url.Values{"active": {"false"}}).is(http.StatusSeeOther)
	lead.get("/team?done=deactivated").is(http.StatusOK).shows("Deactivated", "Reactivate")
	lead.post(fmt.Sprintf("/team/people/%d/reset", ada), nil).is(http.StatusConflict)
	lead.post(fmt.Sprintf("/team/people/%d/active", ada), url.Values{"active": {"true"}}).is(http.StatusSeeOther)
	lead.post(fmt.Sprintf("/team/people/%d/reset", ada), nil).is(http.StatusOK).shows("Invitation for Ada Assessor")
	lead.get("/team/audit").is(http.StatusOK).shows("user.invited", "user.deactivated", "password.reset")
	// Another team's person is not found.
	olu := app.userID(t, "olu@example.org")
	lead.post(fmt.Sprintf("/team/people/%d/active", olu), url.Values{"active": {"false"}}).is(http.StatusNotFound)
}
