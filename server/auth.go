package server

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"firstperson/models"
)

// loginForm is what the sign-in page shows and keeps on a failed attempt.
type loginForm struct {
	Email string
	Next  string
	Error string
}

// loginPage serves GET /login.
func (s *Server) loginPage(c *gin.Context) {
	if currentUser(c) != nil {
		c.Redirect(http.StatusSeeOther, safeNext(c.Query("next")))
		return
	}
	s.render(c, http.StatusOK, "login", Page{Title: "Sign in", Data: loginForm{Next: safeNext(c.Query("next"))}})
}

// login serves POST /login: checks the password, rotates the session and
// goes back where the user was heading.
func (s *Server) login(c *gin.Context) {
	form := loginForm{Email: strings.TrimSpace(c.PostForm("email")), Next: safeNext(c.PostForm("next"))}
	u, err := s.store.SignIn(c.Request.Context(), form.Email, c.PostForm("password"), c.ClientIP())
	if err != nil {
		s.loginRefused(c, form, err)
		return
	}
	// A fresh session on every sign-in: an old cookie planted before login
	// (session fixation) never becomes a signed-in one.
	if old, err := c.Cookie(sessionCookie); err == nil {
		_ = s.store.DeleteSession(c.Request.Context(), old)
	}
	token, err := s.store.CreateSession(c.Request.Context(), u.ID)
	if err != nil {
		s.renderError(c, err)
		return
	}
	s.setSessionCookie(c, token, int(models.SessionAbsoluteTimeout.Seconds()))
	if u.MustChangePassword {
		c.Redirect(http.StatusSeeOther, setPasswordPath)
		return
	}
	c.Redirect(http.StatusSeeOther, form.Next)
}

// logout serves POST /logout.
func (s *Server) logout(c *gin.Context) {
	if token, err := c.Cookie(sessionCookie); err == nil {
		_ = s.store.DeleteSession(c.Request.Context(), token)
	}
	s.setSessionCookie(c, "", -1)
	c.Redirect(http.StatusSeeOther, "/login")
}

func (s *Server) setSessionCookie(c *gin.Context, value string, maxAge int) {
	http.SetCookie(c.Writer, &http.Cookie{
		Name: sessionCookie, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.secure || c.Request.TLS != nil, SameSite: http.SameSiteLaxMode,
	})
}
