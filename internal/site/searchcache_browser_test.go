package site_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
	"tiaowen/internal/site"
)

// TestBrowserSearchAfterRebuild: a site rebuilt after a section's text
// was edited, served as a content delivery network serves it (pages asked
// for again at each visit, scripts kept for an hour), finds the new words
// at once in a browser that searched it before. The search page and its
// layout are the same after the edit; only the index changed. Its
// meta.js is named by the fingerprint of what it was built from, not by
// the page's date, which a rebuild that leaves a page as it was keeps.
func TestBrowserSearchAfterRebuild(t *testing.T) {
	root := t.TempDir()
	s, err := buildSite(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.Start(t)
	base := browsertest.ServeCaching(t, s.web)
	page := filepath.Join(s.web, "search", "index.html")
	before, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	const word, added = "产品医院", "星河质检站"
	// count is how many results the search page finds for q: 0 when it
	// says it found none.
	count := func(q string) int {
		t.Helper()
		do(t, ctx, "search for "+q, chromedp.Navigate(base+"search/index.html?q="+q))
		status := eval[string](t, ctx, `(async () => {
			const box = document.getElementById("search");
			for (let i = 0; i < 500 && box.dataset.state !== "done"; i++) await new Promise(r => setTimeout(r, 10));
			return box.dataset.state + " " + document.getElementById("search-status").textContent;
		})()`)
		var n int
		if status == "done 没有找到“"+q+"”。" {
			return 0
		}
		if _, err := fmt.Sscanf(status, "done 找到 %d 条", &n); err != nil {
			t.Fatalf("%s: the page says %q", q, status)
		}
		return n
	}
	if n := count(word); n == 0 {
		t.Fatalf("%s: no result before the edit", word)
	}
	if n := count(added); n != 0 {
		t.Fatalf("%s: %d results before the edit, want 0", added, n)
	}

	doc := filepath.Join(root, "content", "docs", "guangdong-2023-gangyao.md")
	src, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), "设立线上“产品医院”", "设立线上“星河质检站”", 1)
	if edited == string(src) {
		t.Fatal("the 纲要 no longer says 设立线上“产品医院”")
	}
	if err := os.WriteFile(doc, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	// A file's date, by which a page is answered 304, counts whole seconds:
	// a page written again within the second of the first build would be
	// taken for unchanged.
	time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(1100 * time.Millisecond)))
	if _, err := site.Build(site.Options{Content: filepath.Join(root, "content"), Out: s.web, Zip: filepath.Join(root, "build", "bundle.zip")}); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	// The page differs only in meta.js's version.
	version := regexp.MustCompile(`meta\.js\?v=[0-9a-f]{16}`)
	if string(before) == string(after) || version.ReplaceAllString(string(before), "") != version.ReplaceAllString(string(after), "") {
		t.Errorf("the search page should differ in meta.js's version alone: before %q, after %q",
			version.FindString(string(before)), version.FindString(string(after)))
	}

	if n := count(added); n != 1 {
		t.Errorf("%s: %d results after the edit, want 1; the page names %s (the build wrote %s) and loaded %v", added, n,
			eval[string](t, ctx, `document.getElementById("search").getAttribute("data-index")`), version.FindString(string(after)),
			eval[[]string](t, ctx, `performance.getEntriesByType("resource").filter(e => e.name.includes("/search/")).map(e => e.name.replace(/^.*\/search\//, "") + " " + e.transferSize + " B")`))
	}
}
