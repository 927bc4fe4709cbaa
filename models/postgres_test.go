package models

import (
	"context"
	"errors"
	"strings"
	"testing"

	"firstperson/forms"
	"firstperson/internal/pgtest"
)

// TestPostgres runs the store's main paths against PostgreSQL when
// FIRSTPERSON_TEST_POSTGRES names a server it may make databases on, e.g.
// postgres://fp:secret@127.0.0.1/fp_test?sslmode=disable (.ci/run starts one).
func TestPostgres(t *testing.T) {
	dsn := pgtest.DSN(t, "models_main")
	ctx := context.Background()
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open and migrate: %v", err)
	}
	defer s.Close()
	first, err := s.Bootstrap(ctx)
	if err != nil || first == nil {
		t.Fatalf("bootstrap: %v", err)
	}
	a := lead(t, s)
	as, err := s.CreateAssessment(ctx, a, 1, forms.Person{Name: "Ann Example", NHSNumber: "9434765919", DateOfBirth: "1940-02-02"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAnswers(ctx, a, as.ID, 0, forms.Answers{"my-name": "Ann Example", "interpreter": true}); err != nil {
		t.Fatal(err)
	}
	var stale *StaleRevisionError
	if _, err := s.SaveAnswers(ctx, a, as.ID, 0, forms.Answers{"my-name": "Someone"}); !errors.As(err, &stale) || stale.Revision != 1 {
		t.Fatalf("stale save: %v", err)
	}
	list, total, err := s.Assessments(ctx, a.TeamID, AssessmentQuery{Search: "_nn%"}) // no wildcards: "nn" starts no word
	if err != nil || total != 0 || len(list) != 0 {
		t.Fatalf("search with LIKE wildcards: %d %v", total, err)
	}
	if _, total, err = s.Assessments(ctx, a.TeamID, AssessmentQuery{Search: "943 476 5919"}); err != nil || total != 1 {
		t.Fatalf("search by NHS number: %d %v", total, err)
	}
	// Person search: accents, order, several words (the prefix range relies
	// on the term column's "C" collation).
	if _, err := s.CorrectPerson(ctx, a, as.ID, forms.Person{Name: "Zoë Ó'Brien-Łukasiewicz", NHSNumber: "9434765919",
		DateOfBirth: "1940-02-02"}, "spelling"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"zoe obrien", "lukasiewicz Zoë", "o brien", as.Reference} {
		if _, total, err = s.Assessments(ctx, a.TeamID, AssessmentQuery{Search: q}); err != nil || total != 1 {
			t.Fatalf("search %q: %d %v", q, total, err)
		}
	}
	if _, total, err = s.Assessments(ctx, a.TeamID, AssessmentQuery{Search: "ann"}); err != nil || total != 0 {
		t.Fatalf("old name still found: %d %v", total, err)
	}
	for _, stmt := range []string{`UPDATE template_versions SET title = 'x' WHERE status = 'published'`, `DELETE FROM audit_events`} {
		if err := s.w.Exec(stmt).Error; err == nil || !(strings.Contains(err.Error(), "frozen") || strings.Contains(err.Error(), "append-only")) {
			t.Errorf("%s: %v", stmt, err)
		}
	}
	if _, err := s.SaveDraft(ctx, a, 1, forms.DefaultTemplate()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.NewDraftFrom(ctx, a, 1, 1); !errors.Is(err, ErrConflict) {
		t.Fatalf("second draft: %v", err)
	}
	exerciseShareResponses(t, s, nil) // share_responses_test.go
	if v, err := s.SchemaVersion(ctx); err != nil || v != latestMigration() {
		t.Fatalf("schema version %d %v", v, err)
	}
}
