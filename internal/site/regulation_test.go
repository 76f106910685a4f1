package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestChapterHeadings: wherever a section's marker and title are printed
// as one string — the page title, the breadcrumb, the JSON-LD name, a
// theme's passages — a 第X章 or 附件1 is set off from its title by a
// space, as printed law is, while 一、 or （一） runs on into it.
func TestChapterHeadings(t *testing.T) {
	dir := regulationSite(t)
	ch2 := read(t, dir, "docs/c-tiaoli/ch2/index.html")
	for _, want := range []string{
		"<title>第二章 质量基础设施 · 丙省质量促进条例 · ",
		`"name":"《丙省质量促进条例》第二章 质量基础设施"`,
		`<li aria-current="page" lang="zh-Hans">第二章 质量基础设施</li>`,
	} {
		if !strings.Contains(ch2, want) {
			t.Errorf("the chapter's page lacks %q", want)
		}
	}
	art2 := read(t, dir, "docs/c-tiaoli/art2/index.html")
	if want := `>第二章 质量基础设施</a></li>`; !strings.Contains(art2, want) {
		t.Errorf("the article's breadcrumb lacks %q:\n%s", want, between(art2, `class="breadcrumb"`, "</nav>"))
	}
	annexItem := read(t, dir, "docs/c-tiaoli/annex1-p1/index.html")
	for _, want := range []string{">附件1 质量指标一览表</a></li>", "<title>附件1一、指标 · "} {
		if !strings.Contains(annexItem, want) {
			t.Errorf("the annex's first division's page lacks %q", want)
		}
	}
	// The theme is in the chapter's title, marked where the theme's page
	// names the chapter.
	if theme := read(t, dir, "themes/zhiliang-jichu-sheshi/index.html"); !strings.Contains(theme, `">第二章 <mark>质量基础设施</mark></a>`) {
		t.Errorf("the theme's passages do not name the chapter as 第二章 质量基础设施:\n%s", between(theme, "c-tiaoli", "</ol>"))
	}
}

// TestMarkersApart: a marker that ends in a word (第二章, 第一条, 附件1)
// is set apart from its title on a document's page, in its table of
// contents and on a pair page; one that ends in punctuation (一、,
// 附件2：) is not, its punctuation parting it already.
func TestMarkersApart(t *testing.T) {
	dir := regulationSite(t)
	page := read(t, dir, "docs/c-tiaoli/index.html")
	for _, want := range []string{
		`<span class="marker apart">第二章</span>`,
		`<span class="marker apart">第一条</span>`,
		`<span class="marker apart">附件1</span>`,
		`<span class="marker">附件2：</span>`,
		`<span class="marker">一、</span>`,
		`data-eid="ch2"><span class="marker apart">第二章</span>`,
		`data-eid="annex2"><span class="marker">附件2：</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the regulation's page lacks %q", want)
		}
	}
	pairs, err := filepath.Glob(filepath.Join(dir, "build", "site", "compare", "*c-tiaoli*", "index.html"))
	if err != nil || len(pairs) == 0 {
		t.Fatalf("no pair page of the regulation (%v)", err)
	}
	pair, err := os.ReadFile(pairs[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<span class="marker apart">第二章</span>`, `<span class="marker">附件2：</span>`} {
		if !strings.Contains(string(pair), want) {
			t.Errorf("%s lacks %q", pairs[0], want)
		}
	}
}

// regulationSite builds basic.txtar's site with a regulation of
// chapters and articles added, whose annex has a table.
func regulationSite(t *testing.T) string {
	t.Helper()
	dir := unpack(t, "basic.txtar")
	regulation := `---
id: c-tiaoli
title: 丙省质量促进条例
issuer: 丙省人民代表大会常务委员会
date: "2024-03-01"
lang: zh-Hans
level: province
---

## 第一章　总则

第一条　为了推进质量强省建设，制定本条例。

## 第二章　质量基础设施

第二条　县级以上人民政府应当加强计量、标准建设。

附件1

质量指标一览表

一、指标。合格率达到95%。

| 指标 | 目标 | 依据 |
|---|---|---|
| 首负责任制覆盖率 | 100% | 《甲市质量强市实施方案》 |
| 首负 | 责任制 | 无 |
| 计量 | 99% | 见[国务院网站](https://www.gov.cn/) |

附件2：补充说明

一、说明。本附件说明指标的口径。
`
	if err := os.WriteFile(filepath.Join(dir, "content", "docs", "c-tiaoli.md"), []byte(regulation), 0o644); err != nil {
		t.Fatal(err)
	}
	build(t, dir)
	return dir
}

// TestTableCells: a table's cells are read for theme terms, document
// titles and links as paragraphs are, cell by cell — a term split across two cells
// is none — and written with them marked and linked.
func TestTableCells(t *testing.T) {
	dir := regulationSite(t)
	page := read(t, dir, "docs/c-tiaoli/index.html")
	table := between(page, "<table>", "</table>")
	for _, want := range []string{
		`<td><a class="term t-shoufu-zerenzhi" href="../../themes/shoufu-zerenzhi/index.html" title="主题：首负责任制">首负责任制</a>覆盖率</td>`,
		`<td><a class="named" href="../../docs/a-plan/index.html">《甲市质量强市实施方案》</a></td>`,
		`<td>首负</td><td>责任制</td>`,
		`<td>见<a class="ext" href="https://www.gov.cn/" rel="noopener">国务院网站</a></td>`,
	} {
		if !strings.Contains(table, want) {
			t.Errorf("the table lacks %s:\n%s", want, table)
		}
	}
	if aside := between(page, `aria-labelledby="named-h"`, "</aside>"); !strings.Contains(aside, `<a href="../../docs/c-tiaoli/annex1-p1/index.html">附件1一、</a>`) {
		t.Errorf("the document's references do not name the annex's division whose table cites a-plan:\n%s", aside)
	}
	passages := between(read(t, dir, "themes/shoufu-zerenzhi/index.html"), `id="h-c-tiaoli"`, "</ol>")
	if strings.Count(passages, "<mark>") != 1 || !strings.Contains(passages, "<blockquote><mark>首负责任制</mark>覆盖率｜100%｜《甲市质量强市实施方案》</blockquote>") {
		t.Errorf("the theme's page should show one passage of c-tiaoli, the row whose cell has the term whole, its cells apart:\n%s", passages)
	}
}
