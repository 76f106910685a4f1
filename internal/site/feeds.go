package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
)

// feed writes /feed.xml: an Atom feed with an entry per document, newest
// first. Times come from the documents' dates, never from the clock, so
// that builds are reproducible.
func (s *Site) feed(w *bytes.Buffer) error {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type entry struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Link    link   `xml:"link"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
		Author  *struct {
			Name string `xml:"name"`
		} `xml:"author,omitempty"`
	}
	type feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Links   []link   `xml:"link"`
		Updated string   `xml:"updated"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Entries []entry `xml:"entry"`
	}
	f := feed{Title: s.cfg.Title, ID: s.feedID(""), Updated: "2000-01-01T00:00:00Z"}
	f.Author.Name = s.cfg.Title
	if s.cfg.BaseURL != "" {
		f.Links = []link{{Href: s.cfg.BaseURL}, {Href: s.cfg.BaseURL + "feed.xml", Rel: "self"}}
	}
	for _, d := range sortedDocsByDate(s.docs) {
		updated := "2000-01-01T00:00:00Z"
		if d.Date != "" {
			updated = d.Date + "T00:00:00Z"
		}
		if updated > f.Updated {
			f.Updated = updated
		}
		e := entry{Title: d.Title, ID: s.feedID(d.ID), Link: link{Href: s.siteURL(docPath(d.ID))}, Updated: updated, Summary: docDescription(d)}
		if d.Issuer != "" {
			e.Author = &struct {
				Name string `xml:"name"`
			}{d.Issuer}
		}
		f.Entries = append(f.Entries, e)
	}
	w.WriteString(xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	return enc.Encode(f)
}

// feedID is a permanent id for the feed or one of its entries: the page's
// URL, or a tag URI built from the site name without a base URL.
func (s *Site) feedID(docID string) string {
	if s.cfg.BaseURL != "" {
		if docID == "" {
			return s.cfg.BaseURL
		}
		return s.cfg.BaseURL + docPath(docID)
	}
	if docID == "" {
		return "urn:tiaowen:" + s.cfg.Name
	}
	return "urn:tiaowen:" + s.cfg.Name + ":" + docID
}

// sitemap writes /sitemap.xml with every page, when the site has a base URL.
func (s *Site) sitemap(w *bytes.Buffer) error {
	type u struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []u      `xml:"url"`
	}
	set := urlset{URLs: []u{{Loc: s.cfg.BaseURL}, {Loc: s.cfg.BaseURL + themesPath}}}
	for _, d := range s.docs {
		set.URLs = append(set.URLs, u{s.cfg.BaseURL + docPath(d.ID), d.Date})
		for _, sec := range d.Sections {
			set.URLs = append(set.URLs, u{s.cfg.BaseURL + sectionPath(d.ID, sec.EID), d.Date})
		}
	}
	for _, t := range s.themes.Themes {
		set.URLs = append(set.URLs, u{Loc: s.cfg.BaseURL + themePath(t.ID)})
	}
	for _, p := range s.pages {
		set.URLs = append(set.URLs, u{Loc: s.cfg.BaseURL + p.Slug + "/"})
	}
	w.WriteString(xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	return enc.Encode(set)
}

func (s *Site) robots(w *bytes.Buffer) error {
	w.WriteString("User-agent: *\nAllow: /\n")
	if s.cfg.BaseURL != "" {
		fmt.Fprintf(w, "Sitemap: %ssitemap.xml\n", s.cfg.BaseURL)
	}
	return nil
}
