package site

import (
	"encoding/json"
	"html/template"
	"strings"

	"tiaowen/internal/corpus"
)

// citation is what a section page's citation box offers.
type citation struct {
	Permalink string // the canonical URL, or the page path without a base URL
	Short     string // 《广州市质量强市建设实施方案》二、（八）2.
	GBT       string // GB/T 7714-2015 reference without its access date
}

// cite builds a section's citations. The GB/T 7714-2015 form is
//
//	责任者. 题名[EB/OL]. (发布日期)[引用日期]. 获取路径.
//
// The access date is the reader's: pages show a placeholder that the
// copy button fills with the day of copying, since a build must not
// depend on the day it runs.
func cite(cfg Config, d *corpus.Document, s *corpus.Section) citation {
	link := absURL(cfg.BaseURL, sectionPath(d.ID, s.EID))
	if link == "" {
		link = "/" + sectionPath(d.ID, s.EID)
	}
	short := "《" + d.Title + "》" + s.Citation()
	var b strings.Builder
	if d.Issuer != "" {
		b.WriteString(strings.Join(strings.Fields(d.Issuer), ", "))
		b.WriteString(". ")
	}
	b.WriteString(d.Title)
	b.WriteString(": ")
	b.WriteString(s.Citation())
	b.WriteString("[EB/OL]. ")
	if d.Date != "" {
		b.WriteString("(" + d.Date + ")")
	}
	return citation{Permalink: link, Short: short, GBT: b.String()}
}

// jsonLD returns schema.org Legislation data for a document, or for one
// of its sections as part of it.
func jsonLD(cfg Config, d *corpus.Document, s *corpus.Section) template.JS {
	type org struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	}
	type ref struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	type legislation struct {
		Context     string `json:"@context"`
		Type        string `json:"@type"`
		Name        string `json:"name"`
		URL         string `json:"url,omitempty"`
		Identifier  string `json:"legislationIdentifier,omitempty"`
		Date        string `json:"legislationDate,omitempty"`
		PassedBy    []org  `json:"legislationPassedBy,omitempty"`
		Language    string `json:"inLanguage"`
		Status      string `json:"legislationLegalForce,omitempty"`
		Juris       string `json:"legislationJurisdiction,omitempty"`
		IsPartOf    *ref   `json:"isPartOf,omitempty"`
		Description string `json:"description,omitempty"`
	}
	l := legislation{Context: "https://schema.org", Type: "Legislation", Name: d.Title,
		URL: absURL(cfg.BaseURL, docPath(d.ID)), Identifier: d.Number, Date: d.Date, Language: d.Lang, Juris: d.Region}
	for _, o := range strings.Fields(d.Issuer) {
		l.PassedBy = append(l.PassedBy, org{"Organization", o})
	}
	if s != nil {
		l.Name = "《" + d.Title + "》" + s.Citation() + s.Title
		l.URL = absURL(cfg.BaseURL, sectionPath(d.ID, s.EID))
		l.IsPartOf = &ref{Type: "Legislation", Name: d.Title, URL: absURL(cfg.BaseURL, docPath(d.ID))}
		l.Description = excerpt(s.Text, 120)
		l.Identifier = ""
	}
	b, _ := json.Marshal(l) // escapes <, > and & for a script element
	return template.JS(b)
}
