package models

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Amendment is one correction made after an assessment was completed: an
// answer (QuestionID) or a person detail (QuestionID "person.name",
// "person.nhs_number" or "person.date_of_birth"), its old and new value as
// stored, who made it, when and why. Read from the audit trail, which is
// the record of every amendment.
type Amendment struct {
	QuestionID string
	Old, New   any
	By         string
	At         time.Time
	Reason     string
}

// Amendments lists an assessment's amendments, oldest first: every
// answer.amended and person.amended event, and person.corrected events made
// after completion.
func (s *Store) Amendments(ctx context.Context, teamID, id uint) ([]Amendment, error) {
	a, err := s.Assessment(ctx, teamID, id)
	if err != nil {
		return nil, err
	}
	var evs []AuditEvent
	err = s.read(ctx).Where("team_id = ? AND entity = ? AND entity_id = ? AND action IN ?", teamID, "assessment", id,
		[]string{"answer.amended", "person.amended", "person.corrected"}).Order("id").Find(&evs).Error
	if err != nil {
		return nil, dbErr(err, "read amendments")
	}
	var out []Amendment
	for _, ev := range evs {
		if ev.Action == "person.corrected" && (a.CompletedAt == nil || ev.At.Before(*a.CompletedAt)) {
			continue
		}
		var d struct {
			QuestionID string                       `json:"question_id"`
			Old        any                          `json:"old"`
			New        any                          `json:"new"`
			Reason     string                       `json:"reason"`
			Person     map[string]map[string]string `json:"person"`
		}
		if err := json.Unmarshal([]byte(ev.Detail), &d); err != nil {
			return nil, fmt.Errorf("audit event %d: %w", ev.ID, err)
		}
		if ev.Action == "answer.amended" {
			out = append(out, Amendment{QuestionID: d.QuestionID, Old: d.Old, New: d.New, By: ev.Actor, At: ev.At, Reason: d.Reason})
			continue
		}
		for _, f := range []string{"name", "date_of_birth", "nhs_number"} {
			if ch, ok := d.Person[f]; ok {
				out = append(out, Amendment{QuestionID: "person." + f, Old: ch["old"], New: ch["new"], By: ev.Actor, At: ev.At, Reason: d.Reason})
			}
		}
	}
	return out, nil
}
