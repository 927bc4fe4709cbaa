package server

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
)

// assessmentJSON is an assessment as the API shows it.
type assessmentJSON struct {
	ID              uint          `json:"id"`
	Reference       string        `json:"reference"`
	Status          string        `json:"status"`
	Revision        int           `json:"revision"`
	TemplateID      uint          `json:"template_id"`
	TemplateVersion int           `json:"template_version"`
	Person          forms.Person  `json:"person"`
	Answers         forms.Answers `json:"answers"`
	CreatedAt       time.Time     `json:"created_at"`
	UpdatedAt       time.Time     `json:"updated_at"`
	CompletedAt     *time.Time    `json:"completed_at"`
	CareHome        careHomeJSON  `json:"care_home"`
}

func assessmentView(a *models.Assessment, withAnswers bool) (assessmentJSON, error) {
	out := assessmentJSON{ID: a.ID, Reference: a.Reference, Status: a.Status, Revision: a.Revision,
		TemplateID: a.TemplateID, TemplateVersion: a.VersionNumber, Person: a.Person(),
		CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt, CompletedAt: a.CompletedAt}
	if withAnswers {
		ans, err := a.Answers()
		if err != nil {
			return out, err
		}
		out.Answers = ans
	}
	return out, nil
}

// assessmentWithAnswers is the API view with the answers as shown: bound
// questions hold the person's details.
func (s *Server) assessmentWithAnswers(c *gin.Context, a *models.Assessment) (assessmentJSON, error) {
	out, _ := assessmentView(a, false)
	_, schema, err := s.store.PinnedVersion(c.Request.Context(), a)
	if err != nil {
		return out, err
	}
	out.Answers, err = a.AnswersWithPerson(schema)
	return out, err
}

// listAssessments serves GET /api/v1/assessments?q=&status=&page=.
func (s *Server) listAssessments(c *gin.Context) error {
	page, _ := strconv.Atoi(c.Query("page"))
	status := c.Query("status")
	if status != "" && status != models.StatusInProgress && status != models.StatusCompleted {
		return &forms.ValidationError{Message: "unknown status",
			Fields: map[string]string{"status": "in_progress or completed"}}
	}
	as, total, err := s.store.Assessments(c.Request.Context(), currentUser(c).TeamID,
		models.AssessmentQuery{Search: c.Query("q"), Status: status, Page: page, PerPage: 25, CareHome: c.Query("care_home")})
	if err != nil {
		return err
	}
	care, err := s.careHomeStates(c, as)
	if err != nil {
		return err
	}
	items := make([]assessmentJSON, 0, len(as))
	for i := range as {
		v, _ := assessmentView(&as[i], false)
		v.CareHome = newCareHomeJSON(care[as[i].ID])
		items = append(items, v)
	}
	// "more": there are more than "total" matches (counting stops there).
	c.JSON(http.StatusOK, gin.H{"items": items, "total": min(total, models.MaxCounted), "more": total > models.MaxCounted,
		"page": max(page, 1), "per_page": 25})
	return nil
}

// createAssessment serves POST /api/v1/assessments.
func (s *Server) createAssessment(c *gin.Context) error {
	var body struct {
		TemplateID uint         `json:"template_id"`
		Person     forms.Person `json:"person"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	if body.TemplateID == 0 {
		return &forms.ValidationError{Message: "say which template to use",
			Fields: map[string]string{"template_id": "choose a published template"}}
	}
	a, err := s.store.CreateAssessment(c.Request.Context(), currentUser(c).Actor(), body.TemplateID, body.Person)
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, gin.H{"id": a.ID, "reference": a.Reference, "template_version": a.VersionNumber,
		"revision": a.Revision, "status": a.Status})
	return nil
}

// assessmentFromPath loads the assessment named in the path, for this team.
func (s *Server) assessmentFromPath(c *gin.Context) (*models.Assessment, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return nil, err
	}
	return s.store.Assessment(c.Request.Context(), currentUser(c).TeamID, id)
}

// getAssessment serves GET /api/v1/assessments/:id.
func (s *Server) getAssessment(c *gin.Context) error {
	a, err := s.assessmentFromPath(c)
	if err != nil {
		return err
	}
	out, err := s.assessmentWithAnswers(c, a)
	if err != nil {
		return err
	}
	st, err := s.store.CareHomeState(c.Request.Context(), a.TeamID, a.ID)
	if err != nil {
		return err
	}
	out.CareHome = newCareHomeJSON(st)
	c.JSON(http.StatusOK, out)
	return nil
}

// answersBody is the body of an autosave or an amendment.
type answersBody struct {
	Revision *int          `json:"revision"`
	Answers  forms.Answers `json:"answers"`
	Reason   string        `json:"reason"`
}

func decodeAnswers(c *gin.Context) (answersBody, error) {
	var body answersBody
	if err := decodeJSON(c, &body); err != nil {
		return body, err
	}
	f := map[string]string{}
	if body.Revision == nil || *body.Revision < 0 {
		f["revision"] = "send the revision these changes are based on"
	}
	if body.Answers == nil {
		f["answers"] = "send the answers as an object keyed by question id"
	}
	if len(f) > 0 {
		return body, &forms.ValidationError{Message: "the save is incomplete", Fields: f}
	}
	return body, nil
}

// saveAnswers serves PATCH /api/v1/assessments/:id/answers.
func (s *Server) saveAnswers(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	body, err := decodeAnswers(c)
	if err != nil {
		return err
	}
	rev, err := s.store.SaveAnswers(c.Request.Context(), currentUser(c).Actor(), id, *body.Revision, body.Answers)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"revision": rev, "saved_at": s.now().UTC()})
	return nil
}

// amend serves POST /api/v1/assessments/:id/amendments.
func (s *Server) amend(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	body, err := decodeAnswers(c)
	if err != nil {
		return err
	}
	rev, err := s.store.Amend(c.Request.Context(), currentUser(c).Actor(), id, *body.Revision, body.Answers, body.Reason)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"revision": rev})
	return nil
}

// complete serves POST /api/v1/assessments/:id/complete.
func (s *Server) complete(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	a, err := s.store.Complete(c.Request.Context(), currentUser(c).Actor(), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"status": a.Status, "completed_at": a.CompletedAt})
	return nil
}

// assessmentAudit serves GET /api/v1/assessments/:id/audit.
func (s *Server) assessmentAudit(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	evs, err := s.store.AssessmentAudit(c.Request.Context(), currentUser(c).TeamID, id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, auditJSON(evs))
	return nil
}

// auditJSON shows events as [{"at","actor","action","detail"}], with the
// detail as a JSON object rather than a string.
func auditJSON(evs []models.AuditEvent) []gin.H {
	out := make([]gin.H, 0, len(evs))
	for _, e := range evs {
		out = append(out, gin.H{"at": e.At, "actor": e.Actor, "action": e.Action, "detail": json.RawMessage(e.Detail)})
	}
	return out
}
