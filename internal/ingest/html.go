package ingest

import (
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/width"
)

// isHTML reports whether a file is a web page saved as HTML rather than
// text copied from one: by its name, or by how it starts. Text that only
// mentions a tag (「<script>」 in a .txt) is text.
func isHTML(file, text string) bool {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".html", ".htm", ".shtml", ".xhtml":
		return true
	}
	head := strings.ToLower(strings.TrimLeft(text, " \t\r\n\ufeff"))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html")
}

// htmlLines returns the text a reader sees of an HTML page as the lines
// Import works on: one for each block of text (a paragraph, a heading, a
// list item, a line a <br> ends), a blank line between blocks so that
// they are never joined as a line broken mid-sentence is, and a table's
// row as one line of its cells joined by tabs, which markdownBody makes a
// table again. Each line has the number of the page's source line its
// text starts on, so that what the rules remove is reported where the
// saved page has it.
//
// What a reader does not see is left out: scripts, style sheets, the
// page's <title>, forms' menus and text areas, and elements marked
// hidden or styled display:none. White space is collapsed as a browser
// collapses it, and a line break in the source between two wide
// characters (两个汉字) is dropped, as CSS Text 3 has it, rather than read as
// a space.
func htmlLines(src string) ([]line, []Removal, pageFacts) {
	p := &pageText{line: 1}
	z := html.NewTokenizer(strings.NewReader(src))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		start := p.line
		p.line += strings.Count(string(z.Raw()), "\n")
		switch tt {
		case html.TextToken:
			// Text gives a token's text once.
			text := string(z.Text())
			if p.skip == 0 && p.facts.inAttachment {
				p.facts.attachments[len(p.facts.attachments)-1].text += text
			}
			switch {
			case p.skip == 0:
				p.text(text, start)
			case p.skip == 1 && p.skipping == atom.Title:
				p.facts.title += text
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			var attrs []html.Attribute
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
			}
			if a == atom.Meta {
				p.facts.meta(attrs)
			}
			if a == atom.A && p.skip == 0 && tt == html.StartTagToken {
				p.facts.link(attrs)
			}
			opens := tt == html.StartTagToken && !voidElement[a]
			if p.skip > 0 {
				switch {
				case a == p.skipping && opens:
					p.skip++
				case a == atom.Table && opens:
					p.skipTables++
				}
				continue
			}
			// An element whose end tag may be left out (<p>, <li>, <td> …)
			// is not left out, lest the rest of the page go with it.
			if opens && (unseen[a] || hidden(attrs) && !optionalEnd[a]) {
				p.skipping, p.skip, p.skipTables = a, 1, 0
				continue
			}
			switch {
			case p.furniture.rule != "":
				if a == p.furniture.tag && opens {
					p.furniture.depth++
				}
			case opens && !optionalEnd[a]:
				if rule := furnitureRule(a, attrs); rule != "" {
					p.breakBlock()
					p.furniture = furniture{rule: rule, tag: a, depth: 1, line: start, tables: len(p.tables)}
				}
			}
			p.open(a, attrs)
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a == atom.A {
				p.facts.inAttachment = false
			}
			if p.skip > 0 {
				switch {
				case a == p.skipping:
					p.skip--
					continue
				case a == atom.Table && p.skipTables > 0:
					p.skipTables--
					continue
				case !closesAround(a, p.skipTables == 0):
					continue
				}
				// The cell, table or page around the element ends, and
				// the element with it, its end tag left out.
				p.skip = 0
			}
			if p.furniture.rule != "" && closesAround(a, len(p.tables) == p.furniture.tables) {
				p.endFurniture()
			}
			p.close(a)
			if p.furniture.rule != "" && a == p.furniture.tag {
				if p.furniture.depth--; p.furniture.depth == 0 {
					p.endFurniture()
				}
			}
		}
	}
	for len(p.tables) > 0 {
		p.endTable()
	}
	if p.furniture.rule != "" {
		p.endFurniture()
	}
	p.flush()
	return p.lines, p.removed, p.facts
}

// pageFacts are what a page says of itself outside its text: its title,
// and the facts government sites give in <meta> tags by the national
// guideline for their pages (ArticleTitle, PubDate).
type pageFacts struct {
	title, articleTitle, pubDate string
	// attachments are the files the page links: a notice's page often
	// holds only the notice, the document it issues attached.
	attachments  []attachment
	inAttachment bool // in the text of the last of them
}

// attachment is a file a page links: its address as written, and the
// text of the link.
type attachment struct {
	href, text string
}

// attachmentExts are the kinds of file a page attaches documents as.
var attachmentExts = map[string]bool{".pdf": true, ".doc": true, ".docx": true, ".wps": true, ".ofd": true, ".rtf": true, ".txt": true,
	".xls": true, ".xlsx": true, ".et": true, ".zip": true, ".rar": true, ".7z": true}

// link notes a link to an attachment.
func (f *pageFacts) link(attrs []html.Attribute) {
	for _, a := range attrs {
		if strings.ToLower(a.Key) != "href" {
			continue
		}
		href := strings.TrimSpace(a.Val)
		u, err := url.Parse(href)
		if err != nil || u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
			return
		}
		if attachmentExts[strings.ToLower(path.Ext(u.Path))] {
			f.attachments = append(f.attachments, attachment{href: href})
			f.inAttachment = true
		}
	}
}

func (f *pageFacts) meta(attrs []html.Attribute) {
	var name, content string
	for _, a := range attrs {
		switch strings.ToLower(a.Key) {
		case "name":
			name = a.Val
		case "content":
			content = strings.TrimSpace(a.Val)
		}
	}
	switch name {
	case "ArticleTitle":
		f.articleTitle = content
	case "PubDate":
		f.pubDate = content
	}
}

// unseen are elements whose content a reader of the page does not see as
// its text.
var unseen = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Title: true, atom.Noscript: true,
	atom.Template: true, atom.Select: true, atom.Textarea: true, atom.Svg: true,
	atom.Math: true, atom.Iframe: true, atom.Object: true,
}

// optionalEnd are elements whose end tag a page may leave out, ended by
// the next of their kind or their parent's end.
var optionalEnd = map[atom.Atom]bool{
	atom.P: true, atom.Li: true, atom.Dt: true, atom.Dd: true, atom.Tr: true, atom.Td: true,
	atom.Th: true, atom.Option: true, atom.Optgroup: true, atom.Tbody: true, atom.Thead: true,
	atom.Tfoot: true, atom.Colgroup: true, atom.Caption: true, atom.Rb: true, atom.Rp: true,
	atom.Rt: true, atom.Rtc: true,
}

// closesAround reports whether end tag a ends the element an element
// left out or taken as furniture stands in, when its end tag is missing:
// the page's end, or — when no table was opened inside the element
// (sameTable) — its cell's, row's or table's.
func closesAround(a atom.Atom, sameTable bool) bool {
	switch a {
	case atom.Body, atom.Html:
		return true
	case atom.Td, atom.Th, atom.Tr, atom.Table, atom.Tbody, atom.Thead, atom.Tfoot:
		return sameTable
	}
	return false
}

// voidElement are elements that have no end tag, so they cannot be
// skipped to one.
var voidElement = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Source: true, atom.Track: true, atom.Wbr: true,
}

// blockElement are elements that begin and end a line of text.
var blockElement = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Html: true, atom.Legend: true,
	atom.Li: true, atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Ul: true,
}

// hidden reports whether an element's attributes hide it: hidden, or
// display:none in its style.
func hidden(attrs []html.Attribute) bool {
	for _, a := range attrs {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			if strings.Contains(strings.ReplaceAll(strings.ToLower(a.Val), " ", ""), "display:none") {
				return true
			}
		}
	}
	return false
}

// furnitureNames are the words of class names and ids that mark a page's
// furniture, by the rule that removes it. Whole words only: "nav" in
// "main-nav", not in "canvas".
var furnitureNames = map[string]string{
	"nav": "html-navigation", "navbar": "html-navigation", "navigation": "html-navigation",
	"menu": "html-navigation", "breadcrumb": "html-navigation", "breadcrumbs": "html-navigation",
	"crumb": "html-navigation", "crumbs": "html-navigation", "sidebar": "html-navigation",
	"toolbar": "html-navigation", "topbar": "html-navigation", "share": "html-navigation",
	"skip": "html-navigation", "related": "html-navigation",
	"footer": "html-footer", "foot": "html-footer", "copyright": "html-footer",
}

// furnitureRule names the rule by which an element is page furniture —
// the page's navigation (<nav>, role=navigation, a menu, a breadcrumb, a
// share bar) or its footer — or returns "". Such an element holds no
// words of the document: a page's title sits in its header, which is
// kept, and the text rules remove what of it is furniture.
func furnitureRule(a atom.Atom, attrs []html.Attribute) string {
	switch a {
	case atom.Nav:
		return "html-navigation"
	case atom.Footer:
		return "html-footer"
	}
	for _, at := range attrs {
		switch at.Key {
		case "role":
			if at.Val == "navigation" {
				return "html-navigation"
			}
		case "class", "id":
			for _, w := range strings.FieldsFunc(strings.ToLower(at.Val), func(r rune) bool {
				return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
			}) {
				if rule := furnitureNames[w]; rule != "" {
					return rule
				}
			}
		}
	}
	return ""
}

// pageText gathers a page's lines as its tokens come.
type pageText struct {
	lines []line
	line  int // the source line the tokenizer is on

	cur     strings.Builder // the line being gathered
	curLine int             // the source line of its first text
	pre     int             // depth in <pre>, where white space is kept

	skip       int // depth in an element left out, and which
	skipping   atom.Atom
	skipTables int // tables opened inside it
	facts      pageFacts

	furniture furniture // the furniture being read, if any
	removed   []Removal

	tables []*tableText
}

// furniture is an element of page furniture being read: its lines are
// gathered to be reported as removed, not kept.
type furniture struct {
	rule   string // "" outside furniture
	tag    atom.Atom
	depth  int // of tag, to find its end
	line   int // where it starts
	tables int // tables open where it starts
	lines  []line
}

// endFurniture reports the furniture read as removed.
func (p *pageText) endFurniture() {
	p.flush()
	var texts []string
	for _, l := range p.furniture.lines {
		if l.text != "" {
			texts = append(texts, l.text)
		}
	}
	if len(texts) > 0 {
		p.removed = append(p.removed, Removal{p.furniture.rule, p.furniture.line, strings.Join(texts, " ")})
	}
	p.furniture = furniture{}
}

// tableText is a table being read. Its rows are held until they end: a
// row of cells of a line each is a row of a table, but a row whose cells
// hold paragraphs is a page laid out with a table — old government sites
// put the whole document in one cell — and its cells' lines are lines.
type tableText struct {
	lines []line     // what the table gives so far
	row   []cellText // the row being read
	inRow bool
}

type cellText struct {
	lines []line
	span  int  // colspan
	table bool // the cell holds a table of its own
}

// A row is a row of a table when it has two cells or more, none holding
// a table or more than dataCellLines lines or dataCellRunes characters: a
// cell of a page laid out with a table holds a document, or a menu.
const (
	dataCellLines = 8
	dataCellRunes = 600
)

// out returns where a finished line goes: into the furniture being read,
// the cell being read, the table being read, or the page.
func (p *pageText) out() *[]line {
	if p.furniture.rule != "" && len(p.tables) == p.furniture.tables {
		return &p.furniture.lines
	}
	if n := len(p.tables); n > 0 {
		t := p.tables[n-1]
		if k := len(t.row); k > 0 && t.inRow {
			return &t.row[k-1].lines
		}
		return &t.lines
	}
	return &p.lines
}

// flush ends the line being gathered, if it has text.
func (p *pageText) flush() {
	text := strings.TrimRight(p.cur.String(), " ")
	p.cur.Reset()
	if text != "" {
		out := p.out()
		*out = append(*out, line{p.curLine, text})
	}
}

// breakBlock ends the line being gathered and marks a paragraph's end.
func (p *pageText) breakBlock() {
	p.flush()
	out := p.out()
	if n := len(*out); n > 0 && (*out)[n-1].text != "" {
		*out = append(*out, line{(*out)[n-1].n, ""})
	}
}

// text adds a text token that starts on source line n.
func (p *pageText) text(s string, n int) {
	if p.pre > 0 {
		for i, part := range strings.Split(s, "\n") {
			if i > 0 {
				p.flush()
				n++
			}
			p.add(strings.ReplaceAll(part, "\t", " "), n)
		}
		return
	}
	// The text starts on the line of its first character that is not
	// white space.
	k := 0
	for k < len(s) && isHTMLSpace(s[k]) {
		k++
	}
	n += strings.Count(s[:k], "\n")
	var b strings.Builder
	last, _ := utf8.DecodeLastRuneInString(p.cur.String())
	for i := 0; i < len(s); {
		if !isHTMLSpace(s[i]) {
			r, size := utf8.DecodeRuneInString(s[i:])
			b.WriteRune(r)
			last = r
			i += size
			continue
		}
		j := i
		for j < len(s) && isHTMLSpace(s[j]) {
			j++
		}
		// A line break between two wide characters is no space;
		// otherwise a run of white space is one.
		next, _ := utf8.DecodeRuneInString(s[j:])
		if !(strings.ContainsAny(s[i:j], "\n\r") && wide(last) && wide(next)) {
			b.WriteByte(' ')
			last = ' '
		}
		i = j
	}
	p.add(b.String(), n)
}

// add appends text to the line being gathered: no space opens a line,
// and none follows another.
func (p *pageText) add(s string, n int) {
	if p.cur.Len() == 0 || strings.HasSuffix(p.cur.String(), " ") {
		s = strings.TrimLeft(s, " ")
	}
	if s == "" {
		return
	}
	if p.cur.Len() == 0 {
		p.curLine = n
	}
	p.cur.WriteString(s)
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// wide reports whether r is a wide character: Han, kana, hangul, and
// the full-width punctuation that goes with them.
func wide(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	}
	return false
}

// open handles an element's start tag.
func (p *pageText) open(a atom.Atom, attrs []html.Attribute) {
	switch a {
	case atom.Br:
		p.flush()
	case atom.Table:
		p.breakBlock()
		p.tables = append(p.tables, &tableText{})
	case atom.Tr:
		if t := p.table(); t != nil {
			p.endRow(t)
			t.inRow = true
		}
	case atom.Td, atom.Th:
		t := p.table()
		if t == nil {
			p.flush()
			return
		}
		p.flush()
		if !t.inRow {
			t.inRow = true
		}
		span := 1
		for _, at := range attrs {
			if at.Key == "colspan" {
				if n, err := strconv.Atoi(strings.TrimSpace(at.Val)); err == nil && n > 1 && n <= 100 {
					span = n
				}
			}
		}
		t.row = append(t.row, cellText{span: span})
	case atom.Pre:
		p.breakBlock()
		p.pre++
	default:
		if blockElement[a] {
			p.breakBlock()
		}
	}
}

// close handles an element's end tag.
func (p *pageText) close(a atom.Atom) {
	switch a {
	case atom.Table:
		if len(p.tables) > 0 {
			p.endTable()
		}
	case atom.Tr:
		if t := p.table(); t != nil {
			p.endRow(t)
		}
	case atom.Td, atom.Th:
		p.flush()
	case atom.Pre:
		p.breakBlock()
		if p.pre > 0 {
			p.pre--
		}
	case atom.Br:
		p.flush() // </br> is read as <br>
	default:
		if blockElement[a] {
			p.breakBlock()
		}
	}
}

// table returns the table being read, if any.
func (p *pageText) table() *tableText {
	if n := len(p.tables); n > 0 {
		return p.tables[n-1]
	}
	return nil
}

// endRow ends the row being read: a row of a table, its cells joined by
// tabs (a cell's lines joined as one), or else the cells' lines one after
// another, as lines of the page.
func (p *pageText) endRow(t *tableText) {
	p.flush()
	row := t.row
	t.row, t.inRow = nil, false
	data := len(row) >= 2
	cells := make([]string, 0, len(row))
	first := 0
	for _, c := range row {
		var b strings.Builder
		lines := 0
		for _, l := range c.lines {
			if l.text == "" {
				continue
			}
			if first == 0 {
				first = l.n
			}
			if lines++; lines > 1 {
				prev, _ := utf8.DecodeLastRuneInString(b.String())
				next, _ := utf8.DecodeRuneInString(l.text)
				if !wide(prev) || !wide(next) {
					b.WriteByte(' ')
				}
			}
			b.WriteString(strings.ReplaceAll(l.text, "\t", " "))
		}
		if c.table || lines > dataCellLines || utf8.RuneCountInString(b.String()) > dataCellRunes {
			data = false
		}
		cells = append(cells, b.String())
		for range c.span - 1 {
			cells = append(cells, "")
		}
	}
	if data {
		if strings.Join(cells, "") != "" {
			t.lines = append(t.lines, line{first, strings.Join(cells, "\t")})
		}
		return
	}
	for _, c := range row {
		t.lines = append(t.lines, c.lines...)
		if n := len(t.lines); n > 0 && t.lines[n-1].text != "" {
			t.lines = append(t.lines, line{t.lines[n-1].n, ""})
		}
	}
}

// endTable ends the innermost table being read, its lines going where
// the table stands.
func (p *pageText) endTable() {
	t := p.table()
	p.endRow(t)
	p.tables = p.tables[:len(p.tables)-1]
	if outer := p.table(); outer != nil && outer.inRow && len(outer.row) > 0 {
		outer.row[len(outer.row)-1].table = true
	}
	out := p.out()
	*out = append(*out, t.lines...)
	if n := len(*out); n > 0 && (*out)[n-1].text != "" {
		*out = append(*out, line{(*out)[n-1].n, ""})
	}
}
