package site

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// unpack writes a txtar fixture into a fresh directory and returns it.
func unpack(t *testing.T, fixture string) string {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", fixture))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range a.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func build(t *testing.T, dir string) Summary {
	t.Helper()
	return buildZip(t, dir, "")
}

// buildZip builds dir's content into dir/build/site with the bundle at
// zip: "" for its default place (bundlePath), "-" for none.
func buildZip(t *testing.T, dir, zip string) Summary {
	t.Helper()
	sum, err := Build(Options{Content: filepath.Join(dir, "content"), Out: filepath.Join(dir, "build", "site"), Zip: zip})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return sum
}

// bundlePath is where build puts the bundle of basic.txtar's site.
func bundlePath(dir string) string {
	return filepath.Join(dir, "build", "test-site-offline.zip")
}

// editSection changes the text of one section of basic.txtar's a-plan.
func editSection(t *testing.T, dir string) {
	t.Helper()
	docPath := filepath.Join(dir, "content", "docs", "a-plan.md")
	doc, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(doc, []byte("提升认证有效性"), []byte("提升认证的有效性"), 1)
	if bytes.Equal(edited, doc) {
		t.Fatal("a-plan.md lacks 提升认证有效性")
	}
	if err := os.WriteFile(docPath, edited, 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "build", "site", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBuildOutputs(t *testing.T) {
	dir := unpack(t, "basic.txtar")
	sum := build(t, dir)
	if sum.Docs != 2 || sum.Sections != 11 {
		t.Errorf("summary = %+v", sum)
	}
	if got := sum.String(); !strings.HasPrefix(got, "2 documents, 11 sections, ") || !strings.HasSuffix(got, " ms") {
		t.Errorf("summary line = %q", got)
	}
	for _, name := range []string{
		"index.html", "docs/a-plan/index.html", "docs/a-plan/p1/index.html", "docs/a-plan/p2-s1-i2/index.html",
		"docs/b-yijian/s2/index.html", "themes/index.html", "themes/shoufu-zerenzhi/index.html",
		"compare/index.html", "search/index.html", "about/index.html", "404.html",
		"api/docs/a-plan.json", "api/themes.json", "sitemap.xml", "feed.xml", "robots.txt",
		"static/style.css", "static/site.js", "static/chroma.css", "static/print.css",
	} {
		if _, err := os.Stat(filepath.Join(dir, "build", "site", name)); err != nil {
			t.Errorf("missing %s", name)
		}
	}
	doc := read(t, dir, "docs/a-plan/index.html")
	for _, want := range []string{
		`<html lang="zh-Hans">`,
		`<section class="sec l2 k-section" id="p1-s1">`,
		`<link rel="canonical" href="https://example.org/lib/docs/a-plan/">`,
		`<a class="term t-shoufu-zerenzhi" href="../../themes/shoufu-zerenzhi/index.html"`,
		`<a class="ext" href="https://www.gov.cn/" rel="noopener">国务院网站</a>`,
		`href="../../docs/a-plan/p2-s1-i2/index.html"`,
		`<div class="trailing" id="trailing"><p>甲市人民政府</p>`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document page lacks %s", want)
		}
	}
	hant := read(t, dir, "docs/b-yijian/index.html")
	if !strings.Contains(hant, `<html lang="zh-Hant">`) || !strings.Contains(hant, `title="主题：质量基础设施">質量基礎設施</a>`) {
		t.Errorf("traditional document page: lang or folded theme link missing")
	}
	sec := read(t, dir, "docs/a-plan/p2-s1-i2/index.html")
	for _, want := range []string{
		`《甲市质量强市实施方案》二、（一）2.`,
		`https://example.org/lib/docs/a-plan/p2-s1-i2/`,
		`甲市人民政府. 甲市质量强市实施方案: 二、（一）2.[EB/OL]. (2023-05-01)[<span class="cite-date">引用日期</span>]. https://example.org/lib/docs/a-plan/p2-s1-i2/.`,
		`"@type":"Legislation"`,
		`<meta property="og:url" content="https://example.org/lib/docs/a-plan/p2-s1-i2/">`,
		`rel="prev" href="../../../docs/a-plan/p2-s1-i1/index.html"`,
		`<a href="../../../docs/a-plan/p2/index.html" lang="zh-Hans">二、重点任务</a>`,
	} {
		if !strings.Contains(sec, want) {
			t.Errorf("section page lacks %s", want)
		}
	}
	if s := read(t, dir, "docs/b-yijian/s2/index.html"); !strings.Contains(s, `《乙省關於深化質量強省建設的實施意見》（二）`) {
		t.Errorf("a section cited alone should cite its own marker only")
	}
	theme := read(t, dir, "themes/zhiliang-jichu-sheshi/index.html")
	if !strings.Contains(theme, `<mark>質量基礎設施</mark>`) || !strings.Contains(theme, `id="doc-b-yijian"`) || !strings.Contains(theme, `<mark>质量基础设施</mark>`) {
		t.Errorf("theme page lacks passages from both scripts")
	}
	home := read(t, dir, "index.html")
	if !strings.Contains(home, `href="themes/shoufu-zerenzhi/index.html#doc-b-yijian"`) {
		t.Errorf("matrix cell link missing")
	}
	about := read(t, dir, "about/index.html")
	if !strings.Contains(about, `class="chroma"`) {
		t.Errorf("fenced code not highlighted with classes")
	}
	// Only a page with code links the highlighting's styles.
	if !strings.Contains(about, `href="../static/chroma.css?v=`) || strings.Contains(doc, "chroma.css") || strings.Contains(sec, "chroma.css") {
		t.Errorf("the page with code links chroma.css: %v; a document's page: %v; a section's: %v",
			strings.Contains(about, "chroma.css"), strings.Contains(doc, "chroma.css"), strings.Contains(sec, "chroma.css"))
	}
	api := read(t, dir, "api/docs/a-plan.json")
	if !strings.Contains(api, `"eId": "p1-s1"`) || !strings.Contains(api, `"themes": [
    "shoufu-zerenzhi",
    "zhiliang-jichu-sheshi"
   ]`) {
		t.Errorf("api json:\n%s", api)
	}
	if feed := read(t, dir, "feed.xml"); !strings.Contains(feed, `<id>https://example.org/lib/docs/a-plan/</id>`) || !strings.Contains(feed, `<updated>2023-05-01T00:00:00Z</updated>`) {
		t.Errorf("feed:\n%s", feed)
	}
	if sm := read(t, dir, "sitemap.xml"); !strings.Contains(sm, `<loc>https://example.org/lib/docs/b-yijian/s2/</loc>`) {
		t.Errorf("sitemap lacks a section")
	}
	// The offline bundle: the same files under a folder named for the site.
	zr, err := zip.OpenReader(bundlePath(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	if !names["test-site/index.html"] || !names["test-site/docs/a-plan/p1/index.html"] {
		t.Errorf("zip lacks pages; has %d files", len(zr.File))
	}
	// The 404 page a web host serves at any depth leads from the site's
	// root on the host; the bundle's, opened from disk, from itself.
	if nf := read(t, dir, "404.html"); !strings.Contains(nf, `<base href="/lib/">`) || !strings.Contains(nf, `href="static/style.css?v=`) {
		t.Errorf("404.html has no <base> of the site's root /lib/, or no relative stylesheet:\n%.600s", nf)
	}
	for _, f := range zr.File {
		if f.Name != "test-site/404.html" {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		if strings.Contains(string(b), "<base") || !strings.Contains(string(b), "未找到页面") {
			t.Errorf("the bundle's 404.html:\n%.600s", b)
		}
	}
	manifest, _ := os.ReadFile(filepath.Join(dir, "content", ".permalinks"))
	if !strings.Contains(string(manifest), "\n/docs/a-plan/p2-s1-i2/\t推进认证。提升认证有效性。\n") {
		t.Errorf("manifest:\n%s", manifest)
	}
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = b
		}
		return nil
	})
	return out
}

func sameFiles(t *testing.T, a, b map[string][]byte) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs", name)
		}
	}
}

func TestDeterministic(t *testing.T) {
	dir := unpack(t, "basic.txtar")
	build(t, dir)
	first := readerFiles(t, dir)
	build(t, dir)
	second := readerFiles(t, dir)
	sameFiles(t, first, second)
}

// readerFiles is what a build under dir has written for readers: the site
// and the bundle, without the spare it keeps for the next build, its lock
// and the lists of the two folders' files.
func readerFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := snapshot(t, filepath.Join(dir, "build"))
	for name := range files {
		if strings.HasPrefix(name, sparePrefix) || strings.HasPrefix(name, lockPrefix) || strings.HasPrefix(name, listPrefix) {
			delete(files, name)
		}
	}
	return files
}

// TestRebuildTakesUnchangedFiles rebuilds a site: every file whose bytes
// the previous site holds is that file, linked, not a new one, and the
// site is what a fresh build writes.
func TestRebuildTakesUnchangedFiles(t *testing.T) {
	dir := unpack(t, "basic.txtar")
	site := filepath.Join(dir, "build", "site")
	first := build(t, dir)
	if first.Unchanged != 0 {
		t.Errorf("a first build took %d files unchanged", first.Unchanged)
	}
	inodes := func() map[string]os.FileInfo {
		out := map[string]os.FileInfo{}
		filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				st, _ := os.Stat(p)
				rel, _ := filepath.Rel(site, p)
				out[rel] = st
			}
			return err
		})
		return out
	}
	before, files := inodes(), snapshot(t, site)
	again := build(t, dir)
	// Every file of the bundle but 404.html (its own) is the site's.
	summary := fmt.Sprintf(" (%d files unchanged, %d bundle entries reused), ", len(files), len(files)-1)
	if again.Unchanged != int64(len(files)) || !strings.Contains(again.String(), summary) {
		t.Errorf("the same content rebuilt took %d of %d files unchanged: %s", again.Unchanged, len(files), again)
	}
	for name, st := range inodes() {
		if !os.SameFile(st, before[name]) {
			t.Errorf("%s was written again, unchanged", name)
		}
	}

	// One section changed: its pages are new files, the others are kept.
	editSection(t, dir)
	before, files = inodes(), snapshot(t, site)
	changed := build(t, dir)
	now := snapshot(t, site)
	kept := 0
	for name, st := range inodes() {
		same := bytes.Equal(now[name], files[name])
		if os.SameFile(st, before[name]) != same {
			t.Errorf("%s: the previous file kept %v, its bytes the same %v", name, !same, same)
		}
		if same {
			kept++
		}
	}
	if int64(kept) != changed.Unchanged || kept == 0 || kept == len(now) {
		t.Errorf("%d files kept of %d, the build says %d unchanged", kept, len(now), changed.Unchanged)
	}
	fresh := unpack(t, "basic.txtar")
	editSection(t, fresh)
	build(t, fresh)
	sameFiles(t, snapshot(t, filepath.Join(fresh, "build", "site")), now)

	// The same content again: the spare, which holds the site of two
	// builds ago, is brought up to date in place — the files it holds
	// already kept, the section's pages linked from the site it replaces
	// — and every file of the site is the one it had.
	spare := filepath.Join(dir, "build", sparePrefix+"site")
	sameFiles(t, files, snapshot(t, spare))
	before = inodes()
	same := build(t, dir)
	if same.Unchanged != int64(len(now)) {
		t.Errorf("the same content rebuilt over the spare took %d of %d files unchanged", same.Unchanged, len(now))
	}
	for name, st := range inodes() {
		if !os.SameFile(st, before[name]) {
			t.Errorf("%s was written again, unchanged", name)
		}
	}
	sameFiles(t, now, snapshot(t, site))
	sameFiles(t, now, snapshot(t, spare))
}

func TestFailedBuildKeepsSite(t *testing.T) {
	dir := unpack(t, "basic.txtar")
	build(t, dir)
	before := snapshot(t, filepath.Join(dir, "build"))
	bad := "---\nid: a-plan\ntitel: x\nlang: zh-CN\n---\n一、正文\n"
	if err := os.WriteFile(filepath.Join(dir, "content", "docs", "a-plan.md"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "content", "docs", "dup.md"), []byte("---\nid: b-yijian\ntitle: x\n---\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "content", "themes.yaml"), []byte("themes:\n  - id: empty\n    name: 空\n    description: x\n"), 0o644)
	_, err := Build(Options{Content: filepath.Join(dir, "content"), Out: filepath.Join(dir, "build", "site")})
	if err == nil {
		t.Fatal("Build succeeded on bad content")
	}
	msg := err.Error()
	for _, want := range []string{
		filepath.Join(dir, "content", "docs", "a-plan.md") + ":3:1: unknown field \"titel\"",
		filepath.Join(dir, "content", "docs", "a-plan.md") + ":4:1: lang \"zh-CN\"",
		"dup.md:2:1: id \"b-yijian\" does not match the file name",
		"themes.yaml:",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	sameFiles(t, before, snapshot(t, filepath.Join(dir, "build")))
	if leftovers, _ := filepath.Glob(filepath.Join(dir, "build", ".tmp-*")); len(leftovers) > 0 {
		t.Errorf("temporary directories left behind: %v", leftovers)
	}
}

// TestYAMLErrorPositions breaks the YAML of site.yaml and of a content
// page's front matter, and saves a page in GBK: each error names the
// line of the mistake (the YAML library's own line is one early for
// these), and the build keeps the site.
func TestYAMLErrorPositions(t *testing.T) {
	dir := t.TempDir()
	cfgFile := filepath.Join(dir, "site.yaml")
	os.WriteFile(cfgFile, []byte("title: 站\nname: s\nbaseURL: [https://x/\nlanguage: zh-Hans\n"), 0o644)
	_, problems := LoadConfig(cfgFile)
	if err := problems.Err(); err == nil || !strings.Contains(err.Error(), cfgFile+":3:1: site.yaml: did not find expected ',' or ']'") {
		t.Errorf("site.yaml with a list left open on line 3: %v", err)
	}

	pages := filepath.Join(dir, "pages")
	os.MkdirAll(pages, 0o755)
	os.WriteFile(filepath.Join(pages, "about.md"), []byte("---\ntitle: 关于\nweight: 1\n- x\n---\n正文\n"), 0o644)
	os.WriteFile(filepath.Join(pages, "help.md"), []byte("---\ntitle: 帮助\ncolour: red\n---\n正文\n"), 0o644)
	// A page saved in GBK: 正文 is D5 FD CE C4.
	os.WriteFile(filepath.Join(pages, "data.md"), []byte("---\ntitle: 数据\n---\n\xd5\xfd\xce\xc4\n"), 0o644)
	_, problems = loadPages(pages, false)
	msg := ""
	if err := problems.Err(); err != nil {
		msg = err.Error()
	}
	for _, want := range []string{
		filepath.Join(pages, "about.md") + ":4:1: front matter: did not find expected key",
		filepath.Join(pages, "help.md") + ":3:1: front matter: ",
		filepath.Join(pages, "data.md") + ":4:1: the file is not UTF-8 text: byte 0xD5 begins no UTF-8 character",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("content pages' errors lack %q:\n%s", want, msg)
		}
	}
}

func TestPermalinksProtected(t *testing.T) {
	dir := unpack(t, "basic.txtar")
	build(t, dir)
	docFile := filepath.Join(dir, "content", "docs", "a-plan.md")
	src, _ := os.ReadFile(docFile)
	// Drop item 2: its permalink would disappear.
	cut := strings.Replace(string(src), "2.推进认证。提升认证有效性。\n", "", 1)
	os.WriteFile(docFile, []byte(cut), 0o644)
	opts := Options{Content: filepath.Join(dir, "content"), Out: filepath.Join(dir, "build", "site")}
	_, err := Build(opts)
	if err == nil || !strings.Contains(err.Error(), ".permalinks:") || !strings.Contains(err.Error(), ": /docs/a-plan/p2-s1-i2/ was published and would disappear (") {
		t.Fatalf("Build = %v, want it to name /docs/a-plan/p2-s1-i2/", err)
	}
	opts.AllowRemoved = true
	if _, err := Build(opts); err != nil {
		t.Fatalf("Build with AllowRemoved: %v", err)
	}
	// Rename the document, keeping the old id as an alias: old URLs redirect.
	os.WriteFile(docFile, src, 0o644)
	opts.AllowRemoved = false
	build(t, dir)
	renamed := strings.Replace(string(src), "id: a-plan\n", "id: a-plan-2023\n", 1)
	renamed = strings.Replace(renamed, "aliases: []", "aliases: [a-plan]", 1)
	os.Remove(docFile)
	os.WriteFile(filepath.Join(dir, "content", "docs", "a-plan-2023.md"), []byte(renamed), 0o644)
	if _, err := Build(opts); err != nil {
		t.Fatalf("Build after a rename with an alias: %v", err)
	}
	redirect := read(t, dir, "docs/a-plan/p2-s1-i2/index.html")
	if !strings.Contains(redirect, `<meta http-equiv="refresh" content="0; url=../../../docs/a-plan-2023/p2-s1-i2/index.html">`) {
		t.Errorf("redirect page:\n%s", redirect)
	}
}

func TestOverrides(t *testing.T) {
	dir := unpack(t, "basic.txtar")
	os.MkdirAll(filepath.Join(dir, "templates"), 0o755)
	os.MkdirAll(filepath.Join(dir, "static"), 0o755)
	os.WriteFile(filepath.Join(dir, "templates", "404.html"), []byte(`{{define "content"}}<p>自定义的404</p>{{end}}`), 0o644)
	os.WriteFile(filepath.Join(dir, "static", "style.css"), []byte("body{color:red}"), 0o644)
	os.WriteFile(filepath.Join(dir, "static", "extra.txt"), []byte("extra"), 0o644)
	build(t, dir)
	if got := read(t, dir, "404.html"); !strings.Contains(got, "自定义的404") {
		t.Error("template override not used")
	}
	if got := read(t, dir, "static/style.css"); got != "body{color:red}" {
		t.Error("static override not used")
	}
	if got := read(t, dir, "static/site.js"); !strings.Contains(got, "clipboard") {
		t.Error("embedded default lost where not overridden")
	}
	if got := read(t, dir, "static/extra.txt"); got != "extra" {
		t.Error("project static file not copied")
	}
}

func TestUnsafeContentStaysText(t *testing.T) {
	dir := unpack(t, "basic.txtar")
	evil := "---\nid: evil\ntitle: 含有标记的文件<script>alert(0)</script>\n---\n\n一、总体要求\n\n\\<script\\>alert(1)\\</script\\> 与 <script>alert(2)</script> 与 <img src=x onerror=alert(3)>\n\n[点我](javascript:alert(4)) 与 <a href=\"javascript:alert(5)\">链接</a>\n"
	os.WriteFile(filepath.Join(dir, "content", "docs", "evil.md"), []byte(evil), 0o644)
	build(t, dir)
	page := read(t, dir, "docs/evil/index.html")
	for _, bad := range []string{"<script>alert", "<img src=x", `href="javascript:`, "onerror=alert(3)>"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains live markup %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(3)&gt;", "[点我](javascript:alert(4))"} {
		if !strings.Contains(page, want) {
			t.Errorf("page does not show %q as text", want)
		}
	}
}

// TestRebuildRemovesWhatIsGone removes a document between rebuilds and
// brings it back: the spare, brought up to date by the list of its files
// or, once the lists are gone (as a killed build leaves them), by reading
// its folders, keeps no page of what the content no longer has, and each
// site is the one a fresh build of the same content writes. The lists
// name exactly the files of the folders they are for.
func TestRebuildRemovesWhatIsGone(t *testing.T) {
	t.Run("exchanged", testRebuildRemovesWhatIsGone)
	// The way of the systems with no atomic exchange of two folders.
	t.Run("moved", func(t *testing.T) {
		defer func(was func(a, b string) error) { exchange = was }(exchange)
		exchange = func(a, b string) error { return errors.ErrUnsupported }
		testRebuildRemovesWhatIsGone(t)
	})
}

func testRebuildRemovesWhatIsGone(t *testing.T) {
	dir := unpack(t, "basic.txtar")
	site := filepath.Join(dir, "build", "site")
	spare := filepath.Join(dir, "build", sparePrefix+"site")
	doc := filepath.Join(dir, "content", "docs", "b-yijian.md")
	text, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	buildOf := func(content, out string) {
		t.Helper()
		if _, err := Build(Options{Content: content, Out: out, Zip: "-", AllowRemoved: true}); err != nil {
			t.Fatalf("Build: %v", err)
		}
	}
	fresh := func() map[string][]byte {
		t.Helper()
		other := t.TempDir()
		if err := os.CopyFS(filepath.Join(other, "content"), os.DirFS(filepath.Join(dir, "content"))); err != nil {
			t.Fatal(err)
		}
		buildOf(filepath.Join(other, "content"), filepath.Join(other, "build", "site"))
		return snapshot(t, filepath.Join(other, "build", "site"))
	}
	o := &output{final: site, spare: spare}
	checkList := func(folder string, want bool) {
		t.Helper()
		path, _ := o.listPath(folder)
		data, err := os.ReadFile(path)
		if !want {
			if err == nil {
				t.Errorf("%s has a list", folder)
			}
			return
		}
		if err != nil {
			t.Errorf("%s has no list: %v", folder, err)
			return
		}
		listed := strings.Split(strings.TrimSuffix(strings.TrimPrefix(string(data), listHeader), "\n"), "\n")
		slices.Sort(listed)
		listed = slices.Compact(listed)
		var files []string
		for name := range snapshot(t, folder) {
			files = append(files, filepath.ToSlash(name))
		}
		slices.Sort(files)
		if !slices.Equal(listed, files) {
			t.Errorf("%s's list names %d files, the folder holds %d", folder, len(listed), len(files))
		}
	}
	buildOf(filepath.Join(dir, "content"), site)
	checkList(site, true)
	buildOf(filepath.Join(dir, "content"), site) // the spare made
	for _, step := range []struct {
		name           string
		remove, forget bool
	}{
		{"removed, the spare listed", true, false},
		{"back, the spare listed", false, false},
		{"removed, the lists gone", true, true},
	} {
		if step.forget {
			// A build that fails once it has begun to change the spare
			// takes the spare's list away with it.
			tmpl := filepath.Join(dir, "templates", "page.html")
			if err := os.MkdirAll(filepath.Dir(tmpl), 0o755); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(tmpl, []byte(`{{define "content"}}{{.NoSuchField}}{{end}}`), 0o644)
			if _, err := Build(Options{Content: filepath.Join(dir, "content"), Out: site, Zip: "-", AllowRemoved: true}); err == nil {
				t.Fatal("a build with a template that cannot run succeeded")
			}
			os.Remove(tmpl)
			checkList(spare, false)
			checkList(site, true)
		}
		if step.forget {
			// The site's list too, as if the site had been made by a build
			// that wrote none.
			path, _ := o.listPath(site)
			os.Remove(path)
		}
		if step.remove {
			err = os.Remove(doc)
		} else {
			err = os.WriteFile(doc, text, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
		buildOf(filepath.Join(dir, "content"), site)
		now := snapshot(t, site)
		if _, ok := now[filepath.Join("docs", "b-yijian", "index.html")]; ok == step.remove {
			t.Errorf("%s: the document's page there %v", step.name, ok)
		}
		sameFiles(t, fresh(), now)
		checkList(site, true)
		checkList(spare, !step.forget)
	}
}
