package server

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// sharedWithHome completes an assessment whose person likes to be called
// Zoë and makes a share link; it returns the id and the link's path.
func (a *testApp) sharedWithHome(token string) (uint, string) {
	a.t.Helper()
	id := a.startAssessment(token)
	ans := fullAnswers()
	ans["please-call-me"] = "Zoë"
	a.json("PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", id), token,
		map[string]any{"revision": 0, "answers": ans}, http.StatusOK, nil)
	a.json("POST", fmt.Sprintf("/api/v1/assessments/%d/complete", id), token, nil, http.StatusOK, nil)
	var out struct {
		URL string `json:"url"`
	}
	a.json("POST", fmt.Sprintf("/api/v1/assessments/%d/shares", id), token,
		map[string]any{"recipient": "Rosewood House", "expires_in_hours": 48}, http.StatusCreated, &out)
	return id, out.URL
}

// asCareHome sends a request without any account, as the care home does.
func (a *testApp) asCareHome(method, path string, body io.Reader, header map[string]string) (*http.Response, string) {
	a.t.Helper()
	req, err := http.NewRequest(method, a.srv.URL+path, body)
	if err != nil {
		a.t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func careHomeForm(v url.Values) (io.Reader, map[string]string) {
	return strings.NewReader(v.Encode()), map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
}

func TestCareHomeAnswersThroughTheShareLink(t *testing.T) {
	app := newTestApp(t)
	id, link := app.sharedWithHome(app.assessor)

	resp, page := app.asCareHome("GET", link, nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "We can meet Zoë's needs") || !strings.Contains(page, "Your decision") ||
		resp.Header.Get("Cache-Control") != "no-store" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "script-src 'self'") {
		t.Fatalf("share page: %d %v\n%s", resp.StatusCode, resp.Header, page)
	}

	// A question without a message is refused, keeping what was typed.
	body, h := careHomeForm(url.Values{"decision": {"question"}, "name": {"Rita Mills"}, "role": {"Home manager"}})
	resp, page = app.asCareHome("POST", link+"/responses", body, h)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "write your question") || !strings.Contains(page, `value="Rita Mills"`) {
		t.Fatalf("question without message: %d\n%s", resp.StatusCode, page)
	}
	body, h = careHomeForm(url.Values{"decision": {"question"}, "name": {"Rita Mills"}, "role": {"Home manager"},
		"message": {"Does Zoë need a hoist? <b>urgent</b>"}})
	resp, _ = app.asCareHome("POST", link+"/responses", body, h)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), link+"?sent=1") {
		t.Fatalf("question: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}

	// The team sees the question and replies.
	var conv []map[string]any
	app.json("GET", fmt.Sprintf("/api/v1/assessments/%d/responses", id), app.lead, nil, http.StatusOK, &conv)
	if len(conv) != 1 || conv[0]["decision"] != "question" || conv[0]["from"] != "care_home" || conv[0]["author"] != "Rosewood House" {
		t.Fatalf("conversation: %v", conv)
	}
	app.fail("POST", fmt.Sprintf("/api/v1/assessments/%d/responses", id), app.assessor, map[string]any{"message": ""}, http.StatusUnprocessableEntity)
	app.fail("GET", fmt.Sprintf("/api/v1/assessments/%d/responses", id), app.other, nil, http.StatusNotFound)
	app.fail("POST", fmt.Sprintf("/api/v1/assessments/%d/responses", id), app.other, map[string]any{"message": "hi"}, http.StatusNotFound)
	var reply map[string]any
	app.json("POST", fmt.Sprintf("/api/v1/assessments/%d/responses", id), app.assessor,
		map[string]any{"message": "No hoist: she walks with a frame."}, http.StatusCreated, &reply)
	if reply["from"] != "team" || reply["author"] != "Ada Assessor" {
		t.Fatalf("reply: %v", reply)
	}

	// The home sees both, then accepts as JSON.
	resp, page = app.asCareHome("GET", link+"?sent=1", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "Does Zoë need a hoist? &lt;b&gt;urgent&lt;/b&gt;") ||
		!strings.Contains(page, "No hoist: she walks with a frame.") || !strings.Contains(page, "Ada Assessor, Trusted Assessor team") ||
		!strings.Contains(page, "your response was sent") {
		t.Fatalf("conversation on the share page: %d\n%s", resp.StatusCode, page)
	}
	resp, out := app.asCareHome("POST", link+"/responses", strings.NewReader(`{"decision":"accept","name":"Rita Mills","role":"Home manager"}`),
		map[string]string{"Content-Type": "application/json"})
	if resp.StatusCode != http.StatusCreated || !strings.Contains(out, `"decision":"accept"`) || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("accept as JSON: %d %s", resp.StatusCode, out)
	}
	resp, out = app.asCareHome("POST", link+"/responses", strings.NewReader(`{"decision":"decline","name":"","role":"x","message":"`+strings.Repeat("é", 4001)+`"}`),
		map[string]string{"Content-Type": "application/json"})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(out, `"name"`) || !strings.Contains(out, `"message":"the message is 4001 characters`) {
		t.Fatalf("bad JSON response: %d %s", resp.StatusCode, out)
	}

	// Every response is audited with the address it came from.
	var audit []map[string]any
	app.json("GET", fmt.Sprintf("/api/v1/assessments/%d/audit", id), app.lead, nil, http.StatusOK, &audit)
	seen := map[string]int{}
	for _, ev := range audit {
		action, _ := ev["action"].(string)
		seen[action]++
		if action == "share.response" && !strings.Contains(fmt.Sprint(ev["detail"]), "127.0.0.1") {
			t.Fatalf("response audited without the address: %v", ev)
		}
	}
	if seen["share.response"] != 2 || seen["share.reply"] != 1 {
		t.Fatalf("audit: %v", seen)
	}

	// Views: two page openings so far.
	var shares []map[string]any
	app.json("GET", fmt.Sprintf("/api/v1/assessments/%d/shares", id), app.lead, nil, http.StatusOK, &shares)
	if len(shares) != 1 || shares[0]["views"] != 2.0 || shares[0]["first_opened_at"] == nil || shares[0]["last_opened_at"] == nil {
		t.Fatalf("opens: %v", shares)
	}
}

func TestCareHomeResponsesAreRefusedOnEndedLinksOtherSitesAndFloods(t *testing.T) {
	app := newTestApp(t)
	_, link := app.sharedWithHome(app.assessor)
	accept := `{"decision":"accept","name":"Rita Mills","role":"Home manager"}`
	jsonH := map[string]string{"Content-Type": "application/json"}

	for _, h := range []map[string]string{{"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}} {
		body, fh := careHomeForm(url.Values{"decision": {"accept"}, "name": {"R"}, "role": {"M"}})
		for k, v := range h {
			fh[k] = v
		}
		if resp, _ := app.asCareHome("POST", link+"/responses", body, fh); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("cross-origin post %v: %d", h, resp.StatusCode)
		}
	}
	for i := 0; i < 20; i++ {
		if resp, out := app.asCareHome("POST", link+"/responses", strings.NewReader(accept), jsonH); resp.StatusCode != http.StatusCreated {
			t.Fatalf("response %d: %d %s", i, resp.StatusCode, out)
		}
	}
	resp, out := app.asCareHome("POST", link+"/responses", strings.NewReader(accept), jsonH)
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(out, "too_many_requests") {
		t.Fatalf("21st response: %d %s", resp.StatusCode, out)
	}
	body, h := careHomeForm(url.Values{"decision": {"accept"}, "name": {"R"}, "role": {"M"}})
	if resp, page := app.asCareHome("POST", link+"/responses", body, h); resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(page, "20 responses in the last hour") {
		t.Fatalf("21st response from the form: %d\n%s", resp.StatusCode, page)
	}

	app.json("DELETE", "/api/v1/shares/"+strings.TrimPrefix(link, "/s/"), app.assessor, nil, http.StatusNoContent, nil)
	resp, out = app.asCareHome("POST", link+"/responses", strings.NewReader(accept), jsonH)
	if resp.StatusCode != http.StatusGone || !strings.Contains(out, "this link has ended") {
		t.Fatalf("response on a revoked link: %d %s", resp.StatusCode, out)
	}
	body, h = careHomeForm(url.Values{"decision": {"accept"}, "name": {"R"}, "role": {"M"}})
	resp, page := app.asCareHome("POST", link+"/responses", body, h)
	if resp.StatusCode != http.StatusGone || !strings.Contains(page, "This link has ended. Please contact the Trusted Assessor team") ||
		resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("form on a revoked link: %d\n%s", resp.StatusCode, page)
	}
	if resp, _ := app.asCareHome("GET", link, nil, nil); resp.StatusCode != http.StatusGone {
		t.Fatalf("revoked page: %d", resp.StatusCode)
	}
	if resp, _ := app.asCareHome("POST", "/s/not-a-token/responses", strings.NewReader(accept), jsonH); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("unknown token: %d", resp.StatusCode)
	}
}
