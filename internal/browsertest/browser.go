package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Timeout is how long a test may use the browser that [Start] gives it.
// When it has passed, the browser is closed and every action fails.
const Timeout = 60 * time.Second

// Width and Height are the size of the browser window, in CSS pixels:
// wide enough for the two-column layout of a document page.
const (
	Width  = 1280
	Height = 900
)

// FindChromium returns the path of a Chromium binary: the file the
// environment variable CHROMIUM names, /usr/bin/chromium (Debian's
// package chromium), or the first of chromium, chromium-browser and
// google-chrome on PATH. It returns "" when there is none, and when
// CHROMIUM names no executable file: a setting that is wrong is not
// passed over for another browser.
func FindChromium() string {
	return findChromium(os.Getenv("CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
}

// findChromium returns env when it is set, else the first of names found
// (an absolute path as it is, a bare name on PATH), as an executable
// file.
func findChromium(env string, names ...string) string {
	if env != "" {
		names = []string{env}
	}
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Start starts a fresh headless Chromium for t and returns the context of
// its tab. Pass the context to chromedp.Do and chromedp.Run; it ends after
// [Timeout]. The browser is closed, and its profile removed, when t ends.
//
// Without Chromium, Start skips t, or fails it when the environment
// variable CI is set. A CHROMIUM that names no executable fails t: a
// setting that is wrong must not pass for one that is missing.
func Start(t testing.TB) context.Context {
	t.Helper()
	path := FindChromium()
	if path == "" {
		if p := os.Getenv("CHROMIUM"); p != "" {
			t.Fatalf("CHROMIUM=%s is not an executable file", p)
		}
		msg := "no Chromium: install the Debian package chromium (apt-get install chromium), or set CHROMIUM to a Chromium binary"
		if os.Getenv("CI") != "" {
			t.Fatal(msg + " (CI is set: browser tests must run, not skip)")
		}
		t.Skip(msg)
	}

	// Chromium's own output is kept, and shown only when the test fails.
	out := new(lockedBuffer)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")),
		chromedp.NoSandbox, // tests run as root in containers
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		// The back/forward cache restores a page without the events that
		// chromedp follows documents by, and its queries on the restored
		// page then wait forever. The first two features are chromedp's
		// defaults, which this flag would otherwise replace.
		chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,BackForwardCache"),
		chromedp.WindowSize(Width, Height),
		chromedp.CombinedOutput(out),
	)
	// The deadline is on the parent of the browser, not only on one call:
	// a test that hangs ends with an error rather than at the test binary's
	// own timeout, which would give no hint of where it hung.
	parent, cancelTimeout := context.WithTimeout(context.Background(), Timeout)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(parent, opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	stop := func() {
		// Close Chromium gracefully and wait for it to exit, before
		// t.TempDir() removes its profile.
		cctx, ccancel := context.WithTimeout(ctx, 10*time.Second)
		chromedp.Cancel(cctx)
		ccancel()
		cancelTab()
		cancelAlloc()
		cancelTimeout()
	}
	// The first action starts the browser and opens the tab, so that a
	// failure to start is reported here, with Chromium's output.
	if err := chromedp.Do(ctx, viewport()); err != nil {
		stop()
		t.Fatalf("start %s: %v\n%s", path, err, out.tail(4000))
	}
	t.Cleanup(func() {
		stop()
		if t.Failed() {
			if s := out.tail(4000); s != "" {
				t.Logf("Chromium's output:\n%s", s)
			}
		}
	})
	return ctx
}

// viewport makes the page's viewport exactly Width × Height, whatever
// room the headless window keeps for its frame.
func viewport() chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(Width, Height)
}

// Follow runs click — chromedp.Click, or [Click] — and waits until the
// page that it leads to has loaded. Use it for links to other pages: a
// link to a fragment of the same page fires no load event, and a page
// that the browser restores from its back/forward cache fires none
// either.
func Follow(click chromedp.Action[chromedp.Void]) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.WaitEvent(page.LoadEventFired, nil, click)(ctx, t)
		return err
	})
}

// lockedBuffer is a bytes.Buffer that Chromium's output goroutine and the
// test may use at once.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// tail returns the last n bytes written, or all of them, less the lines
// about D-Bus, which a container does not have and Chromium does not
// need.
func (b *lockedBuffer) tail(n int) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var keep []string
	for line := range strings.Lines(b.buf.String()) {
		if !strings.Contains(line, "dbus") && !strings.Contains(line, "DBus") {
			keep = append(keep, line)
		}
	}
	s := strings.Join(keep, "")
	if len(s) > n {
		s = s[len(s)-n:]
	}
	return s
}

// Click clicks the element that the CSS selector css matches, as a reader
// would: it brings the element into view, lets the page react to the
// scroll for two animation frames, and clicks the middle of the element
// once the element is really there, under the pointer. If a script moved
// it away, it tries again, up to five times.
//
// chromedp.Click clicks where the element was right after scrolling it
// into view; on a page whose scripts react to scrolling (a table of
// contents that follows the reader, say), that can be another element.
// Click needs the page to run JavaScript.
func Click(css string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		sel, _ := json.Marshal(css)
		locate := `new Promise(done => {
			const el = document.querySelector(` + string(sel) + `);
			if (!el) { done({found: false}); return; }
			el.scrollIntoView({block: "nearest", inline: "nearest"});
			requestAnimationFrame(() => requestAnimationFrame(() => {
				const r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
				const hit = document.elementFromPoint(x, y);
				done({found: true, x, y, under: hit !== null && (hit === el || el.contains(hit))});
			}));
		})`
		type spot struct {
			Found bool    `json:"found"`
			X     float64 `json:"x"`
			Y     float64 `json:"y"`
			Under bool    `json:"under"`
		}
		var last spot
		for range 5 {
			s, err := chromedp.Evaluate[spot](locate, chromedp.EvalAwaitPromise)(ctx, t)
			if err != nil {
				return err
			}
			if !s.Found {
				return fmt.Errorf("click %s: no such element", css)
			}
			if s.Under {
				_, err := chromedp.MouseClickXY(s.X, s.Y)(ctx, t)
				return err
			}
			last = s
		}
		return fmt.Errorf("click %s: the element does not stay under the pointer at (%.0f, %.0f)", css, last.X, last.Y)
	})
}
