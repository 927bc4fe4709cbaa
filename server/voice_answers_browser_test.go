package server

import (
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestVoiceAnswerAPI(t *testing.T) {
	app := newTestApp(t)
	var out struct {
		Flagged    bool   `json:"flagged"`
		Suggestion string `json:"suggestion"`
	}
	app.json("POST", "/api/v1/voice/answer", app.assessor, map[string]any{"text": "Pt mobilises with frame"}, http.StatusOK, &out)
	if !out.Flagged || out.Suggestion != "I walk with a frame" {
		t.Errorf("voice answer = %+v", out)
	}
	app.json("POST", "/api/v1/voice/answer", app.assessor, map[string]any{"text": `"Pt mobilises," she said`}, http.StatusOK, &out)
	if out.Flagged {
		t.Errorf("a quote was flagged: %+v", out)
	}
	if e := app.fail("POST", "/api/v1/voice/answer", app.assessor, map[string]any{}, http.StatusUnprocessableEntity); e.Error.Fields["text"] == "" {
		t.Errorf("missing text not named: %+v", e)
	}
	app.fail("POST", "/api/v1/voice/answer", app.assessor, map[string]any{"text": strings.Repeat("a", 10001)}, http.StatusUnprocessableEntity)
	app.fail("POST", "/api/v1/voice/answer", "", map[string]any{"text": "x"}, http.StatusUnauthorized)
}

// TestBrowserVoiceAnswerNote types third-person answers on the tablet: the
// quiet note offers the rewrite, saving goes on regardless, one tap
// applies the rewrite (and it is saved), a quote gets no note, and the
// assessor can turn the check off for the assessment (it stays off after a
// reload).
func TestBrowserVoiceAnswerNote(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	ctx := newTablet(t, newBrowser(t))
	app.signIn(t, ctx, "ada@example.org", "correct horse battery")
	openAssessment(t, ctx, app.srv.URL, id, "what-matters")

	const note = `document.querySelector('#qw-what-matters-most .voice-note')`
	tabletDo(t, ctx, "type a third-person answer", chromedp.SendKeys(chromedp.CSS(`#q-what-matters-most`), "Pt mobilises with frame"))
	tabletWait(t, ctx, "the voice note", note+` !== null`)
	if got := tabletEval(t, ctx, note+`.textContent`); !strings.Contains(got, "I walk with a frame") {
		t.Fatalf("note = %q", got)
	}
	// Saving was never held back: the answer as typed is on the server.
	tabletWaitSaved(t, ctx)
	if answers, _ := serverAnswers(t, app, id); answers["what-matters-most"] != "Pt mobilises with frame" {
		t.Fatalf("saved before the rewrite = %v", answers["what-matters-most"])
	}
	if dir := os.Getenv("FIRSTPERSON_SCREENSHOTS"); dir != "" {
		tabletShot(t, ctx, "voice-answer-note")
	}
	checkTouchTargets(t, ctx, "the voice note")
	tabletDo(t, ctx, "use the rewrite", tap(`#qw-what-matters-most .voice-use`))
	tabletWait(t, ctx, "the rewrite in the field", `document.getElementById('q-what-matters-most').value === 'I walk with a frame' && `+note+` === null`)
	tabletWaitSaved(t, ctx)
	deadline := time.Now().Add(10 * time.Second)
	for {
		answers, _ := serverAnswers(t, app, id)
		if answers["what-matters-most"] == "I walk with a frame" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the rewrite was not saved: %v", answers["what-matters-most"])
		}
		time.Sleep(100 * time.Millisecond)
	}

	// A quote of what someone said: no note.
	tabletDo(t, ctx, "type a quote", chromedp.SendKeys(chromedp.CSS(`#q-good-day`), `"She likes the window," her son said`))
	time.Sleep(1500 * time.Millisecond)
	tabletWaitSaved(t, ctx)
	if got := tabletEval(t, ctx, `String(document.querySelectorAll('.voice-note').length)`); got != "0" {
		t.Fatalf("a quote got %s notes", got)
	}

	// Turned off for this assessment, and it stays off after a reload.
	tabletDo(t, ctx, "type another", chromedp.SendKeys(chromedp.CSS(`#q-my-worries`), "She worries about her cat"))
	tabletWait(t, ctx, "a note on my worries", `document.querySelector('#qw-my-worries .voice-note') !== null`)
	tabletDo(t, ctx, "turn suggestions off", tap(`#qw-my-worries .voice-off`))
	tabletWait(t, ctx, "no notes", `document.querySelectorAll('.voice-note').length === 0`)
	openAssessment(t, ctx, app.srv.URL, id, "what-matters")
	tabletDo(t, ctx, "type after reload", chromedp.SendKeys(chromedp.CSS(`#q-good-day`), " She likes tea"))
	time.Sleep(1500 * time.Millisecond)
	tabletWaitSaved(t, ctx)
	if got := tabletEval(t, ctx, `String(document.querySelectorAll('.voice-note').length)`); got != "0" {
		t.Fatalf("turned off, yet %s notes", got)
	}
}
