package ingest

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A page's text laid out as lines — pdftotext's output for a PDF, an OFD
// file's text objects laid out alike (ofdLayout) — is read back into
// paragraphs here.

// layoutLines reflows the laid-out text of file, a kind ("PDF"), which it
// refuses when there is none or it is no text.
func layoutLines(file, kind, text string) ([]line, []Removal, error) {
	lines, removed := reflow(text)
	if len(lines) == 0 {
		return nil, nil, fmt.Errorf("%s: the %s has no text, only images of pages (a scan?); run OCR on it, or type its text into a .txt file, and import that", file, kind)
	}
	if share := unreadableShare(text); share > 0.02 {
		return nil, nil, fmt.Errorf("%s: %.0f%% of the %s's text is characters that stand for no letter (its fonts do not say which character a glyph is); copy the text from a viewer that shows it right into a .txt file, or OCR the pages, and import that", file, 100*share, kind)
	}
	return lines, removed, nil
}

// unreadableShare is the share of text's characters, spaces aside, that
// a font without a character map leaves pdftotext to write: private-use
// code points, replacement characters and control characters. A PDF
// whose fonts embed only glyphs (common in documents made by some
// office suites with GB2312 fonts) gives such text, or none at all.
func unreadableShare(text string) float64 {
	all, bad := 0, 0
	for _, r := range text {
		if unicode.IsSpace(r) {
			continue
		}
		all++
		if r == utf8.RuneError || unicode.Is(unicode.Co, r) || unicode.IsControl(r) {
			bad++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(bad) / float64(all)
}

// layoutLine is a line of a layout (pdftotext's, or ofdLayout's): its
// number, how far in its text starts (in the columns the layout counts,
// about a Chinese character a column), where it ends (its start and its
// width in such characters, ems), and its text without that indentation.
type layoutLine struct {
	n, indent, end int
	text           string
	raw            string // the line as printed, spaces and all
}

// reflow turns a layout of pages, as pdftotext writes one, into the
// lines Import works on: a paragraph a line, a blank line after each,
// and the page numbers at the pages' tops and bottoms (— 3 —, 3, 第3页)
// removed, as the page-number rule removes them from a text.
//
// A paragraph's lines are told by where they start and end. The body's
// lines start at its left margin (the indentation most of the long lines
// have); a paragraph's first line is indented (Chinese official documents
// indent every paragraph by two characters, headings too), centred (a
// title) or set right (a signature, a date). A line that starts at the
// margin after a line that reached the right margin is that line's
// paragraph continued, over a page break too; a line after a shorter
// line, or after a blank, starts a paragraph. So a document without
// first-line indentation still reflows, by where its lines end, but one
// of its paragraphs whose last line happens to end at the right margin
// runs on into the next.
func reflow(text string) (out []line, removed []Removal) {
	pages := splitPages(text)
	margin, width := measure(pages)
	var para *line      // the paragraph being gathered, or nil
	var last layoutLine // its last line
	body := false       // whether a section has started
	end := func() {
		if para != nil {
			out = append(out, *para, line{para.n, ""})
			para = nil
		}
	}
	for _, page := range pages {
		top, bottom := textSpan(page)
		for i, l := range page {
			switch {
			case i < top || i > bottom:
				// A page's margins: blank, or its number.
				if l.text != "" {
					removed = append(removed, Removal{"page-number", l.n, l.raw})
				}
			case l.text == "":
				end()
			case para != nil && (continues(last, l, margin, width) || !body && wrapsCentred(last, l, margin, width)):
				para.text += joiner(para.text, l.text) + l.text
				last = l
			default:
				end()
				para, last = &line{l.n, l.text}, l
				body = body || isBodyMarker(l.text)
			}
		}
	}
	end()
	return out, removed
}

// continues reports whether l, at the body's left margin, goes on with
// last's paragraph: last reached across the body, from the margin or a
// paragraph's first-line indent (up to four columns) to the right
// margin, or stopped short only because l's first word, a Latin one,
// would not have fitted after it. A centred line that is long ends near
// the right margin too, but starts further in.
func continues(last, l layoutLine, margin, width int) bool {
	if l.indent > margin+1 || last.indent > margin+4 {
		return false
	}
	return last.end >= width-fullSlack(width) || last.end+leadingWord(l.text) > width
}

// leadingWord is how wide, in ems, a line's first word is with the space
// before it, when the word is Latin (letters, digits, punctuation), which
// a line breaks only before; 1 for a Chinese character.
func leadingWord(text string) int {
	n := 0
	for _, r := range text {
		if r <= ' ' || r >= utf8.RuneSelf {
			break
		}
		n++
	}
	if n == 0 {
		return 1
	}
	return (n + 2) / 2
}

// wrapsCentred reports whether l is the rest of a centred line, last,
// that the page wrapped: a title in a large type set over two lines,
// which only the lines above the first section have. The first line
// starts at the margin, as wide as the large type lets it be, and is
// over two thirds of the body's width; both are centred on one axis (so
// the next is no longer). A short title and the status under it
// (广州市质量强市建设实施方案 / （征求意见稿）) are centred alike, but the
// first starts further in.
func wrapsCentred(last, l layoutLine, margin, width int) bool {
	if last.indent > margin+1 || 3*(last.end-last.indent) < 2*(width-margin) {
		return false
	}
	d := (last.indent + last.end) - (l.indent + l.end)
	return d >= -3 && d <= 3
}

// textSpan is where a page's text starts and ends: its first and last
// lines that are neither blank nor a page number before or after all of
// it.
func textSpan(page []layoutLine) (top, bottom int) {
	edge := func(l layoutLine) bool { return l.text == "" || isPageNumber(l.text) }
	top, bottom = 0, len(page)-1
	for top <= bottom && edge(page[top]) {
		top++
	}
	for bottom >= top && edge(page[bottom]) {
		bottom--
	}
	return top, bottom
}

// isPageNumber reports a page number as pages print them: — 3 —, - 3 -,
// 3, 3/12, 第3页, 第3页 共12页.
func isPageNumber(s string) bool {
	return rePageNumber.MatchString(s) || rePrintedPageNumber.MatchString(s)
}

var rePrintedPageNumber = regexp.MustCompile(`^(?:\d{1,4}(?:\s*/\s*\d{1,4})?|第\s*\d{1,4}\s*页(?:\s*[，,、/]?\s*共\s*\d{1,4}\s*页)?)$`)

// fullSlack is how many columns short of the most common end a line may
// end and still be full: justification squeezes punctuation, and a
// half-width digit or letter takes a column of its own, so full lines of
// one page differ by a few characters.
func fullSlack(width int) int {
	return max(3, width/8)
}

// splitPages splits pdftotext's output at its form feeds into pages of
// lines, each numbered as the output's line is.
func splitPages(text string) [][]layoutLine {
	var pages [][]layoutLine
	var page []layoutLine
	for i, raw := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		for strings.HasPrefix(raw, "\f") {
			if len(page) > 0 {
				pages = append(pages, page)
			}
			page = nil
			raw = raw[1:]
		}
		raw = strings.TrimRightFunc(raw, unicode.IsSpace)
		body := strings.TrimLeftFunc(raw, unicode.IsSpace)
		indent := columns(raw[:len(raw)-len(body)])
		page = append(page, layoutLine{n: i + 1, indent: indent, end: indent + ems(body), raw: body})
		page[len(page)-1].text = closeCJKGaps(body)
	}
	if len(page) > 0 {
		pages = append(pages, page)
	}
	return pages
}

// ems is how wide text is in characters of its type, rounded: a Latin
// letter, digit or space half of a Chinese character, so that a full
// line of a page counts about the same whatever figures it holds.
func ems(text string) int {
	halves := 0
	for _, r := range text {
		if r < 0x1100 || r >= 0xFF61 && r <= 0xFFDC {
			halves++
		} else {
			halves += 2
		}
	}
	return (halves + 1) / 2
}

// columns counts the columns of a line's indentation: a tab to the next
// multiple of eight, as pdftotext never writes one but a text might.
func columns(space string) int {
	n := 0
	for _, r := range space {
		if r == '\t' {
			n += 8 - n%8
		} else {
			n++
		}
	}
	return n
}

// closeCJKGaps takes out the spaces that layout puts between the
// characters of a line spaced out (a title set 质 量 强 省), which are no
// text: Chinese writes no spaces. A space between two words of a line
// otherwise stays (中共广东省委 广东省人民政府 names two issuers; a gap
// of any width is one space in layout), and a run of spaces, a justified
// line's stretched space, is one.
func closeCJKGaps(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	rs := []rune(s)
	spacedOut := len(rs) >= 5
	for i, r := range rs {
		if (i%2 == 0) != (r != ' ') || i%2 == 0 && !isCJK(r) {
			spacedOut = false
			break
		}
	}
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		if rs[i] != ' ' {
			b.WriteRune(rs[i])
			continue
		}
		j := i
		for j < len(rs) && rs[j] == ' ' {
			j++
		}
		if !spacedOut {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return b.String()
}

// isCJK reports a Chinese character or full-width punctuation mark.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3001 && r <= 0x303F || r >= 0xFF01 && r <= 0xFF65
}

// joiner is what goes between a paragraph's text and its next line: a
// space between two characters of Latin script (letters, digits,
// punctuation), which a line breaks between only where a space was (or
// after a hyphen, which keeps the words joined); nothing elsewhere, as
// Chinese text breaks between any two characters.
func joiner(before, after string) string {
	a, _ := utf8.DecodeLastRuneInString(before)
	b, _ := utf8.DecodeRuneInString(after)
	if a > ' ' && a < utf8.RuneSelf && a != '-' && b > ' ' && b < utf8.RuneSelf {
		return " "
	}
	return ""
}

// measure finds the body's left margin, the indentation most long lines
// have, and the column where full lines end, the most common end among
// the long lines at that margin (short ones are titles, headings and
// paragraphs' last lines), when two lines or more end there.
func measure(pages [][]layoutLine) (margin, width int) {
	indents := map[int]int{}
	for _, page := range pages {
		for _, l := range page {
			if l.end-l.indent >= 10 {
				indents[l.indent]++
			}
		}
	}
	margin = mostCommon(indents)
	ends := map[int]int{}
	for _, page := range pages {
		for _, l := range page {
			if l.indent <= margin+1 && l.end-l.indent >= 10 {
				ends[l.end]++
			}
		}
	}
	// One long line tells no width (a title over a heading), and no
	// line is then full.
	if width = mostCommon(ends); ends[width] < 2 {
		return margin, 1 << 30
	}
	return margin, width
}

// mostCommon is the key with the largest count, the smallest on a tie; 0
// for none.
func mostCommon(counts map[int]int) int {
	best, bestCount := 0, 0
	for k, c := range counts {
		if c > bestCount || c == bestCount && k < best {
			best, bestCount = k, c
		}
	}
	return best
}
