package models

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"firstperson/forms"
	"firstperson/impact"
)

// ImpactFilter narrows the impact figures: a template (0 = all), one of
// its versions (0 = all) and the days assessments were started on, From
// inclusive and To exclusive (zero = open).
type ImpactFilter struct {
	TemplateID uint
	Version    int
	From, To   time.Time
}

// ActiveGap is the longest pause between two saves still counted as work.
const ActiveGap = 5 * time.Minute

// timelineActions are the audit events that mark the assessor at work.
const timelineActions = `('assessment.started', 'answer.changed', 'assessment.completed')`

// sql is the filter as a condition on assessments aliased a.
func (f ImpactFilter) sql(teamID uint) (string, []any) {
	conds, args := []string{"a.team_id = ?"}, []any{teamID}
	if f.TemplateID != 0 {
		conds, args = append(conds, "a.template_id = ?"), append(args, f.TemplateID)
	}
	if f.Version != 0 {
		conds, args = append(conds, "a.version_number = ?"), append(args, f.Version)
	}
	if !f.From.IsZero() {
		conds, args = append(conds, "a.created_at >= ?"), append(args, f.From.UTC())
	}
	if !f.To.IsZero() {
		conds, args = append(conds, "a.created_at < ?"), append(args, f.To.UTC())
	}
	return strings.Join(conds, " AND "), args
}

// weekMillis is one week; weekShift moves the Unix epoch (a Thursday) to
// the Monday before it, so whole weeks run Monday to Sunday.
const (
	weekMillis = int64(7 * 24 * time.Hour / time.Millisecond)
	weekShift  = int64(3 * 24 * time.Hour / time.Millisecond)
)

// ImpactTallies counts, per template version, what the impact figures
// need from the assessments the filter selects. The facts of assessments
// saved or completed since they were last read are refreshed first
// (impact_facts), so an assessment's answers and audit trail are read once
// per change, not once per page view. The database does the counting: one
// row per version (durations joined into one text) and one per week, not
// one per assessment.
func (s *Store) ImpactTallies(ctx context.Context, teamID uint, f ImpactFilter) ([]impact.Tally, error) {
	if err := s.refreshImpactFacts(ctx, teamID); err != nil {
		return nil, err
	}
	conds, args := []string{"team_id = ?"}, []any{teamID}
	if f.TemplateID != 0 {
		conds, args = append(conds, "template_id = ?"), append(args, f.TemplateID)
	}
	if f.Version != 0 {
		conds, args = append(conds, "version_number = ?"), append(args, f.Version)
	}
	if !f.From.IsZero() {
		conds, args = append(conds, "started_ms >= ?"), append(args, f.From.UnixMilli())
	}
	if !f.To.IsZero() {
		conds, args = append(conds, "started_ms < ?"), append(args, f.To.UnixMilli())
	}
	where := strings.Join(conds, " AND ")
	agg := func(expr string) string {
		if s.dialect == "postgres" {
			return "string_agg((" + expr + ")::text, ',')"
		}
		return "group_concat(" + expr + ")"
	}
	rows, err := s.read(ctx).Raw(`SELECT template_id, version_number, COUNT(*), COUNT(completed_ms),
		SUM(free_texts), SUM(in_voice), SUM(CASE WHEN completed_ms IS NOT NULL THEN conversations ELSE 0 END),
		`+agg("CASE WHEN completed_ms IS NOT NULL THEN active_seconds END")+`,
		`+agg("completed_ms - started_ms")+`
		FROM impact_facts WHERE `+where+` GROUP BY template_id, version_number`, args...).Rows()
	if err != nil {
		return nil, dbErr(err, "count impact facts")
	}
	defer rows.Close()
	type key struct {
		t uint
		n int
	}
	byKey := map[key]*impact.Tally{}
	var out []*impact.Tally
	for rows.Next() {
		t := &impact.Tally{}
		var active, elapsed *string
		if err := rows.Scan(&t.TemplateID, &t.Version, &t.Started, &t.Completed, &t.FreeTexts, &t.InVoice,
			&t.Conversations, &active, &elapsed); err != nil {
			return nil, dbErr(err, "count impact facts")
		}
		if t.ActiveMinutes, err = numbers(active, 60); err != nil {
			return nil, err
		}
		if t.ElapsedMinutes, err = numbers(elapsed, 60000); err != nil {
			return nil, err
		}
		byKey[key{t.TemplateID, t.Version}] = t
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, dbErr(err, "count impact facts")
	}
	for _, col := range []string{"started_ms", "completed_ms"} {
		wk := fmt.Sprintf("((%s + %d) / %d)", col, weekShift, weekMillis)
		var ws []struct {
			TemplateID    uint
			VersionNumber int
			Week          int64
			N             int
		}
		err := s.read(ctx).Raw(`SELECT template_id, version_number, `+wk+` AS week, COUNT(*) AS n
			FROM impact_facts WHERE `+where+` AND `+col+` IS NOT NULL GROUP BY template_id, version_number, `+wk, args...).
			Scan(&ws).Error
		if err != nil {
			return nil, dbErr(err, "count impact weeks")
		}
		for _, w := range ws {
			t := byKey[key{w.TemplateID, w.VersionNumber}]
			if t == nil {
				continue
			}
			name := time.UnixMilli(w.Week*weekMillis - weekShift).UTC().Format("2006-01-02")
			i := slices.IndexFunc(t.Weeks, func(x impact.Week) bool { return x.Week == name })
			if i < 0 {
				t.Weeks, i = append(t.Weeks, impact.Week{Week: name}), len(t.Weeks)
			}
			if col == "started_ms" {
				t.Weeks[i].Started += w.N
			} else {
				t.Weeks[i].Completed += w.N
			}
		}
	}
	tallies := make([]impact.Tally, 0, len(out))
	for _, t := range out {
		tallies = append(tallies, *t)
	}
	return tallies, nil
}

// numbers parses a comma-joined list of numbers, each divided by unit.
func numbers(joined *string, unit float64) ([]float64, error) {
	if joined == nil || *joined == "" {
		return nil, nil
	}
	parts := strings.Split(*joined, ",")
	out := make([]float64, 0, len(parts))
	for _, p := range parts {
		x, err := strconv.ParseFloat(p, 64)
		if err != nil {
			return nil, fmt.Errorf("impact: read duration %q: %w", p, err)
		}
		out = append(out, x/unit)
	}
	return out, nil
}

// activeSeconds sums, per completed assessment of ids, the gaps between
// consecutive timeline events that are shorter than ActiveGap (a window
// function over the audit trail).
func (s *Store) activeSeconds(tx *gorm.DB, ids []uint) (map[uint]float64, error) {
	// julianday is a double counting days: to the nearest 0.05 ms at
	// today's dates, so rounding to the millisecond gives the gap exactly
	// (a pause of exactly 5 minutes must not read as 299.99998 s).
	gap := "ROUND((julianday(e.at) - julianday(LAG(e.at) OVER w)) * 86400.0, 3)"
	if s.dialect == "postgres" {
		gap = "EXTRACT(EPOCH FROM (e.at - LAG(e.at) OVER w))"
	}
	q := fmt.Sprintf(`SELECT id, SUM(CASE WHEN gap < %d THEN gap ELSE 0 END) AS active FROM (
		SELECT e.entity_id AS id, %s AS gap FROM audit_events e
		WHERE e.entity = 'assessment' AND e.action IN %s AND e.entity_id IN ?
		WINDOW w AS (PARTITION BY e.entity_id ORDER BY e.id)) g GROUP BY id`,
		int(ActiveGap.Seconds()), gap, timelineActions)
	var out []struct {
		ID     uint
		Active float64
	}
	if err := tx.Raw(q, ids).Scan(&out).Error; err != nil {
		return nil, dbErr(err, "sum active time")
	}
	m := make(map[uint]float64, len(out))
	for _, o := range out {
		m[o.ID] = o.Active
	}
	return m, nil
}

// refreshImpactFacts recomputes the facts of the team's assessments whose
// revision or status changed since they were last computed.
func (s *Store) refreshImpactFacts(ctx context.Context, teamID uint) error {
	// A quick look first: revisions only grow, statuses only move to
	// completed and assessments are never deleted, so when the counts and
	// the sums of revisions agree, no fact is stale and the join below
	// (which reads every assessment's row) is not needed.
	type sums struct{ N, Revisions, Completed int64 }
	var have, want sums
	if err := s.read(ctx).Raw(`SELECT COUNT(*) AS n, COALESCE(SUM(revision), 0) AS revisions,
		COALESCE(SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END), 0) AS completed
		FROM assessments WHERE team_id = ?`, teamID).Scan(&want).Error; err != nil {
		return dbErr(err, "count assessments for impact")
	}
	if err := s.read(ctx).Raw(`SELECT COUNT(*) AS n, COALESCE(SUM(revision), 0) AS revisions,
		COALESCE(SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END), 0) AS completed
		FROM impact_facts WHERE team_id = ?`, teamID).Scan(&have).Error; err != nil {
		return dbErr(err, "count impact facts")
	}
	if have == want {
		return nil
	}
	var stale []Assessment
	err := s.read(ctx).Table("assessments a").
		Select("a.id, a.team_id, a.template_id, a.version_id, a.version_number, a.revision, a.status, a.answers_json, a.created_at, a.completed_at").
		Joins("LEFT JOIN impact_facts x ON x.assessment_id = a.id").
		Where("a.team_id = ? AND (x.revision IS NULL OR x.revision <> a.revision OR x.status <> a.status)", teamID).
		Scan(&stale).Error
	if err != nil {
		return dbErr(err, "find stale impact facts")
	}
	for start := 0; start < len(stale); start += 500 {
		batch := stale[start:min(start+500, len(stale))]
		if err := s.tx(ctx, func(tx *gorm.DB) error { return s.saveImpactFacts(tx, batch) }); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) saveImpactFacts(tx *gorm.DB, batch []Assessment) error {
	if err := loadApartSlice(tx, batch); err != nil {
		return err
	}
	var done []uint
	for i := range batch {
		if batch[i].Completed() {
			done = append(done, batch[i].ID)
		}
	}
	active := map[uint]float64{}
	if len(done) > 0 {
		var err error
		if active, err = s.activeSeconds(tx, done); err != nil {
			return err
		}
	}
	for i := range batch {
		a := &batch[i]
		_, schema, err := s.pinned(tx, a)
		if err != nil {
			return err
		}
		answers, err := a.Answers()
		if err != nil {
			return err
		}
		fa := forms.FactsOf(schema, answers)
		var completed *int64
		if a.CompletedAt != nil {
			ms := a.CompletedAt.UnixMilli()
			completed = &ms
		}
		err = tx.Exec(`INSERT INTO impact_facts (assessment_id, team_id, template_id, version_number, revision, status,
				started_ms, completed_ms, active_seconds, free_texts, in_voice, conversations)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (assessment_id) DO UPDATE SET revision = excluded.revision, status = excluded.status,
				completed_ms = excluded.completed_ms, active_seconds = excluded.active_seconds,
				free_texts = excluded.free_texts, in_voice = excluded.in_voice, conversations = excluded.conversations`,
			a.ID, a.TeamID, a.TemplateID, a.VersionNumber, a.Revision, a.Status, a.CreatedAt.UnixMilli(), completed,
			active[a.ID], fa.FreeTexts, fa.InVoice, fa.Conversations).Error
		if err != nil {
			return dbErr(err, "save impact facts")
		}
	}
	return nil
}

// ImpactVersions lists the team's published versions the filter names,
// oldest template and version first.
func (s *Store) ImpactVersions(ctx context.Context, teamID uint, f ImpactFilter) ([]Version, error) {
	db := s.read(ctx).Table("template_versions v").Select("v.*").
		Joins("JOIN templates t ON t.id = v.template_id").
		Where("t.team_id = ? AND v.status = ?", teamID, StatusPublished)
	if f.TemplateID != 0 {
		db = db.Where("v.template_id = ?", f.TemplateID)
	}
	if f.Version != 0 {
		db = db.Where("v.number = ?", f.Version)
	}
	var vs []Version
	err := db.Order("v.template_id, v.number").Find(&vs).Error
	return vs, dbErr(err, "impact versions")
}
