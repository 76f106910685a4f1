package align

import (
	"slices"
	"strings"

	"tiaowen/internal/corpus"
)

// Rarity is what the index weighs n-grams by: in how many of the
// corpus's sections each is found. The site ships it with the search
// index so that the comparison the chooser computes in the browser
// (static/livecompare.js) weighs them as the build does, and pairs the
// sections of two documents as their pair page would.
type Rarity struct {
	// Sections is the number of sections of the corpus.
	Sections int
	// Grams are the n-grams found in more than one section, normalised,
	// in code point order, with, at the same index of Counts, in how
	// many sections each is found, or 0 for one found in so many that it
	// counts for nothing. A text shorter than an n-gram is a gram of its
	// own, shorter than the rest. An n-gram found in one section only is
	// not listed: its weight is the rarest's.
	Grams  []string
	Counts []uint32
}

// Rarity returns the index's counts of n-grams, in a new Rarity.
func (x *Index) Rarity() Rarity {
	type entry struct {
		gram  string
		count uint32
	}
	es := make([]entry, 0, len(x.terms))
	for k, id := range x.terms {
		e := entry{gram: string(gramRunes(k))}
		if id != stopTerm {
			e.count = x.df[id]
		}
		es = append(es, e)
	}
	slices.SortFunc(es, func(a, b entry) int { return strings.Compare(a.gram, b.gram) })
	r := Rarity{Sections: x.sections, Grams: make([]string, len(es)), Counts: make([]uint32, len(es))}
	for i, e := range es {
		r.Grams[i], r.Counts[i] = e.gram, e.count
	}
	return r
}

// gramRunes unpacks a key of gramKey: its runes, first to last. No
// normalised text has a NUL, so the runes end where the key has no more.
func gramRunes(k uint64) []rune {
	k &^= 1 << 63
	var rs []rune
	for ; k != 0; k >>= 21 {
		rs = append(rs, rune(k&0x1FFFFF))
	}
	slices.Reverse(rs)
	return rs
}

// CountGrams returns the Rarity of an index of c without the rest of the
// index: for a corpus edited since its index was made, whose pairs are
// aligned with the old index but whose counts must be the new corpus's.
func CountGrams(c *corpus.Corpus) Rarity {
	x := &Index{p: defaultParams()}
	x.vocabulary(c)
	return x.Rarity()
}
