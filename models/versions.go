package models

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"firstperson/forms"
)

// SaveDraft replaces the template's draft with schema, creating the draft
// from the newest version first when there is none. Every save is audited
// with what changed.
func (s *Store) SaveDraft(ctx context.Context, actor Actor, templateID uint, schema *forms.Schema) (*Version, error) {
	enc, err := encodeSchema(schema)
	if err != nil {
		return nil, err
	}
	var v *Version
	err = s.tx(ctx, func(tx *gorm.DB) error {
		if v, err = s.ensureDraft(tx, actor, templateID, 0); err != nil {
			return err
		}
		old, err := v.Schema()
		if err != nil {
			return err
		}
		if v.SchemaJSON == enc {
			return nil // nothing changed: no write, no audit noise
		}
		res := tx.Model(&Version{}).Where("id = ? AND status = ?", v.ID, StatusDraft).
			Updates(map[string]any{"schema_json": enc, "title": schema.Title, "updated_at": s.Now()})
		if res.Error != nil {
			return dbErr(res.Error, "save draft")
		}
		v.SchemaJSON, v.Title, v.UpdatedAt = enc, schema.Title, s.Now()
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

// draftChange is the audit detail of a draft save: which questions were
// added, removed or changed, and the old and new title.
func draftChange(number int, old, new *forms.Schema) map[string]any {
	d := forms.Diff(old, new)
	detail := map[string]any{"version": number, "added": d.Added, "removed": d.Removed, "changed": d.Changed}
	if old.Title != new.Title {
		detail["old_title"], detail["new_title"] = old.Title, new.Title
	}
	return detail
}

// ensureDraft returns the draft, creating it from version `from` (0 = the
// newest version) when the template has none.
func (s *Store) ensureDraft(tx *gorm.DB, actor Actor, templateID uint, from int) (*Version, error) {
	// The template must be the actor's team's before "no draft yet" means
	// anything: another team's template is simply not found.
	if _, err := s.template(tx, actor.TeamID, templateID); err != nil {
		return nil, err
	}
	v, err := s.draft(tx, actor.TeamID, templateID)
	if err == nil || !errors.Is(err, ErrNotFound) {
		return v, err
	}
	vs, err := s.versions(tx, templateID)
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("template %d has no versions: %w", templateID, ErrNotFound)
	}
	base := &vs[0]
	for i := range vs {
		if from != 0 && vs[i].Number == from {
			base = &vs[i]
		}
	}
	if from != 0 && base.Number != from {
		return nil, fmt.Errorf("version %d of template %d: %w", from, templateID, ErrNotFound)
	}
	n := base.Number
	draft := &Version{TemplateID: templateID, Number: vs[0].Number + 1, Status: StatusDraft, Title: base.Title,
		SchemaJSON: base.SchemaJSON, BasedOn: &n, CreatedBy: actorID(actor)}
	if err := tx.Create(draft).Error; err != nil {
		return nil, dbErr(err, "create draft")
	}
	return draft, s.audit(tx, actor, "template", templateID, "draft.created",
		map[string]any{"version": draft.Number, "based_on": n})
}

// NewDraftFrom starts a new draft from any earlier version. A template
// that already has a draft answers ErrConflict: discard it first.
func (s *Store) NewDraftFrom(ctx context.Context, actor Actor, templateID uint, from int) (*Version, error) {
	var v *Version
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if _, err := s.draft(tx, actor.TeamID, templateID); err == nil {
			return fmt.Errorf("template %d already has a draft; discard it first: %w", templateID, ErrConflict)
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		var err error
		v, err = s.ensureDraft(tx, actor, templateID, from)
		return err
	})
	return v, err
}

// DiscardDraft deletes the template's draft.
func (s *Store) DiscardDraft(ctx context.Context, actor Actor, templateID uint) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		v, err := s.draft(tx, actor.TeamID, templateID)
		if err != nil {
			return err
		}
		if err := tx.Where("id = ? AND status = ?", v.ID, StatusDraft).Delete(&Version{}).Error; err != nil {
			return dbErr(err, "discard draft")
		}
		return s.audit(tx, actor, "template", templateID, "draft.discarded", map[string]any{"version": v.Number})
	})
}

// Publish freezes the draft as a published version. A draft whose schema
// has problems is refused with a *forms.ValidationError.
func (s *Store) Publish(ctx context.Context, actor Actor, templateID uint, note string) (*Version, error) {
	var v *Version
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		if v, err = s.draft(tx, actor.TeamID, templateID); err != nil {
			if errors.Is(err, ErrNotFound) {
				if _, terr := s.template(tx, actor.TeamID, templateID); terr != nil {
					return terr
				}
				return fmt.Errorf("template %d has no draft to publish: %w", templateID, ErrConflict)
			}
			return err
		}
		schema, err := v.Schema()
		if err != nil {
			return err
		}
		if err := schema.Validate(); err != nil {
			return err
		}
		now, uid := s.Now(), actorID(actor)
		res := tx.Model(&Version{}).Where("id = ? AND status = ?", v.ID, StatusDraft).Updates(map[string]any{
			"status": StatusPublished, "note": note, "published_at": now, "published_by": uid, "updated_at": now})
		if res.Error != nil {
			return dbErr(res.Error, "publish")
		}
		v.Status, v.Note, v.PublishedAt, v.PublishedBy = StatusPublished, note, &now, uid
		if err := s.touchTemplate(tx, templateID); err != nil {
			return err
		}
		return s.audit(tx, actor, "template", templateID, "version.published",
			map[string]any{"version": v.Number, "note": note})
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

func (s *Store) touchTemplate(tx *gorm.DB, id uint) error {
	return dbErr(tx.Model(&Template{}).Where("id = ?", id).Update("updated_at", s.Now()).Error, "touch template")
}

// TemplateAudit lists the template's audit trail.
func (s *Store) TemplateAudit(ctx context.Context, teamID, templateID uint) ([]AuditEvent, error) {
	if _, err := s.template(s.read(ctx), teamID, templateID); err != nil {
		return nil, err
	}
	return s.AuditTrail(ctx, teamID, "template", templateID)
}
