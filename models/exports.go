package models

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// ExportScope says which of a version's assessments an export holds.
type ExportScope struct {
	// CompletedOnly leaves out assessments still in progress (assessors
	// may export only completed ones).
	CompletedOnly bool
}

// VersionAssessments lists the team's assessments pinned to version n of
// the template, oldest first, for an export. The version must exist for the
// team (another team's template is ErrNotFound).
func (s *Store) VersionAssessments(ctx context.Context, teamID, templateID uint, n int, scope ExportScope) ([]Assessment, error) {
	if _, err := s.Version(ctx, teamID, templateID, n); err != nil {
		return nil, err
	}
	db := s.read(ctx).Where("team_id = ? AND template_id = ? AND version_number = ?", teamID, templateID, n)
	if scope.CompletedOnly {
		db = db.Where("status = ?", StatusCompleted)
	}
	var as []Assessment
	if err := db.Order("created_at, id").Find(&as).Error; err != nil {
		return nil, dbErr(err, fmt.Sprintf("assessments of template %d version %d", templateID, n))
	}
	return as, loadApartSlice(s.read(ctx), as)
}

// UserNames returns the names of the team's users by id (for "completed
// by" columns).
func (s *Store) UserNames(ctx context.Context, teamID uint) (map[uint]string, error) {
	var us []User
	if err := s.read(ctx).Where("team_id = ?", teamID).Find(&us).Error; err != nil {
		return nil, dbErr(err, "team users")
	}
	names := make(map[uint]string, len(us))
	for _, u := range us {
		names[u.ID] = u.Name
	}
	return names, nil
}

// RecordExport writes the audit event of an export: who took which file of
// which version, holding how many records.
func (s *Store) RecordExport(ctx context.Context, actor Actor, templateID uint, n int, file string, records int) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		return s.audit(tx, actor, "template", templateID, "export.downloaded",
			map[string]any{"version": n, "file": file, "records": records})
	})
}
