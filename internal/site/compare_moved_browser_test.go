package site_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// TestBrowserCompareMoved: a comparison's rows go in the first
// document's order, and a row whose second section stands out of the
// second's says so. On each of the seeds' ten pair pages, and in the
// browser's own comparison of two generated documents: every b cell
// says where its section stands in its document (data-n, as the JSON
// API orders them); the rows of two sections left unmarked are the
// longest run whose b sections rise; every other one is marked moved,
// its b heading naming the section the second document has before it,
// its entry in the overview strip marked too.
// Ordered by the second, the browser's comparison holds its sections in
// their order.
func TestBrowserCompareMoved(t *testing.T) {
	t.Run("pair pages", func(t *testing.T) {
		s := seedSite(t)
		ctx, base := startOn(t, s, "http")
		entries, err := os.ReadDir(filepath.Join(s.web, "api", "compare"))
		if err != nil {
			t.Fatal(err)
		}
		moved := 0
		for _, e := range entries {
			a, b, _ := strings.Cut(strings.TrimSuffix(e.Name(), ".json"), "--")
			do(t, ctx, "open "+a+" × "+b, chromedp.Navigate(base+"compare/"+a+"--"+b+"/index.html"))
			moved += checkMoved(t, ctx, s, "", a, b)
		}
		if moved == 0 {
			t.Error("no pair page marks a row moved; the seeds' pairs have some")
		}
	})
	t.Run("adhoc", func(t *testing.T) {
		s := syntheticBundle40(t)
		a, b := pairWithoutPage(t, s.web)
		ctx, base := startOn(t, s, "file")
		openAdhoc(t, ctx, base, [2]string{a, b})
		if checkMoved(t, ctx, s, "#adhoc ", a, b) == 0 {
			t.Fatalf("the comparison of %s and %s marks no row moved; the test wants a pair with some", a, b)
		}
		// Ordered by the second, as TestBrowserCompareOrder orders a
		// pair page.
		do(t, ctx, "tick 按后者次序", browsertest.Click("#adhoc-tools-order"))
		secondInOrder(t, readOrderedRows(t, ctx, "#adhoc "), eidsInOrder(t, s, b))
	})
}

// checkMoved checks the marks of moved rows in the comparison of a and
// b open in ctx (its table under scope), against the JSON API's order of
// b's sections, and returns how many rows are marked.
func checkMoved(t *testing.T, ctx context.Context, s builtSite, scope, a, b string) int {
	t.Helper()
	type row struct {
		A, B, Moved, Marker string
		N                   int
		Row                 bool // the row has the class moved
		Strip               bool // so has its entry in the overview strip, whose title says so
	}
	rows := eval[[]row](t, ctx, `(() => {
		const strip = [...document.querySelectorAll(`+fmt.Sprintf("%q", scope+".overview .ov")+`)];
		return [...document.querySelectorAll(`+fmt.Sprintf("%q", scope+".cmp-row:not(.cmp-head)")+`)].map((r, i) => {
			const x = r.querySelector(".cmp-a[id]"), y = r.querySelector(".cmp-b[id]"), h = y && y.querySelector(".cmp-h");
			return {A: x ? x.id.slice(2) : "", B: y ? y.id.slice(2) : "", N: y && y.hasAttribute("data-n") ? +y.dataset.n : -1,
				Moved: h && h.getAttribute("data-moved") || "", Marker: h ? h.querySelector(".marker").textContent : "", Row: r.classList.contains("moved"),
				Strip: !!strip[i] && strip[i].classList.contains("moved") && strip[i].title.endsWith("（次序有变）")};
		});
	})()`)
	order := eidsInOrder(t, s, b)
	place := map[string]int{}
	for i, eid := range order {
		place[eid] = i
	}
	marker := map[string]string{}
	var first []string
	counterpart := map[string]string{}
	for _, r := range rows {
		if r.B != "" {
			marker[r.B] = r.Marker
			if i, ok := place[r.B]; !ok || r.N != i {
				t.Errorf("%s × %s: b cell %s says data-n %d; it is section %d of %d", a, b, r.B, r.N, i, len(order))
			}
		}
		if r.A != "" {
			first = append(first, r.A)
			if r.B != "" {
				counterpart[r.B] = r.A
			}
		}
	}
	marked, last := 0, -1
	for _, r := range rows {
		if r.Strip != (r.Moved != "") {
			t.Errorf("%s × %s: row %q/%q says %q, its strip entry marked moved: %v", a, b, r.A, r.B, r.Moved, r.Strip)
		}
		if r.A == "" || r.B == "" {
			if r.Moved != "" || r.Row {
				t.Errorf("%s × %s: row %q/%q of one section is marked moved", a, b, r.A, r.B)
			}
			continue
		}
		if r.Moved == "" {
			if r.N <= last {
				t.Errorf("%s × %s: %s is left unmarked though it stands before %s's predecessor in the rows", a, b, r.B, order[max(last, 0)])
			}
			last = r.N
			continue
		}
		marked++
		want := "次序有变：后者以此条开头"
		if i := place[r.B]; i > 0 {
			want = "次序有变：后者中此条在「" + marker[order[i-1]] + "」之后"
		}
		if r.Moved != want || !r.Row {
			t.Errorf("%s × %s: %s reads %q (row marked %v), want %q", a, b, r.B, r.Moved, r.Row, want)
		}
	}
	if want := len(counterpart) - keptInOrder(first, order, counterpart); marked != want {
		t.Errorf("%s × %s: %d rows marked moved of %d pairs, want %d", a, b, marked, len(counterpart), want)
	}
	return marked
}

// TestBrowserCompareOrder: "按后者次序" lays a comparison's rows out in the
// second document's order, as a 新旧对照表 follows the new text, and back.
// On the 纲要 × 方案 pair page: ticked, the b sections stand in the JSON
// API's order of the 方案, each once; a row of the 纲要's alone follows the
// row it followed before; the overview strip's entries follow their rows;
// the notes of moved rows are on the 纲要's side now, each naming the
// section before it in the 纲要; the address says order=b, and opened
// again the page is so ordered; the 修订稿 saved so is as it was, and the
// 对照表 saved so has the rows as shown and says so; the chooser asked for
// the pair so ordered hands it to its page so ordered.
// Unticked, rows, strip and notes are as the page had them.
func TestBrowserCompareOrder(t *testing.T) {
	s := seedSite(t)
	ctx, base := startOn(t, s, "http")
	downloads := allowDownloads(t, ctx)
	type row = orderedRow
	read := func(scope string) []row { return readOrderedRows(t, ctx, scope) }
	inA, inB := eidsInOrder(t, s, gdID), eidsInOrder(t, s, gzID)
	bOrder := func(rows []row, want []string) { secondInOrder(t, rows, want) }

	do(t, ctx, "open 纲要 × 方案", chromedp.Navigate(base+pairGdGz))
	before := read("")
	moved := 0
	for _, r := range before {
		if r.MovedB != "" {
			moved++
		}
	}
	if moved == 0 {
		t.Fatal("no row of 纲要 × 方案 is marked moved; the test wants some")
	}
	do(t, ctx, "tick 按后者次序", browsertest.Click("#cmp-tools-order"))
	after := read("")
	bOrder(after, inB)
	if len(after) != len(before) {
		t.Fatalf("%d rows ordered by the second, %d before", len(after), len(before))
	}
	// A row of the first's alone follows the row it followed before.
	at := func(rows []row, a string) int {
		return slices.IndexFunc(rows, func(r row) bool { return r.A == a })
	}
	markerOf := map[string]string{}
	for _, r := range before {
		if r.A != "" {
			markerOf[r.A] = r.MarkerA
		}
	}
	notes := 0
	for i, r := range after {
		if !r.Strip {
			t.Errorf("ordered by the second, the strip's entry %d does not lead into row %d (%s|%s)", i+1, i+1, r.A, r.B)
		}
		if r.MovedB != "" {
			t.Errorf("ordered by the second, %s still says %q", r.B, r.MovedB)
		}
		if r.MovedA != "" {
			notes++
			k := slices.Index(inA, r.A)
			want := "次序有变：前者以此条开头"
			if k > 0 {
				want = "次序有变：前者中此条在「" + markerOf[inA[k-1]] + "」之后"
			}
			if r.MovedA != want {
				t.Errorf("ordered by the second, %s says %q, want %q", r.A, r.MovedA, want)
			}
		}
		if r.B != "" {
			continue
		}
		was := at(before, r.A)
		var prevBefore, prevAfter row
		if was > 0 {
			prevBefore = before[was-1]
		}
		if i > 0 {
			prevAfter = after[i-1]
		}
		if prevAfter != prevBefore && (prevAfter.A != prevBefore.A || prevAfter.B != prevBefore.B) {
			t.Errorf("%s, the 纲要's alone, follows %s|%s; it followed %s|%s", r.A, prevAfter.A, prevAfter.B, prevBefore.A, prevBefore.B)
		}
	}
	if notes != moved {
		t.Errorf("ordered by the second, %d rows say they moved, %d did before", notes, moved)
	}
	if loc := eval[string](t, ctx, `location.search`); loc != "?order=b" {
		t.Errorf("the address's query is %q, want ?order=b", loc)
	}
	checkRedline(t, s, gdID, gzID, pairedInJSON(t, s, gdID, gzID, false),
		openWord(t, awaitDownload(t, ctx, downloads, gdID+"--"+gzID+"-修订稿.docx", "button.redline")))
	// The 对照表 saved so has the rows as shown, and says how they go.
	table := readWordDoc(t, awaitDownload(t, ctx, downloads, gdID+"--"+gzID+".docx", "button.docx"))
	if !slices.ContainsFunc(table.lines, func(l string) bool { return strings.HasPrefix(l, "条目按后者的次序排列") }) {
		t.Errorf("the 对照表 saved in the second's order does not say so: %q", table.lines)
	}
	var saved, savedNotes []string
	for _, r := range table.rows[1:] {
		if link := r.cells[2].link; link != "" {
			saved = append(saved, strings.TrimSuffix(strings.TrimPrefix(link, s.cfg.BaseURL+"docs/"+gzID+"/"), "/"))
		}
		if r.cells[0].moved != "" {
			savedNotes = append(savedNotes, r.cells[0].moved)
		}
	}
	if !slices.Equal(saved, inB) || len(savedNotes) != moved {
		t.Errorf("the 对照表 saved in the second's order holds its sections as\n%q\nand %d notes on the first's side; want\n%q\nand %d", saved, len(savedNotes), inB, moved)
	}
	do(t, ctx, "open the page ordered by the second", chromedp.Navigate(base+pairGdGz+"?order=b"))
	if again := read(""); !slices.Equal(again, after) {
		t.Error("opened with ?order=b, the rows stand otherwise than ticked")
	}
	do(t, ctx, "untick 按后者次序", browsertest.Click("#cmp-tools-order"))
	if back := read(""); !slices.Equal(back, before) {
		t.Error("unticked, the rows, strip and notes are not as the page had them")
	}
	// The chooser hands the pair to its page in the order asked for.
	do(t, ctx, "ask the chooser for the pair so ordered", chromedp.Navigate(base+"compare/index.html?a="+gdID+"&b="+gzID+"&order=b"))
	want, loc := base+pairGdGz+"?order=b", ""
	for deadline := time.Now().Add(10 * time.Second); loc != want && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		loc, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.href : ""`))
	}
	if loc != want {
		t.Fatalf("location = %s, want %s", loc, want)
	}
	if again := read(""); !slices.Equal(again, after) {
		t.Error("handed on with ?order=b, the rows stand otherwise than ticked")
	}
}

// orderedRow is a row of a comparison as it stands: its two sections'
// eIds, the notes of a moved row on each side, the first's marker, and
// whether the overview strip's entry at its place leads into it.
type orderedRow struct {
	A, B, MovedA, MovedB, MarkerA string
	Strip                         bool
}

// readOrderedRows reads the rows of the comparison under scope (a
// selector and a space, or nothing) in the order they stand.
func readOrderedRows(t *testing.T, ctx context.Context, scope string) []orderedRow {
	t.Helper()
	return eval[[]orderedRow](t, ctx, `(() => {
		const strip = [...document.querySelectorAll(`+fmt.Sprintf("%q", scope+".overview .ov")+`)];
		return [...document.querySelectorAll(`+fmt.Sprintf("%q", scope+".cmp-row:not(.cmp-head)")+`)].map((r, i) => {
			const x = r.querySelector(".cmp-a[id]"), y = r.querySelector(".cmp-b[id]");
			const hx = x && x.querySelector(".cmp-h"), hy = y && y.querySelector(".cmp-h");
			const entry = strip[i], target = entry && document.getElementById(entry.getAttribute("href").slice(1));
			return {A: x ? x.id.slice(2) : "", B: y ? y.id.slice(2) : "",
				MovedA: hx && hx.getAttribute("data-moved") || "", MovedB: hy && hy.getAttribute("data-moved") || "",
				MarkerA: hx ? hx.querySelector(".marker").textContent : "", Strip: !!target && r.contains(target)};
		});
	})()`)
}

// eidsInOrder is document id's sections' eIds, in its order, by the
// JSON API.
func eidsInOrder(t *testing.T, s builtSite, id string) []string {
	t.Helper()
	var doc struct {
		Sections []struct {
			EID string `json:"eId"`
		}
	}
	readJSON(t, filepath.Join(s.web, "api", "docs", id+".json"), &doc)
	var out []string
	for _, sec := range doc.Sections {
		out = append(out, sec.EID)
	}
	return out
}

// secondInOrder fails t unless rows hold every section of the second
// document once, in its order (want).
func secondInOrder(t *testing.T, rows []orderedRow, want []string) {
	t.Helper()
	var got []string
	for _, r := range rows {
		if r.B != "" {
			got = append(got, r.B)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("ordered by the second, its sections stand as\n%q\nwant\n%q", got, want)
	}
}

// A later version of wordsDocA's plan: it moves 保障措施 first,
// unchanged, rewrites 主要目标, and keeps 重点任务 as it was, renumbered.
const movedDocB = `---
id: c-hou
title: 甲市质量强市实施方案
issuer: 甲市人民政府
date: "2024-05-01"
lang: zh-Hans
level: city
---

一、总体要求

（一）保障措施。加强组织领导，健全工作机制，强化督促检查，着力实现全覆盖，成效显著。

（二）主要目标。到2027年，质量强市建设取得较大成效，质量整体水平进一步提高，企业品牌竞争力显著增强。

（三）重点任务。推行首负责任制，开展双比对双提升活动，加强计量、标准、认证认可、检验检测等质量基础设施建设。
`

// TestBrowserCompareMovedSame: "只看差异" keeps a pair whose text the two
// documents share whole but hold in other orders — the move is a
// difference —, its note saying where, its text a gap mark; it hides
// the pair that is the same and in order. From a server and from disk.
func TestBrowserCompareMovedSame(t *testing.T) {
	s, err := buildSite(t.TempDir(), map[string]string{"docs/c-jia.md": wordsDocA, "docs/c-hou.md": movedDocB})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		A, B, Moved, Text string
		Same, Shown       bool
	}
	for _, mode := range []string{"http", "file"} {
		t.Run(mode, func(t *testing.T) {
			ctx, base := startOn(t, s, mode)
			do(t, ctx, "open c-hou × c-jia", chromedp.Navigate(base+"compare/c-hou--c-jia/index.html"))
			read := func() []row {
				return eval[[]row](t, ctx, `[...document.querySelectorAll(".cmp-row:not(.cmp-head)")].map(r => {
					const x = r.querySelector(".cmp-a[id]"), y = r.querySelector(".cmp-b[id]"), h = r.querySelector(".cmp-h[data-moved]");
					return {A: x ? x.id.slice(2) : "", B: y ? y.id.slice(2) : "", Moved: h ? h.dataset.moved : "",
						Same: r.classList.contains("same"), Shown: !r.hidden && r.offsetParent !== null, Text: r.innerText};
				})`)
			}
			before := read()
			// The rows follow c-hou: 一、, 保障措施, 主要目标, 重点任务; in
			// c-jia the first is last, so of the three pairs of the same
			// text or not, 保障措施's is the one out of order.
			var sameMoved, sameInOrder, differ int
			for _, r := range before {
				switch {
				case r.Same && r.Moved != "":
					sameMoved++
				case r.Same:
					sameInOrder++
				case r.A != "" && r.B != "":
					differ++
				}
			}
			if sameMoved != 1 || sameInOrder != 1 || differ < 1 {
				t.Fatalf("rows %+v: %d the same and moved, %d the same in order, %d differing; the test wants 1, 1 and some", before, sameMoved, sameInOrder, differ)
			}
			do(t, ctx, "tick 只看差异", browsertest.Click("#diffs"))
			after := read()
			shown := 0
			for i, r := range after {
				want := !r.Same || r.Moved != ""
				if r.Shown != want {
					t.Errorf("只看差异: row %d (%s | %s, same %v, %q) shown %v, want %v", i+1, r.A, r.B, r.Same, r.Moved, r.Shown, want)
				}
				if r.Shown {
					shown++
				}
				if r.Same && r.Moved != "" && r.Shown {
					if strings.Contains(r.Text, "健全工作机制") || !strings.Contains(r.Text, "⋯") {
						t.Errorf("只看差异: the moved row reads %q; want its shared text a gap mark", r.Text)
					}
					note := eval[string](t, ctx, `getComputedStyle(document.querySelector(".cmp-row.moved .cmp-h[data-moved]"), "::after").content`)
					if !strings.Contains(note, "次序有变") {
						t.Errorf("只看差异: the moved row's note reads %s", note)
					}
				}
			}
			if st := eval[string](t, ctx, `document.getElementById("cmp-status").textContent`); !strings.Contains(st, fmt.Sprintf("显示 %d / %d 行", shown, len(after))) {
				t.Errorf("只看差异: the status reads %q, want 显示 %d / %d 行", st, shown, len(after))
			}
		})
	}
}
