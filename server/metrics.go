package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"firstperson/models"
)

// Metrics are the Prometheus metrics of one process. They are served only
// by Metrics.Handler, on the separate -metrics-addr, never on the public
// address. A nil *Metrics records nothing.
type Metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	autosaves *prometheus.CounterVec
	batches   prometheus.Histogram
	pdf       prometheus.Histogram
	dbErrors  prometheus.Counter
}

// NewMetrics makes the metrics and their registry (with the Go runtime and
// process collectors).
func NewMetrics() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "firstperson_http_requests_total",
		Help: "HTTP requests by route pattern, method and status."}, []string{"route", "method", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "firstperson_http_request_duration_seconds",
		Help: "HTTP request latency by route pattern and method.", Buckets: prometheus.ExponentialBuckets(0.001, 2, 14)},
		[]string{"route", "method"})
	m.autosaves = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "firstperson_autosaves_total",
		Help: "Answer saves by result: saved, conflict (stale revision or completed), invalid, error."}, []string{"result"})
	m.batches = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "firstperson_group_commit_batch_saves",
		Help: "Saves made durable by one group commit.", Buckets: []float64{1, 2, 4, 8, 16, 32, 64}})
	m.pdf = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "firstperson_pdf_render_seconds",
		Help: "Time to render one care-home PDF.", Buckets: prometheus.ExponentialBuckets(0.005, 2, 10)})
	m.dbErrors = prometheus.NewCounter(prometheus.CounterOpts{Name: "firstperson_db_errors_total",
		Help: "Database statements that failed (not counting not-found, unique conflicts and cancelled requests)."})
	m.reg.MustRegister(m.requests, m.latency, m.autosaves, m.batches, m.pdf, m.dbErrors,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// StoreHooks connects the store's hooks to these metrics.
func (m *Metrics) StoreHooks() models.Hooks {
	return models.Hooks{
		BatchCommitted: func(n int) { m.batches.Observe(float64(n)) },
		DBError:        m.dbErrors.Inc,
	}
}

// autosaveRoutes are the routes that save answers.
var autosaveRoutes = map[string]bool{
	"PATCH /api/v1/assessments/:id/answers": true,
	"POST /assessments/:id/sections/:sid":   true,
}

// observe is the middleware that counts every request by its route
// pattern (never the raw path, which may hold a token).
func (m *Metrics) observe(c *gin.Context) {
	if m == nil {
		c.Next()
		return
	}
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	st := c.Writer.Status()
	m.requests.WithLabelValues(route, c.Request.Method, strconv.Itoa(st)).Inc()
	m.latency.WithLabelValues(route, c.Request.Method).Observe(time.Since(start).Seconds())
	if autosaveRoutes[c.Request.Method+" "+route] {
		result := "error"
		switch {
		case st < 400:
			result = "saved"
		case st == http.StatusConflict:
			result = "conflict"
		case st == http.StatusUnprocessableEntity || st == http.StatusBadRequest:
			result = "invalid"
		}
		m.autosaves.WithLabelValues(result).Inc()
	}
}

// pdfRendered records one PDF's render time.
func (m *Metrics) pdfRendered(d time.Duration) {
	if m != nil {
		m.pdf.Observe(d.Seconds())
	}
}
