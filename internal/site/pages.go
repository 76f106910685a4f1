package site

import (
	"html/template"

	"tiaowen/internal/corpus"
	"tiaowen/internal/themes"
)

// Page is what every template is executed with. Kind-specific data is in
// Data; the fields here are what the layout (base.html) needs.
type Page struct {
	Site *Config
	// Kind is home, doc, section, themes, theme, page, compare, search,
	// 404 or redirect.
	Kind string
	// Root leads from the page back to the site root: "" for the home
	// page, "../../" for a document. Every link in a page starts with it.
	Root string
	// Path is the page's path from the root ("docs/x/"), "" for home.
	Path        string
	Title       string
	Description string
	Lang        string
	// Canonical is the page's absolute URL, or "" without a base URL.
	Canonical string
	OGType    string
	JSONLD    template.JS
	// Nav names the navigation item that is current.
	Nav   string
	Pages []navPage // content pages, for the navigation
	Data  any
}

// OGLocale is the OpenGraph locale of the page's language.
func (p *Page) OGLocale() string {
	if p.Lang == "zh-Hant" {
		return "zh_TW"
	}
	return "zh_CN"
}

type navPage struct {
	Title string
	Path  string
}

// docRow is a document as lists and the home page show it.
type docRow struct {
	*docInfo
	Sections int
}

// homeData is the home page.
type homeData struct {
	Docs   []docRow
	Themes []*themes.Theme
	Matrix []matrixRow
}

type matrixRow struct {
	Doc   *docInfo
	Cells []matrixCell
}

type matrixCell struct {
	Theme *themes.Theme
	Count int
	Heat  int // 0 to 5, for shading
}

// docData is a document page.
type docData struct {
	Doc      *docInfo
	TOC      template.HTML
	Preamble template.HTML
	Body     template.HTML
	Trailing template.HTML
	Themes   []themeCount
	Compare  []compareLink // the documents it has a pair page with
}

// compareLink is a pair page, named by the other document of the pair.
type compareLink struct {
	*docInfo
	Path string // the pair page's path from the root
}

// comparedWith lists the documents whose pair page with d the site
// renders, in corpus order. Only those: listing every other document
// would put the whole corpus on every document page, a cost that grows
// with the square of the corpus (2,000 documents made each page 240 KB
// larger), to link to pages that do not exist.
func (s *Site) comparedWith(d *docInfo) []compareLink {
	var out []compareLink
	// s.pairs is sorted by a's id, then b's: the pairs in which d is b
	// come first, in the order of a, then those in which it is a.
	for _, p := range s.pairs {
		switch d {
		case p.a:
			out = append(out, compareLink{p.b, comparePath(p.a.ID, p.b.ID)})
		case p.b:
			out = append(out, compareLink{p.a, comparePath(p.a.ID, p.b.ID)})
		}
	}
	return out
}

type themeCount struct {
	Theme *themes.Theme
	Count int
}

// sectionData is a section's own page.
type sectionData struct {
	Doc          *docInfo
	Section      *corpus.Section
	Ancestors    []*corpus.Section
	Body         template.HTML
	Prev         *corpus.Section
	Next         *corpus.Section
	Themes       []*themes.Theme
	Cite         citation
	Counterparts []counterpartView
}

// themesData is the theme index.
type themesData struct {
	Themes []themeSummary
}

type themeSummary struct {
	Theme    *themes.Theme
	Docs     int
	Sections int
}

// themeData is one theme's page.
type themeData struct {
	Theme  *themes.Theme
	Groups []themeGroup
}

type themeGroup struct {
	Doc      *docInfo
	Passages []passageView
}

type passageView struct {
	Section *corpus.Section
	HTML    template.HTML
}

// contentData is a page from content/pages.
type contentData struct {
	Body template.HTML
}

// redirectData is a page left where a document used to be.
type redirectData struct {
	Target string // relative link to the new place
	Title  string
}
