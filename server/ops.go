package server

import (
	"context"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// healthEvery is how often GET /healthz writes to the database at most;
// between probes it answers with the last result.
const healthEvery = 5 * time.Second

// healthState remembers the last write probe.
type healthState struct {
	mu  sync.Mutex
	at  time.Time
	err error
}

// health serves GET /healthz: 200 when the database answers a read and
// takes a write, else 503 with the reason (a load balancer takes the
// process out of service instead of sending it saves that will fail).
func (s *Server) health(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	err := s.checkHealth(c.Request.Context())
	if err != nil {
		s.log.Error("health check", "err", err)
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "reason": err.Error()})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

func (s *Server) checkHealth(ctx context.Context) error {
	if err := s.store.Ping(ctx); err != nil {
		return err
	}
	h := &s.healthState
	h.mu.Lock()
	defer h.mu.Unlock()
	if now := s.now(); h.at.IsZero() || now.Sub(h.at) >= healthEvery || now.Before(h.at) {
		ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		defer cancel()
		h.err = s.store.ProbeWrite(ctx)
		h.at = now
	}
	return h.err
}

// opsHeaders sets the headers every response needs: HSTS when the public
// address is https, and no-store on the API and the care-home pages, which
// carry personal data that no shared cache or back button may keep.
func (s *Server) opsHeaders(c *gin.Context) {
	if strings.HasPrefix(s.publicURL, "https://") {
		c.Header("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
	}
	if p := c.Request.URL.Path; strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/s/") || strings.HasPrefix(p, "/invite/") {
		c.Header("Cache-Control", "no-store")
	}
	c.Next()
}

// secretPath matches the path segments that are credentials: share links
// (/s/TOKEN, /api/v1/shares/TOKEN) and invitations (/invite/TOKEN).
var secretPath = regexp.MustCompile(`(/s/|/shares/|/invite/)[^/\s?#"'&]+`)

// RedactSecrets replaces share and invitation tokens in s with "…".
func RedactSecrets(s string) string {
	if !strings.Contains(s, "/s/") && !strings.Contains(s, "/shares/") && !strings.Contains(s, "/invite/") {
		return s
	}
	return secretPath.ReplaceAllString(s, "${1}…")
}

// redactingHandler is a slog.Handler that passes every message and
// attribute through RedactSecrets, so no log line (an access line, a
// failed request's error, a panic) carries a token, whoever logs it.
type redactingHandler struct{ next slog.Handler }

func (h redactingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

func (h redactingHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, RedactSecrets(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(redactAttr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h redactingHandler) WithAttrs(as []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(as))
	for i, a := range as {
		red[i] = redactAttr(a)
	}
	return redactingHandler{h.next.WithAttrs(red)}
}

func (h redactingHandler) WithGroup(name string) slog.Handler {
	return redactingHandler{h.next.WithGroup(name)}
}

func redactAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, RedactSecrets(v.String()))
	case slog.KindGroup:
		g := v.Group()
		red := make([]any, len(g))
		for i, ga := range g {
			red[i] = redactAttr(ga)
		}
		return slog.Group(a.Key, red...)
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, RedactSecrets(err.Error()))
		}
		return slog.String(a.Key, RedactSecrets(v.String()))
	default:
		return slog.Attr{Key: a.Key, Value: v}
	}
}
