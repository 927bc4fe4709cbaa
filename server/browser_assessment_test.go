package server

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Browser tests of the assessment page on a 768×1024 touch tablet. Helpers
// are in assessment_pages_browser_test.go.

// TestBrowserAssessmentFillOfflineReloadAndSync fills several sections,
// then goes offline, answers three questions, reloads (the service worker
// serves the page), comes back online and finds all three on the server.
func TestBrowserAssessmentFillOfflineReloadAndSync(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	wifi := newWardWiFi(t, app)
	ctx := newTablet(t, newBrowser(t))
	signInAt(t, ctx, wifi.URL, "ada@example.org", "correct horse battery")
	tabletDo(t, ctx, "start page", chromedp.Navigate(wifi.URL+"/assessments/new"))
	tabletShot(t, ctx, "assessment-new-portrait")
	checkTouchTargets(t, ctx, "start an assessment")
	openAssessment(t, ctx, wifi.URL, id, "")

	// About me: text, and a yes/no whose show-if question appears and
	// disappears live.
	const language = `!document.getElementById('qw-interpreter-language').hidden`
	// "My name" is bound to the person and already holds the start page's name.
	tabletDo(t, ctx, "fill About me", tap(`label[for="q-interpreter-0"]`))
	tabletWait(t, ctx, "the interpreter's language to show", language)
	tabletDo(t, ctx, "answer no", tap(`label[for="q-interpreter-1"]`))
	tabletWait(t, ctx, "the interpreter's language to hide", "!("+language+")")
	tabletDo(t, ctx, "answer yes and the language",
		tap(`label[for="q-interpreter-0"]`),
		chromedp.SendKeys(chromedp.CSS(`#q-interpreter-language`), "Polish"))
	tabletShot(t, ctx, "assessment-portrait-about-me")
	checkTouchTargets(t, ctx, "About me")
	tabletDo(t, ctx, "next section", tap(`#s-about-me button[type=submit]`))
	tabletWait(t, ctx, "section 2", `!document.getElementById('s-what-matters').hidden && location.pathname.endsWith('/what-matters')`)
	tabletDo(t, ctx, "fill What matters",
		chromedp.SendKeys(chromedp.CSS(`#q-what-matters-most`), "Seeing my granddaughter Łucja every Sunday"),
		tap(`#s-what-matters button[type=submit]`))

	// A table: fill a row, add a second.
	tabletWait(t, ctx, "section 3", `!document.getElementById('s-important-people-section').hidden`)
	tabletDo(t, ctx, "fill the people table",
		chromedp.SendKeys(chromedp.CSS(`#q-important-people-0-name`), "Maria Ó'Brien"),
		chromedp.SendKeys(chromedp.CSS(`#q-important-people-0-relationship`), "Daughter"),
		tap(`#qw-important-people [data-add-row]`),
		chromedp.SendKeys(chromedp.CSS(`#q-important-people-1-name`), "Piotr Łukasiewicz"))
	tabletWaitSaved(t, ctx)
	tabletShot(t, ctx, "assessment-portrait-table")
	checkTouchTargets(t, ctx, "the people table")
	answers, _ := serverAnswers(t, app, id)
	wantAnswer(t, answers, "my-name", "Zoë Ó'Brien-Łukasiewicz")
	wantAnswer(t, answers, "interpreter", true)
	wantAnswer(t, answers, "interpreter-language", "Polish")
	wantAnswer(t, answers, "what-matters-most", "Seeing my granddaughter Łucja every Sunday")
	if rows, _ := answers["important-people"].([]any); len(rows) != 2 {
		t.Fatalf("important-people = %#v, want 2 rows", answers["important-people"])
	}

	// Offline: three answers wait on the tablet, through a reload.
	wifi.setDown(t, ctx, true)
	tabletWait(t, ctx, "the browser to be offline", `navigator.onLine === false`)
	tabletDo(t, ctx, "answer offline",
		tap(`label[for="q-has-lpa-0"]`),
		chromedp.SendKeys(chromedp.CSS(`#q-lpa-who`), "My daughter Maria"),
		tap(`#s-important-people-section button[type=submit]`),
		tap(`label[for="q-sensory-aids-0"]`))
	const waiting = `document.getElementById('save-state').textContent === 'Offline — 3 changes waiting'`
	tabletWait(t, ctx, "three changes waiting", waiting)
	tabletShot(t, ctx, "assessment-offline")
	tabletDo(t, ctx, "reload offline", chromedp.Reload())
	tabletWait(t, ctx, "the page from the service worker", `document.getElementById('assessment')?.dataset.ready === 'true'`)
	tabletWait(t, ctx, "three changes still waiting", waiting)
	if got := tabletEval(t, ctx, `document.getElementById('q-lpa-who').value`); got != "My daughter Maria" {
		t.Fatalf("after an offline reload the attorney shows %q", got)
	}
	answers, _ = serverAnswers(t, app, id)
	if answers["has-lpa"] != nil || answers["lpa-who"] != nil || answers["sensory-aids"] != nil {
		t.Fatalf("offline answers reached the server too early: %v", answers)
	}

	wifi.setDown(t, ctx, false)
	tabletWaitSaved(t, ctx)
	answers, _ = serverAnswers(t, app, id)
	wantAnswer(t, answers, "has-lpa", true)
	wantAnswer(t, answers, "lpa-who", "My daughter Maria")
	if got, _ := answers["sensory-aids"].([]any); len(got) != 1 || got[0] != "Glasses" {
		t.Fatalf("sensory-aids = %#v, want [Glasses]", answers["sensory-aids"])
	}
	wantAnswer(t, answers, "my-name", "Zoë Ó'Brien-Łukasiewicz") // nothing earlier was lost
}

// TestBrowserAssessmentConflictBetweenTablets: two tablets change the same
// answer; the second sees both answers and chooses, and nothing is
// overwritten before it does.
func TestBrowserAssessmentConflictBetweenTablets(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	browser := newBrowser(t)
	first, second := newTablet(t, browser), newTablet(t, browser)
	app.signIn(t, first, "ada@example.org", "correct horse battery")
	app.signIn(t, second, "lead@firstperson.local", app.leadPass)
	openAssessment(t, first, app.srv.URL, id, "what-matters")
	openAssessment(t, second, app.srv.URL, id, "what-matters")

	tabletDo(t, first, "first tablet answers",
		chromedp.SendKeys(chromedp.CSS(`#q-good-day`), "A walk by the sea"),
		chromedp.SendKeys(chromedp.CSS(`#q-my-worries`), "Being alone at night"))
	tabletWaitSaved(t, first)
	tabletDo(t, second, "second tablet answers the same question",
		chromedp.SendKeys(chromedp.CSS(`#q-good-day`), "Gardening with my grandson"))
	tabletWait(t, second, "the conflict choice", `!document.getElementById('conflicts').hidden`)

	panel := tabletEval(t, second, `document.getElementById('conflicts').innerText`)
	for _, want := range []string{"A good day for me is", "Gardening with my grandson", "A walk by the sea", "Keep mine", "Keep theirs"} {
		if !strings.Contains(panel, want) {
			t.Fatalf("conflict panel lacks %q:\n%s", want, panel)
		}
	}
	if state := tabletEval(t, second, `document.getElementById('save-state').textContent`); state != "Someone else changed this — choose which to keep" {
		t.Fatalf("save state = %q", state)
	}
	// The answer the other tablet saved for another question is shown.
	if got := tabletEval(t, second, `document.getElementById('q-my-worries').value`); got != "Being alone at night" {
		t.Fatalf("the other tablet's answer shows as %q", got)
	}
	answers, _ := serverAnswers(t, app, id)
	wantAnswer(t, answers, "good-day", "A walk by the sea") // not overwritten before choosing
	tabletShot(t, second, "assessment-conflict")
	checkTouchTargets(t, second, "the conflict choice")

	tabletDo(t, second, "keep mine", tap(`#conflicts [data-keep="mine"]`))
	tabletWaitSaved(t, second)
	tabletWait(t, second, "the panel to close", `document.getElementById('conflicts').hidden`)
	answers, _ = serverAnswers(t, app, id)
	wantAnswer(t, answers, "good-day", "Gardening with my grandson")
	wantAnswer(t, answers, "my-worries", "Being alone at night")
}

// TestBrowserAssessmentCompletion, on a tablet in landscape: completion is
// refused while required answers are missing (each linked), then succeeds
// and the record shows read-only with who completed it.
func TestBrowserAssessmentCompletion(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	ctx := newLandscapeTablet(t, newBrowser(t))
	app.signIn(t, ctx, "ada@example.org", "correct horse battery")

	tabletDo(t, ctx, "open the summary", chromedp.Navigate(app.srv.URL+assessmentURL(id, "")+"/complete"))
	if n := tabletEval(t, ctx, `String(document.querySelectorAll('.missing li').length)`); n != "5" {
		t.Fatalf("missing answers listed = %s, want 5 (the name came from the start page)", n)
	}
	if tabletEval(t, ctx, `String(!!document.getElementById('complete-form'))`) != "false" {
		t.Fatal("the complete button shows while answers are missing")
	}
	tabletShot(t, ctx, "assessment-missing")
	checkTouchTargets(t, ctx, "the summary")

	tabletDo(t, ctx, "follow the first link", tap(`.missing a`))
	tabletWait(t, ctx, "Sign-off", `location.hash === '#qw-assessor-name' && !document.getElementById('s-sign-off').hidden`)
	tabletWait(t, ctx, "the page's script", `document.getElementById('assessment')?.dataset.ready === 'true'`)
	tabletDo(t, ctx, "assessor name", chromedp.SendKeys(chromedp.CSS(`#q-assessor-name`), "Ada Assessor, Trusted Assessor, Northtown Hospital"))
	tabletWaitSaved(t, ctx)

	openAssessment(t, ctx, app.srv.URL, id, "sign-off")
	tabletDo(t, ctx, "sign-off answers",
		chromedp.SendKeys(chromedp.CSS(`#q-recommendation`), "I am ready to go back to Willow House."),
		tap(`label[for="q-care-home-accepts-0"]`),
		chromedp.Evaluate[chromedp.Void](`(() => { const d = document.getElementById('q-sign-off-date');
			d.value = '2026-03-04'; d.dispatchEvent(new Event('input', {bubbles: true})); })()`))
	signWithFinger(t, ctx, `#q-assessor-signature`)
	tabletWaitSaved(t, ctx)
	tabletShot(t, ctx, "assessment-landscape-signature")
	checkTouchTargets(t, ctx, "sign-off in landscape")

	// In landscape the section list is a sidebar, always open.
	tabletWait(t, ctx, "the sidebar", `document.querySelector('[data-sec-nav]').open`)
	tabletDo(t, ctx, "top", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	tabletShot(t, ctx, "assessment-landscape-sign-off")
	answers, _ := serverAnswers(t, app, id)
	if sig, _ := answers["assessor-signature"].(string); !strings.HasPrefix(sig, "data:image/png;base64,") {
		t.Fatalf("signature saved as %.40q", sig)
	}

	tabletDo(t, ctx, "save and check", tap(`#s-sign-off button[type=submit]`))
	tabletWait(t, ctx, "the summary", `location.pathname.endsWith('/complete') && !!document.getElementById('complete-form')`)
	tabletDo(t, ctx, "confirm and complete",
		tap(`label[for="confirm"]`),
		tap(`#complete-form button[type=submit]`))
	tabletWait(t, ctx, "the completed record", `!!document.querySelector('.completed-by')`)
	if by := tabletEval(t, ctx, `document.querySelector('.completed-by').innerText`); !strings.Contains(by, "Completed by Ada Assessor") {
		t.Fatalf("completed record says %q", by)
	}
	if n := tabletEval(t, ctx, `String(document.querySelectorAll('input, textarea').length)`); n != "0" {
		t.Fatalf("the completed record has %s inputs, want none", n)
	}
	tabletShot(t, ctx, "assessment-completed-landscape")
	tabletDo(t, ctx, "the list", chromedp.Navigate(app.srv.URL+"/assessments"))
	if got := tabletEval(t, ctx, `document.querySelector('.a-list').innerText`); !strings.Contains(got, "Completed") {
		t.Fatalf("the list shows %q", got)
	}
	tabletShot(t, ctx, "assessments-list-landscape")
	checkTouchTargets(t, ctx, "the list")
}

// wantAnswer fails unless answers[id] is want.
func wantAnswer(t *testing.T, answers map[string]any, id string, want any) {
	t.Helper()
	if answers[id] != want {
		t.Fatalf("answer %s = %#v, want %#v", id, answers[id], want)
	}
}
