// Package rtf reads the text of a Rich Text Format document (.rtf, and
// the many .doc files that are RTF inside), as a reader sees it: its
// paragraphs in order, with where each stands in a table. Deleted
// revisions, hidden text, field codes (a field's result is kept),
// footnotes, headers, footers, pictures, objects and every other
// destination a reader does not see as the body are left out. A list's
// number, which RTF writers put before a paragraph as text (\listtext),
// is kept as written. Text is decoded as the document's code page says
// (\ansicpg) or its font's character set (\fcharset): GBK, Big5,
// Windows-1252, Shift-JIS, and Unicode escapes (\u).
package rtf

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Magic is how every RTF document starts.
var Magic = []byte(`{\rtf`)

// A Paragraph is a paragraph of the document's body.
type Paragraph struct {
	// Text is what a reader sees of it, a line break in it "\n" and a
	// tab "\t".
	Text string
	// InTable: the paragraph is in a table's cell. CellEnd: it is its
	// cell's last. RowEnd: it is no paragraph a reader sees but the mark
	// that ends a row of cells.
	InTable, CellEnd, RowEnd bool
}

// maxDepth bounds the groups open at once, as a damaged file may open
// them without end.
const maxDepth = 1000

// skipped are the destinations that hold no body text.
var skipped = map[string]bool{
	"fonttbl": true, "colortbl": true, "stylesheet": true, "info": true, "pict": true, "object": true,
	"header": true, "headerl": true, "headerr": true, "headerf": true, "footer": true, "footerl": true,
	"footerr": true, "footerf": true, "footnote": true, "annotation": true, "fldinst": true,
	"listtable": true, "listoverridetable": true, "rsidtbl": true, "generator": true, "xmlnstbl": true,
	"themedata": true, "colorschememapping": true, "datastore": true, "latentstyles": true,
	"pgdsctbl": true, "revtbl": true, "filetbl": true, "nonshppict": true, "shp": true,
	"bkmkstart": true, "bkmkend": true, "template": true, "docvar": true, "userprops": true,
	"atnid": true, "atnauthor": true, "xe": true, "tc": true, "txe": true, "falt": true,
}

// state is what a group sets and its end restores.
type state struct {
	skip      bool // in a destination without body text
	hidden    bool // \v: hidden text
	deleted   bool // \deleted: a deleted revision
	uc        int  // characters standing in for a \u character, to skip after it
	font      int
	inTable   bool
	fontTable bool // in the font table, reading fonts' character sets
	listText  bool // in a list's number as text, whose tab is dropped
}

// reader is the document being read.
type reader struct {
	data    []byte
	pos     int
	st      state
	stack   []state
	ansi    encoding.Encoding         // the document's code page
	fonts   map[int]encoding.Encoding // by font, those whose character set is not the code page's
	pending []byte                    // bytes of text in the current encoding, not yet decoded
	text    strings.Builder
	paras   []Paragraph
	skipN   int // fallback characters still to skip after a \u
	curFont int // the font a font table entry is about
}

// Read returns the paragraphs of the RTF document data.
func Read(data []byte) ([]Paragraph, error) {
	if !bytes.HasPrefix(data, Magic) {
		return nil, errors.New("not an RTF document: it does not start with {\\rtf")
	}
	r := &reader{data: data, ansi: charmap.Windows1252, fonts: map[int]encoding.Encoding{}, st: state{uc: 1}}
	for r.pos < len(data) {
		c := data[r.pos]
		switch c {
		case '{':
			r.pos++
			if len(r.stack) >= maxDepth {
				return nil, errors.New("damaged: groups open more than 1,000 deep")
			}
			r.flush()
			r.stack = append(r.stack, r.st)
		case '}':
			r.pos++
			r.flush()
			if len(r.stack) == 0 {
				continue // a stray end, or the document's
			}
			r.st = r.stack[len(r.stack)-1]
			r.stack = r.stack[:len(r.stack)-1]
		case '\\':
			r.control()
		case '\r', '\n':
			r.pos++
		default:
			r.pos++
			if r.skipN > 0 {
				r.skipN--
				continue
			}
			r.byte(c)
		}
	}
	if r.text.Len() > 0 || len(r.pending) > 0 {
		r.endParagraph(false, false)
	}
	return r.paras, nil
}

// visible reports whether text now is body text a reader sees.
func (r *reader) visible() bool { return !r.st.skip && !r.st.hidden && !r.st.deleted }

// byte adds a byte of text in the current font's encoding.
func (r *reader) byte(c byte) {
	if r.visible() {
		r.pending = append(r.pending, c)
	}
}

// flush decodes the pending bytes into the text.
func (r *reader) flush() {
	if len(r.pending) == 0 {
		return
	}
	enc := r.ansi
	if e, ok := r.fonts[r.st.font]; ok {
		enc = e
	}
	b, err := enc.NewDecoder().Bytes(r.pending)
	if err != nil || !utf8.Valid(b) {
		b = bytes.ToValidUTF8(r.pending, []byte("\uFFFD"))
	}
	r.text.Write(b)
	r.pending = r.pending[:0]
}

// add adds decoded text.
func (r *reader) add(s string) {
	if r.visible() {
		r.flush()
		r.text.WriteString(s)
	}
}

// endParagraph ends the paragraph being read: a cell's last (cell), or
// a row's mark (row).
func (r *reader) endParagraph(cell, row bool) {
	r.flush()
	p := Paragraph{Text: r.text.String(), InTable: r.st.inTable || cell || row, CellEnd: cell, RowEnd: row}
	r.text.Reset()
	if row {
		p.Text = ""
	}
	if p.Text == "" && !cell && !row && len(r.paras) == 0 {
		return // nothing before the first paragraph
	}
	r.paras = append(r.paras, p)
}

// control reads a control word or symbol at r.pos, a backslash.
func (r *reader) control() {
	d := r.data
	r.pos++
	if r.pos >= len(d) {
		return
	}
	c := d[r.pos]
	if !isLetter(c) {
		r.pos++
		switch c {
		case '\'': // a byte in hex
			if r.pos+2 <= len(d) {
				if v, err := strconv.ParseUint(string(d[r.pos:r.pos+2]), 16, 8); err == nil {
					r.pos += 2
					if r.skipN > 0 {
						r.skipN--
						return
					}
					r.byte(byte(v))
				}
			}
		case '*': // the group is a destination to skip unless known
			r.st.skip = true
		case '~':
			r.add(" ")
		case '_':
			r.add("-")
		case '\\', '{', '}':
			r.byte(c)
		case '\r', '\n':
			r.endParagraph(false, false)
		}
		return
	}
	start := r.pos
	for r.pos < len(d) && isLetter(d[r.pos]) {
		r.pos++
	}
	word := string(d[start:r.pos])
	num, hasNum := 0, false
	numStart := r.pos
	if r.pos < len(d) && (d[r.pos] == '-' || isDigit(d[r.pos])) {
		r.pos++
		for r.pos < len(d) && isDigit(d[r.pos]) && r.pos-numStart < 10 {
			r.pos++
		}
		if n, err := strconv.Atoi(string(d[numStart:r.pos])); err == nil {
			num, hasNum = n, true
		}
	}
	if r.pos < len(d) && d[r.pos] == ' ' {
		r.pos++
	}
	r.word(word, num, hasNum)
}

// word acts on a control word and its parameter.
func (r *reader) word(w string, n int, hasNum bool) {
	on := !hasNum || n != 0
	if w == "fonttbl" {
		// Not shown, but read for the fonts' character sets.
		r.st.fontTable = true
	}
	if skipped[w] {
		r.flush()
		r.st.skip = true
		return
	}
	switch w {
	case "bin": // n bytes of binary data, a picture's, to pass over whatever they hold
		if hasNum && n > 0 {
			r.pos = min(r.pos+n, len(r.data))
		}
	case "ansicpg":
		if e := codePage(n); e != nil {
			r.ansi = e
		}
	case "fcharset":
		if r.st.fontTable {
			if e := charset(n); e != nil {
				r.fonts[r.curFont] = e
			}
		}
	case "f":
		if r.st.fontTable {
			r.curFont = n
		} else {
			r.flush()
			r.st.font = n
		}
	case "uc":
		if n >= 0 && n < 10 {
			r.st.uc = n
		}
	case "u":
		if n < 0 {
			n += 65536
		}
		r.flush()
		if r.visible() {
			r.text.WriteRune(rune(n))
		}
		r.skipN = r.st.uc
	case "v":
		r.flush()
		r.st.hidden = on
	case "deleted":
		r.flush()
		r.st.deleted = on
	case "par", "sect", "page":
		if !r.st.skip {
			r.endParagraph(false, false)
		}
	case "line":
		r.add("\n")
	case "tab":
		if !r.st.listText { // a number's separator, as a .docx's is not read
			r.add("\t")
		}
	case "listtext", "pntext":
		r.st.listText = true
	case "emdash":
		r.add("—")
	case "endash":
		r.add("–")
	case "lquote":
		r.add("‘")
	case "rquote":
		r.add("’")
	case "ldblquote":
		r.add("“")
	case "rdblquote":
		r.add("”")
	case "bullet":
		r.add("•")
	case "pard":
		r.st.inTable = false
	case "intbl":
		r.st.inTable = true
	case "cell":
		if !r.st.skip {
			r.endParagraph(true, false)
		}
	case "row":
		if !r.st.skip {
			r.endParagraph(false, true)
		}
	}
}

// codePage is the encoding of a Windows code page.
func codePage(n int) encoding.Encoding {
	switch n {
	case 936, 20936:
		return simplifiedchinese.GBK
	case 54936:
		return simplifiedchinese.GB18030
	case 950:
		return traditionalchinese.Big5
	case 932:
		return japanese.ShiftJIS
	case 949:
		return korean.EUCKR
	case 1252:
		return charmap.Windows1252
	case 65001:
		return encoding.Nop
	}
	return nil
}

// charset is the encoding of a font's character set.
func charset(n int) encoding.Encoding {
	switch n {
	case 134:
		return simplifiedchinese.GBK
	case 136:
		return traditionalchinese.Big5
	case 128:
		return japanese.ShiftJIS
	case 129:
		return korean.EUCKR
	}
	return nil
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
