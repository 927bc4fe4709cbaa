package models

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"firstperson/forms"
)

// ImpactFilter narrows the impact figures: a template (0 = all), one of
// its versions (0 = all) and the days assessments were started on, From
// inclusive and To exclusive (zero = open).
type ImpactFilter struct {
	TemplateID uint
	Version    int
	From, To   time.Time
}

// ImpactRow is one assessment as the impact figures see it.
type ImpactRow struct {
	ID         uint
	TemplateID uint
	Version    int
	Started    time.Time
	Completed  *time.Time
	// ActiveSeconds sums the gaps shorter than ActiveGap between
	// consecutive saves (start, answer changes, completion), completed
	// assessments only.
	ActiveSeconds float64
	forms.AnswerFacts
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

// where adds the filter to a query on assessments aliased a.
func (f ImpactFilter) where(db *gorm.DB, teamID uint) *gorm.DB {
	cond, args := f.sql(teamID)
	return db.Where(cond, args...)
}

// ImpactRows returns every assessment the filter selects with its active
// time and answer facts. Facts of assessments saved since they were last
// read are refreshed first (impact_answer_facts), so the answers of an
// assessment are decoded once per revision, not once per page view.
func (s *Store) ImpactRows(ctx context.Context, teamID uint, f ImpactFilter) ([]ImpactRow, error) {
	if err := s.refreshAnswerFacts(ctx, teamID, f); err != nil {
		return nil, err
	}
	var rows []ImpactRow
	err := f.where(s.read(ctx).Table("assessments a"), teamID).
		Select(`a.id, a.template_id, a.version_number AS version, a.created_at AS started, a.completed_at AS completed,
			COALESCE(x.free_texts, 0) AS free_texts, COALESCE(x.in_voice, 0) AS in_voice,
			COALESCE(x.conversations, 0) AS conversations`).
		Joins("LEFT JOIN impact_answer_facts x ON x.assessment_id = a.id").
		Order("a.id").Scan(&rows).Error
	if err != nil {
		return nil, dbErr(err, "read impact rows")
	}
	active, err := s.activeSeconds(ctx, teamID, f)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		rows[i].ActiveSeconds = active[rows[i].ID]
	}
	return rows, nil
}

// activeSeconds sums, per completed assessment, the gaps between
// consecutive timeline events that are shorter than ActiveGap. The
// database does it (a window function over the audit trail), so a
// hundred thousand assessments send back one number each rather than
// every event.
func (s *Store) activeSeconds(ctx context.Context, teamID uint, f ImpactFilter) (map[uint]float64, error) {
	gap := "(julianday(e.at) - julianday(LAG(e.at) OVER w)) * 86400.0"
	if s.dialect == "postgres" {
		gap = "EXTRACT(EPOCH FROM (e.at - LAG(e.at) OVER w))"
	}
	where, args := f.sql(teamID)
	q := fmt.Sprintf(`SELECT id, SUM(CASE WHEN gap < %d THEN gap ELSE 0 END) AS active FROM (
		SELECT e.entity_id AS id, %s AS gap
		FROM audit_events e JOIN assessments a ON a.id = e.entity_id
		WHERE e.entity = 'assessment' AND e.action IN %s AND a.status = 'completed' AND %s
		WINDOW w AS (PARTITION BY e.entity_id ORDER BY e.id)) g GROUP BY id`,
		int(ActiveGap.Seconds()), gap, timelineActions, where)
	var out []struct {
		ID     uint
		Active float64
	}
	if err := s.read(ctx).Raw(q, args...).Scan(&out).Error; err != nil {
		return nil, dbErr(err, "sum active time")
	}
	m := make(map[uint]float64, len(out))
	for _, o := range out {
		m[o.ID] = o.Active
	}
	return m, nil
}

// refreshAnswerFacts recomputes the answer facts of the selected
// assessments whose revision changed since they were last computed.
func (s *Store) refreshAnswerFacts(ctx context.Context, teamID uint, f ImpactFilter) error {
	var stale []Assessment
	err := f.where(s.read(ctx).Table("assessments a"), teamID).
		Select("a.id, a.version_id, a.revision, a.answers_json").
		Joins("LEFT JOIN impact_answer_facts x ON x.assessment_id = a.id").
		Where("x.revision IS NULL OR x.revision <> a.revision").Scan(&stale).Error
	if err != nil {
		return dbErr(err, "find stale answer facts")
	}
	for start := 0; start < len(stale); start += 500 {
		batch := stale[start:min(start+500, len(stale))]
		err := s.tx(ctx, func(tx *gorm.DB) error {
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
				err = tx.Exec(`INSERT INTO impact_answer_facts (assessment_id, revision, free_texts, in_voice, conversations)
					VALUES (?, ?, ?, ?, ?) ON CONFLICT (assessment_id) DO UPDATE SET revision = excluded.revision,
					free_texts = excluded.free_texts, in_voice = excluded.in_voice, conversations = excluded.conversations`,
					a.ID, a.Revision, fa.FreeTexts, fa.InVoice, fa.Conversations).Error
				if err != nil {
					return dbErr(err, "save answer facts")
				}
			}
			return nil
		})
		if err != nil {
			return err
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
