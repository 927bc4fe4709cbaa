package models

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"firstperson/forms"
)

// The idle lock: minutes without a touch before an assessment page hides
// the record behind the password. A team setting, 2–60, 10 by default.
const (
	IdleLockDefault = 10
	IdleLockMin     = 2
	IdleLockMax     = 60
)

// IdleLockMinutes returns the team's idle lock.
func (s *Store) IdleLockMinutes(ctx context.Context, teamID uint) (int, error) {
	var m int
	err := s.read(ctx).Raw(`SELECT idle_lock_minutes FROM teams WHERE id = ?`, teamID).Row().Scan(&m)
	if err != nil {
		return 0, dbErr(err, "idle lock")
	}
	return m, nil
}

// SetIdleLockMinutes changes the team's idle lock, audited in the same
// transaction. Outside 2–60 it is a *forms.ValidationError.
func (s *Store) SetIdleLockMinutes(ctx context.Context, actor Actor, minutes int) error {
	if minutes < IdleLockMin || minutes > IdleLockMax {
		return &forms.ValidationError{Message: "the idle lock is out of range",
			Fields: map[string]string{"idle_lock_minutes": fmt.Sprintf("choose between %d and %d minutes", IdleLockMin, IdleLockMax)}}
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		var old int
		if err := tx.Raw(`SELECT idle_lock_minutes FROM teams WHERE id = ?`, actor.TeamID).Row().Scan(&old); err != nil {
			return dbErr(err, "idle lock")
		}
		if err := tx.Exec(`UPDATE teams SET idle_lock_minutes = ? WHERE id = ?`, minutes, actor.TeamID).Error; err != nil {
			return dbErr(err, "set idle lock")
		}
		return s.audit(tx, actor, "team", actor.TeamID, "team.idle_lock_changed",
			map[string]any{"old": old, "new": minutes})
	})
}
