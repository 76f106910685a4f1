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
