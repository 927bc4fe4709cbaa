package models

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"firstperson/forms"
	"firstperson/internal/pgtest"
)

// openPG opens a store on a PostgreSQL database of the test's own.
func openPG(t *testing.T, name string) *Store {
	t.Helper()
	s, err := Open(context.Background(), pgtest.DSN(t, name), WithPasswordCost(bcrypt.MinCost))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Bootstrap(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// planned is a save worked out and waiting to be written, as a groupJob.
func planned(t *testing.T, s *Store, actor Actor, id uint, revision int, answers forms.Answers) *groupJob {
	t.Helper()
	plan, err := s.planChange(s.readOne(context.Background()), actor, id, revision, answers, "answer.changed", "", false)
	if err != nil {
		t.Fatal(err)
	}
	return &groupJob{ctx: context.Background(), plan: plan, actor: actor, done: make(chan error, 1)}
}

// started starts n assessments and returns their ids.
func started(t *testing.T, s *Store, actor Actor, n int) []uint {
	t.Helper()
	ids := make([]uint, n)
	for i := range ids {
		as, err := s.CreateAssessment(context.Background(), actor, 1, forms.Person{Name: fmt.Sprintf("Ann Example %d", i), DateOfBirth: "1940-02-02"})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = as.ID
	}
	return ids
}

func changedEvents(t *testing.T, s *Store, teamID, id uint) []string {
	t.Helper()
	events, err := s.AssessmentAudit(context.Background(), teamID, id)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range events {
		if e.Action == "answer.changed" {
			out = append(out, e.Detail)
		}
	}
	return out
}

// TestPostgresBatchWritesItsSavesInOneStatement drives one batch by hand:
// saves of three assessments, a second save of the first one (planned
// from the same revision) and a save whose caller has gone. The three are
// written with their audit events in order; the second save of the same
// assessment is left to be written on its own, where it is stale; the
// abandoned one is not written.
func TestPostgresBatchWritesItsSavesInOneStatement(t *testing.T) {
	s := openPG(t, "gc_pg_batch")
	ctx := context.Background()
	a := lead(t, s)
	ids := started(t, s, a, 4)
	gone, cancel := context.WithCancel(ctx)
	cancel()
	abandoned := planned(t, s, a, ids[3], 0, forms.Answers{"good-day": "Never sent"})
	abandoned.ctx = gone
	batch := []*groupJob{
		planned(t, s, a, ids[0], 0, forms.Answers{"good-day": "A walk", "people-to-move": 2.0}),
		planned(t, s, a, ids[1], 0, forms.Answers{"good-day": "Tea at four"}),
		planned(t, s, a, ids[0], 0, forms.Answers{"good-day": "Same revision, second"}),
		abandoned,
		planned(t, s, a, ids[2], 0, forms.Answers{"people-to-move": 1.0}),
	}
	s.group.commit(batch)
	want := []error{nil, nil, errAlone, context.Canceled, nil}
	for i, j := range batch {
		if err := <-j.done; !errors.Is(err, want[i]) {
			t.Fatalf("save %d: %v, want %v", i, err, want[i])
		}
	}
	var stale *StaleRevisionError
	if err := s.applyChangeAtOnce(ctx, a, batch[2].plan); !errors.As(err, &stale) || stale.Revision != 1 || stale.Answers["good-day"] != "A walk" {
		t.Fatalf("the second save of assessment %d on its own: %v", ids[0], err)
	}
	for i, wantAnswers := range []forms.Answers{{"good-day": "A walk", "people-to-move": 2.0}, {"good-day": "Tea at four"},
		{"people-to-move": 1.0}, {}} {
		got, err := s.Assessment(ctx, a.TeamID, ids[i])
		if err != nil {
			t.Fatal(err)
		}
		answers, _ := got.Answers()
		wantRev := 1
		if i == 3 {
			wantRev = 0
		}
		if got.Revision != wantRev || fmt.Sprint(answers) != fmt.Sprint(wantAnswers) {
			t.Errorf("assessment %d: revision %d, answers %v; want %d, %v", i, got.Revision, answers, wantRev, wantAnswers)
		}
	}
	// The audit events of the first assessment, in the order planned.
	events := changedEvents(t, s, a.TeamID, ids[0])
	if len(events) != 2 || events[0] != batch[0].plan.events[0].Detail || events[1] != batch[0].plan.events[1].Detail {
		t.Fatalf("audit of assessment %d: %q", ids[0], events)
	}
	if n := len(changedEvents(t, s, a.TeamID, ids[3])); n != 0 {
		t.Fatalf("the abandoned save left %d audit events", n)
	}
}

// TestPostgresFailedBatchLeavesEachSaveToItself: a batch whose statement
// fails (here one save's audit event names a user who does not exist)
// writes nothing, and every save is then written on its own: its
// neighbours land, the one that cannot be written fails alone.
func TestPostgresFailedBatchLeavesEachSaveToItself(t *testing.T) {
	s := openPG(t, "gc_pg_failed")
	ctx := context.Background()
	a := lead(t, s)
	ids := started(t, s, a, 3)
	batch := []*groupJob{
		planned(t, s, a, ids[0], 0, forms.Answers{"good-day": "One"}),
		planned(t, s, a, ids[1], 0, forms.Answers{"good-day": "Two"}),
		planned(t, s, a, ids[2], 0, forms.Answers{"good-day": "Three"}),
	}
	nobody := uint(987654)
	batch[1].plan.events[0].ActorID = &nobody
	s.group.commit(batch)
	for i, j := range batch {
		if err := <-j.done; !errors.Is(err, errAlone) {
			t.Fatalf("save %d of a failed batch: %v, want errAlone", i, err)
		}
		if got, _ := s.Assessment(ctx, a.TeamID, ids[i]); got.Revision != 0 {
			t.Fatalf("a failed batch wrote assessment %d", ids[i])
		}
	}
	for i, j := range batch {
		err := s.applyChangeAtOnce(ctx, a, j.plan)
		if (err == nil) != (i != 1) {
			t.Fatalf("save %d on its own: %v", i, err)
		}
		got, _ := s.Assessment(ctx, a.TeamID, ids[i])
		if wantRev := map[bool]int{true: 1, false: 0}[i != 1]; got.Revision != wantRev {
			t.Fatalf("assessment %d: revision %d, want %d", i, got.Revision, wantRev)
		}
	}
}

// TestPostgresConcurrentSavesOfOneAssessment: tablets saving the same
// assessment from the same revision at once, through the batches: exactly
// one wins, each other hears the winner's answer, and the audit trail
// holds the winner's change alone.
func TestPostgresConcurrentSavesOfOneAssessment(t *testing.T) {
	s := openPG(t, "gc_pg_same")
	ctx := context.Background()
	a := lead(t, s)
	as, err := s.CreateAssessment(ctx, a, 1, forms.Person{Name: "Ann Example", DateOfBirth: "1940-02-02"})
	if err != nil {
		t.Fatal(err)
	}
	const n = 12
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, errs[i] = s.SaveAnswers(ctx, a, as.ID, 0, forms.Answers{"good-day": fmt.Sprintf("Tablet %d", i)})
		}()
	}
	close(start)
	wg.Wait()
	winner := -1
	for i, err := range errs {
		if err == nil {
			if winner >= 0 {
				t.Fatalf("tablets %d and %d both saved from revision 0", winner, i)
			}
			winner = i
		}
	}
	if winner < 0 {
		t.Fatalf("no save won: %v", errs)
	}
	for i, err := range errs {
		var stale *StaleRevisionError
		if i != winner && (!errors.As(err, &stale) || stale.Answers["good-day"] != fmt.Sprintf("Tablet %d", winner)) {
			t.Fatalf("tablet %d: %v, want the winner's answer", i, err)
		}
	}
	if events := changedEvents(t, s, a.TeamID, as.ID); len(events) != 1 {
		t.Fatalf("audit: %q, want the winner's change alone", events)
	}
}
