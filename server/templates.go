package server

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
)

// versionJSON is a version as the API shows it.
type versionJSON struct {
	TemplateID  uint              `json:"template_id"`
	Number      int               `json:"number"`
	Status      string            `json:"status"`
	Title       string            `json:"title"`
	Schema      *forms.Schema     `json:"schema"`
	Note        string            `json:"note"`
	BasedOn     *int              `json:"based_on"`
	PublishedAt *time.Time        `json:"published_at"`
	UpdatedAt   time.Time         `json:"updated_at"`
	Problems    map[string]string `json:"problems"`
}

func versionView(v *models.Version) (versionJSON, error) {
	schema, err := v.Schema()
	if err != nil {
		return versionJSON{}, err
	}
	out := versionJSON{TemplateID: v.TemplateID, Number: v.Number, Status: v.Status, Title: v.Title, Schema: schema,
		Note: v.Note, BasedOn: v.BasedOn, PublishedAt: v.PublishedAt, UpdatedAt: v.UpdatedAt,
		Problems: problems(schema)}
	return out, nil
}

// writeVersion answers with a version as versionJSON.
func writeVersion(c *gin.Context, status int, v *models.Version) error {
	out, err := versionView(v)
	if err != nil {
		return err
	}
	c.JSON(status, out)
	return nil
}

// leadAndTemplate checks the caller may design templates and reads the
// template id from the path.
func leadAndTemplate(c *gin.Context) (*models.User, uint, error) {
	u, err := lead(c)
	if err != nil {
		return nil, 0, err
	}
	id, err := idParam(c, "id")
	return u, id, err
}

// problems lists what publishing would refuse, by field.
func problems(s *forms.Schema) map[string]string {
	var ve *forms.ValidationError
	if err := s.Validate(); errors.As(err, &ve) {
		return ve.Fields
	}
	return map[string]string{}
}

// listTemplates serves GET /api/v1/templates.
func (s *Server) listTemplates(c *gin.Context) error {
	ts, err := s.store.Templates(c.Request.Context(), currentUser(c).TeamID)
	if err != nil {
		return err
	}
	out := make([]gin.H, 0, len(ts))
	for _, t := range ts {
		out = append(out, gin.H{"id": t.ID, "title": t.Title, "published_version": t.PublishedVersion,
			"has_draft": t.HasDraft, "updated_at": t.UpdatedAt, "assessments": t.Assessments})
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// createTemplate serves POST /api/v1/templates.
func (s *Server) createTemplate(c *gin.Context) error {
	u, err := lead(c)
	if err != nil {
		return err
	}
	schema, err := decodeSchema(c)
	if err != nil {
		return err
	}
	v, err := s.store.CreateTemplate(c.Request.Context(), u.Actor(), schema)
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, gin.H{"id": v.TemplateID, "version": v.Number, "status": v.Status,
		"problems": problems(schema)})
	return nil
}

func decodeSchema(c *gin.Context) (*forms.Schema, error) {
	b, err := readBody(c)
	if err != nil {
		return nil, err
	}
	return forms.DecodeSchema(b)
}

// templateVersions serves GET /api/v1/templates/:id/versions.
func (s *Server) templateVersions(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	vs, err := s.store.Versions(c.Request.Context(), currentUser(c).TeamID, id)
	if err != nil {
		return err
	}
	out := make([]gin.H, 0, len(vs))
	for _, v := range vs {
		out = append(out, gin.H{"number": v.Number, "status": v.Status, "title": v.Title, "note": v.Note,
			"based_on": v.BasedOn, "published_at": v.PublishedAt, "updated_at": v.UpdatedAt})
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// templateVersion serves GET /api/v1/templates/:id/versions/:n.
func (s *Server) templateVersion(c *gin.Context) error {
	v, err := s.versionFromPath(c)
	if err != nil {
		return err
	}
	return writeVersion(c, http.StatusOK, v)
}

func (s *Server) versionFromPath(c *gin.Context) (*models.Version, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return nil, err
	}
	n, err := intParam(c, "n")
	if err != nil {
		return nil, err
	}
	return s.store.Version(c.Request.Context(), currentUser(c).TeamID, id, n)
}

// versionSchemaFromPath loads the version named in the path with its schema.
func (s *Server) versionSchemaFromPath(c *gin.Context) (*models.Version, *forms.Schema, error) {
	v, err := s.versionFromPath(c)
	if err != nil {
		return nil, nil, err
	}
	schema, err := v.Schema()
	return v, schema, err
}

// draft serves GET /api/v1/templates/:id/draft.
func (s *Server) draft(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	v, err := s.store.Draft(c.Request.Context(), currentUser(c).TeamID, id)
	if err != nil {
		return err
	}
	return writeVersion(c, http.StatusOK, v)
}

// saveDraft serves PUT /api/v1/templates/:id/draft.
func (s *Server) saveDraft(c *gin.Context) error {
	u, id, err := leadAndTemplate(c)
	if err != nil {
		return err
	}
	schema, err := decodeSchema(c)
	if err != nil {
		return err
	}
	v, err := s.store.SaveDraft(c.Request.Context(), u.Actor(), id, schema)
	if err != nil {
		return err
	}
	return writeVersion(c, http.StatusOK, v)
}

// discardDraft serves DELETE /api/v1/templates/:id/draft.
func (s *Server) discardDraft(c *gin.Context) error {
	u, id, err := leadAndTemplate(c)
	if err != nil {
		return err
	}
	if err := s.store.DiscardDraft(c.Request.Context(), u.Actor(), id); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// newDraftFrom serves POST /api/v1/templates/:id/drafts {"from": n}.
func (s *Server) newDraftFrom(c *gin.Context) error {
	u, id, err := leadAndTemplate(c)
	if err != nil {
		return err
	}
	var body struct {
		From int `json:"from"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	if body.From < 1 {
		return &forms.ValidationError{Message: "say which version to start from",
			Fields: map[string]string{"from": "a version number"}}
	}
	v, err := s.store.NewDraftFrom(c.Request.Context(), u.Actor(), id, body.From)
	if err != nil {
		return err
	}
	return writeVersion(c, http.StatusCreated, v)
}

// publish serves POST /api/v1/templates/:id/publish {"note"}.
func (s *Server) publish(c *gin.Context) error {
	u, id, err := leadAndTemplate(c)
	if err != nil {
		return err
	}
	var body struct {
		Note string `json:"note"`
	}
	if c.Request.ContentLength != 0 {
		if err := decodeJSON(c, &body); err != nil {
			return err
		}
	}
	if len(body.Note) > 2000 {
		return &forms.ValidationError{Message: "the note is too long",
			Fields: map[string]string{"note": "keep the note under 2,000 characters"}}
	}
	v, err := s.store.Publish(c.Request.Context(), u.Actor(), id, body.Note)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"version": v.Number, "status": v.Status, "published_at": v.PublishedAt})
	return nil
}

// voice serves GET /api/v1/templates/:id/versions/:n/voice.
func (s *Server) voice(c *gin.Context) error {
	_, schema, err := s.versionSchemaFromPath(c)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, schema.VoiceFindings())
	return nil
}

// diff serves GET /api/v1/templates/:id/diff?from=A&to=B.
func (s *Server) diff(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	f := map[string]string{}
	from, errA := strconv.Atoi(c.Query("from"))
	if errA != nil || from < 1 {
		f["from"] = "a version number"
	}
	to, errB := strconv.Atoi(c.Query("to"))
	if errB != nil || to < 1 {
		f["to"] = "a version number"
	}
	if len(f) > 0 {
		return &forms.ValidationError{Message: "say which versions to compare", Fields: f}
	}
	ctx, team := c.Request.Context(), currentUser(c).TeamID
	a, err := s.store.Version(ctx, team, id, from)
	if err != nil {
		return err
	}
	b, err := s.store.Version(ctx, team, id, to)
	if err != nil {
		return err
	}
	sa, err := a.Schema()
	if err != nil {
		return err
	}
	sb, err := b.Schema()
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, forms.Diff(sa, sb))
	return nil
}

// templateAudit serves GET /api/v1/templates/:id/audit.
func (s *Server) templateAudit(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	evs, err := s.store.TemplateAudit(c.Request.Context(), currentUser(c).TeamID, id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, auditJSON(evs))
	return nil
}
