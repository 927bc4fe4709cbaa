package server

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserCorrectAnAnswerThenThePDF: on a tablet, a completed
// assessment's answer is corrected with a reason; the record marks it and
// the PDF shows it in place and in its Amendments section.
func TestBrowserCorrectAnAnswerThenThePDF(t *testing.T) {
	app := newTestApp(t)
	id := app.completedAssessment() // "I walk with" answered "A stick"
	ctx := newTablet(t, newBrowser(t))
	app.signIn(t, ctx, "ada@example.org", "correct horse battery")

	tabletDo(t, ctx, "open the completed record", chromedp.Navigate(app.srv.URL+assessmentURL(id, "")))
	tabletWait(t, ctx, "the completed record", `!!document.querySelector('.completed-by')`)
	tabletDo(t, ctx, "correct I walk with", tap(`#qw-walk-with .correct-link a`))
	tabletWait(t, ctx, "the correction form", `!!document.getElementById('amend-form')`)
	tabletDo(t, ctx, "choose a frame and say why",
		chromedp.Evaluate[chromedp.Void](`document.querySelector('input[name="q.walk-with"][value="A frame"]').click()`),
		chromedp.SendKeys(chromedp.CSS(`#reason`), "Her daughter says she uses a frame, not a stick"))
	tabletShot(t, ctx, "records-amend-form")
	checkTouchTargets(t, ctx, "the correction form")
	tabletDo(t, ctx, "save the correction", tap(`#amend-form button[type=submit]`))
	tabletWait(t, ctx, "the amended record", `!!document.querySelector('#qw-walk-with .amended-note')`)
	note := tabletEval(t, ctx, `document.querySelector('#qw-walk-with .amended-note').innerText`)
	if !strings.HasPrefix(note, "Amended ") || !strings.HasSuffix(note, " by Ada Assessor") {
		t.Fatalf("note under the answer: %q", note)
	}
	if got := tabletEval(t, ctx, `document.querySelector('#qw-walk-with .answer').innerText`); got != "A frame" {
		t.Fatalf("answer shown: %q", got)
	}
	list := tabletEval(t, ctx, `document.getElementById('amendments').innerText`)
	for _, want := range []string{"Amendments", "I walk with", "A stick → A frame", "Reason: Her daughter says she uses a frame, not a stick"} {
		if !strings.Contains(list, want) {
			t.Errorf("Amendments section lacks %q: %q", want, list)
		}
	}
	tabletDo(t, ctx, "scroll to the answer", chromedp.Evaluate[chromedp.Void](`document.getElementById('qw-walk-with').scrollIntoView({block: 'center'})`))
	tabletShot(t, ctx, "records-completed-amended")
	tabletDo(t, ctx, "scroll to the amendments", chromedp.Evaluate[chromedp.Void](`document.getElementById('amendments').scrollIntoView({block: 'center'})`))
	tabletShot(t, ctx, "records-completed-amendments")

	// The PDF the browser links to shows the corrected answer, marked, and the list.
	href := tabletEval(t, ctx, `document.querySelector('a[href$="/pdf"]').getAttribute('href')`)
	resp, pdf := app.do("GET", href, app.assessor, nil)
	if resp.StatusCode != http.StatusOK || href != fmt.Sprintf("/api/v1/assessments/%d/pdf", id) {
		t.Fatalf("pdf %s: %d", href, resp.StatusCode)
	}
	text := strings.Join(strings.Fields(pdfToText(t, pdf)), " ")
	for _, want := range []string{"I walk with A frame Amended", "by Ada Assessor", "Amendments", "A stick → A frame",
		"Reason: Her daughter says she uses a frame, not a stick"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	if dir := os.Getenv("FIRSTPERSON_SCREENSHOTS"); dir != "" {
		// The PDF's last page (the Amendments section) as a picture to look at.
		if bin, err := exec.LookPath("pdftoppm"); err == nil {
			path := filepath.Join(dir, "records-amendments.pdf")
			if err := os.WriteFile(path, pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			last := fmt.Sprint(strings.Count(string(pdf), "/Type /Page\n"))
			if out, err := exec.Command(bin, "-png", "-r", "80", "-singlefile", "-f", last, "-l", last, path, filepath.Join(dir, "records-pdf-last-page")).CombinedOutput(); err != nil {
				t.Logf("pdftoppm: %v %s", err, out)
			}
		}
	}
}
