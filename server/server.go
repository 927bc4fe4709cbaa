// Package server is Firstperson's HTTP side: the JSON API under /api/v1,
// the browser pages, and the share pages for care homes. routes.go lists
// every route; each resource has its own file.
package server

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"firstperson/models"
)

// MaxBodyBytes caps every request body. The largest honest body is a form
// schema or a signature (at most 512 KiB); anything near this is a mistake
// or an attack.
const MaxBodyBytes = 5 << 20

// Config is what the server needs from the command line.
type Config struct {
	Store *models.Store
	Log   *slog.Logger
	Now   func() time.Time
	// Dev re-reads templates and static files from disk on every request.
	Dev bool
	// TemplatesDir is where Dev reads them from.
	TemplatesDir string
	// SecureCookies marks cookies Secure (behind HTTPS).
	SecureCookies bool
	// PublicURL is the address people reach the app at (e.g.
	// https://firstperson.example.nhs.uk); it makes FHIR canonical URLs
	// stable. Empty means the request's host.
	PublicURL string
	// Mailer sends share links by email; nil when SMTP is not configured.
	Mailer *Mailer
	// Metrics, when set, records request and store metrics (metrics.go);
	// serve its Handler on a separate address.
	Metrics *Metrics
}

// Server holds the handlers' dependencies.
type Server struct {
	store     *models.Store
	log       *slog.Logger
	now       func() time.Time
	pages     *pages
	secure    bool
	publicURL string
	// healthState is GET /healthz's last write probe (ops.go).
	healthState healthState
	mailer      *Mailer
	metrics     *Metrics
}

// New builds the server; it fails when a page template is missing or broken.
func New(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	p, err := loadPages(cfg.Dev, cfg.TemplatesDir)
	if err != nil {
		return nil, err
	}
	return &Server{store: cfg.Store, log: slog.New(redactingHandler{cfg.Log.Handler()}), now: cfg.Now, pages: p, secure: cfg.SecureCookies,
		publicURL: cfg.PublicURL, mailer: cfg.Mailer, metrics: cfg.Metrics}, nil
}

// Handler returns the whole application as an http.Handler: the Gin engine
// behind cross-origin protection for cookie-authenticated writes.
func (s *Server) Handler() http.Handler {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.ContextWithFallback = true
	// Record the address that connected, not a header anyone can forge;
	// behind a reverse proxy, configure it here.
	_ = e.SetTrustedProxies(nil)
	s.routes(e)
	// CrossOriginProtection refuses non-GET requests that a browser marks
	// as cross-site (Sec-Fetch-Site / Origin), which is what CSRF needs.
	// API clients with bearer tokens send neither header and pass.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSONError(w, http.StatusForbidden, "forbidden", "cross-site request refused", nil)
	}))
	return compress(securityHeaders(cop.Handler(e)))
}

// securityHeaders sets the headers every response should carry.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; "+
			"script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
		next.ServeHTTP(w, r)
	})
}
