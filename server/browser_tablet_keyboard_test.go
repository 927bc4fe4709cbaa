package server

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// tabTo presses Tab until the focused element matches sel, as a keyboard
// user moves through a page; it fails when sel is not in the tab order.
func tabTo(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	is := fmt.Sprintf(`!!document.activeElement && document.activeElement.matches(%q)`, sel)
	for i := 0; i < 120; i++ {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](is)); err == nil && ok {
			return
		}
		tabletDo(t, ctx, "press Tab", chromedp.KeyEvent(kb.Tab))
	}
	t.Fatalf("%s cannot be reached with the Tab key (focus is on %s)", sel,
		tabletEval(t, ctx, `document.activeElement.tagName + '#' + document.activeElement.id`))
}

// press types keys into whatever has the focus.
func press(t *testing.T, ctx context.Context, keys string) {
	t.Helper()
	tabletDo(t, ctx, "type "+keys, chromedp.KeyEvent(keys))
}

// TestBrowserTabletKeyboardOnlyCompletionWithTypedSignature: an assessor
// who uses no pointer completes the assessment, signing by typing; the
// pad is in the tab order too. On the way the tablet is locked and
// unlocked: saving goes on under the lock and nothing typed is lost.
func TestBrowserTabletKeyboardOnlyCompletionWithTypedSignature(t *testing.T) {
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	ctx := newTablet(t, newBrowser(t))
	tabletDo(t, ctx, "sign-in page", chromedp.Navigate(app.srv.URL+"/login"))
	tabTo(t, ctx, "#email")
	press(t, ctx, "ada@example.org")
	tabTo(t, ctx, "#password")
	press(t, ctx, "correct horse battery"+kb.Enter)
	tabletWait(t, ctx, "signed in", `!!document.querySelector('form.signout')`)

	tabletDo(t, ctx, "the summary", chromedp.Navigate(app.srv.URL+assessmentURL(id, "")+"/complete"))
	tabTo(t, ctx, ".missing a")
	press(t, ctx, kb.Enter)
	// The first missing answer's section opens (the name is the person's
	// own detail, filled in at the start, so it is not missing).
	tabletWait(t, ctx, "the missing answer's section", `!location.pathname.endsWith('/complete') &&
		document.getElementById('assessment')?.dataset.ready === 'true'`)
	openAssessment(t, ctx, app.srv.URL, id, "about-me")
	tabTo(t, ctx, "#q-please-call-me")
	press(t, ctx, "Zoë")
	tabletWaitSaved(t, ctx)

	openAssessment(t, ctx, app.srv.URL, id, "sign-off")
	tabTo(t, ctx, "#q-assessor-name")
	press(t, ctx, "Ada Assessor, Trusted Assessor")

	// Lock at once ("Lock screen"): the record is hidden and inert, the
	// change typed just before still reaches the server underneath.
	tabletDo(t, ctx, "back to the top", chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-lock-now]').focus()`))
	press(t, ctx, kb.Enter)
	tabletWait(t, ctx, "the lock screen", `!!document.getElementById('lock-screen') && document.activeElement.id === 'lock-password'`)
	if tabletEval(t, ctx, `String(document.getElementById('main').inert)`) != "true" {
		t.Fatal("the record under the lock screen is not inert")
	}
	tabletWait(t, ctx, "saved under the lock", `document.getElementById('save-state').dataset.state === 'saved'`)
	answers, _ := serverAnswers(t, app, id)
	wantAnswer(t, answers, "assessor-name", "Ada Assessor, Trusted Assessor")
	press(t, ctx, "not my password"+kb.Enter)
	tabletWait(t, ctx, "a wrong password refused", `!document.getElementById('lock-error').hidden &&
		document.getElementById('lock-password').getAttribute('aria-invalid') === 'true'`)
	tabletShot(t, ctx, "tablet-lock-screen")
	tabletDo(t, ctx, "clear", chromedp.Evaluate[chromedp.Void](`document.getElementById('lock-password').value = ''`))
	press(t, ctx, "correct horse battery"+kb.Enter)
	tabletWait(t, ctx, "unlocked, focus back", `!document.getElementById('lock-screen') && document.activeElement.matches('[data-lock-now]')`)
	if got := tabletEval(t, ctx, `document.getElementById('q-assessor-name').value`); got != "Ada Assessor, Trusted Assessor" {
		t.Fatalf("after unlocking the name reads %q", got)
	}

	tabTo(t, ctx, "#q-recommendation")
	press(t, ctx, "I am ready to go back to Willow House.")
	tabTo(t, ctx, "#q-care-home-accepts-0")
	press(t, ctx, " ")
	tabTo(t, ctx, "#q-assessor-signature") // the pad is reachable by keyboard
	tabTo(t, ctx, "#qw-assessor-signature summary")
	press(t, ctx, kb.Enter)
	tabTo(t, ctx, "#q-assessor-signature-typed")
	press(t, ctx, "Priya Raman")
	tabTo(t, ctx, "#q-assessor-signature-confirmed")
	press(t, ctx, " ")
	tabTo(t, ctx, "#q-sign-off-date")
	press(t, ctx, "03042026")
	tabletWaitSaved(t, ctx)
	tabletDo(t, ctx, "show the signature", chromedp.Evaluate[chromedp.Void](
		`document.getElementById('qw-assessor-signature').scrollIntoView({block: 'center'})`))
	tabletShot(t, ctx, "tablet-typed-signature")
	answers, _ = serverAnswers(t, app, id)
	sig, _ := answers["assessor-signature"].(map[string]any)
	if sig["typed"] != "Priya Raman" || sig["confirmed"] != true || sig["entered_by"] != "Ada Assessor" {
		t.Fatalf("signature saved as %v", answers["assessor-signature"])
	}
	wantAnswer(t, answers, "sign-off-date", "2026-03-04")
	wantAnswer(t, answers, "care-home-accepts", true)

	tabTo(t, ctx, "#s-sign-off button[type=submit]")
	press(t, ctx, kb.Enter)
	tabletWait(t, ctx, "the summary", `location.pathname.endsWith('/complete') && !!document.getElementById('complete-form')`)
	tabTo(t, ctx, "#confirm")
	press(t, ctx, " ")
	tabTo(t, ctx, "#complete-form button[type=submit]")
	press(t, ctx, kb.Enter)
	tabletWait(t, ctx, "the completed record", `!!document.querySelector('.completed-by')`)
	if got := tabletEval(t, ctx, `document.getElementById('qw-assessor-signature').innerText`); !strings.Contains(got,
		"Signed electronically by typing: Priya Raman") || !strings.Contains(got, "entered by Ada Assessor") {
		t.Fatalf("the completed record shows the signature as %q", got)
	}
}
