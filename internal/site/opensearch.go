package site

import (
	"bytes"
	"encoding/xml"
	"unicode/utf8"
)

// openSearchPath is the site's OpenSearch description, which lets a
// browser add the site's search to its own, searched from the address
// bar: the pages name it in their heads. It needs the site's address, so
// a site without baseURL has none.
const openSearchPath = "opensearch.xml"

// openSearch is the description's XML, as the OpenSearch 1.1 draft
// names its parts.
type openSearch struct {
	XMLName     xml.Name `xml:"http://a9.com/-/spec/opensearch/1.1/ OpenSearchDescription"`
	ShortName   string   `xml:"ShortName"`
	Description string   `xml:"Description"`
	Encoding    string   `xml:"InputEncoding"`
	Language    string   `xml:"Language"`
	Image       openSearchImage
	URL         openSearchURL
}

type openSearchImage struct {
	XMLName xml.Name `xml:"Image"`
	Type    string   `xml:"type,attr"`
	Width   int      `xml:"width,attr"`
	Height  int      `xml:"height,attr"`
	URL     string   `xml:",chardata"`
}

type openSearchURL struct {
	XMLName  xml.Name `xml:"Url"`
	Type     string   `xml:"type,attr"`
	Method   string   `xml:"method,attr"`
	Template string   `xml:"template,attr"`
}

// openSearchShortName is the longest ShortName the draft allows, in
// characters.
const openSearchShortName = 16

func (s *Site) openSearch(w *bytes.Buffer) error {
	name := s.cfg.Title
	if utf8.RuneCountInString(name) > openSearchShortName {
		name = string([]rune(name)[:openSearchShortName])
	}
	d := openSearch{
		ShortName:   name,
		Description: "在「" + s.cfg.Title + "」的全部文件中检索",
		Encoding:    "UTF-8",
		Language:    "zh-CN",
		Image:       openSearchImage{Type: "image/svg+xml", Width: 16, Height: 16, URL: s.siteURL(staticPath + "favicon.svg")},
		URL:         openSearchURL{Type: "text/html", Method: "get", Template: s.siteURL("search/") + "?q={searchTerms}"},
	}
	w.WriteString(xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(d); err != nil {
		return err
	}
	w.WriteByte('\n')
	return nil
}
