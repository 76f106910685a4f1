package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
)

// feed writes /feed.xml: an Atom feed with an entry for each of the
// newest documents, feedLimit of them, newest first. Times come from the
// documents' dates, never from the clock, so that builds are
// reproducible.
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
	docs := sortedDocsByDate(s.docs)
	if n := s.cfg.FeedLimit; n >= 0 && n < len(docs) {
		docs = docs[:n]
	}
	for _, d := range docs {
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

// A sitemap file may list at most 50,000 URLs in at most 50 MiB
// (sitemaps.org; search engines ignore a larger file). A site with more
// pages is listed in several files, sitemap-1.xml, sitemap-2.xml, …, and
// /sitemap.xml, the address robots.txt gives, becomes the sitemap index
// that names them. Variables so that tests can split a small site.
var (
	sitemapMaxURLs  = 50000
	sitemapMaxBytes = 50 << 20
)

const (
	sitemapNS      = "http://www.sitemaps.org/schemas/sitemap/0.9"
	sitemapPartFmt = "sitemap-%d.xml"
)

// sitemapURL is one page in the sitemap.
type sitemapURL struct {
	loc, lastMod string
}

// sitemapURLs lists every page the sitemap names, in the site's order.
func (s *Site) sitemapURLs() []sitemapURL {
	urls := []sitemapURL{{loc: s.cfg.BaseURL}, {loc: s.cfg.BaseURL + themesPath}}
	for _, d := range s.docs {
		urls = append(urls, sitemapURL{s.cfg.BaseURL + docPath(d.ID), d.Date})
		for _, sec := range d.Sections {
			urls = append(urls, sitemapURL{s.cfg.BaseURL + sectionPath(d.ID, sec.EID), d.Date})
		}
	}
	for _, t := range s.themes.Themes {
		urls = append(urls, sitemapURL{loc: s.cfg.BaseURL + themePath(t.ID)})
	}
	for _, p := range s.pages {
		urls = append(urls, sitemapURL{loc: s.cfg.BaseURL + p.Slug + "/"})
	}
	// The comparisons are pages of their own, found nowhere else: a pair
	// changes when either document does.
	urls = append(urls, sitemapURL{loc: s.cfg.BaseURL + "compare/"})
	for _, p := range s.pairs {
		urls = append(urls, sitemapURL{s.cfg.BaseURL + comparePath(p.a.ID, p.b.ID), max(p.a.Date, p.b.Date)})
	}
	return urls
}

// sitemapParts splits urls into the files that list them: one when they
// fit in one, else as few as the limits allow, each filled in order.
func sitemapParts(urls []sitemapURL) [][]sitemapURL {
	var (
		parts [][]sitemapURL
		start int
		size  = len(xml.Header) + len(urlsetOpen) + len(urlsetClose)
		entry bytes.Buffer
	)
	for i, u := range urls {
		entry.Reset()
		writeSitemapURL(&entry, u)
		if i > start && (i-start >= sitemapMaxURLs || size+entry.Len() > sitemapMaxBytes) {
			parts = append(parts, urls[start:i])
			start, size = i, len(xml.Header)+len(urlsetOpen)+len(urlsetClose)
		}
		size += entry.Len()
	}
	return append(parts, urls[start:])
}

const (
	urlsetOpen  = `<urlset xmlns="` + sitemapNS + `">`
	urlsetClose = "\n</urlset>"
)

// writeSitemapURL writes one <url> element, indented as in the file.
func writeSitemapURL(w *bytes.Buffer, u sitemapURL) {
	w.WriteString("\n <url>\n  <loc>")
	xml.EscapeText(w, []byte(u.loc))
	w.WriteString("</loc>")
	if u.lastMod != "" {
		w.WriteString("\n  <lastmod>")
		xml.EscapeText(w, []byte(u.lastMod))
		w.WriteString("</lastmod>")
	}
	w.WriteString("\n </url>")
}

// writeURLSet writes a sitemap file listing urls.
func writeURLSet(w *bytes.Buffer, urls []sitemapURL) {
	w.WriteString(xml.Header)
	w.WriteString(urlsetOpen)
	for _, u := range urls {
		writeSitemapURL(w, u)
	}
	w.WriteString(urlsetClose)
}

// sitemapFile is one file of the sitemap and what writes it.
type sitemapFile struct {
	name string
	run  func(w *bytes.Buffer) error
}

// sitemapFiles lists the files of the sitemap, the URLs split once for
// them all: sitemap.xml with every page when they fit in one file, else
// sitemap.xml as the index of sitemap-1.xml, … that list them.
func (s *Site) sitemapFiles() []sitemapFile {
	parts := sitemapParts(s.sitemapURLs())
	if len(parts) == 1 {
		return []sitemapFile{{"sitemap.xml", func(w *bytes.Buffer) error {
			writeURLSet(w, parts[0])
			return nil
		}}}
	}
	files := []sitemapFile{{"sitemap.xml", func(w *bytes.Buffer) error {
		w.WriteString(xml.Header)
		w.WriteString(`<sitemapindex xmlns="` + sitemapNS + `">`)
		for i := range parts {
			w.WriteString("\n <sitemap>\n  <loc>")
			xml.EscapeText(w, []byte(s.cfg.BaseURL+fmt.Sprintf(sitemapPartFmt, i+1)))
			w.WriteString("</loc>\n </sitemap>")
		}
		w.WriteString("\n</sitemapindex>")
		return nil
	}}}
	for i, part := range parts {
		files = append(files, sitemapFile{fmt.Sprintf(sitemapPartFmt, i+1), func(w *bytes.Buffer) error {
			writeURLSet(w, part)
			return nil
		}})
	}
	return files
}

// sitemapPartNumber reads n from the name sitemap-<n>.xml, as written.
func sitemapPartNumber(name string) (int, bool) {
	n, ok := numberIn(name, "sitemap-", ".xml")
	return n, ok && n >= 1
}

func (s *Site) robots(w *bytes.Buffer) error {
	w.WriteString("User-agent: *\nAllow: /\n")
	if s.cfg.BaseURL != "" {
		fmt.Fprintf(w, "Sitemap: %ssitemap.xml\n", s.cfg.BaseURL)
	}
	return nil
}
