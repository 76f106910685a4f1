package site

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// TestPagesDescribed: every page of the seed site that a search engine
// may list says what it is in a meta description, the snippet shown
// under its link in results; only the 404 page, which is listed
// nowhere, goes without.
func TestPagesDescribed(t *testing.T) {
	files := buildFiles(t, seedProject(t))
	description := regexp.MustCompile(`<meta name="description" content="([^"]+)">`)
	pages := 0
	for _, name := range sortedNames(files) {
		if !strings.HasSuffix(name, ".html") || name == "404.html" {
			continue
		}
		pages++
		if !description.Match(files[name]) {
			t.Errorf("%s has no description", name)
		}
	}
	if pages < 200 {
		t.Fatalf("%d pages read, want the seed site's every page", pages)
	}
	// A section's title on a line of its own is not run into its text;
	// one that leads its paragraph is read with it.
	for name, want := range map[string]string{
		"docs/guangdong-2020-shishi/p1/index.html":       "以习近平新时代",
		"docs/guangzhou-2023-fangan/p2-s6-i2/index.html": "增强中小微企业质量发展能力。支持",
	} {
		if m := description.FindSubmatch(files[name]); m == nil || !strings.HasPrefix(string(m[1]), want) {
			t.Errorf("%s: description %q, want it to begin %q", name, m, want)
		}
	}
	m := description.FindSubmatch(files["search/index.html"])
	if want := "在本站 5 份文件中检索全文"; m == nil || !strings.HasPrefix(string(m[1]), want) {
		t.Errorf("the search page's description is %q, want it to begin %q", m, want)
	}
}

// TestWebsiteLD: the home page describes the site as a WebSite whose
// search a search engine may offer, at the address opensearch.xml gives;
// a site without a base URL, whose addresses lead nowhere from outside,
// has none.
func TestWebsiteLD(t *testing.T) {
	files := buildFiles(t, seedProject(t))
	m := regexp.MustCompile(`<script type="application/ld\+json">([^<]*)</script>`).FindSubmatch(files["index.html"])
	if m == nil {
		t.Fatal("the home page has no JSON-LD")
	}
	var ld struct {
		Type   string `json:"@type"`
		Name   string `json:"name"`
		URL    string `json:"url"`
		Action struct {
			Type   string `json:"@type"`
			Target string `json:"target"`
			Query  string `json:"query-input"`
		} `json:"potentialAction"`
	}
	if err := json.Unmarshal(m[1], &ld); err != nil {
		t.Fatalf("%v: %s", err, m[1])
	}
	template := strings.Replace(ld.Action.Target, "{search_term_string}", "{searchTerms}", 1)
	if ld.Type != "WebSite" || ld.Name != "质量强省政策文库" || ld.URL != "https://tiaowen.example.org/" || ld.Action.Type != "SearchAction" ||
		ld.Action.Query != "required name=search_term_string" || !strings.Contains(string(files["opensearch.xml"]), `template="`+template+`"`) {
		t.Errorf("the home page's JSON-LD: %s", m[1])
	}
	if got := websiteLD(Config{Title: "甲", Language: "zh-Hans"}); got != "" {
		t.Errorf("without a base URL: %s", got)
	}
}
