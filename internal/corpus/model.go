package corpus

import (
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"tiaowen/internal/diag"
	"tiaowen/internal/numbering"
)

// Corpus is every document of a site, in corpus order: sorted by id.
type Corpus struct {
	Docs []*Document
	// Drafts are the documents marked draft that LoadDir left out.
	Drafts []*Document
}

// Doc returns the document with the given id, or nil.
func (c *Corpus) Doc(id string) *Document {
	for _, d := range c.Docs {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// Meta is a document's front matter.
type Meta struct {
	ID      string   `yaml:"id" json:"id"`
	Title   string   `yaml:"title" json:"title"`
	Issuer  string   `yaml:"issuer" json:"issuer"`
	Date    string   `yaml:"date" json:"date"`
	Number  string   `yaml:"number" json:"number"` // 文号
	Lang    string   `yaml:"lang" json:"lang"`     // zh-Hans or zh-Hant
	Status  string   `yaml:"status" json:"status"` // 正式, 征求意见稿 …
	Level   string   `yaml:"level" json:"level"`   // national, province, city, county
	Region  string   `yaml:"region" json:"region"`
	Source  string   `yaml:"source" json:"source"`
	Aliases []string `yaml:"aliases" json:"aliases"`
	// Supersedes are the ids of the documents this one replaces: the
	// final text of a 征求意见稿, a plan's new edition. Each keeps its own
	// pages and permalinks, which lead on to this one.
	Supersedes []string `yaml:"supersedes" json:"supersedes,omitempty"`
	// Draft keeps a document out of the site until it is ready, as
	// Hugo's draft does: LoadDir leaves it out unless Parser.Drafts.
	Draft bool `yaml:"draft" json:"draft,omitempty"`
	// Effective is the first day the document is in force and Expires
	// the last (YYYY-MM-DD), as its text says — 自2024年1月1日起施行，有效期至
	// 2028年12月31日 — or "" where it says nothing. Whether it is in force
	// is for the day it is read: the pages give the days and leave that
	// to the reader's browser.
	Effective string `yaml:"effective" json:"effective,omitempty"`
	Expires   string `yaml:"expires" json:"expires,omitempty"`
	// Original is the official file the text was taken from — the PDF,
	// OFD or Word document as issued, with its letterhead and seal — as
	// a path from the folder the document is in; "" for none. The site
	// publishes it beside the document.
	Original string `yaml:"original" json:"original,omitempty"`
}

// Document is one policy document split into its sections.
type Document struct {
	Meta
	// File is the path the document was read from, as given.
	File string
	// Preamble is the text before the first section: title lines, an
	// issuing notice, addressees, an introductory paragraph.
	Preamble []Block
	// Roots are the top-level sections; Sections are all of them in
	// document order, a parent before its children.
	Roots    []*Section
	Sections []*Section
	// Trailing is the matter after the last section that belongs to no
	// section: a signature block of issuing body and date.
	Trailing []Block

	// TitleAt and SupersedesAt are where the front matter gives Title and
	// Supersedes, for the checks across documents; the zero Position when
	// it does not.
	TitleAt, SupersedesAt diag.Position
	// DraftAt is where it gives Draft, OriginalAt Original.
	DraftAt, OriginalAt diag.Position

	// byEID indexes Sections once the tree is built: pages look sections
	// up by eId for every aligned pair and counterpart.
	byEID map[string]*Section
}

// Section returns the section with the given eId, or nil.
func (d *Document) Section(eid string) *Section {
	if d.byEID != nil {
		return d.byEID[eid]
	}
	for _, s := range d.Sections {
		if s.EID == eid {
			return s
		}
	}
	return nil
}

// Section is one numbered provision of a document.
type Section struct {
	// EID is the section's identifier within its document (p2-s8-i2, s26).
	EID    string
	Kind   numbering.Kind
	Number int
	// Marker is the marker as written, separator included: 「（八）」 「2.」.
	Marker string
	// Path holds the markers from the top-level ancestor down to this
	// section, each without its trailing separator.
	Path  []string
	Level int
	// Title is the heading without its marker; empty for provisions that
	// have none, such as articles.
	Title string
	// TitleEnd is the full stop that ended a title cut from the lead of a
	// paragraph (「增强质量发展创新动能。建立…」), kept so that pages show
	// every character of the text.
	TitleEnd string
	// Inline reports that the first block continues the marker's own
	// paragraph rather than starting a new one.
	Inline bool
	// Blocks are the section's own text: everything after the title up to
	// the next marker of any level.
	Blocks []Block
	// Text is the section's own text, its paragraphs joined by "\n".
	Text string

	// CitedAlone reports that the section is cited by its own marker
	// alone (「（二十六）」), not through its ancestors (「二、（八）2.」):
	// it is top-level, or its numbering runs on across its parents.
	CitedAlone bool

	Parent   *Section
	Children []*Section
	// Index is the section's position in Document.Sections.
	Index int
	Pos   diag.Position

	// citation is Citation's result, fixed once the tree is built: every
	// page that shows or links the section asks for it, many times over.
	citation string
}

// Ancestors returns the section's ancestors from the top level down, not
// including the section itself.
func (s *Section) Ancestors() []*Section {
	var out []*Section
	for p := s.Parent; p != nil; p = p.Parent {
		out = append(out, p)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Citation returns the section's short citation in the document's own
// markers: 「二、（八）2.」, or 「（二十六）」 for a section cited alone.
func (s *Section) Citation() string {
	if s.citation != "" {
		return s.citation
	}
	return s.cite()
}

// cite computes Citation from the section's ancestors.
func (s *Section) cite() string {
	var parts []string
	p := s
	for ; p != nil; p = p.Parent {
		parts = append(parts, p.Marker)
		if p.CitedAlone {
			break
		}
	}
	// What runs on inside an annex is unique there, not in the document:
	// 「附件1（三）」.
	if p != nil && p.Kind != numbering.Annex {
		for a := p.Parent; a != nil; a = a.Parent {
			if a.Kind == numbering.Annex {
				parts = append(parts, a.Marker)
			}
		}
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteString(parts[i])
	}
	return b.String()
}

// Heading returns the marker and title as a reader sees them:
// 「（八）提升产业集群质量引领力」, 「第二章 质量基础设施」.
func (s *Section) Heading() string {
	return s.joinTitle(s.Marker)
}

// Label returns the section's citation and title, the name a link to it
// carries: 「二、（八）2.提升质量监管效能」, 「第二章 质量基础设施」.
func (s *Section) Label() string {
	return s.joinTitle(s.Citation())
}

// MarkerApart reports whether the marker ends in a word, as a 第X章, 第X条
// or 附件1 does, and is so set apart from what follows it — by a space in
// text, a margin on a page — as these headings are printed (「第二章　总则」):
// without it they read as one word. A marker that ends in punctuation
// (一、 （一） 1. 附件2：) is its own separator.
func (s *Section) MarkerApart() bool {
	switch s.Kind {
	case numbering.Book, numbering.Chapter, numbering.Subchapter, numbering.Article, numbering.Annex:
		last, _ := utf8.DecodeLastRuneInString(s.Marker)
		return !unicode.IsPunct(last)
	}
	return false
}

// joinTitle puts the title after a marker or citation, which ends in the
// marker, with a space when the marker is set apart.
func (s *Section) joinTitle(prefix string) string {
	if s.Title == "" {
		return prefix
	}
	if s.MarkerApart() {
		return prefix + " " + s.Title
	}
	return prefix + s.Title
}

// TextOfBlocks reports whether Text is the blocks' texts joined by "\n",
// as a parsed section's is; a section made without its blocks is not.
func (s *Section) TextOfBlocks() bool {
	if len(s.Blocks) == 0 {
		return false
	}
	n := len(s.Blocks) - 1
	for _, b := range s.Blocks {
		n += len(b.Text)
	}
	return n == len(s.Text)
}

// Layout says what each line of Text is, a letter a line, for a reader of
// the text alone (the comparison computed in a browser): 'T' starts a
// table and 't' is each of its further rows, 'C' starts a code block and
// 'c' continues it, 'p' is a paragraph. It is "" when every line is a
// paragraph, as most sections' are, or when Text is not of the blocks.
func (s *Section) Layout() string {
	if !s.TextOfBlocks() || !slices.ContainsFunc(s.Blocks, func(b Block) bool { return b.Kind == Table || b.Kind == Code }) {
		return ""
	}
	var b strings.Builder
	for _, bl := range s.Blocks {
		first, more := byte('p'), byte('p')
		switch bl.Kind {
		case Table:
			first, more = 'T', 't'
		case Code:
			first, more = 'C', 'c'
		}
		b.WriteByte(first)
		for range strings.Count(bl.Text, "\n") {
			b.WriteByte(more)
		}
	}
	return b.String()
}

// BlockKind is the kind of a block of text.
type BlockKind uint8

// The block kinds.
const (
	Paragraph BlockKind = iota
	Heading
	Bullet // an item of an unnumbered list
	Table
	Code
)

// Block is a paragraph-level piece of text.
type Block struct {
	Kind BlockKind
	// Text is the block's plain text. For a table it is the rows joined by
	// "\n", their cells by "\t".
	Text string
	// Rows holds a table's cells, the header row first.
	Rows [][]string
	// Links are the spans of Text that link elsewhere.
	Links []Link
	Pos   diag.Position
}

// Link is a span of a block's text, in rune offsets, that links to URL.
type Link struct {
	Start, End int
	URL        string
}

// joinBlocks joins the blocks' texts with "\n" and makes each block's text
// the part of the joined string that holds it, so that a section's text is
// in memory once, not twice: the corpus is held for the whole build.
func joinBlocks(bs []Block) string {
	switch len(bs) {
	case 0:
		return ""
	case 1:
		return bs[0].Text
	}
	n := len(bs) - 1
	for _, bl := range bs {
		n += len(bl.Text)
	}
	var b strings.Builder
	b.Grow(n)
	for i, bl := range bs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(bl.Text)
	}
	text := b.String()
	off := 0
	for i := range bs {
		end := off + len(bs[i].Text)
		bs[i].Text = text[off:end]
		off = end + 1
	}
	return text
}

// OriginalPath is where the document's Original is: its path from the
// folder the document's file is in. "" when it has none.
func (d *Document) OriginalPath() string {
	if d.Original == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(d.File), filepath.FromSlash(d.Original))
}
