package site

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// withOriginal gives the Luhe 意见 of a seed project an original, a PDF
// in a folder beside it, and returns the PDF's bytes.
func withOriginal(t *testing.T, project string) []byte {
	t.Helper()
	docs := filepath.Join(project, "content", "docs")
	pdf := []byte("%PDF-1.7\n% 陆河县人民政府关于加强质量监管的实施意见 (as issued)\n%%EOF\n")
	if err := os.MkdirAll(filepath.Join(docs, "originals"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(docs, "originals", "陆河县质量监管意见.PDF"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	edit(t, filepath.Join(docs, luheID+".md"), "source: \"003_3375bcca5598cc84.txt\"\n", "source: \"003_3375bcca5598cc84.txt\"\noriginal: originals/陆河县质量监管意见.PDF\n")
	return pdf
}

// TestOriginal: a document's original is published beside its page, at
// docs/<id>/<id>.pdf, linked from its particulars with its kind and
// size, given in its JSON and, a PDF, in its Highwire tags; the site in
// memory serves the same file.
func TestOriginal(t *testing.T) {
	project := seedProject(t)
	pdf := withOriginal(t, project)
	files := buildFiles(t, project)
	const at = "docs/" + luheID + "/" + luheID + ".pdf"
	if !bytes.Equal(files[at], pdf) {
		t.Fatalf("%s holds %q, want the original's bytes", at, files[at])
	}
	page := string(files["docs/"+luheID+"/index.html"])
	if want := `<div class="original"><dt>原文件</dt><dd><a href="../../` + at + `" type="application/pdf">PDF</a>（` + fileSize(int64(len(pdf))) + `）</dd></div>`; !strings.Contains(page, want) {
		t.Errorf("the document's page does not link its original:\n%s", between(page, `<dl class="meta">`, `</dl>`))
	}
	if want := `<meta name="citation_pdf_url" content="https://tiaowen.example.org/` + at + `">`; !strings.Contains(page, want) {
		t.Error("the page's Highwire tags do not give the PDF")
	}
	if want := `,"encoding":{"@type":"MediaObject","contentUrl":"https://tiaowen.example.org/` + at + `","encodingFormat":"application/pdf"}}`; !strings.Contains(page, want) {
		t.Errorf("the page's JSON-LD does not give the original as %s", want)
	}
	if want := "<loc>https://tiaowen.example.org/" + at + "</loc>"; !strings.Contains(string(files["sitemap.xml"]), want) {
		t.Errorf("the sitemap does not list %s", at)
	}
	if want := `"original": "https://tiaowen.example.org/` + at + `"`; !strings.Contains(string(files["api/docs/"+luheID+".json"]), want) {
		t.Errorf("the document's JSON does not give %s", want)
	}
	for name, b := range files {
		if strings.HasSuffix(name, ".pdf") && name != at || name != "docs/"+luheID+"/index.html" && bytes.Contains(b, []byte("原文件")) ||
			bytes.Contains(b, []byte(luheID+".pdf")) && !slices.Contains([]string{"docs/" + luheID + "/index.html", "api/docs/" + luheID + ".json", "sitemap.xml"}, name) {
			t.Errorf("%s: the original is published or named there too", name)
		}
	}
	m := newMemory(t, project)
	got := getAll(t, m, []string{at, "docs/" + luheID + "/index.html"})
	compareFiles(t, got, map[string][]byte{at: pdf, "docs/" + luheID + "/index.html": files["docs/"+luheID+"/index.html"]}, nil)
	// The file replaced: served anew, its size on the page with it.
	file := filepath.Join(project, "content", "docs", "originals", "陆河县质量监管意见.PDF")
	newer := append(slices.Clone(pdf), "% signed\n"...)
	if err := os.WriteFile(file, newer, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := update(t, m, file); !r.Full {
		t.Errorf("replacing the original: %+v, want the site loaded again", r)
	}
	got = getAll(t, m, []string{at, "docs/" + luheID + "/index.html"})
	if !bytes.Equal(got[at], newer) || !strings.Contains(string(got["docs/"+luheID+"/index.html"]), "（"+fileSize(int64(len(newer)))+"）") {
		t.Errorf("after the original was replaced, %s holds %q", at, got[at])
	}
	for _, name := range []string{"docs/" + luheID + "/" + luheID + ".PDF", "docs/guangdong-2023-gangyao/guangdong-2023-gangyao.pdf", "docs/" + luheID + "/陆河县质量监管意见.PDF"} {
		if _, ok, _ := m.Get(name); ok {
			t.Errorf("Get(%q) finds a file", name)
		}
	}
}

// TestOriginalRefused: an original that is not a file in the document's
// folder is an error at its line, saying what to do.
func TestOriginalRefused(t *testing.T) {
	for _, c := range []struct{ original, says string }{
		{"missing.pdf", `original "missing.pdf": there is no such file beside the document`},
		{"../site.yaml", `original "../site.yaml" is not a file in the document's folder`},
		{"/etc/passwd.pdf", `original "/etc/passwd.pdf" is not a file in the document's folder`},
		{"originals", `original "originals" has no extension`},
		{"originals.d", `original "originals.d" is not a file`},
	} {
		project := seedProject(t)
		docs := filepath.Join(project, "content", "docs")
		os.Mkdir(filepath.Join(docs, "originals.d"), 0o755)
		doc := edit(t, filepath.Join(docs, luheID+".md"), "source: \"003_3375bcca5598cc84.txt\"\n", "source: \"003_3375bcca5598cc84.txt\"\noriginal: "+c.original+"\n")
		_, problems, err := Load(Options{Content: filepath.Join(project, "content")})
		if err != nil {
			t.Fatal(err)
		}
		errs := problems.Errors()
		if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), doc+":12:1: "+c.says) || errs[0].Hint == "" {
			t.Errorf("original: %s: %v, want one error at line 12 saying %q and what to do", c.original, errs, c.says)
		}
	}
}
