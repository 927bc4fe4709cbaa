package server

import (
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"firstperson/models"
)

const (
	sessionCookie = "fp_session"
	userKey       = "user"
)

// recovery turns a panic into a logged 500, so no panic reaches a user.
func (s *Server) recovery() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("panic", "method", c.Request.Method, "path", c.Request.URL.Path,
					"panic", r, "stack", string(debug.Stack()))
				c.Abort()
				if c.Writer.Written() {
					return
				}
				writeJSONError(c.Writer, http.StatusInternalServerError, "internal",
					"something went wrong on our side; nothing was saved by this request", nil)
			}
		}()
		c.Next()
	}
}

// limitBody caps request bodies; reading past the cap fails with
// *http.MaxBytesError, which the error table answers with 413.
func limitBody(c *gin.Context) {
	if c.Request.ContentLength > MaxBodyBytes {
		c.Abort()
		writeJSONError(c.Writer, http.StatusRequestEntityTooLarge, "too_large",
			"the request is larger than 5 MB", nil)
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, MaxBodyBytes)
	c.Next()
}

// accessLog logs each request at debug level and slow or failed ones at info.
func (s *Server) accessLog(c *gin.Context) {
	start := s.now()
	c.Next()
	d := s.now().Sub(start)
	if st := c.Writer.Status(); st >= 500 || d > time.Second {
		s.log.Info("request", "method", c.Request.Method, "path", logPath(c.Request.URL.Path), "status", st, "took", d)
	}
}

// identify finds who is calling: an API bearer token or a session cookie.
// It never refuses; requireUser does.
func (s *Server) identify(c *gin.Context) {
	ctx := c.Request.Context()
	tokenUser, sessionUser := s.store.TokenUser, s.store.SessionUser
	if c.Request.Method == http.MethodPatch && c.FullPath() == autosaveRoute {
		// An autosave only writes, and its write checks the credential
		// again: on PostgreSQL it may come from memory (models/autosave_cache.go).
		tokenUser, sessionUser = s.store.AutosaveTokenUser, s.store.AutosaveSessionUser
	}
	if h := c.GetHeader("Authorization"); h != "" {
		token, ok := strings.CutPrefix(h, "Bearer ")
		if ok {
			if u, err := tokenUser(ctx, strings.TrimSpace(token)); err == nil {
				c.Set(userKey, u)
			}
		}
		c.Next()
		return
	}
	if token, err := c.Cookie(sessionCookie); err == nil && token != "" {
		if u, err := sessionUser(ctx, token); err == nil {
			c.Set(userKey, u)
		}
	}
	c.Next()
}

// currentUser returns the signed-in user, or nil.
func currentUser(c *gin.Context) *models.User {
	if v, ok := c.Get(userKey); ok {
		return v.(*models.User)
	}
	return nil
}

// requireAPIUser answers 401 JSON when nobody is signed in.
func (s *Server) requireAPIUser(c *gin.Context) {
	if currentUser(c) == nil {
		c.Header("WWW-Authenticate", `Bearer realm="firstperson"`)
		s.writeAPIError(c, errUnauthorized)
		return
	}
	c.Next()
}

// requirePageUser sends a browser to the sign-in page, then back.
func (s *Server) requirePageUser(c *gin.Context) {
	if currentUser(c) == nil {
		c.Abort()
		c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(safeNext(c.Request.URL.RequestURI())))
		return
	}
	c.Next()
}

// lead returns the user when they may design templates, else errForbidden.
func lead(c *gin.Context) (*models.User, error) {
	u := currentUser(c)
	if u == nil {
		return nil, errUnauthorized
	}
	if !u.IsLead() {
		return nil, errForbidden
	}
	return u, nil
}

// safeNext keeps a post-login redirect on this site: only a path that
// starts with one "/", with no control characters, no backslash (browsers
// read "\\" as "/") and no "//" anywhere (after a browser strips tabs and
// newlines, "/\t/evil.example" would become "//evil.example").
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.Contains(next, "//") || strings.Contains(next, "\\") ||
		strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f || r == utf8.RuneError }) {
		return "/"
	}
	return next
}
