package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// parsedSitemap is what a sitemap file holds: a urlset or a sitemapindex.
type parsedSitemap struct {
	XMLName xml.Name
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"url"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

func parseSitemap(t *testing.T, name string, data []byte) parsedSitemap {
	t.Helper()
	var f parsedSitemap
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if f.XMLName.Space != sitemapNS {
		t.Fatalf("%s: namespace %q, want %q", name, f.XMLName.Space, sitemapNS)
	}
	return f
}

// locs lists a urlset's pages, with their dates.
func (f parsedSitemap) locs() []string {
	var out []string
	for _, u := range f.URLs {
		out = append(out, u.Loc+" "+u.LastMod)
	}
	return out
}

// TestSitemapSplits lowers the limits of one sitemap file so that the
// seed site needs several: /sitemap.xml must then be an index naming
// every part by its absolute URL, each part must keep to the limits, and
// the parts together must list the same pages in the same order as the
// one file does with the real limits. The dev server's site in memory
// must make the same files.
func TestSitemapSplits(t *testing.T) {
	project := seedProject(t)
	whole := buildFiles(t, project)
	one := parseSitemap(t, "sitemap.xml", whole["sitemap.xml"])
	if one.XMLName.Local != "urlset" || len(one.URLs) < 100 {
		t.Fatalf("with the real limits sitemap.xml is a %s of %d URLs; want one urlset of every page", one.XMLName.Local, len(one.URLs))
	}
	if _, ok := whole["sitemap-1.xml"]; ok {
		t.Fatalf("a site that fits in one sitemap has sitemap-1.xml")
	}
	base := strings.TrimSuffix(one.URLs[0].Loc, "/") + "/"

	for _, limits := range []struct{ urls, bytes int }{
		{urls: 40, bytes: 50 << 20},
		{urls: 50000, bytes: 4000},
		{urls: 1, bytes: 50 << 20},
	} {
		t.Run(fmt.Sprintf("urls=%d,bytes=%d", limits.urls, limits.bytes), func(t *testing.T) {
			defer func(u, b int) { sitemapMaxURLs, sitemapMaxBytes = u, b }(sitemapMaxURLs, sitemapMaxBytes)
			sitemapMaxURLs, sitemapMaxBytes = limits.urls, limits.bytes

			files := buildFiles(t, project)
			index := parseSitemap(t, "sitemap.xml", files["sitemap.xml"])
			if index.XMLName.Local != "sitemapindex" || len(index.URLs) != 0 {
				t.Fatalf("sitemap.xml is a %s with %d URLs; want a sitemapindex", index.XMLName.Local, len(index.URLs))
			}
			var names, all []string
			for i, sm := range index.Sitemaps {
				name := fmt.Sprintf("sitemap-%d.xml", i+1)
				if sm.Loc != base+name {
					t.Errorf("index entry %d is %q, want %q", i, sm.Loc, base+name)
				}
				data, ok := files[name]
				if !ok {
					t.Fatalf("the index names %s, which the build does not write", name)
				}
				part := parseSitemap(t, name, data)
				if part.XMLName.Local != "urlset" {
					t.Errorf("%s is a %s, want a urlset", name, part.XMLName.Local)
				}
				if len(part.URLs) == 0 || len(part.URLs) > limits.urls || len(data) > limits.bytes {
					t.Errorf("%s: %d URLs in %d bytes; want 1 to %d URLs in at most %d bytes",
						name, len(part.URLs), len(data), limits.urls, limits.bytes)
				}
				names = append(names, name)
				all = append(all, part.locs()...)
			}
			if want := (len(one.URLs) + limits.urls - 1) / limits.urls; limits.urls < len(one.URLs) && len(names) != want {
				t.Errorf("%d parts, want %d: each but the last should be full", len(names), want)
			}
			if len(names) < 2 {
				t.Fatalf("%d parts; the limits should need several", len(names))
			}
			if !slices.Equal(all, one.locs()) {
				t.Errorf("the parts list %d pages, the one sitemap %d; they differ", len(all), len(one.URLs))
			}
			if extra := fmt.Sprintf("sitemap-%d.xml", len(names)+1); files[extra] != nil {
				t.Errorf("the build writes %s, which the index does not name", extra)
			}

			m := newMemory(t, project)
			got := getAll(t, m, append([]string{"sitemap.xml"}, names...))
			compareFiles(t, got, files, func(name string) bool { return !strings.HasPrefix(name, "sitemap") })
			for _, name := range []string{fmt.Sprintf("sitemap-%d.xml", len(names)+1), "sitemap-0.xml", "sitemap-01.xml", "sitemap-.xml", "sitemap-1.xml.gz"} {
				if _, ok, _ := m.Get(name); ok {
					t.Errorf("the dev server serves %s", name)
				}
			}
		})
	}
}

// TestSitemapListsEveryPage builds the seed site, its home page and
// themes paged two documents at a time and one document with an old id
// among its aliases, and holds the sitemap to the
// pages the build writes: every page is listed once, but the later pages
// of a paged list (as Hugo leaves them out), the search page, which
// shows nothing until asked, redirects and the 404 page; and nothing
// else is.
func TestSitemapListsEveryPage(t *testing.T) {
	project := seedProject(t)
	withSetting(t, project, "paginate: 2")
	doc := filepath.Join(project, "content", "docs", "guangzhou-2023-fangan.md")
	src, err := os.ReadFile(doc)
	if err != nil || !bytes.Contains(src, []byte("aliases: []")) {
		t.Fatalf("%s: %v, or no empty aliases to fill", doc, err)
	}
	if err := os.WriteFile(doc, bytes.Replace(src, []byte("aliases: []"), []byte("aliases: [guangzhou-fangan-old]"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	files := buildFiles(t, project)
	if files["docs/guangzhou-fangan-old/index.html"] == nil {
		t.Fatal("the alias makes no redirect page")
	}
	sm := parseSitemap(t, "sitemap.xml", files["sitemap.xml"])
	base := sm.URLs[0].Loc
	listed := map[string]int{}
	for _, u := range sm.URLs {
		listed[strings.TrimPrefix(u.Loc, base)]++
	}
	later := regexp.MustCompile(`(^|/)page/\d+/$`)
	want := map[string]bool{}
	for name := range files {
		dir, ok := strings.CutSuffix(name, "index.html")
		// Redirects of old addresses say noindex and are left out.
		if !ok || later.MatchString(dir) || dir == "search/" || strings.Contains(string(files[name]), `name="robots" content="noindex"`) {
			continue
		}
		want[dir] = true
	}
	for dir := range want {
		if listed[dir] != 1 {
			t.Errorf("the sitemap lists /%s %d times, want once", dir, listed[dir])
		}
	}
	for dir := range listed {
		if !want[dir] {
			t.Errorf("the sitemap lists /%s, which the build does not write as a page to list", dir)
		}
	}
	if !want["compare/guangdong-2023-gangyao--guangzhou-2023-fangan/"] {
		t.Fatal("the build writes no pair page to look for")
	}
	// A pair is as new as its newer document: with the undated Guangzhou
	// plan, its date is not known (not the 2017 of 陆河's opinion).
	for _, u := range sm.URLs {
		dir := strings.TrimPrefix(u.Loc, base)
		undated := strings.Contains(dir, "guangzhou-2023-fangan")
		if strings.HasPrefix(dir, "compare/") && dir != "compare/" && (u.LastMod == "") != undated {
			t.Errorf("the sitemap gives /%s the date %q", dir, u.LastMod)
		}
	}
}
