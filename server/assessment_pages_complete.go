package server

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
)

// missingAnswer is one required question still to answer, with a link to it.
type missingAnswer struct {
	Section string
	Label   string
	URL     string
}

// reviewPage is what assessment_complete.html reads.
type reviewPage struct {
	ID      uint
	Person  forms.Person
	UserID  uint
	Missing []missingAnswer
	// ConfirmError is shown when the confirmation box was not ticked.
	ConfirmError string
}

// newReviewPage lists the required questions still missing, in form order.
func newReviewPage(c *gin.Context, r *assessmentRecord, missing map[string]string) reviewPage {
	p := reviewPage{ID: r.ID, Person: r.Person(), UserID: currentUser(c).ID}
	for _, sec := range r.schema.Sections {
		for _, q := range sec.Questions {
			if _, ok := missing[q.ID]; ok {
				p.Missing = append(p.Missing, missingAnswer{Section: sec.Title, Label: q.Label,
					URL: assessmentURL(r.ID, sec.ID) + "#qw-" + q.ID})
			}
		}
	}
	return p
}

// assessmentReview serves GET /assessments/:id/complete: the required
// answers still missing, each linking to its question, and the
// confirmation that completes the assessment.
func (s *Server) assessmentReview(c *gin.Context) error {
	r, err := s.loadAssessment(c)
	if err != nil {
		return err
	}
	if r.Completed() {
		c.Redirect(http.StatusSeeOther, assessmentURL(r.ID, ""))
		return nil
	}
	p := newReviewPage(c, r, r.schema.MissingRequired(r.answers))
	s.render(c, http.StatusOK, "assessment_complete", Page{Title: "Check and complete", Nav: "assessments", Data: p})
	return nil
}

// assessmentComplete serves POST /assessments/:id/complete: locks the
// assessment (303 to its read-only page) once the assessor has confirmed
// and every shown required question has an answer; otherwise 422 with
// what is missing.
func (s *Server) assessmentComplete(c *gin.Context) error {
	r, err := s.loadAssessment(c)
	if err != nil {
		return err
	}
	if c.PostForm("confirm") != "yes" {
		p := newReviewPage(c, r, r.schema.MissingRequired(r.answers))
		p.ConfirmError = "Tick the box to confirm the answers are ready."
		s.render(c, http.StatusUnprocessableEntity, "assessment_complete", Page{Title: "Check and complete",
			Nav: "assessments", Data: p})
		return nil
	}
	_, err = s.store.Complete(c.Request.Context(), currentUser(c).Actor(), r.ID)
	var ve *forms.ValidationError
	switch {
	case err == nil, errors.Is(err, models.ErrConflict) && r.Completed():
		c.Redirect(http.StatusSeeOther, assessmentURL(r.ID, "")+"?done=1")
		return nil
	case errors.As(err, &ve):
		s.render(c, http.StatusUnprocessableEntity, "assessment_complete", Page{Title: "Check and complete",
			Nav: "assessments", Data: newReviewPage(c, r, ve.Fields)})
		return nil
	}
	return err
}
