package site_test

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// phoneWidth and phoneHeight are a common phone's screen, in CSS pixels.
const phoneWidth, phoneHeight = 390, 844

// phoneHeaderMax is the most of a phone's first screen the site header
// may take: three rows (name, sections, search), so that a page's
// heading and the start of its text are on the first screen.
const phoneHeaderMax = 150

// controlsOutside lists the page's controls that reach past its margins,
// but for those in a table, which scrolls sideways in its own box.
const controlsOutside = `(() => {
	const m = document.querySelector("main"), cs = getComputedStyle(m), r = m.getBoundingClientRect();
	const left = r.left + parseFloat(cs.paddingLeft) - 0.5, right = r.right - parseFloat(cs.paddingRight) + 0.5;
	return [...m.querySelectorAll("input, select, button, textarea")].filter(c => !c.closest(".table-wrap")).filter(c => {
		const b = c.getBoundingClientRect();
		return b.width > 0 && (b.left < left || b.right > right);
	}).map(c => c.outerHTML.slice(0, 60));
})()`

// textScrolls lists the blocks fenced as text (contentpages.go's
// textPre: citations, addresses) that scroll sideways in their box
// rather than wrap, with how many such blocks the page has.
const textScrolls = `(() => {
	const pres = [...document.querySelectorAll("main pre.plain-text")];
	return {Blocks: pres.length, Scrolling: pres.filter(p => p.scrollWidth > p.clientWidth).map(p => p.textContent.slice(0, 40))};
})()`

// textBlocks is what textScrolls returns.
type textBlocks struct {
	Blocks    int
	Scrolling []string
}

// brokenLinks lists the links to a pair page (.pair-link: 逐条对照,
// 两版逐条对照) that break across lines, with how many the page has.
const brokenLinks = `(() => {
	const links = [...document.querySelectorAll(".pair-link")];
	return {Links: links.length, Broken: links.filter(a => a.getClientRects().length > 1).map(a => a.textContent)};
})()`

// pairLinks is what brokenLinks returns.
type pairLinks struct {
	Links  int
	Broken []string
}

// TestBrowserPhone opens every kind of page of the offline bundle, and
// every content page, on a desktop's window and on a phone's screen, as
// a phone shows it: no page scrolls sideways (wide tables scroll in
// their own box), and no text block scrolls in its own (a citation
// wraps); on the phone the header keeps to three rows, the site's
// navigation, one line, scrolls to the sections it has no room for, no
// control reaches past the page's margins, and no link to a pair page
// (逐条对照) breaks across lines.
func TestBrowserPhone(t *testing.T) {
	ctx, base := openSeedBundle(t)
	contentPages, err := filepath.Glob(filepath.Join("..", "..", "content", "pages", "*.md"))
	if err != nil || len(contentPages) < 2 {
		t.Fatalf("the seed's content pages: %v, %v", contentPages, err)
	}
	pages := []string{
		"index.html",
		"docs/" + gdID + "/index.html",
		"docs/" + gdID + "/" + gdS24 + "/index.html",
		// Its counterparts' titles leave 逐条对照 at the line's end, where
		// it broke in two.
		"docs/" + gdID + "/s10/index.html",
		"docs/" + jsID + "/index.html",
		"themes/index.html",
		"themes/" + themeSFZR + "/index.html",
		"compare/index.html",
		pairGdGz,
		pairGdJs,
		"search/index.html",
		"404.html",
	}
	for _, f := range contentPages {
		pages = append(pages, strings.TrimSuffix(filepath.Base(f), ".md")+"/index.html")
	}
	// texts counts, on each screen, the text blocks it checked, so that
	// a seed without them fails rather than checks nothing.
	texts := map[string]int{}
	sideways := func(screen string, width int, page string) {
		t.Helper()
		if w := eval[float64](t, ctx, `document.documentElement.scrollWidth`); w > float64(width) {
			t.Errorf("%s is %.0f px wide in a %d px %s: it scrolls sideways", page, w, width, screen)
		}
		b := eval[textBlocks](t, ctx, textScrolls)
		texts[screen] += b.Blocks
		if len(b.Scrolling) > 0 {
			t.Errorf("%s: in a %d px %s, text blocks scroll sideways rather than wrap: %q", page, width, screen, b.Scrolling)
		}
	}
	// sides is what a pair page's rows say of the side each cell is on
	// ahead of its text: the columns' heads do on a wide screen.
	const sides = `[".cmp-a", ".cmp-b"].map(s => getComputedStyle(document.querySelector(s), "::before").content)`
	for _, page := range pages {
		do(t, ctx, "open "+page, chromedp.Navigate(base+page))
		sideways("window", browsertest.Width, page)
		if page == pairGdGz {
			if got := eval[[]string](t, ctx, sides); !slices.Equal(got, []string{"none", "none"}) {
				t.Errorf("%s: in a window the sides' cells are labelled %q", page, got)
			}
		}
	}
	do(t, ctx, "take a phone's screen", chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	links := 0
	for _, page := range pages {
		do(t, ctx, "open "+page, chromedp.Navigate(base+page))
		sideways("phone", phoneWidth, page)
		l := eval[pairLinks](t, ctx, brokenLinks)
		links += l.Links
		if len(l.Broken) > 0 {
			t.Errorf("%s: on a phone, links to a pair page break across lines: %q", page, l.Broken)
		}
		if h := eval[float64](t, ctx, `document.querySelector(".site-header").getBoundingClientRect().height`); h > phoneHeaderMax {
			t.Errorf("%s: the header is %.0f px high, more than %d", page, h, phoneHeaderMax)
		}
		if out := eval[[]string](t, ctx, controlsOutside); len(out) > 0 {
			t.Errorf("%s: controls reach past the page's margins: %v", page, out)
		}
		// The navigation's links all fit, or the reader can scroll the
		// line to the ones that do not.
		const reachable = `(() => {
			const n = document.querySelector(".site-nav"), o = getComputedStyle(n).overflowX;
			return n.scrollWidth <= n.clientWidth || o === "auto" || o === "scroll";
		})()`
		if !eval[bool](t, ctx, reachable) {
			t.Errorf("%s: the navigation is cut off and cannot be scrolled", page)
		}
		// In one column each side's cell says which document it is of,
		// with nothing for a screen reader to say twice.
		if page == pairGdGz {
			if got, want := eval[[]string](t, ctx, sides), []string{`"前者" / ""`, `"后者" / ""`}; !slices.Equal(got, want) {
				t.Errorf("%s: on a phone the sides' cells are labelled %q, want %q", page, got, want)
			}
		}
	}
	if texts["window"] == 0 || texts["phone"] == 0 || links == 0 {
		t.Errorf("checked %d text blocks in a window, %d on a phone and %d links to pair pages: the pages have none to check", texts["window"], texts["phone"], links)
	}
}

// TestBrowserScrollHints: a box that scrolls sideways fades at its right
// edge while there is more beyond it — the home page's matrix of 31
// themes on a desktop's window, the header's links on a phone — and not
// once it is scrolled to its end, nor when everything fits.
func TestBrowserScrollHints(t *testing.T) {
	ctx, base := openSeedBundle(t)
	// faded reports, for each box sel finds, whether it is marked as
	// having more to its right and drawn fading.
	faded := func(sel string) []bool {
		return eval[[]bool](t, ctx, `[...document.querySelectorAll(`+strconv.Quote(sel)+`)].map(b => {
			const s = getComputedStyle(b), mask = s.maskImage || s.webkitMaskImage || "none";
			if (b.classList.contains("more-right") !== mask.includes("gradient")) throw new Error("class and mask disagree: " + mask);
			return b.classList.contains("more-right");
		})`)
	}
	// scrollToEnd scrolls the first box sel finds to its right end and
	// waits for the page to have seen it.
	scrollToEnd := func(sel string) {
		eval[bool](t, ctx, `new Promise(done => {
			const b = document.querySelector(`+strconv.Quote(sel)+`);
			b.addEventListener("scroll", () => requestAnimationFrame(() => done(true)), { once: true });
			b.scrollLeft = b.scrollWidth;
		})`)
	}

	do(t, ctx, "open the home page", chromedp.Navigate(base+"index.html"))
	if got := faded(".matrix-wrap"); !slices.Equal(got, []bool{true}) {
		t.Errorf("a desktop's window: the matrix, wider than the page, fades: %v, want [true]", got)
	}
	if got := faded(".site-nav, .table-wrap:not(.matrix-wrap)"); slices.Contains(got, true) {
		t.Errorf("a desktop's window: the navigation and the documents' table, which fit, fade: %v", got)
	}
	scrollToEnd(".matrix-wrap")
	if got := faded(".matrix-wrap"); !slices.Equal(got, []bool{false}) {
		t.Errorf("the matrix scrolled to its end still fades: %v", got)
	}

	do(t, ctx, "take a phone's screen", chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	do(t, ctx, "open the home page", chromedp.Navigate(base+"index.html"))
	if got := faded(".site-nav"); !slices.Equal(got, []bool{true}) {
		t.Errorf("a phone: the navigation, wider than the screen, fades: %v, want [true]", got)
	}
	scrollToEnd(".site-nav")
	if got := faded(".site-nav"); !slices.Equal(got, []bool{false}) {
		t.Errorf("a phone: the navigation scrolled to its end still fades: %v", got)
	}
}
