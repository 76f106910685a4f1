package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/net/html/atom"

	"tiaowen/internal/numbering"
)

// isDocx reports whether data is a Word document (.docx): a zip archive,
// named so or holding word/document.xml.
func isDocx(file string, data []byte) bool {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return false
	}
	return strings.EqualFold(filepath.Ext(file), ".docx") || bytes.Contains(data, []byte("word/document.xml"))
}

// zipPart reads a part of a package (a Word document, an OFD file)
// whole. A document's XML is megabytes at most; a part that inflates to
// more is not a document.
func zipPart(file string, f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %v", file, f.Name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, 256<<20))
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %v", file, f.Name, err)
	}
	return b, nil
}

// unreadable names the formats of documents as published that Import
// cannot read, by their first bytes, with what to do instead.
func unreadable(file string, data []byte) error {
	what := ""
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		what = "a zip archive that is no Word document; import the documents it holds one by one"
	default:
		return nil
	}
	return fmt.Errorf("%s: %s", file, what)
}

// docxLines returns the paragraphs of a Word document as the lines Import
// works on, numbered from 1 in the document's order: a line for each
// paragraph, a blank line between them, a table's row as one line of its
// cells joined by tabs (a cell's paragraphs joined as one) unless its
// cells hold many paragraphs, as tableText decides for a page. A
// paragraph that Word numbers itself (a list, or a heading style with
// numbering) gets the number Word shows, made from numbering.xml, as
// its marker: 一、 is then in the text as if typed. Text a reader of the
// document does not see is left out: deleted revisions, field codes,
// hidden runs.
func docxLines(file string, data []byte) ([]line, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable Word document: %v", file, err)
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[f.Name] = f
	}
	read := func(name string) ([]byte, error) {
		if f := parts[name]; f != nil {
			return zipPart(file, f)
		}
		return nil, nil
	}
	doc, err := read("word/document.xml")
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, fmt.Errorf("%s: not a Word document: it has no word/document.xml", file)
	}
	w := &wordText{}
	if b, err := read("word/numbering.xml"); err != nil {
		return nil, err
	} else if b != nil {
		if w.lists, err = readNumbering(b); err != nil {
			return nil, fmt.Errorf("%s: word/numbering.xml: %v", file, err)
		}
	}
	if b, err := read("word/styles.xml"); err != nil {
		return nil, err
	} else if b != nil {
		if w.styles, err = readStyles(b); err != nil {
			return nil, fmt.Errorf("%s: word/styles.xml: %v", file, err)
		}
	}
	if err := w.read(doc); err != nil {
		return nil, fmt.Errorf("%s: word/document.xml: %v", file, err)
	}
	return w.page.lines, nil
}

// numRef is a paragraph's place in a Word list: which list (numId) and
// at which level.
type numRef struct {
	id, level string
}

// listLevel is how Word numbers one level of a list.
type listLevel struct {
	start  int
	format string // numFmt: decimal, chineseCounting …
	text   string // lvlText: "%1、", "（%1）" …
}

// lists are a document's lists: each list's levels, by numId, and the
// counters of what each has numbered so far.
type lists struct {
	levels  map[string]map[int]listLevel // by numId, by level
	counter map[string][]int             // by numId
}

// readNumbering reads numbering.xml: abstract lists and the lists that
// use them, with their overridden starts.
func readNumbering(b []byte) (*lists, error) {
	abstract := map[string]map[int]listLevel{}
	type instance struct {
		abstract  string
		overrides map[int]int
	}
	instances := map[string]*instance{}
	var curAbstract string
	var curLevel = -1
	var lvl listLevel
	var curNum *instance
	overrideLevel := -1
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			val := attr(t, "val")
			switch t.Name.Local {
			case "abstractNum":
				curAbstract = attr(t, "abstractNumId")
				abstract[curAbstract] = map[int]listLevel{}
			case "lvl":
				curLevel, _ = strconv.Atoi(attr(t, "ilvl"))
				lvl = listLevel{start: 1, format: "decimal"}
			case "start":
				if n, err := strconv.Atoi(val); err == nil {
					lvl.start = n
				}
			case "numFmt":
				lvl.format = val
			case "lvlText":
				lvl.text = val
			case "num":
				curNum = &instance{overrides: map[int]int{}}
				instances[attr(t, "numId")] = curNum
			case "abstractNumId":
				if curNum != nil {
					curNum.abstract = val
				}
			case "lvlOverride":
				overrideLevel, _ = strconv.Atoi(attr(t, "ilvl"))
			case "startOverride":
				if n, err := strconv.Atoi(val); err == nil && curNum != nil && overrideLevel >= 0 {
					curNum.overrides[overrideLevel] = n
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "lvl":
				if curNum == nil && curAbstract != "" && curLevel >= 0 {
					abstract[curAbstract][curLevel] = lvl
				}
				curLevel = -1
			case "abstractNum":
				curAbstract = ""
			case "num":
				curNum = nil
			case "lvlOverride":
				overrideLevel = -1
			}
		}
	}
	l := &lists{levels: map[string]map[int]listLevel{}, counter: map[string][]int{}}
	for id, in := range instances {
		levels := map[int]listLevel{}
		for k, v := range abstract[in.abstract] {
			if s, ok := in.overrides[k]; ok {
				v.start = s
			}
			levels[k] = v
		}
		l.levels[id] = levels
	}
	return l, nil
}

// readStyles reads which paragraph styles number their paragraphs, and
// which styles they are based on.
func readStyles(b []byte) (map[string]wordStyle, error) {
	styles := map[string]wordStyle{}
	var id string
	var cur wordStyle
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return styles, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				id, cur = attr(t, "styleId"), wordStyle{}
			case "basedOn":
				cur.basedOn = attr(t, "val")
			case "numId":
				cur.num.id = attr(t, "val")
			case "ilvl":
				cur.num.level = attr(t, "val")
			}
		case xml.EndElement:
			if t.Name.Local == "style" && id != "" {
				styles[id] = cur
				id = ""
			}
		}
	}
}

type wordStyle struct {
	basedOn string
	num     numRef
}

// attr returns the value of t's attribute local (any namespace).
func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// wordText gathers a document's lines as its XML comes, with the
// gathering of pageText: paragraphs for blocks, tables by row.
type wordText struct {
	page   pageText
	lists  *lists
	styles map[string]wordStyle

	para      int    // paragraphs read, the lines' numbers
	style     string // the paragraph's style
	num       numRef // its own numbering, when it has
	hidden    bool   // the run is hidden (w:vanish)
	inRun     bool   // in a run (w:r), where a w:tab is text
	skipDepth int    // depth in what is not shown: deleted text, field codes
}

// read reads document.xml.
func (w *wordText) read(doc []byte) error {
	d := xml.NewDecoder(bytes.NewReader(doc))
	var inText bool
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if w.skipDepth > 0 {
				w.skipDepth++
				continue
			}
			switch name {
			case "del", "moveFrom", "instrText", "delText", "footnoteReference", "endnoteReference", "commentReference",
				"Fallback": // a text box's text again, for readers without shapes
				w.skipDepth = 1
			case "p":
				w.para++
				w.style, w.num = "", numRef{}
				w.page.breakBlock()
			case "pStyle":
				w.style = attr(t, "val")
			case "numId":
				w.num.id = attr(t, "val")
			case "ilvl":
				w.num.level = attr(t, "val")
			case "r":
				w.hidden, w.inRun = false, true
			case "vanish":
				if v := attr(t, "val"); v != "0" && v != "false" {
					w.hidden = true
				}
			case "t":
				inText = true
				w.marker()
			case "tab", "ptab":
				if w.inRun { // not a paragraph's tab stop
					w.marker()
					w.add(" ")
				}
			case "br", "cr":
				w.page.flush()
			case "tbl":
				w.page.open(atom.Table, nil)
			case "tr":
				w.page.open(atom.Tr, nil)
			case "tc":
				w.page.open(atom.Td, nil)
			case "gridSpan":
				if tb := w.page.table(); tb != nil && len(tb.row) > 0 {
					if n, err := strconv.Atoi(attr(t, "val")); err == nil && n > 1 && n <= 100 {
						tb.row[len(tb.row)-1].span = n
					}
				}
			}
		case xml.EndElement:
			if w.skipDepth > 0 {
				w.skipDepth--
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "r":
				w.inRun = false
			case "p":
				w.marker() // a numbered paragraph with no text is still numbered
				w.page.breakBlock()
			case "tbl":
				w.page.close(atom.Table)
			case "tr":
				w.page.close(atom.Tr)
			case "tc":
				w.page.close(atom.Td)
			}
		case xml.CharData:
			if inText && w.skipDepth == 0 && !w.hidden {
				w.add(string(t))
			}
		}
	}
	for len(w.page.tables) > 0 {
		w.page.endTable()
	}
	w.page.flush()
	return nil
}

// add appends text of the paragraph being read, which starts a line
// numbered by the paragraph.
func (w *wordText) add(s string) {
	if w.page.cur.Len() == 0 {
		w.page.curLine = w.para
	}
	w.page.cur.WriteString(s)
}

// marker writes the number Word gives the paragraph being read, once,
// before its first text.
func (w *wordText) marker() {
	ref := w.num
	if ref.id == "" {
		ref = w.styleNum(w.style, 0)
	}
	w.num = numRef{id: "-"} // done for this paragraph
	if w.lists == nil || ref.id == "" || ref.id == "-" || ref.id == "0" {
		return
	}
	levels := w.lists.levels[ref.id]
	level, _ := strconv.Atoi(ref.level)
	l, ok := levels[level]
	if !ok || level < 0 || level > 8 {
		return
	}
	count := w.lists.counter[ref.id]
	if count == nil {
		count = make([]int, 9)
		w.lists.counter[ref.id] = count
	}
	if count[level] == 0 {
		count[level] = l.start
	} else {
		count[level]++
	}
	for k := level + 1; k < len(count); k++ {
		count[k] = 0
	}
	text := l.text
	for k := 0; k <= level; k++ {
		n := count[k]
		if n == 0 {
			n = levels[k].start
		}
		text = strings.ReplaceAll(text, "%"+strconv.Itoa(k+1), formatNumber(n, levels[k].format))
	}
	if l.format == "bullet" || l.format == "none" || text == "" {
		return
	}
	w.add(text)
}

// styleNum returns the numbering of paragraph style id: its list and
// level, each its own or, where it has none, the style's it is based on,
// and so on, as Word inherits them.
func (w *wordText) styleNum(id string, depth int) numRef {
	var ref numRef
	for ; depth < 10; depth++ {
		s, ok := w.styles[id]
		if !ok {
			break
		}
		if ref.id == "" {
			ref.id = s.num.id
		}
		if ref.level == "" {
			ref.level = s.num.level
		}
		id = s.basedOn
	}
	if ref.id == "" {
		return numRef{}
	}
	return ref
}

// formatNumber writes n as Word's number format f does, for the formats
// Chinese documents use; others as decimal.
func formatNumber(n int, f string) string {
	switch f {
	case "chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand":
		return numbering.FormatChinese(n)
	case "chineseLegalSimplified":
		return legal(numbering.FormatChinese(n))
	case "ideographTraditional":
		if n >= 1 && n <= 10 {
			return string([]rune("甲乙丙丁戊己庚辛壬癸")[n-1])
		}
	case "ideographZodiac":
		if n >= 1 && n <= 12 {
			return string([]rune("子丑寅卯辰巳午未申酉戌亥")[n-1])
		}
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "decimalEnclosedParen":
		if n >= 1 && n <= 20 {
			return string(rune('⑴' + n - 1))
		}
	case "decimalEnclosedFullstop":
		if n >= 1 && n <= 20 {
			return string(rune('⒈' + n - 1))
		}
	case "decimalFullWidth", "decimalFullWidth2":
		var b strings.Builder
		for _, r := range strconv.Itoa(n) {
			b.WriteRune(r - '0' + '０')
		}
		return b.String()
	case "decimalZero":
		return fmt.Sprintf("%02d", n)
	case "upperLetter", "lowerLetter":
		if n >= 1 {
			r := strings.Repeat(string(rune('A'+(n-1)%26)), (n-1)/26+1)
			if f == "lowerLetter" {
				r = strings.ToLower(r)
			}
			return r
		}
	case "upperRoman", "lowerRoman":
		if r := roman(n); r != "" {
			if f == "lowerRoman" {
				r = strings.ToLower(r)
			}
			return r
		}
	}
	return strconv.Itoa(n)
}

// legal writes a Chinese numeral in the financial characters (壹贰叁).
func legal(s string) string {
	return strings.NewReplacer("一", "壹", "二", "贰", "三", "叁", "四", "肆", "五", "伍", "六", "陆", "七", "柒", "八", "捌", "九", "玖", "十", "拾", "百", "佰", "千", "仟", "〇", "零").Replace(s)
}

// roman writes 1–3999 in Roman numerals.
func roman(n int) string {
	if n < 1 || n > 3999 {
		return ""
	}
	var b strings.Builder
	for _, v := range []struct {
		n int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= v.n {
			b.WriteString(v.s)
			n -= v.n
		}
	}
	return b.String()
}
