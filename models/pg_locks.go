package models

import (
	"context"
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

// migrationLock is the advisory lock key migrations run under on
// PostgreSQL ("fp-migr" as a number; any constant unique to this app).
const migrationLock int64 = 0x66702d6d69677221

// pgLock takes a session-level advisory lock on a connection of its own
// and returns what releases it. A process that dies while holding it
// loses the connection, and the lock with it.
func (s *Store) pgLock(ctx context.Context, key int64) (func(), error) {
	sqlDB, err := s.w.DB()
	if err != nil {
		return nil, err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("connection for the migration lock: %w", err)
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		conn.Close()
		return nil, fmt.Errorf("take the migration lock: %w", err)
	}
	return func() {
		_, _ = conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, key)
		conn.Close()
	}, nil
}
