package site_test

import (
	"context"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// TestBrowserAssetVersions checks, on a web server, that every style
// sheet, script and list a page loads is asked for with its version and
// served — those the pages name and those their scripts load themselves:
// the 繁→简 conversion behind 以简体阅读, the word-by-word diff of a pair
// page and the list of documents of the 404 page — and that a script
// passes its own version to the files it loads, so that a new build
// never pairs a new script with an old one a browser kept.
func TestBrowserAssetVersions(t *testing.T) {
	s, err := buildSite(t.TempDir(), map[string]string{"docs/c-jia.md": wordsDocA, "docs/c-yi.md": wordsDocB})
	if err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.Start(t)
	base := browsertest.Serve(t, s.web)
	problems := browsertest.RecordProblems(t, ctx)
	missing := base + "docs/c-jia/p9/index.html"
	version := regexp.MustCompile(`^v=[0-9a-f]{10}$`)
	seen := map[string]bool{}
	// loaded returns the assets the page loaded since it opened, with the
	// versions they were asked for with.
	loaded := func(ctx context.Context, page string) map[string]string {
		t.Helper()
		type resource struct {
			Name   string `json:"name"`
			Status int    `json:"status"`
		}
		out := map[string]string{}
		for _, r := range eval[[]resource](t, ctx, `performance.getEntriesByType("resource").map(e => ({name: e.name, status: e.responseStatus}))`) {
			u, err := url.Parse(r.Name)
			if err != nil || !strings.HasPrefix(r.Name, base) {
				continue
			}
			name := strings.TrimPrefix(u.Path, "/")
			if !strings.HasPrefix(name, "static/") && name != "api/docs.js" {
				continue
			}
			if !version.MatchString(u.RawQuery) {
				t.Errorf("%s: %s is asked for without a version", page, r.Name)
			}
			if r.Status != 200 {
				t.Errorf("%s: %s answered %d", page, r.Name, r.Status)
			}
			out[name] = u.RawQuery
			seen[name] = true
		}
		return out
	}
	// A file a script loads itself is asked for with the script's version.
	sameAs := func(page string, got map[string]string, file, loader string) {
		t.Helper()
		if got[file] == "" || got[file] != got[loader] {
			t.Errorf("%s: %s is asked for with %q, %s with %q", page, file, got[file], loader, got[loader])
		}
	}

	do(t, ctx, "open the 繁體 document", chromedp.Navigate(base+"docs/c-yi/index.html"))
	do(t, ctx, "press 以简体阅读", chromedp.Click(chromedp.CSS(".script-switch button")))
	eventually(t, ctx, "the document in 简体", `document.querySelector("main article").lang`, "zh-Hans")
	sameAs("the document", loaded(ctx, "the document"), "static/hanconv.js", "static/site.js")
	// The entries of 繁→简 the corpus uses are the corpus's: their version
	// is the page's date, which every build that changes the page moves.
	t2s := eval[[]string](t, ctx, `performance.getEntriesByType("resource").map(e => e.name).filter(n => new URL(n).pathname === "/search/data/t2s.js").map(n => new URL(n).searchParams.get("v"))`)
	if date := eval[string](t, ctx, `document.lastModified`); len(t2s) != 1 || t2s[0] != date {
		t.Errorf("the document asked for search/data/t2s.js with versions %q, not once with its date %q", t2s, date)
	}

	do(t, ctx, "open the pair page", chromedp.Navigate(base+"compare/c-jia--c-yi/index.html"))
	do(t, ctx, "tick 逐词比对", chromedp.Click(chromedp.CSS("#words")))
	if st := wordsStatus(t, ctx, "cmp-status"); !strings.HasPrefix(st, "逐词比对：") {
		t.Errorf("the word-by-word view says %q", st)
	}
	sameAs("the pair page", loaded(ctx, "the pair page"), "static/jsdiff.min.js", "static/compare.js")

	do(t, ctx, "open a missing section", chromedp.Navigate(missing))
	eventually(t, ctx, "what the 404 page says", `document.getElementById("nf-help").hidden`, false)
	loaded(ctx, "the 404 page")

	for _, name := range []string{"static/style.css", "static/site.js", "static/hanconv.js", "static/compare.js", "static/jsdiff.min.js", "api/docs.js"} {
		if !seen[name] {
			t.Errorf("no page loaded %s; loaded: %v", name, slices.Sorted(maps.Keys(seen)))
		}
	}
	for _, e := range problems.Errors() {
		if !strings.Contains(e, "("+missing+")") {
			t.Errorf("a page reported an error: %s", e)
		}
	}
}
