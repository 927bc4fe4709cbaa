package models

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"firstperson/forms"
)

// checkImpactStore plays one scripted timeline through the store and
// checks the tallies: start, save after 2 min, save after 3 more, a 10-min
// pause, complete → active 2+3 = 5 min, elapsed 15 min; a second
// assessment stays in progress. Then it saves again (an amendment) and
// the facts follow the new revision.
func checkImpactStore(t *testing.T, s *Store, at func(time.Time)) {
	t.Helper()
	ctx := context.Background()
	a := lead(t, s)
	t0 := time.Date(2026, 11, 4, 9, 0, 0, 0, time.UTC) // a Wednesday
	at(t0)
	as, err := s.CreateAssessment(ctx, a, 1, forms.Person{Name: "Ann Example", DateOfBirth: "1940-02-02"})
	if err != nil {
		t.Fatal(err)
	}
	at(t0.Add(2 * time.Minute))
	// "my-name" is bound to the person's name (not a free-text answer of
	// its own), so three free texts count: two in the person's voice.
	if _, err := s.SaveAnswers(ctx, a, as.ID, 0, forms.Answers{"my-name": "Ann Example", "assessor-name": "Ada",
		"recommendation": "She likes the window", "care-home-accepts": true, "sign-off-date": "2026-11-04",
		"assessor-signature":   "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
		"family-conversations": []any{map[string]any{"who": "Son"}}}); err != nil {
		t.Fatal(err)
	}
	at(t0.Add(5 * time.Minute))
	if _, err := s.SaveAnswers(ctx, a, as.ID, 1, forms.Answers{"good-day": "I like the garden"}); err != nil {
		t.Fatal(err)
	}
	at(t0.Add(15 * time.Minute))
	if _, err := s.Complete(ctx, a, as.ID); err != nil {
		t.Fatal(err)
	}
	at(t0.Add(24 * time.Hour))
	if _, err := s.CreateAssessment(ctx, a, 1, forms.Person{Name: "Bea Example", DateOfBirth: "1941-02-02"}); err != nil {
		t.Fatal(err)
	}
	tallies, err := s.ImpactTallies(ctx, a.TeamID, ImpactFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tallies) != 1 {
		t.Fatalf("tallies = %+v", tallies)
	}
	got := tallies[0]
	if got.Started != 2 || got.Completed != 1 || fmt.Sprint(got.ActiveMinutes) != "[5]" ||
		fmt.Sprint(got.ElapsedMinutes) != "[15]" || got.FreeTexts != 3 || got.InVoice != 2 || got.Conversations != 1 ||
		fmt.Sprint(got.Weeks) != "[{2026-11-02 2 1}]" {
		t.Errorf("tally = %+v", got)
	}
	// An amendment moves the revision on: the facts follow.
	if _, err := s.Amend(ctx, a, as.ID, 2, forms.Answers{"recommendation": "I like the window"}, "typo"); err != nil {
		t.Fatal(err)
	}
	tallies, err = s.ImpactTallies(ctx, a.TeamID, ImpactFilter{})
	if err != nil || tallies[0].InVoice != 3 || fmt.Sprint(tallies[0].ActiveMinutes) != "[5]" {
		t.Errorf("after the amendment: %+v %v", tallies, err)
	}
	// Care-home tables of issue 12 absent or present, never an error.
	if _, _, err := s.ImpactCareHome(ctx, a.TeamID, ImpactFilter{}); err != nil {
		t.Errorf("care home: %v", err)
	}
}

func TestImpactTallies(t *testing.T) {
	s, clk, _ := MustOpenStore(t)
	checkImpactStore(t, s, func(tm time.Time) { clk.mu.Lock(); clk.now = tm; clk.mu.Unlock() })
}

// TestImpactTalliesPostgres runs the same on PostgreSQL (see TestPostgres).
func TestImpactTalliesPostgres(t *testing.T) {
	dsn := os.Getenv("FIRSTPERSON_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("FIRSTPERSON_TEST_POSTGRES is not set; skipping the PostgreSQL run")
	}
	ctx := context.Background()
	wipe, err := gorm.Open(postgres.Open(dsn), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if err := wipe.Exec(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`).Error; err != nil {
		t.Fatalf("wipe: %v", err)
	}
	clk := &clock{now: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}
	s, err := Open(ctx, dsn, WithClock(clk.Now))
	if err != nil {
		t.Fatalf("open and migrate: %v", err)
	}
	defer s.Close()
	if _, err := s.Bootstrap(ctx); err != nil {
		t.Fatal(err)
	}
	checkImpactStore(t, s, func(tm time.Time) { clk.mu.Lock(); clk.now = tm; clk.mu.Unlock() })
}
