package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"tiaowen/internal/corpus"
)

// makeDocx zips the parts of a Word document, as Word writes them.
func makeDocx(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	names := []string{"[Content_Types].xml"}
	for name := range parts {
		names = append(names, name)
	}
	for _, name := range names {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		data, ok := parts[name]
		if !ok {
			data = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`
		}
		w.Write([]byte(data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// wordDocument wraps body in document.xml.
func wordDocument(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wordNS + `><w:body>` + body + `<w:sectPr/></w:body></w:document>`
}

// wordParagraph is a paragraph of one run of text.
func wordParagraph(text string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(text))
	return `<w:p><w:r><w:t xml:space="preserve">` + b.String() + `</w:t></w:r></w:p>`
}

// TestSeedsDocx imports each seed as a Word document of one paragraph a
// line: the front matter is the text's, and the section tree the truth.
func TestSeedsDocx(t *testing.T) {
	for stem, id := range seedIDs {
		t.Run(stem, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(seedDir, stem+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			var body strings.Builder
			for _, l := range strings.Split(string(data), "\n") {
				body.WriteString(wordParagraph(l))
			}
			checkSeedAs(t, stem, id, "DOCX", makeDocx(t, map[string]string{"word/document.xml": wordDocument(body.String())}))
		})
	}
}

// checkSeedAs imports data, the seed stem in another format, as id: it
// is read as that format, its front matter is the seed's text's, and
// its section tree the truth.
func checkSeedAs(t *testing.T, stem, id, format string, data []byte) {
	t.Helper()
	res, err := Import(stem+"."+strings.ToLower(format), data, Options{ID: id, Source: stem + ".txt"})
	if err != nil {
		t.Fatal(err)
	}
	_, fromText := seedFromText(t, stem, id)
	if res.Format != format || !reflect.DeepEqual(res.Meta, fromText.Meta) {
		t.Errorf("%s: front matter %+v, from the text %+v", res.Format, res.Meta, fromText.Meta)
	}
	d, _ := corpus.NewParser().Parse(id+".md", res.Markdown())
	compareTruth(t, d, loadTruth(t, stem))
}

// seedFromText reads the seed stem's raw text and imports it as id: what
// an import of the same seed in another format is held to.
func seedFromText(t *testing.T, stem, id string) ([]byte, *Result) {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(seedDir, stem+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import(stem+".txt", text, Options{ID: id})
	if err != nil {
		t.Fatal(err)
	}
	return text, res
}

// numberingXML numbers a list as Chinese plans do: 一、 at the first
// level, （一） at the second, 1. at the third; the second list (numId 2)
// uses the same levels, restarted at 3.
const numberingXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ` + wordNS + `>
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%4"/></w:lvl>
<w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
</w:numbering>`

// stylesXML gives the heading style 1 the list's first level, and the
// style 2, based on it, the second.
const stylesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ` + wordNS + `>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>`

// TestDocxStructure reads what Word documents hold: numbers Word gives
// headings by their style and paragraphs by a list (restarted where a
// level above moves on, a second list started at 三), a bullet that is no
// marker, a tab and a line break, a table with a merged cell, and text
// a reader does not see — a deleted revision, a field's code, a hidden
// run, a text box's fallback — left out while an inserted revision and
// a field's result are kept.
func TestDocxStructure(t *testing.T) {
	p := func(pPr, runs string) string { return `<w:p><w:pPr>` + pPr + `</w:pPr>` + runs + `</w:p>` }
	r := func(text string) string { return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>` }
	list := func(id, level string) string {
		return `<w:numPr><w:ilvl w:val="` + level + `"/><w:numId w:val="` + id + `"/></w:numPr>`
	}
	body := p(``, r(`甲市质量强市实施方案`)) +
		p(`<w:pStyle w:val="1"/>`, r(`总体要求`)) +
		p(`<w:pStyle w:val="2"/>`, r(`指导思想。坚持`)+`<w:del><w:r><w:delText>删去的</w:delText></w:r></w:del><w:ins><w:r><w:t>质量第一</w:t></w:r></w:ins>`+r(`。`)) +
		p(list("1", "2"), r(`建立首负责任制。`)+`<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的批注</w:t></w:r>`) +
		p(list("1", "2"), r(`推行`)+`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://x" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`+r(`双比对双提升`)+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`+r(`。`)) +
		p(list("1", "3"), r(`完善标准`)) +
		p(list("1", "4"), r(`要点`)) +
		p(`<w:pStyle w:val="2"/><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs>`, r(`主要目标`)+`<w:r><w:tab/></w:r>`+r(`到2025年`)+`<w:r><w:br/></w:r>`+r(`取得成效。`)) +
		p(`<w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs>`, ``) +
		p(list("1", "2"), r(`质量水平提升。`)) +
		p(`<w:pStyle w:val="1"/>`, r(`重点任务`)+`<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:r><w:t>（框内）</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>（框内）</w:t></w:r></mc:Fallback></mc:AlternateContent>`) +
		`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>` + wordParagraph(`指标`) + `</w:tc><w:tc>` + wordParagraph(`目标值`) + `</w:tc></w:tr>` +
		`<w:tr><w:tc>` + wordParagraph(`首负`) + `</w:tc><w:tc>` + wordParagraph(`覆盖率`) + `</w:tc><w:tc>` + wordParagraph(`100%`) + `</w:tc></w:tr></w:tbl>` +
		p(list("2", "0"), r(`保障措施`)) +
		p(`<w:pStyle w:val="1"/><w:numPr><w:numId w:val="0"/></w:numPr>`, r(`附件`))
	res, err := Import("plan.docx", makeDocx(t, map[string]string{
		"word/document.xml":  wordDocument(body),
		"word/numbering.xml": numberingXML,
		"word/styles.xml":    stylesXML,
	}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := `甲市质量强市实施方案

一、总体要求

（一）指导思想。坚持质量第一。

1.建立首负责任制。

2.推行双比对双提升。

①完善标准

要点

（二）主要目标 到2025年

取得成效。

1.质量水平提升。

二、重点任务（框内）

| 指标 |  | 目标值 |
| --- | --- | --- |
| 首负 | 覆盖率 | 100% |

三、保障措施

附件
`
	if res.Body != want {
		t.Errorf("body:\n%s\nwant:\n%s\n%s", res.Body, want, firstDifference(res.Body, want))
	}
	if res.Format != "DOCX" || res.Meta.ID != "plan" || res.Meta.Title != "甲市质量强市实施方案" {
		t.Errorf("format %s, front matter %+v", res.Format, res.Meta)
	}
}

// TestUnreadableFormats: a document in a format Import cannot read is an
// error that says what it is and what to do, not a decoding error.
func TestUnreadableFormats(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"plan.doc", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), "plan.doc: not a readable Word 97–2003 document: cut short or damaged"},
		{"plan.rtf", []byte(`{\rtf1` + strings.Repeat("{", 1001)), "plan.rtf: damaged: groups open more than 1,000 deep; open it in Word, WPS or LibreOffice, save it as .docx"},
		{"plan.ofd", makeDocx(t, map[string]string{"OFD.xml": "<ofd:OFD/>"}), "plan.ofd: not a readable OFD file: OFD.xml names no document"},
		{"plan.zip", makeDocx(t, map[string]string{"a.txt": "一、"}), "plan.zip: a zip archive that is no Word document"},
		{"plan.docx", []byte("PK\x03\x04 broken"), "plan.docx: not a readable Word document"},
		{"plan.docx", makeDocx(t, map[string]string{"word/other.xml": "<x/>"}), "plan.docx: not a Word document: it has no word/document.xml"},
		{"plan.docx", makeDocx(t, map[string]string{"word/document.xml": wordDocument("<w:p>")}), "plan.docx: word/document.xml: XML syntax error"},
	} {
		_, err := Import(c.name, c.data, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error starting %q", c.name, err, c.want)
		}
	}
}

// FuzzImportDocx feeds any document.xml and numbering.xml as a Word
// document: the import fails with an error or gives a document that
// parses, every line at a paragraph of the document.
func FuzzImportDocx(f *testing.F) {
	f.Add(wordDocument(`<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>总体要求</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="999"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>`), numberingXML)
	f.Add(wordDocument(`<w:p><w:pPr><w:numPr><w:ilvl w:val="8"/><w:numId w:val="1"/></w:numPr></w:pPr><w:del><w:del/></w:del></w:p>`), `<w:numbering `+wordNS+`><w:num w:numId="1"><w:abstractNumId w:val="9"/></w:num></w:numbering>`)
	f.Fuzz(func(t *testing.T, doc, num string) {
		data := makeDocx(t, map[string]string{"word/document.xml": doc, "word/numbering.xml": num, "word/styles.xml": stylesXML})
		res, err := Import("f.docx", data, Options{ID: "fuzz"})
		if err != nil {
			return
		}
		paragraphs := strings.Count(doc, "<w:p") + 1
		for _, r := range append(res.Removed, Removal{Line: 1}) {
			if r.Line < 1 || r.Line > paragraphs {
				t.Fatalf("removal at paragraph %d of at most %d: %+v", r.Line, paragraphs, r)
			}
		}
		if d, _ := corpus.NewParser().Parse("fuzz.md", res.Markdown()); d == nil {
			t.Fatal("Parse returned no document")
		}
	})
}

// TestDocxSavedBySite imports a seed as the Word download of its page on
// a tiaowen site writes it: its title, the page's facts (发布机关：…,
// 日期：…, 文号：…, 来源：…) a line each, the text, and last the address
// it was saved from. The facts and that line are not text: the front
// matter is the seed's, with the address as its source, and the section
// tree the truth.
func TestDocxSavedBySite(t *testing.T) {
	const stem, id = "003_3375bcca5598cc84", "luhe-2017-yijian"
	text, fromText := seedFromText(t, stem, id)
	m := fromText.Meta
	address := "https://tiaowen.example.org/docs/" + id + "/"
	lines := []string{m.Title, "发布机关：" + m.Issuer, "日期：" + m.Date, "文号：" + m.Number, "来源：" + stem + ".txt"}
	lines = append(lines, strings.Split(strings.TrimSpace(string(text)), "\n")...)
	lines = append(lines, "导出自："+address+"（2026-12-07）")
	var body strings.Builder
	for _, l := range lines {
		body.WriteString(wordParagraph(l))
	}
	res, err := Import(id+".docx", makeDocx(t, map[string]string{"word/document.xml": wordDocument(body.String())}), Options{ID: id})
	if err != nil {
		t.Fatal(err)
	}
	want := m
	want.Source = address
	if !reflect.DeepEqual(res.Meta, want) {
		t.Errorf("front matter %+v, want %+v", res.Meta, want)
	}
	md := string(res.Markdown())
	for _, fact := range []string{"发布机关：", "日期：", "导出自："} {
		if strings.Contains(md, fact) {
			t.Errorf("the document keeps %s…:\n%s", fact, md)
		}
	}
	d, _ := corpus.NewParser().Parse(id+".md", res.Markdown())
	compareTruth(t, d, loadTruth(t, stem))
}
