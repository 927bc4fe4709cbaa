package server

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"firstperson/models"
)

func TestMetricsAreCountedAndServedOnlyOnTheirOwnAddress(t *testing.T) {
	m := NewMetrics()
	app := newAppOn(t, filepath.Join(t.TempDir(), "test.db"), []models.Option{models.WithHooks(m.StoreHooks())},
		func(c *Config) { c.Metrics = m })
	for _, p := range []string{"/metrics", "/api/v1/metrics", "/static/metrics"} {
		if resp, body := app.do("GET", p, "", nil); resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusUnauthorized || strings.Contains(string(body), "firstperson_http_requests_total") {
			t.Fatalf("GET %s on the public address: %d", p, resp.StatusCode)
		}
	}
	id := app.completeAssessment(app.assessor)
	other := app.startAssessment(app.assessor)
	path := fmt.Sprintf("/api/v1/assessments/%d/answers", other)
	app.json("PATCH", path, app.assessor, map[string]any{"revision": 0, "answers": map[string]any{"good-day": "Fine"}}, http.StatusOK, nil)
	app.fail("PATCH", path, app.assessor, map[string]any{"revision": 0, "answers": map[string]any{"good-day": "Stale"}}, http.StatusConflict)
	app.fail("PATCH", path, app.assessor, map[string]any{"revision": 1, "answers": map[string]any{"people-to-move": "many"}}, http.StatusUnprocessableEntity)
	var share struct {
		URL string `json:"url"`
	}
	app.json("POST", fmt.Sprintf("/api/v1/assessments/%d/shares", id), app.lead,
		map[string]any{"recipient": "Rosewood House", "expires_in_hours": 48}, http.StatusCreated, &share)
	if resp, _ := app.do("GET", share.URL+"/pdf", "", nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("share pdf: %d", resp.StatusCode)
	}

	ms := httptest.NewServer(m.Handler())
	defer ms.Close()
	// A request is counted after its response went out, so the last one
	// may still be on its way to the counters: read until they settle.
	var out string
	for deadline := time.Now().Add(3 * time.Second); ; {
		resp, err := http.Get(ms.URL)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		out = string(b)
		if strings.Contains(out, `route="/s/:token/pdf"} 1`) || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	for _, want := range []string{
		`firstperson_http_requests_total{method="PATCH",route="/api/v1/assessments/:id/answers",status="200"} 2`,
		`firstperson_http_requests_total{method="PATCH",route="/api/v1/assessments/:id/answers",status="409"} 1`,
		`firstperson_http_request_duration_seconds_count{method="GET",route="/s/:token/pdf"} 1`,
		`firstperson_autosaves_total{result="saved"} 2`,
		`firstperson_autosaves_total{result="conflict"} 1`,
		`firstperson_autosaves_total{result="invalid"} 1`,
		`firstperson_group_commit_batch_saves_count 2`,
		`firstperson_pdf_render_seconds_count 1`,
		`firstperson_db_errors_total 0`,
		`route="unmatched"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if token := strings.TrimPrefix(share.URL, "/s/"); strings.Contains(out, token) {
		t.Error("a share token reached the metrics")
	}
	if t.Failed() {
		t.Log(out)
	}
}
