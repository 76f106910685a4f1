package site

import (
	"bytes"
	"encoding/json"

	"tiaowen/internal/corpus"
)

// docAPI is /api/docs/<id>.json: the parse contract of `tiaowen parse
// --json`, plus the document's metadata and each section's themes and URL.
type docAPI struct {
	corpus.DocJSON
	Issuer   string       `json:"issuer"`
	Status   string       `json:"status"`
	Level    string       `json:"level"`
	Region   string       `json:"region"`
	URL      string       `json:"url"`
	Sections []sectionAPI `json:"sections"`
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
		URL: s.siteURL(docPath(d.ID)), Sections: make([]sectionAPI, len(d.Sections))}
	out.DocJSON.Sections = nil
	for i, sec := range d.Sections {
		ids := []string{}
		for _, t := range d.secs[i].themes {
			ids = append(ids, t.ID)
		}
		out.Sections[i] = sectionAPI{SectionJSON: sec.JSON(), Themes: ids, URL: s.siteURL(sectionPath(d.ID, sec.EID))}
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
		for _, d := range s.docs {
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
