package search

import (
	"tiaowen/internal/corpus"
	"tiaowen/internal/hanconv"
)

// simplifiedFile is t2s.js ("t2s"): under "d", the entries of hanconv's
// 繁→简 tables that the corpus's documents in 繁體 use, for the 繁→简
// toggle of the comparison the chooser computes in the browser, which
// converts a traditional side's cells by them as a pair page does. It
// is not written for a corpus without a document in 繁體.
func simplifiedFile(c *corpus.Corpus) (File, bool) {
	var texts []string
	for _, d := range c.Docs {
		if d.Lang != "zh-Hant" {
			continue
		}
		for _, s := range d.Sections {
			texts = append(texts, s.Marker, s.Title, s.Text)
		}
	}
	if texts == nil {
		return File{}, false
	}
	return jsFile("t2s.js", map[string]any{"k": "t2s", "d": hanconv.Entries(texts...)}), true
}
