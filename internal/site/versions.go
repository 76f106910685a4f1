package site

import (
	"slices"
	"strings"
)

// versionInfo is what the site knows of one document's other versions,
// from the supersedes lists of the front matter (checked by package
// corpus: each names a document of the corpus, each document has at most
// one newer version, and no line of versions is a circle).
type versionInfo struct {
	newer  *docInfo   // the document that supersedes this one; nil for none
	newest *docInfo   // the last of the line of newer versions; nil for none
	older  []*docInfo // the documents this one supersedes, as it lists them
	// pair is the place in Site.pairs of the pair with newer, which
	// comparePairs always makes; -1 when there is none.
	pair int32
	// at[i] is the index in newer of the section that the pair's
	// alignment pairs with section i of this document, or -1.
	at []int32
	// earlier[k][j] is the index in older[k] of the section that the
	// alignment pairs with section j of this document, or -1.
	earlier [][]int32
}

// indexVersions fills s.versions from the documents' supersedes lists and
// the alignments of their pairs. A site without versions keeps a nil map.
func (s *Site) indexVersions() {
	s.versions = nil
	of := func(d *docInfo) *versionInfo {
		if s.versions == nil {
			s.versions = map[string]*versionInfo{}
		}
		v := s.versions[d.ID]
		if v == nil {
			v = &versionInfo{pair: -1}
			s.versions[d.ID] = v
		}
		return v
	}
	for _, d := range s.docs {
		for _, id := range d.Supersedes {
			if old := s.byID[id]; old != nil {
				of(old).newer = d
				of(d).older = append(of(d).older, old)
			}
		}
	}
	for _, v := range s.versions {
		v.earlier = make([][]int32, len(v.older))
	}
	eids := sectionIndex{}
	for _, d := range s.docs {
		v := s.versions[d.ID]
		if v == nil || v.newer == nil {
			continue
		}
		v.newest = v.newer
		for n := s.versions[v.newest.ID]; n != nil && n.newer != nil; n = s.versions[v.newest.ID] {
			v.newest = n.newer
		}
		for _, i := range s.pairsOf[d] {
			p := s.pairs[i]
			if p.a != v.newer && p.b != v.newer {
				continue
			}
			v.pair = i
			v.at = make([]int32, len(d.Sections))
			for k := range v.at {
				v.at[k] = -1
			}
			for _, pr := range s.alignments[i].Pairs {
				mine, theirs := pr.A, pr.B
				if p.b == d {
					mine, theirs = pr.B, pr.A
				}
				if k, j := eids.of(d, mine), eids.of(v.newer, theirs); k >= 0 && j >= 0 {
					v.at[k] = j
				}
			}
		}
		// The same pairs, seen from the newer version.
		nv := s.versions[v.newer.ID]
		if k := slices.Index(nv.older, d); k >= 0 && v.at != nil {
			back := make([]int32, len(v.newer.Sections))
			for j := range back {
				back[j] = -1
			}
			for i, j := range v.at {
				if j >= 0 {
					back[j] = int32(i)
				}
			}
			nv.earlier[k] = back
		}
	}
}

// newerOf is the document that supersedes d, or nil.
func (s *Site) newerOf(d *docInfo) *docInfo {
	if v := s.versions[d.ID]; v != nil {
		return v.newer
	}
	return nil
}

// versionLine lists every version of d's line — the documents that d
// supersedes or is superseded by, and theirs, to the newest and back —
// d among them; nil for a document without versions.
func (s *Site) versionLine(d *docInfo) []*docInfo {
	v := s.versions[d.ID]
	if v == nil {
		return nil
	}
	top := d
	if v.newest != nil {
		top = v.newest
	}
	// Every version of the line is older than its newest: a tree of
	// older versions, walked from its root.
	line := []*docInfo{top}
	for i := 0; i < len(line); i++ {
		line = append(line, s.versions[line[i].ID].older...)
	}
	return line
}

// versionSummary says, in a line of plain text, which versions d
// supersedes and which supersedes it, with their dates and statuses, for
// an entry of a feed; "" for a document without versions.
func (s *Site) versionSummary(d *docInfo) string {
	v := s.versions[d.ID]
	if v == nil {
		return ""
	}
	named := func(o *docInfo) string {
		if f := versionFacts(o); f != "" {
			return "《" + o.Title + "》（" + f + "）"
		}
		return "《" + o.Title + "》"
	}
	var parts []string
	for _, o := range v.older {
		parts = append(parts, "取代"+named(o))
	}
	if v.newer != nil {
		parts = append(parts, "已被"+named(v.newer)+"取代")
	}
	return strings.Join(parts, "；")
}

// versionPairs lists the pairs of documents that are versions of each
// other, older first, so that comparePairs can make every one.
func (s *Site) versionPairs() [][2]*docInfo {
	var out [][2]*docInfo
	for _, d := range s.docs {
		for _, id := range d.Supersedes {
			if old := s.byID[id]; old != nil {
				out = append(out, [2]*docInfo{old, d})
			}
		}
	}
	return out
}

// versionNote is what a superseded document's pages say of its newer
// version, made up for printing, every URL relative to the page.
type versionNote struct {
	Lang, Title, URL, Facts string // the newer version
	// Effective and Expires are the newer version's term, for site.js
	// to say, beside its facts, when it is not in force: a version that
	// takes effect next year does not yet replace this one in law.
	Effective, Expires string
	// Newest is the last of the line when a later version supersedes
	// the newer in turn; its Facts are left empty.
	Newest *versionLink
	// PairURL is the two versions' pair page, at the section's row on a
	// section's page.
	PairURL string
	// Counterpart is, on a section's page, the newer version's section
	// that the alignment pairs with it; nil when it pairs none.
	Counterpart *pageLink
}

// versionLink is another version of a document, as its pages link to it.
type versionLink struct {
	Lang, Title, URL, Facts string
	PairURL                 string // the pair page of the two versions
}

// versionFacts is what tells versions apart beside their titles: the date
// and, when not 正式, the status.
func versionFacts(d *docInfo) string {
	var parts []string
	if d.Date != "" {
		parts = append(parts, d.Date)
	}
	if d.Status != "" {
		parts = append(parts, d.Status)
	}
	return strings.Join(parts, " · ")
}

// newerVersion is the note on the pages of d, or of its section sec when
// sec is given, that a newer version supersedes it; nil when none does.
func (s *Site) newerVersion(root string, d *docInfo, secIndex int) *versionNote {
	v := s.versions[d.ID]
	if v == nil || v.newer == nil {
		return nil
	}
	n := v.newer
	note := &versionNote{Lang: n.Lang, Title: n.Title, URL: root + docPath(n.ID) + "index.html", Facts: versionFacts(n),
		Effective: n.Effective, Expires: n.Expires}
	if v.newest != n {
		note.Newest = &versionLink{Lang: v.newest.Lang, Title: v.newest.Title, URL: root + docPath(v.newest.ID) + "index.html"}
	}
	if v.pair >= 0 {
		p := s.pairs[v.pair]
		note.PairURL = root + comparePath(p.a.ID, p.b.ID) + "index.html"
		if secIndex >= 0 {
			side := "#a-"
			if p.b == d {
				side = "#b-"
			}
			note.PairURL += side + d.Sections[secIndex].EID
			if j := v.at[secIndex]; j >= 0 {
				t := n.Sections[j]
				note.Counterpart = &pageLink{URL: root + sectionPath(n.ID, t.EID) + "index.html", Text: t.Heading()}
			}
		}
	}
	return note
}

// olderVersions are the documents d supersedes, as its page lists them.
func (s *Site) olderVersions(root string, d *docInfo) []versionLink {
	v := s.versions[d.ID]
	if v == nil {
		return nil
	}
	var out []versionLink
	for _, o := range v.older {
		l := versionLink{Lang: o.Lang, Title: o.Title, URL: root + docPath(o.ID) + "index.html", Facts: versionFacts(o)}
		if ov := s.versions[o.ID]; ov != nil && ov.pair >= 0 {
			p := s.pairs[ov.pair]
			l.PairURL = root + comparePath(p.a.ID, p.b.ID) + "index.html"
		}
		out = append(out, l)
	}
	return out
}

// lineEntry is a version in a document's 版本沿革, as its page lists it.
type lineEntry struct {
	Lang, Title, URL, Facts string
	Current                 bool   // the page's own document
	PairURL                 string // its pair page with the version that supersedes it; "" for the newest
}

// versionHistory is the 版本沿革 of d's page: every version of its line,
// the oldest first, each with its pair page with the next, when the
// line has three versions or more — with two, the page's notes name the
// other already, while the newest of three would not name the first.
// nil otherwise.
func (s *Site) versionHistory(root string, d *docInfo) []lineEntry {
	line := s.versionLine(d)
	if len(line) < 3 {
		return nil
	}
	out := make([]lineEntry, 0, len(line))
	// versionLine walks from the newest back: backwards, every version
	// comes before the one that supersedes it.
	for _, x := range slices.Backward(line) {
		e := lineEntry{Lang: x.Lang, Title: x.Title, URL: root + docPath(x.ID) + "index.html", Facts: versionFacts(x), Current: x == d}
		if v := s.versions[x.ID]; v.pair >= 0 {
			p := s.pairs[v.pair]
			e.PairURL = root + comparePath(p.a.ID, p.b.ID) + "index.html"
		}
		out = append(out, e)
	}
	return out
}

// earlierNote is what a section of a newer version says of one version it
// supersedes, made up for printing, every URL relative to the page.
type earlierNote struct {
	Lang, Title, URL, Facts string // the older version
	// Counterpart is the older version's section that the alignment
	// pairs with this one; nil when it pairs none.
	Counterpart *pageLink
	PairURL     string // the pair page at this section's row
}

// earlierVersions are the notes on the page of d's section secIndex of
// the versions d supersedes: where the section was in each.
func (s *Site) earlierVersions(root string, d *docInfo, secIndex int) []earlierNote {
	v := s.versions[d.ID]
	if v == nil {
		return nil
	}
	var out []earlierNote
	for k, o := range v.older {
		ov := s.versions[o.ID]
		if ov == nil || ov.pair < 0 || v.earlier[k] == nil {
			continue
		}
		p := s.pairs[ov.pair]
		side := "#a-"
		if p.b == d {
			side = "#b-"
		}
		n := earlierNote{Lang: o.Lang, Title: o.Title, URL: root + docPath(o.ID) + "index.html", Facts: versionFacts(o),
			PairURL: root + comparePath(p.a.ID, p.b.ID) + "index.html" + side + d.Sections[secIndex].EID}
		if i := v.earlier[k][secIndex]; i >= 0 {
			t := o.Sections[i]
			n.Counterpart = &pageLink{URL: root + sectionPath(o.ID, t.EID) + "index.html", Text: t.Heading()}
		}
		out = append(out, n)
	}
	return out
}
