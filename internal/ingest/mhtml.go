package ingest

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"path/filepath"
	"strings"
)

// A web archive (MHTML, RFC 2557) is what a browser saves for "网页，单个
// 文件": Chrome and Edge write .mhtml, Internet Explorer and Word .mht. It
// is a MIME message whose parts are the page and what it loads, each
// under the address it came from; the page is the root part, the first
// unless the message's start parameter names another.

// isMHTML reports whether data is a web archive: a MIME message of
// related parts, or, named .mht or .mhtml, a web page with MIME headers.
func isMHTML(file string, data []byte) bool {
	h, ok := mimeHeader(data)
	if !ok {
		return false
	}
	media, _, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		return false
	}
	ext := strings.ToLower(filepath.Ext(file))
	return media == "multipart/related" || (ext == ".mht" || ext == ".mhtml") && media == "text/html"
}

// mimeHeader reads the header of a MIME message at the start of data. A
// text that merely begins with a line holding a colon is no message: it
// must name its Content-Type.
func mimeHeader(data []byte) (textproto.MIMEHeader, bool) {
	head := data[:min(len(data), 64<<10)]
	head = bytes.TrimLeft(head, "\r\n\t ")
	end := bytes.Index(head, []byte("\n\r\n"))
	if end < 0 {
		end = bytes.Index(head, []byte("\n\n"))
	}
	if end < 0 {
		return nil, false
	}
	h, err := textproto.NewReader(bufio.NewReader(bytes.NewReader(head[:end+1]))).ReadMIMEHeader()
	if err != nil && !errors.Is(err, io.EOF) || h.Get("Content-Type") == "" {
		return nil, false
	}
	return h, true
}

// archivedPage is the page a web archive holds: its bytes, decoded from
// their transfer encoding, the character set its part names ("" when
// none) and the address it was saved from ("" when unknown).
type archivedPage struct {
	html    []byte
	charset string
	address string
}

// mhtmlPage returns the root web page of a web archive, or an error that
// says what is wrong and what to do.
func mhtmlPage(file string, data []byte) (archivedPage, error) {
	fail := func(what string) (archivedPage, error) {
		return archivedPage{}, fmt.Errorf("%s: a web archive (MHTML) %s; nothing was imported — open it in the browser and save the page again, as 网页，仅 HTML (.html)", file, what)
	}
	r := textproto.NewReader(bufio.NewReader(bytes.NewReader(bytes.TrimLeft(data, "\r\n\t "))))
	h, err := r.ReadMIMEHeader()
	if err != nil {
		return fail(fmt.Sprintf("whose header cannot be read: %v", err))
	}
	media, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		return fail(fmt.Sprintf("whose Content-Type cannot be read: %v", err))
	}
	address := h.Get("Snapshot-Content-Location")
	if media == "text/html" {
		// A page alone, with a message's header.
		body, err := transferDecoded(h.Get("Content-Transfer-Encoding"), r.R)
		if err != nil {
			return fail(fmt.Sprintf("whose page cannot be decoded: %v", err))
		}
		return archivedPage{body, charsetOf(h), webAddress(address, h.Get("Content-Location"))}, nil
	}
	boundary := params["boundary"]
	if boundary == "" {
		return fail("that names no boundary between its parts")
	}
	start := params["start"]
	mr := multipart.NewReader(r.R, boundary)
	var kinds []string
	for {
		// NextPart undoes quoted-printable itself.
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fail(fmt.Sprintf("cut short or damaged (%v)", err))
		}
		ct := p.Header.Get("Content-Type")
		partMedia, _, _ := mime.ParseMediaType(ct)
		if partMedia == "" {
			partMedia = "untyped"
		}
		kinds = append(kinds, partMedia)
		root := start == "" && (partMedia == "text/html" || partMedia == "application/xhtml+xml") ||
			start != "" && p.Header.Get("Content-ID") == start
		if !root {
			continue
		}
		body, err := transferDecoded(p.Header.Get("Content-Transfer-Encoding"), p)
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return fail(fmt.Sprintf("cut short in its page, part %d", len(kinds)))
		}
		if err != nil {
			return fail(fmt.Sprintf("whose page (part %d) cannot be decoded: %v", len(kinds), err))
		}
		return archivedPage{body, charsetOf(p.Header), webAddress(address, p.Header.Get("Content-Location"))}, nil
	}
	if !bytes.Contains(data, []byte("--"+boundary+"--")) {
		return fail(fmt.Sprintf("cut short: it ends before its closing boundary, and its parts (%s) hold no web page", strings.Join(kinds, ", ")))
	}
	if start != "" {
		return fail(fmt.Sprintf("whose page, part %s, is not among its parts", start))
	}
	return fail(fmt.Sprintf("that holds no web page (its parts: %s)", strings.Join(kinds, ", ")))
}

// transferDecoded reads a part's body, undoing base64 or quoted-printable
// (which multipart parts have undone already, leaving no header).
func transferDecoded(encoding string, r io.Reader) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r)
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	}
	return io.ReadAll(r)
}

func charsetOf(h textproto.MIMEHeader) string {
	_, params, _ := mime.ParseMediaType(h.Get("Content-Type"))
	return params["charset"]
}

// webAddress returns the first of the addresses that is a web address,
// or "": a page saved from disk has a file: one, a part a cid: one.
func webAddress(addresses ...string) string {
	for _, a := range addresses {
		a = strings.TrimSpace(a)
		if strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://") {
			return a
		}
	}
	return ""
}
