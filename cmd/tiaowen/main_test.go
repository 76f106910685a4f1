package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"tiaowen/internal/ingest"
)

func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return out.String(), errb.String(), code
}

// TestParseJSONContract checks the public shape of `tiaowen parse --json`:
// one object per line with exactly the contract's keys, the same for a
// raw seed and for its imported content file.
func TestParseJSONContract(t *testing.T) {
	raw := "../../testdata/seeds/004_ff23fd409789d184.txt"
	md := "../../content/docs/guangzhou-2023-fangan.md"
	out, errs, code := runCLI(t, "parse", "--json", raw, md)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// JSON is its only format: --json may be left out.
	if plain, errs, code := runCLI(t, "parse", raw, md); code != 0 || plain != out {
		t.Errorf("parse without --json: exit %d, %s, and not the same lines", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2", len(lines))
	}
	var docs [2]map[string]any
	for i, l := range lines {
		if err := json.Unmarshal([]byte(l), &docs[i]); err != nil {
			t.Fatal(err)
		}
		keys := []string{}
		for k := range docs[i] {
			keys = append(keys, k)
		}
		for _, k := range []string{"id", "title", "date", "number", "lang", "sections"} {
			if _, ok := docs[i][k]; !ok {
				t.Errorf("line %d lacks %q", i, k)
			}
		}
		if len(keys) != 6 {
			t.Errorf("line %d has keys %v, want exactly the contract's six", i, keys)
		}
		secs := docs[i]["sections"].([]any)
		s := secs[0].(map[string]any)
		want := map[string]any{"eId": "p1", "path": []any{"一"}, "level": float64(1), "marker": "一、", "number": float64(1), "title": "总体要求", "text": ""}
		if !reflect.DeepEqual(s, want) {
			t.Errorf("line %d first section = %v, want %v", i, s, want)
		}
	}
	if !reflect.DeepEqual(docs[0]["sections"], docs[1]["sections"]) {
		t.Error("raw and imported parses differ")
	}
	if docs[1]["id"] != "guangzhou-2023-fangan" || docs[1]["title"] != "广州市质量强市建设实施方案" {
		t.Errorf("content parse id/title = %v %v", docs[1]["id"], docs[1]["title"])
	}
}

func TestImportWritesAndProtects(t *testing.T) {
	dir := t.TempDir()
	raw := "../../testdata/seeds/001_6b718453d80b1ef8.txt"
	out, errs, code := runCLI(t, "import", "--id", "gd-shishi", "--out", dir, raw)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "gd-shishi.md (UTF-8)") {
		t.Errorf("stdout = %q", out)
	}
	for _, want := range []string{`:2: removed by page-metadata: "发布日期:2020-09-23"`, `(split-heading): "五、创新质量治理方式"`, "(join-line)"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "gd-shishi.md"))
	if err != nil || !strings.Contains(string(b), "number: 粤府〔2020〕50号") {
		t.Fatalf("written file: %v\n%s", err, b)
	}
	// A second import must not overwrite reviewed work.
	os.WriteFile(filepath.Join(dir, "gd-shishi.md"), []byte("reviewed"), 0o644)
	_, errs, code = runCLI(t, "import", "--id", "gd-shishi", "--out", dir, raw)
	if code == 0 || !strings.Contains(errs, "--force") {
		t.Errorf("re-import: exit %d, stderr %q", code, errs)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "gd-shishi.md")); string(b) != "reviewed" {
		t.Error("re-import overwrote the reviewed file")
	}
	if _, _, code := runCLI(t, "import", "--force", "--id", "gd-shishi", "--out", dir, raw); code != 0 {
		t.Error("--force failed")
	}
}

// TestImportPage imports a web page saved as HTML, in GB2312 as many
// government sites serve theirs: the id from its file name, the page's
// furniture reported at its source line, the document's text kept.
func TestImportPage(t *testing.T) {
	dir := t.TempDir()
	page := "<!DOCTYPE html>\n<html><head><meta charset=\"gb2312\"><title>质量强市</title></head>\n<body>\n" +
		"<ul class=\"menu\"><li>首页</li><li>政务公开</li></ul>\n" +
		"<div id=\"zoom\"><p>　　一、总体要求</p><p>　　坚持&ldquo;质量第一&rdquo;。</p></div>\n</body></html>\n"
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(dir, "jia-2024-fangan.html")
	os.WriteFile(f, gb, 0o644)
	out, errs, code := runCLI(t, "import", "--out", dir, f)
	if code != 0 || !strings.Contains(out, "jia-2024-fangan.md (GB18030, HTML)") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if want := `jia-2024-fangan.html:4: removed by html-navigation: "首页 政务公开"`; !strings.Contains(errs, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errs)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "jia-2024-fangan.md"))
	if !strings.Contains(string(b), "\n一、总体要求\n\n坚持“质量第一”。\n") || strings.Contains(string(b), "首页") {
		t.Errorf("written file:\n%s", b)
	}
}

// TestImportWordAndPDF imports a Word document, and refuses a broken PDF
// with what to do instead, writing nothing for it.
func TestImportWordAndPDF(t *testing.T) {
	dir := t.TempDir()
	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		`<w:p><w:r><w:t>甲市质量强市实施方案</w:t></w:r></w:p><w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p></w:body></w:document>`))
	zw.Close()
	docx := filepath.Join(dir, "jia-plan.docx")
	os.WriteFile(docx, z.Bytes(), 0o644)
	out, errs, code := runCLI(t, "import", "--out", dir, docx)
	if code != 0 || !strings.Contains(out, "jia-plan.md (Word document)") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "jia-plan.md")); !strings.Contains(string(b), "title: 甲市质量强市实施方案") || !strings.Contains(string(b), "\n一、总体要求\n") {
		t.Errorf("written file:\n%s", b)
	}
	pdf := filepath.Join(dir, "jia-notice.pdf")
	os.WriteFile(pdf, []byte("%PDF-1.4\n"), 0o644)
	_, errs, code = runCLI(t, "import", "--out", dir, pdf)
	if code != 1 || !strings.Contains(errs, "jia-notice.pdf: ") || !strings.Contains(errs, "copy its text into a .txt file") {
		t.Errorf("a PDF: exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "jia-notice.md")); err == nil {
		t.Error("a file was written for a PDF")
	}
}

// TestImportDoc: a folder's Word 97–2003 document is imported, and says
// so, as are an RTF document and one named .doc; a copy whose Word text
// is gone is refused with what to do, and nothing is written for it.
func TestImportDoc(t *testing.T) {
	raw, out := t.TempDir(), t.TempDir()
	doc, err := os.ReadFile("../../internal/msdoc/testdata/features.doc")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(raw, "yijian.doc"), doc, 0o644)
	stdout, errs, code := runCLI(t, "import", "--out", out, raw)
	md, _ := os.ReadFile(filepath.Join(out, "yijian.md"))
	if code != 0 || !strings.Contains(stdout, "yijian.doc → "+filepath.Join(out, "yijian.md")+" (Word 97–2003 document)") ||
		!strings.Contains(string(md), "title: 关于推进质量强省建设的实施意见") || !strings.Contains(string(md), "\n| 1 | 完善质量法规 | 省司法厅 |\n") {
		t.Fatalf("exit %d, stdout %q, stderr %q, written:\n%s", code, stdout, errs, md)
	}
	// An RTF document, as a folder's .rtf and as one named .doc.
	rtfDoc, err := os.ReadFile("../../internal/rtf/testdata/features.rtf")
	if err != nil {
		t.Fatal(err)
	}
	rtfDir := t.TempDir()
	os.WriteFile(filepath.Join(rtfDir, "fangan.rtf"), rtfDoc, 0o644)
	os.WriteFile(filepath.Join(rtfDir, "tongzhi.doc"), rtfDoc, 0o644)
	stdout, errs, code = runCLI(t, "import", "--out", out, rtfDir)
	if code != 0 || !strings.Contains(stdout, "fangan.rtf → "+filepath.Join(out, "fangan.md")+" (RTF document)") || !strings.Contains(stdout, "tongzhi.doc → "+filepath.Join(out, "tongzhi.md")+" (RTF document)") {
		t.Errorf("RTF: exit %d, stdout %q, stderr %q", code, stdout, errs)
	}
	// The directory entry's name, WordDocument, spoiled.
	name := []byte("W\x00o\x00r\x00d\x00D\x00o\x00c\x00")
	broken := bytes.Replace(doc, name, []byte("X\x00o\x00r\x00d\x00D\x00o\x00c\x00"), 1)
	path := filepath.Join(raw, "other.doc")
	os.WriteFile(path, broken, 0o644)
	_, errs, code = runCLI(t, "import", "--out", out, path)
	if code != 1 || !strings.Contains(errs, path+": a file stored as Word 97–2003 documents are, but with no Word text in it") || !strings.Contains(errs, "save it as .docx and import that") {
		t.Errorf("no Word text: exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(out, "other.md")); err == nil {
		t.Error("a file was written for a .doc without Word text")
	}
}

// TestImportOFD: a folder's OFD file is imported, and says so.
func TestImportOFD(t *testing.T) {
	raw, out := t.TempDir(), t.TempDir()
	const ns = `xmlns:ofd="http://www.ofdspec.org/2016"`
	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	for name, content := range map[string]string{
		"OFD.xml":            `<ofd:OFD ` + ns + `><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
		"Doc_0/Document.xml": `<ofd:Document ` + ns + `><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>`,
		"Doc_0/Pages/Page_0/Content.xml": `<ofd:Page ` + ns + `><ofd:Content><ofd:Layer ID="2">` +
			`<ofd:TextObject ID="3" Boundary="60 40 100 10" Size="7.7"><ofd:TextCode X="0" Y="7">甲市质量强市实施方案</ofd:TextCode></ofd:TextObject>` +
			`<ofd:TextObject ID="4" Boundary="39 60 150 8" Size="5.6"><ofd:TextCode X="0" Y="5">一、总体要求</ofd:TextCode></ofd:TextObject>` +
			`</ofd:Layer></ofd:Content></ofd:Page>`,
	} {
		w, _ := zw.Create(name)
		w.Write([]byte(content))
	}
	zw.Close()
	os.WriteFile(filepath.Join(raw, "jia.ofd"), z.Bytes(), 0o644)
	stdout, errs, code := runCLI(t, "import", "--out", out, raw)
	md, _ := os.ReadFile(filepath.Join(out, "jia.md"))
	if code != 0 || !strings.Contains(stdout, "jia.ofd → "+filepath.Join(out, "jia.md")+" (OFD)") ||
		!strings.Contains(string(md), "title: 甲市质量强市实施方案") || !strings.Contains(string(md), "\n一、总体要求\n") {
		t.Errorf("exit %d, stdout %q, stderr %q, wrote:\n%s", code, stdout, errs, md)
	}
}

// TestImportURL imports a page from a web server on this machine: the
// address is the document's source and leads every report, and the id
// made from it is flagged for a better one.
func TestImportURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/zwgk/post_7.html" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><body><div class=\"crumb\">当前位置：首页</div><div id=\"zoom\"><p>甲市质量强市实施方案</p><p>一、总体要求</p></div></body></html>"))
	}))
	defer srv.Close()
	dir := t.TempDir()
	address := srv.URL + "/zwgk/post_7.html"
	out, errs, code := runCLI(t, "import", "--out", dir, address)
	if code != 0 || !strings.Contains(out, address+" → "+filepath.Join(dir, "post-7.md")+" (UTF-8, HTML)") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	for _, want := range []string{address + `:1: removed by html-navigation: "当前位置：首页"`, address + `: note: the id "post-7" is made from the address`} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "post-7.md")); !strings.Contains(string(b), "source: "+address) {
		t.Errorf("written file:\n%s", b)
	}
	out, errs, code = runCLI(t, "parse", "--json", address)
	if code != 0 || !strings.Contains(out, `"id":"post-7","title":"甲市质量强市实施方案"`) || !strings.Contains(out, `"eId":"p1"`) {
		t.Errorf("parse %s: exit %d, stdout %q, stderr %q", address, code, out, errs)
	}
	_, errs, code = runCLI(t, "import", "--out", dir, srv.URL+"/gone.html")
	if code != 1 || !strings.Contains(errs, "the server answered 404 Not Found") {
		t.Errorf("a missing page: exit %d, stderr %q", code, errs)
	}
}

// TestImportFolderAndPattern: a folder is imported as its documents, a
// pattern as the files it matches, as Windows' shell leaves patterns to
// the program; a pattern that matches nothing and a folder without a
// document are errors, and nothing is written.
func TestImportFolderAndPattern(t *testing.T) {
	raw, out := t.TempDir(), t.TempDir()
	for name, text := range map[string]string{
		"a.txt":     "甲市质量强市实施方案\n一、总体要求\n",
		"b.html":    "<html><body><p>乙市质量强市实施方案</p><p>一、总体要求</p></body></html>",
		"notes.md":  "not a document to import",
		".c.txt":    "hidden",
		"sub/d.txt": "in a folder of the folder",
	} {
		os.MkdirAll(filepath.Dir(filepath.Join(raw, name)), 0o755)
		os.WriteFile(filepath.Join(raw, name), []byte(text), 0o644)
	}
	_, errs, code := runCLI(t, "import", "--out", out, raw)
	got, _ := filepath.Glob(filepath.Join(out, "*.md"))
	if code != 0 || len(got) != 2 || filepath.Base(got[0]) != "a.md" || filepath.Base(got[1]) != "b.md" {
		t.Errorf("import a folder: exit %d, wrote %v, stderr %q", code, got, errs)
	}
	stdout, errs, code := runCLI(t, "import", "--force", "--out", out, filepath.Join(raw, "*.html"))
	if code != 0 || strings.Count(stdout, "→") != 1 || !strings.Contains(stdout, "b.html → ") {
		t.Errorf("import a pattern: exit %d, stdout %q, stderr %q", code, stdout, errs)
	}
	for _, arg := range []string{filepath.Join(raw, "*.docx"), t.TempDir()} {
		_, errs, code := runCLI(t, "import", "--out", out, arg)
		if want := "no file matches"; code != 2 || !strings.Contains(errs, arg+": ") || !strings.Contains(errs, want) && !strings.Contains(errs, "no .txt, .html, .htm, .mhtml, .mht, .docx, .doc, .rtf, .pdf or .ofd file in it") {
			t.Errorf("import %s: exit %d, stderr %q", arg, code, errs)
		}
	}
	if got, _ := filepath.Glob(filepath.Join(out, "*.md")); len(got) != 2 {
		t.Errorf("wrote %v", got)
	}
}

func TestImportBadEncoding(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "cut.txt")
	data := []byte("一、总体要求")
	os.WriteFile(f, data[:len(data)-1], 0o644)
	_, errs, code := runCLI(t, "import", "--out", dir, f)
	if code == 0 || !strings.Contains(errs, "cut.txt: byte 15: truncated UTF-8 multi-byte sequence") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	_, errs, code = runCLI(t, "import", "--encoding", "latin-1", "--out", dir, f)
	if code != 2 || !strings.Contains(errs, `unknown encoding "latin-1": use utf-8, gb18030`) {
		t.Errorf("--encoding latin-1: exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "cut.md")); err == nil {
		t.Error("a file was written for undecodable input")
	}
}

func TestCheckReportsEverything(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "docs"), 0o755)
	os.WriteFile(filepath.Join(dir, "docs", "a.md"), []byte("---\nid: a\ntitel: x\n---\n一、正文\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "docs", "b.md"), []byte("---\nid: b\ntitle: B\n---\n一、正文\n\n（一）甲。\n\n（三）乙。\n"), 0o644)
	// Two documents of one title, and no date to say which a third cites.
	os.WriteFile(filepath.Join(dir, "docs", "c.md"), []byte("---\nid: c\ntitle: 质量提升行动计划\n---\n一、正文\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "docs", "d.md"), []byte("---\nid: d\ntitle: 質量提升行動計劃\n---\n一、正文\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "docs", "e.md"), []byte("---\nid: e\ntitle: E\ndate: 2020-01-01\n---\n一、总体要求\n\n根据《质量提升行动计划》，做好工作。\n"), 0o644)
	_, errs, code := runCLI(t, "check", "--content", dir)
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{"a.md:3:1: unknown field \"titel\"", "a.md:2:1: missing title", "b.md:9:1: warning: numbering gap: （三） follows （一）",
		"e.md:8:1: warning: 《质量提升行动计划》 names c and d and is left unlinked", "2 errors"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

// TestCheckSeesWhatBuildRefuses: check reports what a build would stop
// at beyond the documents — site.yaml, themes.yaml, a template, a
// published permalink gone or leading elsewhere — and writes nothing.
func TestCheckSeesWhatBuildRefuses(t *testing.T) {
	project := t.TempDir()
	content := filepath.Join(project, "content")
	os.MkdirAll(filepath.Join(content, "docs"), 0o755)
	doc := filepath.Join(content, "docs", "a.md")
	os.WriteFile(doc, []byte("---\nid: a\ntitle: A\n---\n一、总体要求\n\n二、主要任务\n"), 0o644)
	manifest := filepath.Join(content, ".permalinks")
	published := "/docs/a/\n/docs/a/p1/\t总体要求\n/docs/a/p2/\t保障措施\n/docs/a/p3/\t主要任务\n"
	os.WriteFile(manifest, []byte(published), 0o644)
	os.WriteFile(filepath.Join(content, "themes.yaml"), []byte("themes:\n  - id: x\n    name: X\n    terms: [\n"), 0o644)
	os.WriteFile(filepath.Join(content, "site.yaml"), []byte("title: T\ncolour: red\n"), 0o644)

	_, errs, code := runCLI(t, "check", "--content", content)
	for _, want := range []string{filepath.Join(content, "themes.yaml") + ":4:1: invalid YAML", filepath.Join(content, "site.yaml") + ":2:1: ", "tiaowen check: 2 errors"} {
		if code != 1 || !strings.Contains(errs, want) {
			t.Errorf("exit %d, stderr lacks %q:\n%s", code, want, errs)
		}
	}

	os.WriteFile(filepath.Join(content, "themes.yaml"), []byte("themes: []\n"), 0o644)
	os.WriteFile(filepath.Join(content, "site.yaml"), []byte("title: T\n"), 0o644)
	_, errs, code = runCLI(t, "check", "--content", content)
	for _, want := range []string{
		manifest + ":4:1: /docs/a/p3/ was published and would disappear (",
		doc + ":7:1: /docs/a/p2/ was published for 「保障措施」 (" + manifest + ":3) and would now lead to 「主要任务」 (readers who cited it",
		"tiaowen check: 2 errors",
	} {
		if code != 1 || !strings.Contains(errs, want) {
			t.Errorf("exit %d, stderr lacks %q:\n%s", code, want, errs)
		}
	}
	if out, errs, code := runCLI(t, "check", "--content", content, "--allow-removed", "--allow-changed"); code != 0 || out != "1 document, 2 sections, 0 warnings\n" {
		t.Errorf("check with both allowed: exit %d, %q %q", code, out, errs)
	}

	os.MkdirAll(filepath.Join(project, "templates"), 0o755)
	os.WriteFile(filepath.Join(project, "templates", "doc.html"), []byte("{{define \"content\"}}{{.Nope\n"), 0o644)
	templates := filepath.Join(project, "templates")
	for _, c := range []struct{ src, want string }{
		// One that does not parse, at its place.
		{"{{define \"content\"}}{{.Nope\n", filepath.Join(templates, "doc.html") + ":2: unclosed action"},
		// One that parses and fails when a page executes it.
		{"{{define \"content\"}}<p>{{.Data.Bogus}}</p>{{end}}\n", filepath.Join(templates, "doc.html") + `:1:30: executing "content" at <.Data.Bogus>`},
		// A whole page, as a Hugo template may be, without its "content".
		{"<html><body>{{.Title}}</body></html>\n", `no such template "content" (a page template gives its part of the page as {{define "content"}}…{{end}}`},
	} {
		os.WriteFile(filepath.Join(templates, "doc.html"), []byte(c.src), 0o644)
		if _, errs, code := runCLI(t, "check", "--content", content, "--allow-removed", "--allow-changed"); code != 1 || !strings.Contains(errs, c.want) || !strings.Contains(errs, "tiaowen check: 1 error") {
			t.Errorf("the template %q: exit %d, stderr %q, want %q", c.src, code, errs, c.want)
		}
	}
	if b, _ := os.ReadFile(manifest); string(b) != published {
		t.Errorf("check changed content/.permalinks:\n%s", b)
	}
	if entries, _ := os.ReadDir(project); len(entries) != 2 {
		t.Errorf("check wrote into the project: %v", entries)
	}
}

func TestUsage(t *testing.T) {
	out, _, code := runCLI(t)
	if code != 0 || !strings.Contains(out, "build") || !strings.Contains(out, "import") {
		t.Errorf("usage: exit %d\n%s", code, out)
	}
	if _, errs, code := runCLI(t, "frobnicate"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("unknown command: exit %d %q", code, errs)
	}
}

// textPDF is a PDF of one page holding lines of ASCII text, each at its
// own height, with the cross-reference table a reader expects.
func textPDF(lines ...string) []byte {
	var content strings.Builder
	content.WriteString("BT /F1 12 Tf 72 760 Td 16 TL\n")
	for _, l := range lines {
		fmt.Fprintf(&content, "(%s) Tj T*\n", l)
	}
	content.WriteString("ET")
	objects := []string{
		"<</Type/Catalog/Pages 2 0 R>>",
		"<</Type/Pages/Kids[3 0 R]/Count 1>>",
		"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
		"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
		fmt.Sprintf("<</Length %d>>\nstream\n%s\nendstream", content.Len(), content.String()),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// TestImportPDF: a folder's PDF is imported, through pdftotext, and says
// so; its page number is reported removed at its line.
func TestImportPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("no pdftotext (CI is set: install poppler-utils)")
		}
		t.Skip("no pdftotext: install poppler-utils")
	}
	raw, out := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(raw, "plan.pdf"), textPDF("Quality Plan", "", "1. Aims of the plan", "", "- 1 -"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, errs, code := runCLI(t, "import", "--out", out, raw)
	md, _ := os.ReadFile(filepath.Join(out, "plan.md"))
	if code != 0 || !strings.Contains(stdout, "plan.pdf → "+filepath.Join(out, "plan.md")+" (PDF, text by pdftotext)") ||
		!strings.Contains(errs, `plan.pdf:5: removed by page-number: "-`) || !strings.Contains(string(md), "Aims of the plan") {
		t.Errorf("exit %d, stdout %q, stderr %q, wrote:\n%s", code, stdout, errs, md)
	}
}

// TestImportKeepOriginal imports a Word 97–2003 document keeping it as
// the document's original: the file beside the document, named for its
// id, the front matter naming it, and the site publishing it; imported
// again, neither file is replaced without --force.
func TestImportKeepOriginal(t *testing.T) {
	_, content := seedContent(t)
	docs := filepath.Join(content, "docs")
	doc, err := os.ReadFile("../../internal/msdoc/testdata/features.doc")
	if err != nil {
		t.Fatal(err)
	}
	raw := filepath.Join(t.TempDir(), "关于推进质量强省建设的实施意见.DOC")
	os.WriteFile(raw, doc, 0o644)
	args := []string{"import", "--out", docs, "--id", "zhejiang-2024-yijian", "--keep-original", raw}
	if _, errs, code := runCLI(t, args...); code != 0 {
		t.Fatalf("import --keep-original: exit %d, stderr %q", code, errs)
	}
	if b, err := os.ReadFile(filepath.Join(docs, "zhejiang-2024-yijian.doc")); err != nil || !bytes.Equal(b, doc) {
		t.Fatalf("the original beside the document: %v, %d bytes", err, len(b))
	}
	md, _ := os.ReadFile(filepath.Join(docs, "zhejiang-2024-yijian.md"))
	if !strings.Contains(string(md), "\noriginal: zhejiang-2024-yijian.doc\n") {
		t.Errorf("the front matter does not name the original:\n%s", md)
	}
	site := filepath.Join(t.TempDir(), "site")
	if _, errs, code := runCLI(t, "build", "--content", content, "--out", site, "--zip", "-"); code != 0 {
		t.Fatalf("build: exit %d, stderr %q", code, errs)
	}
	if b, err := os.ReadFile(filepath.Join(site, "docs", "zhejiang-2024-yijian", "zhejiang-2024-yijian.doc")); err != nil || !bytes.Equal(b, doc) {
		t.Errorf("the site's original: %v, %d bytes", err, len(b))
	}
	os.Remove(filepath.Join(docs, "zhejiang-2024-yijian.md"))
	if _, errs, code := runCLI(t, args...); code != 1 || !strings.Contains(errs, "zhejiang-2024-yijian.doc exists") {
		t.Errorf("imported again over the original: exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(docs, "zhejiang-2024-yijian.md")); err == nil {
		t.Error("the document was written though its original was not")
	}
	if _, errs, code := runCLI(t, append(args[:len(args)-1], "--force", raw)...); code != 0 {
		t.Errorf("with --force: exit %d, stderr %q", code, errs)
	}
}

// TestImportAttachments imports what a notice's page attaches instead of
// the page: the Word document it links (not the spreadsheet), fetched,
// named for its link's text and so for the document, with the page's
// address as its source and, with --keep-original, the file kept. A page
// that attaches no document, a file that is no page, and a saved page
// whose attachments' addresses are relative are refused, saying why.
func TestImportAttachments(t *testing.T) {
	doc, err := os.ReadFile("../../internal/msdoc/testdata/features.doc")
	if err != nil {
		t.Fatal(err)
	}
	notice := `<html><head><title>关于印发实施意见的通知</title></head><body>
<p>各地级以上市人民政府：现将《关于推进质量强省建设的实施意见》印发给你们，请认真贯彻执行。</p>
<p>附件：1.<a href="/attach/P020240301.doc">关于推进质量强省建设的实施意见.doc</a></p>
<p>2.<a href="P020240302.xls">任务分工表.xls</a></p></body></html>`
	mux := http.NewServeMux()
	mux.HandleFunc("/zwgk/post_1.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, notice)
	})
	mux.HandleFunc("/zwgk/post_2.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<html><body><p>一、总体要求</p><p>坚持质量第一。</p></body></html>")
	})
	mux.HandleFunc("/attach/P020240301.doc", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/msword")
		w.Write(doc)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	out := t.TempDir()
	stdout, errs, code := runCLI(t, "import", "--attachments", "--keep-original", "--out", out, srv.URL+"/zwgk/post_1.html")
	if code != 0 {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, errs)
	}
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 2 || filepath.Ext(names[0]) != ".doc" || filepath.Ext(names[1]) != ".md" {
		t.Fatalf("wrote %q, want the document and its original", names)
	}
	// Named for the link's text, in Chinese, so for the document: not
	// for its address's P020240301.
	if strings.HasPrefix(names[1], "p020240301") || !strings.Contains(errs, "is made from the document's region, year and kind") {
		t.Errorf("the document is named %q; stderr %q", names[1], errs)
	}
	t.Logf("imported as %q", names)
	md, _ := os.ReadFile(filepath.Join(out, names[1]))
	for _, want := range []string{"title: 关于推进质量强省建设的实施意见\n", "source: " + srv.URL + "/zwgk/post_1.html\n", "original: " + names[0] + "\n"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the document lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(string(md), "现将") {
		t.Error("the notice's text was imported")
	}
	if b, _ := os.ReadFile(filepath.Join(out, names[0])); !bytes.Equal(b, doc) {
		t.Error("the original kept is not the attachment")
	}

	saved := filepath.Join(t.TempDir(), "通知.html")
	os.WriteFile(saved, []byte(notice), 0o644)
	for _, c := range []struct{ arg, says string }{
		{srv.URL + "/zwgk/post_2.html", "the page links no document as an attachment"},
		{srv.URL + "/attach/P020240301.doc", "--attachments reads a web page's attachments, and this is a DOC file"},
		{saved, `is at "/attach/P020240301.doc", relative to an address the saved page does not give`},
	} {
		if _, errs, code := runCLI(t, "import", "--attachments", "--out", t.TempDir(), c.arg); code != 1 || !strings.Contains(errs, c.says) {
			t.Errorf("%s: exit %d, stderr %q; want 1 and %q", c.arg, code, errs, c.says)
		}
	}
}

func TestAttachmentName(t *testing.T) {
	for text, want := range map[string]string{
		"关于推进质量强省建设的实施意见.doc": "关于推进质量强省建设的实施意见.doc",
		"附件1：广东省质量强省建设纲要":     "广东省质量强省建设纲要.doc",
		"2.任务分工":      "任务分工.doc",
		"（3）实施方案.DOC": "实施方案.doc",
		"附件":          "",
	} {
		if got := attachmentName(ingest.Attachment{Address: "https://a.gov.cn/P1.doc", Text: text}); got != want {
			t.Errorf("attachmentName(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestThemeFoundNowhere: a theme no document mentions — a term written
// as no document writes it — is a warning at its line in themes.yaml,
// the same from check and from build, and the site is built all the
// same; a theme found, if only in a table's cell, is not.
func TestThemeFoundNowhere(t *testing.T) {
	project := t.TempDir()
	content := filepath.Join(project, "content")
	os.MkdirAll(filepath.Join(content, "docs"), 0o755)
	os.WriteFile(filepath.Join(content, "docs", "a.md"), []byte("---\nid: a\ntitle: A\n---\n一、总体要求\n\n落实首负责任制。\n\n| 项目 | 内容 |\n|---|---|\n| 质量 | 质量月 |\n"), 0o644)
	themesFile := filepath.Join(content, "themes.yaml")
	os.WriteFile(themesFile, []byte("themes:\n  - id: shoufu\n    name: 首负责任制\n    terms: [首负责任制]\n  - id: zhiliangyue\n    name: 质量月\n    terms: [质量月]\n  - id: shuangbidui\n    name: 双比对双提升\n    terms: [双对比双提升]\n"), 0o644)
	want := themesFile + `:8:5: warning: theme "shuangbidui" (双比对双提升) is found in no document: its page will list nothing`
	out, errs, code := runCLI(t, "check", "--content", content)
	if code != 0 || !strings.Contains(errs, want) || strings.Count(errs, "found in no document") != 1 || out != "1 document, 1 section, 1 warning\n" {
		t.Errorf("check: exit %d, %q, stderr lacks %q (once):\n%s", code, out, want, errs)
	}
	_, errs, code = runCLI(t, "build", "--content", content, "--out", filepath.Join(project, "site"))
	if code != 0 || !strings.Contains(errs, want) || strings.Count(errs, "found in no document") != 1 {
		t.Errorf("build: exit %d, stderr lacks %q (once):\n%s", code, want, errs)
	}
	if _, err := os.Stat(filepath.Join(project, "site", "themes", "shuangbidui", "index.html")); err != nil {
		t.Errorf("the theme's page: %v", err)
	}
}
