package ingest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// TestFetch fetches from a web server on this machine what government
// sites serve: a page in GB2312 at an address that does not end in .html,
// a page in Big5 whose only word of it is the server's, a page moved
// elsewhere, a PDF, a Word 97–2003 attachment, and an address that is
// not there.
func TestFetch(t *testing.T) {
	page := "<!DOCTYPE html><html><head><title>甲市质量强市实施方案_甲市人民政府网</title></head><body><div id=\"zoom\"><p>一、总体要求</p><p>坚持质量第一。</p></div></body></html>"
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	hant := strings.NewReplacer("甲市质量强市实施方案", "甲市質量強市實施方案", "总体要求", "總體要求", "坚持质量第一", "堅持質量第一").Replace(page)
	big5, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte(hant))
	if err != nil {
		t.Fatal(err)
	}
	var agent string
	mux := http.NewServeMux()
	mux.HandleFunc("/zwgk/content/post_1.jsp", func(w http.ResponseWriter, r *http.Request) {
		agent = r.Header.Get("User-Agent")
		w.Header().Set("Content-Type", "text/html; charset=GB2312")
		w.Write(gb)
	})
	mux.HandleFunc("/hk/plan.htm", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=big5")
		w.Write(big5)
	})
	mux.Handle("/old", http.RedirectHandler("/zwgk/content/post_1.jsp", http.StatusMovedPermanently))
	mux.HandleFunc("/file", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.7\n"))
	})
	doc, err := os.ReadFile(filepath.Join(docDir, "features.doc"))
	if err != nil {
		t.Fatal(err)
	}
	mux.HandleFunc("/attach/download.jsp", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/msword")
		w.Write(doc)
	})
	saved := archive(`Content-Type: multipart/related; boundary="----=_NextPart_01DA"`,
		[2]string{"Content-Type: text/html; charset=utf-8", page})
	mux.HandleFunc("/saved/page.jsp", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", `multipart/related; boundary="----=_NextPart_01DA"`)
		w.Write(saved)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := context.Background()

	for _, c := range []struct {
		path, name, title string
		enc, read         Encoding
	}{
		{"/zwgk/content/post_1.jsp", "post_1.html", "甲市质量强市实施方案", "", GB18030},
		{"/old", "post_1.html", "甲市质量强市实施方案", "", GB18030},
		{"/hk/plan.htm", "plan.htm", "甲市質量強市實施方案", Big5, Big5},
	} {
		f, err := Fetch(ctx, srv.URL+c.path)
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		if f.Name != c.name || f.Encoding != c.enc {
			t.Errorf("%s: named %q in %q, want %q in %q", c.path, f.Name, f.Encoding, c.name, c.enc)
		}
		res, err := Import(f.Name, f.Data, Options{Encoding: f.Encoding, Source: srv.URL + c.path})
		if err != nil || res.Format != "HTML" || res.Encoding != c.read || res.Meta.Title != c.title || !strings.Contains(res.Body, "质量第一") && !strings.Contains(res.Body, "質量第一") {
			t.Errorf("%s: %v, %s %s, %+v", c.path, err, res.Format, res.Encoding, res.Meta)
		}
	}
	if !strings.Contains(agent, "tiaowen") {
		t.Errorf("the request said it came from %q", agent)
	}
	f, err := Fetch(ctx, srv.URL+"/file")
	if err != nil || f.Name != "file.pdf" {
		t.Fatalf("a PDF: %v, %+v", err, f)
	}
	if _, err := Import(f.Name, f.Data, Options{}); err == nil || !strings.Contains(err.Error(), "file.pdf: ") || !strings.Contains(err.Error(), "PDF") {
		t.Errorf("a fetched PDF: %v", err)
	}
	// A Word 97–2003 attachment, served by a script, is named for its type.
	if f, err := Fetch(ctx, srv.URL+"/attach/download.jsp"); err != nil || f.Name != "download.doc" {
		t.Errorf("a .doc: %v, named %q", err, f.Name)
	} else if res, err := Import(f.Name, f.Data, Options{}); err != nil || res.Format != "DOC" || res.Meta.Title != "关于推进质量强省建设的实施意见" {
		t.Errorf("a fetched .doc: %v, %+v", err, res)
	}
	// A web archive, served as one, is named for its type; the address
	// fetched is its source.
	if f, err := Fetch(ctx, srv.URL+"/saved/page.jsp"); err != nil || f.Name != "page.mhtml" {
		t.Errorf("an archive: %v, named %q", err, f.Name)
	} else if res, err := Import(f.Name, f.Data, Options{Source: srv.URL + "/saved/page.jsp"}); err != nil || res.Format != "MHTML" || res.Meta.Title != "甲市质量强市实施方案" || res.Meta.Source != srv.URL+"/saved/page.jsp" {
		t.Errorf("a fetched archive: %v, %+v", err, res)
	}
	// A web archive, served as one, is named for its type; the address
	// fetched is its source.
	if f, err := Fetch(ctx, srv.URL+"/saved/page.jsp"); err != nil || f.Name != "page.mhtml" {
		t.Errorf("an archive: %v, named %q", err, f.Name)
	} else if res, err := Import(f.Name, f.Data, Options{Source: srv.URL + "/saved/page.jsp"}); err != nil || res.Format != "MHTML" || res.Meta.Title != "甲市质量强市实施方案" || res.Meta.Source != srv.URL+"/saved/page.jsp" {
		t.Errorf("a fetched archive: %v, %+v", err, res)
	}
	for address, want := range map[string]string{
		srv.URL + "/gone":       "the server answered 404 Not Found",
		"ftp://example.org/a":   "not an http(s) address",
		"http://127.0.0.1:1/a":  "fetch http://127.0.0.1:1/a:",
		"https:///no-host.html": "not an http(s) address",
	} {
		if _, err := Fetch(ctx, address); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", address, err, want)
		}
	}
}
