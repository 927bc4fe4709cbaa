package server

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"firstperson/models"
)

// shareJSON is a share link as the API lists it (the token is never
// shown again after creation).
func shareJSON(l models.ShareLink, now time.Time) gin.H {
	return gin.H{"id": l.ID, "recipient": l.Recipient, "created_at": l.CreatedAt, "expires_at": l.ExpiresAt,
		"revoked_at": l.RevokedAt, "active": l.Active(now),
		"first_opened_at": l.FirstOpenedAt, "last_opened_at": l.LastOpenedAt, "views": l.Views}
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
		Email          string `json:"email"` // optional, with SMTP configured
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	if err := s.apiShareEmail(body.Email); err != nil {
		return err
	}
	token, link, err := s.store.CreateShare(c.Request.Context(), currentUser(c).Actor(), id, body.Recipient, body.ExpiresInHours)
	if err != nil {
		return err
	}
	out := gin.H{"id": link.ID, "url": "/s/" + token, "token": token,
		"recipient": link.Recipient, "expires_at": link.ExpiresAt}
	if body.Email != "" { // share_responses_mailing.go
		sent := s.emailShare(c, link, s.absoluteURL(c, "/s/"+token), body.Email)
		out["emailed"], out["email_error"] = sent.Sent != "", sent.Failed
	}
	c.JSON(http.StatusCreated, out)
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

// shareHeaders keep a shared record out of caches and other sites' logs.
func shareHeaders(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	c.Header("Referrer-Policy", "no-referrer")
	c.Header("X-Robots-Tag", "noindex, nofollow")
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
