package serve

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// TestBrowserReloads opens a document in Chromium, scrolls down, and edits
// the document: the page reloads by itself, shows the edit, and is where
// the reader left it. Then the front matter is broken: the page shows the
// error over itself, keeps its text, and clears it when the file is fixed.
func TestBrowserReloads(t *testing.T) {
	ctx := browsertest.Start(t)
	ts := start(t, project(t))
	problems := browsertest.RecordProblems(t, ctx)
	file := ts.docFile()
	eval := func(what, expr string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}
	connected := until(`window.__tiaowenLive && window.__tiaowenLive.connected`)

	if err := chromedp.Do(ctx, chromedp.Navigate(ts.url+docPath), connected); err != nil {
		t.Fatal(err)
	}
	y0 := eval("scroll", `document.getElementById("s20").scrollIntoView(); window.__before = true; window.scrollY`).(float64)
	if y0 < 500 {
		t.Fatalf("scrolled to %v: too near the top to tell a kept position from a lost one", y0)
	}

	const edited = "健全企业首席质量官制度（已修订）。"
	if err := os.WriteFile(file, rewrite(t, file, "健全企业首席质量官制度。", edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		until(`document.getElementById("s20") && document.getElementById("s20").textContent.includes("`+edited+`")`),
		until(`document.readyState === "complete"`),
		connected,
		chromedp.Sleep(100*time.Millisecond),
	); err != nil {
		t.Fatalf("the page did not show the edit: %v", err)
	}
	if eval("marker", `window.__before === true`).(bool) {
		t.Error("the page changed without reloading")
	}
	if y1 := eval("scroll", `window.scrollY`).(float64); y1-y0 < -2 || y1-y0 > 2 {
		t.Errorf("scrolled to %v after the reload, was at %v", y1, y0)
	}

	// Invalid front matter: the overlay, with the file's position.
	eval("marker", `window.__before = true`)
	if err := os.WriteFile(file, rewrite(t, file, "date: \"2023-06-21\"", "date: [2023-06-21"), 0o644); err != nil {
		t.Fatal(err)
	}
	overlay := `(function () { var o = document.getElementById("tiaowen-overlay"); return o ? o.shadowRoot.textContent : ""; })()`
	if err := chromedp.Do(ctx, until(overlay+` !== ""`)); err != nil {
		t.Fatalf("no overlay: %v", err)
	}
	text := eval("overlay", overlay).(string)
	if !strings.Contains(text, "guangdong-2023-gangyao.md:") || !strings.Contains(text, "front matter") || !strings.Contains(text, "date: [2023-06-21") {
		t.Errorf("the overlay says %q, want the position, the message and the line", text)
	}
	if !eval("page", `window.__before === true && document.body.textContent.includes("`+edited+`")`).(bool) {
		t.Error("the page did not stay as it was under the overlay")
	}

	// Fixed: the overlay goes, the page reloads.
	if err := os.WriteFile(file, rewrite(t, file, "date: [2023-06-21", "date: \"2023-06-20\""), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		until(`document.body.textContent.includes("2023-06-20") && !document.getElementById("tiaowen-overlay")`),
		connected,
	); err != nil {
		t.Fatalf("the page did not recover: %v", err)
	}
	problems.Check(t)
}

// until waits for expr to be true in the page. A reload interrupts a poll
// in the page, so each try is a fresh evaluation, and errors while the
// page changes are tried again.
func until(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		deadline := time.Now().Add(timeout)
		for {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+expr+")"))
			if err == nil && ok {
				return nil
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("%s is not true after %v (last error: %v)", expr, timeout, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}

// TestBrowserNavigateToChanged: with NavigateToChanged (serve
// --navigateToChanged), an edit of a document takes a page open
// elsewhere — the home page — to that document's page at the section
// edited, in view, showing the edit; without it, the home page stays
// where it is.
func TestBrowserNavigateToChanged(t *testing.T) {
	for _, navigate := range []bool{true, false} {
		t.Run(fmt.Sprint("navigate=", navigate), func(t *testing.T) {
			ctx := browsertest.Start(t)
			ts := start(t, project(t), func(o *Options) { o.NavigateToChanged = navigate })
			problems := browsertest.RecordProblems(t, ctx)
			file := ts.docFile()
			connected := until(`window.__tiaowenLive && window.__tiaowenLive.connected`)
			if err := chromedp.Do(ctx, chromedp.Navigate(ts.url), connected); err != nil {
				t.Fatal(err)
			}
			edited := fmt.Sprintf("健全企业首席质量官制度（第%v稿）。", navigate)
			if err := os.WriteFile(file, rewrite(t, file, "健全企业首席质量官制度。", edited), 0o644); err != nil {
				t.Fatal(err)
			}
			// The edit's rebuild, not the first load's.
			for applied := false; !applied; {
				select {
				case r := <-ts.rebuilds:
					applied = len(r.Edited) == 1 && r.Edited[0] == "guangdong-2023-gangyao"
				case <-time.After(timeout):
					t.Fatal("no rebuild reports the edited document")
				}
			}
			if navigate {
				// At the section edited, in view.
				if err := chromedp.Do(ctx,
					until(`location.pathname === "/`+docPath+`index.html" && location.hash === "#s20" && document.getElementById("s20").textContent.includes("`+edited+`")`),
					until(`(r => r.top >= -1 && r.top < innerHeight / 2)(document.getElementById("s20").getBoundingClientRect())`),
					connected,
				); err != nil {
					t.Fatalf("the home page did not go to the section edited: %v", err)
				}
			} else {
				// Time for a navigation that should not come.
				time.Sleep(500 * time.Millisecond)
				if err := chromedp.Do(ctx, until(`location.pathname === "/"`), connected); err != nil {
					t.Errorf("without NavigateToChanged the home page went elsewhere: %v", err)
				}
			}
			problems.Check(t)
		})
	}
}
