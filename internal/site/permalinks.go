package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"unicode"

	"tiaowen/internal/corpus"
	"tiaowen/internal/diag"
	"tiaowen/internal/textnorm"
)

// content/.permalinks records every document and section URL the site
// has published, one to a line, and after a section's URL a tab and the
// words it was published under (permalinkLabel). A build refuses to let
// a recorded URL disappear, and to let a section's URL show another
// section — as when a new version of a document, renumbered, replaces
// the old under the same id: a reader who cited 「（五）」 would find
// other words there, which is worse than finding nothing.

// manifestHeader opens content/.permalinks.
const manifestHeader = "# Every document and section URL this site has published, and the first words\n" +
	"# of each section. Builds fail if a URL would disappear or lead to other words;\n" +
	"# see tiaowen build --allow-removed and --allow-changed. Commit this file.\n"

// labelRunes bounds a label: enough of a section's start to tell it from
// another, short enough to read in a diff.
const labelRunes = 24

// permalinkLabel is what content/.permalinks records of a section: the
// start of its title and text, on one line — enough that a corrected
// character leaves most of it as it was, and that another section's
// differs.
func permalinkLabel(sec *corpus.Section) string {
	sep := ""
	if sec.Title != "" && sec.TitleEnd == "" && sec.Text != "" {
		sep = " "
	}
	return firstWords(labelRunes, sec.Title, sec.TitleEnd, sep, sec.Text)
}

// firstWords is the first n code points of the parts joined, with every
// run of white space made one space and none at either end: what
// strings.Join(strings.Fields(…), " ") cut to n would be, read no
// further than the cut — a label is taken of every section at every
// build, and a section's text runs to thousands of characters.
func firstWords(n int, parts ...string) string {
	var b strings.Builder
	count, space := 0, false
	for _, part := range parts {
		for _, r := range part {
			if unicode.IsSpace(r) {
				space = count > 0
				continue
			}
			if space {
				b.WriteByte(' ')
				if count++; count == n {
					return b.String()
				}
				space = false
			}
			b.WriteRune(r)
			if count++; count == n {
				return b.String()
			}
		}
	}
	return b.String()
}

// leadsElsewhere reports whether sec, now at a URL published for the
// label was, is another section than the one published. Labels are
// compared with script, width and punctuation folded; one that starts
// the other is the same (a label cut shorter). Otherwise sec is another
// section when was now starts another section of the document
// (renumbered, and moved is that section), or when the two share less
// than half their character pairs — so that a corrected typo or a
// reworded phrase passes.
func leadsElsewhere(d *corpus.Document, sec *corpus.Section, was string) (elsewhere bool, moved *corpus.Section) {
	key, now := textnorm.Key(was), textnorm.Key(permalinkLabel(sec))
	if strings.HasPrefix(now, key) || strings.HasPrefix(key, now) {
		return false, nil // the same, or one cut shorter than the other
	}
	for _, other := range d.Sections {
		if strings.HasPrefix(textnorm.Key(permalinkLabel(other)), key) {
			return true, other
		}
	}
	return !similar(key, now), nil
}

// similar reports whether two folded labels share at least half their
// character pairs (Dice's coefficient of their bigrams).
func similar(x, y string) bool {
	a, b := []rune(x), []rune(y)
	if len(a) < 2 || len(b) < 2 {
		return false
	}
	pairs := make(map[[2]rune]int, len(a))
	for i := 1; i < len(a); i++ {
		pairs[[2]rune{a[i-1], a[i]}]++
	}
	shared := 0
	for i := 1; i < len(b); i++ {
		p := [2]rune{b[i-1], b[i]}
		if pairs[p] > 0 {
			pairs[p]--
			shared++
		}
	}
	return 4*shared >= len(a)-1+len(b)-1
}

// published is content/.permalinks as read.
type published struct {
	file  string
	urls  []string          // in the file's order
	line  map[string]int    // where each URL is in the file
	label map[string]string // a section URL's label, where recorded
}

// noneYet is the record of a site that has published nothing yet.
func noneYet(file string) *published {
	return &published{file: file, line: map[string]int{}, label: map[string]string{}}
}

// readManifest reads content/.permalinks; a missing file is empty.
func readManifest(file string) (*published, error) {
	b, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return noneYet(file), nil
	}
	if err != nil {
		return nil, err
	}
	return parseManifest(file, b), nil
}

// parseManifest reads content/.permalinks from src. Lines without a
// label, as builds before labels wrote them, are read as such; '#' starts
// a comment line.
func parseManifest(file string, src []byte) *published {
	p := noneYet(file)
	n := 0
	for l := range strings.Lines(string(src)) {
		n++
		u, label, _ := strings.Cut(l, "\t")
		if u = strings.TrimSpace(u); u == "" || strings.HasPrefix(u, "#") {
			continue
		}
		if _, dup := p.line[u]; !dup {
			p.urls = append(p.urls, u)
		}
		p.line[u] = n
		if label = strings.TrimSpace(label); label != "" {
			p.label[u] = label
		}
	}
	return p
}

// formatManifest writes content/.permalinks: the URLs in order, each
// with its label, if any.
func formatManifest(urls []string, labels map[string]string) []byte {
	var b bytes.Buffer
	b.WriteString(manifestHeader)
	for _, u := range urls {
		b.WriteString(u)
		if l := labels[u]; l != "" {
			b.WriteByte('\t')
			b.WriteString(l)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// permalinkSet is what a corpus publishes now: every document's and
// section's URL, and the former ids that redirect to a document.
type permalinkSet struct {
	docs    map[string]*corpus.Document // id or former id → document
	current map[string]bool
	urls    []string // sorted
}

func newPermalinkSet(docs []*corpus.Document) *permalinkSet {
	p := &permalinkSet{docs: map[string]*corpus.Document{}, current: map[string]bool{}}
	for _, d := range docs {
		for _, a := range d.Aliases {
			p.docs[a] = d
		}
	}
	for _, d := range docs {
		p.docs[d.ID] = d // an id wins over another document's alias
		p.urls = append(p.urls, "/"+docPath(d.ID))
		for _, sec := range d.Sections {
			p.urls = append(p.urls, "/"+sectionPath(d.ID, sec.EID))
		}
	}
	slices.Sort(p.urls)
	for _, u := range p.urls {
		p.current[u] = true
	}
	return p
}

// splitDocURL splits a document's URL, /docs/<id>/, or a section's,
// /docs/<id>/<eId>/, into its parts; ok is false for any other.
func splitDocURL(u string) (id, eid string, ok bool) {
	rest, ok := strings.CutPrefix(u, "/docs/")
	if !ok {
		return "", "", false
	}
	id, eid, _ = strings.Cut(strings.TrimSuffix(rest, "/"), "/")
	return id, eid, id != ""
}

// resolve returns what a URL of content/.permalinks leads to now, by
// itself or by an alias's redirect: a document, and the section for a
// section's URL. ok is false when nothing is served there.
func (p *permalinkSet) resolve(u string) (d *corpus.Document, sec *corpus.Section, ok bool) {
	id, eid, ok := splitDocURL(u)
	if d = p.docs[id]; !ok || d == nil {
		return nil, nil, false
	}
	if eid == "" {
		return d, nil, true
	}
	sec = d.Section(eid)
	return d, sec, sec != nil
}

// check reports, as content problems, the recorded URLs that would no
// longer be served and the section URLs that would now lead to another
// section; allowRemoved and allowChanged let each kind pass.
func (p *permalinkSet) check(old *published, allowRemoved, allowChanged bool) diag.List {
	var problems diag.List
	var gone []string
	for _, u := range old.urls {
		d, sec, ok := p.resolve(u)
		if !ok {
			gone = append(gone, u)
			continue
		}
		was := old.label[u]
		if sec == nil || was == "" || allowChanged {
			continue
		}
		elsewhere, moved := leadsElsewhere(d, sec, was)
		if !elsewhere {
			continue
		}
		msg := fmt.Sprintf("%s was published for 「%s」 (%s:%d) and would now lead to 「%s」", u, was, old.file, old.line[u], permalinkLabel(sec))
		if moved != nil {
			msg += fmt.Sprintf("; 「%s」 is now /%s", was, sectionPath(d.ID, moved.EID))
		}
		problems.Add(sec.Pos, msg, "readers who cited it would find other words: publish a new version of a document under a new id, keep the old one and name it in the new one's supersedes, or build with --allow-changed if the section was rewritten on purpose")
	}
	if allowRemoved {
		return problems
	}
	// A document gone with its sections is one problem, not one for each.
	goneWith := map[string]int{} // a document's id → its sections gone with it
	for _, u := range gone {
		if id, eid, _ := splitDocURL(u); eid == "" {
			goneWith[id] = 0
		}
	}
	for _, u := range gone {
		if id, eid, _ := splitDocURL(u); eid != "" {
			if _, whole := goneWith[id]; whole {
				goneWith[id]++
			}
		}
	}
	for _, u := range gone {
		at := diag.Position{File: old.file, Line: old.line[u], Col: 1}
		id, eid, _ := splitDocURL(u)
		n, whole := goneWith[id]
		switch {
		case !whole:
			problems.Add(at, u+" was published and would disappear", removedHint)
		case eid == "" && n > 0:
			problems.Add(at, fmt.Sprintf("%s and the %s under it were published and would disappear", u, diag.Count(n, "section permalink")), removedHint)
		case eid == "":
			problems.Add(at, u+" was published and would disappear", removedHint)
		}
	}
	return problems
}

const removedHint = "readers cite these URLs: keep the document and its sections, list a renamed document's old id in its aliases, or build with --allow-removed to drop them on purpose"

// writeManifest records the permalinks now published, with their labels,
// and keeps the ones still served through aliases, so that they stay
// protected.
func writeManifest(p *permalinkSet, old *published) error {
	labels := map[string]string{}
	all := slices.Clone(p.urls)
	for _, u := range old.urls {
		if !p.current[u] {
			if _, _, ok := p.resolve(u); ok {
				all = append(all, u)
			}
		}
	}
	slices.Sort(all)
	all = slices.Compact(all)
	for _, u := range all {
		if _, sec, _ := p.resolve(u); sec != nil {
			labels[u] = permalinkLabel(sec)
		}
	}
	b := formatManifest(all, labels)
	if prev, err := os.ReadFile(old.file); err == nil && bytes.Equal(prev, b) {
		return nil
	}
	tmp := old.file + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, old.file)
}
