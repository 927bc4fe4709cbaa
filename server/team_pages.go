package server

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
)

// validationFields returns the fields of a validation error, or nil.
func validationFields(err error) map[string]string {
	var ve *forms.ValidationError
	if errors.As(err, &ve) {
		if ve.Fields == nil {
			return map[string]string{}
		}
		return ve.Fields
	}
	return nil
}

// teamView is what team.html reads.
type teamView struct {
	Me     *models.User
	People []models.User
	// Invite is a link just made (add or reset): shown once.
	InviteURL, InviteFor string
	InviteExpires        string
	// Add keeps what was typed into the add form.
	AddName, AddEmail, AddRole string
	Errors                     map[string]string
	Problem                    string
}

func (s *Server) renderTeam(c *gin.Context, status int, v teamView, flash string) error {
	me, err := lead(c)
	if err != nil {
		return err
	}
	if v.People, err = s.store.TeamPeople(c.Request.Context(), me.TeamID); err != nil {
		return err
	}
	v.Me = me
	if v.AddRole == "" {
		v.AddRole = models.RoleAssessor
	}
	s.render(c, status, "team", Page{Title: "People", Nav: "team", Flash: flash, Data: v})
	return nil
}

// teamPage serves GET /team (lead).
func (s *Server) teamPage(c *gin.Context) error {
	flash := map[string]string{
		"role":        "The role is changed.",
		"deactivated": "Deactivated: their sessions and API tokens ended at once.",
		"reactivated": "Reactivated. Reset their password if they need a new one.",
	}[c.Query("done")]
	return s.renderTeam(c, http.StatusOK, teamView{}, flash)
}

// teamAdd serves POST /team/people: adds a person and shows their
// invitation link once.
func (s *Server) teamAdd(c *gin.Context) error {
	me, err := lead(c)
	if err != nil {
		return err
	}
	v := teamView{AddName: c.PostForm("name"), AddEmail: c.PostForm("email"), AddRole: c.PostForm("role")}
	u, inv, err := s.store.InvitePerson(c.Request.Context(), me.Actor(), v.AddEmail, v.AddName, v.AddRole)
	if v.Errors = validationFields(err); v.Errors != nil {
		return s.renderTeam(c, http.StatusUnprocessableEntity, v, "")
	}
	if err != nil {
		return err
	}
	v = teamView{InviteURL: s.absoluteURL(c, "/invite/"+inv.Token), InviteFor: u.Name,
		InviteExpires: inv.ExpiresAt.Local().Format("2 Jan 2006, 15:04")}
	return s.renderTeam(c, http.StatusCreated, v, "")
}

// teamRole serves POST /team/people/:id/role.
func (s *Server) teamRole(c *gin.Context) error {
	role := c.PostForm("role")
	return s.teamChange(c, models.UserChange{Role: &role}, "role")
}

// teamActive serves POST /team/people/:id/active (active=true|false).
func (s *Server) teamActive(c *gin.Context) error {
	active := c.PostForm("active") == "true"
	done := "deactivated"
	if active {
		done = "reactivated"
	}
	return s.teamChange(c, models.UserChange{Active: &active}, done)
}

func (s *Server) teamChange(c *gin.Context, ch models.UserChange, done string) error {
	me, err := lead(c)
	if err != nil {
		return err
	}
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	_, err = s.store.ChangeUser(c.Request.Context(), me.Actor(), id, ch)
	if errors.Is(err, models.ErrConflict) || validationFields(err) != nil {
		return s.renderTeam(c, classify(err).status, teamView{Problem: publicMessage(err, classify(err))}, "")
	}
	if err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, "/team?done="+done)
	return nil
}

// teamReset serves POST /team/people/:id/reset: the old password stops
// working at once; a new invitation-style link is shown once.
func (s *Server) teamReset(c *gin.Context) error {
	me, err := lead(c)
	if err != nil {
		return err
	}
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	inv, err := s.store.ResetPassword(c.Request.Context(), me.Actor(), id)
	if errors.Is(err, models.ErrConflict) {
		return s.renderTeam(c, http.StatusConflict, teamView{Problem: publicMessage(err, classify(err))}, "")
	}
	if err != nil {
		return err
	}
	u, err := s.store.User(c.Request.Context(), id)
	if err != nil {
		return err
	}
	return s.renderTeam(c, http.StatusOK, teamView{InviteURL: s.absoluteURL(c, "/invite/"+inv.Token), InviteFor: u.Name,
		InviteExpires: inv.ExpiresAt.Local().Format("2 Jan 2006, 15:04")}, "")
}

// teamAuditPage serves GET /team/audit (lead).
func (s *Server) teamAuditPage(c *gin.Context) error {
	me, err := lead(c)
	if err != nil {
		return err
	}
	evs, err := s.store.TeamAudit(c.Request.Context(), me.TeamID, teamAuditLimit)
	if err != nil {
		return err
	}
	s.render(c, http.StatusOK, "team_audit", Page{Title: "Team audit trail", Nav: "team", Data: evs})
	return nil
}
