package server

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"firstperson/models"
)

// teamAuditLimit caps the team audit page and API answer.
const teamAuditLimit = 500

// teamRoutes adds the lead's people and audit pages, their API, and the
// invitation page (no sign-in).
func (s *Server) teamRoutes(e *gin.Engine, pages, api *gin.RouterGroup) {
	e.GET("/invite/:token", s.page(s.invitePage))
	e.POST("/invite/:token", s.page(s.inviteAccept))

	pages.GET("/team", s.page(s.teamPage))
	pages.POST("/team/people", s.page(s.teamAdd))
	pages.POST("/team/people/:id/role", s.page(s.teamRole))
	pages.POST("/team/people/:id/active", s.page(s.teamActive))
	pages.POST("/team/people/:id/reset", s.page(s.teamReset))
	pages.GET("/team/audit", s.page(s.teamAuditPage))

	api.GET("/users", s.api(s.apiUsers))
	api.POST("/users", s.api(s.apiAddUser))
	api.PATCH("/users/:id", s.api(s.apiChangeUser))
	api.POST("/users/:id/reset", s.api(s.apiResetUser))
	api.GET("/team/audit", s.api(s.apiTeamAudit))
}

// userJSON is a person as the API shows them.
type userJSON struct {
	ID           uint       `json:"id"`
	Email        string     `json:"email"`
	Name         string     `json:"name"`
	Role         string     `json:"role"`
	Active       bool       `json:"active"`
	LastSignInAt *time.Time `json:"last_sign_in_at"`
}

func userView(u *models.User) userJSON {
	return userJSON{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, Active: u.Active(), LastSignInAt: u.LastSignInAt}
}

// apiUsers serves GET /api/v1/users (lead).
func (s *Server) apiUsers(c *gin.Context) error {
	me, err := lead(c)
	if err != nil {
		return err
	}
	us, err := s.store.TeamPeople(c.Request.Context(), me.TeamID)
	if err != nil {
		return err
	}
	out := make([]userJSON, 0, len(us))
	for i := range us {
		out = append(out, userView(&us[i]))
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// apiAddUser serves POST /api/v1/users {"email","name","role"} →
// 201 {"id","invite_url","expires_at"} (lead).
func (s *Server) apiAddUser(c *gin.Context) error {
	me, err := lead(c)
	if err != nil {
		return err
	}
	var in struct {
		Email string `json:"email"`
		Name  string `json:"name"`
		Role  string `json:"role"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u, inv, err := s.store.InvitePerson(c.Request.Context(), me.Actor(), in.Email, in.Name, in.Role)
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, gin.H{"id": u.ID, "invite_url": s.absoluteURL(c, "/invite/"+inv.Token),
		"expires_at": inv.ExpiresAt})
	return nil
}

// apiChangeUser serves PATCH /api/v1/users/{id} {"role"?,"active"?} (lead).
func (s *Server) apiChangeUser(c *gin.Context) error {
	me, err := lead(c)
	if err != nil {
		return err
	}
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var in struct {
		Role   *string `json:"role"`
		Active *bool   `json:"active"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u, err := s.store.ChangeUser(c.Request.Context(), me.Actor(), id, models.UserChange{Role: in.Role, Active: in.Active})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, userView(u))
	return nil
}

// apiResetUser serves POST /api/v1/users/{id}/reset → {"invite_url","expires_at"} (lead).
func (s *Server) apiResetUser(c *gin.Context) error {
	me, err := lead(c)
	if err != nil {
		return err
	}
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	inv, err := s.store.ResetPassword(c.Request.Context(), me.Actor(), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"invite_url": s.absoluteURL(c, "/invite/"+inv.Token), "expires_at": inv.ExpiresAt})
	return nil
}

// apiTeamAudit serves GET /api/v1/team/audit (lead), newest first.
func (s *Server) apiTeamAudit(c *gin.Context) error {
	me, err := lead(c)
	if err != nil {
		return err
	}
	evs, err := s.store.TeamAudit(c.Request.Context(), me.TeamID, teamAuditLimit)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, auditJSON(evs))
	return nil
}

// invitePage serves GET /invite/{token}: no sign-in; 410 once used or
// expired.
func (s *Server) invitePage(c *gin.Context) error {
	u, err := s.store.Invitation(c.Request.Context(), c.Param("token"))
	if err != nil {
		return err
	}
	c.Header("Referrer-Policy", "no-referrer")
	s.render(c, http.StatusOK, "invite", Page{Title: "Set your password", Data: inviteView{Person: u, Token: c.Param("token")}})
	return nil
}

// inviteView is what invite.html reads.
type inviteView struct {
	Person *models.User
	Token  string
	Errors map[string]string
}

// inviteAccept serves POST /invite/{token}: sets the password, uses the
// invitation up and signs the person in.
func (s *Server) inviteAccept(c *gin.Context) error {
	ctx, token := c.Request.Context(), c.Param("token")
	person, err := s.store.Invitation(ctx, token)
	if err != nil {
		return err
	}
	password := c.PostForm("password")
	if password != c.PostForm("confirm") {
		return s.inviteInvalid(c, person, token, map[string]string{"confirm": "type the same password twice"})
	}
	u, err := s.store.AcceptInvitation(ctx, token, password)
	if fields := validationFields(err); fields != nil {
		return s.inviteInvalid(c, person, token, fields)
	}
	if err != nil {
		return err
	}
	if old, err := c.Cookie(sessionCookie); err == nil {
		_ = s.store.DeleteSession(ctx, old)
	}
	session, err := s.store.CreateSession(ctx, u.ID)
	if err != nil {
		return err
	}
	s.setSessionCookie(c, session, int(models.SessionAbsoluteTimeout.Seconds()))
	c.Redirect(http.StatusSeeOther, "/")
	return nil
}

func (s *Server) inviteInvalid(c *gin.Context, person *models.User, token string, fields map[string]string) error {
	c.Header("Referrer-Policy", "no-referrer")
	s.render(c, http.StatusUnprocessableEntity, "invite", Page{Title: "Set your password",
		Data: inviteView{Person: person, Token: token, Errors: fields}})
	return nil
}
