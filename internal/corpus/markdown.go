package corpus

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"tiaowen/internal/diag"
)

// NewMarkdown returns the goldmark configuration tiaowen reads documents
// and pages with: CommonMark plus tables, autolinks and the CJK extension
// (no spaces invented at line breaks between Chinese characters). Raw HTML
// is not rendered: goldmark leaves it out unless told otherwise, which
// only a site's pages are, when the site opts in (site.yaml's unsafe);
// documents are read into text, their raw HTML with it.
func NewMarkdown(opts ...goldmark.Option) goldmark.Markdown {
	base := []goldmark.Option{
		goldmark.WithExtensions(extension.CJK, extension.Table, extension.Linkify, extension.Strikethrough),
		goldmark.WithParserOptions(parser.WithAttribute()),
	}
	return goldmark.New(append(base, opts...)...)
}

// blockReader turns a Markdown body into blocks of plain text.
type blockReader struct {
	file     string
	src      []byte
	lines    *diag.Lines // src's line starts, for the position of every block
	lineBase int         // the file line on which src starts
	blocks   []Block
}

// readBlocks parses body with md and returns its paragraph-level blocks.
func readBlocks(md goldmark.Markdown, file string, body []byte, bodyLine int) []Block {
	r := &blockReader{file: file, src: body, lines: diag.NewLines(body), lineBase: bodyLine}
	doc := md.Parser().Parse(text.NewReader(body))
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		r.block(n, "")
	}
	return r.blocks
}

// pos returns the position of the first text of n.
func (r *blockReader) pos(n ast.Node) diag.Position {
	off := firstOffset(n)
	if off < 0 {
		return diag.Position{File: r.file, Line: r.lineBase}
	}
	line, col := r.lines.LineCol(off)
	return diag.Position{File: r.file, Line: r.lineBase + line - 1, Col: col}
}

// firstOffset returns the byte offset of the first source text under n, or -1.
func firstOffset(n ast.Node) int {
	if n.Type() == ast.TypeBlock {
		if ls := n.Lines(); ls != nil && ls.Len() > 0 {
			return ls.At(0).Start
		}
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := firstOffset(c); off >= 0 {
			return off
		}
	}
	return -1
}

// block appends the blocks of one block-level node. prefix is a list
// item's number, which Markdown keeps out of the item's text.
func (r *blockReader) block(n ast.Node, prefix string) {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		r.inline(n, Paragraph, prefix)
	case *ast.Heading:
		r.inline(n, Heading, prefix)
	case *ast.List:
		i := 0
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			p := ""
			if n.IsOrdered() {
				p = fmt.Sprintf("%d%c ", n.Start+i, n.Marker)
			}
			first := true
			for c := item.FirstChild(); c != nil; c = c.NextSibling() {
				switch {
				case first && n.IsOrdered():
					r.block(c, p)
				case !n.IsOrdered() && isTextBlock(c):
					r.inline(c, Bullet, "")
				default:
					r.block(c, "")
				}
				first = false
			}
			i++
		}
	case *ast.Blockquote:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			r.block(c, prefix)
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		var b strings.Builder
		ls := n.Lines()
		for i := 0; i < ls.Len(); i++ {
			seg := ls.At(i)
			b.Write(seg.Value(r.src))
		}
		if h, ok := n.(*ast.HTMLBlock); ok && h.HasClosure() {
			b.Write(h.ClosureLine.Value(r.src))
		}
		kind := Code
		if _, ok := n.(*ast.HTMLBlock); ok {
			kind = Paragraph // shown as text, never interpreted
		}
		t := strings.TrimRight(b.String(), "\n")
		if kind == Paragraph {
			t = strings.Join(strings.Fields(strings.ReplaceAll(t, "\n", " ")), " ")
		}
		if t != "" {
			r.blocks = append(r.blocks, Block{Kind: kind, Text: prefix + t, Pos: r.pos(n)})
		}
	case *extast.Table:
		var rows [][]string
		var links []Link
		at := 0 // the cell's first rune in the table's text
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			var cells []string
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				paras, ls := r.inlineText(cell)
				off := at
				for i, p := range paras {
					for _, l := range ls[i] {
						l.Start, l.End = l.Start+off, l.End+off
						links = append(links, l)
					}
					off += utf8.RuneCountInString(p) + 1 // and the space joining the next
				}
				text := strings.Join(paras, " ")
				cells = append(cells, text)
				at += utf8.RuneCountInString(text) + 1 // and the "\t" or "\n" after it
			}
			rows = append(rows, cells)
		}
		lines := make([]string, len(rows))
		for i, row := range rows {
			lines[i] = strings.Join(row, "\t")
		}
		r.blocks = append(r.blocks, Block{Kind: Table, Text: strings.Join(lines, "\n"), Rows: rows, Links: links, Pos: r.pos(n)})
	case *ast.ThematicBreak:
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			r.block(c, prefix)
		}
	}
}

func isTextBlock(n ast.Node) bool {
	switch n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return true
	}
	return false
}

// inline appends the paragraphs of a node holding inline content. A hard
// line break starts a new paragraph.
func (r *blockReader) inline(n ast.Node, kind BlockKind, prefix string) {
	paras, links := r.inlineText(n)
	pos := r.pos(n)
	for i, p := range paras {
		if i == 0 && prefix != "" {
			p = prefix + p
			for j := range links[i] {
				links[i][j].Start += utf8.RuneCountInString(prefix)
				links[i][j].End += utf8.RuneCountInString(prefix)
			}
		}
		if p == "" {
			continue
		}
		r.blocks = append(r.blocks, Block{Kind: kind, Text: p, Links: links[i], Pos: pos})
	}
}

// piece is a run of inline text, linked when url is set.
type piece struct {
	text string
	url  string
}

// inlineText flattens inline content to plain text: paragraphs split at
// hard line breaks, lines trimmed and joined without a separator (a line
// broken in mid-sentence is one sentence), and the spans that link.
func (r *blockReader) inlineText(n ast.Node) ([]string, [][]Link) {
	var paras [][][]piece // paragraphs of lines of pieces
	var lines [][]piece
	var line []piece
	endLine := func() { lines = append(lines, line); line = nil }
	endPara := func() { endLine(); paras = append(paras, lines); lines = nil }
	var walk func(n ast.Node, url string)
	walk = func(n ast.Node, url string) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				v := c.Segment.Value(r.src)
				if !c.IsRaw() {
					v = unescapeText(v)
				}
				line = append(line, piece{string(v), url})
				if c.HardLineBreak() {
					endPara()
				} else if c.SoftLineBreak() {
					endLine()
				}
			case *ast.String:
				line = append(line, piece{string(c.Value), url})
			case *ast.CodeSpan:
				var b strings.Builder
				for t := c.FirstChild(); t != nil; t = t.NextSibling() {
					if tx, ok := t.(*ast.Text); ok {
						b.Write(tx.Segment.Value(r.src))
					} else if s, ok := t.(*ast.String); ok {
						b.Write(s.Value)
					}
				}
				// Line endings in a code span are spaces (CommonMark 6.1).
				line = append(line, piece{lineEnds.Replace(b.String()), url})
			case *ast.RawHTML:
				var b strings.Builder
				for i := 0; i < c.Segments.Len(); i++ {
					seg := c.Segments.At(i)
					b.Write(seg.Value(r.src))
				}
				// Raw HTML is text here: shown escaped, never interpreted.
				line = append(line, piece{strings.ReplaceAll(b.String(), "\n", " "), url})
			case *ast.Link:
				dest := string(c.Destination)
				if SafeURL(dest) {
					walk(c, dest)
				} else {
					line = append(line, piece{"[", url})
					walk(c, url)
					line = append(line, piece{"](" + dest + ")", url})
				}
			case *ast.AutoLink:
				u := string(c.URL(r.src))
				label := string(c.Label(r.src))
				if c.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
					u = "mailto:" + u
				}
				if !SafeURL(u) {
					u = url
				}
				line = append(line, piece{label, u})
			case *ast.Image:
				walk(c, url) // its alt text; documents are text
			default:
				walk(c, url)
			}
		}
	}
	walk(n, "")
	endPara()

	var texts []string
	var links [][]Link
	for _, p := range paras {
		var b strings.Builder
		var ls []Link
		runes := 0
		prevLast := rune(0)
		for _, l := range p {
			t, spans := trimLine(l)
			if t == "" {
				continue
			}
			first, _ := utf8.DecodeRuneInString(t)
			if prevLast != 0 && isLatin(prevLast) && isLatin(first) {
				b.WriteByte(' ')
				runes++
			}
			for _, s := range spans {
				ls = append(ls, Link{Start: runes + s.Start, End: runes + s.End, URL: s.URL})
			}
			b.WriteString(t)
			runes += utf8.RuneCountInString(t)
			prevLast, _ = utf8.DecodeLastRuneInString(t)
		}
		texts = append(texts, b.String())
		links = append(links, mergeLinks(ls))
	}
	return texts, links
}

// unescapeText resolves backslash escapes and character references in one
// pass, as CommonMark does: 「\&amp;」 is the text 「&amp;」, 「&amp;」 is 「&」.
func unescapeText(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v
	}
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == '\\' && i+1 < len(v) && util.IsPunct(v[i+1]) {
			out = append(out, v[i+1])
			i++
			continue
		}
		if c == '&' {
			if j := bytes.IndexByte(v[i:min(len(v), i+40)], ';'); j > 0 {
				ref := v[i : i+j+1]
				if r := util.ResolveNumericReferences(util.ResolveEntityNames(ref)); !bytes.Equal(r, ref) {
					out = append(out, r...)
					i += j
					continue
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// trimLine joins a line's pieces, trims white space from both ends, and
// returns the linked spans in rune offsets of the trimmed text.
func trimLine(pieces []piece) (string, []Link) {
	var b strings.Builder
	type span struct {
		start, end int
		url        string
	}
	var spans []span
	n := 0
	for _, p := range pieces {
		c := utf8.RuneCountInString(p.text)
		if p.url != "" && c > 0 {
			spans = append(spans, span{n, n + c, p.url})
		}
		b.WriteString(p.text)
		n += c
	}
	// A tab or line end inside a line is a space: in a block's text "\n"
	// parts paragraphs and "\t" a table's cells, and a page shows either
	// as a space anyway. Each is one rune for one, so the spans hold.
	full := controlSpaces.Replace(b.String())
	trimmed := strings.TrimLeftFunc(full, IsSpace)
	left := n - utf8.RuneCountInString(trimmed)
	trimmed = strings.TrimRightFunc(trimmed, IsSpace)
	size := utf8.RuneCountInString(trimmed)
	var out []Link
	for _, s := range spans {
		st, en := max(s.start-left, 0), min(s.end-left, size)
		if st < en {
			out = append(out, Link{Start: st, End: en, URL: s.url})
		}
	}
	return trimmed, out
}

// mergeLinks joins adjacent spans that link to the same place (a link's
// text split into several pieces by emphasis or escapes).
func mergeLinks(ls []Link) []Link {
	var out []Link
	for _, l := range ls {
		if k := len(out) - 1; k >= 0 && out[k].URL == l.URL && out[k].End == l.Start {
			out[k].End = l.End
			continue
		}
		out = append(out, l)
	}
	return out
}

// lineEnds turns a code span's line endings into spaces.
var lineEnds = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// controlSpaces turns the white-space controls into spaces, rune for rune.
var controlSpaces = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ", "\v", " ", "\f", " ")

// IsSpace reports whether r is white space as documents use it: Unicode
// white space, including the ideographic space U+3000 that Chinese web
// pages indent paragraphs with, and the zero-width characters that copying
// from them leaves behind.
func IsSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

func isLatin(r rune) bool {
	return r < 0x2e80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// SafeURL reports whether a link to u may be emitted: http, https and
// mailto URLs and relative references. javascript:, data:, vbscript: and
// every other scheme are refused.
func SafeURL(u string) bool {
	u = strings.TrimSpace(u)
	if u == "" {
		return false
	}
	lower := strings.ToLower(u)
	if strings.HasPrefix(lower, "//") || strings.HasPrefix(lower, "\\") {
		return false // another host, reached from a file:// page as a file
	}
	for _, p := range []string{"http://", "https://", "mailto:"} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	// A relative reference has no scheme: no colon before the first
	// slash, question mark or hash.
	if i := strings.IndexAny(lower, ":/?#"); i >= 0 && lower[i] == ':' {
		return false
	}
	for _, r := range lower {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}
