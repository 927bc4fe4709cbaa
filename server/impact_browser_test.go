package server

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"firstperson/models"
)

// TestBrowserImpactPage shows the impact page on a desktop and on a
// tablet, with screenshots of the page and of one chart with its table
// (into $FIRSTPERSON_SCREENSHOTS when set). The page must not scroll
// sideways on the tablet and its charts must be drawn.
func TestBrowserImpactPage(t *testing.T) {
	app, clk, path := newClockApp(t, time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC))
	a, b, _ := scriptImpact(t, app, clk)
	db := careHomeDB(t, path)
	for _, id := range []uint{a, b} {
		clk.set(time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC))
		app.json("POST", fmt.Sprintf("/api/v1/assessments/%d/shares", id), app.assessor,
			map[string]any{"recipient": "Rosewood House", "expires_in_hours": 72}, 201, nil)
	}
	db.Exec(`UPDATE share_links SET first_opened_at = ?`, time.Date(2026, 11, 3, 9, 40, 0, 0, time.UTC))
	db.Exec(`INSERT INTO share_responses (assessment_id, at, from_party, decision) VALUES (?, ?, 'care_home', 'accept')`,
		a, time.Date(2026, 11, 3, 12, 0, 0, 0, time.UTC))
	clk.set(time.Now())

	browser := newBrowser(t)
	for _, view := range []struct {
		name          string
		width, height int64
		touch         bool
	}{{"desktop", 1280, 900, false}, {"tablet", 768, 1024, true}} {
		ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
		defer cancel()
		ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
		defer cancelTimeout()
		opts := []chromedp.EmulateViewportOption{}
		if view.touch {
			opts = append(opts, chromedp.EmulateTouch)
		}
		tabletDo(t, ctx, "viewport", chromedp.EmulateViewport(view.width, view.height, opts...))
		app.signIn(t, ctx, models.DefaultLeadEmail, app.leadPass)
		tabletDo(t, ctx, "open impact", chromedp.Navigate(app.srv.URL+"/impact"), chromedp.WaitVisible(chromedp.CSS(`#chart-times`)))
		if got := tabletEval(t, ctx, `String(document.querySelectorAll('svg.impact-svg rect.bar').length > 5)`); got != "true" {
			t.Errorf("%s: charts have no bars", view.name)
		}
		if got := tabletEval(t, ctx, `String(document.scrollingElement.scrollWidth <= window.innerWidth)`); got != "true" {
			t.Errorf("%s: the page scrolls sideways (%s)", view.name,
				tabletEval(t, ctx, `document.scrollingElement.scrollWidth + ' > ' + window.innerWidth`))
		}
		// Nor does any table scroll inside its box: the versions table
		// turns into cards on a tablet.
		if got := tabletEval(t, ctx, `[...document.querySelectorAll('.table-scroll')]
			.filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.querySelector('table').id || 'a table').join(', ')`); got != "" {
			t.Errorf("%s: these tables are wider than their box: %s", view.name, got)
		}
		screenshot(t, ctx, "impact-"+view.name)
		if dir := os.Getenv("FIRSTPERSON_SCREENSHOTS"); dir != "" && view.name == "desktop" {
			png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(`section[aria-labelledby="chart-times-heading"]`)))
			if err != nil {
				t.Fatalf("chart screenshot: %v", err)
			}
			if err := os.WriteFile(filepath.Join(dir, "impact-chart-with-table.png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
