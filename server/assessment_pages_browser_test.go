package server

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Helpers for the assessment page's browser tests (browser_assessment_test.go).

// newLandscapeTablet is newTablet turned on its side: 1024×768, touch.
// (Turning a tab after it starts leaves Chromium's emulated touch taps
// without clicks, so a landscape tablet starts landscape.)
func newLandscapeTablet(t *testing.T, browser context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	tabletDo(t, ctx, "start a landscape tab", chromedp.EmulateViewport(1024, 768, chromedp.EmulateTouch, chromedp.EmulateLandscape))
	return ctx
}

// tabletWait polls a JavaScript expression until it is true. chromedp.Poll
// cannot be used: it builds its predicate with new Function, which the
// page's Content-Security-Policy forbids.
func tabletWait(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(45 * time.Second) // a loaded CI machine runs the race-built server slowly
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(40 * time.Millisecond)
	}
	state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById('save-state')||{}).textContent||''`))
	queue, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`Object.keys(localStorage).map(k => k + "=" + localStorage.getItem(k).slice(0, 300)).join("\n")`))
	tabletShot(t, ctx, "timeout-"+strings.ReplaceAll(what, " ", "-"))
	t.Fatalf("waiting for %s: timed out (last error %v; save state %q)\n%s", what, last, state, queue)
}

// evalString evaluates a JavaScript expression that gives a string.
func tabletEval(t *testing.T, ctx context.Context, expr string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return s
}

// run runs browser actions and fails the test on an error.
func tabletDo(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// openAssessment opens an assessment (or one section) at the site base
// and waits until its script runs and the service worker keeps the page
// for offline use.
func openAssessment(t *testing.T, ctx context.Context, base string, id uint, section string) {
	t.Helper()
	tabletDo(t, ctx, "open assessment", chromedp.Navigate(base+assessmentURL(id, section)))
	tabletWait(t, ctx, "the page's script", `document.getElementById('assessment')?.dataset.ready === 'true'`)
	tabletWait(t, ctx, "the service worker", `document.getElementById('assessment').dataset.offlineReady === 'true'`)
}

// waitSaved waits until the page says its changes are saved.
func tabletWaitSaved(t *testing.T, ctx context.Context) {
	t.Helper()
	tabletWait(t, ctx, "Saved", `(() => { const s = document.getElementById('save-state');
		return s.dataset.state === 'saved' && /^Saved \d\d:\d\d$/.test(s.textContent); })()`)
}

// wardWiFi stands between the tablet and the test server like a ward's
// Wi-Fi: a TCP proxy that, when the network drops, cuts every connection
// and refuses new ones, so nothing (not the page, not its service worker,
// not a request sent as the page unloads) reaches the server. The tab is
// told it is offline too, so it sees navigator.onLine and the online and
// offline events as a tablet would.
type wardWiFi struct {
	URL    string
	ln     net.Listener
	target string
	mu     sync.Mutex
	down   bool
	conns  map[net.Conn]bool
}

func newWardWiFi(t *testing.T, app *testApp) *wardWiFi {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	w := &wardWiFi{URL: "http://" + ln.Addr().String(), ln: ln, target: app.srv.Listener.Addr().String(),
		conns: map[net.Conn]bool{}}
	t.Cleanup(func() { ln.Close(); w.cut() })
	go w.serve()
	return w
}

func (w *wardWiFi) serve() {
	for {
		c, err := w.ln.Accept()
		if err != nil {
			return
		}
		go w.pipe(c)
	}
}

func (w *wardWiFi) pipe(c net.Conn) {
	up, err := net.Dial("tcp", w.target)
	if err != nil {
		c.Close()
		return
	}
	w.mu.Lock()
	if w.down {
		w.mu.Unlock()
		c.Close()
		up.Close()
		return
	}
	w.conns[c], w.conns[up] = true, true
	w.mu.Unlock()
	go func() { _, _ = io.Copy(up, c); up.Close() }()
	_, _ = io.Copy(c, up)
	c.Close()
	w.mu.Lock()
	delete(w.conns, c)
	delete(w.conns, up)
	w.mu.Unlock()
}

// cut closes every open connection.
func (w *wardWiFi) cut() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for c := range w.conns {
		c.Close()
	}
}

// setDown drops the network (true) or brings it back (false) for the tab.
func (w *wardWiFi) setDown(t *testing.T, ctx context.Context, down bool) {
	t.Helper()
	w.mu.Lock()
	w.down = down
	w.mu.Unlock()
	if down {
		w.cut()
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("network enable: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: down, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		t.Fatalf("override network state: %v", err)
	}
}

// signInAt fills the sign-in form at a site base (the proxy's address has
// its own cookies).
func signInAt(t *testing.T, ctx context.Context, base, email, password string) {
	t.Helper()
	tabletDo(t, ctx, "sign in as "+email,
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(chromedp.CSS(`#email`), email),
		chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Click(chromedp.CSS(`button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`form.signout`)))
}

// tap scrolls an element to the middle of the screen (clear of the
// sticky action bar) and taps it with a finger.
//
// A node found just before the page replaced it (a navigation finishing,
// a part swapped in) is gone by the time it is tapped; the tap then never
// reached the page, so it is safe to look again, a few times.
func tap(sel string) chromedp.Action[chromedp.Void] {
	once := chromedp.Steps(
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).scrollIntoView({block: 'center'})`, sel)),
		chromedp.Tap(chromedp.CSS(sel)))
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		var err error
		for range 5 {
			if _, err = once(ctx, tg); err == nil || !strings.Contains(err.Error(), "Could not find node") {
				return chromedp.Void{}, err
			}
			time.Sleep(200 * time.Millisecond)
		}
		return chromedp.Void{}, err
	}
}

// checkTouchTargets fails when anything the assessor can touch on screen
// (outside the shared top bar) is smaller than 44×44 CSS pixels. An input
// inside a tile counts as the tile, which is its target.
func checkTouchTargets(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	small := tabletEval(t, ctx, `(() => {
		const bad = [];
		for (const el of document.querySelectorAll('main a, main button, main input, main select, main textarea, main summary, main label.tile')) {
			if (el.type === 'hidden' || (el.tagName === 'INPUT' && el.closest('.tile'))) continue;
			if (!el.getClientRects().length) continue; // not on screen
			const r = el.getBoundingClientRect();
			if (r.height < 44 || r.width < 44) {
				bad.push(el.tagName + ' "' + (el.id || el.textContent.trim().slice(0, 40)) + '" ' + Math.round(r.width) + '×' + Math.round(r.height));
			}
		}
		return bad.join('; ');
	})()`)
	if small != "" {
		t.Errorf("%s: touch targets under 44 px: %s", where, small)
	}
}

// signWithFinger draws a stroke across the signature pad with touch events.
func signWithFinger(t *testing.T, ctx context.Context, canvas string) {
	t.Helper()
	tabletDo(t, ctx, "scroll to the pad", chromedp.Evaluate[chromedp.Void](
		fmt.Sprintf(`document.querySelector(%q).scrollIntoView({block: 'center'})`, canvas)))
	rect := tabletEval(t, ctx, fmt.Sprintf(`(() => { const r = document.querySelector(%q).getBoundingClientRect();
		return r.left + ',' + r.top + ',' + r.width; })()`, canvas))
	var left, top, width float64
	if _, err := fmt.Sscanf(rect, "%g,%g,%g", &left, &top, &width); err != nil {
		t.Fatalf("pad position %q: %v", rect, err)
	}
	id, one := 0.0, 1.0
	touch := func(typ input.DispatchTouchEventType, x, y float64) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			p := input.DispatchTouchEventParams{Type: typ, TouchPoints: []*input.TouchPoint{}}
			if typ != input.DispatchTouchEventTypeTouchEnd {
				p.TouchPoints = append(p.TouchPoints, &input.TouchPoint{X: x, Y: y, ID: &id, RadiusX: &one, RadiusY: &one, Force: &one})
			}
			_, err := chromedp.Call(ctx, input.DispatchTouchEvent, p)
			return err
		})
	}
	steps := []chromedp.Action[chromedp.Void]{touch(input.DispatchTouchEventTypeTouchStart, left+30, top+150)}
	for i := 1; i <= 12; i++ {
		x := left + 30 + float64(i)*(width-60)/12
		y := top + 150 - float64(i%4)*30
		steps = append(steps, touch(input.DispatchTouchEventTypeTouchMove, x, y))
	}
	// Rest the finger before lifting it, as people do when signing: a
	// fast lift would be a fling, and Chromium spends the next tap on
	// stopping the fling.
	last := left + 30 + 12*(width-60)/12
	steps = append(steps, chromedp.Sleep(150*time.Millisecond), touch(input.DispatchTouchEventTypeTouchMove, last, top+150),
		chromedp.Sleep(150*time.Millisecond), touch(input.DispatchTouchEventTypeTouchEnd, 0, 0))
	tabletDo(t, ctx, "sign", steps...)
}

// serverAnswers reads an assessment's answers through the API.
func serverAnswers(t *testing.T, app *testApp, id uint) (map[string]any, int) {
	t.Helper()
	var out struct {
		Revision int            `json:"revision"`
		Answers  map[string]any `json:"answers"`
	}
	app.json("GET", "/api/v1/assessments/"+strconv.Itoa(int(id)), app.assessor, nil, http.StatusOK, &out)
	return out.Answers, out.Revision
}

// tabletShot saves what the tablet's screen shows (the viewport, not the
// whole page) as name.png, into $FIRSTPERSON_SCREENSHOTS when set.
func tabletShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := capture(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := os.Getenv("FIRSTPERSON_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatalf("write screenshot: %v", err)
	}
}
