package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
)

// contactLine is the team's contact as one line (the PDF's last footer).
func contactLine(c models.TeamContact) string {
	if c.Empty() {
		return ""
	}
	parts := []string{"Questions? Contact " + cmpOr(c.Name, "the Trusted Assessor team")}
	if c.Phone != "" {
		parts = append(parts, "tel. "+c.Phone)
	}
	if c.Email != "" {
		parts = append(parts, c.Email)
	}
	if c.Hours != "" {
		parts = append(parts, c.Hours)
	}
	return strings.Join(parts, " · ")
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// teamContactPage is what team_contact.html reads.
type teamContactPage struct {
	Contact models.TeamContact
	Errors  map[string]string
}

// teamContactGet serves GET /team/contact (team leads).
func (s *Server) teamContactGet(c *gin.Context) error {
	u, err := lead(c)
	if err != nil {
		return err
	}
	tc, err := s.store.TeamContact(c.Request.Context(), u.TeamID)
	if err != nil {
		return err
	}
	p := Page{Title: "Contact details for care homes", Nav: "contact", Data: teamContactPage{Contact: tc}}
	if c.Query("saved") != "" {
		p.Flash = "Saved. Care homes see these details on their links and in the PDF."
	}
	s.render(c, http.StatusOK, "team_contact", p)
	return nil
}

// teamContactPost serves POST /team/contact (team leads).
func (s *Server) teamContactPost(c *gin.Context) error {
	u, err := lead(c)
	if err != nil {
		return err
	}
	in := models.TeamContact{Name: c.PostForm("name"), Phone: c.PostForm("phone"),
		Email: c.PostForm("email"), Hours: c.PostForm("hours")}
	tc, err := s.store.SetTeamContact(c.Request.Context(), u.Actor(), in)
	var ve *forms.ValidationError
	if errors.As(err, &ve) {
		s.render(c, http.StatusUnprocessableEntity, "team_contact", Page{Title: "Contact details for care homes",
			Nav: "contact", Data: teamContactPage{Contact: tc, Errors: ve.Fields}})
		return nil
	}
	if err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, "/team/contact?saved=1")
	return nil
}

// getTeamContact serves GET /api/v1/team/contact.
func (s *Server) getTeamContact(c *gin.Context) error {
	tc, err := s.store.TeamContact(c.Request.Context(), currentUser(c).TeamID)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, tc)
	return nil
}

// putTeamContact serves PUT /api/v1/team/contact (team leads).
func (s *Server) putTeamContact(c *gin.Context) error {
	u, err := lead(c)
	if err != nil {
		return err
	}
	var in models.TeamContact
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	tc, err := s.store.SetTeamContact(c.Request.Context(), u.Actor(), in)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, tc)
	return nil
}
