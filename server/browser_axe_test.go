package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core, vendored for the tests only into testdata/axe
// (npm ci --prefix server/testdata/axe); it is never served to users.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "axe", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core is missing: CI must run `npm ci --prefix server/testdata/axe` (%v)", err)
		}
		t.Skipf("axe-core is not installed (npm ci --prefix server/testdata/axe): %v", err)
	}
	return string(b)
}

// checkAxe runs axe-core on the page as it is now and fails on any
// WCAG 2.0/2.1/2.2 level A or AA violation.
func checkAxe(t *testing.T, ctx context.Context, axe, where string) {
	t.Helper()
	out := axeViolations(t, ctx, axe)
	var violations []struct {
		ID, Impact, Help string
		Nodes            []string
	}
	if err := json.Unmarshal([]byte(out), &violations); err != nil {
		t.Fatalf("%s: axe answer %s: %v", where, out, err)
	}
	for _, v := range violations {
		t.Errorf("%s: axe %s (%s): %s\n  %s", where, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
	}
}

// axeViolations runs axe-core and returns its violations as JSON.
func axeViolations(t *testing.T, ctx context.Context, axe string) string {
	t.Helper()
	// DevTools evaluation is not bound by the page's Content-Security-Policy.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
		t.Fatalf("inject axe-core: %v", err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: 'tag',
		values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']}}).then(r => JSON.stringify(r.violations.map(v => ({
		id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + n.failureSummary)}))))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("run axe-core: %v", err)
	}
	return out
}

// checkReflow fails when the page scrolls sideways at the current width.
func checkReflow(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	got := tabletEval(t, ctx, `document.documentElement.scrollWidth + ' ' + document.documentElement.clientWidth`)
	var sw, cw int
	fmt.Sscanf(got, "%d %d", &sw, &cw)
	if sw > cw {
		wide := tabletEval(t, ctx, `[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
			.slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')`)
		t.Errorf("%s: the page scrolls sideways at %d px (content %d px wide): %s", where, cw, sw, wide)
	}
}

// TestBrowserTabletAccessibility: axe-core finds no WCAG 2.2 A/AA
// violation on each kind of page the browser tests visit (and on the
// tablet's dialogs); at 320 CSS px nothing scrolls sideways; the focus
// ring has a dark inner ring beside the yellow; the save bar covers at
// most a quarter of a short screen; the section is named in the title.
func TestBrowserTabletAccessibility(t *testing.T) {
	axe := axeSource(t)
	app := newTestApp(t)
	id := app.startAssessment(app.assessor)
	done := app.startAssessment(app.assessor)
	path := fmt.Sprintf("/api/v1/assessments/%d", done)
	app.json("PATCH", path+"/answers", app.assessor, map[string]any{"revision": 0, "answers": fullAnswers()}, http.StatusOK, nil)
	app.json("POST", path+"/complete", app.assessor, nil, http.StatusOK, nil)
	ctx := newTablet(t, newBrowser(t))

	tabletDo(t, ctx, "sign-in page", chromedp.Navigate(app.srv.URL+"/login"))
	checkAxe(t, ctx, axe, "sign-in")
	app.signIn(t, ctx, "lead@firstperson.local", app.leadPass)
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"assessment list", "/assessments"},
		{"start an assessment", "/assessments/new"},
		{"assessment section", assessmentURL(id, "sign-off")},
		{"summary", assessmentURL(id, "") + "/complete"},
		{"completed record", assessmentURL(done, "")},
		{"shares", assessmentURL(done, "") + "/shares"},
		{"templates", "/templates"},
		{"template", fmt.Sprintf("/templates/%d", app.template)},
		{"tablet settings", "/team/tablet"},
	}
	for _, p := range pages {
		tabletDo(t, ctx, p.name, chromedp.Navigate(app.srv.URL+p.path))
		checkAxe(t, ctx, axe, p.name)
	}

	// The section's name is in the title, and it follows the section.
	tabletDo(t, ctx, "a section", chromedp.Navigate(app.srv.URL+assessmentURL(id, "sign-off")))
	tabletWait(t, ctx, "the page's script", `document.getElementById('assessment')?.dataset.ready === 'true'`)
	if got := tabletEval(t, ctx, `document.title`); !strings.HasPrefix(got, "Outcome and sign-off · ") {
		t.Errorf("title %q", got)
	}
	// The focus ring: yellow outline with a dark ring inside it.
	tabletDo(t, ctx, "focus a field", chromedp.Focus(chromedp.CSS(`#q-assessor-name`)), chromedp.KeyEvent("a"))
	ring := tabletEval(t, ctx, `(() => { const s = getComputedStyle(document.activeElement); return s.outlineColor + ' | ' + s.boxShadow; })()`)
	if !strings.Contains(ring, "rgb(255, 191, 71)") || !strings.Contains(ring, "rgb(11, 12, 12)") {
		t.Errorf("focus ring is %q, want the yellow outline and the dark inner ring", ring)
	}
	// A refused autosave: the field is aria-invalid and described by its
	// message, and the assertive region names the question once.
	tabletDo(t, ctx, "a date out of range", chromedp.Evaluate[chromedp.Void](`(() => {
		window.fpSpoken = [];
		new MutationObserver(() => fpSpoken.push(document.getElementById('save-announce').textContent))
			.observe(document.getElementById('save-announce'), {childList: true, characterData: true, subtree: true});
		const d = document.getElementById('q-sign-off-date');
		d.value = '2204-03-04'; d.dispatchEvent(new Event('change', {bubbles: true})); })()`))
	tabletWait(t, ctx, "the refused date marked", `(() => { const d = document.getElementById('q-sign-off-date');
		return d.getAttribute('aria-invalid') === 'true' && (d.getAttribute('aria-describedby') || '').split(' ').includes('q-sign-off-date-error') &&
			!!document.getElementById('q-sign-off-date-error'); })()`)
	if got := tabletEval(t, ctx, `document.getElementById('error-announce').textContent`); !strings.Contains(got, "Date of my assessment") || !strings.Contains(got, "2200") {
		t.Errorf("the assertive region says %q", got)
	}
	// Typing on: the polite region speaks on a change of state only, not
	// on every keystroke.
	tabletDo(t, ctx, "fix the date and type on", chromedp.Evaluate[chromedp.Void](`(() => {
		const d = document.getElementById('q-sign-off-date');
		d.value = '2026-03-04'; d.dispatchEvent(new Event('change', {bubbles: true})); })()`),
		chromedp.SendKeys(chromedp.CSS(`#q-assessor-name`), "bcdefghijk"))
	tabletWaitSaved(t, ctx)
	if tabletEval(t, ctx, `document.getElementById('q-sign-off-date').getAttribute('aria-invalid') || ''`) != "" {
		t.Error("the corrected date is still marked invalid")
	}
	// Ten keystrokes and a date: a slow machine may save twice (Saving…,
	// Saved, Saving…, Saved), but never once per keystroke, and never the
	// same words twice in a row.
	if n := tabletEval(t, ctx, `String(fpSpoken.length > 7 || fpSpoken.some((w, i) => i > 0 && w === fpSpoken[i-1])) + ': ' + fpSpoken.join(' | ')`); !strings.HasPrefix(n, "false:") {
		t.Errorf("the polite status spoke on more than changes of state: %s", n)
	}

	// Dialogs: the lock screen and the sign-out warning pass too.
	tabletDo(t, ctx, "lock", chromedp.Click(chromedp.CSS(`[data-lock-now]`)))
	tabletWait(t, ctx, "the lock screen", `!!document.getElementById('lock-screen')`)
	checkAxe(t, ctx, axe, "lock screen")
	tabletDo(t, ctx, "unlock", chromedp.SendKeys(chromedp.CSS(`#lock-password`), app.leadPass+"\r"))
	tabletWait(t, ctx, "unlocked", `!document.getElementById('lock-screen')`)

	// A refused form post: the error summary has the focus.
	tabletDo(t, ctx, "tablet settings", chromedp.Navigate(app.srv.URL+"/team/tablet"),
		chromedp.SetValue(chromedp.CSS(`#idle_lock_minutes`), "99"), chromedp.Submit(chromedp.CSS(`#idle_lock_minutes`)))
	tabletWait(t, ctx, "focus on the error summary", `document.activeElement && document.activeElement.classList.contains('error-summary')`)
	checkAxe(t, ctx, axe, "tablet settings refused")

	// 320 CSS px wide (400% zoom on a 1280 px screen), and a short screen.
	tabletDo(t, ctx, "narrow", chromedp.EmulateViewport(320, 480, chromedp.EmulateTouch))
	for _, p := range pages {
		tabletDo(t, ctx, p.name, chromedp.Navigate(app.srv.URL+p.path))
		checkReflow(t, ctx, p.name+" at 320 px")
	}
	tabletDo(t, ctx, "a section", chromedp.Navigate(app.srv.URL+assessmentURL(id, "about-me")))
	tabletWait(t, ctx, "the page's script", `document.getElementById('assessment')?.dataset.ready === 'true'`)
	bar := tabletEval(t, ctx, `(() => { const b = document.querySelector('form[data-section]:not([hidden]) .sec-actions').getBoundingClientRect();
		const covered = getComputedStyle(document.querySelector('form[data-section]:not([hidden]) .sec-actions')).position === 'sticky' ? b.height : 0;
		return covered + ' ' + innerHeight; })()`)
	var covered, height float64
	fmt.Sscanf(bar, "%g %g", &covered, &height)
	if covered > height/4 {
		t.Errorf("the sticky save bar covers %g of %g px", covered, height)
	}
	tabletShot(t, ctx, "tablet-320px")

	// axe-core really looks: a field without a label is a violation.
	tabletDo(t, ctx, "break the page", chromedp.Evaluate[chromedp.Void](`document.querySelector('main').append(document.createElement('select'))`))
	if n := axeViolations(t, ctx, axe); !strings.Contains(n, "select-name") && !strings.Contains(n, "label") {
		t.Errorf("axe-core did not notice a select without a label: %s", n)
	}
}
