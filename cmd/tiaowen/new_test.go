package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewSite: `tiaowen new site` makes a project that `check` passes and
// `build` builds at once, in DIR, with flags before or after it — the
// title as given (a colon and quotes kept as text), the bundle named
// after DIR — and an empty folder will do.
func TestNewSite(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "policy-lib")
	title := `条文: "试"#1`
	out, errs, code := runCLI(t, "new", "site", dir, "--title", title, "--baseURL", "https://example.org/lib")
	if code != 0 {
		t.Fatalf("new site: exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "cd "+dir) {
		t.Errorf("new site says %q; want the next steps", out)
	}
	for _, f := range []string{"content/site.yaml", "content/themes.yaml", "content/docs", "content/pages", "templates", "static", ".gitignore"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("the new site lacks %s: %v", f, err)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(parent, ".tiaowen-new-*")); len(left) > 0 {
		t.Errorf("new site left %v behind", left)
	}
	content := filepath.Join(dir, "content")
	if _, errs, code := runCLI(t, "check", "--content", content); code != 0 {
		t.Fatalf("check of the new site: exit %d: %s", code, errs)
	}
	site := filepath.Join(dir, "build", "site")
	if _, errs, code := runCLI(t, "build", "--content", content, "--out", site); code != 0 {
		t.Fatalf("build of the new site: exit %d: %s", code, errs)
	}
	home, err := os.ReadFile(filepath.Join(site, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<title>条文: &#34;试&#34;#1</title>", `<link rel="canonical" href="https://example.org/lib/">`} {
		if !strings.Contains(string(home), want) {
			t.Errorf("the new site's home page lacks %s", want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "build", "policy-lib-offline.zip")); err != nil {
		t.Errorf("the bundle is not named after the folder: %v", err)
	}

	empty := filepath.Join(parent, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := runCLI(t, "new", "--name", "lib", "site", empty); code != 0 {
		t.Fatalf("new site in an empty folder: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(empty, "content", "site.yaml")); err != nil {
		t.Error(err)
	}
}

// TestNewSiteRefuses: a folder that holds anything, a name that is not a
// slug, a base URL that is not http(s), or no DIR is refused with what is
// wrong, and nothing is written.
func TestNewSiteRefuses(t *testing.T) {
	parent := t.TempDir()
	full := filepath.Join(parent, "full")
	if err := os.MkdirAll(full, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(full, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"new", "site", full}, 1, "is not empty"},
		{[]string{"new", "site", "--name", "Policy Lib", filepath.Join(parent, "a")}, 2, `name "Policy Lib" is not an ascii slug`},
		{[]string{"new", "site", "--baseURL", "ftp://example.org/", filepath.Join(parent, "b")}, 2, "is not an http(s) URL"},
		{[]string{"new", "site"}, 2, "Usage: tiaowen new site"},
		{[]string{"new", "page", filepath.Join(parent, "c")}, 2, "Usage: tiaowen new site"},
	} {
		_, errs, code := runCLI(t, c.args...)
		if code != c.code || !strings.Contains(errs, c.says) {
			t.Errorf("%q: exit %d, %q; want exit %d saying %q", c.args, code, errs, c.code, c.says)
		}
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("the refusals left %v", entries)
	}
	if b, _ := os.ReadFile(filepath.Join(full, "notes.txt")); string(b) != "mine" {
		t.Error("the full folder's file changed")
	}
	if e, _ := os.ReadDir(full); len(e) != 1 {
		t.Errorf("the full folder holds %v", e)
	}
}

// TestNewDoc writes a draft into a new site: a check of the site warns of
// it and a build leaves it out; with its text written and draft: true
// taken out, it is published. An existing file, an id that is no slug and
// a missing title are refused, and nothing is written.
func TestNewDoc(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "lib")
	if _, errs, code := runCLI(t, "new", "site", dir); code != 0 {
		t.Fatalf("new site: exit %d: %s", code, errs)
	}
	content := filepath.Join(dir, "content")
	title := `甲市质量强市实施方案: "征求意见稿"`
	out, errs, code := runCLI(t, "new", "doc", "--content", content, "--title", title, "jia-2024-fangan")
	doc := filepath.Join(content, "docs", "jia-2024-fangan.md")
	if code != 0 || !strings.Contains(out, doc+": a draft") {
		t.Fatalf("new doc: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	_, errs, code = runCLI(t, "check", "--content", content)
	if code != 0 || !strings.Contains(errs, doc+":20:1: warning: \"jia-2024-fangan\" is a draft") {
		t.Errorf("check: exit %d, stderr %q", code, errs)
	}
	src, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "e.g. jia-2024-fangan.pdf\n") {
		t.Errorf("the original file's example is not named by the id:\n%s", src)
	}
	published := strings.Replace(string(src), "draft: true\n", "", 1) + "一、总体要求\n\n坚持质量第一。\n"
	os.WriteFile(doc, []byte(published), 0o644)
	site := filepath.Join(dir, "build", "site")
	if _, errs, code := runCLI(t, "build", "--content", content, "--out", site, "--zip", "-"); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	page, err := os.ReadFile(filepath.Join(site, "docs", "jia-2024-fangan", "index.html"))
	if err != nil || !strings.Contains(string(page), "甲市质量强市实施方案: &#34;征求意见稿&#34;") {
		t.Errorf("the published document's page: %v", err)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--title", "乙", "jia-2024-fangan"}, 1, "jia-2024-fangan.md exists: a document's file is never overwritten"},
		{[]string{"--title", "乙", "Yi_Plan"}, 2, `id "Yi_Plan" is not an ascii slug`},
		{[]string{"yi-plan"}, 2, "give the document's own title with --title"},
	} {
		_, errs, code := runCLI(t, append([]string{"new", "doc", "--content", content}, c.args...)...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("new doc %v: exit %d, stderr %q", c.args, code, errs)
		}
	}
	if b, _ := os.ReadFile(doc); string(b) != published {
		t.Error("new doc overwrote a document")
	}
	if _, err := os.Stat(filepath.Join(content, "docs", "yi-plan.md")); err == nil {
		t.Error("new doc wrote a document without a title")
	}
}
