package site

import (
	"bytes"
	"errors"
	"hash/fnv"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"tiaowen/internal/corpus"
	"tiaowen/internal/diag"
	"tiaowen/internal/search"
	"tiaowen/internal/themes"
)

// This file holds a site in memory for the development server. Files are
// made when first asked for, with the same page constructors and templates
// as jobs, and kept; an edit drops only the files that depend on what
// changed (routes.go tags every file with what it is made from,
// incremental.go works out what an edit changed), so that after an edit
// the server re-renders the pages that browsers have open and nothing
// else until it is asked.
// At thousands of documents a whole site is gigabytes of HTML, most of
// which nobody looks at while editing one document.

// Memory is a site held in memory and kept up to date with its sources,
// for the development server. Files are rendered when first asked for and
// kept; Update takes the files that changed on disk and
// rebuilds only what depends on them:
//
//   - a document edited: the document again (parsed, its themes matched),
//     its alignments with the documents it is compared with, and their
//     counterparts; then its pages, its theme pages, its comparisons, the
//     pages of its partners that show it, the search index and the pages
//     that list every document are dropped, to be rendered when asked for;
//   - a template changed: the pages that use it (base.html: every page);
//   - an asset changed: that asset, and the pages, which name it with
//     its version (assets.go);
//   - a content page edited: that page, or every page when the
//     navigation changes;
//   - site.yaml, themes.yaml, a document added, removed or renamed (its id
//     or aliases changed), or one whose supersedes list changed:
//     everything, by a full Load.
//
// A document edited is aligned with the similarity model (the rarity of
// every n-gram, which documents are compared) of the last full Load: a
// model of the whole corpus, too costly to rebuild on every keystroke at
// thousands of documents. Settle rebuilds it once edits pause, and the
// site is then exactly what `tiaowen build` would make.
//
// When an update finds errors it applies nothing: the last good site is
// served, and the files that changed stay pending until a later update
// succeeds, so that fixing the error brings in every change made since.
//
// Memory is safe for concurrent use: Get may be called while an update
// runs, and sees the site before or after it, never a mixture.
type Memory struct {
	opts   Options
	dirs   sourceDirs
	parser *corpus.Parser
	// budget bounds the bytes of rendered files kept.
	budget int64
	// made, when set, is called with the name of every file rendered:
	// tests count what an update makes render again.
	made func(name string)

	cur atomic.Pointer[edition]

	mu       sync.Mutex      // serialises updates
	pending  map[string]bool // absolute paths changed since the site last loaded cleanly
	matcher  *themes.Matcher // for the themes of the current site
	mset     *themes.Set     // the set matcher was made for
	stale    bool            // documents were realigned with an older model
	loadTime time.Duration   // of the last full Load
	manifest *published      // content/.permalinks
	// eids indexes the sections of documents by eId, for recount; it
	// holds the documents of the site served, and is dropped when the
	// site is loaded again.
	eids sectionIndex
	// files maps the absolute paths of the documents of site to their
	// index in its docs.
	files struct {
		site  *Site
		index map[string]int
	}
}

// sourceDirs are the absolute directories a site is made from.
type sourceDirs struct {
	content, docs, pages, templates, static string
}

// DefaultMemoryBudget is how many bytes of rendered files a Memory keeps.
const DefaultMemoryBudget = 512 << 20

// ErrNoSite is returned by Get while the content has never loaded without
// errors.
var ErrNoSite = errors.New("the site has not been built: the content has errors")

// Report says what loading or updating a site in memory did.
type Report struct {
	// Problems are the problems found in the content and templates,
	// errors and warnings. When there are errors nothing was applied: the
	// previous site is still served.
	Problems diag.List
	// Full reports that the whole site was loaded again.
	Full bool
	// Changed are the dependency keys that changed, sorted: "doc:<id>",
	// "tmpl:<name>", "static:<name>", "all" … What depends on them was
	// dropped, Dropped files in all.
	Changed []string
	Dropped int
	// Stylesheets reports that every change was to a style sheet, which
	// a page can load again without reloading itself.
	Stylesheets bool
	// Removed lists published permalinks (content/.permalinks) that the
	// change removed: `tiaowen build` would refuse them.
	Removed []string
	// Edited are the documents of the site now served whose files were
	// among the paths an Update was given, by id, when it applied them:
	// what a server may show the writer. FirstChange gives, of each one
	// that was served before too, the eId of its first section whose
	// number, title or text changed ("" when none did).
	Edited      []string
	FirstChange map[string]string
	// Retargeted says of each published section permalink that the
	// change makes lead to other words what it was published for and
	// leads to now: `tiaowen build` would refuse these too.
	Retargeted []string
	// Version is the version of the site now served; it grows by one with
	// each update applied.
	Version uint64
	// Docs and Sections count the site now served.
	Docs, Sections int
	Elapsed        time.Duration
}

// Err returns the errors among the problems, or nil.
func (r Report) Err() error { return r.Problems.Err() }

// NewMemory loads the site of opts into memory. Out and Zip are not used:
// nothing is written. When the content has errors the Memory is returned
// all the same, without a site, and the report lists them; an Update that
// finds them fixed loads the site.
func NewMemory(opts Options) (*Memory, Report) {
	m := &Memory{opts: opts, parser: corpus.NewParser(), budget: DefaultMemoryBudget, pending: map[string]bool{}}
	tdir, sdir := opts.sourceDirs()
	m.dirs = sourceDirs{content: absPath(opts.Content), templates: absPath(tdir), static: absPath(sdir)}
	m.dirs.docs = filepath.Join(m.dirs.content, "docs")
	m.dirs.pages = filepath.Join(m.dirs.content, "pages")
	m.mu.Lock()
	defer m.mu.Unlock()
	return m, m.fullLoad(time.Now())
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

// Dirs returns the directories the site is made from, absolute: the
// content, the templates and the static directory. Some may not exist.
func (m *Memory) Dirs() (content, templates, static string) {
	return m.dirs.content, m.dirs.templates, m.dirs.static
}

// Get returns the file of the site called name, a slash path such as
// "docs/x/index.html", rendering it if it is not in memory. ok is false
// when the site has no such file; err reports a file that failed to
// render, as a diag.Problem at its place in the template, or ErrNoSite.
func (m *Memory) Get(name string) (f *File, ok bool, err error) {
	sn := m.cur.Load()
	if sn == nil {
		return nil, false, ErrNoSite
	}
	f, ok, err = sn.get(name, m.budget, m.made)
	if err != nil {
		// A template that fails on this page: where it fails.
		err = m.templateProblem(err)
	}
	return f, ok, err
}

// Exists reports whether the site has a file called name, without
// rendering it.
func (m *Memory) Exists(name string) bool {
	sn := m.cur.Load()
	if sn == nil {
		return false
	}
	_, ok := sn.site.route(name)
	return ok
}

// Version returns the version of the site served, 0 before the first
// successful load.
func (m *Memory) Version() uint64 {
	if sn := m.cur.Load(); sn != nil {
		return sn.version
	}
	return 0
}

// Stale reports whether documents have been realigned with a similarity
// model older than the corpus, so that Settle would change the site.
func (m *Memory) Stale() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.stale
}

// LoadTime returns how long the last full load took: what Settle costs.
func (m *Memory) LoadTime() time.Duration {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.loadTime
}

// Relevant reports whether a change to the file at path can change the
// site: a document, a content page, site.yaml, themes.yaml, a template or
// an asset. A watcher uses it to ignore editors' temporary files.
func (m *Memory) Relevant(path string) bool {
	return m.classify(absPath(path)).kind != changeNone
}

// File is one file of a site held in memory.
type File struct {
	Name string
	Data []byte
	// Hash identifies the content: two files with the same hash have the
	// same bytes. The server gives it to the pages it serves, so that a
	// page can tell whether what it shows is still current.
	Hash uint64
	deps []string
	size int64
}

func newFile(name string, data []byte, deps []string) *File {
	h := fnv.New64a()
	h.Write(data)
	return &File{Name: name, Data: data, Hash: h.Sum64(), deps: deps, size: int64(len(data) + len(name) + 64)}
}

// edition is one version of the site and the files made from it. An
// edition never changes once published, except for its cache, so that a
// request being answered from it is never disturbed by an update.
type edition struct {
	site    *Site
	version uint64
	search  *searchFiles

	mu       sync.Mutex
	cache    map[string]*File
	size     int64 // bytes in cache
	inflight map[string]*call
}

// call is a file being made, which other requests for it wait for.
type call struct {
	done chan struct{}
	f    *File
	ok   bool
	err  error
}

// get returns the file called name, making it if needed. ok is false when
// the site has no such file.
func (sn *edition) get(name string, budget int64, made func(string)) (*File, bool, error) {
	sn.mu.Lock()
	if f := sn.cache[name]; f != nil {
		sn.mu.Unlock()
		return f, true, nil
	}
	if c := sn.inflight[name]; c != nil {
		sn.mu.Unlock()
		<-c.done
		return c.f, c.ok, c.err
	}
	c := &call{done: make(chan struct{})}
	sn.inflight[name] = c
	sn.mu.Unlock()

	c.f, c.ok, c.err = sn.make(name)
	if made != nil && c.ok && c.err == nil {
		made(name)
	}

	sn.mu.Lock()
	delete(sn.inflight, name)
	if c.ok && c.err == nil {
		sn.store(c.f, budget)
	}
	sn.mu.Unlock()
	close(c.done)
	return c.f, c.ok, c.err
}

// make renders one file. Files of the search index come from the index,
// built once per edition.
func (sn *edition) make(name string) (*File, bool, error) {
	s := sn.site
	if strings.HasPrefix(name, searchPath+search.Dir) {
		data, ok := sn.search.get(s)[name]
		if !ok {
			return nil, false, nil
		}
		return newFile(name, data, []string{keyCorpus}), true, nil
	}
	r, ok := s.route(name)
	if !ok {
		return nil, false, nil
	}
	var buf bytes.Buffer
	if err := r.make(s, name, &buf); err != nil {
		return nil, true, err
	}
	return newFile(name, buf.Bytes(), r.deps), true, nil
}

// store caches f, dropping other files at random when the cache is over
// budget: random eviction needs no bookkeeping per request and keeps, in
// a cache much larger than what one person browses, nearly all of it.
func (sn *edition) store(f *File, budget int64) {
	if old := sn.cache[f.Name]; old != nil {
		sn.size -= old.size
	}
	sn.cache[f.Name] = f
	sn.size += f.size
	if budget <= 0 || sn.size <= budget {
		return
	}
	for name, g := range sn.cache {
		if sn.size <= budget*3/4 {
			break
		}
		if name != f.Name {
			delete(sn.cache, name)
			sn.size -= g.size
		}
	}
}

// successor returns an edition of site that keeps the cached files of sn
// whose dependencies are not among changed, and the number dropped.
func (sn *edition) successor(site *Site, changed map[string]bool) (*edition, int) {
	next := &edition{site: site, version: sn.version + 1, cache: map[string]*File{}, inflight: map[string]*call{}}
	next.search = sn.search
	if changed[keyAll] || changed[keyCorpus] {
		next.search = &searchFiles{}
	}
	sn.mu.Lock()
	defer sn.mu.Unlock()
	dropped := 0
	for name, f := range sn.cache {
		if dependsOn(f.deps, changed) {
			dropped++
			continue
		}
		next.cache[name] = f
		next.size += f.size
	}
	return next, dropped
}

// dependsOn reports whether a file with deps must be made again after
// the changes.
func dependsOn(deps []string, changed map[string]bool) bool {
	if changed[keyAll] {
		return true
	}
	for _, d := range deps {
		if changed[d] {
			return true
		}
	}
	return false
}
