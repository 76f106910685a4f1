package site_test

import (
	"net/url"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// TestBrowserDocumentSearch: a document's page searches that document,
// from the offline bundle opened from disk: its box leads to the search
// page with the document chosen, whose results are that document's only
// and are some; the same words over the whole corpus find others too.
func TestBrowserDocumentSearch(t *testing.T) {
	ctx, base := openSeedBundle(t)
	const q = "质量基础设施"
	do(t, ctx, "open the 纲要", chromedp.Navigate(base+"docs/"+gdID+"/index.html"))
	do(t, ctx, "type "+q+" in the document's box", chromedp.SendKeys(chromedp.CSS("#doc-q"), q))
	do(t, ctx, "submit it", browsertest.Follow(chromedp.Submit(chromedp.CSS("#doc-q"))))
	wantLocation(t, ctx, base+"search/index.html?"+url.Values{"doc": {gdID}, "q": {q}}.Encode())
	searchWait(t, ctx, q)
	if got := searchEval[string](t, ctx, `document.getElementById("search-doc").value`); got != gdID {
		t.Errorf("the search page's document select shows %q, want %s", got, gdID)
	}
	hits := searchHits(t, ctx)
	if docs := docsOf(hits, ""); !slices.Equal(docs, []string{gdID}) {
		t.Errorf("searching the 纲要 for %s finds sections of %v, want of %s only", q, docs, gdID)
	}
	searchOpen(t, ctx, base, "q", q)
	if docs := docsOf(searchHits(t, ctx), ""); len(docs) < 2 {
		t.Errorf("over the corpus %s is found in %v only: the document's search is not tested", q, docs)
	}
}

// TestBrowserThemeSearch: a theme's page searches the sections of that
// theme, from the offline bundle opened from disk: its box leads to the
// search page with the theme chosen, whose results are sections the
// JSON API gives the theme, and are some; over the whole corpus the same
// word finds others too.
func TestBrowserThemeSearch(t *testing.T) {
	s := seedSite(t)
	ctx, base := openSeedBundle(t)
	const theme, q = "zhiliang-jichu-sheshi", "标准"
	themesOf := sectionThemes(t, s.web)
	do(t, ctx, "open the theme's page", chromedp.Navigate(base+"themes/"+theme+"/index.html"))
	do(t, ctx, "type "+q+" in the theme's box", chromedp.SendKeys(chromedp.CSS("#theme-q"), q))
	do(t, ctx, "submit it", browsertest.Follow(chromedp.Submit(chromedp.CSS("#theme-q"))))
	wantLocation(t, ctx, base+"search/index.html?theme="+theme+"&q="+url.QueryEscape(q)) // the form's order
	searchWait(t, ctx, q)
	if got := searchEval[string](t, ctx, `document.getElementById("search-theme").value`); got != theme {
		t.Errorf("the search page's theme select shows %q, want %s", got, theme)
	}
	hits := searchHits(t, ctx)
	for _, h := range hits {
		if !slices.Contains(themesOf[h.ref()], theme) {
			t.Errorf("searching the theme %s for %s finds %v, which the JSON API does not give the theme", theme, q, h.ref())
		}
	}
	searchOpen(t, ctx, base, "q", q)
	if all := searchHits(t, ctx); len(hits) == 0 || len(all) <= len(hits) {
		t.Errorf("%s finds %d sections in the theme and %d in all: the theme's search is not tested", q, len(hits), len(all))
	}
}
