package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// minifiedSeed is the seed site built with site.yaml's minify: true.
var minifiedSeed sharedSite

// minifiedSeedSite returns the minified seed site, building it on first
// use.
func minifiedSeedSite(t *testing.T) builtSite {
	t.Helper()
	return minifiedSeed.get(t, "minified seed site", func(root string) (builtSite, error) {
		yaml, err := os.ReadFile(filepath.Join("..", "..", "content", "site.yaml"))
		if err != nil {
			return builtSite{}, err
		}
		return buildSite(root, map[string]string{"site.yaml": string(yaml) + "\nminify: true\n"})
	})
}

// minifiedPages are a page of every kind of the seed site.
var minifiedPages = []string{
	"index.html", "docs/" + gzID + "/index.html", "docs/" + gzID + "/" + gzSection + "/index.html",
	"docs/" + jsID + "/index.html", "docs/" + jsID + "/p1/index.html",
	"themes/index.html", "themes/shoufu-zerenzhi/index.html", "regions/index.html", "regions/440000/index.html",
	"compare/index.html", pairGdGz, "search/index.html", "about/index.html", "404.html",
}

// TestBrowserMinifiedReadsTheSame opens a page of every kind of the
// seed site's offline bundle, as built and minified, with scripts off:
// a reader sees the same text, laid out to the same height.
func TestBrowserMinifiedReadsTheSame(t *testing.T) {
	plain, small := seedSite(t), minifiedSeedSite(t)
	// Minified for sure: the test must be able to tell the two apart.
	a, errA := os.ReadFile(filepath.Join(plain.bundle, "static", "site.js"))
	b, errB := os.ReadFile(filepath.Join(small.bundle, "static", "site.js"))
	if errA != nil || errB != nil || len(b) >= len(a)*3/4 {
		t.Fatalf("the minified bundle's site.js has %d bytes, the plain one's %d (%v, %v): not minified", len(b), len(a), errA, errB)
	}
	ctx := browsertest.Start(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("disable JavaScript: %v", err)
	}
	type seen struct {
		Text   string
		Height float64
	}
	read := func(dir, page string) seen {
		t.Helper()
		do(t, ctx, "open "+page, chromedp.Navigate(browsertest.FileURL(dir)+"/"+page))
		return eval[seen](t, ctx, `({Text: document.body.innerText, Height: document.documentElement.scrollHeight})`)
	}
	for _, page := range minifiedPages {
		want, got := read(plain.bundle, page), read(small.bundle, page)
		if want.Text == "" {
			t.Errorf("%s: no text", page)
		}
		if got.Text != want.Text {
			t.Errorf("%s: minified, reads\n%s\nwant\n%s", page, firstLines(got.Text, want.Text), firstLines(want.Text, got.Text))
		}
		if got.Height != want.Height {
			t.Errorf("%s: minified, %.0f px high, want %.0f", page, got.Height, want.Height)
		}
	}
}

// firstLines returns the lines of a from the first that b does not have
// at its place, a few of them.
func firstLines(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range la {
		if i >= len(lb) || la[i] != lb[i] {
			return strings.Join(la[i:min(len(la), i+3)], "\n")
		}
	}
	return "(a prefix of the other)"
}

// TestBrowserMinified reads the minified seed site as the plain one is
// read, over HTTP and from the offline bundle, with no script failing:
// the reader's walk (table of contents, permalinks, citations copied,
// themes, dark mode), a pair page's tools, and the search page's
// queries.
func TestBrowserMinified(t *testing.T) {
	s := minifiedSeedSite(t)
	for _, mode := range []string{"http", "file"} {
		t.Run(mode, func(t *testing.T) {
			ctx := browsertest.Start(t)
			base, dir := browsertest.FileURL(s.bundle)+"/", s.bundle
			if mode == "http" {
				base, dir = browsertest.Serve(t, s.web), s.web
			}
			walk(t, ctx, s, base, dir)
			problems := browsertest.RecordProblems(t, ctx)
			defer problems.Check(t)
			checkPairPage(t, ctx, base)
			checkQueries(t, ctx, base)
		})
	}
}
