// Package refs finds where a document names another document of the
// corpus, the way Chinese policy documents cite the plans they carry out:
// by title in book-title marks, 《广东省质量强省建设纲要》, and by the
// issuing number, 粤府〔2020〕50号. A city's 方案 that names its province's
// 纲要 is the plainest evidence of who follows whom, so the site links
// such a title or number to the document it names and lists, on each
// document's page, the documents that name it.
//
// A title is compared with the corpus's titles in normalised form (package
// textnorm: 繁→简, width, punctuation and spaces folded), so 《質量強省建設
// 綱要》 names 质量强省建设纲要, and with each title preceded by its
// issuer, as citations write it: 《广东省人民政府关于加快推进质量强省建设的
// 实施方案》 names the 方案 whose issuer is 广东省人民政府. A title inside
// another, 《关于印发〈质量强国建设纲要〉的通知》, is tried when the outer one
// names nothing. A number is an issuer's abbreviation, the year in
// brackets and a serial, 号 last: 粤府〔2020〕50号, (2020), [2020] and
// full-width digits alike. A document never names itself here: a notice
// that quotes its own title or number is not a reference.
//
// Titles repeat across a corpus (two counties' plans of one name). Where
// several documents have the title, the one issued most recently on or
// before the citing document is meant, as a plan cites what is already in
// force; when that does not single one out (no dates, or a tie), the title
// is left unlinked rather than linked to a guess.
//
// A reference in a sentence that says 废止 (《…》同时废止) is a repeal,
// unless what the sentence repeals is a part of it (《…》第五条同时废止):
// the document named is the citing one's earlier version, which Check
// asks the front matter's supersedes to record.
package refs

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"tiaowen/internal/corpus"
	"tiaowen/internal/textnorm"
)

// Ref is a title or number in a text that names a document of the corpus.
type Ref struct {
	// Start and End are the title's or number's rune offsets in the
	// text, half open, book-title marks included.
	Start, End int
	// Doc is the id of the document named.
	Doc string
}

// Index finds references to the documents it was made from.
type Index struct {
	byTitle  map[string][]entry // by normalised title, and issuer and title, in corpus order
	byNumber map[string][]entry // by normalised number
	made     map[string]string  // what each document was indexed by, by id
	newer    map[string]string  // the id of the document that supersedes each, by id
}

// entry is what resolving a title needs of a document: it keeps no
// document alive once the corpus is replaced.
type entry struct{ id, date string }

// New indexes docs by their normalised titles and numbers.
func New(docs []*corpus.Document) *Index {
	x := &Index{byTitle: make(map[string][]entry, len(docs)), byNumber: map[string][]entry{}, made: make(map[string]string, len(docs)),
		newer: map[string]string{}}
	for _, d := range docs {
		x.made[d.ID] = madeOf(d)
		for _, id := range d.Supersedes {
			x.newer[id] = d.ID
		}
		e := entry{d.ID, d.Date}
		title := textnorm.Key(d.Title)
		if title == "" {
			continue
		}
		x.byTitle[title] = append(x.byTitle[title], e)
		if issuer := textnorm.Key(d.Issuer); issuer != "" && !strings.HasPrefix(title, issuer) {
			x.byTitle[issuer+title] = append(x.byTitle[issuer+title], e)
		}
		if n := textnorm.Key(d.Number); n != "" {
			x.byNumber[n] = append(x.byNumber[n], e)
		}
	}
	return x
}

// madeOf is what d is indexed by.
func madeOf(d *corpus.Document) string {
	return strings.Join([]string{textnorm.Key(d.Title), textnorm.Key(d.Issuer), textnorm.Key(d.Number), d.Date}, "\x00")
}

// Indexes reports whether x resolves titles and numbers for d as it is
// now: whether d's title, issuer, number and date are those x was made
// with. A document edited otherwise leaves the index as good as new.
func (x *Index) Indexes(d *corpus.Document) bool {
	m, ok := x.made[d.ID]
	return ok && m == madeOf(d)
}

// Find returns the references in text, a block of document from's text,
// in order, none overlapping another. It allocates nothing for a text
// without book-title marks or 号.
func (x *Index) Find(from *corpus.Document, text string) []Ref {
	var out []Ref
	if strings.ContainsRune(text, '《') || strings.ContainsRune(text, '〈') {
		for _, t := range titles(text) {
			if id := x.resolve(from, x.byTitle[textnorm.Key(t.inner)]); id != "" {
				// An outer title that names a document covers any inside it.
				if n := len(out); n > 0 && out[n-1].End > t.start {
					continue
				}
				out = append(out, Ref{Start: t.start, End: t.end, Doc: id})
			}
		}
	}
	if len(x.byNumber) > 0 && strings.ContainsRune(text, '号') {
		var nums []Ref
		for _, n := range numbers(text) {
			// The issuer's abbreviation is the end of a run of Han
			// characters, the longest that names a document.
			for _, start := range n.starts {
				if id := x.resolve(from, x.byNumber[textnorm.Key(text[start:n.end])]); id != "" {
					s := utf8.RuneCountInString(text[:start])
					nums = append(nums, Ref{Start: s, End: s + utf8.RuneCountInString(text[start:n.end]), Doc: id})
					break
				}
			}
		}
		out = merge(out, nums)
	}
	return out
}

// merge merges two lists of references in order, leaving out one of b
// that overlaps one of a.
func merge(a, b []Ref) []Ref {
	if len(b) == 0 {
		return a
	}
	out := make([]Ref, 0, len(a)+len(b))
	i := 0
	for _, r := range b {
		for ; i < len(a) && a[i].Start < r.Start; i++ {
			out = append(out, a[i])
		}
		if len(out) > 0 && out[len(out)-1].End > r.Start || i < len(a) && a[i].Start < r.End {
			continue
		}
		out = append(out, r)
	}
	return append(out, a[i:]...)
}

// resolve returns the id of the document of cands, the documents with a
// title or number, that from's text names by it, or "".
func (x *Index) resolve(from *corpus.Document, cands []entry) string {
	id, _ := choose(from, cands)
	return id
}

// unresolved is why a title or number that documents of the corpus have
// names none of them.
type unresolved uint8

const (
	resolved  unresolved = iota
	noneOther            // no candidate but the citing document itself
	allLater             // every candidate is dated after the citing document
	undated              // several, and one of them or the citer has no date
	sameDate             // several, and the latest share a date
)

// choose picks the document of cands that from names, or says why none.
// Candidates issued after from (both dates known) are not what it cites;
// of several left, every one dated, the latest is.
func choose(from *corpus.Document, cands []entry) (string, unresolved) {
	var only, best entry
	n, later, nodate, tie := 0, 0, 0, false
	for _, d := range cands {
		if d.id == from.ID {
			continue
		}
		if from.Date != "" && d.date != "" && d.date > from.Date {
			later++
			continue
		}
		n++
		only = d
		switch {
		case from.Date == "" || d.date == "":
			nodate++
		case best.id == "" || d.date > best.date:
			best, tie = d, false
		case d.date == best.date:
			tie = true
		}
	}
	switch {
	case n == 1:
		return only.id, resolved
	case n > 1 && nodate == 0 && !tie:
		return best.id, resolved
	case n > 1 && nodate > 0:
		return "", undated
	case n > 1:
		return "", sameDate
	case later > 0:
		return "", allLater
	}
	return "", noneOther
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

// number is an issuing number in a text, by byte offsets: where it may
// start (each place in the run of Han characters before its bracket,
// longest first) and its end.
type number struct {
	starts []int
	end    int
}

// numbers returns the issuing numbers of text: Han characters, a year of
// four digits in brackets, digits and 号. It reads backwards from each 号.
func numbers(text string) []number {
	var out []number
	for from := 0; ; {
		i := strings.IndexRune(text[from:], '号')
		if i < 0 {
			return out
		}
		end := from + i + len("号")
		from = end
		// Back over the serial, the closing bracket, the year and the
		// opening bracket.
		p := end - len("号")
		back := func() rune {
			r, size := utf8.DecodeLastRuneInString(text[:p])
			p -= size
			return r
		}
		digits := func(most int) int {
			n := 0
			for p > 0 && n < most {
				r, size := utf8.DecodeLastRuneInString(text[:p])
				if !isDigit(r) {
					break
				}
				p -= size
				n++
			}
			return n
		}
		if digits(5) == 0 || p == 0 || !closes(back()) || digits(4) != 4 || p == 0 || !opens(back()) {
			continue
		}
		var starts []int
		for len(starts) < 10 && p > 0 {
			r, size := utf8.DecodeLastRuneInString(text[:p])
			if !unicode.Is(unicode.Han, r) {
				break
			}
			p -= size
			starts = append(starts, p)
		}
		if len(starts) == 0 {
			continue
		}
		slices.Reverse(starts)
		out = append(out, number{starts: starts, end: end})
	}
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' || '０' <= r && r <= '９' }

func opens(r rune) bool { return strings.ContainsRune("〔[［(（【", r) }

func closes(r rune) bool { return strings.ContainsRune("〕]］)）】", r) }
