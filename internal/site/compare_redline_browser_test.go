package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// TestBrowserCompareRedline saves two of the seeds' comparisons as a
// 修订稿 — 纲要 × 方案 from the offline bundle, 纲要 × 意见 (繁體) from a web
// server with its 繁體 side shown in 简体 — and reads each back as Word
// would, accepting every tracked revision and then rejecting every one.
// Accepted, the rows read the second document's sections as the JSON API
// has them (number and title, text), every one once and in its order,
// each row linked to its permalink; rejected, the first's. Two
// counterparts share a row while their order agrees in both (every pair
// of these seeds has some that moved), the rest are struck where the
// first had them and inserted where the second has them. Each revision names its author and date and has
// an id of its own, and words a section keeps are not marked: the 方案
// keeps some of the 纲要's words and rewrites others. The 意见's words are
// marked as traditional Chinese, and kept as written.
func TestBrowserCompareRedline(t *testing.T) {
	s := seedSite(t)
	ctx, bundle := openSeedBundle(t)
	downloads := allowDownloads(t, ctx)
	web := browsertest.Serve(t, s.web)

	do(t, ctx, "open 纲要 × 方案 from disk", chromedp.Navigate(bundle+pairGdGz))
	pkg := openWord(t, awaitDownload(t, ctx, downloads, gdID+"--"+gzID+"-修订稿.docx", "button.redline"))
	wordByWord(t, checkRedline(t, s, gdID, gzID, pairedInJSON(t, s, gdID, gzID, false), pkg))

	do(t, ctx, "open 纲要 × 意见 on the web", chromedp.Navigate(web+pairGdJs))
	do(t, ctx, "show the 繁體 side in 简体", browsertest.Click("#fold"))
	pkg = openWord(t, awaitDownload(t, ctx, downloads, gdID+"--"+jsID+"-修订稿.docx", "button.redline"))
	wordByWord(t, checkRedline(t, s, gdID, jsID, pairedInJSON(t, s, gdID, jsID, false), pkg))

	_, html := runMammoth(t, pkg.file)
	if !strings.Contains(html, "<h1>") {
		t.Errorf("mammoth reads no title from the saved 修订稿:\n%.400s", html)
	}
}

// TestBrowserAdhocRedline saves as a 修订稿 the comparison the browser
// computes for two documents without a pair page, its rows the view's.
func TestBrowserAdhocRedline(t *testing.T) {
	s := syntheticBundle40(t)
	a, b := pairWithoutPage(t, s.web)
	ctx, base := startOn(t, s, "file")
	downloads := allowDownloads(t, ctx)
	do(t, ctx, "open the comparison of "+a+" and "+b, chromedp.Navigate(base+"compare/index.html?a="+a+"&b="+b))
	if !waitAdhoc(t, ctx, "done") {
		t.FailNow()
	}
	// The view's rows: each b section's counterpart.
	paired := eval[map[string]string](t, ctx, `(() => {
		const m = {};
		document.querySelectorAll("#adhoc .cmp-row").forEach(r => {
			const x = r.querySelector(".cmp-a[id]"), y = r.querySelector(".cmp-b[id]");
			if (x && y) m[y.id.replace(/^b-/, "")] = x.id.replace(/^a-/, "");
		});
		return m;
	})()`)
	if len(paired) == 0 {
		t.Fatal("the view pairs no sections")
	}
	wordByWord(t, checkRedline(t, s, a, b, paired, openWord(t, awaitDownload(t, ctx, downloads, a+"--"+b+"-修订稿.docx", "#adhoc button.redline"))))
}

// TestBrowserVersionsRedline saves the 修订稿 of two versions of a
// document whose newer one's id sorts first, so that the pair page
// shows it first (testdata/versions' final text of the 方案 under another
// id): the 修订稿 goes from the older to the newer all the same —
// accepted, it reads the final text, rejected, the draft.
func TestBrowserVersionsRedline(t *testing.T) {
	const draft, final = "guangzhou-2023-fangan", "aa-guangzhou-2024-fangan"
	src, err := os.ReadFile(filepath.Join("testdata", "versions", "guangzhou-2024-fangan.md"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := buildSite(t.TempDir(), map[string]string{"docs/" + final + ".md": strings.Replace(string(src), "id: guangzhou-2024-fangan", "id: "+final, 1)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, base := startOn(t, s, "file")
	downloads := allowDownloads(t, ctx)
	do(t, ctx, "open the two versions' pair page", chromedp.Navigate(base+"compare/"+final+"--"+draft+"/index.html"))
	if note := eval[string](t, ctx, `document.querySelector(".versions-note").innerText`); !strings.Contains(note, "前者取代后者") {
		t.Fatalf("the pair page says %q of the two; the test wants the newer first", note)
	}
	pkg := openWord(t, awaitDownload(t, ctx, downloads, final+"--"+draft+"-修订稿.docx", "button.redline"))
	checkRedline(t, s, draft, final, pairedInJSON(t, s, final, draft, true), pkg)
}

// pairedInJSON is, by the JSON of the pair a--b, each section of b
// paired with one of a — or, reversed, of a paired with one of b: its
// eId → its counterpart's.
func pairedInJSON(t *testing.T, s builtSite, a, b string, reversed bool) map[string]string {
	t.Helper()
	var pair struct {
		Pairs []struct{ A, B string }
	}
	readJSON(t, filepath.Join(s.web, "api", "compare", a+"--"+b+".json"), &pair)
	paired := map[string]string{}
	for _, p := range pair.Pairs {
		if reversed {
			paired[p.A] = p.B
		} else {
			paired[p.B] = p.A
		}
	}
	return paired
}

// redlinePara is a paragraph of a 修订稿 read both ways: its text with
// every revision accepted and with every one rejected, the revision its
// mark is (-1 struck out, 1 inserted, 0 none), its link, and the count
// of its runs of each kind (by revision, -1, 0, 1).
type redlinePara struct {
	accepted, rejected string
	mark               int
	link               string
	runs               map[int]int
}

// checkRedline checks the 修订稿 pkg that goes from document a to document
// b, which pairs sections as counterpart does (b's eId → a's), against
// the JSON API.
func checkRedline(t *testing.T, s builtSite, a, b string, counterpart map[string]string, pkg *wordPackage) (mixed int) {
	t.Helper()
	type section struct {
		EID                 string `json:"eId"`
		Marker, Title, Text string
		URL                 string
	}
	var docs [2]struct {
		Title, Lang string
		Sections    []section
	}
	for i, id := range []string{a, b} {
		readJSON(t, filepath.Join(s.web, "api", "docs", id+".json"), &docs[i])
	}
	ids := map[string]bool{}
	var paras []redlinePara
	for _, n := range pkg.body.kid("body").kids("p") {
		paras = append(paras, readRedlinePara(t, n, pkg.links, ids))
	}
	// The title names the second as the page heads its column: its
	// title, and for one of two versions what tells it apart.
	if title := paras[0].accepted; len(paras) < 4 || !strings.HasPrefix(title, "《"+docs[1].Title) || !strings.HasSuffix(title, "》修订稿") {
		t.Fatalf("the title is %q, want 《%s…》修订稿", title, docs[1].Title)
	}
	// Rows: a heading, linked, then its text's paragraphs, up to the
	// line saying where the file was saved from.
	body := paras[2 : len(paras)-1]
	if last := paras[len(paras)-1].accepted; !strings.HasPrefix(last, "导出自：") {
		t.Errorf("the last line is %q", last)
	}
	type row struct {
		head redlinePara
		text []redlinePara
	}
	var rows []row
	for i := 0; i < len(body); {
		if body[i].link == "" {
			t.Fatalf("paragraph %q is in no row", body[i].accepted)
		}
		end := i + 1
		for end < len(body) && body[end].link == "" {
			end++
		}
		rows = append(rows, row{body[i], body[i+1 : end]})
		i = end
	}
	// Rejected, the rows read the first document's sections, and
	// accepted, the second's, each in its own order: rows[k] holds
	// section of[k][r] of document k, or -1.
	var of [2][]int
	for k, view := range []string{"rejected", "accepted"} {
		n := 0
		for r, row := range rows {
			gotHead, gotText := readView(row.head, row.text, k == 1)
			of[k] = append(of[k], -1)
			if gotHead == "" {
				if gotText != "" {
					t.Errorf("row %d of %d (%s), %s: text %q under no heading", r+1, len(rows), row.head.link, view, gotText)
				}
				continue
			}
			if n == len(docs[k].Sections) {
				t.Errorf("row %d of %d (%s), %s: more sections than document %d's %d", r+1, len(rows), row.head.link, view, k+1, n)
				continue
			}
			want := docs[k].Sections[n]
			of[k][r] = n
			n++
			if !strings.HasSuffix(gotHead, want.Title) || !strings.HasSuffix(strings.TrimSuffix(gotHead, want.Title), want.Marker) {
				t.Errorf("row %d of %d (%s), %s: the heading reads %q, want %s's, ending %q%q", r+1, len(rows), row.head.link, view, gotHead, want.EID, want.Marker, want.Title)
			}
			if gotText != want.Text {
				t.Errorf("row %d of %d (%s), %s: the text is\n%q\nwant %s's\n%q", r+1, len(rows), row.head.link, view, gotText, want.EID, want.Text)
			}
		}
		if n != len(docs[k].Sections) {
			t.Errorf("%s, the rows read %d sections of document %d's %d", view, n, k+1, len(docs[k].Sections))
		}
	}
	// A row links to the second's section it reads, or to the first's;
	// a row of both holds two counterparts, and they are the longest run
	// of pairs that rises in both documents: a pair out of it moved, its
	// sections in rows of their own.
	kept := 0
	for r, row := range rows {
		want := ""
		switch {
		case of[1][r] >= 0:
			want = docs[1].Sections[of[1][r]].URL
		case of[0][r] >= 0:
			want = docs[0].Sections[of[0][r]].URL
		}
		if row.head.link != want {
			t.Errorf("row %d links to %s, want %s", r+1, row.head.link, want)
		}
		if of[0][r] >= 0 && of[1][r] >= 0 {
			kept++
			if a, b := docs[0].Sections[of[0][r]].EID, docs[1].Sections[of[1][r]].EID; counterpart[b] != a {
				t.Errorf("row %d holds %s and %s, which the comparison does not pair", r+1, a, b)
			}
		}
	}
	var eids [2][]string
	for k, d := range docs {
		for _, sec := range d.Sections {
			eids[k] = append(eids[k], sec.EID)
		}
	}
	if want := keptInOrder(eids[0], eids[1], counterpart); kept != want {
		t.Errorf("%d rows hold a pair of sections, want the %d that keep their order in both", kept, want)
	}
	for _, row := range rows {
		runs := map[int]int{}
		for _, p := range row.text {
			for op, n := range p.runs {
				runs[op] += n
			}
		}
		if runs[-1] > 0 && runs[0] > 0 && runs[1] > 0 {
			mixed++
		}
	}
	// The 繁體 side's words are marked as traditional Chinese.
	if docs[1].Lang == "zh-Hant" && !hasLang(pkg.body, "zh-TW") {
		t.Error("no run of the 繁體 document is marked zh-TW")
	}
	return mixed
}

// keptInOrder is how many pairs of sections keep their order in both
// documents, first and second their eIds in order, counterpart a
// second's eId → the first's: the longest run of pairs, in the first's
// order, whose places in the second rise.
func keptInOrder(first, second []string, counterpart map[string]string) int {
	at := map[string]int{}
	for i, eid := range first {
		at[eid] = i
	}
	var places []int // of the second's paired sections, in the first's order
	inFirst := make([]int, len(first))
	for i := range inFirst {
		inFirst[i] = -1
	}
	for j, eid := range second {
		if a, ok := counterpart[eid]; ok {
			inFirst[at[a]] = j
		}
	}
	for _, j := range inFirst {
		if j >= 0 {
			places = append(places, j)
		}
	}
	// run[i] is the longest rising run that ends at places[i].
	run, best := make([]int, len(places)), 0
	for i := range places {
		run[i] = 1
		for k := range i {
			if places[k] < places[i] {
				run[i] = max(run[i], run[k]+1)
			}
		}
		best = max(best, run[i])
	}
	return best
}

// wordByWord fails t unless some section of a 修订稿 (mixed of them) keeps
// words and strikes and inserts others.
func wordByWord(t *testing.T, mixed int) {
	t.Helper()
	if mixed == 0 {
		t.Error("no section's text keeps words and strikes and inserts others: the edits are not word by word")
	}
}

// readView reads a row, its heading and its text's paragraphs, with
// every revision accepted or every one rejected: a paragraph whose mark
// is gone in that view runs on into the next.
func readView(head redlinePara, text []redlinePara, accept bool) (string, string) {
	pick := func(p redlinePara) string {
		if accept {
			return p.accepted
		}
		return p.rejected
	}
	gone := -1 // the mark a view drops: struck out when accepting
	if !accept {
		gone = 1
	}
	var lines []string
	var line string
	open := false
	for _, p := range text {
		line += pick(p)
		open = true
		if p.mark != gone {
			lines, line, open = append(lines, line), "", false
		}
	}
	if open {
		lines = append(lines, line)
	}
	return pick(head), strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// readRedlinePara reads a paragraph of a 修订稿, checking that each
// revision has an author, a date and an id no other has (ids).
func readRedlinePara(t *testing.T, n *xnode, links map[string]*xnode, ids map[string]bool) redlinePara {
	t.Helper()
	p := redlinePara{runs: map[int]int{}}
	revision := func(r *xnode) {
		if r.attr["author"] == "" || r.attr["date"] == "" || r.attr["id"] == "" || ids[r.attr["id"]] {
			t.Errorf("a revision %s has author %q, date %q, id %q (taken: %v)", r.name.Local, r.attr["author"], r.attr["date"], r.attr["id"], ids[r.attr["id"]])
		}
		ids[r.attr["id"]] = true
	}
	if pr := n.kid("pPr"); pr != nil && pr.kid("rPr") != nil {
		if d := pr.kid("rPr").kid("del"); d != nil {
			p.mark = -1
			revision(d)
		}
		if i := pr.kid("rPr").kid("ins"); i != nil {
			p.mark = 1
			revision(i)
		}
	}
	var walk func(n *xnode, op int)
	walk = func(n *xnode, op int) {
		for _, k := range n.children {
			switch k.name.Local {
			case "r":
				p.runs[op]++
				for _, x := range k.children {
					s := map[string]string{"t": x.text, "delText": x.text, "tab": "\t"}[x.name.Local]
					if x.name.Local == "t" && op < 0 || x.name.Local == "delText" && op >= 0 {
						t.Errorf("a run of revision %d holds a %s: %q", op, x.name.Local, x.text)
					}
					if op >= 0 {
						p.accepted += s
					}
					if op <= 0 {
						p.rejected += s
					}
				}
			case "hyperlink":
				if r := links[k.attr["id"]]; r != nil {
					p.link = r.attr["Target"]
				}
				walk(k, op)
			case "del":
				revision(k)
				walk(k, -1)
			case "ins":
				revision(k)
				walk(k, 1)
			}
		}
	}
	walk(n, 0)
	return p
}

// hasLang reports whether a run under n is marked as East Asian text in
// lang.
func hasLang(n *xnode, lang string) bool {
	if n.name.Local == "lang" && n.attr["eastAsia"] == lang {
		return true
	}
	for _, k := range n.children {
		if hasLang(k, lang) {
			return true
		}
	}
	return false
}
