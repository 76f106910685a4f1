package bibliography

import (
	"strings"
	"unicode/utf8"
)

// AppendBibTeX appends r to b as one BibTeX entry, followed by a blank
// line so that entries follow one another in a file.
func AppendBibTeX(b []byte, r Record) []byte {
	b = append(b, "@techreport{"...)
	b = append(b, citeKey(r.Key)...)
	b = append(b, ",\n"...)
	field := func(name, value string) {
		if value == "" {
			return
		}
		b = append(b, "  "...)
		b = append(b, name...)
		b = append(b, " = {"...)
		b = append(b, value...)
		b = append(b, "},\n"...)
	}
	authors := r.authors()
	var names []string
	for _, a := range authors {
		// Braced, a body's name is one last name that no style
		// abbreviates, and an "and" inside it parts no names.
		names = append(names, "{"+escapeTeX(a)+"}")
	}
	field("author", strings.Join(names, " and "))
	field("title", escapeTeX(oneLine(r.Title)))
	field("type", escapeTeX(oneLine(r.Kind)))
	field("number", escapeTeX(oneLine(r.Number)))
	field("institution", escapeTeX(strings.Join(authors, "、")))
	field("address", escapeTeX(oneLine(r.Place)))
	if parts := dateParts(r.Date); parts != nil {
		field("date", r.Date)
		field("year", parts[0])
	}
	field("url", escapeURL(oneLine(r.URL)))
	return append(b, "}\n\n"...)
}

// citeKey returns key with what BibTeX does not allow in a key — white
// space, controls and , { } ( ) = # % " ' \ — made hyphens. An empty key is
// "record": BibTeX needs one.
func citeKey(key string) string {
	if key == "" {
		return "record"
	}
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f || r == utf8.RuneError || strings.ContainsRune(`,{}()=#%"'\`, r) || isSpace(r) {
			return '-'
		}
		return r
	}, key)
}

// escapeTeX escapes LaTeX's special characters in s, so that a field is
// printed as written and its braces stay balanced.
func escapeTeX(s string) string {
	if !strings.ContainsAny(s, `\{}$&%#_^~`) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '{', '}', '$', '&', '%', '#', '_':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '^':
			b.WriteString(`\^{}`)
		case '~':
			b.WriteString(`\~{}`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// escapeURL percent-encodes the characters that would end or unbalance
// a braced BibTeX value; the url package reads the rest verbatim.
func escapeURL(u string) string {
	if !strings.ContainsAny(u, "{}\\ ") {
		return u
	}
	return strings.NewReplacer("{", "%7B", "}", "%7D", `\`, "%5C", " ", "%20").Replace(u)
}
