package site

import (
	"slices"
	"strings"

	"tiaowen/internal/corpus"
)

// A document's page lists the documents it names by title and those
// that name it (package refs finds the titles): the plainest evidence of
// which plan carries out which.

// indexNamed gathers, for each document, the places that name it.
func (s *Site) indexNamed() {
	s.namedBy = map[string][]mention{}
	for _, d := range s.docs {
		for _, m := range d.names {
			s.namedBy[m.to] = append(s.namedBy[m.to], m)
		}
	}
}

// namedLinks is one document named by another, or naming it, on a
// document's page: the other document and the places in the naming one.
type namedLinks struct {
	Doc    *docInfo
	Places []namedPlace
}

// namedPlace is where a document names another: a section, or the
// matter before or after the sections.
type namedPlace struct {
	Label string // 一、（二）, 前言, 文末
	Path  string // from the site root, to the file and the place in it
}

// namedData is what a document's page says of the documents it names
// and those that name it.
type namedData struct {
	Names, NamedBy []namedLinks
}

// namedOf gathers namedData for d's page.
func (s *Site) namedOf(d *docInfo) *namedData {
	var out namedData
	out.Names = s.groupNamed(d.names, func(m mention) string { return m.to })
	out.NamedBy = s.groupNamed(s.namedBy[d.ID], func(m mention) string { return m.from })
	if out.Names == nil && out.NamedBy == nil {
		return nil
	}
	return &out
}

// groupNamed groups mentions by the other document (other), in order of
// first appearance, with the places in the naming document.
func (s *Site) groupNamed(ms []mention, other func(mention) string) []namedLinks {
	var out []namedLinks
	at := map[string]int{}
	for _, m := range ms {
		od := s.byID[other(m)]
		if od == nil {
			continue
		}
		i, ok := at[od.ID]
		if !ok {
			i = len(out)
			at[od.ID] = i
			out = append(out, namedLinks{Doc: od})
		}
		out[i].Places = append(out[i].Places, s.namedPlace(m))
	}
	return out
}

// place is the URL path of m's place in the document that names: its
// section's permalink, or its document's page at the matter before or
// after the sections.
func (m mention) place() string {
	switch {
	case m.eid != "":
		return sectionPath(m.from, m.eid)
	case m.trailing:
		return docPath(m.from) + "#trailing"
	}
	return docPath(m.from) + "#preamble"
}

// namedPlace is where m is, in the document that names, for a page.
func (s *Site) namedPlace(m mention) namedPlace {
	label := "前言"
	switch {
	case m.eid != "":
		label = m.eid
		if d := s.byID[m.from]; d != nil {
			if sec := d.Section(m.eid); sec != nil {
				label = sec.Citation()
			}
		}
	case m.trailing:
		label = "文末"
	}
	// A page links to the file, before any fragment.
	path, frag, _ := strings.Cut(m.place(), "#")
	path += "index.html"
	if frag != "" {
		path += "#" + frag
	}
	return namedPlace{Label: label, Path: path}
}

// citedIn returns the documents that sec, with the sections under it,
// names, or with sec nil those that d names anywhere, in the order first
// named: a page's JSON-LD gives them as its citations.
func (s *Site) citedIn(d *docInfo, sec *corpus.Section) []*corpus.Document {
	var out []*corpus.Document
	add := func(id string) {
		if od := s.byID[id]; od != nil && !slices.Contains(out, od.Document) {
			out = append(out, od.Document)
		}
	}
	if sec == nil {
		for _, m := range d.names {
			add(m.to)
		}
		return out
	}
	var walk func(*corpus.Section)
	walk = func(x *corpus.Section) {
		for _, rs := range d.secs[x.Index].blockNamed {
			for _, r := range rs {
				add(r.Doc)
			}
		}
		for _, c := range x.Children {
			walk(c)
		}
	}
	walk(sec)
	return out
}
