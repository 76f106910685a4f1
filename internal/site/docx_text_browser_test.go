package site_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// TestBrowserDocumentWord saves the seeds' 纲要 (简体), 意见 (繁體) and
// Guangzhou's 征求意见稿 from their pages as Word documents, from the
// offline bundle and from a web server, and reads each back as a
// package: its title is the document's (a draft's with its status, as
// citations give it),
// its particulars follow, and every section of the JSON API is there in
// order — its heading linked to its permalink, reading its number and
// title, at its level in Word's outline (a heading of its own in Word's
// heading style of that level, or one run into its paragraph at that
// outline level), its text after it, the 繁體 one's runs marked zh-TW —
// as written, even while the page shows it in 简体, which it shows again
// after. mammoth reads the headings as headings.
func TestBrowserDocumentWord(t *testing.T) {
	s := seedSite(t)
	ctx, bundle := openSeedBundle(t)
	downloads := allowDownloads(t, ctx)
	web := browsertest.Serve(t, s.web)
	var saved *wordPackage
	for _, base := range []string{bundle, web} {
		for _, id := range []string{gdID, jsID, gzID} {
			do(t, ctx, "open "+id, chromedp.Navigate(base+"docs/"+id+"/index.html"))
			pkg := openWord(t, awaitDownload(t, ctx, downloads, id+".docx", "button.docx"))
			checkWordText(t, s, id, pkg)
			saved = pkg
		}
	}
	// Read in 简体, the 意见 is saved as written.
	do(t, ctx, "open the 意见", chromedp.Navigate(bundle+"docs/"+jsID+"/index.html"))
	do(t, ctx, "read it in 简体", browsertest.Click(".script-switch button"))
	if !eval[bool](t, ctx, `(async () => {
		for (let i = 0; i < 200 && document.querySelector(".doc-text").lang !== "zh-Hans" && !document.querySelector(".doc-text [lang=zh-Hans]") && document.querySelector("article").lang !== "zh-Hans"; i++) await new Promise(r => setTimeout(r, 10));
		return document.querySelector(".script-switch button").getAttribute("aria-pressed") === "true";
	})()`) {
		t.Fatal("以简体阅读 did not turn on")
	}
	checkWordText(t, s, jsID, openWord(t, awaitDownload(t, ctx, downloads, jsID+".docx", "button.docx")))
	if got := eval[string](t, ctx, `document.querySelector("article").lang`); got != "zh-Hans" {
		t.Errorf("after saving, the 意见 is shown in %q, not in 简体 as chosen", got)
	}
	// Saved with a search's passages marked, as a hit's 在全文中查看
	// leaves it, the text is as written and none of it shaded.
	do(t, ctx, "open the 纲要 at a hit's section", chromedp.Navigate(bundle+"docs/"+gdID+"/index.html?hl=%E8%B4%A8%E9%87%8F#s2"))
	if n := eval[int](t, ctx, `document.querySelectorAll("mark.found").length`); n == 0 {
		t.Fatal("the 纲要 opened at s2 asking for 质量 marks nothing")
	}
	marked := openWord(t, awaitDownload(t, ctx, downloads, gdID+".docx", "button.docx"))
	checkWordText(t, s, gdID, marked)
	for _, n := range marked.body.kid("body").children {
		if n.name.Local != "p" {
			continue
		}
		if p := readPara(t, n, marked.links); len(p.shaded) > 0 {
			t.Errorf("saved with a search's marks, %q shades %v", p.text, p.shaded)
		}
	}
	_, html := runMammoth(t, saved.file)
	if !strings.Contains(html, "<h1>") || !strings.Contains(html, "<h2>") {
		t.Errorf("mammoth reads no headings from the saved document:\n%.400s", html)
	}
}

// listDoc is a county's plan whose section holds a list.
const listDoc = `---
id: d-list
title: 丁县质量工作要点
issuer: 丁县人民政府
date: "2024-05-01"
lang: zh-Hans
level: county
---

一、工作重点

（一）强化质量基础。重点做好以下工作：

- 完善计量体系
- 推进标准化建设

（二）加强品牌建设。
`

// TestBrowserDocumentWordList saves a document whose section holds a
// list: each item is a paragraph of its own, marked with a bullet.
func TestBrowserDocumentWordList(t *testing.T) {
	s, err := buildSite(t.TempDir(), map[string]string{"docs/d-list.md": listDoc})
	if err != nil {
		t.Fatal(err)
	}
	ctx, base := startOn(t, s, "file")
	downloads := allowDownloads(t, ctx)
	do(t, ctx, "open the document", chromedp.Navigate(base+"docs/d-list/index.html"))
	pkg := openWord(t, awaitDownload(t, ctx, downloads, "d-list.docx", "button.docx"))
	checkWordText(t, s, "d-list", pkg)
	var items []string
	for _, n := range pkg.body.kid("body").children {
		if p := readPara(t, n, pkg.links); strings.HasPrefix(p.text, "•\t") {
			items = append(items, p.text)
		}
	}
	if want := []string{"•\t完善计量体系", "•\t推进标准化建设"}; !slices.Equal(items, want) {
		t.Errorf("the list's items are %q, want %q", items, want)
	}
}

// wordPara is a paragraph of a saved document: its outline level (0 for
// the title's, -1 for body text), the target of its first link and the
// text inside that link, its text, its runs' East Asian language
// ("mixed" when they differ), and the text of each shaded run with its
// fill.
type wordPara struct {
	outline          int
	link, head, text string
	lang             string
	shaded           [][2]string
}

// checkWordText checks the document id saved as pkg against the JSON API.
func checkWordText(t *testing.T, s builtSite, id string, pkg *wordPackage) {
	t.Helper()
	var doc struct {
		Title, Lang, Status string
		Sections            []struct {
			EID                      string `json:"eId"`
			Level                    int
			Marker, Title, Text, URL string
		}
	}
	readJSON(t, filepath.Join(s.web, "api", "docs", id+".json"), &doc)
	var paras []wordPara
	for _, n := range pkg.body.kid("body").children {
		switch n.name.Local {
		case "p":
			paras = append(paras, readPara(t, n, pkg.links))
		case "tbl":
			paras = append(paras, wordPara{outline: -1, text: tableText(n, func(p *xnode) string { return readPara(t, p, pkg.links).text })})
		}
	}
	// A draft's title says what it is, as its citations do.
	title := doc.Title
	if doc.Status != "正式" && !strings.Contains(title, doc.Status) {
		title += "（" + doc.Status + "）"
	}
	if len(paras) < 3 || paras[0].outline != 0 || paras[0].text != title {
		t.Fatalf("%s: the first paragraph is %+v, want the title %q in the title's style", id, paras[0], title)
	}
	if !strings.HasPrefix(paras[1].text, "发布机关：") && !strings.HasPrefix(paras[1].text, "日期：") && !strings.HasPrefix(paras[1].text, "来源：") {
		t.Errorf("%s: the particulars begin %q", id, paras[1].text)
	}
	if last := paras[len(paras)-1].text; !strings.HasPrefix(last, "导出自：") || !strings.Contains(last, "docs/"+id+"/") {
		t.Errorf("%s: the last line is %q, want where it was saved from", id, last)
	}
	wantLang := ""
	if doc.Lang == "zh-Hant" {
		wantLang = "zh-TW"
	}
	at := 0
	for _, sec := range doc.Sections {
		i := at
		for i < len(paras) && paras[i].link != sec.URL {
			i++
		}
		if i == len(paras) {
			t.Errorf("%s %s: no paragraph after the one of the section before links to %s", id, sec.EID, sec.URL)
			continue
		}
		p := paras[i]
		// The heading as the page shows it: its number set apart by an
		// ideographic space, and a heading without text after it ending
		// in its own punctuation (「（二）加强品牌建设。」).
		if head := strings.TrimRight(strings.ReplaceAll(p.head, "\u3000", ""), "。．.：:"); head != sec.Marker+sec.Title {
			t.Errorf("%s %s: the heading reads %q, want %q", id, sec.EID, p.head, sec.Marker+sec.Title)
		}
		if p.outline != sec.Level {
			t.Errorf("%s %s: at outline level %d, want %d", id, sec.EID, p.outline, sec.Level)
		}
		if p.lang != wantLang {
			t.Errorf("%s %s: runs marked %q, want %q", id, sec.EID, p.lang, wantLang)
		}
		// The section's text: what its paragraph holds after the
		// heading (the punctuation that ends a run-in heading aside),
		// then the body paragraphs up to the next heading.
		var text []string
		if rest := strings.TrimLeft(strings.TrimPrefix(p.text, p.head), "。．.：:"); rest != "" {
			text = append(text, rest)
		}
		// (The last paragraph says where the file was saved from.)
		for j := i + 1; j < len(paras)-1 && paras[j].link == "" && paras[j].outline < 0; j++ {
			// A list's item is its text after its mark.
			text = append(text, listMark.ReplaceAllString(paras[j].text, ""))
		}
		if got := strings.Join(text, "\n"); got != sec.Text {
			t.Errorf("%s %s: the text is\n%q\nwant\n%q", id, sec.EID, got, sec.Text)
		}
		at = i + 1
	}
}

// listMark is the mark that begins an item of a list in a saved
// document: a bullet, or a number, and a tab.
var listMark = regexp.MustCompile(`^(•|[0-9]+\.)\t`)

// readPara reads a paragraph of a saved document.
func readPara(t *testing.T, n *xnode, links map[string]*xnode) wordPara {
	t.Helper()
	p := wordPara{outline: -1}
	if pr := n.kid("pPr"); pr != nil {
		if st := pr.kid("pStyle"); st != nil && strings.HasPrefix(st.attr["val"], "Heading") {
			var level int
			if _, err := fmt.Sscan(strings.TrimPrefix(st.attr["val"], "Heading"), &level); err == nil {
				p.outline = level - 1
			}
		}
		if o := pr.kid("outlineLvl"); o != nil {
			fmt.Sscan(o.attr["val"], &p.outline)
		}
	}
	langSeen := false
	var runs func(n *xnode, inLink bool)
	runs = func(n *xnode, inLink bool) {
		for _, k := range n.children {
			switch k.name.Local {
			case "r":
				run := ""
				for _, x := range k.children {
					var s string
					switch x.name.Local {
					case "t":
						s = x.text
					case "tab":
						s = "\t"
					case "br":
						s = "\n"
					}
					p.text += s
					run += s
					if inLink {
						p.head += s
					}
				}
				lang := ""
				if pr := k.kid("rPr"); pr != nil && pr.kid("lang") != nil {
					lang = pr.kid("lang").attr["eastAsia"]
				}
				if pr := k.kid("rPr"); pr != nil && pr.kid("shd") != nil {
					p.shaded = append(p.shaded, [2]string{pr.kid("shd").attr["fill"], run})
				}
				if !langSeen {
					p.lang, langSeen = lang, true
				} else if lang != p.lang {
					p.lang = "mixed"
				}
			case "hyperlink":
				if p.link == "" {
					if r := links[k.attr["id"]]; r != nil && r.attr["TargetMode"] == "External" {
						p.link = r.attr["Target"]
					} else {
						t.Errorf("a link's relationship %q is missing or not external", k.attr["id"])
					}
					runs(k, true)
				} else {
					runs(k, false)
				}
			}
		}
	}
	runs(n, false)
	return p
}
