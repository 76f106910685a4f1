package browsertest

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// Unzip extracts the zip file into dir, which it creates if needed. It
// refuses an entry whose name would leave dir (an absolute name, or one
// with ".." in it) and any entry that is neither a regular file nor a
// directory.
func Unzip(file, dir string) error {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return err
	}
	defer zr.Close()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range zr.File {
		if err := extract(f, dir); err != nil {
			return fmt.Errorf("unzip %s: %s: %w", file, f.Name, err)
		}
	}
	return nil
}

func extract(f *zip.File, dir string) error {
	name := strings.TrimSuffix(f.Name, "/")
	if !fs.ValidPath(name) || strings.Contains(f.Name, `\`) {
		return errors.New("name leaves the directory")
	}
	dst := filepath.Join(dir, filepath.FromSlash(name))
	mode := f.Mode()
	switch {
	case mode.IsDir():
		return os.MkdirAll(dst, 0o755)
	case !mode.IsRegular():
		return fmt.Errorf("not a regular file (%v)", mode)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	r, err := f.Open()
	if err != nil {
		return err
	}
	defer r.Close()
	w, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, r); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// FileURL returns the file:// URL of a file or directory, made absolute:
// what a browser shows for a page opened from disk.
func FileURL(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		abs = p
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // a Windows drive letter
	}
	return u.String()
}

// Serve serves the directory dir over HTTP on 127.0.0.1, until t ends,
// and returns the URL of its root, ending in "/". It behaves like a plain
// static host: a path that ends in "/" is served from its index.html, a
// directory without the "/" is redirected to it, index.html itself is
// served as it is (net/http's FileServer would redirect it to "./", which
// no static host does and which would hide links that only work on a
// server), a missing file is answered with 404.html when dir has one, and
// nothing outside dir is ever read.
func Serve(t testing.TB, dir string) string {
	t.Helper()
	return serve(t, dir, "")
}

// ServeCaching serves dir as Serve does, with the caching headers a
// content delivery network in front of a static host sends by default:
// pages (.html) are asked for again at every visit (no-cache, answered
// 304 when unchanged, by the file's date), and every other file is kept
// by the browser for an hour without asking. A page that names a file
// whose content a new build changed must name it by a new address, or a
// browser goes on reading the copy it kept.
func ServeCaching(t testing.TB, dir string) string {
	t.Helper()
	return serve(t, dir, "max-age=3600")
}

// serve serves dir, other files than pages with the Cache-Control header
// cache ("" for none).
func serve(t testing.TB, dir, cache string) string {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatalf("serve %s: %v", dir, err)
	}
	root.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("serve %s: %v", dir, err)
	}
	srv := httptest.NewUnstartedServer(staticHandler{dir, cache})
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// staticHandler serves the files under root.
// It opens dir at each request, as a web server finds a file by its
// path: a build that puts a new site in dir's place (renaming folders)
// is served at once.
type staticHandler struct {
	dir   string
	cache string // Cache-Control of files other than pages; "" for none
}

func (h staticHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	root, err := os.OpenRoot(h.dir)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer root.Close()
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.Contains(p, "\x00") {
		notFound(root, w, r)
		return
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasSuffix(p, "/") {
		name = path.Join(name, "index.html")
	}
	if name == "" {
		name = "index.html"
	}
	f, err := root.Open(filepath.FromSlash(name))
	if err != nil {
		notFound(root, w, r)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		notFound(root, w, r)
		return
	}
	if st.IsDir() {
		http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
		return
	}
	if h.cache != "" {
		if strings.HasSuffix(name, ".html") {
			w.Header().Set("Cache-Control", "no-cache")
		} else {
			w.Header().Set("Cache-Control", h.cache)
		}
	}
	http.ServeContent(w, r, st.Name(), st.ModTime(), f)
}

// notFound answers with the site's own 404.html, as static hosts do.
func notFound(root *os.Root, w http.ResponseWriter, r *http.Request) {
	b, err := root.ReadFile("404.html")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}
