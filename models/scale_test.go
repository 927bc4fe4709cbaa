package models

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"firstperson/internal/pgtest"
)

// seedScale fills the store with assessments across 50 teams and audit
// events for them, in a few INSERT … SELECT statements (SQLite only).
func seedScale(tb testing.TB, s *Store, assessments, events int) {
	tb.Helper()
	ctx := context.Background()
	db := s.w.WithContext(ctx)
	var versionID, templateID, userID uint
	if err := db.Raw(`SELECT id, template_id FROM template_versions WHERE status = 'published' LIMIT 1`).Row().Scan(&versionID, &templateID); err != nil {
		tb.Fatal(err)
	}
	if err := db.Raw(`SELECT id FROM users LIMIT 1`).Row().Scan(&userID); err != nil {
		tb.Fatal(err)
	}
	for t := 2; t <= 50; t++ {
		if err := db.Exec(`INSERT INTO teams (name, created_at) VALUES (?, CURRENT_TIMESTAMP)`, fmt.Sprintf("Team %d", t)).Error; err != nil {
			tb.Fatal(err)
		}
	}
	stmts := []string{
		fmt.Sprintf(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
		INSERT INTO assessments (team_id, template_id, version_id, version_number, reference, person_name, nhs_number,
			date_of_birth, answers_json, revision, status, created_by, created_at, updated_at)
		SELECT (i %% 50) + 1, %d, %d, 1, 'FP-S' || i, 'Person ' || i, printf('%%010d', i), '1940-01-01', '{}', 0,
			CASE WHEN i %% 3 = 0 THEN 'completed' ELSE 'in_progress' END, %d,
			datetime('2026-01-01', '+' || i || ' seconds'), datetime('2026-01-01', '+' || i || ' seconds') FROM n`,
			assessments, templateID, versionID, userID),
		fmt.Sprintf(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
		INSERT INTO audit_events (team_id, at, actor_id, actor, entity, entity_id, action, detail)
		SELECT ((i %% %d) %% 50) + 1, CURRENT_TIMESTAMP, %d, 'Seed', 'assessment', (i %% %d) + 1, 'answer.changed', '{}' FROM n`,
			events, assessments, userID, assessments),
	}
	for _, st := range stmts {
		if err := db.Exec(st).Error; err != nil {
			tb.Fatalf("seed: %v", err)
		}
	}
	if err := db.Exec(`ANALYZE`).Error; err != nil {
		tb.Fatal(err)
	}
}

// TestListQueriesUseTheTeamIndexes reads the query plans: the list, the
// status filter with its count, and one assessment's audit trail must each
// search an index led by the team (or the entity), never scan the table.
func TestListQueriesUseTheTeamIndexes(t *testing.T) {
	pgtest.SQLiteOnly(t)
	s, _, _ := MustOpenStore(t)
	seedScale(t, s, 5000, 20000)
	for _, c := range []struct{ q, index string }{
		{`SELECT * FROM assessments WHERE team_id = 7 ORDER BY created_at DESC, id DESC LIMIT 25`, "assessments_team_"},
		{`SELECT count(*) FROM assessments WHERE team_id = 7 AND status = 'completed'`, "assessments_team_status_created"},
		{`SELECT * FROM assessments WHERE team_id = 7 AND status = 'completed' ORDER BY created_at DESC, id DESC LIMIT 25`, "assessments_team_status_created"},
		{`SELECT * FROM audit_events WHERE team_id = 7 AND entity = 'assessment' AND entity_id = 42 ORDER BY id`, "audit_events_entity"},
		{`SELECT * FROM audit_events WHERE team_id = 7 ORDER BY id DESC LIMIT 50`, "audit_events_team"},
	} {
		q := c.q
		var plan []struct {
			Detail string
		}
		if err := s.r.Raw(`EXPLAIN QUERY PLAN ` + q).Scan(&plan).Error; err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, p := range plan {
			lines = append(lines, p.Detail)
		}
		all := strings.Join(lines, "; ")
		if !strings.Contains(all, c.index) || strings.Contains(all, "USE TEMP B-TREE") || strings.HasPrefix(all, "SCAN ") {
			t.Errorf("%s\n  plan: %s", q, all)
		}
	}
}

// BenchmarkListsAtScale seeds FIRSTPERSON_SCALE assessments (default
// 100,000; the figures in docs/PERFORMANCE.md use 1,000,000) and ten audit
// events for each, then times one request's queries: the first page of a
// team's list with its total, the completed filter with its total, and one
// assessment's audit trail.
//
// FIRSTPERSON_SCALE=1000000 go test -run '^$' -bench ListsAtScale -benchtime 200x ./models/
func BenchmarkListsAtScale(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("FIRSTPERSON_SCALE")); err == nil && v > 0 {
		n = v
	}
	s, _, _ := mustOpenBench(b)
	start := time.Now()
	seedScale(b, s, n, n*10)
	b.Logf("seeded %d assessments and %d audit events in %v", n, n*10, time.Since(start))
	ctx := context.Background()
	lead := benchLead(b, s)
	b.Run("list", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, _, err := s.Assessments(ctx, uint(i%50)+1, AssessmentQuery{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("completed-filter", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, _, err := s.Assessments(ctx, uint(i%50)+1, AssessmentQuery{Status: StatusCompleted, Page: 3}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("audit", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			id := uint(i*50+int(lead.TeamID)-1) % uint(n)
			if id == 0 {
				id = 50
			}
			if _, err := s.AuditTrail(ctx, lead.TeamID, "assessment", id); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func mustOpenBench(b *testing.B) (*Store, struct{}, string) {
	b.Helper()
	path := b.TempDir() + "/scale.db"
	s, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if _, err := s.Bootstrap(context.Background()); err != nil {
		b.Fatal(err)
	}
	return s, struct{}{}, path
}

func benchLead(b *testing.B, s *Store) Actor {
	u, err := s.UserByEmail(context.Background(), DefaultLeadEmail)
	if err != nil {
		b.Fatal(err)
	}
	return u.Actor()
}
