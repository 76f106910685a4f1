package site

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"

	"tiaowen/internal/htmlesc"
)

// scriptSwitch is the button above a 繁體 text that reads it in 简体,
// hidden until static/site.js, which works it, shows it; written by the
// build rather than by the script so that the stylesheet keeps its place
// from the first paint, and the text under it does not move when it
// appears.
// pairDownloads are a pair page's downloads, whose buttons
// static/compare.js works — and takes away where the browser cannot
// make the file —, written by the build so that the tools have their
// place from the first paint.
const pairDownloads = `<span class="downloads" role="group" aria-label="下载">下载：<button type="button" class="csv">对照表 CSV</button><button type="button" class="docx">对照表 Word</button><button type="button" class="redline">修订稿 Word</button></span>`

const scriptSwitch template.HTML = `<p class="script-switch" hidden><button type="button" aria-pressed="false">以简体阅读</button></p>
`

// Section pages are most of a site's pages, and on each the template
// engine spent more time than on anything else the page needs: every
// action goes through reflection and an escaper chain (145 µs a page at
// 2,000 documents, 14 % of a build's CPU). With the stock templates —
// no base.html or section.html in the project's templates/ — a section
// page is written here instead, byte for byte what base.html and
// section.html print (TestDirectSectionPages renders every page both
// ways), escaping as html/template does (internal/htmlesc). A project
// that brings its own layout or section.html gets the template engine,
// and its templates, as before.
//
// The layout's shared fragments still come from the templates, through
// the same cache (partials), so a project's site.yaml shows the same.

// layout writes what base.html prints around a page's content: fill
// writes the content. Only for page templates that define no "head".
func layout(w *bytes.Buffer, p *Page, partial func(string, Chrome) (template.HTML, error), fill func() error) error {
	chrome := p.Chrome()
	links, err := partial("site-links", chrome)
	if err != nil {
		return err
	}
	header, err := partial("site-header", chrome)
	if err != nil {
		return err
	}
	footer, err := partial("site-footer", chrome)
	if err != nil {
		return err
	}
	o := printer{w}

	// base.html, up to the content.
	o.raw("<!DOCTYPE html>\n<html lang=\"")
	o.text(p.Lang)
	o.raw("\">\n<head>\n<meta charset=\"utf-8\">\n")
	if p.BaseHref != "" {
		o.raw(`<base href="`)
		o.url(p.BaseHref)
		o.raw("\">\n")
	}
	o.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	if p.Draft {
		o.raw("<meta name=\"robots\" content=\"noindex\">\n")
	}
	o.raw("<title>")
	if p.Title != "" {
		o.text(p.Title)
		o.raw(" · ")
	}
	o.text(p.Site.Title)
	o.raw("</title>\n")
	if p.Description != "" {
		o.raw(`<meta name="description" content="`)
		o.text(p.Description)
		o.raw("\">\n")
	}
	if p.Canonical != "" {
		o.raw(`<link rel="canonical" href="`)
		o.url(p.Canonical)
		o.raw("\">\n")
	}
	o.raw("<meta name=\"color-scheme\" content=\"light dark\">\n<meta property=\"og:site_name\" content=\"")
	o.text(p.Site.Title)
	o.raw("\">\n<meta property=\"og:title\" content=\"")
	if p.Title != "" {
		o.text(p.Title)
	} else {
		o.text(p.Site.Title)
	}
	o.raw("\">\n<meta property=\"og:type\" content=\"")
	o.text(p.OGType)
	o.raw("\">\n<meta property=\"og:locale\" content=\"")
	o.text(p.OGLocale())
	o.raw("\">\n")
	if p.Canonical != "" {
		o.raw(`<meta property="og:url" content="`)
		o.text(p.Canonical)
		o.raw("\">\n")
	}
	if p.Description != "" {
		o.raw(`<meta property="og:description" content="`)
		o.text(p.Description)
		o.raw("\">\n")
	}
	o.raw(string(links))
	if p.JSONLD != "" {
		o.raw(`<script type="application/ld+json">`)
		o.raw(string(p.JSONLD))
		o.raw("</script>\n")
	}
	o.raw(`<script src="`)
	o.url(p.assets.url(p.Root, "static/theme.js"))
	o.raw("\"></script>\n</head>\n<body class=\"k-")
	o.text(p.Kind)
	o.raw("\">\n")
	o.raw(string(header))
	o.raw("<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n")
	if p.Draft {
		o.raw("<p class=\"draft-note\" role=\"note\">" + draftNote + "</p>\n")
	}

	if err := fill(); err != nil {
		return err
	}
	o.raw("\n</main>\n")
	o.raw(string(footer))
	return nil
}

// draftNote is what base.html says at the top of a draft's page.
const draftNote = "草稿预览：本页所示文件标为草稿（draft: true），只在以 --buildDrafts 构建的预览中出现，正式构建的站点不含此页。"

// writeSectionPage writes a section page as base.html and section.html
// print it.
func writeSectionPage(w *bytes.Buffer, p *Page, partial func(string, Chrome) (template.HTML, error)) error {
	d, err := dataOf[sectionData](p)
	if err != nil {
		return err
	}
	o := printer{w}
	return layout(w, p, partial, func() error {
		lang := func() { o.text(d.Lang) }
		o.raw("\n<nav class=\"breadcrumb\" aria-label=\"位置\"><ol>\n<li><a href=\"")
		o.url(d.DocLink.URL)
		o.raw(`" lang="`)
		lang()
		o.raw(`">`)
		o.text(d.DocLink.Text)
		o.raw("</a></li>\n")
		for _, c := range d.Crumbs {
			o.raw(`<li><a href="`)
			o.url(c.URL)
			o.raw(`" lang="`)
			lang()
			o.raw(`">`)
			o.text(c.Text)
			o.raw("</a></li>\n")
		}
		o.raw(`<li aria-current="page" lang="`)
		lang()
		o.raw(`">`)
		o.text(d.Heading)
		o.raw("</li>\n</ol></nav>\n")
		if d.Status != "" {
			o.raw(`<p class="status-note" role="note">本条所在文件的状态：<strong>`)
			o.text(d.Status)
			o.raw("</strong></p>\n")
		}
		// link writes a link to another version, in its language.
		link := func(url, lang, text string) {
			o.raw(`<a href="`)
			o.url(url)
			o.raw(`" lang="`)
			o.text(lang)
			o.raw(`">`)
			o.text(text)
			o.raw("</a>")
		}
		// facts writes a version's date and status, when it has them.
		facts := func(f string) {
			if f != "" {
				o.raw("（")
				o.text(f)
				o.raw("）")
			}
		}
		if doc := d.Doc; doc.Effective != "" || doc.Expires != "" {
			// Whether the document is in force is for the day the page
			// is read: site.js says so from the days.
			o.raw(`<p class="term-note" role="note" data-effective="`)
			o.text(doc.Effective)
			o.raw(`" data-expires="`)
			o.text(doc.Expires)
			o.raw("\" hidden></p>\n")
		}
		if v := d.Newer; v != nil {
			o.raw(`<div class="version-note" role="note"><p>本条所在的文件已被`)
			link(v.URL, v.Lang, "《"+v.Title+"》")
			if v.Facts != "" {
				o.raw("（")
				o.text(v.Facts)
				writeTermMark(o, v.Effective, v.Expires)
				o.raw("）")
			}
			o.raw("取代。")
			if v.Newest != nil {
				o.raw("最新版本为")
				link(v.Newest.URL, v.Newest.Lang, "《"+v.Newest.Title+"》")
				o.raw("。")
			}
			o.raw("</p><p>")
			if c := v.Counterpart; c != nil {
				o.raw("新版本中的对应条文：")
				link(c.URL, v.Lang, c.Text)
			} else {
				o.raw("新版本中没有与本条对应的条文。")
			}
			if v.PairURL != "" {
				o.raw(` <a class="pair-link" href="`)
				o.url(v.PairURL)
				o.raw(`">两版逐条对照</a>`)
			}
			o.raw("</p></div>\n")
		}
		if d.Lang == "zh-Hant" {
			o.raw(string(scriptSwitch))
		}
		o.raw("<article class=\"section-page\" lang=\"")
		lang()
		o.raw("\">\n")
		o.raw(string(d.Body))
		o.raw("\n</article>\n")
		for _, e := range d.Earlier {
			o.raw(`<p class="version-earlier">旧版本`)
			link(e.URL, e.Lang, "《"+e.Title+"》")
			facts(e.Facts)
			if c := e.Counterpart; c != nil {
				o.raw("中的对应条文：")
				link(c.URL, e.Lang, c.Text)
			} else {
				o.raw("中没有与本条对应的条文。")
			}
			o.raw(` <a class="pair-link" href="`)
			o.url(e.PairURL)
			o.raw("\">两版逐条对照</a></p>\n")
		}
		o.raw("<nav class=\"prevnext\" aria-label=\"上下条\">\n")
		// neighbour writes the link to the section before or after.
		neighbour := func(l *pageLink, rel, key, word string) {
			if l == nil {
				return
			}
			o.raw(`<a class="` + rel + `" rel="` + rel + `" href="`)
			o.url(l.URL)
			o.raw(`" aria-keyshortcuts="` + key + `"><span>` + word + `</span> <span lang="`)
			lang()
			o.raw(`">`)
			o.text(l.Text)
			o.raw("</span></a>")
		}
		neighbour(d.PrevLink, "prev", "ArrowLeft", "上一条")
		o.raw("\n<a class=\"up\" href=\"")
		o.url(d.UpURL)
		o.raw("\">在全文中查看</a>\n")
		neighbour(d.NextLink, "next", "ArrowRight", "下一条")
		o.raw("\n</nav>\n")
		if len(d.ThemeLinks) > 0 {
			o.raw(`<section class="section-themes" aria-labelledby="th-h"><h2 id="th-h">本条主题</h2><ul class="chips">`)
			for _, l := range d.ThemeLinks {
				o.raw(`<li><a href="`)
				o.url(l.URL)
				o.raw(`">`)
				o.text(l.Text)
				o.raw("</a></li>")
			}
			o.raw("</ul></section>")
		}
		o.raw("\n")
		if len(d.CounterpartLinks) > 0 {
			o.raw(`<section class="counterparts" aria-labelledby="cp-h"><h2 id="cp-h">其他文件中的对应条文</h2><ol>`)
			for _, c := range d.CounterpartLinks {
				o.raw(`<li><a href="`)
				o.url(c.URL)
				o.raw(`" lang="`)
				o.text(c.Lang)
				o.raw(`">`)
				o.text(c.Text)
				o.raw(`</a>`)
				writeTermMark(o, c.Effective, c.Expires)
				if c.When != "" {
					o.raw(` <span class="dated">`)
					o.text(c.When)
					o.raw(`</span>`)
				}
				o.raw(` <span class="badge" title="相似度">`)
				o.raw(strconv.Itoa(c.Percent))
				o.raw("%</span>")
				if c.Pair != "" {
					o.raw(` <a class="pair-link" href="`)
					o.url(c.Pair)
					o.raw(`">逐条对照</a>`)
				}
				o.raw("</li>")
			}
			o.raw("</ol></section>")
		}
		o.raw("\n<section class=\"cite\" aria-labelledby=\"cite-h\">\n<h2 id=\"cite-h\">引用本条</h2>\n<dl>\n" +
			"<div><dt>永久链接</dt><dd><code class=\"cite-text\" id=\"cite-link\">")
		o.text(d.Cite.Permalink)
		o.raw("</code> <button class=\"copy\" type=\"button\" data-copy=\"cite-link\" hidden>复制</button></dd></div>\n" +
			"<div><dt>简称</dt><dd><span class=\"cite-text\" id=\"cite-short\" lang=\"")
		lang()
		o.raw(`">`)
		o.text(d.Cite.Short)
		o.raw("</span> <button class=\"copy\" type=\"button\" data-copy=\"cite-short\" hidden>复制</button></dd></div>\n" +
			"<div><dt>GB/T 7714</dt><dd><span class=\"cite-text\" id=\"cite-gbt\" lang=\"")
		lang()
		o.raw(`">`)
		o.text(d.Cite.GBT)
		o.raw(`[<span class="cite-date">引用日期</span>]. `)
		o.text(d.Cite.Permalink)
		o.raw(".</span> <button class=\"copy\" type=\"button\" data-copy=\"cite-gbt\" hidden>复制</button></dd></div>\n" +
			"<div><dt>导出到文献管理软件</dt><dd><a href=\"")
		o.url(d.Cite.RIS)
		o.raw("\" download type=\"application/x-research-info-systems\">RIS</a>（EndNote、NoteExpress、Zotero 等） · <a href=\"")
		o.url(d.Cite.BibTeX)
		o.raw("\" download type=\"application/x-bibtex\">BibTeX</a><br><span class=\"note\">导出的是整份文件；引用本条时注明“<span lang=\"")
		lang()
		o.raw(`">`)
		o.text(d.Section.Citation())
		o.raw("</span>”。</span></dd></div>\n</dl>\n</section>\n")
		return nil
	})
}

// writePairPage writes a pair page as base.html and pair.html print it.
// Most of its bytes are the rows, written here straight into the page
// (through the template engine they were made whole, then copied).
func writePairPage(w *bytes.Buffer, p *Page, partial func(string, Chrome) (template.HTML, error)) error {
	d, err := dataOf[pairData](p)
	if err != nil {
		return err
	}
	o := printer{w}
	docLink := func(doc *docInfo) {
		o.raw(`<a href="`)
		o.url(p.Root)
		o.urlPart(docPath(doc.ID) + "index.html")
		o.raw(`" lang="`)
		o.text(doc.Lang)
		o.raw(`">`)
		o.text(doc.Label())
		o.raw("</a>")
	}
	return layout(w, p, partial, func() error {
		o.raw("\n<nav class=\"breadcrumb\" aria-label=\"位置\"><ol><li><a href=\"")
		o.url(p.Root)
		o.raw("compare/index.html\">对照阅读</a></li><li aria-current=\"page\">逐条对照</li></ol></nav>\n<h1 class=\"pair-title\">")
		docLink(d.A)
		o.raw(` <span class="x">×</span> `)
		docLink(d.B)
		o.raw("</h1>\n<ul class=\"pair-meta\"><li><span class=\"side\">前者</span> ")
		writePairDoc(o, d.A)
		o.raw("</li><li><span class=\"side\">后者</span> ")
		writePairDoc(o, d.B)
		o.raw("</li></ul>\n")
		for _, n := range d.Naming {
			o.raw(`<p class="note named-note">`)
			o.text(n.Who)
			o.raw("在")
			for i, pl := range n.Places {
				if i > 0 {
					o.raw("、")
				}
				o.raw(`<a href="`)
				o.url(p.Root)
				o.urlPart(pl.Path)
				o.raw(`">`)
				o.text(pl.Label)
				o.raw("</a>")
			}
			o.raw("提及")
			o.text(n.Whom)
			o.raw("。</p>\n")
		}
		if d.Versions != "" {
			o.raw(`<p class="note versions-note">两者为同一文件的不同版本：`)
			o.text(d.Versions)
			o.raw("。</p>\n")
		}
		o.raw("<p class=\"note\">")
		o.raw(strconv.Itoa(d.Matched))
		o.raw(` 对相互对应的条目；同色标记为两侧共有的语句（不计简繁与标点），占前者文字的 `)
		o.text(d.SharedA)
		o.raw(`、后者的 `)
		o.text(d.SharedB)
		o.raw(`。<a href="`)
		o.url(d.JSONPath)
		o.raw("\">JSON</a></p>\n<div class=\"cmp-tools\" id=\"cmp-tools\" hidden>\n")
		if d.FoldSide != "" {
			o.raw(`<label><input type="checkbox" id="fold"> 繁體显示为简体</label>`)
		}
		o.raw("\n<label><input type=\"checkbox\" id=\"diffs\"> 只看差异</label>\n<label><input type=\"checkbox\" id=\"words\"> 逐词比对</label>\n")
		if len(d.Themes) > 0 {
			o.raw(`<label>主题 <select id="theme-filter"><option value="">全部</option>`)
			for _, t := range d.Themes {
				o.raw(`<option value="`)
				o.text(t.Theme.ID)
				o.raw(`">`)
				o.text(t.Theme.Name)
				o.raw("（")
				o.raw(strconv.Itoa(t.Count))
				o.raw("）</option>")
			}
			o.raw("</select></label>")
		}
		o.raw("\n")
		if d.Reordered {
			o.raw("<label><input type=\"checkbox\" id=\"cmp-tools-order\"> 按后者次序</label>\n")
		}
		o.raw(pairDownloads + "\n<span id=\"cmp-status\" class=\"note\" role=\"status\"></span>\n</div>\n")
		if d.FoldSide != "" {
			o.raw(`<script type="application/json" id="fold-map" data-side="`)
			o.text(d.FoldSide)
			o.raw(`">`)
			o.raw(string(d.FoldMap))
			o.raw("</script>")
		}
		o.raw("\n<div class=\"cmp-layout\">\n<nav class=\"overview\" aria-label=\"对照概览\">\n")
		writeOverview(w, d)
		o.raw("\n</nav>\n<div class=\"cmp\" role=\"table\" aria-label=\"逐条对照\">\n" +
			"<div class=\"cmp-row cmp-head\" role=\"row\"><div role=\"columnheader\" lang=\"")
		o.text(d.A.Lang)
		o.raw(`">`)
		o.text(d.A.Label())
		o.raw(`</div><div role="columnheader" class="score">相似</div><div role="columnheader" lang="`)
		o.text(d.B.Lang)
		o.raw(`">`)
		o.text(d.B.Label())
		o.raw("</div></div>\n")
		writePairTable(w, d)
		o.raw("</div>\n</div>\n")
		if d.FoldSide != "" {
			o.raw(`<script src="`)
			o.url(p.assets.url(p.Root, "static/hanconv.js"))
			o.raw("\"></script>\n")
		}
		o.raw(`<script src="`)
		o.url(p.assets.url(p.Root, "static/csv.js"))
		o.raw("\"></script>\n<script src=\"")
		o.url(p.assets.url(p.Root, "static/compare.js"))
		o.raw("\"></script>\n")
		return nil
	})
}

// printer writes the parts of a page: markup as it is, and strings
// escaped as html/template escapes them in each context.
type printer struct{ w *bytes.Buffer }

// writePairDoc writes what pair.html's "pair-doc" prints of a document:
// its date, then its level, issuer, number and status.
func writePairDoc(o printer, d *docInfo) {
	o.raw(`<span lang="`)
	o.text(d.Lang)
	o.raw(`">`)
	if d.Date != "" {
		o.raw(`<time datetime="`)
		o.text(d.Date)
		o.raw(`">`)
		o.text(d.Date)
		o.raw("</time>")
	} else {
		o.raw("未注明日期")
	}
	for _, f := range d.Facts() {
		o.raw(" · ")
		o.text(f)
	}
	writeTermMark(o, d.Effective, d.Expires)
	o.raw("</span>")
}

// writeTermMark writes, for a document with a term, the element in which
// site.js says whether it is in force on the day the page is read.
func writeTermMark(o printer, effective, expires string) {
	if effective == "" && expires == "" {
		return
	}
	o.raw(`<span class="term-mark" data-effective="`)
	o.text(effective)
	o.raw(`" data-expires="`)
	o.text(expires)
	o.raw(`"></span>`)
}

func (o printer) raw(s string)     { o.w.WriteString(s) }
func (o printer) text(s string)    { htmlesc.Text(o.w, s) }
func (o printer) url(s string)     { htmlesc.URL(o.w, s) }
func (o printer) urlPart(s string) { htmlesc.URLPart(o.w, s) }

// dataOf is a page's data, of the type its kind has.
func dataOf[T any](p *Page) (T, error) {
	d, ok := p.Data.(T)
	if !ok {
		return d, fmt.Errorf("page %s: data is %T, not %T", p.Path, p.Data, d)
	}
	return d, nil
}
