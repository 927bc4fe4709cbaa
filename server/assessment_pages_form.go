package server

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/render"
)

// assessmentPage is what assessment.html and assessment_done.html read as
// Page.Data. The share panel reads ID and Status.
type assessmentPage struct {
	ID            uint
	Status        string
	Reference     string
	Person        forms.Person
	TemplateTitle string
	Version       int
	Revision      int
	UserID        uint
	SavedLabel    string
	StartedBy     string
	StartedAt     time.Time
	CompletedBy   string
	CompletedAt   *time.Time
	View          *render.AssessmentView
	// Problem heads the section when a save was refused (422).
	Problem string
	// CareHome is the conversation with the care home (completed only).
	CareHome *careHomePanel
	// IdleLock is the team's idle lock in minutes (tablet-lock.js).
	IdleLock int
	// Amendments of a completed assessment (records_pages.go).
	Amendments []render.Amendment
}

// newAssessmentPage gathers the page's data; the view is built by the caller.
func (s *Server) newAssessmentPage(c *gin.Context, r *assessmentRecord, view *render.AssessmentView) assessmentPage {
	return assessmentPage{ID: r.ID, Status: r.Status, Reference: r.Reference, Person: r.Person(),
		TemplateTitle: r.version.Title, Version: r.VersionNumber, Revision: r.Revision,
		UserID: currentUser(c).ID, SavedLabel: savedLabel(r.Revision, r.UpdatedAt, s.now()),
		StartedBy: s.assessorName(c, &r.CreatedBy), StartedAt: r.CreatedAt,
		CompletedBy: s.assessorName(c, r.CompletedBy), CompletedAt: r.CompletedAt, View: view,
		IdleLock: s.idleLock(c)}
}

// assessmentForm serves GET /assessments/:id and
// GET /assessments/:id/sections/:sid: the form, one section on screen at a
// time, or the read-only record once completed.
func (s *Server) assessmentForm(c *gin.Context) error {
	r, err := s.loadAssessment(c)
	if err != nil {
		return err
	}
	sid := c.Param("sid")
	if sid != "" {
		if _, _, err := r.section(sid); err != nil {
			return err
		}
	}
	if r.Completed() {
		view := render.NewAssessmentView(r.schema, r.answers, render.ViewOptions{ReadOnly: true})
		amendments, err := s.amendmentsOf(c.Request.Context(), r.Assessment, r.schema)
		if err != nil {
			return err
		}
		markAmendments(view, r.ID, amendments)
		p := s.newAssessmentPage(c, r, view)
		p.Amendments = amendments
		if p.CareHome, err = s.careHomePanelFor(c, r); err != nil {
			return err
		}
		s.render(c, http.StatusOK, "assessment", Page{Title: r.PersonName, Nav: "assessments",
			Flash: recordsFlash(c, assessmentFlash(c.Query("done"), "This assessment is complete and locked.")+
				assessmentFlash(c.Query("replied"), "Your reply was sent to the care home.")),
			Data: p})
		return nil
	}
	view := render.NewAssessmentView(r.schema, r.answers, render.ViewOptions{Section: sid})
	// The section's name leads the title (WCAG 2.4.2); assessment.js keeps it so.
	p := Page{Title: sectionTitle(view) + r.PersonName, Nav: "assessments", Data: s.newAssessmentPage(c, r, view)}
	if saved := c.Query("saved"); saved != "" {
		if sec, _, err := r.section(saved); err == nil {
			p.Flash = "Saved “" + sec.Title + "”."
		}
	}
	s.render(c, http.StatusOK, "assessment", p)
	return nil
}

// assessmentFlash returns message when the query flag is set.
func assessmentFlash(flag, message string) string {
	if flag == "" {
		return ""
	}
	return message
}
