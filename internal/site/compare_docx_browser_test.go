package site_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// TestBrowserCompareWord saves the seeds' 纲要 × 意见 comparison as a Word
// document, from the offline bundle and from a web server, and reads the
// file back as a Word processor would: a zip whose parts are well-formed
// XML, each declared in [Content_Types].xml, the body reached through the
// package's relationships and every link through the body's, the pages
// numbered in the footer. Its table
// has a header row and a row for every row shown, each side's section
// heading linking to the section's permalink and its text the JSON
// API's, as written (the 繁體 side too, even shown in 简体, and marked as
// traditional Chinese); the similarity the pair's JSON gives; the shared
// passages shaded in the page's colours, each side's shaded text what the
// pair's JSON says it shares. With the word-by-word view on, the
// struck-through and underlined words are the page's <del> and <ins>.
// With "只看差异" and a theme, only the rows shown. Where one document
// names the other, the lines under the title say so. mammoth, a .docx
// reader of its own, reads every text from it without a complaint.
func TestBrowserCompareWord(t *testing.T) {
	s := seedSite(t)
	const a, b = gdID, jsID
	w := expectWord(t, s, a, b)
	ctx, bundle := openSeedBundle(t)
	downloads := allowDownloads(t, ctx)
	save := func(ctx context.Context) *wordDoc {
		t.Helper()
		return readWordDoc(t, awaitDownload(t, ctx, downloads, a+"--"+b+".docx", "button.docx"))
	}

	do(t, ctx, "open the pair page from disk", chromedp.Navigate(bundle+pairGdJs))
	doc := save(ctx)
	w.check(t, ctx, doc, "", false)
	if !strings.Contains(doc.title, "广东省质量强省建设纲要") || !strings.Contains(doc.title, "逐条对照") {
		t.Errorf("the document's title is %q", doc.title)
	}
	if len(doc.lines) < 3 || !strings.HasPrefix(doc.lines[0], "前者 ") || !strings.HasPrefix(doc.lines[1], "后者 ") ||
		!strings.Contains(doc.lines[2], "对相互对应的条目") || strings.Contains(doc.lines[2], "JSON") {
		t.Errorf("the lines under the title are %q", doc.lines)
	}
	if !strings.Contains(doc.source, s.cfg.BaseURL+"compare/"+a+"--"+b+"/") {
		t.Errorf("the source line is %q", doc.source)
	}
	first := doc

	do(t, ctx, "show the 繁體 side in 简体", browsertest.Click("#fold"))
	w.check(t, ctx, save(ctx), "", false)
	// The page's word marks are read as the page shows them.
	do(t, ctx, "show the 繁體 side as written", browsertest.Click("#fold"))
	do(t, ctx, "turn the word-by-word view on", browsertest.Click("#words"))
	if st := wordsStatus(t, ctx, "cmp-status"); !strings.HasPrefix(st, "逐词比对：") {
		t.Fatalf("the word-by-word view ended %q", st)
	}
	doc = save(ctx)
	w.check(t, ctx, doc, "", true)
	if !slices.ContainsFunc(doc.lines, func(l string) bool { return strings.Contains(l, "删除线") }) {
		t.Errorf("with the word-by-word view, no line says what its marks mean: %q", doc.lines)
	}
	do(t, ctx, "turn the word-by-word view off", browsertest.Click("#words"))
	do(t, ctx, "tick 只看差异", browsertest.Click("#diffs"))
	if n := eval[int](t, ctx, `document.querySelectorAll(".cmp-row:not([hidden]) .gap").length`); n == 0 {
		t.Error("只看差异 shows no gap mark")
	}
	w.check(t, ctx, save(ctx), "", false)
	eval[bool](t, ctx, `(() => {
		const sel = document.getElementById("theme-filter");
		sel.selectedIndex = 1;
		sel.dispatchEvent(new Event("change"));
		return true;
	})()`)
	doc = save(ctx)
	w.check(t, ctx, doc, "", false)
	if all := eval[int](t, ctx, `document.querySelectorAll(".cmp-row:not(.cmp-head)").length`); len(doc.rows)-1 >= all {
		t.Errorf("with a theme chosen, %d rows of %d", len(doc.rows)-1, all)
	}

	// Where one document names the other, the document says so too,
	// between the particulars and the summary.
	do(t, ctx, "open the 纲要 × 方案", chromedp.Navigate(bundle+pairGdGz))
	named := readWordDoc(t, awaitDownload(t, ctx, downloads, gdID+"--"+gzID+".docx", "button.docx"))
	if len(named.lines) < 4 || named.lines[2] != "后者在前言提及前者。" || !strings.Contains(named.lines[3], "对相互对应的条目") {
		t.Errorf("the 纲要 × 方案's lines under the title are %q; want the particulars, 后者在前言提及前者。 and the summary", named.lines)
	}

	web := browsertest.Serve(t, s.web)
	do(t, ctx, "open the pair page from a server", chromedp.Navigate(web+pairGdJs))
	w.check(t, ctx, save(ctx), "", false)
	if w.moved == 0 {
		t.Error("no row of the 纲要 × 意见 says its section moved; the test wants some")
	}
	// Last, as it skips the test where it cannot run.
	mammothReads(t, first)
}

// TestBrowserCompareWordTables saves as a Word document, from its pair
// page, a comparison of sections that hold tables and code: a table's
// rows and cells are a table in the cell, its first row a header, the passages shared inside its
// cells shaded; code keeps its tabs and line ends. The document saved
// from its page has its tables and code too.
func TestBrowserCompareWordTables(t *testing.T) {
	s, err := buildSite(t.TempDir(), map[string]string{"docs/c-biao.md": tableDoc})
	if err != nil {
		t.Fatal(err)
	}
	const a, b = "c-biao", gdID
	w := expectWord(t, s, a, b)
	ctx, base := startOn(t, s, "file")
	downloads := allowDownloads(t, ctx)
	do(t, ctx, "open the pair page", chromedp.Navigate(base+"compare/"+a+"--"+b+"/index.html"))
	built := readWordDoc(t, awaitDownload(t, ctx, downloads, a+"--"+b+".docx", "button.docx"))
	w.check(t, ctx, built, "", false)
	tables, code := 0, 0
	for _, r := range built.rows {
		tables += r.cells[0].tables
		if strings.Contains(r.cells[0].text, "指标\t年度\t数值\n") && !strings.Contains(r.cells[0].text, "2021年\t2022年") {
			t.Errorf("the code and the table run together: %q", r.cells[0].text)
		}
		if strings.Contains(r.cells[0].text, "质量竞争力指数\t2025\t92") {
			code++
		}
	}
	if tables != 2 || code != 1 {
		t.Errorf("%d tables and %d pieces of code in the saved document, want 2 and 1", tables, code)
	}
	if !slices.ContainsFunc(built.rows, func(r wordRow) bool { return r.cells[0].tables > 0 && len(r.cells[0].shaded) > 0 }) {
		t.Error("no passage shaded in a section with a table")
	}

	// The document itself, saved from its page: its tables and code as
	// the JSON API has its sections' text.
	do(t, ctx, "open the document", chromedp.Navigate(base+"docs/"+a+"/index.html"))
	checkWordText(t, s, a, openWord(t, awaitDownload(t, ctx, downloads, a+".docx", "button.docx")))

}

// TestBrowserAdhocWord saves as a Word document the comparison that the
// browser computes for two documents without a pair page: its rows are
// the ones the view shows, with the sections' texts and permalinks, and
// the similarities and the shaded passages the view's own.
func TestBrowserAdhocWord(t *testing.T) {
	s := syntheticBundle40(t)
	a, b := pairWithoutPage(t, s.web)
	w := &wordExpect{a: a, b: b, baseURL: s.cfg.BaseURL, texts: sectionTexts(t, s.web, a, b), langs: wordLangs(t, s.web, a, b), fills: markFills(t)}
	ctx, base := startOn(t, s, "file")
	downloads := allowDownloads(t, ctx)
	do(t, ctx, "open the comparison of "+a+" and "+b, chromedp.Navigate(base+"compare/index.html?a="+a+"&b="+b))
	if !waitAdhoc(t, ctx, "done") {
		t.FailNow()
	}
	doc := readWordDoc(t, awaitDownload(t, ctx, downloads, a+"--"+b+".docx", "#adhoc button.docx"))
	w.check(t, ctx, doc, "#adhoc ", false)
	if !strings.Contains(doc.source, "compare/?a="+a+"&b="+b) {
		t.Errorf("the source line is %q, want the comparison's address", doc.source)
	}
	if len(doc.lines) < 3 || !strings.HasPrefix(doc.lines[0], "前者 ") || !strings.Contains(doc.lines[2], "对相互对应的条目") {
		t.Errorf("the lines under the title are %q", doc.lines)
	}
}

// wordExpect is what a saved comparison of two documents must hold: each
// section's text, and each pair's similarity and shaded text.
type wordExpect struct {
	a, b, baseURL string
	texts         map[string]string
	langs         map[string]string // each document's, as a Word document marks it: zh-TW for 繁體, or nothing
	// pairs are the pair's JSON's: without them, a row's similarity and
	// shaded text are checked against the page's.
	pairs map[[2]string]sharedText
	fills []string // the colours of passage 0, 1, …, in turn
	moved int      // how many notes of moved sections check has met
}

type sharedText struct {
	score float64
	fills [2]map[string]string // by side: fill → the text shaded with it
}

// expectWord reads from the site's JSON what a comparison of a and b
// saved as a Word document must hold.
func expectWord(t *testing.T, s builtSite, a, b string) *wordExpect {
	t.Helper()
	var pair struct {
		Pairs []struct {
			A, B   string
			Score  float64
			Shared []struct{ A, B [2]int }
		}
	}
	readJSON(t, filepath.Join(s.web, "api", "compare", a+"--"+b+".json"), &pair)
	w := &wordExpect{a: a, b: b, baseURL: s.cfg.BaseURL, texts: sectionTexts(t, s.web, a, b), langs: wordLangs(t, s.web, a, b),
		pairs: map[[2]string]sharedText{}, fills: markFills(t)}
	for _, p := range pair.Pairs {
		sh := sharedText{score: p.Score}
		for side, id := range []string{a, b} {
			eid := []string{p.A, p.B}[side]
			var ranges []passage
			for k, r := range p.Shared {
				ranges = append(ranges, passage{[]([2]int){r.A, r.B}[side], k})
			}
			sh.fills[side] = shadedText(w.texts[id+"/"+eid], ranges, w.fills)
		}
		w.pairs[[2]string{p.A, p.B}] = sh
	}
	return w
}

// wordLangs returns the language a Word document marks the text of each
// document of ids with: zh-TW for one in 繁體, none for one in 简体.
func wordLangs(t *testing.T, web string, ids ...string) map[string]string {
	t.Helper()
	langs := map[string]string{}
	for _, id := range ids {
		var doc struct{ Lang string }
		readJSON(t, filepath.Join(web, "api", "docs", id+".json"), &doc)
		if doc.Lang == "zh-Hant" {
			langs[id] = "zh-TW"
		}
	}
	return langs
}

// check compares doc with the rows of the comparison that the page shows
// under scope (a selector and a space, or nothing); words is whether the
// word-by-word view is on.
func (w *wordExpect) check(t *testing.T, ctx context.Context, doc *wordDoc, scope string, words bool) {
	t.Helper()
	shown := eval[int](t, ctx, `document.querySelectorAll("`+scope+`.cmp-row:not(.cmp-head):not([hidden])").length`)
	if len(doc.rows) != shown+1 {
		t.Fatalf("%d table rows for the %d rows shown (and a header)", len(doc.rows), shown)
	}
	if head := doc.rows[0]; !head.header || len(head.cells) != 3 || head.cells[1].text != "相似" {
		t.Errorf("the first row is not the header 「…｜相似｜…」 repeated on every page: %+v", head)
	}
	// The page's word marks, row by row: what only a says, and what
	// only b says.
	var marks [][2]string
	if words {
		marks = eval[[][2]string](t, ctx, `[...document.querySelectorAll("`+scope+`.cmp-row:not(.cmp-head):not([hidden])")].map(r =>
			[[...r.querySelectorAll(".cmp-a del")].map(d => d.textContent).join(""),
			 [...r.querySelectorAll(".cmp-b ins")].map(d => d.textContent).join("")])`)
		if !slices.ContainsFunc(marks, func(m [2]string) bool { return m[0] != "" && m[1] != "" }) {
			t.Fatal("the word-by-word view marked no row on both sides")
		}
	}
	// The page's similarities and shaded passages, row by row, each
	// side's marks as [colour number, text].
	var page []struct {
		Score string
		Marks [2][][2]string
	}
	// The notes under the b headings of moved rows.
	moved := eval[[]string](t, ctx, `[...document.querySelectorAll("`+scope+`.cmp-row:not(.cmp-head):not([hidden])")].map(r =>
		(r.querySelector(".cmp-b .cmp-h") || {getAttribute: () => ""}).getAttribute("data-moved") || "")`)
	for i, row := range doc.rows[1:] {
		if i < len(moved) && (row.cells[2].moved != moved[i] || row.cells[0].moved != "") {
			t.Errorf("row %d: the notes of moved sections read %q and %q, want none and %q", i+1, row.cells[0].moved, row.cells[2].moved, moved[i])
		}
	}
	for _, m := range moved {
		if m != "" {
			w.moved++
		}
	}
	if w.pairs == nil {
		page = eval[[]struct {
			Score string
			Marks [2][][2]string
		}](t, ctx, `[...document.querySelectorAll("`+scope+`.cmp-row:not(.cmp-head):not([hidden])")].map(r => ({
			score: (r.querySelector(".score .badge") || {}).textContent || "",
			marks: [".cmp-a", ".cmp-b"].map(c => [...r.querySelectorAll(c + " mark.sh")].map(m => [m.className.match(/\bs(\d)\b/)[1], m.textContent]))
		}))`)
	}
	permalink := func(id, eid string) string { return w.baseURL + "docs/" + id + "/" + eid + "/" }
	both := 0
	for i, row := range doc.rows[1:] {
		var eids [2]string
		for side, id := range []string{w.a, w.b} {
			c := row.cells[2*side]
			if c.link == "" {
				if c.text != "（无对应条目）" {
					t.Errorf("row %d: a side without a section reads %q", i+1, c.text)
				}
				continue
			}
			eid := strings.TrimSuffix(strings.TrimPrefix(c.link, w.baseURL+"docs/"+id+"/"), "/")
			text, ok := w.texts[id+"/"+eid]
			if !ok {
				t.Errorf("row %d: the heading links to %s, no section of %s", i+1, c.link, id)
				continue
			}
			eids[side] = eid
			if c.link != permalink(id, eid) {
				t.Errorf("row %d: the heading links to %q, want %q", i+1, c.link, permalink(id, eid))
			}
			if c.text != text {
				t.Errorf("row %d: the text of %s %s is\n%q\nwant\n%q", i+1, id, eid, c.text, text)
			}
			if c.lang != w.langs[id] {
				t.Errorf("row %d: the runs of %s are marked %q, want %q", i+1, id, c.lang, w.langs[id])
			}
		}
		if eids[0] == "" || eids[1] == "" {
			if row.cells[1].text != "" {
				t.Errorf("row %d: a similarity %q for an unpaired section", i+1, row.cells[1].text)
			}
			continue
		}
		both++
		sh, ok := w.pairs[eids]
		if w.pairs == nil {
			sh, ok = sharedText{fills: [2]map[string]string{{}, {}}}, true
			_, err := fmt.Sscanf(page[i].Score, "%g%%", &sh.score)
			sh.score /= 100
			for side, marks := range page[i].Marks {
				for _, m := range marks {
					var n int
					fmt.Sscan(m[0], &n)
					sh.fills[side][w.fills[n]] += m[1]
				}
			}
			if err != nil {
				t.Errorf("row %d: the page gives the similarity %q", i+1, page[i].Score)
			}
		}
		if !ok {
			t.Errorf("row %d: %s ↔ %s is not a pair of the pair's JSON", i+1, eids[0], eids[1])
			continue
		}
		if want := fmt.Sprintf("%.0f%%", sh.score*100); row.cells[1].text != want {
			t.Errorf("row %d: similarity %q, want %q", i+1, row.cells[1].text, want)
		}
		for side := range 2 {
			c := row.cells[2*side]
			if words {
				got, want := c.struck, marks[i][0]
				if side == 1 {
					got, want = c.underlined, marks[i][1]
				}
				if got != want || len(c.shaded) != 0 {
					t.Errorf("row %d side %d: marked %q (shaded %v), the page %q", i+1, side, got, c.shaded, want)
				}
				continue
			}
			if c.struck != "" || c.underlined != "" {
				t.Errorf("row %d side %d: words marked without the word-by-word view: %q %q", i+1, side, c.struck, c.underlined)
			}
			if !maps.Equal(c.shaded, sh.fills[side]) {
				t.Errorf("row %d side %d: shaded\n%v\nwant\n%v", i+1, side, c.shaded, sh.fills[side])
			}
		}
	}
	if both == 0 {
		t.Error("no row pairs two sections")
	}
}

// passage is a shared passage's code points in a section's text, and its
// number in its row.
type passage struct {
	at [2]int
	k  int
}

// shadedText returns what the page marks of text as shared, by colour:
// a passage overlapped by an earlier one cut to begin where that ends,
// as compareCell and livecompare.js mark it, and the line and cell
// breaks between paragraphs, which are no text of a run, left out.
func shadedText(text string, ps []passage, fills []string) map[string]string {
	slices.SortStableFunc(ps, func(x, y passage) int { return x.at[0] - y.at[0] })
	rs, out, last := []rune(text), map[string]string{}, 0
	for _, p := range ps {
		start, end := max(p.at[0], last), min(p.at[1], len(rs))
		if p.at[1] <= last || start >= end {
			continue
		}
		last = p.at[1]
		f := fills[p.k%len(fills)]
		out[f] += strings.NewReplacer("\n", "", "\t", "").Replace(string(rs[start:end]))
	}
	return out
}

// markFills reads the colours of the shared passages' marks from the
// style sheet, as a Word document's fills: "FFF1A8" for #fff1a8.
func markFills(t *testing.T) []string {
	t.Helper()
	css, err := os.ReadFile(filepath.Join("..", "..", "static", "style.css"))
	if err != nil {
		t.Fatal(err)
	}
	var fills []string
	for i := 0; ; i++ {
		m := regexp.MustCompile(`mark\.sh\.s` + fmt.Sprint(i) + ` \{ background: #([0-9a-f]{6}); \}`).FindSubmatch(css)
		if m == nil {
			break
		}
		fills = append(fills, strings.ToUpper(string(m[1])))
	}
	if len(fills) < 2 {
		t.Fatalf("style.css gives %d colours of shared passages", len(fills))
	}
	return fills
}

// wordDoc is what a test reads of a saved comparison: the title, the
// paragraphs between it and the table, the table's rows, and the line
// under it.
type wordDoc struct {
	title  string
	lines  []string
	rows   []wordRow
	source string
	file   string // the document, saved for mammoth
}

type wordRow struct {
	header bool
	cells  []wordCell
}

// wordCell is one cell of the comparison: its heading's link, its text
// (paragraphs joined by "\n", a table's rows by "\n" and cells by "\t",
// as the JSON API joins a section's), its runs' East Asian language, and
// the text of its shaded runs by fill, of its struck-through runs and of
// its underlined ones; and the note under its heading that says its
// section stands elsewhere in its document.
type wordCell struct {
	link, text, lang   string
	moved              string
	tables             int
	shaded             map[string]string
	struck, underlined string
}

// xnode is an element of a part, with its children and text.
type xnode struct {
	name     xml.Name
	attr     map[string]string // by local name
	children []*xnode
	text     string
}

func (n *xnode) kids(local string) []*xnode {
	var out []*xnode
	for _, c := range n.children {
		if c.name.Local == local {
			out = append(out, c)
		}
	}
	return out
}

func (n *xnode) kid(local string) *xnode {
	if k := n.kids(local); len(k) > 0 {
		return k[0]
	}
	return nil
}

// parseXML reads a part, failing t on anything that is not well-formed
// XML with one root element.
func parseXML(t *testing.T, name string, data []byte) *xnode {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	root := &xnode{}
	stack := []*xnode{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &xnode{name: tok.Name, attr: map[string]string{}}
			for _, a := range tok.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.text += string(tok)
		}
	}
	if len(root.children) != 1 {
		t.Fatalf("%s has %d root elements", name, len(root.children))
	}
	return root.children[0]
}

const (
	wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	relsNS = "http://schemas.openxmlformats.org/package/2006/relationships"
)

// wordPackage is a saved Word document, read as a package: its body, the
// body's relationships by id, and the file, written for mammoth.
type wordPackage struct {
	body  *xnode
	links map[string]*xnode
	file  string
}

// openWord opens data as a .docx package, checking it as a Word
// processor reads one: every part well-formed XML with a content type,
// the body found through the package's relationships, its styles and
// its footer, numbering the pages, through the body's.
func openWord(t *testing.T, data []byte) *wordPackage {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the .docx is no zip: %v", err)
	}
	parts := map[string]*xnode{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		b, err := io.ReadAll(r) // checks the entry's CRC-32 at its end
		r.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		parts[f.Name] = parseXML(t, f.Name, b)
	}
	// Every part but the content types is declared, by name or by its
	// extension.
	types := parts["[Content_Types].xml"]
	if types == nil {
		t.Fatal("no [Content_Types].xml")
	}
	overrides, defaults := map[string]string{}, map[string]string{}
	for _, o := range types.kids("Override") {
		overrides[o.attr["PartName"]] = o.attr["ContentType"]
	}
	for _, d := range types.kids("Default") {
		defaults[d.attr["Extension"]] = d.attr["ContentType"]
	}
	for name := range parts {
		if name == "[Content_Types].xml" {
			continue
		}
		if overrides["/"+name] == "" && defaults[filepath.Ext(name)[1:]] == "" {
			t.Errorf("%s has no content type", name)
		}
	}
	rel := func(part, typ string) (target string, byID map[string]*xnode) {
		rels := parts[part]
		if rels == nil || rels.name.Space != relsNS {
			t.Fatalf("no relationships %s", part)
		}
		byID = map[string]*xnode{}
		for _, r := range rels.kids("Relationship") {
			byID[r.attr["Id"]] = r
			if strings.HasSuffix(r.attr["Type"], "/"+typ) {
				target = r.attr["Target"]
			}
		}
		return target, byID
	}
	main, _ := rel("_rels/.rels", "officeDocument")
	if overrides["/"+main] != "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml" {
		t.Fatalf("the package's main part %q is declared %q", main, overrides["/"+main])
	}
	styles, links := rel("word/_rels/document.xml.rels", "styles")
	if parts["word/"+styles] == nil {
		t.Errorf("the body's styles %q are not in the package", styles)
	}
	body := parts[main]
	if body == nil || body.name.Space != wordNS || body.kid("body") == nil {
		t.Fatalf("%s is no WordprocessingML document", main)
	}
	// The page numbers: the section's footer, by its relationship, holds
	// the fields Word fills with the page's number and the count.
	sect := body.kid("body").kid("sectPr")
	if sect == nil || sect.kid("footerReference") == nil {
		t.Fatal("the body's section has no footer")
	}
	footer := links[sect.kid("footerReference").attr["id"]]
	if footer == nil || !strings.HasSuffix(footer.attr["Type"], "/footer") || parts["word/"+footer.attr["Target"]] == nil {
		t.Fatalf("the footer's relationship %v leads to no footer of the package", footer)
	}
	var fields []string
	var instr func(n *xnode)
	instr = func(n *xnode) {
		if n.name.Local == "instrText" {
			fields = append(fields, strings.TrimSpace(n.text))
		}
		for _, k := range n.children {
			instr(k)
		}
	}
	instr(parts["word/"+footer.attr["Target"]])
	if !slices.Equal(fields, []string{"PAGE", "NUMPAGES"}) {
		t.Errorf("the footer's fields are %q, want the page's number and the count", fields)
	}

	f := filepath.Join(t.TempDir(), "saved.docx")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return &wordPackage{body: body, links: links, file: f}
}

// readWordDoc reads a saved comparison.
func readWordDoc(t *testing.T, data []byte) *wordDoc {
	t.Helper()
	pkg := openWord(t, data)
	body, links := pkg.body, pkg.links
	doc := &wordDoc{file: pkg.file}
	var runsOf func(n *xnode, c *wordCell) string
	runsOf = func(n *xnode, c *wordCell) string {
		var s strings.Builder
		for _, k := range n.children {
			switch k.name.Local {
			case "r":
				var text strings.Builder
				for _, x := range k.children {
					switch x.name.Local {
					case "t":
						text.WriteString(x.text)
					case "tab":
						text.WriteString("\t")
					case "br":
						text.WriteString("\n")
					}
				}
				s.WriteString(text.String())
				if c == nil {
					continue
				}
				pr := k.kid("rPr")
				if pr == nil {
					continue
				}
				if l := pr.kid("lang"); l != nil {
					c.lang = l.attr["eastAsia"]
				}
				if sh := pr.kid("shd"); sh != nil {
					c.shaded[sh.attr["fill"]] += strings.NewReplacer("\n", "", "\t", "").Replace(text.String())
				}
				if pr.kid("strike") != nil {
					c.struck += text.String()
				}
				// A link's underline is its style's; an inserted word's
				// is the run's own.
				if pr.kid("u") != nil {
					c.underlined += text.String()
				}
			case "hyperlink":
				if c != nil {
					r := links[k.attr["id"]]
					if r == nil || r.attr["TargetMode"] != "External" {
						t.Errorf("a link's relationship %q is missing or not external", k.attr["id"])
					} else {
						c.link = r.attr["Target"]
					}
				}
				s.WriteString(runsOf(k, c))
			}
		}
		return s.String()
	}
	var table *xnode
	for _, n := range body.kid("body").children {
		switch n.name.Local {
		case "p":
			text := runsOf(n, nil)
			switch {
			case table != nil:
				doc.source = text
			case n.kid("pPr") != nil && n.kid("pPr").kid("pStyle") != nil && n.kid("pPr").kid("pStyle").attr["val"] == "Heading1":
				doc.title = text
			default:
				doc.lines = append(doc.lines, text)
			}
		case "tbl":
			if table != nil {
				t.Fatal("the body has two tables")
			}
			table = n
		}
	}
	if table == nil {
		t.Fatal("the body has no table")
	}
	grid := len(table.kid("tblGrid").kids("gridCol"))
	for _, tr := range table.kids("tr") {
		row := wordRow{header: tr.kid("trPr") != nil && tr.kid("trPr").kid("tblHeader") != nil}
		if n := len(tr.kids("tc")); n != grid {
			t.Errorf("a row of %d cells in a grid of %d", n, grid)
		}
		for _, tc := range tr.kids("tc") {
			c := wordCell{shaded: map[string]string{}}
			var paras []string
			afterTable := false
			for i, k := range tc.children {
				switch k.name.Local {
				case "p":
					text := runsOf(k, &c)
					if i == 1 && c.link != "" || afterTable && text == "" {
						// The heading, and the paragraph a cell needs
						// after a table.
						afterTable = false
						continue
					}
					if i == 2 && c.link != "" && strings.HasPrefix(text, "次序有变：") {
						c.moved = text
						continue
					}
					paras = append(paras, text)
				case "tbl":
					paras = append(paras, tableText(k, func(p *xnode) string { return runsOf(p, &c) }))
					afterTable = true
					c.tables++
				}
			}
			if last := tc.children[len(tc.children)-1]; last.name.Local != "p" {
				t.Errorf("a cell ends in %s, not a paragraph", last.name.Local)
			}
			c.text = strings.Join(paras, "\n")
			row.cells = append(row.cells, c)
		}
		doc.rows = append(doc.rows, row)
	}
	return doc
}

// tableText returns the text of a table of a saved document as the JSON
// API joins a table's: rows by "\n", cells by "\t", a cell's paragraphs
// (each read by para) by "\n".
func tableText(tbl *xnode, para func(*xnode) string) string {
	var rows []string
	for _, tr := range tbl.kids("tr") {
		var cells []string
		for _, tc := range tr.kids("tc") {
			var ps []string
			for _, p := range tc.kids("p") {
				ps = append(ps, para(p))
			}
			cells = append(cells, strings.Join(ps, "\n"))
		}
		rows = append(rows, strings.Join(cells, "\t"))
	}
	return strings.Join(rows, "\n")
}

// mammothReads has mammoth, an independent reader of .docx files, take
// the text out of doc's file: it must read every section's text that the
// table holds and report no problem.
func mammothReads(t *testing.T, doc *wordDoc) {
	t.Helper()
	text, html := runMammoth(t, doc.file)
	squeeze := strings.NewReplacer("\n", "", "\t", "", " ", "")
	all := squeeze.Replace(text)
	n := 0
	for _, row := range doc.rows[1:] {
		for _, c := range row.cells {
			if c.link == "" {
				continue
			}
			n++
			if !strings.Contains(all, squeeze.Replace(c.text)) {
				t.Errorf("mammoth does not read the text of %s", c.link)
			}
		}
	}
	if n == 0 || !strings.Contains(html, "<table>") || !strings.Contains(html, `href="`+doc.rows[1].cells[0].link+`"`) &&
		!strings.Contains(html, `href="`+doc.rows[1].cells[2].link+`"`) {
		t.Errorf("mammoth reads no table of linked sections (%d cells)", n)
	}
}

// runMammoth has mammoth read the Word document file, failing t on any
// message it gives, and returns its text and its HTML.
func runMammoth(t *testing.T, file string) (text, html string) {
	t.Helper()
	mammoth := auditTool(t, "mammoth/lib/index.js")
	script := `const m = require(process.argv[1]);
Promise.all([m.extractRawText({path: process.argv[2]}), m.convertToHtml({path: process.argv[2]})]).then(([raw, html]) =>
  console.log(JSON.stringify({text: raw.value, messages: raw.messages.concat(html.messages), html: html.value})));`
	out, err := exec.Command("node", "-e", script, mammoth, file).Output()
	if err != nil {
		t.Fatalf("mammoth: %v", err)
	}
	var got struct {
		Text     string
		Messages []struct{ Type, Message string }
		HTML     string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("mammoth's output: %v", err)
	}
	for _, m := range got.Messages {
		t.Errorf("mammoth: %s: %s", m.Type, m.Message)
	}
	return got.Text, got.HTML
}
