package site_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserSearchSort: the results of a query by date. On the seeds,
// 质量 by relevance and then, chosen in the page, by date, the newest
// first, and, from the address, the oldest first: the same sections,
// each document's in the order relevance gives them, the documents in
// the order of their dates by the JSON API (those without one last),
// each hit giving its document's date; the status says how they are
// ordered, and the address keeps it.
func TestBrowserSearchSort(t *testing.T) {
	s := seedSite(t)
	days := map[string]string{}
	undated := 0
	for _, d := range seedDocs(t, s.web) {
		var doc struct{ Date string }
		readJSON(t, filepath.Join(s.web, "api", "docs", d.ID+".json"), &doc)
		days[d.ID] = doc.Date
		if doc.Date == "" {
			undated++
		}
	}
	if undated == 0 || undated == len(days) {
		t.Fatalf("%d of the %d seeds have no date; the test wants some with and some without", undated, len(days))
	}
	ctx, base := startOn(t, s, "http")
	const query = "质量"
	searchOpen(t, ctx, base, "q", query)
	relevance := searchHits(t, ctx)
	// The sections of each document, in turn, by relevance.
	inDoc := func(hits []searchHit) map[string][]string {
		out := map[string][]string{}
		for _, h := range hits {
			out[h.Doc] = append(out[h.Doc], h.EID)
		}
		return out
	}
	check := func(order string, hits []searchHit) {
		t.Helper()
		if len(hits) != len(relevance) {
			t.Fatalf("by date (%s), %d results; by relevance %d", order, len(hits), len(relevance))
		}
		want := inDoc(relevance)
		for doc, eids := range inDoc(hits) {
			if !slices.Equal(eids, want[doc]) {
				t.Errorf("by date (%s), %s's sections come as %q; by relevance %q", order, doc, eids, want[doc])
			}
		}
		dates := searchEval[[]string](t, ctx, `[...document.querySelectorAll("#search-results > li.hit")].map(li => (li.querySelector(".hit-date") || {}).textContent || "")`)
		for i, h := range hits {
			if i < len(dates) && dates[i] != days[h.Doc] {
				t.Errorf("by date (%s), hit %d (%s %s) gives the date %q, want %q", order, i+1, h.Doc, h.EID, dates[i], days[h.Doc])
			}
			if i == 0 {
				continue
			}
			a, b := days[hits[i-1].Doc], days[h.Doc]
			if a == b {
				continue
			}
			if ok := b == "" || a != "" && (a > b) == (order == "new"); !ok {
				t.Errorf("by date (%s), hit %d of %s (%q) comes after one of %s (%q)", order, i+1, h.Doc, b, hits[i-1].Doc, a)
			}
		}
		status := searchEval[string](t, ctx, `document.getElementById("search-status").textContent`)
		if want := map[string]string{"new": "按日期排列，新的在前。", "old": "按日期排列，旧的在前。"}[order]; !strings.HasSuffix(status, want) {
			t.Errorf("by date (%s), the status says %q, want it to end %q", order, status, want)
		}
		if loc := searchEval[string](t, ctx, `location.search`); !strings.Contains(loc, "sort="+order) {
			t.Errorf("by date (%s), the address's query is %q", order, loc)
		}
	}
	searchDo(t, ctx, "choose 按日期，新的在前", chromedp.SetValue("#search-sort", "new"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("search-sort").dispatchEvent(new Event("change"))`))
	searchWait(t, ctx, query)
	check("new", searchHits(t, ctx))
	searchOpen(t, ctx, base, "q", query, "sort", "old")
	if got := searchEval[string](t, ctx, `document.getElementById("search-sort").value`); got != "old" {
		t.Errorf("opened with sort=old, the choice reads %q", got)
	}
	check("old", searchHits(t, ctx))
	// Relevance again: no dates on the hits.
	do(t, ctx, "choose 按相关度", chromedp.SetValue("#search-sort", ""),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("search-sort").dispatchEvent(new Event("change"))`))
	searchWait(t, ctx, query)
	if n := searchEval[int](t, ctx, `document.querySelectorAll(".hit-date").length`); n != 0 {
		t.Errorf("by relevance, %d hits give a date", n)
	}
}
