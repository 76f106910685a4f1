package site

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"strings"

	"tiaowen/internal/corpus"
)

// A document's original — the official file its text was taken from,
// with the letterhead, seal and layout the text leaves out — is
// published beside its page as docs/<id>/<id>.<ext>: an address of its
// own that no section's can take (an eId holds no dot), named for the
// document when saved.

// originalPath is the path of a document's original in the site, or ""
// when it names none.
func originalPath(d *corpus.Document) string {
	if d.Original == "" {
		return ""
	}
	return docPath(d.ID) + d.ID + strings.ToLower(path.Ext(d.Original))
}

// originalNamed returns the document whose original the site has at
// name, or nil.
func (s *Site) originalNamed(name string) *corpus.Document {
	rest, ok := strings.CutPrefix(name, "docs/")
	if !ok {
		return nil
	}
	id, _, _ := strings.Cut(rest, "/")
	if d := s.byID[id]; d != nil && d.Original != "" && originalPath(d.Document) == name {
		return d.Document
	}
	return nil
}

// copyOriginal writes a document's original as it is.
func copyOriginal(w *bytes.Buffer, d *corpus.Document) error {
	b, err := os.ReadFile(d.OriginalPath())
	if err != nil {
		return fmt.Errorf("%s: original: %w", d.File, err)
	}
	w.Write(b)
	return nil
}

// originalLink is a document's original as its page names it.
type originalLink struct {
	URL  string // from the page
	Kind string // PDF, OFD, Word …
	Type string // its media type, where known
	Size string // 1.2 MB
}

// originalKinds name the kinds of file an original is, by extension, and
// their media types.
var originalKinds = map[string][2]string{
	".pdf":   {"PDF", "application/pdf"},
	".ofd":   {"OFD", "application/ofd"},
	".docx":  {"Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	".doc":   {"Word", "application/msword"},
	".wps":   {"WPS", ""},
	".rtf":   {"RTF", "application/rtf"},
	".html":  {"网页", "text/html"},
	".htm":   {"网页", "text/html"},
	".mhtml": {"网页存档", "multipart/related"},
	".mht":   {"网页存档", "multipart/related"},
	".txt":   {"文本", "text/plain"},
	".jpg":   {"图片", "image/jpeg"},
	".jpeg":  {"图片", "image/jpeg"},
	".png":   {"图片", "image/png"},
	".zip":   {"压缩包", "application/zip"},
}

// original returns the link to a document's original from a page at
// root, or nil when it names none.
func original(d *corpus.Document, root string) *originalLink {
	if d.Original == "" {
		return nil
	}
	ext := strings.ToLower(path.Ext(d.Original))
	kind := originalKinds[ext]
	if kind[0] == "" {
		kind[0] = strings.ToUpper(strings.TrimPrefix(ext, "."))
	}
	l := &originalLink{URL: root + originalPath(d), Kind: kind[0], Type: kind[1]}
	if st, err := os.Stat(d.OriginalPath()); err == nil {
		l.Size = fileSize(st.Size())
	}
	return l
}

// fileSize is a size as a reader reads it: 356 KB, 1.2 MB.
func fileSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d 字节", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.0f KB", float64(n)/1000)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/1000/1000)
	}
}
