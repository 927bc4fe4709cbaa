package server

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"firstperson/models"
)

// setPasswordPath is where a one-time password is replaced.
const setPasswordPath = "/account/password"

// errOneTimePassword answers the API while the caller's password is a
// one-time one.
var errOneTimePassword = fmt.Errorf("your password is a one-time password: set your own at %s "+
	"(or POST /api/v1/account/password) before using the API: %w", setPasswordPath, errForbidden)

// accountRoutes adds the signed-in user's own account: the page, password,
// API tokens and sessions.
func (s *Server) accountRoutes(pages, api *gin.RouterGroup) {
	pages.GET("/account", s.page(s.accountPage))
	pages.GET(setPasswordPath, s.page(s.passwordPage))
	pages.POST(setPasswordPath, s.page(s.passwordChange))
	pages.POST("/account/tokens", s.page(s.accountTokenCreate))
	pages.POST("/account/tokens/:id/revoke", s.page(s.accountTokenRevoke))
	pages.POST("/account/sessions/end", s.page(s.accountEndSessions))

	api.POST("/account/password", s.api(s.apiChangePassword))
	api.GET("/tokens", s.api(s.apiTokens))
	api.POST("/tokens", s.api(s.apiCreateToken))
	api.DELETE("/tokens/:id", s.api(s.apiRevokeToken))
}

// requireOwnPassword holds a user with a one-time password at the
// set-a-new-password page (pages) or answers 403 (API) until it is
// replaced.
func (s *Server) requireOwnPassword(c *gin.Context) {
	u := currentUser(c)
	if u == nil || !u.MustChangePassword {
		c.Next()
		return
	}
	p := c.Request.URL.Path
	if p == setPasswordPath || p == "/api/v1/account/password" {
		c.Next()
		return
	}
	if strings.HasPrefix(p, "/api/") {
		s.writeAPIError(c, errOneTimePassword)
		return
	}
	c.Abort()
	c.Redirect(http.StatusSeeOther, setPasswordPath)
}

// loginRefused re-renders the sign-in form: 422 for a wrong password, 429
// with Retry-After when throttled.
func (s *Server) loginRefused(c *gin.Context, form loginForm, err error) {
	var th *models.ThrottledError
	switch {
	case errors.As(err, &th):
		secs := int(th.RetryAfter.Seconds())
		c.Header("Retry-After", fmt.Sprint(secs))
		form.Error = fmt.Sprintf("Too many failed attempts. Please wait %s and try again.", waitWords(secs))
		s.render(c, http.StatusTooManyRequests, "login", Page{Title: "Sign in", Data: form})
	case errors.Is(err, models.ErrNotFound):
		form.Error = "That email and password do not match an account."
		s.render(c, http.StatusUnprocessableEntity, "login", Page{Title: "Sign in", Data: form})
	default:
		s.renderError(c, err)
	}
}

// logPath keeps invitation tokens (credentials) out of the log.
func logPath(p string) string {
	if strings.HasPrefix(p, "/invite/") {
		return "/invite/…"
	}
	return p
}

// setRetryAfter adds Retry-After to a throttled answer.
func setRetryAfter(c *gin.Context, err error) {
	var th *models.ThrottledError
	if errors.As(err, &th) {
		c.Header("Retry-After", fmt.Sprint(int(th.RetryAfter.Seconds())))
	}
}

// waitWords says a wait in seconds for a person.
func waitWords(secs int) string {
	if secs <= 60 {
		return "a minute"
	}
	return fmt.Sprintf("%d minutes", (secs+59)/60)
}

// sessionToken is the browser's own session token ("" for API clients).
func sessionToken(c *gin.Context) string {
	if c.GetHeader("Authorization") != "" {
		return ""
	}
	t, _ := c.Cookie(sessionCookie)
	return t
}

// apiChangePassword serves POST /api/v1/account/password.
func (s *Server) apiChangePassword(c *gin.Context) error {
	var in struct {
		Current string `json:"current"`
		New     string `json:"new"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u := currentUser(c)
	if err := s.store.ChangePassword(c.Request.Context(), u, in.Current, in.New, sessionToken(c), c.ClientIP()); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// tokenJSON is an API token as the API lists it (never the token itself).
type tokenJSON struct {
	ID         uint       `json:"id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
}

// apiTokens serves GET /api/v1/tokens: the caller's own tokens.
func (s *Server) apiTokens(c *gin.Context) error {
	ts, err := s.store.Tokens(c.Request.Context(), currentUser(c).ID)
	if err != nil {
		return err
	}
	out := make([]tokenJSON, 0, len(ts))
	for _, t := range ts {
		out = append(out, tokenJSON{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt, LastUsedAt: t.LastUsedAt})
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// apiCreateToken serves POST /api/v1/tokens {"name"} → 201 {"id","token"}.
func (s *Server) apiCreateToken(c *gin.Context) error {
	var in struct {
		Name string `json:"name"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	t, token, err := s.store.CreateNamedToken(c.Request.Context(), currentUser(c), in.Name)
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, gin.H{"id": t.ID, "token": token})
	return nil
}

// apiRevokeToken serves DELETE /api/v1/tokens/{id} → 204.
func (s *Server) apiRevokeToken(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	if err := s.store.RevokeToken(c.Request.Context(), currentUser(c), id); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}
