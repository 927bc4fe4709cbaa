package models

import (
	"context"

	"time"

	"firstperson/impact"
)

// ImpactCareHome gathers, per shared assessment the filter selects, when
// it was first shared, first opened, and the care home's first and latest
// decisions. It reads share_responses and share_links.first_opened_at
// (issue 12); where this database has neither, it reports them as not
// available rather than failing.
func (s *Store) ImpactCareHome(ctx context.Context, teamID uint, f ImpactFilter) (bool, []impact.Shared, error) {
	m := s.read(ctx).Migrator()
	if !m.HasTable("share_responses") || !m.HasColumn("share_links", "first_opened_at") {
		return false, nil, nil
	}
	where, args := f.sql(teamID)
	var links []struct {
		AssessmentID  uint
		CreatedAt     time.Time
		FirstOpenedAt *time.Time
	}
	err := s.read(ctx).Raw(`SELECT l.assessment_id, l.created_at, l.first_opened_at
		FROM share_links l JOIN assessments a ON a.id = l.assessment_id WHERE `+where+` ORDER BY l.id`, args...).
		Scan(&links).Error
	if err != nil {
		return false, nil, dbErr(err, "read share links for impact")
	}
	var answers []struct {
		AssessmentID uint
		At           time.Time
		Decision     string
	}
	err = s.read(ctx).Raw(`SELECT r.assessment_id, r.at, r.decision
		FROM share_responses r JOIN assessments a ON a.id = r.assessment_id
		WHERE r.from_party = 'care_home' AND r.decision <> '' AND `+where+` ORDER BY r.at, r.id`, args...).
		Scan(&answers).Error
	if err != nil {
		return false, nil, dbErr(err, "read care-home responses for impact")
	}
	byID := map[uint]*impact.Shared{}
	var order []uint
	for _, l := range links {
		sh := byID[l.AssessmentID]
		if sh == nil {
			sh = &impact.Shared{SharedAt: l.CreatedAt}
			byID[l.AssessmentID] = sh
			order = append(order, l.AssessmentID)
		}
		if l.CreatedAt.Before(sh.SharedAt) {
			sh.SharedAt = l.CreatedAt
		}
		if o := l.FirstOpenedAt; o != nil && (sh.FirstOpened == nil || o.Before(*sh.FirstOpened)) {
			t := *o
			sh.FirstOpened = &t
		}
	}
	for _, r := range answers {
		sh := byID[r.AssessmentID]
		if sh == nil {
			continue // answered without a share link on record
		}
		if sh.FirstDecision == nil {
			t := r.At
			sh.FirstDecision = &t
		}
		sh.LatestDecision = r.Decision
	}
	out := make([]impact.Shared, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	return true, out, nil
}
