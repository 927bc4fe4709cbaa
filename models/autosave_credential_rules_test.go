package models

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"firstperson/internal/pgtest"
)

// TestCredentialRulesAgreeInGoAndSQL: whether a session or API token still
// lets its user write is decided in two places. A request that reads it
// afresh asks Go (SessionUser or TokenUser, then the server's checks of a
// one-time password and of the team); an autosave planned from this
// process's memory asks SQL, in the statement that writes it
// (credentialHolds). For every way a credential can stand, at a fixed
// clock and on both sides of each time limit, the two must agree.
func TestCredentialRulesAgreeInGoAndSQL(t *testing.T) {
	ctx := context.Background()
	base := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	clk := &clock{now: base}
	s, err := Open(ctx, pgtest.DSN(t, "credential_rules"), WithClock(clk.Now), WithPasswordCost(bcrypt.MinCost))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Bootstrap(ctx); err != nil {
		t.Fatal(err)
	}
	team := lead(t, s).TeamID
	exec := func(sql string, args ...any) func(*User, string) error {
		return func(u *User, _ string) error { return s.w.Exec(sql, append(args, u.ID)...).Error }
	}
	signOut := func(_ *User, token string) error { return s.DeleteSession(ctx, token) }
	deactivate := func(u *User, _ string) error { _, err := s.DisableUser(ctx, u.Email); return err }
	oneTime := exec(`UPDATE users SET must_change_password = TRUE WHERE id = ?`)
	deleteTokens := exec(`DELETE FROM api_tokens WHERE user_id = ?`)

	cases := []struct {
		name   string
		token  bool          // an API token, not a session
		after  time.Duration // on the clock, from when the credential was made
		change func(u *User, token string) error
		team   uint // the team the write is for, when not the user's
		want   bool
	}{
		{name: "a session just used", after: time.Minute, want: true},
		{name: "a session idle to its limit", after: SessionIdleTimeout, want: true},
		{name: "a session idle a microsecond past its limit", after: SessionIdleTimeout + time.Microsecond},
		{name: "a session in use at its absolute limit", after: SessionAbsoluteTimeout, want: true,
			change: exec(`UPDATE sessions SET last_seen_at = ? WHERE user_id = ?`, base.Add(SessionAbsoluteTimeout-time.Minute))},
		{name: "a session in use a microsecond past its absolute limit", after: SessionAbsoluteTimeout + time.Microsecond,
			change: exec(`UPDATE sessions SET last_seen_at = ? WHERE user_id = ?`, base.Add(SessionAbsoluteTimeout-time.Minute))},
		{name: "a session signed out", after: time.Minute, change: signOut},
		{name: "a session whose user was deactivated", after: time.Minute, change: deactivate},
		{name: "a session whose user has a one-time password", after: time.Minute, change: oneTime},
		{name: "a session, for another team", after: time.Minute, team: team + 1},
		{name: "a token", token: true, after: time.Minute, want: true},
		{name: "a token unused for a month", token: true, after: 30 * 24 * time.Hour, want: true},
		{name: "a token deleted", token: true, after: time.Minute, change: deleteTokens},
		{name: "a token whose user was deactivated", token: true, after: time.Minute, change: deactivate},
		{name: "a token whose user has a one-time password", token: true, after: time.Minute, change: oneTime},
		{name: "a token, for another team", token: true, after: time.Minute, team: team + 1},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Each case starts from the base time, so the times its change
			// writes (computed from the base) line up with its clock.
			clk.mu.Lock()
			clk.now = base
			clk.mu.Unlock()
			email := fmt.Sprintf("rules%d@example.org", i)
			u, err := s.CreateUser(ctx, NewUser{Email: email, Name: "Rae Rules", Role: RoleAssessor, Password: "correct horse battery"})
			if err != nil {
				t.Fatal(err)
			}
			kind, token, read := "s", "", s.SessionUser
			if c.token {
				kind, read = "t", s.TokenUser
				token, err = s.CreateAPIToken(ctx, email)
			} else {
				token, err = s.CreateSession(ctx, u.ID)
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.change != nil {
				if err := c.change(u, token); err != nil {
					t.Fatal(err)
				}
			}
			clk.Add(c.after)
			writeTo := u.TeamID
			if c.team != 0 {
				writeTo = c.team
			}

			// SQL first: reading afresh may touch the session.
			err = s.checkCredential(s.readOne(ctx), Actor{TeamID: writeTo, cred: credRef{kind, HashToken(token)}})
			if err != nil && !errors.Is(err, ErrSignedOut) {
				t.Fatal(err)
			}
			sqlAllows := err == nil
			fresh, err := read(ctx, token)
			if err != nil && !errors.Is(err, ErrNotFound) {
				t.Fatal(err)
			}
			goAllows := err == nil && !fresh.MustChangePassword && fresh.TeamID == writeTo

			if goAllows != c.want || sqlAllows != c.want {
				t.Fatalf("Go allows: %v, SQL allows: %v; want %v from both", goAllows, sqlAllows, c.want)
			}
		})
	}
}
