package site

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSourceLinked: a document whose source is the web page it was
// published on links that page from its particulars and names it in its
// JSON-LD (isBasedOn); a source that is a file's name, or an address of
// another scheme, is shown as written and linked nowhere.
func TestSourceLinked(t *testing.T) {
	project := seedProject(t)
	docs := filepath.Join(project, "content", "docs")
	const address = "https://www.luhe.gov.cn/zwgk/zcwj/content/post_1023.html"
	edit(t, filepath.Join(docs, luheID+".md"), `source: "003_3375bcca5598cc84.txt"`, `source: "`+address+`"`)
	edit(t, filepath.Join(docs, "guangzhou-2023-fangan.md"), `source: "004_ff23fd409789d184.txt"`, `source: "javascript:alert(1)"`)
	files := buildFiles(t, project)

	luhe := string(files["docs/"+luheID+"/index.html"])
	if want := `<div class="source"><dt>来源</dt><dd><a href="` + address + `" rel="external">www.luhe.gov.cn/zwgk/zcwj/content/post_1023.html</a></dd></div>`; !strings.Contains(luhe, want) {
		t.Errorf("the document's page does not link its source:\n%s", between(luhe, `<dl class="meta">`, `</dl>`))
	}
	if want := `,"isBasedOn":"` + address + `"}`; !strings.Contains(luhe, want) {
		t.Errorf("the document's JSON-LD does not say it is based on its source")
	}
	if want := `"source": "` + address + `"`; !strings.Contains(string(files["api/docs/"+luheID+".json"]), want) {
		t.Errorf("the document's JSON does not give %s", want)
	}
	if strings.Contains(string(files["api/docs/guangzhou-2023-fangan.json"]), `"source"`) {
		t.Error("a document whose source is no web address has one in its JSON")
	}
	if sec := string(files["docs/"+luheID+"/i3/index.html"]); strings.Contains(sec, "isBasedOn") {
		t.Error("a section's JSON-LD names the document's source: it is part of the document, which does")
	}
	// The feeds' entries for it name the page as where they came from.
	via := `<link href="` + address + `" rel="via"></link>`
	for _, feed := range []string{"feed.xml", "themes/zhiliang-wenhua/feed.xml", "regions/441523/feed.xml"} {
		if f := string(files[feed]); !strings.Contains(f, via) || strings.Count(f, `rel="via"`) != 1 {
			t.Errorf("%s: want one entry with %s:\n%s", feed, via, f)
		}
	}
	for id, want := range map[string]string{
		"guangzhou-2023-fangan":  `<div class="source"><dt>来源</dt><dd>javascript:alert(1)</dd></div>`,
		"guangdong-2023-gangyao": `<div class="source"><dt>来源</dt><dd>000_e4c1e6d1dc609431.txt</dd></div>`,
	} {
		page := string(files["docs/"+id+"/index.html"])
		if !strings.Contains(page, want) || strings.Contains(page, "isBasedOn") {
			t.Errorf("%s: want its source as text, and no isBasedOn:\n%s", id, between(page, `<dl class="meta">`, `</dl>`))
		}
	}
}
