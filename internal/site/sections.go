package site

import (
	"html/template"
	"strconv"
	"strings"
	"unicode/utf8"

	"tiaowen/internal/corpus"
	"tiaowen/internal/refs"
	"tiaowen/internal/themes"
)

// The HTML of a document's text is written here rather than in templates:
// it is the hot path of a build (every section appears on its document's
// page and on its own), and its structure is part of the page contract:
//
//	<section class="sec l{level} k-{kind}" id="{eId}">
//	  <h{n} class="sec-h"><span class="marker">…</span><span class="title">…</span><a class="permalink" …></a></h{n}>
//	  <p>…</p> …            the section's own text
//	  <section …>…</section> its children
//	</section>
//
// A title cut from the lead of a paragraph stays in that paragraph as a
// run-in heading (<span class="sec-h" role="heading" aria-level="n">), so
// that every character of the text is shown once, in order.

// sectionWriter renders sections for pages whose root prefix is root.
type sectionWriter struct {
	doc  *docInfo
	root string
	// linkBase leads from the page being written to the document's own
	// page, against which relative links in a document's text are
	// written: "" on the document page, "../" on a section's page.
	linkBase string
	// blockTop gives the topmost section written a heading element of
	// its own even when its title runs into its first paragraph: the
	// <h1> of a section's page.
	blockTop bool
}

// headingLevel maps a section's depth, relative to the top of what a page
// shows, to an HTML heading level.
func headingLevel(rel, base int) int {
	return min(base+rel, 6)
}

// htmlSize estimates the length of the HTML of s and its descendants, so
// that a page's text is built in one allocation instead of doubling its
// way up: the text itself and, per section, its markup and its theme
// links, which are written for roughly one term in ten characters.
func htmlSize(s *corpus.Section) int {
	n := len(s.Marker) + len(s.Title) + len(s.Text)
	n += 400 + n/3
	for _, c := range s.Children {
		n += htmlSize(c)
	}
	return n
}

// writeTree writes s and its descendants; base is the heading level of s.
func (w sectionWriter) writeTree(b *strings.Builder, s *corpus.Section, base int, top int) {
	w.writeOwn(b, s, headingLevel(s.Level-top, base), w.blockTop && s.Level == top)
	for _, c := range s.Children {
		w.writeTree(b, c, base, top)
	}
	b.WriteString("</section>\n")
}

// writeOwn opens the section element and writes its heading and text.
func (w sectionWriter) writeOwn(b *strings.Builder, s *corpus.Section, h int, block bool) {
	si := w.doc.secs[s.Index]
	b.WriteString(`<section class="sec l`)
	b.WriteString(strconv.Itoa(s.Level))
	b.WriteString(" k-")
	b.WriteString(s.Kind.String())
	b.WriteString(`" id="`)
	b.WriteString(s.EID)
	b.WriteString(`">`)
	hs := strconv.Itoa(h)
	heading := func() {
		b.WriteString(markerTag(s))
		escapeTo(b, s.Marker)
		b.WriteString(`</span>`)
		if s.Title != "" {
			b.WriteString(`<span class="title">`)
			writeRich(b, s.Title, nil, nil, si.titleTerms, w.root, w.linkBase)
			b.WriteString(`</span>`)
		}
		b.WriteString(`<a class="permalink" href="`)
		b.WriteString(w.root)
		b.WriteString("docs/")
		b.WriteString(w.doc.ID)
		b.WriteByte('/')
		b.WriteString(s.EID)
		b.WriteString(`/index.html" aria-label="`)
		escapeTo(b, s.Citation())
		b.WriteString(` 的永久链接"></a>`)
	}
	blocks := s.Blocks
	if s.Inline && len(blocks) > 0 && !block {
		b.WriteString(`<p class="lead"><span class="sec-h" role="heading" aria-level="`)
		b.WriteString(hs)
		b.WriteString(`">`)
		heading()
		b.WriteString(`</span>`)
		escapeTo(b, s.TitleEnd)
		writeRich(b, blocks[0].Text, blocks[0].Links, at(si.blockNamed, 0), si.blockTerms[0], w.root, w.linkBase)
		b.WriteString("</p>\n")
		w.writeBlocks(b, blocks[1:], si.blockTerms[1:], from(si.blockNamed, 1))
		return
	}
	b.WriteString("<h")
	b.WriteString(hs)
	b.WriteString(` class="sec-h">`)
	heading()
	escapeTo(b, s.TitleEnd)
	b.WriteString("</h")
	b.WriteString(hs)
	b.WriteString(">\n")
	w.writeBlocks(b, blocks, si.blockTerms, si.blockNamed)
}

// markerTag opens the element of a section's marker: one that ends in a
// word (第二章, 附件1) is set apart from its title by a margin, as the
// space corpus.Section.Label puts there in text.
func markerTag(s *corpus.Section) string {
	if s.MarkerApart() {
		return `<span class="marker apart">`
	}
	return `<span class="marker">`
}

// at is xs[i], or nil past its end: a block's terms or titles, where a
// block without any may have no slice at all.
func at[T any](xs [][]T, i int) []T {
	if i < len(xs) {
		return xs[i]
	}
	return nil
}

// from is xs[i:], or nil past its end.
func from[T any](xs [][]T, i int) [][]T {
	if i < len(xs) {
		return xs[i:]
	}
	return nil
}

// writeBlocks writes paragraph-level blocks, each with its theme terms
// and the titles in it that name documents; either may be nil.
func (w sectionWriter) writeBlocks(b *strings.Builder, blocks []corpus.Block, terms [][]themes.Match, named [][]refs.Ref) {
	inList := false
	for i, bl := range blocks {
		ts, ns := at(terms, i), at(named, i)
		if bl.Kind == corpus.Bullet && !inList {
			b.WriteString("<ul>\n")
			inList = true
		} else if bl.Kind != corpus.Bullet && inList {
			b.WriteString("</ul>\n")
			inList = false
		}
		switch bl.Kind {
		case corpus.Bullet:
			b.WriteString("<li>")
			writeRich(b, bl.Text, bl.Links, ns, ts, w.root, w.linkBase)
			b.WriteString("</li>\n")
		case corpus.Heading:
			b.WriteString(`<p class="subhead">`)
			writeRich(b, bl.Text, bl.Links, ns, ts, w.root, w.linkBase)
			b.WriteString("</p>\n")
		case corpus.Code:
			b.WriteString("<pre><code>")
			escapeTo(b, bl.Text)
			b.WriteString("</code></pre>\n")
		case corpus.Table:
			w.writeTable(b, bl, ts, ns)
		default:
			b.WriteString("<p>")
			writeRich(b, bl.Text, bl.Links, ns, ts, w.root, w.linkBase)
			b.WriteString("</p>\n")
		}
	}
	if inList {
		b.WriteString("</ul>\n")
	}
}

// writeTable writes a table, its first row as the header, with the
// links, document titles and theme terms in its cells. Their offsets are
// in the table's text, its rows joined by "\n" and their cells by "\t",
// so each is cut to the cells it lies in and counted from a cell's start
// (terms are found cell by cell, findTerms; a title cannot cross a cell).
func (w sectionWriter) writeTable(b *strings.Builder, bl corpus.Block, terms []themes.Match, named []refs.Ref) {
	b.WriteString(`<div class="table-wrap" tabindex="0"><table>`)
	var (
		cellLinks []corpus.Link
		cellNamed []refs.Ref
		cellTerms []themes.Match
	)
	lo := 0 // the cell's first rune in bl.Text
	for i, row := range bl.Rows {
		if i == 0 {
			b.WriteString("<thead>")
		} else if i == 1 {
			b.WriteString("<tbody>")
		}
		b.WriteString("<tr>")
		cell := "td"
		if i == 0 {
			cell = "th"
		}
		for _, c := range row {
			hi := lo + utf8.RuneCountInString(c)
			cellLinks = inCell(cellLinks[:0], bl.Links, lo, hi, func(l *corpus.Link) (*int, *int) { return &l.Start, &l.End })
			cellNamed = inCell(cellNamed[:0], named, lo, hi, func(r *refs.Ref) (*int, *int) { return &r.Start, &r.End })
			cellTerms = inCell(cellTerms[:0], terms, lo, hi, func(m *themes.Match) (*int, *int) { return &m.Start, &m.End })
			b.WriteString("<")
			b.WriteString(cell)
			b.WriteString(">")
			writeRich(b, c, cellLinks, cellNamed, cellTerms, w.root, w.linkBase)
			b.WriteString("</")
			b.WriteString(cell)
			b.WriteString(">")
			lo = hi + 1 // past the "\t" or "\n" after the cell
		}
		b.WriteString("</tr>")
		if i == 0 {
			b.WriteString("</thead>")
		}
	}
	if len(bl.Rows) > 1 {
		b.WriteString("</tbody>")
	}
	b.WriteString("</table></div>\n")
}

// inCell appends to dst the items of src — links, titles or terms, whose
// rune range in a table's text span gives — that have text in the cell at
// runes [lo, hi), each cut to the cell and counted from its start.
func inCell[T any](dst, src []T, lo, hi int, span func(*T) (start, end *int)) []T {
	for _, x := range src {
		start, end := span(&x)
		if s, e := max(*start, lo), min(*end, hi); s < e {
			*start, *end = s-lo, e-lo
			dst = append(dst, x)
		}
	}
	return dst
}

// plainBlocks writes blocks with links and the titles that name
// documents, but no theme terms: the preamble and trailing matter, which
// belong to no section.
func (w sectionWriter) plainBlocks(bs []corpus.Block, named [][]refs.Ref) template.HTML {
	var b strings.Builder
	w.writeBlocks(&b, bs, nil, named)
	return template.HTML(b.String())
}

// toc writes a document's table of contents as nested lists.
func (w sectionWriter) toc(secs []*corpus.Section, anchors bool) template.HTML {
	var b strings.Builder
	var walk func(ss []*corpus.Section)
	walk = func(ss []*corpus.Section) {
		b.WriteString("<ol>")
		for _, s := range ss {
			b.WriteString(`<li><a href="`)
			if anchors {
				b.WriteByte('#')
				b.WriteString(s.EID)
			} else {
				b.WriteString(w.root)
				b.WriteString(sectionPath(w.doc.ID, s.EID))
				b.WriteString("index.html")
			}
			b.WriteString(`" data-eid="`)
			b.WriteString(s.EID)
			b.WriteString(`">`)
			b.WriteString(markerTag(s))
			escapeTo(&b, s.Marker)
			b.WriteString(`</span>`)
			if s.Title != "" {
				escapeTo(&b, s.Title)
			} else {
				b.WriteString(`<span class="excerpt">`)
				escapeTo(&b, excerpt(s.Text, 14))
				b.WriteString(`</span>`)
			}
			b.WriteString("</a>")
			if len(s.Children) > 0 {
				walk(s.Children)
			}
			b.WriteString("</li>")
		}
		b.WriteString("</ol>")
	}
	walk(secs)
	return template.HTML(b.String())
}
