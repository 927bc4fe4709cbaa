package server

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestTeamContactOnTheSharePageAndTheEndedLinkPage(t *testing.T) {
	app := newTestApp(t)
	id, link := app.sharedWithHome(app.assessor)
	if _, page := app.asCareHome("GET", link, nil, nil); strings.Contains(page, "Contact the Trusted Assessor team") {
		t.Fatal("contact section shown before any contact was set")
	}

	lead := app.browser("lead@firstperson.local", app.leadPass)
	post := func(c *http.Client, form url.Values) (int, string) {
		resp, err := c.PostForm(app.srv.URL+"/team/contact", form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, page := post(lead, url.Values{"name": {"Northshire TA team"}, "phone": {"call us"}, "email": {"not an email"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "digits, spaces") || !strings.Contains(page, "an email address such as") ||
		!strings.Contains(page, `value="Northshire TA team"`) {
		t.Fatalf("bad contact: %d\n%s", code, page)
	}
	code, _ = post(lead, url.Values{"name": {"Northshire TA team"}, "phone": {"0161 496 0000"}, "email": {"ta.team@nhs.net"}, "hours": {"Mon to Fri, 8am to 6pm"}})
	if code != http.StatusSeeOther {
		t.Fatalf("save contact: %d", code)
	}
	assessor := app.browser("ada@example.org", "correct horse battery")
	if code, _ := post(assessor, url.Values{"name": {"x"}, "phone": {"0161 496 0000"}}); code != http.StatusForbidden {
		t.Fatalf("assessor sets contact: %d", code)
	}
	app.fail("PUT", "/api/v1/team/contact", app.assessor, map[string]any{"phone": "0161 496 0000"}, http.StatusForbidden)
	var other map[string]string
	app.json("GET", "/api/v1/team/contact", app.other, nil, http.StatusOK, &other)
	if other["phone"] != "" {
		t.Fatalf("another team sees the contact: %v", other)
	}
	var mine map[string]string
	app.json("GET", "/api/v1/team/contact", app.assessor, nil, http.StatusOK, &mine)
	if mine["email"] != "ta.team@nhs.net" {
		t.Fatalf("contact over the API: %v", mine)
	}

	_, page = app.asCareHome("GET", link, nil, nil)
	for _, want := range []string{"Contact the Trusted Assessor team", "Northshire TA team", `href="tel:01614960000"`, "mailto:ta.team@nhs.net", "Mon to Fri, 8am to 6pm"} {
		if !strings.Contains(page, want) {
			t.Fatalf("share page lacks %q", want)
		}
	}
	if text := pdfText(t, app, link+"/pdf"); !strings.Contains(text, "Questions? Contact Northshire TA team · tel. 0161 496 0000 · ta.team@nhs.net") {
		t.Fatalf("the PDF lacks the contact line:\n%s", text)
	}
	app.json("DELETE", "/api/v1/shares/"+strings.TrimPrefix(link, "/s/"), app.assessor, nil, http.StatusNoContent, nil)
	for _, path := range []string{link, link + "/pdf"} {
		resp, page := app.asCareHome("GET", path, nil, nil)
		if resp.StatusCode != http.StatusGone || !strings.Contains(page, "This link has ended. Please contact the Trusted Assessor team at") ||
			!strings.Contains(page, "Northshire TA team") || !strings.Contains(page, "0161 496 0000") {
			t.Fatalf("ended %s: %d\n%s", path, resp.StatusCode, page)
		}
	}
	var audit []map[string]any
	app.json("GET", fmt.Sprintf("/api/v1/assessments/%d/audit", id), app.lead, nil, http.StatusOK, &audit)
	if len(audit) == 0 {
		t.Fatal("no audit")
	}
}

// pdfText downloads a PDF through the share link and returns its text
// (pdftotext; skipped without it, except under CI=true).
func pdfText(t *testing.T, app *testApp, path string) string {
	t.Helper()
	bin := needProgram(t, "pdftotext")
	resp, body := app.asCareHome("GET", path, nil, nil)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(body, "%PDF-") {
		t.Fatalf("PDF through the link: %d", resp.StatusCode)
	}
	file := filepath.Join(t.TempDir(), "shared.pdf")
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
