package numbering

import (
	"strings"
	"unicode/utf8"
)

// Kind is the kind of a section marker.
type Kind uint8

// The marker kinds, from the outermost.
const (
	None       Kind = iota
	Book            // 第一编
	Chapter         // 第一章
	Subchapter      // 第一节
	Article         // 第一条
	Division        // 一、
	Section         // （一）
	Item            // 1.
	SubItem         // （1）
	Point           // ①
	Annex           // 附件
)

var kindPrefixes = [...]string{"", "bk", "ch", "sec", "art", "p", "s", "i", "ii", "pt", "annex"}

var kindNames = [...]string{"none", "book", "chapter", "subchapter", "article", "division", "section", "item", "subitem", "point", "annex"}

// Prefix returns the prefix the kind contributes to a section identifier:
// "p" for 一、, "s" for （一）, "art" for 第一条.
func (k Kind) Prefix() string {
	if int(k) < len(kindPrefixes) {
		return kindPrefixes[k]
	}
	return ""
}

// String returns the kind's English name, such as "division".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Marker is a section marker recognised at the start of a line.
type Marker struct {
	Kind   Kind
	Number int
	// Text is the marker exactly as written, separator included: 「一、」
	// 「(三)」 「１．」 「第七条」 「附件1」.
	Text string
	// Label is Text without a trailing separator (、 . ．): the form used in
	// a section's path, 「一」 「(三)」 「１」.
	Label string
	// End is the byte offset in the input just past the marker and any
	// white space that follows it.
	End int
}

// Parse recognises a section marker at the very start of s (leading white
// space is not skipped). It reports false when s does not start with one.
func Parse(s string) (Marker, bool) {
	if s == "" {
		return Marker{}, false
	}
	r, size := utf8.DecodeRuneInString(s)
	var m Marker
	var ok bool
	switch {
	case r == '第':
		m, ok = parseOrdinal(s, size)
	case r == '附':
		m, ok = parseAnnex(s)
	case r == '(' || r == '（':
		m, ok = parseBracketed(s, size)
	case asciiDigit(r) >= 0:
		m, ok = parseItem(s)
	case isNumeralRune(r):
		m, ok = parseDivision(s)
	case r >= '①' && r <= '⑳':
		m, ok = Marker{Kind: Point, Number: int(r-'①') + 1, Text: s[:size]}, true
	case r >= '㉑' && r <= '㉟':
		m, ok = Marker{Kind: Point, Number: int(r-'㉑') + 21, Text: s[:size]}, true
	case r >= '㊱' && r <= '㊿':
		m, ok = Marker{Kind: Point, Number: int(r-'㊱') + 36, Text: s[:size]}, true
	case r >= '⑴' && r <= '⒇':
		m, ok = Marker{Kind: SubItem, Number: int(r-'⑴') + 1, Text: s[:size]}, true
	case r >= '⒈' && r <= '⒛':
		m, ok = Marker{Kind: Item, Number: int(r-'⒈') + 1, Text: s[:size]}, true
	}
	if !ok {
		return Marker{}, false
	}
	if m.Label == "" {
		m.Label = m.Text
	}
	m.End = len(m.Text) + leadingSpace(s[len(m.Text):])
	return m, true
}

// leadingSpace is the length in bytes of the white space that starts s.
func leadingSpace(s string) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !isSpace(r) {
			break
		}
		n += size
	}
	return n
}

// isSpace reports whether r is white space as documents use it: ASCII
// space and tab, the ideographic space U+3000 and the no-break space.
func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0'
}

// takeWhile returns the longest prefix of s whose runes satisfy f.
func takeWhile(s string, f func(rune) bool) string {
	for i, r := range s {
		if !f(r) {
			return s[:i]
		}
	}
	return s
}

func isDigitRune(r rune) bool { return asciiDigit(r) >= 0 }

// parseOrdinal reads 第X编, 第X章, 第X节 and 第X条.
func parseOrdinal(s string, size int) (Marker, bool) {
	num := takeWhile(s[size:], func(r rune) bool { return isNumeralRune(r) || isDigitRune(r) })
	if num == "" {
		return Marker{}, false
	}
	n, ok := ParseNumber(num)
	if !ok || n == 0 {
		return Marker{}, false
	}
	rest := s[size+len(num):]
	r, rsize := utf8.DecodeRuneInString(rest)
	var k Kind
	switch r {
	case '编', '編':
		k = Book
	case '章':
		k = Chapter
	case '节', '節':
		k = Subchapter
	case '条', '條':
		k = Article
	default:
		return Marker{}, false
	}
	return Marker{Kind: k, Number: n, Text: s[:size+len(num)+rsize]}, true
}

// parseAnnex reads 附件, 附件1, 附件一 and 附件１.
func parseAnnex(s string) (Marker, bool) {
	const word = "附件"
	if !strings.HasPrefix(s, word) {
		return Marker{}, false
	}
	num := takeWhile(s[len(word):], func(r rune) bool { return isNumeralRune(r) || isDigitRune(r) })
	n := 1
	if num != "" {
		v, ok := ParseNumber(num)
		if !ok || v == 0 {
			return Marker{}, false
		}
		n = v
	}
	text := s[:len(word)+len(num)]
	// An annex marker is followed by nothing, white space or a colon and
	// its title: 「附件2：重点任务分工」. 「附件材料」 is prose.
	rest := s[len(text):]
	if r, size := utf8.DecodeRuneInString(rest); r == '：' || r == ':' {
		text = s[:len(text)+size]
	} else if rest != "" && !isSpace(r) {
		return Marker{}, false
	}
	label := strings.TrimRight(text, "：:")
	return Marker{Kind: Annex, Number: n, Text: text, Label: label}, true
}

// parseBracketed reads （一） (一) （1） (1) in any mix of widths.
func parseBracketed(s string, size int) (Marker, bool) {
	inner := s[size:]
	var k Kind
	var num string
	if r, _ := utf8.DecodeRuneInString(inner); isDigitRune(r) {
		k = SubItem
		num = takeWhile(inner, isDigitRune)
	} else {
		k = Section
		num = takeWhile(inner, isNumeralRune)
	}
	if num == "" || utf8.RuneCountInString(num) > 6 {
		return Marker{}, false
	}
	n, ok := ParseNumber(num)
	if !ok || n == 0 {
		return Marker{}, false
	}
	r, rsize := utf8.DecodeRuneInString(inner[len(num):])
	if r != ')' && r != '）' {
		return Marker{}, false
	}
	return Marker{Kind: k, Number: n, Text: s[:size+len(num)+rsize]}, true
}

// parseItem reads 1. 1． 1、 １．, guarding against decimals and years.
func parseItem(s string) (Marker, bool) {
	num := takeWhile(s, isDigitRune)
	if utf8.RuneCountInString(num) > 3 {
		return Marker{}, false
	}
	n, ok := ParseDigits(num)
	if !ok || n == 0 {
		return Marker{}, false
	}
	rest := s[len(num):]
	r, rsize := utf8.DecodeRuneInString(rest)
	if r != '.' && r != '．' && r != '、' {
		return Marker{}, false
	}
	after, _ := utf8.DecodeRuneInString(rest[rsize:])
	if isDigitRune(after) {
		return Marker{}, false // 2.3%, 3、5年
	}
	text := s[:len(num)+rsize]
	return Marker{Kind: Item, Number: n, Text: text, Label: num}, true
}

// parseDivision reads 一、 and its like.
func parseDivision(s string) (Marker, bool) {
	num := takeWhile(s, isNumeralRune)
	if utf8.RuneCountInString(num) > 6 {
		return Marker{}, false
	}
	n, ok := ParseChinese(num)
	if !ok || n == 0 {
		return Marker{}, false
	}
	r, rsize := utf8.DecodeRuneInString(s[len(num):])
	if r != '、' {
		return Marker{}, false
	}
	return Marker{Kind: Division, Number: n, Text: s[:len(num)+rsize], Label: num}, true
}
