package site_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"tiaowen/internal/site"
)

// minifyPair builds the seed site twice, as written and minified (with
// --minify's option, or with site.yaml's minify: true when byConfig),
// each with its offline bundle, and returns the two sites' folders and
// bundles.
func minifyPair(t *testing.T, byConfig bool) (plain, small, plainZip, smallZip string) {
	t.Helper()
	root := t.TempDir()
	build := func(name string, minify bool) (string, string) {
		content := filepath.Join(root, name, "content")
		if err := os.CopyFS(content, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
			t.Fatal(err)
		}
		opts := site.Options{Content: content, Out: filepath.Join(root, name, "site"), Zip: filepath.Join(root, name, "site.zip")}
		if minify && byConfig {
			site.WithSetting(t, filepath.Dir(content), "minify: true")
		} else {
			opts.Minify = minify
		}
		if _, err := site.Build(opts); err != nil {
			t.Fatalf("build %s: %v", name, err)
		}
		return opts.Out, opts.Zip
	}
	plain, plainZip = build("plain", false)
	small, smallZip = build("minified", true)
	return
}

// siteFiles reads every file of the site under dir, by slash path.
func siteFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestMinify: a site built with --minify has the files of one built
// without, each of a kind the minifier knows no larger and saying the
// same: HTML with the same elements, attributes, ids, links and text;
// JSON with the same values; XML with the same elements and text. The
// stylesheet and the scripts lose a good part of their bytes, the
// search index and citations none. The offline bundle holds the site's
// files as written. site.yaml's minify: true builds the same bytes.
func TestMinify(t *testing.T) {
	plainDir, smallDir, _, smallZip := minifyPair(t, false)
	plain, small := siteFiles(t, plainDir), siteFiles(t, smallDir)
	if got, want := slices.Sorted(maps.Keys(small)), slices.Sorted(maps.Keys(plain)); !slices.Equal(got, want) {
		t.Fatalf("the minified site has %d files, the plain one %d: the same files are wanted", len(got), len(want))
	}
	shrunk := map[string][2]int{} // by extension: bytes minified, bytes as written
	for name, p := range plain {
		m := small[name]
		ext := path.Ext(name)
		if strings.HasPrefix(name, "search/data/") || slices.Contains([]string{".ris", ".bib", ".txt", ""}, ext) || strings.HasSuffix(name, ".min.js") {
			if !bytes.Equal(m, p) {
				t.Errorf("%s: changed by minifying, which leaves files of its kind alone", name)
			}
			continue
		}
		if len(m) > len(p) {
			t.Errorf("%s: %d bytes minified, %d as written", name, len(m), len(p))
		}
		s := shrunk[ext]
		shrunk[ext] = [2]int{s[0] + len(m), s[1] + len(p)}
		switch ext {
		case ".html":
			sameHTML(t, name, p, m)
		case ".json":
			var a, b any
			if err := json.Unmarshal(p, &a); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if err := json.Unmarshal(m, &b); err != nil {
				t.Errorf("%s: minified, no longer JSON: %v", name, err)
			} else if !reflect.DeepEqual(a, b) {
				t.Errorf("%s: minified, holds other values", name)
			}
		case ".xml":
			if a, b := xmlTokens(t, name, p), xmlTokens(t, name, m); !slices.Equal(a, b) {
				t.Errorf("%s: minified, other XML:\n%q\nwant\n%q", name, b, a)
			}
		}
	}
	// What the minifier is for: a fifth off the stylesheets and scripts,
	// a tenth off the API's JSON, and off the pages, whose markup is
	// already lean, some at least.
	for ext, least := range map[string]float64{".css": 0.2, ".js": 0.2, ".json": 0.1, ".html": 0.02} {
		s := shrunk[ext]
		if s[1] == 0 {
			t.Errorf("no %s file in the site", ext)
			continue
		}
		if saved := 1 - float64(s[0])/float64(s[1]); saved < least {
			t.Errorf("%s files: %d bytes minified, %d as written, %.1f%% saved; want %.0f%% at least", ext, s[0], s[1], saved*100, least*100)
		}
	}

	// The bundle's files are the site's, minified alike (its 404 page
	// excepted, which is the offline one).
	zr, err := zip.OpenReader(smallZip)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	checked := 0
	for _, f := range zr.File {
		name := f.Name[strings.Index(f.Name, "/")+1:]
		want, ok := small[name]
		if !ok || name == "404.html" || f.FileInfo().IsDir() {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("the bundle's %s is not the minified site's", f.Name)
		}
		checked++
	}
	if checked < len(small)-2 {
		t.Errorf("the bundle holds %d of the site's %d files", checked, len(small))
	}

	// site.yaml's minify: true is --minify.
	_, byConfig, _, _ := minifyPair(t, true)
	for name, data := range siteFiles(t, byConfig) {
		if !bytes.Equal(data, small[name]) {
			t.Errorf("%s: built with minify: true, not the bytes --minify builds", name)
		}
	}
}

// sameHTML reports where the minified page m is not the page p: another
// element, another set of attributes, another id, link, language or
// class, or other text once whitespace is set aside.
func sameHTML(t *testing.T, name string, p, m []byte) {
	t.Helper()
	a, b := htmlOutline(t, name, p), htmlOutline(t, name, m)
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			t.Errorf("%s: minified, element %d is\n%s\nwant\n%s", name, i, b[i], a[i])
			return
		}
	}
	if len(a) != len(b) {
		t.Errorf("%s: minified, %d elements and texts, want %d", name, len(b), len(a))
	}
}

var assetVersion = regexp.MustCompile(`\?v=[0-9a-f]{10}\b`)

// htmlOutline lists a page's elements, each with its attributes' names
// and the values of those that name or link, and its texts with their
// whitespace taken out, in document order.
func htmlOutline(t *testing.T, name string, data []byte) []string {
	t.Helper()
	// Parsed as by a browser without scripts, so that what a noscript
	// element holds is elements too.
	doc, err := html.ParseWithOptions(bytes.NewReader(data), html.ParseOptionEnableScripting(false))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []string
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		switch n.Type {
		case html.ElementNode:
			var attrs []string
			for _, a := range n.Attr {
				v := ""
				switch a.Key {
				case "id", "lang", "for", "name", "rel", "aria-label", "title", "datetime":
					v = "=" + a.Val
				case "href", "src":
					// An asset's version is a hash of the file as served.
					v = "=" + assetVersion.ReplaceAllString(a.Val, "?v=")
				case "class":
					v = "=" + strings.Join(strings.Fields(a.Val), " ")
				}
				attrs = append(attrs, a.Key+v)
			}
			slices.Sort(attrs)
			out = append(out, "<"+n.Data+" "+strings.Join(attrs, " ")+">")
		case html.TextNode:
			text := strings.Join(strings.Fields(n.Data), "")
			if n.Parent != nil && (n.Parent.Data == "script" || n.Parent.Data == "style") {
				text = "(" + n.Parent.Data + ")" // minified: its own kind's check
				if typ := attrValue(n.Parent, "type"); strings.HasSuffix(typ, "json") {
					// JSON-LD: the same values.
					var v any
					if err := json.Unmarshal([]byte(n.Data), &v); err != nil {
						t.Errorf("%s: a %s script is no JSON: %v", name, typ, err)
					}
					b, _ := json.Marshal(v)
					text = string(b)
				}
			}
			if text != "" {
				out = append(out, "text "+text)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	return out
}

// attrValue returns the value of n's attribute key, "" without one.
func attrValue(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// xmlTokens lists an XML file's elements, attributes and texts, their
// whitespace trimmed and blank ones left out.
func xmlTokens(t *testing.T, name string, data []byte) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var out []string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			return out
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			s := "<" + tok.Name.Space + " " + tok.Name.Local
			for _, a := range tok.Attr {
				s += " " + a.Name.Local + "=" + a.Value
			}
			out = append(out, s)
		case xml.EndElement:
			out = append(out, "</"+tok.Name.Local)
		case xml.CharData:
			if s := strings.TrimSpace(string(tok)); s != "" {
				out = append(out, s)
			}
		}
	}
}

// TestMinifyBadScript: a project's own script that does not parse stops
// a minified build at its line and column, saying what to do, and the
// site built before is left as it was; built without --minify, the
// script is published as written.
func TestMinifyBadScript(t *testing.T) {
	root := t.TempDir()
	content := filepath.Join(root, "content")
	if err := os.CopyFS(content, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(root, "static", "extra.js")
	if err := os.MkdirAll(filepath.Dir(script), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(script, []byte("var ok = 1;\nfunction ( {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(root, "build", "site")
	if _, err := site.Build(site.Options{Content: content, Out: out, Zip: "-"}); err != nil {
		t.Fatalf("build without --minify: %v", err)
	}
	before, err := os.ReadFile(filepath.Join(out, "static", "extra.js"))
	if err != nil || !bytes.Contains(before, []byte("function ( {")) {
		t.Fatalf("the script is not published as written: %q, %v", before, err)
	}
	_, err = site.Build(site.Options{Content: content, Out: out, Zip: "-", Minify: true})
	if err == nil || !strings.Contains(err.Error(), script+":2:10: ") || !strings.Contains(err.Error(), "build without --minify") {
		t.Fatalf("minified build of a script that does not parse: %v; want an error at %s:2:10 that says what to do", err, script)
	}
	if after, _ := os.ReadFile(filepath.Join(out, "static", "extra.js")); !bytes.Equal(after, before) {
		t.Errorf("the failed build changed the site")
	}
}
