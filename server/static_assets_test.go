package server

import (
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"firstperson/models"
)

// rawGet fetches path with client, asking for gzip itself so the transport
// leaves the body as it came over the wire.
func rawGet(t *testing.T, c *http.Client, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "gzip")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func gunzip(t *testing.T, b []byte) string {
	t.Helper()
	r, err := gzip.NewReader(strings.NewReader(string(b)))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

var staticRef = regexp.MustCompile(`(?:href|src)="(/static/([a-z-]+)\.([0-9a-f]{8})\.([a-z]+))"`)

func TestStaticFilesHaveHashedNamesAndAreKeptForAYear(t *testing.T) {
	app := newTestApp(t)
	c := app.srv.Client()
	_, page := rawGet(t, c, app.srv.URL+"/login")
	body := gunzip(t, page)
	refs := staticRef.FindAllStringSubmatch(body, -1)
	if len(refs) < 2 || strings.Contains(body, `"/static/app.css"`) {
		t.Fatalf("login page names its static files without hashes:\n%s", body)
	}
	var css, icon []string
	for _, r := range refs {
		switch r[2] + "." + r[4] {
		case "app.css":
			css = r
		case "favicon.svg":
			icon = r
		}
	}
	if css == nil || icon == nil || !strings.Contains(body, `rel="icon"`) {
		t.Fatalf("no hashed app.css or favicon link: %v", refs)
	}
	resp, b := rawGet(t, c, app.srv.URL+css[1])
	etag := resp.Header.Get("ETag")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" ||
		etag != `"`+css[3]+`"` || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("GET %s: %d %v", css[1], resp.StatusCode, resp.Header)
	}
	current := gunzip(t, b)
	if resp, _ := rawGet(t, c, app.srv.URL+css[1], "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
		t.Fatalf("revalidation with the ETag: %d", resp.StatusCode)
	}
	// A page cached before a release names an older hash: it still works.
	resp, b = rawGet(t, c, app.srv.URL+"/static/app.0badf00d.css")
	if resp.StatusCode != http.StatusOK || gunzip(t, b) != current || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
		t.Fatalf("old hash: %d %v", resp.StatusCode, resp.Header)
	}
	// The plain name (JavaScript modules import each other by it) must be
	// revalidated, and its ETag makes that cheap.
	resp, _ = rawGet(t, c, app.srv.URL+"/static/assessment-sync.js")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "no-cache" || resp.Header.Get("ETag") == "" {
		t.Fatalf("plain name: %d %v", resp.StatusCode, resp.Header)
	}
	if resp, _ := rawGet(t, c, app.srv.URL+"/static/assessment-sync.js", "If-None-Match", resp.Header.Get("ETag")); resp.StatusCode != http.StatusNotModified {
		t.Fatalf("plain name revalidation: %d", resp.StatusCode)
	}
	resp, b = rawGet(t, c, app.srv.URL+icon[1])
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(string(b), "<svg") {
		t.Fatalf("favicon: %d %v", resp.StatusCode, resp.Header)
	}
	for _, p := range []string{"/static/", "/static", "/static/nope.css", "/static/nope.0badf00d.css", "/static/../go.mod", "/static/%2e%2e/layout.html"} {
		resp, b := rawGet(t, c, app.srv.URL+p)
		if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusMovedPermanently {
			t.Errorf("GET %s: %d", p, resp.StatusCode)
		}
		if strings.Contains(string(b), "app.css") {
			t.Errorf("GET %s lists the folder", p)
		}
	}
}

func TestCompressionByContentType(t *testing.T) {
	filler := strings.Repeat("Ann Example walks with a frame. ", 200)
	for _, c := range []struct {
		ct   string
		want bool
	}{
		{"text/html; charset=utf-8", true}, {"text/css; charset=utf-8", true},
		{"text/javascript; charset=utf-8", true}, {"application/json; charset=utf-8", true},
		{"image/svg+xml", true}, {"text/csv; charset=utf-8", true}, {"application/fhir+json", true},
		{"application/pdf", false}, {"image/png", false},
	} {
		h := compress(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", c.ct)
			io.WriteString(w, filler)
		}))
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/x", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		h.ServeHTTP(rec, req)
		got := rec.Header().Get("Content-Encoding") == "gzip"
		if got != c.want {
			t.Errorf("%s: compressed %v, want %v", c.ct, got, c.want)
		}
		if got && (gunzip(t, rec.Body.Bytes()) != filler || rec.Body.Len() > len(filler)/5) {
			t.Errorf("%s: body does not round-trip or is barely smaller (%d)", c.ct, rec.Body.Len())
		}
	}
}

func TestRealResponsesAreCompressedButPDFsAreNot(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.lead)
	c := app.browser(models.DefaultLeadEmail, app.leadPass)
	for _, p := range []string{"/assessments", fmt.Sprintf("/assessments/%d", id), "/static/assessment.js",
		"/static/assessment.css"} {
		resp, b := rawGet(t, c, app.srv.URL+p)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("GET %s: %d %v", p, resp.StatusCode, resp.Header)
			continue
		}
		gunzip(t, b)
	}
	for _, p := range []string{fmt.Sprintf("/api/v1/templates/%d/versions/1", app.template), fmt.Sprintf("/api/v1/assessments/%d/pdf", id)} {
		resp, _ := rawGet(t, app.srv.Client(), app.srv.URL+p, "Authorization", "Bearer "+app.lead)
		pdf := strings.HasSuffix(p, "/pdf")
		if resp.StatusCode != http.StatusOK || (resp.Header.Get("Content-Encoding") == "gzip") == pdf {
			t.Errorf("GET %s: %d %v", p, resp.StatusCode, resp.Header)
		}
	}
}

// TestEveryPageIsSmallOnAWarmCache: with the hashed CSS and JS already in
// the browser's cache, opening a page transfers its compressed HTML and
// the 304s of the module revalidations; each page stays within 25 kB.
func TestEveryPageIsSmallOnAWarmCache(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.lead)
	done := app.completeAssessment(app.lead)
	var share struct {
		URL string `json:"url"`
	}
	app.json("POST", fmt.Sprintf("/api/v1/assessments/%d/shares", done), app.lead,
		map[string]any{"recipient": "Rosewood House", "expires_in_hours": 48}, http.StatusCreated, &share)
	if resp, b := app.do("POST", fmt.Sprintf("/api/v1/templates/%d/drafts", app.template), app.lead, map[string]any{"from": 1}); resp.StatusCode >= 300 {
		t.Fatalf("new draft: %d %s", resp.StatusCode, b)
	}
	c := app.browser(models.DefaultLeadEmail, app.leadPass)
	plain := regexp.MustCompile(`(?:import .*? from |import\()'\./([a-z-]+\.js)'`)
	for _, p := range []string{"/", "/assessments", "/assessments/new", fmt.Sprintf("/assessments/%d", id),
		fmt.Sprintf("/assessments/%d/complete", id), fmt.Sprintf("/assessments/%d", done),
		fmt.Sprintf("/assessments/%d/shares", done), "/templates", fmt.Sprintf("/templates/%d", app.template),
		fmt.Sprintf("/templates/%d/draft", app.template), fmt.Sprintf("/templates/%d/draft/preview", app.template),
		fmt.Sprintf("/templates/%d/versions/1/preview", app.template), share.URL} {
		resp, b := rawGet(t, c, app.srv.URL+p)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", p, resp.StatusCode)
			continue
		}
		transferred := len(b)
		html := string(b)
		if resp.Header.Get("Content-Encoding") == "gzip" {
			html = gunzip(t, b)
		}
		// Hashed files come from the cache without a request; modules
		// imported by plain name are revalidated (a 304 with no body).
		for _, r := range staticRef.FindAllStringSubmatch(html, -1) {
			if r[4] != "js" {
				continue
			}
			_, js := rawGet(t, c, app.srv.URL+r[1])
			for _, m := range plain.FindAllStringSubmatch(gunzipIf(t, js), -1) {
				etag := ""
				if resp, _ := rawGet(t, c, app.srv.URL+"/static/"+m[1]); resp.StatusCode == http.StatusOK {
					etag = resp.Header.Get("ETag")
				}
				resp, body := rawGet(t, c, app.srv.URL+"/static/"+m[1], "If-None-Match", etag)
				if resp.StatusCode != http.StatusNotModified {
					t.Errorf("%s: module %s not revalidated (%d)", p, m[1], resp.StatusCode)
				}
				transferred += len(body)
			}
		}
		t.Logf("%-40s %6d bytes HTML, %6d bytes transferred on a warm cache", p, len(html), transferred)
		if transferred > 25_000 {
			t.Errorf("%s: %d bytes on a warm cache, want ≤ 25 kB", p, transferred)
		}
	}
}

func gunzipIf(t *testing.T, b []byte) string {
	if len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b {
		return gunzip(t, b)
	}
	return string(b)
}
