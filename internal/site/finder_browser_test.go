package site_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// TestBrowserHomeFinder filters and sorts the seed site's documents from
// the home page's finder, in the offline bundle opened from disk with two
// documents a page: the finder reaches documents on other pages, lists
// them newest first as the build does until another order is chosen,
// draws their rows as the build does, keeps its state in the address,
// and gives the page back as it was when cleared.
func TestBrowserHomeFinder(t *testing.T) {
	ctx, base := openPagedSeedBundle(t, 2)

	ids := func() []string {
		return eval[[]string](t, ctx, `[...document.querySelectorAll("table.docs tbody th a")].map(a => a.getAttribute("href").split("/").slice(-2)[0])`)
	}
	// all draws the rest of the finder's matches, a page's worth (two) a
	// click of the button under the table, and returns every row's.
	all := func() []string {
		t.Helper()
		for range 5 {
			if !eval[bool](t, ctx, visibleJS("finder-more")) {
				return ids()
			}
			before := len(ids())
			label := eval[string](t, ctx, `document.getElementById("finder-more").textContent`)
			do(t, ctx, "click "+label, browsertest.Click("#finder-more"))
			if n := len(ids()); n <= before || n > before+2 {
				t.Fatalf("%s: %d rows after, %d before; want one or two more", label, n, before)
			}
		}
		t.Fatal("the button to list more still shows after five clicks")
		return nil
	}
	// The build's rows of every page, whitespace between tags aside, to
	// hold the finder's rows to.
	const rowHTML = `Object.fromEntries([...document.querySelectorAll("table.docs tbody tr")].map(tr =>
		[tr.querySelector("th a").getAttribute("href").split("/").slice(-2)[0], tr.outerHTML.replace(/>\s+</g, "><")]))`
	built := map[string]string{}
	for _, p := range []string{"index.html", "page/2/index.html", "page/3/index.html"} {
		do(t, ctx, "open "+p, chromedp.Navigate(base+p))
		for id, html := range eval[map[string]string](t, ctx, rowHTML) {
			// Rows are drawn relative to the page they are on.
			built[id] = strings.ReplaceAll(html, `href="../../docs/`, `href="docs/`)
		}
	}
	if len(built) != 5 {
		t.Fatalf("the three pages list %d documents, want 5", len(built))
	}

	do(t, ctx, "open page 3", chromedp.Navigate(base+"page/3/index.html"))
	if visible := eval[bool](t, ctx, `!document.getElementById("doc-finder").hidden`); !visible {
		t.Fatal("the finder is hidden with JavaScript on")
	}
	if s := attr(t, ctx, chromedp.CSS(`th[data-sort=date]`), "aria-sort"); s != "descending" {
		t.Errorf("unsorted by the reader, the date column's aria-sort is %q, want descending", s)
	}
	paged := ids()
	// A 简体 word finds the 繁體 document, which is on page 1, by its
	// issuer (江蘇省人民政府) or title.
	do(t, ctx, "type 江苏", chromedp.SendKeys(chromedp.CSS(`#doc-finder input[name=filter]`), "江苏"))
	eventually(t, ctx, "the status", `document.getElementById("finder-status").textContent`, "符合条件的文件 1 份。")
	if got := ids(); !slices.Equal(got, []string{"jiangsu-2023-yijian"}) || slices.Contains(paged, got[0]) {
		t.Errorf("江苏 keeps %q (page 1 lists %q); want the Jiangsu document from another page", got, paged)
	}
	if n := eval[int](t, ctx, `[...document.querySelectorAll("#docs-h ~ .pager, #docs-h ~ .page-note")].filter(e => e.offsetParent).length`); n != 0 {
		t.Errorf("%d of the table's pagers and notes still show over the whole corpus's list", n)
	}
	do(t, ctx, "follow the document found", browsertest.Follow(browsertest.Click("table.docs tbody th a")))
	wantLocation(t, ctx, base+"docs/jiangsu-2023-yijian/index.html")
	do(t, ctx, "go back", chromedp.NavigateBack())

	do(t, ctx, "open page 3 with 江苏 in the address", chromedp.Navigate(base+"page/3/index.html?filter=%E6%B1%9F%E8%8B%8F"))
	eventually(t, ctx, "the status", `document.getElementById("finder-status").textContent`, "符合条件的文件 1 份。")
	do(t, ctx, "clear", browsertest.Click(`#doc-finder button[type=reset]`))
	eventually(t, ctx, "the status once cleared", `document.getElementById("finder-status").textContent`, "")
	if got := ids(); !slices.Equal(got, paged) {
		t.Errorf("cleared, page 3 lists %q, want its own %q", got, paged)
	}
	if n := eval[int](t, ctx, `[...document.querySelectorAll(".pager")].filter(e => !e.hidden).length`); n != 2 {
		t.Errorf("cleared, %d pagers show, want 2", n)
	}
	if v := eval[string](t, ctx, `document.querySelector("#doc-finder input[name=filter]").value`); v != "" {
		t.Errorf("cleared, the filter box holds %q", v)
	}
	if loc := get(t, ctx, "location", chromedp.Location()); loc != base+"page/3/index.html" {
		t.Errorf("cleared, the address is %s", loc)
	}

	// A level, newest first, then the oldest first, then the newest
	// again, on page 2.
	do(t, ctx, "open page 2", chromedp.Navigate(base+"page/2/index.html"))
	do(t, ctx, "choose 省级", chromedp.SetValue(chromedp.CSS(`#doc-finder select[name=level]`), "province"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#doc-finder select[name=level]").dispatchEvent(new Event("change"))`))
	eventually(t, ctx, "the status", `document.getElementById("finder-status").textContent`, "符合条件的文件 3 份，按日期从新到旧。先列出前 2 份。")
	newest := []string{"guangdong-2023-gangyao", "jiangsu-2023-yijian", "guangdong-2020-shishi"}
	if got := ids(); !slices.Equal(got, newest[:2]) {
		t.Errorf("省级 lists %q first, want the two newest provincial documents", got)
	}
	if got := eval[string](t, ctx, `document.getElementById("finder-more").textContent`); got != "再列出 1 份（已列出 2 份，共 3 份）" {
		t.Errorf("the button under the table reads %q", got)
	}
	// Cleared, the page's own rows come back without the button; chosen
	// again, the matches do, with it.
	do(t, ctx, "clear", browsertest.Click(`#doc-finder button[type=reset]`))
	eventually(t, ctx, "the status once cleared", `document.getElementById("finder-status").textContent`, "")
	if eval[bool](t, ctx, visibleJS("finder-more")) {
		t.Error("cleared, the button to list more matches still shows")
	}
	do(t, ctx, "choose 省级 again", chromedp.SetValue(chromedp.CSS(`#doc-finder select[name=level]`), "province"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#doc-finder select[name=level]").dispatchEvent(new Event("change"))`))
	eventually(t, ctx, "the status", `document.getElementById("finder-status").textContent`, "符合条件的文件 3 份，按日期从新到旧。先列出前 2 份。")
	if got := all(); !slices.Equal(got, newest) {
		t.Errorf("省级 keeps %q, want the three provincial documents newest first %q", got, newest)
	}
	if got := eval[string](t, ctx, `document.activeElement.getAttribute("href") || ""`); !strings.HasSuffix(got, "guangdong-2020-shishi/index.html") {
		t.Errorf("with the last match listed, the focus is on %q, want the first new row's link", got)
	}
	// Already by date, newest first: the column's button turns the order.
	do(t, ctx, "sort by date", browsertest.Click(`th[data-sort=date] button`))
	oldest := slices.Clone(newest)
	slices.Reverse(oldest)
	if got := all(); !slices.Equal(got, oldest) {
		t.Errorf("by date: %q, want the oldest first %q", got, oldest)
	}
	if s := attr(t, ctx, chromedp.CSS(`th[data-sort=date]`), "aria-sort"); s != "ascending" {
		t.Errorf("the date column's aria-sort is %q, want ascending", s)
	}
	if loc := get(t, ctx, "location", chromedp.Location()); !strings.HasSuffix(loc, "page/2/index.html?level=province&sort=date") {
		t.Errorf("the address %s does not carry the level and the order", loc)
	}
	do(t, ctx, "sort by date again", browsertest.Click(`th[data-sort=date] button`))
	if got := all(); !slices.Equal(got, newest) {
		t.Errorf("by date again: %q, want the newest first %q", got, newest)
	}
	if s := attr(t, ctx, chromedp.CSS(`th[data-sort=date]`), "aria-sort"); s != "descending" {
		t.Errorf("the date column's aria-sort is %q, want descending", s)
	}
	// The order the page starts in goes without saying in the address.
	if loc := get(t, ctx, "location", chromedp.Location()); !strings.HasSuffix(loc, "page/2/index.html?level=province") {
		t.Errorf("the address %s is not the level's alone", loc)
	}

	// The address brings the same list back, on whichever page it opens;
	// one written before the newest came first by default still works.
	for _, c := range []struct {
		sort, status string
		want         []string
	}{
		{"date", "从旧到新", oldest},
		{"date-desc", "从新到旧", newest},
	} {
		do(t, ctx, "open the address on page 1, sort="+c.sort, chromedp.Navigate(base+"index.html?level=province&sort="+c.sort))
		eventually(t, ctx, "the status", `document.getElementById("finder-status").textContent`, "符合条件的文件 3 份，按日期"+c.status+"。先列出前 2 份。")
		if got := all(); !slices.Equal(got, c.want) {
			t.Errorf("from the address with sort=%s: %q, want %q", c.sort, got, c.want)
		}
	}
	if v := eval[string](t, ctx, `document.querySelector("#doc-finder select[name=level]").value`); v != "province" {
		t.Errorf("from the address, the level select shows %q", v)
	}

	// A region finds the documents of the regions inside it too:
	// 广东省, Guangdong's two and those of 广州市 and 陆河县 (in 汕尾市);
	// 汕尾市, Luhe's; 江苏省, the 繁體 意见's 江蘇省.
	for _, c := range []struct {
		region string
		want   []string
	}{
		{"广东省", []string{"guangdong-2023-gangyao", "guangdong-2020-shishi", "luhe-2017-yijian", "guangzhou-2023-fangan"}},
		{"汕尾市", []string{"luhe-2017-yijian"}},
		{"江苏省", []string{"jiangsu-2023-yijian"}},
	} {
		do(t, ctx, "open the address with the region "+c.region, chromedp.Navigate(base+"index.html?region="+url.QueryEscape(c.region)))
		status := fmt.Sprintf("符合条件的文件 %d 份。", len(c.want))
		if len(c.want) > 2 {
			status = fmt.Sprintf("符合条件的文件 %d 份，按日期从新到旧。先列出前 2 份。", len(c.want))
		}
		eventually(t, ctx, "the status", `document.getElementById("finder-status").textContent`, status)
		if got := all(); !slices.Equal(got, c.want) {
			t.Errorf("the region %s: %q, want %q", c.region, got, c.want)
		}
	}
	// The regions in the order of their codes, each under the one it
	// lies in.
	if got := eval[[]string](t, ctx, `[...document.querySelectorAll("#doc-finder select[name=region] option")].map(o => o.textContent)`); !slices.Equal(got, []string{"全部", "江苏省", "广东省", "\u3000广州市", "\u3000汕尾市", "\u3000\u3000陆河县"}) {
		t.Errorf("the regions to choose from: %q, want the provinces, each with the regions inside it", got)
	}

	// Every row the finder draws is the row the build drew.
	do(t, ctx, "sort everything by title", chromedp.Navigate(base+"index.html?sort=title"))
	eventually(t, ctx, "the status", `document.getElementById("finder-status").textContent`, "全部 5 份文件，按标题排序。先列出前 2 份。")
	all()
	drawn := eval[map[string]string](t, ctx, rowHTML)
	for id, html := range built {
		if drawn[id] != html {
			t.Errorf("the finder draws %s as\n%s\nthe build as\n%s", id, drawn[id], html)
		}
	}
	// Titles sort by their reading in pinyin, 關 (guān) as 关: 关于加快…,
	// 關于深化…, 广东…, 广州…, 陆河….
	byTitle := []string{"guangdong-2020-shishi", "jiangsu-2023-yijian", "guangdong-2023-gangyao", "guangzhou-2023-fangan", "luhe-2017-yijian"}
	if got := ids(); !slices.Equal(got, byTitle) {
		t.Errorf("by title: %q, want %q", got, byTitle)
	}
	// Cleared, the page is the build's again: its two newest, by date.
	do(t, ctx, "clear", browsertest.Click(`#doc-finder button[type=reset]`))
	eventually(t, ctx, "the status once cleared", `document.getElementById("finder-status").textContent`, "")
	if got := ids(); !slices.Equal(got, []string{"guangdong-2023-gangyao", "jiangsu-2023-yijian"}) {
		t.Errorf("cleared, page 1 lists %q, want the two newest documents", got)
	}
	if got := eval[[]string](t, ctx, `[...document.querySelectorAll("th[aria-sort]")].map(th => th.dataset.sort + " " + th.getAttribute("aria-sort"))`); !slices.Equal(got, []string{"date descending"}) {
		t.Errorf("cleared, the columns sorted are %q, want the date's, descending", got)
	}
}

// TestBrowserHomeFinderFromAddress opens the home page at an address
// that carries a filter (?filter=江苏, as a shared or bookmarked list),
// from a web server that holds the finder's list (api/docs.js) back:
// until it comes, the build's rows, which are not the answer, are shown
// dimmed and the table is busy, the status saying that the list is
// loading; once it comes, the rows are the filter's and the table is
// neither.
func TestBrowserHomeFinderFromAddress(t *testing.T) {
	s := seedSite(t)
	files := http.FileServer(http.Dir(s.web))
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/docs.js" {
			select {
			case <-release:
			case <-r.Context().Done():
				return
			}
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})
	ctx := browsertest.Start(t)

	const state = `[document.querySelector("table.docs").className, document.querySelector("table.docs").getAttribute("aria-busy") || "", document.getElementById("finder-status").textContent].join("|")`
	// The page's load waits for the list, held back: it is opened
	// without waiting for it.
	do(t, ctx, "open a blank page", chromedp.Navigate("about:blank"))
	eval[bool](t, ctx, `location.assign(`+jsString(srv.URL+"/?filter="+url.QueryEscape("江苏"))+`), true`)
	eventually(t, ctx, "while the list loads", state, "docs pending|true|正在载入文件列表……")
	if n := eval[int](t, ctx, `document.querySelectorAll("table.docs tbody tr").length`); n != 5 {
		t.Errorf("while the list loads, the table has %d rows, want the build's 5", n)
	}
	if o := eval[string](t, ctx, `getComputedStyle(document.querySelector("table.docs tbody")).opacity`); o == "1" {
		t.Error("while the list loads, the build's rows are shown as if they were the answer")
	}
	close(release)
	eventually(t, ctx, "once the list has come", state, "docs||符合条件的文件 1 份。")
	if got := eval[[]string](t, ctx, `[...document.querySelectorAll("table.docs tbody th a")].map(a => a.getAttribute("href"))`); !slices.Equal(got, []string{"docs/jiangsu-2023-yijian/index.html"}) {
		t.Errorf("the filtered rows link to %q", got)
	}
}
