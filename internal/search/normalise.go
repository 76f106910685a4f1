package search

import (
	"runtime"
	"sync/atomic"
	"unicode/utf8"

	"tiaowen/internal/corpus"
	"tiaowen/internal/textnorm"
)

// normalised is a section's searchable text as the index reads it: its
// title and text, with a line break between them, normalised.
type normalised struct {
	runes []rune
	// joined[i] says that runes i and i+1 form a bigram: normalisation
	// dropped no clause end between them.
	joined []bool
	// titleLen is the number of runes that come from the title.
	titleLen int
}

// normaliseSections calls each for every section of c, numbered in
// corpus order, with its text normalised. Normalising is most of the
// cost of indexing and each section's is its own, so it runs on every
// core, a few chunks of sections ahead of each, which takes them in
// order.
func normaliseSections(c *corpus.Corpus, each func(n int, s *corpus.Section, t *normalised)) {
	var secs []*corpus.Section
	for _, d := range c.Docs {
		secs = append(secs, d.Sections...)
	}
	const chunk = 256
	chunks := (len(secs) + chunk - 1) / chunk
	workers := runtime.GOMAXPROCS(0)
	done := make([]chan []normalised, chunks)
	for k := range done {
		done[k] = make(chan []normalised, 1)
	}
	// A worker takes a slot before a chunk and the caller gives it back
	// once it has read the chunk, so that at most 2×workers chunks wait.
	slots := make(chan struct{}, 2*workers)
	var next atomic.Int64
	for range workers {
		go func() {
			var orig []rune
			for {
				slots <- struct{}{}
				k := int(next.Add(1) - 1)
				if k >= chunks {
					<-slots
					return
				}
				part := secs[k*chunk : min(len(secs), (k+1)*chunk)]
				out := make([]normalised, len(part))
				for i, s := range part {
					orig = normalise(&out[i], s.Title, s.Text, s.Layout(), orig)
				}
				done[k] <- out
			}
		}()
	}
	for k := range chunks {
		out := <-done[k]
		for i := range out {
			each(k*chunk+i, secs[k*chunk+i], &out[i])
		}
		<-slots
	}
}

// normalise fills t from a section's title and text, whose lines layout
// describes (corpus.Section.Layout); orig is a buffer for the original
// runes, which it returns, grown.
func normalise(t *normalised, title, text, layout string, orig []rune) []rune {
	src := title + "\n" + text
	orig = orig[:0]
	for _, r := range src {
		orig = append(orig, r)
	}
	titleRunes := utf8.RuneCountInString(title)
	cellsApart(orig[titleRunes+1:], layout)
	nt := textnorm.Normalize(src)
	t.runes = nt.Runes()
	t.joined = make([]bool, len(t.runes))
	for i := range t.runes {
		if nt.Orig(i) < titleRunes {
			t.titleLen = i + 1
		}
		if i+1 < len(t.runes) {
			t.joined[i] = !breakBetween(orig, nt.Orig(i), nt.Orig(i+1))
		}
	}
	return orig
}

// cellsApart makes the tabs between a table's cells in text, whose lines
// layout describes, line ends: no phrase runs from one cell into the
// next, as none runs from one line into the next. A code block's tabs
// are its own spacing and stay.
func cellsApart(text []rune, layout string) {
	if layout == "" {
		return
	}
	line := 0
	for i, r := range text {
		switch {
		case r == '\n':
			line++
		case r == '\t' && line < len(layout) && (layout[line] == 'T' || layout[line] == 't'):
			text[i] = '\n'
		}
	}
}

// breakBetween reports whether the original runes strictly between
// offsets i and j, which normalisation dropped, end a clause.
func breakBetween(orig []rune, i, j int) bool {
	for k := i + 1; k < j; k++ {
		if textnorm.IsClauseEnd(orig[k]) {
			return true
		}
	}
	return false
}
