// Package msdoc reads the text of a Word 97–2003 document (.doc), the
// binary format that Word, WPS and LibreOffice still write for "Word
// 97–2003" and in which many government offices publish: the main
// document's paragraphs in order, with where each stands in a table.
//
// What a reader of the document does not see is left out: deleted
// revisions, hidden text, field codes (a field's result is kept),
// footnote and comment marks, pictures and drawn objects. The list a
// paragraph is numbered by, its own or its style's, is read with the
// lists' definitions (Document.Lists), for the caller to number it as
// Word does. Formatting, headers and footers, footnotes,
// comments and text boxes are not read. The format is
// Microsoft's [MS-DOC] specification; the file is a compound file,
// read with github.com/richardlehane/mscfb.
package msdoc

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
	"golang.org/x/text/encoding/charmap"
)

// Magic is how every compound file starts: a .doc, and also an .xls, a
// .ppt, a WPS file.
var Magic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// A Paragraph is a paragraph of the main document.
type Paragraph struct {
	// Text is what a reader sees of it, a line break in it "\n" and a
	// tab "\t".
	Text string
	// InTable: the paragraph is in a table's cell. CellEnd: it is its
	// cell's last. RowEnd: it is no paragraph a reader sees but the mark
	// that ends a row of cells.
	InTable, CellEnd, RowEnd bool
	// List is the list that numbers the paragraph, a key of
	// Document.Lists, or 0; Level is its level in it, from 0.
	List, Level int
}

// A Document is a .doc's main text.
type Document struct {
	Paragraphs []Paragraph
	// Lists are the lists paragraphs are numbered by, each's levels
	// (nine, or one for a simple list), by the number of Word's list
	// override (LFO) that names it, from 1.
	Lists map[int][]Level
}

// A Level is how a list numbers its paragraphs of one level.
type Level struct {
	Start int
	// Format is the numbers' style as Word's numFmt names it: decimal,
	// chineseCounting, decimalEnclosedCircle, bullet, none …
	Format string
	// Text is the number as a paragraph shows it, %1 … %9 standing for
	// the numbers of the levels 0 … 8: "%1、", "（%2）", "%1.%2".
	Text string
}

// ErrNoText is returned for a compound file with no Word text in it: a
// WPS or Works file, a spreadsheet, a presentation.
var ErrNoText = errors.New("a file stored as Word 97–2003 documents are, but with no Word text in it (a WPS, Excel or PowerPoint file?)")

// maxStream bounds the pieces' lengths, which a damaged file may give
// as anything.
const maxStream = 256 << 20

// Read returns the main text of the .doc data.
func Read(data []byte) (*Document, error) {
	if !bytes.HasPrefix(data, Magic) {
		return nil, errors.New("not a Word 97–2003 document: it does not start as one")
	}
	streams, err := readStreams(data)
	if err != nil {
		return nil, err
	}
	wd := streams["WordDocument"]
	if wd == nil {
		return nil, ErrNoText
	}
	f, err := readFib(wd)
	if err != nil {
		return nil, err
	}
	name := "0Table"
	if f.table1 {
		name = "1Table"
	}
	table := streams[name]
	if table == nil {
		return nil, fmt.Errorf("damaged: the %s stream its text needs is missing", name)
	}
	pieces, err := readPieces(plcOf(table, f.clx))
	if err != nil {
		return nil, err
	}
	chars := readRuns(wd, plcOf(table, f.bteChpx), charProps)
	paras := readRuns(wd, plcOf(table, f.btePapx), paraProps)
	return &Document{
		Paragraphs: paragraphs(wd, pieces, f.ccpText, chars, paras, styleLists(table, f.stsh)),
		Lists:      readLists(table, f.lst, f.lfo),
	}, nil
}

// readStreams reads the compound file's streams whole, by name.
func readStreams(data []byte) (map[string][]byte, error) {
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a readable Word 97–2003 document: cut short or damaged (%v)", err)
	}
	streams := map[string][]byte{}
	for entry, err := r.Next(); err == nil; entry, err = r.Next() {
		if len(entry.Path) > 0 || (entry.Name != "WordDocument" && entry.Name != "0Table" && entry.Name != "1Table") {
			continue
		}
		// A stream is sectors of the file: one said to be longer is
		// damaged, and its chain of sectors may loop.
		if entry.Size < 0 || entry.Size > int64(len(data)) {
			return nil, fmt.Errorf("damaged: its %s stream is said to be %d bytes long, more than the file", entry.Name, entry.Size)
		}
		b, err := io.ReadAll(io.LimitReader(entry, entry.Size))
		if err != nil {
			return nil, fmt.Errorf("damaged: its %s stream cannot be read: %v", entry.Name, err)
		}
		streams[entry.Name] = b
	}
	return streams, nil
}

// fib is what Read needs of the File Information Block that opens the
// WordDocument stream.
type fib struct {
	table1                bool // the tables are in 1Table, not 0Table
	ccpText               int  // the main document's length in characters
	clx, bteChpx, btePapx span // where the piece table and the formatting are in the table stream
	lst, lfo              span // where the lists and their overrides are
	stsh                  span // where the stylesheet is
}

// span is a part of a stream: its offset and length.
type span struct{ at, n uint32 }

func readFib(wd []byte) (fib, error) {
	var f fib
	u16 := func(at int) (int, bool) {
		if at < 0 || at+2 > len(wd) {
			return 0, false
		}
		return int(binary.LittleEndian.Uint16(wd[at:])), true
	}
	u32 := func(at int) (uint32, bool) {
		if at < 0 || at+4 > len(wd) {
			return 0, false
		}
		return binary.LittleEndian.Uint32(wd[at:]), true
	}
	damaged := errors.New("damaged: its File Information Block is cut short")
	ident, ok := u16(0)
	if !ok || ident != 0xA5EC {
		return f, errors.New("not a Word 97–2003 document: its WordDocument stream does not start as one")
	}
	// Word 6.0 and Word 95 (nFib 101–106) wrote a format of their own.
	if nFib, _ := u16(2); nFib < 0xC0 {
		return f, errors.New("a Word 6.0/95 document, a format older than Word 97–2003's")
	}
	flags, _ := u16(0x0A)
	if flags&0x0100 != 0 { // fEncrypted
		return f, errors.New("protected by a password, so its text is encrypted")
	}
	f.table1 = flags&0x0200 != 0 // fWhichTblStm
	// FibBase (32 bytes), then three arrays, each after its count.
	csw, ok := u16(32)
	if !ok {
		return f, damaged
	}
	lw := 34 + csw*2
	cslw, ok := u16(lw)
	if !ok || cslw < 4 {
		return f, damaged
	}
	// FibRgLw97.ccpText; every character takes a byte or two of the stream.
	ccp, ok := u32(lw + 2 + 3*4)
	if !ok || int64(ccp) > int64(len(wd)) {
		return f, damaged
	}
	f.ccpText = int(ccp)
	fcLcb := lw + 2 + cslw*4
	count, ok := u16(fcLcb)
	if !ok || count < 34 {
		return f, damaged
	}
	pair := func(i int) span {
		at, _ := u32(fcLcb + 2 + i*8)
		n, _ := u32(fcLcb + 2 + i*8 + 4)
		return span{at, n}
	}
	// FibRgFcLcb97: the 1st, 12th, 13th, 33rd, 73rd and 74th pairs.
	f.stsh, f.bteChpx, f.btePapx, f.clx = pair(1), pair(12), pair(13), pair(33)
	if count > 74 {
		f.lst, f.lfo = pair(73), pair(74)
	}
	if _, ok := u32(fcLcb + 2 + 33*8 + 4); !ok {
		return f, damaged
	}
	return f, nil
}

// plcOf returns the part s of the table stream, or nil when it does not
// lie in it.
func plcOf(table []byte, s span) []byte {
	if s.n == 0 || uint64(s.at)+uint64(s.n) > uint64(len(table)) {
		return nil
	}
	return table[s.at : s.at+s.n]
}

// A piece is a run of the text, whose characters [cp, end) are stored
// at fc in the WordDocument stream, a byte each (Windows-1252) when
// compressed, else two (UTF-16).
type piece struct {
	cp, end    int
	fc         int
	compressed bool
}

// readPieces reads the piece table from the Clx: property lists to skip
// (Prc, 0x01), then the table (Pcdt, 0x02).
func readPieces(clx []byte) ([]piece, error) {
	damaged := errors.New("damaged: its piece table, which says where its text is, cannot be read")
	i := 0
	for i < len(clx) && clx[i] == 0x01 {
		if i+3 > len(clx) {
			return nil, damaged
		}
		i += 3 + int(binary.LittleEndian.Uint16(clx[i+1:]))
	}
	if i+5 > len(clx) || clx[i] != 0x02 {
		return nil, damaged
	}
	n := int(binary.LittleEndian.Uint32(clx[i+1:]))
	plc := clx[i+5:]
	if n > len(plc) || n < 4 || (n-4)%12 != 0 {
		return nil, damaged
	}
	count := (n - 4) / 12
	pieces := make([]piece, 0, count)
	for k := range count {
		cp := int(binary.LittleEndian.Uint32(plc[4*k:]))
		end := int(binary.LittleEndian.Uint32(plc[4*k+4:]))
		fc := binary.LittleEndian.Uint32(plc[4*(count+1)+8*k+2:])
		p := piece{cp: cp, end: end, fc: int(fc & 0x3FFFFFFF)}
		if fc&0x40000000 != 0 {
			p.compressed, p.fc = true, p.fc/2
		}
		// The pieces follow one another, so that no text is read twice.
		if end < cp || end > maxStream || k > 0 && cp != pieces[k-1].end {
			return nil, damaged
		}
		pieces = append(pieces, p)
	}
	return pieces, nil
}

// A run is a run of the WordDocument stream's bytes [fc, end) and the
// properties Read needs of its characters or paragraphs.
type run struct {
	fc, end uint32
	props   props
}

// props are the properties Read needs, of characters or of paragraphs.
type props struct {
	gone    bool // a character deleted (a revision) or hidden
	inTable bool // a paragraph in a table
	rowEnd  bool // a paragraph that ends a table's row (TTP)
	list    int  // the list override numbering a paragraph, from 1, or 0
	level   int  // the paragraph's level in it
	// listSet and levelSet: list and level are the paragraph's own (a
	// list of 0 turning its style's off), not to be taken from its style.
	listSet, levelSet bool
	istd              int // the paragraph's style
}

// listSprm reads into p a paragraph's or a paragraph style's list and
// level, if sprm sets one.
func listSprm(sprm uint16, arg []byte, p *props) {
	switch {
	case sprm == 0x460B && len(arg) == 2: // sprmPIlfo; 0 and below (0xF801) are no list
		p.list, p.listSet = max(int(int16(binary.LittleEndian.Uint16(arg))), 0), true
	case sprm == 0x260A && len(arg) == 1: // sprmPIlvl
		p.level, p.levelSet = int(arg[0]), true
	}
}

// readRuns reads the formatted disk pages (FKPs) a bin table (PlcBte)
// lists, each page's runs read by pageRuns (charProps or paraProps). The
// runs are in the stream's order; a page that cannot be read is left out.
func readRuns(wd, plc []byte, pageRuns func(page []byte) []run) []run {
	if len(plc) < 4 || (len(plc)-4)%8 != 0 {
		return nil
	}
	n := (len(plc) - 4) / 8
	var runs []run
	for k := range n {
		pn := int(binary.LittleEndian.Uint32(plc[4*(n+1)+4*k:]) & 0x3FFFFF)
		if pn*512+512 > len(wd) {
			continue
		}
		runs = append(runs, pageRuns(wd[pn*512:pn*512+512])...)
	}
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].fc < runs[j].fc })
	return runs
}

// fcs reads a page's count (its last byte) and its count+1 offsets.
func fcs(page []byte) (int, []uint32) {
	n := int(page[511])
	if 4*(n+1) > 511 {
		return 0, nil
	}
	out := make([]uint32, n+1)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(page[4*i:])
	}
	return n, out
}

// charProps reads a ChpxFkp: for each run, a byte offset (in words) of
// its grpprl, after a byte of its length.
func charProps(page []byte) []run {
	n, fc := fcs(page)
	if 4*(n+1)+n > 511 {
		return nil
	}
	runs := make([]run, 0, n)
	for i := range n {
		r := run{fc: fc[i], end: fc[i+1]}
		if at := int(page[4*(n+1)+i]) * 2; at > 0 && at < 511 {
			end := min(at+1+int(page[at]), 511)
			eachSprm(page[at+1:end], func(sprm uint16, arg []byte) {
				switch sprm {
				case 0x0800, 0x083C: // sprmCFRMarkDel, sprmCFVanish
					// 1 is on; 0x81, the style's opposite, is taken as on, the
					// styles being unread (and seldom hidden or deleted).
					if len(arg) > 0 && (arg[0] == 1 || arg[0] == 0x81) {
						r.props.gone = true
					}
				}
			})
		}
		runs = append(runs, r)
	}
	return runs
}

// paraProps reads a PapxFkp: for each paragraph, a 13-byte BX whose
// first byte is the offset (in words) of its PapxInFkp: a length, an
// istd and then the sprms.
func paraProps(page []byte) []run {
	n, fc := fcs(page)
	base := 4 * (n + 1)
	if base+13*n > 511 {
		return nil
	}
	runs := make([]run, 0, n)
	for i := range n {
		r := run{fc: fc[i], end: fc[i+1]}
		if at := int(page[base+13*i]) * 2; at > 0 && at < 510 {
			var grpprl []byte
			if cb := int(page[at]); cb == 0 {
				grpprl = page[at+2 : min(at+2+2*int(page[at+1]), 511)]
			} else {
				grpprl = page[at+1 : min(at+1+2*cb-1, 511)]
			}
			if len(grpprl) >= 2 {
				r.props.istd = int(binary.LittleEndian.Uint16(grpprl))
				eachSprm(grpprl[2:], func(sprm uint16, arg []byte) { // after the istd
					listSprm(sprm, arg, &r.props)
					on := len(arg) > 0 && arg[0] != 0
					switch sprm {
					case 0x2416: // sprmPFInTable
						r.props.inTable = r.props.inTable || on
					case 0x2417, 0x244C: // sprmPFTtp, sprmPFInnerTtp
						r.props.rowEnd = r.props.rowEnd || on
						r.props.inTable = r.props.inTable || on
					case 0x6649: // sprmPItap, the table depth
						r.props.inTable = r.props.inTable || len(arg) == 4 && binary.LittleEndian.Uint32(arg) > 0
					}
				})
			}
		}
		runs = append(runs, r)
	}
	return runs
}

// eachSprm calls f with each property modifier (sprm) of grpprl and its
// operand, as long as they are whole.
func eachSprm(grpprl []byte, f func(sprm uint16, arg []byte)) {
	for i := 0; i+2 <= len(grpprl); {
		sprm := binary.LittleEndian.Uint16(grpprl[i:])
		i += 2
		n := 0
		switch sprm >> 13 { // spra: the operand's size
		case 0, 1:
			n = 1
		case 2, 4, 5:
			n = 2
		case 3:
			n = 4
		case 7:
			n = 3
		case 6: // variable: a byte of size first, with two exceptions
			if i >= len(grpprl) {
				return
			}
			switch {
			case sprm == 0xD608 || sprm == 0xD606: // sprmTDefTable, sprmTDefTable10: two bytes, the size plus one
				if i+2 > len(grpprl) {
					return
				}
				n = 2 + int(binary.LittleEndian.Uint16(grpprl[i:])) - 1
			case sprm == 0xC615 && grpprl[i] == 255: // sprmPChgTabs in its long form
				j := i + 1
				if j >= len(grpprl) {
					return
				}
				j += 1 + 4*int(grpprl[j])
				if j >= len(grpprl) {
					return
				}
				j += 1 + 3*int(grpprl[j])
				n = j - i
			default:
				n = 1 + int(grpprl[i])
			}
		}
		if n < 0 || i+n > len(grpprl) {
			return
		}
		f(sprm, grpprl[i:i+n])
		i += n
	}
}

// propsAt returns the properties of the run holding the byte at fc.
func propsAt(runs []run, fc uint32) props {
	i := sort.Search(len(runs), func(i int) bool { return runs[i].end > fc })
	if i < len(runs) && runs[i].fc <= fc {
		return runs[i].props
	}
	return props{}
}

// paragraphs reads the main document's characters, [0, ccpText), piece
// by piece, into paragraphs.
func paragraphs(wd []byte, pieces []piece, ccpText int, chars, paras []run, styles map[int]props) []Paragraph {
	var out []Paragraph
	var text strings.Builder
	var fields []bool // the fields open, each true while its code is read
	codes := 0        // how many of them are true
	var high rune     // a UTF-16 high surrogate waiting for its low one
	end := func(mark rune, fc uint32) {
		p := Paragraph{Text: text.String()}
		text.Reset()
		pp := propsAt(paras, fc)
		switch {
		case mark == 0x07 && (pp.rowEnd || !pp.inTable && p.Text == "" && len(out) > 0 && out[len(out)-1].CellEnd):
			p.InTable, p.RowEnd, p.Text = true, true, ""
		case mark == 0x07:
			p.InTable, p.CellEnd = true, true
		default:
			p.InTable = pp.inTable
		}
		// A list and level the paragraph does not set are its style's.
		list, level := pp.list, pp.level
		if st, ok := styles[pp.istd]; ok {
			if !pp.listSet {
				list = st.list
			}
			if !pp.levelSet {
				level = st.level
			}
		}
		if list > 0 && !p.RowEnd {
			p.List, p.Level = list, level
		}
		out = append(out, p)
	}
	for _, pc := range pieces {
		for cp := pc.cp; cp < pc.end && cp < ccpText; cp++ {
			var r rune
			var fc int
			if pc.compressed {
				fc = pc.fc + (cp - pc.cp)
				if fc >= len(wd) {
					break
				}
				r = charmap.Windows1252.DecodeByte(wd[fc])
			} else {
				fc = pc.fc + 2*(cp-pc.cp)
				if fc+2 > len(wd) {
					break
				}
				r = rune(binary.LittleEndian.Uint16(wd[fc:]))
			}
			switch {
			case utf16.IsSurrogate(r) && r < 0xDC00:
				high = r
				continue
			case utf16.IsSurrogate(r):
				r, high = utf16.DecodeRune(high, r), 0
			}
			switch r {
			case 0x0D, 0x07, 0x0C: // a paragraph's end, a cell's or a row's, a page or section break
				end(r, uint32(fc))
				continue
			case 0x13: // a field begins: its code, then its result
				fields = append(fields, true)
				codes++
				continue
			case 0x14: // the field's code ends and its result begins
				if n := len(fields); n > 0 && fields[n-1] {
					fields[n-1] = false
					codes--
				}
				continue
			case 0x15: // the field ends
				if n := len(fields); n > 0 {
					if fields[n-1] {
						codes--
					}
					fields = fields[:n-1]
				}
				continue
			}
			if codes > 0 || propsAt(chars, uint32(fc)).gone {
				continue
			}
			switch {
			case r == 0x0B:
				text.WriteByte('\n')
			case r == 0x09:
				text.WriteByte('\t')
			case r == 0x1E: // a non-breaking hyphen
				text.WriteByte('-')
			case r == 0xA0:
				text.WriteByte(' ')
			case r < 0x20:
				// pictures, objects, footnote and comment marks, optional hyphens
			default:
				text.WriteRune(r)
			}
		}
	}
	if text.Len() > 0 {
		out = append(out, Paragraph{Text: text.String()})
	}
	return out
}

// readLists reads the lists (PlfLst: a count, then a 28-byte LSTF for
// each, its levels' LVLs following the PlfLst in the stream, nine a list
// or one for a simple list) and the overrides paragraphs name (PlfLfo:
// a count, a 16-byte LFO for each naming its list by lsid, then for each
// its LFOData: a cp and its LFOLVLs, each restarting a level or
// replacing it). Lists that cannot be read are left out, and their
// paragraphs unnumbered.
func readLists(table []byte, lst, lfo span) map[int][]Level {
	b, c := plcOf(table, lst), plcOf(table, lfo)
	if len(b) < 2 || len(c) < 4 {
		return nil
	}
	n := int(int16(binary.LittleEndian.Uint16(b)))
	if n <= 0 || 2+28*n > len(b) {
		return nil
	}
	byID := map[uint32][]Level{}
	at := int(lst.at + lst.n)
	for i := range n {
		lstf := b[2+28*i:]
		count := 9
		if lstf[26]&1 != 0 { // fSimpleList
			count = 1
		}
		levels := make([]Level, 0, count)
		for range count {
			lvl, next, ok := readLevel(table, at)
			if !ok {
				break
			}
			levels, at = append(levels, lvl), next
		}
		if len(levels) < count {
			break // the rest of the LVLs are out of step
		}
		byID[binary.LittleEndian.Uint32(lstf)] = levels
	}
	lfos := int(binary.LittleEndian.Uint32(c))
	if lfos <= 0 || lfos > (len(c)-4)/16 {
		return nil
	}
	out := map[int][]Level{}
	pos := 4 + 16*lfos // the LFOData
	for i := range lfos {
		rec := c[4+16*i:]
		levels := slices.Clone(byID[binary.LittleEndian.Uint32(rec)])
		if levels == nil {
			continue
		}
		out[i+1] = levels
		pos += 4                 // its cp
		for range int(rec[12]) { // clfolvl
			if pos+8 > len(c) {
				return out
			}
			start, flags := int(int32(binary.LittleEndian.Uint32(c[pos:]))), binary.LittleEndian.Uint32(c[pos+4:])
			pos += 8
			level := int(flags & 0xF)
			if flags&0x20 != 0 { // fFormatting: a LVL of its own follows
				lvl, next, ok := readLevel(c, pos)
				if !ok {
					return out
				}
				if level < len(levels) {
					levels[level] = lvl
				}
				pos = next
			}
			if flags&0x10 != 0 && level < len(levels) { // fStartAt
				levels[level].Start = start
			}
		}
	}
	return out
}

// readLevel reads the LVL at b[at:]: a 28-byte LVLF (the start, the
// format, the sizes of two grpprls), the grpprls, and the number's text
// (a count and UTF-16 characters, those below 9 standing for the
// levels' numbers). It returns where the next begins.
func readLevel(b []byte, at int) (Level, int, bool) {
	if at < 0 || at+28 > len(b) {
		return Level{}, 0, false
	}
	lvlf := b[at : at+28]
	p := at + 28 + int(lvlf[24]) + int(lvlf[25])
	if p+2 > len(b) {
		return Level{}, 0, false
	}
	cch := int(binary.LittleEndian.Uint16(b[p:]))
	p += 2
	if p+2*cch > len(b) {
		return Level{}, 0, false
	}
	var text strings.Builder
	for k := range cch {
		u := binary.LittleEndian.Uint16(b[p+2*k:])
		if u < 9 {
			text.WriteString("%" + string(rune('1'+u)))
			continue
		}
		text.WriteRune(rune(u))
	}
	lvl := Level{Start: int(int32(binary.LittleEndian.Uint32(lvlf))), Format: "decimal", Text: text.String()}
	if nfc := int(lvlf[4]); nfc < len(formats) {
		lvl.Format = formats[nfc]
	} else if nfc == 0xFF {
		lvl.Format = "none"
	}
	return lvl, p + 2*cch, true
}

// formats names Word's number formats (MSONFC) by their codes, as its
// numFmt does.
var formats = []string{
	"decimal", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter", "ordinal", "cardinalText", "ordinalText",
	"hex", "chicago", "ideographDigital", "japaneseCounting", "aiueo", "iroha", "decimalFullWidth", "decimalHalfWidth",
	"japaneseLegal", "japaneseDigitalTenThousand", "decimalEnclosedCircle", "decimalFullWidth2", "aiueoFullWidth",
	"irohaFullWidth", "decimalZero", "bullet", "ganada", "chosung", "decimalEnclosedFullstop", "decimalEnclosedParen",
	"decimalEnclosedCircleChinese", "ideographEnclosedCircle", "ideographTraditional", "ideographZodiac",
	"ideographZodiacTraditional", "taiwaneseCounting", "ideographLegalTraditional", "taiwaneseCountingThousand",
	"taiwaneseDigital", "chineseCounting", "chineseLegalSimplified", "chineseCountingThousand",
}

// styleLists reads from the stylesheet (STSH) the list and level each
// paragraph style numbers its paragraphs by, as Word links heading
// styles to a list, by the style's index (istd): its own, or else that
// of the style it is based on. The stylesheet is a header (Stshi, after
// its size) whose first two fields are the count of styles and the size
// of each style's fixed part; then each style (STD) after its size: the
// fixed part, whose second field holds its kind (stk, 1 for a
// paragraph's) and base, its name (a count, UTF-16 characters and a
// terminator), and a paragraph style's properties (UpxPapx: a size, an
// istd, the sprms).
func styleLists(table []byte, stsh span) map[int]props {
	b := plcOf(table, stsh)
	if len(b) < 2 {
		return nil
	}
	header := int(binary.LittleEndian.Uint16(b))
	if 2+header > len(b) || header < 4 {
		return nil
	}
	count, fixed := int(binary.LittleEndian.Uint16(b[2:])), int(binary.LittleEndian.Uint16(b[4:]))
	own := map[int]props{}
	base := map[int]int{}
	for istd, pos := 0, 2+header; istd < count && pos+2 <= len(b); istd++ {
		size := int(binary.LittleEndian.Uint16(b[pos:]))
		pos += 2
		if pos+size > len(b) {
			break
		}
		std := b[pos : pos+size]
		pos += size
		if size < fixed+2 || fixed < 4 || std[2]&0x0F != 1 { // none, or no paragraph style
			continue
		}
		base[istd] = int(binary.LittleEndian.Uint16(std[2:]) >> 4)
		u := fixed + 2 + 2*int(binary.LittleEndian.Uint16(std[fixed:])) + 2
		if u+2 > len(std) {
			continue
		}
		upx := std[u+2 : min(u+2+int(binary.LittleEndian.Uint16(std[u:])), len(std))]
		var p props
		if len(upx) >= 2 {
			eachSprm(upx[2:], func(sprm uint16, arg []byte) { listSprm(sprm, arg, &p) })
		}
		own[istd] = p
	}
	out := map[int]props{}
	for istd := range own {
		var p props
		// Up the chain of bases, the nearest setting of each winning;
		// ten steps at most, as a damaged file's chain may loop.
		for k, at := 0, istd; k < 10; k++ {
			st, ok := own[at]
			if !ok {
				break
			}
			if !p.listSet && st.listSet {
				p.list, p.listSet = st.list, true
			}
			if !p.levelSet && st.levelSet {
				p.level, p.levelSet = st.level, true
			}
			at = base[at]
		}
		if p.list > 0 {
			out[istd] = p
		}
	}
	return out
}
