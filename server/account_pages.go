package server

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
)

// accountView is what account.html and account_password.html read.
type accountView struct {
	User   *models.User
	Tokens []models.APIToken
	// NewToken is the token just made: shown once, never stored.
	NewToken  string
	TokenName string
	Errors    map[string]string
	// OneTime says the password is a one-time one to replace now.
	OneTime bool
}

func (s *Server) renderAccount(c *gin.Context, status int, v accountView, flash string) error {
	u := currentUser(c)
	ts, err := s.store.Tokens(c.Request.Context(), u.ID)
	if err != nil {
		return err
	}
	v.User, v.Tokens = u, ts
	s.render(c, status, "account", Page{Title: "My account", Nav: "account", Flash: flash, Data: v})
	return nil
}

// accountPage serves GET /account.
func (s *Server) accountPage(c *gin.Context) error {
	flash := map[string]string{
		"password": "Your password is changed. You are signed out everywhere else.",
		"sessions": "You are signed out of every other browser.",
		"revoked":  "The token is revoked; programs using it are refused from now on.",
	}[c.Query("done")]
	return s.renderAccount(c, http.StatusOK, accountView{}, flash)
}

// passwordPage serves GET /account/password: the set-a-new-password page
// a one-time password leads to, and the change form.
func (s *Server) passwordPage(c *gin.Context) error {
	u := currentUser(c)
	s.render(c, http.StatusOK, "account_password", Page{Title: "Set your password", Nav: "account",
		Data: accountView{User: u, OneTime: u.MustChangePassword}})
	return nil
}

// passwordChange serves POST /account/password.
func (s *Server) passwordChange(c *gin.Context) error {
	u := currentUser(c)
	oneTime := u.MustChangePassword
	next := c.PostForm("new")
	var err error = &forms.ValidationError{Message: "the two new passwords differ",
		Fields: map[string]string{"confirm": "type the same new password twice"}}
	if next == c.PostForm("confirm") {
		err = s.store.ChangePassword(c.Request.Context(), u, c.PostForm("current"), next, sessionToken(c), c.ClientIP())
	}
	var ve *forms.ValidationError
	if errors.As(err, &ve) {
		s.render(c, http.StatusUnprocessableEntity, "account_password", Page{Title: "Set your password",
			Nav: "account", Data: accountView{User: u, OneTime: oneTime, Errors: ve.Fields}})
		return nil
	}
	if err != nil {
		return err
	}
	if oneTime {
		c.Redirect(http.StatusSeeOther, "/")
		return nil
	}
	c.Redirect(http.StatusSeeOther, "/account?done=password")
	return nil
}

// accountTokenCreate serves POST /account/tokens; the new token is shown
// on the page it returns, once.
func (s *Server) accountTokenCreate(c *gin.Context) error {
	v := accountView{TokenName: c.PostForm("name")}
	_, token, err := s.store.CreateNamedToken(c.Request.Context(), currentUser(c), v.TokenName)
	var ve *forms.ValidationError
	if errors.As(err, &ve) {
		v.Errors = ve.Fields
		return s.renderAccount(c, http.StatusUnprocessableEntity, v, "")
	}
	if err != nil {
		return err
	}
	v.NewToken, v.TokenName = token, ""
	return s.renderAccount(c, http.StatusCreated, v, "")
}

// accountTokenRevoke serves POST /account/tokens/:id/revoke.
func (s *Server) accountTokenRevoke(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	if err := s.store.RevokeToken(c.Request.Context(), currentUser(c), id); err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, "/account?done=revoked")
	return nil
}

// accountEndSessions serves POST /account/sessions/end: signs out every
// other browser of the user.
func (s *Server) accountEndSessions(c *gin.Context) error {
	if err := s.store.EndOtherSessions(c.Request.Context(), currentUser(c), sessionToken(c)); err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, "/account?done=sessions")
	return nil
}
