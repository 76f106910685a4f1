package site

import (
	"slices"
	"strings"
	"unicode/utf8"

	"tiaowen/internal/corpus"
	"tiaowen/internal/refs"
	"tiaowen/internal/themes"
)

// The functions here write a document's text as HTML straight into the
// page being built. Every character of every section passes through them
// once per page that shows it, so they build no intermediate strings: no
// escaped copy of a text, no opening tag assembled before it is written.

// escapeTo writes s to b escaped exactly as template.HTMLEscapeString
// escapes it. Every character of every section's text passes through it
// on each page that shows it, so it looks for the characters to escape
// a word at a time (indexEscaped) and writes the rest in runs.
func escapeTo[W interface{ WriteString(string) (int, error) }](b W, s string) {
	for {
		i := indexEscaped(s)
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		b.WriteString(escaped[s[i]])
		s = s[i+1:]
	}
}

// escaped is what escapeTo writes for each byte it escapes, as
// template.HTMLEscapeString has it.
var escaped = [256]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'\'': "&#39;",
	'&':  "&amp;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// indexEscaped returns the index of the first byte of s that escapeTo
// escapes, or -1. Each is below 0x40, and a Chinese text's bytes are
// mostly 0x80 or above: s is read eight bytes at a time, and only a word
// holding a byte below 0x40 (a digit, a space, ASCII punctuation) byte
// by byte.
func indexEscaped(s string) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		// Some byte of x is below 0x40 exactly when this is not 0
		// ("Bit Twiddling Hacks": haslessthan(x, n), n ≤ 128).
		if (x-0x40*ones)&^x&highs == 0 {
			continue
		}
		for j := range 8 {
			if escaped[w[j]] != "" {
				return i + j
			}
		}
	}
	for ; i < len(s); i++ {
		if escaped[s[i]] != "" {
			return i
		}
	}
	return -1
}

// span is a marked range of a text, in rune offsets: a document link
// (link set), a title naming a document of the corpus (named set) or a
// theme term (term set).
type span struct {
	start, end int
	link       *corpus.Link
	named      *refs.Ref
	term       *themes.Match
}

// overlaps reports whether [start, end) overlaps a span of spans.
func overlaps(spans []span, start, end int) bool {
	for _, o := range spans {
		if start < o.end && o.start < end {
			return true
		}
	}
	return false
}

// writeRich writes text with its links, the titles in it that name
// documents of the corpus, and its theme terms, as HTML. Every character
// of text appears once, escaped; links come only from the document's own
// (already vetted) links; a title naming a document becomes a link to it,
// unless it lies in a link of the text's own; a theme term becomes a link
// to its theme, unless it lies in either. root leads from the page to the
// site root, linkBase from the page to the document's page, against which
// relative links are written.
func writeRich(b *strings.Builder, text string, links []corpus.Link, named []refs.Ref, terms []themes.Match, root, linkBase string) {
	if len(links) == 0 && len(named) == 0 && len(terms) == 0 {
		escapeTo(b, text)
		return
	}
	var buf [16]span
	spans := buf[:0]
	for i := range links {
		spans = append(spans, span{start: links[i].Start, end: links[i].End, link: &links[i]})
	}
	for i, r := range named {
		if !overlaps(spans, r.Start, r.End) {
			spans = append(spans, span{start: r.Start, end: r.End, named: &named[i]})
		}
	}
	before := len(spans)
	for i, m := range terms {
		if !overlaps(spans[:before], m.Start, m.End) {
			spans = append(spans, span{start: m.Start, end: m.End, term: &terms[i]})
		}
	}
	if before > 0 {
		// Terms come sorted from the matcher, as titles do from refs;
		// links and titles may start anywhere among them.
		slices.SortStableFunc(spans, func(a, b span) int { return a.start - b.start })
	}
	pos := 0     // rune offset
	byteOff := 0 // its byte offset
	advance := func(to int) {
		// write runes [pos, to)
		start := byteOff
		for pos < to && byteOff < len(text) {
			if text[byteOff] < utf8.RuneSelf {
				byteOff++
			} else {
				_, size := utf8.DecodeRuneInString(text[byteOff:])
				byteOff += size
			}
			pos++
		}
		escapeTo(b, text[start:byteOff])
	}
	for _, s := range spans {
		if s.start < pos || s.end <= s.start {
			continue // overlaps a span already written
		}
		advance(s.start)
		switch {
		case s.link != nil:
			writeLinkOpen(b, s.link.URL, linkBase)
		case s.named != nil:
			writeNamedOpen(b, s.named.Doc, root)
		default:
			writeTermOpen(b, s.term.Theme, root)
		}
		advance(s.end)
		b.WriteString("</a>")
	}
	advance(utf8.RuneCountInString(text))
}

// writeNamedOpen writes the opening tag of a link from a title to the
// document of the corpus it names.
func writeNamedOpen(b *strings.Builder, id, root string) {
	b.WriteString(`<a class="named" href="`)
	b.WriteString(root)
	b.WriteString(docPath(id))
	b.WriteString(`index.html">`)
}

// writeLinkOpen writes the opening tag of a link from a document's text.
// A relative URL is written against the document's page.
func writeLinkOpen(b *strings.Builder, u, linkBase string) {
	class, prefix := "ext", ""
	if !strings.Contains(u, ":") {
		class = "rel"
		if strings.HasPrefix(u, "#") {
			if linkBase != "" {
				prefix = linkBase + "index.html"
			}
		} else {
			prefix = linkBase
		}
	}
	b.WriteString(`<a class="`)
	b.WriteString(class)
	b.WriteString(`" href="`)
	escapeTo(b, prefix)
	escapeTo(b, u)
	b.WriteString(`" rel="noopener">`)
}

// writeTermOpen writes the opening tag of a theme term: a link to the
// theme's page.
func writeTermOpen(b *strings.Builder, t *themes.Theme, root string) {
	b.WriteString(`<a class="term t-`)
	b.WriteString(t.ID)
	b.WriteString(`" href="`)
	b.WriteString(root)
	b.WriteString(themesPath)
	b.WriteString(t.ID)
	b.WriteString(`/index.html" title="主题：`)
	escapeTo(b, t.Name)
	b.WriteString(`">`)
}

// markText writes text with the given rune ranges, in order, wrapped in
// <mark>; a range that overlaps one before it, or runs past the text, is
// left out.
func markText(b *strings.Builder, text string, ranges [][2]int) {
	n := utf8.RuneCountInString(text)
	pos, byteOff := 0, 0
	// upTo returns the byte offset of rune offset r >= pos.
	upTo := func(r int) int {
		for pos < r {
			if text[byteOff] < utf8.RuneSelf {
				byteOff++
			} else {
				_, size := utf8.DecodeRuneInString(text[byteOff:])
				byteOff += size
			}
			pos++
		}
		return byteOff
	}
	for _, r := range ranges {
		if r[0] < pos || r[1] > n || r[1] <= r[0] {
			continue
		}
		from := byteOff
		start := upTo(r[0])
		escapeTo(b, text[from:start])
		b.WriteString("<mark>")
		end := upTo(r[1])
		escapeTo(b, text[start:end])
		b.WriteString("</mark>")
	}
	escapeTo(b, text[byteOff:])
}
