package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDrafts adds a draft to the seeds: a build leaves it out, saying so;
// a build with Drafts shows it, its pair pages too; neither records its
// permalinks, so the next build without it breaks none. A published
// document made a draft in serve is taken out of the site, and its
// published permalinks are reported as removed, as a build would refuse.
func TestDrafts(t *testing.T) {
	project := seedProject(t)
	content := filepath.Join(project, "content")
	docs := filepath.Join(content, "docs")
	src, err := os.ReadFile(filepath.Join(docs, "luhe-2017-yijian.md"))
	if err != nil {
		t.Fatal(err)
	}
	draft := bytes.Replace(src, []byte("id: luhe-2017-yijian\n"), []byte("id: luhe-2018-draft\ndraft: true\n"), 1)
	if err := os.WriteFile(filepath.Join(docs, "luhe-2018-draft.md"), draft, 0o644); err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(content, ".permalinks")
	out := filepath.Join(project, "build", "site")
	for _, drafts := range []bool{false, true} {
		var warnings strings.Builder
		sum, err := Build(Options{Content: content, Out: out, Zip: "-", Drafts: drafts, Warnings: &warnings})
		if err != nil {
			t.Fatalf("Drafts %v: %v", drafts, err)
		}
		_, statErr := os.Stat(filepath.Join(out, "docs", "luhe-2018-draft", "p1", "index.html"))
		_, pairErr := os.Stat(filepath.Join(out, "compare", "luhe-2017-yijian--luhe-2018-draft", "index.html"))
		want := 5
		if drafts {
			want = 6
		}
		if shown := statErr == nil && pairErr == nil; shown != drafts || sum.Docs != want {
			t.Errorf("Drafts %v: the draft's pages there %v, %d documents", drafts, shown, sum.Docs)
		}
		if said := strings.Contains(warnings.String(), `"luhe-2018-draft" is a draft: the site leaves it out`); said == drafts {
			t.Errorf("Drafts %v: warned of the draft %v:\n%s", drafts, said, warnings.String())
		}
		m, err := os.ReadFile(manifest)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(m), "luhe-2018-draft") || !strings.Contains(string(m), "/docs/luhe-2017-yijian/") {
			t.Errorf("Drafts %v: the manifest records the draft, or not the published document", drafts)
		}
		if drafts {
			previewMarks(t, out)
		}
	}

	m := newMemory(t, project)
	if m.Exists("docs/luhe-2018-draft/index.html") {
		t.Error("serve shows the draft")
	}
	published := filepath.Join(docs, "luhe-2017-yijian.md")
	if err := os.WriteFile(published, bytes.Replace(src, []byte("id: luhe-2017-yijian\n"), []byte("id: luhe-2017-yijian\ndraft: true\n"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	r := update(t, m, published)
	if !r.Full || m.Exists("docs/luhe-2017-yijian/index.html") || !strings.Contains(r.Problems.Warnings().Error(), "/docs/luhe-2017-yijian/ and the 45 section permalinks under it were published and would disappear") {
		t.Errorf("a published document made a draft: full %v, still there %v, warnings:\n%v", r.Full, m.Exists("docs/luhe-2017-yijian/index.html"), r.Problems.Warnings())
	}
	if _, err := Build(Options{Content: content, Out: out, Zip: "-"}); err == nil || !strings.Contains(err.Error(), "/docs/luhe-2017-yijian/") {
		t.Errorf("a build without a published document made a draft: %v", err)
	}
}

// previewMarks checks a preview with the draft luhe-2018-draft: its pages,
// and the comparisons with it, say at their top that it is a draft and
// are not to be indexed, where the published documents' pages say
// neither; the home page's list and the JSON API mark it; the sitemap
// and the feeds, which announce what the published site keeps, leave it
// out.
func previewMarks(t *testing.T, out string) {
	t.Helper()
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	const noindex, note = `<meta name="robots" content="noindex">`, `<p class="draft-note" role="note">草稿预览`
	for page, draft := range map[string]bool{
		"docs/luhe-2018-draft/index.html":                      true,
		"docs/luhe-2018-draft/p1/index.html":                   true,
		"compare/luhe-2017-yijian--luhe-2018-draft/index.html": true,
		"docs/luhe-2017-yijian/index.html":                     false,
		"docs/luhe-2017-yijian/p1/index.html":                  false,
		"index.html":                                           false,
	} {
		html := read(page)
		main := html[strings.Index(html, `<main`):]
		if strings.Contains(html, noindex) != draft || strings.HasPrefix(main[strings.Index(main, ">")+2:], note) != draft {
			t.Errorf("%s: marked as a draft's page %v, want %v", page, !draft, draft)
		}
	}
	if err := checkNoindexPairs(out); err != nil {
		t.Error(err)
	}
	home := read("index.html")
	row := home[strings.Index(home, `docs/luhe-2018-draft/index.html`):]
	row = row[:strings.Index(row, "</tr>")]
	if !strings.Contains(row, " · 未发布</td>") {
		t.Errorf("the home page's row of the draft has no 未发布: %s", row)
	}
	if strings.Count(home, "未发布") != 1 {
		t.Errorf("the home page says 未发布 %d times; only the draft's row should", strings.Count(home, "未发布"))
	}
	docs := read("api/docs.json")
	if strings.Count(docs, `"draft": true`) != 1 || strings.Count(docs, `"draft"`) != 1 {
		t.Errorf("api/docs.json marks %d documents a draft; want the one", strings.Count(docs, `"draft"`))
	}
	if !strings.Contains(read("api/docs/luhe-2018-draft.json"), `"draft": true`) || strings.Contains(read("api/docs/luhe-2017-yijian.json"), `"draft"`) {
		t.Error("a document's JSON does not tell the draft from the published")
	}
	if !strings.Contains(read("api/docs.js"), `"draft",`) {
		t.Error("api/docs.js has no draft column")
	}
	announced := []string{"sitemap.xml", "feed.xml"}
	themes, _ := filepath.Glob(filepath.Join(out, "themes", "*", "feed.xml"))
	for _, f := range themes {
		rel, _ := filepath.Rel(out, f)
		announced = append(announced, filepath.ToSlash(rel))
	}
	for _, f := range announced {
		if strings.Contains(read(f), "luhe-2018-draft") {
			t.Errorf("%s announces the draft", f)
		}
	}
	if !strings.Contains(read("sitemap.xml"), "/compare/guangdong-2020-shishi--luhe-2017-yijian/") {
		t.Error("sitemap.xml lists no comparison with the published document")
	}
}

// checkNoindexPairs is an error when a comparison of two published
// documents is marked as a draft's, or one with the draft is not.
func checkNoindexPairs(out string) error {
	pairs, err := filepath.Glob(filepath.Join(out, "compare", "*--*", "index.html"))
	if err != nil || len(pairs) == 0 {
		return fmt.Errorf("no pair pages: %v", err)
	}
	for _, p := range pairs {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if withDraft := strings.Contains(p, "luhe-2018-draft"); bytes.Contains(b, []byte(`content="noindex"`)) != withDraft {
			return fmt.Errorf("%s: noindex %v", p, !withDraft)
		}
	}
	return nil
}
