package themes

import (
	"iter"

	"tiaowen/internal/corpus"
	"tiaowen/internal/diag"
)

// A Passage is a text of a document that themes are found in: the
// document's id, the eId of the section it is in ("" for the text before
// or after the sections), its text and where it is.
type Passage struct {
	Doc     string
	Section string
	Text    string
	Pos     diag.Position
}

// Passages yields the texts of docs that the site finds themes in, in
// the documents' order: every section's title and paragraphs, a table
// cell by cell (a term never runs from one cell into the next), code
// left out.
func Passages(docs []*corpus.Document) iter.Seq[Passage] {
	return func(yield func(Passage) bool) {
		for _, d := range docs {
			for _, s := range d.Sections {
				if s.Title != "" && !yield(Passage{Doc: d.ID, Section: s.EID, Text: s.Title, Pos: s.Pos}) {
					return
				}
				for _, b := range s.Blocks {
					switch b.Kind {
					case corpus.Code:
					case corpus.Table:
						for _, row := range b.Rows {
							for _, cell := range row {
								if !yield(Passage{Doc: d.ID, Section: s.EID, Text: cell, Pos: b.Pos}) {
									return
								}
							}
						}
					default:
						if !yield(Passage{Doc: d.ID, Section: s.EID, Text: b.Text, Pos: b.Pos}) {
							return
						}
					}
				}
			}
		}
	}
}
