package search

import (
	"strings"

	"tiaowen/internal/corpus"
)

// headsFile is heads.js ("heads"): for each document in corpus order,
// what it says outside its sections — its number (文号), its issuer, its
// preamble and its closing matter — as four strings, as written. No
// section holds them, yet readers search by them: by a 文号, by the
// notice that issues a plan, by the words that say which national plan a
// local one carries out (为贯彻落实《质量强国建设纲要》…). The page lists
// the documents whose title or head has every term of a query above the
// sections it finds, reading this file only when a query runs.
//
// A table's cells are put on lines of their own, so that no phrase runs
// from one cell into the next, as in a section (cellsApart). The runes of
// the heads are added to seen, so that the fold tables cover them.
func headsFile(c *corpus.Corpus, seen runeSet) File {
	heads := make([][4]string, len(c.Docs))
	for i, d := range c.Docs {
		heads[i] = [4]string{d.Number, d.Issuer, blocksText(d.Preamble), blocksText(d.Trailing)}
		for _, s := range heads[i] {
			seen.addString(s)
		}
		seen.addString(d.Title)
	}
	seen.add('\n')
	return jsFile("heads.js", map[string]any{"k": "heads", "d": heads})
}

// blocksText is the blocks' text a line each, a table's cells apart.
func blocksText(bs []corpus.Block) string {
	var b strings.Builder
	for i, bl := range bs {
		if i > 0 {
			b.WriteByte('\n')
		}
		if bl.Kind == corpus.Table {
			b.WriteString(strings.ReplaceAll(bl.Text, "\t", "\n"))
		} else {
			b.WriteString(bl.Text)
		}
	}
	return b.String()
}
