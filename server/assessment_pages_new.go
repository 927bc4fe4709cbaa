package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
)

// newAssessmentForm is what assessment_new.html reads, and keeps what was
// typed when starting fails.
type newAssessmentForm struct {
	Templates   []models.TemplateSummary // published ones only
	TemplateID  uint
	Name        string
	NHSNumber   string
	DateOfBirth string
	Errors      map[string]string // keyed "template_id", "person.name", ...
}

// publishedTemplates lists the team's templates that can start assessments.
func (s *Server) publishedTemplates(c *gin.Context) ([]models.TemplateSummary, error) {
	all, err := s.store.Templates(c.Request.Context(), currentUser(c).TeamID)
	if err != nil {
		return nil, err
	}
	var out []models.TemplateSummary
	for _, t := range all {
		if t.PublishedVersion != nil {
			out = append(out, t)
		}
	}
	return out, nil
}

// assessmentNew serves GET /assessments/new: choose a template and say who
// the assessment is about.
func (s *Server) assessmentNew(c *gin.Context) error {
	ts, err := s.publishedTemplates(c)
	if err != nil {
		return err
	}
	f := newAssessmentForm{Templates: ts}
	if id, err := strconv.ParseUint(c.Query("template"), 10, 32); err == nil {
		f.TemplateID = uint(id)
	} else if len(ts) > 0 {
		f.TemplateID = ts[0].ID
	}
	s.render(c, http.StatusOK, "assessment_new", Page{Title: "Start an assessment", Nav: "assessments", Data: f})
	return nil
}

// assessmentCreate serves POST /assessments: starts the assessment on the
// template's newest published version and opens its first section, or
// shows the form again (422) with a message next to each problem.
func (s *Server) assessmentCreate(c *gin.Context) error {
	f := newAssessmentForm{Name: c.PostForm("name"), NHSNumber: c.PostForm("nhs_number"),
		DateOfBirth: c.PostForm("date_of_birth")}
	id, err := strconv.ParseUint(c.PostForm("template_id"), 10, 32)
	f.TemplateID = uint(id)
	if err == nil && id > 0 {
		person := forms.Person{Name: f.Name, NHSNumber: f.NHSNumber, DateOfBirth: f.DateOfBirth}
		a, err := s.store.CreateAssessment(c.Request.Context(), currentUser(c).Actor(), f.TemplateID, person)
		var ve *forms.ValidationError
		switch {
		case err == nil:
			c.Redirect(http.StatusSeeOther, assessmentURL(a.ID, ""))
			return nil
		case errors.As(err, &ve):
			f.Errors = ve.Fields
		case errors.Is(err, models.ErrNotFound), errors.Is(err, models.ErrConflict):
			f.Errors = map[string]string{"template_id": "choose one of the published templates"}
		default:
			return err
		}
	} else {
		f.Errors = map[string]string{"template_id": "choose one of the published templates"}
	}
	if f.Templates, err = s.publishedTemplates(c); err != nil {
		return err
	}
	s.render(c, http.StatusUnprocessableEntity, "assessment_new",
		Page{Title: "Start an assessment", Nav: "assessments", Data: f})
	return nil
}
