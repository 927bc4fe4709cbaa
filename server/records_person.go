package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
)

// recordsRoutes adds correcting who an assessment is about and correcting
// answers after completion (issue 10).
func (s *Server) recordsRoutes(api, pages *gin.RouterGroup) {
	api.PATCH("/assessments/:id/person", s.api(s.correctPerson))
	s.recordsPages(pages)
}

// correctPerson serves PATCH /api/v1/assessments/:id/person:
// {"person": {…}, "reason"} → the assessment, before or after completion.
func (s *Server) correctPerson(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	// A detail left out keeps its value; an NHS number sent as "" clears it.
	var body struct {
		Person *struct {
			Name        *string `json:"name"`
			NHSNumber   *string `json:"nhs_number"`
			DateOfBirth *string `json:"date_of_birth"`
		} `json:"person"`
		Reason string `json:"reason"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	if body.Person == nil {
		return &forms.ValidationError{Message: "send the corrected details",
			Fields: map[string]string{"person": "send the details to correct: name, nhs_number, date_of_birth"}}
	}
	current, err := s.store.Assessment(c.Request.Context(), currentUser(c).TeamID, id)
	if err != nil {
		return err
	}
	p := current.Person()
	for _, f := range []struct{ from, to *string }{{body.Person.Name, &p.Name},
		{body.Person.NHSNumber, &p.NHSNumber}, {body.Person.DateOfBirth, &p.DateOfBirth}} {
		if f.from != nil {
			*f.to = *f.from
		}
	}
	a, err := s.store.CorrectPerson(c.Request.Context(), currentUser(c).Actor(), id, p, body.Reason)
	if err != nil {
		return err
	}
	out, err := s.assessmentWithAnswers(c, a)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, out)
	return nil
}
