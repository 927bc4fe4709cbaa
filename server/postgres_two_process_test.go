package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"firstperson/internal/pgtest"
	"firstperson/models"
)

// TestTwoProcessesOnOnePostgreSQL runs two complete apps (two Stores, two
// engines, as two processes behind a load balancer would) on one
// PostgreSQL database and checks the promises that must hold across them.
func TestTwoProcessesOnOnePostgreSQL(t *testing.T) {
	dsn := pgtest.DSN(t, "server_two_process")
	a := newAppOn(t, dsn, nil)
	storeB, err := models.Open(context.Background(), dsn, models.WithPasswordCost(bcrypt.MinCost))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { storeB.Close() })
	srvB, err := New(Config{Store: storeB, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	b := &testApp{t: t, store: storeB, srv: httptest.NewServer(srvB.Handler()), lead: a.lead, assessor: a.assessor,
		other: a.other, leadPass: a.leadPass, template: a.template}
	t.Cleanup(b.srv.Close)

	// A save through one and a stale save through the other: 409 with the
	// first one's answers, never a silent overwrite.
	id := a.startAssessment(a.assessor)
	path := fmt.Sprintf("/api/v1/assessments/%d/answers", id)
	a.json("PATCH", path, a.assessor, map[string]any{"revision": 0, "answers": map[string]any{"good-day": "Tablet A"}}, http.StatusOK, nil)
	e := b.fail("PATCH", path, b.assessor, map[string]any{"revision": 0, "answers": map[string]any{"good-day": "Tablet B"}}, http.StatusConflict)
	if e.Revision == nil || *e.Revision != 1 || e.Answers["good-day"] != "Tablet A" {
		t.Fatalf("stale save through B: %+v", e)
	}

	// A session made on one works on the other.
	browser := a.browser(models.DefaultLeadEmail, a.leadPass)
	u, _ := url.Parse(a.srv.URL)
	cookies := browser.Jar.Cookies(u)
	if len(cookies) == 0 {
		t.Fatal("no session cookie from A")
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	withCookies := func(method, url string, body io.Reader) int {
		t.Helper()
		req, _ := http.NewRequest(method, url, body)
		req.Header.Set("Content-Type", "application/json")
		for _, c := range cookies {
			req.AddCookie(c)
		}
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := withCookies("GET", b.srv.URL+"/assessments", nil); got != http.StatusOK {
		t.Fatalf("A's session on B: %d", got)
	}

	// Signed out through B, the session saves nothing through A, although
	// A read it for an autosave a moment before (models/autosave_cache.go).
	if got := withCookies("PATCH", a.srv.URL+path, strings.NewReader(`{"revision": 1, "answers": {"good-day": "Signed in"}}`)); got != http.StatusOK {
		t.Fatalf("autosave with the session through A: %d", got)
	}
	if got := withCookies("POST", b.srv.URL+"/logout", nil); got != http.StatusSeeOther {
		t.Fatalf("sign out through B: %d", got)
	}
	if got := withCookies("PATCH", a.srv.URL+path, strings.NewReader(`{"revision": 2, "answers": {"good-day": "Signed out"}}`)); got != http.StatusUnauthorized {
		t.Fatalf("autosave through A after signing out through B: %d, want 401", got)
	}
	var after struct {
		Revision int            `json:"revision"`
		Answers  map[string]any `json:"answers"`
	}
	b.json("GET", fmt.Sprintf("/api/v1/assessments/%d", id), b.lead, nil, http.StatusOK, &after)
	if after.Revision != 2 || after.Answers["good-day"] != "Signed in" {
		t.Fatalf("after the refused save: revision %d, %v", after.Revision, after.Answers["good-day"])
	}

	// A save racing a completion across the processes never changes a
	// completed assessment: no answer change is recorded after the
	// completion, and the completed answers are what the audit says.
	for round := 0; round < 15; round++ {
		id := a.startAssessment(a.assessor)
		path := fmt.Sprintf("/api/v1/assessments/%d/answers", id)
		a.json("PATCH", path, a.assessor, map[string]any{"revision": 0, "answers": fullAnswers()}, http.StatusOK, nil)
		var wg sync.WaitGroup
		var saveStatus, completeStatus int
		wg.Add(2)
		go func() {
			defer wg.Done()
			r, _ := b.do("PATCH", path, b.assessor, map[string]any{"revision": 1, "answers": map[string]any{"good-day": fmt.Sprintf("Late %d", round)}})
			saveStatus = r.StatusCode
		}()
		go func() {
			defer wg.Done()
			r, _ := a.do("POST", fmt.Sprintf("/api/v1/assessments/%d/complete", id), a.assessor, nil)
			completeStatus = r.StatusCode
		}()
		wg.Wait()
		if (saveStatus != http.StatusOK && saveStatus != http.StatusConflict) || (completeStatus != http.StatusOK && completeStatus != http.StatusConflict) {
			t.Fatalf("round %d: save %d, complete %d", round, saveStatus, completeStatus)
		}
		var audit []struct {
			Action string `json:"action"`
		}
		a.json("GET", fmt.Sprintf("/api/v1/assessments/%d/audit", id), a.lead, nil, http.StatusOK, &audit)
		completed := false
		for _, ev := range audit {
			if ev.Action == "assessment.completed" {
				completed = true
			}
			if completed && ev.Action == "answer.changed" {
				t.Fatalf("round %d: an answer changed after completion: %+v", round, audit)
			}
		}
		var got struct {
			Status  string         `json:"status"`
			Answers map[string]any `json:"answers"`
		}
		b.json("GET", fmt.Sprintf("/api/v1/assessments/%d", id), b.lead, nil, http.StatusOK, &got)
		if completed != (got.Status == "completed") || completed != (completeStatus == http.StatusOK) {
			t.Fatalf("round %d: status %q, complete %d, audit %+v", round, got.Status, completeStatus, audit)
		}
		if late := got.Answers["good-day"] == fmt.Sprintf("Late %d", round); late != (saveStatus == http.StatusOK) {
			t.Fatalf("round %d: save answered %d but the late answer stored = %v", round, saveStatus, late)
		}
	}
}
