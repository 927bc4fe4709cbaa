package models

import (
	"context"
	"errors"
	"testing"

	"firstperson/forms"
)

func TestSearchTermsFollowThePersonAndMigrationFillsOldRows(t *testing.T) {
	ctx := context.Background()
	s, _, path := MustOpenStore(t)
	actor := lead(t, s)
	tpl := defaultTemplateID(t, s, actor.TeamID)
	a, err := s.CreateAssessment(ctx, actor, tpl, forms.Person{Name: "Zoë Ó'Brien", NHSNumber: "9434765919", DateOfBirth: "1941-03-03"})
	if err != nil {
		t.Fatal(err)
	}
	find := func(s *Store, q string) int64 {
		t.Helper()
		_, total, err := s.Assessments(ctx, actor.TeamID, AssessmentQuery{Search: q})
		if err != nil {
			t.Fatal(err)
		}
		return total
	}
	if find(s, "zoe obrien") != 1 || find(s, "943 476 5919") != 1 || find(s, a.Reference) != 1 {
		t.Fatal("new assessment not found")
	}
	// A database from before the search terms: the rows are there, the
	// terms are not. Reopening runs migration 21 again and fills them in.
	s.w.Exec(`DELETE FROM assessment_search_terms`)
	s.w.Exec(`DELETE FROM schema_migrations WHERE version = 21`)
	if find(s, "zoe") != 0 {
		t.Fatal("found without terms")
	}
	s.Close()
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if find(s2, "zoe") != 1 || find(s2, "o brien") != 1 || find(s2, "9434765919") != 1 {
		t.Fatal("migration did not fill the terms of the existing assessment")
	}
}

func TestUserNamesAreNFCAndRefuseInvisibleCharacters(t *testing.T) {
	n := NewUser{Email: "p@example.org", Name: "Zoe\u0308 Raman", Role: RoleAssessor, Password: "a long enough password"}
	if err := n.Validate(); err != nil || n.Name != "Zo\u00eb Raman" {
		t.Fatalf("name %q, %v", n.Name, err)
	}
	n.Name = "Priya\u202e Raman"
	var ve *forms.ValidationError
	if err := n.Validate(); !errors.As(err, &ve) || ve.Fields["name"] == "" {
		t.Fatalf("bidi override in a user name: %v", err)
	}
}
