package search

import (
	"bytes"
	"encoding/json"
	"fmt"

	"tiaowen/internal/corpus"
	"tiaowen/internal/hanconv"
)

// simplifiedFile is t2s.js: window.TIAOWEN_T2S, the entries of hanconv's
// 繁→简 tables that the corpus's documents in 繁體 use, for every page
// that shows their text in 简体 at the reader's choice (site.js) and for
// the 繁→简 toggle of the comparison the chooser computes in the browser,
// which convert by them as a pair page does. It is a global of its own,
// not pushed to the index's queue, as pages without the index read it
// too. It is not written for a corpus without a document in 繁體.
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
	var buf bytes.Buffer
	buf.WriteString("window.TIAOWEN_T2S=")
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(hanconv.Entries(texts...)); err != nil {
		panic(fmt.Sprintf("search: encode t2s.js: %v", err)) // strings only
	}
	buf.Truncate(buf.Len() - 1) // Encode's newline
	buf.WriteString(";\n")
	return File{Name: Dir + "t2s.js", Data: buf.Bytes()}, true
}
