package models

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *testClock) Add(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.now = c.now.Add(d) }

// TestAccountPathsSQLite and TestAccountPathsPostgres run the same account
// paths on both databases (PostgreSQL when FIRSTPERSON_TEST_POSTGRES names
// a database it may wipe).
func TestAccountPathsSQLite(t *testing.T) {
	clock := &testClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	s, err := Open(context.Background(), t.TempDir()+"/acc.db", WithPasswordCost(bcrypt.MinCost), WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	accountPaths(t, s, clock)
}

func TestAccountPathsPostgres(t *testing.T) {
	dsn := os.Getenv("FIRSTPERSON_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("FIRSTPERSON_TEST_POSTGRES is not set; skipping the PostgreSQL run")
	}
	wipe, err := gorm.Open(postgres.Open(dsn), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if err := wipe.Exec(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`).Error; err != nil {
		t.Fatalf("wipe: %v", err)
	}
	if db, err := wipe.DB(); err == nil {
		db.Close()
	}
	clock := &testClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	s, err := Open(context.Background(), dsn, WithPasswordCost(bcrypt.MinCost), WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	accountPaths(t, s, clock)
}

func accountPaths(t *testing.T, s *Store, clock *testClock) {
	ctx := context.Background()
	first, err := s.Bootstrap(ctx)
	if err != nil || first == nil {
		t.Fatalf("bootstrap: %v", err)
	}
	lead, err := s.UserByEmail(ctx, first.Email)
	if err != nil || !lead.MustChangePassword {
		t.Fatalf("first lead: %v %+v", err, lead)
	}
	if ts, err := s.Templates(ctx, lead.TeamID); err != nil || len(ts) != 1 {
		t.Fatalf("first team templates: %v %d", err, len(ts))
	}
	if err := s.ChangePassword(ctx, lead, "", "maple otter lantern", "", "127.0.0.1"); err != nil {
		t.Fatalf("replace the one-time password: %v", err)
	}
	// Invite, accept, used up.
	u, inv, err := s.InvitePerson(ctx, lead.Actor(), "Bo@Example.org", "Bo Baker", RoleAssessor)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignIn(ctx, "bo@example.org", "", "127.0.0.1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("sign in before the invitation is used: %v", err)
	}
	if _, err := s.AcceptInvitation(ctx, inv.Token, "password1234"); err == nil {
		t.Fatal("common password accepted")
	}
	if _, err := s.AcceptInvitation(ctx, inv.Token, "amber fox meadow"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AcceptInvitation(ctx, inv.Token, "amber fox meadow"); !errors.Is(err, ErrGone) {
		t.Fatalf("second use: %v", err)
	}
	// Throttling (the attempt before the invitation was used is the first failure).
	for i := 1; i < AccountFailureLimit; i++ {
		if _, err := s.SignIn(ctx, "bo@example.org", "wrong", "10.0.0.1"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("failure %d: %v", i, err)
		}
	}
	var th *ThrottledError
	if _, err := s.SignIn(ctx, "bo@example.org", "amber fox meadow", "10.0.0.1"); !errors.As(err, &th) || th.RetryAfter <= 0 {
		t.Fatalf("throttled: %v", err)
	}
	clock.Add(th.RetryAfter)
	if u2, err := s.SignIn(ctx, "bo@example.org", "amber fox meadow", "10.0.0.1"); err != nil || u2.LastSignInAt == nil {
		t.Fatalf("after the wait: %v", err)
	}
	// Tokens: last used, revoke.
	bo, _ := s.User(ctx, u.ID)
	tk, token, err := s.CreateNamedToken(ctx, bo, "Laptop")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.TokenUser(ctx, token); err != nil {
		t.Fatal(err)
	}
	// Last lead and self protection; deactivation ends the token.
	if _, err := s.ChangeUser(ctx, lead.Actor(), lead.ID, UserChange{Active: ptr(false)}); !errors.Is(err, ErrConflict) {
		t.Fatalf("self-deactivate: %v", err)
	}
	if _, err := s.ChangeUser(ctx, lead.Actor(), lead.ID, UserChange{Role: ptr(RoleAssessor)}); !errors.Is(err, ErrConflict) {
		t.Fatalf("last lead demoted: %v", err)
	}
	if _, err := s.ChangeUser(ctx, lead.Actor(), bo.ID, UserChange{Active: ptr(false)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TokenUser(ctx, token); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deactivated user's token: %v", err)
	}
	if err := s.RevokeToken(ctx, bo, tk.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("token should be gone already: %v", err)
	}
	evs, err := s.TeamAudit(ctx, lead.TeamID, 100)
	if err != nil || len(evs) < 8 {
		t.Fatalf("team audit: %v %d", err, len(evs))
	}
}

func ptr[T any](v T) *T { return &v }

// A burst of parallel guesses cannot slip under the limit while bcrypt
// runs: the limit is checked and the attempt recorded in one transaction.
func TestParallelGuessesStayWithinTheLimit(t *testing.T) {
	s := testStore(t)
	ctx := context.Background()
	if _, err := s.CreateUser(ctx, NewUser{Email: "ann@example.org", Name: "Ann", Role: RoleLead, Password: "violet kettle harbour"}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	checked, throttled := 0, 0
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.SignIn(ctx, "ann@example.org", "a wrong guess", "10.0.0.9")
			var th *ThrottledError
			mu.Lock()
			defer mu.Unlock()
			switch {
			case errors.As(err, &th):
				throttled++
			case errors.Is(err, ErrNotFound):
				checked++
			default:
				t.Errorf("unexpected %v", err)
			}
		}()
	}
	wg.Wait()
	if checked != AccountFailureLimit || throttled != 20-AccountFailureLimit {
		t.Fatalf("checked %d, throttled %d; want %d checked", checked, throttled, AccountFailureLimit)
	}
}
