package site

import (
	"strings"
	"testing"
)

// TestSameTitles: the final text of the Guangzhou 方案 has its draft's
// title, and where pages name documents by title alone — the compare
// chooser, the lists of pairs and the similarity table, the two
// versions' pair page, a document's list of comparisons, the window
// titles of its pages, the feeds (whose entries say which version
// supersedes which), the home page's
// table of themes, the search index — each of the two is told apart by
// what differs, its date and status; a title no other document has
// stands alone.
func TestSameTitles(t *testing.T) {
	files := buildFiles(t, versionsProject(t))
	const (
		draftLabel = "广州市质量强市建设实施方案（征求意见稿）"
		finalLabel = "广州市质量强市建设实施方案（2024-03-01 · 正式）"
	)
	pair := "compare/" + draftID + "--" + finalID + "/index.html"
	for name, wants := range map[string][]string{
		"compare/index.html": {
			`<option value="` + draftID + `" lang="zh-Hans">` + draftLabel + `</option>`,
			`<option value="` + finalID + `" lang="zh-Hans">` + finalLabel + `</option>`,
			`<option value="guangdong-2023-gangyao" lang="zh-Hans">广东省质量强省建设纲要</option>`,
			`<a href="../` + pair + `"><span lang="zh-Hans">` + draftLabel + `</span> × <span lang="zh-Hans">` + finalLabel + `</span></a>`,
			`<th scope="row" lang="zh-Hans">` + finalLabel + `</th>`,
		},
		pair: {
			"<title>" + draftLabel + " × " + finalLabel + " · ",
			`<h1 class="pair-title"><a href="../../docs/` + draftID + `/index.html" lang="zh-Hans">` + draftLabel + `</a> <span class="x">×</span> <a href="../../docs/` + finalID + `/index.html" lang="zh-Hans">` + finalLabel + `</a></h1>`,
			`<div role="columnheader" lang="zh-Hans">` + finalLabel + `</div>`,
		},
		"docs/" + draftID + "/index.html": {
			"<title>" + draftLabel + " · ",
			`<a href="../../` + pair + `" lang="zh-Hans">` + finalLabel + `</a> <span class="dated">2024-03-01</span> <span class="where">广州市</span> <span class="note">`,
		},
		"docs/" + finalID + "/p1-s1/index.html": {
			"<title>一、（一）指导思想 · " + finalLabel + " · ",
		},
		"index.html": {
			`lang="zh-Hans">` + draftLabel + `</a></th>`,
		},
		"feed.xml": {
			"<title>" + finalLabel + "</title>",
			"<summary>广州市质量强市建设实施方案（2024-03-01，共 43 个条目）。取代《广州市质量强市建设实施方案》（征求意见稿）</summary>",
			"<title>" + draftLabel + "</title>",
			"<summary>广州市质量强市建设实施方案（征求意见稿，共 43 个条目）。已被《广州市质量强市建设实施方案》（2024-03-01 · 正式）取代</summary>",
		},
		"themes/zhiliang-jichu-sheshi/feed.xml": {
			"<title>" + finalLabel + "</title>",
		},
		"search/data/meta.js": {
			`["` + draftID + `","广州市质量强市建设实施方案","zh-Hans",43,"city","","征求意见稿","` + finalID + `","征求意见稿",false,"","","广州市"]`,
			`["guangdong-2023-gangyao","广东省质量强省建设纲要","zh-Hans",41,"province","2023","正式","","",false,"","","广东省"]`,
		},
	} {
		page := string(files[name])
		for _, want := range wants {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
	}
}
