package site

import (
	"bytes"
	"fmt"
	"html/template"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"tiaowen/internal/corpus"
	"tiaowen/internal/textnorm"
)

// allSharedByMarking is allShared as it was first written, kept as the
// reference: mark the covered characters, normalise what is left.
func allSharedByMarking(text string, ranges [][2]int) bool {
	if len(ranges) == 0 {
		return false
	}
	covered := make([]bool, utf8.RuneCountInString(text))
	for _, r := range ranges {
		for i := max(r[0], 0); i < min(r[1], len(covered)); i++ {
			covered[i] = true
		}
	}
	var rest []rune
	i := 0
	for _, c := range text {
		if !covered[i] {
			rest = append(rest, c)
		}
		i++
	}
	return textnorm.Key(string(rest)) == ""
}

// TestAllShared compares allShared with the reference on random texts of
// characters, punctuation and spaces, with random, overlapping,
// unsorted, empty and out-of-range passages.
func TestAllShared(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("质量强省，。、；：“”（）《》 \n\tab1-—…·!?\xff")
	alphabet[len(alphabet)-1] = utf8.RuneError
	trueCount := 0
	for n := 0; n < 20000; n++ {
		text := make([]rune, rng.IntN(40))
		for i := range text {
			if rng.IntN(3) == 0 {
				text[i] = alphabet[rng.IntN(4)] // a character that counts
			} else {
				text[i] = alphabet[4+rng.IntN(len(alphabet)-4)]
			}
		}
		ranges := make([][2]int, rng.IntN(5))
		for i := range ranges {
			a := rng.IntN(len(text)+6) - 3
			ranges[i] = [2]int{a, a + rng.IntN(len(text)+3) - 1}
		}
		s := string(text)
		if rng.IntN(50) == 0 {
			s += "\xff" // a byte that is not UTF-8
		}
		got, want := allShared(s, ranges), allSharedByMarking(s, ranges)
		if got != want {
			t.Fatalf("allShared(%q, %v) = %v, want %v", s, ranges, got, want)
		}
		if got {
			trueCount++
		}
	}
	if trueCount < 1000 {
		t.Errorf("only %d of the random cases were all shared: the test says little", trueCount)
	}
}

// passageLabels labels each of n characters with the passage that covers
// it, or -1: passages sorted by start, one overlapped by an earlier one
// covering only what is left of it.
func passageLabels(n int, shared [][2]int) []int {
	type mark struct{ start, end, k int }
	var marks []mark
	for k, sh := range shared {
		if sh[0] < sh[1] {
			marks = append(marks, mark{sh[0], sh[1], k})
		}
	}
	slices.SortFunc(marks, func(x, y mark) int { return x.start - y.start })
	label := make([]int, n)
	for i := range label {
		label[i] = -1
	}
	last := 0
	for _, m := range marks {
		if m.end <= last {
			continue
		}
		for i := max(m.start, last); i < min(m.end, n); i++ {
			label[i] = m.k
		}
		last = m.end
	}
	return label
}

// cellTextByLabels is what compareCell writes after a cell's heading, by
// another route: every character labelled with the passage that covers
// it (passages sorted by start; one overlapped by an earlier one covers
// only what is left of it), then each paragraph written as runs of
// characters of one label.
func cellTextByLabels(text string, shared [][2]int) string {
	var offs []int // byte offset of each character, then len(text)
	for bi := range text {
		offs = append(offs, bi)
	}
	n := len(offs)
	offs = append(offs, len(text))
	label := passageLabels(n, shared)
	var b strings.Builder
	b.WriteString("<p>")
	for i := 0; i < n; {
		if text[offs[i]] == '\n' {
			b.WriteString("</p><p>")
			i++
			continue
		}
		j := i
		for j < n && label[j] == label[i] && text[offs[j]] != '\n' {
			j++
		}
		if k := label[i]; k >= 0 {
			fmt.Fprintf(&b, `<mark class="sh s%d" data-k="%d">`, k%6, k)
		}
		b.WriteString(template.HTMLEscapeString(text[offs[i]:offs[j]]))
		if label[i] >= 0 {
			b.WriteString("</mark>")
		}
		i = j
	}
	b.WriteString("</p>")
	return b.String()
}

// TestCompareCell holds a pair page's cell to cellTextByLabels on random
// texts of paragraphs, markup characters and bad UTF-8, with passages
// that overlap, share a start, cross paragraphs or run past the end.
func TestCompareCell(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	alphabet := []string{"一", "二", "質", "a", "<", "&", "\"", "\n", "\xff", "é"}
	w := &sectionWriter{doc: &docInfo{Document: &corpus.Document{Meta: corpus.Meta{ID: "d"}}}, root: "../../"}
	for range 5000 {
		var text strings.Builder
		for range r.IntN(30) {
			text.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		n := utf8.RuneCountInString(text.String())
		shared := make([][2]int, r.IntN(5))
		for i := range shared {
			a := r.IntN(n + 3)
			shared[i] = [2]int{a, a + r.IntN(n+3) - 1}
		}
		s := &corpus.Section{EID: "p1", Text: text.String()}
		var b bytes.Buffer
		w.compareCell(&b, s, shared)
		got := b.String()
		_, got, _ = strings.Cut(got, "</a>")
		want := ""
		if s.Text != "" {
			want = cellTextByLabels(s.Text, shared)
		}
		if got != want {
			t.Fatalf("text %q, passages %v:\n got %s\nwant %s", s.Text, shared, got, want)
		}
	}
}

// TestCompareCellBlocks holds a pair page's cell to labels, as
// TestCompareCell does, for a section of paragraphs, tables and code:
// each table written as a table with the passages in each cell, code as
// a <pre> whose lines a passage may cross.
func TestCompareCellBlocks(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	alphabet := []string{"一", "質", "a", "<", "&", "é", "\xff"}
	word := func(extra ...string) string {
		letters := append(slices.Clone(alphabet), extra...)
		var b strings.Builder
		for range 1 + r.IntN(6) {
			b.WriteString(letters[r.IntN(len(letters))])
		}
		return b.String()
	}
	w := &sectionWriter{doc: &docInfo{Document: &corpus.Document{Meta: corpus.Meta{ID: "d"}}}, root: "../../"}
	tables := 0
	for range 3000 {
		var blocks []corpus.Block
		for range 1 + r.IntN(4) {
			switch r.IntN(3) {
			case 0:
				blocks = append(blocks, corpus.Block{Kind: corpus.Paragraph, Text: word()})
			case 1:
				blocks = append(blocks, corpus.Block{Kind: corpus.Code, Text: word("\n", "\t")})
			default:
				var rows [][]string
				var lines []string
				cols := 1 + r.IntN(3)
				for range 1 + r.IntN(3) {
					row := make([]string, cols)
					for i := range row {
						if r.IntN(4) > 0 {
							row[i] = word()
						}
					}
					rows = append(rows, row)
					lines = append(lines, strings.Join(row, "\t"))
				}
				blocks = append(blocks, corpus.Block{Kind: corpus.Table, Text: strings.Join(lines, "\n"), Rows: rows})
				tables++
			}
		}
		var texts []string
		for _, bl := range blocks {
			texts = append(texts, bl.Text)
		}
		s := &corpus.Section{EID: "p1", Text: strings.Join(texts, "\n"), Blocks: blocks}
		n := utf8.RuneCountInString(s.Text)
		shared := make([][2]int, r.IntN(5))
		for i := range shared {
			a := r.IntN(n + 2)
			shared[i] = [2]int{a, a + r.IntN(n+2)}
		}
		var b bytes.Buffer
		w.compareCell(&b, s, shared)
		_, got, _ := strings.Cut(b.String(), "</a>")
		if want := blocksByLabels(s, shared); got != want {
			t.Fatalf("blocks %q, passages %v:\n got %s\nwant %s", texts, shared, got, want)
		}
	}
	if tables < 1000 {
		t.Errorf("only %d tables among the random cases: the test says little", tables)
	}
}

// blocksByLabels is what compareCell writes after the heading of a cell
// whose section has blocks: every character labelled with its passage,
// as cellTextByLabels does, then each block written as runs of one label.
func blocksByLabels(s *corpus.Section, shared [][2]int) string {
	if s.Text == "" {
		return "" // a section of no text has its heading only
	}
	// Each rune's own bytes: a byte of bad UTF-8 is a rune of its own.
	var raw []string
	for i := 0; i < len(s.Text); {
		_, size := utf8.DecodeRuneInString(s.Text[i:])
		raw = append(raw, s.Text[i:i+size])
		i += size
	}
	label := passageLabels(len(raw), shared)
	var b strings.Builder
	runs := func(i, j int) {
		for i < j {
			k := i
			for k < j && label[k] == label[i] {
				k++
			}
			if label[i] >= 0 {
				fmt.Fprintf(&b, `<mark class="sh s%d" data-k="%d">`, label[i]%6, label[i])
			}
			b.WriteString(template.HTMLEscapeString(strings.Join(raw[i:k], "")))
			if label[i] >= 0 {
				b.WriteString("</mark>")
			}
			i = k
		}
	}
	at := 0 // rune index
	for _, bl := range s.Blocks {
		switch bl.Kind {
		case corpus.Table:
			b.WriteString(`<div class="table-wrap" tabindex="0"><table>`)
			for i, row := range bl.Rows {
				cell := "td"
				if i == 0 {
					cell = "th"
				}
				b.WriteString("<tr>")
				for _, c := range row {
					n := utf8.RuneCountInString(c)
					b.WriteString("<" + cell + ">")
					runs(at, at+n)
					b.WriteString("</" + cell + ">")
					at += n + 1
				}
				b.WriteString("</tr>")
			}
			b.WriteString("</table></div>")
		case corpus.Code:
			n := utf8.RuneCountInString(bl.Text)
			b.WriteString("<pre><code>")
			runs(at, at+n)
			b.WriteString("</code></pre>")
			at += n + 1
		default:
			n := utf8.RuneCountInString(bl.Text)
			b.WriteString("<p>")
			runs(at, at+n)
			b.WriteString("</p>")
			at += n + 1
		}
	}
	return b.String()
}
