package site

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"tiaowen/internal/align"
	"tiaowen/internal/bibliography"
	"tiaowen/internal/corpus"
	"tiaowen/internal/diag"
	"tiaowen/internal/refs"
	"tiaowen/internal/search"
	"tiaowen/internal/themes"
)

// Options configure a build.
type Options struct {
	// Content is the content directory: docs/, pages/, themes.yaml, site.yaml.
	Content string
	// Out is where the site goes; it is replaced whole, atomically,
	// by the spare folder beside it (.spare-<base of Out>), which then
	// keeps the previous site for the next build to bring up to date.
	Out string
	// Zip is the offline bundle's path; "" means <dir of Out>/<name>-offline.zip,
	// "-" means no bundle.
	Zip string
	// Templates and Static are a project's own overrides of the embedded
	// defaults, file by file. Empty means <Content>/../templates and
	// <Content>/../static.
	Templates, Static string
	// AllowRemoved lets a build drop permalinks that earlier builds
	// published (content/.permalinks); AllowChanged lets a section's
	// permalink lead to a section of other words than it was published
	// for.
	AllowRemoved, AllowChanged bool
	// BaseURL, when not empty, stands for site.yaml's baseURL, as Hugo's
	// --baseURL does: the same content published at another address, a
	// staging copy or a mirror, with its canonical links, citations,
	// sitemap and feed there. It must be an http(s) URL with a host.
	BaseURL string
	// Drafts builds the documents marked draft too, a preview of the
	// site with them (--buildDrafts); their permalinks are not recorded,
	// as they are not published.
	Drafts bool
	// Minify shrinks the site's HTML, CSS, scripts, JSON, XML and SVG,
	// as Hugo's --minify does, whatever site.yaml's minify says.
	Minify bool
	// Warnings receives content warnings (numbering faults); may be nil.
	Warnings io.Writer
}

// Summary describes a finished build.
type Summary struct {
	Docs, Sections, Pages int
	Bytes                 int64
	// Unchanged is the number of files that the previous site held
	// already, byte for byte, and that the new one took as they were.
	Unchanged int64
	Zip       string
	ZipBytes  int64
	// Reused is the number of the bundle's entries taken compressed from
	// the zip the bundle replaced, each one of the unchanged files.
	Reused  int64
	Elapsed time.Duration
	// Timings says where the time went (tiaowen build --timings).
	Timings Timings
}

// String is the one line a build prints.
func (s Summary) String() string {
	unchanged := ""
	if s.Unchanged > 0 {
		reused := ""
		if s.Reused > 0 {
			reused = ", " + diag.Count(s.Reused, "bundle entry") + " reused"
		}
		unchanged = " (" + diag.Count(s.Unchanged, "file") + " unchanged" + reused + ")"
	}
	return fmt.Sprintf("%s, %s, %s, %s%s, %d ms", diag.Count(s.Docs, "document"), diag.Count(s.Sections, "section"), diag.Count(s.Pages, "page"), diag.Count(s.Bytes, "byte"), unchanged, s.Elapsed.Milliseconds())
}

// Site is a loaded, analysed corpus ready to render.
type Site struct {
	cfg     Config
	corpus  *corpus.Corpus
	themes  *themes.Set
	docs    []*docInfo
	pages   []*contentPage
	aliases map[string]*docInfo // former id → document
	tmpl    templateSet
	static  layered
	min     *minifier  // nil: files are written as rendered
	clock   *stepClock // the steps of loading, and a build's after
	assets  *assetVersions
	nav     []navPage

	// named finds the titles that name documents of the corpus; namedBy
	// holds, for each document's id, the places that name it, in corpus
	// order of the documents naming it.
	named   *refs.Index
	namedBy map[string][]mention

	align *align.Index
	// rarity is the index's counts of n-grams, kept for the search index
	// when the index goes; nil when they are to be counted again.
	rarity     *align.Rarity
	byID       map[string]*docInfo
	pairs      []docPair            // the pairs compared and pre-rendered
	alignments []align.Alignment    // parallel to pairs
	pairStats  []pairStat           // parallel to pairs, kept when the alignments go
	pairsOf    map[*docInfo][]int32 // each document's pairs, by place in pairs
	rendered   map[[2]string]bool
	// counterparts are each section's best partners in the aligned pairs.
	counterparts map[*corpus.Section][]counterpart
	// versions are the documents' other versions, by id; nil when no
	// document supersedes another.
	versions map[string]*versionInfo
	// themeRanks[t][i] is the place of s.docs[i] among the documents
	// that mention theme t, newest first, -1 when it does not;
	// themeDocs[t] is their number. They say which page of a theme a
	// document is on; byDate is s.docs in that order.
	themeRanks [][]int32
	themeDocs  []int
	byDate     []*docInfo
	// themesTogether[t][u] is the number of sections that mention both
	// theme t and theme u.
	themesTogether [][]int32
}

// sourceDirs returns the directories of a project's own templates and
// static files: the options', or those beside the content directory.
func (o Options) sourceDirs() (templates, static string) {
	templates, static = o.Templates, o.Static
	if templates == "" {
		templates = filepath.Join(o.Content, "..", "templates")
	}
	if static == "" {
		static = filepath.Join(o.Content, "..", "static")
	}
	return templates, static
}

// sources is what a site is made from, read and checked.
type sources struct {
	cfg    Config
	corpus *corpus.Corpus
	themes *themes.Set
	pages  []*contentPage
	tmpl   templateSet
	static layered
	named  *refs.Index
}

// readSources reads and checks everything a site is made from: the
// content under opts.Content, then the templates and static files. Every
// problem in the content is returned together, sorted, and no sources
// when one is an error; the error is a problem outside the content, such
// as a template that does not parse.
func readSources(opts Options) (*sources, diag.List, error) {
	cfg, problems, err := SiteConfig(opts)
	if err != nil {
		return nil, nil, err
	}
	docsDir := filepath.Join(opts.Content, "docs")
	parser := corpus.NewParser()
	parser.Drafts = opts.Drafts
	c, ps := parser.LoadDir(docsDir)
	problems = append(problems, ps...)
	if len(c.Docs) == 0 && ps.Err() == nil {
		// A new site's: it builds, its pages saying there is nothing yet.
		problems.Warn(diag.Position{File: docsDir}, "no documents: the site's pages will have nothing to show",
			"write content/docs/<id>.md (tiaowen new doc --title T ID starts one), or import a web page, a .docx or copied text with tiaowen import FILE|URL")
	}
	set, ps := themes.LoadFile(filepath.Join(opts.Content, "themes.yaml"))
	problems = append(problems, ps...)
	pages, ps := loadPages(filepath.Join(opts.Content, "pages"), cfg.Unsafe)
	problems = append(problems, ps...)
	// A title or number that names documents of the corpus but is left
	// unlinked (several share it and no date says which, or each was
	// issued after the citing document) is a warning for the author.
	named := refs.New(c.Docs)
	problems = append(problems, named.Check(c.Docs)...)
	problems.Sort()
	if problems.Err() != nil {
		return nil, problems, nil
	}
	tdir, sdir := opts.sourceDirs()
	tmpl, err := loadTemplates(tdir)
	if err != nil {
		return nil, problems, err
	}
	static, err := staticLayer(sdir)
	if err != nil {
		return nil, problems, err
	}
	return &sources{cfg: cfg, corpus: c, themes: set, pages: pages, tmpl: tmpl, static: static, named: named}, problems, nil
}

// Check reads what Build reads and reports every problem Build would stop
// at or warn of — in site.yaml, themes.yaml, pages/ and docs/, in the
// templates, and a published permalink (content/.permalinks) that would
// disappear or lead to another section — without writing anything, and
// without analysing the corpus unless the project has templates of its
// own, which it then executes once each. docs and sections count what it
// read.
func Check(opts Options) (docs, sections int, problems diag.List, err error) {
	tdir, _ := opts.sourceDirs()
	src, problems, err := readSources(opts)
	if err != nil && templateError.MatchString(err.Error()) {
		return 0, 0, append(problems, templateProblem(tdir, err)), nil
	}
	if src == nil || err != nil {
		return 0, 0, problems, err
	}
	old, err := readManifest(filepath.Join(opts.Content, ".permalinks"))
	if err != nil {
		return 0, 0, problems, err
	}
	problems = append(problems, newPermalinkSet(publishedDocs(src.corpus.Docs)).check(old, opts.AllowRemoved, opts.AllowChanged)...)
	problems = append(problems, themesFoundNowhere(src.corpus.Docs, src.themes)...)
	if problems.Err() == nil && hasOwnTemplates(tdir) {
		// A project's own template may parse and yet fail when a page
		// executes it (a field the page has not): each is executed once,
		// as serve does, on the site loaded as a build loads it — the
		// analysis a check otherwise goes without.
		s, _, err := Load(opts)
		if err != nil {
			problems = append(problems, templateProblem(tdir, err))
		} else if err := s.checkTemplates(nil); err != nil {
			problems = append(problems, templateProblem(tdir, err))
		}
	}
	problems.Sort()
	for _, d := range src.corpus.Docs {
		sections += len(d.Sections)
	}
	return len(src.corpus.Docs), sections, problems, nil
}

// hasOwnTemplates reports whether dir holds templates of a project's own.
func hasOwnTemplates(dir string) bool {
	entries, _ := os.ReadDir(dir)
	return slices.ContainsFunc(entries, func(e os.DirEntry) bool { return strings.HasSuffix(e.Name(), ".html") })
}

// themesFoundNowhere is, for Check, the warnings Load gives of the
// themes no document mentions, found as analyse finds them. It reads the
// passages only until every theme has been found, which in a corpus
// where all are takes a few documents.
func themesFoundNowhere(docs []*corpus.Document, set *themes.Set) diag.List {
	if len(docs) == 0 || set == nil || len(set.Themes) == 0 {
		return nil
	}
	m := themes.NewMatcher(set)
	found := make(map[*themes.Theme]bool, len(set.Themes))
	for p := range themes.Passages(docs) {
		for _, mt := range m.Find(p.Text) {
			found[mt.Theme] = true
		}
		if len(found) == len(set.Themes) {
			return nil
		}
	}
	var out diag.List
	for _, t := range set.Themes {
		if !found[t] {
			out = append(out, themeFoundNowhere(t))
		}
	}
	return out
}

// unmentionedThemes warns of each theme no document of s mentions or,
// given the site before an edit, of each the edit left unmentioned. A
// site without documents says so already and gets none.
func (s *Site) unmentionedThemes(before *Site) diag.List {
	if len(s.docs) == 0 {
		return nil
	}
	var out diag.List
	for t, th := range s.themes.Themes {
		if s.themeDocs[t] == 0 && (before == nil || before.themeDocs[t] > 0) {
			out = append(out, themeFoundNowhere(th))
		}
	}
	return out
}

// themeFoundNowhere warns of a theme that no document mentions: its
// page would list nothing, most often because its terms are written as
// no document writes them.
func themeFoundNowhere(t *themes.Theme) diag.Problem {
	return diag.Problem{Pos: t.Pos, Severity: diag.Warning,
		Msg:  fmt.Sprintf("theme %q (%s) is found in no document: its page will list nothing", t.ID, t.Name),
		Hint: "write its terms as the documents do (tiaowen themes suggest lists the terms they quote), or leave it out until a document mentions it"}
}

// Load reads and checks everything under opts.Content and analyses it.
// Every problem in the content is reported together, sorted, as
// file:line:col lines.
func Load(opts Options) (*Site, diag.List, error) {
	clock := newStepClock()
	src, problems, err := readSources(opts)
	if src == nil || err != nil {
		return nil, problems, err
	}
	clock.done("read and parse")
	c, set, pages := src.corpus, src.themes, src.pages
	s := &Site{cfg: src.cfg, corpus: c, themes: set, pages: pages, tmpl: src.tmpl, static: src.static, aliases: map[string]*docInfo{}, named: src.named, clock: clock}
	if s.cfg.Minify {
		s.min = newMinifier()
	}
	s.docs = analyse(c, set, themes.NewMatcher(set), s.named)
	for i, a := range corpus.TitleAsides(c.Docs) {
		s.docs[i].aside = a
	}
	s.indexNamed()
	s.rankThemes()
	if ps := s.unmentionedThemes(nil); len(ps) > 0 {
		problems = append(problems, ps...)
		problems.Sort()
	}
	s.byID = map[string]*docInfo{}
	for _, d := range s.docs {
		s.byID[d.ID] = d
		for _, a := range d.Aliases {
			s.aliases[a] = d
		}
	}
	clock.done("themes and references")
	s.align = align.NewIndex(c)
	r := s.align.Rarity()
	s.rarity = &r
	clock.done("alignment index")
	s.pairs = s.comparePairs()
	s.indexPairs()
	clock.done("pairs chosen")
	s.alignments = make([]align.Alignment, len(s.pairs))
	s.pairStats = make([]pairStat, len(s.pairs))
	s.rendered = map[[2]string]bool{}
	// The pairs are sorted by a: each run of pairs with the same a is
	// aligned in one call, which normalises a's sections once.
	var runs []int
	for i := range s.pairs {
		if i == 0 || s.pairs[i].a != s.pairs[i-1].a {
			runs = append(runs, i)
		}
	}
	parallel(len(runs), func(r int) {
		lo, hi := runs[r], len(s.pairs)
		if r+1 < len(runs) {
			hi = runs[r+1]
		}
		others := make([]*corpus.Document, 0, hi-lo)
		for _, p := range s.pairs[lo:hi] {
			others = append(others, p.b.Document)
		}
		copy(s.alignments[lo:hi], s.align.AlignWith(s.pairs[lo].a.Document, others))
		for i := lo; i < hi; i++ {
			s.pairStats[i] = measure(s.pairs[i], s.alignments[i])
		}
	})
	clock.done("pairs aligned")
	for _, p := range s.pairs {
		s.rendered[[2]string{p.a.ID, p.b.ID}] = true
	}
	s.indexCounterparts()
	s.indexVersions()
	for _, p := range pages {
		s.nav = append(s.nav, navPage{Title: p.Title, Path: p.Slug + "/"})
	}
	if err := s.indexAssets(true); err != nil {
		return nil, problems, err
	}
	clock.done("counterparts, versions, assets")
	return s, problems, nil
}

// Build loads the content, renders the site into a temporary directory,
// checks that no published permalink disappears, swaps the new site in
// and writes the offline bundle. On any error the previous site is left
// as it was.
func Build(opts Options) (Summary, error) {
	start := time.Now()
	if err := checkOut(filepath.Clean(opts.Out)); err != nil {
		return Summary{}, err
	}
	s, problems, err := Load(opts)
	if opts.Warnings != nil {
		for _, w := range problems.Warnings() {
			fmt.Fprintln(opts.Warnings, w.Error())
		}
	}
	if err != nil {
		return Summary{}, err
	}
	if err := problems.Err(); err != nil {
		return Summary{}, err
	}
	old, err := readManifest(filepath.Join(opts.Content, ".permalinks"))
	if err != nil {
		return Summary{}, err
	}
	links := newPermalinkSet(publishedDocs(s.corpus.Docs))
	if err := links.check(old, opts.AllowRemoved, opts.AllowChanged).Err(); err != nil {
		return Summary{}, err
	}
	s.clock.done("permalinks checked")
	out, err := newOutput(opts.Out)
	if err != nil {
		return Summary{}, fmt.Errorf("prepare %s: %w", opts.Out, err)
	}
	var zipPath string
	if opts.Zip != "-" {
		zipPath = opts.Zip
		if zipPath == "" {
			zipPath = filepath.Join(filepath.Dir(filepath.Clean(opts.Out)), s.cfg.Name+"-offline.zip")
		}
		if out.zip, err = newBundle(zipPath, s.cfg.Name); err != nil {
			out.abandon()
			return Summary{}, fmt.Errorf("write offline bundle: %w", err)
		}
	}
	if err := s.render(out); err != nil {
		out.abandon()
		return Summary{}, err
	}
	sum := Summary{Docs: len(s.docs), Pages: int(out.pages.Load()), Bytes: out.bytes.Load(), Unchanged: out.tree.Linked()}
	sum.Timings.Files = out.files.list()
	for _, d := range s.docs {
		sum.Sections += len(d.Sections)
	}
	if err := out.prune(); err != nil {
		out.abandon()
		return Summary{}, fmt.Errorf("remove stale files from %s: %w", out.spare, err)
	}
	s.clock.done("stale files removed")
	if out.zip != nil {
		n, err := out.zip.finish()
		if err != nil {
			out.abandon()
			return Summary{}, err
		}
		sum.Zip, sum.ZipBytes, sum.Reused = zipPath, n, out.zip.reused.Load()
		s.clock.done("bundle finished")
	}
	if err := out.commit(); err != nil {
		out.abandon()
		return Summary{}, fmt.Errorf("swap in %s: %w", opts.Out, err)
	}
	s.clock.done("site swapped in")
	if err := writeManifest(links, old); err != nil {
		return Summary{}, err
	}
	s.clock.done("permalinks recorded")
	sum.Timings.Steps = s.clock.steps
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// publishedDocs are the documents that are not drafts: a draft a preview
// shows (Options.Drafts) publishes no permalink, so that dropping it, or
// renumbering it before it is published, breaks none; and a published
// document made a draft again is removed, its permalinks with it.
func publishedDocs(docs []*corpus.Document) []*corpus.Document {
	var out []*corpus.Document
	for _, d := range docs {
		if !d.Draft {
			out = append(out, d)
		}
	}
	return out
}

// parallel runs f(0) … f(n-1) across the machine's cores.
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// job is one file of the site.
type job struct {
	name string // slash path inside the site
	page bool   // counted as a page
	run  func(w *bytes.Buffer) error
	// offline writes the offline bundle's copy of the file when it is
	// not the web's; nil when they are the same.
	offline func(w *bytes.Buffer) error
}

// render writes every file of the site, in parallel across cores, and
// the offline bundle as it goes, in two rounds: the pages and data, then
// the search index, which is built only when the first round is done so
// that its hundreds of megabytes at thousands of documents are never held
// beside the alignments. Within a round the jobs run in the order of their
// names, which is the order of the bundle's entries. It is the last use of
// s: what the pages no longer need is let go on the way.
func (s *Site) render(out *output) error {
	jobs := append(s.jobs(), job{name: siteMark, run: func(w *bytes.Buffer) error {
		w.WriteString(siteMarkText)
		return nil
	}})
	// From here on the alignments live in the jobs that write their pages
	// and are let go as those are done; the index has done its work.
	s.alignments, s.align = nil, nil
	if err := runJobs(out, jobs, 0); err != nil {
		return err
	}
	s.clock.done("pages and data written")
	search := s.searchJobs()
	s.clock.done("search index built")
	if err := runJobs(out, search, len(jobs)); err != nil {
		return err
	}
	s.clock.done("search index written")
	return nil
}

// runJobs runs jobs in name order across the cores, writing each file to
// out and to its bundle as entry first+i. A job is dropped once done, and
// with it whatever its closure held.
func runJobs(out *output, jobs []job, first int) error {
	slices.SortStableFunc(jobs, func(a, b job) int { return strings.Compare(a.name, b.name) })
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each worker keeps one buffer, which soon has room for the
			// largest file: a sync.Pool is emptied at every collection,
			// and its buffers grew again from nothing, page after page.
			buf := new(bytes.Buffer)
			times := map[string]*FileTiming{}
			defer out.files.add(times)
			for i := range next {
				j := jobs[i]
				jobs[i].run, jobs[i].offline = nil, nil
				kind := fileKind(j.name)
				t := times[kind]
				if t == nil {
					t = &FileTiming{Kind: kind}
					times[kind] = t
				}
				t0 := time.Now()
				buf.Reset()
				err := j.run(buf)
				t1 := time.Now()
				t.Make += t1.Sub(t0)
				t.Files++
				t.Bytes += int64(buf.Len())
				unchanged := false
				if err == nil {
					unchanged, err = out.write(j.name, buf.Bytes(), j.page)
				}
				t2 := time.Now()
				t.Write += t2.Sub(t1)
				if out.zip != nil {
					if err == nil && j.offline != nil {
						// The bundle's bytes are not the disk's: what
						// the disk found unchanged says nothing of them.
						unchanged = false
						buf.Reset()
						err = j.offline(buf)
						now := time.Now()
						t.Make += now.Sub(t2)
						t2 = now
					}
					if err == nil {
						err = out.zip.add(first+i, j.name, buf.Bytes(), unchanged)
					} else {
						out.zip.fail(err)
					}
					t.Bundle += time.Since(t2)
				}
				if err != nil {
					mu.Lock()
					errs = append(errs, fmt.Errorf("%s: %w", j.name, err))
					mu.Unlock()
				}
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	if len(errs) > 0 {
		slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
		return errs[0]
	}
	return nil
}

// jobs lists every file of the site but the search index's (searchJobs).
func (s *Site) jobs() []job {
	var js []job
	page := func(name string, p func() *Page, tmpl string) {
		js = append(js, job{name: name, page: true, run: func(w *bytes.Buffer) error {
			return s.tmpl.render(w, tmpl, p())
		}})
	}
	page("index.html", s.homePage, "home.html")
	for n := 2; n <= s.homePages(); n++ {
		page(homePagePath(n)+"index.html", func() *Page { return s.homePageN(n) }, "home.html")
	}
	for _, d := range s.docs {
		page(docPath(d.ID)+"index.html", func() *Page { return s.docPage(d) }, "doc.html")
		for _, sec := range d.Sections {
			page(sectionPath(d.ID, sec.EID)+"index.html", func() *Page { return s.sectionPage(d, sec) }, "section.html")
		}
		if d.Original != "" {
			js = append(js, job{name: originalPath(d.Document), run: func(w *bytes.Buffer) error { return copyOriginal(w, d.Document) }})
		}
		js = append(js, job{name: docAPIPath(d.ID), run: func(w *bytes.Buffer) error { return s.docJSON(w, d) }},
			job{name: docRISPath(d.ID), run: func(w *bytes.Buffer) error { return s.writeRecords(w, bibliography.AppendRIS, d) }},
			job{name: docBibTeXPath(d.ID), run: func(w *bytes.Buffer) error { return s.writeRecords(w, bibliography.AppendBibTeX, d) }})
		for _, a := range d.Aliases {
			page(docPath(a)+"index.html", func() *Page { return s.redirectPage(docPath(a), docPath(d.ID), d.Title) }, "redirect.html")
			for _, sec := range d.Sections {
				page(sectionPath(a, sec.EID)+"index.html", func() *Page {
					return s.redirectPage(sectionPath(a, sec.EID), sectionPath(d.ID, sec.EID), d.Title+" "+sec.Citation())
				}, "redirect.html")
			}
		}
	}
	page(themesPath+"index.html", s.themesPage, "themes.html")
	for i, t := range s.themes.Themes {
		page(themePath(t.ID)+"index.html", func() *Page { return s.themePage(t) }, "theme.html")
		js = append(js, job{name: themeFeedPath(t.ID), run: func(w *bytes.Buffer) error { return s.themeFeed(w, t) }})
		for n := 2; n <= s.themePages(i); n++ {
			page(themePagePath(t.ID, n)+"index.html", func() *Page { return s.themePageN(t, n) }, "theme.html")
		}
	}
	page(regionsPath+"index.html", s.regionsPage, "regions.html")
	for _, node := range s.regionTree().nodes() {
		code := node.Division.Code
		page(regionPath(code)+"index.html", func() *Page { return s.regionPage(node) }, "region.html")
		js = append(js, job{name: regionFeedPath(code), run: func(w *bytes.Buffer) error { return s.regionFeed(w, node) }})
		for n := 2; n <= s.regionPages(node); n++ {
			page(regionPagePath(code, n)+"index.html", func() *Page { return s.regionPageN(node, n) }, "region.html")
		}
	}
	for i, p := range s.pairs {
		al := s.alignments[i]
		page(comparePath(p.a.ID, p.b.ID)+"index.html", func() *Page { return s.pairPage(p, al) }, "pair.html")
		js = append(js, job{name: compareAPIPath(p.a.ID, p.b.ID),
			run: func(w *bytes.Buffer) error { return compareJSON(w, al) }})
	}
	// Drawn now: its similarity matrix is the alignment index's last use,
	// and render lets the index go before the pages are written.
	chooser := s.chooserPage()
	page(comparePage+"index.html", func() *Page { return chooser }, "compare.html")
	for n := 2; n <= s.chooserPages(); n++ {
		page(chooserPagePath(n)+"index.html", func() *Page { return s.chooserPageN(n) }, "compare.html")
	}
	page(searchPath+"index.html", s.searchPage, "search.html")
	for _, p := range s.pages {
		page(p.Slug+"/index.html", func() *Page { return s.contentPage(p) }, "page.html")
	}
	page("404.html", s.notFoundPage, "404.html")
	js[len(js)-1].offline = func(w *bytes.Buffer) error {
		return s.tmpl.render(w, "404.html", s.offlineNotFoundPage())
	}
	js = append(js,
		job{name: "api/themes.json", run: s.themesJSON},
		job{name: regionsAPIPath, run: s.regionsJSON},
		job{name: docsAPIPath, run: s.docsJSON},
		job{name: docsScriptPath, run: s.docsScript},
		job{name: docsRISPath, run: func(w *bytes.Buffer) error { return s.writeRecords(w, bibliography.AppendRIS, s.docs...) }},
		job{name: docsBibTeXPath, run: func(w *bytes.Buffer) error { return s.writeRecords(w, bibliography.AppendBibTeX, s.docs...) }},
		job{name: compareAPIIndex, run: s.compareIndexJSON},
		job{name: "feed.xml", run: s.feed},
		job{name: "robots.txt", run: s.robots},
		job{name: staticPath + "chroma.css", run: func(w *bytes.Buffer) error { return chromaCSS(w) }},
	)
	if s.cfg.BaseURL != "" {
		for _, f := range s.sitemapFiles() {
			js = append(js, job{name: f.name, run: f.run})
		}
		js = append(js, job{name: openSearchPath, run: s.openSearch})
	}
	names, _ := s.static.list()
	for _, n := range names {
		js = append(js, job{name: staticPath + n, run: func(w *bytes.Buffer) error {
			b, _, err := s.static.read(n)
			w.Write(b)
			return err
		}})
	}
	for i, j := range js {
		js[i].run, js[i].offline = s.min.wrap(j.name, j.run), s.min.wrap(j.name, j.offline)
	}
	return js
}

// searchJobs builds the search index and lists its files.
func (s *Site) searchJobs() []job {
	var js []job
	for _, f := range s.searchIndex().Files {
		js = append(js, job{name: searchPath + f.Name, run: func(w *bytes.Buffer) error { _, err := w.Write(f.Data); return err }})
	}
	return js
}

// searchIndex builds the search index of the site, with the themes that
// the analysis found in each section.
func (s *Site) searchIndex() *search.Index {
	rarity := s.rarity
	if rarity == nil {
		r := align.CountGrams(s.corpus)
		rarity = &r
	}
	o := s.searchOptions()
	o.Rarity = rarity
	return search.Build(s.corpus, o)
}

// searchOptions are the options of the site's search index, but its
// rarity, which is counted from the corpus (search.Fingerprint needs only
// that it is given).
func (s *Site) searchOptions() search.Options {
	return search.Options{Themes: s.themes,
		SectionThemes: func(i, j int) []*themes.Theme { return s.docs[i].secs[j].themes },
		Rarity:        &align.Rarity{}}
}
