package ingest

import (
	"fmt"

	"tiaowen/internal/msdoc"
	"tiaowen/internal/rtf"
)

// rtfLines returns the paragraphs of an RTF document — a .rtf, or one of
// the many .doc files that are RTF inside — as the lines Import works
// on, laid out as a Word document's are (paragraphLines); a list's
// number is in its paragraph's text already.
func rtfLines(file string, data []byte) ([]line, error) {
	paras, err := rtf.Read(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v; open it in Word, WPS or LibreOffice, save it as .docx and import that", file, err)
	}
	doc := &msdoc.Document{Paragraphs: make([]msdoc.Paragraph, len(paras))}
	for i, p := range paras {
		doc.Paragraphs[i] = msdoc.Paragraph{Text: p.Text, InTable: p.InTable, CellEnd: p.CellEnd, RowEnd: p.RowEnd}
	}
	return paragraphLines(doc), nil
}
