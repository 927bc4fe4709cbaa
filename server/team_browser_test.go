package server

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// newDesktop opens a 1280×900 tab with its own cookies, like a lead's PC.
func newDesktop(t *testing.T, browser context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	tabletDo(t, ctx, "start a desktop tab", chromedp.EmulateViewport(1280, 900))
	return ctx
}

// TestBrowserInviteAssessorThenDeactivate: the lead invites an assessor on
// the people page; the assessor opens the link in a fresh browser
// context, sets a password, lands signed in and starts an assessment; the
// lead deactivates them and the tablet's next save is refused.
func TestBrowserInviteAssessorThenDeactivate(t *testing.T) {
	app := newTestApp(t)
	browser := newBrowser(t)
	lead := newDesktop(t, browser)
	app.signIn(t, lead, "lead@firstperson.local", app.leadPass)
	tabletDo(t, lead, "add a person",
		chromedp.Navigate(app.srv.URL+"/team"),
		chromedp.SendKeys(chromedp.CSS(`#add-name`), "Tomasz Nowak"),
		chromedp.SendKeys(chromedp.CSS(`#add-email`), "tomasz@example.org"),
		chromedp.Click(chromedp.CSS(`form[action="/team/people"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#invite-url`)))
	invite := tabletEval(t, lead, `document.getElementById('invite-url').value`)
	if !strings.HasPrefix(invite, app.srv.URL+"/invite/") {
		t.Fatalf("invite link %q", invite)
	}
	tabletDo(t, lead, "copy", chromedp.Click(chromedp.CSS(`button[data-copy="invite-url"]`)))
	tabletWait(t, lead, "the copy button to answer", `/Cop/.test(document.querySelector('button[data-copy]').textContent) && document.querySelector('button[data-copy]').textContent !== 'Copy'`)
	screenshot(t, lead, "team-invite-desktop")

	tablet := newTablet(t, browser)
	tabletDo(t, tablet, "open the invitation",
		chromedp.Navigate(invite),
		chromedp.WaitVisible(chromedp.CSS(`#password`)),
		chromedp.SendKeys(chromedp.CSS(`#password`), "password1234"),
		chromedp.SendKeys(chromedp.CSS(`#confirm`), "password1234"),
		chromedp.Click(chromedp.CSS(`button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#password-error`)))
	if msg := tabletEval(t, tablet, `document.getElementById('password-error').textContent`); !strings.Contains(msg, "common") {
		t.Fatalf("weak password message %q", msg)
	}
	tabletDo(t, tablet, "set a password",
		chromedp.SendKeys(chromedp.CSS(`#password`), "birch canoe lantern"),
		chromedp.SendKeys(chromedp.CSS(`#confirm`), "birch canoe lantern"),
		chromedp.Click(chromedp.CSS(`button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`form.signout`)))
	if who := tabletEval(t, tablet, `document.querySelector('.who').textContent`); !strings.Contains(who, "Tomasz Nowak") {
		t.Fatalf("signed in as %q", who)
	}

	// Start an assessment on the tablet.
	tabletDo(t, tablet, "start an assessment",
		chromedp.Navigate(app.srv.URL+"/assessments/new"),
		chromedp.SendKeys(chromedp.CSS(`#name`), "Edith Example"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('date_of_birth').value = '1938-05-01'`),
		chromedp.Click(chromedp.CSS(`form[action="/assessments"] button[type=submit]`)))
	tabletWait(t, tablet, "the assessment page", `/^\/assessments\/\d+/.test(location.pathname) && document.getElementById('assessment')?.dataset.ready === 'true'`)
	id, err := strconv.Atoi(strings.Split(tabletEval(t, tablet, `location.pathname`), "/")[2])
	if err != nil {
		t.Fatal(err)
	}
	tabletDo(t, tablet, "answer", chromedp.SendKeys(chromedp.CSS(`#q-please-call-me`), "Edith"))
	tabletWaitSaved(t, tablet)

	// The lead deactivates Tomasz on the people page.
	tabletDo(t, lead, "deactivate",
		chromedp.Navigate(app.srv.URL+"/team"),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`form[action="/team/people/%d/active"] button`, app.userID(t, "tomasz@example.org")))),
		chromedp.WaitVisible(chromedp.CSS(`.flash`)))

	// The open tablet's next save is refused.
	tabletDo(t, tablet, "answer after deactivation", chromedp.SendKeys(chromedp.CSS(`#q-please-call-me`), " Example"))
	tabletWait(t, tablet, "the refusal", `document.getElementById('save-state').textContent.includes('Signed out')`)
	var out struct {
		Answers map[string]any `json:"answers"`
	}
	app.json("GET", fmt.Sprintf("/api/v1/assessments/%d", id), app.lead, nil, http.StatusOK, &out)
	if out.Answers["please-call-me"] != "Edith" {
		t.Fatalf("please-call-me on the server = %v, want the answer from before deactivation", out.Answers["please-call-me"])
	}
}

// TestBrowserTeamAndAccountScreenshots saves the people and account pages
// at desktop and tablet size for people to look at.
func TestBrowserTeamAndAccountScreenshots(t *testing.T) {
	app := newTestApp(t)
	browser := newBrowser(t)
	for _, size := range []struct {
		name string
		ctx  context.Context
	}{{"desktop", newDesktop(t, browser)}, {"tablet", newTablet(t, browser)}} {
		app.signIn(t, size.ctx, "lead@firstperson.local", app.leadPass)
		tabletDo(t, size.ctx, "people", chromedp.Navigate(app.srv.URL+"/team"), chromedp.WaitVisible(chromedp.CSS(`table.people`)))
		screenshot(t, size.ctx, "team-"+size.name)
		// A lead's top bar (five links, the name, "Sign out") is one row on
		// a tablet as on a desktop, and the name is shown whole.
		h, err := strconv.Atoi(tabletEval(t, size.ctx, `String(Math.round(document.querySelector('.topbar').getBoundingClientRect().height))`))
		if err != nil || h > 90 {
			t.Errorf("%s: the top bar is %d px tall (%v); it wraps onto a second row", size.name, h, err)
		}
		if who := tabletEval(t, size.ctx, `(() => { const w = document.querySelector('.signout .who');
			return w.scrollWidth <= w.clientWidth ? w.innerText : 'cut: ' + w.innerText; })()`); !strings.HasPrefix(who, "Clinical lead") {
			t.Errorf("%s: the signed-in name shows as %q", size.name, who)
		}
		tabletDo(t, size.ctx, "account",
			chromedp.Navigate(app.srv.URL+"/account"),
			chromedp.SendKeys(chromedp.CSS(`#token-name`), "Reporting script"),
			chromedp.Click(chromedp.CSS(`form[action="/account/tokens"] button`)),
			chromedp.WaitVisible(chromedp.CSS(`#new-token`)))
		screenshot(t, size.ctx, "account-"+size.name)
		// The invitation page, with a refused password.
		var inv struct {
			InviteURL string `json:"invite_url"`
		}
		app.json("POST", "/api/v1/users", app.lead, map[string]string{"email": size.name + "@example.org", "name": "Wiktoria Żółć", "role": "assessor"}, http.StatusCreated, &inv)
		tabletDo(t, size.ctx, "invitation",
			chromedp.Navigate(inv.InviteURL),
			chromedp.SendKeys(chromedp.CSS(`#password`), "password1234"),
			chromedp.SendKeys(chromedp.CSS(`#confirm`), "password1234"),
			chromedp.Click(chromedp.CSS(`form[action^="/invite/"] button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`#password-error`)))
		screenshot(t, size.ctx, "invite-"+size.name)
	}
}
