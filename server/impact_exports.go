package server

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/forms/fhir"
	"firstperson/models"
	"firstperson/render"
)

// exportRoutes adds the exports of a version's assessments (CSV and FHIR).
func (s *Server) exportRoutes(api *gin.RouterGroup) {
	api.GET("/templates/:id/versions/:n/export.csv", s.api(s.exportCSV))
	api.GET("/templates/:id/versions/:n/export-tables.csv", s.api(s.exportTablesCSV))
	api.GET("/templates/:id/versions/:n/export.fhir", s.api(s.exportFHIR))
}

// exportData is what every export reads: the version, its schema and the
// assessments the caller may take (leads: all; assessors: completed ones).
type exportData struct {
	version     *models.Version
	schema      *forms.Schema
	assessments []models.Assessment
	names       map[uint]string
}

func (s *Server) loadExport(c *gin.Context) (*exportData, error) {
	u := currentUser(c)
	v, schema, err := s.versionSchemaFromPath(c)
	if err != nil {
		return nil, err
	}
	ctx := c.Request.Context()
	as, err := s.store.VersionAssessments(ctx, u.TeamID, v.TemplateID, v.Number,
		models.ExportScope{CompletedOnly: !u.IsLead()})
	if err != nil {
		return nil, err
	}
	names, err := s.store.UserNames(ctx, u.TeamID)
	if err != nil {
		return nil, err
	}
	return &exportData{version: v, schema: schema, assessments: as, names: names}, nil
}

func (d *exportData) records() ([]render.ExportRecord, error) {
	out := make([]render.ExportRecord, 0, len(d.assessments))
	for i := range d.assessments {
		a := &d.assessments[i]
		// Questions bound to the person's details answer with them.
		answers, err := a.AnswersWithPerson(d.schema)
		if err != nil {
			return nil, err
		}
		r := render.ExportRecord{Reference: a.Reference, PersonName: a.PersonName, NHSNumber: a.NHSNumber,
			DateOfBirth: a.DateOfBirth, Status: a.Status, Started: a.CreatedAt, Completed: a.CompletedAt,
			Answers: answers}
		if a.CompletedBy != nil {
			r.CompletedBy = d.names[*a.CompletedBy]
		}
		out = append(out, r)
	}
	return out, nil
}

// exportCSV serves GET /api/v1/templates/:id/versions/:n/export.csv.
func (s *Server) exportCSV(c *gin.Context) error {
	return s.writeCSVExport(c, "export.csv", render.ExportCSV)
}

// exportTablesCSV serves GET /api/v1/templates/:id/versions/:n/export-tables.csv.
func (s *Server) exportTablesCSV(c *gin.Context) error {
	return s.writeCSVExport(c, "export-tables.csv", render.ExportTablesCSV)
}

func (s *Server) writeCSVExport(c *gin.Context, file string,
	build func(*forms.Schema, []render.ExportRecord) ([]byte, error)) error {
	d, err := s.loadExport(c)
	if err != nil {
		return err
	}
	recs, err := d.records()
	if err != nil {
		return err
	}
	body, err := build(d.schema, recs)
	if err != nil {
		return err
	}
	if err := s.auditExport(c, d, file); err != nil {
		return err
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="template-%d-v%d-%s"`,
		d.version.TemplateID, d.version.Number, file))
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, "text/csv; charset=utf-8", body)
	return nil
}

// exportFHIR serves GET /api/v1/templates/:id/versions/:n/export.fhir: a
// Bundle (collection) of the version's QuestionnaireResponses.
func (s *Server) exportFHIR(c *gin.Context) error {
	d, err := s.loadExport(c)
	if err != nil {
		return err
	}
	qURL := s.questionnaireURL(c, d.version.TemplateID)
	urls := make([]string, 0, len(d.assessments))
	resources := make([]any, 0, len(d.assessments))
	for i := range d.assessments {
		a := &d.assessments[i]
		answers, err := a.AnswersWithPerson(d.schema)
		if err != nil {
			return err
		}
		meta := fhir.ResponseMeta{QuestionnaireURL: qURL, Version: a.VersionNumber, ID: a.Reference,
			Completed: a.Completed(), Authored: a.UpdatedAt, SubjectDisplay: a.PersonName, Author: d.names[a.CreatedBy]}
		if a.Completed() {
			amendments, err := s.store.Amendments(c.Request.Context(), a.TeamID, a.ID)
			if err != nil {
				return err
			}
			meta.Amended = len(amendments) > 0
		}
		if a.CompletedAt != nil {
			meta.Authored = *a.CompletedAt
			if a.CompletedBy != nil {
				meta.Author = d.names[*a.CompletedBy]
			}
		}
		resources = append(resources, fhir.ToResponse(d.schema, answers, meta))
		urls = append(urls, s.absoluteURL(c, "/fhir/QuestionnaireResponse/"+a.Reference))
	}
	if err := s.auditExport(c, d, "export.fhir"); err != nil {
		return err
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="template-%d-v%d-export.fhir.json"`,
		d.version.TemplateID, d.version.Number))
	c.Header("Cache-Control", "no-store")
	c.Render(http.StatusOK, jsonAs{contentType: fhirJSON, v: fhir.ToCollection(s.store.Now(), urls, resources)})
	return nil
}

func (s *Server) auditExport(c *gin.Context, d *exportData, file string) error {
	return s.store.RecordExport(c.Request.Context(), currentUser(c).Actor(), d.version.TemplateID,
		d.version.Number, file, len(d.assessments))
}
