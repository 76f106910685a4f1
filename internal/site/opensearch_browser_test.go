package site_test

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
)

// TestBrowserOpenSearch: the site describes its search for browsers
// (OpenSearch 1.1), so that a reader can search it from the address
// bar: the pages a reader searches from, the home page and the search
// page, name /opensearch.xml in their heads (not every page: a line on
// each of a big site's pages is megabytes); the description
// has a short name of 16 characters at most and a template under the
// site's address which, filled in with 首负责任制 and opened on the site
// served, answers that query (the four sections that use it). A site
// without baseURL cannot say where its search is, and has neither.
func TestBrowserOpenSearch(t *testing.T) {
	s := seedSite(t)
	data, err := os.ReadFile(filepath.Join(s.web, "opensearch.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		XMLName   xml.Name `xml:"http://a9.com/-/spec/opensearch/1.1/ OpenSearchDescription"`
		ShortName string
		URL       struct {
			Type     string `xml:"type,attr"`
			Template string `xml:"template,attr"`
		} `xml:"Url"`
	}
	if err := xml.Unmarshal(data, &d); err != nil {
		t.Fatalf("opensearch.xml: %v", err)
	}
	if n := utf8.RuneCountInString(d.ShortName); n == 0 || n > 16 {
		t.Errorf("opensearch.xml: the short name %q has %d characters, want 1 to 16", d.ShortName, n)
	}
	path, ok := strings.CutPrefix(d.URL.Template, s.cfg.BaseURL)
	if !ok || d.URL.Type != "text/html" || !strings.Contains(path, "{searchTerms}") {
		t.Fatalf("opensearch.xml: the template is %s (%s), want an HTML page under %s taking {searchTerms}", d.URL.Template, d.URL.Type, s.cfg.BaseURL)
	}
	for page, want := range map[string]bool{"index.html": true, "search/index.html": true, "docs/" + gdID + "/s1/index.html": false, "compare/index.html": false} {
		html, err := os.ReadFile(filepath.Join(s.web, page))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(html), `<link rel="search" type="application/opensearchdescription+xml" title="`+s.cfg.Title+`" href="`); got != want {
			t.Errorf("%s names the OpenSearch description: %v, want %v", page, got, want)
		}
	}

	ctx, base := startOn(t, s, "http")
	searchDo(t, ctx, "open the template filled in", chromedp.Navigate(base+strings.ReplaceAll(path, "{searchTerms}", "%E9%A6%96%E8%B4%9F%E8%B4%A3%E4%BB%BB%E5%88%B6")))
	searchWait(t, ctx, "首负责任制")
	if hits := searchHits(t, ctx); len(hits) != 4 {
		t.Errorf("the template filled in with 首负责任制 finds %d sections, want the 4 that use it", len(hits))
	}

	yaml, err := os.ReadFile(filepath.Join("..", "..", "content", "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, line := range strings.Split(string(yaml), "\n") {
		if !strings.HasPrefix(line, "baseURL:") {
			kept = append(kept, line)
		}
	}
	local, err := buildSite(t.TempDir(), map[string]string{"site.yaml": strings.Join(kept, "\n")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(local.web, "opensearch.xml")); err == nil {
		t.Error("a site without baseURL has an opensearch.xml")
	}
	if html, _ := os.ReadFile(filepath.Join(local.web, "index.html")); strings.Contains(string(html), "opensearch") {
		t.Error("a site without baseURL names an OpenSearch description")
	}
}
