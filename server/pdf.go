package server

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"firstperson/models"
	"firstperson/render"
)

// document gathers what the care-home PDF shows about an assessment.
func (s *Server) document(ctx context.Context, a *models.Assessment) (render.Document, error) {
	v, schema, err := s.store.PinnedVersion(ctx, a)
	if err != nil {
		return render.Document{}, err
	}
	answers, err := a.AnswersWithPerson(schema)
	if err != nil {
		return render.Document{}, err
	}
	doc := render.Document{Reference: a.Reference, TemplateTitle: v.Title, TemplateVersion: v.Number,
		Schema: schema, Answers: answers, Person: a.Person(), Status: a.Status,
		StartedAt: a.CreatedAt, GeneratedAt: s.now()}
	contact, err := s.store.TeamContact(ctx, a.TeamID)
	if err != nil {
		return render.Document{}, err
	}
	doc.Contact = contactLine(contact) // share_responses_contact.go
	if u, err := s.store.User(ctx, a.CreatedBy); err == nil {
		doc.StartedBy = u.Name
	}
	if doc.Amendments, err = s.amendmentsOf(ctx, a, schema); err != nil {
		return render.Document{}, err
	}
	if a.CompletedAt != nil {
		doc.CompletedAt = *a.CompletedAt
		if u, err := s.store.User(ctx, *a.CompletedBy); err == nil {
			doc.CompletedBy = u.Name
		}
	}
	return doc, nil
}

// writePDF renders the assessment to a buffer and sends it, so a rendering
// error is a clean 500 rather than half a file.
func (s *Server) writePDF(c *gin.Context, a *models.Assessment) error {
	doc, err := s.document(c.Request.Context(), a)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	start := time.Now()
	err = render.WritePDF(&buf, doc)
	s.metrics.pdfRendered(time.Since(start))
	if err != nil {
		return fmt.Errorf("render PDF of assessment %d: %w", a.ID, err)
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.pdf"`, a.Reference))
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, "application/pdf", buf.Bytes())
	return nil
}

// assessmentPDF serves GET /api/v1/assessments/:id/pdf.
func (s *Server) assessmentPDF(c *gin.Context) error {
	a, err := s.assessmentFromPath(c)
	if err != nil {
		return err
	}
	return s.writePDF(c, a)
}
