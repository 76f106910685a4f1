package site

import (
	"html/template"
	"slices"
	"strings"
	"unicode/utf8"

	"tiaowen/internal/corpus"
	"tiaowen/internal/hanconv"
	"tiaowen/internal/refs"
	"tiaowen/internal/themes"
)

// docInfo is a document with what the analysis found in it.
type docInfo struct {
	*corpus.Document
	Index int
	secs  []secInfo // parallel to Document.Sections
	// themeCounts[t] is the number of sections that mention theme t.
	themeCounts []int
	// themeForms[t] are the ways its sections write theme t's terms —
	// 双比对、双提升, 雙比對雙提升 — each once, in the order they come.
	themeForms [][]string
	// textRunes is the length of the document's text in code points:
	// the sum of its sections' own text, which shared passages count in.
	textRunes int
	// preambleNamed and trailingNamed are the titles naming other
	// documents in the preamble's and trailing matter's blocks.
	preambleNamed, trailingNamed [][]refs.Ref
	// names are the places where the document names others, in order.
	names []mention
	// simplified is, for a document in 繁體, simplifiedEntries: what
	// its pair pages' 繁→简 toggle converts by; foldJSON, the same as
	// JSON, written once for its many pair pages.
	simplified map[string]string
	foldJSON   template.JS
	// aside tells the document apart from others of its title; see
	// corpus.TitleAsides.
	aside string
}

// mention is a place where a document names another of the corpus.
type mention struct {
	from, to string // the documents' ids
	// eid is the section of from that names to; "" in the preamble or,
	// with trailing set, in the matter after the last section.
	eid      string
	trailing bool
}

// SimplifiedTitle is the title in 简体 when it is written otherwise, and
// "" when it is not: the chooser finds a 繁體 title by a 简体 word.
func (d *docInfo) SimplifiedTitle() string {
	if s := hanconv.Simplify(d.Title); s != d.Title {
		return s
	}
	return ""
}

// Facts are what a reader weighs a document by beside its date, those it
// has: its level, issuer, number, and its status when not 正式.
func (d *docInfo) Facts() []string {
	var out []string
	for _, f := range []string{levelName(d.Level), d.Issuer, d.Number} {
		if f != "" {
			out = append(out, f)
		}
	}
	if st := unofficial(d.Document); st != "" {
		out = append(out, st)
	}
	return out
}

// Dated is the document's date and, when not 正式, its status: what tells
// apart two versions under one title (a 征求意见稿 and its final text)
// where a page lists documents by title.
func (d *docInfo) Dated() string {
	parts := make([]string, 0, 2)
	if d.Date != "" {
		parts = append(parts, d.Date)
	}
	if st := unofficial(d.Document); st != "" {
		parts = append(parts, st)
	}
	return strings.Join(parts, " · ")
}

// secInfo is what the analysis found in one section.
type secInfo struct {
	titleTerms []themes.Match
	blockTerms [][]themes.Match // parallel to Section.Blocks
	blockNamed [][]refs.Ref     // parallel to Section.Blocks; nil without any
	themes     []*themes.Theme  // distinct, in theme order
}

// analyse matches every theme in every section once, and finds the
// titles that name other documents of the corpus (named); pages, the theme
// index and the API all read the result. Documents are matched across the
// cores, each into its own docInfo.
func analyse(c *corpus.Corpus, set *themes.Set, m *themes.Matcher, named *refs.Index) []*docInfo {
	docs := make([]*docInfo, len(c.Docs))
	index := map[*themes.Theme]int{}
	for i, t := range set.Themes {
		index[t] = i
	}
	parallel(len(c.Docs), func(i int) {
		d := c.Docs[i]
		di := &docInfo{Document: d, Index: i, secs: make([]secInfo, len(d.Sections)), themeCounts: make([]int, len(set.Themes)), themeForms: make([][]string, len(set.Themes))}
		if d.Lang == "zh-Hant" {
			di.simplified = simplifiedEntries(d)
			di.foldJSON = foldEntries(di)
		}
		for j, s := range d.Sections {
			di.textRunes += utf8.RuneCountInString(s.Text)
			si := &di.secs[j]
			seen := make([]bool, len(set.Themes))
			note := func(text string, ms []themes.Match) {
				var rs []rune
				for _, mt := range ms {
					t := index[mt.Theme]
					seen[t] = true
					if rs == nil {
						rs = []rune(text)
					}
					if form := string(rs[mt.Start:mt.End]); !slices.Contains(di.themeForms[t], form) {
						di.themeForms[t] = append(di.themeForms[t], form)
					}
				}
			}
			si.titleTerms = m.Find(s.Title)
			note(s.Title, si.titleTerms)
			si.blockTerms = make([][]themes.Match, len(s.Blocks))
			for k, b := range s.Blocks {
				if b.Kind == corpus.Code {
					continue
				}
				si.blockTerms[k] = findTerms(m, b)
				note(b.Text, si.blockTerms[k])
			}
			for t, ok := range seen {
				if ok {
					si.themes = append(si.themes, set.Themes[t])
					di.themeCounts[t]++
				}
			}
			si.blockNamed = di.findNamed(named, s.Blocks, s.EID, false)
		}
		di.preambleNamed = di.findNamed(named, d.Preamble, "", false)
		di.trailingNamed = di.findNamed(named, d.Trailing, "", true)
		docs[i] = di
	})
	return docs
}

// findTerms finds the theme terms in a block's text. A table's are found
// cell by cell: the matcher passes over white space, and a term must not
// run from the end of one cell into the next.
func findTerms(m *themes.Matcher, b corpus.Block) []themes.Match {
	if b.Kind != corpus.Table {
		return m.Find(b.Text)
	}
	var out []themes.Match
	lo := 0 // the cell's first rune in b.Text, whose cells are joined by "\t" or "\n"
	for _, row := range b.Rows {
		for _, c := range row {
			for _, mt := range m.Find(c) {
				mt.Start, mt.End = mt.Start+lo, mt.End+lo
				out = append(out, mt)
			}
			lo += utf8.RuneCountInString(c) + 1
		}
	}
	return out
}

// findNamed finds the titles in blocks, at the place eid (see mention),
// that name other documents, and notes each document named once per
// place in di.names. It returns nil when there are none.
func (di *docInfo) findNamed(x *refs.Index, blocks []corpus.Block, eid string, trailing bool) [][]refs.Ref {
	var out [][]refs.Ref
	for k, b := range blocks {
		if !refs.Searched(b) {
			continue
		}
		rs := x.Find(di.Document, b.Text)
		if len(rs) == 0 {
			continue
		}
		if out == nil {
			out = make([][]refs.Ref, len(blocks))
		}
		out[k] = rs
		for _, r := range rs {
			m := mention{from: di.ID, to: r.Doc, eid: eid, trailing: trailing}
			if !slices.Contains(di.names, m) {
				di.names = append(di.names, m)
			}
		}
	}
	return out
}

// namesSame reports whether x finds in di's text the titles that di's
// analysis found, naming the same documents.
func (di *docInfo) namesSame(x *refs.Index) bool {
	same := func(blocks []corpus.Block, found [][]refs.Ref) bool {
		for k, b := range blocks {
			if !refs.Searched(b) {
				continue
			}
			if !slices.Equal(x.Find(di.Document, b.Text), at(found, k)) {
				return false
			}
		}
		return true
	}
	for j, s := range di.Sections {
		if !same(s.Blocks, di.secs[j].blockNamed) {
			return false
		}
	}
	return same(di.Preamble, di.preambleNamed) && same(di.Trailing, di.trailingNamed)
}

// passage is a sentence in which a theme occurs, for the theme pages.
type passage struct {
	Section *corpus.Section
	Text    string
	Marks   [][2]int // rune ranges of the theme's terms in Text
	Title   bool     // Text is the section's title
	// block and [start, end) are where Text is in the section's blocks,
	// in runes, when it is not the title: a theme's page quotes
	// sentences that follow one another as one passage, and marks where
	// its quotation leaves words of the paragraph out.
	block, start, end int
	// row is whether Text is a table's row, quoted whole, so that no
	// words are left out of it; more is whether Text's paragraph goes on
	// after it.
	row, more bool
}

// passages returns the sentences of a section that mention theme t, in
// order, each with the term occurrences marked.
func (di *docInfo) passages(j int, t *themes.Theme) []passage {
	s := di.Sections[j]
	si := di.secs[j]
	var out []passage
	if ms := onlyTheme(si.titleTerms, t); len(ms) > 0 {
		out = append(out, passage{Section: s, Text: s.Title, Marks: ranges(ms, 0), Title: true})
	}
	for k, b := range s.Blocks {
		ms := onlyTheme(si.blockTerms[k], t)
		if len(ms) == 0 {
			continue
		}
		runes := []rune(b.Text)
		if b.Kind == corpus.Table {
			// A row's cells, joined by tabs in the text, shown apart.
			for i, r := range runes {
				if r == '\t' {
					runes[i] = '｜'
				}
			}
		}
		for len(ms) > 0 {
			start, end := sentenceAround(runes, ms[0].Start, ms[0].End)
			var in []themes.Match
			for len(ms) > 0 && ms[0].Start < end {
				in = append(in, ms[0])
				ms = ms[1:]
			}
			out = append(out, passage{Section: s, Text: string(runes[start:end]), Marks: ranges(in, start),
				block: k, start: start, end: end, row: b.Kind == corpus.Table,
				more: b.Kind != corpus.Table && strings.TrimSpace(string(runes[end:])) != ""})
		}
	}
	return out
}

func onlyTheme(ms []themes.Match, t *themes.Theme) []themes.Match {
	var out []themes.Match
	for _, m := range ms {
		if m.Theme == t {
			out = append(out, m)
		}
	}
	return out
}

func ranges(ms []themes.Match, shift int) [][2]int {
	out := make([][2]int, len(ms))
	for i, m := range ms {
		out[i] = [2]int{m.Start - shift, m.End - shift}
	}
	return out
}

// sentenceEnds end a sentence or clause for passages.
const sentenceEnds = "。！？；!?;\n"

// sentenceAround widens [start, end) to the sentence that holds it.
func sentenceAround(rs []rune, start, end int) (int, int) {
	for start > 0 && !strings.ContainsRune(sentenceEnds, rs[start-1]) {
		start--
	}
	for end < len(rs) && !strings.ContainsRune(sentenceEnds, rs[end-1]) {
		end++
	}
	if end > start && rs[end-1] == '\n' {
		end-- // a line's end (a table's row) ends the sentence, not part of it
	}
	return start, end
}

// excerpt returns the first n characters of s, with an ellipsis when cut.
func excerpt(s string, n int) string {
	return excerptOf(n, s)
}

// excerptOf returns the first n characters of the concatenation of parts,
// with an ellipsis when cut. It reads no further than the cut: a section
// page's description is the start of a text that may be long.
func excerptOf(n int, parts ...string) string {
	var b strings.Builder
	for i, p := range parts {
		off := 0
		for ; off < len(p) && n > 0; n-- {
			if p[off] < utf8.RuneSelf {
				off++
			} else {
				_, size := utf8.DecodeRuneInString(p[off:])
				off += size
			}
		}
		if off < len(p) || (n == 0 && rest(parts[i+1:])) {
			if b.Len() == 0 {
				return p[:off] + "…"
			}
			b.WriteString(p[:off])
			b.WriteString("…")
			return b.String()
		}
		if len(parts) == 1 {
			return p
		}
		b.WriteString(p)
	}
	return b.String()
}

// rest reports whether any of parts is not empty.
func rest(parts []string) bool {
	for _, p := range parts {
		if p != "" {
			return true
		}
	}
	return false
}

// sortedDocsByDate returns documents newest first, then by id.
func sortedDocsByDate(docs []*docInfo) []*docInfo {
	out := slices.Clone(docs)
	slices.SortStableFunc(out, func(a, b *docInfo) int {
		if c := strings.Compare(b.Date, a.Date); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}
