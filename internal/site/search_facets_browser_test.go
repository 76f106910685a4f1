package site_test

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The seeds' columns, as content/docs/*.md give them.
var (
	provincial = []string{"guangdong-2020-shishi", "guangdong-2023-gangyao", "jiangsu-2023-yijian"}
	of2023     = []string{"guangdong-2023-gangyao", "guangzhou-2023-fangan", "jiangsu-2023-yijian"}
)

// checkColumnFilters narrows queries by the documents' level, year,
// script, status and region (and the regions inside it): each filter keeps the hits of the documents it
// names, in the order the query alone ranks them, and nothing else; a
// filter alone lists its documents' sections; the address keeps it.
func checkColumnFilters(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	searchOpen(t, ctx, base, "q", "质量基础设施")
	all := searchHits(t, ctx)
	keep := func(docs ...[]string) []searchHit {
		var out []searchHit
		for _, h := range all {
			in := true
			for _, ds := range docs {
				in = in && slices.Contains(ds, h.Doc)
			}
			if in {
				out = append(out, h)
			}
		}
		return out
	}
	for _, c := range []struct {
		params []string
		want   []searchHit
	}{
		{[]string{"level", "province"}, keep(provincial)},
		{[]string{"level", "province", "year", "2023"}, keep(provincial, of2023)},
		{[]string{"script", "zh-Hant"}, keep([]string{"jiangsu-2023-yijian"})},
		{[]string{"status", "征求意见稿"}, keep([]string{"guangzhou-2023-fangan"})},
		// A region keeps the documents of the regions inside it too, and
		// its name is read in either script.
		{[]string{"region", "广东省"}, keep([]string{"guangdong-2020-shishi", "guangdong-2023-gangyao", "guangzhou-2023-fangan", "luhe-2017-yijian"})},
		{[]string{"region", "汕尾市"}, keep([]string{"luhe-2017-yijian"})},
		{[]string{"region", "江苏省", "level", "province"}, keep([]string{"jiangsu-2023-yijian"})},
		{[]string{"level", "county", "year", "2023"}, nil},
	} {
		searchOpen(t, ctx, base, append([]string{"q", "质量基础设施"}, c.params...)...)
		got := searchHits(t, ctx)
		if len(got)+len(c.want) > 0 && !reflect.DeepEqual(got, c.want) {
			t.Errorf("质量基础设施 with %v: %d hits from %v, want %d from %v", c.params, len(got), docsOf(got, ""), len(c.want), docsOf(c.want, ""))
		}
		if len(c.want) == 0 && !strings.Contains(searchEval[string](t, ctx, `document.getElementById("search-none").textContent`), "筛选") {
			t.Errorf("with %v nothing is found, and the page does not say a filter is set", c.params)
		}
	}
	if len(keep(provincial, of2023)) == 0 || len(keep(provincial)) == len(all) {
		t.Fatalf("the filters were not put to the test: %d hits, %d provincial", len(all), len(keep(provincial)))
	}

	// A filter alone lists every section of its documents: the one city
	// plan's 43.
	searchOpen(t, ctx, base, "level", "city")
	if got := searchHits(t, ctx); len(got) != 43 || !reflect.DeepEqual(docsOf(got, ""), []string{"guangzhou-2023-fangan"}) {
		t.Errorf("the level 市级 alone lists %d sections of %v, want Guangzhou's 43", len(got), docsOf(got, ""))
	}

	// Chosen on the page, a filter narrows the query shown and goes into
	// the address.
	searchOpen(t, ctx, base, "q", "质量基础设施")
	searchDo(t, ctx, "choose 县级", chromedp.SetValue(`#search-form select[name=level]`, "county"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#search-form select[name=level]").dispatchEvent(new Event("change"))`))
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline) && !strings.Contains(searchEval[string](t, ctx, "location.search"), "level=county"); {
		time.Sleep(20 * time.Millisecond)
	}
	searchWait(t, ctx, "质量基础设施")
	if got, want := searchHits(t, ctx), keep([]string{"luhe-2017-yijian"}); !reflect.DeepEqual(got, want) || len(want) == 0 {
		t.Errorf("质量基础设施 with 县级 chosen: %d hits from %v, want %d from Luhe's", len(got), docsOf(got, ""), len(want))
	}
	if loc := searchEval[string](t, ctx, "location.search"); !strings.Contains(loc, "level=county") {
		t.Errorf("the address %q does not keep the level", loc)
	}
}

// checkDocFilter narrows the search page's list of documents by words
// typed beside it: a 简体 word finds the 繁體 document, the chosen
// document stays, and clearing the box brings every document back in
// corpus order.
func checkDocFilter(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	searchOpen(t, ctx, base)
	options := func() []string {
		return searchEval[[]string](t, ctx, `[...document.querySelectorAll("#search-doc option")].map(o => o.value)`)
	}
	all := options()
	if len(all) != 6 {
		t.Fatalf("the documents' select has %d options, want 全部文件 and the five seeds", len(all))
	}
	typeIn := func(text string) {
		t.Helper()
		js, _ := json.Marshal(text)
		searchDo(t, ctx, "type "+text, chromedp.Evaluate[chromedp.Void](`(() => { const b = document.getElementById("search-doc-filter");
			b.value = `+string(js)+`; b.dispatchEvent(new Event("input")); })()`))
	}
	// Its width does not follow the titles, as the chooser's does not
	// (TestBrowserChooserFilter).
	const width = `document.getElementById("search-doc").getBoundingClientRect().width`
	before := searchEval[float64](t, ctx, width)
	typeIn("纲要")
	if after := searchEval[float64](t, ctx, width); after != before {
		t.Errorf("the documents' select is %.0f px wide with the shortest title, %.0f with all: its width follows the titles", after, before)
	}
	typeIn("质量强省 实施意见")
	if got := options(); !slices.Equal(got, []string{"", "jiangsu-2023-yijian", "luhe-2017-yijian"}) {
		t.Errorf("质量强省 实施意见 keeps %v, want Jiangsu's 繁體 document and Luhe's", got)
	}
	searchDo(t, ctx, "choose Luhe's", chromedp.SetValue("#search-doc", "luhe-2017-yijian"))
	typeIn("广东")
	if got := options(); !slices.Equal(got, []string{"", "guangdong-2023-gangyao", "luhe-2017-yijian"}) {
		t.Errorf("广东, with Luhe's chosen, keeps %v, want Guangdong's 纲要 and the chosen one", got)
	}
	typeIn("")
	if got := options(); !slices.Equal(got, all) {
		t.Errorf("cleared, the select lists %v, want %v", got, all)
	}
}
