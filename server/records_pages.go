package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
	"firstperson/render"
)

// recordsPages adds the pages for correcting a record: one answer of a
// completed assessment (an amendment) and the person's details.
func (s *Server) recordsPages(g *gin.RouterGroup) {
	g.GET("/assessments/:id/amend/:qid", s.page(s.amendPage))
	g.POST("/assessments/:id/amend/:qid", s.page(s.amendSave))
	g.GET("/assessments/:id/person", s.page(s.personPage))
	g.POST("/assessments/:id/person", s.page(s.personSave))
}

// markAmendments puts each amended answer's note and every answer's
// "Correct" link into a completed assessment's read-only view.
func markAmendments(view *render.AssessmentView, id uint, amendments []render.Amendment) {
	latest := render.LatestAmendments(amendments)
	for si := range view.Sections {
		for qi := range view.Sections[si].Questions {
			q := &view.Sections[si].Questions[qi]
			if a, ok := latest[q.ID]; ok {
				q.Amended = a.Note()
			}
			if q.Type != string(forms.TypeSignature) && q.Type != string(forms.TypeInfo) {
				q.CorrectURL = fmt.Sprintf("/assessments/%d/amend/%s", id, q.ID)
			}
		}
	}
}

// amendView is what records_amend.html reads.
type amendView struct {
	ID       uint
	Person   forms.Person
	Question render.QuestionView
	Section  string
	Revision int
	Reason   string
	Errors   map[string]string
}

// amendForm builds the page for question qid of a completed assessment.
func (s *Server) amendForm(c *gin.Context, r *assessmentRecord, answers forms.Answers, opt render.ViewOptions) (*amendView, error) {
	qid := c.Param("qid")
	q := r.schema.Question(qid)
	if q == nil || q.Type == forms.TypeSignature || q.Type == forms.TypeInfo {
		return nil, fmt.Errorf("no question %q to correct: %w", qid, models.ErrNotFound)
	}
	view := render.NewAssessmentView(r.schema, answers, opt)
	for _, sec := range view.Sections {
		for _, qv := range sec.Questions {
			if qv.ID == qid {
				qv.Hidden = false
				return &amendView{ID: r.ID, Person: r.Person(), Question: qv, Section: sec.Title,
					Revision: r.Revision, Errors: opt.Errors}, nil
			}
		}
	}
	return nil, fmt.Errorf("no question %q to correct: %w", qid, models.ErrNotFound)
}

// amendPage serves GET /assessments/:id/amend/:qid: one answer of a
// completed assessment, to correct with a reason.
func (s *Server) amendPage(c *gin.Context) error {
	r, err := s.loadAssessment(c)
	if err != nil {
		return err
	}
	if !r.Completed() {
		c.Redirect(http.StatusSeeOther, assessmentURL(r.ID, r.schema.SectionOf(c.Param("qid"))))
		return nil
	}
	v, err := s.amendForm(c, r, r.answers, render.ViewOptions{Section: r.schema.SectionOf(c.Param("qid"))})
	if err != nil {
		return err
	}
	s.render(c, http.StatusOK, "records_amend", Page{Title: "Correct an answer", Nav: "assessments", Data: v})
	return nil
}

// amendSave serves POST /assessments/:id/amend/:qid: saves the correction
// through the amendment path (reason required, audited) and goes back to
// the assessment (303), or shows the form again with 422.
func (s *Server) amendSave(c *gin.Context) error {
	r, err := s.loadAssessment(c)
	if err != nil {
		return err
	}
	qid := c.Param("qid")
	q := r.schema.Question(qid)
	if q == nil {
		return fmt.Errorf("no question %q: %w", qid, models.ErrNotFound)
	}
	if err := c.Request.ParseForm(); err != nil {
		return fmt.Errorf("read the form: %w", forms.ErrMalformed)
	}
	revision, err := strconv.Atoi(c.PostForm("revision"))
	if err != nil {
		revision = -1
	}
	reason := strings.TrimSpace(c.PostForm("reason"))
	val, present, problem := parseQuestion(q, c.Request.PostForm)
	errs := map[string]string{}
	shown := forms.Answers{}
	for k, v := range r.answers {
		shown[k] = v
	}
	if problem != "" {
		errs[qid] = problem
	} else {
		if !present {
			val = nil
		}
		shown[qid] = val
		_, err = s.store.Amend(c.Request.Context(), currentUser(c).Actor(), r.ID, revision, forms.Answers{qid: val}, reason)
		if err == nil {
			c.Redirect(http.StatusSeeOther, fmt.Sprintf("/assessments/%d?amended=%s#qw-%s", r.ID, qid, qid))
			return nil
		}
		if !collectFields(err, errs) {
			return err
		}
	}
	typed := map[string]string{}
	if problem != "" {
		typed[qid] = c.PostForm("q." + qid)
	}
	v, ferr := s.amendForm(c, r, shown, render.ViewOptions{Section: r.schema.SectionOf(qid), Errors: errs, Typed: typed})
	if ferr != nil {
		return ferr
	}
	v.Reason = reason
	s.render(c, http.StatusUnprocessableEntity, "records_amend", Page{Title: "Correct an answer", Nav: "assessments", Data: v})
	return nil
}

// collectFields copies a validation error's fields into errs; a stale
// revision asks to check the current answer. It reports whether err was
// one of those.
func collectFields(err error, errs map[string]string) bool {
	var ve *forms.ValidationError
	var stale *models.StaleRevisionError
	switch {
	case errors.As(err, &ve):
		for k, v := range ve.Fields {
			errs[k] = v
		}
	case errors.As(err, &stale):
		errs["revision"] = "Someone else changed this assessment meanwhile; check the answer and save again."
	default:
		return false
	}
	return true
}

// personView is what records_person.html reads.
type personView struct {
	ID        uint
	Reference string
	Current   forms.Person
	Person    forms.Person // as typed
	Reason    string
	Errors    map[string]string
}

// personPage serves GET /assessments/:id/person: the form to correct who
// the assessment is about.
func (s *Server) personPage(c *gin.Context) error {
	a, err := s.assessmentFromPath(c)
	if err != nil {
		return err
	}
	p := a.Person()
	p.NHSNumber = forms.FormatNHSNumber(p.NHSNumber)
	s.render(c, http.StatusOK, "records_person", Page{Title: "Correct the person's details", Nav: "assessments",
		Data: personView{ID: a.ID, Reference: a.Reference, Current: a.Person(), Person: p, Errors: map[string]string{}}})
	return nil
}

// personSave serves POST /assessments/:id/person: corrects the details with
// a reason (303 back to the assessment) or shows the form again with 422
// and what was typed.
func (s *Server) personSave(c *gin.Context) error {
	a, err := s.assessmentFromPath(c)
	if err != nil {
		return err
	}
	p := forms.Person{Name: c.PostForm("name"), NHSNumber: c.PostForm("nhs_number"), DateOfBirth: c.PostForm("date_of_birth")}
	reason := c.PostForm("reason")
	_, err = s.store.CorrectPerson(c.Request.Context(), currentUser(c).Actor(), a.ID, p, reason)
	if err == nil {
		c.Redirect(http.StatusSeeOther, fmt.Sprintf("/assessments/%d?corrected=person", a.ID))
		return nil
	}
	errs := map[string]string{}
	if !collectFields(err, errs) {
		return err
	}
	s.render(c, http.StatusUnprocessableEntity, "records_person", Page{Title: "Correct the person's details", Nav: "assessments",
		Data: personView{ID: a.ID, Reference: a.Reference, Current: a.Person(), Person: p, Reason: reason, Errors: errs}})
	return nil
}

// recordsFlash is the message after a correction, else fallback.
func recordsFlash(c *gin.Context, fallback string) string {
	switch {
	case c.Query("amended") != "":
		return "The correction is saved and recorded as an amendment."
	case c.Query("corrected") == "person":
		return "The person's details are corrected."
	}
	return fallback
}
