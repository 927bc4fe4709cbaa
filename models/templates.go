package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"gorm.io/gorm"

	"firstperson/forms"
)

// Version statuses.
const (
	StatusDraft     = "draft"
	StatusPublished = "published"
)

// Template is a team's assessment form; its content lives in its versions.
type Template struct {
	ID        uint `gorm:"primaryKey"`
	TeamID    uint
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Version is one version of a template: at most one draft per template,
// and any number of published versions, which never change again.
type Version struct {
	ID          uint `gorm:"primaryKey"`
	TemplateID  uint
	Number      int
	Status      string
	Title       string
	SchemaJSON  string `gorm:"column:schema_json"`
	Note        string
	BasedOn     *int
	CreatedBy   *uint
	CreatedAt   time.Time
	UpdatedAt   time.Time
	PublishedAt *time.Time
	PublishedBy *uint
}

// TableName maps Version to its table.
func (Version) TableName() string { return "template_versions" }

// Schema decodes the version's form.
func (v *Version) Schema() (*forms.Schema, error) {
	var s forms.Schema
	if err := json.Unmarshal([]byte(v.SchemaJSON), &s); err != nil {
		return nil, fmt.Errorf("decode schema of version %d: %w", v.Number, err)
	}
	return &s, nil
}

// TemplateSummary is one row of the template list.
type TemplateSummary struct {
	ID               uint
	Title            string
	PublishedVersion *int
	HasDraft         bool
	UpdatedAt        time.Time
	Assessments      int64
}

// versionCache keeps published versions with their decoded schemas by
// version id: published versions never change, and every autosave
// validates against one.
type versionCache struct{ m sync.Map } // map[uint]pinnedVersion

type pinnedVersion struct {
	version *Version
	schema  *forms.Schema
}

// publishedSchema returns the decoded schema of a version, cached when it
// is published. Callers must not modify it.
func (c *versionCache) publishedSchema(v *Version) (*forms.Schema, error) {
	if p, ok := c.m.Load(v.ID); ok {
		return p.(pinnedVersion).schema, nil
	}
	schema, err := v.Schema()
	if err == nil && v.Status == StatusPublished {
		c.m.Store(v.ID, pinnedVersion{version: v, schema: schema})
	}
	return schema, err
}

func encodeSchema(s *forms.Schema) (string, error) {
	s.NormalizeText() // titles and labels are stored NFC
	b, err := json.Marshal(s)
	if err != nil {
		return "", fmt.Errorf("encode schema: %w", err)
	}
	if err := checkDraftCaps(s, string(b)); err != nil {
		return "", err
	}
	return string(b), nil
}

// Templates lists the team's templates, newest change first.
func (s *Store) Templates(ctx context.Context, teamID uint) ([]TemplateSummary, error) {
	var ts []Template
	if err := s.read(ctx).Where("team_id = ?", teamID).Order("updated_at DESC, id DESC").Find(&ts).Error; err != nil {
		return nil, dbErr(err, "list templates")
	}
	out := make([]TemplateSummary, 0, len(ts))
	for _, t := range ts {
		vs, err := s.versions(s.read(ctx), t.ID)
		if err != nil {
			return nil, err
		}
		sum := TemplateSummary{ID: t.ID, UpdatedAt: t.UpdatedAt}
		for i := range vs { // newest first
			v := &vs[i]
			if sum.Title == "" {
				sum.Title = v.Title
			}
			if v.Status == StatusDraft {
				sum.HasDraft = true
			} else if sum.PublishedVersion == nil {
				n := v.Number
				sum.PublishedVersion = &n
			}
		}
		if err := s.read(ctx).Model(&Assessment{}).Where("template_id = ?", t.ID).Count(&sum.Assessments).Error; err != nil {
			return nil, dbErr(err, "count assessments")
		}
		out = append(out, sum)
	}
	return out, nil
}

// template returns a template of the team, or ErrNotFound (also for
// another team's template).
func (s *Store) template(db *gorm.DB, teamID, id uint) (*Template, error) {
	var t Template
	err := db.Where("id = ? AND team_id = ?", id, teamID).First(&t).Error
	return &t, dbErr(err, fmt.Sprintf("template %d", id))
}

func (s *Store) versions(db *gorm.DB, templateID uint) ([]Version, error) {
	var vs []Version
	err := db.Where("template_id = ?", templateID).Order("number DESC").Find(&vs).Error
	return vs, dbErr(err, fmt.Sprintf("versions of template %d", templateID))
}

// Versions lists a template's versions, newest first.
func (s *Store) Versions(ctx context.Context, teamID, templateID uint) ([]Version, error) {
	if _, err := s.template(s.read(ctx), teamID, templateID); err != nil {
		return nil, err
	}
	return s.versions(s.read(ctx), templateID)
}

// Version returns version n of a template.
func (s *Store) Version(ctx context.Context, teamID, templateID uint, n int) (*Version, error) {
	if _, err := s.template(s.read(ctx), teamID, templateID); err != nil {
		return nil, err
	}
	var v Version
	err := s.read(ctx).Where("template_id = ? AND number = ?", templateID, n).First(&v).Error
	return &v, dbErr(err, fmt.Sprintf("version %d of template %d", n, templateID))
}

// Draft returns the template's draft, or ErrNotFound when it has none.
func (s *Store) Draft(ctx context.Context, teamID, templateID uint) (*Version, error) {
	return s.draft(s.read(ctx), teamID, templateID)
}

func (s *Store) draft(db *gorm.DB, teamID, templateID uint) (*Version, error) {
	if _, err := s.template(db, teamID, templateID); err != nil {
		return nil, err
	}
	var v Version
	err := db.Where("template_id = ? AND status = ?", templateID, StatusDraft).First(&v).Error
	return &v, dbErr(err, fmt.Sprintf("draft of template %d", templateID))
}

// LatestPublished returns the newest published version of a template.
func (s *Store) LatestPublished(ctx context.Context, teamID, templateID uint) (*Version, error) {
	return s.latestPublished(s.read(ctx), teamID, templateID)
}

func (s *Store) latestPublished(db *gorm.DB, teamID, templateID uint) (*Version, error) {
	if _, err := s.template(db, teamID, templateID); err != nil {
		return nil, err
	}
	var v Version
	err := db.Where("template_id = ? AND status = ?", templateID, StatusPublished).Order("number DESC").First(&v).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, fmt.Errorf("template %d has no published version: %w", templateID, ErrConflict)
	}
	return &v, dbErr(err, fmt.Sprintf("published version of template %d", templateID))
}

// CreateTemplate makes a new template whose version 1 is a draft holding
// schema. A draft may still have problems (work in progress is never
// refused); publishing checks it.
func (s *Store) CreateTemplate(ctx context.Context, actor Actor, schema *forms.Schema) (*Version, error) {
	enc, err := encodeSchema(schema)
	if err != nil {
		return nil, err
	}
	var v *Version
	err = s.tx(ctx, func(tx *gorm.DB) error {
		t := &Template{TeamID: actor.TeamID}
		if err := tx.Create(t).Error; err != nil {
			return dbErr(err, "create template")
		}
		v = &Version{TemplateID: t.ID, Number: 1, Status: StatusDraft, Title: schema.Title,
			SchemaJSON: enc, CreatedBy: actorID(actor)}
		if err := tx.Create(v).Error; err != nil {
			return dbErr(err, "create draft")
		}
		return s.audit(tx, actor, "template", t.ID, "template.created", map[string]any{"title": schema.Title})
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

func actorID(a Actor) *uint {
	if a.UserID == 0 {
		return nil
	}
	id := a.UserID
	return &id
}
