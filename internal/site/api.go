package site

import (
	"bytes"
	"encoding/json"
	"math"

	"tiaowen/internal/corpus"
	"tiaowen/internal/hanconv"
	"tiaowen/internal/regions"
)

// docAPI is /api/docs/<id>.json: the parse contract of `tiaowen parse
// --json`, plus the document's metadata and each section's themes and URL.
type docAPI struct {
	corpus.DocJSON
	Issuer   string       `json:"issuer"`
	Status   string       `json:"status"`
	Level    string       `json:"level"`
	Region   string       `json:"region"`
	Division *divisionAPI `json:"division,omitempty"`
	URL      string       `json:"url"`
	Sections []sectionAPI `json:"sections"`
	// Cites are the places where the document names another of the
	// corpus by title, CitedBy those where another names it.
	Cites   []citeAPI `json:"cites"`
	CitedBy []citeAPI `json:"citedBy"`
	// Supersedes are the ids of the versions the document replaces, and
	// SupersededBy the id of the one that replaces it: each is left out
	// of a document without, so that the shape of those stays as it was.
	Supersedes   []string `json:"supersedes,omitempty"`
	SupersededBy string   `json:"supersededBy,omitempty"`
	// Draft is there only in a preview built with --buildDrafts, on a
	// document marked draft.
	Draft bool `json:"draft,omitempty"`
	// Effective and Expires are the document's term, each only where
	// its front matter gives it.
	Effective string `json:"effective,omitempty"`
	Expires   string `json:"expires,omitempty"`
	// Source is the web page the document was published on, when its
	// source is one; Original is where the site publishes the official
	// file the text was taken from, when the document names one.
	Source   string `json:"source,omitempty"`
	Original string `json:"original,omitempty"`
}

// divisionAPI is where a document's region lies among China's
// administrative divisions, when it is one of them: its GB/T 2260 code
// and the divisions' names from its province down to it, in simplified
// script ("441523", [广东省 汕尾市 陆河县]). A document whose region is
// none of them (a development zone, a name written short or that could
// be several places) has no division.
type divisionAPI struct {
	Code string   `json:"code"`
	Path []string `json:"path"`
}

func divisionOf(region string) *divisionAPI {
	path := regions.Find(region)
	if path == nil {
		return nil
	}
	d := &divisionAPI{Code: path[len(path)-1].Code}
	for _, div := range path {
		d.Path = append(d.Path, div.Name)
	}
	return d
}

// citeAPI is a place where one document names another: the other
// document's id, and the citing document's section ("" before or after
// its sections) and the URL of the place.
type citeAPI struct {
	Doc     string `json:"doc"`
	Section string `json:"section"`
	At      string `json:"at"`
}

type sectionAPI struct {
	corpus.SectionJSON
	Themes []string `json:"themes"`
	URL    string   `json:"url"`
}

// siteURL is a page's absolute URL, or its path from the root without a
// base URL.
func (s *Site) siteURL(p string) string {
	if u := absURL(s.cfg.BaseURL, p); u != "" {
		return u
	}
	return "/" + p
}

func (s *Site) docJSON(w *bytes.Buffer, d *docInfo) error {
	out := docAPI{DocJSON: d.JSON(), Issuer: d.Issuer, Status: d.Status, Level: d.Level, Region: d.Region,
		Division: divisionOf(d.Region), URL: s.siteURL(docPath(d.ID)), Sections: make([]sectionAPI, len(d.Sections))}
	out.DocJSON.Sections = nil
	for i, sec := range d.Sections {
		ids := []string{}
		for _, t := range d.secs[i].themes {
			ids = append(ids, t.ID)
		}
		out.Sections[i] = sectionAPI{SectionJSON: sec.JSON(), Themes: ids, URL: s.siteURL(sectionPath(d.ID, sec.EID))}
	}
	out.Cites, out.CitedBy = []citeAPI{}, []citeAPI{}
	for _, m := range d.names {
		out.Cites = append(out.Cites, citeAPI{Doc: m.to, Section: m.eid, At: s.siteURL(m.place())})
	}
	for _, m := range s.namedBy[d.ID] {
		out.CitedBy = append(out.CitedBy, citeAPI{Doc: m.from, Section: m.eid, At: s.siteURL(m.place())})
	}
	out.Supersedes = d.Supersedes
	if n := s.newerOf(d); n != nil {
		out.SupersededBy = n.ID
	}
	out.Draft = d.Draft
	out.Effective, out.Expires = d.Effective, d.Expires
	out.Source = sourceAddress(d.Source)
	if d.Original != "" {
		out.Original = s.siteURL(originalPath(d.Document))
	}
	return encodeJSON(w, out)
}

type themesAPI struct {
	Themes []themeAPI `json:"themes"`
}

type themeAPI struct {
	ID          string           `json:"id"`
	Name        string           `json:"name"`
	Description string           `json:"description"`
	Terms       []string         `json:"terms"`
	URL         string           `json:"url"`
	Documents   []themeDocuments `json:"documents"`
}

type themeDocuments struct {
	ID       string   `json:"id"`
	Sections []string `json:"sections"`
}

func (s *Site) themesJSON(w *bytes.Buffer) error {
	out := themesAPI{Themes: []themeAPI{}}
	for _, t := range s.themes.Themes {
		ta := themeAPI{ID: t.ID, Name: t.Name, Description: t.Description, Terms: t.Terms, URL: s.siteURL(themePath(t.ID)), Documents: []themeDocuments{}}
		// Its documents as its pages list them, newest first.
		for _, d := range s.byDate {
			var eids []string
			for i, si := range d.secs {
				for _, st := range si.themes {
					if st == t {
						eids = append(eids, d.Sections[i].EID)
					}
				}
			}
			if len(eids) > 0 {
				ta.Documents = append(ta.Documents, themeDocuments{ID: d.ID, Sections: eids})
			}
		}
		out.Themes = append(out.Themes, ta)
	}
	return encodeJSON(w, out)
}

func encodeJSON(w *bytes.Buffer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	return enc.Encode(v)
}

// docsAPI is /api/docs.json: every document with its metadata and where
// its page and its JSON are, in corpus order — the list a machine reads
// first, as the home page is a reader's.
type docsAPI struct {
	Documents []docSummary `json:"documents"`
}

type docSummary struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Issuer string `json:"issuer"`
	Date   string `json:"date"`
	Number string `json:"number"`
	Lang   string `json:"lang"`
	Status string `json:"status"`
	Level  string `json:"level"`
	Region string `json:"region"`
	// As in a document's own JSON.
	Division *divisionAPI `json:"division,omitempty"`
	Sections int          `json:"sections"`
	URL      string       `json:"url"`
	JSON     string       `json:"json"`
	// As in a document's own JSON, and left out where it has none.
	Supersedes   []string `json:"supersedes,omitempty"`
	SupersededBy string   `json:"supersededBy,omitempty"`
	Draft        bool     `json:"draft,omitempty"`
	Effective    string   `json:"effective,omitempty"`
	Expires      string   `json:"expires,omitempty"`
}

func (s *Site) docsJSON(w *bytes.Buffer) error {
	out := docsAPI{Documents: make([]docSummary, len(s.docs))}
	for i, d := range s.docs {
		out.Documents[i] = docSummary{ID: d.ID, Title: d.Title, Issuer: d.Issuer, Date: d.Date, Number: d.Number,
			Lang: d.Lang, Status: d.Status, Level: d.Level, Region: d.Region, Division: divisionOf(d.Region), Sections: len(d.Sections),
			URL: s.siteURL(docPath(d.ID)), JSON: s.siteURL(docAPIPath(d.ID)), Supersedes: d.Supersedes, Draft: d.Draft,
			Effective: d.Effective, Expires: d.Expires}
		if n := s.newerOf(d); n != nil {
			out.Documents[i].SupersededBy = n.ID
		}
	}
	return encodeJSON(w, out)
}

// docsScript is /api/docs.js, the same list for the home page's filter
// as a script: a page opened from disk may load a script but not read
// a JSON file. Each document is a row of the columns the table shows,
// in the order docsScriptFields names, with its title and issuer in
// 简体 when they are written otherwise, so that a 简体 word finds them,
// and the places where it names other documents, [id, place, path from
// the site's root], which the comparison the chooser draws gives as a
// pair page does; "levels" names the levels as the table does. The
// chooser's comparison shows the rest of a row too.
func (s *Site) docsScript(w *bytes.Buffer) error {
	rows := make([][]any, len(s.docs))
	for i, d := range s.docs {
		text := d.Title + " " + d.Issuer + " " + d.Number
		folded := hanconv.Simplify(text)
		if folded == text {
			folded = ""
		}
		names := make([][3]string, len(d.names))
		for k, m := range d.names {
			p := s.namedPlace(m)
			names[k] = [3]string{m.to, p.Label, p.Path}
		}
		newer := ""
		if n := s.newerOf(d); n != nil {
			newer = n.ID
		}
		rows[i] = []any{d.ID, d.Title, d.Issuer, d.Date, d.Number, d.Lang, d.Level, d.Status, len(d.Sections), folded, names, newer, d.Draft}
		if d.Effective != "" || d.Expires != "" || d.Region != "" {
			// The term's columns, then the region, end the row of a
			// document that has them; others' rows stop short of them.
			rows[i] = append(rows[i], d.Effective, d.Expires)
		}
		if d.Region != "" {
			rows[i] = append(rows[i], d.Region)
		}
	}
	levels := map[string]string{}
	for _, l := range levelsInOrder {
		levels[l] = levelName(l)
	}
	w.WriteString("window.TIAOWEN_DOCS=")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(map[string]any{"fields": docsScriptFields, "docs": rows, "levels": levels})
}

// docsScriptFields names the columns of /api/docs.js's rows.
var docsScriptFields = []string{"id", "title", "issuer", "date", "number", "lang", "level", "status", "sections", "folded", "names", "newer", "draft", "effective", "expires", "region"}

// compareAPI is /api/compare.json: every pair of documents the site
// compares, in the chooser's order, with how many sections it pairs, the
// share of each document's text that the two share (in code points of
// its sections' text, as the alignment's passages count them), and where
// its page and its alignment are.
type compareAPI struct {
	Pairs []pairSummary `json:"pairs"`
}

type pairSummary struct {
	A       string  `json:"a"`
	B       string  `json:"b"`
	Matched int     `json:"matched"`
	SharedA float64 `json:"sharedA"`
	SharedB float64 `json:"sharedB"`
	URL     string  `json:"url"`
	JSON    string  `json:"json"`
}

func (s *Site) compareIndexJSON(w *bytes.Buffer) error {
	out := compareAPI{Pairs: make([]pairSummary, len(s.pairs))}
	for i, p := range s.pairs {
		st := s.pairStats[i]
		out.Pairs[i] = pairSummary{A: p.a.ID, B: p.b.ID, Matched: st.Matched,
			SharedA: math.Round(st.Shared[0]*1e4) / 1e4, SharedB: math.Round(st.Shared[1]*1e4) / 1e4,
			URL: s.siteURL(comparePath(p.a.ID, p.b.ID)), JSON: s.siteURL(compareAPIPath(p.a.ID, p.b.ID))}
	}
	return encodeJSON(w, out)
}
