package site

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Tests of the site held in memory for the development server: that it
// makes the same files as a build, and that an update drops and makes
// again exactly what depends on a change, no less (the page would be
// stale) and no more (the update would be slow).

// seedProject copies the repository's content/ into a fresh project
// directory and returns the project; it has no templates/ or static/ of
// its own.
func seedProject(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatalf("copy content: %v", err)
	}
	return dir
}

// syntheticProject generates a project of n documents with the
// repository's generator, bench/gencorpus, and the seed site's themes and
// settings.
func syntheticProject(t testing.TB, n int) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command to build bench/gencorpus: %v", err)
	}
	dir := t.TempDir()
	gen := filepath.Join(dir, "gencorpus")
	if out, err := exec.Command(goTool, "build", "-o", gen, "tiaowen/bench/gencorpus").CombinedOutput(); err != nil {
		t.Fatalf("build bench/gencorpus: %v\n%s", err, out)
	}
	content := filepath.Join(dir, "content")
	cmd := exec.Command(gen, "-seeds", filepath.Join("..", "..", "testdata", "seeds"), "-n", strconv.Itoa(n),
		"-out", filepath.Join(content, "docs"), "-format", "md", "-manifest", filepath.Join(dir, "manifest.json"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("run bench/gencorpus: %v\n%s", err, out)
	}
	for _, name := range []string{"themes.yaml", "site.yaml"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "content", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(content, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func newMemory(t testing.TB, project string) *Memory {
	t.Helper()
	m, r := NewMemory(Options{Content: filepath.Join(project, "content")})
	if err := r.Err(); err != nil {
		t.Fatalf("NewMemory: %v", err)
	}
	return m
}

// buildFiles loads the project afresh, as `tiaowen build` does, and
// renders every file of the site into memory.
func buildFiles(t testing.TB, project string) map[string][]byte {
	t.Helper()
	s, problems, err := Load(Options{Content: filepath.Join(project, "content")})
	if err != nil || problems.Err() != nil {
		t.Fatalf("Load: %v %v", err, problems.Err())
	}
	js := append(s.jobs(), s.searchJobs()...)
	out := make(map[string][]byte, len(js))
	var mu sync.Mutex
	parallel(len(js), func(i int) {
		var b bytes.Buffer
		if err := js[i].run(&b); err != nil {
			t.Errorf("%s: %v", js[i].name, err)
		}
		mu.Lock()
		out[js[i].name] = b.Bytes()
		mu.Unlock()
	})
	return out
}

// getAll gets every named file from m, in parallel, and returns them.
func getAll(t testing.TB, m *Memory, names []string) map[string][]byte {
	t.Helper()
	out := make(map[string][]byte, len(names))
	var mu sync.Mutex
	parallel(len(names), func(i int) {
		f, ok, err := m.Get(names[i])
		if err != nil || !ok {
			t.Errorf("Get(%q) = %v, %v", names[i], ok, err)
			return
		}
		mu.Lock()
		out[names[i]] = f.Data
		mu.Unlock()
	})
	return out
}

func sortedNames(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// compareFiles reports every file whose bytes differ between got and
// want, except those skip says to leave out.
func compareFiles(t *testing.T, got, want map[string][]byte, skip func(name string) bool) {
	t.Helper()
	bad := 0
	for _, name := range sortedNames(want) {
		if skip != nil && skip(name) {
			continue
		}
		if !bytes.Equal(got[name], want[name]) {
			if bad++; bad <= 10 {
				t.Errorf("%s differs from a fresh build (%d bytes, want %d)%s", name, len(got[name]), len(want[name]), firstDiff(got[name], want[name]))
			}
		}
	}
	if bad > 10 {
		t.Errorf("… and %d more files differ", bad-10)
	}
}

func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(i-60, 0)
	return fmt.Sprintf("\n  got:  …%q\n  want: …%q", a[lo:min(i+60, len(a))], b[lo:min(i+60, len(b))])
}

// alignDependent reports whether a file of m's site depends on the
// alignments, which a fast update computes with the older similarity
// model until Settle.
func alignDependent(m *Memory) func(string) bool {
	s := m.cur.Load().site
	return func(name string) bool {
		r, ok := s.route(name)
		return ok && slices.Contains(r.deps, keyAlign)
	}
}

// edit replaces old with new in a file, which must hold old, and returns
// the file's path.
func edit(t testing.TB, file, old, new string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(file, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func update(t testing.TB, m *Memory, paths ...string) Report {
	t.Helper()
	r := m.Update(paths)
	if err := r.Err(); err != nil {
		t.Fatalf("Update(%v): %v", paths, err)
	}
	return r
}

// TestMemoryMatchesBuild holds the names and bytes of the files a site in
// memory makes to those of a build: the router of memory.go mirrors jobs.
func TestMemoryMatchesBuild(t *testing.T) {
	project := seedProject(t)
	checkMemoryMatchesBuild(t, project)
	// Minified, serve's pages are a build's too.
	withSetting(t, project, "minify: true")
	t.Run("minify", func(t *testing.T) { checkMemoryMatchesBuild(t, project) })
}

// checkMemoryMatchesBuild checks that Memory makes every file of the
// project's site as a build does, and no file the site has not.
func checkMemoryMatchesBuild(t *testing.T, project string) {
	want := buildFiles(t, project)
	m := newMemory(t, project)
	got := getAll(t, m, sortedNames(want))
	compareFiles(t, got, want, nil)
	for _, name := range []string{
		"docs/nope/index.html", "docs/guangdong-2023-gangyao/nope/index.html", "docs/guangdong-2023-gangyao/s1/x/index.html",
		"docs/guangdong-2023-gangyao", "themes/nope/index.html", "compare/a--b/index.html", "api/docs/nope.json",
		"api/compare/luhe-2017-yijian--guangdong-2023-gangyao.json", "static/nope.css", "static/../go.mod",
		"search/data/nope.js", "sitemap.xml.gz", "nope/index.html", "",
		"regions/999999/index.html", "regions/440000/page/2/index.html", "regions/440000/page/1/index.html", "regions/440000/x/index.html", "regions/999999/feed.xml", "regions/feed.xml",
	} {
		if f, ok, err := m.Get(name); ok || err != nil {
			t.Errorf("Get(%q) = %v, %v, %v; want no such file", name, f != nil, ok, err)
		}
	}
}

// TestMemoryEditMatchesBuild edits a seed document twice, its text and
// its title, and checks the site against a fresh build of the edited
// content: at once for what does not depend on the alignments, and for
// everything once Settle has rebuilt the similarity model.
func TestMemoryEditMatchesBuild(t *testing.T) {
	project := seedProject(t)
	m := newMemory(t, project)
	names := sortedNames(buildFiles(t, project))
	getAll(t, m, names) // everything in memory, so that a stale file would show
	doc := filepath.Join(project, "content", "docs", "guangdong-2023-gangyao.md")

	// A theme term into a section that had none, and a sentence copied
	// from the Guangzhou plan, which the pair page must now highlight.
	edit(t, doc, "(三)增强质量发展创新动能。建立政产学研用深度融合的质量创新体系。",
		"(三)增强质量发展创新动能。建立政产学研用深度融合的质量创新体系,落实首负责任制。")
	r := update(t, m, doc)
	if r.Full || !slices.Contains(r.Changed, "doc:guangdong-2023-gangyao") || !slices.Contains(r.Changed, "theme:shoufu-zerenzhi") {
		t.Errorf("report = %+v, want an incremental update of the document and its new theme", r)
	}
	fresh := buildFiles(t, project)
	got := getAll(t, m, names)
	compareFiles(t, got, fresh, alignDependent(m))
	if sec := string(got["docs/guangdong-2023-gangyao/s3/index.html"]); !strings.Contains(sec, "落实首负责任制") {
		t.Error("the edited section's page does not show the edit")
	}
	if pair := string(got["compare/guangdong-2023-gangyao--guangzhou-2023-fangan/index.html"]); !strings.Contains(pair, "落实首负责任制") {
		t.Error("the pair page does not show the edit")
	}

	// A new title, which no document names (the 方案 names the 纲要, whose
	// new title is TestMemoryEditNamed's).
	js := filepath.Join(project, "content", "docs", "jiangsu-2023-yijian.md")
	edit(t, js, "title: 關于深化質量強省建設的實施意見", "title: 關于深化質量強省建設的實施意見（修訂）")
	if r := update(t, m, js); r.Full {
		t.Errorf("a new title that no document names: report = %+v, want an incremental update", r)
	}
	fresh = buildFiles(t, project)
	got = getAll(t, m, names)
	compareFiles(t, got, fresh, alignDependent(m))
	for _, name := range []string{"index.html", "docs/guangzhou-2023-fangan/index.html", "compare/index.html"} {
		if !strings.Contains(string(got[name]), "關于深化質量強省建設的實施意見（修訂）") {
			t.Errorf("%s does not show the new title", name)
		}
	}

	if !m.Stale() {
		t.Error("Stale() = false after incremental updates")
	}
	if _, ok := m.Settle(); !ok {
		t.Fatal("Settle did nothing")
	}
	compareFiles(t, getAll(t, m, names), fresh, nil)
	if _, ok := m.Settle(); ok {
		t.Error("a second Settle did something")
	}
}

// TestMemoryRerendersOnlyAffected edits one document of a generated corpus
// large enough that each document is compared with its most similar
// documents only, and checks that exactly the files that depend on it
// are made again: its pages, its theme pages, its comparisons and the
// pages of the documents it is compared with, the search index and the
// pages that list every document.
func TestMemoryRerendersOnlyAffected(t *testing.T) {
	project := syntheticProject(t, 32)
	m := newMemory(t, project)
	names := sortedNames(buildFiles(t, project))
	getAll(t, m, names)
	s := m.cur.Load().site
	if len(s.docs) <= maxAllPairs {
		t.Fatalf("%d documents: too few for pairs chosen by similarity", len(s.docs))
	}
	x := s.docs[7]
	partners := map[string]bool{}
	for _, p := range s.pairs {
		switch x {
		case p.a:
			partners[p.b.ID] = true
		case p.b:
			partners[p.a.ID] = true
		}
	}
	if len(partners) == 0 || len(partners) >= len(s.docs)-1 {
		t.Fatalf("%s has %d partners of %d documents: the test needs a proper subset", x.ID, len(partners), len(s.docs))
	}
	sec := x.Sections[len(x.Sections)/2]
	for sec.Text == "" {
		sec = x.Sections[sec.Index+1]
	}
	old, _, _ := strings.Cut(sec.Text, "\n")
	// A term of a theme the document may not have had, so that a theme
	// page it was not on changes too.
	edit(t, x.File, old, old+"推行产品质量首负责任制。")

	var mu sync.Mutex
	made := map[string]bool{}
	m.made = func(name string) { mu.Lock(); made[name] = true; mu.Unlock() }
	update(t, m, x.File)
	fresh := buildFiles(t, project)
	got := getAll(t, m, names)
	compareFiles(t, got, fresh, alignDependent(m))

	nx := m.cur.Load().site.byID[x.ID]
	themesOf := func(d *docInfo) map[string]bool {
		out := map[string]bool{}
		for i, t := range s.themes.Themes {
			if d.themeCounts[i] > 0 {
				out[t.ID] = true
			}
		}
		return out
	}
	xThemes := themesOf(x)
	for id := range themesOf(nx) {
		xThemes[id] = true
	}
	want := func(name string) bool {
		switch name {
		case "index.html", "themes/index.html", "compare/index.html", "search/index.html",
			"404.html", // it names api/docs.js, with its version
			"feed.xml", "sitemap.xml", "api/themes.json", "api/regions.json", "api/docs.json", "api/docs.js", "api/compare.json",
			"api/docs.ris", "api/docs.bib",
			"api/docs/" + x.ID + ".json", "api/docs/" + x.ID + ".ris", "api/docs/" + x.ID + ".bib":
			return true
		}
		// The region pages list and count any document that names a
		// region, which an edit can change.
		if strings.HasPrefix(name, "search/data/") || strings.HasPrefix(name, "regions/") {
			return true
		}
		if rest, ok := strings.CutPrefix(name, "docs/"); ok {
			id, _, _ := strings.Cut(rest, "/")
			return id == x.ID || partners[id]
		}
		if rest, ok := strings.CutPrefix(name, "themes/"); ok {
			id, _, _ := strings.Cut(rest, "/")
			return xThemes[id]
		}
		rest, ok := strings.CutPrefix(name, "compare/")
		if !ok {
			rest, ok = strings.CutPrefix(name, "api/compare/")
		}
		if ok {
			a, b, _ := strings.Cut(strings.TrimSuffix(strings.TrimSuffix(rest, "/index.html"), ".json"), "--")
			return a == x.ID || b == x.ID
		}
		return false
	}
	var missing, extra []string
	for _, name := range names {
		switch {
		case want(name) && !made[name]:
			missing = append(missing, name)
		case !want(name) && made[name]:
			extra = append(extra, name)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d files that depend on %s were not made again: %v", len(missing), x.ID, head(missing))
	}
	if len(extra) > 0 {
		t.Errorf("%d files that do not depend on %s were made again: %v", len(extra), x.ID, head(extra))
	}

	m.made = nil
	if _, ok := m.Settle(); !ok {
		t.Fatal("Settle did nothing")
	}
	compareFiles(t, getAll(t, m, names), fresh, nil)
}

func head(s []string) []string { return s[:min(len(s), 8)] }

// TestMemoryTemplateEdit changes a template of the project's own and
// checks that only the pages made with it are made again, and that an
// error in it is reported at its place while the last good pages stay.
func TestMemoryTemplateEdit(t *testing.T) {
	project := seedProject(t)
	tdir := filepath.Join(project, "templates")
	src, err := os.ReadFile(filepath.Join("..", "..", "templates", "theme.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(tdir, 0o755); err != nil {
		t.Fatal(err)
	}
	tmpl := filepath.Join(tdir, "theme.html")
	if err := os.WriteFile(tmpl, src, 0o644); err != nil {
		t.Fatal(err)
	}
	m := newMemory(t, project)
	names := sortedNames(buildFiles(t, project))
	getAll(t, m, names)

	edit(t, tmpl, "<h1>{{.Theme.Name}}</h1>", "<h1 class=\"edited\">{{.Theme.Name}}</h1>")
	var mu sync.Mutex
	made := map[string]bool{}
	m.made = func(name string) { mu.Lock(); made[name] = true; mu.Unlock() }
	r := update(t, m, tmpl)
	if !slices.Equal(r.Changed, []string{"tmpl:theme.html"}) {
		t.Errorf("Changed = %v, want [tmpl:theme.html]", r.Changed)
	}
	got := getAll(t, m, names)
	for _, name := range names {
		isTheme := strings.HasPrefix(name, "themes/") && strings.HasSuffix(name, "/index.html") && name != "themes/index.html"
		if isTheme != made[name] {
			t.Errorf("%s made again = %v, want %v", name, made[name], isTheme)
		}
		if isTheme && !strings.Contains(string(got[name]), `<h1 class="edited">`) {
			t.Errorf("%s does not show the edited template", name)
		}
	}

	// An error: reported at templates/theme.html:line, the pages stay.
	edit(t, tmpl, `<h1 class="edited">{{.Theme.Name}}</h1>`, "<h1>{{.Theme.Name}</h1>")
	r = m.Update([]string{tmpl})
	if r.Err() == nil {
		t.Fatal("a template with a syntax error was accepted")
	}
	line := 1 + bytes.Count(src[:bytes.Index(src, []byte("<h1>{{.Theme.Name}}</h1>"))], []byte("\n"))
	p := r.Problems.Errors()[0]
	if !strings.HasSuffix(p.Pos.File, filepath.Join("templates", "theme.html")) || p.Pos.Line != line {
		t.Errorf("problem at %s, want templates/theme.html:%d: %s", p.Pos, line, p.Msg)
	}
	f, _, _ := m.Get("themes/shoufu-zerenzhi/index.html")
	if f == nil || !strings.Contains(string(f.Data), `<h1 class="edited">`) {
		t.Error("the last good page is not served after a template error")
	}

	// An error that shows only when the template is executed.
	edit(t, tmpl, "<h1>{{.Theme.Name}</h1>", "<h1>{{.Theme.Nmae}}</h1>")
	r = m.Update([]string{tmpl})
	if r.Err() == nil {
		t.Fatal("a template that fails to execute was accepted")
	}
	if p := r.Problems.Errors()[0]; !strings.HasSuffix(p.Pos.File, "theme.html") || p.Pos.Line != line || p.Pos.Col == 0 || !strings.Contains(p.Msg, "Nmae") {
		t.Errorf("problem = %s, want templates/theme.html:%d:col naming Nmae", p.Error(), line)
	}
	edit(t, tmpl, "<h1>{{.Theme.Nmae}}</h1>", "<h1 class=\"fixed\">{{.Theme.Name}}</h1>")
	update(t, m, tmpl)
	if f, _, _ := m.Get("themes/shoufu-zerenzhi/index.html"); f == nil || !strings.Contains(string(f.Data), `<h1 class="fixed">`) {
		t.Error("the fixed template is not used")
	}
}

// TestMemoryErrorKeepsSite breaks a document's front matter: the update
// reports the error at its place and applies nothing, an edit to another
// document meanwhile waits, and fixing the error brings in both.
func TestMemoryErrorKeepsSite(t *testing.T) {
	project := seedProject(t)
	m := newMemory(t, project)
	docs := filepath.Join(project, "content", "docs")
	a := filepath.Join(docs, "guangdong-2023-gangyao.md")
	b := filepath.Join(docs, "luhe-2017-yijian.md")
	page := func(name string) string {
		f, ok, err := m.Get(name)
		if !ok || err != nil {
			t.Fatalf("Get(%s) = %v, %v", name, ok, err)
		}
		return string(f.Data)
	}
	before := page("docs/guangdong-2023-gangyao/index.html")
	v := m.Version()

	edit(t, a, "date: \"2023-06-21\"", "date: 2023-06-21]")
	r := m.Update([]string{a})
	if r.Err() == nil {
		t.Fatal("broken front matter was accepted")
	}
	p := r.Problems.Errors()[0]
	if p.Pos.File != filepath.Join(project, "content", "docs", "guangdong-2023-gangyao.md") || p.Pos.Line != 5 || p.Pos.Col != 1 {
		t.Errorf("problem at %s, want …/guangdong-2023-gangyao.md:5:1", p.Pos)
	}
	if got := page("docs/guangdong-2023-gangyao/index.html"); got != before || m.Version() != v {
		t.Error("the site changed although the update failed")
	}

	edit(t, b, "title: ", "title: 改")
	if r := m.Update([]string{b}); r.Err() == nil {
		t.Error("an update with the other document still broken reported no error")
	}
	if strings.Contains(page("index.html"), ">改") {
		t.Error("an edit was applied while another document had an error")
	}

	edit(t, a, "date: 2023-06-21]", "date: \"2023-06-20\"")
	r = update(t, m, a)
	if !slices.Contains(r.Changed, "doc:guangdong-2023-gangyao") || !slices.Contains(r.Changed, "doc:luhe-2017-yijian") {
		t.Errorf("Changed = %v, want both documents", r.Changed)
	}
	if !strings.Contains(page("docs/guangdong-2023-gangyao/index.html"), "2023-06-20") || !strings.Contains(page("index.html"), ">改") {
		t.Error("the fix did not bring in both edits")
	}
}

// TestMemoryStructuralChanges adds, renames and removes documents: these
// load the whole site again.
func TestMemoryStructuralChanges(t *testing.T) {
	project := seedProject(t)
	m := newMemory(t, project)
	docs := filepath.Join(project, "content", "docs")
	src, err := os.ReadFile(filepath.Join(docs, "luhe-2017-yijian.md"))
	if err != nil {
		t.Fatal(err)
	}
	added := filepath.Join(docs, "luhe-2018-copy.md")
	if err := os.WriteFile(added, bytes.Replace(src, []byte("id: luhe-2017-yijian"), []byte("id: luhe-2018-copy"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := update(t, m, added); !r.Full || r.Docs != 6 {
		t.Errorf("after adding: %+v, want a full load of 6 documents", r)
	}
	if !m.Exists("docs/luhe-2018-copy/index.html") || !m.Exists("compare/luhe-2017-yijian--luhe-2018-copy/index.html") {
		t.Error("the added document has no pages")
	}
	if err := os.Remove(added); err != nil {
		t.Fatal(err)
	}
	if r := update(t, m, added); !r.Full || r.Docs != 5 || m.Exists("docs/luhe-2018-copy/index.html") {
		t.Errorf("after removing: %+v, want a full load of 5 documents", r)
	}
	// A temporary file that came and went before the update is nothing.
	tmp := filepath.Join(docs, "guangdong-2023-gangyao.md.tmp")
	if m.Relevant(tmp) || m.Relevant(filepath.Join(docs, ".guangdong-2023-gangyao.md.swp")) || m.Relevant(filepath.Join(docs, "x.md~")) {
		t.Error("an editor's temporary file is relevant")
	}
	v := m.Version()
	if r := update(t, m, filepath.Join(docs, "gone.md")); r.Full || r.Version != v {
		t.Errorf("a document that came and went: %+v", r)
	}
}

// TestMemoryStatic changes the project's style sheet, and puts in a link
// that leads out of the static directory, which is not served.
func TestMemoryStatic(t *testing.T) {
	project := seedProject(t)
	sdir := filepath.Join(project, "static")
	if err := os.MkdirAll(sdir, 0o755); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(project, "secret.txt")
	if err := os.WriteFile(secret, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(sdir, "leak.txt")); err != nil {
		t.Fatal(err)
	}
	m := newMemory(t, project)
	if _, ok, _ := m.Get("static/leak.txt"); ok {
		t.Error("a link out of the static directory is served")
	}
	page := func(name string) string {
		t.Helper()
		f, ok, err := m.Get(name)
		if !ok || err != nil {
			t.Fatalf("Get(%q): %v, %v", name, ok, err)
		}
		return string(f.Data)
	}
	home := page("index.html")
	css := filepath.Join(sdir, "style.css")
	if err := os.WriteFile(css, []byte("body{color:red}"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := update(t, m, css)
	if !r.Stylesheets || !slices.Equal(r.Changed, []string{"assets", "static:style.css"}) {
		t.Errorf("report = %+v, want only static:style.css, a style sheet, and the assets' versions", r)
	}
	// The pages name the new style sheet by its new version, as a build
	// does.
	if r.Dropped == 0 || page("index.html") == home {
		t.Errorf("the home page is the same after the style sheet changed (%d files dropped)", r.Dropped)
	}
	for _, name := range []string{"index.html", "docs/luhe-2017-yijian/i23/index.html"} {
		if got, want := page(name), string(buildFiles(t, project)[name]); got != want {
			t.Errorf("%s differs from a build's after the style sheet changed", name)
		}
		if v := assetVersion([]byte("body{color:red}")); !strings.Contains(page(name), "static/style.css?v="+v) {
			t.Errorf("%s does not name static/style.css?v=%s", name, v)
		}
	}
	if f, ok, _ := m.Get("static/style.css"); !ok || string(f.Data) != "body{color:red}" {
		t.Error("the project's style sheet is not served")
	}
	if err := os.Remove(css); err != nil {
		t.Fatal(err)
	}
	update(t, m, css)
	if f, ok, _ := m.Get("static/style.css"); !ok || string(f.Data) == "body{color:red}" {
		t.Error("the default style sheet is not back")
	}
}

// checkCounterparts holds the counterparts of m's site, brought up to date
// by updates, to those indexCounterparts gathers for the whole site.
func checkCounterparts(t *testing.T, m *Memory) {
	t.Helper()
	s := m.cur.Load().site
	fresh := *s
	fresh.indexCounterparts()
	bad := 0
	for _, d := range s.docs {
		for _, sec := range d.Sections {
			got, want := s.counterparts[sec], fresh.counterparts[sec]
			if !slices.Equal(got, want) {
				if bad++; bad <= 5 {
					t.Errorf("%s %s: counterparts %v, want %v", d.ID, sec.EID, got, want)
				}
			}
		}
	}
	if bad > 5 {
		t.Errorf("… %d sections in all with other counterparts than a full gathering", bad)
	}
}

// TestMemoryCounterparts edits documents of a generated corpus — one
// compared with few, the one compared with most, two at once — and holds
// the counterparts after each update to those gathered afresh.
func TestMemoryCounterparts(t *testing.T) {
	project := syntheticProject(t, 36)
	m := newMemory(t, project)
	s := m.cur.Load().site
	pairs := map[*docInfo]int{}
	for _, p := range s.pairs {
		pairs[p.a]++
		pairs[p.b]++
	}
	hub, few := s.docs[0], s.docs[0]
	for _, d := range s.docs {
		if pairs[d] > pairs[hub] {
			hub = d
		}
		if pairs[d] < pairs[few] {
			few = d
		}
	}
	t.Logf("%s is compared with %d documents, %s with %d", hub.ID, pairs[hub], few.ID, pairs[few])
	n := 0
	touch := func(d *docInfo) string {
		// Another sentence in the middle section: the alignments of the
		// document change, and so may its partners' counterparts.
		sec := d.Sections[len(d.Sections)/2]
		for sec.Text == "" {
			sec = d.Sections[sec.Index+1]
		}
		line, _, _ := strings.Cut(sec.Text, "\n")
		n++
		return edit(t, d.File, line, line+strings.Repeat("加强质量基础设施建设。", n))
	}
	for _, docs := range [][]*docInfo{{few}, {hub}, {few, hub}, {s.docs[1], s.docs[2]}} {
		var files []string
		for _, d := range docs {
			files = append(files, touch(m.cur.Load().site.byID[d.ID]))
		}
		update(t, m, files...)
		checkCounterparts(t, m)
	}
}

// TestMemoryWarnsOfPermalinks: an edit that takes a published section
// away, or makes its permalink lead to another section's words, is
// reported as it is made — what `tiaowen build` would refuse.
func TestMemoryWarnsOfPermalinks(t *testing.T) {
	project := seedProject(t)
	m := newMemory(t, project)
	a := filepath.Join(project, "content", "docs", "guangdong-2023-gangyao.md")
	// (二十六) and (二十七) swap numbers; (二十八) loses its own.
	edit(t, a, "(二十六)优化质量监管效能", "(二十七)优化质量监管效能")
	edit(t, a, "(二十七)推动质量社会共治", "(二十六)推动质量社会共治")
	edit(t, a, "(二十八)加强质量对外合作。", "加强质量对外合作。")
	r := update(t, m, a)
	if !slices.Equal(r.Removed, []string{"/docs/guangdong-2023-gangyao/s28/"}) {
		t.Errorf("Removed = %q", r.Removed)
	}
	want := []string{
		"/docs/guangdong-2023-gangyao/s26/ was published for 「优化质量监管效能。实施质量安全监管筑堤工程,健全」 and now leads to 「推动质量社会共治。全面开展质量强市、强县、强企、」",
		"/docs/guangdong-2023-gangyao/s27/ was published for 「推动质量社会共治。全面开展质量强市、强县、强企、」 and now leads to 「优化质量监管效能。实施质量安全监管筑堤工程,健全」",
	}
	if !slices.Equal(r.Retargeted, want) {
		t.Errorf("Retargeted = %q\nwant %q", r.Retargeted, want)
	}

	// A document deleted loads the whole site again, which reports, as
	// warnings, all that a build would refuse.
	luhe := filepath.Join(project, "content", "docs", "luhe-2017-yijian.md")
	if err := os.Remove(luhe); err != nil {
		t.Fatal(err)
	}
	r = update(t, m, luhe)
	var got []string
	for _, p := range r.Problems.Warnings() {
		got = append(got, p.Pos.String()+": "+p.Msg)
	}
	manifest := filepath.Join(project, "content", ".permalinks")
	line := func(u string) int {
		t.Helper()
		b, _ := os.ReadFile(manifest)
		for i, l := range strings.Split(string(b), "\n") {
			if l == u || strings.HasPrefix(l, u+"\t") {
				return i + 1
			}
		}
		t.Fatalf("%s is not in %s", u, manifest)
		return 0
	}
	wantWarnings := []string{
		fmt.Sprintf("%s:%d:1: /docs/guangdong-2023-gangyao/s28/ was published and would disappear", manifest, line("/docs/guangdong-2023-gangyao/s28/")),
		fmt.Sprintf("%s:%d:1: /docs/luhe-2017-yijian/ and the 45 section permalinks under it were published and would disappear", manifest, line("/docs/luhe-2017-yijian/")),
	}
	for _, w := range wantWarnings {
		if !slices.Contains(got, w) {
			t.Errorf("the full load's warnings lack\n%s\nin\n%s", w, strings.Join(got, "\n"))
		}
	}
	if n := strings.Count(strings.Join(got, "\n"), " published "); n != 4 || !r.Full || r.Err() != nil {
		t.Errorf("full load: %d warnings of published permalinks, want 4 (two gone, two renumbered); %+v", n, r)
	}
}

// TestMemoryEditedDocs: an update says which documents it applied the
// files of, and where each first changed — the 纲要's （二十） when a
// sentence of it is rewritten, nothing when only its front matter's date
// is — and names none for a template's edit.
func TestMemoryEditedDocs(t *testing.T) {
	project := seedProject(t)
	m := newMemory(t, project)
	file := filepath.Join(project, "content", "docs", "guangdong-2023-gangyao.md")
	edit(t, file, "健全企业首席质量官制度。", "健全企业首席质量官制度（已修订）。")
	r := update(t, m, file)
	if !slices.Equal(r.Edited, []string{"guangdong-2023-gangyao"}) || r.FirstChange["guangdong-2023-gangyao"] != "s20" {
		t.Errorf("a sentence rewritten: Edited %q, FirstChange %v; want the 纲要 at s20", r.Edited, r.FirstChange)
	}
	edit(t, file, `date: "2023-06-21"`, `date: "2023-06-20"`)
	r = update(t, m, file)
	if !slices.Equal(r.Edited, []string{"guangdong-2023-gangyao"}) || r.FirstChange["guangdong-2023-gangyao"] != "" {
		t.Errorf("the date changed: Edited %q, FirstChange %v; want the 纲要, no section", r.Edited, r.FirstChange)
	}
	tmpl := filepath.Join(project, "templates", "theme.html")
	if err := os.MkdirAll(filepath.Dir(tmpl), 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join("..", "..", "templates", "theme.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tmpl, append(src, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := update(t, m, tmpl); len(r.Edited) != 0 {
		t.Errorf("a template edited: Edited %q, want none", r.Edited)
	}
}

// TestMemoryThemeUnmentioned: the dev server warns of a theme as soon as
// an edit takes away its last mention, at the theme's line, and not at
// the next edit, when nothing changed for it; a full load warns of every
// theme found nowhere.
func TestMemoryThemeUnmentioned(t *testing.T) {
	project := t.TempDir()
	content := filepath.Join(project, "content")
	os.MkdirAll(filepath.Join(content, "docs"), 0o755)
	doc := filepath.Join(content, "docs", "a.md")
	os.WriteFile(doc, []byte("---\nid: a\ntitle: A\n---\n一、总体要求\n\n开展质量月活动。\n\n二、保障措施\n\n落实首负责任制。\n"), 0o644)
	themesFile := filepath.Join(content, "themes.yaml")
	os.WriteFile(themesFile, []byte("themes:\n  - id: zhiliangyue\n    name: 质量月\n    terms: [质量月]\n  - id: shoufu\n    name: 首负责任制\n    terms: [首负责任制]\n"), 0o644)
	m, r := NewMemory(Options{Content: content})
	if r.Err() != nil || len(r.Problems) != 0 {
		t.Fatalf("NewMemory: %v", r.Problems)
	}
	want := themesFile + `:2:5: warning: theme "zhiliangyue" (质量月) is found in no document`
	r = update(t, m, edit(t, doc, "开展质量月活动。", "开展质量活动。"))
	if r.Full || len(r.Problems) != 1 || !strings.HasPrefix(r.Problems[0].Error(), want) {
		t.Errorf("the last 质量月 taken out: full %v, problems %v; want %q alone", r.Full, r.Problems, want)
	}
	r = update(t, m, edit(t, doc, "落实首负责任制。", "落实首负责任制，强化监管。"))
	if len(r.Problems) != 0 {
		t.Errorf("an edit that leaves 质量月 as it was: problems %v", r.Problems)
	}
	if _, ok := m.Settle(); !ok {
		t.Fatal("Settle did nothing")
	}
	m2, r := NewMemory(Options{Content: content})
	if m2 == nil || len(r.Problems) != 1 || !strings.HasPrefix(r.Problems[0].Error(), want) {
		t.Errorf("a full load: problems %v; want %q alone", r.Problems, want)
	}
}
