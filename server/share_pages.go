package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
)

// sharesPage is what shares.html reads.
type sharesPage struct {
	Assessment *models.Assessment
	Links      []models.ShareLink
	Now        time.Time
	// NewURL is the link just made: shown once, never stored.
	NewURL    string
	Recipient string
	Hours     string
	Errors    map[string]string
	// Confirm is the link the lead asked to revoke, awaiting confirmation.
	Confirm *models.ShareLink
	// Email is shown when SMTP is configured (share_responses_mail.go).
	Email shareEmailForm
}

// shareRoutes adds the assessor's page for share links.
func (s *Server) shareRoutes(g *gin.RouterGroup) {
	g.GET("/assessments/:id/shares", s.page(s.sharesList))
	g.POST("/assessments/:id/shares", s.page(s.sharesCreate))
	g.POST("/assessments/:id/shares/:share/revoke", s.page(s.sharesRevoke))
}

func (s *Server) renderShares(c *gin.Context, status int, p sharesPage) error {
	a, err := s.assessmentFromPath(c)
	if err != nil {
		return err
	}
	links, err := s.store.Shares(c.Request.Context(), currentUser(c).TeamID, a.ID)
	if err != nil {
		return err
	}
	p.Assessment, p.Links, p.Now = a, links, s.now()
	p.Email.Enabled = s.mailer != nil
	if p.Hours == "" {
		p.Hours = "72"
	}
	s.render(c, status, "shares", Page{Title: "Share with the care home", Nav: "assessments", Data: p})
	return nil
}

// sharesList serves GET /assessments/:id/shares.
func (s *Server) sharesList(c *gin.Context) error {
	return s.renderShares(c, http.StatusOK, sharesPage{})
}

// sharesCreate serves POST /assessments/:id/shares. The new link is shown
// on the page it returns (not after a redirect): it exists nowhere else.
func (s *Server) sharesCreate(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	p := sharesPage{Recipient: strings.TrimSpace(c.PostForm("recipient")), Hours: c.PostForm("expires_in_hours")}
	hours, convErr := strconv.Atoi(p.Hours)
	if convErr != nil {
		hours = -1
	}
	if p.Email = s.shareEmailInput(c); p.Email.Error != "" {
		p.Errors = map[string]string{"email": p.Email.Error}
		return s.renderShares(c, http.StatusUnprocessableEntity, p)
	}
	token, link, err := s.store.CreateShare(c.Request.Context(), currentUser(c).Actor(), id, p.Recipient, hours)
	var ve *forms.ValidationError
	if errors.As(err, &ve) {
		p.Errors = ve.Fields
		return s.renderShares(c, http.StatusUnprocessableEntity, p)
	}
	if err != nil {
		return err
	}
	// The recipient field starts empty again, ready for another link.
	p.NewURL, p.Recipient, p.Hours = s.absoluteURL(c, "/s/"+token), "", ""
	p.Email = s.emailShare(c, link, p.NewURL, p.Email.To)
	return s.renderShares(c, http.StatusCreated, p)
}

// sharesRevoke serves POST /assessments/:id/shares/:share/revoke.
func (s *Server) sharesRevoke(c *gin.Context) error {
	a, err := s.assessmentFromPath(c)
	if err != nil {
		return err
	}
	shareID, err := idParam(c, "share")
	if err != nil {
		return err
	}
	if c.PostForm("confirmed") != "yes" {
		return s.confirmRevoke(c, a, shareID) // share_responses_links.go
	}
	if err := s.store.RevokeShare(c.Request.Context(), currentUser(c).Actor(), "", shareID); err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, "/assessments/"+strconv.FormatUint(uint64(a.ID), 10)+"/shares")
	return nil
}

// absoluteURL makes a link to send by email: the public URL when set, else
// this request's host.
func (s *Server) absoluteURL(c *gin.Context, path string) string {
	base := s.publicURL
	if base == "" {
		scheme := "http"
		if c.Request.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + c.Request.Host
	}
	return strings.TrimSuffix(base, "/") + path
}
