package themes

import (
	"cmp"
	"math"
	"slices"
	"unicode/utf8"

	"tiaowen/internal/textnorm"
)

// Match is one occurrence of a theme's term in a text.
type Match struct {
	// Theme is the theme the term belongs to.
	Theme *Theme
	// Term is the term that matched, as written in the Set.
	Term string
	// Start and End are the half-open range of rune offsets in the
	// original text from the first matched character to the last.
	Start, End int
}

// Matcher finds the terms of a Set in text, as the package documentation
// describes. It is read-only once built and so safe for concurrent use.
type Matcher struct {
	themes []*Theme
	terms  []term
	nodes  []node
	edges  []edge
	// first has a bit set for every rune below 1<<16 that starts some
	// term, so that most positions of a text are rejected by one load.
	first []uint64
}

// term is what a trie node that ends a term reports.
type term struct {
	theme int // index into Matcher.themes
	text  string
}

// node is a trie node: its edges are edges[lo:hi], sorted by rune, and
// term is 1 + the index into Matcher.terms of the term it ends, or 0.
type node struct {
	lo, hi int32
	term   int32
}

type edge struct {
	r  rune
	to int32
}

// NewMatcher builds a Matcher for the terms of s. Terms that normalise to
// nothing are skipped. When two terms normalise to the same key the first
// in Set order takes the matches, which is why Load warns about them. The
// Matcher keeps the Set's *Theme pointers but reads the terms only here:
// terms changed later are not seen.
func NewMatcher(s *Set) *Matcher {
	m := &Matcher{first: make([]uint64, 1<<16/64)}
	if s != nil {
		m.themes = slices.Clone(s.Themes)
	}
	// Build a pointer trie first, then lay it out flat, each node's edges
	// together and sorted, for lookups that touch little memory.
	type bnode struct {
		kids map[rune]*bnode
		term int32
	}
	root := &bnode{}
	count := 1
	for ti, t := range m.themes {
		for _, text := range t.Terms {
			key := textnorm.Normalize(text).Runes()
			if len(key) == 0 {
				continue
			}
			n := root
			for _, r := range key {
				k := n.kids[r]
				if k == nil {
					if n.kids == nil {
						n.kids = map[rune]*bnode{}
					}
					k = &bnode{}
					n.kids[r] = k
					count++
				}
				n = k
			}
			if n.term == 0 {
				m.terms = append(m.terms, term{theme: ti, text: text})
				n.term = int32(len(m.terms))
			}
			if r := key[0]; r < 1<<16 {
				m.first[r/64] |= 1 << (r % 64)
			}
		}
	}
	m.nodes = make([]node, 1, count)
	m.edges = make([]edge, 0, count-1)
	queue := []*bnode{root}
	for i := 0; i < len(queue); i++ {
		b := queue[i]
		lo := len(m.edges)
		for r, k := range b.kids {
			m.edges = append(m.edges, edge{r: r, to: int32(len(queue))})
			queue = append(queue, k)
			m.nodes = append(m.nodes, node{})
		}
		es := m.edges[lo:]
		slices.SortFunc(es, func(a, b edge) int { return cmp.Compare(a.r, b.r) })
		m.nodes[i] = node{lo: int32(lo), hi: int32(len(m.edges)), term: b.term}
	}
	return m
}

// child returns the node reached from n by r, or -1.
func (m *Matcher) child(n int32, r rune) int32 {
	nd := m.nodes[n]
	es := m.edges[nd.lo:nd.hi]
	if len(es) <= 8 {
		for _, e := range es {
			if e.r == r {
				return e.to
			}
		}
		return -1
	}
	lo, hi := 0, len(es)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if es[mid].r < r {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(es) && es[lo].r == r {
		return es[lo].to
	}
	return -1
}

// Find returns the matches of the Matcher's terms in text: leftmost-longest,
// not overlapping, in text order, none across the end of a sentence or
// clause. Offsets count runes of text.
func (m *Matcher) Find(text string) []Match {
	var out []Match
	m.scan(text, func(i int32, start, end int) {
		t := m.terms[i]
		out = append(out, Match{Theme: m.themes[t.theme], Term: t.text, Start: start, End: end})
	})
	return out
}

// Themes returns the distinct themes that Find would report for text, in
// Set order.
func (m *Matcher) Themes(text string) []*Theme {
	var seen []bool
	found := 0
	m.scan(text, func(i int32, _, _ int) {
		if seen == nil {
			seen = make([]bool, len(m.themes))
		}
		if t := m.terms[i].theme; !seen[t] {
			seen[t] = true
			found++
		}
	})
	if found == 0 {
		return nil
	}
	out := make([]*Theme, 0, found)
	for i, ok := range seen {
		if ok {
			out = append(out, m.themes[i])
		}
	}
	return out
}

// scan calls emit with the term index and original range of each match
// in text, in order.
func (m *Matcher) scan(text string, emit func(term int32, start, end int)) {
	if len(m.terms) == 0 {
		return
	}
	t := textnorm.Normalize(text)
	runes := t.Runes()
	c := clauses{s: text, end: -1}
	for i := 0; i < len(runes); {
		r := runes[i]
		if r < 1<<16 && m.first[r/64]&(1<<(r%64)) == 0 {
			i++
			continue
		}
		n := m.child(0, r)
		if n < 0 {
			i++
			continue
		}
		best, bestTerm := 0, m.nodes[n].term
		if bestTerm != 0 {
			best = i + 1
		}
		// limit is where the clause holding rune i ends in the original;
		// a match takes no rune from beyond it.
		limit := c.endAfter(t.Orig(i))
		for j := i + 1; j < len(runes) && t.Orig(j) < limit; j++ {
			if n = m.child(n, runes[j]); n < 0 {
				break
			}
			if tm := m.nodes[n].term; tm != 0 {
				best, bestTerm = j+1, tm
			}
		}
		if bestTerm == 0 {
			i++
			continue
		}
		start, end := t.Span(i, best)
		emit(bestTerm-1, start, end)
		i = best
	}
}

// clauses finds the clause ends of a text for a series of queries at
// non-decreasing offsets, reading the text once over the whole series.
type clauses struct {
	s     string
	b, n  int // s[:b] has been read; it holds n runes
	end   int // the rune offset of the last clause end found, or -1
	atEOF bool
}

// endAfter returns the rune offset of the first clause end after rune
// offset o, or math.MaxInt if there is none. o must not decrease from one
// call to the next.
func (c *clauses) endAfter(o int) int {
	// The last end found is the first after the previous o, and so the
	// first after this one too unless this o has passed it.
	if c.end > o {
		return c.end
	}
	for !c.atEOF {
		if c.b >= len(c.s) {
			c.atEOF = true
			break
		}
		r, size := utf8.DecodeRuneInString(c.s[c.b:])
		c.b += size
		c.n++
		if c.n-1 > o && textnorm.IsClauseEnd(r) {
			c.end = c.n - 1
			return c.end
		}
	}
	return math.MaxInt
}
