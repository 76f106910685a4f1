package site_test

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// regionRows is the region page's list: each row's document id, and
// what its 地区 column says ("" where there is none).
func regionRows(t *testing.T, ctx context.Context) (ids, where []string) {
	t.Helper()
	rows := eval[[][]string](t, ctx, `(() => {
		const head = [...document.querySelectorAll("table.docs thead th")].map(th => th.textContent);
		const at = head.indexOf("地区");
		return [...document.querySelectorAll("table.docs tbody tr")].map(tr =>
			[tr.querySelector("a").getAttribute("href").split("/").at(-2), at < 0 ? "" : tr.children[at].textContent]);
	})()`)
	for _, r := range rows {
		ids, where = append(ids, r[0]), append(where, r[1])
	}
	return ids, where
}

// TestBrowserRegionPages: a document's region leads to its division's
// page — the documents issued there and in the divisions inside it,
// newest first, each saying where inside it was issued — from which a
// reader goes down to a city or county, up by the breadcrumb, to the
// home page's list filtered the same way, and to the search's sections
// of a theme in those documents. All of it from the offline bundle.
func TestBrowserRegionPages(t *testing.T) {
	ctx, base := openSeedBundle(t)
	do(t, ctx, "open Luhe's 意见", chromedp.Navigate(base+"docs/luhe-2017-yijian/index.html"))
	if got := eval[string](t, ctx, `document.querySelector(".kicker").textContent`); !strings.Contains(got, "广东省 › 汕尾市 › 陆河县") {
		t.Errorf("Luhe's page names its region %q, want 广东省 › 汕尾市 › 陆河县", got)
	}
	do(t, ctx, "follow 广东省", browsertest.Follow(chromedp.Click(`.kicker a.place[title="列出广东省的文件"]`)))
	if got := eval[string](t, ctx, `location.pathname.split("/").slice(-3).join("/")`); got != "regions/440000/index.html" || eval[string](t, ctx, `document.querySelector("h1").textContent`) != "广东省" {
		t.Fatalf("广东省 on Luhe's page leads to %s", got)
	}
	guangdong := []string{"guangdong-2023-gangyao", "guangdong-2020-shishi", "luhe-2017-yijian", "guangzhou-2023-fangan"}
	ids, where := regionRows(t, ctx)
	if !slices.Equal(ids, guangdong) || !slices.Equal(where, []string{"本级", "本级", "汕尾市陆河县", "广州市"}) {
		t.Errorf("广东省's page lists %q in %q, want %q (newest first, the undated last) in 本级, 本级, 汕尾市陆河县, 广州市", ids, where, guangdong)
	}
	if got := eval[string](t, ctx, `document.querySelector("main > p:not(.intro)").textContent`); !strings.HasPrefix(got, "4 份文件（本级 2 份，下辖地区 2 份），2017–2023 年。") {
		t.Errorf("广东省's page sums up its documents as %q", got)
	}

	// Down to 汕尾市, whose only document is 陆河县's, and up again.
	do(t, ctx, "follow 汕尾市", browsertest.Follow(chromedp.Click(`//section[h2="下辖地区"]//a[starts-with(., "汕尾市")]`)))
	if got := eval[string](t, ctx, `document.querySelector(".breadcrumb").textContent`); got != "地区广东省汕尾市" {
		t.Errorf("汕尾市's breadcrumb reads %q", got)
	}
	if ids, where := regionRows(t, ctx); !slices.Equal(ids, []string{"luhe-2017-yijian"}) || !slices.Equal(where, []string{"陆河县"}) {
		t.Errorf("汕尾市's page lists %q in %q, want Luhe's in 陆河县", ids, where)
	}
	do(t, ctx, "back up to 广东省", browsertest.Follow(chromedp.Click(`//nav[@class="breadcrumb"]//a[.="广东省"]`)))

	// The same documents in the home page's list, filtered by its
	// script, in the same order.
	do(t, ctx, "follow 在文件列表中筛选", browsertest.Follow(chromedp.Click(`//a[.="在文件列表中筛选"]`)))
	eventually(t, ctx, "the finder's status", `document.getElementById("finder-status").textContent.replace(/先列出.*/, "")`, "符合条件的文件 4 份，按日期从新到旧。")
	got := eval[[]string](t, ctx, `[...document.querySelectorAll("table.docs tbody tr")].map(tr => tr.querySelector("a").getAttribute("href").split("/").at(-2))`)
	if !slices.Equal(got, guangdong) {
		t.Errorf("the home page's list filtered by 广东省 has %q, want %q", got, guangdong)
	}

	// A theme the province's documents mention: the search's sections of
	// it in them, and only those.
	do(t, ctx, "back to 广东省", chromedp.NavigateBack())
	chip := eval[string](t, ctx, `document.evaluate('//section[h2="本地区文件提及的主题"]//a[starts-with(., "质量基础设施")]', document, null, XPathResult.STRING_TYPE, null).stringValue`)
	if chip != "质量基础设施 4" {
		t.Errorf("the theme 质量基础设施 reads %q on 广东省's page, want it counted in 4 documents", chip)
	}
	searchOpen(t, ctx, base, "theme", "zhiliang-jichu-sheshi")
	all := searchHits(t, ctx)
	do(t, ctx, "back to 广东省", chromedp.Navigate(base+"regions/440000/index.html"))
	do(t, ctx, "follow 质量基础设施", browsertest.Follow(chromedp.Click(`//section[h2="本地区文件提及的主题"]//a[starts-with(., "质量基础设施")]`)))
	searchEval[any](t, ctx, "window.tiaowenSearch.ready")
	hits := searchHits(t, ctx)
	var want []searchHit
	for _, h := range all {
		if slices.Contains(guangdong, h.Doc) {
			want = append(want, h)
		}
	}
	if len(want) == 0 || len(want) == len(all) || !slices.EqualFunc(hits, want, func(a, b searchHit) bool { return a.ref() == b.ref() }) {
		t.Errorf("质量基础设施 from 广东省's page finds %d sections of %v; the theme has %d, %d of them in 广东省's documents", len(hits), docsOf(hits, ""), len(all), len(want))
	}

	// The page's own search box keeps to the province.
	do(t, ctx, "back to 广东省", chromedp.Navigate(base+"regions/440000/index.html"))
	do(t, ctx, "search 质量基础设施 there", chromedp.SendKeys("#region-q", "质量基础设施"),
		browsertest.Follow(chromedp.Submit("#region-q")))
	searchWait(t, ctx, "质量基础设施")
	if docs := docsOf(searchHits(t, ctx), ""); len(docs) == 0 || slices.ContainsFunc(docs, func(d string) bool { return !slices.Contains(guangdong, d) }) {
		t.Errorf("the search box of 广东省's page finds sections of %v", docs)
	}

	// The 繁體 意见's 江蘇省 is 江苏省's page.
	do(t, ctx, "open Jiangsu's 意见", chromedp.Navigate(base+"docs/jiangsu-2023-yijian/index.html"))
	do(t, ctx, "follow 江蘇省", browsertest.Follow(chromedp.Click(`.kicker a.place[title="列出江蘇省的文件"]`)))
	if ids, where := regionRows(t, ctx); eval[string](t, ctx, `document.querySelector("h1").textContent`) != "江苏省" || !slices.Equal(ids, []string{"jiangsu-2023-yijian"}) || !slices.Equal(where, []string{""}) {
		t.Errorf("江蘇省 leads to %q listing %q in %q", eval[string](t, ctx, `document.title`), ids, where)
	}
}

// TestBrowserRegionsIndex: /regions/ is the divisions the documents lie
// in, each under the one it lies in with the number of documents in
// it; the home page leads to it and to each province, and every page's
// header to it.
func TestBrowserRegionsIndex(t *testing.T) {
	ctx, base := openSeedBundle(t)
	do(t, ctx, "open the home page", chromedp.Navigate(base+"index.html"))
	if got := eval[string](t, ctx, `document.querySelector("p.browse").textContent`); got != "按地区浏览：江苏省 1 · 广东省 4 · 全部地区" {
		t.Errorf("the home page's way into the regions reads %q", got)
	}
	do(t, ctx, "follow 全部地区", browsertest.Follow(chromedp.Click(`//p[@class="browse"]/a[.="全部地区"]`)))
	tree := eval[string](t, ctx, `(() => {
		const walk = (ul, depth) => [...ul.children].map(li =>
			"\u3000".repeat(depth) + li.querySelector("a").textContent + " " + li.querySelector(".count").textContent + "\n" +
			(li.querySelector("ul") ? walk(li.querySelector("ul"), depth + 1) : "")).join("");
		return walk(document.querySelector("ul.region-tree"), 0);
	})()`)
	want := "江苏省 1\n广东省 4\n\u3000广州市 1\n\u3000汕尾市 1\n\u3000\u3000陆河县 1\n"
	if tree != want {
		t.Errorf("/regions/ lists\n%s\nwant\n%s", tree, want)
	}
	do(t, ctx, "follow 陆河县", browsertest.Follow(chromedp.Click(`//ul[@class="region-tree"]//a[.="陆河县"]`)))
	if ids, _ := regionRows(t, ctx); !slices.Equal(ids, []string{"luhe-2017-yijian"}) || !strings.Contains(eval[string](t, ctx, `document.querySelector(".intro").textContent`), "县级行政区 · 广东省汕尾市陆河县 · 区划代码 441523") {
		t.Errorf("陆河县's page lists %q and reads %q", ids, eval[string](t, ctx, `document.querySelector(".intro").textContent`))
	}
	// The header's 地区 is current on a division's page, and leads to
	// the list from any page: here a section's, three folders down.
	current := `[...document.querySelectorAll(".site-nav [aria-current=page]")].map(a => a.textContent).join()`
	if got := eval[string](t, ctx, current); got != "地区" {
		t.Errorf("on 陆河县's page the navigation marks %q as current, want 地区", got)
	}
	do(t, ctx, "open a section of the 意见", chromedp.Navigate(base+"docs/luhe-2017-yijian/i5/index.html"))
	do(t, ctx, "follow the header's 地区", browsertest.Follow(chromedp.Click(`//nav[@class="site-nav"]//a[.="地区"]`)))
	if got, h1 := eval[string](t, ctx, current), eval[string](t, ctx, `document.querySelector("h1").textContent`); got != "地区" || h1 != "地区" || eval[int](t, ctx, `document.querySelectorAll("ul.region-tree > li").length`) != 2 {
		t.Errorf("the header's 地区 leads to a page headed %q, %q current", h1, got)
	}
}

// TestBrowserRegionPaged: a division with more documents than a page
// holds lists them over pages, newest first, each page saying which.
func TestBrowserRegionPaged(t *testing.T) {
	ctx, base := openPagedSeedBundle(t, 3)
	do(t, ctx, "open 广东省", chromedp.Navigate(base+"regions/440000/index.html"))
	first, _ := regionRows(t, ctx)
	note := eval[string](t, ctx, `document.querySelector(".page-note").textContent`)
	do(t, ctx, "follow the next page", browsertest.Follow(chromedp.Click(`a[rel=next]`)))
	second, _ := regionRows(t, ctx)
	want := []string{"guangdong-2023-gangyao", "guangdong-2020-shishi", "luhe-2017-yijian", "guangzhou-2023-fangan"}
	if got := append(first, second...); !slices.Equal(got, want) || note != "本页列出第 1–3 份，共 4 份，按日期排列，新的在前，未注明日期的在后。" {
		t.Errorf("广东省's pages list %q (%q), want %q over two pages", got, note, want)
	}
	if got := eval[string](t, ctx, `document.title`); !strings.HasPrefix(got, fmt.Sprintf("广东省 第 %d 页", 2)) {
		t.Errorf("the second page is titled %q", got)
	}
}

// TestBrowserRegionPairs: a division's page names the pairs of its
// documents in which the later one's text is most the earlier's, most
// first — worked out here from the JSON API — and each leads to its
// pair page.
func TestBrowserRegionPairs(t *testing.T) {
	ctx, base := openSeedBundle(t)
	web := seedSite(t).web
	var docs struct {
		Documents []struct{ ID, Date string }
	}
	readJSON(t, filepath.Join(web, "api", "docs.json"), &docs)
	date := map[string]string{}
	for _, d := range docs.Documents {
		date[d.ID] = d.Date
	}
	var pairs struct {
		Pairs []struct {
			A, B             string
			SharedA, SharedB float64
		}
	}
	readJSON(t, filepath.Join(web, "api", "compare.json"), &pairs)
	guangdong := []string{"guangdong-2023-gangyao", "guangdong-2020-shishi", "luhe-2017-yijian", "guangzhou-2023-fangan"}
	type row struct {
		share float64
		text  string
	}
	var want []row
	compared := 0 // the pairs of 广东省's documents
	for _, p := range pairs.Pairs {
		if !slices.Contains(guangdong, p.A) || !slices.Contains(guangdong, p.B) {
			continue
		}
		compared++
		later, earlier, shared := p.B, p.A, p.SharedB
		dated := date[p.A] != "" && date[p.B] != "" && date[p.A] != date[p.B]
		if dated && date[p.A] > date[p.B] || !dated && p.SharedA > p.SharedB {
			later, earlier, shared = p.A, p.B, p.SharedA
		}
		if shared == 0 {
			continue
		}
		pct := fmt.Sprintf("%.0f%%", math.Round(shared*100))
		if pct == "0%" && shared > 0 {
			pct = "不足 1%"
		}
		want = append(want, row{shared, fmt.Sprintf("%s %s %s %s--%s", later, pct, earlier, min(p.A, p.B), max(p.A, p.B))})
	}
	slices.SortStableFunc(want, func(a, b row) int { return cmp.Compare(b.share, a.share) })
	var wantText []string
	// At most ten, and half the pairs, rounded up.
	for _, r := range want[:min(len(want), 10, (compared+1)/2)] {
		wantText = append(wantText, r.text)
	}
	do(t, ctx, "open 广东省", chromedp.Navigate(base+"regions/440000/index.html"))
	got := eval[[]string](t, ctx, `[...document.querySelectorAll(".region-pairs li")].map(li => {
		const a = li.querySelectorAll("a");
		return a[0].getAttribute("href").split("/").at(-2) + " " + li.querySelector("strong").textContent + " " +
			a[1].getAttribute("href").split("/").at(-2) + " " + a[2].getAttribute("href").split("/").at(-2);
	})`)
	if len(wantText) < 3 || !slices.Equal(got, wantText) {
		t.Errorf("广东省's pairs:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantText, "\n"))
	}
	do(t, ctx, "follow the first pair", browsertest.Follow(chromedp.Click(`.region-pairs li a.pair-link`)))
	if got := eval[string](t, ctx, `location.pathname.split("/").at(-2)`); len(wantText) > 0 && !strings.HasSuffix(wantText[0], got) {
		t.Errorf("the first pair leads to %s, want %s", got, wantText[0])
	}
}
