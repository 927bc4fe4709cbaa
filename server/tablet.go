package server

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
	"firstperson/render"
)

// tabletRoutes adds the shared-tablet endpoints (issue 11, docs/TABLET.md):
// the per-user key that seals what a tablet keeps offline, the idle lock's
// unlock, and the team lead's tablet settings page.
func (s *Server) tabletRoutes(e *gin.Engine, pages *gin.RouterGroup) {
	// The service worker: a module worker's script is fetched without
	// cookies, and it holds nothing of anyone's record.
	e.GET("/assessments/offline.js", s.page(s.assessmentServiceWorker))
	e.GET("/tablet/key", s.api(s.tabletKey))
	e.POST("/tablet/unlock", s.api(s.tabletUnlock))
	pages.GET("/team/tablet", s.page(s.tabletSettings))
	pages.POST("/team/tablet", s.page(s.saveTabletSettings))
}

// sessionUser is the user of a browser session; a bearer token (a
// program) or no session is errUnauthorized: the tablet key and the
// unlock are for a signed-in browser only.
func (s *Server) sessionUser(c *gin.Context) (*models.User, string, error) {
	u := currentUser(c)
	token, err := c.Cookie(sessionCookie)
	if u == nil || err != nil || token == "" || c.GetHeader("Authorization") != "" {
		return nil, "", errUnauthorized
	}
	return u, token, nil
}

// tabletKey serves GET /tablet/key: the signed-in user's tablet key (the
// same every time for the same user) and when the session's absolute
// limit ends, after which the tablet deletes it.
func (s *Server) tabletKey(c *gin.Context) error {
	c.Header("Cache-Control", "no-store")
	u, token, err := s.sessionUser(c)
	if err != nil {
		return err
	}
	key, err := s.store.DeviceKey(c.Request.Context(), u.ID)
	if err != nil {
		return err
	}
	expires, err := s.store.SessionExpiry(c.Request.Context(), token)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"user": u.ID, "key": base64.StdEncoding.EncodeToString(key),
		"expires_at": expires.UTC().Format(time.RFC3339)})
	return nil
}

// tabletUnlock serves POST /tablet/unlock {"password"}: the idle lock
// asks for the signed-in user's password again. 204, or 422 naming the
// field.
func (s *Server) tabletUnlock(c *gin.Context) error {
	u, _, err := s.sessionUser(c)
	if err != nil {
		return err
	}
	var body struct {
		Password string `json:"password"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	if body.Password == "" {
		return &forms.ValidationError{Message: "enter your password",
			Fields: map[string]string{"password": "enter your password to unlock"}}
	}
	if _, err := s.store.Authenticate(c.Request.Context(), u.Email, body.Password); err != nil {
		return &forms.ValidationError{Message: "that password is not right",
			Fields: map[string]string{"password": "that is not your password; try again"}}
	}
	c.Status(http.StatusNoContent)
	return nil
}

// tabletSettingsPage is what /team/tablet shows.
type tabletSettingsPage struct {
	Minutes  string
	Error    string
	Saved    bool
	Min, Max int
}

// tabletSettings serves GET /team/tablet: the idle lock, for the team lead.
func (s *Server) tabletSettings(c *gin.Context) error {
	u, err := lead(c)
	if err != nil {
		return err
	}
	m, err := s.store.IdleLockMinutes(c.Request.Context(), u.TeamID)
	if err != nil {
		return err
	}
	s.render(c, http.StatusOK, "team_tablet", Page{Title: "Tablets", Nav: "tablet", Data: tabletSettingsPage{
		Minutes: strconv.Itoa(m), Saved: c.Query("saved") != "", Min: models.IdleLockMin, Max: models.IdleLockMax}})
	return nil
}

// saveTabletSettings serves POST /team/tablet.
func (s *Server) saveTabletSettings(c *gin.Context) error {
	u, err := lead(c)
	if err != nil {
		return err
	}
	raw := strings.TrimSpace(c.PostForm("idle_lock_minutes"))
	m, convErr := strconv.Atoi(raw)
	if convErr == nil {
		err = s.store.SetIdleLockMinutes(c.Request.Context(), u.Actor(), m)
	}
	if convErr != nil || err != nil {
		msg := "enter a whole number of minutes"
		if ve, ok := err.(*forms.ValidationError); ok {
			msg = ve.Fields["idle_lock_minutes"]
		} else if err != nil {
			return err
		}
		s.render(c, http.StatusUnprocessableEntity, "team_tablet", Page{Title: "Tablets", Nav: "tablet",
			Data: tabletSettingsPage{Minutes: raw, Error: msg, Min: models.IdleLockMin, Max: models.IdleLockMax}})
		return nil
	}
	c.Redirect(http.StatusSeeOther, "/team/tablet?saved=1")
	return nil
}

// idleLock is the signed-in user's team idle lock, or the default.
func (s *Server) idleLock(c *gin.Context) int {
	u := currentUser(c)
	if u == nil {
		return models.IdleLockDefault
	}
	m, err := s.store.IdleLockMinutes(c.Request.Context(), u.TeamID)
	if err != nil {
		return models.IdleLockDefault
	}
	return m
}

// sectionTitle is "Section title · " for the page title, or "".
func sectionTitle(v *render.AssessmentView) string {
	if cur := v.CurrentSection(); cur != nil && cur.Title != "" {
		return cur.Title + " · "
	}
	return ""
}
