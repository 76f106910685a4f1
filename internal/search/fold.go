package search

import (
	"unicode/utf8"

	"tiaowen/internal/textnorm"
)

// runeSet is a set of runes as a bitmap over all of Unicode: 136 KiB,
// and a test per character of the corpus costs a shift and a mask.
type runeSet []uint64

func newRuneSet() runeSet { return make(runeSet, (utf8.MaxRune+1)/64) }

func (s runeSet) add(r rune) {
	if 0 <= r && r <= utf8.MaxRune {
		s[r>>6] |= 1 << (r & 63)
	}
}

// addString adds every rune of str.
func (s runeSet) addString(str string) {
	for _, r := range str {
		s.add(r)
	}
}

func (s runeSet) has(r rune) bool {
	return 0 <= r && r <= utf8.MaxRune && s[r>>6]&(1<<(r&63)) != 0
}

// each calls f for every rune of s, ascending.
func (s runeSet) each(f func(r rune)) {
	for w, bits := range s {
		for bits != 0 {
			i := 0
			for bits&(1<<i) == 0 {
				i++
			}
			f(rune(w<<6 | i))
			bits &^= 1 << i
		}
	}
}

// foldTables are the part of textnorm's normalisation that the browser
// needs for one corpus: what every character of the corpus becomes, and
// every traditional form of a character the corpus has, so that a
// reader's query in either script folds as the text did.
type foldTables struct {
	// fold holds pairs: a rune and the different rune it becomes. The
	// corpus's own runes come first, so that the first traditional
	// form listed for a simplified one is the form the corpus uses.
	fold []rune
	// drop holds the corpus's runes that normalisation drops.
	drop []rune
	// keep holds the corpus's runes that normalisation keeps as they are.
	keep []rune
}

// buildFold derives the tables from textnorm for the runes in seen.
func buildFold(seen runeSet) foldTables {
	var ft foldTables
	kept := newRuneSet() // what the corpus's text normalises to
	seen.each(func(r rune) {
		f, ok := foldRune(r)
		switch {
		case !ok:
			ft.drop = append(ft.drop, r)
		case f == r:
			ft.keep = append(ft.keep, r)
			kept.add(r)
		default:
			ft.fold = append(ft.fold, r, f)
			kept.add(f)
		}
	})
	// Every traditional form of a character the text has, even one the
	// corpus never writes, so that 質 finds 质 in a simplified corpus.
	// Only Han characters have such forms; the scan over their blocks
	// takes a millisecond.
	for _, blk := range hanBlocks {
		for r := blk[0]; r <= blk[1]; r++ {
			if seen.has(r) {
				continue
			}
			if s := textnorm.SimplifyRune(r); s != r && kept.has(s) {
				if f, ok := foldRune(r); ok && f == s {
					ft.fold = append(ft.fold, r, s)
				}
			}
		}
	}
	return ft
}

// hanBlocks are the Unicode blocks of Han characters and their
// compatibility forms, where traditional characters live.
var hanBlocks = [][2]rune{
	{0x2E80, 0x2FDF},   // radicals
	{0x3400, 0x4DBF},   // Extension A
	{0x4E00, 0x9FFF},   // URO
	{0xF900, 0xFAFF},   // compatibility ideographs
	{0x20000, 0x323AF}, // Extensions B–H
}

// foldRune is what textnorm makes of the single rune r, and false if it
// drops it.
func foldRune(r rune) (rune, bool) {
	k := textnorm.Key(string(r))
	if k == "" {
		return 0, false
	}
	f, _ := utf8.DecodeRuneInString(k)
	return f, true
}
