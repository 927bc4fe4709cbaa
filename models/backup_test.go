package models

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"firstperson/forms"
	"firstperson/internal/pgtest"
)

// TestBackupDuringAutosaveLoadHoldsEverySaveAcknowledgedBeforeIt: eight
// tablets save without pause; a backup is taken in the middle; the copy
// passes its check and holds, for each assessment, at least the revision
// (with its answer) that had been acknowledged when the backup began.
func TestBackupDuringAutosaveLoadHoldsEverySaveAcknowledgedBeforeIt(t *testing.T) {
	pgtest.SQLiteOnly(t)
	s, _, path := MustOpenStore(t)
	ctx := context.Background()
	a := lead(t, s)
	const tablets = 8
	ids := make([]uint, tablets)
	acked := make([]atomic.Int64, tablets) // newest acknowledged revision
	for i := range ids {
		as, err := s.CreateAssessment(ctx, a, 1, forms.Person{Name: "Ann Example", DateOfBirth: "1940-02-02"})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = as.ID
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := range ids {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for rev := 0; ; rev++ {
				select {
				case <-stop:
					return
				default:
				}
				next, err := s.SaveAnswers(ctx, a, ids[i], rev, forms.Answers{"good-day": fmt.Sprintf("save %d", rev+1)})
				if err != nil {
					t.Errorf("save: %v", err)
					return
				}
				acked[i].Store(int64(next))
			}
		}(i)
	}
	time.Sleep(300 * time.Millisecond)
	before := make([]int64, tablets)
	for i := range before {
		before[i] = acked[i].Load()
	}
	out := filepath.Join(t.TempDir(), "copy.db")
	err := Backup(ctx, path, out)
	time.Sleep(100 * time.Millisecond)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatalf("backup: %v", err)
	}
	cp, err := Open(ctx, out)
	if err != nil {
		t.Fatalf("open the copy: %v", err)
	}
	defer cp.Close()
	for i, id := range ids {
		if before[i] == 0 {
			t.Fatalf("tablet %d had no acknowledged save before the backup", i)
		}
		got, err := cp.Assessment(ctx, a.TeamID, id)
		if err != nil {
			t.Fatal(err)
		}
		answers, _ := got.Answers()
		if int64(got.Revision) < before[i] || answers["good-day"] != fmt.Sprintf("save %d", got.Revision) {
			t.Errorf("assessment %d in the copy: revision %d (%v), acknowledged before the backup: %d", id, got.Revision, answers["good-day"], before[i])
		}
	}
	if err := Backup(ctx, path, out); err == nil {
		t.Fatal("a backup over an existing file succeeded")
	}
	if err := Backup(ctx, "postgres://x@localhost/db", out+"2"); !errors.Is(err, ErrBackupPostgres) {
		t.Fatalf("postgres backup: %v", err)
	}
}
