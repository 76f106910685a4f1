package site_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// searchCSVHeader is the header of a search's results saved as CSV.
var searchCSVHeader = []string{"文件编号", "文件", "发布机关", "日期", "文号", "状态", "条目编号", "条目", "标题", "文字", "链接", "匹配", "级别", "地区"}

// TestBrowserSearchCSV saves a search's results from the offline bundle
// and reads the file back as CSV: every result, not only the page shown,
// in the page's order, each with its document's id, title, issuer, date,
// number and status (the Guangzhou 方案 a 征求意见稿), its level and
// region, its eId and text as the JSON API gives them (Jiangsu's in
// 繁體, as written), its canonical permalink and how it matched; a
// search by theme alone says nothing of matching.
func TestBrowserSearchCSV(t *testing.T) {
	s := seedSite(t)
	type doc struct{ title, issuer, date, number, status, level, region string }
	var list struct{ Documents []struct{ ID, Level string } }
	readJSON(t, filepath.Join(s.web, "api", "docs.json"), &list)
	levelOf := map[string]string{}
	for _, d := range list.Documents {
		levelOf[d.ID] = map[string]string{"province": "省级", "city": "市级", "county": "县级"}[d.Level]
	}
	docs := map[string]doc{}
	var ids []string
	for _, d := range seedDocs(t, s.web) {
		docs[d.ID] = doc{d.Title, d.Issuer, d.Date, d.Number, d.Status, levelOf[d.ID], d.Region}
		ids = append(ids, d.ID)
	}
	texts := sectionTexts(t, s.web, ids...)

	ctx, base := openSeedBundle(t)
	downloads := allowDownloads(t, ctx)
	for _, c := range []struct {
		query, file string
		matches     []string
	}{
		{"q=质量基础设施", "检索-质量基础设施.csv", []string{"完全匹配", "字字相连", "部分匹配"}},
		{"theme=shoufu-zerenzhi", "检索.csv", []string{""}},
	} {
		total := searchTotal(t, ctx, base+"search/index.html?"+c.query)
		shown := eval[[]string](t, ctx, `[...document.querySelectorAll("#search-results li.hit")].map(li => li.dataset.doc + "/" + li.dataset.eid)`)
		lines := readCSV(t, awaitDownload(t, ctx, downloads, c.file, "#search-csv"), searchCSVHeader)
		if len(lines) != total {
			t.Errorf("%s: %d lines for the %d results", c.query, len(lines), total)
		}
		var order []string
		hant, draft := false, false
		for i, l := range lines {
			id, eid := l[0], l[6]
			order = append(order, id+"/"+eid)
			d, ok := docs[id]
			text, found := texts[id+"/"+eid]
			switch {
			case !ok || !found:
				t.Errorf("%s line %d: no section %s %s", c.query, i+1, id, eid)
			case (doc{l[1], l[2], l[3], l[4], l[5], l[12], l[13]}) != d || d.level == "" || d.region == "" || l[9] != text:
				t.Errorf("%s line %d: %q, want %+v and the text %q", c.query, i+1, l, d, text)
			case l[10] != s.cfg.BaseURL+"docs/"+id+"/"+eid+"/":
				t.Errorf("%s line %d: links %q", c.query, i+1, l[10])
			case !slices.Contains(c.matches, l[11]):
				t.Errorf("%s line %d: matched %q, want one of %q", c.query, i+1, l[11], c.matches)
			}
			if id == jsID && strings.Contains(text, "質") {
				hant = true
			}
			if l[5] == "征求意见稿" {
				draft = true
			}
		}
		if len(shown) > len(order) || !slices.Equal(order[:len(shown)], shown) {
			t.Errorf("%s: the file begins %q, the page shows %q; want the page's results first, in its order", c.query, order[:min(len(order), len(shown))], shown)
		}
		if c.query == "q=质量基础设施" && len(shown) >= len(order) {
			t.Errorf("%s: %d lines, the page shows %d; want every result, not only those shown", c.query, len(order), len(shown))
		}
		if c.query == "q=质量基础设施" && (!hant || !draft) {
			t.Errorf("%s: no line from the 意见 in 繁體 (%v) or from the 征求意见稿 (%v)", c.query, hant, draft)
		}
	}
}
