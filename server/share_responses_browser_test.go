package server

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// newCareHomePhone opens a tab sized like a care-home manager's phone (390×844,
// touch, mobile) in its own browser context.
func newCareHomePhone(t *testing.T, alloc context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateTouch, chromedp.EmulateMobile)); err != nil {
		t.Fatalf("start phone tab: %v", err)
	}
	return ctx
}

// shot12 saves a full-page screenshot under /tmp/shots12 (or
// $FIRSTPERSON_SCREENSHOTS) for people to look at.
func shot12(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if os.Getenv("FIRSTPERSON_SCREENSHOTS") == "" {
		t.Setenv("FIRSTPERSON_SCREENSHOTS", "/tmp/shots12")
		_ = os.MkdirAll("/tmp/shots12", 0o755)
	}
	screenshot(t, ctx, name)
}

// noSideScroll fails when the page is wider than the phone's screen.
func noSideScroll(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	if w := tabletEval(t, ctx, `String(document.documentElement.scrollWidth)`); w != "390" {
		t.Fatalf("%s is %s px wide on a 390 px phone", where, w)
	}
}

// TestBrowserCareHomeAsksTheTeamRepliesTheHomeAccepts: the care home on a
// phone asks a question; the assessor on a tablet sees the badge and
// replies; the home sees the reply and accepts.
func TestBrowserCareHomeAsksTheTeamRepliesTheHomeAccepts(t *testing.T) {
	app := newTestApp(t)
	app.json("PUT", "/api/v1/team/contact", app.lead, map[string]any{"name": "Northshire Hospital Trusted Assessor team",
		"phone": "0161 496 0000", "email": "ta.team@nhs.example", "hours": "Monday to Friday, 8am to 6pm"}, http.StatusOK, nil)
	id, link := app.sharedWithHome(app.assessor)
	browser := newBrowser(t)
	home, team := newCareHomePhone(t, browser), newTablet(t, browser)

	tabletDo(t, home, "open the link", chromedp.Navigate(app.srv.URL+link), chromedp.WaitVisible(`#decision-title`))
	if got := tabletEval(t, home, `document.querySelector('label.choice').textContent.trim()`); got != "We can meet Zoë's needs" {
		t.Fatalf("first choice reads %q", got)
	}
	noSideScroll(t, home, "the share page")
	tabletDo(t, home, "ask a question",
		tap(`input[value=question]`),
		chromedp.SendKeys(`#resp-name`, "Rita Mills"),
		chromedp.SendKeys(`#resp-role`, "Home manager"),
		chromedp.SendKeys(`#resp-message`, "Does Zoë need a hoist for transfers?"),
		tap(`form[action$="/responses"] button[type=submit]`))
	tabletWait(t, home, "the question in the conversation", `document.querySelector('.conversation .decision-question') !== null`)

	app.signIn(t, team, "ada@example.org", "correct horse battery")
	tabletDo(t, team, "open the list", chromedp.Navigate(app.srv.URL+"/assessments"), chromedp.WaitVisible(`.care-badge`))
	if got := tabletEval(t, team, `document.querySelector('.care-badge').textContent`); !strings.HasPrefix(got, "Question from Rosewood House, ") {
		t.Fatalf("badge in the list: %q", got)
	}
	shot12(t, team, "assessor-list-badge-tablet")
	tabletDo(t, team, "open the assessment", chromedp.Navigate(fmt.Sprintf("%s/assessments/%d", app.srv.URL, id)),
		chromedp.WaitVisible(`#reply`),
		chromedp.SendKeys(`#reply`, "No hoist: Zoë stands and transfers with one person and a frame."),
		tap(`.reply-form button[type=submit]`))
	tabletWait(t, team, "the reply on the page", `document.querySelector('.share-panel .from-team') !== null`)
	shot12(t, team, "assessor-conversation-tablet")

	tabletDo(t, home, "reload the link", chromedp.Navigate(app.srv.URL+link), chromedp.WaitVisible(`.conversation .from-team`))
	if got := tabletEval(t, home, `document.querySelector('.conversation .from-team').textContent`); !strings.Contains(got, "No hoist") {
		t.Fatalf("the home sees %q", got)
	}
	tabletDo(t, home, "accept",
		tap(`input[value=accept]`),
		chromedp.SendKeys(`#resp-name`, "Rita Mills"),
		chromedp.SendKeys(`#resp-role`, "Home manager"),
		tap(`form[action$="/responses"] button[type=submit]`))
	tabletWait(t, home, "the acceptance", `document.querySelector('.conversation .decision-accept') !== null`)
	shot12(t, home, "share-page-conversation-phone")

	tabletDo(t, team, "list again", chromedp.Navigate(app.srv.URL+"/assessments"), chromedp.WaitVisible(`.care-badge.care-accept`))
	if got := tabletEval(t, team, `document.querySelector('.care-badge').textContent`); !strings.HasPrefix(got, "Accepted by Rosewood House, ") {
		t.Fatalf("badge after acceptance: %q", got)
	}
	shot12(t, team, "assessor-list-accepted-tablet")

	tabletDo(t, team, "open the shares page", chromedp.Navigate(fmt.Sprintf("%s/assessments/%d/shares", app.srv.URL, id)),
		chromedp.WaitVisible(`td.opens`))
	if got := tabletEval(t, team, `document.querySelector('td.opens').textContent`); !strings.Contains(got, "4 views, last") {
		t.Fatalf("opens on the shares page: %q", got)
	}
	tabletDo(t, team, "revoke", tap(`form[action$="/revoke"] button`), chromedp.WaitVisible(`#confirm`))
	shot12(t, team, "shares-revoke-confirm-tablet")
	tabletDo(t, team, "confirm the revocation", tap(`#confirm button[type=submit]`), chromedp.WaitVisible(`#links .tag-warn`))
	tabletDo(t, home, "open the ended link", chromedp.Navigate(app.srv.URL+link), chromedp.WaitVisible(`.ended`))
	if got := tabletEval(t, home, `document.querySelector('.ended').textContent`); !strings.Contains(got, "This link has ended. Please contact the Trusted Assessor team at") {
		t.Fatalf("ended page: %q", got)
	}
	noSideScroll(t, home, "the ended-link page")
	shot12(t, home, "ended-link-phone")
}
