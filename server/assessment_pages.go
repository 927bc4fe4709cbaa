package server

import (
	"fmt"
	"io/fs"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
)

// assessmentPages adds the assessor's pages: the list, starting an
// assessment, and completing one section by section. Leads and assessors
// may both fill assessments. Every page works without JavaScript (each
// section saves with a plain form POST); assessment.js adds autosave
// through the JSON API, an offline queue and live show-if on top.
func (s *Server) assessmentPages(g *gin.RouterGroup) {
	g.GET("/assessments", s.page(s.assessmentList))
	g.POST("/assessments", s.page(s.assessmentCreate))
	g.GET("/assessments/new", s.page(s.assessmentNew))
	// /assessments/offline.js is in tabletRoutes (tablet.go): served without a session.
	g.GET("/assessments/:id", s.page(s.assessmentForm))
	g.GET("/assessments/:id/sections/:sid", s.page(s.assessmentForm))
	g.POST("/assessments/:id/sections/:sid", s.page(s.assessmentSaveSection))
	g.GET("/assessments/:id/complete", s.page(s.assessmentReview))
	g.POST("/assessments/:id/complete", s.page(s.assessmentComplete))
}

// assessmentRecord is an assessment with its pinned version and answers.
type assessmentRecord struct {
	*models.Assessment
	version *models.Version
	schema  *forms.Schema
	answers forms.Answers
}

// loadAssessment loads the assessment named in the path for the signed-in
// user's team (another team's is not found) with its pinned version.
func (s *Server) loadAssessment(c *gin.Context) (*assessmentRecord, error) {
	a, err := s.assessmentFromPath(c)
	if err != nil {
		return nil, err
	}
	v, schema, err := s.store.PinnedVersion(c.Request.Context(), a)
	if err != nil {
		return nil, err
	}
	answers, err := a.AnswersWithPerson(schema)
	if err != nil {
		return nil, err
	}
	return &assessmentRecord{Assessment: a, version: v, schema: schema, answers: answers}, nil
}

// section returns the section of the pinned version with id sid.
func (r *assessmentRecord) section(sid string) (*forms.Section, int, error) {
	for i := range r.schema.Sections {
		if r.schema.Sections[i].ID == sid {
			return &r.schema.Sections[i], i, nil
		}
	}
	return nil, 0, fmt.Errorf("assessment %d has no section %q: %w", r.ID, sid, models.ErrNotFound)
}

// assessorName is the name of a user of the team, or "" when unknown.
func (s *Server) assessorName(c *gin.Context, id *uint) string {
	if id == nil {
		return ""
	}
	u, err := s.store.User(c.Request.Context(), *id)
	if err != nil {
		return ""
	}
	return u.Name
}

// assessmentURL is the address of an assessment, or of one of its sections.
func assessmentURL(id uint, sid string) string {
	if sid == "" {
		return fmt.Sprintf("/assessments/%d", id)
	}
	return fmt.Sprintf("/assessments/%d/sections/%s", id, sid)
}

// savedLabel says when an assessment was last saved, as the save state
// shows it before assessment.js takes over.
func savedLabel(revision int, at, now time.Time) string {
	if revision == 0 {
		return "Nothing saved yet"
	}
	at, now = at.Local(), now.Local()
	if at.Year() == now.Year() && at.YearDay() == now.YearDay() {
		return "Saved " + at.Format("15:04")
	}
	return "Saved " + at.Format("2 Jan, 15:04")
}

// assessmentServiceWorker serves GET /assessments/offline.js: the service
// worker that keeps the assessment page (and its CSS and JS) available
// when the ward's Wi-Fi drops, so a reload offline still shows the form
// and the changes queued on the tablet. It lives under /assessments/ so
// that it may control those pages.
func (s *Server) assessmentServiceWorker(c *gin.Context) error {
	b, err := fs.ReadFile(s.pages.fsys, "static/assessment-sw.js")
	if err != nil {
		return fmt.Errorf("read service worker: %w", err)
	}
	c.Header("Cache-Control", "no-cache")
	c.Header("Service-Worker-Allowed", "/") // issue 11: scope "/" (docs/TABLET.md)
	c.Data(http.StatusOK, "text/javascript; charset=utf-8", b)
	return nil
}
