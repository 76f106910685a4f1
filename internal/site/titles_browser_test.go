package site_test

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// TestBrowserAdhocSameTitles: two documents of the generated 40 share a
// title; the comparison the chooser computes for one of them and a
// document it has no pair page with, opened from the offline bundle,
// names the two in its heading and the window's title as the chooser
// does, the one told apart from the other of its title.
func TestBrowserAdhocSameTitles(t *testing.T) {
	s := syntheticBundle40(t)
	ids, index := pairIndex(t, s.web)
	page, err := os.ReadFile(filepath.Join(s.web, "compare", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	label := map[string]string{}
	for _, m := range regexp.MustCompile(`<option value="([^"]+)" lang="[^"]*"(?: data-s="[^"]*")?>([^<]*)</option>`).FindAllStringSubmatch(string(page), -1) {
		label[m[1]] = html.UnescapeString(m[2])
	}
	byTitle := map[string][]int{}
	for i, id := range ids {
		title := readAPIDoc(t, s.web, id).Title
		byTitle[title] = append(byTitle[title], i)
	}
	var x, y = -1, -1
	for title, group := range byTitle {
		if len(group) < 2 {
			continue
		}
		for _, i := range group {
			if l := label[ids[i]]; !strings.HasPrefix(l, title+"（") || !strings.HasSuffix(l, "）") {
				t.Errorf("the chooser offers %s as %q, not told apart from the others titled %s", ids[i], l, title)
			}
		}
		for j := range ids {
			if j != group[0] && !slices.Contains(index[group[0]], j) && !slices.Contains(index[j], group[0]) {
				x, y = min(group[0], j), max(group[0], j)
				break
			}
		}
		break
	}
	if x < 0 {
		t.Fatalf("of the %d generated documents, none shares its title with another and lacks a pair page with a third", len(ids))
	}

	ctx := browsertest.Start(t)
	problems := browsertest.RecordProblems(t, ctx)
	t.Cleanup(func() { problems.Check(t) })
	base := browsertest.FileURL(s.bundle) + "/"
	do(t, ctx, "compare "+ids[x]+" and "+ids[y], chromedp.Navigate(base+"compare/index.html?a="+ids[x]+"&b="+ids[y]))
	if !waitAdhoc(t, ctx, "done") {
		t.FailNow()
	}
	want := label[ids[x]] + " × " + label[ids[y]]
	if got := eval[string](t, ctx, `document.getElementById("adhoc-h").textContent`); got != want {
		t.Errorf("the comparison is headed %q, want %q", got, want)
	}
	if got := eval[string](t, ctx, `document.title`); got != want+" · "+s.cfg.Title {
		t.Errorf("the window's title is %q, want %q", got, want+" · "+s.cfg.Title)
	}
}
