package models

import (
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"firstperson/forms"
)

// Sentinel errors the server maps to HTTP statuses. Store methods wrap them
// with %w and context.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("conflict")
	ErrGone     = errors.New("gone")
)

// StaleRevisionError says an autosave was based on an old revision: another
// device saved first. It carries the current state so the client can show
// both values and let the assessor choose.
type StaleRevisionError struct {
	Revision int
	Answers  forms.Answers
}

func (e *StaleRevisionError) Error() string {
	return fmt.Sprintf("the assessment has changed since revision you edited (now at revision %d)", e.Revision)
}

// Is makes errors.Is(err, ErrConflict) true.
func (e *StaleRevisionError) Is(target error) bool { return target == ErrConflict }

// dbErr translates driver errors into sentinels, so callers never need to
// know the database.
func dbErr(err error, what string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	case isUniqueViolation(err):
		return fmt.Errorf("%s: already exists: %w", what, ErrConflict)
	}
	return fmt.Errorf("%s: %w", what, err)
}

func isUniqueViolation(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || // sqlite
		strings.Contains(msg, "SQLSTATE 23505") || strings.Contains(msg, "duplicate key value") // postgres
}
