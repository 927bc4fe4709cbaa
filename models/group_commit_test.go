package models

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"firstperson/forms"
	"firstperson/internal/pgtest"
)

// TestGroupCommitBatchesSavesAndIsolatesFailures sends 48 saves at once: a
// third valid, a third stale, a third invalid. The valid ones must all be
// stored, the others refused with their own error, nothing of theirs
// written, and several saves must have shared a commit.
func TestGroupCommitBatchesSavesAndIsolatesFailures(t *testing.T) {
	var mu sync.Mutex
	var batches []int
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "gc.db")
	if pgtest.OnPostgres() {
		dsn = pgtest.DSN(t, "gc_batches") // one statement per batch there (group_commit_pg.go)
	}
	s, err := Open(ctx, dsn, WithPasswordCost(bcrypt.MinCost),
		WithHooks(Hooks{BatchCommitted: func(n int) { mu.Lock(); batches = append(batches, n); mu.Unlock() }}))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Bootstrap(ctx); err != nil {
		t.Fatal(err)
	}
	a := lead(t, s)
	const n = 48
	ids := make([]uint, n)
	for i := range ids {
		as, err := s.CreateAssessment(ctx, a, 1, forms.Person{Name: "Ann Example", DateOfBirth: "1940-02-02"})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = as.ID
	}
	start := make(chan struct{})
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range ids {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			switch i % 3 {
			case 0: // valid
				_, errs[i] = s.SaveAnswers(ctx, a, ids[i], 0, forms.Answers{"good-day": "A walk", "people-to-move": 2.0})
			case 1: // stale
				_, errs[i] = s.SaveAnswers(ctx, a, ids[i], 7, forms.Answers{"good-day": "Stale"})
			case 2: // a valid answer beside an invalid one: nothing of it may land
				_, errs[i] = s.SaveAnswers(ctx, a, ids[i], 0, forms.Answers{"good-day": "Half", "people-to-move": "many"})
			}
		}(i)
	}
	close(start)
	wg.Wait()
	for i, id := range ids {
		got, err := s.Assessment(ctx, a.TeamID, id)
		if err != nil {
			t.Fatal(err)
		}
		answers, _ := got.Answers()
		var stale *StaleRevisionError
		var invalid *forms.ValidationError
		switch i % 3 {
		case 0:
			if errs[i] != nil || got.Revision != 1 || answers["good-day"] != "A walk" {
				t.Errorf("valid save %d: %v, revision %d, %v", i, errs[i], got.Revision, answers)
			}
		case 1:
			if !errors.As(errs[i], &stale) || got.Revision != 0 || len(answers) != 0 {
				t.Errorf("stale save %d: %v, revision %d, %v", i, errs[i], got.Revision, answers)
			}
		case 2:
			if !errors.As(errs[i], &invalid) || got.Revision != 0 || len(answers) != 0 {
				t.Errorf("invalid save %d: %v, revision %d, %v", i, errs[i], got.Revision, answers)
			}
		}
		events, err := s.AssessmentAudit(ctx, a.TeamID, id)
		if err != nil {
			t.Fatal(err)
		}
		changes := 0
		for _, e := range events {
			if e.Action == "answer.changed" {
				changes++
			}
		}
		if want := map[int]int{0: 2, 1: 0, 2: 0}[i%3]; changes != want {
			t.Errorf("save %d: %d answer.changed events, want %d", i, changes, want)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	total, biggest := 0, 0
	for _, b := range batches {
		total += b
		biggest = max(biggest, b)
	}
	if total != n/3 || biggest < 2 {
		t.Fatalf("batches %v: %d saves committed, biggest batch %d; want %d saves and some sharing a commit", batches, total, biggest, n/3)
	}
}

func TestGroupCommitAfterCloseRefusesAndPanicsStayInTheirSavepoint(t *testing.T) {
	pgtest.SQLiteOnly(t) // group commit is for SQLite
	s, _, _ := MustOpenStore(t)
	ctx := context.Background()
	err := s.writeAnswers(ctx, func(tx *gorm.DB) error { panic("boom") })
	if err == nil {
		t.Fatal("a panicking save reported success")
	}
	a := lead(t, s)
	as, err := s.CreateAssessment(ctx, a, 1, forms.Person{Name: "Ann Example", DateOfBirth: "1940-02-02"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAnswers(ctx, a, as.ID, 0, forms.Answers{"good-day": "Fine"}); err != nil {
		t.Fatalf("save after a panic: %v", err)
	}
	s.Close()
	if _, err := s.SaveAnswers(ctx, a, as.ID, 1, forms.Answers{"good-day": "Late"}); err == nil {
		t.Fatal("save after close succeeded")
	}
}

// In one batch, a save that wrote and then failed is undone to its
// savepoint, and its neighbours before and after it commit: savepoints are
// released one by one, so undoing one never reaches into another.
func TestGroupCommitUndoesOnlyTheFailedSavesWrites(t *testing.T) {
	pgtest.SQLiteOnly(t) // group commit is for SQLite
	s, _, _ := MustOpenStore(t)
	ctx := context.Background()
	if err := s.w.Exec(`CREATE TABLE gc_probe (name TEXT PRIMARY KEY)`).Error; err != nil {
		t.Fatal(err)
	}
	write := func(name string, fail bool) *groupJob {
		return &groupJob{ctx: ctx, done: make(chan error, 1), fn: func(tx *gorm.DB) error {
			if err := tx.Exec(`INSERT INTO gc_probe (name) VALUES (?)`, name).Error; err != nil {
				return err
			}
			if fail {
				return errors.New("refused after writing")
			}
			return nil
		}}
	}
	batch := []*groupJob{write("one", false), write("two", true), write("three", false), write("four", true), write("five", false)}
	s.group.commit(batch)
	for i, want := range []bool{true, false, true, false, true} {
		if err := <-batch[i].done; (err == nil) != want {
			t.Fatalf("save %d: err = %v", i+1, err)
		}
	}
	var names []string
	if err := s.r.Raw(`SELECT name FROM gc_probe ORDER BY name`).Scan(&names).Error; err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, ",") != "five,one,three" {
		t.Fatalf("committed rows = %v, want five, one, three", names)
	}
}
