package msdoc

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestRead reads a document LibreOffice saved as Word 97–2003 from a
// .docx (testdata/make.py): its paragraphs as a reader sees them, a
// table's cells and rows marked.
func TestRead(t *testing.T) {
	doc, err := Read(readFixture(t, "features.doc"))
	if err != nil {
		t.Fatal(err)
	}
	got := doc.Paragraphs
	cell := func(text string) Paragraph { return Paragraph{Text: text, InTable: true, CellEnd: true} }
	rowEnd := Paragraph{InTable: true, RowEnd: true}
	want := []Paragraph{
		{Text: "关于推进质量强省建设的实施意见"},
		{Text: "一、总体要求"},
		// Not the deleted 旧的, the hidden 隐藏的文字, the field's code
		// (HYPERLINK "http://example.org/") nor the footnote's mark.
		{Text: "（一）指导思想。坚持新的质量第一。见省政府网站。"},
		{Text: "第一行\n第二行\t制表符后"},
		{Text: "附件：重点任务分工表"},
		cell("序号"), cell("任务"), cell("责任单位"), rowEnd,
		cell("1"), cell("完善质量法规"), cell("省司法厅"), rowEnd,
		cell("2"), cell(""), cell("省市场监管局"), rowEnd,
		{Text: "二、主要任务"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Read gives\n%+v\nwant\n%+v", got, want)
	}
}

// fibAt returns where the WordDocument stream starts in a compound file
// as LibreOffice writes one: at the first sector that starts with the
// FIB's identifier.
func fibAt(t *testing.T, data []byte) int {
	t.Helper()
	for at := 512; at+2 <= len(data); at += 512 {
		if binary.LittleEndian.Uint16(data[at:]) == 0xA5EC {
			return at
		}
	}
	t.Fatal("no sector starts with a FIB")
	return 0
}

// TestReadRefused: what Read cannot read is an error saying what the
// file is, never garbled text.
func TestReadRefused(t *testing.T) {
	doc := readFixture(t, "features.doc")
	edit := func(f func(b []byte)) []byte {
		b := bytes.Clone(doc)
		f(b)
		return b
	}
	fib := fibAt(t, doc)
	name := []byte("W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00")
	for _, c := range []struct {
		what string
		data []byte
		want string
	}{
		{"no compound file", []byte("一、总体要求"), "not a Word 97–2003 document"},
		{"cut short", doc[:600], "not a readable Word 97–2003 document: cut short or damaged"},
		{"no WordDocument stream", edit(func(b []byte) {
			at := bytes.Index(b, name)
			copy(b[at:], "X\x00")
		}), ErrNoText.Error()},
		{"Word 95", edit(func(b []byte) { binary.LittleEndian.PutUint16(b[fib+2:], 104) }), "a Word 6.0/95 document"},
		{"a password", edit(func(b []byte) { b[fib+0x0B] |= 0x01 }), "protected by a password"},
		{"no 1Table", edit(func(b []byte) { b[fib+0x0B] ^= 0x02 }), "damaged: the 0Table stream its text needs is missing"},
		{"no piece table", edit(func(b []byte) {
			// FibRgFcLcb97.lcbClx, after FibBase, 14 shorts and 22 longs.
			binary.LittleEndian.PutUint32(b[fib+154+33*8+4:], 0)
		}), "damaged: its piece table"},
	} {
		_, err := Read(c.data)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: Read says %v, want %q", c.what, err, c.want)
		}
	}
	if _, err := Read(edit(func(b []byte) { copy(b[bytes.Index(b, name):], "X\x00") })); !errors.Is(err, ErrNoText) {
		t.Errorf("a compound file without Word text: %v, want ErrNoText", err)
	}
}

// TestParagraphs reads text as Word writes it in a file saved quickly
// (pieces out of order in the stream, some a byte a character), with
// characters outside the BMP, fields nested in fields, the properties
// of characters and paragraphs by where they are stored, and a list
// taken from a paragraph's style.
func TestParagraphs(t *testing.T) {
	var wd []byte
	put16 := func(s string) int {
		at := len(wd)
		for _, u := range []rune(s) {
			if u > 0xFFFF {
				u -= 0x10000
				wd = binary.LittleEndian.AppendUint16(wd, uint16(0xD800+(u>>10)))
				wd = binary.LittleEndian.AppendUint16(wd, uint16(0xDC00+(u&0x3FF)))
				continue
			}
			wd = binary.LittleEndian.AppendUint16(wd, uint16(u))
		}
		return at
	}
	// The second piece is stored first.
	second := put16("𠀀字\x13 PAGE \x13 X \x14Y\x15\x14第3页\x15删除\r单元\x07\x07尾")
	first := len(wd)
	wd = append(wd, "\x93Quality\x94 first\x1E\x1Fend\r"...) // Windows-1252
	n1 := len("\x93Quality\x94 first\x1E\x1Fend\r")
	n2 := len(utf16Units("𠀀字\x13 PAGE \x13 X \x14Y\x15\x14第3页\x15删除\r单元\x07\x07尾"))
	pieces := []piece{
		{cp: 0, end: n1, fc: first, compressed: true},
		{cp: n1, end: n1 + n2, fc: second},
	}
	del := second + 2*len(utf16Units("𠀀字\x13 PAGE \x13 X \x14Y\x15\x14第3页\x15"))
	cellMark := second + 2*len(utf16Units("𠀀字\x13 PAGE \x13 X \x14Y\x15\x14第3页\x15删除\r单元"))
	chars := []run{{fc: uint32(del), end: uint32(del + 4), props: props{gone: true}}}
	// Style 5 numbers its paragraphs by list 2 at level 1: the first
	// paragraph, which sets neither, is so numbered; the second turns
	// its style's list off.
	styles := map[int]props{5: {list: 2, level: 1, listSet: true, levelSet: true}}
	paras := []run{
		{fc: uint32(second), end: uint32(del + 6), props: props{istd: 5, listSet: true}},
		{fc: uint32(cellMark - 4), end: uint32(cellMark + 2), props: props{inTable: true}},
		{fc: uint32(cellMark + 2), end: uint32(cellMark + 4), props: props{inTable: true, rowEnd: true}},
		{fc: uint32(first), end: uint32(first + n1), props: props{istd: 5}},
	}
	// The last character, 尾, is past the main document's end.
	got := paragraphs(wd, pieces, n1+n2-1, chars, paras, styles)
	want := []Paragraph{
		{Text: "“Quality” first-end", List: 2, Level: 1},
		{Text: "𠀀字第3页"},
		{Text: "单元", InTable: true, CellEnd: true},
		{InTable: true, RowEnd: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("paragraphs gives\n%+v\nwant\n%+v", got, want)
	}
}

func utf16Units(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r > 0xFFFF {
			out = append(out, 0, 0)
			continue
		}
		out = append(out, uint16(r))
	}
	return out
}

// FuzzRead: Read returns paragraphs or an error for any bytes, and its
// paragraphs are whole: a row's end holds no text and is in a table.
func FuzzRead(f *testing.F) {
	f.Add(readFixture(f, "features.doc"))
	f.Add(readFixture(f, "seed-002_aa4f806ae0ee63b3.doc"))
	f.Add(readFixture(f, "lists.doc"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read(data)
		if err != nil {
			return
		}
		for _, p := range doc.Paragraphs {
			if p.RowEnd && (p.Text != "" || !p.InTable || p.CellEnd) || p.CellEnd && !p.InTable {
				t.Fatalf("paragraph %+v", p)
			}
		}
	})
}

// TestReadLists: each numbered paragraph names its list and level, and
// the list its levels: their starts, formats and texts.
func TestReadLists(t *testing.T) {
	doc, err := Read(readFixture(t, "lists.doc"))
	if err != nil {
		t.Fatal(err)
	}
	var levels []int
	for _, p := range doc.Paragraphs {
		if p.List == 0 {
			levels = append(levels, -1)
			continue
		}
		levels = append(levels, p.Level)
		if len(doc.Lists[p.List]) != 9 {
			t.Errorf("%q is numbered by list %d, which has %d levels", p.Text, p.List, len(doc.Lists[p.List]))
		}
	}
	if want := []int{-1, 0, 1, 2, 2, 3, 1, 0, 1, 0}; !slices.Equal(levels, want) {
		t.Errorf("the paragraphs' levels are %v, want %v", levels, want)
	}
	first, last := doc.Paragraphs[1], doc.Paragraphs[len(doc.Paragraphs)-1]
	if first.List == last.List {
		t.Errorf("the restarted list is the first one, %d", first.List)
	}
	for i, want := range []Level{{1, "", "%1、"}, {1, "", "（%2）"}, {1, "decimal", "%3."}, {1, "decimalEnclosedCircle", "%4"}} {
		got := doc.Lists[first.List][i]
		if want.Format == "" && strings.HasPrefix(got.Format, "chineseCounting") { // LibreOffice writes chineseCountingThousand
			want.Format = got.Format
		}
		if got != want {
			t.Errorf("level %d is %+v, want %+v", i, got, want)
		}
	}
	if got := doc.Lists[last.List][0]; got.Start != 3 || got.Text != "%1、" {
		t.Errorf("the restarted list's first level is %+v", got)
	}
	// The stylesheet: Heading1, style 1, is numbered by the first list's
	// first level (LibreOffice writes it on each paragraph too).
	streams, err := readStreams(readFixture(t, "lists.doc"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := readFib(streams["WordDocument"])
	if err != nil {
		t.Fatal(err)
	}
	styles := styleLists(streams["1Table"], f.stsh)
	if st := styles[1]; st.list != first.List || st.level != 0 || len(styles) != 1 {
		t.Errorf("the styles number their paragraphs by %+v, want style 1 by list %d", styles, first.List)
	}
}

// TestReadListOverrides: a list override (LFO) may restart a level of
// its list, or give it a format of its own, as Word writes them.
func TestReadListOverrides(t *testing.T) {
	le16 := func(b []byte, v int) []byte { return binary.LittleEndian.AppendUint16(b, uint16(v)) }
	le32 := func(b []byte, v int) []byte { return binary.LittleEndian.AppendUint32(b, uint32(v)) }
	lvl := func(start int, nfc byte, text string) []byte {
		b := le32(nil, start)
		b = append(b, nfc)
		b = append(b, make([]byte, 19)...) // to cbGrpprlChpx
		b = append(b, 2, 0, 0, 0)          // cbGrpprlChpx 2, cbGrpprlPapx 0
		b = append(b, 0x55, 0x08)          // the character formatting, skipped
		units := []rune(text)
		b = le16(b, len(units))
		for _, u := range units {
			b = le16(b, int(u))
		}
		return b
	}
	// PlfLst: two simple lists, 7 and 8, their LVLs after it.
	lstf := func(lsid int) []byte {
		b := le32(nil, lsid)
		b = append(b, make([]byte, 22)...)
		return append(b, 1, 0) // fSimpleList
	}
	lst := append(append(le16(nil, 2), lstf(7)...), lstf(8)...)
	table := append(bytes.Clone(lst), lvl(1, 0x25, "\x00、")...)
	table = append(table, lvl(1, 0x12, "\x00")...)
	// PlfLfo: three overrides: list 7 as it is, list 7 restarted at 5,
	// and list 8 with its level replaced.
	lfo := func(lsid, levels int) []byte {
		b := le32(nil, lsid)
		b = append(b, make([]byte, 8)...)
		return append(b, byte(levels), 0, 0, 0)
	}
	plfLfo := le32(nil, 3)
	plfLfo = append(append(append(plfLfo, lfo(7, 0)...), lfo(7, 1)...), lfo(8, 1)...)
	plfLfo = le32(plfLfo, -1)                          // the first's cp
	plfLfo = le32(le32(le32(plfLfo, -1), 5), 0x10)     // the second's: level 0 starts at 5
	plfLfo = le32(le32(le32(plfLfo, -1), 0), 0x20)     // the third's: level 0 formatted anew
	plfLfo = append(plfLfo, lvl(1, 0x1B, "第\x00条")...) // decimalEnclosedParen
	at := len(table)
	table = append(table, plfLfo...)
	got := readLists(table, span{0, uint32(len(lst))}, span{uint32(at), uint32(len(plfLfo))})
	want := map[int][]Level{
		1: {{1, "chineseCounting", "%1、"}},
		2: {{5, "chineseCounting", "%1、"}},
		3: {{1, "decimalEnclosedParen", "第%1条"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("readLists gives %+v, want %+v", got, want)
	}
}

// TestStyleLists: a paragraph style's list and level are its own, or
// else those of the style it is based on, as Word writes a heading
// style linked to a list and another based on it; a character style
// and a chain of bases that loops do no harm.
func TestStyleLists(t *testing.T) {
	le16 := func(b []byte, v int) []byte { return binary.LittleEndian.AppendUint16(b, uint16(v)) }
	style := func(kind, base int, name string, sprms ...byte) []byte {
		std := le16(nil, 0)                   // sti and flags
		std = le16(std, kind|base<<4)         // stk and istdBase
		std = append(std, make([]byte, 6)...) // to the fixed part's end, 10 bytes
		units := []rune(name)
		std = le16(std, len(units))
		for _, u := range units {
			std = le16(std, int(u))
		}
		std = le16(std, 0) // the name's terminator
		if kind == 1 {
			std = le16(std, 2+len(sprms))
			std = le16(std, 0) // the UpxPapx's istd
			std = append(std, sprms...)
			if len(sprms)%2 == 1 {
				std = append(std, 0)
			}
		}
		return append(le16(nil, len(std)), std...)
	}
	stshi := le16(le16(nil, 6), 10) // six styles, a fixed part of 10 bytes
	stshi = le16(stshi, 0)
	b := append(le16(nil, len(stshi)), stshi...)
	for _, s := range [][]byte{
		style(1, 0xFFF, "Normal"),
		style(1, 0, "heading 1", 0x0B, 0x46, 3, 0, 0x0A, 0x26, 0), // list 3, level 0
		style(1, 1, "heading 2", 0x0A, 0x26, 1),                   // level 1, its base's list
		style(2, 0xFFF, "Default Paragraph Font"),
		style(1, 5, "loop", 0x0A, 0x26, 2), // based on itself by way of 5
		style(1, 4, "loop too"),
	} {
		b = append(b, s...)
	}
	got := styleLists(b, span{0, uint32(len(b))})
	want := map[int]props{1: {list: 3, listSet: true, levelSet: true}, 2: {list: 3, level: 1, listSet: true, levelSet: true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("styleLists gives %+v, want %+v", got, want)
	}
}
