package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tiaowen/internal/site"
)

// The tests start the real server on a free loopback port, over a copy of
// the repository's content, and act on it as a writer and a browser do:
// they edit files the ways editors save them and listen to the event
// stream that pages listen to.

// project copies the repository's content/ into a fresh project directory.
func project(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatalf("copy content: %v", err)
	}
	return dir
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

type testServer struct {
	*Server
	url      string // ending in "/"
	dir      string // the project
	out, err *syncBuffer
	rebuilds <-chan site.Report
}

// start serves the project on 127.0.0.1 until the test ends, when it
// checks that the server shut down cleanly.
func start(t testing.TB, dir string, edit ...func(*Options)) *testServer {
	t.Helper()
	ts := &testServer{dir: dir, out: &syncBuffer{}, err: &syncBuffer{}}
	opts := Options{Site: site.Options{Content: filepath.Join(dir, "content")}, Out: ts.out, Err: ts.err, SettleAfter: -1}
	for _, e := range edit {
		e(&opts)
	}
	srv := New(opts)
	ts.Server = srv
	ts.rebuilds = srv.Rebuilds()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.url = "http://" + ln.Addr().String() + "/"
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("Serve did not return 10 s after its context ended")
		}
	})
	// The server answers once it watches the sources.
	ts.get(t, "404.html")
	return ts
}

// get fetches a path of the site.
func (ts *testServer) get(t testing.TB, path string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(ts.url + path)
	if err != nil {
		t.Fatalf("GET /%s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET /%s: %v", path, err)
	}
	return resp, string(b)
}

var versionAttr = regexp.MustCompile(`<script src="/__tiaowen/live\.js" data-v="([0-9a-f]+)"></script>`)

// page fetches a page and returns its body and the version its script
// carries.
func (ts *testServer) page(t testing.TB, path string) (body, v string) {
	t.Helper()
	resp, body := ts.get(t, path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /%s: %s", path, resp.Status)
	}
	m := versionAttr.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("GET /%s: no live-reload script", path)
	}
	return body, m[1]
}

type sseEvent struct{ name, data string }

// stream is an open event stream, as a page's script holds one.
type stream struct {
	events chan sseEvent
	cancel func()
}

// listen opens the event stream of the page at path, which shows version v.
func (ts *testServer) listen(t testing.TB, path, v string) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.url+"__tiaowen/events?path=/"+path+"&v="+v, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("event stream has Content-Type %q", ct)
	}
	st := &stream{events: make(chan sseEvent, 64), cancel: cancel}
	go func() {
		defer resp.Body.Close()
		defer close(st.events)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		var e sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if e.name != "" {
					st.events <- e
				}
				e = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				e.name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				e.data = line[len("data: "):]
			}
		}
	}()
	t.Cleanup(cancel)
	return st
}

// next returns the next event, failing the test after timeout.
func (st *stream) next(t testing.TB, timeout time.Duration) sseEvent {
	t.Helper()
	select {
	case e, ok := <-st.events:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return e
	case <-time.After(timeout):
		t.Fatalf("no event in %v", timeout)
	}
	return sseEvent{}
}

// quiet checks that no event comes for d.
func (st *stream) quiet(t testing.TB, d time.Duration) {
	t.Helper()
	select {
	case e := <-st.events:
		t.Errorf("unexpected event %s %s", e.name, e.data)
	case <-time.After(d):
	}
}

const docPath = "docs/guangdong-2023-gangyao/"

func (ts *testServer) docFile() string {
	return filepath.Join(ts.dir, "content", "docs", "guangdong-2023-gangyao.md")
}

// rewrite returns the document's text with old replaced by new.
func rewrite(t testing.TB, file, old, new string) []byte {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1)
}

const (
	sentence = "建立政产学研用深度融合的质量创新体系。"
	timeout  = 10 * time.Second
)

// TestEditorsSaves edits a document the ways editors save a file, and
// checks each time that the open page is told to reload and that the
// page then served shows the edit.
func TestEditorsSaves(t *testing.T) {
	ts := start(t, project(t))
	file := ts.docFile()
	saves := []struct {
		name string
		save func(t *testing.T, data []byte)
	}{
		{"truncate and write", func(t *testing.T, data []byte) {
			// As most editors do: open with O_TRUNC, then write, here in
			// two parts a moment apart.
			f, err := os.OpenFile(file, os.O_WRONLY|os.O_TRUNC, 0)
			if err != nil {
				t.Fatal(err)
			}
			half := len(data) / 2
			f.Write(data[:half])
			time.Sleep(5 * time.Millisecond)
			f.Write(data[half:])
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
		}},
		{"write a temporary file and rename it", func(t *testing.T, data []byte) {
			tmp := filepath.Join(filepath.Dir(file), ".guangdong-2023-gangyao.md.tmp-123")
			if err := os.WriteFile(tmp, data, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(tmp, file); err != nil {
				t.Fatal(err)
			}
		}},
		{"move the file away and write a new one", func(t *testing.T, data []byte) {
			// As vim does with backupcopy=no: the document is missing
			// for a moment, which must not be taken for a deletion.
			if err := os.Rename(file, file+"~"); err != nil {
				t.Fatal(err)
			}
			time.Sleep(30 * time.Millisecond)
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			os.Remove(file + "~")
		}},
	}
	for i, save := range saves {
		t.Run(save.name, func(t *testing.T) {
			body, v := ts.page(t, docPath)
			if !strings.Contains(body, "深度融合的质量创新体系") {
				t.Fatal("the page does not show the sentence to edit")
			}
			st := ts.listen(t, docPath, v)
			marker := fmt.Sprintf("（第%d次修改）", i+1)
			prev := "质量创新体系"
			if i > 0 {
				prev = fmt.Sprintf("质量创新体系（第%d次修改）", i)
			}
			save.save(t, rewrite(t, file, prev, "质量创新体系"+marker))
			if e := st.next(t, timeout); e.name != "reload" {
				t.Fatalf("event %s %s, want reload", e.name, e.data)
			}
			body, v2 := ts.page(t, docPath)
			if !strings.Contains(body, marker) {
				t.Error("the page served after the reload does not show the edit")
			}
			if v2 == v {
				t.Error("the page's version did not change")
			}
			if out := ts.out.String(); strings.Contains(out, "whole site") {
				t.Errorf("an edit was taken for a document removed and added:\n%s", out)
			}
		})
	}
}

// TestFrontMatterErrorOverlay breaks a document's front matter: open pages
// are shown the problem at its place, pages opened meanwhile too, the last
// good page is still served, and fixing the file clears the problem and
// reloads the page.
func TestFrontMatterErrorOverlay(t *testing.T) {
	ts := start(t, project(t))
	file := ts.docFile()
	before, v := ts.page(t, docPath)
	st := ts.listen(t, docPath, v)

	// A YAML syntax error in the front matter.
	if err := os.WriteFile(file, rewrite(t, file, "date: \"2023-06-21\"", "date: [2023-06-21"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := st.next(t, timeout)
	if e.name != "problems" {
		t.Fatalf("event %s %s, want problems", e.name, e.data)
	}
	var problems []problemView
	if err := json.Unmarshal([]byte(e.data), &problems); err != nil || len(problems) == 0 {
		t.Fatalf("problems %q: %v", e.data, err)
	}
	p := problems[0]
	if !strings.HasSuffix(p.File, "guangdong-2023-gangyao.md") || p.Line == 0 || p.Col == 0 ||
		!strings.HasPrefix(p.Pos, p.File+fmt.Sprintf(":%d:%d", p.Line, p.Col)) || !strings.Contains(p.Msg, "front matter") {
		t.Errorf("problem = %+v, want the document's file:line:col and a front matter message", p)
	}
	if len(p.Lines) == 0 {
		t.Error("the problem comes without the lines around it")
	}
	if !strings.Contains(ts.err.String(), p.Pos+": ") {
		t.Errorf("the terminal does not show %s:\n%s", p.Pos, ts.err.String())
	}
	if got, _ := ts.page(t, docPath); got != before {
		t.Error("the page changed although the build failed")
	}
	// A page opened now is shown the problem at once.
	_, v2 := ts.page(t, "index.html")
	if e := ts.listen(t, "index.html", v2).next(t, timeout); e.name != "problems" {
		t.Errorf("a page opened during the error got %s, want problems", e.name)
	}

	// The date fixed, but the level wrong: another error, which replaces
	// the first.
	data := rewrite(t, file, "date: [2023-06-21", "date: \"2023-06-21\"")
	data = bytes.Replace(data, []byte("level: province"), []byte("level: planet"), 1)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if e := st.next(t, timeout); e.name != "problems" || !strings.Contains(e.data, "planet") || strings.Contains(e.data, "front matter:") {
		t.Errorf("event %s %s, want problems about the level alone", e.name, e.data)
	}
	// Fixed, with an edit.
	data = rewrite(t, file, "level: planet", "level: province")
	data = bytes.Replace(data, []byte("number: \"\""), []byte("number: 粤发〔2023〕1号"), 1)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if e := st.next(t, timeout); e.name != "ok" {
		t.Fatalf("event %s %s, want ok", e.name, e.data)
	}
	if e := st.next(t, timeout); e.name != "reload" {
		t.Fatalf("event %s %s, want reload", e.name, e.data)
	}
	if got, _ := ts.page(t, docPath); !strings.Contains(got, "粤发〔2023〕1号") {
		t.Error("the fixed document is not served")
	}
}

// TestTraversal asks for files outside the site in every way a path can
// be bent, and gets 404 each time.
func TestTraversal(t *testing.T) {
	dir := project(t)
	static := filepath.Join(dir, "static")
	if err := os.MkdirAll(static, 0o755); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(dir, "secret.txt")
	if err := os.WriteFile(secret, []byte("SECRET-outside-the-site"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(static, "inside.txt"), []byte("inside"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{"leak.txt": secret, "up": dir, "etc": "/etc", "ok.txt": "inside.txt"} {
		if err := os.Symlink(target, filepath.Join(static, link)); err != nil {
			t.Fatal(err)
		}
	}
	ts := start(t, dir)
	// Raw requests: an HTTP client would clean some of these paths.
	raw := func(path string) (int, string) {
		conn, err := net.Dial("tcp", strings.TrimPrefix(strings.TrimSuffix(ts.url, "/"), "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", path)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, path := range []string{
		"/../secret.txt", "/../../etc/passwd", "/static/../../secret.txt", "/static/../secret.txt",
		"/%2e%2e/secret.txt", "/%2E%2E/%2E%2E/etc/passwd", "/static/%2e%2e/%2e%2e/secret.txt",
		"/static/..%2f..%2fsecret.txt", "/static/..%2F..%2Fsecret.txt", "/static%2f..%2f..%2fsecret.txt",
		"/static/..\\..\\secret.txt", "/static/..%5c..%5csecret.txt", "//etc/passwd", "/static//etc/passwd",
		"/./static/inside.txt", "/static/./inside.txt", "/static/inside.txt%00.css",
		"/static/leak.txt", "/static/up/secret.txt", "/static/etc/passwd", "/static/up/content/site.yaml",
		"/content/site.yaml", "/secret.txt",
	} {
		code, body := raw(path)
		if code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, code)
		}
		if strings.Contains(body, "SECRET") || strings.Contains(body, "root:") || strings.Contains(body, "baseURL") {
			t.Errorf("GET %s: the answer holds a file outside the site", path)
		}
	}
	// What is inside is served, links within the directory included.
	for path, want := range map[string]string{"/static/inside.txt": "inside", "/static/ok.txt": "inside"} {
		if code, body := raw(path); code != http.StatusOK || body != want {
			t.Errorf("GET %s: %d %q, want 200 %q", path, code, body, want)
		}
	}
}

// TestResponses checks what every answer carries: the content type, no
// caching, no sniffing; and the server's other answers.
func TestResponses(t *testing.T) {
	ts := start(t, project(t))
	for path, want := range map[string]string{
		"":                               "text/html; charset=utf-8",
		docPath:                          "text/html; charset=utf-8",
		docPath + "s3/index.html":        "text/html; charset=utf-8",
		"static/style.css":               "text/css; charset=utf-8",
		"static/site.js":                 "text/javascript; charset=utf-8",
		"static/favicon.svg":             "image/svg+xml",
		"api/docs/luhe-2017-yijian.json": "application/json",
		"api/docs/luhe-2017-yijian.ris":  "application/x-research-info-systems; charset=utf-8",
		"api/docs.bib":                   "application/x-bibtex; charset=utf-8",
		"feed.xml":                       "application/atom+xml; charset=utf-8",
		"sitemap.xml":                    "application/xml; charset=utf-8",
		"robots.txt":                     "text/plain; charset=utf-8",
		"search/data/meta.js":            "text/javascript; charset=utf-8",
		"__tiaowen/live.js":              "text/javascript; charset=utf-8",
		"compare/guangdong-2020-shishi--guangdong-2023-gangyao/": "text/html; charset=utf-8",
	} {
		resp, _ := ts.get(t, path)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET /%s: %s", path, resp.Status)
		}
		if got := resp.Header.Get("Content-Type"); got != want {
			t.Errorf("GET /%s: Content-Type %q, want %q", path, got, want)
		}
		if got := resp.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("GET /%s: Cache-Control %q, want no-store", path, got)
		}
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET /%s: X-Content-Type-Options %q", path, got)
		}
	}
	resp, body := ts.get(t, "docs/nope/")
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "未找到页面") || !strings.Contains(body, `<base href="/">`) {
		t.Errorf("GET a missing page: %s, want the site's 404 page with its root as base", resp.Status)
	}
	if n := strings.Count(body, "<base"); n != 1 {
		t.Errorf("the 404 page has %d <base> elements; a page may have one", n)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if resp, err := client.Get(ts.url + "docs/guangdong-2023-gangyao?x=1"); err != nil || resp.StatusCode != http.StatusMovedPermanently ||
		resp.Header.Get("Location") != "/docs/guangdong-2023-gangyao/?x=1" {
		t.Errorf("a folder without its slash: %v %v, want 301 to /docs/guangdong-2023-gangyao/?x=1", resp, err)
	}
	if resp, err := http.Post(ts.url, "text/plain", strings.NewReader("x")); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %v %v, want 405", resp, err)
	}
	req, _ := http.NewRequest("HEAD", ts.url+docPath, nil)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusOK || resp.ContentLength <= 0 {
		t.Errorf("HEAD: %v %v", resp, err)
	}
	// A name that resolves to 127.0.0.1 but is not this machine's: a web
	// page rebinding its DNS name to read the preview.
	req, _ = http.NewRequest("GET", ts.url, nil)
	req.Host = "attacker.example:80"
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("a foreign Host: %v %v, want 403", resp, err)
	}
	req.Host = "localhost"
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("Host localhost: %v %v, want 200", resp, err)
	}
}

// TestScriptOnlyInServe: the server puts its script into every page it
// serves; a build of the same content has it nowhere.
func TestScriptOnlyInServe(t *testing.T) {
	dir := project(t)
	ts := start(t, dir)
	for _, path := range []string{"", docPath, "themes/", "compare/", "search/", "about/"} {
		if body, _ := ts.page(t, path); strings.Count(body, "/__tiaowen/live.js") != 1 {
			t.Errorf("/%s does not have the live-reload script once", path)
		}
	}
	out := filepath.Join(dir, "build", "site")
	if _, err := site.Build(site.Options{Content: filepath.Join(dir, "content"), Out: out, Zip: "-"}); err != nil {
		t.Fatal(err)
	}
	n := 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		if b, _ := os.ReadFile(p); bytes.Contains(b, []byte("__tiaowen")) {
			t.Errorf("the built %s has the live-reload script", p)
		}
		return nil
	})
	if n < 100 {
		t.Fatalf("the build wrote %d files", n)
	}
}

// TestDisableLiveReload: with DisableLiveReload the pages are served
// without the script, as a build writes them, and an edit still shows on
// the next request.
func TestDisableLiveReload(t *testing.T) {
	ts := start(t, project(t), func(o *Options) { o.DisableLiveReload = true })
	served := func(path string) string {
		t.Helper()
		resp, body := ts.get(t, path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET /%s: %s", path, resp.Status)
		}
		return body
	}
	for _, path := range []string{"", docPath, "search/"} {
		if body := served(path); strings.Contains(body, "__tiaowen") || !strings.Contains(body, "</body>") {
			t.Errorf("/%s has the live-reload script, or is no page", path)
		}
	}
	if err := os.WriteFile(ts.docFile(), rewrite(t, ts.docFile(), sentence, "改后的句子。"), 0o644); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(timeout); !strings.Contains(served(docPath), "改后的句子。"); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the edit is not served %v after it", timeout)
		}
	}
}

// TestWatchesNewDirectories creates the static directory, then a folder
// in it, then one two deep, while the server runs: files in each are
// served as they appear.
func TestWatchesNewDirectories(t *testing.T) {
	dir := project(t)
	ts := start(t, dir)
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)
	for _, name := range []string{"static/new.svg", "static/img/new.svg", "static/a/b/new.svg", "content/../static/a/c/new.svg"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, svg, 0o644); err != nil {
			t.Fatal(err)
		}
		path := filepath.ToSlash(filepath.Clean(name))
		deadline := time.Now().Add(timeout)
		for {
			resp, body := ts.get(t, path)
			if resp.StatusCode == http.StatusOK && body == string(svg) && resp.Header.Get("Content-Type") == "image/svg+xml" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("/%s is not served %v after it was written: %s", path, timeout, resp.Status)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

// TestTemplateEdit edits the project's own document template: a document
// page reloads, a page made with another template does not.
func TestTemplateEdit(t *testing.T) {
	dir := project(t)
	tdir := filepath.Join(dir, "templates")
	if err := os.MkdirAll(tdir, 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join("..", "..", "templates", "doc.html"))
	if err != nil {
		t.Fatal(err)
	}
	tmpl := filepath.Join(tdir, "doc.html")
	if err := os.WriteFile(tmpl, src, 0o644); err != nil {
		t.Fatal(err)
	}
	ts := start(t, dir)
	_, v := ts.page(t, docPath)
	doc := ts.listen(t, docPath, v)
	_, v = ts.page(t, "themes/")
	themes := ts.listen(t, "themes/", v)

	if err := os.WriteFile(tmpl, bytes.Replace(src, []byte(`<article class="doc"`), []byte(`<article data-edited class="doc"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if e := doc.next(t, timeout); e.name != "reload" {
		t.Fatalf("document page: event %s, want reload", e.name)
	}
	if body, _ := ts.page(t, docPath); !strings.Contains(body, "data-edited") {
		t.Error("the document page does not show the edited template")
	}
	themes.quiet(t, 300*time.Millisecond)

	// A template that fails: the problem at its line.
	if err := os.WriteFile(tmpl, bytes.Replace(src, []byte(`{{$d.Title}}`), []byte(`{{$d.Title}`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	e := doc.next(t, timeout)
	if e.name != "problems" || !strings.Contains(e.data, filepath.Join("templates", "doc.html")+":") {
		t.Errorf("event %s %s, want problems in templates/doc.html", e.name, e.data)
	}

	// A template that fails on some pages only, one of them open: the
	// page stays, under the problem.
	const luhe = "docs/luhe-2017-yijian/"
	_, v = ts.page(t, luhe)
	open := ts.listen(t, luhe, v)
	broken := bytes.Replace(src, []byte(`<h1>{{$d.Title}}</h1>`), []byte(`<h1>{{$d.Title}}{{if eq $d.ID "luhe-2017-yijian"}}{{$d.Nope}}{{end}}</h1>`), 1)
	if bytes.Equal(broken, src) {
		t.Fatal("doc.html has no <h1>{{$d.Title}}</h1>")
	}
	if err := os.WriteFile(tmpl, broken, 0o644); err != nil {
		t.Fatal(err)
	}
	for e := open.next(t, timeout); e.name != "problems" || !strings.Contains(e.data, "Nope"); e = open.next(t, timeout) {
		if e.name == "reload" {
			t.Fatalf("the page that fails to render was told to reload")
		}
	}
	if resp, body := ts.get(t, luhe); resp.StatusCode != http.StatusInternalServerError || !strings.Contains(body, "doc.html:") {
		t.Errorf("GET the failing page: %s, want 500 naming templates/doc.html", resp.Status)
	}
}

// TestStylesheetSwap: a style sheet edited is swapped in, without a
// reload.
func TestStylesheetSwap(t *testing.T) {
	dir := project(t)
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	ts := start(t, dir)
	_, v := ts.page(t, docPath)
	st := ts.listen(t, docPath, v)
	if err := os.WriteFile(filepath.Join(dir, "static", "style.css"), []byte("body{color:red}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if e := st.next(t, timeout); e.name != "css" {
		t.Errorf("event %s, want css", e.name)
	}
	if _, body := ts.get(t, "static/style.css"); body != "body{color:red}" {
		t.Errorf("the style sheet served is %q", body)
	}
}

// TestStaleVersionReloads: a page that connects with a version other
// than its page's current one — served before a rebuild, or by an earlier
// run of the server — is told to reload at once; one that is current is
// not.
func TestStaleVersionReloads(t *testing.T) {
	ts := start(t, project(t))
	_, v := ts.page(t, docPath)
	if e := ts.listen(t, docPath, "0123").next(t, timeout); e.name != "reload" {
		t.Errorf("a stale page got %s, want reload", e.name)
	}
	ts.listen(t, docPath, v).quiet(t, 200*time.Millisecond)
	_, body := ts.get(t, "docs/nope/")
	v404 := versionAttr.FindStringSubmatch(body)[1]
	ts.listen(t, "docs/nope/", v404).quiet(t, 200*time.Millisecond)
}

// TestStartWithErrors starts on content with an error: every page shows
// it, and fixing it loads the site.
func TestStartWithErrors(t *testing.T) {
	dir := project(t)
	file := filepath.Join(dir, "content", "docs", "guangdong-2023-gangyao.md")
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, bytes.Replace(good, []byte("level: province"), []byte("level: planet"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := start(t, dir)
	resp, body := ts.get(t, docPath)
	if resp.StatusCode != http.StatusInternalServerError || !strings.Contains(body, "guangdong-2023-gangyao.md:") || !strings.Contains(body, "planet") {
		t.Fatalf("GET with the content broken: %s\n%s", resp.Status, body)
	}
	v := versionAttr.FindStringSubmatch(body)[1]
	st := ts.listen(t, docPath, v)
	if e := st.next(t, timeout); e.name != "problems" {
		t.Errorf("event %s, want problems", e.name)
	}
	if err := os.WriteFile(file, good, 0o644); err != nil {
		t.Fatal(err)
	}
	for e := st.next(t, timeout); e.name != "reload"; e = st.next(t, timeout) {
		if e.name != "ok" {
			t.Fatalf("event %s, want ok and reload", e.name)
		}
	}
	ts.page(t, docPath)
}

// TestLoad has 200 connections ask for pages for three seconds while the
// content is edited and rebuilt: every request must succeed.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("a load test")
	}
	ts := start(t, project(t))
	paths := []string{"", docPath, docPath + "s3/index.html", docPath + "p1/", "themes/", "themes/shoufu-zerenzhi/",
		"compare/", "compare/guangdong-2023-gangyao--guangzhou-2023-fangan/", "search/", "search/data/meta.js",
		"static/style.css", "api/docs/guangdong-2023-gangyao.json", "docs/luhe-2017-yijian/i21/", "feed.xml"}
	const conns = 200
	tr := &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	var requests, failures atomic.Int64
	var firstErr atomic.Value
	stop := time.Now().Add(3 * time.Second)
	var wg sync.WaitGroup
	for i := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := i; time.Now().Before(stop); n++ {
				path := paths[n%len(paths)]
				resp, err := client.Get(ts.url + path)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("%s", resp.Status)
					}
				}
				requests.Add(1)
				if err != nil {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, fmt.Sprintf("GET /%s: %v", path, err))
				}
			}
		}()
	}
	// Edits while the load runs, each rebuilt.
	file := ts.docFile()
	rebuilds := 0
	for i := 0; time.Now().Add(500 * time.Millisecond).Before(stop); i++ {
		data := rewrite(t, file, "质量创新体系", fmt.Sprintf("质量创新体系%d", i))
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		select {
		case r := <-ts.rebuilds:
			if r.Err() != nil {
				t.Fatalf("rebuild: %v", r.Err())
			}
			rebuilds++
		case <-time.After(timeout):
			t.Fatal("no rebuild")
		}
		time.Sleep(200 * time.Millisecond)
	}
	wg.Wait()
	t.Logf("%d requests from %d connections in 3 s, %d rebuilds meanwhile", requests.Load(), conns, rebuilds)
	if n := failures.Load(); n > 0 {
		t.Errorf("%d of %d requests failed; the first: %v", n, requests.Load(), firstErr.Load())
	}
	if rebuilds == 0 || requests.Load() < conns {
		t.Errorf("%d rebuilds, %d requests: the test did not load the server while it rebuilt", rebuilds, requests.Load())
	}
}

// TestShutdown ends the server's context while a page listens and a
// request is answered: Serve returns, and the stream ends.
func TestShutdown(t *testing.T) {
	dir := project(t)
	srv := New(Options{Site: site.Options{Content: filepath.Join(dir, "content")}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	ts := &testServer{Server: srv, url: "http://" + ln.Addr().String() + "/"}
	_, v := ts.page(t, docPath)
	st := ts.listen(t, docPath, v)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return 5 s after its context ended")
	}
	select {
	case _, ok := <-st.events:
		if ok {
			t.Error("an event after shutdown")
		}
	case <-time.After(5 * time.Second):
		t.Error("the event stream did not end")
	}
	if _, err := http.Get(ts.url); err == nil {
		t.Error("the server still answers after shutdown")
	}
}

// TestBindEverywhere warns when the server listens on every interface,
// and answers any host name there.
func TestBindEverywhere(t *testing.T) {
	dir := project(t)
	var errb syncBuffer
	srv := New(Options{Site: site.Options{Content: filepath.Join(dir, "content")}, Err: &errb})
	ln, err := Listen("0.0.0.0", 0, true, nil)
	if err != nil {
		t.Skipf("cannot listen on 0.0.0.0: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	defer func() { cancel(); <-done }()
	port := ln.Addr().(*net.TCPAddr).Port
	req, _ := http.NewRequest("GET", fmt.Sprintf("http://127.0.0.1:%d/", port), nil)
	req.Host = "my-laptop.lan"
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("a LAN host name: %v %v, want 200", resp, err)
	}
	if !strings.Contains(errb.String(), "warning: listening on every network interface") {
		t.Errorf("no warning:\n%s", errb.String())
	}
}

// TestSiteName holds the mapping of URL paths to files of the site.
func TestSiteName(t *testing.T) {
	for path, want := range map[string]string{
		"/":                      "index.html",
		"/docs/x/":               "docs/x/index.html",
		"/docs/x/index.html":     "docs/x/index.html",
		"/docs/x":                "docs/x",
		"/static/%E5%9B%BE.png":  "static/图.png",
		"/..":                    "",
		"/a/../b":                "",
		"/a/./b":                 "",
		"/a//b":                  "",
		"/%2e%2e/x":              "",
		"/a%2fb":                 "",
		"/a%5cb":                 "",
		"/a\\b":                  "",
		"/a%00b":                 "",
		"/static/style.css%20":   "static/style.css ",
		"/docs/x/p1/":            "docs/x/p1/index.html",
		"/search/data/meta.js":   "search/data/meta.js",
		"/api/docs/x.json":       "api/docs/x.json",
		"/api/compare/a--b.json": "api/compare/a--b.json",
	} {
		u, err := url.ParseRequestURI(path)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := siteName(u)
		if want == "" && ok {
			t.Errorf("siteName(%q) = %q, want refused", path, got)
		}
		if want != "" && (!ok || got != want) {
			t.Errorf("siteName(%q) = %q, %v, want %q", path, got, ok, want)
		}
	}
}

// TestListenPortInUse: a port in use is replaced by a free one, with a
// note, unless it was asked for explicitly.
func TestListenPortInUse(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	var out syncBuffer
	ln, err := Listen("127.0.0.1", port, false, &out)
	if err != nil {
		t.Fatalf("Listen on a busy default port: %v", err)
	}
	defer ln.Close()
	if got := ln.Addr().(*net.TCPAddr).Port; got == port || !strings.Contains(out.String(), "in use") {
		t.Errorf("Listen gave port %d (busy: %d), said %q", got, port, out.String())
	}
	if ln, err := Listen("127.0.0.1", port, true, nil); err == nil {
		ln.Close()
		t.Error("Listen on a busy port asked for explicitly succeeded")
	}
}
