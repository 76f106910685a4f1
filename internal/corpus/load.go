package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"unicode/utf8"

	"github.com/yuin/goldmark"

	"tiaowen/internal/diag"
	"tiaowen/internal/hanconv"
)

// Parser reads content documents. It is safe for concurrent use.
type Parser struct {
	md goldmark.Markdown
	// Drafts has LoadDir keep the documents marked draft, as a preview
	// of the site with them does (--buildDrafts).
	Drafts bool
}

// NewParser returns a Parser.
func NewParser() *Parser {
	return &Parser{md: NewMarkdown()}
}

// Parse reads one content document: front matter, then a Markdown body.
// Problems come back with positions in file; the document is returned
// whenever its body could be read, even with front matter errors, so
// that one run reports everything.
func (p *Parser) Parse(file string, src []byte) (*Document, diag.List) {
	var problems diag.List
	CheckUTF8(file, src, &problems)
	yml, body, ymlLine, bodyLine, unclosed := splitFrontMatter(src)
	d := &Document{File: file}
	var at fieldsAt
	if yml == nil && bytes.HasPrefix(bytes.TrimPrefix(src, []byte("\ufeff")), []byte("+++")) {
		// Hugo reads TOML between +++ lines; a document written for it
		// is told what to write here, not only that it has none.
		problems.Add(diag.Position{File: file, Line: 1, Col: 1}, "front matter in TOML (+++) is not read",
			"write the fields in YAML between '---' lines: id: …, title: …, one to a line")
	} else {
		at = decodeMeta(file, yml, ymlLine, unclosed, &d.Meta, &problems)
	}
	d.TitleAt, d.SupersedesAt, d.DraftAt, d.OriginalAt = at.title, at.supersedes, at.draft, at.original
	if stem := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)); idPattern.MatchString(d.ID) && filepath.Ext(file) == ".md" && stem != d.ID {
		hint := fmt.Sprintf("rename the file to %s.md or change the id", d.ID)
		if _, err := os.Stat(filepath.Join(filepath.Dir(file), d.ID+".md")); err == nil {
			// A copy of another document, its id kept.
			hint = fmt.Sprintf("%s.md has that id: give this document its own, its file's name (id: %s)", d.ID, stem)
		}
		problems.Add(diag.Position{File: file, Line: 2, Col: 1},
			fmt.Sprintf("id %q does not match the file name %q", d.ID, filepath.Base(file)), hint)
	}
	blocks := readBlocks(p.md, file, body, bodyLine)
	buildTree(d, blocks, &problems)
	checkTerm(d, at, &problems)
	checkRegion(d, at.region, &problems)
	if d.Lang == "" {
		d.Lang = detectLang(d)
	}
	return d, problems
}

// CheckUTF8 reports whether src, the content of file, is UTF-8 text, and
// adds an error at the first byte that begins no UTF-8 character when it
// is not: a file saved in GBK or Big5 is otherwise read, and published,
// as mojibake, without a word.
func CheckUTF8(file string, src []byte, problems *diag.List) bool {
	if utf8.Valid(src) {
		return true
	}
	off := 0
	for off < len(src) {
		r, n := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		off += n
	}
	line, col := diag.LineCol(src, off)
	problems.Add(diag.Position{File: file, Line: line, Col: col},
		fmt.Sprintf("the file is not UTF-8 text: byte 0x%02X begins no UTF-8 character", src[off]),
		"save it as UTF-8; tiaowen import reads GB18030/GBK, UTF-16 and Big5 files and writes them as UTF-8")
	return false
}

// LoadDir reads every *.md file under dir, in its folders too (see
// MarkdownFiles), into a corpus sorted by id. Duplicate ids, and an id
// that is another document's alias, are errors.
func (p *Parser) LoadDir(dir string) (*Corpus, diag.List) {
	var problems diag.List
	// A mistyped --content would otherwise read as a corpus of no
	// documents, and a build would replace the site with an empty one.
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		what := "no such folder"
		switch {
		case err == nil:
			what = "not a folder"
		case !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR):
			what = err.Error()
		}
		problems.Add(diag.Position{File: dir}, what,
			"the documents are read from docs/ in the folder --content names: check that path, or make docs/ and put the documents there, as tiaowen import does")
		return &Corpus{}, problems
	}
	names, err := MarkdownFiles(dir)
	if err != nil {
		problems.Add(diag.Position{File: dir}, err.Error(), "check the folder's permissions")
		return &Corpus{}, problems
	}
	// Documents are independent: read and parse them across the cores,
	// then gather them in name order so that problems and the corpus come
	// out the same whatever the scheduling.
	type result struct {
		doc      *Document
		problems diag.List
	}
	results := make([]result, len(names))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(names); i = int(next.Add(1) - 1) {
				src, err := os.ReadFile(names[i])
				if err != nil {
					results[i].problems.Add(diag.Position{File: names[i]}, fmt.Sprintf("read: %v", err), "")
					continue
				}
				results[i].doc, results[i].problems = p.Parse(names[i], src)
				CheckOriginal(results[i].doc, &results[i].problems)
			}
		}()
	}
	wg.Wait()
	c := &Corpus{}
	for _, r := range results {
		problems = append(problems, r.problems...)
		if r.doc != nil {
			c.Docs = append(c.Docs, r.doc)
		}
	}
	// A draft's id is taken all the same: publishing it must not make
	// two documents of one id.
	checkIDs(c, &problems)
	if !p.Drafts {
		c.Docs = slices.DeleteFunc(c.Docs, func(d *Document) bool {
			if d.Draft {
				c.Drafts = append(c.Drafts, d)
				problems.Warn(d.DraftAt, fmt.Sprintf("%q is a draft: the site leaves it out", d.ID),
					"take out draft: true to publish it, or preview the site with it: --buildDrafts")
			}
			return d.Draft
		})
	}
	checkVersions(c, &problems)
	checkTwins(c, &problems)
	slices.SortStableFunc(c.Docs, func(a, b *Document) int { return strings.Compare(a.ID, b.ID) })
	return c, problems
}

// CheckOriginal adds an error when the Original a document names is no
// file where it says: the site would publish nothing, and its link would
// lead nowhere.
func CheckOriginal(d *Document, problems *diag.List) {
	// A name Parse refused is reported once, there.
	if d == nil || d.Original == "" || !filepath.IsLocal(filepath.FromSlash(d.Original)) || filepath.Ext(d.Original) == "" {
		return
	}
	st, err := os.Stat(d.OriginalPath())
	switch {
	case err != nil:
		problems.Add(d.OriginalAt, fmt.Sprintf("original %q: there is no such file beside the document (%s)", d.Original, d.OriginalPath()),
			"put the official file there, or take the line out")
	case !st.Mode().IsRegular():
		problems.Add(d.OriginalAt, fmt.Sprintf("original %q is not a file", d.Original), "name the official file itself")
	}
}

// MarkdownFiles lists the *.md files under dir, in its folders and
// theirs as well — a corpus of hundreds of documents is as often kept by
// region or by year as in one folder, and a document left unread would
// be lost without a word — in the order of their paths. Hidden files and
// folders are left out: editors' (Emacs's .#x.md lock links, swap files)
// and version control's, not documents. Links to folders are not
// followed.
func MarkdownFiles(dir string) ([]string, error) {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && filepath.Ext(p) == ".md" {
			names = append(names, p)
		}
		return nil
	})
	slices.Sort(names)
	return names, err
}

// checkTwins warns of documents that agree in title (in either script),
// issuer, date and status: most likely one document imported twice, from
// two web pages; and if not, readers can tell the two apart only by
// their ids (TitleAsides). Each is reported after the first, in file
// order, at its title.
func checkTwins(c *Corpus, problems *diag.List) {
	type facts struct{ title, issuer, date, status string }
	first := map[facts]*Document{}
	for _, d := range c.Docs {
		if strings.TrimSpace(d.Title) == "" {
			continue // an error already
		}
		k := facts{hanconv.Simplify(d.Title), d.Issuer, d.Date, d.Status}
		f := first[k]
		if f == nil {
			first[k] = d
			continue
		}
		problems.Warn(d.TitleAt, fmt.Sprintf("%q has the title, issuer, date and status of %q (%s): the same document twice?", d.ID, f.ID, f.TitleAt),
			"remove one; if both belong, correct the date or status that tells them apart, or readers tell them apart by their ids only")
	}
}

// checkIDs reports documents that share an id or claim another's id as an
// alias: either would make one permalink point at two documents.
func checkIDs(c *Corpus, problems *diag.List) {
	owner := map[string]*Document{}
	for _, d := range c.Docs {
		if d.ID == "" {
			continue
		}
		if o := owner[d.ID]; o != nil {
			problems.Add(diag.Position{File: d.File, Line: 2, Col: 1},
				fmt.Sprintf("duplicate id %q: %s has it too", d.ID, o.File), "ids must be unique")
			continue
		}
		owner[d.ID] = d
	}
	for _, d := range c.Docs {
		for _, a := range d.Aliases {
			if o := owner[a]; o != nil {
				problems.Add(diag.Position{File: d.File, Line: 2, Col: 1},
					fmt.Sprintf("alias %q is the id of %s", a, o.File), "an alias must be a former id no document uses now")
				continue
			}
			owner[a] = d
		}
	}
}

// checkVersions reports a supersedes list that names no document of the
// corpus (a typo would leave the older version's readers without the way
// to the newer one), the document itself, a document that another
// already supersedes (a document has one newer version, so that its
// pages can say which), or that makes versions go round in a circle.
func checkVersions(c *Corpus, problems *diag.List) {
	byID, former, drafts := map[string]*Document{}, map[string]*Document{}, map[string]*Document{}
	for _, d := range c.Drafts {
		drafts[d.ID] = d
	}
	var ids []string
	for _, d := range c.Docs {
		byID[d.ID] = d
		ids = append(ids, d.ID)
		for _, a := range d.Aliases {
			former[a] = d
		}
	}
	next := map[*Document]*Document{}
	for _, d := range c.Docs {
		at := d.SupersedesAt
		listed := map[string]bool{}
		for _, id := range d.Supersedes {
			old := byID[id]
			switch {
			case !idPattern.MatchString(id):
				// Reported with the front matter.
			case listed[id]:
				problems.Add(at, fmt.Sprintf("supersedes %q twice", id), "name each earlier version once")
			case id == d.ID:
				problems.Add(at, fmt.Sprintf("document %q supersedes itself", id), "name the ids of the earlier versions this document replaces")
			case old == nil && former[id] != nil:
				problems.Add(at, fmt.Sprintf("supersedes %q, a former id of %s", id, former[id].File),
					fmt.Sprintf("name the document by its id, %s", former[id].ID))
			case old == nil && drafts[id] != nil:
				problems.Add(at, fmt.Sprintf("supersedes %q, a draft (%s) that the site leaves out", id, drafts[id].File),
					"publish the draft (take out its draft: true), take it out of the list, or preview both with --buildDrafts")
			case old == nil:
				hint := "supersedes names documents of docs/ by id: add the earlier version, or take it out of the list"
				if s := diag.Suggest(id, ids); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
				problems.Add(at, fmt.Sprintf("supersedes %q, but no document has that id", id), hint)
			case next[old] != nil:
				problems.Add(at, fmt.Sprintf("supersedes %q, which %s supersedes too", id, next[old].File),
					"a document has one newer version: take it out of one of the two lists")
			default:
				next[old] = d
			}
			listed[id] = true
		}
	}
	// Following the newer versions from any document must end.
	for _, d := range c.Docs {
		seen := map[*Document]bool{d: true}
		for n := next[d]; n != nil; n = next[n] {
			if n == d {
				problems.Add(d.SupersedesAt, fmt.Sprintf("versions go round in a circle: %q is among its own newer versions", d.ID),
					"supersedes names earlier versions only: take the newest out of the oldest's list")
				break
			}
			if seen[n] {
				break // a circle of others, reported at one of its own
			}
			seen[n] = true
		}
	}
}
