package site_test

// Browser tests of comparison: the pair page of the Guangdong 纲要 and the
// Guangzhou 方案 as a reader uses it — the aligned row, the shared passage
// lit on both sides, the 繁→简 toggle, the theme filter, "only
// differences" and the overview strip — and the chooser, from the
// unzipped offline bundle.

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
	"tiaowen/internal/hanconv"
)

// The pair the issue names: （二十四） of the 纲要 beside 二、（七）4. of the
// 方案, which repeats its sentences.
const (
	gdID      = "guangdong-2023-gangyao"
	jsID      = "jiangsu-2023-yijian"
	pairGdGz  = "compare/" + gdID + "--" + gzID + "/index.html"
	pairGdJs  = "compare/" + gdID + "--" + jsID + "/index.html"
	gdS24     = "s24"
	gzP2S7I4  = "p2-s7-i4"
	sharedGd  = "打造质量基础设施集成服务基地"  // in both sections' text
	gzOnlyGz  = "围绕高端行业"          // only in the 方案's section
	themeSFZR = "shoufu-zerenzhi" // 首负责任制
)

func TestBrowserComparePair(t *testing.T) {
	for _, mode := range []string{"http", "file"} {
		t.Run(mode, func(t *testing.T) {
			ctx := browsertest.Start(t)
			s := seedSite(t)
			base := browsertest.FileURL(s.bundle) + "/"
			if mode == "http" {
				base = browsertest.Serve(t, s.web)
			}
			problems := browsertest.RecordProblems(t, ctx)
			defer problems.Check(t)
			checkPairPage(t, ctx, base)
		})
	}
}

// checkPairPage opens the pair page of 广东 and 广州 of the site at base
// and checks what it shows and its tools.
func checkPairPage(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	do(t, ctx, "open the pair page", chromedp.Navigate(base+pairGdGz))
	checkAlignedRow(t, ctx)
	checkLinkedHighlight(t, ctx)
	checkThemeFilter(t, ctx)
	checkOnlyDifferences(t, ctx)
	checkOverview(t, ctx, base+pairGdGz)
	checkToolsLine(t, ctx)
}

// checkToolsLine: the tools above the table, which stay at the top of
// the window while the table scrolls, take one line of a desktop's
// width, the three downloads grouped under 下载.
func checkToolsLine(t *testing.T, ctx context.Context) {
	t.Helper()
	type bar struct {
		Downloads []string
		Lines     int
	}
	got := eval[bar](t, ctx, `(() => {
		const tools = document.getElementById("cmp-tools");
		const shown = [...tools.children].filter(el => el.getClientRects().length > 0);
		const tops = new Set(shown.map(el => Math.round(el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2)));
		const group = tools.querySelector('[role=group][aria-label="下载"]');
		return {Downloads: group ? [...group.querySelectorAll("button")].map(b => b.textContent) : [], Lines: tops.size};
	})()`)
	if want := []string{"对照表 CSV", "对照表 Word", "修订稿 Word"}; !slices.Equal(got.Downloads, want) {
		t.Errorf("the tools' 下载 group holds %q, want %q", got.Downloads, want)
	}
	if got.Lines != 1 {
		t.Errorf("the tools take %d lines at %d px wide, want one", got.Lines, browsertest.Width)
	}
}

// checkAlignedRow: （二十四） and 二、（七）4. share a row, each side
// headed by its own markers, with the shared passage marked on both.
func checkAlignedRow(t *testing.T, ctx context.Context) {
	t.Helper()
	type row struct {
		A, B       string // the two cells' heading text
		MarksA     []string
		MarksB     []string
		BadgeShown bool
	}
	r := eval[row](t, ctx, `(() => {
		const a = document.getElementById("a-`+gdS24+`");
		const row = a.closest(".cmp-row");
		const b = row.querySelector(".cmp-b");
		const marks = c => [...c.querySelectorAll("mark.sh")].map(m => m.textContent);
		return {A: a.querySelector(".cmp-h").textContent, B: b.querySelector(".cmp-h").textContent,
			MarksA: marks(a), MarksB: marks(b), BadgeShown: !!row.querySelector(".score .badge")};
	})()`)
	if !strings.HasPrefix(r.A, "(二十四)") && !strings.HasPrefix(r.A, "（二十四）") {
		t.Errorf("row of a-%s: a side reads %q, want （二十四）…", gdS24, r.A)
	}
	if !strings.HasPrefix(r.B, "二、（七）4.") {
		t.Errorf("row of a-%s: b side reads %q, want 二、（七）4.…", gdS24, r.B)
	}
	if got := eval[string](t, ctx, `document.getElementById("a-`+gdS24+`").closest(".cmp-row").querySelector(".cmp-b").id`); got != "b-"+gzP2S7I4 {
		t.Errorf("the b cell beside a-%s has id %q, want b-%s", gdS24, got, gzP2S7I4)
	}
	if !r.BadgeShown {
		t.Errorf("row of a-%s shows no similarity badge", gdS24)
	}
	found := func(marks []string) bool {
		for _, m := range marks {
			if strings.Contains(m, sharedGd) {
				return true
			}
		}
		return false
	}
	if !found(r.MarksA) || !found(r.MarksB) {
		t.Errorf("shared passage %q not highlighted on both sides: a %q, b %q", sharedGd, r.MarksA, r.MarksB)
	}
	if len(r.MarksA) != len(r.MarksB) {
		t.Errorf("a side has %d shared passages, b side %d; each passage is marked on both", len(r.MarksA), len(r.MarksB))
	}
	// Highlighted means a visible background, not just an element.
	bg := eval[string](t, ctx, `getComputedStyle(document.querySelector("#a-`+gdS24+` mark.sh")).backgroundColor`)
	if bg == "" || bg == "rgba(0, 0, 0, 0)" || bg == "transparent" {
		t.Errorf("shared passage has background %q, want a highlight colour", bg)
	}
}

// checkLinkedHighlight: hovering a passage on one side lights its twin
// on the other.
func checkLinkedHighlight(t *testing.T, ctx context.Context) {
	t.Helper()
	const twin = `document.getElementById("b-` + gzP2S7I4 + `").querySelector('mark.sh[data-k="0"]').classList.contains("hl")`
	if eval[bool](t, ctx, twin) {
		t.Fatal("the b side's passage is lit before any hover")
	}
	do(t, ctx, "hover the a side's first shared passage",
		chromedp.ScrollIntoView(chromedp.CSS(`#a-`+gdS24+` mark.sh[data-k="0"]`)),
		chromedp.Evaluate[chromedp.Void](`(() => {
			const m = document.querySelector('#a-`+gdS24+` mark.sh[data-k="0"]');
			// The passage's first line: a passage that wraps has a
			// bounding box whose left edge and middle may both lie
			// outside its text.
			const r = m.getClientRects()[0];
			window.__hoverAt = [r.left + 2, r.top + r.height / 2];
		})()`))
	at := eval[[]float64](t, ctx, `window.__hoverAt`)
	do(t, ctx, "move the mouse onto the passage", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, at[0], at[1]))
	eventually(t, ctx, "the twin passage on the b side is lit", twin, true)
	do(t, ctx, "move the mouse away", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 1, 1))
	eventually(t, ctx, "the twin passage goes dark again", twin, false)
}

// checkThemeFilter: choosing 首负责任制 leaves exactly the rows that carry
// it, says how many, and dims the rest of the overview strip.
func checkThemeFilter(t *testing.T, ctx context.Context) {
	t.Helper()
	total := eval[int](t, ctx, `document.querySelectorAll(".cmp-row:not(.cmp-head)").length`)
	want := eval[int](t, ctx, `[...document.querySelectorAll(".cmp-row:not(.cmp-head)")].filter(r => (r.dataset.themes || "").split(" ").includes("`+themeSFZR+`")).length`)
	if want == 0 || want == total {
		t.Fatalf("%d of %d rows carry %s: the filter cannot be tested", want, total, themeSFZR)
	}
	do(t, ctx, "choose the theme 首负责任制", chromedp.SetValue(chromedp.CSS("#theme-filter"), themeSFZR),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("theme-filter").dispatchEvent(new Event("change"))`))
	type state struct {
		Visible, Wrong, OverviewOff int
		Status                      string
	}
	st := eval[state](t, ctx, `(() => {
		const rows = [...document.querySelectorAll(".cmp-row:not(.cmp-head)")];
		const vis = rows.filter(r => r.offsetParent !== null);
		return {Visible: vis.length,
			Wrong: vis.filter(r => !(r.dataset.themes || "").split(" ").includes("`+themeSFZR+`")).length,
			OverviewOff: document.querySelectorAll(".overview .ov.off").length,
			Status: document.getElementById("cmp-status").textContent};
	})()`)
	if st.Visible != want || st.Wrong != 0 {
		t.Errorf("theme filter %s: %d rows visible (%d without the theme), want the %d rows that carry it", themeSFZR, st.Visible, st.Wrong, want)
	}
	if st.OverviewOff != total-want {
		t.Errorf("theme filter: %d overview entries dimmed, want %d", st.OverviewOff, total-want)
	}
	if !strings.Contains(st.Status, "显示") {
		t.Errorf("theme filter: status reads %q, want how many rows are shown", st.Status)
	}
	do(t, ctx, "choose all themes again", chromedp.SetValue(chromedp.CSS("#theme-filter"), ""),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("theme-filter").dispatchEvent(new Event("change"))`))
	if n := eval[int](t, ctx, `[...document.querySelectorAll(".cmp-row:not(.cmp-head)")].filter(r => r.offsetParent !== null).length`); n != total {
		t.Errorf("after clearing the theme filter %d of %d rows are visible", n, total)
	}
}

// checkOnlyDifferences: the toggle hides the shared passages, leaving
// what each side says alone, and rows with nothing of their own but
// those moved; off again, everything is back.
func checkOnlyDifferences(t *testing.T, ctx context.Context) {
	t.Helper()
	const rowText = `document.getElementById("b-` + gzP2S7I4 + `").innerText`
	before := eval[string](t, ctx, rowText)
	if !strings.Contains(before, sharedGd) || !strings.Contains(before, gzOnlyGz) {
		t.Fatalf("b-%s reads %q before the toggle", gzP2S7I4, before)
	}
	same := eval[int](t, ctx, `document.querySelectorAll(".cmp-row.same:not(.moved)").length`)
	total := eval[int](t, ctx, `document.querySelectorAll(".cmp-row:not(.cmp-head)").length`)
	do(t, ctx, "tick 只看差异", browsertest.Click("#diffs"))
	after := eval[string](t, ctx, rowText)
	if strings.Contains(after, sharedGd) {
		t.Errorf("only differences: b-%s still shows the shared passage: %q", gzP2S7I4, after)
	}
	if !strings.Contains(after, gzOnlyGz) {
		t.Errorf("only differences: b-%s lost its own text %q: %q", gzP2S7I4, gzOnlyGz, after)
	}
	if n := eval[int](t, ctx, `[...document.querySelectorAll(".cmp-row:not(.cmp-head)")].filter(r => r.offsetParent !== null).length`); n != total-same {
		t.Errorf("only differences: %d rows visible, want %d (%d rows say nothing of their own)", n, total-same, same)
	}
	do(t, ctx, "untick 只看差异", browsertest.Click("#diffs"))
	if got := eval[string](t, ctx, rowText); got != before {
		t.Errorf("after unticking only differences b-%s reads %q, want %q", gzP2S7I4, got, before)
	}
}

// checkOverview: the strip has an entry per row, shaded by similarity,
// and an entry takes the reader to its row.
func checkOverview(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	rows := eval[int](t, ctx, `document.querySelectorAll(".cmp-row:not(.cmp-head)").length`)
	if n := eval[int](t, ctx, `document.querySelectorAll(".overview .ov").length`); n != rows {
		t.Errorf("overview strip has %d entries for %d rows", n, rows)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".overview .ov.h3, .overview .ov.h4, .overview .ov.h5").length`); n == 0 {
		t.Error("overview strip has no dark entries, though the documents share whole sentences")
	}
	sel := `.overview a.ov[href="#a-` + gdS24 + `"]`
	do(t, ctx, "click the overview entry of （二十四）", chromedp.Evaluate[chromedp.Void](`document.querySelector('`+sel+`').click()`))
	waitLocation(t, ctx, page+"#a-"+gdS24)
	wantInViewport(t, ctx, "a-"+gdS24)
}

// TestBrowserCompareFold: on the 纲要 × 意见 page the 繁體 side reads in
// 简体 when the toggle is on, phrase by phrase as hanconv converts it
// (顯著 显著, 著力 着力, 覆蓋 覆盖, where a fold character by character
// gives 显着 and 复盖), also where an element cuts a phrase; and as
// written when it is off.
func TestBrowserCompareFold(t *testing.T) {
	ctx, base := openSeedBundle(t)
	do(t, ctx, "open the pair page", chromedp.Navigate(base+pairGdJs))
	const side = `[...document.querySelectorAll(".cmp-b")].map(c => c.innerText).join("\n")`
	const lang = `document.querySelector(".cmp-row:not(.cmp-head) .cmp-b").getAttribute("lang")`
	// A shared passage's mark may end inside a phrase: the first 顯著 is
	// cut so here.
	if !eval[bool](t, ctx, `(() => {
		const w = document.createTreeWalker(document.querySelector(".cmp-row:not(.cmp-head) .cmp-b").closest(".cmp"), NodeFilter.SHOW_TEXT);
		for (let n = w.nextNode(); n; n = w.nextNode()) {
			const i = n.nodeValue.indexOf("顯著");
			if (i < 0 || !n.parentElement.closest(".cmp-b")) continue;
			const cut = n.splitText(i + 1), mark = document.createElement("mark");
			cut.replaceWith(mark);
			mark.appendChild(cut);
			return true;
		}
		return false;
	})()`) {
		t.Fatal("the 繁體 side has no 顯著 to cut")
	}
	before := eval[string](t, ctx, side)
	bodyBefore := eval[string](t, ctx, `[...document.querySelectorAll(".cmp-row:not(.cmp-head) .cmp-b")].map(c => c.innerText).join("\n")`)
	if !strings.Contains(before, "質量") || eval[string](t, ctx, lang) != "zh-Hant" {
		t.Fatalf("the 繁體 side does not read in 繁體 before the toggle (lang %q)", eval[string](t, ctx, lang))
	}
	// Each cell is in its document's language, named on the cell or,
	// for the site's own, by the page.
	const langs = `[...document.querySelectorAll(".cmp-row:not(.cmp-head) .cmp-SIDE")].map(c => c.closest("[lang]").lang)`
	for side, want := range map[string]string{"a": "zh-Hans", "b": "zh-Hant"} {
		got := eval[[]string](t, ctx, strings.ReplaceAll(langs, "SIDE", side))
		if len(got) == 0 || slices.ContainsFunc(got, func(l string) bool { return l != want }) {
			t.Errorf("the %s side's cells are in %v, want %s", side, got, want)
		}
	}
	do(t, ctx, "tick 繁體显示为简体", browsertest.Click("#fold"))
	folded := eval[string](t, ctx, side)
	if strings.Contains(folded, "質量") || !strings.Contains(folded, "质量") {
		t.Error("with the toggle on, the 繁體 side still reads 質量, not 质量")
	}
	const body = `[...document.querySelectorAll(".cmp-row:not(.cmp-head) .cmp-b")].map(c => c.innerText).join("\n")`
	if got, want := eval[string](t, ctx, body), hanconv.Simplify(bodyBefore); got != want {
		t.Errorf("with the toggle on, the 繁體 side reads otherwise than hanconv converts it:\n%s\nwant\n%s", got, want)
	}
	for _, want := range []string{"影响力显著提升", "取得显著成效", "着力推动高质量发展", "着眼产", "全覆盖"} {
		if !strings.Contains(folded, want) {
			t.Errorf("with the toggle on, the 繁體 side lacks %s", want)
		}
	}
	for _, wrong := range []string{"显着", "复盖", "著力", "著眼"} {
		if strings.Contains(folded, wrong) {
			t.Errorf("with the toggle on, the 繁體 side reads %s", wrong)
		}
	}
	if got := eval[string](t, ctx, lang); got != "zh-Hans" {
		t.Errorf("with the toggle on, the folded side has lang %q, want zh-Hans", got)
	}
	if a := eval[string](t, ctx, `[...document.querySelectorAll(".cmp-a")].map(c => c.innerText).join("\n")`); !strings.Contains(a, "质量") {
		t.Error("the 简体 side changed with the toggle")
	}
	do(t, ctx, "untick the toggle", browsertest.Click("#fold"))
	if got := eval[string](t, ctx, side); got != before {
		t.Error("with the toggle off again, the 繁體 side does not read as written")
	}
}

// TestBrowserCompareChooser: from the unzipped offline bundle, the chooser
// takes the reader to the pair page of any two documents, in either
// order, and says so when the two are the same; section pages link to
// their counterparts' rows.
func TestBrowserCompareChooser(t *testing.T) {
	ctx := browsertest.Start(t)
	s := seedSite(t)
	base := browsertest.FileURL(s.bundle) + "/"
	req := browsertest.RecordRequests(t, ctx)
	problems := browsertest.RecordProblems(t, ctx)
	defer problems.Check(t)

	choose := func(a, b string) {
		t.Helper()
		do(t, ctx, "open the chooser", chromedp.Navigate(base+"compare/index.html"))
		if hidden := eval[bool](t, ctx, `document.getElementById("chooser").hidden`); hidden {
			t.Fatal("the chooser form is hidden with JavaScript on")
		}
		do(t, ctx, "choose "+a+" and "+b,
			chromedp.SetValue(chromedp.CSS(`#chooser select[name="a"]`), a),
			chromedp.SetValue(chromedp.CSS(`#chooser select[name="b"]`), b))
	}
	// The page lists the documents once; the script gives the second
	// select the same, the second document chosen.
	do(t, ctx, "open the chooser", chromedp.Navigate(base+"compare/index.html"))
	options := func(name string) []string {
		return eval[[]string](t, ctx, `[...document.querySelectorAll('#chooser select[name="`+name+`"] option')].map(o => o.value)`)
	}
	if a, b := options("a"), options("b"); len(a) != 5 || !slices.Equal(a, b) {
		t.Errorf("the selects offer %v and %v, want the five documents in each", a, b)
	} else if got := eval[string](t, ctx, `document.querySelector('#chooser select[name="b"]').value`); got != a[1] {
		t.Errorf("the second select starts at %q, want the second document %q", got, a[1])
	}

	// b before a in corpus order: the chooser puts them right.
	choose(gzID, gdID)
	do(t, ctx, "submit the chooser", browsertest.Follow(chromedp.Click(chromedp.CSS(`#chooser button[type="submit"]`))))
	wantLocation(t, ctx, base+pairGdGz)
	if n := eval[int](t, ctx, `document.querySelectorAll(".cmp-row:not(.cmp-head)").length`); n == 0 {
		t.Error("the chosen pair page shows no rows")
	}

	choose(gdID, gdID)
	do(t, ctx, "submit the chooser with one document twice", browsertest.Click(`#chooser button[type="submit"]`))
	eventually(t, ctx, "the chooser's message", `document.getElementById("chooser-msg").textContent.length > 0`, true)
	wantLocation(t, ctx, base+"compare/index.html")

	// Every pre-rendered pair is listed, and the matrix links to them.
	if n := eval[int](t, ctx, `document.querySelectorAll("#pair-list a").length`); n != 10 {
		t.Errorf("the chooser lists %d pairs, want all 10 pairs of the five seeds", n)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("table.sim td a").length`); n != 20 {
		t.Errorf("the similarity matrix has %d links, want 20 (each pair, both ways)", n)
	}

	// A section page's counterpart links to its row on the pair page.
	do(t, ctx, "open （二十四） of the 纲要", chromedp.Navigate(base+"docs/"+gdID+"/"+gdS24+"/index.html"))
	link := `.counterparts a.pair-link[href$="` + gdID + "--" + gzID + `/index.html#a-` + gdS24 + `"]`
	if n := eval[int](t, ctx, `document.querySelectorAll('`+link+`').length`); n != 1 {
		t.Fatalf("（二十四）'s page has %d links to its row on the 纲要 × 方案 page, want 1", n)
	}
	do(t, ctx, "follow it", browsertest.Follow(chromedp.Click(chromedp.CSS(link))))
	wantLocation(t, ctx, base+pairGdGz+"#a-"+gdS24)
	wantInViewport(t, ctx, "a-"+gdS24)
	if out := req.Outside("file:///"); len(out) > 0 {
		t.Errorf("comparison pages in the offline bundle requested URLs that are not file://:\n%s", strings.Join(out, "\n"))
	}
}

// TestBrowserChooserFilter: typing in the box above a select keeps the
// documents whose title holds every word, a 繁體 title found by 简体
// words too; the chooser then takes the reader to the pair of what is
// left chosen, and asks for a looser filter when nothing is.
func TestBrowserChooserFilter(t *testing.T) {
	ctx, base := openSeedBundle(t)
	do(t, ctx, "open the chooser", chromedp.Navigate(base+"compare/index.html"))
	filter := func(side, words string) []string {
		t.Helper()
		box := `#chooser .pick-filter[data-for="pick-` + side + `"]`
		do(t, ctx, "type "+words+" in the filter of "+side,
			chromedp.Evaluate[chromedp.Void](`document.querySelector('`+box+`').value = ""`),
			chromedp.SendKeys(chromedp.CSS(box), words))
		return eval[[]string](t, ctx, `[...document.querySelectorAll('#pick-`+side+` option')].map(o => o.value)`)
	}
	// The selects' width does not follow their titles: a select sized to
	// its widest title has the browser measure every title before it
	// draws the page, some 0.3 s at 2000 documents.
	const widths = `[...document.querySelectorAll("#chooser select")].map(s => s.getBoundingClientRect().width)`
	before := eval[[]float64](t, ctx, widths)
	if got := filter("a", "实施"); len(got) != 4 || slices.Contains(got, gdID) {
		t.Errorf("实施 keeps %v, want the four documents with 实施 (實施) in the title", got)
	}
	if got := filter("a", "深化 质量"); !slices.Equal(got, []string{jsID}) {
		t.Errorf("深化 质量 keeps %v, want only the 繁體 %s", got, jsID)
	}
	if got := eval[string](t, ctx, `document.getElementById("chooser-msg").textContent`); !strings.Contains(got, "1 份") {
		t.Errorf("the chooser says %q, want how many documents are left", got)
	}
	if got := filter("b", "广东 纲要"); !slices.Equal(got, []string{gdID}) {
		t.Errorf("广东 纲要 keeps %v in the second select, want only %s", got, gdID)
	}
	if after := eval[[]float64](t, ctx, widths); !slices.Equal(after, before) {
		t.Errorf("the selects are %v px wide with one title each, %v with all: their width follows their titles", after, before)
	}
	do(t, ctx, "submit the chooser", browsertest.Follow(chromedp.Click(chromedp.CSS(`#chooser button[type="submit"]`))))
	wantLocation(t, ctx, base+pairGdJs)

	do(t, ctx, "open the chooser again", chromedp.Navigate(base+"compare/index.html"))
	if got := filter("a", "无此标题"); len(got) != 0 {
		t.Fatalf("无此标题 keeps %v", got)
	}
	do(t, ctx, "submit with nothing chosen", browsertest.Click(`#chooser button[type="submit"]`))
	eventually(t, ctx, "the chooser asks for a looser filter", `document.getElementById("chooser-msg").textContent.includes("放宽")`, true)
	wantLocation(t, ctx, base+"compare/index.html")
}

// TestBrowserChooserPaged: in a corpus of 40 documents, each compared
// with its most similar ones only, with the list of pairs paged thirty
// to a page, the chooser takes the reader to a pair listed only on a
// later page, compares two documents that have no pair page in the
// browser, offering the first one's pairs, and the later pages lead to
// their pairs and back to the form.
func TestBrowserChooserPaged(t *testing.T) {
	ctx := browsertest.Start(t)
	dir := buildSyntheticWith(t, 40, "paginate: 3\n")
	base := browsertest.Serve(t, dir)
	problems := browsertest.RecordProblems(t, ctx)
	defer problems.Check(t)

	do(t, ctx, "open the chooser", chromedp.Navigate(base+"compare/index.html"))
	listed := eval[[]string](t, ctx, `[...document.querySelectorAll("#pair-list a")].map(a => a.getAttribute("href").split("/").slice(-2)[0])`)
	ids := eval[[]string](t, ctx, `[...document.querySelectorAll('#chooser select[name="a"] option')].map(o => o.value)`)
	index := eval[[][]int](t, ctx, `JSON.parse(document.getElementById("pair-index").textContent)`)
	if len(listed) != 30 || len(ids) != 40 || len(index) != 40 {
		t.Fatalf("the first page lists %d pairs of %d documents, with an index of %d; want 30, 40, 40", len(listed), len(ids), len(index))
	}
	// A pair with a page that the first page does not list, and two
	// documents without one.
	var later, none [2]string
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			a, b := ids[i], ids[j]
			if b < a {
				a, b = b, a
			}
			switch {
			case slices.Contains(index[i], j) && !slices.Contains(listed, a+"--"+b) && later[0] == "":
				later = [2]string{ids[j], ids[i]}
			case !slices.Contains(index[i], j) && none[0] == "":
				none = [2]string{ids[i], ids[j]}
			}
		}
	}
	if later[0] == "" || none[0] == "" {
		t.Fatalf("no pair beyond the first page (%v) or no documents without one (%v)", later, none)
	}
	choose := func(p [2]string) {
		t.Helper()
		do(t, ctx, "choose "+p[0]+" and "+p[1],
			chromedp.SetValue(chromedp.CSS(`#chooser select[name="a"]`), p[0]),
			chromedp.SetValue(chromedp.CSS(`#chooser select[name="b"]`), p[1]))
	}
	choose(none)
	// Two documents without a pair page are compared in the browser, on
	// the chooser's page, the two ids in order in its address.
	do(t, ctx, "submit two documents without a pair page", browsertest.Follow(chromedp.Click(chromedp.CSS(`#chooser button[type="submit"]`))))
	lo, hi := min(none[0], none[1]), max(none[0], none[1])
	wantLocation(t, ctx, base+"compare/index.html?a="+lo+"&b="+hi)
	waitAdhoc(t, ctx, "done")
	// It offers the first document's pairs too, each a page of the site
	// with the first document on it.
	offered := eval[[]string](t, ctx, `[...document.querySelectorAll("#adhoc-more a")].map(a => a.getAttribute("href"))`)
	if len(offered) == 0 {
		t.Fatalf("the comparison offers none of %s's pairs", lo)
	}
	for _, href := range offered {
		if _, err := os.Stat(filepath.Join(dir, "compare", filepath.FromSlash(href))); err != nil || !strings.Contains(href, lo) {
			t.Errorf("the comparison offers %q, not a pair page of %s (%v)", href, lo, err)
		}
	}
	do(t, ctx, "follow the first pair offered", browsertest.Follow(browsertest.Click("#adhoc-more a")))
	wantLocation(t, ctx, base+"compare/"+offered[0])
	if n := eval[int](t, ctx, `document.querySelectorAll(".cmp-row:not(.cmp-head)").length`); n == 0 {
		t.Error("the pair page offered shows no rows")
	}
	do(t, ctx, "back to the chooser", chromedp.Navigate(base+"compare/index.html"))

	choose(later)
	do(t, ctx, "submit a pair listed on a later page", browsertest.Follow(chromedp.Click(chromedp.CSS(`#chooser button[type="submit"]`))))
	a, b := later[1], later[0]
	if b < a {
		a, b = b, a
	}
	wantLocation(t, ctx, base+"compare/"+a+"--"+b+"/index.html")
	if n := eval[int](t, ctx, `document.querySelectorAll(".cmp-row:not(.cmp-head)").length`); n == 0 {
		t.Error("the chosen pair page shows no rows")
	}

	do(t, ctx, "open the chooser's second page", chromedp.Navigate(base+"compare/page/2/index.html"))
	if n := eval[int](t, ctx, `document.querySelectorAll("#chooser, #pair-index").length`); n != 0 {
		t.Errorf("a later page of the chooser has its form or index (%d elements)", n)
	}
	if cur := eval[string](t, ctx, `document.querySelector(".pager [aria-current=page]").textContent`); cur != "2" {
		t.Errorf("the pager marks page %q, want 2", cur)
	}
	first := eval[string](t, ctx, `document.querySelector("#pair-list a").getAttribute("href")`)
	do(t, ctx, "follow its first pair", browsertest.Follow(browsertest.Click("#pair-list a")))
	if n := eval[int](t, ctx, `document.querySelectorAll(".cmp-row:not(.cmp-head)").length`); n == 0 {
		t.Errorf("%s shows no rows", first)
	}
	do(t, ctx, "go back", chromedp.NavigateBack())
	do(t, ctx, "follow the link to the form", browsertest.Follow(browsertest.Click(`.intro a[href$="compare/index.html"]`)))
	wantLocation(t, ctx, base+"compare/index.html")
}

// TestBrowserCompareFoldAstral: the 繁→简 toggle converts characters
// outside the Basic Multilingual Plane, which a page's script sees as two
// UTF-16 units, and into them: 𠁞 reads 𠀾 and 㑮 𫝈 with the toggle on,
// as hanconv converts them. The document is the 意见 under another id
// with the two added to a section; compared with the 意见, both sides,
// in 繁體, are converted.
func TestBrowserCompareFoldAstral(t *testing.T) {
	const trad, simp = "𠁞字為例，㑮字亦然", "𠀾字为例，𫝈字亦然"
	if got := hanconv.Simplify(trad); got != simp {
		t.Fatalf("hanconv converts %s to %s, not %s: pick other characters", trad, got, simp)
	}
	src, err := os.ReadFile(filepath.Join("..", "..", "content", "docs", jsID+".md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Replace(string(src), "id: "+jsID, "id: zz-astral", 1)
	doc = strings.Replace(doc, "title: 關于", "title: 又一份關于", 1)
	doc = strings.Replace(doc, "(一)大力發展綠色優質農產品。", "(一)大力發展綠色優質農產品。"+trad+"。", 1)
	if !strings.Contains(doc, trad) || strings.Contains(doc, "id: "+jsID) {
		t.Fatal("the copy of the 意见 lacks its new id or the characters")
	}
	ctx := browsertest.Start(t)
	s, err := buildSite(t.TempDir(), map[string]string{"docs/zz-astral.md": doc})
	if err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "open the pair page", chromedp.Navigate(browsertest.FileURL(s.bundle)+"/compare/"+gdID+"--zz-astral/index.html"))
	const side = `[...document.querySelectorAll(".cmp-row:not(.cmp-head) .cmp-b")].map(c => c.innerText).join("\n")`
	if before := eval[string](t, ctx, side); !strings.Contains(before, trad) {
		t.Fatalf("the 繁體 side does not show %s as written before the toggle", trad)
	}
	do(t, ctx, "tick 繁體显示为简体", browsertest.Click("#fold"))
	if folded := eval[string](t, ctx, side); !strings.Contains(folded, simp) || strings.Contains(folded, "𠁞") || strings.Contains(folded, "㑮") {
		t.Errorf("with the toggle on, the 繁體 side has %s: %v, still has 𠁞 or 㑮: %v", simp, strings.Contains(folded, simp), strings.ContainsAny(folded, "𠁞㑮"))
	}
	do(t, ctx, "untick the toggle", browsertest.Click("#fold"))
	if got := eval[string](t, ctx, side); !strings.Contains(got, trad) {
		t.Errorf("with the toggle off again, the 繁體 side lacks %s", trad)
	}

	// Two documents in 繁體: the toggle converts both sides.
	do(t, ctx, "open the pair page of the two in 繁體", chromedp.Navigate(browsertest.FileURL(s.bundle)+"/compare/"+jsID+"--zz-astral/index.html"))
	sides := func() [2]string {
		var out [2]string
		for i, c := range []string{"a", "b"} {
			out[i] = eval[string](t, ctx, `[...document.querySelectorAll(".cmp-row:not(.cmp-head) .cmp-`+c+`")].map(c => c.innerText).join("\n")`)
		}
		return out
	}
	written := sides()
	do(t, ctx, "tick 繁體显示为简体", browsertest.Click("#fold"))
	for i, got := range sides() {
		if want := hanconv.Simplify(written[i]); got != want || !strings.Contains(got, "质量") {
			t.Errorf("both in 繁體, with the toggle on, side %c reads\n%s\nwant\n%s", 'a'+i, got, want)
		}
	}
	do(t, ctx, "untick the toggle", browsertest.Click("#fold"))
	if got := sides(); got != written {
		t.Error("both in 繁體, with the toggle off again, the sides do not read as written")
	}
}
