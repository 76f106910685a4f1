package site_test

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
	"tiaowen/internal/site"
)

// TestBrowserDraftPreview opens, from disk, the offline bundle of a
// preview built with a draft: the home page's finder draws the draft's
// row as the build does, 未发布 in its status; the draft's own page
// shows the note that it is a draft above everything else it says; a
// search marks the draft's hit 未发布 and not the published document's.
func TestBrowserDraftPreview(t *testing.T) {
	root := t.TempDir()
	content := filepath.Join(root, "content")
	if err := os.CopyFS(content, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	docs := filepath.Join(content, "docs")
	src, err := os.ReadFile(filepath.Join(docs, "luhe-2017-yijian.md"))
	if err != nil {
		t.Fatal(err)
	}
	draft := bytes.Replace(src, []byte("id: luhe-2017-yijian\n"), []byte("id: luhe-2018-draft\ndraft: true\n"), 1)
	if err := os.WriteFile(filepath.Join(docs, "luhe-2018-draft.md"), draft, 0o644); err != nil {
		t.Fatal(err)
	}
	zip := filepath.Join(root, "bundle.zip")
	if _, err := site.Build(site.Options{Content: content, Out: filepath.Join(root, "site"), Zip: zip, Drafts: true}); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.Unzip(zip, filepath.Join(root, "offline")); err != nil {
		t.Fatal(err)
	}
	base := browsertest.FileURL(filepath.Join(root, "offline", "zhiliang-qiangsheng")) + "/"
	ctx := browsertest.Start(t)
	problems := browsertest.RecordProblems(t, ctx)
	defer problems.Check(t)

	const draftRow = `(() => { const a = document.querySelector('table.docs tbody a[href$="luhe-2018-draft/index.html"]');
		return a ? a.closest("tr").outerHTML.replace(/>\s+</g, "><") : "" })()`
	do(t, ctx, "open the home page", chromedp.Navigate(base+"index.html"))
	built := eval[string](t, ctx, draftRow)
	if !strings.Contains(built, "<td>正式 · 未发布</td>") {
		t.Fatalf("the build's row of the draft: %s", built)
	}
	do(t, ctx, "sort by title", chromedp.Navigate(base+"index.html?sort=title"))
	eventually(t, ctx, "the status", `document.getElementById("finder-status").textContent`, "全部 6 份文件，按标题排序。")
	if drawn := eval[string](t, ctx, draftRow); drawn != built {
		t.Errorf("the finder draws the draft as\n%s\nthe build as\n%s", drawn, built)
	}

	do(t, ctx, "open the draft", chromedp.Navigate(base+"docs/luhe-2018-draft/index.html"))
	first := eval[string](t, ctx, `(() => { const n = document.querySelector("main").firstElementChild;
		const r = n.getBoundingClientRect();
		return r.height > 0 && r.top < innerHeight && n.matches(".draft-note") ? n.textContent : "" })()`)
	if !strings.HasPrefix(first, "草稿预览") {
		t.Errorf("the draft's page does not open with its note in view: %q", first)
	}

	searchOpen(t, ctx, base, "q", "建设质量强县")
	hits := `[...new Set([...document.querySelectorAll("#search-results > li.hit")].map(li => li.dataset.doc + (li.querySelector(".hit-draft") ? " 未发布" : "")))].filter(h => h.startsWith("luhe-")).sort().join("|")`
	if got := searchEval[string](t, ctx, hits); got != "luhe-2017-yijian|luhe-2018-draft 未发布" {
		t.Errorf("建设质量强县 finds %q; want the published document's hit and the draft's, marked", got)
	}
	// Saved as CSV, the draft's lines say 未发布 in their status.
	downloads := allowDownloads(t, ctx)
	status := map[string]bool{}
	for _, l := range readCSV(t, awaitDownload(t, ctx, downloads, "检索-建设质量强县.csv", "#search-csv"), searchCSVHeader) {
		if strings.HasPrefix(l[0], "luhe-") {
			status[l[0]+" "+l[5]] = true
		}
	}
	if want := map[string]bool{"luhe-2017-yijian 正式": true, "luhe-2018-draft 正式 · 未发布": true}; !maps.Equal(status, want) {
		t.Errorf("the CSV's documents and statuses: %v, want %v", status, want)
	}
}
