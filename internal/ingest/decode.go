package ingest

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Encoding names the character encoding a file was read in.
type Encoding string

// The encodings Decode recognises.
const (
	UTF8    Encoding = "UTF-8"
	UTF8BOM Encoding = "UTF-8 with BOM"
	UTF16LE Encoding = "UTF-16LE"
	UTF16BE Encoding = "UTF-16BE"
	GB18030 Encoding = "GB18030"
	// Big5 is read only when asked for (Options.Encoding) or declared by
	// a page: nearly every Big5 text is valid GB18030 as well, so it
	// cannot be told apart by its bytes.
	Big5 Encoding = "Big5"
)

// DecodeError reports bytes that are not text in any encoding Decode
// knows, at the first byte where the likeliest encoding failed.
type DecodeError struct {
	File     string
	Offset   int
	Encoding Encoding
	Reason   string
}

func (e *DecodeError) Error() string {
	hint := "convert the file to UTF-8 (for example iconv -f GB18030 -t UTF-8) or repair it"
	switch e.Encoding {
	case UTF8, GB18030:
		// Detection read it as one of these; it may be Big5, which
		// detection cannot tell.
		hint = "if it is Big5 (繁體), import it with --encoding big5; else " + hint
	case Big5:
		hint = "check that it is Big5, or name its encoding with --encoding"
	}
	return fmt.Sprintf("%s: byte %d: %s (read as %s); nothing was imported — %s", e.File, e.Offset, e.Reason, e.Encoding, hint)
}

// Decode turns the bytes of a text file into a string with "\n" line
// ends. It detects UTF-8 (with or without a byte order mark), UTF-16 in
// either byte order (with a byte order mark, or without one when every
// other byte is zero, as in ASCII-range UTF-16), and GB18030 (which
// includes GBK and GB2312). Bytes that are valid in none of them are an
// error naming the byte offset; Decode never substitutes U+FFFD.
func Decode(file string, data []byte) (string, Encoding, error) {
	var s string
	var enc Encoding
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		enc = UTF8BOM
		body := data[3:]
		if off := invalidUTF8(body); off >= 0 {
			return "", enc, &DecodeError{file, off + 3, enc, utf8Reason(body, off)}
		}
		s = string(body)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		enc = UTF16LE
		t, err := decodeUTF16(file, data[2:], false, 2)
		if err != nil {
			return "", enc, err
		}
		s = t
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		enc = UTF16BE
		t, err := decodeUTF16(file, data[2:], true, 2)
		if err != nil {
			return "", enc, err
		}
		s = t
	default:
		if be, ok := looksUTF16(data); ok {
			enc = UTF16LE
			if be {
				enc = UTF16BE
			}
			t, err := decodeUTF16(file, data, be, 0)
			if err != nil {
				return "", enc, err
			}
			s = t
			break
		}
		u := invalidUTF8(data)
		if u < 0 {
			enc, s = UTF8, string(data)
			break
		}
		g := invalidGB18030(data)
		if g < 0 {
			t, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
			if err != nil {
				return "", GB18030, &DecodeError{file, 0, GB18030, err.Error()}
			}
			enc, s = GB18030, string(t)
			break
		}
		// Neither fits: report the encoding that got further, which is
		// the one the file was most likely meant to be in.
		if u >= g {
			return "", UTF8, &DecodeError{file, u, UTF8, utf8Reason(data, u)}
		}
		return "", GB18030, &DecodeError{file, g, GB18030, "invalid GB18030 byte sequence"}
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return s, enc, nil
}

// invalidUTF8 returns the offset of the first invalid UTF-8 sequence, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// utf8Reason explains why the sequence at off is invalid.
func utf8Reason(b []byte, off int) string {
	if !utf8.FullRune(b[off:]) {
		return "truncated UTF-8 multi-byte sequence at the end of the file"
	}
	return fmt.Sprintf("invalid UTF-8 sequence starting with byte 0x%02X", b[off])
}

// invalidGB18030 returns the offset of the first byte sequence that is not
// GB18030, or -1. GB18030 has one-byte (ASCII), two-byte (lead 81–FE,
// trail 40–7E or 80–FE) and four-byte (81–FE 30–39 81–FE 30–39)
// sequences; a well-formed sequence that maps to no character is invalid
// too, since decoding it would invent U+FFFD.
func invalidGB18030(b []byte) int {
	dec := simplifiedchinese.GB18030.NewDecoder()
	var buf [16]byte
	for i := 0; i < len(b); {
		c := b[i]
		n := 0
		switch {
		case c < 0x80:
			i++
			continue
		case c == 0x80 || c == 0xFF:
			return i
		case i+1 < len(b) && (b[i+1] >= 0x40 && b[i+1] <= 0x7E || b[i+1] >= 0x80 && b[i+1] <= 0xFE):
			n = 2
		case i+3 < len(b) && b[i+1] >= 0x30 && b[i+1] <= 0x39 && b[i+2] >= 0x81 && b[i+2] <= 0xFE && b[i+3] >= 0x30 && b[i+3] <= 0x39:
			n = 4
		default:
			return i
		}
		seq := b[i : i+n]
		dec.Reset()
		nDst, _, err := dec.Transform(buf[:], seq, true)
		if err != nil || (bytes.Contains(buf[:nDst], []byte("\uFFFD")) && !bytes.Equal(seq, []byte{0x84, 0x31, 0xA4, 0x37})) {
			return i
		}
		i += n
	}
	return -1
}

// looksUTF16 recognises UTF-16 without a byte order mark by its zero
// bytes: text in the ASCII range has one in every pair.
func looksUTF16(b []byte) (bigEndian, ok bool) {
	if len(b) < 4 || len(b)%2 != 0 {
		return false, false
	}
	n := min(len(b), 512)
	var even, odd int
	for i := 0; i+1 < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs*4 && even == 0:
		return false, true
	case even*10 >= pairs*4 && odd == 0:
		return true, true
	}
	return false, false
}

// decodeUTF16 decodes UTF-16 code units; base is the byte offset of b in
// the file, for error messages.
func decodeUTF16(file string, b []byte, bigEndian bool, base int) (string, error) {
	enc := UTF16LE
	if bigEndian {
		enc = UTF16BE
	}
	if len(b)%2 != 0 {
		return "", &DecodeError{file, base + len(b) - 1, enc, "truncated UTF-16 code unit at the end of the file"}
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			units[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	for i := 0; i < len(units); i++ {
		u := units[i]
		switch {
		case u >= 0xD800 && u < 0xDC00:
			if i+1 >= len(units) || units[i+1] < 0xDC00 || units[i+1] >= 0xE000 {
				reason := "unpaired UTF-16 surrogate"
				if i+1 >= len(units) {
					reason = "truncated UTF-16 surrogate pair at the end of the file"
				}
				return "", &DecodeError{file, base + 2*i, enc, reason}
			}
			i++
		case u >= 0xDC00 && u < 0xE000:
			return "", &DecodeError{file, base + 2*i, enc, "unpaired UTF-16 surrogate"}
		}
	}
	return string(utf16.Decode(units)), nil
}

// encodingNames are the names Options.Encoding accepts, as the web's
// labels spell them.
var encodingNames = map[string]Encoding{
	"utf-8": UTF8, "utf8": UTF8,
	"gb18030": GB18030, "gbk": GB18030, "gb2312": GB18030, "cp936": GB18030,
	"big5": Big5, "big5-hkscs": Big5, "cn-big5": Big5, "x-x-big5": Big5, "cp950": Big5,
	"utf-16le": UTF16LE, "utf-16be": UTF16BE,
}

// EncodingNamed returns the encoding a name (any case) stands for, as
// --encoding and a page's <meta charset> give it.
func EncodingNamed(name string) (Encoding, bool) {
	e, ok := encodingNames[strings.ToLower(strings.TrimSpace(name))]
	return e, ok
}

// DecodeAs is Decode in a given encoding, for text whose bytes do not
// say it (Big5). A byte order mark of that encoding is dropped.
func DecodeAs(file string, data []byte, enc Encoding) (string, error) {
	var s string
	switch enc {
	case UTF8, UTF8BOM:
		data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
		if off := invalidUTF8(data); off >= 0 {
			return "", &DecodeError{file, off, UTF8, utf8Reason(data, off)}
		}
		s = string(data)
	case GB18030:
		if off := invalidGB18030(data); off >= 0 {
			return "", &DecodeError{file, off, GB18030, "invalid GB18030 byte sequence"}
		}
		t, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return "", &DecodeError{file, 0, GB18030, err.Error()}
		}
		s = string(t)
	case Big5:
		t, err := decodeBig5(file, data)
		if err != nil {
			return "", err
		}
		s = t
	case UTF16LE, UTF16BE:
		be := enc == UTF16BE
		base := 0
		if bom := []byte{0xFF, 0xFE}; be {
			if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
				data, base = data[2:], 2
			}
		} else if bytes.HasPrefix(data, bom) {
			data, base = data[2:], 2
		}
		t, err := decodeUTF16(file, data, be, base)
		if err != nil {
			return "", err
		}
		s = t
	default:
		return "", fmt.Errorf("%s: unknown encoding %q", file, enc)
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n"), nil
}

// decodeBig5 decodes Big5, one character at a time so that a byte pair
// Big5 has no character for is an error at its offset, never U+FFFD.
func decodeBig5(file string, data []byte) (string, error) {
	var b strings.Builder
	dec := traditionalchinese.Big5.NewDecoder()
	for i := 0; i < len(data); {
		c := data[i]
		if c < 0x80 {
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(data) {
			return "", &DecodeError{file, i, Big5, "truncated Big5 byte pair"}
		}
		out, err := dec.Bytes(data[i : i+2])
		if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
			return "", &DecodeError{file, i, Big5, fmt.Sprintf("no Big5 character is % X", data[i:i+2])}
		}
		b.Write(out)
		i += 2
	}
	return b.String(), nil
}

// declaredCharset returns the charset a page declares in its first
// kilobytes (<meta charset="…">, or http-equiv's content), or "".
func declaredCharset(data []byte) string {
	head := data[:min(len(data), 4096)]
	if m := reMetaCharset.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	return ""
}

var reMetaCharset = regexp.MustCompile(`(?i)<meta[^>]*charset\s*=\s*["']?\s*([a-z0-9_.:-]+)`)
