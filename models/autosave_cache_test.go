package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"firstperson/forms"
	"firstperson/internal/pgtest"
)

// twoOnPG opens two stores on one PostgreSQL database, as two processes
// of the app would: a is opened with opts, b plainly.
func twoOnPG(t *testing.T, name string, opts ...Option) (a, b *Store) {
	t.Helper()
	dsn := pgtest.DSN(t, name)
	ctx := context.Background()
	var err error
	if a, err = Open(ctx, dsn, append([]Option{WithPasswordCost(bcrypt.MinCost)}, opts...)...); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	if _, err := a.Bootstrap(ctx); err != nil {
		t.Fatal(err)
	}
	if b, err = Open(ctx, dsn, WithPasswordCost(bcrypt.MinCost)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return a, b
}

// TestPostgresAutosaveWithAnEndedCredentialWritesNothing: an autosave's
// user may come from process A's memory, but once the session or token
// is ended through process B (sign-out, deactivation, a one-time password
// set, a token deleted), A's next save with it writes nothing and answers
// ErrSignedOut, whether it is written in a batch, alone, or with the
// person's details in a transaction.
func TestPostgresAutosaveWithAnEndedCredentialWritesNothing(t *testing.T) {
	ctx := context.Background()
	paths := []struct {
		name    string
		opts    []Option
		answers forms.Answers
	}{
		{"batched", nil, forms.Answers{"good-day": "A walk by the sea"}},
		{"alone", []Option{WithoutGroupCommit()}, forms.Answers{"good-day": "A walk by the sea"}},
		{"person details", nil, forms.Answers{"my-name": "Ann Renamed"}},
	}
	ends := []struct {
		name  string
		token bool // an API token, not a session
		end   func(b *Store, u *User, token string) error
	}{
		{"signed out", false, func(b *Store, _ *User, token string) error { return b.DeleteSession(ctx, token) }},
		{"deactivated", false, func(b *Store, u *User, _ string) error { _, err := b.DisableUser(ctx, u.Email); return err }},
		{"one-time password", false, func(b *Store, u *User, _ string) error {
			return b.w.Exec(`UPDATE users SET must_change_password = TRUE WHERE id = ?`, u.ID).Error
		}},
		{"token deleted", true, func(b *Store, u *User, _ string) error {
			return b.w.Exec(`DELETE FROM api_tokens WHERE user_id = ?`, u.ID).Error
		}},
	}
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			a, b := twoOnPG(t, "autosave_cred_"+p.name, p.opts...)
			for i, e := range ends {
				t.Run(e.name, func(t *testing.T) {
					email := fmt.Sprintf("assessor%d@example.org", i)
					u, err := a.CreateUser(ctx, NewUser{Email: email, Name: "Ada Assessor", Role: RoleAssessor, Password: "correct horse battery"})
					if err != nil {
						t.Fatal(err)
					}
					var token string
					lookup := a.AutosaveSessionUser
					if e.token {
						token, lookup = "", a.AutosaveTokenUser
						if token, err = a.CreateAPIToken(ctx, email); err != nil {
							t.Fatal(err)
						}
					} else if token, err = a.CreateSession(ctx, u.ID); err != nil {
						t.Fatal(err)
					}
					who, err := lookup(ctx, token)
					if err != nil {
						t.Fatal(err)
					}
					id := started(t, a, who.Actor(), 1)[0]
					if _, err := a.SaveAnswers(ctx, who.Actor(), id, 0, forms.Answers{"good-day": "First"}); err != nil {
						t.Fatalf("save before the end: %v", err)
					}
					before := changedEvents(t, b, u.TeamID, id)

					if err := e.end(b, u, token); err != nil {
						t.Fatal(err)
					}
					// A still knows the credential: that is the case the write must catch.
					who, err = lookup(ctx, token)
					if err != nil {
						t.Fatalf("A read the ended credential afresh (%v); the test needs it from memory", err)
					}
					_, err = a.SaveAnswers(ctx, who.Actor(), id, 1, p.answers)
					if !errors.Is(err, ErrSignedOut) {
						t.Fatalf("save after the end: %v, want ErrSignedOut", err)
					}
					got, err := b.Assessment(ctx, u.TeamID, id)
					if err != nil {
						t.Fatal(err)
					}
					answers, _ := got.Answers()
					if got.Revision != 1 || answers["good-day"] != "First" || got.PersonName != "Ann Example 0" {
						t.Fatalf("after the refused save: revision %d, %v, %q", got.Revision, answers, got.PersonName)
					}
					if after := changedEvents(t, b, u.TeamID, id); len(after) != len(before) {
						t.Fatalf("audit events %v became %v", before, after)
					}
				})
			}
		})
	}
}

// TestPostgresAutosaveFromAnOldRowHearsTheStateNow: process A plans a save
// from the row as it last wrote it; when B has written or completed the
// assessment since, the save is refused with the state as it is now (409
// with B's answers, or completed) and writes nothing; the next save on the
// current revision goes through.
func TestPostgresAutosaveFromAnOldRowHearsTheStateNow(t *testing.T) {
	ctx := context.Background()
	a, b := twoOnPG(t, "autosave_rows")
	actor := lead(t, a)
	id := started(t, a, actor, 1)[0]
	if _, err := a.SaveAnswers(ctx, actor, id, 0, forms.Answers{"good-day": "From A"}); err != nil {
		t.Fatal(err)
	}
	if _, ok := a.knownRow(actor.TeamID, id, 1); !ok {
		t.Fatal("A does not keep the row it wrote; the test needs it")
	}
	if _, err := b.SaveAnswers(ctx, actor, id, 1, forms.Answers{"good-day": "From B"}); err != nil {
		t.Fatal(err)
	}
	_, err := a.SaveAnswers(ctx, actor, id, 1, forms.Answers{"good-day": "From A again"})
	var stale *StaleRevisionError
	if !errors.As(err, &stale) || stale.Revision != 2 || stale.Answers["good-day"] != "From B" {
		t.Fatalf("A's save on the revision B replaced: %v (%+v)", err, stale)
	}
	// Every required answer, so that B can complete it.
	complete := forms.Answers{"good-day": "From A, current", "my-name": "Ann Example 0", "assessor-name": "Ada",
		"recommendation": "Home", "care-home-accepts": true, "sign-off-date": "2026-11-20",
		"assessor-signature": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="}
	if rev, err := a.SaveAnswers(ctx, actor, id, 2, complete); err != nil || rev != 3 {
		t.Fatalf("A's save on the current revision: %d, %v", rev, err)
	}

	// B completes it (the revision stays 3); A still knows revision 3 as
	// in progress, and its save must not change a completed assessment.
	if _, err := b.Complete(ctx, actor, id); err != nil {
		t.Fatal(err)
	}
	if _, ok := a.knownRow(actor.TeamID, id, 3); !ok {
		t.Fatal("A does not keep revision 3; the test needs it")
	}
	if _, err := a.SaveAnswers(ctx, actor, id, 3, forms.Answers{"good-day": "After completion"}); !errors.Is(err, ErrConflict) {
		t.Fatalf("A's save after B completed: %v, want a conflict", err)
	}
	got, err := b.Assessment(ctx, actor.TeamID, id)
	if err != nil {
		t.Fatal(err)
	}
	answers, _ := got.Answers()
	if !got.Completed() || got.Revision != 3 || answers["good-day"] != "From A, current" {
		t.Fatalf("after the refused save: %s, revision %d, %v", got.Status, got.Revision, answers["good-day"])
	}
}

// TestAutosaveRowsStayBounded: the rows kept for autosaves never hold
// more than autosaveRowBytes of answers or autosaveCacheSize rows, a
// later revision is never replaced by an earlier one, and the count of
// bytes stays true as rows are replaced and forgotten.
func TestAutosaveRowsStayBounded(t *testing.T) {
	s := &Store{now: time.Now, autosave: newAutosaveCache()}
	plan := func(id uint, rev, size int) *answerChange {
		return &answerChange{a: &Assessment{ID: id, TeamID: 1, Revision: rev}, answersJSON: strings.Repeat("x", size)}
	}
	held := func() (n int) {
		for _, a := range s.autosave.rows {
			n += len(a.AnswersJSON)
		}
		return n
	}
	s.wrote(plan(1, 4, 100))
	s.wrote(plan(1, 2, 50)) // an earlier revision finishing late
	if a, ok := s.knownRow(1, 1, 5); !ok || len(a.AnswersJSON) != 100 {
		t.Fatalf("row 1 after a late earlier write: %v %v", ok, a)
	}
	if _, ok := s.knownRow(2, 1, 5); ok {
		t.Fatal("row 1 was handed to another team")
	}
	const big = autosaveRowBytes / 4
	for id := uint(2); id < 12; id++ {
		s.wrote(plan(id, 0, big))
		if got := held(); s.autosave.rowBytes != got || got > autosaveRowBytes {
			t.Fatalf("after row %d: counted %d bytes, hold %d (limit %d)", id, s.autosave.rowBytes, got, autosaveRowBytes)
		}
	}
	s.forgetRow(11)
	if got := held(); s.autosave.rowBytes != got {
		t.Fatalf("after forgetting: counted %d, hold %d", s.autosave.rowBytes, got)
	}
	for id := uint(100); id < 100+2*autosaveCacheSize; id++ {
		s.wrote(plan(id, 0, 1))
	}
	if n := len(s.autosave.rows); n > autosaveCacheSize {
		t.Fatalf("%d rows kept, limit %d", n, autosaveCacheSize)
	}
}
