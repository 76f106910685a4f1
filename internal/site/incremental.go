package site

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"tiaowen/internal/corpus"
	"tiaowen/internal/diag"
	"tiaowen/internal/refs"
	"tiaowen/internal/themes"
)

// Update applies the changes to the files at paths (absolute, or relative
// to the working directory): what was written, created, removed or
// renamed since the last update. It returns once the site in memory is
// current; the files that changed are rendered again when asked for.
func (m *Memory) Update(paths []string) Report {
	before := m.cur.Load()
	r := m.update(paths)
	if r.Problems.Err() == nil {
		r.Edited = m.editedDocs(paths)
		if after := m.cur.Load(); before != nil && after != nil {
			for _, id := range r.Edited {
				if od := before.site.byID[id]; od != nil {
					if r.FirstChange == nil {
						r.FirstChange = map[string]string{}
					}
					r.FirstChange[id] = firstChange(od.Sections, after.site.byID[id].Sections)
				}
			}
		}
	}
	return r
}

// firstChange is the eId of the first section of now whose number,
// title or text differs from the one at its place in was, or "" when
// none does.
func firstChange(was, now []*corpus.Section) string {
	for i, s := range now {
		if i >= len(was) || was[i].EID != s.EID || was[i].Title != s.Title || was[i].Text != s.Text {
			return s.EID
		}
	}
	return ""
}

// editedDocs is the ids of the documents of the site now served whose
// files are among paths.
func (m *Memory) editedDocs(paths []string) []string {
	sn := m.cur.Load()
	if sn == nil {
		return nil
	}
	files := map[string]bool{}
	for _, p := range paths {
		files[absPath(p)] = true
	}
	wd, _ := os.Getwd()
	var ids []string
	for _, d := range sn.site.docs {
		if files[absIn(wd, d.File)] {
			ids = append(ids, d.ID)
		}
	}
	return ids
}

// absIn is the path f, relative to wd or absolute, made absolute. (Once
// for many files: filepath.Abs asks the system for the working directory
// each time.)
func absIn(wd, f string) string {
	if !filepath.IsAbs(f) {
		f = filepath.Join(wd, f)
	}
	return filepath.Clean(f)
}

func (m *Memory) update(paths []string) Report {
	start := time.Now()
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range paths {
		abs := absPath(p)
		if m.classify(abs).kind != changeNone {
			m.pending[abs] = true
		}
	}
	sn := m.cur.Load()
	if len(m.pending) == 0 {
		return m.report(sn, Report{Elapsed: time.Since(start)})
	}
	if sn == nil {
		return m.fullLoad(start)
	}
	var p plan
	for abs := range m.pending {
		p.add(m.classify(abs))
	}
	if p.full {
		return m.fullLoad(start)
	}
	next, changed, r := m.apply(sn, p)
	if next == nil {
		// A change that needs a full load, found only once read.
		return m.fullLoad(start)
	}
	if r.Problems.Err() != nil {
		r.Elapsed = time.Since(start)
		return m.report(sn, r)
	}
	clear(m.pending)
	if len(changed) == 0 {
		r.Elapsed = time.Since(start)
		return m.report(sn, r)
	}
	nsn, dropped := sn.successor(next, changed)
	m.cur.Store(nsn)
	r.Changed = slices.Sorted(maps.Keys(changed))
	r.Dropped = dropped
	r.Elapsed = time.Since(start)
	return m.report(nsn, r)
}

// Settle rebuilds the similarity model of the whole corpus when edits
// have been aligned with an older one (see Memory), by a full Load, and
// swaps the result in unless an update came first. It reports whether it
// did; the report's problems explain a failure. It takes as long as a
// full load, and does not hold up Update meanwhile.
func (m *Memory) Settle() (Report, bool) {
	m.mu.Lock()
	sn := m.cur.Load()
	if !m.stale || sn == nil || len(m.pending) > 0 {
		m.mu.Unlock()
		return Report{}, false
	}
	m.mu.Unlock()
	start := time.Now()
	s, problems, err := Load(m.opts)
	if err != nil {
		problems = append(problems, m.templateProblem(err))
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.cur.Load() != sn || len(m.pending) > 0 {
		return Report{}, false // an update came first; the next pause settles it
	}
	if problems.Err() != nil {
		return m.report(sn, Report{Problems: problems, Elapsed: time.Since(start)}), false
	}
	m.loadTime = time.Since(start)
	m.stale = false
	m.eids = nil
	m.setMatcher(s.themes)
	// The documents and their themes are those of the last update; only
	// what the alignments make differs.
	changed := map[string]bool{keyAlign: true}
	nsn, dropped := sn.successor(s, changed)
	m.cur.Store(nsn)
	return m.report(nsn, Report{Changed: []string{keyAlign}, Dropped: dropped, Elapsed: time.Since(start)}), true
}

// report fills in the counts of the site served.
func (m *Memory) report(sn *edition, r Report) Report {
	if sn != nil {
		r.Version = sn.version
		r.Docs = len(sn.site.docs)
		for _, d := range sn.site.docs {
			r.Sections += len(d.Sections)
		}
	}
	return r
}

// fullLoad loads everything again. m.mu is held.
func (m *Memory) fullLoad(start time.Time) Report {
	s, problems, err := Load(m.opts)
	if err != nil {
		problems = append(problems, m.templateProblem(err))
	}
	sn := m.cur.Load()
	if problems.Err() != nil {
		return m.report(sn, Report{Problems: problems, Full: true, Elapsed: time.Since(start)})
	}
	if err := s.checkTemplates(nil); err != nil {
		problems = append(problems, m.templateProblem(err))
		return m.report(sn, Report{Problems: problems, Full: true, Elapsed: time.Since(start)})
	}
	m.loadTime = time.Since(start)
	m.stale = false
	m.eids = nil
	m.setMatcher(s.themes)
	m.readManifest()
	// What `tiaowen build` would refuse of the published permalinks is a
	// warning here: the site is served all the same.
	for _, p := range newPermalinkSet(publishedDocs(s.corpus.Docs)).check(m.manifest, false, false) {
		p.Severity = diag.Warning
		problems = append(problems, p)
	}
	problems.Sort()
	changed := map[string]bool{keyAll: true}
	var next *edition
	dropped := 0
	if sn == nil {
		next = &edition{site: s, version: 1, search: &searchFiles{}, cache: map[string]*File{}, inflight: map[string]*call{}}
	} else {
		next, dropped = sn.successor(s, changed)
	}
	m.cur.Store(next)
	clear(m.pending)
	return m.report(next, Report{Problems: problems, Full: true, Changed: []string{keyAll}, Dropped: dropped, Elapsed: time.Since(start)})
}

func (m *Memory) setMatcher(set *themes.Set) {
	if m.mset != set {
		m.matcher, m.mset = themes.NewMatcher(set), set
	}
}

// readManifest reads the permalinks published so far, to warn when an
// edit removes one or makes it lead to other words.
func (m *Memory) readManifest() {
	file := filepath.Join(m.dirs.content, ".permalinks")
	p, err := readManifest(file)
	if err != nil {
		p = noneYet(file) // the build will say what is wrong with it
	}
	m.manifest = p
}

// changeKind is what a changed file is to the site.
type changeKind uint8

const (
	changeNone     changeKind = iota
	changeFull                // site.yaml, themes.yaml, a source directory itself
	changeDoc                 // content/docs/*.md
	changePages               // content/pages/*.md
	changeTemplate            // a page template or base.html
	changeStatic              // a file under static/
	changeManifest            // content/.permalinks
)

type change struct {
	kind changeKind
	abs  string
	name string // the template's or the asset's slash path in its directory
}

// classify says what the file at abs is to the site. Editors' temporary
// files beside a document (x.md~, .x.md.swp, 4913) are nothing.
func (m *Memory) classify(abs string) change {
	c := change{abs: abs}
	within := func(dir string) (string, bool) {
		rel, err := filepath.Rel(dir, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return "", false
		}
		return filepath.ToSlash(rel), true
	}
	// The templates and static directories are checked first: a project
	// may keep them inside content/.
	if rel, ok := within(m.dirs.templates); ok {
		switch {
		case rel == ".":
			c.kind = changeTemplate
		case rel == "base.html" || rel == pagerTemplate || slices.Contains(pageTemplates, rel):
			c.kind, c.name = changeTemplate, rel
		}
		return c
	}
	if rel, ok := within(m.dirs.static); ok {
		if rel == "." || !strings.HasPrefix(filepath.Base(rel), ".") {
			c.kind, c.name = changeStatic, rel
		}
		return c
	}
	rel, ok := within(m.dirs.content)
	if !ok {
		return c
	}
	switch dir, base := filepath.Split(filepath.FromSlash(rel)); {
	case rel == "." || rel == "docs" || rel == "pages" || rel == "site.yaml" || rel == "themes.yaml":
		c.kind = changeFull
	case rel == ".permalinks":
		c.kind = changeManifest
	case strings.HasPrefix(rel, "docs/"):
		c.kind = m.docsChange(rel, abs)
	case dir == "pages"+string(filepath.Separator) && filepath.Ext(base) == ".md":
		c.kind = changePages
	}
	return c
}

// docsChange classifies a path under content/docs/ (rel, slash-separated
// from content/): a document, in a folder or not, or a folder of them
// made, removed or renamed, which is a full load — a folder moved away
// takes its documents with it, and no event is sent for each. What is
// hidden, or in a hidden folder, is nothing, as corpus.MarkdownFiles
// leaves it out.
func (m *Memory) docsChange(rel, abs string) changeKind {
	for _, part := range strings.Split(rel, "/")[1:] {
		if strings.HasPrefix(part, ".") {
			return changeNone
		}
	}
	if filepath.Ext(rel) == ".md" {
		return changeDoc
	}
	// A document's original, replaced: the file is made again, and its
	// size on the document's page, with everything else.
	if sn := m.cur.Load(); sn != nil {
		for _, d := range sn.site.docs {
			if d.Original != "" && filepath.Clean(d.OriginalPath()) == filepath.Join(m.opts.Content, filepath.FromSlash(rel)) {
				return changeFull
			}
		}
	}
	if st, err := os.Lstat(abs); err == nil {
		if st.IsDir() {
			return changeFull
		}
		return changeNone
	}
	// Gone: a folder that held documents, or an editor's file (vim's
	// 4913) that came and went. Without a site, any change is worth a
	// try at loading one.
	sn := m.cur.Load()
	if sn == nil {
		return changeFull
	}
	// The documents' paths are as corpus.LoadDir made them, from the
	// content directory as given.
	under := filepath.Join(m.opts.Content, filepath.FromSlash(rel)) + string(filepath.Separator)
	for _, d := range sn.site.docs {
		if strings.HasPrefix(d.File, under) {
			return changeFull
		}
	}
	return changeNone
}

// plan is the pending changes, sorted by kind.
type plan struct {
	full      bool
	docs      []string // absolute paths
	pages     bool
	templates []string // names; "" for the whole directory
	static    []string // names; "." for the whole directory
	manifest  bool
}

func (p *plan) add(c change) {
	switch c.kind {
	case changeFull:
		p.full = true
	case changeDoc:
		p.docs = append(p.docs, c.abs)
	case changePages:
		p.pages = true
	case changeTemplate:
		p.templates = append(p.templates, c.name)
	case changeStatic:
		p.static = append(p.static, c.name)
	case changeManifest:
		p.manifest = true
	}
}

// stylesheetsOnly reports whether every change is to a style sheet.
func (p *plan) stylesheetsOnly() bool {
	if p.full || p.pages || len(p.docs) > 0 || len(p.templates) > 0 || len(p.static) == 0 {
		return false
	}
	for _, n := range p.static {
		if filepath.Ext(n) != ".css" {
			return false
		}
	}
	return true
}

// maxIncremental is the share of a corpus above which documents changed
// at once (a branch checked out, a batch imported) are loaded whole: the
// full load is then the faster way, and exact.
const maxIncremental = 0.2

// apply makes the site that the pending changes lead to from sn's, and
// the keys that changed. It returns a nil site when the changes need a
// full load after all: a document added, removed or renamed.
func (m *Memory) apply(sn *edition, p plan) (*Site, map[string]bool, Report) {
	old := sn.site
	s := *old // what does not change is shared
	changed := map[string]bool{}
	var r Report
	r.Stylesheets = p.stylesheetsOnly()
	if p.manifest {
		m.readManifest()
	}
	if float64(len(p.docs)) > maxIncremental*float64(max(len(old.docs), 10)) {
		return nil, nil, r
	}
	if len(p.docs) > 0 {
		full, problems := m.applyDocs(&s, old, p.docs, changed, &r)
		if full {
			return nil, nil, r
		}
		r.Problems = append(r.Problems, problems...)
	}
	if p.pages {
		pages, problems := loadPages(m.dirs.pages, s.cfg.Unsafe)
		r.Problems = append(r.Problems, problems...)
		s.pages = pages
		s.nav = nil
		for _, cp := range pages {
			s.nav = append(s.nav, navPage{Title: cp.Title, Path: cp.Slug + "/"})
		}
		if !slices.Equal(s.nav, old.nav) {
			changed[keyPages] = true
		}
		// A page whose HTML, title or description changed, or that
		// came or went.
		was := map[string]*contentPage{}
		for _, cp := range old.pages {
			was[cp.Slug] = cp
		}
		for _, cp := range pages {
			if o := was[cp.Slug]; o == nil || *o != *cp {
				changed[keyPage(cp.Slug)] = true
			}
			delete(was, cp.Slug)
		}
		for slug := range was {
			changed[keyPage(slug)] = true
		}
	}
	if len(p.templates) > 0 {
		tmpl, err := loadTemplates(m.dirs.templates)
		if err != nil {
			r.Problems = append(r.Problems, m.templateProblem(err))
		} else {
			s.tmpl = tmpl
			var names []string
			for _, n := range p.templates {
				if n == "" {
					n = "base.html"
				}
				changed[keyTmpl(n)] = true
				names = append(names, n)
			}
			if err := s.checkTemplates(names); err != nil {
				r.Problems = append(r.Problems, m.templateProblem(err))
			}
		}
	}
	for _, n := range p.static {
		if n == "." {
			changed[keyAll] = true
		}
		changed[keyStatic(n)] = true
	}
	// Pages name their assets with versions (assets.go): an asset's edit
	// changes every page that names it, and a document's edit may change
	// api/docs.js's, which the pages that name it depend on through
	// keyCorpus.
	if len(p.static) > 0 || changed[keyCorpus] {
		before := s.assets
		if err := s.indexAssets(len(p.static) > 0); err != nil {
			r.Problems.Add(diag.Position{File: m.dirs.static}, fmt.Sprintf("read the static files: %v", err), "")
		} else if !maps.Equal(before.static, s.assets.static) {
			changed[keyAssets] = true
		}
	}
	r.Problems.Sort()
	return &s, changed, r
}

// applyDocs brings the edited documents into s, a copy of old, and notes
// what changed. It reports full when an edit is not one it can apply
// alone: a document added, removed, or whose id, aliases or supersedes
// list changed.
func (m *Memory) applyDocs(s, old *Site, files []string, changed map[string]bool, r *Report) (full bool, problems diag.List) {
	if m.files.site != old {
		// Once per site.
		wd, _ := os.Getwd()
		m.files.site, m.files.index = old, make(map[string]int, len(old.docs))
		for i, d := range old.docs {
			m.files.index[absIn(wd, d.File)] = i
		}
	}
	byFile := m.files.index
	edited := map[int]*corpus.Document{}
	for _, abs := range files {
		i, known := byFile[abs]
		src, err := os.ReadFile(abs)
		switch {
		case errors.Is(err, fs.ErrNotExist) && !known:
			continue // a file that came and went: an editor's
		case errors.Is(err, fs.ErrNotExist), !known:
			return true, nil
		case err != nil:
			problems.Add(diag.Position{File: old.docs[i].File}, fmt.Sprintf("read: %v", err), "")
			continue
		}
		od := old.docs[i]
		d, ps := m.parser.Parse(od.File, src)
		corpus.CheckOriginal(d, &ps)
		problems = append(problems, ps...)
		if d.ID != od.ID || !slices.Equal(d.Aliases, od.Aliases) || !slices.Equal(d.Supersedes, od.Supersedes) || d.Draft != od.Draft {
			return true, nil
		}
		edited[i] = d
	}
	if problems.Err() != nil || len(edited) == 0 {
		return false, problems
	}
	named, ok := renamed(old, edited)
	if !ok {
		return true, nil
	}
	for _, d := range edited {
		problems = append(problems, named.Check([]*corpus.Document{d})...)
	}
	// An edited title, issuer, date or status can change how another
	// document of the same title is told apart (corpus.TitleAsides) on
	// the pages that list it: those an edit of its own changes.
	docs := slices.Clone(old.corpus.Docs)
	for i, d := range edited {
		docs[i] = d
	}
	asides := corpus.TitleAsides(docs)
	for i, d := range old.docs {
		if _, ok := edited[i]; !ok && asides[i] != d.aside {
			edited[i] = d.Document
		}
	}
	m.stale = true
	changed[keyCorpus] = true

	// The documents, their analysis, and the maps by id.
	s.docs = slices.Clone(old.docs)
	s.byID = maps.Clone(old.byID)
	replaced := map[*docInfo]*docInfo{}
	for i, d := range edited {
		od := old.docs[i]
		nd := analyse(&corpus.Corpus{Docs: []*corpus.Document{d}}, s.themes, m.matcher, named)[0]
		nd.Index, nd.aside = i, asides[i]
		s.docs[i] = nd
		s.byID[nd.ID] = nd
		replaced[od] = nd
		changed[keyDoc(nd.ID)] = true
		// The pages of the documents it named, or names now, list it,
		// as do those of the documents that name it, by its title.
		for _, ms := range [][]mention{od.names, nd.names} {
			for _, mn := range ms {
				changed[keyDoc(mn.to)] = true
			}
		}
		if od.Label() != nd.Label() {
			for _, mn := range old.namedBy[od.ID] {
				changed[keyDoc(mn.from)] = true
			}
		}
		changed[keyPairsOf(nd.ID)] = true
		for t := range s.themes.Themes {
			if od.themeCounts[t] > 0 || nd.themeCounts[t] > 0 {
				changed[keyTheme(s.themes.Themes[t].ID)] = true
			}
			// Which page of the theme each document is on moves when one
			// comes or goes, or, as they are listed by date, is redated.
			if (od.themeCounts[t] > 0) != (nd.themeCounts[t] > 0) || (od.Date != nd.Date && nd.themeCounts[t] > 0) {
				changed[keyThemePages(s.themes.Themes[t].ID)] = true
			}
		}
		removed, retargeted := m.permalinkProblems(od, nd)
		r.Removed = append(r.Removed, removed...)
		r.Retargeted = append(r.Retargeted, retargeted...)
	}
	s.corpus = &corpus.Corpus{Docs: docs}
	s.named = named
	s.indexNamed()
	s.rarity = nil // counted again, from the edited corpus, with the search index
	s.rankThemes()
	problems = append(problems, s.unmentionedThemes(old)...)
	if len(old.aliases) > 0 {
		s.aliases = maps.Clone(old.aliases)
		for a, d := range s.aliases {
			if nd := replaced[d]; nd != nil {
				s.aliases[a] = nd
			}
		}
	}

	// The pairs stay those chosen at the last full load; the ones with an
	// edited document are aligned again.
	s.pairs = slices.Clone(old.pairs)
	s.alignments = slices.Clone(old.alignments)
	s.pairStats = slices.Clone(old.pairStats)
	var again []int
	for i, p := range s.pairs {
		na, nb := replaced[p.a], replaced[p.b]
		if na == nil && nb == nil {
			continue
		}
		s.pairs[i] = docPair{cmp.Or(na, p.a), cmp.Or(nb, p.b)}
		again = append(again, i)
		a, b := s.pairs[i].a, s.pairs[i].b
		changed[keyPair(a.ID, b.ID)] = true
		changed[keyPairsOf(a.ID)] = true
		changed[keyPairsOf(b.ID)] = true
	}
	s.indexPairs()
	// Pairs are sorted by a, so the pairs of an edited document as a are
	// one run, aligned by one AlignWith that reads the document once.
	var runs [][]int
	for k, i := range again {
		if k > 0 && s.pairs[i].a == s.pairs[again[k-1]].a && again[k-1] == i-1 {
			runs[len(runs)-1] = append(runs[len(runs)-1], i)
			continue
		}
		runs = append(runs, []int{i})
	}
	// The counterparts are copied meanwhile: a map of every section,
	// shared with the site still served.
	parallel(len(runs)+1, func(k int) {
		if k == 0 {
			s.counterparts = maps.Clone(old.counterparts)
			return
		}
		run := runs[k-1]
		others := make([]*corpus.Document, len(run))
		for j, i := range run {
			others[j] = s.pairs[i].b.Document
		}
		for j, al := range s.align.AlignWith(s.pairs[run[0]].a.Document, others) {
			s.alignments[run[j]] = al
			s.pairStats[run[j]] = measure(s.pairs[run[j]], al)
		}
	})
	if m.eids == nil {
		m.eids = sectionIndex{}
	}
	s.recount(replaced, again, m.eids)
	if old.versions != nil {
		s.indexVersions()
		// A version's pages name the others of its line, newer and
		// older, by title, date and status, and link to their sections.
		for _, nd := range replaced {
			for _, d := range s.versionLine(nd) {
				changed[keyDoc(d.ID)] = true
			}
		}
	}
	return false, problems
}

// renamed returns the index of titles (package refs) after the edits,
// and whether the other documents name the same documents with it, in
// the same places: a document's new title or date can make another's
// title name it, or another document, or none. When they do not, the
// update is not incremental: the edited documents alone are analysed
// again. Finding every title of the corpus again takes some tens of
// milliseconds at 2,000 documents, and only a title or date edited asks it.
func renamed(old *Site, edited map[int]*corpus.Document) (*refs.Index, bool) {
	same := true
	for _, d := range edited {
		same = same && old.named.Indexes(d)
	}
	if same {
		return old.named, true
	}
	docs := slices.Clone(old.corpus.Docs)
	for i, d := range edited {
		docs[i] = d
	}
	named := refs.New(docs)
	for i, d := range old.docs {
		if _, ok := edited[i]; !ok && !d.namesSame(named) {
			return nil, false
		}
	}
	return named, true
}

// recount brings s.counterparts, a copy of the counterparts before the
// edit, up to date after the documents replaced (old → new) were edited
// and the pairs realigned were aligned again. It gathers again only what
// can have changed: every section of an edited document, and each section
// of a partner whose best counterparts included an edited document. The
// other sections of the partners keep their best counterparts, all in
// pairs that did not change, and take in their new partner in the edited
// document if it ranks among them. The result is what indexCounterparts
// makes for the whole site (TestMemoryCounterparts): at thousands of
// documents, where one document can be compared with hundreds, gathering
// everything of every partner took most of an update. eids keeps, from one
// update to the next, the index of each section of a document by its eId.
func (s *Site) recount(replaced map[*docInfo]*docInfo, realigned []int, eids sectionIndex) {
	oldDoc, newDoc := map[*docInfo]bool{}, map[*docInfo]bool{}
	for od, nd := range replaced {
		oldDoc[od], newDoc[nd] = true, true
		for _, sec := range od.Sections {
			delete(s.counterparts, sec)
		}
	}
	for od := range replaced {
		delete(eids, od)
	}
	index := eids.of
	// gather holds, by document, the sections to gather again from all
	// its pairs: nil for all of them.
	gather := map[*docInfo]map[string]bool{}
	for nd := range newDoc {
		gather[nd] = nil
	}
	for _, pi := range realigned {
		for _, y := range [2]*docInfo{s.pairs[pi].a, s.pairs[pi].b} {
			if newDoc[y] {
				continue
			}
			for _, sec := range y.Sections {
				if slices.ContainsFunc(s.counterparts[sec], func(c counterpart) bool { return oldDoc[c.doc] }) {
					if gather[y] == nil {
						gather[y] = map[string]bool{}
					}
					gather[y][sec.EID] = true
					delete(s.counterparts, sec)
				}
			}
		}
	}
	// The partners' other sections take in their new counterparts.
	merged := map[*corpus.Section][]counterpart{}
	for _, pi := range realigned {
		p := s.pairs[pi]
		for _, pr := range s.alignments[pi].Pairs {
			ia, ib := index(p.a, pr.A), index(p.b, pr.B)
			if ia < 0 || ib < 0 {
				continue
			}
			if y, sec := p.a, p.a.Sections[ia]; !newDoc[y] && !gather[y][pr.A] {
				if merged[sec] == nil {
					merged[sec] = slices.Clone(s.counterparts[sec])
				}
				merged[sec] = append(merged[sec], counterpart{p.b, ib, float32(pr.Score), int32(pi)})
			}
			if y, sec := p.b, p.b.Sections[ib]; !newDoc[y] && !gather[y][pr.B] {
				if merged[sec] == nil {
					merged[sec] = slices.Clone(s.counterparts[sec])
				}
				merged[sec] = append(merged[sec], counterpart{p.a, ia, float32(pr.Score), int32(pi)})
			}
		}
	}
	// The rest is gathered from every pair of its document.
	for pi, p := range s.pairs {
		ga, inA := gather[p.a]
		gb, inB := gather[p.b]
		if !inA && !inB {
			continue
		}
		for _, pr := range s.alignments[pi].Pairs {
			wantA := inA && (ga == nil || ga[pr.A])
			wantB := inB && (gb == nil || gb[pr.B])
			if !wantA && !wantB {
				continue
			}
			ia, ib := index(p.a, pr.A), index(p.b, pr.B)
			if ia < 0 || ib < 0 {
				continue
			}
			if wantA {
				sec := p.a.Sections[ia]
				merged[sec] = append(merged[sec], counterpart{p.b, ib, float32(pr.Score), int32(pi)})
			}
			if wantB {
				sec := p.b.Sections[ib]
				merged[sec] = append(merged[sec], counterpart{p.a, ia, float32(pr.Score), int32(pi)})
			}
		}
	}
	for sec, cs := range merged {
		// Best first; among equals, in corpus order, as indexCounterparts.
		slices.SortFunc(cs, func(x, y counterpart) int {
			if x.score != y.score {
				return cmp.Compare(y.score, x.score)
			}
			return strings.Compare(x.doc.ID, y.doc.ID)
		})
		s.counterparts[sec] = slices.Clip(cs[:min(len(cs), counterparts)])
	}
}

// permalinkProblems lists the published section URLs of od that nd no
// longer has, and says of those that nd makes lead to other words what
// they were published for and lead to now.
func (m *Memory) permalinkProblems(od, nd *docInfo) (removed, retargeted []string) {
	for _, sec := range od.Sections {
		u := "/" + sectionPath(od.ID, sec.EID)
		if _, published := m.manifest.line[u]; !published {
			continue
		}
		now := nd.Section(sec.EID)
		if now == nil {
			removed = append(removed, u)
			continue
		}
		if was := m.manifest.label[u]; was != "" {
			if elsewhere, _ := leadsElsewhere(nd.Document, now, was); elsewhere {
				retargeted = append(retargeted, fmt.Sprintf("%s was published for 「%s」 and now leads to 「%s」", u, was, permalinkLabel(now)))
			}
		}
	}
	return removed, retargeted
}

// checkTemplates renders one page made with each of the named templates
// (every kind of page for nil), so that an error in a template shows as
// soon as the template is saved, not when someone happens to open a page
// that uses it.
func (s *Site) checkTemplates(names []string) error {
	samples := map[string]string{
		"home.html": "index.html", "themes.html": themesPath + "index.html", "compare.html": comparePage + "index.html",
		"search.html": searchPath + "index.html", "404.html": "404.html", "regions.html": regionsPath + "index.html",
	}
	if t := s.regionTree(); len(t.Top) > 0 {
		samples["region.html"] = regionPath(t.Top[0].Division.Code) + "index.html"
	}
	if len(s.docs) > 0 {
		d := s.docs[0]
		samples["doc.html"] = docPath(d.ID) + "index.html"
		if len(d.Sections) > 0 {
			samples["section.html"] = sectionPath(d.ID, d.Sections[0].EID) + "index.html"
		}
	}
	for _, d := range s.docs {
		if len(d.Aliases) > 0 {
			samples["redirect.html"] = docPath(d.Aliases[0]) + "index.html"
			break
		}
	}
	if len(s.themes.Themes) > 0 {
		samples["theme.html"] = themePath(s.themes.Themes[0].ID) + "index.html"
	}
	if len(s.pairs) > 0 {
		samples["pair.html"] = comparePath(s.pairs[0].a.ID, s.pairs[0].b.ID) + "index.html"
	}
	if len(s.pages) > 0 {
		samples["page.html"] = s.pages[0].Slug + "/index.html"
	}
	if names == nil {
		names = slices.Collect(maps.Keys(samples))
	} else if slices.Contains(names, "base.html") {
		// The layout is executed by every page; the smallest will do,
		// with the page templates named checked as well.
		names = append(names, "404.html")
	}
	if slices.Contains(names, pagerTemplate) {
		names = append(names, "home.html", "compare.html")
	}
	slices.Sort(names)
	for _, n := range slices.Compact(names) {
		name, ok := samples[n]
		if !ok {
			continue
		}
		r, ok := s.route(name)
		if !ok {
			continue
		}
		var b bytes.Buffer
		if err := r.make(s, name, &b); err != nil {
			return err
		}
	}
	return nil
}

// templateError matches the errors of text/template and html/template,
// after the file name that loadTemplates puts before them:
// "templates/doc.html: template: doc.html:12: unexpected EOF",
// "template: doc.html:5:12: executing "content" at <.Foo>: …".
var templateError = regexp.MustCompile(`^(?:(.+?): )?(?:html/)?template: ?([^:\s]+):(\d+):(?:(\d+):)? ?(.*)$`)

// templateProblem turns a template error into a problem at its place in
// the template file.
func (m *Memory) templateProblem(err error) diag.Problem {
	return templateProblem(m.dirs.templates, err)
}

// templateProblem turns a template error into a problem at its place in
// the template file, a project's own in dir or tiaowen's.
func templateProblem(dir string, err error) diag.Problem {
	msg := err.Error()
	sub := templateError.FindStringSubmatch(msg)
	if sub == nil {
		return diag.Problem{Pos: diag.Position{File: dir}, Msg: msg}
	}
	file := sub[1]
	if file == "" {
		file = filepath.Join(dir, sub[2])
		if _, err := os.Stat(file); err != nil {
			file = embeddedPrefix + sub[2]
		}
	}
	if !isEmbedded(file) {
		file = relPath(file)
	}
	line, _ := strconv.Atoi(sub[3])
	col, _ := strconv.Atoi(sub[4])
	p := diag.Problem{Pos: diag.Position{File: file, Line: line, Col: col}, Msg: sub[5]}
	if strings.Contains(p.Msg, `no such template "content"`) {
		// The layout, base.html, executes the page's "content": a page
		// template written as a whole page, as Hugo's may be, has none.
		p.Hint = `a page template gives its part of the page as {{define "content"}}…{{end}}, as tiaowen's own do (tiaowen new site writes them)`
	}
	return p
}

// relPath shows a path relative to the working directory when it is
// inside it, as the other positions are.
func relPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return filepath.Clean(p)
	}
	if rel, err := filepath.Rel(wd, absPath(p)); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return filepath.Clean(p)
}
