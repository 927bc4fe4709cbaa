package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"firstperson/models"
)

// Browser tests of the shared ward tablet (issue 11, docs/TABLET.md).

// everythingStored is every storage area of the tab as text: localStorage,
// every IndexedDB database's records and every Cache Storage entry.
const everythingStored = `(async () => {
  const out = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    out.push('localStorage ' + k + '=' + localStorage.getItem(k));
  }
  for (const info of await indexedDB.databases()) {
    const db = await new Promise((res, rej) => { const r = indexedDB.open(info.name); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    for (const name of db.objectStoreNames) {
      const all = await new Promise((res) => { const r = db.transaction(name).objectStore(name).getAll(); r.onsuccess = () => res(r.result); });
      const keys = await new Promise((res) => { const r = db.transaction(name).objectStore(name).getAllKeys(); r.onsuccess = () => res(r.result); });
      out.push('indexedDB ' + info.name + '/' + name + ' keys=' + JSON.stringify(keys) + ' values=' + JSON.stringify(all));
    }
    db.close();
  }
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const req of await cache.keys()) {
      const res = await cache.match(req);
      out.push('cache ' + name + ' ' + req.url + ' ' + await res.text());
    }
  }
  return out.join('\n');
})()`

func storedText(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](everythingStored, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("read the tablet's storage: %v", err)
	}
	return s
}

// TestBrowserTabletSignOutOfflineLeavesNothingReadable: an answer typed
// offline, sign-out offline: no storage area holds the answer or the
// person's name in clear text; the server session ends when the network
// returns, before a page shows; another assessor sees and sends nothing
// of it; the same assessor signing in again gets it saved.
func TestBrowserTabletSignOutOfflineLeavesNothingReadable(t *testing.T) {
	app := newTestApp(t)
	app.addUser("Bea Assessor", "bea@example.org", models.RoleAssessor, "Trusted Assessor team")
	id := app.startAssessment(app.assessor)
	wifi := newWardWiFi(t, app)
	ctx := newTablet(t, newBrowser(t))
	signInAt(t, ctx, wifi.URL, "ada@example.org", "correct horse battery")
	openAssessment(t, ctx, wifi.URL, id, "")
	// The page kept for offline use is already sealed.
	if s := storedText(t, ctx); strings.Contains(s, "Łukasiewicz") || !strings.Contains(s, "fp-assessment") {
		t.Fatalf("kept page in clear, or not kept:\n%.2000s", s)
	}

	const answer = "Call me Zosia, never Mrs"
	wifi.setDown(t, ctx, true)
	tabletWait(t, ctx, "offline", `navigator.onLine === false`)
	tabletDo(t, ctx, "answer offline", chromedp.SendKeys(chromedp.CSS(`#q-please-call-me`), answer))
	tabletWait(t, ctx, "one change waiting", `document.getElementById('save-state').textContent === 'Offline — 1 change waiting'`)

	tabletDo(t, ctx, "sign out", chromedp.Click(chromedp.CSS(`form.signout button`)))
	tabletWait(t, ctx, "the sign-out warning", `!!document.getElementById('signout-warning')`)
	if got := tabletEval(t, ctx, `document.getElementById('signout-warning').textContent`); !strings.Contains(got, "1 change not saved yet") {
		t.Fatalf("warning says %q", got)
	}
	tabletShot(t, ctx, "tablet-signout-warning")
	tabletDo(t, ctx, "sign out now", chromedp.Click(chromedp.CSS(`#signout-warning [data-now]`)))
	tabletWait(t, ctx, "signed out on screen", `!!document.querySelector('main.signed-out')`)
	if got := tabletEval(t, ctx, `document.body.textContent`); strings.Contains(got, "Łukasiewicz") || strings.Contains(got, "Zosia") {
		t.Fatalf("signed-out screen shows the record: %q", got)
	}

	stored := storedText(t, ctx)
	for _, secret := range []string{"Zosia", answer, "Łukasiewicz", "O\\u0027Brien", "Brien", "9434765919", "943 476 5919"} {
		if strings.Contains(stored, secret) {
			t.Errorf("%q is readable on the tablet after sign-out:\n%.3000s", secret, stored)
		}
	}
	if !strings.Contains(stored, "fp:queue:") || !strings.Contains(stored, `"ct":`) {
		t.Fatalf("the waiting change is gone instead of kept sealed:\n%.2000s", stored)
	}

	// Still offline, any page of the site shows "signed out", not the record.
	tabletDo(t, ctx, "reload the record offline", chromedp.Navigate(wifi.URL+assessmentURL(id, "")))
	if got := tabletEval(t, ctx, `document.body.textContent`); !strings.Contains(got, "Signed out") || strings.Contains(got, "Łukasiewicz") {
		t.Fatalf("offline after sign-out the tablet shows %q", got)
	}
	// The network returns: the first page ends the server session first.
	wifi.setDown(t, ctx, false)
	tabletDo(t, ctx, "open the record again", chromedp.Navigate(wifi.URL+assessmentURL(id, "")))
	tabletWait(t, ctx, "the sign-in page", `location.pathname === '/login'`)
	if got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch('/tablet/key').then(r => String(r.status))`, chromedp.EvalAwaitPromise)); got != "401" || err != nil {
		t.Fatalf("the old session still works: /tablet/key %s (%v)", got, err)
	}

	// Another assessor on the same tablet: nothing of it shows or is sent.
	signInAt(t, ctx, wifi.URL, "bea@example.org", "correct horse battery")
	openAssessment(t, ctx, wifi.URL, id, "")
	tabletWait(t, ctx, "Bea's page settles", `document.getElementById('save-state').dataset.state === 'saved'`)
	if got := tabletEval(t, ctx, `document.getElementById('q-please-call-me').value + document.body.textContent`); strings.Contains(got, "Zosia") {
		t.Fatal("another assessor sees the waiting change")
	}
	answers, _ := serverAnswers(t, app, id)
	if answers["please-call-me"] != nil {
		t.Fatalf("another assessor's tablet sent the change: %v", answers)
	}
	tabletDo(t, ctx, "Bea signs out", chromedp.Click(chromedp.CSS(`form.signout button`)))
	tabletWait(t, ctx, "the sign-in page", `location.pathname === '/login'`)

	// The same assessor again: the change opens and reaches the server.
	signInAt(t, ctx, wifi.URL, "ada@example.org", "correct horse battery")
	openAssessment(t, ctx, wifi.URL, id, "")
	tabletWaitSaved(t, ctx)
	answers, _ = serverAnswers(t, app, id)
	wantAnswer(t, answers, "please-call-me", answer)
}

// TestBrowserTabletPageTheWorkerDidNotClaimIsKeptOffline: a page the
// service worker does not control (loaded while the worker was still
// installing, after its activation had claimed the pages open then, or
// with a hard reload, as here) is still kept for offline use: it asks the
// worker to claim it rather than waiting for a claim that never comes.
// CI once timed out waiting for exactly this.
func TestBrowserTabletPageTheWorkerDidNotClaimIsKeptOffline(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	ctx := newTablet(t, newBrowser(t))
	signInAt(t, ctx, app.srv.URL, "ada@example.org", "correct horse battery")
	openAssessment(t, ctx, app.srv.URL, id, "about-me")

	// Each new document notes whether the worker controlled it from the start.
	err := chromedp.Do(ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{
			Source: `window.controlledAtStart = !!(navigator.serviceWorker && navigator.serviceWorker.controller)`})
		return chromedp.Void{}, err
	})
	if err != nil {
		t.Fatalf("note control at start: %v", err)
	}
	ignore := true
	if _, err := chromedp.Call(ctx, cdppage.Reload, cdppage.ReloadParams{IgnoreCache: &ignore}); err != nil {
		t.Fatalf("hard reload: %v", err)
	}
	tabletWait(t, ctx, "the reloaded page's script", `window.controlledAtStart !== undefined &&
		document.getElementById('assessment')?.dataset.ready === 'true'`)
	if got := tabletEval(t, ctx, `String(window.controlledAtStart)`); got != "false" {
		// Chromium's hard reload bypasses the worker; if it ever stops
		// doing so this test no longer covers an unclaimed page.
		t.Fatalf("the hard-reloaded page was controlled by the worker from the start (%s); the test needs an unclaimed page", got)
	}
	tabletWait(t, ctx, "the service worker", `document.getElementById('assessment').dataset.offlineReady === 'true' &&
		!!navigator.serviceWorker.controller`)
}

// TestBrowserTabletLocksAfterTheTeamsIdleMinutes: with the team's idle
// lock at 2 minutes, the assessment page locks itself once 2 minutes pass
// without a touch or key, and not before: typing restarts the count. The
// page's clock is moved forward (Date.now), not waited for; the page looks
// at it every 5 seconds. A reload while locked stays locked.
func TestBrowserTabletLocksAfterTheTeamsIdleMinutes(t *testing.T) {
	app, ctx, id := idleLockTablet(t, "")
	if got := tabletEval(t, ctx, `document.getElementById('assessment').dataset.idleLock`); got != "2" {
		t.Fatalf("the page has an idle lock of %q minutes, want 2", got)
	}
	locked := `!!document.getElementById('lock-screen')`

	// A minute and a half in, the assessor types: the count starts again,
	// so a minute and a half later (3 minutes since the page opened) the
	// page is still open after two of its checks.
	tabletDo(t, ctx, "90 s pass", chromedp.Evaluate[chromedp.Void](`window.skewMs = 90000`))
	tabletDo(t, ctx, "type", chromedp.SendKeys(chromedp.CSS(`#q-please-call-me`), "Zoë"))
	tabletDo(t, ctx, "90 s more", chromedp.Evaluate[chromedp.Void](`window.skewMs = 180000`))
	time.Sleep(11 * time.Second)
	if tabletEval(t, ctx, fmt.Sprintf("String(%s)", locked)) != "false" {
		t.Fatal("the page locked 90 s after the assessor last typed; the team's idle lock is 2 minutes")
	}

	// Two and a quarter minutes after the last key: locked within a check.
	tabletDo(t, ctx, "45 s more", chromedp.Evaluate[chromedp.Void](`window.skewMs = 225000`))
	tabletWait(t, ctx, "the idle lock", locked+` && document.getElementById('main').inert`)
	tabletWaitSaved(t, ctx) // saving went on underneath
	answers, _ := serverAnswers(t, app, id)
	wantAnswer(t, answers, "please-call-me", "Zoë")

	tabletDo(t, ctx, "reload", chromedp.Reload())
	tabletWait(t, ctx, "still locked after a reload", `document.getElementById('assessment')?.dataset.ready === 'true' && `+locked)
}

// TestBrowserTabletLocksWhenShownAgainAfterTheIdleMinutes: a tablet put
// down with the page in the background (where timers barely run) locks
// the moment the page is shown again if the team's minutes have passed,
// without waiting for its next check. The page's 5-second check is turned
// off here, so only showing the page can lock it.
func TestBrowserTabletLocksWhenShownAgainAfterTheIdleMinutes(t *testing.T) {
	_, ctx, _ := idleLockTablet(t, `const every = window.setInterval;
		window.setInterval = (fn, ms, ...rest) => ms === 5000 ? 0 : every(fn, ms, ...rest);`)
	locked := `!!document.getElementById('lock-screen')`
	show := chromedp.Evaluate[chromedp.Void](`document.dispatchEvent(new Event('visibilitychange'))`)

	tabletDo(t, ctx, "90 s pass", chromedp.Evaluate[chromedp.Void](`window.skewMs = 90000`))
	tabletDo(t, ctx, "shown again", show)
	if tabletEval(t, ctx, fmt.Sprintf("String(%s)", locked)) != "false" {
		t.Fatal("shown again 90 s after the last touch, the page locked; the team's idle lock is 2 minutes")
	}
	tabletDo(t, ctx, "150 s pass", chromedp.Evaluate[chromedp.Void](`window.skewMs = 150000`))
	if tabletEval(t, ctx, fmt.Sprintf("String(%s)", locked)) != "false" {
		t.Fatal("the page locked although its own check is off and it was not shown again")
	}
	tabletDo(t, ctx, "shown again", show)
	tabletWait(t, ctx, "locked as it is shown", locked+` && document.getElementById('main').inert`)
}

// TestBrowserTabletKeepsWhatWasTypedBeforeTheScriptWasReady: the page can
// be typed into before its script has loaded (slow ward Wi-Fi). What was
// typed then used to be taken for the server's answer and never saved;
// now it is saved once the script is ready. The script is held back here
// while the assessor types and ticks. A reload after another tablet saved
// shows that tablet's answer and saves nothing over it (the browser does
// not put old input back into the form).
func TestBrowserTabletKeepsWhatWasTypedBeforeTheScriptWasReady(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	ctx := newTablet(t, newBrowser(t))
	signInAt(t, ctx, app.srv.URL, "ada@example.org", "correct horse battery")

	held := make(chan fetch.RequestID, 8)
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			held <- e.RequestID
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*/static/assessment.*"}}}); err != nil {
		t.Fatalf("hold the page's script: %v", err)
	}
	if _, err := chromedp.Call(ctx, cdppage.Navigate, cdppage.NavigateParams{URL: app.srv.URL + assessmentURL(id, "about-me")}); err != nil {
		t.Fatal(err)
	}
	var first fetch.RequestID
	select {
	case first = <-held:
	case <-time.After(30 * time.Second):
		t.Fatal("the page's script was never requested")
	}
	tabletWait(t, ctx, "the form, without its script", `!!document.getElementById('q-please-call-me') &&
		document.getElementById('assessment').dataset.ready !== 'true'`)
	tabletDo(t, ctx, "focus", chromedp.Evaluate[chromedp.Void](`document.getElementById('q-please-call-me').focus()`))
	press(t, ctx, "Typed early")
	tabletDo(t, ctx, "tick yes", chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-qid="interpreter"] input[value="yes"]').click()`))
	if _, err := chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: first}); err != nil {
		t.Fatal(err)
	}
	go func() { // anything else held (a preload) goes on too
		for rid := range held {
			_, _ = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: rid})
		}
	}()
	tabletWait(t, ctx, "the page's script", `document.getElementById('assessment').dataset.ready === 'true'`)
	tabletWaitSaved(t, ctx)
	answers, rev := serverAnswers(t, app, id)
	wantAnswer(t, answers, "please-call-me", "Typed early")
	if answers["interpreter"] != true {
		t.Fatalf("interpreter = %v, want true", answers["interpreter"])
	}
	if _, err := chromedp.Call(ctx, fetch.Disable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}

	app.json("PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", id), app.assessor,
		map[string]any{"revision": rev, "answers": map[string]any{"please-call-me": "From the other tablet", "interpreter": false}}, http.StatusOK, nil)
	tabletDo(t, ctx, "reload", chromedp.Reload())
	tabletWait(t, ctx, "the reloaded page's script", `document.getElementById('assessment')?.dataset.ready === 'true'`)
	tabletWaitSaved(t, ctx)
	if got := tabletEval(t, ctx, `document.getElementById('q-please-call-me').value`); got != "From the other tablet" {
		t.Errorf("after the reload the page shows %q", got)
	}
	answers, _ = serverAnswers(t, app, id)
	wantAnswer(t, answers, "please-call-me", "From the other tablet")
	if answers["interpreter"] != false {
		t.Fatalf("interpreter = %v after the reload, want the other tablet's false", answers["interpreter"])
	}
}

// idleLockTablet sets the team's idle lock to 2 minutes and opens a new
// assessment on a tablet whose clock the test moves (window.skewMs is
// added to Date.now); more runs on each new page before its scripts.
func idleLockTablet(t *testing.T, more string) (*testApp, context.Context, uint) {
	t.Helper()
	app := newTestApp(t)
	lead, err := app.store.UserByEmail(t.Context(), models.DefaultLeadEmail)
	if err != nil {
		t.Fatal(err)
	}
	if err := app.store.SetIdleLockMinutes(t.Context(), lead.Actor(), 2); err != nil {
		t.Fatal(err)
	}
	id := app.startAssessment(app.assessor)
	ctx := newTablet(t, newBrowser(t))
	err = chromedp.Do(ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{
			Source: `(() => { const real = Date.now.bind(Date); window.skewMs = 0; Date.now = () => real() + window.skewMs; ` + more + ` })()`})
		return chromedp.Void{}, err
	})
	if err != nil {
		t.Fatalf("a clock the test can move: %v", err)
	}
	signInAt(t, ctx, app.srv.URL, "ada@example.org", "correct horse battery")
	openAssessment(t, ctx, app.srv.URL, id, "about-me")
	return app, ctx, id
}
