// Package htmlesc escapes strings exactly as html/template escapes a
// plain string in the contexts a page's layout prints them in, for the
// pages written without the template engine (see internal/site's
// direct.go): their bytes must be the ones the stock templates give.
//
// The rules are html/template's (html.go, url.go in the standard
// library); the package's tests compare every function with
// html/template itself, on fixed and fuzzed input.
package htmlesc

import (
	"bytes"
	"strings"
)

// replacement is html/template's htmlReplacementTable: what each of the
// characters that text, RCDATA (<title>) and quoted attribute values
// cannot hold becomes.
var replacement = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// Text writes s as html/template prints a string in HTML text, in
// RCDATA such as <title>, and in a quoted attribute value that is not a
// URL. Every character it escapes is ASCII, so s is scanned by byte;
// invalid UTF-8 passes through, as there.
func Text(b *bytes.Buffer, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if int(c) >= len(replacement) || replacement[c] == "" {
			continue
		}
		b.WriteString(s[written:i])
		b.WriteString(replacement[c])
		written = i + 1
	}
	b.WriteString(s[written:])
}

// URL writes s as html/template prints a string that begins a quoted
// URL attribute value (href, src): a URL with a scheme other than http,
// https or mailto is replaced by "#ZgotmplZ", bytes that a URL cannot
// hold are percent-encoded, and the result is escaped as Text.
func URL(b *bytes.Buffer, s string) {
	if !safeScheme(s) {
		b.WriteString("#ZgotmplZ")
		return
	}
	URLPart(b, s)
}

// URLPart writes s as html/template prints a string that continues a
// quoted URL attribute value before its query (href="{{.Root}}{{.}}"):
// as URL does, without looking at the scheme.
func URLPart(b *bytes.Buffer, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if urlKeeps(c) || c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			continue
		}
		Text(b, s[written:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		written = i + 1
	}
	Text(b, s[written:])
}

const hex = "0123456789abcdef"

// urlKeeps reports whether the URL normaliser leaves byte c as it is
// wherever it stands. It keeps a '%' too when it begins a valid escape
// (and, as there, not when that escape ends the string).
func urlKeeps(c byte) bool {
	switch c {
	case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']', '-', '.', '_', '~':
		return true
	}
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// safeScheme is html/template's isSafeURL: no scheme, or a harmless one.
func safeScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '/':
			return true
		case ':':
			p := s[:i]
			return strings.EqualFold(p, "http") || strings.EqualFold(p, "https") || strings.EqualFold(p, "mailto")
		}
	}
	return true
}
