package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tiaowen/internal/scaffold"
)

// TestDocumentsWithoutLevelOrRegion builds a site whose documents name
// no level and no region, as a corpus gathered before either was
// recorded does: a document's kicker begins with what it has (its
// script), not a separator, and the regions page says that none of the
// documents names a region — not that "another" so many do not.
func TestDocumentsWithoutLevelOrRegion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := scaffold.Write(dir, scaffold.Settings{Title: "测试文库", Name: "unplaced"}); err != nil {
		t.Fatal(err)
	}
	for id, front := range map[string]string{
		"plan":  "title: 质量强市实施方案\n",
		"draft": "title: 质量提升行动计划\nstatus: 征求意见稿\n",
	} {
		src := "---\nid: " + id + "\n" + front + "lang: zh-Hans\n---\n\n一、总体要求\n"
		if err := os.WriteFile(filepath.Join(dir, "content", "docs", id+".md"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := buildFiles(t, dir)
	for page, want := range map[string]string{
		"docs/plan/index.html":  `<p class="kicker">简体</p>`,
		"docs/draft/index.html": `<p class="kicker">简体 · <strong class="status">征求意见稿</strong></p>`,
		"regions/index.html":    `<p class="empty">本站收录的 2 份文件都未注明地区，请在<a href="../index.html">文件列表</a>中浏览。</p>`,
	} {
		if got := string(files[page]); !strings.Contains(got, want) {
			t.Errorf("%s lacks %s", page, want)
		}
	}
	if regions := string(files["regions/index.html"]); strings.Contains(regions, "另有") {
		t.Error("the regions page speaks of documents besides those placed, where none is")
	}
}
