package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"firstperson/forms"
)

// Care-home filters of the assessment list (AssessmentQuery.CareHome).
const (
	CareHomeWaiting  = "waiting"  // shared, and the home has not answered yet
	CareHomeQuestion = "question" // the home's latest answer is a question
	CareHomeAccepted = "accepted" // the home's latest answer accepts
	CareHomeDeclined = "declined" // the home's latest answer declines
)

// CareHomeFilters are the accepted values of the care_home filter.
var CareHomeFilters = []string{CareHomeWaiting, CareHomeQuestion, CareHomeAccepted, CareHomeDeclined}

// latestDecisionSQL is the newest care-home decision of the outer assessment.
const latestDecisionSQL = `(SELECT r.decision FROM share_responses r
	WHERE r.assessment_id = assessments.id AND r.from_party = 'care_home'
	ORDER BY r.at DESC, r.id DESC LIMIT 1)`

// careHomeFilter narrows an assessments query by the care home's answer.
func careHomeFilter(db *gorm.DB, filter string) (*gorm.DB, error) {
	switch filter {
	case "":
		return db, nil
	case CareHomeWaiting:
		return db.Where(`EXISTS (SELECT 1 FROM share_links l WHERE l.assessment_id = assessments.id)
			AND NOT EXISTS (SELECT 1 FROM share_responses r WHERE r.assessment_id = assessments.id AND r.from_party = 'care_home')`), nil
	case CareHomeQuestion:
		return db.Where(latestDecisionSQL+" = ?", DecisionQuestion), nil
	case CareHomeAccepted:
		return db.Where(latestDecisionSQL+" = ?", DecisionAccept), nil
	case CareHomeDeclined:
		return db.Where(latestDecisionSQL+" = ?", DecisionDecline), nil
	}
	return nil, &forms.ValidationError{Message: "unknown care home filter",
		Fields: map[string]string{"care_home": "waiting, question, accepted or declined"}}
}

// CareHomeState sums up where an assessment stands with the care home.
type CareHomeState struct {
	Shared   bool       // at least one link was made
	Decision string     // the home's latest decision, "" before any
	At       *time.Time // when the home gave it
	By       string     // the link's recipient (the home), else the responder
	Replied  bool       // the team wrote after the home's latest response
	// Opens over all the assessment's links.
	OpenedAt     *time.Time
	LastOpenedAt *time.Time
	Views        int
}

// CareHomeStates returns the state of each listed assessment of the team
// (assessments never shared are absent).
func (s *Store) CareHomeStates(ctx context.Context, teamID uint, ids []uint) (map[uint]CareHomeState, error) {
	out := map[uint]CareHomeState{}
	if len(ids) == 0 {
		return out, nil
	}
	db := s.read(ctx)
	var links []ShareLink
	if err := db.Joins("JOIN assessments ON assessments.id = share_links.assessment_id").
		Where("assessments.team_id = ? AND share_links.assessment_id IN ?", teamID, ids).
		Find(&links).Error; err != nil {
		return nil, dbErr(err, "read share links")
	}
	for _, l := range links {
		st := out[l.AssessmentID]
		st.Shared = true
		st.Views += l.Views
		if l.FirstOpenedAt != nil && (st.OpenedAt == nil || l.FirstOpenedAt.Before(*st.OpenedAt)) {
			st.OpenedAt = l.FirstOpenedAt
		}
		if l.LastOpenedAt != nil && (st.LastOpenedAt == nil || l.LastOpenedAt.After(*st.LastOpenedAt)) {
			st.LastOpenedAt = l.LastOpenedAt
		}
		out[l.AssessmentID] = st
	}
	var rs []ShareResponse
	if err := db.Table("share_responses").
		Select("share_responses.*, COALESCE(share_links.recipient, '') AS recipient").
		Joins("LEFT JOIN share_links ON share_links.id = share_responses.share_link_id").
		Joins("JOIN assessments ON assessments.id = share_responses.assessment_id").
		Where("assessments.team_id = ? AND share_responses.assessment_id IN ?", teamID, ids).
		Order("share_responses.at, share_responses.id").Scan(&rs).Error; err != nil {
		return nil, dbErr(err, "read care home responses")
	}
	for _, r := range rs {
		st := out[r.AssessmentID]
		if r.FromParty == FromTeam {
			st.Replied = st.Decision != ""
		} else {
			at := r.At
			st.Decision, st.At, st.By, st.Replied = r.Decision, &at, r.Recipient, false
			if st.By == "" {
				st.By = r.Name
			}
		}
		out[r.AssessmentID] = st
	}
	return out, nil
}

// CareHomeState returns one assessment's state (zero when never shared).
func (s *Store) CareHomeState(ctx context.Context, teamID, id uint) (CareHomeState, error) {
	m, err := s.CareHomeStates(ctx, teamID, []uint{id})
	if err != nil {
		return CareHomeState{}, fmt.Errorf("care home state of assessment %d: %w", id, err)
	}
	return m[id], nil
}
