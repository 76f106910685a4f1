package ingest

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/net/html/atom"

	"tiaowen/internal/msdoc"
)

// docLines returns the paragraphs of a Word 97–2003 document (.doc) as
// the lines Import works on, as docxLines does a .docx's: a line for
// each paragraph, numbered from 1, a blank line between them, a table's
// row as one line of its cells joined by tabs unless its cells hold many
// paragraphs. What a reader does not see is left out (msdoc.Read); a
// paragraph Word numbers by a list, its own or its style's, gets the
// number Word shows as its marker, as a .docx's does.
func docLines(file string, data []byte) ([]line, error) {
	doc, err := msdoc.Read(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v; open it in Word, WPS or LibreOffice, save it as .docx and import that", file, err)
	}
	return paragraphLines(doc), nil
}

// paragraphLines lays out a Word document's paragraphs as a page's text
// is (pageText): a line for each, numbered from 1, a table's rows as
// rows of cells, a paragraph that Word numbers with the number Word
// gives it as its marker, as a .docx's (wordText.marker).
func paragraphLines(doc *msdoc.Document) []line {
	w := &wordText{lists: &lists{levels: map[string]map[int]listLevel{}, counter: map[string][]int{}}}
	for id, levels := range doc.Lists {
		byLevel := map[int]listLevel{}
		for k, l := range levels {
			byLevel[k] = listLevel{start: l.Start, format: l.Format, text: l.Text}
		}
		w.lists.levels[strconv.Itoa(id)] = byLevel
	}
	paras := doc.Paragraphs
	var table, row, cell bool // open, as paragraphs go in and out of tables
	for i, p := range paras {
		w.para = i + 1
		if !p.InTable && table {
			w.page.close(atom.Table)
			table, row, cell = false, false, false
		}
		if p.InTable {
			if !table {
				w.page.open(atom.Table, nil)
				table = true
			}
			if !row {
				w.page.open(atom.Tr, nil)
				row = true
			}
			if p.RowEnd {
				w.page.close(atom.Tr)
				row, cell = false, false
				continue
			}
			if !cell {
				w.page.open(atom.Td, nil)
				cell = true
			}
		}
		w.page.breakBlock()
		if p.List > 0 {
			w.num = numRef{id: strconv.Itoa(p.List), level: strconv.Itoa(p.Level)}
			w.marker()
		}
		for k, part := range strings.Split(p.Text, "\n") {
			if k > 0 {
				w.page.flush()
			}
			w.add(strings.ReplaceAll(part, "\t", " "))
		}
		w.page.breakBlock()
		if p.CellEnd {
			w.page.close(atom.Td)
			cell = false
		}
	}
	if table {
		w.page.close(atom.Table)
	}
	w.page.flush()
	return w.page.lines
}
