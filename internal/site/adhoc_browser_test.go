package site_test

// Browser tests of the comparison the chooser computes in the browser for
// two documents that have no pair page: compare/index.html?a=…&b=… reads
// both documents from the search index's text shards, pairs their
// sections and marks the passages they share, as align.SharedPassages
// does, over HTTP and from the unzipped offline bundle.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/align"
	"tiaowen/internal/browsertest"
	"tiaowen/internal/hanconv"
	"tiaowen/internal/textnorm"
)

// TestBrowserAdhocPair: in a corpus of 40 documents, each compared with
// its most similar ones only, choosing two documents without a pair page
// leads to compare/index.html?a=…&b=…, which shows every section of both,
// each once on its side, with its text as written, and marks on both sides
// of a row exactly the passages align.SharedPassages finds in the two
// sections. A pair with a page goes to that page; an unknown id says so.
func TestBrowserAdhocPair(t *testing.T) {
	s := syntheticBundle40(t)
	docs := map[string]*apiDoc{}
	doc := func(t *testing.T, id string) *apiDoc {
		t.Helper()
		if d, ok := docs[id]; ok {
			return d
		}
		d := readAPIDoc(t, s.web, id)
		docs[id] = d
		return d
	}
	ids, index := pairIndex(t, s.web)
	// The pairs without a page, in the chooser's order, led by those
	// whose documents have two sections that are mostly one passage:
	// those two are paired, and their row has passages to check.
	var sure, rest [][2]string
	var withPage [2]string
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			lo, hi := min(ids[i], ids[j]), max(ids[i], ids[j])
			if slices.Contains(index[i], j) {
				if withPage[0] == "" {
					withPage = [2]string{lo, hi}
				}
				continue
			}
			if len(sure) < 3 && len(sure)+len(rest) < 60 && mostlyShared(doc(t, lo), doc(t, hi)) {
				sure = append(sure, [2]string{lo, hi})
			} else {
				rest = append(rest, [2]string{lo, hi})
			}
		}
	}
	candidates := append(sure, rest...)
	if len(sure) == 0 || withPage[0] == "" {
		t.Fatalf("in %d documents, no pair without a page whose documents share a passage (%d pairs without a page), or none with a page (%v)", len(ids), len(candidates), withPage)
	}

	for _, mode := range []string{"http", "file"} {
		dir, base := s.web, ""
		start := func(t *testing.T) context.Context {
			ctx := browsertest.Start(t)
			if mode == "http" {
				base = browsertest.Serve(t, s.web)
			} else {
				dir, base = s.bundle, browsertest.FileURL(s.bundle)+"/"
			}
			problems := browsertest.RecordProblems(t, ctx)
			t.Cleanup(func() { problems.Check(t) })
			return ctx
		}
		t.Run(mode+"/chosen", func(t *testing.T) {
			ctx := start(t)
			// The chooser, given the two the wrong way round, puts them
			// right in the address.
			first := candidates[0]
			do(t, ctx, "open the chooser", chromedp.Navigate(base+"compare/index.html"))
			do(t, ctx, "choose "+first[1]+" and "+first[0],
				chromedp.SetValue(chromedp.CSS(`#chooser select[name="a"]`), first[1]),
				chromedp.SetValue(chromedp.CSS(`#chooser select[name="b"]`), first[0]))
			do(t, ctx, "submit two documents without a pair page", browsertest.Follow(chromedp.Click(chromedp.CSS(`#chooser button[type="submit"]`))))
			wantLocation(t, ctx, base+"compare/index.html?a="+first[0]+"&b="+first[1])
			passages := 0
			for n, p := range candidates {
				if n > 0 {
					do(t, ctx, "open the comparison of "+p[0]+" and "+p[1], chromedp.Navigate(base+"compare/index.html?a="+p[0]+"&b="+p[1]))
				}
				if !waitAdhoc(t, ctx, "done") {
					t.FailNow()
				}
				passages = checkAdhoc(t, ctx, dir, doc(t, p[0]), doc(t, p[1]))
				if passages > 0 || t.Failed() || n == 2 {
					break
				}
				t.Logf("no row of %s × %s has a shared passage; trying another pair", p[0], p[1])
			}
			// The window's title names the two, as a pair page's does.
			a, b := doc(t, candidates[0][0]), doc(t, candidates[0][1])
			do(t, ctx, "open the first comparison again", chromedp.Navigate(base+"compare/index.html?a="+a.ID+"&b="+b.ID))
			waitAdhoc(t, ctx, "done")
			if got, want := eval[string](t, ctx, `document.title`), a.Title+" × "+b.Title+" · "+s.cfg.Title; got != want {
				t.Errorf("the comparison's title is %q, want %q", got, want)
			}
			// An address that names a row opens at that row: the last
			// of B's sections, far down the page.
			row := "b-" + b.Sections[len(b.Sections)-1].EID
			do(t, ctx, "leave the page, so that the next is loaded anew", chromedp.Navigate("about:blank"))
			do(t, ctx, "open the comparison at #"+row, chromedp.Navigate(base+"compare/index.html?a="+a.ID+"&b="+b.ID+"#"+row))
			waitAdhoc(t, ctx, "done")
			wantInViewport(t, ctx, row)
			// The comparison is the page: the lists of pairs are left out.
			for _, h := range []string{"closest-h", "pairs-h"} {
				if eval[bool](t, ctx, visibleJS(h)) {
					t.Errorf("#%s shows under the comparison", h)
				}
			}
			if passages == 0 && !t.Failed() {
				t.Errorf("no row of the first three pairs without a page has a shared passage, though %s and %s have sections that are mostly one passage", sure[0][0], sure[0][1])
			}
		})
		t.Run(mode+"/themes", func(t *testing.T) {
			ctx := start(t)
			p := candidates[0]
			openAdhoc(t, ctx, base, p)
			checkAdhocThemes(t, ctx, doc(t, p[0]), doc(t, p[1]))
		})
		t.Run(mode+"/phone", func(t *testing.T) {
			// On a phone's screen the comparison, a page of its own kind,
			// scrolls only down, and its controls keep inside the margins,
			// as TestBrowserPhone asks of every page the build writes.
			ctx := start(t)
			p := candidates[0]
			do(t, ctx, "take a phone's screen", chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile, chromedp.EmulatePortrait))
			openAdhoc(t, ctx, base, p)
			if w := eval[float64](t, ctx, `document.documentElement.scrollWidth`); w > phoneWidth {
				t.Errorf("the comparison is %.0f px wide on a %d px phone: it scrolls sideways", w, phoneWidth)
			}
			if out := eval[[]string](t, ctx, controlsOutside); len(out) > 0 {
				t.Errorf("controls reach past the page's margins: %v", out)
			}
		})
		t.Run(mode+"/print", func(t *testing.T) {
			// Printed, the comparison is all the page holds, side by
			// side on landscape pages, as a pair page prints.
			ctx := start(t)
			p := candidates[0]
			openAdhoc(t, ctx, base, p)
			checkPrintsLandscape(t, ctx)
			printMedia(t, ctx)
			do(t, ctx, "a portrait page's width", chromedp.EmulateViewport(650, 900))
			if n := eval[int](t, ctx, `getComputedStyle(document.querySelector("#adhoc .cmp-row:not(.cmp-head)")).gridTemplateColumns.split(" ").length`); n != 3 {
				t.Errorf("a printed row has %d columns, want the two documents and the score", n)
			}
			printed := eval[[]string](t, ctx, `[...document.querySelectorAll("main > *, #adhoc > *")].filter(e => e.getClientRects().length > 0).map(e => e.id || e.className)`)
			want := []string{"adhoc", "adhoc-h", "adhoc-meta", "adhoc-note", "cmp-layout"}
			if !slices.Equal(printed, want) {
				t.Errorf("the printed comparison shows %v, want %v", printed, want)
			}
		})
		t.Run(mode+"/with-page", func(t *testing.T) {
			ctx := start(t)
			do(t, ctx, "open the comparison of "+withPage[0]+" and "+withPage[1], chromedp.Navigate(base+"compare/index.html?a="+withPage[0]+"&b="+withPage[1]))
			want := base + "compare/" + withPage[0] + "--" + withPage[1] + "/index.html"
			var loc string
			for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
				// The page is replaced under the query: it may be between
				// documents.
				if l, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.href : ""`)); err == nil && l != "" {
					if loc = l; loc == want {
						break
					}
				}
			}
			if loc != want {
				t.Fatalf("location = %s, want the pair page %s", loc, want)
			}
			if n := eval[int](t, ctx, `document.querySelectorAll(".cmp-row:not(.cmp-head)").length`); n == 0 {
				t.Error("the pair page shows no rows")
			}
		})
		t.Run(mode+"/unknown", func(t *testing.T) {
			ctx := start(t)
			a := ids[0]
			do(t, ctx, "open the comparison of "+a+" and a document that is not there", chromedp.Navigate(base+"compare/index.html?a="+a+"&b=zz-no-such-document"))
			waitAdhoc(t, ctx, "error")
			if note := eval[string](t, ctx, `(document.getElementById("adhoc-note") || {}).textContent || ""`); !strings.Contains(note, "找不到") {
				t.Errorf("#adhoc-note reads %q, want it to say 找不到", note)
			}
			if shown := eval[bool](t, ctx, `(() => { const e = document.getElementById("adhoc"); return !!e && !e.hidden && getComputedStyle(e).display !== "none"; })()`); !shown {
				t.Error("#adhoc is not shown")
			}
		})
	}
}

// startOn starts Chromium for the site s served over HTTP (mode "http")
// or as its unzipped bundle from disk ("file"), and returns it with the
// site's base URL; the test fails at its end if a page reported an error.
func startOn(t *testing.T, s builtSite, mode string) (context.Context, string) {
	ctx := browsertest.Start(t)
	base := browsertest.FileURL(s.bundle) + "/"
	if mode == "http" {
		base = browsertest.Serve(t, s.web)
	}
	problems := browsertest.RecordProblems(t, ctx)
	t.Cleanup(func() { problems.Check(t) })
	return ctx, base
}

// openAdhoc opens the in-browser comparison of the pair p on the site at
// base and waits until it is drawn, failing t now if it is not.
func openAdhoc(t *testing.T, ctx context.Context, base string, p [2]string) {
	t.Helper()
	do(t, ctx, "open the comparison of "+p[0]+" and "+p[1], chromedp.Navigate(base+"compare/index.html?a="+p[0]+"&b="+p[1]))
	if !waitAdhoc(t, ctx, "done") {
		t.FailNow()
	}
}

// synthetic40 is a site of 40 generated documents with its unzipped
// offline bundle, built once for the tests that read it.
var synthetic40 sharedSite

// syntheticBundle40 returns synthetic40, building it on first use: 40
// documents from bench/gencorpus with the seed themes and settings, more
// than the 30 of which the build compares every pair.
func syntheticBundle40(t *testing.T) builtSite {
	t.Helper()
	return synthetic40.get(t, "synthetic site", func(root string) (builtSite, error) {
		content, err := generateContent(root, 40, "")
		if err != nil {
			return builtSite{}, err
		}
		return bundleSite(root, content)
	})
}

// apiDoc is what the tests read of /api/docs/<id>.json.
type apiDoc struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Lang     string `json:"lang"`
	Sections []struct {
		EID    string   `json:"eId"`
		Text   string   `json:"text"`
		Themes []string `json:"themes"`
	} `json:"sections"`
}

func readAPIDoc(t *testing.T, dir, id string) *apiDoc {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "api", "docs", id+".json"))
	if err != nil {
		t.Fatal(err)
	}
	d := new(apiDoc)
	if err := json.Unmarshal(data, d); err != nil {
		t.Fatalf("api/docs/%s.json: %v", id, err)
	}
	if len(d.Sections) == 0 {
		t.Fatalf("api/docs/%s.json has no sections", id)
	}
	return d
}

// pairIndex reads the chooser's documents and its index of the pairs with
// a page, as the page gives them to its script.
func pairIndex(t *testing.T, dir string) ([]string, [][]int) {
	t.Helper()
	page, err := os.ReadFile(filepath.Join(dir, "compare", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	sel := regexp.MustCompile(`(?s)<select name="a"[^>]*>(.*?)</select>`).FindSubmatch(page)
	idx := regexp.MustCompile(`(?s)<script type="application/json" id="pair-index">(.*?)</script>`).FindSubmatch(page)
	if sel == nil || idx == nil {
		t.Fatal("compare/index.html has no select of documents or no #pair-index")
	}
	var ids []string
	for _, m := range regexp.MustCompile(`<option value="([^"]*)"`).FindAllSubmatch(sel[1], -1) {
		ids = append(ids, string(m[1]))
	}
	var index [][]int
	if err := json.Unmarshal(idx[1], &index); err != nil {
		t.Fatalf("#pair-index: %v", err)
	}
	if len(ids) < 3 || len(index) != len(ids) {
		t.Fatalf("the chooser offers %d documents, with an index of %d", len(ids), len(index))
	}
	return ids, index
}

// mostlyShared reports whether a section of a and one of b are mostly
// (three quarters or more of each) passages the two have in common.
func mostlyShared(a, b *apiDoc) bool {
	for _, sa := range a.Sections {
		na := len([]rune(sa.Text))
		if na < 40 {
			continue
		}
		for _, sb := range b.Sections {
			nb := len([]rune(sb.Text))
			if nb < 40 {
				continue
			}
			ca, cb := 0, 0
			for _, p := range align.SharedPassages(sa.Text, sb.Text) {
				ca += p.A[1] - p.A[0]
				cb += p.B[1] - p.B[0]
			}
			if 4*ca >= 3*na && 4*cb >= 3*nb {
				return true
			}
		}
	}
	return false
}

// waitAdhoc waits, for up to 20 seconds, until #adhoc's data-state is no
// longer "loading", and reports whether it is then want.
func waitAdhoc(t *testing.T, ctx context.Context, want string) bool {
	t.Helper()
	const expr = `(() => { const e = document.getElementById("adhoc"); return e ? String(e.getAttribute("data-state")) : "(no #adhoc)"; })()`
	var got string
	var err error
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		got, err = chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err == nil && got != "loading" && got != "(no #adhoc)" && got != "null" {
			break
		}
	}
	if err != nil {
		t.Errorf("#adhoc[data-state]: %v", err)
		return false
	}
	if got != want {
		note, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById("adhoc-note") || {}).textContent || ""`))
		t.Errorf("#adhoc[data-state] = %q, want %q (#adhoc-note: %q)", got, want, note)
		return false
	}
	return true
}

// adhocCell is one side of a row of the comparison, as the page shows it.
type adhocCell struct {
	ID    string // the cell's id
	Href  string // its a.cmp-h's href
	None  string // the text of its p.none, if it has no section
	Paras int
	Text  string // its paragraphs' text, joined by "\n"
	Marks []struct {
		K    string
		Text string
		InP  bool
	}
}

type adhocRow struct {
	Class string
	A, B  *adhocCell
	Score bool
}

// checkAdhoc checks the comparison the page shows of documents a and b
// against the site's files in dir, and returns how many shared passages
// its rows have.
func checkAdhoc(t *testing.T, ctx context.Context, dir string, a, b *apiDoc) int {
	t.Helper()
	if shown := eval[bool](t, ctx, `(() => { const e = document.getElementById("adhoc"); return !e.hidden && getComputedStyle(e).display !== "none"; })()`); !shown {
		t.Error("#adhoc is not shown")
	}
	if h := eval[string](t, ctx, `(document.getElementById("adhoc-h") || {}).textContent || ""`); !strings.Contains(h, a.Title) || !strings.Contains(h, b.Title) {
		t.Errorf("#adhoc-h reads %q, want both titles, %q and %q", h, a.Title, b.Title)
	}
	note := eval[string](t, ctx, `(document.getElementById("adhoc-note") || {}).textContent || ""`)
	if !strings.Contains(note, "浏览器") {
		t.Errorf("#adhoc-note reads %q, want it to say that the comparison is computed in the browser (浏览器)", note)
	}
	if !regexp.MustCompile(`占前者文字的 ?[^、]*\d[^、]*%、后者的 ?[^。；，]*\d[^。；，]*%`).MatchString(note) {
		t.Errorf("#adhoc-note reads %q, want 占前者文字的 X%%、后者的 Y%%", note)
	}
	matched := -1
	if m := regexp.MustCompile(`(\d+) ?对相互对应的条目`).FindStringSubmatch(note); m != nil {
		matched, _ = strconv.Atoi(m[1])
	} else {
		t.Errorf("#adhoc-note reads %q, want N 对相互对应的条目", note)
	}

	// The links to a's pair pages.
	more := eval[[]string](t, ctx, `[...document.querySelectorAll("#adhoc-more a")].map(a => a.getAttribute("href"))`)
	for _, href := range more {
		if st, err := os.Stat(filepath.Join(dir, "compare", filepath.FromSlash(href))); err != nil || st.IsDir() || !strings.Contains(href, a.ID) || !strings.HasSuffix(href, "/index.html") {
			t.Errorf("#adhoc-more links to %q, not a pair page of %s relative to compare/ (%v)", href, a.ID, err)
		}
	}

	if heads := eval[[]bool](t, ctx, `[...document.querySelectorAll("#adhoc .cmp .cmp-row")].map(r => r.classList.contains("cmp-head"))`); len(heads) == 0 || !heads[0] || slices.Contains(heads[1:], true) {
		t.Errorf("#adhoc .cmp's rows: %d, the first a .cmp-head: %v, other heads among them: %v; want a header row first, and no other", len(heads), len(heads) > 0 && heads[0], len(heads) > 1 && slices.Contains(heads[1:], true))
	}
	rows := eval[[]adhocRow](t, ctx, `(() => {
		const cell = c => {
			if (!c) return null;
			const none = c.querySelector("p.none");
			const ps = [...c.querySelectorAll("p")].filter(p => !p.classList.contains("none") && !p.querySelector(".cmp-h") && !p.closest(".cmp-h"));
			const h = c.querySelector("a.cmp-h");
			return {ID: c.id, Href: h ? h.getAttribute("href") : "", None: none ? none.textContent : "",
				Paras: ps.length, Text: ps.map(p => p.textContent).join("\n"),
				Marks: [...c.querySelectorAll("mark.sh")].map(m => ({K: String(m.getAttribute("data-k")), Text: m.textContent, InP: !!m.closest("p")}))};
		};
		return [...document.querySelectorAll("#adhoc .cmp .cmp-row:not(.cmp-head)")].map(r => ({Class: r.className,
			A: cell(r.querySelector(".cmp-a")), B: cell(r.querySelector(".cmp-b")), Score: !!r.querySelector(".score")}));
	})()`)
	if len(rows) == 0 {
		t.Fatal("#adhoc .cmp has no rows")
	}

	secs := func(d *apiDoc) map[string]string {
		m := make(map[string]string, len(d.Sections))
		for _, s := range d.Sections {
			m[s.EID] = s.Text
		}
		return m
	}
	textA, textB := secs(a), secs(b)
	var orderA []string
	seenB := map[string]int{}
	both, passages := 0, 0
	// Past a few dozen, a mistake made in every row says no more.
	errs := 0
	errorf := func(format string, args ...any) {
		t.Helper()
		if errs++; errs <= 30 {
			t.Errorf(format, args...)
		} else if errs == 31 {
			t.Error("… and more errors left out")
		} else {
			t.Fail()
		}
	}
	// side checks one side's cell of row r, and returns the section's
	// id, or "" when the side has none.
	side := func(r int, name string, c *adhocCell, d *apiDoc, texts map[string]string) string {
		if c == nil {
			errorf("row %d has no .cmp-%s cell", r, name)
			return ""
		}
		if c.None != "" {
			if c.None != "（无对应条目）" {
				errorf("row %d: the empty %s side reads %q, want （无对应条目）", r, name, c.None)
			}
			if len(c.Marks) > 0 {
				errorf("row %d: the empty %s side has %d marks", r, name, len(c.Marks))
			}
			return ""
		}
		eid, ok := strings.CutPrefix(c.ID, name+"-")
		text, known := texts[eid]
		if !ok || !known {
			errorf("row %d: the %s side's cell has id %q, not %s-<a section of %s>", r, name, c.ID, name, d.ID)
			return ""
		}
		if want := "../docs/" + d.ID + "/" + eid + "/index.html"; c.Href != want {
			errorf("row %d, %s: a.cmp-h has href %q, want %q", r, c.ID, c.Href, want)
		} else if _, err := os.Stat(filepath.Join(dir, "docs", d.ID, eid, "index.html")); err != nil {
			errorf("row %d, %s: the section page: %v", r, c.ID, err)
		}
		if c.Text != text {
			errorf("row %d, %s: the text reads\n%q\nwant the section's\n%q", r, c.ID, c.Text, text)
		}
		for _, m := range c.Marks {
			if !m.InP {
				errorf("row %d, %s: mark %q (data-k %s) is outside the paragraphs", r, c.ID, m.Text, m.K)
			}
		}
		return eid
	}
	for r, row := range rows {
		ea := side(r, "a", row.A, a, textA)
		eb := side(r, "b", row.B, b, textB)
		if ea != "" {
			orderA = append(orderA, ea)
		}
		if eb != "" {
			seenB[eb]++
		}
		classes := strings.Fields(row.Class)
		switch {
		case ea == "" && eb == "":
			errorf("row %d has neither a section of %s nor one of %s", r, a.ID, b.ID)
		case eb == "" && !slices.Contains(classes, "only-a"), ea == "" && !slices.Contains(classes, "only-b"):
			errorf("row %d (%s | %s): class %q, want only-a or only-b for the side alone", r, ea, eb, row.Class)
		case ea != "" && eb != "" && (slices.Contains(classes, "only-a") || slices.Contains(classes, "only-b")):
			errorf("row %d (%s | %s): class %q, though both sides have a section", r, ea, eb, row.Class)
		}
		if !row.Score {
			errorf("row %d (%s | %s) has no .score cell", r, ea, eb)
		}
		if ea != "" && eb != "" {
			both++
			passages += checkPassages(errorf, fmt.Sprintf("row %d (a-%s | b-%s)", r, ea, eb), textA[ea], textB[eb], row.A, row.B)
		}
	}
	if !slices.Equal(orderA, sectionIDs(a)) {
		t.Errorf("the a side shows the sections\n%v\nwant each of %s's once, in order:\n%v", orderA, a.ID, sectionIDs(a))
	}
	for _, eid := range sectionIDs(b) {
		if n := seenB[eid]; n != 1 {
			t.Errorf("the b side shows %s's section %s %d times, want once", b.ID, eid, n)
		}
		delete(seenB, eid)
	}
	if matched >= 0 && matched != both {
		t.Errorf("#adhoc-note says %d pairs of sections correspond, but %d rows have both sides", matched, both)
	}
	return passages
}

// checkPassages checks the marks of a row's two cells against
// align.SharedPassages of the sections' texts, and returns how many
// passages it found.
func checkPassages(errorf func(string, ...any), row, textA, textB string, ca, cb *adhocCell) int {
	want := align.SharedPassages(textA, textB)
	ra, rb := []rune(textA), []rune(textB)
	cut := func(r []rune, span [2]int) string {
		return strings.ReplaceAll(string(r[span[0]:span[1]]), "\n", "")
	}
	group := func(name string, c *adhocCell, inOrder bool) map[int]string {
		got := map[int]string{}
		last := -1
		for _, m := range c.Marks {
			k, err := strconv.Atoi(m.K)
			if err != nil || k < 0 {
				errorf("%s: a mark on the %s side has data-k %q", row, name, m.K)
				continue
			}
			if inOrder && k < last {
				errorf("%s: on the a side passage %d comes after passage %d; they are numbered in the order of the a side's text", row, k, last)
			}
			last = max(last, k)
			got[k] += m.Text
		}
		return got
	}
	gotA, gotB := group("a", ca, true), group("b", cb, false)
	if len(gotA) != len(want) || len(gotB) != len(want) {
		var ws []string
		for _, p := range want {
			ws = append(ws, cut(ra, p.A))
		}
		errorf("%s: %d passages marked on the a side, %d on the b side; align.SharedPassages finds %d:\n%q\nmarked on a: %q\nmarked on b: %q", row, len(gotA), len(gotB), len(want), ws, gotA, gotB)
		return len(want)
	}
	for k, p := range want {
		if w := cut(ra, p.A); gotA[k] != w {
			errorf("%s: passage %d reads on the a side\n%q\nwant\n%q", row, k, gotA[k], w)
		}
		if w := cut(rb, p.B); gotB[k] != w {
			errorf("%s: passage %d reads on the b side\n%q\nwant\n%q", row, k, gotB[k], w)
		}
	}
	return len(want)
}

func sectionIDs(d *apiDoc) []string {
	ids := make([]string, len(d.Sections))
	for i, s := range d.Sections {
		ids[i] = s.EID
	}
	return ids
}

// TestBrowserAdhocAgrees: the pairing computed in the browser is the
// build's. On the seed site, whose ten pairs all have a page, and on
// pairs with a page of the 40 generated documents, the page's script
// aligns each pair as it would one without a page, and its pairs of
// sections and their scores (as percentages) are compared with the
// build's /api/compare/<a>--<b>.json.
func TestBrowserAdhocAgrees(t *testing.T) {
	for _, c := range []struct {
		name  string
		site  func(*testing.T) builtSite
		pairs int // how many pairs to compare, in the order of their files
	}{
		{"seeds", seedSite, 10},
		{"generated", syntheticBundle40, 60},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := c.site(t)
			ctx := browsertest.Start(t)
			base := browsertest.Serve(t, s.web)
			problems := browsertest.RecordProblems(t, ctx)
			defer problems.Check(t)
			do(t, ctx, "open the chooser", chromedp.Navigate(base+"compare/index.html"))
			entries, err := os.ReadDir(filepath.Join(s.web, "api", "compare"))
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) < c.pairs {
				t.Fatalf("%d pairs with a page, want at least %d", len(entries), c.pairs)
			}
			rows := 0
			for _, e := range entries[:c.pairs] {
				rows += checkAdhocAgrees(t, ctx, filepath.Join(s.web, "api", "compare", e.Name()))
			}
			t.Logf("%d pairs of documents, %d pairs of sections, the same in the browser as in the build", c.pairs, rows)
		})
	}
}

// checkAdhocAgrees aligns in the open chooser page the pair of the
// build's alignment in file, and fails t unless the pairs of sections
// and their scores are the build's. It returns how many pairs there are.
func checkAdhocAgrees(t *testing.T, ctx context.Context, file string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var al align.Alignment
	if err := json.Unmarshal(data, &al); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var built []string
	for _, p := range al.Pairs {
		built = append(built, fmt.Sprintf("%s %s %d%%", p.A, p.B, int(p.Score*100+0.5)))
	}
	live, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(async () => {
		const v = document.getElementById("adhoc");
		await window.tiaowenLiveCompare(v, `+strconv.Quote(al.A)+`, `+strconv.Quote(al.B)+`, () => []);
		if (v.dataset.state !== "done") throw new Error(document.getElementById("adhoc-note").textContent);
		return [...v.querySelectorAll(".cmp-row")].filter(r => r.querySelector(".cmp-a[id]") && r.querySelector(".cmp-b[id]"))
			.map(r => r.querySelector(".cmp-a").id.slice(2) + " " + r.querySelector(".cmp-b").id.slice(2) + " " + r.querySelector(".score").textContent);
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s × %s in the browser: %v", al.A, al.B, err)
	}
	// The build lists pairs in the order of A's sections, as the rows
	// are; sorted all the same, so that a difference shows as one.
	slices.Sort(built)
	slices.Sort(live)
	if !slices.Equal(live, built) {
		for _, p := range live {
			if !slices.Contains(built, p) {
				t.Errorf("%s × %s: paired in the browser only: %s", al.A, al.B, p)
			}
		}
		for _, p := range built {
			if !slices.Contains(live, p) {
				t.Errorf("%s × %s: paired in the build only: %s", al.A, al.B, p)
			}
		}
	}
	return len(built)
}

// TestBrowserAdhocTools: the comparison computed in the browser has the
// tools of a pair page. Once it is drawn, the bar shows; a row is marked
// same exactly where the build's rows() would set Same — each side wholly
// in the passages align.SharedPassages finds, or both short and equal once
// normalised; "只看差异" hides those rows, shows a gap after each shared
// passage and says how many rows are shown, and unticked puts everything
// back; the 繁→简 toggle shows only when a document is in 繁體, folds the
// first such side's text as hanconv converts it and names its
// cells zh-Hans, and unticked restores the text exactly. Until the
// comparison is drawn (an unknown document, say) the bar does not show.
func TestBrowserAdhocTools(t *testing.T) {
	s := syntheticBundle40(t)
	ids, index := pairIndex(t, s.web)
	docs := make(map[string]*apiDoc, len(ids))
	keys := make(map[string]map[string]bool, len(ids))
	hant := 0
	for _, id := range ids {
		d := readAPIDoc(t, s.web, id)
		docs[id] = d
		if d.Lang == "zh-Hant" {
			hant++
		} else if d.Lang != "zh-Hans" {
			t.Errorf("api/docs/%s.json: lang %q, want zh-Hans or zh-Hant", id, d.Lang)
		}
		keys[id] = map[string]bool{}
		for _, sec := range d.Sections {
			if k := textnorm.Key(sec.Text); k != "" {
				keys[id][k] = true
			}
		}
	}
	t.Logf("%d of the %d documents are in zh-Hant", hant, len(ids))

	// The pairs without a page, those with a document in 繁體 and with
	// sections equal once normalised (which the page should mark same)
	// first; and the first of each combination of scripts, for the
	// toggle.
	type candidate struct {
		a, b  *apiDoc
		hant  int // documents in zh-Hant
		equal int // sections of a whose text, normalised, is one of b's
	}
	var candidates []candidate
	byScripts := map[[2]string]candidate{}
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			if slices.Contains(index[i], j) {
				continue
			}
			c := candidate{a: docs[min(ids[i], ids[j])], b: docs[max(ids[i], ids[j])]}
			for _, d := range []*apiDoc{c.a, c.b} {
				if d.Lang == "zh-Hant" {
					c.hant++
				}
			}
			for k := range keys[c.a.ID] {
				if keys[c.b.ID][k] {
					c.equal++
				}
			}
			candidates = append(candidates, c)
			if _, ok := byScripts[[2]string{c.a.Lang, c.b.Lang}]; !ok {
				byScripts[[2]string{c.a.Lang, c.b.Lang}] = c
			}
		}
	}
	// The synthetic corpus draws its documents in 繁體 from a pool of
	// their own, so such a document shares whole sections only with
	// another in 繁體, and those, the most alike, have a page: the rows
	// marked same are then seen in a pair in 简体.
	rank := func(c candidate) []int {
		return []int{-min(c.equal, 1), -min(c.hant, 1), -c.equal}
	}
	slices.SortStableFunc(candidates, func(x, y candidate) int { return slices.Compare(rank(x), rank(y)) })
	if len(candidates) == 0 {
		t.Fatal("every pair of the 40 documents has a page")
	}
	if candidates[0].equal == 0 {
		t.Errorf("no pair without a page (of %d) has sections equal once normalised", len(candidates))
	}
	if _, ok := byScripts[[2]string{"zh-Hans", "zh-Hant"}]; !ok {
		if _, ok := byScripts[[2]string{"zh-Hant", "zh-Hans"}]; !ok {
			t.Logf("no pair without a page has one document in zh-Hant and one in zh-Hans")
		}
	}
	var scripts [][2]string
	for k := range byScripts {
		scripts = append(scripts, k)
	}
	slices.SortFunc(scripts, func(x, y [2]string) int { return strings.Compare(x[0]+x[1], y[0]+y[1]) })

	for _, mode := range []string{"http", "file"} {
		start := func(t *testing.T) (context.Context, string) { return startOn(t, s, mode) }
		open := func(t *testing.T, ctx context.Context, base string, a, b *apiDoc) bool {
			t.Helper()
			do(t, ctx, "open the comparison of "+a.ID+" ("+a.Lang+") and "+b.ID+" ("+b.Lang+")",
				chromedp.Navigate(base+"compare/index.html?a="+a.ID+"&b="+b.ID))
			return waitAdhoc(t, ctx, "done")
		}
		t.Run(mode+"/same-and-diffs", func(t *testing.T) {
			ctx, base := start(t)
			var c candidate
			var rows []adhocToolRow
			var same []bool
			for n, cand := range candidates[:min(3, len(candidates))] {
				if !open(t, ctx, base, cand.a, cand.b) {
					t.FailNow()
				}
				c, rows = cand, readToolRows(t, ctx)
				same = wantSame(t, rows, c.a, c.b)
				if slices.Contains(same, true) || cand.equal == 0 {
					break
				}
				if n < 2 {
					t.Logf("%s × %s: no row is the same, though %d sections are equal once normalised; trying another pair", c.a.ID, c.b.ID, c.equal)
				} else {
					t.Errorf("no row of the first three pairs without a page and with sections equal once normalised is the same by rows()' rule; the last, %s × %s, has %d such sections", c.a.ID, c.b.ID, c.equal)
				}
			}
			t.Logf("%s (%s) × %s (%s): %d rows, %d the same", c.a.ID, c.a.Lang, c.b.ID, c.b.Lang, len(rows), trues(same))
			if !eval[bool](t, ctx, visibleJS("adhoc-tools")) {
				t.Error("#adhoc-tools is not shown once the comparison is drawn")
			}
			for r, row := range rows {
				if row.Same != same[r] {
					t.Errorf("row %d (%s | %s): class %q; rows() would set Same = %v", r, row.A, row.B, row.Class, same[r])
				}
			}
			checkAdhocDiffs(t, ctx, same)
			checkAdhocDiffs(t, ctx, same) // a second time: nothing doubled
			checkAdhocFold(t, ctx, c.a, c.b)
		})
		t.Run(mode+"/fold", func(t *testing.T) {
			ctx, base := start(t)
			for _, k := range scripts {
				c := byScripts[k]
				if !open(t, ctx, base, c.a, c.b) {
					continue
				}
				if !eval[bool](t, ctx, visibleJS("adhoc-tools")) {
					t.Errorf("%s × %s: #adhoc-tools is not shown once the comparison is drawn", c.a.ID, c.b.ID)
				}
				rows := readToolRows(t, ctx)
				for r, same := range wantSame(t, rows, c.a, c.b) {
					if rows[r].Same != same {
						t.Errorf("%s × %s: row %d (%s | %s): class %q; rows() would set Same = %v", c.a.ID, c.b.ID, r, rows[r].A, rows[r].B, rows[r].Class, same)
					}
				}
				checkAdhocFold(t, ctx, c.a, c.b)
			}
		})
		t.Run(mode+"/error", func(t *testing.T) {
			ctx, base := start(t)
			do(t, ctx, "open the comparison of "+ids[0]+" and a document that is not there",
				chromedp.Navigate(base+"compare/index.html?a="+ids[0]+"&b=zz-no-such-document"))
			waitAdhoc(t, ctx, "error")
			if eval[bool](t, ctx, visibleJS("adhoc-tools")) {
				t.Error("#adhoc-tools shows though there is no comparison")
			}
			// Hidden, and not laid out either: a style may override the
			// attribute.
			if eval[bool](t, ctx, `(() => { const e = document.getElementById("adhoc-tools"); return !!e && e.getClientRects().length > 0; })()`) {
				t.Errorf("#adhoc-tools is laid out (display %s) though there is no comparison", eval[string](t, ctx, `getComputedStyle(document.getElementById("adhoc-tools")).display`))
			}
		})
	}
}

// visibleJS is an expression that says whether the element with the id
// is shown: not hidden, and laid out.
func visibleJS(id string) string {
	return `(() => { const e = document.getElementById("` + id + `"); return !!e && !e.hidden && !e.closest("[hidden]") && e.getClientRects().length > 0; })()`
}

func trues(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// adhocToolRow is a row of the comparison, as the tools see it.
type adhocToolRow struct {
	A, B   string // the cells' section ids, "" for a side without one
	Class  string
	Same   bool // has class same
	Hidden bool // the hidden property
	Shown  bool // laid out
}

func readToolRows(t *testing.T, ctx context.Context) []adhocToolRow {
	t.Helper()
	rows := eval[[]adhocToolRow](t, ctx, `[...document.querySelectorAll("#adhoc .cmp .cmp-row:not(.cmp-head)")].map(r => {
		const id = (side) => { const c = r.querySelector(".cmp-" + side); return c && c.id ? c.id.slice(2) : ""; };
		return {A: id("a"), B: id("b"), Class: r.className, Same: r.classList.contains("same"), Hidden: r.hidden, Shown: r.getClientRects().length > 0};
	})`)
	if len(rows) == 0 {
		t.Fatal("#adhoc .cmp has no rows")
	}
	return rows
}

// wantSame says, for each row, whether the build's rows() would set Same
// for its two sections.
func wantSame(t *testing.T, rows []adhocToolRow, a, b *apiDoc) []bool {
	t.Helper()
	text := func(d *apiDoc, eid string) (string, bool) {
		for _, s := range d.Sections {
			if s.EID == eid {
				return s.Text, true
			}
		}
		return "", false
	}
	same := make([]bool, len(rows))
	for r, row := range rows {
		if row.A == "" || row.B == "" {
			continue
		}
		ta, okA := text(a, row.A)
		tb, okB := text(b, row.B)
		if !okA || !okB {
			t.Errorf("row %d: cells a-%s and b-%s, not sections of %s and %s", r, row.A, row.B, a.ID, b.ID)
			continue
		}
		var as, bs [][2]int
		for _, p := range align.SharedPassages(ta, tb) {
			as = append(as, p.A)
			bs = append(bs, p.B)
		}
		same[r] = ta != "" && (allKept(ta, as) && allKept(tb, bs) ||
			len(ta) < 3*2*align.MinShared && textnorm.Key(ta) == textnorm.Key(tb))
	}
	return same
}

// allKept reports whether every character of text that normalisation
// keeps lies in one of the ranges (code points), and there are some.
func allKept(text string, ranges [][2]int) bool {
	if len(ranges) == 0 {
		return false
	}
	i := 0
	for _, c := range text {
		in := slices.ContainsFunc(ranges, func(r [2]int) bool { return r[0] <= i && i < r[1] })
		if !in && !textnorm.Dropped(c) {
			return false
		}
		i++
	}
	return true
}

// checkAdhocDiffs ticks "只看差异" and unticks it, checking the rows
// shown against same (a moved row shown all the same), what the status says and the gaps after the shared
// passages.
func checkAdhocDiffs(t *testing.T, ctx context.Context, same []bool) {
	t.Helper()
	type state struct {
		Rows                []adhocToolRow
		Checked, DiffsOnly  bool
		Status, Text        string
		Marks, Gaps         int
		Followed, GapsShown int // marks followed by a gap; gaps laid out
	}
	read := func() state {
		t.Helper()
		st := eval[state](t, ctx, `(() => {
			const cmp = document.querySelector("#adhoc .cmp");
			const marks = [...cmp.querySelectorAll("mark.sh")], gaps = [...cmp.querySelectorAll(".gap")];
			return {Checked: document.getElementById("adhoc-diffs").checked, DiffsOnly: cmp.classList.contains("diffs-only"),
				Status: (document.getElementById("adhoc-status") || {}).textContent || "", Text: cmp.innerText,
				Marks: marks.length, Gaps: gaps.length,
				Followed: marks.filter(m => { const g = m.nextSibling; return !!g && g.nodeType === 1 && g.matches("span.gap") && g.textContent === "⋯"; }).length,
				GapsShown: gaps.filter(g => !g.closest(".cmp-row").hidden && g.getClientRects().length > 0).length};
		})()`)
		st.Rows = readToolRows(t, ctx)
		return st
	}
	before := read()
	if before.Checked || before.DiffsOnly || before.Status != "" {
		t.Errorf("before ticking 只看差异: checked %v, .cmp.diffs-only %v, #adhoc-status %q; want off, off, \"\"", before.Checked, before.DiffsOnly, before.Status)
	}
	if len(before.Rows) != len(same) {
		t.Fatalf("%d rows, but %d were read before", len(before.Rows), len(same))
	}
	do(t, ctx, "tick 只看差异", browsertest.Click("#adhoc-diffs"))
	on := read()
	shown := 0
	for r, row := range on.Rows {
		// A pair the two hold in other orders stays, the same or not:
		// its move is a difference (which rows moved, checkMoved checks).
		hide := same[r] && !slices.Contains(strings.Fields(row.Class), "moved")
		if !hide {
			shown++
		}
		if row.Hidden != hide || row.Shown == hide {
			t.Errorf("只看差异: row %d (%s | %s, class %q): hidden %v, laid out %v; want it hidden exactly when the row is the same (%v) and not moved", r, row.A, row.B, row.Class, row.Hidden, row.Shown, same[r])
		}
	}
	if !on.DiffsOnly {
		t.Error("只看差异: #adhoc .cmp has no class diffs-only")
	}
	if want := fmt.Sprintf("显示 %d / %d 行", shown, len(on.Rows)); on.Status != want {
		t.Errorf("只看差异: #adhoc-status reads %q, want %q", on.Status, want)
	}
	if on.Marks == 0 {
		t.Error("只看差异: the comparison has no shared passage to put a gap after")
	}
	if on.Followed != on.Marks || on.Gaps != on.Marks {
		t.Errorf("只看差异: %d of %d shared passages followed by a span.gap ⋯, %d gaps in all; want one after each", on.Followed, on.Marks, on.Gaps)
	}
	if want := eval[int](t, ctx, `[...document.querySelectorAll("#adhoc .cmp mark.sh")].filter(m => !m.closest(".cmp-row").hidden).length`); on.GapsShown != want {
		t.Errorf("只看差异: %d gaps shown, want one for each of the %d shared passages in the rows shown", on.GapsShown, want)
	}
	do(t, ctx, "untick 只看差异", browsertest.Click("#adhoc-diffs"))
	off := read()
	for r, row := range off.Rows {
		if row.Hidden || !row.Shown {
			t.Errorf("只看差异 unticked: row %d (%s | %s) is hidden (%v) or not laid out (%v)", r, row.A, row.B, row.Hidden, !row.Shown)
		}
	}
	if off.Checked || off.DiffsOnly || off.Status != "" {
		t.Errorf("只看差异 unticked: checked %v, .cmp.diffs-only %v, #adhoc-status %q; want off, off, \"\"", off.Checked, off.DiffsOnly, off.Status)
	}
	if off.GapsShown != 0 {
		t.Errorf("只看差异 unticked: %d gaps still shown", off.GapsShown)
	}
	if off.Text != before.Text {
		t.Errorf("只看差异 unticked: the comparison reads otherwise than before (%d characters, %d before)", len(off.Text), len(before.Text))
	}
}

// checkAdhocFold checks the 繁→简 toggle of the comparison of a and b:
// shown only when one is in zh-Hant, it converts the text of each side in
// zh-Hant as hanconv does, a paragraph (a heading, a table's cell) whole
// across the elements that cut it, and back.
func checkAdhocFold(t *testing.T, ctx context.Context, a, b *apiDoc) {
	t.Helper()
	// side: the sides in zh-Hant ("a", "b", "ab"); other: the rest.
	side, other := "", ""
	texts := map[string]string{}
	for _, x := range []struct {
		side string
		doc  *apiDoc
	}{{"a", a}, {"b", b}} {
		if x.doc.Lang != "zh-Hant" {
			other += x.side
			continue
		}
		side += x.side
		for _, s := range x.doc.Sections {
			texts[x.side+"-"+s.EID] = s.Text
		}
	}
	// cells is the selector of the cells of sides, with suffix.
	cells := func(sides, suffix string) string {
		var sel []string
		for _, s := range sides {
			sel = append(sel, "#adhoc .cmp-row:not(.cmp-head) .cmp-"+string(s)+suffix)
		}
		return strings.Join(sel, ", ")
	}
	pair := a.ID + " (" + a.Lang + ") × " + b.ID + " (" + b.Lang + ")"
	if shown := eval[bool](t, ctx, visibleJS("adhoc-fold-label")); shown != (side != "") {
		t.Errorf("%s: #adhoc-fold-label shown: %v, want %v", pair, shown, side != "")
	}
	if side == "" {
		return
	}
	type cell struct {
		ID, Lang, Text string
	}
	nodesJS := `(() => {
		const w = document.createTreeWalker(document.querySelector("#adhoc .cmp"), NodeFilter.SHOW_TEXT), out = [], blocks = new Map();
		for (let n = w.nextNode(); n; n = w.nextNode()) {
			const b = n.parentElement.closest(".cmp-h, h1, h2, h3, h4, h5, h6, p, blockquote, li, dt, dd, td, th, pre, caption, figcaption");
			if (b && !blocks.has(b)) blocks.set(b, blocks.size + 1);
			out.push({V: n.nodeValue, In: !!n.parentElement.closest("` + cells(side, "") + `"), B: b ? blocks.get(b) : 0});
		}
		return out;
	})()`
	// A cell's text: its paragraphs', joined by "\n", without the gaps
	// of "只看差异".
	cellsJS := func(side string) string {
		return `[...document.querySelectorAll("` + cells(side, "[id]") + `")].map(c => ({ID: c.id, Lang: String(c.getAttribute("lang")),
			Text: [...c.querySelectorAll("p")].filter(p => !p.classList.contains("none") && !p.querySelector(".cmp-h") && !p.closest(".cmp-h")).map(p => {
				const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
				let s = "";
				for (let n = w.nextNode(); n; n = w.nextNode()) if (!n.parentElement.closest(".gap")) s += n.nodeValue;
				return s;
			}).join("\n")}))`
	}
	before := eval[[]foldNode](t, ctx, nodesJS)
	cellsBefore := eval[[]cell](t, ctx, cellsJS(side))
	var otherBefore []cell
	if other != "" {
		otherBefore = eval[[]cell](t, ctx, cellsJS(other))
	}
	folds := 0
	for _, n := range before {
		if n.In && hanconv.Simplify(n.V) != n.V {
			folds++
		}
	}
	if folds == 0 {
		t.Errorf("%s: no text on the %s side has a character to fold: the toggle is not tested", pair, side)
	}
	t.Logf("%s: the toggle folds the %s side: %d cells (of %d sections), %d text nodes to change", pair, side, len(cellsBefore), len(texts), folds)
	for _, c := range cellsBefore {
		if c.Lang != "zh-Hant" {
			t.Errorf("%s: before the toggle, cell %s has lang %q, want zh-Hant", pair, c.ID, c.Lang)
			break
		}
	}
	do(t, ctx, "tick 繁體显示为简体", browsertest.Click("#adhoc-fold"))
	errs := 0
	folded := eval[[]foldNode](t, ctx, nodesJS)
	if len(folded) != len(before) {
		t.Errorf("%s: with the toggle on the comparison has %d text nodes, %d before", pair, len(folded), len(before))
	} else {
		want := simplifiedNodes(before)
		for i, n := range before {
			if folded[i].V != want[i] && errs < 10 {
				errs++
				t.Errorf("%s: with the toggle on, text %q (in a cell of the %s side: %v) reads %q, want %q", pair, n.V, side, n.In, folded[i].V, want[i])
			}
		}
	}
	for _, c := range eval[[]cell](t, ctx, cellsJS(side)) {
		if c.Lang != "zh-Hans" && errs < 20 {
			errs++
			t.Errorf("%s: with the toggle on, cell %s has lang %q, want zh-Hans", pair, c.ID, c.Lang)
		}
		if want := hanconv.Simplify(texts[c.ID]); c.Text != want && errs < 20 {
			errs++
			t.Errorf("%s: with the toggle on, cell %s reads\n%q\nwant the section's text simplified\n%q", pair, c.ID, c.Text, want)
		}
	}
	if other != "" {
		if got := eval[[]cell](t, ctx, cellsJS(other)); !slices.Equal(got, otherBefore) {
			t.Errorf("%s: the toggle changed the %s side's cells", pair, other)
		}
	}
	do(t, ctx, "untick 繁體显示为简体", browsertest.Click("#adhoc-fold"))
	if got := eval[[]foldNode](t, ctx, nodesJS); !slices.Equal(got, before) {
		t.Errorf("%s: with the toggle off again, the comparison's text is not as it was", pair)
	}
	if got := eval[[]cell](t, ctx, cellsJS(side)); !slices.Equal(got, cellsBefore) {
		t.Errorf("%s: with the toggle off again, the %s side's cells (text, lang) are not as they were", pair, side)
	}
}

// foldNode is a text node of a comparison, as checkAdhocFold reads it.
type foldNode struct {
	V  string
	In bool // in a cell of the side to fold
	B  int  // the paragraph, heading or table cell it is in, counted from 1
}

// simplifiedNodes is what the 繁→简 toggle makes of text nodes: those of
// the side it converts (In), a paragraph's (B) converted together by
// hanconv and cut again where they were cut; the others as they are.
func simplifiedNodes(nodes []foldNode) []string {
	out := make([]string, len(nodes))
	for i := 0; i < len(nodes); {
		j := i + 1
		for nodes[i].In && nodes[i].B != 0 && j < len(nodes) && nodes[j].In && nodes[j].B == nodes[i].B {
			j++
		}
		var joined strings.Builder
		for _, n := range nodes[i:j] {
			joined.WriteString(n.V)
		}
		converted := []rune(joined.String())
		if nodes[i].In {
			converted = []rune(hanconv.Simplify(joined.String()))
		}
		for k := i; k < j; k++ {
			c := utf8.RuneCountInString(nodes[k].V)
			out[k], converted = string(converted[:c]), converted[c:]
		}
		i = j
	}
	return out
}

// TestBrowserChooserFromDocument: a document's page links to the chooser
// with the document chosen first, from the offline bundle too; the second
// is another, and the box that narrows the second list has the focus.
func TestBrowserChooserFromDocument(t *testing.T) {
	ctx, base := openSeedBundle(t)
	do(t, ctx, "open "+gzID, chromedp.Navigate(base+"docs/"+gzID+"/index.html"))
	do(t, ctx, "follow the link to compare it with any document",
		browsertest.Follow(chromedp.Click(chromedp.CSS(`.compare-links a[href*="compare/index.html?a="]`))))
	wantLocation(t, ctx, base+"compare/index.html?a="+gzID)
	eventually(t, ctx, "the first document chosen", `document.getElementById("pick-a").value`, gzID)
	if b := eval[string](t, ctx, `document.getElementById("pick-b").value`); b == gzID || b == "" {
		t.Errorf("the second document chosen is %q; want another", b)
	}
	if f := eval[string](t, ctx, `document.activeElement.getAttribute("data-for") || document.activeElement.id`); f != "pick-b" {
		t.Errorf("the focus is on %q; want the box that narrows the second list", f)
	}
	do(t, ctx, "compare the two", browsertest.Follow(chromedp.Click(chromedp.CSS(`#chooser button[type="submit"]`))))
	if loc := get(t, ctx, "location", chromedp.Location()); !strings.Contains(loc, gzID) || !strings.HasPrefix(loc, base+"compare/") {
		t.Errorf("the chooser went to %s; want a comparison of %s", loc, gzID)
	}
}

// checkAdhocThemes checks the theme filter of the comparison of a and b
// the page shows: each row's data-themes are its sections' themes as
// /api/docs/<id>.json gives them; the select offers each theme the rows
// have, with their number; choosing one shows exactly its rows, and dims
// the others' entries in the overview strip.
func checkAdhocThemes(t *testing.T, ctx context.Context, a, b *apiDoc) {
	t.Helper()
	eventually(t, ctx, "the theme filter offered", `!document.getElementById("adhoc-theme-label").hidden`, true)
	themesOf := func(d *apiDoc) map[string][]string {
		m := map[string][]string{}
		for _, s := range d.Sections {
			m[s.EID] = s.Themes
		}
		return m
	}
	ta, tb := themesOf(a), themesOf(b)
	type row struct{ A, B, Themes string }
	rows := eval[[]row](t, ctx, `[...document.querySelectorAll("#adhoc .cmp-row:not(.cmp-head)")].map(r => ({
		A: (r.querySelector(".cmp-a[id]") || {id: ""}).id.slice(2), B: (r.querySelector(".cmp-b[id]") || {id: ""}).id.slice(2),
		Themes: r.getAttribute("data-themes") || ""}))`)
	count := map[string]int{}
	for i, r := range rows {
		want := slices.Concat(ta[r.A], tb[r.B])
		slices.Sort(want)
		want = slices.Compact(want)
		if got := strings.Fields(r.Themes); !slices.Equal(got, want) {
			t.Errorf("row %d (%s | %s): data-themes %q, want %q", i, r.A, r.B, got, want)
		}
		for _, id := range want {
			count[id]++
		}
	}
	type option struct{ Value, Text string }
	options := eval[[]option](t, ctx, `[...document.querySelectorAll("#adhoc-theme option")].map(o => ({Value: o.value, Text: o.textContent}))`)
	if len(options) != len(count)+1 || options[0].Value != "" {
		t.Fatalf("the theme filter offers %v; want 全部 and the %d themes the rows have", options, len(count))
	}
	for _, o := range options[1:] {
		if n := count[o.Value]; n == 0 || !strings.HasSuffix(o.Text, fmt.Sprintf("（%d）", n)) {
			t.Errorf("the theme filter offers %q (%s); %d rows have it", o.Text, o.Value, n)
		}
	}
	pick := options[1].Value
	do(t, ctx, "filter by "+pick, chromedp.SetValue(chromedp.CSS("#adhoc-theme"), pick),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("adhoc-theme").dispatchEvent(new Event("change"))`))
	shown := eval[[]bool](t, ctx, `[...document.querySelectorAll("#adhoc .cmp-row:not(.cmp-head)")].map(r => !r.hidden)`)
	for i, r := range rows {
		if want := slices.Contains(strings.Fields(r.Themes), pick); shown[i] != want {
			t.Errorf("filtered by %s, row %d (%s | %s, themes %q) shown: %v", pick, i, r.A, r.B, r.Themes, shown[i])
		}
	}
	if st, want := eval[string](t, ctx, `document.getElementById("adhoc-status").textContent`), fmt.Sprintf("显示 %d / %d 行", count[pick], len(rows)); st != want {
		t.Errorf("the status reads %q, want %q", st, want)
	}
	// The overview strip has an entry a row, linked to it, dimmed with it.
	type entry struct {
		Href string
		Off  bool
	}
	strip := eval[[]entry](t, ctx, `[...document.querySelectorAll("#adhoc .overview .ov")].map(o => ({Href: o.getAttribute("href"), Off: o.classList.contains("off")}))`)
	if len(strip) != len(rows) {
		t.Fatalf("the overview strip has %d entries for %d rows", len(strip), len(rows))
	}
	for i, r := range rows {
		want := "#a-" + r.A
		if r.A == "" {
			want = "#b-" + r.B
		}
		if strip[i].Href != want || strip[i].Off == shown[i] {
			t.Errorf("overview entry %d: href %q, dimmed %v; want %q, dimmed %v", i, strip[i].Href, strip[i].Off, want, !shown[i])
		}
	}
}
