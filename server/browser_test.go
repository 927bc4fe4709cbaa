package server

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath finds the system Chromium. Without it browser tests skip,
// except in CI (CI=true), where a missing browser is a failure.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; CI must install it (apt-get install chromium)")
	}
	t.Skip("chromium is not installed; skipping browser test")
	return ""
}

// newBrowser starts one headless Chromium for the test. Tabs made
// from it with newTablet share the browser but, with a new browser context
// each, not their cookies or storage — like two tablets.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		// The machine has no network beyond loopback: stop Chromium calling home.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	// Start the browser with a first tab; tabs with their own browser
	// contexts can only hang off a running browser.
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return bctx
}

// newTablet opens a tab sized and behaving like a ward tablet: 768×1024,
// touch, in its own browser context.
func newTablet(t *testing.T, alloc context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(768, 1024, chromedp.EmulateTouch)); err != nil {
		t.Fatalf("start chromium tab: %v", err)
	}
	return ctx
}

// signIn fills the sign-in form in the browser.
func (a *testApp) signIn(t *testing.T, ctx context.Context, email, password string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(a.srv.URL+"/login"),
		chromedp.WaitVisible(`#email`),
		chromedp.SendKeys(`#email`, email),
		chromedp.SendKeys(`#password`, password),
		chromedp.Click(`button[type=submit]`),
		chromedp.WaitVisible(`form.signout`),
	)
	if err != nil {
		t.Fatalf("sign in as %s: %v", email, err)
	}
}

// screenshot saves a PNG of the viewport for people to look at: into
// $FIRSTPERSON_SCREENSHOTS when set, else the test's temp folder.
func screenshot(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	// Quality 100 makes a PNG; anything lower makes a JPEG.
	png, err := capture(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := os.Getenv("FIRSTPERSON_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatalf("write screenshot: %v", err)
	}
	return p
}

// capture takes a screenshot. A page still being laid out after a
// navigation has no width yet, and Chromium refuses to capture it; that
// passes in a moment, so it tries again for up to two seconds.
func capture(ctx context.Context, shot chromedp.Action[[]byte]) ([]byte, error) {
	for i := 0; ; i++ {
		png, err := chromedp.Run(ctx, shot)
		if err == nil || i == 20 || !strings.Contains(err.Error(), "0 width") {
			return png, err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestBrowserSignInOnATablet(t *testing.T) {
	app := newTestApp(t)
	ctx := newTablet(t, newBrowser(t))
	app.signIn(t, ctx, "lead@firstperson.local", app.leadPass)
	// text retries while the page the sign-in led to replaces the old one.
	if heading := text(t, ctx, "h1"); !strings.Contains(heading, "Trusted Assessor team") {
		t.Fatalf("home heading = %q", heading)
	}
	screenshot(t, ctx, "home-tablet")
}
