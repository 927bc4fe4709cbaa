package models

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"firstperson/forms"
)

// EditDraft changes the template's draft with edit and saves it, all in one
// write transaction: the designer sends one small change per request (move
// this question, rename that section), and reading the draft outside the
// transaction would let two quick changes from one page overwrite each
// other. Like SaveDraft it makes the draft from the newest version first
// when there is none, writes nothing when nothing changed, and audits every
// save as "draft.saved". An error from edit saves nothing and is returned
// as it is.
func (s *Store) EditDraft(ctx context.Context, actor Actor, templateID uint, edit func(*forms.Schema) error) (*Version, error) {
	var v *Version
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := s.lockTemplate(tx, templateID); err != nil {
			return err
		}
		var err error
		if v, err = s.ensureDraft(tx, actor, templateID, 0); err != nil {
			return err
		}
		old, err := v.Schema()
		if err != nil {
			return err
		}
		schema := old.Clone()
		if err := edit(schema); err != nil {
			return err
		}
		enc, err := encodeSchema(schema)
		if err != nil {
			return err
		}
		if v.SchemaJSON == enc {
			return nil
		}
		now := s.Now()
		res := tx.Model(&Version{}).Where("id = ? AND status = ?", v.ID, StatusDraft).
			Updates(map[string]any{"schema_json": enc, "title": schema.Title, "updated_at": now})
		if res.Error != nil {
			return dbErr(res.Error, "save draft")
		}
		if res.RowsAffected != 1 {
			return fmt.Errorf("draft of template %d was published or discarded meanwhile: %w", templateID, ErrConflict)
		}
		v.SchemaJSON, v.Title, v.UpdatedAt = enc, schema.Title, now
		if err := s.touchTemplate(tx, templateID); err != nil {
			return err
		}
		return s.audit(tx, actor, "template", templateID, "draft.saved", draftChange(v.Number, old, schema))
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// AssessmentsByVersion counts the template's assessments by the version
// number they are pinned to, for the designer's version history.
func (s *Store) AssessmentsByVersion(ctx context.Context, teamID, templateID uint) (map[int]int64, error) {
	if _, err := s.template(s.read(ctx), teamID, templateID); err != nil {
		return nil, err
	}
	var rows []struct {
		VersionNumber int
		N             int64
	}
	err := s.read(ctx).Model(&Assessment{}).Select("version_number, COUNT(*) AS n").
		Where("team_id = ? AND template_id = ?", teamID, templateID).Group("version_number").Scan(&rows).Error
	if err != nil {
		return nil, dbErr(err, fmt.Sprintf("count assessments of template %d", templateID))
	}
	out := make(map[int]int64, len(rows))
	for _, r := range rows {
		out[r.VersionNumber] = r.N
	}
	return out, nil
}
