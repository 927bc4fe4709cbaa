package server

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"firstperson/forms/fhir"
	"firstperson/models"
)

// fhirJSON is the media type of FHIR resources in JSON.
const fhirJSON = "application/fhir+json; charset=utf-8"

// questionnaireURL is a template's canonical URL: the same for all its
// versions. It uses the configured public URL, else the request's host.
func (s *Server) questionnaireURL(c *gin.Context, templateID uint) string {
	return s.absoluteURL(c, fmt.Sprintf("/fhir/Questionnaire/template-%d", templateID))
}

// templateFHIR serves GET /api/v1/templates/:id/versions/:n/fhir.
func (s *Server) templateFHIR(c *gin.Context) error {
	v, schema, err := s.versionSchemaFromPath(c)
	if err != nil {
		return err
	}
	meta := fhir.QuestionnaireMeta{URL: s.questionnaireURL(c, v.TemplateID), Version: v.Number,
		Published: v.Status == models.StatusPublished, Date: v.UpdatedAt}
	if v.PublishedAt != nil {
		meta.Date = *v.PublishedAt
	}
	if team, err := s.store.Team(c.Request.Context(), currentUser(c).TeamID); err == nil {
		meta.Publisher = team.Name
	}
	s.fhirResponse(c, fmt.Sprintf("template-%d-v%d-questionnaire.json", v.TemplateID, v.Number),
		fhir.ToQuestionnaire(schema, meta))
	return nil
}

// assessmentFHIR serves GET /api/v1/assessments/:id/fhir.
func (s *Server) assessmentFHIR(c *gin.Context) error {
	a, err := s.assessmentFromPath(c)
	if err != nil {
		return err
	}
	_, schema, err := s.store.PinnedVersion(c.Request.Context(), a)
	if err != nil {
		return err
	}
	answers, err := a.AnswersWithPerson(schema)
	if err != nil {
		return err
	}
	meta := fhir.ResponseMeta{QuestionnaireURL: s.questionnaireURL(c, a.TemplateID), Version: a.VersionNumber,
		ID: a.Reference, Completed: a.Completed(), Authored: a.UpdatedAt, SubjectDisplay: a.PersonName}
	author := a.CreatedBy
	if a.CompletedAt != nil {
		meta.Authored = *a.CompletedAt
		author = *a.CompletedBy
	}
	if u, err := s.store.User(c.Request.Context(), author); err == nil {
		meta.Author = u.Name
	}
	amendments, err := s.store.Amendments(c.Request.Context(), a.TeamID, a.ID)
	if err != nil {
		return err
	}
	meta.Amended = len(amendments) > 0
	s.fhirResponse(c, a.Reference+"-questionnaire-response.json", fhir.ToResponse(schema, answers, meta))
	return nil
}

func (s *Server) fhirResponse(c *gin.Context, filename string, resource any) {
	if c.Query("download") != "" {
		c.Header("Content-Disposition", `attachment; filename="`+filename+`"`)
	}
	c.Header("Cache-Control", "no-store")
	c.Render(http.StatusOK, jsonAs{contentType: fhirJSON, v: resource})
}

// importTemplate serves POST /api/v1/templates/import: a FHIR R4
// Questionnaire becomes a new template with a draft; what could not be
// represented exactly comes back as warnings.
func (s *Server) importTemplate(c *gin.Context) error {
	u, err := lead(c)
	if err != nil {
		return err
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	schema, warnings, err := fhir.FromQuestionnaire(body)
	if err != nil {
		return err
	}
	v, err := s.store.CreateTemplate(c.Request.Context(), u.Actor(), schema)
	if err != nil {
		return err
	}
	if warnings == nil {
		warnings = []fhir.ImportWarning{}
	}
	c.JSON(http.StatusCreated, gin.H{"id": v.TemplateID, "version": v.Number, "status": v.Status,
		"title": schema.Title, "warnings": warnings})
	return nil
}
