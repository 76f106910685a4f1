package site

import (
	"bytes"
	"cmp"
	"encoding/json"
	"html/template"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"tiaowen/internal/align"
	"tiaowen/internal/corpus"
	"tiaowen/internal/hanconv"
	"tiaowen/internal/textnorm"
)

// maxAllPairs is the corpus size up to which every pair of documents is
// compared and pre-rendered; beyond it, each document is compared with its
// most similar documents only.
const (
	maxAllPairs   = 30
	similarPerDoc = 10
	counterparts  = 5
)

// docPair is two documents in corpus order (a's id sorts before b's).
type docPair struct{ a, b *docInfo }

// comparePairs chooses the pairs to align and pre-render.
func (s *Site) comparePairs() []docPair {
	var pairs []docPair
	if len(s.docs) <= maxAllPairs {
		for i, a := range s.docs {
			for _, b := range s.docs[i+1:] {
				pairs = append(pairs, docPair{a, b})
			}
		}
		return pairs
	}
	byID := map[string]*docInfo{}
	for _, d := range s.docs {
		byID[d.ID] = d
	}
	// Each document's neighbours on any core, then the pairs in order.
	similar := make([][]align.DocScore, len(s.docs))
	parallel(len(s.docs), func(i int) { similar[i] = s.align.SimilarDocs(s.docs[i].Document, similarPerDoc) })
	seen := map[[2]string]bool{}
	for i, d := range s.docs {
		for _, o := range similar[i] {
			a, b := d, byID[o.Doc]
			if b == nil || a == b {
				continue
			}
			if b.ID < a.ID {
				a, b = b, a
			}
			if !seen[[2]string{a.ID, b.ID}] {
				seen[[2]string{a.ID, b.ID}] = true
				pairs = append(pairs, docPair{a, b})
			}
		}
	}
	// Two versions of a document are compared whatever the rest of the
	// corpus: their pages link to the comparison.
	for _, v := range s.versionPairs() {
		a, b := v[0], v[1]
		if b.ID < a.ID {
			a, b = b, a
		}
		if !seen[[2]string{a.ID, b.ID}] {
			seen[[2]string{a.ID, b.ID}] = true
			pairs = append(pairs, docPair{a, b})
		}
	}
	slices.SortFunc(pairs, func(x, y docPair) int {
		if c := strings.Compare(x.a.ID, y.a.ID); c != 0 {
			return c
		}
		return strings.Compare(x.b.ID, y.b.ID)
	})
	return pairs
}

// pairStat is what the pages and the API say of a pair beside its own
// page, and still can once its alignment is let go: how many sections
// it pairs, and the share of each document's text that the two share.
type pairStat struct {
	Matched int
	Shared  [2]float64 // of a's text, of b's
}

func measure(p docPair, al align.Alignment) pairStat {
	a, b := al.SharedRunes()
	return pairStat{Matched: len(al.Pairs), Shared: [2]float64{share(a, p.a.textRunes), share(b, p.b.textRunes)}}
}

func share(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(n) / float64(total)
}

// percent writes a share as readers read it: a whole percentage, and
// "不足 1%" rather than a 0% that would say there is nothing.
func percent(f float64) string {
	p := int(math.Round(f * 100))
	switch {
	case f == 0:
		return "0%"
	case p == 0:
		return "不足 1%"
	}
	return strconv.Itoa(p) + "%"
}

// compareRow is one row of a pair page: a section of a, of b, or both.
type compareRow struct {
	A, B    *corpus.Section
	Score   float64
	Percent int
	Themes  string // theme ids of both sides, space-separated
	// Same is set when neither side says anything the other does not:
	// the texts are equal once normalised, or every character of both
	// outside punctuation is in a shared passage. "Only differences"
	// hides such rows.
	Same    bool
	AnchorA string // element ids: a-<eId>, b-<eId>
	AnchorB string
	Shade   int // 0–5, for the overview strip

	// What the cells are written from: each side's writer and the
	// passages of its text (code points) that the other side shares.
	aw, bw           *sectionWriter
	aShared, bShared [][2]int
}

// AHTML is the row's cell of a: marker, title and own text with the
// shared passages marked; "" when the row has no section of a.
func (r compareRow) AHTML() template.HTML { return cellHTML(r.aw, r.A, r.aShared) }

// BHTML is the row's cell of b, as AHTML.
func (r compareRow) BHTML() template.HTML { return cellHTML(r.bw, r.B, r.bShared) }

func cellHTML(w *sectionWriter, s *corpus.Section, shared [][2]int) template.HTML {
	if s == nil {
		return ""
	}
	var b bytes.Buffer
	w.compareCell(&b, s, shared)
	return template.HTML(b.String())
}

// pairData is /compare/<a>--<b>/.
type pairData struct {
	A, B    *docInfo
	Rows    []compareRow
	Matched int
	// SharedA and SharedB are the shares of each document's text that the
	// two share, as percentages.
	SharedA, SharedB string
	Themes           []themeCount
	FoldMap          template.JS // 繁→简: the hanconv entries a traditional side uses
	FoldSide         string      // "a", "b", "ab" or "" when neither side is traditional
	// Reordered is whether some pair of sections stands in the second
	// document's order otherwise than in the first's: the page then has
	// 按后者次序, written by the build so that the tools have their place
	// from the first paint.
	Reordered bool
	JSONPath  string
	// Lang is the page's language: a cell names its document's only
	// when it is another, as a row's two cells and a hundred rows would
	// otherwise repeat what <html lang> says.
	Lang string
	// Naming says where either document names the other (package refs):
	// with the dates, the plainest word on which follows which.
	Naming []pairNaming
	// Versions says, of two versions of a document, which supersedes
	// which ("后者取代前者"); "" for two documents that are not.
	Versions string
}

// pairNaming is one document of a pair naming the other: "前者" or "后者"
// for each, and the places in the one that names.
type pairNaming struct {
	Who, Whom string
	Places    []namedPlace
}

// rows lays out an alignment: pairs in the order of a, with b's unmatched
// sections placed after the row of their nearest matched predecessor in b.
func (s *Site) rows(p docPair, al align.Alignment, root string) []compareRow {
	aw := &sectionWriter{doc: p.a, root: root}
	bw := &sectionWriter{doc: p.b, root: root}
	// The maps at their final sizes, and pairs by index, not copied: a
	// site lays out every pair page's rows, and these were a tenth of
	// the bytes an N=2000 build allocates.
	aPair := make(map[string]int, len(al.Pairs))      // a's eId → its pair's index
	pairedB := make(map[string]string, len(al.Pairs)) // b's eId → its counterpart's
	bSec := make(map[string]*corpus.Section, len(p.b.Sections))
	for _, sb := range p.b.Sections {
		bSec[sb.EID] = sb
	}
	for i, pr := range al.Pairs {
		aPair[pr.A] = i
		pairedB[pr.B] = pr.A
	}
	// after[eIdOfA] lists b's unmatched sections to place after that row;
	// "" is before the first row.
	after := map[string][]*corpus.Section{}
	prevA := ""
	for _, sb := range p.b.Sections {
		if a, ok := pairedB[sb.EID]; ok {
			prevA = a
			continue
		}
		after[prevA] = append(after[prevA], sb)
	}
	// A row for each section of a, and for each of b's unmatched.
	rows := make([]compareRow, 0, len(p.a.Sections)+len(p.b.Sections)-len(pairedB))
	addB := func(key string) {
		for _, sb := range after[key] {
			rows = append(rows, compareRow{B: sb, AnchorB: "b-" + sb.EID, Themes: themeIDs(p.b, sb), aw: aw, bw: bw})
		}
	}
	addB("")
	for _, sa := range p.a.Sections {
		row := compareRow{A: sa, AnchorA: "a-" + sa.EID, aw: aw, bw: bw}
		if i, ok := aPair[sa.EID]; ok {
			pr := &al.Pairs[i]
			sb := bSec[pr.B]
			row.B, row.AnchorB, row.Score = sb, "b-"+sb.EID, pr.Score
			row.Percent = int(pr.Score*100 + 0.5)
			row.Shade = min(5, int(pr.Score*6))
			as, bs := make([][2]int, 0, len(pr.Shared)), make([][2]int, 0, len(pr.Shared))
			for _, sh := range pr.Shared {
				as = append(as, sh.A)
				bs = append(bs, sh.B)
			}
			row.aShared, row.bShared = as, bs
			// Equal texts of MinShared characters or more are one shared
			// passage; only shorter ones need comparing.
			row.Same = sa.Text != "" && (allShared(sa.Text, as) && allShared(sb.Text, bs) ||
				len(sa.Text) < 3*2*align.MinShared && textnorm.Key(sa.Text) == textnorm.Key(sb.Text))
			row.Themes = mergeIDs(themeIDs(p.a, sa), themeIDs(p.b, sb))
		} else {
			row.Themes = themeIDs(p.a, sa)
		}
		rows = append(rows, row)
		addB(sa.EID)
	}
	return rows
}

// allShared reports whether every character of text outside the ranges
// (code points) is punctuation or space. It runs for every matched row
// of every pair page, so it sweeps the ranges in order of their start
// rather than marking the covered characters and building the rest.
func allShared(text string, ranges [][2]int) bool {
	if len(ranges) == 0 {
		return false
	}
	sorted := slices.Clone(ranges)
	slices.SortFunc(sorted, func(x, y [2]int) int { return cmp.Compare(x[0], y[0]) })
	// end is the furthest end of the ranges that start at or before i:
	// character i is covered exactly when i < end.
	i, k, end := 0, 0, math.MinInt
	for _, c := range text {
		for k < len(sorted) && sorted[k][0] <= i {
			end = max(end, sorted[k][1])
			k++
		}
		if i >= end && !textnorm.Dropped(c) {
			return false
		}
		i++
	}
	return true
}

func themeIDs(d *docInfo, s *corpus.Section) string {
	var ids []string
	for _, t := range d.secs[s.Index].themes {
		ids = append(ids, t.ID)
	}
	return strings.Join(ids, " ")
}

func mergeIDs(a, b string) string {
	set := strings.Fields(a + " " + b)
	slices.Sort(set)
	return strings.Join(slices.Compact(set), " ")
}

// mark is a shared passage in a cell: code points [start, end) of the
// section's text, passage k of the row.
type mark struct{ start, end, k int }

// compareCell renders one side of a row: marker, title, and own text with
// the shared passages marked. Passage k is <mark class="sh" data-k="k">
// on both sides of the row, so that hovering one can light the other.
func (w *sectionWriter) compareCell(b *bytes.Buffer, s *corpus.Section, shared [][2]int) {
	b.Grow(cellSize(s, shared))
	// The heading is the link alone, its title unwrapped: a pair page
	// has a cell for every section of two documents, and every wrapper
	// is paid for a few hundred times.
	b.WriteString(`<a class="cmp-h" href="`)
	b.WriteString(w.root + sectionPath(w.doc.ID, s.EID) + "index.html")
	b.WriteString(`">`)
	b.WriteString(markerTag(s))
	escapeTo(b, s.Citation())
	b.WriteString(`</span>`)
	escapeTo(b, s.Title)
	b.WriteString("</a>")
	if s.Text == "" {
		return
	}
	// Shared offsets are in code points of Text, whose paragraphs are
	// joined by "\n". A passage overlapped by an earlier one is cut to
	// begin where that ends, or dropped; one that runs across paragraphs
	// is split in two.
	marks := make([]mark, 0, len(shared))
	for k, sh := range shared {
		if sh[0] < sh[1] {
			marks = append(marks, mark{sh[0], sh[1], k})
		}
	}
	slices.SortFunc(marks, func(x, y mark) int { return x.start - y.start })
	kept, last := marks[:0], 0
	for _, m := range marks {
		if m.end > last {
			m.start = max(m.start, last)
			kept, last = append(kept, m), m.end
		}
	}
	marks = kept
	// The marks' starts and ends, in order, turned into byte offsets in
	// one pass over the runes; those past the text are its end, so a mark
	// that begins there is empty, and not written.
	at := make([]int, 0, 2*len(marks))
	for _, m := range marks {
		at = append(at, m.start, m.end)
	}
	n, i := 0, 0
	for bi := range s.Text {
		for ; n < len(at) && at[n] == i; n++ {
			at[n] = bi
		}
		if n == len(at) {
			break
		}
		i++
	}
	for ; n < len(at); n++ {
		at[n] = len(s.Text)
	}
	t := markedText{text: s.Text, at: at, marks: marks}
	lines := func(lo, hi int) { // paragraphs, a <p> each
		for {
			nl := strings.IndexByte(s.Text[lo:hi], '\n')
			b.WriteString("<p>")
			if nl < 0 {
				t.write(b, lo, hi)
				b.WriteString("</p>")
				return
			}
			t.write(b, lo, lo+nl)
			b.WriteString("</p>")
			lo += nl + 1
		}
	}
	if !s.TextOfBlocks() {
		lines(0, len(s.Text))
		return
	}
	lo := 0 // the block's first byte in Text, whose blocks are joined by "\n"
	for _, bl := range s.Blocks {
		hi := lo + len(bl.Text)
		switch bl.Kind {
		case corpus.Table:
			writeMarkedTable(b, &t, lo, bl.Rows)
		case corpus.Code:
			b.WriteString("<pre><code>")
			t.write(b, lo, hi)
			b.WriteString("</code></pre>")
		default:
			lines(lo, hi)
		}
		lo = hi + 1
	}
}

// writeMarkedTable writes a table whose text (rows joined by "\n", cells
// by "\t") starts at byte lo of t, each cell with the passages in it.
func writeMarkedTable(b *bytes.Buffer, t *markedText, lo int, rows [][]string) {
	b.WriteString(`<div class="table-wrap" tabindex="0"><table>`)
	for i, row := range rows {
		startTag, endTag := "<td>", "</td>"
		if i == 0 {
			startTag, endTag = "<th>", "</th>"
		}
		b.WriteString("<tr>")
		for _, c := range row {
			b.WriteString(startTag)
			t.write(b, lo, lo+len(c))
			b.WriteString(endTag)
			lo += len(c) + 1
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</table></div>")
}

// markedText writes parts of a cell's text, in order, with the shared
// passages that fall in each marked: mark n spans text[at[2n]:at[2n+1]]
// and is passage marks[n].k. A passage is opened again in every part it
// has text in.
type markedText struct {
	text  string
	at    []int
	marks []mark
	next  int // the first mark not yet written to its end
}

func (t *markedText) write(b *bytes.Buffer, lo, hi int) {
	for lo < hi {
		for t.next < len(t.marks) && t.at[2*t.next+1] <= lo {
			t.next++
		}
		if t.next == len(t.marks) || t.at[2*t.next] >= hi {
			escapeTo(b, t.text[lo:hi])
			return
		}
		start, end := max(t.at[2*t.next], lo), min(t.at[2*t.next+1], hi)
		escapeTo(b, t.text[lo:start])
		k := t.marks[t.next].k
		b.WriteString(`<mark class="sh s`)
		b.WriteString(strconv.Itoa(k % 6))
		b.WriteString(`" data-k="`)
		b.WriteString(strconv.Itoa(k))
		b.WriteString(`">`)
		escapeTo(b, t.text[start:end])
		b.WriteString("</mark>")
		lo = end
	}
}

// cellSize is about what compareCell writes for s.
func cellSize(s *corpus.Section, shared [][2]int) int {
	return len(s.Text) + len(s.Title) + 48*len(shared) + 256
}

// simplifiedEntries returns the entries of hanconv's 繁→简 tables that
// a document's sections use, for its pair pages' toggle, which converts
// its cells by them as hanconv does.
func simplifiedEntries(d *corpus.Document) map[string]string {
	texts := make([]string, 0, 3*len(d.Sections))
	for _, s := range d.Sections {
		texts = append(texts, s.Marker, s.Title, s.Text)
	}
	return hanconv.Entries(texts...)
}

// foldEntries is the JSON object of the entries of docs, for a pair
// page's toggle.
func foldEntries(docs ...*docInfo) template.JS {
	m := docs[0].simplified
	if len(docs) > 1 {
		m = maps.Clone(m)
		for _, d := range docs[1:] {
			maps.Copy(m, d.simplified)
		}
	}
	b, _ := json.Marshal(m)
	return template.JS(b)
}

func (s *Site) pairPage(p docPair, al align.Alignment) *Page {
	path := comparePath(p.a.ID, p.b.ID)
	pg := s.base("compare", path, p.a.Label()+" × "+p.b.Label(), "")
	pg.Description = "逐条对照：" + p.a.Label() + " 与 " + p.b.Label()
	pg.Draft = p.a.Draft || p.b.Draft
	st := measure(p, al)
	data := pairData{A: p.a, B: p.b, Rows: s.rows(p, al, pg.Root), Matched: st.Matched,
		SharedA: percent(st.Shared[0]), SharedB: percent(st.Shared[1]),
		JSONPath: pg.Root + "api/" + path[:len(path)-1] + ".json", Lang: pg.Lang}
	for _, n := range []struct {
		from, to  *docInfo
		who, whom string
	}{{p.a, p.b, "前者", "后者"}, {p.b, p.a, "后者", "前者"}} {
		var places []namedPlace
		for _, m := range n.from.names {
			if m.to == n.to.ID {
				places = append(places, s.namedPlace(m))
			}
		}
		if places != nil {
			data.Naming = append(data.Naming, pairNaming{Who: n.who, Whom: n.whom, Places: places})
		}
		if v := s.versions[n.to.ID]; v != nil && v.newer == n.from {
			data.Versions = n.who + "取代" + n.whom
		}
	}
	data.Reordered = reordered(data.Rows)
	seen := map[string]int{}
	for _, r := range data.Rows {
		for _, id := range strings.Fields(r.Themes) {
			seen[id]++
		}
	}
	for _, t := range s.themes.Themes {
		if seen[t.ID] > 0 {
			data.Themes = append(data.Themes, themeCount{Theme: t, Count: seen[t.ID]})
		}
	}
	switch hantA, hantB := p.a.Lang == "zh-Hant", p.b.Lang == "zh-Hant"; {
	case hantA && hantB:
		data.FoldSide, data.FoldMap = "ab", foldEntries(p.a, p.b)
	case hantA:
		data.FoldSide, data.FoldMap = "a", p.a.foldJSON
	case hantB:
		data.FoldSide, data.FoldMap = "b", p.b.foldJSON
	}
	pg.Data = data
	return pg
}

// reordered is whether the rows' pairs of sections — those whose cells
// are both anchored, as static/compare.js counts them — are out of the
// second document's order somewhere: compare.js notes each pair that
// stands out of it, and offers the rows in that order, when one does.
func reordered(rows []compareRow) bool {
	last := -1
	for _, r := range rows {
		if r.A == nil || r.B == nil || r.AnchorA == "" || r.AnchorB == "" {
			continue
		}
		if r.B.Index <= last {
			return true
		}
		last = r.B.Index
	}
	return false
}

// Overview is the strip of the page's rows; Table, the rows. A pair
// page holds two whole documents, and walking them through the template
// engine's reflection took longer than aligning them: the stock page
// writes both straight into the page (writePairPage), and a project's
// own pair.html gets them whole from these.
func (d pairData) Overview() template.HTML {
	var b bytes.Buffer
	writeOverview(&b, d)
	return template.HTML(b.String())
}

// Table: see Overview.
func (d pairData) Table() template.HTML {
	var b bytes.Buffer
	writePairTable(&b, d)
	return template.HTML(b.String())
}

// writeOverview writes an entry of the overview strip for each row.
func writeOverview(ov *bytes.Buffer, d pairData) {
	ov.Grow(128 * len(d.Rows))
	for _, r := range d.Rows {
		ov.WriteString(`<a class="ov h`)
		ov.WriteString(strconv.Itoa(r.Shade))
		if r.A == nil {
			ov.WriteString(" only-b")
		}
		if r.B == nil {
			ov.WriteString(" only-a")
		}
		ov.WriteString(`" href="#`)
		var title string
		if r.A != nil {
			escapeTo(ov, r.AnchorA)
			title = r.A.Citation()
		} else {
			escapeTo(ov, r.AnchorB)
		}
		if r.A != nil && r.B != nil {
			title += " ↔ "
		}
		if r.B != nil {
			title += r.B.Citation()
		}
		// The title is the link's name too: the rows' citations say
		// more to a screen reader than their numbers.
		ov.WriteString(`" title="`)
		escapeTo(ov, title)
		ov.WriteString(`"></a>`)
	}
}

// writePairTable writes the rows of the table, each with its two cells.
func writePairTable(tb *bytes.Buffer, d pairData) {
	// Grown once, to the cells' length and each row's markup (about 250
	// bytes): the rows are most of the page, and a buffer that doubles
	// as it goes allocates twice what it keeps.
	size := 0
	for _, r := range d.Rows {
		if r.A != nil {
			size += cellSize(r.A, r.aShared)
		}
		if r.B != nil {
			size += cellSize(r.B, r.bShared)
		}
		size += 256
	}
	tb.Grow(size)
	for _, r := range d.Rows {
		tb.WriteString(`<div class="cmp-row`)
		if r.Same {
			tb.WriteString(" same")
		}
		if r.A == nil {
			tb.WriteString(" only-b")
		}
		if r.B == nil {
			tb.WriteString(" only-a")
		}
		tb.WriteString(`" role="row"`)
		if r.Themes != "" {
			tb.WriteString(` data-themes="`)
			escapeTo(tb, r.Themes)
			tb.WriteByte('"')
		}
		tb.WriteString(">\n")
		cell := func(side, anchor, lang string, w *sectionWriter, s *corpus.Section, shared [][2]int) {
			tb.WriteString(`<div class="cmp-` + side + `" role="cell"`)
			if anchor != "" {
				tb.WriteString(` id="`)
				escapeTo(tb, anchor)
				tb.WriteByte('"')
			}
			if lang != d.Lang {
				tb.WriteString(` lang="`)
				escapeTo(tb, lang)
				tb.WriteByte('"')
			}
			// The rows go in a's order, so that b's sections may stand
			// out of theirs: each says where it stands, for what
			// static/compare.js reads of b's order — the moved rows'
			// notes, "按后者次序" and the 修订稿.
			if side == "b" && s != nil {
				tb.WriteString(` data-n="` + strconv.Itoa(s.Index) + `"`)
			}
			tb.WriteString(">")
			if s != nil {
				w.compareCell(tb, s, shared)
			} else {
				tb.WriteString(`<p class="none">（无对应条目）</p>`)
			}
			tb.WriteString("</div>\n")
		}
		cell("a", r.AnchorA, d.A.Lang, r.aw, r.A, r.aShared)
		tb.WriteString(`<div class="score" role="cell">`)
		if r.A != nil && r.B != nil {
			tb.WriteString(`<span class="badge h` + strconv.Itoa(r.Shade) + `" title="相似度">` + strconv.Itoa(r.Percent) + "%</span>")
		}
		tb.WriteString("</div>\n")
		cell("b", r.AnchorB, d.B.Lang, r.bw, r.B, r.bShared)
		tb.WriteString("</div>\n")
	}
}

// chooserData is /compare/.
type chooserData struct {
	Docs []*docInfo
	// Pairs are the pairs this page lists, the First to the Last (from
	// 1) of the Total.
	Pairs              []pairLink
	Total, First, Last int
	Pager              *pager
	// Form is true on the first page, which has the chooser's form, and
	// Index, for each document in Docs, the positions in Docs of the
	// later documents it has a pair page with: what the form's script
	// looks a pair up in.
	Form   bool
	Index  [][]int
	Matrix []simRow
	// Closest are the pairs that share the most, on the first page.
	Closest []pairLink
}

type pairLink struct {
	A, B    *docInfo
	Path    string
	Matched int
	// SharedA and SharedB are the shares of each document's text that the
	// two share, as percentages.
	SharedA, SharedB string
}

// pairLink is the i-th pair of s.pairs as the chooser lists it.
func (s *Site) pairLink(i int) pairLink {
	p, st := s.pairs[i], s.pairStats[i]
	return pairLink{A: p.a, B: p.b, Path: comparePath(p.a.ID, p.b.ID), Matched: st.Matched,
		SharedA: percent(st.Shared[0]), SharedB: percent(st.Shared[1])}
}

// closestShown is how many pairs the chooser names as sharing the most.
const closestShown = 10

// closestPairs are the pairs in which one document repeats the most of
// the other — the share of the text of whichever shares more — most
// first, then in corpus order: where one document was written from
// another, the first thing a reader of a corpus wants to find. At most
// closestShown, and never more than half the pairs, so that a small
// corpus's list of every pair is not repeated; none with nothing shared.
func (s *Site) closestPairs() []pairLink {
	most := func(i int) float64 { return max(s.pairStats[i].Shared[0], s.pairStats[i].Shared[1]) }
	var order []int
	for i := range s.pairs {
		if most(i) > 0 {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmp.Compare(most(j), most(i)) })
	order = order[:min(len(order), closestShown, len(s.pairs)/2)]
	if len(order) < 2 {
		return nil
	}
	out := make([]pairLink, len(order))
	for k, i := range order {
		out[k] = s.pairLink(i)
	}
	return out
}

type simRow struct {
	Doc   *docInfo
	Cells []simCell
}

type simCell struct {
	Other   *docInfo
	Percent int
	Shade   int
	Path    string // the pair page, when pre-rendered
}

// pairsPerDoc scales paginate, the documents on a page of the home page,
// to the pairs on a page of the chooser: a pair's line is a tenth of a
// document's row and matrix row there. A variable so that tests can page
// the seeds' ten pairs.
var pairsPerDoc = 10

// chooserPages is the number of pages of the chooser: at least one.
func (s *Site) chooserPages() int {
	per := s.perPage() * pairsPerDoc
	return max(1, (len(s.pairs)+per-1)/per)
}

// chooserPagePath is the path of the chooser's n-th page (from 1).
func chooserPagePath(n int) string {
	return comparePage + homePagePath(n)
}

// chooserPageNumber reads n from "compare/page/<n>/index.html", for a
// page the chooser has after its first.
func (s *Site) chooserPageNumber(name string) (int, bool) {
	rest, ok := strings.CutPrefix(name, comparePage)
	if !ok {
		return 0, false
	}
	return pageNumber(rest, s.chooserPages())
}

func (s *Site) chooserPage() *Page {
	return s.chooserPageN(1)
}

// chooserPageN is the n-th page of the chooser, /compare/: the form that
// takes a reader to any two documents' pair page and the similarity
// matrix of a small corpus on the first, and on each its share of the
// list of pair pages, for readers without JavaScript.
func (s *Site) chooserPageN(n int) *Page {
	path := chooserPagePath(n)
	p := s.base("compare", path, "对照阅读", "")
	p.Description = "任选两份文件，逐条对照，标出共有语句"
	if n > 1 {
		p.Title = "对照阅读 第 " + strconv.Itoa(n) + " 页"
	}
	per := s.perPage() * pairsPerDoc
	first, end := (n-1)*per, min(n*per, len(s.pairs))
	data := chooserData{Docs: s.docs, Form: n == 1, Total: len(s.pairs), First: first + 1, Last: end,
		Pager: newPager("对照组合分页", n, max(1, (len(s.pairs)+per-1)/per), func(i int) string {
			return p.Root + chooserPagePath(i) + "index.html"
		})}
	for i := first; i < end; i++ {
		data.Pairs = append(data.Pairs, s.pairLink(i))
	}
	if n > 1 {
		p.Data = data
		return p
	}
	data.Closest = s.closestPairs()
	rendered := map[[2]string]bool{}
	at := make(map[*docInfo]int, len(s.docs))
	for i, d := range s.docs {
		at[d] = i
	}
	data.Index = make([][]int, len(s.docs))
	for i := range data.Index {
		data.Index[i] = []int{}
	}
	for _, pr := range s.pairs {
		rendered[[2]string{pr.a.ID, pr.b.ID}] = true
		i, j := at[pr.a], at[pr.b]
		if j < i {
			i, j = j, i
		}
		data.Index[i] = append(data.Index[i], j)
	}
	for _, js := range data.Index {
		slices.Sort(js)
	}
	if len(s.docs) <= maxAllPairs {
		for _, d := range s.docs {
			row := simRow{Doc: d}
			for _, o := range s.docs {
				c := simCell{Other: o}
				if o != d {
					sim := s.align.DocSimilarity(d.Document, o.Document)
					c.Percent = int(sim*100 + 0.5)
					c.Shade = min(5, int(sim*6))
					a, b := d.ID, o.ID
					if b < a {
						a, b = b, a
					}
					if rendered[[2]string{a, b}] {
						c.Path = comparePath(a, b)
					}
				}
				row.Cells = append(row.Cells, c)
			}
			data.Matrix = append(data.Matrix, row)
		}
	}
	p.Data = data
	return p
}

// counterpartView is a section's counterpart in another document.
type counterpartView struct {
	Doc     *docInfo
	Section *corpus.Section
	Percent int
	Pair    string // the pair page and row, or "" when not pre-rendered
}

// counterpart is one section's partner in an aligned pair of documents.
type counterpart struct {
	doc   *docInfo
	sec   int32   // index of the partner section in doc
	score float32 // the pair's score
	pair  int32   // index in Site.pairs
}

// sectionIndex finds a document's sections by eId, indexing each
// document the first time it is asked about.
type sectionIndex map[*docInfo]map[string]int32

// of returns the position of the section eid in d, or -1.
func (x sectionIndex) of(d *docInfo, eid string) int32 {
	m := x[d]
	if m == nil {
		m = make(map[string]int32, len(d.Sections))
		for i, sec := range d.Sections {
			m[sec.EID] = int32(i)
		}
		x[d] = m
	}
	if i, ok := m[eid]; ok {
		return i
	}
	return -1
}

// indexCounterparts gathers, for every section, its partners in the
// pairs of documents the site aligned, best first, at most counterparts
// of them. Taking them from the alignments rather than searching the
// corpus again means every counterpart shown has its row on a pair page
// to link to, and costs nothing beyond the alignment itself.
func (s *Site) indexCounterparts() {
	s.counterparts = map[*corpus.Section][]counterpart{}
	eids := sectionIndex{}
	index := eids.of
	for pi, p := range s.pairs {
		for _, pr := range s.alignments[pi].Pairs {
			ia, ib := index(p.a, pr.A), index(p.b, pr.B)
			if ia < 0 || ib < 0 {
				continue
			}
			sa, sb := p.a.Sections[ia], p.b.Sections[ib]
			s.counterparts[sa] = append(s.counterparts[sa], counterpart{p.b, ib, float32(pr.Score), int32(pi)})
			s.counterparts[sb] = append(s.counterparts[sb], counterpart{p.a, ia, float32(pr.Score), int32(pi)})
		}
	}
	for sec, cs := range s.counterparts {
		// Best first; among equals, in corpus order, so builds agree.
		slices.SortFunc(cs, func(x, y counterpart) int {
			if x.score != y.score {
				return cmp.Compare(y.score, x.score)
			}
			return strings.Compare(x.doc.ID, y.doc.ID)
		})
		// A copy, not a slice of cs: a section's list was grown by
		// doubling to hold every partner, and the site holds one for
		// every section until its pages are written.
		s.counterparts[sec] = slices.Clone(cs[:min(len(cs), counterparts)])
	}
}

// counterpartsOf lists a section's best counterparts in other documents,
// each linking to its row on the pair page.
func (s *Site) counterpartsOf(d *docInfo, sec *corpus.Section) []counterpartView {
	var out []counterpartView
	for _, c := range s.counterparts[sec] {
		p := s.pairs[c.pair]
		side := "a-"
		if p.b == d {
			side = "b-"
		}
		out = append(out, counterpartView{Doc: c.doc, Section: c.doc.Sections[c.sec],
			Percent: int(float64(c.score)*100 + 0.5),
			Pair:    comparePath(p.a.ID, p.b.ID) + "index.html#" + side + sec.EID})
	}
	return out
}
