package models

import (
	"fmt"

	"gorm.io/gorm"

	"firstperson/forms"
)

// lockTemplate serialises read-modify-write changes to one template's
// draft across connections. SQLite needs nothing (one writer connection,
// BEGIN IMMEDIATE); on PostgreSQL, whose writes use a pool and may come
// from several processes, the template row is locked FOR UPDATE until the
// transaction ends, so two quick edits never overwrite each other.
func (s *Store) lockTemplate(tx *gorm.DB, templateID uint) error {
	if s.dialect != "postgres" {
		return nil
	}
	return dbErr(tx.Exec(`SELECT id FROM templates WHERE id = ? FOR UPDATE`, templateID).Error, "lock template")
}

// staleNow is the error for a save whose guarded UPDATE matched no row
// because another connection (on PostgreSQL, perhaps another process)
// committed first: the current revision and answers, read again, so the
// client can show both values; or a conflict when it was completed.
func (s *Store) staleNow(tx *gorm.DB, teamID, id uint, schema *forms.Schema) error {
	a, err := s.assessment(tx, teamID, id)
	if err != nil {
		return err
	}
	if a.Completed() {
		return fmt.Errorf("assessment %d was completed meanwhile: %w", id, ErrConflict)
	}
	answers, err := a.Answers()
	if err != nil {
		return err
	}
	return &StaleRevisionError{Revision: a.Revision, Answers: schema.WithPerson(answers, a.Person())}
}
