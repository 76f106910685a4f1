package site

import (
	"bytes"
	"html/template"
	"path"
	"strings"
	"unicode/utf8"

	"tiaowen/internal/bibliography"
	"tiaowen/internal/corpus"
	"tiaowen/internal/regions"
)

// citation is what the citation box of a document's page or a section's
// offers.
type citation struct {
	Permalink string // the canonical URL, or the page path without a base URL
	Short     string // 《广州市质量强市建设实施方案》二、（八）2.
	GBT       string // GB/T 7714-2015 reference without its access date
	// RIS and BibTeX are the document's bibliographic records, linked
	// from the page: a section is cited as a place in its document.
	RIS, BibTeX string
}

// cite builds a section's citations. The GB/T 7714-2015 form is
//
//	责任者. 题名[EB/OL]. (发布日期)[引用日期]. 获取路径.
//
// The access date is the reader's: pages show a placeholder that the
// copy button fills with the day of copying, since a build must not
// depend on the day it runs.
func cite(cfg Config, root string, d *corpus.Document, s *corpus.Section) citation {
	c := docCite(cfg, root, d)
	c.Permalink = absURL(cfg.BaseURL, sectionPath(d.ID, s.EID))
	if c.Permalink == "" {
		c.Permalink = "/" + sectionPath(d.ID, s.EID)
	}
	c.Short = "《" + citedTitle(d) + "》" + s.Citation()
	c.GBT = gbt(d, s.Citation())
	return c
}

// docCite builds a document's citations, for a page at root. Its short
// form names the document as official writing does, by title and
// number: 《关于加快推进质量强省建设的实施方案》（粤府〔2020〕50号）. Its
// GB/T 7714 form gives the number where a section's gives the section,
// as other title information.
func docCite(cfg Config, root string, d *corpus.Document) citation {
	link := absURL(cfg.BaseURL, docPath(d.ID))
	if link == "" {
		link = "/" + docPath(d.ID)
	}
	short := "《" + citedTitle(d) + "》"
	if d.Number != "" {
		short += "（" + d.Number + "）"
	}
	return citation{Permalink: link, Short: short, GBT: gbt(d, d.Number),
		RIS: root + docRISPath(d.ID), BibTeX: root + docBibTeXPath(d.ID)}
}

// isDraft reports whether d's status names a draft, a text not adopted:
// 征求意见稿, 送审稿, 讨论稿, 草案 (not 试行, which is in force).
func isDraft(d *corpus.Document) bool {
	return strings.Contains(d.Status, "稿") || strings.Contains(d.Status, "草案")
}

// unofficial returns d's status when it is not the final text (征求意见稿,
// 送审稿, 试行 …), and "" for 正式 or none.
func unofficial(d *corpus.Document) string {
	if d.Status == "正式" {
		return ""
	}
	return d.Status
}

// citedTitle is d's title as a citation gives it: with its status in
// full-width parentheses when it is not the final text and the title does
// not say so already, as official writing names a draft
// (《广州市质量强市建设实施方案（征求意见稿）》) — a passage quoted from a draft
// must not read as the adopted plan's.
func citedTitle(d *corpus.Document) string {
	st := unofficial(d)
	if st == "" || strings.Contains(d.Title, st) {
		return d.Title
	}
	return d.Title + "（" + st + "）"
}

// gbt returns the GB/T 7714-2015 reference of d up to its date, with
// other title information after the title when there is some.
func gbt(d *corpus.Document, other string) string {
	var b strings.Builder
	if d.Issuer != "" {
		b.WriteString(strings.Join(strings.Fields(d.Issuer), ", "))
		b.WriteString(". ")
	}
	b.WriteString(citedTitle(d))
	if other != "" {
		b.WriteString(": ")
		b.WriteString(other)
	}
	b.WriteString("[EB/OL]. ")
	if d.Date != "" {
		b.WriteString("(" + d.Date + ")")
	}
	return b.String()
}

// record returns d as a reference manager holds it, titled as the pages
// cite it: a reference style prints the title, seldom the kind, so a
// draft's status is in both. Its URL is left out
// when the site has no base URL: a path alone leads nowhere from a
// reader's library.
func record(cfg Config, d *corpus.Document) bibliography.Record {
	kind := "政策文件"
	if st := unofficial(d); st != "" {
		kind += "（" + st + "）"
	}
	return bibliography.Record{Key: d.ID, Title: citedTitle(d), Authors: strings.Fields(d.Issuer), Date: d.Date,
		Kind: kind, Number: d.Number, Place: d.Region, Language: d.Lang,
		URL: absURL(cfg.BaseURL, docPath(d.ID)), Archive: cfg.Title}
}

// metaTag is a <meta name content> of a page's head.
type metaTag struct{ Name, Content string }

// highwire returns a document's Highwire Press tags, which Google Scholar
// and reference managers' browser extensions (Zotero's among them) read
// from a page: a report of its issuing bodies, with its number, date,
// language and address. A document without an issuer has none: with a
// title alone, a reader of the tags takes the page for a journal
// article.
func highwire(cfg Config, d *corpus.Document) []metaTag {
	issuers := strings.Fields(d.Issuer)
	if len(issuers) == 0 {
		return nil
	}
	tags := []metaTag{{"citation_title", citedTitle(d)}}
	for _, a := range issuers {
		tags = append(tags, metaTag{"citation_author", a})
	}
	add := func(name, content string) {
		if content != "" {
			tags = append(tags, metaTag{name, content})
		}
	}
	add("citation_publication_date", strings.ReplaceAll(d.Date, "-", "/"))
	add("citation_technical_report_institution", strings.Join(issuers, "、"))
	add("citation_technical_report_number", d.Number)
	add("citation_language", d.Lang)
	add("citation_public_url", absURL(cfg.BaseURL, docPath(d.ID)))
	// The official PDF, which Google Scholar indexes as the full text.
	if strings.EqualFold(path.Ext(d.Original), ".pdf") {
		add("citation_pdf_url", absURL(cfg.BaseURL, originalPath(d)))
	}
	return tags
}

// writeRecords writes the records of docs in a format: a document's
// own file, or every document's in corpus order.
func (s *Site) writeRecords(w *bytes.Buffer, format func([]byte, bibliography.Record) []byte, docs ...*docInfo) error {
	for _, d := range docs {
		w.Write(format(w.AvailableBuffer(), record(s.cfg, d.Document)))
	}
	return nil
}

// jsonLD returns schema.org Legislation data for a document, or for one
// of its sections as part of it: the object
//
//	{"@context", "@type": "Legislation", "name", "url",
//	 "legislationIdentifier", "legislationDate", "legislationPassedBy",
//	 "inLanguage", "legislationJurisdiction", "creativeWorkStatus",
//	 "isPartOf", "description",
//	 "citation", "legislationChanges", "legislationDateOfApplicability",
//	 "expires", "isBasedOn", "encoding"}
//
// where citation lists the documents of the corpus that the document, or
// the section with those under it, names (package refs), and
// legislationChanges those a document supersedes (schema.org's change
// "encompasses ... replacement"; a section changes nothing), each as
// {"@type": "Legislation", "name", "url"}, the status of a document
// that is not the final text (征求意见稿), a document's term, the
// front matter's effective and expires, the web page it was published
// on (its source, when that is an address) and its original file as a
// MediaObject; with empty fields left out,
// as encoding/json would marshal it, escaping
// <, > and & for a script element. It is written by hand because every
// section page has one, and marshalling a struct by reflection cost more
// than the rest of the page's data.
func jsonLD(cfg Config, d *corpus.Document, s *corpus.Section, cites, changes []*corpus.Document) template.JS {
	name, url, id, desc := d.Title, absURL(cfg.BaseURL, docPath(d.ID)), d.Number, ""
	if s != nil {
		name = "《" + d.Title + "》" + s.Label()
		url = absURL(cfg.BaseURL, sectionPath(d.ID, s.EID))
		id = ""
		desc = excerpt(s.Text, 120)
	}
	b := make([]byte, 0, 512+len(name)+len(desc)*2)
	b = append(b, `{"@context":"https://schema.org","@type":"Legislation","name":`...)
	b = appendJSONString(b, name)
	b = appendField(b, "url", url)
	b = appendField(b, "legislationIdentifier", id)
	// A draft was put out, not adopted: its date is when it was
	// published and its issuer its publisher, where schema.org's
	// legislationDate and legislationPassedBy would say it was passed.
	dateKey, issuerKey := "legislationDate", "legislationPassedBy"
	if isDraft(d) {
		dateKey, issuerKey = "datePublished", "publisher"
	}
	b = appendField(b, dateKey, d.Date)
	if orgs := strings.Fields(d.Issuer); len(orgs) > 0 {
		b = append(b, `,"`...)
		b = append(b, issuerKey...)
		b = append(b, `":[`...)
		for i, o := range orgs {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"@type":"Organization","name":`...)
			b = appendJSONString(b, o)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"inLanguage":`...)
	b = appendJSONString(b, d.Lang)
	b = appendJurisdiction(b, d.Region)
	// A draft's text, or a section of one, says so: a passage of a plan
	// put out for comment must not be taken for the adopted plan's.
	b = appendField(b, "creativeWorkStatus", unofficial(d))
	if s != nil {
		b = append(b, `,"isPartOf":{"@type":"Legislation","name":`...)
		b = appendJSONString(b, d.Title)
		b = appendField(b, "url", absURL(cfg.BaseURL, docPath(d.ID)))
		b = append(b, '}')
	}
	b = appendField(b, "description", desc)
	b = appendLegislations(b, cfg, "citation", cites)
	if s == nil {
		b = appendLegislations(b, cfg, "legislationChanges", changes)
		// The document's term: the day it applies from (ELI's
		// date_applicability) and the last day in force.
		b = appendField(b, "legislationDateOfApplicability", d.Effective)
		b = appendField(b, "expires", d.Expires)
		// The page it was published on, which this one reproduces.
		b = appendField(b, "isBasedOn", sourceAddress(d.Source))
		// The official file, published beside it.
		if u := absURL(cfg.BaseURL, originalPath(d)); u != "" && d.Original != "" {
			b = append(b, `,"encoding":{"@type":"MediaObject","contentUrl":`...)
			b = appendJSONString(b, u)
			b = appendField(b, "encodingFormat", originalKinds[strings.ToLower(path.Ext(d.Original))][1])
			b = append(b, '}')
		}
	}
	b = append(b, '}')
	return template.JS(b)
}

// appendLegislations appends ,"key":[…] of docs, each as {"@type":
// "Legislation", "name", "url"}, unless docs is empty.
func appendLegislations(b []byte, cfg Config, key string, docs []*corpus.Document) []byte {
	if len(docs) == 0 {
		return b
	}
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, `":[`...)
	for i, c := range docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"@type":"Legislation","name":`...)
		b = appendJSONString(b, c.Title)
		b = appendField(b, "url", absURL(cfg.BaseURL, docPath(c.ID)))
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendField appends ,"key":value for a value that is not empty.
// appendJurisdiction appends a document's region as its
// legislationJurisdiction: when it is one of China's administrative
// divisions, an AdministrativeArea with its GB/T 2260 code, inside those
// it lies in, so that a machine reading the page knows 陆河县 for
// Guangdong's; else its name.
func appendJurisdiction(b []byte, region string) []byte {
	path := regions.Find(region)
	if path == nil {
		return appendField(b, "legislationJurisdiction", region)
	}
	b = append(b, `,"legislationJurisdiction":`...)
	for i := len(path) - 1; i >= 0; i-- {
		name := path[i].Name
		if i == len(path)-1 {
			name = region // as the document writes it
		}
		b = append(b, `{"@type":"AdministrativeArea","name":`...)
		b = appendJSONString(b, name)
		b = append(b, `,"identifier":`...)
		b = appendJSONString(b, path[i].Code)
		if i > 0 {
			b = append(b, `,"containedInPlace":`...)
		}
	}
	for range path {
		b = append(b, '}')
	}
	return b
}

func appendField(b []byte, key, value string) []byte {
	if value == "" {
		return b
	}
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return appendJSONString(b, value)
}

// appendJSONString appends s as a JSON string exactly as encoding/json
// writes it with HTML escaping on: <, > and & as \u003c, \u003e and
// \u0026, control characters escaped, U+2028 and U+2029 escaped for
// JavaScript, and each byte of invalid UTF-8 as \ufffd.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
