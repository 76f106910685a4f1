package search

import (
	"unicode/utf8"

	"tiaowen/internal/align"
)

// rarityFile encodes r as rarity.js ("rarity"): "sections", the corpus's
// number of sections; "g", the grams of r by length, g[0] the
// one-character grams one after another, g[1] the bigrams, and so on;
// and "n", as varints, in how many sections each of them is found, in
// the same order, 0 for a gram too common to count. The comparison the
// chooser computes in the browser weighs bigrams by it as the build does.
func rarityFile(r *align.Rarity) File {
	var grams, counts [][]byte
	for i, g := range r.Grams {
		n := utf8.RuneCountInString(g)
		for len(grams) < n {
			grams, counts = append(grams, nil), append(counts, nil)
		}
		grams[n-1] = append(grams[n-1], g...)
		counts[n-1] = appendUvarint(counts[n-1], uint64(r.Counts[i]))
	}
	g, n := make([]string, len(grams)), make([]string, len(counts))
	for i := range grams {
		g[i], n[i] = string(grams[i]), string(counts[i])
	}
	return jsFile("rarity.js", map[string]any{"k": "rarity", "sections": r.Sections, "g": g, "n": n})
}
