package ingest

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"tiaowen/internal/corpus"
)

// pageHead is what a saved government page has before its text: a title,
// scripts and styles, a menu and a breadcrumb in furniture, and a hidden
// element. None of it may reach the document.
const pageHead = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="%s">
<title>政策文件_某省人民政府门户网站</title>
<script>var first = "一、总体要求";</script>
<style>#zoom p { text-indent: 2em; }</style>
</head>
<body>
<div class="top-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>
<div style="display: none">（一）隐藏的条目</div>
<div id="zoom">
`

const pageFoot = `</div>
<footer><p>版权所有：某省人民政府办公厅</p><p>某ICP备00000000号</p></footer>
</body>
</html>
`

// seedPage returns a seed's text as a saved page would hold it: each line
// of text on a line of its own in the page's article, ended by a <br>,
// with the text escaped as a page escapes it. Runs of spaces are one
// space in a page; text is what a page shows of them.
func seedPage(t *testing.T, stem, charset string) (page []byte, text string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(seedDir, stem+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	text = regexp.MustCompile(` {2,}`).ReplaceAllString(string(data), " ")
	var b strings.Builder
	fmt.Fprintf(&b, pageHead, charset)
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		b.WriteString(html.EscapeString(l))
		b.WriteString("<br>\n")
	}
	b.WriteString(pageFoot)
	return []byte(b.String()), text
}

// TestSeedsHTML imports each seed saved as a page — one in GB18030 — and
// finds it the document its text makes: the same body and front matter,
// the same section tree as the truth, every removal of the text's rules
// at its line of the page, and the page's menu, breadcrumb and footer
// reported as removed by the HTML rules.
func TestSeedsHTML(t *testing.T) {
	headLines := strings.Count(fmt.Sprintf(pageHead, "utf-8"), "\n")
	for stem, id := range seedIDs {
		t.Run(stem, func(t *testing.T) {
			charset := "utf-8"
			if stem == "003_3375bcca5598cc84" {
				charset = "gb2312"
			}
			page, text := seedPage(t, stem, charset)
			if charset == "gb2312" {
				var err error
				if page, err = simplifiedchinese.GB18030.NewEncoder().Bytes(page); err != nil {
					t.Fatal(err)
				}
			}
			fromText, err := Import(stem+".txt", []byte(text), Options{ID: id})
			if err != nil {
				t.Fatal(err)
			}
			fromPage, err := Import(stem+".html", page, Options{ID: id, Source: stem + ".txt"})
			if err != nil {
				t.Fatal(err)
			}
			if fromPage.Format != "HTML" || fromText.Format != "text" {
				t.Errorf("read as %s (the page) and %s (the text)", fromPage.Format, fromText.Format)
			}
			if fromPage.Body != fromText.Body {
				t.Errorf("the page's body differs from the text's:\n%s", firstDifference(fromPage.Body, fromText.Body))
			}
			if !reflect.DeepEqual(fromPage.Meta, fromText.Meta) {
				t.Errorf("front matter from the page %+v, from the text %+v", fromPage.Meta, fromText.Meta)
			}
			d, _ := corpus.NewParser().Parse(id+".md", fromPage.Markdown())
			compareTruth(t, d, loadTruth(t, stem))

			// The text's removals, at their lines of the page; then the
			// page's own furniture.
			var got, want []string
			for _, r := range fromText.Removed {
				want = append(want, fmt.Sprintf("%d %s %q", r.Line+headLines, r.Rule, r.Text))
			}
			furniture := map[string]string{}
			for _, r := range fromPage.Removed {
				if strings.HasPrefix(r.Rule, "html-") {
					furniture[r.Rule] += r.Text + "|"
					continue
				}
				got = append(got, fmt.Sprintf("%d %s %q", r.Line, r.Rule, r.Text))
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("removed from the page:\n%s\nwant, as from the text:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if furniture["html-navigation"] != "首页 政务公开|当前位置：首页 > 政务公开|" || furniture["html-footer"] != "版权所有：某省人民政府办公厅 某ICP备00000000号|" {
				t.Errorf("the page's furniture removed: %q", furniture)
			}
			for _, hidden := range []string{"隐藏的条目", "var first", "政策文件_某省", "text-indent"} {
				if strings.Contains(string(fromPage.Markdown()), hidden) {
					t.Errorf("the document has %q, which the page does not show", hidden)
				}
			}
		})
	}
}

// firstDifference shows where two texts part.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-60)
	return fmt.Sprintf("…%q\n…%q", a[from:min(len(a), i+60)], b[from:min(len(b), i+60)])
}

// TestHTMLBlocks reads a page's structure: paragraphs apart (a line without
// an end is not joined to the next paragraph, as a broken line of text
// would be), a <br> inside one joined as a broken line, a source line
// break between two Han characters dropped and one between words kept as
// a space, a <br> after a comma (no paragraph ends with one) joined,
// entities decoded, a data table a table — colspan kept, a
// cell's <br> joined — and a layout table's cells read as paragraphs.
func TestHTMLBlocks(t *testing.T) {
	page := `<html><body>
<table class="layout"><tr><td><p>法规文件</p></td><td>
<h1>关于加快推进质量强省
建设的实施方案</h1>
<p>　　一、总体要求</p>
<p>　　坚持&ldquo;质量第一&rdquo;，推动 quality
first 理念。建立首负责任制，到2025年取得明显成效的目标</p>
<p>　　（一）主要目标。到2025年，质量<br>
水平显著提升。</p>
<table border="1">
<tr><th>指标</th><th>目标值</th><th colspan="2">说明</th></tr>
<tr><td>覆盖率</td><td>100%</td><td>全省</td><td>责任单位：<br>省市场监管局</td></tr>
</table>
<p>　　二、保障措施</p>
<p>各地各有关部门要切实加强组织领导，<br>
落实工作责任。</p>
</td></tr></table>
</body></html>`
	res, err := Import("page.html", []byte(page), Options{ID: "p"})
	if err != nil {
		t.Fatal(err)
	}
	want := `法规文件

关于加快推进质量强省建设的实施方案

一、总体要求

坚持“质量第一”，推动 quality first 理念。建立首负责任制，到2025年取得明显成效的目标

（一）主要目标。到2025年，质量水平显著提升。

| 指标 | 目标值 | 说明 |  |
| --- | --- | --- | --- |
| 覆盖率 | 100% | 全省 | 责任单位：省市场监管局 |

二、保障措施

各地各有关部门要切实加强组织领导，落实工作责任。
`
	if res.Body != want {
		t.Errorf("body:\n%s\nwant:\n%s\n%s", res.Body, want, firstDifference(res.Body, want))
	}
	var repairs []string
	for _, r := range res.Repairs {
		repairs = append(repairs, fmt.Sprintf("%d %s %s", r.Line, r.Kind, r.Text))
	}
	if strings.Join(repairs, "\n") != "9 join-line 水平显著提升。\n16 join-line 落实工作责任。" {
		t.Errorf("repairs %q, want the <br>s' lines joined, at lines 9 and 16 (after a comma)", repairs)
	}
}

// TestHTMLOrText: a file is a page by its name or by how it starts; text
// that mentions tags is text.
func TestHTMLOrText(t *testing.T) {
	for _, c := range []struct {
		file, text string
		want       bool
	}{
		{"a.html", "一、总体要求", true},
		{"a.HTM", "", true},
		{"a.txt", "\ufeff  <!DOCTYPE html><html>", true},
		{"a.txt", "<HTML><body>", true},
		{"a.txt", "<script>alert(1)</script>\n一、总体要求", false},
		{"a", "一、<p>总体要求", false},
	} {
		if got := isHTML(c.file, c.text); got != c.want {
			t.Errorf("isHTML(%q, %q) = %v", c.file, c.text, got)
		}
	}
}

// FuzzImportHTML feeds any bytes as a saved page: the import either fails
// to decode or gives a document that parses, every line and removal at a
// line of the page.
func FuzzImportHTML(f *testing.F) {
	f.Add([]byte(fmt.Sprintf(pageHead, "utf-8") + "一、总体要求<br>\n（一）目标。到2025年<p>坚持问\n题导向" + pageFoot))
	f.Add([]byte("<table><tr><td><table><tr><td>一、<td colspan=99999>x</table><p>二、</td></tr><nav><nav>首页</nav></nav><pre>a\n\tb</pre>"))
	f.Add([]byte("<div hidden><div>（一）</div></div><footer>版权所有<footer>©</footer></footer><br/>三、</br><select><option>一</select>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Import("f.html", data, Options{ID: "fuzz"})
		if err != nil {
			return
		}
		// CR and CRLF end lines as LF does.
		lines := strings.Count(strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n", "\n"), "\r", "\n"), "\n") + 1
		for _, r := range res.Removed {
			if r.Line < 1 || r.Line > lines {
				t.Fatalf("removal at line %d of %d: %+v", r.Line, lines, r)
			}
		}
		for _, r := range res.Repairs {
			if r.Line < 1 || r.Line > lines {
				t.Fatalf("repair at line %d of %d: %+v", r.Line, lines, r)
			}
		}
		d, _ := corpus.NewParser().Parse("fuzz.md", res.Markdown())
		if d == nil {
			t.Fatal("Parse returned no document")
		}
	})
}

// TestHTMLProvincePage imports a page laid out as provincial government
// sites lay theirs out (testdata/province-page.html): a header with the
// site's name and menu, a breadcrumb, the table of facts of 信息公开, the
// notice with the plan it issues, a share bar, related articles and a
// footer. The front matter comes from the text, the facts' table and the
// furniture are removed, each by its rule at its line, and the document
// is what stands between them.
func TestHTMLProvincePage(t *testing.T) {
	data, err := os.ReadFile("testdata/province-page.html")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import("testdata/province-page.html", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := res.Meta
	if got := fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s", m.ID, m.Title, m.Issuer, m.Date, m.Number, m.Level, m.Region); got != "province-page|关于加快推进质量强省建设的实施方案|广东省人民政府|2020-09-17|粤府〔2020〕50号|province|广东省" {
		t.Errorf("front matter %s", got)
	}
	var removed []string
	for _, r := range res.Removed {
		removed = append(removed, fmt.Sprintf("%d %s", r.Line, r.Rule))
	}
	if got, want := strings.Join(removed, ", "), "11 site-name, 12 html-navigation, 13 breadcrumb, 16 page-metadata, 17 page-metadata, 18 page-metadata, 19 page-metadata, 24 html-navigation, 24 page-metadata, 40 html-navigation, 41 html-footer"; got != want {
		t.Errorf("removed %s\nwant    %s", got, want)
	}
	if !strings.HasPrefix(res.Body, "广东省人民政府印发《关于加快推进质量强省建设的实施方案》的通知\n\n粤府〔2020〕50号\n\n各地级以上市人民政府") ||
		!strings.HasSuffix(res.Body, "（一）增强质量发展创新动能。建立质量创新体系。\n\n附件：实施方案.pdf\n") {
		t.Errorf("body:\n%s", res.Body)
	}
	d, problems := corpus.NewParser().Parse("province-page.md", res.Markdown())
	var eids []string
	for _, s := range d.Sections {
		eids = append(eids, s.EID)
	}
	if len(problems) != 0 || strings.Join(eids, " ") != "p1 p2 p2-s1 annex1" {
		t.Errorf("parsed: %v, sections %v", problems, eids)
	}
}

// TestHTMLPageFacts: a page whose text gives no title or date has them
// from what the page says of itself — its ArticleTitle, else its <title>
// before the site's name, the document a notice issues rather than the
// notice, and its PubDate — each named in the notes to be checked; a
// <title> that names no kind of document (a column's name) is none, and
// what the text gives wins.
func TestHTMLPageFacts(t *testing.T) {
	body := "<body><div id=\"zoom\"><p>一、总体要求</p><p>坚持质量第一。</p></div></body></html>"
	for _, c := range []struct{ head, title, date, note string }{
		{`<meta name="ArticleTitle" content="甲市人民政府关于印发《甲市质量强市实施方案》的通知"><meta name="PubDate" content="2024-03-05 10:00"><title>通知_甲市人民政府网</title>`,
			"甲市质量强市实施方案", "2024-03-05", `title "甲市质量强市实施方案" from the page's own title`},
		{`<title>甲市质量提升行动计划_甲市人民政府网</title>`, "甲市质量提升行动计划", "", `title "甲市质量提升行动计划" from the page's own title`},
		{`<title>政策文件 - 甲市人民政府网</title><meta name="PubDate" content="2024/3/5">`, "", "", "no title found"},
	} {
		res, err := Import("p.html", []byte("<!DOCTYPE html><html><head>"+c.head+"</head>"+body), Options{})
		if err != nil {
			t.Fatal(err)
		}
		notes := strings.Join(res.Notes, "\n")
		if res.Meta.Title != c.title || res.Meta.Date != c.date || !strings.Contains(notes, c.note) {
			t.Errorf("%s: title %q, date %q, notes:\n%s", c.head, res.Meta.Title, res.Meta.Date, notes)
		}
		if c.date != "" && !strings.Contains(notes, "date "+c.date+" is the day the page was published") {
			t.Errorf("%s: the date is not named in the notes:\n%s", c.head, notes)
		}
	}
	// The text's own title and date win over the page's.
	res, err := Import("p.html", []byte(`<html><head><meta name="ArticleTitle" content="别的方案"><meta name="PubDate" content="2024-03-05"></head><body><p>甲市质量强市实施方案</p><p>2023年1月2日</p><p>一、总体要求</p></body></html>`), Options{})
	if err != nil || res.Meta.Title != "甲市质量强市实施方案" || res.Meta.Date != "2023-01-02" {
		t.Errorf("the text's title and date: %v %+v", err, res.Meta)
	}
}

// TestHTMLUnclosed: an element left out or taken as furniture whose end
// tag the page leaves out ends where a browser ends it — a hidden <p> at
// the next paragraph (it is kept: its end cannot be known), a menu or a
// hidden block inside a table's cell at the cell's end — and takes no
// more of the page with it.
func TestHTMLUnclosed(t *testing.T) {
	page := `<html><body>
<p hidden>提示<p>一、总体要求
<table><tr><td><div class="nav">首页 政务公开</td><td><div style="display:none">隐藏</td>
<td><p>（一）主要目标。到2025年取得成效。</p></td></tr></table>
<p>二、保障措施</p>
<div class="footer">版权所有
</body></html>`
	res, err := Import("page.html", []byte(page), Options{ID: "p"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"一、总体要求", "（一）主要目标。到2025年取得成效。", "二、保障措施"} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("the body lacks %q:\n%s", want, res.Body)
		}
	}
	for _, gone := range []string{"隐藏", "首页", "版权所有"} {
		if strings.Contains(res.Body, gone) {
			t.Errorf("the body has %q:\n%s", gone, res.Body)
		}
	}
	var removed []string
	for _, r := range res.Removed {
		removed = append(removed, fmt.Sprintf("%d %s %s", r.Line, r.Rule, r.Text))
	}
	if got := strings.Join(removed, "|"); got != "3 html-navigation 首页 政务公开|6 html-footer 版权所有" {
		t.Errorf("removed %q", got)
	}
}

// TestHTMLAttachments: a notice's page whose document is attached names
// each attachment in the notes, at its address from the page's own when
// the page was fetched or archived, as written when only saved; links
// that are no attachment, or in hidden parts, are not named.
func TestHTMLAttachments(t *testing.T) {
	page := `<html><head><title>关于印发质量强省建设纲要的通知</title></head><body>
<p>各地级以上市人民政府：</p>
<p>现将《广东省质量强省建设纲要》印发给你们，请认真贯彻执行。</p>
<p>附件：<a href="P020230621.pdf">1.广东省质量强省建设纲要.pdf</a></p>
<p><a href="/attach/2.ofd?v=1"><span>2.</span>  重点任务分工.ofd</a></p>
<p><a href="https://www.gd.gov.cn/x/3.DOCX"></a></p>
<p><a href="/zwgk/index.html">政务公开</a> <a href="javascript:go('x.pdf')">打印</a> <a href="mailto:a@b.cn">信箱</a></p>
<div style="display:none"><a href="hidden.pdf">隐藏</a></div>
</body></html>`
	const address = "https://www.gd.gov.cn/zwgk/wjk/qbwj/yf/content/post_4195232.html"
	want := []string{
		"「1.广东省质量强省建设纲要.pdf」: https://www.gd.gov.cn/zwgk/wjk/qbwj/yf/content/P020230621.pdf",
		"「2. 重点任务分工.ofd」: https://www.gd.gov.cn/attach/2.ofd?v=1",
		"「3.DOCX」: https://www.gd.gov.cn/x/3.DOCX",
	}
	check := func(name string, res *Result, want []string) {
		t.Helper()
		var got []string
		for _, n := range res.Notes {
			if rest, ok := strings.CutPrefix(n, "the page links an attachment, "); ok {
				text, _, _ := strings.Cut(rest, " — if it holds the document itself, import it instead")
				got = append(got, text)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: attachments noted\n%q\nwant\n%q", name, got, want)
		}
	}
	fetched, err := Import("post_4195232.html", []byte(page), Options{Source: address})
	if err != nil {
		t.Fatal(err)
	}
	check("fetched", fetched, want)
	archived, err := Import("a.mhtml", archive(`Content-Type: multipart/related; boundary="----=_NextPart_01DA"`+"\r\nSnapshot-Content-Location: "+address,
		[2]string{"Content-Type: text/html; charset=utf-8", page}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	check("archived", archived, want)
	saved, err := Import("a.html", []byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	check("saved", saved, []string{"「1.广东省质量强省建设纲要.pdf」: P020230621.pdf", "「2. 重点任务分工.ofd」: /attach/2.ofd?v=1", "「3.DOCX」: https://www.gd.gov.cn/x/3.DOCX"})
	if strings.Contains(saved.Body, "隐藏") || !strings.Contains(saved.Body, "1.广东省质量强省建设纲要.pdf") {
		t.Errorf("the page's text: %q", saved.Body)
	}

	var many strings.Builder
	for i := range 7 {
		fmt.Fprintf(&many, `<p><a href="f%d.pdf">附件%d</a></p>`, i, i)
	}
	res, err := Import("m.html", []byte("<html><body><p>一、总体要求</p>"+many.String()+"</body></html>"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(strings.Join(res.Notes, "\n"), "the page links an attachment"); n != maxAttachmentNotes || !slices.Contains(res.Notes, "and 2 more attachments") {
		t.Errorf("seven attachments: %d named, notes %q", n, res.Notes)
	}
}
