package corpus

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"tiaowen/internal/diag"
	"tiaowen/internal/validity"
)

// StatedTerm returns what the document's text says of its own term — the
// first paragraph, section title or signature line that says when it
// takes effect or until when (see package validity) — and where that is.
// The day of issue is the front matter's date.
func (d *Document) StatedTerm() (validity.Statement, diag.Position, bool) {
	// find reads one text; startsAtPos says that the text starts where
	// pos is, so that the phrase's column can be counted from it.
	find := func(text string, pos diag.Position, startsAtPos bool) (validity.Statement, diag.Position, bool) {
		st, ok := validity.Find(text, d.Date)
		if !ok {
			return st, pos, false
		}
		// Past a line break the column is not known, and the
		// paragraph's start is given.
		if before := string([]rune(text)[:st.Offset]); startsAtPos && !strings.Contains(before, "\n") && pos.Col > 0 {
			pos.Col += utf8.RuneCountInString(before)
		}
		return st, pos, true
	}
	// blocks reads bs; inline says that the first continues a marker's
	// line (「第五条　本条例自…」), its position the marker's.
	blocks := func(bs []Block, inline bool) (validity.Statement, diag.Position, bool) {
		for i, b := range bs {
			if b.Kind == Paragraph || b.Kind == Bullet {
				if st, pos, ok := find(b.Text, b.Pos, !inline || i > 0); ok {
					return st, pos, true
				}
			}
		}
		return validity.Statement{}, diag.Position{}, false
	}
	if st, pos, ok := blocks(d.Preamble, false); ok {
		return st, pos, true
	}
	for _, s := range d.Sections {
		// 「二十九、本方案自印发之日起施行。」: the sentence is the
		// section's title, cut from the lead of its paragraph.
		if s.Title != "" {
			pos := s.Pos
			if pos.Col > 0 {
				pos.Col += utf8.RuneCountInString(s.Marker)
			}
			if st, pos, ok := find(s.Title+s.TitleEnd, pos, true); ok {
				return st, pos, true
			}
		}
		if st, pos, ok := blocks(s.Blocks, s.Inline); ok {
			return st, pos, true
		}
	}
	return blocks(d.Trailing, false)
}

// checkTerm warns where the text says when the document is in force and
// its front matter does not, or says otherwise. The pages show the front
// matter's days, so a term left out there is one readers never see; a
// term that differs may be a mistake of either, or a later notice's
// extension, which the front matter rightly keeps: a warning, not an
// error.
func checkTerm(d *Document, at fieldsAt, problems *diag.List) {
	st, pos, ok := d.StatedTerm()
	if !ok {
		return
	}
	for _, f := range []struct {
		field, said, given string
		fieldAt            diag.Position
		what               string
	}{
		{"effective", st.Effective, d.Effective, at.effective, "takes effect on"},
		{"expires", st.Expires, d.Expires, at.expires, "is in force until"},
	} {
		switch {
		case f.said == "" || f.said == f.given:
		case f.given == "":
			problems.Warn(pos, fmt.Sprintf("the text says the document %s %s (「%s」), but its front matter has no %s", f.what, f.said, st.Phrase, f.field),
				fmt.Sprintf("add %s: %s to the front matter, so that its pages say so", f.field, f.said))
		default:
			problems.Warn(f.fieldAt, fmt.Sprintf("%s %s differs from the text, which says %s (「%s」, line %d)", f.field, f.given, f.said, st.Phrase, pos.Line),
				"correct the one that is wrong; keep the front matter's when a later notice changed the term")
		}
	}
}
