package models

import (
	"context"
	"errors"

	"gorm.io/gorm"
)

// Hooks let the server count what happens inside the store (metrics)
// without the store knowing about Prometheus. Any may be nil.
type Hooks struct {
	// BatchCommitted is called after a group commit with the number of
	// saves it made durable.
	BatchCommitted func(saves int)
	// DBError is called when a statement fails for a reason other than
	// "no such row", a unique-key conflict or a cancelled request.
	DBError func()
}

// WithHooks sets the store's hooks.
func WithHooks(h Hooks) Option { return func(s *Store) { s.hooks = h } }

// WithoutGroupCommit makes every autosave its own transaction (the
// benchmark's baseline).
func WithoutGroupCommit() Option { return func(s *Store) { s.noGroupCommit = true } }

// installHooks registers the DBError hook on every kind of statement.
func (s *Store) installHooks(db *gorm.DB) error {
	if s.hooks.DBError == nil {
		return nil
	}
	after := func(tx *gorm.DB) {
		err := tx.Error
		if err == nil || errors.Is(err, gorm.ErrRecordNotFound) || isUniqueViolation(err) ||
			errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return
		}
		s.hooks.DBError()
	}
	cb := db.Callback()
	for _, err := range []error{
		cb.Create().After("*").Register("firstperson:db_errors", after),
		cb.Query().After("*").Register("firstperson:db_errors", after),
		cb.Update().After("*").Register("firstperson:db_errors", after),
		cb.Delete().After("*").Register("firstperson:db_errors", after),
		cb.Row().After("*").Register("firstperson:db_errors", after),
		cb.Raw().After("*").Register("firstperson:db_errors", after),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}
