package bibliography

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Record is one document as a reference manager holds it. Empty fields
// are left out of what is written.
type Record struct {
	// Key is the BibTeX citation key: the document's id, which is made of
	// ascii letters, digits and hyphens and so is a key as it stands.
	Key   string
	Title string
	// Authors are the issuing bodies, each a corporate author.
	Authors []string
	// Date is the date of issue as YYYY-MM-DD; YYYY-MM and YYYY are read
	// too.
	Date string
	// Kind is the kind of document, such as 政策文件 (RIS M3, BibTeX
	// type).
	Kind string
	// Number is the document's reference number, its 文号.
	Number string
	// Place is the jurisdiction: 广东省.
	Place string
	// Language is a BCP 47 tag: zh-Hans, zh-Hant.
	Language string
	URL      string
	// Archive is where the record comes from: the site's title.
	Archive string
}

// authors returns the record's authors, each on one line, without
// those that are blank.
func (r Record) authors() []string {
	var out []string
	for _, a := range r.Authors {
		if a = oneLine(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// dateParts splits a date of the form YYYY[-MM[-DD]] into its parts, or
// returns none when it has some other form.
func dateParts(date string) []string {
	parts := strings.Split(date, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return nil
	}
	for i, p := range parts {
		if (i > 0 && len(p) != 2) || strings.TrimFunc(p, isASCIIDigit) != "" {
			return nil
		}
	}
	return parts
}

func isASCIIDigit(r rune) bool { return '0' <= r && r <= '9' }

// oneLine returns s with its runs of white space, line ends among them,
// made one space and with none at either end, and invalid UTF-8 made
// U+FFFD: both formats hold a field's value on one line, and a reader
// of either would otherwise end the value, or the record, early.
func oneLine(s string) string {
	if isOneLine(s) {
		return s
	}
	return strings.Join(strings.FieldsFunc(strings.ToValidUTF8(s, "\uFFFD"), isSpace), " ")
}

func isOneLine(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	prevSpace := true
	for _, r := range s {
		sp := isSpace(r)
		if sp && (prevSpace || r != ' ') {
			return false
		}
		prevSpace = sp
	}
	return !prevSpace || s == ""
}

// isSpace is white space and the other characters that end a line or
// that a text editor shows as none: controls and format characters.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
}
