package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"firstperson/forms"
)

func defaultTemplateID(t *testing.T, s *Store, team uint) uint {
	t.Helper()
	ts, err := s.Templates(context.Background(), team)
	if err != nil || len(ts) != 1 {
		t.Fatalf("templates = %v, %v", ts, err)
	}
	return ts[0].ID
}

func TestEditDraftMakesTheDraftAppliesTheEditAndAudits(t *testing.T) {
	s, _, _ := MustOpenStore(t)
	ctx, actor := context.Background(), lead(t, s)
	id := defaultTemplateID(t, s, actor.TeamID)

	v, err := s.EditDraft(ctx, actor, id, func(sc *forms.Schema) error {
		sc.Sections[0].Questions[0].Label = "Name"
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if v.Number != 2 || v.Status != StatusDraft {
		t.Fatalf("draft = v%d %s, want v2 draft", v.Number, v.Status)
	}
	got, _ := v.Schema()
	if got.Sections[0].Questions[0].Label != "Name" {
		t.Fatalf("label = %q", got.Sections[0].Questions[0].Label)
	}
	evs, err := s.TemplateAudit(ctx, actor.TeamID, id)
	if err != nil {
		t.Fatal(err)
	}
	last := evs[len(evs)-1]
	if last.Action != "draft.saved" || !strings.Contains(last.Detail, `"changed":["my-name"]`) {
		t.Fatalf("last audit = %s %s", last.Action, last.Detail)
	}
}

func TestEditDraftErrorSavesNothing(t *testing.T) {
	s, _, _ := MustOpenStore(t)
	ctx, actor := context.Background(), lead(t, s)
	id := defaultTemplateID(t, s, actor.TeamID)
	refuse := errors.New("refused")
	_, err := s.EditDraft(ctx, actor, id, func(sc *forms.Schema) error {
		sc.Title = "changed"
		return refuse
	})
	if !errors.Is(err, refuse) {
		t.Fatalf("err = %v", err)
	}
	// The draft made for the edit rolled back with it.
	if _, err := s.Draft(ctx, actor.TeamID, id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("draft after a refused edit: %v", err)
	}
}

func TestEditDraftOtherTeamIsNotFound(t *testing.T) {
	s, _, _ := MustOpenStore(t)
	ctx, actor := context.Background(), lead(t, s)
	id := defaultTemplateID(t, s, actor.TeamID)
	other := actor
	other.TeamID = actor.TeamID + 100
	_, err := s.EditDraft(ctx, other, id, func(*forms.Schema) error { return nil })
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want not found", err)
	}
}

// Concurrent edits each append a question; none may be lost, which is what
// reading and writing in one transaction buys over read-then-SaveDraft.
func TestEditDraftConcurrentEditsAreNotLost(t *testing.T) {
	s, _, _ := MustOpenStore(t)
	ctx, actor := context.Background(), lead(t, s)
	id := defaultTemplateID(t, s, actor.TeamID)
	const n = 12
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			_, err := s.EditDraft(ctx, actor, id, func(sc *forms.Schema) error {
				sc.Sections[0].Questions = append(sc.Sections[0].Questions,
					forms.Question{ID: fmt.Sprintf("extra-%d", i), Label: "I like tea", Type: forms.TypeText})
				return nil
			})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	d, err := s.Draft(ctx, actor.TeamID, id)
	if err != nil {
		t.Fatal(err)
	}
	sc, _ := d.Schema()
	extra := 0
	for _, q := range sc.Sections[0].Questions {
		if strings.HasPrefix(q.ID, "extra-") {
			extra++
		}
	}
	if extra != n {
		t.Fatalf("questions after %d concurrent edits = %d", n, extra)
	}
}

func TestAssessmentsByVersion(t *testing.T) {
	s, _, _ := MustOpenStore(t)
	ctx, actor := context.Background(), lead(t, s)
	id := defaultTemplateID(t, s, actor.TeamID)
	p := forms.Person{Name: "Bea Made-Up", DateOfBirth: "1940-02-01"}
	for range 2 {
		if _, err := s.CreateAssessment(ctx, actor, id, p); err != nil {
			t.Fatal(err)
		}
	}
	counts, err := s.AssessmentsByVersion(ctx, actor.TeamID, id)
	if err != nil {
		t.Fatal(err)
	}
	if counts[1] != 2 || len(counts) != 1 {
		t.Fatalf("counts = %v, want map[1:2]", counts)
	}
	if _, err := s.AssessmentsByVersion(ctx, actor.TeamID+100, id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("other team: %v", err)
	}
}
