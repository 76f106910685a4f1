package site_test

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// tableDoc is a plan whose annex holds a table copied in part from the
// Guangdong 纲要's 主要目标, so that its division pairs with that
// section and passages are shared inside the table's cells.
const tableDoc = `---
id: c-biao
title: 丙市质量强市目标分解表
issuer: 丙市人民政府
date: "2024-03-01"
lang: zh-Hans
level: city
---

一、总体要求

（一）主要目标。到2025年,质量水平全面提高,影响力稳步提升,质量强省建设取得阶段性成效。

附件1

目标分解表

一、主要目标。分解如下。

| 指标 | 2025年目标 | 依据 |
|---|---|---|
| 制造业质量竞争力指数达到92,建成一批质量卓越产业集群 | 92 | 农产品质量安全例行监测合格率达到98%以上,食品抽检合格率达到98.5%以上 |
| 制造业产品质量合格率达到95%,工程质量抽查符合率不断提高 | 95% | 推行首负责任制 |

二、监测数据。各年度数据如下。

| 指标 | 2021年 | 2022年 | 2023年 | 2024年 | 2025年 |
|---|---|---|---|---|---|
| 制造业质量竞争力指数 | 86.15 | 87.60 | 89.02 | 90.47 | 91.93 |
| 制造业产品质量合格率 | 93.85% | 94.10% | 94.42% | 94.71% | 95.02% |

数据文件的格式:

` + "```\n指标\t年度\t数值\n质量竞争力指数\t2025\t92\n```" + `
`

// TestBrowserTables: a table in a document is drawn as a table on its
// page, on a pair page, and in the comparison computed in the browser,
// the last two alike — the same rows of header and data cells, the same
// passages marked in them, code beside a table in a <pre>; a wide table
// fades at its edge on a phone, drawn by either; a search result from a
// table shows its cells apart, from code its tabs.
func TestBrowserTables(t *testing.T) {
	s, err := buildSite(t.TempDir(), map[string]string{"docs/c-biao.md": tableDoc})
	if err != nil {
		t.Fatal(err)
	}
	ctx, base := startOn(t, s, "file")
	const pair = "c-biao--guangdong-2023-gangyao"
	cells := func(ctx context.Context, cell string) []string {
		return eval[[]string](t, ctx, `[...document.querySelectorAll(`+"`"+cell+` tr`+"`"+`)].map(tr => [...tr.cells].map(c => c.tagName + ":" + c.innerHTML).join(" | "))`)
	}

	do(t, ctx, "open the document", chromedp.Navigate(base+"docs/c-biao/index.html"))
	page := cells(ctx, "#annex1-p1")
	if len(page) != 3 || !strings.Contains(page[2], `class="term t-shoufu-zerenzhi"`) {
		t.Errorf("the document's table: %q; want a header and two rows, the theme's term marked in the last", page)
	}

	// blocksOf reads what a pair page's cell holds under its heading.
	blocksOf := func(ctx context.Context, cell string) string {
		return eval[string](t, ctx, `[...document.querySelector(`+"`"+cell+"`"+`).children].slice(1).map(e => {
			e = e.cloneNode(true);
			e.classList.remove("more-right");
			return e.outerHTML;
		}).join("\n")`)
	}
	// drawLive opens the chooser and draws the pair in its view directly,
	// as TestBrowserAdhocAgrees does (the pair has a page, to which the
	// chooser would go), and waits for the frame after.
	drawLive := func(ctx context.Context) {
		do(t, ctx, "open the chooser", chromedp.Navigate(base+"compare/index.html"))
		if state := eval[string](t, ctx, `(async () => {
			const v = document.getElementById("adhoc");
			await window.tiaowenLiveCompare(v, "c-biao", "guangdong-2023-gangyao", () => []);
			await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
			return v.dataset.state;
		})()`); state != "done" {
			t.Fatalf("the comparison in the browser ended %q", state)
		}
	}

	do(t, ctx, "open the pair page", chromedp.Navigate(base+"compare/"+pair+"/index.html"))
	built := cells(ctx, "#a-annex1-p1")
	if len(built) != 3 || !strings.Contains(built[0], "TH:") || !strings.Contains(built[1], `<mark class="sh`) {
		t.Fatalf("the pair page's table: %q; want a header row and two rows, with shared passages marked", built)
	}
	// markers lists the cells' markers, each with its class: 附件1 is set
	// apart from its title, 一、 is not.
	markers := func(ctx context.Context, cmp string) []string {
		return eval[[]string](t, ctx, `[...document.querySelectorAll(`+"`"+cmp+` .cmp-h .marker`+"`"+`)].map(m => m.className + " " + m.textContent).sort()`)
	}
	builtMarkers := markers(ctx, ".cmp")
	if !slices.Contains(builtMarkers, "marker apart 附件1") || !slices.Contains(builtMarkers, "marker 附件1一、") {
		t.Errorf("the pair page's markers: %q, want 附件1 set apart and 附件1一、 not", builtMarkers)
	}
	// The next section holds a wide table and code whose lines have tabs.
	builtBlocks := blocksOf(ctx, "#a-annex1-p2")
	if !strings.Contains(builtBlocks, "<pre><code>指标\t年度") || strings.Count(builtBlocks, "<table>") != 1 {
		t.Errorf("the pair page's section of a table and code:\n%s\nwant one table and the code in a <pre>", builtBlocks)
	}

	drawLive(ctx)
	live := cells(ctx, "#adhoc #a-annex1-p1")
	if len(live) != len(built) {
		t.Fatalf("the comparison in the browser draws %d rows of the table, the pair page %d:\n%q\n%q", len(live), len(built), live, built)
	}
	for i := range built {
		if live[i] != built[i] {
			t.Errorf("row %d of the table in the browser:\n%s\non the pair page:\n%s", i, live[i], built[i])
		}
	}
	if live := markers(ctx, "#adhoc"); !slices.Equal(live, builtMarkers) {
		t.Errorf("the comparison in the browser's markers:\n%q\nthe pair page's:\n%q", live, builtMarkers)
	}
	// The layout the search index gives tells a table from code.
	if live := blocksOf(ctx, "#adhoc #a-annex1-p2"); live != builtBlocks {
		t.Errorf("the comparison in the browser draws the section of a table and code as\n%s\nthe pair page as\n%s", live, builtBlocks)
	}

	// On a phone a table's box in a pair's column is narrower than the
	// table: it fades at its right edge, whether the pair page drew it
	// or the comparison in the browser drew it after the page loaded.
	faded := func(ctx context.Context, sel string) []string {
		return eval[[]string](t, ctx, `[...document.querySelectorAll(`+"`"+sel+"`"+`)].map(b =>
			"more " + (b.scrollWidth - b.clientWidth > 1) + ", faded " + b.classList.contains("more-right"))`)
	}
	do(t, ctx, "take a phone's screen", chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	do(t, ctx, "open the pair page", chromedp.Navigate(base+"compare/"+pair+"/index.html"))
	if got := faded(ctx, "#a-annex1-p2 .table-wrap"); len(got) != 1 || got[0] != "more true, faded true" {
		t.Errorf("a phone: the pair page's table: %q, want [more true, faded true]", got)
	}
	drawLive(ctx)
	if got := faded(ctx, "#adhoc #a-annex1-p2 .table-wrap"); len(got) != 1 || got[0] != "more true, faded true" {
		t.Errorf("a phone: the table the comparison in the browser drew: %q, want [more true, faded true]", got)
	}
	do(t, ctx, "take a desktop's screen", chromedp.EmulateViewport(1280, 900))

	// snippet searches for q and returns the snippet of c-biao's result.
	snippet := func(ctx context.Context, q string) string {
		do(t, ctx, "search for "+q, chromedp.Navigate(base+"search/index.html?q="+url.QueryEscape(q)))
		return eval[string](t, ctx, `(async () => {
			for (let i = 0; i < 500; i++) {
				const li = document.querySelector('#search-results li.hit[data-doc="c-biao"]');
				if (li) return li.querySelector(".hit-snippet").textContent;
				await new Promise(r => setTimeout(r, 20));
			}
			return "(no result from c-biao)";
		})()`)
	}
	if got := snippet(ctx, "推行首负责任制"); !strings.Contains(got, "｜95%｜推行首负责任制") || strings.Contains(got, "\t") {
		t.Errorf("the search result from the table reads %q, want its cells apart: …｜95%%｜推行首负责任制", got)
	}
	if got := snippet(ctx, "指数2025"); !strings.Contains(got, "质量竞争力指数\t2025\t92") {
		t.Errorf("the search result from the code reads %q, want its line as written: 质量竞争力指数\t2025\t92", got)
	}
	// A phrase does not run from one cell into the next (2025年目标｜依据),
	// as it does across a code block's tabs (above).
	tiers := func(ctx context.Context, q string) []string {
		do(t, ctx, "search for "+q, chromedp.Navigate(base+"search/index.html?q="+url.QueryEscape(q)))
		return eval[[]string](t, ctx, `(async () => {
			for (let i = 0; i < 500 && document.getElementById("search").dataset.state !== "done"; i++) await new Promise(r => setTimeout(r, 20));
			return [...document.querySelectorAll('#search-results li.hit[data-doc="c-biao"]')].map(li => li.dataset.eid + " " + li.dataset.tier);
		})()`)
	}
	if got := tiers(ctx, "年目标"); !slices.Contains(got, "annex1-p1 exact") {
		t.Errorf("年目标, in a table's cell: results from c-biao %q, want annex1-p1 exact", got)
	}
	if got := tiers(ctx, "年目标依据"); slices.ContainsFunc(got, func(h string) bool { return strings.HasSuffix(h, " exact") }) {
		t.Errorf("年目标依据, across two cells: results from c-biao %q, want none exact", got)
	}
}
