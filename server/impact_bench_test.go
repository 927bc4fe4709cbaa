package server

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

// BenchmarkImpact100k computes the impact figures (GET /api/v1/impact,
// JSON included) over 100,000 assessments of one version, 90% completed,
// each with four timeline events (start, two saves, completion) — 360,000
// audit events in all — after a first call has filled the answer facts.
//
//	go test -run '^$' -bench BenchmarkImpact100k -benchtime 3x ./server/
func BenchmarkImpact100k(b *testing.B) {
	app, _, path := newClockApp(b, time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC))
	db := careHomeDB(b, path)
	const n = 100000
	// Times are written as the Go driver writes them, so they compare and
	// parse the same way as rows the application wrote.
	at := func(minutes string) string {
		return `strftime('%Y-%m-%d %H:%M:%S', '2026-01-05 08:00:00', '+' || (i * 3) || ' minutes', '+' || (` + minutes + `) || ' minutes') || '+00:00'`
	}
	steps := []string{
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ` + itoa(n) + `)
		INSERT INTO assessments (team_id, template_id, version_id, version_number, reference, person_name, nhs_number,
			date_of_birth, answers_json, revision, status, created_by, created_at, updated_at, completed_at, completed_by)
		SELECT 1, 1, 1, 1, 'FP-BENCH-' || i, 'Person ' || i, '', '1940-01-01',
			'{"my-name":"Person","what-matters-most":"' || CASE WHEN i % 3 = 0 THEN 'She likes tea' ELSE 'I like tea' END ||
			'","family-conversations":[{"who":"Son"}]}', 2,
			CASE WHEN i % 10 = 0 THEN 'in_progress' ELSE 'completed' END, 2, ` + at("0") + `, ` + at("i % 40") + `,
			CASE WHEN i % 10 = 0 THEN NULL ELSE ` + at("12 + i % 40") + ` END, CASE WHEN i % 10 = 0 THEN NULL ELSE 2 END
		FROM n`,
	}
	for _, ev := range []struct{ action, minutes, where string }{
		{"assessment.started", "0", ""}, {"answer.changed", "3", ""}, {"answer.changed", "7 + i % 4", ""},
		{"assessment.completed", "12 + i % 40", " AND a.status = 'completed'"},
	} {
		steps = append(steps, `INSERT INTO audit_events (team_id, at, actor_id, actor, entity, entity_id, action, detail)
			SELECT 1, `+at(ev.minutes)+`, 2, 'Ada Assessor', 'assessment', a.id, '`+ev.action+`', '{}'
			FROM (SELECT id, CAST(substr(reference, 10) AS INTEGER) AS i, status FROM assessments WHERE reference LIKE 'FP-BENCH-%') a
			WHERE 1 = 1`+ev.where)
	}
	for _, s := range steps {
		if err := db.Exec(s).Error; err != nil {
			b.Fatalf("bulk insert: %v\n%s", err, s)
		}
	}
	var out impactJSONOut
	start := time.Now()
	app.json("GET", "/api/v1/impact", app.lead, nil, http.StatusOK, &out) // fills the answer facts once
	b.Logf("first call (answer facts of %d assessments computed): %v", n, time.Since(start))
	if out.Versions[0].Started != n || out.Versions[0].Completed != n*9/10 || out.Versions[0].Active.Median == nil {
		b.Fatalf("figures = %+v", out.Versions[0])
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		app.json("GET", "/api/v1/impact", app.lead, nil, http.StatusOK, nil)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
