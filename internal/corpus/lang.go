package corpus

import (
	"strings"

	"tiaowen/internal/textnorm"
)

// detectLang reads a document's script from its text when the front
// matter does not say.
func detectLang(d *Document) string {
	var b strings.Builder
	for _, bl := range d.Preamble {
		b.WriteString(bl.Text)
	}
	for _, s := range d.Sections {
		b.WriteString(s.Title)
		b.WriteString(s.Text)
	}
	return textnorm.Script(d.Title + b.String())
}
