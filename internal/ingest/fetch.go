package ingest

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
)

// IsURL reports whether an argument names a web address to fetch rather
// than a file.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// Fetched is a document fetched from the web, ready for Import.
type Fetched struct {
	// Name is a file name for it: the last part of its address, with the
	// extension its type calls for (a page's .html, a Word document's
	// .docx), from which Import tells its format and makes its id.
	Name string
	Data []byte
	// Encoding is Big5 when the server says so (Content-Type's charset),
	// the one encoding Import cannot tell from the bytes; else empty.
	Encoding Encoding
}

// maxFetch bounds what Fetch reads: a policy document's page is well
// under a megabyte, a Word document with images some tens.
const maxFetch = 64 << 20

// fetchTimeout bounds a fetch, redirects and all: government sites can be
// slow, but not this slow.
const fetchTimeout = 90 * time.Second

// Fetch gets the document at a web address. Anything but a 200 answer,
// a body over 64 MiB or a network failure is an error naming the address.
func Fetch(ctx context.Context, address string) (*Fetched, error) {
	u, err := url.Parse(address)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("%s: not an http(s) address", address)
	}
	ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", address, err)
	}
	// Some government sites turn away clients that do not say what they
	// are, or do not read Chinese.
	req.Header.Set("User-Agent", "Mozilla/5.0 (compatible; tiaowen)")
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain;q=0.9,*/*;q=0.5")
	req.Header.Set("Accept-Language", "zh-CN,zh;q=0.9")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %v", address, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: the server answered %s", address, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxFetch+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %v", address, err)
	}
	if len(data) > maxFetch {
		return nil, fmt.Errorf("fetch %s: over %d MiB, which no document is", address, maxFetch>>20)
	}
	f := &Fetched{Data: data}
	mediaType, params, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if e, ok := EncodingNamed(params["charset"]); ok && e == Big5 {
		f.Encoding = Big5
	}
	// The name is the address's last part, as the server finally gave it
	// after redirects, with the extension its type calls for.
	name := path.Base(resp.Request.URL.Path)
	if name == "/" || name == "." {
		name = resp.Request.URL.Hostname()
	}
	ext := strings.ToLower(path.Ext(name))
	want := map[string]string{
		"text/html":             ".html",
		"application/xhtml+xml": ".html",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
		"application/msword": ".doc",
		// A web archive, as a site serving saved pages names it.
		"multipart/related":         ".mhtml",
		"application/x-mimearchive": ".mhtml",
		"application/pdf":           ".pdf",
		"text/plain":                ".txt",
	}[mediaType]
	switch {
	case want == "":
	case want == ".html" && (ext == ".htm" || ext == ".shtml" || ext == ".xhtml"):
	case ext != want:
		name = strings.TrimSuffix(name, path.Ext(name)) + want
	}
	f.Name = name
	return f, nil
}
