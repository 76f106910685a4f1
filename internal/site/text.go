package site

import (
	"html/template"
	"slices"
	"strings"
	"unicode/utf8"

	"tiaowen/internal/corpus"
	"tiaowen/internal/themes"
)

// span is a marked range of a text, in rune offsets.
type span struct {
	start, end int
	open       string // opening tag(s), already escaped
	close      string
}

// richText renders text with its links and theme terms as HTML. Every
// character of text appears once, escaped; links come only from the
// document's own (already vetted) links; a theme term becomes a link to
// its theme, unless it lies inside a document link, where it is only
// marked.
func richText(text string, links []corpus.Link, terms []themes.Match, root, linkBase string) template.HTML {
	if len(links) == 0 && len(terms) == 0 {
		return template.HTML(template.HTMLEscapeString(text))
	}
	var spans []span
	for _, l := range links {
		u, class := l.URL, "ext"
		if !strings.Contains(u, ":") {
			// Relative: written against the document's page.
			class = "rel"
			if strings.HasPrefix(u, "#") {
				if linkBase != "" {
					u = linkBase + "index.html" + u
				}
			} else {
				u = linkBase + u
			}
		}
		spans = append(spans, span{l.Start, l.End,
			`<a class="` + class + `" href="` + template.HTMLEscapeString(u) + `" rel="noopener">`, "</a>"})
	}
	for _, m := range terms {
		inLink := false
		for _, l := range links {
			if m.Start < l.End && l.Start < m.End {
				inLink = true
				break
			}
		}
		if inLink {
			continue
		}
		spans = append(spans, span{m.Start, m.End,
			`<a class="term t-` + m.Theme.ID + `" href="` + root + themePath(m.Theme.ID) + `index.html" title="主题：` + template.HTMLEscapeString(m.Theme.Name) + `">`, "</a>"})
	}
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	var b strings.Builder
	b.Grow(len(text) + 64*len(spans))
	pos := 0 // rune offset
	byteOff := 0
	advance := func(to int) {
		// write runes [pos, to)
		start := byteOff
		for pos < to && byteOff < len(text) {
			_, size := utf8.DecodeRuneInString(text[byteOff:])
			byteOff += size
			pos++
		}
		b.WriteString(template.HTMLEscapeString(text[start:byteOff]))
	}
	for _, s := range spans {
		if s.start < pos || s.end <= s.start {
			continue // overlaps a span already written
		}
		advance(s.start)
		b.WriteString(s.open)
		advance(s.end)
		b.WriteString(s.close)
	}
	advance(utf8.RuneCountInString(text))
	return template.HTML(b.String())
}

// markText renders text with the given ranges wrapped in <mark>.
func markText(text string, ranges [][2]int) template.HTML {
	terms := make([]span, 0, len(ranges))
	for _, r := range ranges {
		terms = append(terms, span{r[0], r[1], "<mark>", "</mark>"})
	}
	var b strings.Builder
	rs := []rune(text)
	pos := 0
	for _, s := range terms {
		if s.start < pos || s.end > len(rs) || s.end <= s.start {
			continue
		}
		b.WriteString(template.HTMLEscapeString(string(rs[pos:s.start])))
		b.WriteString(s.open)
		b.WriteString(template.HTMLEscapeString(string(rs[s.start:s.end])))
		b.WriteString(s.close)
		pos = s.end
	}
	b.WriteString(template.HTMLEscapeString(string(rs[pos:])))
	return template.HTML(b.String())
}
