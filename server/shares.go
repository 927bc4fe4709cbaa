package server

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
	"firstperson/render"
)

// shareJSON is a share link as the API lists it (the token is never
// shown again after creation).
func shareJSON(l models.ShareLink, now time.Time) gin.H {
	return gin.H{"id": l.ID, "recipient": l.Recipient, "created_at": l.CreatedAt, "expires_at": l.ExpiresAt,
		"revoked_at": l.RevokedAt, "active": l.Active(now)}
}

// createShare serves POST /api/v1/assessments/:id/shares.
func (s *Server) createShare(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Recipient      string `json:"recipient"`
		ExpiresInHours int    `json:"expires_in_hours"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	token, link, err := s.store.CreateShare(c.Request.Context(), currentUser(c).Actor(), id, body.Recipient, body.ExpiresInHours)
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, gin.H{"id": link.ID, "url": "/s/" + token, "token": token,
		"recipient": link.Recipient, "expires_at": link.ExpiresAt})
	return nil
}

// listShares serves GET /api/v1/assessments/:id/shares.
func (s *Server) listShares(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	links, err := s.store.Shares(c.Request.Context(), currentUser(c).TeamID, id)
	if err != nil {
		return err
	}
	out := make([]gin.H, 0, len(links))
	for _, l := range links {
		out = append(out, shareJSON(l, s.now()))
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// revokeShare serves DELETE /api/v1/shares/:token.
func (s *Server) revokeShare(c *gin.Context) error {
	if err := s.store.RevokeShare(c.Request.Context(), currentUser(c).Actor(), c.Param("token"), 0); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// shareView is what the care home's page shows.
type shareView struct {
	Token       string
	Person      forms.Person
	Reference   string
	Recipient   string
	AssessedBy  string
	CompletedAt *time.Time
	ExpiresAt   time.Time
	Template    string
	Version     int
	// Amendments are every correction after completion; AmendedSince is
	// when the link was made, set when one came after it (issue 10).
	Amendments   []render.Amendment
	AmendedSince *time.Time
}

// shareHeaders keep a shared record out of caches and other sites' logs.
func shareHeaders(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	c.Header("Referrer-Policy", "no-referrer")
	c.Header("X-Robots-Tag", "noindex, nofollow")
}

// sharePage serves GET /s/:token, the care home's page (no account needed).
func (s *Server) sharePage(c *gin.Context) error {
	shareHeaders(c)
	a, link, err := s.store.OpenShare(c.Request.Context(), c.Param("token"), "viewed", c.ClientIP())
	if err != nil {
		return err
	}
	doc, err := s.document(c.Request.Context(), a)
	if err != nil {
		return err
	}
	s.render(c, http.StatusOK, "share", Page{Title: "Assessment for " + a.PersonName, Data: shareView{
		Token: c.Param("token"), Person: a.Person(), Reference: a.Reference, Recipient: link.Recipient,
		AssessedBy: doc.CompletedBy, CompletedAt: a.CompletedAt, ExpiresAt: link.ExpiresAt,
		Template: doc.TemplateTitle, Version: doc.TemplateVersion,
		Amendments: doc.Amendments, AmendedSince: amendedSince(doc.Amendments, link.CreatedAt)}})
	return nil
}

// sharePDF serves GET /s/:token/pdf.
func (s *Server) sharePDF(c *gin.Context) error {
	shareHeaders(c)
	a, _, err := s.store.OpenShare(c.Request.Context(), c.Param("token"), "downloaded", c.ClientIP())
	if err != nil {
		return err
	}
	return s.writePDF(c, a)
}
