package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"tiaowen"
)

// The page templates. Each defines "content" and is executed with the
// layout in base.html, which defines "base".
var pageTemplates = []string{"home.html", "doc.html", "section.html", "themes.html", "theme.html",
	"regions.html", "region.html", "page.html", "compare.html", "pair.html", "search.html", "404.html", "redirect.html"}

// pagerTemplate defines "pager", for the page templates that split a list
// over several pages. It is parsed with base.html but kept apart from it,
// so that a project's own base.html, perhaps older than the pager, keeps
// working.
const pagerTemplate = "pager.html"

// layered is a file system that reads a project's own directory first
// and the embedded defaults second, file by file.
type layered struct {
	own      string // may be "" or missing
	embedded fs.FS
}

func (l layered) read(name string) ([]byte, string, error) {
	if l.own != "" {
		p := filepath.Join(l.own, filepath.FromSlash(name))
		if b, err := os.ReadFile(p); err == nil {
			return b, p, nil
		}
	}
	b, err := fs.ReadFile(l.embedded, name)
	return b, embeddedPrefix + name, err
}

// embeddedPrefix begins the name read gives a file of the embedded layer.
const embeddedPrefix = "(embedded) "

func isEmbedded(file string) bool { return strings.HasPrefix(file, embeddedPrefix) }

// isStock reports whether src, read as the template name, is tiaowen's
// own: embedded, or a project's copy of it unchanged (tiaowen's own
// repository keeps its templates/ beside content/, where a project's go).
func isStock(embedded fs.FS, name string, src []byte) bool {
	b, err := fs.ReadFile(embedded, name)
	return err == nil && bytes.Equal(b, src)
}

// list returns every file name in either layer, sorted.
func (l layered) list() ([]string, error) {
	seen := map[string]bool{}
	err := fs.WalkDir(l.embedded, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			seen[p] = true
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if l.own != "" {
		filepath.WalkDir(l.own, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") && p != l.own {
				// Editor files, .git/ and the like are not the site's.
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			rel, rerr := filepath.Rel(l.own, p)
			if rerr == nil {
				seen[filepath.ToSlash(rel)] = true
			}
			return nil
		})
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	slices.Sort(out)
	return out, nil
}

// templateSet holds the parsed templates, one per page kind.
type templateSet struct {
	pages    map[string]*template.Template
	partials map[string]*partials // each page template's fragment cache
	// stock names the page templates that, with the layout, are
	// tiaowen's own, byte for byte: pages of those kinds that have a
	// writer of their own (direct.go) skip the template engine.
	stock map[string]bool
}

// render writes the page p with the page template name and the layout.
func (ts templateSet) render(w *bytes.Buffer, name string, p *Page) error {
	if write := directWriters[name]; write != nil && ts.stock[name] {
		return write(w, p, ts.partials[name].execute)
	}
	return ts.pages[name].ExecuteTemplate(w, "base", p)
}

// directWriters are the page kinds written without the template engine
// when their templates are the stock ones (direct.go).
var directWriters = map[string]func(*bytes.Buffer, *Page, func(string, Chrome) (template.HTML, error)) error{
	"section.html": writeSectionPage,
	"pair.html":    writePairPage,
}

// loadTemplates parses base.html and every page template, each page
// template into its own clone of the layout, once per build.
func loadTemplates(ownDir string) (templateSet, error) {
	ts := templateSet{pages: map[string]*template.Template{}, partials: map[string]*partials{}, stock: map[string]bool{}}
	sub, err := fs.Sub(tiaowen.Templates, "templates")
	if err != nil {
		return ts, err
	}
	l := layered{own: ownDir, embedded: sub}
	baseSrc, baseName, err := l.read("base.html")
	if err != nil {
		return ts, fmt.Errorf("template base.html: %w", err)
	}
	base, err := template.New("base.html").Funcs(templateFuncs()).Parse(string(baseSrc))
	if err != nil {
		return ts, fmt.Errorf("%s: %w", baseName, err)
	}
	pagerSrc, pagerName, err := l.read(pagerTemplate)
	if err != nil {
		return ts, fmt.Errorf("template %s: %w", pagerTemplate, err)
	}
	if _, err := base.New(pagerTemplate).Parse(string(pagerSrc)); err != nil {
		return ts, fmt.Errorf("%s: %w", pagerName, err)
	}
	for _, name := range pageTemplates {
		src, file, err := l.read(name)
		if err != nil {
			return ts, fmt.Errorf("template %s: %w", name, err)
		}
		t, err := base.Clone()
		if err != nil {
			return ts, err
		}
		if _, err := t.New(name).Parse(string(src)); err != nil {
			return ts, fmt.Errorf("%s: %w", file, err)
		}
		// Each clone caches its own fragments: a page template may
		// define its own site-header.
		p := newPartials(t)
		t.Funcs(template.FuncMap{"partial": p.execute})
		ts.pages[name], ts.partials[name] = t, p
		ts.stock[name] = isStock(sub, "base.html", baseSrc) && isStock(sub, name, src)
	}
	return ts, nil
}

func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"docURL":        func(id string) string { return docPath(id) + "index.html" },
		"sectionURL":    func(id, eid string) string { return sectionPath(id, eid) + "index.html" },
		"themeURL":      func(id string) string { return themePath(id) + "index.html" },
		"themeFeedPath": themeFeedPath,
		"levelName":     levelName,
		"scriptName":    scriptName,
		"regionInFull":  regionInFull,
		// sourceAddress is a document's source when a web address, to
		// link; sourceLabel that address without its scheme, as a
		// reader reads it.
		"sourceAddress": sourceAddress,
		"sourceLabel": func(address string) string {
			_, rest, _ := strings.Cut(address, "://")
			return rest
		},
		"add":          func(a, b int) int { return a + b },
		"scriptSwitch": func() template.HTML { return scriptSwitch },
		// termMark is where site.js says whether a document with a term
		// is in force on the day the page is read, as direct.go writes it.
		"termMark": func(effective, expires string) template.HTML {
			var b bytes.Buffer
			writeTermMark(printer{&b}, effective, expires)
			return template.HTML(b.String())
		},
		// A page with two pagers names each for what it pages: landmarks
		// of one kind need names of their own.
		"labelled": func(p *pager, label string) *pager {
			if p == nil {
				return nil
			}
			c := *p
			c.Label = label
			return &c
		},
		// Bound to each page template's own cache by loadTemplates.
		"partial": func(name string, c Chrome) (template.HTML, error) {
			return "", fmt.Errorf("partial %q: not bound to a template", name)
		},
	}
}

// partials renders the layout's fragments: the named template executed
// with a Chrome, once for each distinct Chrome, the result reused. The
// fragment sees nothing but the Chrome, and the cache is keyed by all of
// it, by value, so a cached fragment is exactly what executing it again
// would print, whatever a project's own templates put in it.
type partials struct {
	t  *template.Template
	mu sync.RWMutex
	m  map[partialKey]template.HTML
}

// partialKey is a fragment's name and everything its Chrome holds.
type partialKey struct {
	name            string
	site            Config
	root, nav, path string
	pages           string // the navigation pages, joined
	assets          string // the assets' versions (assetVersions.stamp)
}

// maxPartials bounds the cache of a long-lived template set (the
// development server's), in which site.yaml may change many times.
const maxPartials = 1024

func newPartials(t *template.Template) *partials {
	return &partials{t: t, m: map[partialKey]template.HTML{}}
}

func (p *partials) execute(name string, c Chrome) (template.HTML, error) {
	k := partialKey{name: name, root: c.Root, nav: c.Nav, path: c.Path}
	if c.assets != nil {
		k.assets = c.assets.stamp
	}
	if c.Site != nil {
		k.site = *c.Site
	}
	if len(c.Pages) > 0 {
		var b strings.Builder
		for _, n := range c.Pages {
			b.WriteString(n.Title)
			b.WriteByte(0)
			b.WriteString(n.Path)
			b.WriteByte(0)
		}
		k.pages = b.String()
	}
	p.mu.RLock()
	h, ok := p.m[k]
	p.mu.RUnlock()
	if ok {
		return h, nil
	}
	var b strings.Builder
	if err := p.t.ExecuteTemplate(&b, name, c); err != nil {
		return "", err
	}
	h = template.HTML(b.String())
	p.mu.Lock()
	if len(p.m) >= maxPartials {
		clear(p.m)
	}
	p.m[k] = h
	p.mu.Unlock()
	return h, nil
}

// levelName is an administrative level as readers know it.
func levelName(level string) string {
	switch level {
	case "national":
		return "国家级"
	case "province":
		return "省级"
	case "city":
		return "市级"
	case "county":
		return "县级"
	}
	return ""
}

// scriptName is a script as readers know it.
func scriptName(lang string) string {
	if lang == "zh-Hant" {
		return "繁體"
	}
	return "简体"
}

// staticFiles lists the assets to copy, with their layered source.
func staticLayer(ownDir string) (layered, error) {
	sub, err := fs.Sub(tiaowen.Static, "static")
	if err != nil {
		return layered{}, err
	}
	return layered{own: ownDir, embedded: sub}, nil
}

var _ = path.Join
