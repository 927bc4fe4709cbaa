package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"firstperson/models"
)

// lockedBuffer is a log destination the handlers may write concurrently.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// slowClock moves two seconds on every reading, so every request is "slow"
// and gets its access-log line.
func slowClock() func() time.Time {
	var mu sync.Mutex
	t := time.Now()
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(2 * time.Second)
		return t
	}
}

func TestNoShareOrInvitationTokenReachesTheLog(t *testing.T) {
	logs := &lockedBuffer{}
	app := newApp(t, func(c *Config) {
		c.Log = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		c.Now = slowClock()
	})
	id := app.completeAssessment(app.lead)
	var share struct {
		URL string `json:"url"`
	}
	app.json("POST", fmt.Sprintf("/api/v1/assessments/%d/shares", id), app.lead,
		map[string]any{"recipient": "Rosewood House", "expires_in_hours": 48}, http.StatusCreated, &share)
	token := strings.TrimPrefix(share.URL, "/s/")
	if token == share.URL || len(token) < 16 {
		t.Fatalf("share url %q", share.URL)
	}
	for _, p := range []string{"/s/" + token, "/s/" + token + "/pdf", "/s/" + token + "?x=1",
		"/invite/inv1tati0nSecret", "/s/n0SuchShareT0ken"} {
		resp, _ := app.do("GET", p, "", nil)
		if resp.StatusCode == http.StatusInternalServerError {
			t.Fatalf("GET %s: 500", p)
		}
	}
	app.do("DELETE", "/api/v1/shares/"+token, app.lead, nil)
	// The access line is written after the response went out: wait for it.
	out := logs.String()
	for deadline := time.Now().Add(3 * time.Second); !strings.Contains(out, "/api/v1/shares/…") && time.Now().Before(deadline); out = logs.String() {
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(out, "path=/s/…") || !strings.Contains(out, "/api/v1/shares/…") {
		t.Fatalf("the slow requests were not logged with a redacted path:\n%s", out)
	}
	for _, secret := range []string{token, "inv1tati0nSecret", "n0SuchShareT0ken"} {
		if strings.Contains(out, secret) {
			t.Fatalf("log holds %q:\n%s", secret, out)
		}
	}
}

func TestRedactingHandlerCoversErrorsGroupsAndAttrs(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(redactingHandler{slog.NewJSONHandler(&buf, nil)})
	log.With("url", "https://x.example/s/abcDEF123").Error("failed /invite/zzTop9",
		"err", fmt.Errorf("load /s/qwerty12/pdf: %w", errors.New("gone")),
		slog.Group("req", "path", "/api/v1/shares/tok-_9"), "n", 3)
	out := buf.String()
	for _, secret := range []string{"abcDEF123", "zzTop9", "qwerty12", "tok-_9"} {
		if strings.Contains(out, secret) {
			t.Fatalf("log holds %q: %s", secret, out)
		}
	}
	if !strings.Contains(out, `/s/…/pdf`) || !strings.Contains(out, `"n":3`) {
		t.Fatalf("redaction mangled the line: %s", out)
	}
}

func TestHSTSOnlyWhenThePublicAddressIsHTTPS(t *testing.T) {
	plain := newTestApp(t)
	resp, _ := plain.do("GET", "/login", "", nil)
	if h := resp.Header.Get("Strict-Transport-Security"); h != "" {
		t.Fatalf("HSTS on http: %q", h)
	}
	secure := newApp(t, func(c *Config) { c.PublicURL = "https://firstperson.example.org" })
	for _, p := range []string{"/login", "/healthz", "/api/v1/templates"} {
		resp, _ := secure.do("GET", p, "", nil)
		if h := resp.Header.Get("Strict-Transport-Security"); !strings.HasPrefix(h, "max-age=31536000") {
			t.Fatalf("GET %s: HSTS = %q", p, h)
		}
	}
}

func TestAPIResponsesWithPersonalDataAreNoStore(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.lead)
	for _, c := range []struct{ method, path string }{
		{"GET", "/api/v1/assessments"},
		{"GET", fmt.Sprintf("/api/v1/assessments/%d", id)},
		{"GET", fmt.Sprintf("/api/v1/assessments/%d/audit", id)},
		{"GET", fmt.Sprintf("/api/v1/assessments/%d/fhir", id)},
		{"PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", id)},
		{"GET", "/api/v1/assessments/999999"},
	} {
		var body any
		if c.method == "PATCH" {
			body = map[string]any{"revision": 0, "answers": map[string]any{"my-name": "Ann Example"}}
		}
		resp, _ := app.do(c.method, c.path, app.lead, body)
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("%s %s (%d): Cache-Control %q", c.method, c.path, resp.StatusCode, cc)
		}
	}
}

func TestHealthzProbesAWriteAndAnswers503OnAReadOnlyDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "health.db")
	store, err := models.Open(ctx, path, models.WithPasswordCost(bcrypt.MinCost))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Bootstrap(ctx); err != nil {
		t.Fatal(err)
	}
	get := func(store *models.Store) (int, map[string]string) {
		s, err := New(Config{Store: store, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
		var body map[string]string
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatalf("healthz body %q: %v", rec.Body, err)
		}
		return rec.Code, body
	}
	if code, body := get(store); code != http.StatusOK || body["status"] != "ok" {
		t.Fatalf("writable: %d %v", code, body)
	}
	store.Close()
	ro, err := models.Open(ctx, "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	code, body := get(ro)
	if code != http.StatusServiceUnavailable || body["status"] != "unavailable" ||
		!strings.Contains(body["reason"], "does not take writes") {
		t.Fatalf("read-only: %d %v", code, body)
	}
}

// /healthz writes at most once every healthEvery: a load balancer polling
// each second costs the database one write per five seconds, and between
// probes the last result stands.
func TestHealthzWritesAtMostEveryFiveSeconds(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	path := filepath.Join(t.TempDir(), "health.db")
	store, err := models.Open(ctx, path, models.WithClock(clock), models.WithPasswordCost(bcrypt.MinCost))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	look, err := gorm.Open(sqlite.Open("file:"+path+"?mode=ro"), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if db, err := look.DB(); err == nil {
		defer db.Close()
	}
	s, err := New(Config{Store: store, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	probedAt := func() time.Time {
		var at time.Time
		if err := look.Raw(`SELECT at FROM health_probe WHERE id = 1`).Row().Scan(&at); err != nil {
			t.Fatal(err)
		}
		return at.UTC()
	}
	get := func() {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("healthz: %d %s", rec.Code, rec.Body)
		}
	}
	start := now
	get()
	if got := probedAt(); !got.Equal(start) {
		t.Fatalf("first probe wrote %v, want %v", got, start)
	}
	for range 4 { // 1 s apart: no new write
		advance(time.Second)
		get()
		if got := probedAt(); !got.Equal(start) {
			t.Fatalf("probe written again %v after the first", got.Sub(start))
		}
	}
	advance(time.Second) // 5 s after the first
	get()
	if got := probedAt(); !got.Equal(start.Add(healthEvery)) {
		t.Fatalf("probe at +5 s wrote %v, want %v", got, start.Add(healthEvery))
	}
}
