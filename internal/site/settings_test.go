package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMinifySetting reads site.yaml's minify: true and false are taken,
// leaving it out is false, anything else is an error at its line that
// says what to write; --minify turns it on whatever the file says.
func TestMinifySetting(t *testing.T) {
	file := filepath.Join(t.TempDir(), "site.yaml")
	for value, want := range map[string]string{"": "false", "true": "true", "false": "false", "yes": "error", "1": "error"} {
		cfg, err := configWith(t, file, "minify", value)
		switch {
		case want == "error" && (err == nil || !strings.Contains(err.Error(), file+":3:") || !strings.Contains(err.Error(), "minify: true")):
			t.Errorf("minify %q: no error at line 3 that says what to write: %v", value, err)
		case want != "error" && (err != nil || cfg.Minify != (want == "true")):
			t.Errorf("minify %q: %v, %v; want %s", value, cfg.Minify, err, want)
		}
	}
	configWith(t, file, "minify", "false")
	cfg, _, err := SiteConfig(Options{Content: filepath.Dir(file), Minify: true})
	if err != nil || !cfg.Minify {
		t.Errorf("--minify over minify: false: %v, %v; want true", cfg.Minify, err)
	}
}

// TestMediaType: the files minified are the site's markup, styles,
// scripts and data; the search index, scripts already minified, and
// citations and originals are written as they are.
func TestMediaType(t *testing.T) {
	for name, want := range map[string]string{
		"index.html": "text/html", "static/style.css": "text/css", "static/site.js": "application/javascript",
		"api/docs.js": "application/javascript", "api/themes.json": "application/json", "feed.xml": "application/xml",
		"static/favicon.svg": "image/svg+xml", "search/data/g0.js": "", "search/data/meta.js": "", "static/jsdiff.min.js": "",
		"api/docs/x.ris": "", "api/docs/x.bib": "", "robots.txt": "", "docs/x/original.pdf": "", ".tiaowen": "",
	} {
		if got := mediaType(name); got != want {
			t.Errorf("mediaType(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestUnsafeSetting: a page of content/pages with raw HTML and a
// javascript: link has both left out by default; with site.yaml's
// unsafe: true they are rendered as written, Hugo's unsafe. A
// document's raw HTML is text either way. A value other than true or
// false is an error at its line.
func TestUnsafeSetting(t *testing.T) {
	project := seedProject(t)
	content := filepath.Join(project, "content")
	page := "---\ntitle: 附录\n---\n\n<details><summary>展开</summary>\n\n更多说明。\n\n</details>\n\n[运行](javascript:alert(1))\n"
	if err := os.WriteFile(filepath.Join(content, "pages", "extra.md"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := filepath.Join(content, "docs", "luhe-2017-yijian.md")
	edit(t, doc, "1.指导思想。", "1.指导思想。<details>")
	for _, unsafe := range []bool{false, true} {
		if unsafe {
			withSetting(t, project, "unsafe: true")
		}
		files := buildFiles(t, project)
		extra, luhe := string(files["extra/index.html"]), string(files["docs/luhe-2017-yijian/index.html"])
		rendered := strings.Contains(extra, "<details><summary>展开</summary>") && strings.Contains(extra, `href="javascript:alert(1)"`)
		if rendered != unsafe {
			t.Errorf("unsafe %v: the page's raw HTML and javascript: link rendered: %v\n%s", unsafe, rendered, extra)
		}
		if !strings.Contains(extra, "更多说明。") || !strings.Contains(extra, "运行") {
			t.Errorf("unsafe %v: the page lost its text:\n%s", unsafe, extra)
		}
		if !strings.Contains(luhe, "。&lt;details&gt;深入贯彻") || strings.Contains(luhe, "<details>深入贯彻") {
			t.Errorf("unsafe %v: the document's raw HTML is not shown as text", unsafe)
		}
	}
	file := filepath.Join(t.TempDir(), "site.yaml")
	if _, err := configWith(t, file, "unsafe", "yes"); err == nil || !strings.Contains(err.Error(), file+":3:") || !strings.Contains(err.Error(), "unsafe: true") {
		t.Errorf("unsafe: yes: no error at line 3 that says what to write: %v", err)
	}
}
