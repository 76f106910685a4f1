package ingest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"tiaowen/internal/corpus"
)

func encodeUTF16(s string, bigEndian bool) []byte {
	var b bytes.Buffer
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b.WriteByte(byte(u >> 8))
			b.WriteByte(byte(u))
		} else {
			b.WriteByte(byte(u))
			b.WriteByte(byte(u >> 8))
		}
	}
	return b.Bytes()
}

// TestSeedEncodings feeds every seed as GB18030, as UTF-16LE with a BOM,
// as UTF-16BE with a BOM, and as UTF-8 with a BOM and CRLF line ends, and
// expects output identical to the plain UTF-8 import.
func TestSeedEncodings(t *testing.T) {
	for stem, id := range seedIDs {
		data, err := os.ReadFile(filepath.Join(seedDir, stem+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		plain, err := Import(stem+".txt", data, Options{ID: id})
		if err != nil {
			t.Fatal(err)
		}
		gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(data)
		if err != nil {
			t.Fatal(err)
		}
		crlf := append([]byte{0xEF, 0xBB, 0xBF}, bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...)
		variants := []struct {
			name string
			data []byte
			enc  Encoding
		}{
			{"GB18030", gb, GB18030},
			{"UTF-16LE BOM", append([]byte{0xFF, 0xFE}, encodeUTF16(string(data), false)...), UTF16LE},
			{"UTF-16BE BOM", append([]byte{0xFE, 0xFF}, encodeUTF16(string(data), true)...), UTF16BE},
			{"UTF-8 BOM CRLF", crlf, UTF8BOM},
			{"CR only", bytes.ReplaceAll(data, []byte("\n"), []byte("\r")), UTF8},
		}
		for _, v := range variants {
			got, err := Import(stem+".txt", v.data, Options{ID: id})
			if err != nil {
				t.Errorf("%s as %s: %v", stem, v.name, err)
				continue
			}
			if got.Encoding != v.enc {
				t.Errorf("%s as %s: detected %s", stem, v.name, got.Encoding)
			}
			if !bytes.Equal(got.Markdown(), plain.Markdown()) {
				t.Errorf("%s as %s: output differs from the UTF-8 import", stem, v.name)
			}
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	utf8Text := []byte("一、总体要求\n（一）指导思想。坚持")
	tests := []struct {
		name   string
		data   []byte
		offset int
		reason string
	}{
		{"truncated UTF-8", utf8Text[:len(utf8Text)-1], len(utf8Text) - 3, "truncated UTF-8"},
		{"truncated UTF-16LE", append([]byte{0xFF, 0xFE}, encodeUTF16("总体", false)[:3]...), 4, "truncated UTF-16"},
		{"lone surrogate", append([]byte{0xFF, 0xFE}, 0x3D, 0xD8, 0x41, 0x00), 2, "surrogate"},
		{"invalid in both", append([]byte("总体要求"), 0xFF, 0x41, 0x42), 12, "UTF-8"},
	}
	for _, tt := range tests {
		_, _, err := Decode("x.txt", tt.data)
		var de *DecodeError
		if !errors.As(err, &de) {
			t.Errorf("%s: Decode error = %v, want a DecodeError", tt.name, err)
			continue
		}
		if de.Offset != tt.offset || !strings.Contains(de.Error(), tt.reason) || !strings.Contains(de.Error(), "x.txt: byte ") {
			t.Errorf("%s: error %q (offset %d), want offset %d and %q", tt.name, de.Error(), de.Offset, tt.offset, tt.reason)
		}
	}
}

func TestDecodeUTF16WithoutBOM(t *testing.T) {
	s := "1. Quality\n2. Standards\n"
	for _, be := range []bool{false, true} {
		got, enc, err := Decode("x.txt", encodeUTF16(s, be))
		if err != nil || got != s {
			t.Errorf("Decode(UTF-16 bigEndian=%v) = %q, %v, %v", be, got, enc, err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("一、总体要求\r\n"))
	f.Add([]byte{0xFF, 0xFE, 0x00, 0x4E})
	f.Add([]byte{0xD2, 0xBB, 0xA1, 0xA2})
	f.Add([]byte{0xA4, 0x40, 0xA1, 0x42})
	f.Fuzz(func(t *testing.T, data []byte) {
		// Big5, read only when asked for, is never read into U+FFFD.
		if b, err := DecodeAs("f.txt", data, Big5); err == nil && strings.ContainsRune(b, '\uFFFD') {
			t.Fatalf("Big5 read as U+FFFD: %q", b)
		} else if de := (*DecodeError)(nil); err != nil && (!errors.As(err, &de) || de.Offset < 0 || de.Offset >= len(data)) {
			t.Fatalf("DecodeAs Big5 error %v: not a DecodeError with an offset in range", err)
		}
		s, _, err := Decode("f.txt", data)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) || de.Offset < 0 || de.Offset > len(data) {
				t.Fatalf("Decode error %v: not a DecodeError with an offset in range", err)
			}
			return
		}
		if strings.ContainsRune(s, '\r') {
			t.Fatal("decoded text holds a CR")
		}
		if strings.ContainsRune(s, '\uFFFD') && !bytes.Contains(data, []byte("\uFFFD")) && !bytes.Contains(data, []byte{0xFD, 0xFF}) && !bytes.Contains(data, []byte{0xFF, 0xFD}) {
			// GB18030 can encode U+FFFD itself (84 31 A4 37).
			if !bytes.Contains(data, []byte{0x84, 0x31, 0xA4, 0x37}) {
				t.Fatalf("decoded text holds U+FFFD that the input did not: %q", s)
			}
		}
	})
}

// FuzzImport checks that any input either fails to decode cleanly or
// imports into a document that parses without panicking.
func FuzzImport(f *testing.F) {
	for stem := range seedIDs {
		data, err := os.ReadFile(filepath.Join(seedDir, stem+".txt"))
		if err == nil {
			f.Add(data[:min(len(data), 2000)])
		}
	}
	f.Add([]byte("附件\n一、总体要求　　（一）目标。到2025年\n坚持问\n题导向"))
	f.Add([]byte("<script>alert(1)</script>\n1. [x](javascript:alert(1))\n"))
	// Web archives: one Chromium saved, cut short, and one as Word writes.
	if data, err := os.ReadFile("testdata/seed-000.mhtml"); err == nil {
		f.Add(data[:min(len(data), 6000)])
	}
	f.Add(archive(`Content-Type: multipart/related; start="<p>"; boundary="----=_NextPart_01DA"`,
		[2]string{"Content-Type: image/png\r\nContent-Transfer-Encoding: base64", "iVBORw0KGgo="},
		[2]string{"Content-Type: text/html; charset=gb2312\r\nContent-ID: <p>\r\nContent-Transfer-Encoding: quoted-printable", "<p>=D2=BB=A1=A2=D7=DC=CC=E5=D2=AA=C7=F3</p>"}))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Import("f.txt", data, Options{ID: "fuzz"})
		if err != nil {
			return
		}
		d, _ := corpus.NewParser().Parse("fuzz.md", res.Markdown())
		if d == nil {
			t.Fatal("Parse returned no document")
		}
		for _, s := range d.Sections {
			if s.EID == "" {
				t.Fatalf("section %q has no eId", s.Marker)
			}
		}
	})
}

// TestBig5 reads the seed in 繁體 encoded in Big5: as text when asked to,
// as a page when the page declares it; the document is the one its UTF-8
// text makes. A pair Big5 has no character for is an error at its byte.
func TestBig5(t *testing.T) {
	const stem, id = "002_aa4f806ae0ee63b3", "jiangsu-2023-yijian"
	data, err := os.ReadFile(filepath.Join(seedDir, stem+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := Import(stem+".txt", data, Options{ID: id})
	if err != nil {
		t.Fatal(err)
	}
	big5, err := traditionalchinese.Big5.NewEncoder().Bytes(data)
	if err != nil {
		t.Fatal(err)
	}
	// Not told, Import cannot read it, and says what to do.
	if _, err := Import(stem+".txt", big5, Options{ID: id}); err == nil || !strings.Contains(err.Error(), "if it is Big5 (繁體), import it with --encoding big5") {
		t.Errorf("Big5 text, not told: %v", err)
	}
	text, err := Import(stem+".txt", big5, Options{ID: id, Encoding: Big5})
	if err != nil || text.Encoding != Big5 || text.Body != want.Body {
		t.Errorf("Big5 text: %v, %s, the body alike %v", err, text.Encoding, err == nil && text.Body == want.Body)
	}
	page := append([]byte("<!DOCTYPE html>\n<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\"></head><body><pre>\n"), big5...)
	page = append(page, "</pre></body></html>\n"...)
	html, err := Import(stem+".html", page, Options{ID: id, Source: stem + ".txt"})
	if err != nil || html.Encoding != Big5 || html.Format != "HTML" || !reflect.DeepEqual(html.Meta, want.Meta) {
		t.Errorf("Big5 page: %v, %s %s, front matter %+v", err, html.Format, html.Encoding, html.Meta)
	}
	for _, c := range []struct {
		data []byte
		want string
	}{
		{[]byte("ab\xa4@\xff\xff"), "x.txt: byte 4: no Big5 character is FF FF (read as Big5); nothing was imported — check that it is Big5"},
		{[]byte("ab\xa4"), "x.txt: byte 2: truncated Big5 byte pair"},
	} {
		if _, err := Import("x.txt", c.data, Options{Encoding: Big5}); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.data, err, c.want)
		}
	}
	for name, want := range map[string]Encoding{"BIG5": Big5, " gbk ": GB18030, "GB2312": GB18030, "utf-16le": UTF16LE} {
		if e, ok := EncodingNamed(name); !ok || e != want {
			t.Errorf("EncodingNamed(%q) = %s, %v", name, e, ok)
		}
	}
	if _, ok := EncodingNamed("latin-1"); ok {
		t.Error("latin-1 is named")
	}
}
