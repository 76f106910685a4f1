package site_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The seed's documents that the filters' words find, by id.
const (
	shishiID = "guangdong-2020-shishi" // 关于加快推进质量强省建设的实施方案, 广东省人民政府, 粤府〔2020〕50号
	luheID   = "luhe-2017-yijian"      // 陆河县人民政府关于落实质量强省战略实施意见
)

// filterCase is words typed into a filter and the documents it must
// keep, by id.
type filterCase struct {
	typed string
	want  []string
}

// TestBrowserFilterScripts types words in either script into the boxes
// that filter a list of documents — the home page's finder and the
// compare page's chooser, both of its selects — on the seed site, over
// HTTP and from the offline bundle on disk. Each keeps the documents
// that the search would find by the words: in 繁體 as in 简体 (質量強省
// finds the four 质量强省 documents, not only the 繁體 one; 廣東 and 關於
// find 广东 and 关于), and whatever the punctuation and the width.
func TestBrowserFilterScripts(t *testing.T) {
	s := seedSite(t)
	qualityProvince := []string{shishiID, gdID, jsID, luheID}
	guangdong := []string{shishiID, gdID}
	about := []string{shishiID, jsID, luheID}
	finder := []filterCase{
		{"质量强省", qualityProvince},
		{"質量強省", qualityProvince},
		// By the title or the issuer (广东省人民政府).
		{"广东", guangdong},
		{"廣東", guangdong},
		// 關於 is 关于, as the 繁體 document's title writes it too (關于).
		{"关于", about},
		{"關於", about},
		{"江蘇", []string{jsID}},
		// The number, 粤府〔2020〕50号, in 繁體 and full width.
		{"粵府〔２０２０〕５０號", []string{shishiID}},
	}
	chooser := []filterCase{
		{"質量強省", qualityProvince},
		{"廣東", []string{gdID}},
		{"關於", about},
		{"《廣東省質量強省建設綱要》", []string{gdID}},
		{"質量強省 實施", []string{shishiID, jsID, luheID}},
	}
	for _, mode := range []string{"http", "file"} {
		t.Run(mode, func(t *testing.T) {
			ctx, base := startOn(t, s, mode)
			do(t, ctx, "open the home page", chromedp.Navigate(base+"index.html"))
			for _, c := range finder {
				typeFilter(t, ctx, "the finder", `#doc-finder input[name=filter]`,
					`[...document.querySelectorAll("table.docs tbody th a")].map(a => a.getAttribute("href").split("/").slice(-2)[0])`, c)
			}
			do(t, ctx, "open the chooser", chromedp.Navigate(base+"compare/index.html"))
			for _, side := range []string{"a", "b"} {
				for _, c := range chooser {
					typeFilter(t, ctx, "the chooser's 文件"+map[string]string{"a": "甲", "b": "乙"}[side], `#chooser .pick-filter[data-for="pick-`+side+`"]`,
						`[...document.querySelectorAll("#pick-`+side+` option")].map(o => o.value)`, c)
				}
			}
		})
	}
}

// typeFilter types c's words into the empty box at box and waits for
// the list, whose ids listed gives, to hold c's documents.
func typeFilter(t *testing.T, ctx context.Context, what, box, listed string, c filterCase) {
	t.Helper()
	do(t, ctx, "type "+c.typed+" into "+what,
		chromedp.Evaluate[chromedp.Void](`document.querySelector('`+box+`').value = ""`),
		chromedp.SendKeys(chromedp.CSS(box), c.typed))
	want := slices.Sorted(slices.Values(c.want))
	eventually(t, ctx, what+" with "+c.typed, `(`+listed+`).sort().join(" ")`, strings.Join(want, " "))
}
