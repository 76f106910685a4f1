package site_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"tiaowen/internal/browsertest"
)

// TestBrowserSectionKeys: on a section's page, from the offline bundle,
// → goes to the next section and ← back, as the 下一条 and 上一条 links
// do; in the search box the keys move the caret and stay on the page.
func TestBrowserSectionKeys(t *testing.T) {
	ctx, base := openSeedBundle(t)
	here := func() string { return eval[string](t, ctx, `location.pathname.replace(/.*\/docs\//, "docs/")`) }
	start := "docs/" + gdID + "/" + gdS24 + "/index.html"
	do(t, ctx, "open a section", chromedp.Navigate(base+start))
	next := eval[string](t, ctx, `document.querySelector(".prevnext a[rel=next]").getAttribute("aria-keyshortcuts") + " " + new URL(document.querySelector(".prevnext a[rel=next]").href).pathname.replace(/.*\/docs\//, "docs/")`)
	shortcut, nextPath, _ := strings.Cut(next, " ")
	if shortcut != "ArrowRight" {
		t.Errorf("the 下一条 link names the shortcut %q, want ArrowRight", shortcut)
	}

	do(t, ctx, "press →", browsertest.Follow(chromedp.KeyEvent(kb.ArrowRight)))
	if got := here(); got != nextPath {
		t.Fatalf("→ led to %s, want the next section, %s", got, nextPath)
	}
	do(t, ctx, "press ←", browsertest.Follow(chromedp.KeyEvent(kb.ArrowLeft)))
	if got := here(); got != start {
		t.Fatalf("← led to %s, want the section before, %s", got, start)
	}

	do(t, ctx, "type in the search box and press →", chromedp.Click("#site-q"), chromedp.SendKeys("#site-q", "质量"), chromedp.KeyEvent(kb.ArrowLeft), chromedp.KeyEvent(kb.ArrowRight),
		chromedp.Sleep(time.Second)) // time for a navigation that should not come
	if got := here(); got != start {
		t.Errorf("the arrow keys in the search box left the page for %s", got)
	}
}
