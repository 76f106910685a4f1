package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
	"tiaowen/internal/site"
)

// TestBrowserTerms opens, from disk, the offline bundle of the seeds with
// three terms — one expired, one not yet in force, one in force — and
// finds each said for the day the page is read: a note above the text of
// a document, and of its sections, that is not in force, the 时效 row of
// its details, the home page's status column as built and as the finder
// draws it, a pair page's line of each document, a theme page's date of
// each, the finder's and the search's choice by 时效, and a hit's mark.
func TestBrowserTerms(t *testing.T) {
	root := t.TempDir()
	content := filepath.Join(root, "content")
	if err := os.CopyFS(content, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	site.SetTerms(t, content, site.SeedTerms)
	built, err := bundleSite(root, content)
	if err != nil {
		t.Fatal(err)
	}
	base := browsertest.FileURL(built.bundle) + "/"
	ctx := browsertest.Start(t)
	problems := browsertest.RecordProblems(t, ctx)
	defer problems.Check(t)

	const note = `(() => { const n = document.querySelector(".term-note");
		return n && !n.hidden && n.getBoundingClientRect().height > 0 ? n.textContent : "" })()`
	const state = `(() => { const s = document.querySelector(".term-state");
		return s && !s.hidden ? s.querySelector("dt").textContent + " " + s.querySelector("dd").textContent : "" })()`
	for _, tt := range []struct{ page, note, state string }{
		{"docs/guangdong-2020-shishi/index.html", "本文件有效期至 2022-12-31，已届满失效。", "时效 已失效"},
		{"docs/guangdong-2020-shishi/p1/index.html", "本文件有效期至 2022-12-31，已届满失效。", ""},
		{"docs/jiangsu-2023-yijian/index.html", "本文件自 2099-01-01 起施行，目前尚未施行。", "时效 尚未施行"},
		{"docs/jiangsu-2023-yijian/p1/index.html", "本文件自 2099-01-01 起施行，目前尚未施行。", ""},
		{"docs/guangdong-2023-gangyao/index.html", "", "时效 现行有效"},
		{"docs/guangdong-2023-gangyao/p1/index.html", "", ""},
		{"docs/luhe-2017-yijian/index.html", "", ""},
	} {
		do(t, ctx, "open "+tt.page, chromedp.Navigate(base+tt.page))
		if got := eval[string](t, ctx, note); got != tt.note {
			t.Errorf("%s: the note says %q, want %q", tt.page, got, tt.note)
		}
		if got := eval[string](t, ctx, state); got != tt.state {
			t.Errorf("%s: the details say %q, want %q", tt.page, got, tt.state)
		}
	}

	// A section's counterparts and a document's comparisons say it of
	// the documents they lead to (by their addresses' last folders but
	// one: a document's, a pair's).
	do(t, ctx, "open a section", chromedp.Navigate(base+"docs/guangzhou-2023-fangan/p1-s1/index.html"))
	const marked = `[...document.querySelectorAll(SEL)].filter(li => li.querySelector(".term-mark")).map(li => li.querySelector("a").getAttribute("href").split("/").at(AT) + ":" + li.querySelector(".term-mark").textContent).sort().join("|")`
	if got, want := eval[string](t, ctx, strings.NewReplacer("SEL", `".counterparts li"`, "AT", "-3").Replace(marked)), "guangdong-2020-shishi: · 已失效|guangdong-2023-gangyao:"; got != want {
		t.Errorf("the section's counterparts: %q, want %q", got, want)
	}
	do(t, ctx, "open a document", chromedp.Navigate(base+"docs/luhe-2017-yijian/index.html"))
	if got, want := eval[string](t, ctx, strings.NewReplacer("SEL", `".compare-links li"`, "AT", "-2").Replace(marked)), "guangdong-2020-shishi--luhe-2017-yijian: · 已失效|guangdong-2023-gangyao--luhe-2017-yijian:|jiangsu-2023-yijian--luhe-2017-yijian: · 尚未施行"; got != want {
		t.Errorf("the document's comparisons: %q, want %q", got, want)
	}

	// A pair page says it of either document.
	do(t, ctx, "open a pair page", chromedp.Navigate(base+"compare/guangdong-2020-shishi--guangzhou-2023-fangan/index.html"))
	const sides = `[...document.querySelectorAll(".pair-meta li")].map(li => li.textContent).join("|")`
	if got, want := eval[string](t, ctx, sides), "前者 2020-09-17 · 省级 · 广东省人民政府 · 粤府〔2020〕50号 · 已失效|后者 未注明日期 · 市级 · 征求意见稿"; got != want {
		t.Errorf("the pair page's documents:\n%s\nwant\n%s", got, want)
	}

	// A theme's page says it after the date of each document it quotes.
	do(t, ctx, "open a theme", chromedp.Navigate(base+"themes/zhiliang-jichu-sheshi/index.html"))
	const dated = `[...document.querySelectorAll(".theme-doc")].map(s => s.id.slice(4) + " " + (s.querySelector(".dated") || {}).textContent).sort().join("|")`
	if got, want := eval[string](t, ctx, dated), "guangdong-2020-shishi 2020-09-17 · 已失效|guangdong-2023-gangyao 2023-06-21|guangzhou-2023-fangan 征求意见稿|jiangsu-2023-yijian 2023-03-10 · 尚未施行|luhe-2017-yijian 2017-05-24"; got != want {
		t.Errorf("the theme's documents:\n%s\nwant\n%s", got, want)
	}

	// The status column, as built and as the finder draws it.
	const statuses = `[...document.querySelectorAll("table.docs tbody tr")].map(tr =>
		tr.querySelector("a").getAttribute("href").split("/").at(-2) + " " + tr.cells[6].textContent).sort().join("|")`
	const all = "guangdong-2020-shishi 正式 · 已失效|guangdong-2023-gangyao 正式|guangzhou-2023-fangan 征求意见稿|jiangsu-2023-yijian 正式 · 尚未施行|luhe-2017-yijian 正式"
	do(t, ctx, "open the home page", chromedp.Navigate(base+"index.html"))
	if got := eval[string](t, ctx, statuses); got != all {
		t.Errorf("the build's rows say\n%s\nwant\n%s", got, all)
	}
	do(t, ctx, "sort by date", chromedp.Navigate(base+"index.html?sort=date"))
	eventually(t, ctx, "the status", `document.getElementById("finder-status").textContent`, "全部 5 份文件，按日期从旧到新。")
	if got := eval[string](t, ctx, statuses); got != all {
		t.Errorf("the finder's rows say\n%s\nwant\n%s", got, all)
	}
	for choice, want := range map[string]string{
		"expired":  "guangdong-2020-shishi 正式 · 已失效",
		"not-yet":  "jiangsu-2023-yijian 正式 · 尚未施行",
		"in-force": "guangdong-2023-gangyao 正式",
		"none":     "guangzhou-2023-fangan 征求意见稿|luhe-2017-yijian 正式",
	} {
		do(t, ctx, "choose "+choice, chromedp.Navigate(base+"index.html?term="+choice))
		eventually(t, ctx, "the rows of "+choice, statuses, want)
	}

	// The search keeps the documents of the term chosen, and marks a hit
	// in one not in force.
	searchOpen(t, ctx, base, "q", "质量基础设施", "term", "expired")
	hits := `[...new Set([...document.querySelectorAll("#search-results > li.hit")].map(li =>
		li.dataset.doc + " " + (li.querySelector(".hit-term")?.textContent ?? "-")))].sort().join("|")`
	if got := searchEval[string](t, ctx, hits); got != "guangdong-2020-shishi 已失效" {
		t.Errorf("质量基础设施 in the expired finds %q", got)
	}
	searchOpen(t, ctx, base, "q", "质量基础设施", "term", "in-force")
	if got := searchEval[string](t, ctx, hits); got != "guangdong-2023-gangyao -" {
		t.Errorf("质量基础设施 in force finds %q", got)
	}
}
