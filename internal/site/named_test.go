package site

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tiaowen/internal/diag"
)

// The seeds name one another once: the Guangzhou 方案's preamble names the
// Guangdong 纲要. The tests here add a name in a section of the Luhe 意见,
// in traditional script, as an edit would.
const (
	luheID      = "luhe-2017-yijian"
	namedBefore = "3.提升优势传统产业质量。认真贯彻落实《中国制造2025》"
	namedAfter  = "3.提升优势传统产业质量。认真贯彻落实《廣州市質量強市建設實施方案》"
	namedLink   = `<a class="named" href="../../../docs/guangzhou-2023-fangan/index.html">《廣州市質量強市建設實施方案》</a>`
)

// TestNamedDocuments: a title naming a document links to it from the
// section's page and the document's, and each document's page and JSON
// list the documents it names and those that name it, with the places.
func TestNamedDocuments(t *testing.T) {
	project := seedProject(t)
	files := buildFiles(t, project)
	gz := string(files["docs/guangzhou-2023-fangan/index.html"])
	if !strings.Contains(gz, `<a class="named" href="../../docs/guangdong-2023-gangyao/index.html">《广东省质量强省建设纲要》</a>`) {
		t.Error("the 方案's page does not link the 纲要's title in its preamble")
	}
	gd := string(files["docs/guangdong-2023-gangyao/index.html"])
	if want := `<h3>提及本文</h3><ul><li><a href="../../docs/guangzhou-2023-fangan/index.html" lang="zh-Hans">《广州市质量强市建设实施方案》</a> <span class="note">见<a href="../../docs/guangzhou-2023-fangan/index.html#preamble">前言</a>`; !strings.Contains(gd, want) {
		t.Errorf("the 纲要's page does not list the 方案 as naming it, at its preamble:\n%s", between(gd, `<aside class="named-links"`, `</aside>`))
	}
	if strings.Contains(string(files["docs/"+luheID+"/index.html"]), "named-links") {
		t.Error("the 意见's page lists documents it names or that name it: there are none")
	}

	edit(t, filepath.Join(project, "content", "docs", luheID+".md"), namedBefore, namedAfter)
	files = buildFiles(t, project)
	if sec := string(files["docs/"+luheID+"/i3/index.html"]); !strings.Contains(sec, namedLink) {
		t.Errorf("the section's page does not link the title it names:\n%s", between(sec, "<article", "</article>"))
	}
	if _, ok := files["docs/guangzhou-2023-fangan/index.html"]; !ok {
		t.Fatal("the link leads nowhere")
	}
	luhe := string(files["docs/"+luheID+"/index.html"])
	if !strings.Contains(luhe, strings.ReplaceAll(namedLink, "../../../", "../../")) {
		t.Error("the document's page does not link the title")
	}
	if want := `<h3>本文提及</h3><ul><li><a href="../../docs/guangzhou-2023-fangan/index.html" lang="zh-Hans">《广州市质量强市建设实施方案》</a> <span class="note">见<a href="../../docs/` + luheID + `/i3/index.html">3.</a>`; !strings.Contains(luhe, want) {
		t.Errorf("the 意见's page does not list the document it names:\n%s", between(luhe, `<aside class="named-links"`, `</aside>`))
	}
	// The pages' JSON-LD cites the document named: the document's, the
	// section's and its parent's, not a sibling's.
	for page, want := range map[string][]string{
		"docs/" + luheID + "/index.html":        {"广州市质量强市建设实施方案 https://tiaowen.example.org/docs/guangzhou-2023-fangan/"},
		"docs/" + luheID + "/i3/index.html":     {"广州市质量强市建设实施方案 https://tiaowen.example.org/docs/guangzhou-2023-fangan/"},
		"docs/" + luheID + "/p2/index.html":     {"广州市质量强市建设实施方案 https://tiaowen.example.org/docs/guangzhou-2023-fangan/"},
		"docs/" + luheID + "/i4/index.html":     nil,
		"docs/guangzhou-2023-fangan/index.html": {"广东省质量强省建设纲要 https://tiaowen.example.org/docs/guangdong-2023-gangyao/"},
	} {
		if got := ldCitations(t, files[page]); !slices.Equal(got, want) {
			t.Errorf("%s: JSON-LD citation %q, want %q", page, got, want)
		}
	}
	gz = string(files["docs/guangzhou-2023-fangan/index.html"])
	if !strings.Contains(gz, `<h3>提及本文</h3><ul><li><a href="../../docs/`+luheID+`/index.html"`) {
		t.Errorf("the 方案's page does not list the 意见 as naming it:\n%s", between(gz, `<aside class="named-links"`, `</aside>`))
	}

	// An issuing number names its document too.
	edit(t, filepath.Join(project, "content", "docs", "guangzhou-2023-fangan.md"), "全面落实《质量强国建设纲要》", "全面落实粤府〔2020〕50号文件、《质量强国建设纲要》")
	files = buildFiles(t, project)
	if gz := string(files["docs/guangzhou-2023-fangan/index.html"]); !strings.Contains(gz, `全面落实<a class="named" href="../../docs/guangdong-2020-shishi/index.html">粤府〔2020〕50号</a>文件`) {
		t.Errorf("the 方案's page does not link the number it names:\n%s", between(gz, `<div class="preamble"`, `</div>`))
	}
	if shishi := string(files["docs/guangdong-2020-shishi/index.html"]); !strings.Contains(shishi, `<h3>提及本文</h3><ul><li><a href="../../docs/guangzhou-2023-fangan/index.html"`) {
		t.Errorf("the 方案 named by number is not listed as naming it:\n%s", between(shishi, `<aside class="named-links"`, `</aside>`))
	}

	var api struct {
		Cites, CitedBy []struct{ Doc, Section, At string }
	}
	if err := json.Unmarshal(files["api/docs/guangzhou-2023-fangan.json"], &api); err != nil {
		t.Fatal(err)
	}
	base := "https://tiaowen.example.org/"
	wantCites := []struct{ Doc, Section, At string }{
		{"guangdong-2020-shishi", "", base + "docs/guangzhou-2023-fangan/#preamble"},
		{"guangdong-2023-gangyao", "", base + "docs/guangzhou-2023-fangan/#preamble"},
	}
	wantBy := []struct{ Doc, Section, At string }{{luheID, "i3", base + "docs/" + luheID + "/i3/"}}
	if !slices.Equal(api.Cites, wantCites) || !slices.Equal(api.CitedBy, wantBy) {
		t.Errorf("the 方案's JSON: cites %+v, cited by %+v; want %+v, %+v", api.Cites, api.CitedBy, wantCites, wantBy)
	}
}

// TestMemoryEditNamed: an edit that names a document, or no longer
// does, is an incremental update that makes the named document's pages
// again, and leaves the site as a fresh build would.
func TestMemoryEditNamed(t *testing.T) {
	project := seedProject(t)
	m := newMemory(t, project)
	names := sortedNames(buildFiles(t, project))
	getAll(t, m, names)
	doc := filepath.Join(project, "content", "docs", luheID+".md")
	for _, step := range []struct{ what, old, new string }{
		{"names the 方案", namedBefore, namedAfter},
		{"no longer names it", namedAfter, namedBefore},
	} {
		edit(t, doc, step.old, step.new)
		r := update(t, m, doc)
		if r.Full || !slices.Contains(r.Changed, "doc:guangzhou-2023-fangan") {
			t.Errorf("%s: report = %+v, want an incremental update that changes the 方案's pages", step.what, r)
		}
		got := getAll(t, m, names)
		compareFiles(t, got, buildFiles(t, project), alignDependent(m))
		aside := between(string(got["docs/guangzhou-2023-fangan/index.html"]), `<aside class="named-links"`, `</aside>`)
		if has := strings.Contains(aside, luheID); has != (step.new == namedAfter) {
			t.Errorf("%s: the 方案's page names the 意见: %v", step.what, has)
		}
	}

	// A new title for the 方案, which names the 纲要 and which nothing
	// names: the 纲要's page lists it by its new title.
	gz := edit(t, filepath.Join(project, "content", "docs", "guangzhou-2023-fangan.md"),
		"title: 广州市质量强市建设实施方案", "title: 广州市质量强市建设实施方案（修订）")
	if r := update(t, m, gz); r.Full {
		t.Errorf("a new title that no document names: report = %+v, want an incremental update", r)
	}
	got := getAll(t, m, names)
	compareFiles(t, got, buildFiles(t, project), alignDependent(m))
	if aside := between(string(got["docs/guangdong-2023-gangyao/index.html"]), `<aside class="named-links"`, `</aside>`); !strings.Contains(aside, "《广州市质量强市建设实施方案（修订）》") {
		t.Errorf("the 纲要's page lists the documents naming it as\n%s\nwithout the 方案's new title", aside)
	}
}

// TestMemoryRetitleNamed: a new title for a document that another names
// by its old title changes what the other's text links: the update loads
// everything again, and the site is a fresh build's.
func TestMemoryRetitleNamed(t *testing.T) {
	project := seedProject(t)
	m := newMemory(t, project)
	names := sortedNames(buildFiles(t, project))
	getAll(t, m, names)
	doc := edit(t, filepath.Join(project, "content", "docs", "guangdong-2023-gangyao.md"),
		"title: 广东省质量强省建设纲要", "title: 广东省质量强省建设纲要（修订）")
	if r := update(t, m, doc); !r.Full {
		t.Errorf("report = %+v, want everything loaded again", r)
	}
	got := getAll(t, m, names)
	compareFiles(t, got, buildFiles(t, project), nil)
	if strings.Contains(string(got["docs/guangzhou-2023-fangan/index.html"]), `class="named"`) {
		t.Error("the 方案 still links the 纲要's old title")
	}
}

// TestNamedWarnings: a title naming a document issued after the one that
// names it is left unlinked, and both the build and an edit in serve say
// so, at the paragraph.
func TestNamedWarnings(t *testing.T) {
	project := seedProject(t)
	m := newMemory(t, project)
	getAll(t, m, []string{"index.html"})
	doc := edit(t, filepath.Join(project, "content", "docs", luheID+".md"), namedBefore, "3.提升优势传统产业质量。认真贯彻落实《广东省质量强省建设纲要》")
	const want = luheID + ".md:41:1: warning: 《广东省质量强省建设纲要》 names guangdong-2023-gangyao, dated 2023-06-21, after this document (2017-05-24), and is left unlinked"
	warned := func(ps diag.List) bool {
		return slices.ContainsFunc(ps, func(p diag.Problem) bool {
			return strings.HasSuffix(p.Pos.File, luheID+".md") && strings.Contains(p.Error(), want)
		})
	}
	if r := update(t, m, doc); r.Full || !warned(r.Problems) {
		t.Errorf("the edit's report, full %v, does not warn %q:\n%v", r.Full, want, r.Problems)
	}
	_, problems, err := Load(Options{Content: filepath.Join(project, "content")})
	if err != nil || !warned(problems) {
		t.Errorf("Load: %v; problems do not warn %q:\n%v", err, want, problems)
	}
	if sec := string(buildFiles(t, project)["docs/"+luheID+"/i3/index.html"]); strings.Contains(sec, `class="named"`) {
		t.Error("the section links a title of a document issued after it")
	}
}

// ldCitations returns the "citation" of a page's JSON-LD, as "name url"
// strings.
func ldCitations(t *testing.T, page []byte) []string {
	t.Helper()
	script, ok := strings.CutPrefix(between(string(page), `<script type="application/ld+json">`, `</script>`), `<script type="application/ld+json">`)
	if !ok {
		t.Fatal("no JSON-LD")
	}
	var ld struct {
		Citation []struct {
			Type string `json:"@type"`
			Name string `json:"name"`
			URL  string `json:"url"`
		} `json:"citation"`
	}
	if err := json.Unmarshal([]byte(strings.TrimSuffix(script, "</script>")), &ld); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range ld.Citation {
		if c.Type != "Legislation" {
			t.Errorf("a citation of @type %q", c.Type)
		}
		out = append(out, c.Name+" "+c.URL)
	}
	return out
}

// between is the part of s from the first start to the end after it,
// for messages.
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return "(no " + start + ")"
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j+len(end)]
}
