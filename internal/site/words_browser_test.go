package site_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// wordsDocA and wordsDocB are two plans alike but for a few words, the
// second in 繁體: the word-by-word view marks those words and no other,
// whichever script either side is shown in. 著力, 覆蓋 and 顯著 are
// written in 简体 着力, 覆盖 and 显著, where a fold character by character
// gives 复盖 and 显着.
const wordsDocA = `---
id: c-jia
title: 甲市质量强市实施方案
issuer: 甲市人民政府
date: "2024-03-01"
lang: zh-Hans
level: city
---

一、总体要求

（一）主要目标。到2025年，质量强市建设取得明显成效，质量整体水平全面提高，品牌影响力稳步提升。

（二）重点任务。推行首负责任制，开展双比对双提升活动，加强计量、标准、认证认可、检验检测等质量基础设施建设。

（三）保障措施。加强组织领导，健全工作机制，强化督促检查，着力实现全覆盖，成效显著。
`

const wordsDocB = `---
id: c-yi
title: 乙市質量強市實施方案
issuer: 乙市人民政府
date: "2024-05-01"
lang: zh-Hant
level: city
---

一、總體要求

（一）主要目標。到2027年，質量強市建設取得較大成效，質量整體水平進一步提高，品牌影響力穩步提升。

（二）重點任務。推行首負責任制，開展雙比對雙提升活動，加強計量、標準、認證認可、檢驗檢測等質量基礎設施建設。

（三）保障措施。加強組織領導，完善工作機制，強化監督檢查，著力實現全覆蓋，成效顯著。
`

// TestBrowserWords: on a pair page, "逐词比对" strikes through the words
// only the first document says and underlines those only the second
// says, comparing 繁 and 简 as one; it changes no character of the text,
// keeps its marks through the 繁→简 toggle, and unticked leaves the table
// as it was. Offline, from disk, where jsdiff is loaded from beside the
// page's script.
func TestBrowserWords(t *testing.T) {
	s, err := buildSite(t.TempDir(), map[string]string{"docs/c-jia.md": wordsDocA, "docs/c-yi.md": wordsDocB})
	if err != nil {
		t.Fatal(err)
	}
	ctx, base := startOn(t, s, "file")
	do(t, ctx, "open the pair page", chromedp.Navigate(base+"compare/c-jia--c-yi/index.html"))
	before := eval[string](t, ctx, `document.querySelector(".cmp").innerHTML`)
	text := func(ctx context.Context) string {
		return eval[string](t, ctx, `document.querySelector(".cmp").textContent`)
	}
	written := text(ctx)
	marked := func(ctx context.Context, sel string) []string {
		return eval[[]string](t, ctx, `[...document.querySelectorAll(`+"`"+sel+"`"+`)].map(e => e.textContent)`)
	}
	tick := func(ctx context.Context, id string) {
		do(t, ctx, "tick #"+id, chromedp.Click(chromedp.CSS("#"+id)))
	}
	status := func(ctx context.Context) string { return wordsStatus(t, ctx, "cmp-status") }

	tick(ctx, "words")
	t.Logf("status: %s", status(ctx))
	dels, inss := marked(ctx, ".cmp-a del.rl"), marked(ctx, ".cmp-b ins.rl")
	if want := []string{"2025", "明显", "全面", "健全", "督促"}; !slices.Equal(dels, want) {
		t.Errorf("struck through in the first document: %q, want %q", dels, want)
	}
	if want := []string{"2027", "較大", "進一步", "完善", "監督"}; !slices.Equal(inss, want) {
		t.Errorf("underlined in the second document: %q, want %q", inss, want)
	}
	if wrong := marked(ctx, ".cmp-a ins, .cmp-b del, .cmp-head del, .cmp-head ins"); len(wrong) > 0 {
		t.Errorf("marked on the wrong side or in the heading row: %q", wrong)
	}
	if got := text(ctx); got != written {
		t.Errorf("the view changed the text:\n%s\nwas\n%s", got, written)
	}
	if got := eval[string](t, ctx, `getComputedStyle(document.querySelector("del.rl")).textDecorationLine + " / " + getComputedStyle(document.querySelector("ins.rl")).textDecorationLine`); got != "line-through / underline" {
		t.Errorf("drawn as %q, want line-through / underline", got)
	}
	// What a screen reader hears, and that it takes no room.
	if got := eval[[]string](t, ctx, `["del.rl", "ins.rl"].flatMap(sel => ["::before", "::after"].map(p => {
		const s = getComputedStyle(document.querySelector(sel), p);
		return s.content + " " + s.position + " " + s.width;
	}))`); !slices.Equal(got, []string{`"［删去：" absolute 1px`, `"］" absolute 1px`, `"［增加：" absolute 1px`, `"］" absolute 1px`}) {
		t.Errorf("the words' spoken bounds: %q", got)
	}

	tick(ctx, "fold")
	if got, want := marked(ctx, ".cmp-b ins.rl"), []string{"2027", "较大", "进一步", "完善", "监督"}; !slices.Equal(got, want) {
		t.Errorf("the second document shown in 简体: underlined %q, want %q", got, want)
	}
	tick(ctx, "fold")
	if got := text(ctx); got != written {
		t.Errorf("the 繁→简 toggle ticked and unticked changed the text:\n%s\nwas\n%s", got, written)
	}
	tick(ctx, "fold")
	tick(ctx, "words")
	tick(ctx, "fold")
	if got := eval[string](t, ctx, `document.querySelector(".cmp").innerHTML`); got != before {
		t.Errorf("unticked, the table is not as it was:\n%s\nwas\n%s", got, before)
	}

	// Ticked with the 繁 side already shown in 简体.
	tick(ctx, "fold")
	tick(ctx, "words")
	status(ctx)
	if got, want := marked(ctx, ".cmp-b ins.rl"), []string{"2027", "较大", "进一步", "完善", "监督"}; !slices.Equal(got, want) {
		t.Errorf("ticked on the side shown in 简体: underlined %q, want %q", got, want)
	}
	tick(ctx, "fold")
	if got := text(ctx); got != written {
		t.Errorf("ticked on the side shown in 简体, then the toggle unticked: the text is\n%s\nwas\n%s", got, written)
	}

	// The tools stay in view as the comparison scrolls on a desktop; on
	// a phone, where the pair is one column, they stay at its top.
	toolsTop := func(ctx context.Context) float64 {
		return eval[float64](t, ctx, `(async () => {
			const last = [...document.querySelectorAll(".cmp-row")].pop();
			last.scrollIntoView();
			await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
			return document.getElementById("cmp-tools").getBoundingClientRect().top;
		})()`)
	}
	do(t, ctx, "take a short desktop window", chromedp.EmulateViewport(1280, 300))
	if top := toolsTop(ctx); top != 0 {
		t.Errorf("a desktop: the tools are at %.0f px once the comparison has scrolled, want 0 (in view)", top)
	}
	do(t, ctx, "take a phone's screen", chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	do(t, ctx, "open the pair page", chromedp.Navigate(base+"compare/c-jia--c-yi/index.html"))
	tick(ctx, "words")
	status(ctx)
	if top := toolsTop(ctx); top >= 0 {
		t.Errorf("a phone: the tools are at %.0f px once the comparison has scrolled, want above the screen", top)
	}

	// The view is in the address, so that a link opens a row read word
	// by word — also one to the comparison in the browser of a pair that
	// has a page, which goes there.
	if got := eval[string](t, ctx, `location.search`); got != "?view=words" {
		t.Errorf("ticked, the address's query is %q, want ?view=words", got)
	}
	tick(ctx, "words")
	if got := eval[string](t, ctx, `location.search + " " + location.pathname.split("/").pop()`); got != " index.html" {
		t.Errorf("unticked, the address ends %q, want no query and index.html", got)
	}
	for _, link := range []string{"compare/c-jia--c-yi/index.html?view=words#a-p1-s3", "compare/index.html?a=c-jia&b=c-yi&view=words#a-p1-s3"} {
		do(t, ctx, "open "+link, chromedp.Navigate(base+link))
		status(ctx)
		got := eval[string](t, ctx, `location.pathname.split("/").slice(-2).join("/") + location.search + location.hash + " " +
			document.getElementById("words").checked + " " + document.querySelectorAll("#a-p1-s3 del.rl").length`)
		if want := "c-jia--c-yi/index.html?view=words#a-p1-s3 true 2"; got != want {
			t.Errorf("%s: %q, want %q", link, got, want)
		}
	}
}

// TestBrowserAdhocWords: the comparison computed in the browser, for two
// documents without a pair page, has the word-by-word view too: words
// are marked on each side, no character changes, and unticked the table
// is as it was.
func TestBrowserAdhocWords(t *testing.T) {
	s := syntheticBundle40(t)
	a, b := pairWithoutPage(t, s.web)
	ctx, base := startOn(t, s, "file")
	do(t, ctx, "open the comparison of "+a+" and "+b, chromedp.Navigate(base+"compare/index.html?a="+a+"&b="+b))
	if !waitAdhoc(t, ctx, "done") {
		t.FailNow()
	}
	before := eval[string](t, ctx, `document.querySelector("#adhoc .cmp").innerHTML`)
	written := eval[string](t, ctx, `document.querySelector("#adhoc .cmp").textContent`)
	do(t, ctx, "tick 逐词比对", chromedp.Click(chromedp.CSS("#adhoc-words")))
	status := wordsStatus(t, ctx, "adhoc-status")
	t.Logf("status: %s", status)
	counts := eval[[]int](t, ctx, `["#adhoc .cmp-a del.rl", "#adhoc .cmp-b ins.rl", "#adhoc .cmp-a ins, #adhoc .cmp-b del"].map(s => document.querySelectorAll(s).length)`)
	if counts[0] == 0 || counts[1] == 0 || counts[2] != 0 {
		t.Errorf("%d words struck through on the first side, %d underlined on the second, %d on the wrong side; want some, some, none (%s)", counts[0], counts[1], counts[2], status)
	}
	if got := eval[string](t, ctx, `document.querySelector("#adhoc .cmp").textContent`); got != written {
		t.Errorf("the view changed the text")
	}
	do(t, ctx, "untick 逐词比对", chromedp.Click(chromedp.CSS("#adhoc-words")))
	if got := eval[string](t, ctx, `document.querySelector("#adhoc .cmp").innerHTML`); got != before {
		t.Errorf("unticked, the comparison is not as it was")
	}

	// It saves as a spreadsheet too, a line a row, each section linked.
	lines := readCSV(t, awaitDownload(t, ctx, allowDownloads(t, ctx), a+"--"+b+".csv", "#adhoc-tools button.csv"), compareCSVHeader)
	if rows := eval[int](t, ctx, `document.querySelectorAll("#adhoc .cmp-row:not(.cmp-head)").length`); len(lines) != rows || rows == 0 {
		t.Errorf("the comparison saved as CSV has %d lines for its %d rows", len(lines), rows)
	}
	for i, l := range lines {
		for k, id := range map[int]string{0: a, 5: b} {
			if l[k] != "" && l[k+3] != s.cfg.BaseURL+"docs/"+id+"/"+l[k]+"/" {
				t.Errorf("line %d links %s %s as %q", i+1, id, l[k], l[k+3])
			}
		}
	}
}

// rewrittenDocA and rewrittenDocB are two plans alike but for one clause
// written anew, which shares a word or two with the old one (质量, 发展,
// 产业) by chance.
const rewrittenDocA = `---
id: c-bing
title: 丙市质量强市实施方案
issuer: 丙市人民政府
date: "2024-03-01"
lang: zh-Hans
level: city
---

一、总体要求

（一）主要目标。到2025年，质量强市建设取得明显成效，质量整体水平全面提高。坚持创新驱动发展战略推进产业结构优化升级质量持续改善民生福祉增进人民群众获得感。品牌影响力稳步提升，人民群众满意度明显提高。

（二）重点任务。推行首负责任制，开展双比对双提升活动，加强计量、标准、认证认可、检验检测等质量基础设施建设。
`

const rewrittenDocB = `---
id: c-ding
title: 丁市质量强市实施方案
issuer: 丁市人民政府
date: "2024-05-01"
lang: zh-Hans
level: city
---

一、总体要求

（一）主要目标。到2025年，质量强市建设取得明显成效，质量整体水平全面提高。聚焦先进制造业集群培育打造世界级产业高地质量引领绿色低碳转型发展新格局。品牌影响力稳步提升，人民群众满意度明显提高。

（二）重点任务。推行首负责任制，开展双比对双提升活动，加强计量、标准、认证认可、检验检测等质量基础设施建设。
`

// TestBrowserWordsRewritten: a clause written anew reads, word by word,
// as one passage struck and one added — the words it shares with the old
// one by chance struck and added with it, not left standing between
// fragments — while what the two say alike at length stays unmarked.
func TestBrowserWordsRewritten(t *testing.T) {
	s, err := buildSite(t.TempDir(), map[string]string{"docs/c-bing.md": rewrittenDocA, "docs/c-ding.md": rewrittenDocB})
	if err != nil {
		t.Fatal(err)
	}
	ctx, base := startOn(t, s, "file")
	do(t, ctx, "open the pair page", chromedp.Navigate(base+"compare/c-bing--c-ding/index.html?view=words"))
	status := wordsStatus(t, ctx, "cmp-status")
	marked := func(sel string) []string {
		return eval[[]string](t, ctx, `[...document.querySelectorAll(`+"`"+sel+"`"+`)].map(e => e.textContent)`)
	}
	if got, want := marked(".cmp-a del.rl"), []string{"坚持创新驱动发展战略推进产业结构优化升级质量持续改善民生福祉增进人民群众获得感"}; !slices.Equal(got, want) {
		t.Errorf("struck through in the first document: %q, want %q (%s)", got, want, status)
	}
	if got, want := marked(".cmp-b ins.rl"), []string{"聚焦先进制造业集群培育打造世界级产业高地质量引领绿色低碳转型发展新格局"}; !slices.Equal(got, want) {
		t.Errorf("underlined in the second document: %q, want %q (%s)", got, want, status)
	}
	if !strings.HasSuffix(status, "删去 1 处、增加 1 处。") {
		t.Errorf("status: %q", status)
	}
}

// wordsStatus waits up to ten seconds for the word-by-word view to say,
// in the element with the id, that it is done or cannot be, and returns
// what it says.
func wordsStatus(t *testing.T, ctx context.Context, id string) string {
	t.Helper()
	return eval[string](t, ctx, `(async () => {
		const s = document.getElementById("`+id+`");
		for (let i = 0; i < 1000 && !/^逐词比对：|^无法/.test(s.textContent); i++) await new Promise(r => setTimeout(r, 10));
		return s.textContent;
	})()`)
}
