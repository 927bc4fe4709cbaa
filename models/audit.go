package models

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// AuditEvent is one line of the append-only audit trail: who did what, when.
// Detail holds JSON, for answers the question id with old and new values.
type AuditEvent struct {
	ID       uint `gorm:"primaryKey"`
	TeamID   uint
	At       time.Time
	ActorID  *uint
	Actor    string
	Entity   string
	EntityID uint
	Action   string
	Detail   string
}

// audit writes an event in the caller's transaction, so the record of a
// change commits or rolls back with the change itself.
func (s *Store) audit(tx *gorm.DB, actor Actor, entity string, id uint, action string, detail any) error {
	ev, err := s.auditEvent(actor, entity, id, action, detail)
	if err != nil {
		return err
	}
	return tx.Create(ev).Error
}

// auditEvent builds the event audit writes, for callers that work out
// their events before they take the writer (assessments.go).
func (s *Store) auditEvent(actor Actor, entity string, id uint, action string, detail any) (*AuditEvent, error) {
	d := "{}"
	if detail != nil {
		b, err := json.Marshal(detail)
		if err != nil {
			return nil, fmt.Errorf("audit detail for %s: %w", action, err)
		}
		d = string(b)
	}
	ev := &AuditEvent{TeamID: actor.TeamID, At: s.Now(), Actor: actor.Name, Entity: entity,
		EntityID: id, Action: action, Detail: d}
	if actor.UserID != 0 {
		uid := actor.UserID
		ev.ActorID = &uid
	}
	if ev.Actor == "" {
		ev.Actor = "system"
	}
	return ev, nil
}

// insertAuditEvents writes events in one INSERT (no RETURNING: callers of
// it do not need the ids).
func insertAuditEvents(tx *gorm.DB, events []AuditEvent) error {
	if len(events) == 0 {
		return nil
	}
	var sb strings.Builder
	args := make([]any, 0, 8*len(events))
	sb.WriteString(`INSERT INTO audit_events (team_id, at, actor_id, actor, entity, entity_id, action, detail) VALUES `)
	for i, ev := range events {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString("(?, ?, ?, ?, ?, ?, ?, ?)")
		args = append(args, ev.TeamID, ev.At, ev.ActorID, ev.Actor, ev.Entity, ev.EntityID, ev.Action, ev.Detail)
	}
	return dbErr(tx.Exec(sb.String(), args...).Error, "write the audit trail")
}

// AuditTrail lists the events for one record of the actor's team, oldest first.
func (s *Store) AuditTrail(ctx context.Context, teamID uint, entity string, id uint) ([]AuditEvent, error) {
	var evs []AuditEvent
	err := s.read(ctx).Where("team_id = ? AND entity = ? AND entity_id = ?", teamID, entity, id).
		Order("id").Find(&evs).Error
	return evs, dbErr(err, fmt.Sprintf("audit trail of %s %d", entity, id))
}
