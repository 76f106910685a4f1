package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"

	"tiaowen/internal/themes"
)

// atomEntry is an entry of one of the site's Atom feeds.
type atomEntry struct {
	title, id, href, updated, summary, author string
	// lang is the document's script (zh-Hans, zh-Hant), said on the
	// entry when it is not the feed's, the site's.
	lang string
	// via is the web page the document was published on (its source,
	// when an address), as Atom's rel="via" names where an entry's
	// information came from; "" for none.
	via string
}

// feed writes /feed.xml: an Atom feed with an entry for each of the
// newest documents, feedLimit of them, newest first. Times come from the
// documents' dates, never from the clock, so that builds are
// reproducible.
func (s *Site) feed(w *bytes.Buffer) error {
	var entries []atomEntry
	for _, d := range s.newest(withoutDrafts(s.docs)) {
		summary := docDescription(d)
		if v := s.versionSummary(d); v != "" {
			summary += "。" + v
		}
		entries = append(entries, atomEntry{title: d.Label(), id: s.feedID(d.ID), href: s.siteURL(docPath(d.ID)), lang: d.Lang,
			updated: atomTime(d.Date), summary: summary, author: d.Issuer, via: sourceAddress(d.Source)})
	}
	return s.writeAtom(w, s.cfg.Title, s.feedID(""), "", "feed.xml", entries)
}

// themeFeed writes /themes/<id>/feed.xml: the newest documents that
// mention theme t, feedLimit of them, each entry leading to its passages
// on the theme's page and naming the sections they are in — for a
// reader who follows one theme, as a Hugo site has a feed for each term
// of a taxonomy.
func (s *Site) themeFeed(w *bytes.Buffer, t *themes.Theme) error {
	ti := s.themeIndex(t)
	var mention []*docInfo
	for _, d := range s.docs {
		if d.themeCounts[ti] > 0 && !d.Draft {
			mention = append(mention, d)
		}
	}
	var entries []atomEntry
	for _, d := range s.newest(mention) {
		var where []string
		for j, sec := range d.Sections {
			if len(d.passages(j, t)) > 0 {
				where = append(where, sec.Citation())
			}
		}
		if len(where) > maxFeedSections {
			where = append(where[:maxFeedSections], "……")
		}
		summary := fmt.Sprintf("%d 条提及%s：%s", d.themeCounts[ti], t.Name, strings.Join(where, "、"))
		if desc := docDescription(d); desc != "" {
			summary = desc + "。" + summary
		}
		link := s.themeDocURL("", ti, d)
		entries = append(entries, atomEntry{title: d.Label(), id: s.themeFeedID(t, d.ID), lang: d.Lang,
			href: s.siteURL(strings.Replace(link, "index.html#", "#", 1)), updated: atomTime(d.Date),
			summary: summary, author: d.Issuer, via: sourceAddress(d.Source)})
	}
	return s.writeAtom(w, t.Name+" · "+s.cfg.Title, s.themeFeedID(t, ""), themePath(t.ID), themeFeedPath(t.ID), entries)
}

// withoutDrafts are docs without the drafts a preview shows: feeds and
// the sitemap announce only what the published site will keep.
func withoutDrafts(docs []*docInfo) []*docInfo {
	out := make([]*docInfo, 0, len(docs))
	for _, d := range docs {
		if !d.Draft {
			out = append(out, d)
		}
	}
	return out
}

// maxFeedSections is how many of a document's sections a theme feed's
// entry names.
const maxFeedSections = 20

// newest is docs by date, newest first, feedLimit of them.
func (s *Site) newest(docs []*docInfo) []*docInfo {
	docs = sortedDocsByDate(docs)
	if n := s.cfg.FeedLimit; n >= 0 && n < len(docs) {
		docs = docs[:n]
	}
	return docs
}

// noTime is a feed's time before its entries are read: the Unix epoch,
// left only by a site with no dated document.
const noTime = "1970-01-01T00:00:00Z"

// atomTime is a document's date as Atom has times, or "" for an
// undated document, to which writeAtom gives its feed's newest time.
func atomTime(date string) string {
	if date == "" {
		return ""
	}
	return date + "T00:00:00Z"
}

// writeAtom writes a feed whose page is at alt and which is itself at
// self, paths from the site's root; the feed is updated when its newest
// entry is.
func (s *Site) writeAtom(w *bytes.Buffer, title, id, alt, self string, entries []atomEntry) error {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type person struct {
		Name string `xml:"name"`
	}
	type entry struct {
		Lang    string  `xml:"xml:lang,attr,omitempty"`
		Title   string  `xml:"title"`
		ID      string  `xml:"id"`
		Links   []link  `xml:"link"`
		Updated string  `xml:"updated"`
		Summary string  `xml:"summary"`
		Author  *person `xml:"author,omitempty"`
	}
	type feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Lang    string   `xml:"xml:lang,attr"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Links   []link   `xml:"link"`
		Updated string   `xml:"updated"`
		Author  person   `xml:"author"`
		Entries []entry  `xml:"entry"`
	}
	f := feed{Lang: s.cfg.Language, Title: title, ID: id, Updated: noTime, Author: person{s.cfg.Title}}
	if s.cfg.BaseURL != "" {
		f.Links = []link{{Href: s.cfg.BaseURL + alt}, {Href: s.cfg.BaseURL + self, Rel: "self"}}
	}
	for _, e := range entries {
		f.Updated = max(f.Updated, e.updated)
	}
	if f.Updated == noTime {
		// Only undated documents (a region's one draft): the newest
		// date of the site's documents.
		for _, d := range s.docs {
			f.Updated = max(f.Updated, atomTime(d.Date))
		}
	}
	for _, e := range entries {
		// Atom gives every entry a time. An undated document's is the
		// feed's newest, the latest it can have been gathered by — a
		// date readers show for it that it cannot be far from, never one
		// made up (it was 2000-01-01, shown as a 2023 draft's date); it
		// stays where the lists put it, after the dated ones.
		if e.updated == "" {
			e.updated = f.Updated
		}
		fe := entry{Title: e.title, ID: e.id, Links: []link{{Href: e.href}}, Updated: e.updated, Summary: e.summary}
		if e.lang != f.Lang {
			fe.Lang = e.lang
		}
		if e.via != "" {
			fe.Links = append(fe.Links, link{Href: e.via, Rel: "via"})
		}
		if e.author != "" {
			fe.Author = &person{e.author}
		}
		f.Entries = append(f.Entries, fe)
	}
	w.WriteString(xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	return enc.Encode(f)
}

// themeFeedID is a permanent id for theme t's feed or, with docID, for
// the document's entry in it: the theme page's URL, or a tag URI without
// a base URL.
func (s *Site) themeFeedID(t *themes.Theme, docID string) string {
	id := s.feedID("") + themePath(t.ID)
	if s.cfg.BaseURL == "" {
		id = "urn:tiaowen:" + s.cfg.Name + ":theme:" + t.ID
		if docID != "" {
			return id + ":" + docID
		}
		return id
	}
	if docID != "" {
		return id + "#doc-" + docID
	}
	return id
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
	for _, d := range withoutDrafts(s.docs) {
		urls = append(urls, sitemapURL{s.cfg.BaseURL + docPath(d.ID), d.Date})
		// The official file too: search engines index a PDF's text.
		if d.Original != "" {
			urls = append(urls, sitemapURL{s.cfg.BaseURL + originalPath(d.Document), d.Date})
		}
		for _, sec := range d.Sections {
			urls = append(urls, sitemapURL{s.cfg.BaseURL + sectionPath(d.ID, sec.EID), d.Date})
		}
	}
	for _, t := range s.themes.Themes {
		urls = append(urls, sitemapURL{loc: s.cfg.BaseURL + themePath(t.ID)})
	}
	urls = append(urls, sitemapURL{loc: s.cfg.BaseURL + regionsPath})
	for _, n := range s.regionTree().nodes() {
		if docs := withoutDrafts(n.Docs); len(docs) > 0 {
			urls = append(urls, sitemapURL{loc: s.cfg.BaseURL + regionPath(n.Division.Code)})
		}
	}
	for _, p := range s.pages {
		urls = append(urls, sitemapURL{loc: s.cfg.BaseURL + p.Slug + "/"})
	}
	// The comparisons are pages of their own, found nowhere else: a pair
	// changes when either document does, so it has no date when either
	// has none (an undated draft's pair is not as old as the other).
	urls = append(urls, sitemapURL{loc: s.cfg.BaseURL + "compare/"})
	for _, p := range s.pairs {
		if p.a.Draft || p.b.Draft {
			continue
		}
		lastMod := max(p.a.Date, p.b.Date)
		if p.a.Date == "" || p.b.Date == "" {
			lastMod = ""
		}
		urls = append(urls, sitemapURL{s.cfg.BaseURL + comparePath(p.a.ID, p.b.ID), lastMod})
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
