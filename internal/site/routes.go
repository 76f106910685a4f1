package site

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"tiaowen/internal/bibliography"
)

// The files of a site found by name, for Memory: how each is made and
// what it depends on.

// Dependency keys. Every file made in memory carries the keys of what it
// was made from; an update names the keys that changed, and a file is
// dropped when the two meet.
const (
	keyAll    = "all"    // everything: site.yaml, themes.yaml, a whole reload
	keyCorpus = "corpus" // any document: the pages that list or index them all
	keyAlign  = "align"  // the alignments, pairs and counterparts as a whole
	keyPages  = "pages"  // the content pages as a set: the navigation of every page
	keyAssets = "assets" // the versions of the static files, which every page names
)

func keyDoc(id string) string      { return "doc:" + id }
func keyPairsOf(id string) string  { return "pairsof:" + id } // the pairs a document is in, and their alignments
func keyPair(a, b string) string   { return "pair:" + a + "--" + b }
func keyTheme(id string) string    { return "theme:" + id }
func keyTmpl(name string) string   { return "tmpl:" + name }
func keyStatic(name string) string { return "static:" + name }
func keyPage(slug string) string   { return "page:" + slug }

// keyThemePages is which documents mention a theme, and so which of its
// pages each is on, which the links into a theme page from a
// document's pages name.
func keyThemePages(id string) string { return "themepages:" + id }

// pageDeps are what every page made with the template tmpl depends on:
// it, the layout and the pager parsed with it, the navigation, and the
// versions of the assets it loads.
func pageDeps(tmpl string) []string {
	return []string{keyTmpl(tmpl), keyTmpl("base.html"), keyTmpl(pagerTemplate), keyPages, keyAssets}
}

// route is one file of the site found by its name: how to make it and
// what it depends on. It mirrors jobs, which lists the same files for a
// build; TestMemoryMatchesBuild holds the two to the same names and bytes.
type route struct {
	tmpl string       // the page template; "" for other files
	page func() *Page // for pages
	run  func(w *bytes.Buffer) error
	deps []string
}

// make renders the file called name into w, minified when the site is.
func (r route) make(s *Site, name string, w *bytes.Buffer) error {
	return s.min.wrap(name, func(w *bytes.Buffer) error {
		if r.tmpl != "" {
			return s.tmpl.render(w, r.tmpl, r.page())
		}
		return r.run(w)
	})(w)
}

func pageRoute(tmpl string, page func() *Page, deps ...string) route {
	return route{tmpl: tmpl, page: page, deps: append(pageDeps(tmpl), deps...)}
}

// route finds the file of the site called name (a slash path such as
// "docs/x/index.html"). The search index, whose file names are known only
// once it is built, is left to the caller.
func (s *Site) route(name string) (route, bool) {
	switch name {
	case "index.html":
		return pageRoute("home.html", s.homePage, keyCorpus), true
	case "404.html":
		// It names api/docs.js, whose version changes with any document.
		return pageRoute("404.html", s.notFoundPage, keyCorpus), true
	case themesPath + "index.html":
		return pageRoute("themes.html", s.themesPage, keyCorpus), true
	case regionsPath + "index.html":
		return pageRoute("regions.html", s.regionsPage, keyCorpus), true
	case comparePage + "index.html":
		return pageRoute("compare.html", s.chooserPage, keyCorpus, keyAlign), true
	case searchPath + "index.html":
		// Readers of the search page reload after an edit, to load the
		// new index.
		return pageRoute("search.html", s.searchPage, keyCorpus), true
	case "api/themes.json":
		return route{run: s.themesJSON, deps: []string{keyCorpus}}, true
	case regionsAPIPath:
		return route{run: s.regionsJSON, deps: []string{keyCorpus}}, true
	case docsAPIPath:
		return route{run: s.docsJSON, deps: []string{keyCorpus}}, true
	case docsScriptPath:
		return route{run: s.docsScript, deps: []string{keyCorpus}}, true
	case docsRISPath:
		return route{run: func(w *bytes.Buffer) error { return s.writeRecords(w, bibliography.AppendRIS, s.docs...) }, deps: []string{keyCorpus}}, true
	case docsBibTeXPath:
		return route{run: func(w *bytes.Buffer) error { return s.writeRecords(w, bibliography.AppendBibTeX, s.docs...) }, deps: []string{keyCorpus}}, true
	case compareAPIIndex:
		return route{run: s.compareIndexJSON, deps: []string{keyCorpus, keyAlign}}, true
	case "feed.xml":
		return route{run: s.feed, deps: []string{keyCorpus}}, true
	case "robots.txt":
		return route{run: s.robots}, true
	case openSearchPath:
		if s.cfg.BaseURL == "" {
			return route{}, false
		}
		return route{run: s.openSearch}, true
	case "sitemap.xml":
		if s.cfg.BaseURL == "" {
			return route{}, false
		}
		return route{run: s.sitemapFiles()[0].run, deps: []string{keyCorpus}}, true
	}
	if n, ok := sitemapPartNumber(name); ok && s.cfg.BaseURL != "" {
		files := s.sitemapFiles()
		if n >= len(files) {
			return route{}, false
		}
		return route{run: files[n].run, deps: []string{keyCorpus}}, true
	}
	if rest, ok := strings.CutPrefix(name, staticPath); ok {
		if s.hasStatic(rest) {
			return route{run: func(w *bytes.Buffer) error {
				b, err := s.readStatic(rest)
				w.Write(b)
				return err
			}, deps: []string{keyStatic(rest)}}, true
		}
		if rest == "chroma.css" {
			return route{run: func(w *bytes.Buffer) error { return chromaCSS(w) }}, true
		}
		return route{}, false
	}
	if rest, ok := strings.CutPrefix(name, "api/docs/"); ok {
		id, ext, _ := strings.Cut(rest, ".")
		d := s.byID[id]
		if d == nil {
			return route{}, false
		}
		var run func(w *bytes.Buffer) error
		switch ext {
		case "json":
			run = func(w *bytes.Buffer) error { return s.docJSON(w, d) }
		case "ris":
			run = func(w *bytes.Buffer) error { return s.writeRecords(w, bibliography.AppendRIS, d) }
		case "bib":
			run = func(w *bytes.Buffer) error { return s.writeRecords(w, bibliography.AppendBibTeX, d) }
		default:
			return route{}, false
		}
		return route{run: run, deps: []string{keyDoc(d.ID)}}, true
	}
	if rest, ok := strings.CutPrefix(name, "api/compare/"); ok {
		pair, ok := strings.CutSuffix(rest, ".json")
		i := s.pairIndex(pair)
		if !ok || i < 0 {
			return route{}, false
		}
		p, al := s.pairs[i], s.alignments[i]
		return route{run: func(w *bytes.Buffer) error { return compareJSON(w, al) },
			deps: []string{keyPair(p.a.ID, p.b.ID), keyAlign}}, true
	}
	if id, ok := strings.CutPrefix(name, "themes/"); ok {
		if id, ok := strings.CutSuffix(id, "/feed.xml"); ok {
			t := s.themes.Theme(id)
			if t == nil {
				return route{}, false
			}
			return route{run: func(w *bytes.Buffer) error { return s.themeFeed(w, t) }, deps: []string{keyTheme(t.ID)}}, true
		}
	}
	if rest, ok := strings.CutPrefix(name, regionsPath); ok {
		return s.regionRoute(rest)
	}
	if d := s.originalNamed(name); d != nil {
		return route{run: func(w *bytes.Buffer) error { return copyOriginal(w, d) }, deps: []string{keyDoc(d.ID)}}, true
	}
	dir, ok := strings.CutSuffix(name, "/index.html")
	if !ok {
		return route{}, false
	}
	if rest, ok := strings.CutPrefix(dir, "docs/"); ok {
		return s.docRoute(rest)
	}
	if rest, ok := strings.CutPrefix(dir, "themes/"); ok {
		id, later, paged := strings.Cut(rest, "/")
		t := s.themes.Theme(id)
		if t == nil {
			return route{}, false
		}
		n := 1
		if paged {
			if n, ok = pageNumber(later+"/index.html", s.themePages(s.themeIndex(t))); !ok {
				return route{}, false
			}
		}
		return pageRoute("theme.html", func() *Page { return s.themePageN(t, n) }, keyTheme(t.ID)), true
	}
	if n, ok := s.chooserPageNumber(name); ok {
		return pageRoute("compare.html", func() *Page { return s.chooserPageN(n) }, keyCorpus, keyAlign), true
	}
	if pair, ok := strings.CutPrefix(dir, "compare/"); ok {
		i := s.pairIndex(pair)
		if i < 0 {
			return route{}, false
		}
		p, al := s.pairs[i], s.alignments[i]
		return pageRoute("pair.html", func() *Page { return s.pairPage(p, al) }, keyPair(p.a.ID, p.b.ID), keyAlign), true
	}
	if n, ok := s.homePageNumber(name); ok {
		return pageRoute("home.html", func() *Page { return s.homePageN(n) }, keyCorpus), true
	}
	for _, p := range s.pages {
		if p.Slug == dir {
			return pageRoute("page.html", func() *Page { return s.contentPage(p) }, keyPage(p.Slug)), true
		}
	}
	return route{}, false
}

// docRoute finds docs/<id>/ and docs/<id>/<eId>/, and the redirects left
// at a document's former ids.
func (s *Site) docRoute(rest string) (route, bool) {
	id, eid, _ := strings.Cut(rest, "/")
	if strings.Contains(eid, "/") {
		return route{}, false
	}
	if d := s.byID[id]; d != nil {
		if eid == "" {
			return pageRoute("doc.html", func() *Page { return s.docPage(d) }, s.docDeps(d)...), true
		}
		sec := d.Section(eid)
		if sec == nil {
			return route{}, false
		}
		return pageRoute("section.html", func() *Page { return s.sectionPage(d, sec) }, s.docDeps(d)...), true
	}
	d := s.aliases[id]
	if d == nil {
		return route{}, false
	}
	if eid == "" {
		return pageRoute("redirect.html", func() *Page { return s.redirectPage(docPath(id), docPath(d.ID), d.Title) }, keyDoc(d.ID)), true
	}
	sec := d.Section(eid)
	if sec == nil {
		return route{}, false
	}
	return pageRoute("redirect.html", func() *Page {
		return s.redirectPage(sectionPath(id, sec.EID), sectionPath(d.ID, sec.EID), d.Title+" "+sec.Citation())
	}, keyDoc(d.ID)), true
}

// pairIndex returns the index in s.pairs of "<a>--<b>", or -1.
func (s *Site) pairIndex(name string) int {
	a, b, ok := strings.Cut(name, "--")
	if !ok || !s.rendered[[2]string{a, b}] {
		return -1
	}
	for i, p := range s.pairs {
		if p.a.ID == a && p.b.ID == b {
			return i
		}
	}
	return -1
}

// hasStatic reports whether the site has the asset name, as jobs would
// copy it: a file of the project's static directory that is no hidden
// file, or one of the embedded defaults.
func (s *Site) hasStatic(name string) bool {
	if !fs.ValidPath(name) || name == "." {
		return false
	}
	if s.static.own != "" && !strings.HasPrefix(path.Base(name), ".") {
		if fi, err := statInRoot(s.static.own, name); err == nil && fi.Mode().IsRegular() {
			return true
		}
	}
	fi, err := fs.Stat(s.static.embedded, name)
	return err == nil && !fi.IsDir()
}

// readStatic reads an asset, the project's file first. The project's
// file is opened through os.Root, so that a symbolic link that leads out
// of the static directory is refused, not followed: the server serves
// nothing outside the site.
func (s *Site) readStatic(name string) ([]byte, error) {
	if s.static.own != "" && !strings.HasPrefix(path.Base(name), ".") {
		r, err := os.OpenRoot(s.static.own)
		if err == nil {
			defer r.Close()
			b, err := r.ReadFile(filepath.FromSlash(name))
			if err == nil {
				return b, nil
			}
			if !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
		}
	}
	return fs.ReadFile(s.static.embedded, name)
}

func statInRoot(dir, name string) (fs.FileInfo, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return r.Stat(filepath.FromSlash(name))
}

// searchFiles is the search index of a site, built once, when first asked
// for: at two thousand documents it takes seconds, and most edits are
// previewed without searching.
type searchFiles struct {
	once  sync.Once
	files map[string][]byte // by name under the site root
}

func (sf *searchFiles) get(s *Site) map[string][]byte {
	sf.once.Do(func() {
		index := s.searchIndex()
		sf.files = make(map[string][]byte, len(index.Files))
		for _, f := range index.Files {
			sf.files[searchPath+f.Name] = f.Data
		}
	})
	return sf.files
}

// docDeps are what a document's page and its sections' pages are made
// from: the document, its pairs, the alignments, and the paging of the
// themes it mentions.
func (s *Site) docDeps(d *docInfo) []string {
	deps := []string{keyDoc(d.ID), keyPairsOf(d.ID), keyAlign}
	for t, c := range d.themeCounts {
		if c > 0 {
			deps = append(deps, keyThemePages(s.themes.Themes[t].ID))
		}
	}
	return deps
}

// regionRoute finds regions/<code>/, its later pages and its feed. Each
// depends on every document, as any may name a region, and a page on
// the alignments, which say what its documents share.
func (s *Site) regionRoute(rest string) (route, bool) {
	code, file, _ := strings.Cut(rest, "/")
	node := s.regionTree().node(code)
	if node == nil {
		return route{}, false
	}
	if file == "feed.xml" {
		return route{run: func(w *bytes.Buffer) error { return s.regionFeed(w, node) }, deps: []string{keyCorpus}}, true
	}
	n := 1
	if file != "index.html" {
		var ok bool
		if n, ok = pageNumber(file, s.regionPages(node)); !ok {
			return route{}, false
		}
	}
	return pageRoute("region.html", func() *Page { return s.regionPageN(node, n) }, keyCorpus, keyAlign), true
}
