package site

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"tiaowen/internal/corpus"
	"tiaowen/internal/textnorm"
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
	// BaseHref, when set, is the page's <base>: the 404 page, which a
	// web host serves at whatever address was missing, leads from the
	// site's root on the host rather than from where it is shown.
	BaseHref string
	OGType   string
	JSONLD   template.JS
	// Nav names the navigation item that is current.
	Nav   string
	Pages []navPage // content pages, for the navigation
	Data  any
	// Draft marks a page of a document marked draft, or a comparison
	// with one, which only a preview built with --buildDrafts has: the
	// page says so at its top and asks search engines not to index it.
	Draft bool
	// Code says that the page shows highlighted code, and its layout
	// links the highlighting's style sheet, static/chroma.css; the other
	// pages, nearly all of a site, leave out its 18 KB.
	Code bool

	assets *assetVersions
}

// Asset returns the address of an asset from the page: name is its slash
// path from the site's root ("static/style.css", "api/docs.js"), and the
// address carries the file's version (assets.go). A name the site has no
// file of is an error.
func (p *Page) Asset(name string) (string, error) { return p.assets.checkedURL(p.Root, name) }

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

// Chrome is what the layout's shared fragments (the links in the head,
// the site header, the footer) are executed with: the part of a page that
// many pages have in common, so that each distinct Chrome is rendered
// once per build (see partials).
type Chrome struct {
	Site *Config
	Root string
	Nav  string
	// Path is the page's path when the page is one of Pages, for the
	// navigation to mark; "" on every other page, which would otherwise
	// each have a Chrome of its own.
	Path  string
	Pages []navPage

	assets *assetVersions
}

// Asset returns the address of an asset from the page, with its version,
// as Page.Asset does.
func (c Chrome) Asset(name string) (string, error) { return c.assets.checkedURL(c.Root, name) }

// Chrome returns the page's Chrome.
func (p *Page) Chrome() Chrome {
	c := Chrome{Site: p.Site, Root: p.Root, Nav: p.Nav, Pages: p.Pages, assets: p.assets}
	for _, n := range p.Pages {
		if n.Path == p.Path {
			c.Path = p.Path
		}
	}
	return c
}

// docRow is a document as lists and the home page show it.
type docRow struct {
	*docInfo
	Sections   int
	Superseded bool // a newer version supersedes it
}

// State is what a list's 状态 column says of the document: its status,
// whether a newer version supersedes it, whether it is a draft, and the
// mark that site.js fills with its term on the day the page is read.
func (r docRow) State() template.HTML {
	var parts []string
	if r.Status != "" {
		parts = append(parts, template.HTMLEscapeString(r.Status))
	}
	if r.Superseded {
		parts = append(parts, "已被取代")
	}
	if r.Draft {
		parts = append(parts, "未发布")
	}
	var b bytes.Buffer
	b.WriteString(strings.Join(parts, " · "))
	writeTermMark(printer{&b}, r.Effective, r.Expires)
	return template.HTML(b.String())
}

// homeData is the home page.
type homeData struct {
	// Docs are the documents this page lists, the First to the Last
	// (from 1) of the Total.
	Docs               []docRow
	Total, First, Last int
	// PerPage is how many documents a page lists, and so how many of
	// its matches the finder draws at a time.
	PerPage int
	Pager   *pager
	// Undated is whether some document has no date, and so is listed
	// after those that have one.
	Undated bool
	Themes  []*themes.Theme
	Matrix  []matrixRow
	// Facets are the home page finder's choices, over the whole corpus.
	Facets []facet
	// Provinces are the provinces the documents lie in, each leading to
	// its region page.
	Provinces []regionLink
}

// facet is one of the finders' selects — the home page's and the search
// page's: a column of the documents table, named as the API names it
// (script for lang), and the values it takes in the corpus.
type facet struct {
	Name, Label string
	Values      []facetValue
}

// facetValue is a value as the API has it and as readers know it.
type facetValue struct {
	Value, Name string
	// Indent sets a region inside the one above it in the list.
	Indent string
	// Covers is, for a region, the JSON list of the regions as the
	// documents write them that choosing it finds: its own, in either
	// script, and those of the regions inside it.
	Covers string
}

// docFacets are the columns the home page's finder chooses by: those
// that take at least two values in the corpus, as there is nothing to
// choose otherwise. static/home.js names the same columns.
func (s *Site) docFacets() []facet {
	levels := map[string]bool{}
	years := map[string]bool{}
	langs := map[string]bool{}
	statuses := map[string]bool{}
	for _, d := range s.docs {
		levels[d.Level] = true
		if len(d.Date) >= 4 {
			years[d.Date[:4]] = true
		}
		langs[d.Lang] = true
		statuses[d.Status] = true
	}
	var fs []facet
	add := func(name, label string, values []facetValue) {
		if len(values) >= 2 {
			fs = append(fs, facet{Name: name, Label: label, Values: values})
		}
	}
	var vs []facetValue
	for _, l := range levelsInOrder {
		if levels[l] {
			vs = append(vs, facetValue{Value: l, Name: levelName(l)})
		}
	}
	add("level", "级别", vs)
	add("region", "地区", regionFacet(s.docs))
	vs = nil
	for _, y := range slices.Backward(slices.Sorted(maps.Keys(years))) {
		vs = append(vs, facetValue{Value: y, Name: y})
	}
	add("year", "年份", vs)
	vs = nil
	for _, l := range []string{"zh-Hans", "zh-Hant"} {
		if langs[l] {
			vs = append(vs, facetValue{Value: l, Name: scriptName(l)})
		}
	}
	add("script", "字形", vs)
	vs = nil
	for _, st := range slices.Sorted(maps.Keys(statuses)) {
		if st != "" {
			vs = append(vs, facetValue{Value: st, Name: st})
		}
	}
	add("status", "状态", vs)
	if s.versions != nil {
		// A researcher reading the texts in force leaves out the
		// drafts and editions that newer versions replace.
		fs = append(fs, facet{Name: "version", Label: "版本", Values: []facetValue{{Value: "current", Name: "现行版本"}, {Value: "superseded", Name: "已被取代"}}})
	}
	if slices.ContainsFunc(s.docs, func(d *docInfo) bool { return d.Effective != "" || d.Expires != "" }) {
		// Which are in force is for the day the page is read: the
		// scripts tell from the days, whatever the corpus.
		fs = append(fs, facet{Name: "term", Label: "时效", Values: []facetValue{
			{Value: "in-force", Name: "现行有效"}, {Value: "not-yet", Name: "尚未施行"}, {Value: "expired", Name: "已失效"}, {Value: "none", Name: "未注明"}}})
	}
	return fs
}

// levelsInOrder are the levels of government, the highest first.
var levelsInOrder = []string{"national", "province", "city", "county"}

// levelOrder is where level stands in levelsInOrder, after them all for
// a level it does not name.
func levelOrder(level string) int {
	if i := slices.Index(levelsInOrder, level); i >= 0 {
		return i
	}
	return len(levelsInOrder)
}

type matrixRow struct {
	Doc   *docInfo
	Cells []matrixCell
	URL   string // the document's page, relative to the home page
}

type matrixCell struct {
	Theme *themes.Theme
	Count int
	Heat  int // 0 to 5, for shading
	// URL and Label are the link of a cell with a count, made up front:
	// the matrix has a cell for every document and theme, each printed
	// with one action rather than five (see sectionData).
	URL   string
	Label string
}

// docData is a document page.
type docData struct {
	Doc      *docInfo
	Places   []placeLink // its region in full, each part leading to its documents
	TOC      template.HTML
	Preamble template.HTML
	Body     template.HTML
	Trailing template.HTML
	Themes   []themeCount
	Compare  []compareLink // the documents it has a pair page with
	Named    *namedData    // the documents it names and that name it; nil for none
	Newer    *versionNote  // the version that supersedes it; nil for none
	Older    []versionLink // the versions it supersedes
	Line     []lineEntry   // its 版本沿革, in a line of three versions or more
	Cite     citation
	Highwire []metaTag     // for the page's head
	Original *originalLink // the official file, published beside it; nil for none
}

// compareLink is a pair page, named by the other document of the pair.
type compareLink struct {
	*docInfo
	Path    string  // the pair page's path from the root
	Matched int     // the sections the pair pairs
	share   float64 // of the document's text that the other shares
	// When is the other document's date and whether it came before the
	// document or after: of two that share their words, the earlier is
	// the likelier source.
	When string
}

// Shared is the share of the document's text that the other document
// shares, as a percentage.
func (l compareLink) Shared() string { return percent(l.share) }

// comparedWith lists the documents whose pair page with d the site
// renders, those that repeat most of d first, then in corpus order: the
// document that another copies from, or that copies it, is the one a
// reader looks for. Only those: listing every other document would put
// the whole corpus on every document page, a cost that grows with the
// square of the corpus (2,000 documents made each page 240 KB larger),
// to link to pages that do not exist.
func (s *Site) comparedWith(d *docInfo) []compareLink {
	var out []compareLink
	// s.pairs is sorted by a's id, then b's: the pairs in which d is b
	// come first, in the order of a, then those in which it is a.
	for _, i := range s.pairsOf[d] {
		p, st := s.pairs[i], s.pairStats[i]
		switch d {
		case p.a:
			out = append(out, compareLink{p.b, comparePath(p.a.ID, p.b.ID), st.Matched, st.Shared[0], when(p.b, d)})
		case p.b:
			out = append(out, compareLink{p.a, comparePath(p.a.ID, p.b.ID), st.Matched, st.Shared[1], when(p.a, d)})
		}
	}
	slices.SortStableFunc(out, func(x, y compareLink) int {
		if c := cmp.Compare(y.share, x.share); c != 0 {
			return c
		}
		return cmp.Compare(x.Index, y.Index)
	})
	return out
}

// when is other's date, and whether it is before d's or after, as d's
// page says it: 2020-09-17，早于本文. An undated document has none, and
// of two, one undated is only dated.
func when(other, d *docInfo) string {
	switch {
	case other.Date == "":
		return ""
	case d.Date == "":
		return other.Date
	case other.Date < d.Date:
		return other.Date + "，早于本文"
	case other.Date > d.Date:
		return other.Date + "，晚于本文"
	}
	return other.Date + "，与本文同日"
}

// indexPairs lists each document's pairs, in the order of s.pairs: a
// document's page names its pairs, and walking every pair for each of
// thousands of documents cost O(documents × pairs).
func (s *Site) indexPairs() {
	s.pairsOf = make(map[*docInfo][]int32, len(s.docs))
	for i, p := range s.pairs {
		s.pairsOf[p.a] = append(s.pairsOf[p.a], int32(i))
		s.pairsOf[p.b] = append(s.pairsOf[p.b], int32(i))
	}
}

type themeCount struct {
	Theme *themes.Theme
	Count int
	URL   string // the document's passages on the theme's page
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

	// The same, made up for printing: the document's language, the
	// section's heading (marker and title), and every link of the page
	// whole, its href relative to the page. A site has a page for every
	// section, and on each a template action costs microseconds (a
	// function call and its escapers, all through reflection; a field
	// of a struct that embeds another is looked up breadth-first every
	// time): the default section.html prints each link with one action
	// on flat values.
	Lang             string
	Heading          string
	Status           string // the document's status when it is not 正式 (征求意见稿 …); "" otherwise
	DocLink          pageLink
	Crumbs           []pageLink // the ancestors, outermost first
	PrevLink         *pageLink
	NextLink         *pageLink
	UpURL            string // the section in its document's page
	ThemeLinks       []pageLink
	CounterpartLinks []counterpartLink
	Newer            *versionNote  // the document's newer version; nil for none
	Earlier          []earlierNote // where the section was in the versions the document supersedes
}

// pageLink is a link as a page prints it.
type pageLink struct {
	URL  string // relative to the page
	Text string
}

// counterpartLink is a counterpartView as a section page prints it. It
// repeats pageLink's fields rather than embedding it: templates look up a
// promoted field breadth-first on every use.
type counterpartLink struct {
	URL     string // the counterpart's page, relative to the page
	Text    string // 《document》citation title
	Lang    string
	Percent int
	Pair    string // the row of the pair page, relative to the page, or ""
	// Effective and Expires are the counterpart's document's term, for
	// site.js to say whether it is in force.
	Effective, Expires string
	// When is the counterpart's document's date, before or after the
	// page's (when's): of two sections alike, the earlier is the
	// likelier source.
	When string
}

// themesData is the theme index.
type themesData struct {
	Themes []themeSummary
	Tables []crossTable
}

type themeSummary struct {
	Theme    *themes.Theme
	Docs     int
	Sections int
}

// themeData is one theme's page.
type themeData struct {
	Theme *themes.Theme
	// Groups are the documents this page shows, the First to the Last
	// (from 1) of the Total that mention the theme.
	Groups             []themeGroup
	Total, First, Last int
	// Hant is whether a document this page shows is in 繁體, which
	// gives the page the button that reads it in 简体.
	Hant bool
	// Undated is whether some document that mentions the theme has no
	// date: those come last.
	Undated   bool
	Pager     *pager
	Together  []themeTogether // the themes most often in the same sections
	Overview  *themeOverview
	Forms     []themeForm // how the documents write its terms
	MoreForms int         // and how many more ways than Forms lists
}

// themeForm is a way the documents write a theme's terms, and how many
// documents write it so.
type themeForm struct {
	Text string
	Lang string // zh-Hant for a form in 繁體
	Docs int
}

// maxThemeForms is how many ways of writing a theme its page names.
const maxThemeForms = 12

// themeForms returns how the documents write theme t's terms (an index
// in s.themes), those most documents write first, then in the order
// the documents first write them: what the matching across script and
// punctuation found for the reader to see.
func (s *Site) themeForms(t int) ([]themeForm, int) {
	var forms []themeForm
	at := map[string]int{}
	for _, d := range s.docs {
		if d.themeCounts[t] == 0 {
			continue
		}
		for _, f := range d.themeForms[t] {
			i, ok := at[f]
			if !ok {
				i = len(forms)
				at[f] = i
				lang := ""
				if textnorm.Script(f) == "zh-Hant" {
					lang = "zh-Hant"
				}
				forms = append(forms, themeForm{Text: f, Lang: lang})
			}
			forms[i].Docs++
		}
	}
	slices.SortStableFunc(forms, func(a, b themeForm) int { return cmp.Compare(b.Docs, a.Docs) })
	if len(forms) > maxThemeForms {
		return forms[:maxThemeForms], len(forms) - maxThemeForms
	}
	return forms, 0
}

// themeTogether is a theme found in the same sections as another, and
// in how many.
type themeTogether struct {
	Theme *themes.Theme
	Count int
	URL   string
}

// maxThemesTogether is how many themes found with a theme its page names.
const maxThemesTogether = 8

// themesWith returns the themes most often found in the same sections as
// theme t (an index in s.themes), the most first, then in theme order,
// for a page at root.
func (s *Site) themesWith(t int, root string) []themeTogether {
	var out []themeTogether
	for u, n := range s.themesTogether[t] {
		if n > 0 { // never t itself: a section's themes are distinct
			th := s.themes.Themes[u]
			out = append(out, themeTogether{th, int(n), root + themePath(th.ID) + "index.html"})
		}
	}
	slices.SortStableFunc(out, func(a, b themeTogether) int { return b.Count - a.Count })
	return out[:min(len(out), maxThemesTogether)]
}

type themeGroup struct {
	Doc      *docInfo
	Sections []themeSection
}

// themeSection is a section that mentions a theme, as its theme's page
// shows it: a link to it, and the sentences of its text that mention the
// theme.
type themeSection struct {
	// URL and Where are the link to the section, relative to the theme
	// page, and its citation and title, made up front (see sectionData);
	// MarkedWhere is Where with the theme's terms marked, when its title
	// mentions the theme.
	URL         string
	Where       string
	MarkedWhere template.HTML
	Passages    []template.HTML
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

// base fills the fields every page has.
func (s *Site) base(kind, path, title, lang string) *Page {
	if lang == "" {
		lang = s.cfg.Language
	}
	return &Page{Site: &s.cfg, Kind: kind, Root: rootFor(path), Path: path, Title: title, Lang: lang,
		Canonical: absURL(s.cfg.BaseURL, path), OGType: "website", Nav: kind, Pages: s.nav, assets: s.assets}
}

// homePages is the number of pages of the home page: at least one.
func (s *Site) homePages() int {
	return max(1, (len(s.docs)+s.perPage()-1)/s.perPage())
}

// perPage is how many documents a page of the home page lists.
func (s *Site) perPage() int { return max(1, s.cfg.Paginate) }

// homePagePath is the path of the home page's n-th page (from 1).
func homePagePath(n int) string {
	if n <= 1 {
		return ""
	}
	return "page/" + strconv.Itoa(n) + "/"
}

// homePageNumber reads n from "page/<n>/index.html", for a page the home
// page has after its first.
func (s *Site) homePageNumber(name string) (int, bool) {
	return pageNumber(name, s.homePages())
}

// pageNumber reads n from "page/<n>/index.html", as homePagePath writes
// it, for n from 2 to pages.
func pageNumber(name string, pages int) (int, bool) {
	n, ok := numberIn(name, "page/", "/index.html")
	return n, ok && n >= 2 && n <= pages
}

// numberIn reads n from the name prefix+n+suffix where n is written as
// strconv.Itoa writes it: no sign, no leading zero, so that each file has
// one name.
func numberIn(name, prefix, suffix string) (int, bool) {
	rest, ok := strings.CutPrefix(name, prefix)
	digits, ok2 := strings.CutSuffix(rest, suffix)
	if !ok || !ok2 {
		return 0, false
	}
	n, err := strconv.Atoi(digits)
	return n, err == nil && strconv.Itoa(n) == digits
}

func (s *Site) homePage() *Page { return s.homePageN(1) }

// websiteLD is the home page's JSON-LD: the site as a schema.org WebSite
// with its search, by which a search engine may offer a box that searches
// the site (the address opensearch.xml gives browsers). A site without a
// base URL has none: its addresses would lead nowhere from a search
// engine.
func websiteLD(cfg Config) template.JS {
	if cfg.BaseURL == "" {
		return ""
	}
	type searchAction struct {
		Type   string `json:"@type"`
		Target string `json:"target"`
		Query  string `json:"query-input"`
	}
	b, err := json.Marshal(struct {
		Context     string       `json:"@context"`
		Type        string       `json:"@type"`
		Name        string       `json:"name"`
		URL         string       `json:"url"`
		Description string       `json:"description,omitempty"`
		Language    string       `json:"inLanguage"`
		Action      searchAction `json:"potentialAction"`
	}{"https://schema.org", "WebSite", cfg.Title, cfg.BaseURL, cfg.Description, cfg.Language,
		searchAction{"SearchAction", cfg.BaseURL + searchPath + "?q={search_term_string}", "required name=search_term_string"}})
	if err != nil {
		return "" // strings only
	}
	return template.JS(b)
}

// homePageN is the n-th page of the home page: the corpus's figures and
// themes, and the table and matrix rows of its share of the documents,
// newest first as a theme's and a region's pages list them: a library
// of policy is read for what is current, and the finder's default order
// (static/home.js) is the same.
func (s *Site) homePageN(n int) *Page {
	p := s.base("home", homePagePath(n), "", "")
	p.Description = s.cfg.Description
	if n > 1 {
		p.Title = "文件 第 " + strconv.Itoa(n) + " 页"
	} else {
		p.JSONLD = websiteLD(s.cfg)
	}
	first, end := (n-1)*s.perPage(), min(n*s.perPage(), len(s.docs))
	data := homeData{Themes: s.themes.Themes, Total: len(s.docs), First: first + 1, Last: end, PerPage: s.perPage(),
		Pager: s.homePager(n, p.Root), Facets: s.docFacets(), Provinces: regionLinks(s.regionTree().Top, p.Root, false)}
	max := 0
	for _, d := range s.docs {
		for _, c := range d.themeCounts {
			max = maxInt(max, c)
		}
	}
	data.Undated = len(s.byDate) > 0 && s.byDate[len(s.byDate)-1].Date == ""
	for _, d := range s.byDate[first:end] {
		data.Docs = append(data.Docs, docRow{docInfo: d, Sections: len(d.Sections), Superseded: s.newerOf(d) != nil})
		row := matrixRow{Doc: d, URL: p.Root + docPath(d.ID) + "index.html", Cells: make([]matrixCell, 0, len(s.themes.Themes))}
		for i, t := range s.themes.Themes {
			c := d.themeCounts[i]
			cell := matrixCell{Theme: t, Count: c, Heat: heat(c, max)}
			if c > 0 {
				cell.URL = s.themeDocURL(p.Root, i, d)
				cell.Label = d.Title + " · " + t.Name + "：" + strconv.Itoa(c) + " 条"
			}
			row.Cells = append(row.Cells, cell)
		}
		data.Matrix = append(data.Matrix, row)
	}
	p.Data = data
	return p
}

// pager leads from one page of a list to the others.
type pager struct {
	Label      string // what the pager pages, for assistive technology
	Prev, Next string // the neighbouring pages' links, "" at the ends
	Links      []pagerLink
}

// pagerLink is a page's number in a pager, or a gap between numbers.
type pagerLink struct {
	N       int
	URL     string
	Current bool
	Gap     bool
}

// homePager is the pager of the home page's n-th page, nil when there is
// one page.
func (s *Site) homePager(n int, root string) *pager {
	return newPager("文件分页", n, s.homePages(), func(i int) string { return root + homePagePath(i) + "index.html" })
}

// newPager is the pager, labelled label, of page n of pages, whose links
// url gives; nil when there is one page. It shows the first and last pages, the two
// either side of n, and a gap for the pages left out between.
func newPager(label string, n, pages int, url func(int) string) *pager {
	if pages <= 1 {
		return nil
	}
	pg := &pager{Label: label}
	if n > 1 {
		pg.Prev = url(n - 1)
	}
	if n < pages {
		pg.Next = url(n + 1)
	}
	shown := func(i int) bool { return i == 1 || i == pages || (i >= n-2 && i <= n+2) }
	for i := 1; i <= pages; i++ {
		switch {
		// A gap of one page shows that page instead.
		case shown(i) || (shown(i-1) && shown(i+1)):
			pg.Links = append(pg.Links, pagerLink{N: i, URL: url(i), Current: i == n})
		case shown(i - 1):
			pg.Links = append(pg.Links, pagerLink{Gap: true})
		}
	}
	return pg
}

// heat buckets a count into six shades; any occurrence is at least 1.
func heat(c, max int) int {
	if c == 0 || max == 0 {
		return 0
	}
	return 1 + (c-1)*4/maxInt(max-1, 1)
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func (s *Site) docPage(d *docInfo) *Page {
	path := docPath(d.ID)
	p := s.base("doc", path, d.Label(), d.Lang)
	p.Nav = "home"
	p.Draft = d.Draft
	p.OGType = "article"
	p.Description = docDescription(d)
	var older []*corpus.Document
	for _, id := range d.Supersedes {
		older = append(older, s.byID[id].Document)
	}
	p.JSONLD = jsonLD(s.cfg, d.Document, nil, s.citedIn(d, nil), older)
	w := sectionWriter{doc: d, root: p.Root}
	var body strings.Builder
	size := 0
	for _, r := range d.Roots {
		size += htmlSize(r)
	}
	body.Grow(size)
	for _, r := range d.Roots {
		w.writeTree(&body, r, 2, 1)
	}
	data := docData{Doc: d, Places: regionPlaces(d.Region, p.Root), TOC: w.toc(d.Roots, true), Preamble: w.plainBlocks(d.Preamble, d.preambleNamed),
		Body: template.HTML(body.String()), Trailing: w.plainBlocks(d.Trailing, d.trailingNamed)}
	for i, t := range s.themes.Themes {
		if d.themeCounts[i] > 0 {
			data.Themes = append(data.Themes, themeCount{t, d.themeCounts[i], s.themeDocURL(p.Root, i, d)})
		}
	}
	data.Compare = s.comparedWith(d)
	data.Named = s.namedOf(d)
	data.Newer = s.newerVersion(p.Root, d, -1)
	data.Older = s.olderVersions(p.Root, d)
	data.Line = s.versionHistory(p.Root, d)
	data.Cite = docCite(s.cfg, p.Root, d.Document)
	data.Highwire = highwire(s.cfg, d.Document)
	data.Original = original(d.Document, p.Root)
	p.Data = data
	return p
}

// docDescription is a document's summary for search engines and feeds:
// its issuer, date, number and, when not 正式, its status — a snippet of
// a 征求意见稿 says it is one.
func docDescription(d *docInfo) string {
	parts := []string{}
	for _, v := range []string{d.Issuer, d.Date, d.Number} {
		if v != "" {
			parts = append(parts, v)
		}
	}
	// A term as its days: a description is read long after the build,
	// when whether the document is in force may have changed.
	if d.Effective != "" {
		parts = append(parts, d.Effective+"起施行")
	}
	if d.Expires != "" {
		parts = append(parts, "有效期至"+d.Expires)
	}
	if st := unofficial(d.Document); st != "" {
		parts = append(parts, st)
	}
	parts = append(parts, fmt.Sprintf("共 %d 个条目", len(d.Sections)))
	return d.Title + "（" + strings.Join(parts, "，") + "）"
}

// sectionDescription is a section's meta description: its words as a
// reader meets them, 120 characters at most. A title that leads its
// paragraph (「增强质量发展创新动能。建立…」) is read with it, its full
// stop kept; a title on a line of its own (「总体要求」 over 「以习近平…」),
// which the page's title already gives, is left out, lest the snippet
// read 「总体要求以习近平…」 as one phrase. A heading with no text of its
// own is described by its title.
func sectionDescription(sec *corpus.Section) string {
	if sec.TitleEnd == "" && sec.Text != "" {
		return excerptOf(120, sec.Text)
	}
	return excerptOf(120, sec.Title, sec.TitleEnd, sec.Text)
}

func (s *Site) sectionPage(d *docInfo, sec *corpus.Section) *Page {
	path := sectionPath(d.ID, sec.EID)
	title := sec.Label() + " · " + d.Label()
	p := s.base("section", path, title, d.Lang)
	p.Nav = "home"
	p.Draft = d.Draft
	p.OGType = "article"
	p.Description = sectionDescription(sec)
	p.JSONLD = jsonLD(s.cfg, d.Document, sec, s.citedIn(d, sec), nil)
	w := sectionWriter{doc: d, root: p.Root, linkBase: "../", blockTop: true}
	var body strings.Builder
	body.Grow(htmlSize(sec))
	w.writeTree(&body, sec, 1, sec.Level)
	data := sectionData{Doc: d, Section: sec, Ancestors: sec.Ancestors(), Body: template.HTML(body.String()),
		Themes: d.secs[sec.Index].themes, Cite: cite(s.cfg, p.Root, d.Document, sec), Counterparts: s.counterpartsOf(d, sec)}
	if sec.Index > 0 {
		data.Prev = d.Sections[sec.Index-1]
	}
	if sec.Index+1 < len(d.Sections) {
		data.Next = d.Sections[sec.Index+1]
	}
	s.sectionLinks(p.Root, &data)
	data.Newer = s.newerVersion(p.Root, d, sec.Index)
	data.Earlier = s.earlierVersions(p.Root, d, sec.Index)
	p.Data = data
	return p
}

// sectionLinks fills the printing fields of a section page's data from
// the others.
func (s *Site) sectionLinks(root string, data *sectionData) {
	d, sec := data.Doc, data.Section
	link := func(t *corpus.Section) pageLink {
		return pageLink{URL: root + sectionPath(d.ID, t.EID) + "index.html", Text: t.Heading()}
	}
	data.Lang, data.Heading, data.Status = d.Lang, sec.Heading(), unofficial(d.Document)
	data.DocLink = pageLink{URL: root + docPath(d.ID) + "index.html", Text: d.Title}
	data.UpURL = data.DocLink.URL + "#" + sec.EID
	data.Crumbs = make([]pageLink, len(data.Ancestors))
	for i, a := range data.Ancestors {
		data.Crumbs[i] = link(a)
	}
	if data.Prev != nil {
		l := link(data.Prev)
		data.PrevLink = &l
	}
	if data.Next != nil {
		l := link(data.Next)
		data.NextLink = &l
	}
	data.ThemeLinks = make([]pageLink, len(data.Themes))
	for i, t := range data.Themes {
		data.ThemeLinks[i] = pageLink{URL: s.themeDocURL(root, s.themeIndex(t), d), Text: t.Name}
	}
	data.CounterpartLinks = make([]counterpartLink, len(data.Counterparts))
	for i, c := range data.Counterparts {
		cl := counterpartLink{Lang: c.Doc.Lang, Percent: c.Percent, Effective: c.Doc.Effective, Expires: c.Doc.Expires, When: when(c.Doc, data.Doc),
			URL:  root + sectionPath(c.Doc.ID, c.Section.EID) + "index.html",
			Text: "《" + c.Doc.Title + "》" + c.Section.Label()}
		if c.Pair != "" {
			cl.Pair = root + c.Pair
		}
		data.CounterpartLinks[i] = cl
	}
}

func (s *Site) themesPage() *Page {
	p := s.base("themes", themesPath, "主题", "")
	p.Description = "各文件共同涉及的政策主题"
	var data themesData
	for i, t := range s.themes.Themes {
		sum := themeSummary{Theme: t}
		for _, d := range s.docs {
			if d.themeCounts[i] > 0 {
				sum.Docs++
				sum.Sections += d.themeCounts[i]
			}
		}
		data.Themes = append(data.Themes, sum)
	}
	data.Tables = s.crossTables(p.Root)
	p.Data = data
	return p
}

// rankThemes fills themeRanks and themeDocs from the documents' theme
// counts, and themesTogether from their sections' themes.
func (s *Site) rankThemes() {
	index := make(map[*themes.Theme]int, len(s.themes.Themes))
	s.themesTogether = make([][]int32, len(s.themes.Themes))
	for t, th := range s.themes.Themes {
		index[th] = t
		s.themesTogether[t] = make([]int32, len(s.themes.Themes))
	}
	for _, d := range s.docs {
		for _, sec := range d.secs {
			for i, a := range sec.themes {
				for _, b := range sec.themes[i+1:] {
					s.themesTogether[index[a]][index[b]]++
					s.themesTogether[index[b]][index[a]]++
				}
			}
		}
	}
	// A theme's pages list its documents newest first, as a region's
	// do: what is in force now before what it built on.
	s.byDate = sortedDocsByDate(s.docs)
	s.themeRanks = make([][]int32, len(s.themes.Themes))
	s.themeDocs = make([]int, len(s.themes.Themes))
	for t := range s.themes.Themes {
		ranks := make([]int32, len(s.docs))
		for i := range ranks {
			ranks[i] = -1
		}
		for _, d := range s.byDate {
			if d.themeCounts[t] > 0 {
				ranks[d.Index] = int32(s.themeDocs[t])
				s.themeDocs[t]++
			}
		}
		s.themeRanks[t] = ranks
	}
}

// themePages is the number of pages of theme t (an index in s.themes):
// paginate documents' passages to a page, at least one page.
func (s *Site) themePages(t int) int {
	return max(1, (s.themeDocs[t]+s.perPage()-1)/s.perPage())
}

// themePagePath is the path of the n-th page (from 1) of the theme id.
func themePagePath(id string, n int) string {
	return themePath(id) + homePagePath(n)
}

// themeDocURL leads from a page at root to document d's passages on
// theme t's page; d must mention t.
func (s *Site) themeDocURL(root string, t int, d *docInfo) string {
	n := int(s.themeRanks[t][d.Index])/s.perPage() + 1
	return root + themePagePath(s.themes.Themes[t].ID, n) + "index.html#doc-" + d.ID
}

// themeIndex is the index of theme t in s.themes.
func (s *Site) themeIndex(t *themes.Theme) int {
	return slices.Index(s.themes.Themes, t)
}

// elision marks words of a paragraph a theme's page leaves out of a
// quotation, as 《标点符号用法》 has 省略号 do.
const elision template.HTML = `<span class="elided">……</span>`

func (s *Site) themePage(t *themes.Theme) *Page { return s.themePageN(t, 1) }

// themePageN is the n-th page of theme t: the passages of its share of
// the documents that mention it, paginate documents to a page.
func (s *Site) themePageN(t *themes.Theme, n int) *Page {
	ti := s.themeIndex(t)
	path := themePagePath(t.ID, n)
	p := s.base("theme", path, t.Name, "")
	if n > 1 {
		p.Title = t.Name + " 第 " + strconv.Itoa(n) + " 页"
	}
	p.Nav = "themes"
	p.Description = t.Name + "：" + t.Description
	first, end := (n-1)*s.perPage(), min(n*s.perPage(), s.themeDocs[ti])
	data := themeData{Theme: t, Total: s.themeDocs[ti], First: first + 1, Last: end,
		Pager: newPager("主题文件分页", n, s.themePages(ti), func(i int) string {
			return p.Root + themePagePath(t.ID, i) + "index.html"
		}), Together: s.themesWith(ti, p.Root), Overview: s.themeOverviewOf(ti, p.Root)}
	data.Forms, data.MoreForms = s.themeForms(ti)
	for _, d := range s.byDate {
		r := int(s.themeRanks[ti][d.Index])
		data.Undated = data.Undated || r >= 0 && d.Date == ""
		if r < first || r >= end {
			continue
		}
		var g themeGroup
		for j, sec := range d.Sections {
			found := d.passages(j, t)
			if len(found) == 0 {
				continue
			}
			ts := themeSection{URL: p.Root + sectionPath(d.ID, sec.EID) + "index.html" + themeHighlights(found), Where: sec.Label()}
			// open is whether the last quotation stops before its
			// paragraph's end: the words left out after it are marked
			// once the next sentence is known not to follow it.
			open := false
			closeLast := func() {
				if open {
					ts.Passages[len(ts.Passages)-1] += elision
				}
				open = false
			}
			for k, ps := range found {
				var b strings.Builder
				// A sentence that follows the last one quoted goes on
				// its quotation: apart, they would read as excerpts with
				// words left out between them.
				if last := len(ts.Passages) - 1; last >= 0 && k > 0 && !ps.Title {
					if prev := found[k-1]; !prev.Title && prev.block == ps.block && prev.end == ps.start {
						markText(&b, ps.Text, ps.Marks)
						ts.Passages[last] += template.HTML(b.String())
						open = ps.more
						continue
					}
				}
				// A title that mentions the theme is marked in the link
				// to its section, which would otherwise repeat it.
				if marker, ok := strings.CutSuffix(ts.Where, ps.Text); ps.Title && ok {
					escapeTo(&b, marker)
					markText(&b, ps.Text, ps.Marks)
					ts.MarkedWhere = template.HTML(b.String())
					continue
				}
				closeLast()
				// A quotation that does not start or end its paragraph
				// says so, as a quotation with words left out does; a
				// table's row is quoted whole.
				if !ps.Title && !ps.row && ps.start > 0 {
					b.WriteString(string(elision))
				}
				markText(&b, ps.Text, ps.Marks)
				ts.Passages = append(ts.Passages, template.HTML(b.String()))
				open = !ps.Title && ps.more
			}
			closeLast()
			g.Sections = append(g.Sections, ts)
		}
		if len(g.Sections) > 0 {
			g.Doc = d
			data.Groups = append(data.Groups, g)
			data.Hant = data.Hant || d.Lang == "zh-Hant"
		}
	}
	p.Data = data
	return p
}

// themeHighlights is what a theme page's link to a section asks the
// section's page to mark, as a search hit's link does (?hl=…, which
// site.js reads): the theme's terms as the section's passages write
// them, each once, in their order.
func themeHighlights(found []passage) string {
	var words []string
	for _, ps := range found {
		rs := []rune(ps.Text)
		for _, m := range ps.Marks {
			if w := string(rs[m[0]:m[1]]); !slices.Contains(words, w) {
				words = append(words, w)
			}
		}
	}
	if len(words) == 0 {
		return ""
	}
	return "?" + url.Values{"hl": words}.Encode()
}

func (s *Site) searchPage() *Page {
	p := s.base("search", searchPath, "全文检索", "")
	// What a search engine shows under the page's link.
	p.Description = "在本站 " + strconv.Itoa(len(s.docs)) + " 份文件中检索全文：简体、繁體互通，标点不计，可按文件、主题等筛选。"
	p.Data = searchData{Facets: s.docFacets()}
	return p
}

// searchData is the search page's: the filters by a document's columns,
// beside those by document and theme that its script fills.
type searchData struct {
	Facets []facet
}

func (s *Site) contentPage(cp *contentPage) *Page {
	p := s.base("page", cp.Slug+"/", cp.Title, "")
	p.Nav = cp.Slug
	p.Description = cp.Description
	p.Data = contentData{Body: cp.HTML}
	p.Code = cp.Code
	return p
}

// notFoundPage is the 404 page as the web has it: with a <base> of the
// site's root, so that its links and styles work at any depth.
func (s *Site) notFoundPage() *Page {
	p := s.offlineNotFoundPage()
	p.BaseHref = basePath(s.cfg.BaseURL)
	// The themes' ids and names, for explaining a theme's address: the
	// API's list of them carries every passage (4 MB at 2,000 documents).
	d := notFoundData{Themes: make([][2]string, len(s.themes.Themes))}
	for i, t := range s.themes.Themes {
		d.Themes[i] = [2]string{t.ID, t.Name}
	}
	// And the divisions with a page, for a region's address.
	d.Regions = [][2]string{}
	for _, n := range s.regionTree().nodes() {
		d.Regions = append(d.Regions, [2]string{n.Division.Code, n.Name()})
	}
	p.Data = d
	return p
}

// notFoundData is what the web's 404 page explains missing addresses
// with, besides api/docs.js.
type notFoundData struct {
	Themes  [][2]string // id and name
	Regions [][2]string // code and name
}

// offlineNotFoundPage is the offline bundle's 404 page: opened from disk,
// where no server shows it elsewhere, its links lead from where it is.
func (s *Site) offlineNotFoundPage() *Page {
	p := s.base("404", "", "未找到页面", "")
	p.Canonical = ""
	return p
}

func (s *Site) redirectPage(from, to, title string) *Page {
	p := s.base("redirect", from, title, "")
	p.Canonical = absURL(s.cfg.BaseURL, to)
	p.Data = redirectData{Target: p.Root + to + "index.html", Title: title}
	return p
}
