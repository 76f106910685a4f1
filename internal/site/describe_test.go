package site

import (
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
