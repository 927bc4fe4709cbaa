package models

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"firstperson/forms"
	"firstperson/internal/pgtest"
)

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// MustOpenStore opens a bootstrapped store on a temp SQLite file.
func MustOpenStore(t *testing.T) (*Store, *clock, string) {
	t.Helper()
	clk := &clock{now: time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)}
	path := filepath.Join(t.TempDir(), "store.db")
	if pgtest.OnPostgres() {
		path = pgtest.DSN(t, "models_"+t.Name())
	}
	s, err := Open(context.Background(), path, WithClock(clk.Now), WithPasswordCost(bcrypt.MinCost))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Bootstrap(context.Background()); err != nil {
		t.Fatalf("bootstrap: %v", err)
	}
	return s, clk, path
}

func lead(t *testing.T, s *Store) Actor {
	t.Helper()
	u, err := s.UserByEmail(context.Background(), DefaultLeadEmail)
	if err != nil {
		t.Fatal(err)
	}
	return u.Actor()
}

func TestMigrationsApplyOnceAndReopen(t *testing.T) {
	s, _, path := MustOpenStore(t)
	v, err := s.SchemaVersion(context.Background())
	if err != nil || v != latestMigration() {
		t.Fatalf("schema version = %d, %v", v, err)
	}
	s.Close()
	s2, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s2.Close()
	if first, err := s2.Bootstrap(context.Background()); err != nil || first != nil {
		t.Fatalf("second bootstrap = %v, %v", first, err)
	}
	ts, err := s2.Templates(context.Background(), 1)
	if err != nil || len(ts) != 1 || *ts[0].PublishedVersion != 1 {
		t.Fatalf("templates after reopen = %+v, %v", ts, err)
	}
}

func TestTheDatabaseRefusesToChangePublishedVersionsAndTheAuditTrail(t *testing.T) {
	s, _, _ := MustOpenStore(t)
	for _, stmt := range []string{
		`UPDATE template_versions SET title = 'Changed behind your back' WHERE status = 'published'`,
		`DELETE FROM template_versions WHERE status = 'published'`,
		`UPDATE audit_events SET actor = 'someone else'`,
		`DELETE FROM audit_events`,
	} {
		err := s.w.Exec(stmt).Error
		if err == nil || !(strings.Contains(err.Error(), "frozen") || strings.Contains(err.Error(), "append-only")) {
			t.Errorf("%s: err = %v", stmt, err)
		}
	}
	// And the one-draft rule is the database's too.
	a := lead(t, s)
	if _, err := s.SaveDraft(context.Background(), a, 1, forms.DefaultTemplate()); err != nil {
		t.Fatal(err)
	}
	err := s.w.Exec(`INSERT INTO template_versions (template_id, number, status, title, schema_json, created_at, updated_at)
		VALUES (1, 9, 'draft', 'x', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`).Error
	if err == nil {
		t.Fatal("a second draft was accepted")
	}
}

func TestSessionsExpireWhenIdleAndAtTheAbsoluteLimit(t *testing.T) {
	s, clk, _ := MustOpenStore(t)
	ctx := context.Background()
	u, _ := s.UserByEmail(ctx, DefaultLeadEmail)
	tok, err := s.CreateSession(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Active use keeps it alive past the idle limit, up to the absolute one.
	for i := 0; i < 10; i++ {
		clk.Add(SessionIdleTimeout - time.Minute)
		if _, err := s.SessionUser(ctx, tok); err != nil && clk.Now().Before(time.Date(2026, 11, 20, 21, 30, 0, 0, time.UTC)) {
			t.Fatalf("session ended early at %v: %v", clk.Now(), err)
		}
	}
	if _, err := s.SessionUser(ctx, tok); !errors.Is(err, ErrNotFound) {
		t.Fatalf("session past the absolute limit: %v", err)
	}
	tok2, _ := s.CreateSession(ctx, u.ID)
	clk.Add(SessionIdleTimeout + time.Second)
	if _, err := s.SessionUser(ctx, tok2); !errors.Is(err, ErrNotFound) {
		t.Fatalf("idle session still valid: %v", err)
	}
}

// Two tablets saving at the same revision: exactly one wins each round,
// the other gets a StaleRevisionError with the winner's answers.
func TestConcurrentSavesNeverOverwriteSilently(t *testing.T) {
	s, _, _ := MustOpenStore(t)
	ctx := context.Background()
	a := lead(t, s)
	as, err := s.CreateAssessment(ctx, a, 1, forms.Person{Name: "Ann Example", DateOfBirth: "1940-02-02"})
	if err != nil {
		t.Fatal(err)
	}
	const rounds = 30
	rev := 0
	for r := 0; r < rounds; r++ {
		var wg sync.WaitGroup
		results := make([]error, 2)
		for i := range results {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				_, results[i] = s.SaveAnswers(ctx, a, as.ID, rev, forms.Answers{"good-day": []string{"tablet A", "tablet B"}[i]})
			}(i)
		}
		wg.Wait()
		var stale *StaleRevisionError
		wins := 0
		for _, err := range results {
			switch {
			case err == nil:
				wins++
			case errors.As(err, &stale):
				if stale.Revision != rev+1 || stale.Answers["good-day"] == nil {
					t.Fatalf("stale error without the winner's state: %+v", stale)
				}
			default:
				t.Fatalf("round %d: %v", r, err)
			}
		}
		if wins != 1 {
			t.Fatalf("round %d: %d saves won", r, wins)
		}
		rev++
	}
	got, _ := s.Assessment(ctx, a.TeamID, as.ID)
	if got.Revision != rounds {
		t.Fatalf("revision = %d, want %d", got.Revision, rounds)
	}
}

func TestShareLinks(t *testing.T) {
	s, clk, _ := MustOpenStore(t)
	ctx := context.Background()
	a := lead(t, s)
	as, _ := s.CreateAssessment(ctx, a, 1, forms.Person{Name: "Ann Example", DateOfBirth: "1940-02-02"})
	if _, _, err := s.CreateShare(ctx, a, as.ID, "Rosewood House", 24); !errors.Is(err, ErrConflict) {
		t.Fatalf("share of an unfinished assessment: %v", err)
	}
	_, err := s.SaveAnswers(ctx, a, as.ID, 0, forms.Answers{"my-name": "Ann Example", "assessor-name": "Ada",
		"recommendation": "Home", "care-home-accepts": true, "sign-off-date": "2026-11-20",
		"assessor-signature": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Complete(ctx, a, as.ID); err != nil {
		t.Fatal(err)
	}
	var ve *forms.ValidationError
	if _, _, err := s.CreateShare(ctx, a, as.ID, " ", 0); !errors.As(err, &ve) || ve.Fields["recipient"] == "" || ve.Fields["expires_in_hours"] == "" {
		t.Fatalf("bad share input: %v", err)
	}
	tok, link, err := s.CreateShare(ctx, a, as.ID, "Rosewood House", 2)
	if err != nil {
		t.Fatal(err)
	}
	if link.TokenHash == tok || len(tok) < 43 {
		t.Fatal("token stored in clear or too short")
	}
	if _, _, err := s.OpenShare(ctx, tok, "viewed", "127.0.0.1"); err != nil {
		t.Fatalf("open: %v", err)
	}
	clk.Add(3 * time.Hour)
	if _, _, err := s.OpenShare(ctx, tok, "viewed", "127.0.0.1"); !errors.Is(err, ErrGone) {
		t.Fatalf("expired link: %v", err)
	}
	tok2, _, _ := s.CreateShare(ctx, a, as.ID, "Rosewood House", 2)
	if err := s.RevokeShare(ctx, a, tok2, 0); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.OpenShare(ctx, tok2, "downloaded", "127.0.0.1"); !errors.Is(err, ErrGone) {
		t.Fatalf("revoked link: %v", err)
	}
	if _, _, err := s.OpenShare(ctx, "no-such-token", "viewed", "127.0.0.1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown token: %v", err)
	}
	evs, _ := s.AssessmentAudit(ctx, a.TeamID, as.ID)
	count := map[string]int{}
	for _, e := range evs {
		count[e.Action]++
	}
	if count["share.viewed"] != 1 || count["share.refused"] != 2 || count["share.created"] != 2 || count["share.revoked"] != 1 {
		t.Fatalf("share audit = %v", count)
	}
}

// Real use hashes passwords with bcrypt cost 12 (tests lower it for speed).
func TestPasswordsAreHashedWithCost12ByDefault(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "cost.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	u, err := s.CreateUser(context.Background(), NewUser{Email: "ann@example.org", Name: "Ann Example", Role: RoleLead, Password: "a long enough password"})
	if err != nil {
		t.Fatal(err)
	}
	if cost, err := bcrypt.Cost([]byte(strings.TrimPrefix(u.PasswordHash, prehashPrefix))); err != nil || cost != 12 {
		t.Fatalf("bcrypt cost = %d, %v", cost, err)
	}
}
