package site_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/scaffold"
)

// TestBrowserNewSite opens a site as `tiaowen new site` makes it, with no
// document and no theme, over HTTP and from its offline bundle: each page
// says what it has not got yet, no script fails on the lists it lacks,
// and a search answers that it found nothing.
func TestBrowserNewSite(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "new")
	if err := scaffold.Write(dir, scaffold.Settings{Title: "新文库", Name: "new-site"}); err != nil {
		t.Fatal(err)
	}
	s, err := bundleSite(dir, filepath.Join(dir, "content"))
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"http", "file"} {
		t.Run(mode, func(t *testing.T) {
			ctx, base := startOn(t, s, mode)
			for page, want := range map[string]string{
				"index.html":         "文件\n\n本站尚未收录文件。\n\n主题\n\n本站尚未设定主题。",
				"themes/index.html":  "本站尚未设定主题。",
				"compare/index.html": "收录两份以上文件后，可在这里任选两份逐条对照。",
			} {
				do(t, ctx, "open "+page, chromedp.Navigate(base+page))
				if got := eval[string](t, ctx, `document.querySelector("main").innerText`); !strings.Contains(got, want) {
					t.Errorf("%s reads\n%s\nwant it to say\n%s", page, got, want)
				}
			}
			searchOpen(t, ctx, base, "q", "首负责任制")
			searchWait(t, ctx, "首负责任制")
			if got := eval[string](t, ctx, `document.getElementById("search-status").textContent`); got != "没有找到“首负责任制”。" {
				t.Errorf("a search of the new site says %q", got)
			}
		})
	}
}
