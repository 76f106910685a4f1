package ingest

import (
	"fmt"
	"strings"

	"golang.org/x/net/html/atom"

	"tiaowen/internal/msdoc"
)

// docLines returns the paragraphs of a Word 97–2003 document (.doc) as
// the lines Import works on, as docxLines does a .docx's: a line for
// each paragraph, numbered from 1, a blank line between them, a table's
// row as one line of its cells joined by tabs unless its cells hold many
// paragraphs. What a reader does not see is left out (msdoc.Read); the
// numbers Word's own lists give paragraphs are not read, so a .doc whose
// 一、 is made by a list, not typed, is better saved as .docx first.
func docLines(file string, data []byte) ([]line, error) {
	paras, err := msdoc.Read(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v; open it in Word, WPS or LibreOffice, save it as .docx and import that", file, err)
	}
	return paragraphLines(paras), nil
}

// paragraphLines lays out a Word document's paragraphs as a page's text
// is (pageText): a line for each, numbered from 1, a table's rows as
// rows of cells.
func paragraphLines(paras []msdoc.Paragraph) []line {
	w := &wordText{}
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
