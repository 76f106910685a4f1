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
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatalf("serve %s: %v", dir, err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		root.Close()
		t.Fatalf("serve %s: %v", dir, err)
	}
	srv := httptest.NewUnstartedServer(staticHandler{root})
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	t.Cleanup(func() {
		srv.Close()
		root.Close()
	})
	return srv.URL + "/"
}

// staticHandler serves the files under root.
type staticHandler struct {
	root *os.Root
}

func (h staticHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.Contains(p, "\x00") {
		h.notFound(w, r)
		return
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasSuffix(p, "/") {
		name = path.Join(name, "index.html")
	}
	if name == "" {
		name = "index.html"
	}
	f, err := h.root.Open(filepath.FromSlash(name))
	if err != nil {
		h.notFound(w, r)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		h.notFound(w, r)
		return
	}
	if st.IsDir() {
		http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
		return
	}
	http.ServeContent(w, r, st.Name(), st.ModTime(), f)
}

// notFound answers with the site's own 404.html, as static hosts do.
func (h staticHandler) notFound(w http.ResponseWriter, r *http.Request) {
	b, err := h.root.ReadFile("404.html")
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
