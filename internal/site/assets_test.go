package site

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// assetAttr is an attribute of a page that names a file: a link, a
// script, a list the page's script loads.
var assetAttr = regexp.MustCompile(`(?:src|href|data-docs)="([^"#]*)"`)

// siteAssets are the assets the stock pages load between them.
var siteAssets = []string{
	"api/docs.js", "static/chroma.css", "static/compare.js", "static/csv.js", "static/favicon.svg",
	"static/hanconv.js", "static/home.js", "static/livecompare.js", "static/notfound.js", "static/print.css",
	"static/search.js", "static/searchdata.js", "static/site.js", "static/style.css", "static/theme.js",
}

// pageAssetVersions checks that every page of the site files names each
// asset it loads with the version of the file the site holds — the first
// ten hexadecimal digits of its SHA-256, and for static/site.js,
// static/compare.js and static/search.js of it followed by the files
// each loads itself, static/hanconv.js and static/docx.js,
// static/jsdiff.min.js and static/docx.js, and static/docx.js — and
// returns the versions found, by asset.
func pageAssetVersions(t *testing.T, files map[string][]byte) map[string]string {
	t.Helper()
	want := func(name string) string {
		h := sha256.New()
		h.Write(files[name])
		switch name {
		case "static/site.js":
			h.Write(files["static/hanconv.js"])
			h.Write(files["static/docx.js"])
		case "static/compare.js":
			h.Write(files["static/jsdiff.min.js"])
			h.Write(files["static/docx.js"])
		case "static/search.js":
			h.Write(files["static/docx.js"])
		}
		return hex.EncodeToString(h.Sum(nil))[:10]
	}
	found := map[string]string{}
	for _, page := range slices.Sorted(maps.Keys(files)) {
		if !strings.HasSuffix(page, ".html") {
			continue
		}
		for _, ref := range submatches(assetAttr, string(files[page])) {
			if strings.Contains(ref, ":") {
				continue
			}
			target := resolve(page, ref)
			if !strings.HasPrefix(target, staticPath) && target != docsScriptPath {
				continue
			}
			_, v, ok := strings.Cut(ref, "?v=")
			switch {
			case !ok:
				t.Errorf("%s names %q without a version", page, ref)
			case files[target] == nil:
				t.Errorf("%s names %q, which the site does not have", page, ref)
			case v != want(target):
				t.Errorf("%s names %q; the file's version is %s", page, ref, want(target))
			default:
				found[target] = v
			}
		}
	}
	return found
}

// TestAssetVersions checks the versions in the addresses of the assets
// pages load: each the file's own, on every page, and a new one for what
// a project's style sheet or a document's title changes, and for nothing
// else; minified, the minified files'.
func TestAssetVersions(t *testing.T) {
	project := seedProject(t)
	before := pageAssetVersions(t, buildFiles(t, project))
	if got := slices.Sorted(maps.Keys(before)); !slices.Equal(got, siteAssets) {
		t.Errorf("the pages name the assets %v, want %v", got, siteAssets)
	}

	css, err := os.ReadFile(filepath.Join("..", "..", "static", "style.css"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(project, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(project, "static", "style.css"), append(css, "h1{color:teal}\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	edit(t, filepath.Join(project, "content", "docs", "luhe-2017-yijian.md"),
		"title: 陆河县人民政府关于落实质量强省战略实施意见", "title: 陆河县人民政府关于落实质量强省战略的实施意见")
	after := pageAssetVersions(t, buildFiles(t, project))
	for _, name := range siteAssets {
		changed := name == "static/style.css" || name == docsScriptPath
		if (before[name] != after[name]) != changed {
			t.Errorf("%s: version %s, then %s after the project's style sheet and a title changed", name, before[name], after[name])
		}
	}

	// Minified, a file's version is the minified file's: what is served.
	withSetting(t, project, "minify: true")
	small := pageAssetVersions(t, buildFiles(t, project))
	for _, name := range []string{"static/style.css", "static/site.js", docsScriptPath} {
		if small[name] == after[name] {
			t.Errorf("%s: minified, still version %s", name, small[name])
		}
	}
}

// TestAssetInTemplates: a project's own template names its own static
// files with .Asset, a nested one too, and gets their versions; one that
// names a file the site does not have stops the build at its line,
// leaving the previous site, and says what to name.
func TestAssetInTemplates(t *testing.T) {
	dir := unpack(t, "basic.txtar")
	for name, data := range map[string]string{
		"static/img/logo.svg": `<svg xmlns="http://www.w3.org/2000/svg"/>`,
		"templates/page.html": "{{define \"content\"}}<article class=\"page\"><img src=\"{{.Asset \"static/img/logo.svg\"}}\" alt=\"\">\n" +
			"<h1>{{.Title}}</h1>{{.Data.Body}}</article>{{end}}",
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build(t, dir)
	pages, _ := filepath.Glob(filepath.Join(dir, "build", "site", "*", "index.html"))
	want := `src="../static/img/logo.svg?v=` + assetVersion([]byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)) + `"`
	found := 0
	for _, p := range pages {
		b, _ := os.ReadFile(p)
		if strings.Contains(string(b), `<article class="page">`) {
			found++
			if !strings.Contains(string(b), want) {
				t.Errorf("%s lacks %s", p, want)
			}
		}
	}
	if found == 0 {
		t.Fatal("no content page was built with the project's page.html")
	}

	before := read(t, dir, "index.html")
	edit(t, filepath.Join(dir, "templates", "page.html"), "static/img/logo.svg", "static/img/logo.png")
	_, err := Build(Options{Content: filepath.Join(dir, "content"), Out: filepath.Join(dir, "build", "site")})
	if err == nil || !strings.Contains(err.Error(), `page.html:1:`) || !strings.Contains(err.Error(), `no asset "static/img/logo.png"`) {
		t.Errorf("a template naming a missing asset: %v; want an error at page.html:1 naming it", err)
	}
	if read(t, dir, "index.html") != before {
		t.Error("the failed build changed the site")
	}
}
