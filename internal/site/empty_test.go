package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tiaowen/internal/scaffold"
)

// TestNewSiteGrows builds a site as `tiaowen new site` makes it, then
// with one document, a second, and a theme: a build with no documents
// warns of it, and the home, themes and compare pages say what they do
// not have yet instead of drawing empty tables, lists and choosers.
func TestNewSiteGrows(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := scaffold.Write(dir, scaffold.Settings{Title: "测试文库", Name: "grows"}); err != nil {
		t.Fatal(err)
	}
	content := filepath.Join(dir, "content")
	build := func() (warnings string) {
		t.Helper()
		var w strings.Builder
		if _, err := Build(Options{Content: content, Out: filepath.Join(dir, "build", "site"), Zip: "-", Warnings: &w}); err != nil {
			t.Fatalf("Build: %v", err)
		}
		return w.String()
	}
	page := func(name string) string { return read(t, dir, name) }
	type want struct {
		page string
		has  []string
		not  []string
	}
	check := func(stage string, wants ...want) {
		t.Helper()
		for _, w := range wants {
			p := page(w.page)
			for _, s := range w.has {
				if !strings.Contains(p, s) {
					t.Errorf("%s: %s lacks %q", stage, w.page, s)
				}
			}
			for _, s := range w.not {
				if strings.Contains(p, s) {
					t.Errorf("%s: %s has %q", stage, w.page, s)
				}
			}
		}
	}
	const (
		noDocs    = `<p class="empty">本站尚未收录文件。</p>`
		noThemes  = `<p class="empty">本站尚未设定主题。</p>`
		fewDocs   = `<p class="empty">收录两份以上文件后，可在这里任选两份逐条对照。</p>`
		docsTable = `<table class="docs">`
		matrix    = `id="matrix-h"`
		chooser   = `id="chooser"`
		pairs     = `id="pairs-h"`
		similar   = `id="sim-h"`
		scripts   = `static/compare.js`
	)

	if w := build(); !strings.Contains(w, "docs: warning: no documents") || !strings.Contains(w, "tiaowen import") {
		t.Errorf("a build with no documents warns %q", w)
	}
	check("no documents",
		want{"index.html", []string{noDocs, noThemes, "收录 0 份文件"}, []string{docsTable, `id="doc-finder"`, "api/docs.ris", matrix}},
		want{"themes/index.html", []string{noThemes}, []string{`class="theme-list"`}},
		want{"compare/index.html", []string{fewDocs}, []string{chooser, pairs, similar, scripts}})

	doc := func(id, title, text string) {
		t.Helper()
		src := "---\nid: " + id + "\ntitle: " + title + "\nissuer: 测试市人民政府\ndate: \"2024-03-01\"\nlang: zh-Hans\nlevel: city\n---\n\n" + text
		if err := os.WriteFile(filepath.Join(content, "docs", id+".md"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	doc("a-plan", "甲市质量强市实施方案", "一、总体要求\n\n（一）主要目标。到2025年，质量强市建设取得明显成效，推行首负责任制。\n")
	if w := build(); w != "" {
		t.Errorf("a build with a document warns %q", w)
	}
	check("one document",
		want{"index.html", []string{docsTable, "甲市质量强市实施方案", noThemes}, []string{noDocs, matrix}},
		want{"compare/index.html", []string{fewDocs}, []string{chooser, pairs, scripts}})

	doc("b-rules", "乙县食品安全管理办法", "第一条 为了加强食品安全管理，制定本办法。\n\n第二条 本办法自发布之日起施行。\n")
	build()
	check("two documents",
		want{"compare/index.html", []string{chooser, pairs, "a-plan--b-rules/index.html", similar, scripts}, []string{fewDocs}})

	themes := "themes:\n  - id: shoufu-zerenzhi\n    name: 首负责任制\n    terms: [首负责任制]\n    description: 首问负责\n"
	if err := os.WriteFile(filepath.Join(content, "themes.yaml"), []byte(themes), 0o644); err != nil {
		t.Fatal(err)
	}
	build()
	check("a theme",
		want{"index.html", []string{matrix, "themes/shoufu-zerenzhi/index.html"}, []string{noThemes}},
		want{"themes/index.html", []string{`class="theme-list"`}, []string{noThemes}})
}

// TestComparePageNoPairs: a site of more documents than the build
// compares pairwise (30), none sharing its words with another, has no
// pair page; its compare page says so and offers the chooser.
func TestComparePageNoPairs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := scaffold.Write(dir, scaffold.Settings{Title: "测试文库", Name: "apart"}); err != nil {
		t.Fatal(err)
	}
	for k := range 31 {
		// Each document's text is its own run of 40 characters of the
		// CJK block, so that no two share a character pair.
		var text strings.Builder
		for i := range 40 {
			text.WriteRune(rune(0x4E00 + k*40 + i))
		}
		id := "doc-" + strings.Repeat("a", k+1)
		src := "---\nid: " + id + "\ntitle: 文件" + string(rune(0x4E00+k*40)) + "\ndate: \"2024-03-01\"\nlang: zh-Hans\nlevel: city\n---\n\n一、" + text.String() + "。\n"
		if err := os.WriteFile(filepath.Join(dir, "content", "docs", id+".md"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sum, err := Build(Options{Content: filepath.Join(dir, "content"), Out: filepath.Join(dir, "build", "site"), Zip: "-"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Docs != 31 {
		t.Fatalf("built %d documents, want 31", sum.Docs)
	}
	page := read(t, dir, "compare/index.html")
	for _, want := range []string{`id="chooser"`, `<p class="empty">这些文件之间没有足够相近的条目，没有预先生成的对照页；可在上方任选两份文件，在浏览器中逐条对照。</p>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the compare page lacks %q", want)
		}
	}
	if strings.Contains(page, `id="pair-list"`) {
		t.Error("the compare page has a list of pairs")
	}
}
