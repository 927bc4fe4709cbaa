package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
	"firstperson/render"
)

// assessmentSaveSection serves POST /assessments/:id/sections/:sid: the
// Save button of one section when JavaScript is off. It saves through the
// same revision check as autosave and goes on to the next section (303);
// a refused save shows the section again (422) with what was typed and a
// message next to each problem.
func (s *Server) assessmentSaveSection(c *gin.Context) error {
	r, err := s.loadAssessment(c)
	if err != nil {
		return err
	}
	sec, index, err := r.section(c.Param("sid"))
	if err != nil {
		return err
	}
	if r.Completed() {
		return fmt.Errorf("this assessment is completed; corrections are recorded as amendments: %w", models.ErrConflict)
	}
	if err := c.Request.ParseForm(); err != nil {
		return fmt.Errorf("read the form: %w", forms.ErrMalformed)
	}
	revision, err := strconv.Atoi(c.PostForm("revision"))
	if err != nil {
		revision = -1 // stale whatever the assessment's revision is
	}
	in := parseSection(sec, c.Request.PostForm, r.answers)
	if len(in.problems) == 0 && len(in.changes) == 0 {
		c.Redirect(http.StatusSeeOther, afterSection(r, index, sec.ID))
		return nil
	}
	if len(in.problems) == 0 {
		_, err = s.store.SaveAnswers(c.Request.Context(), currentUser(c).Actor(), r.ID, revision, in.changes)
		if err == nil {
			c.Redirect(http.StatusSeeOther, afterSection(r, index, sec.ID))
			return nil
		}
	}
	return s.refuseSection(c, r, sec, in, revision, err)
}

// refuseSection shows a section again with status 422 after a refused save:
// fields that do not fit get their message, and when another device saved
// first each question where its answer differs from what was typed says
// so. The form then carries the current revision, so saving again keeps
// what is on screen; nothing was overwritten without the assessor seeing.
func (s *Server) refuseSection(c *gin.Context, r *assessmentRecord, sec *forms.Section, in sectionInput, revision int, err error) error {
	problem := "Some answers need another look; nothing in this section was saved yet."
	var ve *forms.ValidationError
	var stale *models.StaleRevisionError
	switch {
	case err == nil:
	case errors.As(err, &ve):
		for id, msg := range ve.Fields {
			in.problems[id] = msg
		}
	case errors.As(err, &stale):
		problem = "Someone else saved this assessment while you were working on it. Your answers are still here: " +
			"check the questions marked below and save again to keep what is on screen."
		for id := range in.changes {
			in.problems[id] = theirAnswer(r.schema.Question(id), stale.Answers[id])
		}
		revision = stale.Revision
	default:
		return err
	}
	view := render.NewAssessmentView(r.schema, in.shown, render.ViewOptions{Section: sec.ID,
		Errors: in.problems, Typed: in.typed})
	p := s.newAssessmentPage(c, r, view)
	p.Revision, p.Problem = revision, problem
	s.render(c, http.StatusUnprocessableEntity, "assessment", Page{Title: r.PersonName, Nav: "assessments", Data: p})
	return nil
}

// afterSection is where a saved section goes: the next section, or the
// summary before completing after the last.
func afterSection(r *assessmentRecord, index int, sid string) string {
	if index+1 < len(r.schema.Sections) {
		return assessmentURL(r.ID, r.schema.Sections[index+1].ID) + "?saved=" + sid
	}
	return assessmentURL(r.ID, "") + "/complete"
}

// theirAnswer says what another device saved for a question meanwhile.
func theirAnswer(q *forms.Question, v any) string {
	if text := forms.FormatAnswer(q, v); text != "" {
		return "Another device saved “" + text + "” here meanwhile. Saving again keeps your answer."
	}
	return "Another device cleared this answer meanwhile. Saving again keeps your answer."
}
