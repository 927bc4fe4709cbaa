package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestBrowserTabletSyncNeverStalls: a 401 in the middle of a sync opens a
// sign-in panel in place and the queue resumes after it, nothing lost;
// then the assessment is completed elsewhere while a change waits, and
// the change is recorded as an amendment with a reason.
func TestBrowserTabletSyncNeverStalls(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	wifi := newWardWiFi(t, app)
	ctx := newTablet(t, newBrowser(t))
	signInAt(t, ctx, wifi.URL, "ada@example.org", "correct horse battery")
	openAssessment(t, ctx, wifi.URL, id, "sign-off")

	// The session ends (here: its cookie goes) while the assessor types.
	if _, err := chromedp.Call(ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	tabletDo(t, ctx, "type", chromedp.SendKeys(chromedp.CSS(`#q-assessor-name`), "Ada Assessor"))
	tabletWait(t, ctx, "the sign-in panel", `document.activeElement && document.activeElement.id === 'signin-panel-email'`)
	if got := tabletEval(t, ctx, `document.querySelector('.tablet-panel-note').textContent`); !strings.Contains(got, "1 change is kept") {
		t.Fatalf("the panel says %q", got)
	}
	tabletDo(t, ctx, "sign in through the panel",
		chromedp.SendKeys(chromedp.CSS(`#signin-panel-email`), "ada@example.org"),
		chromedp.SendKeys(chromedp.CSS(`#signin-panel-password`), "correct horse battery"),
		chromedp.Click(chromedp.CSS(`.tablet-panel button[type=submit]`)))
	tabletWaitSaved(t, ctx)
	if tabletEval(t, ctx, `String(!!document.querySelector('.tablet-overlay'))`) != "false" {
		t.Fatal("the panel stayed open")
	}
	answers, rev := serverAnswers(t, app, id)
	wantAnswer(t, answers, "assessor-name", "Ada Assessor")

	// Offline, one more change; meanwhile another device completes it.
	wifi.setDown(t, ctx, true)
	tabletWait(t, ctx, "offline", `navigator.onLine === false`)
	tabletDo(t, ctx, "type offline", chromedp.SendKeys(chromedp.CSS(`#q-recommendation`), "Home with my frame."))
	tabletWait(t, ctx, "one change waiting", `document.getElementById('save-state').textContent === 'Offline — 1 change waiting'`)
	full := fullAnswers()
	delete(full, "recommendation")
	full["assessor-name"] = "Ada Assessor"
	path := fmt.Sprintf("/api/v1/assessments/%d", id)
	app.json("PATCH", path+"/answers", app.assessor, map[string]any{"revision": rev, "answers": full}, http.StatusOK, nil)
	full["recommendation"] = "Back to Rosewood House."
	app.json("PATCH", path+"/answers", app.assessor, map[string]any{"revision": rev + 1, "answers": map[string]any{"recommendation": full["recommendation"]}}, http.StatusOK, nil)
	app.json("POST", path+"/complete", app.assessor, nil, http.StatusOK, nil)

	wifi.setDown(t, ctx, false)
	tabletWait(t, ctx, "the amendment choice", `!document.getElementById('waiting').hidden && !!document.querySelector('#waiting [data-action=amend]')`)
	if got := tabletEval(t, ctx, `document.getElementById('waiting').innerText`); !strings.Contains(got, "Home with my frame.") {
		t.Fatalf("the waiting change is not listed: %q", got)
	}
	tabletDo(t, ctx, "amend without a reason", chromedp.Click(chromedp.CSS(`#waiting [data-action=amend]`)))
	tabletWait(t, ctx, "a reason asked for", `document.getElementById('amend-reason').getAttribute('aria-invalid') === 'true'`)
	tabletShot(t, ctx, "tablet-completed-elsewhere")
	tabletDo(t, ctx, "amend with a reason",
		chromedp.SendKeys(chromedp.CSS(`#amend-reason`), "Typed on the ward tablet while the Wi-Fi was down"),
		chromedp.Click(chromedp.CSS(`#waiting [data-action=amend]`)))
	tabletWait(t, ctx, "recorded", `document.getElementById('waiting').textContent.includes('Recorded as an amendment')`)
	answers, _ = serverAnswers(t, app, id)
	wantAnswer(t, answers, "recommendation", "Home with my frame.")
	var audit []map[string]any
	app.json("GET", path+"/audit", app.assessor, nil, http.StatusOK, &audit)
	last := audit[len(audit)-1]
	if last["action"] != "answer.amended" || !strings.Contains(fmt.Sprint(last["detail"]), "Wi-Fi was down") {
		t.Fatalf("last audit event %v", last)
	}
	if got := tabletEval(t, ctx, `Object.keys(localStorage).filter(k => k.startsWith('fp:queue:')).join()`); got != "" {
		t.Fatalf("the queue still holds %s", got)
	}
}
