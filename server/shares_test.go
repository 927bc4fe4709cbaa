package server

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// completeAssessment starts and completes an assessment on the default template.
func (a *testApp) completeAssessment(token string) uint {
	a.t.Helper()
	id := a.startAssessment(token)
	a.json("PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", id), token,
		map[string]any{"revision": 0, "answers": fullAnswers()}, http.StatusOK, nil)
	a.json("POST", fmt.Sprintf("/api/v1/assessments/%d/complete", id), token, nil, http.StatusOK, nil)
	return id
}

func TestAssessmentPDF(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	resp, body := app.do("GET", fmt.Sprintf("/api/v1/assessments/%d/pdf", id), app.assessor, nil)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(body, []byte("%PDF-")) {
		t.Fatalf("pdf: %d %s %q", resp.StatusCode, resp.Header.Get("Content-Type"), body[:min(len(body), 20)])
	}
	if !strings.Contains(resp.Header.Get("Content-Disposition"), "FP-") {
		t.Fatalf("content disposition = %q", resp.Header.Get("Content-Disposition"))
	}
	app.fail("GET", fmt.Sprintf("/api/v1/assessments/%d/pdf", id), app.other, nil, http.StatusNotFound)
}

func TestShareLinksForTheCareHome(t *testing.T) {
	app := newTestApp(t)
	unfinished := app.startAssessment(app.assessor)
	app.fail("POST", fmt.Sprintf("/api/v1/assessments/%d/shares", unfinished), app.assessor,
		map[string]any{"recipient": "Rosewood House", "expires_in_hours": 48}, http.StatusConflict)

	id := app.completeAssessment(app.assessor)
	path := fmt.Sprintf("/api/v1/assessments/%d/shares", id)
	e := app.fail("POST", path, app.assessor, map[string]any{"recipient": "", "expires_in_hours": 100000}, http.StatusUnprocessableEntity)
	if e.Error.Fields["recipient"] == "" || e.Error.Fields["expires_in_hours"] == "" {
		t.Fatalf("fields = %v", e.Error.Fields)
	}
	app.fail("POST", path, app.other, map[string]any{"recipient": "X", "expires_in_hours": 1}, http.StatusNotFound)

	var share struct{ URL, Token string }
	app.json("POST", path, app.assessor, map[string]any{"recipient": "Rosewood House", "expires_in_hours": 48}, http.StatusCreated, &share)
	if !strings.HasPrefix(share.URL, "/s/") || len(share.Token) < 43 {
		t.Fatalf("share = %+v", share)
	}

	// The care home needs no account.
	resp, err := http.Get(app.srv.URL + share.URL)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), "Zoë Ó&#39;Brien-Łukasiewicz") ||
		!strings.Contains(string(page), "943 476 5919") || !strings.Contains(string(page), "Ada Assessor") {
		t.Fatalf("share page: %d %s", resp.StatusCode, page)
	}
	if resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("Referrer-Policy") != "no-referrer" {
		t.Fatalf("share headers: %v", resp.Header)
	}
	resp, err = http.Get(app.srv.URL + share.URL + "/pdf")
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("share pdf: %d", resp.StatusCode)
	}

	var list []map[string]any
	app.json("GET", path, app.assessor, nil, http.StatusOK, &list)
	if len(list) != 1 || list[0]["active"] != true || list[0]["token"] != nil {
		t.Fatalf("list = %v", list)
	}
	app.fail("DELETE", "/api/v1/shares/"+share.Token, app.other, nil, http.StatusNotFound)
	app.json("DELETE", "/api/v1/shares/"+share.Token, app.assessor, nil, http.StatusNoContent, nil)
	for _, p := range []string{share.URL, share.URL + "/pdf"} {
		resp, err := http.Get(app.srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusGone {
			t.Fatalf("revoked %s: %d", p, resp.StatusCode)
		}
	}
	resp, _ = http.Get(app.srv.URL + "/s/not-a-real-token")
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("unknown token: %d", resp.StatusCode)
	}

	var audit []struct {
		Action string
		Detail map[string]any
	}
	app.json("GET", fmt.Sprintf("/api/v1/assessments/%d/audit", id), app.assessor, nil, http.StatusOK, &audit)
	seen := map[string]int{}
	for _, ev := range audit {
		seen[ev.Action]++
		if ev.Action == "share.viewed" && ev.Detail["client"] != "127.0.0.1" {
			t.Errorf("view recorded without the client address: %v", ev.Detail)
		}
	}
	if seen["share.viewed"] != 1 || seen["share.downloaded"] != 1 || seen["share.revoked"] != 1 || seen["share.refused"] != 2 {
		t.Fatalf("audit = %v", seen)
	}
}
