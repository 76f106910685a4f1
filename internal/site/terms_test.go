package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// setTerms gives seeds of project a term in their front matter, after
// their date: id → "effective: …\nexpires: …\n".
func setTerms(t testing.TB, content string, terms map[string]string) {
	t.Helper()
	for id, term := range terms {
		name := filepath.Join(content, "docs", id+".md")
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		i := strings.Index(string(src), "\ndate: ")
		j := strings.IndexByte(string(src[i+1:]), '\n')
		if i < 0 || j < 0 {
			t.Fatalf("%s has no date line", name)
		}
		at := i + 1 + j + 1
		if err := os.WriteFile(name, []byte(string(src[:at])+term+string(src[at:])), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// seedTerms are terms for three seeds: one long expired, one not in
// force until 2099 and one in force until then, whatever day the tests
// run on.
var seedTerms = map[string]string{
	"guangdong-2020-shishi":  "effective: \"2020-09-17\"\nexpires: \"2022-12-31\"\n",
	"jiangsu-2023-yijian":    "effective: \"2099-01-01\"\n",
	"guangdong-2023-gangyao": "effective: \"2023-06-21\"\nexpires: \"2099-12-31\"\n",
}

// TestTerms: a document's term is on its page (its days, and the
// elements site.js fills in for the day the page is read), on its
// sections' pages, in its JSON and its entry in the lists, in its
// schema.org data, and the finders choose by it; a document without a
// term has none of these, nor a corpus without terms the choice.
func TestTerms(t *testing.T) {
	project := seedProject(t)
	content := filepath.Join(project, "content")
	setTerms(t, content, seedTerms)
	// A newer version of a seed, not in force until 2099.
	newer, err := os.ReadFile(filepath.Join("testdata", "versions", "guangzhou-2024-fangan.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(content, "docs", "guangzhou-2024-fangan.md"), newer, 0o644); err != nil {
		t.Fatal(err)
	}
	setTerms(t, content, map[string]string{"guangzhou-2024-fangan": "effective: \"2099-03-01\"\n"})
	out := filepath.Join(project, "site")
	if _, err := Build(Options{Content: content, Out: out, Zip: "-"}); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for name, wants := range map[string][]string{
		"docs/guangdong-2020-shishi/index.html": {
			`<p class="term-note" role="note" data-effective="2020-09-17" data-expires="2022-12-31" hidden></p>`,
			`<div><dt>施行日期</dt><dd><time datetime="2020-09-17">2020-09-17</time></dd></div>`,
			`<div><dt>有效期至</dt><dd><time datetime="2022-12-31">2022-12-31</time></dd></div>`,
			`<div class="term-state" data-effective="2020-09-17" data-expires="2022-12-31" hidden><dt>时效</dt><dd></dd></div>`,
			`"legislationDateOfApplicability":"2020-09-17","expires":"2022-12-31"`,
		},
		// The documents a document names are marked for site.js, and
		// so is a newer version, which may not yet be in force.
		"docs/guangzhou-2023-fangan/index.html": {
			`《广东省质量强省建设纲要》</a><span class="term-mark" data-effective="2023-06-21" data-expires="2099-12-31"></span> <span class="note">见`,
			`（2024-03-01 · 正式<span class="term-mark" data-effective="2099-03-01" data-expires=""></span>）取代。`,
		},
		"docs/guangzhou-2023-fangan/p1/index.html": {
			`（2024-03-01 · 正式<span class="term-mark" data-effective="2099-03-01" data-expires=""></span>）取代。`,
		},
		"docs/jiangsu-2023-yijian/p1/index.html": {
			`<p class="term-note" role="note" data-effective="2099-01-01" data-expires="" hidden></p>`,
		},
		"api/docs/guangdong-2020-shishi.json": {`"effective": "2020-09-17",`, `"expires": "2022-12-31"`},
		"api/docs.json":                       {`"effective": "2099-01-01"`},
		"api/docs.js":                         {`"draft","effective","expires","region"]`, `false,"2020-09-17","2022-12-31","广东省"]`},
		"search/data/meta.js":                 {`false,"2099-01-01","","江蘇省"]`},
		"index.html":                          {`<select name="term">`, `<span class="term-mark" data-effective="2020-09-17" data-expires="2022-12-31"></span>`},
		"search/index.html":                   {`name="term"`, `<option value="expired">已失效</option>`},
		// The feeds and the pages' descriptions give the days.
		"feed.xml": {`<summary>关于加快推进质量强省建设的实施方案（广东省人民政府，2020-09-17，粤府〔2020〕50号，2020-09-17起施行，有效期至2022-12-31，共 31 个条目）</summary>`},
	} {
		page := read(name)
		for _, want := range wants {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
	}
	for _, name := range []string{"docs/luhe-2017-yijian/index.html", "docs/luhe-2017-yijian/p1/index.html", "api/docs/luhe-2017-yijian.json"} {
		// Its pages mark the documents they lead to, not itself.
		if page := read(name); strings.Contains(page, "term-note") || strings.Contains(page, "term-state") || strings.Contains(page, `"effective"`) || strings.Contains(page, "施行日期") {
			t.Errorf("%s, of a document without a term, speaks of one", name)
		}
	}
	if n := strings.Count(read("api/docs.json"), `"effective"`); n != 4 {
		t.Errorf("api/docs.json gives %d documents a term; want 4", n)
	}

	plain := seedProject(t)
	if _, err := Build(Options{Content: filepath.Join(plain, "content"), Out: filepath.Join(plain, "site"), Zip: "-"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", "search/index.html"} {
		if b, err := os.ReadFile(filepath.Join(plain, "site", name)); err != nil || strings.Contains(string(b), `name="term"`) {
			t.Errorf("%s of a corpus without terms offers to choose by one (%v)", name, err)
		}
	}
}

// TestTermsInServe: a term given while serve runs is on the pages at
// once — the document's, the home page's 时效 choice, the marks on other
// documents' pages that lead to it — and one its text says otherwise is
// warned of in the edit's report.
func TestTermsInServe(t *testing.T) {
	project := seedProject(t)
	m := newMemory(t, project)
	get := func(name string) string {
		t.Helper()
		f, ok, err := m.Get(name)
		if !ok || err != nil {
			t.Fatalf("Get(%q): %v, %v", name, ok, err)
		}
		return string(f.Data)
	}
	if strings.Contains(get("index.html"), `name="term"`) {
		t.Fatal("the seeds' home page offers a choice by term")
	}
	content := filepath.Join(project, "content")
	setTerms(t, content, map[string]string{"guangdong-2020-shishi": "expires: \"2022-12-31\"\n"})
	file := filepath.Join(content, "docs", "guangdong-2020-shishi.md")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(src, "\n本方案自印发之日起施行，有效期至2023年12月31日。\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	r := update(t, m, file)
	for name, want := range map[string]string{
		"index.html": `<select name="term">`,
		"docs/guangdong-2020-shishi/p1/index.html":    `<p class="term-note" role="note" data-effective="" data-expires="2022-12-31" hidden></p>`,
		"docs/guangzhou-2023-fangan/p1-s1/index.html": `<span class="term-mark" data-effective="" data-expires="2022-12-31"></span>`,
	} {
		if !strings.Contains(get(name), want) {
			t.Errorf("%s lacks %s", name, want)
		}
	}
	warnings := r.Problems.Warnings().Error()
	for _, want := range []string{
		"but its front matter has no effective (add effective: 2020-09-17",
		"expires 2022-12-31 differs from the text, which says 2023-12-31",
	} {
		if !strings.Contains(warnings, want) {
			t.Errorf("the edit's warnings lack %q:\n%s", want, warnings)
		}
	}
}
