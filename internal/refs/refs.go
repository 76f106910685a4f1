// Package refs finds where a document names another document of the
// corpus: a title in book-title marks, 《广东省质量强省建设纲要》, the way
// Chinese policy documents cite the plans they carry out. A city's 方案
// that names its province's 纲要 is the plainest evidence of who follows
// whom, so the site links such a title to the document it names and lists,
// on each document's page, the documents that name it.
//
// A title is compared with the corpus's titles in normalised form (package
// textnorm: 繁→简, width, punctuation and spaces folded), so 《質量強省建設
// 綱要》 names 质量强省建设纲要. A title inside another, 《关于印发〈质量强国
// 建设纲要〉的通知》, is tried when the outer one names nothing. A document
// never names itself here: a notice that quotes its own title is not a
// reference.
//
// Titles repeat across a corpus (two counties' plans of one name). Where
// several documents have the title, the one issued most recently on or
// before the citing document is meant, as a plan cites what is already in
// force; when that does not single one out (no dates, or a tie), the title
// is left unlinked rather than linked to a guess.
package refs

import (
	"slices"
	"strings"
	"unicode/utf8"

	"tiaowen/internal/corpus"
	"tiaowen/internal/textnorm"
)

// Ref is a title in a text that names a document of the corpus.
type Ref struct {
	// Start and End are the title's rune offsets in the text, half open,
	// book-title marks included.
	Start, End int
	// Doc is the id of the document named.
	Doc string
}

// Index finds references to the documents it was made from.
type Index struct {
	byTitle map[string][]entry // by normalised title, in corpus order
	made    map[string]string  // each document's title key and date, by id
}

// entry is what resolving a title needs of a document: it keeps no
// document alive once the corpus is replaced.
type entry struct{ id, date string }

// New indexes docs by their normalised titles.
func New(docs []*corpus.Document) *Index {
	x := &Index{byTitle: make(map[string][]entry, len(docs)), made: make(map[string]string, len(docs))}
	for _, d := range docs {
		k := textnorm.Key(d.Title)
		x.made[d.ID] = k + "\x00" + d.Date
		if k != "" {
			x.byTitle[k] = append(x.byTitle[k], entry{d.ID, d.Date})
		}
	}
	return x
}

// Indexes reports whether x resolves titles for d as it is now: whether
// d's title and date are those x was made with. A document edited
// otherwise leaves the index as good as new.
func (x *Index) Indexes(d *corpus.Document) bool {
	m, ok := x.made[d.ID]
	return ok && m == textnorm.Key(d.Title)+"\x00"+d.Date
}

// Find returns the references in text, a block of document from's text,
// in order. It allocates nothing for a text without book-title marks.
func (x *Index) Find(from *corpus.Document, text string) []Ref {
	if !strings.ContainsRune(text, '《') && !strings.ContainsRune(text, '〈') {
		return nil
	}
	var out []Ref
	for _, t := range titles(text) {
		if id := x.resolve(from, textnorm.Key(t.inner)); id != "" {
			// An outer title that names a document covers any inside it.
			if n := len(out); n > 0 && out[n-1].End > t.start {
				continue
			}
			out = append(out, Ref{Start: t.start, End: t.end, Doc: id})
		}
	}
	return out
}

// resolve returns the id of the document that a title of key names in
// from's text, or "". Candidates issued after from (both dates known) are
// not what it cites; of several left, every one dated, the latest is.
func (x *Index) resolve(from *corpus.Document, key string) string {
	var only, best entry
	n, undated, tie := 0, 0, false
	for _, d := range x.byTitle[key] {
		if d.id == from.ID || (from.Date != "" && d.date != "" && d.date > from.Date) {
			continue
		}
		n++
		only = d
		switch {
		case from.Date == "" || d.date == "":
			undated++
		case best.id == "" || d.date > best.date:
			best, tie = d, false
		case d.date == best.date:
			tie = true
		}
	}
	switch {
	case n == 1:
		return only.id
	case n > 1 && undated == 0 && !tie:
		return best.id
	}
	return ""
}

// title is a span of book-title marks in a text: its rune offsets, marks
// included, and the words between them.
type title struct {
	start, end int
	inner      string
}

// titles returns the titles of text, each outer title before the titles
// inside it. Marks are matched by depth, 《 with 》 and 〈 with 〉; an
// unclosed mark opens nothing.
func titles(text string) []title {
	type open struct {
		mark     rune
		rune     int // rune offset of the mark
		byteNext int // byte offset after it
	}
	var stack []open
	var out []title
	runeAt := 0
	for i, r := range text {
		switch r {
		case '《', '〈':
			stack = append(stack, open{r, runeAt, i + utf8.RuneLen(r)})
		case '》', '〉':
			want := '《'
			if r == '〉' {
				want = '〈'
			}
			// Close the nearest matching mark; marks opened after it
			// and never closed are dropped.
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k].mark == want {
					o := stack[k]
					out = append(out, title{start: o.rune, end: runeAt + 1, inner: text[o.byteNext:i]})
					stack = stack[:k]
					break
				}
			}
		}
		runeAt++
	}
	// Closed in order of their ends; outer titles first by start.
	slices.SortStableFunc(out, func(a, b title) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	return out
}
