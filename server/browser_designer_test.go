package server

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"firstperson/forms"
	"firstperson/models"
)

// waitFor polls a JavaScript condition from Go, so it survives the page
// navigating underneath it (each form POST loads a new page).
func waitFor(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "\n" + document.body.innerText.slice(0, 3000)`))
			t.Fatalf("waiting for %s (%s): %v\n%s", what, js, err, page)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// watchPageErrors records, in the tab's sessionStorage so it outlives each
// navigation, every Content-Security-Policy violation and uncaught script
// error of every page the tab loads from now on.
func watchPageErrors(t *testing.T, ctx context.Context) {
	t.Helper()
	const js = `(() => {
		const note = m => { const a = JSON.parse(sessionStorage.pageErrors || "[]"); a.push(location.pathname + ": " + m);
			sessionStorage.pageErrors = JSON.stringify(a); };
		document.addEventListener("securitypolicyviolation", e => note("CSP " + e.violatedDirective + " " + e.blockedURI));
		window.addEventListener("error", e => note("error " + e.message));
		window.addEventListener("unhandledrejection", e => note("rejection " + e.reason));
	})()`
	err := chromedp.Do(ctx, func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: js})
		return chromedp.Void{}, err
	})
	if err != nil {
		t.Fatalf("watch page errors: %v", err)
	}
}

func noPageErrors(t *testing.T, ctx context.Context) {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`sessionStorage.pageErrors || "[]"`))
	if err != nil || got != "[]" {
		t.Fatalf("page errors: %s %v", got, err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	// The designer swaps parts of the page in after a save; a node found
	// just before it is replaced is gone by the time its text is read, so
	// look again a few times before failing.
	var err error
	for range 5 {
		var s string
		if s, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel))); err == nil {
			return strings.TrimSpace(s)
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("text of %s: %v", sel, err)
	return ""
}

func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// TestBrowserDesignerFlow is the lead's whole round: start a draft, take
// the voice check's rewrite, add a choice question with a show-if, drag a
// section, preview on a tablet, publish, and find version 2 in the history
// and in the comparison.
func TestBrowserDesignerFlow(t *testing.T) {
	app := newTestApp(t)
	id := app.smallTemplate(t)
	ctx := newTablet(t, newBrowser(t))
	watchPageErrors(t, ctx)
	app.signIn(t, ctx, models.DefaultLeadEmail, app.leadPass)
	tpl := fmt.Sprintf("/templates/%d", id)

	// On a laptop: from the list to the template, and a new draft.
	do(t, ctx, "open the template",
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(app.srv.URL+"/templates"),
		chromedp.Click(chromedp.CSS(`a[href="`+tpl+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#history-heading`)),
		chromedp.Click(chromedp.CSS(`form[action="`+tpl+`/drafts"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#voice-count`)))
	if got := text(t, ctx, "#voice-count"); got != "3 of 4" {
		t.Fatalf("voice count before = %q, want 3 of 4", got)
	}

	// "Name" is flagged; one click takes the suggested rewrite.
	if got := text(t, ctx, "#q-name .suggestion"); got != "“My name”" {
		t.Fatalf("suggestion for Name = %q", got)
	}
	do(t, ctx, "apply the rewrite", chromedp.Click(chromedp.CSS(`#q-name .voice-apply button`)))
	waitFor(t, ctx, "the voice count to reach 4 of 4", `document.querySelector("#voice-count")?.textContent === "4 of 4"`)
	if got := text(t, ctx, "#q-name .q-label"); !strings.HasSuffix(got, "My name") {
		t.Fatalf("label after the rewrite = %q", got)
	}

	// Add a choice question, then give it options and a show-if on the
	// earlier yes/no question (designer.js swaps in the Yes/No list).
	do(t, ctx, "add a choice question",
		chromedp.Click(chromedp.CSS(`#s-about-me details.add-question summary`)),
		chromedp.SendKeys(chromedp.CSS(`#aq-about-me`), "The aid I use most"),
		chromedp.SetValue(chromedp.CSS(`#aq-type-about-me`), "choice"),
		chromedp.Click(chromedp.CSS(`#s-about-me .add-form button`)),
		chromedp.WaitVisible(chromedp.CSS(`#qe-options`)),
		chromedp.SendKeys(chromedp.CSS(`#qe-options`), "A stick\nA frame\nA wheelchair"),
		chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector("#qe-showif");
			s.value = "walking-aid"; s.dispatchEvent(new Event("change")); })()`),
		chromedp.WaitVisible(chromedp.CSS(`select#qe-showif-value`)),
		chromedp.SetValue(chromedp.CSS(`#qe-showif-value`), "yes"))
	screenshot(t, ctx, "designer-question-editor-laptop")
	do(t, ctx, "save the question", chromedp.Click(chromedp.CSS(`#edit-the-aid-i-use-most button.btn-primary`)))
	waitFor(t, ctx, "the saved show-if", `!document.querySelector("#qe-options") &&
		document.querySelector("#q-the-aid-i-use-most .q-showif")?.textContent.includes("“I use a walking aid” is “Yes”")`)

	// A field saves itself when the lead leaves it: a reload keeps it.
	do(t, ctx, "type a hint and leave the field",
		chromedp.Navigate(app.srv.URL+tpl+"/draft?edit=the-aid-i-use-most"),
		chromedp.WaitVisible(chromedp.CSS(`#qe-hint`)),
		chromedp.SendKeys(chromedp.CSS(`#qe-hint`), "Ask to see it"),
		chromedp.Focus(chromedp.CSS(`#qe-label`)))
	waitFor(t, ctx, "the autosave", `document.querySelector("#save-status").textContent.startsWith("Saved at")`)
	do(t, ctx, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#qe-hint`)))
	if hint, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#qe-hint`))); err != nil || hint != "Ask to see it" {
		t.Fatalf("hint after reload = %q, %v", hint, err)
	}
	do(t, ctx, "close the editor", chromedp.Click(chromedp.CSS(`#q-the-aid-i-use-most a.btn-quiet`)),
		chromedp.WaitNotPresent(chromedp.CSS(`#qe-hint`)))

	// Drag "My move" by its handle above "About me", once the page the
	// editor closed to has run its script (the drag handlers).
	waitFor(t, ctx, "the designer page loaded", `document.readyState === "complete" && !!document.querySelector("#s-my-move [data-drag=section]")`)
	// Both handles must be on screen at once: scroll "About me" to the top.
	xy, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => {
		document.querySelector("#s-about-me").scrollIntoView();
		const c = sel => { const r = document.querySelector(sel).getBoundingClientRect(); return [r.x + r.width/2, r.y + r.height/2]; };
		return [...c("#s-my-move [data-drag=section]"), ...c("#s-about-me [data-drag=section]")]; })()`))
	if err != nil || len(xy) != 4 || xy[1] > 900 {
		t.Fatalf("handle positions %v: %v", xy, err)
	}
	do(t, ctx, "drag a section", chromedp.DragAndDropXY(xy[0], xy[1], xy[2], xy[3], 20))
	waitFor(t, ctx, "the move to be saved", `document.querySelector("#save-status").textContent.startsWith("Saved at") &&
		document.querySelector("#sections > li").id === "s-my-move"`)
	// And a question, from "My move" to below the one in "My health".
	xy, err = chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => {
		const handle = document.querySelector("#q-going-to [data-drag=question]");
		window.scrollBy(0, handle.getBoundingClientRect().y - 30);
		const h = handle.getBoundingClientRect();
		const q = document.querySelector("#q-conditions").getBoundingClientRect();
		return [h.x + h.width/2, h.y + h.height/2, q.x + 30, q.bottom - 8]; })()`))
	if err != nil || len(xy) != 4 || xy[3] > 900 {
		t.Fatalf("question positions %v: %v", xy, err)
	}
	do(t, ctx, "drag a question", chromedp.DragAndDropXY(xy[0], xy[1], xy[2], xy[3], 20))
	waitFor(t, ctx, "the question move to be saved", `document.querySelector("#save-status").textContent.startsWith("Saved at") &&
		document.querySelector("#s-my-health li.question:last-child")?.id === "q-going-to"`)

	got := app.draftSchema(t, id)
	if qs := questionIDs(got.Sections[2]); !slices.Equal(qs, []string{"conditions", "going-to"}) {
		t.Fatalf("my-health questions after the drag = %v", qs)
	}
	var order []string
	for _, s := range got.Sections {
		order = append(order, s.ID)
	}
	if !slices.Equal(order, []string{"my-move", "about-me", "my-health"}) {
		t.Fatalf("sections saved in order %v", order)
	}
	q := got.Question("the-aid-i-use-most")
	if q == nil || q.Type != forms.TypeChoice || len(q.Options) != 3 || q.ShowIf == nil || q.ShowIf.Equals != true {
		t.Fatalf("saved question = %+v", q)
	}
	do(t, ctx, "scroll to the top", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	screenshot(t, ctx, "designer-laptop")

	// The same editor on a tablet.
	do(t, ctx, "tablet size", chromedp.EmulateViewport(768, 1024, chromedp.EmulateTouch))
	screenshot(t, ctx, "designer-tablet")

	// The preview at tablet size: the new question waits for "Yes".
	do(t, ctx, "open the preview",
		chromedp.Click(chromedp.CSS(`#preview-link`)),
		chromedp.WaitVisible(chromedp.CSS(`.tablet-screen`)),
		chromedp.Click(chromedp.CSS(`.pv-nav a.btn-primary`)),
		chromedp.WaitVisible(chromedp.CSS(`#pv-name`)))
	if got := text(t, ctx, ".pv-progress"); got != "Section 2 of 3" {
		t.Fatalf("preview progress = %q", got)
	}
	waitFor(t, ctx, "the show-if question hidden", `document.querySelector("#pv-the-aid-i-use-most-q").hidden`)
	do(t, ctx, "answer yes", chromedp.Click(chromedp.CSS(`input[name="walking-aid"][value="yes"]`)))
	waitFor(t, ctx, "the show-if question shown", `!document.querySelector("#pv-the-aid-i-use-most-q").hidden`)
	screenshot(t, ctx, "preview-tablet")

	// Publish with a note; version 2 is in the history.
	do(t, ctx, "publish",
		chromedp.Click(chromedp.CSS(`.preview-bar a.btn-primary`)),
		chromedp.WaitVisible(chromedp.CSS(`#publish-note`)),
		chromedp.SendKeys(chromedp.CSS(`#publish-note`), "Name in my voice; walking aid; my move first"),
		chromedp.Click(chromedp.CSS(`#publish-button`)),
		chromedp.WaitVisible(chromedp.CSS(`#history-heading`)))
	screenshot(t, ctx, "template-history-tablet")
	row := text(t, ctx, "#v2")
	for _, want := range []string{"Published", "Name in my voice; walking aid; my move first", "Clinical lead"} {
		if !strings.Contains(row, want) {
			t.Fatalf("history row of version 2 = %q, lacks %q", row, want)
		}
	}

	// And in the comparison with version 1.
	do(t, ctx, "compare",
		chromedp.Click(chromedp.CSS(`#v2 a[href*="/compare"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.compare-table`)))
	table := text(t, ctx, ".compare-table")
	for _, want := range []string{"Version 1", "Version 2", "Name", "My name", "Reworded", "The aid I use most", "Added", "Section moved"} {
		if !strings.Contains(table, want) {
			t.Fatalf("comparison lacks %q:\n%s", want, table)
		}
	}
	screenshot(t, ctx, "compare-tablet")
	noPageErrors(t, ctx)
}
