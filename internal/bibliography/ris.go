package bibliography

import "strings"

// RISType is the RIS reference type of every record: a government
// document.
const RISType = "GOVDOC"

// AppendRIS appends r to b as one RIS record, ended by a blank line so
// that records follow one another in a file.
func AppendRIS(b []byte, r Record) []byte {
	tag := func(t, v string) {
		if v = oneLine(v); v != "" {
			b = append(b, t...)
			b = append(b, "  - "...)
			b = append(b, v...)
			b = append(b, '\r', '\n')
		}
	}
	tag("TY", RISType)
	tag("TI", r.Title)
	authors := r.authors()
	for _, a := range authors {
		// A comma would part a family name from a given one.
		tag("AU", strings.ReplaceAll(a, ",", "，"))
	}
	if parts := dateParts(r.Date); parts != nil {
		tag("PY", parts[0])
		// YYYY/MM/DD/ with the parts not known left empty.
		da := parts[0] + "/"
		for i := 1; i < 3; i++ {
			if i < len(parts) {
				da += parts[i]
			}
			da += "/"
		}
		tag("DA", da)
	}
	tag("M3", r.Kind)
	tag("SN", r.Number)
	tag("PB", strings.Join(authors, "、"))
	tag("CY", r.Place)
	tag("LA", r.Language)
	tag("UR", r.URL)
	tag("DB", r.Archive)
	// The end tag has a value of nothing: "ER  - ", its space kept, as
	// the specification writes it.
	return append(b, "ER  - \r\n\r\n"...)
}
