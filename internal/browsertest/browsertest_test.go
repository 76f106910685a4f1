package browsertest

import (
	"archive/zip"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// writeZip writes a zip file whose entries are name → content; a name
// ending in "/" is a directory.
func writeZip(t *testing.T, entries [][2]string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "test.zip")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, e := range entries {
		w, err := zw.Create(e[0])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, e[1])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestFindChromium(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh on PATH")
	}
	for _, c := range []struct {
		env   string
		names []string
		want  string
	}{
		{"", []string{"/nonexistent/chromium", "no-such-browser", "sh"}, sh},
		{"", []string{"/nonexistent/chromium", "no-such-browser"}, ""},
		{sh, []string{"/nonexistent/chromium"}, sh},
		{"/nonexistent/chromium", []string{"sh"}, ""}, // a wrong CHROMIUM is not passed over
	} {
		if got := findChromium(c.env, c.names...); got != c.want {
			t.Errorf("findChromium(%q, %q) = %q, want %q", c.env, c.names, got, c.want)
		}
	}
}

func TestUnzip(t *testing.T) {
	file := writeZip(t, [][2]string{{"site/", ""}, {"site/index.html", "<p>首页</p>"}, {"site/docs/a/index.html", "a"}})
	dir := t.TempDir()
	if err := Unzip(file, dir); err != nil {
		t.Fatalf("Unzip: %v", err)
	}
	for name, want := range map[string]string{"site/index.html": "<p>首页</p>", "site/docs/a/index.html": "a"} {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
}

func TestUnzipRefusesEscapes(t *testing.T) {
	for _, name := range []string{"../evil", "site/../../evil", "/etc/evil", `site\..\..\evil`} {
		file := writeZip(t, [][2]string{{name, "x"}})
		dir := filepath.Join(t.TempDir(), "out")
		if err := Unzip(file, dir); err == nil {
			t.Errorf("Unzip of an entry %q: no error", name)
		}
		if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "evil")); err == nil {
			t.Errorf("Unzip of an entry %q wrote outside its directory", name)
		}
	}
}

func TestFileURL(t *testing.T) {
	if got, want := FileURL("/tmp/站点 1/index.html"), "file:///tmp/%E7%AB%99%E7%82%B9%201/index.html"; got != want {
		t.Errorf("FileURL = %q, want %q", got, want)
	}
}

func TestServe(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{"index.html": "home", "docs/a/index.html": "doc a", "404.html": "not here"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	os.WriteFile(filepath.Join(filepath.Dir(dir), "secret"), []byte("secret"), 0o644)
	base := Serve(t, dir)
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Errorf("Serve = %s, want a URL on 127.0.0.1", base)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, c := range []struct {
		path, body, location string
		status               int
	}{
		{"", "home", "", 200},
		{"index.html", "home", "", 200},
		{"docs/a/", "doc a", "", 200},
		{"docs/a/index.html", "doc a", "", 200},
		{"docs/a", "", "/docs/a/", 301},
		{"docs/b/index.html", "not here", "", 404},
		{"../secret", "not here", "", 404},
		{"%2e%2e/secret", "not here", "", 404},
	} {
		resp, err := client.Get(base + c.path)
		if err != nil {
			t.Errorf("GET /%s: %v", c.path, err)
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status || (c.body != "" && string(body) != c.body) || resp.Header.Get("Location") != c.location {
			t.Errorf("GET /%s = %d %q (Location %q), want %d %q (Location %q)",
				c.path, resp.StatusCode, body, resp.Header.Get("Location"), c.status, c.body, c.location)
		}
	}
}

// TestServeCaching: pages are asked for again at each visit, other files
// kept for an hour, and Serve sends neither header.
func TestServeCaching(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("home"), 0o644)
	os.WriteFile(filepath.Join(dir, "app.js"), []byte("app"), 0o644)
	for _, c := range []struct {
		base       string
		page, file string
	}{
		{ServeCaching(t, dir), "no-cache", "max-age=3600"},
		{Serve(t, dir), "", ""},
	} {
		for name, want := range map[string]string{"": c.page, "index.html": c.page, "app.js": c.file} {
			resp, err := http.Get(c.base + name)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if got := resp.Header.Get("Cache-Control"); got != want || resp.StatusCode != 200 {
				t.Errorf("GET %s%s: %d, Cache-Control %q, want 200, %q", c.base, name, resp.StatusCode, got, want)
			}
		}
	}
}

// TestRecord checks the recorders on a page that does everything they
// look for.
func TestRecord(t *testing.T) {
	ctx := Start(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(`<!DOCTYPE html><title>t</title>
<link rel="stylesheet" href="style.css">
<script>console.error("broken", 42); alert("hello");</script>
<img src="missing.png" alt="">
<a id="next" href="next.html">next</a>`), 0o644)
	os.WriteFile(filepath.Join(dir, "style.css"), []byte(`body { color: black }`), 0o644)
	os.WriteFile(filepath.Join(dir, "next.html"), []byte(`<!DOCTYPE html><title>next</title><script>null.x</script>`), 0o644)
	base := Serve(t, dir)
	req := RecordRequests(t, ctx)
	problems := RecordProblems(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"index.html"), Follow(Click("#next"))); err != nil {
		t.Fatal(err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || loc != base+"next.html" {
		t.Errorf("after Follow, location = %q, %v; want %s", loc, err, base+"next.html")
	}
	for _, want := range []string{"index.html", "style.css", "missing.png", "next.html"} {
		if !slices.Contains(req.URLs(), base+want) {
			t.Errorf("requests %q: no %s", req.URLs(), want)
		}
	}
	if out := req.Outside(base); len(out) != 0 {
		t.Errorf("Outside(%s) = %q, want none", base, out)
	}
	out := req.Outside("file:///")
	for _, want := range []string{"index.html", "style.css", "missing.png", "next.html"} {
		if !slices.Contains(out, base+want) {
			t.Errorf(`Outside("file:///") = %q, want %s among them`, out, base+want)
		}
	}
	if d := problems.Dialogs(); len(d) != 1 || !strings.HasPrefix(d[0], `alert("hello")`) {
		t.Errorf("Dialogs = %q, want the alert", d)
	}
	errs := strings.Join(problems.Errors(), "\n")
	for _, want := range []string{"console.error: broken 42", "missing.png", "exception: ", "TypeError"} {
		if !strings.Contains(errs, want) {
			t.Errorf("Errors:\n%s\nwant %q among them", errs, want)
		}
	}
}
