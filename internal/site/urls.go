package site

import (
	"net/url"
	"strings"
)

// Paths of pages, from the site root, each ending in "/": the URL
// contract of DESIGN.md. Files are the path plus "index.html", and links
// always name that file, so that the site works from file:// as it does
// on a server.

func docPath(id string) string          { return "docs/" + id + "/" }
func sectionPath(id, eid string) string { return "docs/" + id + "/" + eid + "/" }
func themePath(id string) string        { return "themes/" + id + "/" }
func themeFeedPath(id string) string    { return "themes/" + id + "/feed.xml" }
func comparePath(a, b string) string    { return "compare/" + a + "--" + b + "/" }

// Files of the API: machines' copies of the pages' data.
func docAPIPath(id string) string       { return "api/docs/" + id + ".json" }
func compareAPIPath(a, b string) string { return "api/compare/" + a + "--" + b + ".json" }

// Files of bibliographic records, for reference managers: a document's
// own, and every document's in one file.
func docRISPath(id string) string    { return "api/docs/" + id + ".ris" }
func docBibTeXPath(id string) string { return "api/docs/" + id + ".bib" }

const (
	docsAPIPath     = "api/docs.json"
	docsScriptPath  = "api/docs.js"
	docsRISPath     = "api/docs.ris"
	docsBibTeXPath  = "api/docs.bib"
	compareAPIIndex = "api/compare.json"
)

const (
	themesPath  = "themes/"
	comparePage = "compare/"
	searchPath  = "search/"
	staticPath  = "static/"
	// searchMetaPath is the search index's first file, which names the
	// rest and their version.
	searchMetaPath = searchPath + "data/meta.js"
)

// rootFor returns the relative prefix that leads from a page at path p
// back to the site root: "" for the home page, "../../" for docs/x/.
func rootFor(p string) string {
	return strings.Repeat("../", strings.Count(p, "/"))
}

// absURL joins the site's base URL and a page path; "" without a base URL.
func absURL(base, p string) string {
	if base == "" {
		return ""
	}
	return base + p
}

// basePath is the path of the site's base URL, which ends in "/": the
// root of the site on its host, "/" without a base URL.
func basePath(base string) string {
	u, err := url.Parse(base)
	if err != nil || u.Path == "" {
		return "/"
	}
	return strings.TrimSuffix(u.Path, "/") + "/"
}

// sourceAddress returns a document's source when it is a web address —
// the page the document was published on, which `tiaowen import` of an
// address or a web archive records — and "" when it is anything else (a
// file's name, a note).
func sourceAddress(source string) string {
	u, err := url.Parse(strings.TrimSpace(source))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}
