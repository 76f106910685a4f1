package site_test

import (
	"context"
	"regexp"
	"strconv"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

var mediaBox = regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`)

// TestBrowserPrint prints a pair page as a reader's browser prints it:
// on landscape pages (the PDF's every page wider than high), the two
// documents side by side even on paper narrower than the screen layout
// that stacks them, the shared passages in their colours, and the
// page's controls and overview strip left off. A document's page prints
// its text without the site's header, footer and table of contents.
func TestBrowserPrint(t *testing.T) {
	ctx, base := openSeedBundle(t)
	do(t, ctx, "open the pair page", chromedp.Navigate(base+pairGdGz))
	checkPrintsLandscape(t, ctx)

	// The print layout at the width of a portrait page, where the
	// screen's layout stacks the two documents.
	printMedia(t, ctx)
	do(t, ctx, "a portrait page's width", chromedp.EmulateViewport(650, 900))
	if n := eval[int](t, ctx, `getComputedStyle(document.querySelector(".cmp-row:not(.cmp-head)")).gridTemplateColumns.split(" ").length`); n != 3 {
		t.Errorf("a printed row has %d columns, want the two documents and the score", n)
	}
	for _, sel := range []string{".cmp-tools", ".overview", ".site-header", ".site-footer"} {
		if shown := eval[bool](t, ctx, `getComputedStyle(document.querySelector("`+sel+`")).display !== "none"`); shown {
			t.Errorf("%s prints", sel)
		}
	}
	if got := eval[string](t, ctx, `getComputedStyle(document.querySelector("mark.sh")).printColorAdjust`); got != "exact" {
		t.Errorf("shared passages print with print-color-adjust %q: their colours are dropped", got)
	}

	do(t, ctx, "open a document", chromedp.Navigate(base+"docs/"+gdID+"/index.html"))
	for _, sel := range []string{".site-header", ".site-footer", "nav.toc"} {
		if shown := eval[bool](t, ctx, `getComputedStyle(document.querySelector("`+sel+`")).display !== "none"`); shown {
			t.Errorf("%s prints with the document", sel)
		}
	}
	if n := eval[int](t, ctx, `[...document.querySelectorAll("section.sec")].filter(s => s.getClientRects().length > 0).length`); n == 0 {
		t.Error("the document's sections do not print")
	}
	checkNoBareHeadings(t, ctx, "the document")

	do(t, ctx, "open a section with themes", chromedp.Navigate(base+"docs/"+gdID+"/"+gdS24+"/index.html"))
	checkNoBareHeadings(t, ctx, "the section "+gdS24)
}

// checkNoBareHeadings fails t if a heading of the page prints whose
// part of the page prints nothing else (a list left off, its heading
// left on).
func checkNoBareHeadings(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	bare := eval[[]string](t, ctx, `[...document.querySelectorAll("main section > h2, main aside > h2")].filter(h => {
		if (h.getClientRects().length === 0) return false;
		const shown = e => e.getClientRects().length > 0 && e.textContent.trim() !== "";
		return ![...h.parentElement.children].some(e => e !== h && shown(e));
	}).map(h => h.textContent)`)
	if len(bare) > 0 {
		t.Errorf("%s prints headings with nothing under them: %q", page, bare)
	}
}

// checkPrintsLandscape prints the page as a reader's browser prints it,
// honouring its CSS page size, and fails t unless it takes several
// pages, every one wider than high.
func checkPrintsLandscape(t *testing.T, ctx context.Context) {
	t.Helper()
	pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: new(true)})
	if err != nil {
		t.Fatalf("print to PDF: %v", err)
	}
	boxes := mediaBox.FindAllSubmatch(pdf.Data, -1)
	if len(boxes) < 2 {
		t.Fatalf("the PDF has %d pages with a media box; a pair page prints on several", len(boxes))
	}
	for _, b := range boxes {
		w, _ := strconv.ParseFloat(string(b[1]), 64)
		h, _ := strconv.ParseFloat(string(b[2]), 64)
		if w <= h {
			t.Fatalf("a page of the printed pair page is %.0f × %.0f pt: portrait, want landscape", w, h)
		}
	}
}

// printMedia has the page laid out for print from now on.
func printMedia(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatalf("emulate print: %v", err)
	}
}
