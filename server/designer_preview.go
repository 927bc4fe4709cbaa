package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
)

// previewView is what preview.html shows: one section of a version as the
// assessor sees it on the tablet, inside a tablet-sized frame.
type previewView struct {
	TemplateID uint
	Version    *models.Version
	Schema     *forms.Schema
	Section    *forms.Section
	Index      int // 1-based
	Count      int
	Questions  []previewQuestion
	BaseURL    string // this preview without ?section
}

// previewQuestion is a question with what designer.js needs to show or hide
// it live as answers change (the show-if condition as JSON).
type previewQuestion struct {
	forms.Question
	InputID string
	ShowIf  string
	Hidden  bool
}

// designerPreviewDraft serves GET /templates/:id/draft/preview.
func (s *Server) designerPreviewDraft(c *gin.Context) error {
	u, id, err := leadAndTemplate(c)
	if err != nil {
		return err
	}
	v, err := s.store.Draft(c.Request.Context(), u.TeamID, id)
	if errors.Is(err, models.ErrNotFound) {
		if _, err := s.store.Versions(c.Request.Context(), u.TeamID, id); err != nil {
			return err // not this team's template
		}
		c.Redirect(http.StatusSeeOther, fmt.Sprintf("/templates/%d?done=nodraft", id))
		return nil
	}
	if err != nil {
		return err
	}
	return s.renderPreview(c, v, fmt.Sprintf("/templates/%d/draft/preview", id))
}

// designerPreviewVersion serves GET /templates/:id/versions/:n/preview.
func (s *Server) designerPreviewVersion(c *gin.Context) error {
	if _, err := lead(c); err != nil {
		return err
	}
	v, err := s.versionFromPath(c)
	if err != nil {
		return err
	}
	return s.renderPreview(c, v, fmt.Sprintf("/templates/%d/versions/%d/preview", v.TemplateID, v.Number))
}

// renderPreview shows section ?section=N (1-based) of version v.
func (s *Server) renderPreview(c *gin.Context, v *models.Version, base string) error {
	schema, err := v.Schema()
	if err != nil {
		return err
	}
	p := &previewView{TemplateID: v.TemplateID, Version: v, Schema: schema, Count: len(schema.Sections), BaseURL: base}
	p.Index, _ = strconv.Atoi(c.Query("section"))
	p.Index = max(1, min(p.Index, p.Count))
	if p.Count > 0 {
		p.Section = &schema.Sections[p.Index-1]
		for _, q := range p.Section.Questions {
			pq := previewQuestion{Question: q, InputID: "pv-" + q.ID, Hidden: !schema.Visible(q.ID, forms.Answers{})}
			if q.ShowIf != nil {
				pq.ShowIf = toJSON(q.ShowIf)
			}
			p.Questions = append(p.Questions, pq)
		}
	}
	s.render(c, http.StatusOK, "preview", Page{Title: "Preview of " + schema.Title, Nav: "templates", Data: p})
	return nil
}
