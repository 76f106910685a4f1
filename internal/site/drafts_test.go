package site

import (
	"bytes"
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
