package align

import (
	"encoding/json"
	"math"
	"slices"
	"sync"

	"tiaowen/internal/corpus"
	"tiaowen/internal/textnorm"
)

// Alignment is two documents aligned section to section: the body of
// /api/compare/<a>--<b>.json.
type Alignment struct {
	// A and B are the documents' ids.
	A string `json:"a"`
	B string `json:"b"`
	// Pairs are the paired sections, in the order of A's sections.
	Pairs []Pair `json:"pairs"`
	// UnmatchedA and UnmatchedB are the eIds of the sections left without
	// a counterpart, in document order.
	UnmatchedA []string `json:"unmatchedA"`
	UnmatchedB []string `json:"unmatchedB"`
}

// Pair is a section of document A and its counterpart in document B.
type Pair struct {
	// A and B are the two sections' eIds.
	A string `json:"a"`
	B string `json:"b"`
	// Score is the pair's score, in [0, 1], rounded to four decimal
	// places: the sections' similarity or, for two headings, the mean of
	// their titles' similarity and the share of the sections below them
	// that are paired with each other.
	Score float64 `json:"score"`
	// Shared are the passages the two sections have in common, in the
	// order of A's text.
	Shared []Shared `json:"shared"`
}

// Shared is a passage common to two paired sections: half-open ranges of
// Unicode code points in each section's own text (corpus.Section.Text).
// The two ranges hold the same characters once normalised; between them
// they may differ in script (繁/简), width and punctuation.
type Shared struct {
	A [2]int `json:"a"`
	B [2]int `json:"b"`
}

// MarshalJSON writes the alignment with empty lists as [], never null,
// as the public contract requires.
func (al Alignment) MarshalJSON() ([]byte, error) {
	type plain Alignment
	p := plain(al)
	p.Pairs = orEmpty(p.Pairs)
	p.UnmatchedA = orEmpty(p.UnmatchedA)
	p.UnmatchedB = orEmpty(p.UnmatchedB)
	return json.Marshal(p)
}

// MarshalJSON writes the pair with an empty Shared as [], never null.
func (p Pair) MarshalJSON() ([]byte, error) {
	type plain Pair
	q := plain(p)
	q.Shared = orEmpty(q.Shared)
	return json.Marshal(q)
}

// SharedRunes counts the code points of each document's text that lie in
// the passages the two share — A's, then B's — each code point once: how
// much of one document the other repeats. A section is in at most one
// pair, and a pair's passages are counted merged where they overlap.
func (al Alignment) SharedRunes() (a, b int) {
	var as, bs [][2]int
	for _, p := range al.Pairs {
		as, bs = as[:0], bs[:0]
		for _, s := range p.Shared {
			as, bs = append(as, s.A), append(bs, s.B)
		}
		a += merged(as)
		b += merged(bs)
	}
	return a, b
}

// merged is the length of the union of half-open ranges.
func merged(rs [][2]int) int {
	slices.SortFunc(rs, func(x, y [2]int) int { return x[0] - y[0] })
	n, end := 0, math.MinInt
	for _, r := range rs {
		lo := max(r[0], end)
		if r[1] > lo {
			n += r[1] - lo
		}
		end = max(end, r[1])
	}
	return n
}

// orEmpty returns s, or an empty slice for nil.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Align pairs the sections of a with those of b, whatever their level or
// order. Each section is paired with at most one counterpart: among the
// candidate pairs — those scoring at least Threshold, or at least
// ReciprocalThreshold when each section is the other's best match — the
// one-to-one pairing of greatest total score; headings are then paired by
// what they hold (see the package documentation). The sections left over
// are listed as unmatched. For the public contract a's id sorts before
// b's; Align itself aligns in the order given. a and b need not be in the
// index's corpus.
func (x *Index) Align(a, b *corpus.Document) Alignment {
	return x.AlignWith(a, []*corpus.Document{b})[0]
}

// AlignWith aligns a with each of others, as Align does, doing the work
// that depends on a alone once: a site aligns each document with several
// others, and normalising a section's text for its shared passages cost
// as much as scoring it.
func (x *Index) AlignWith(a *corpus.Document, others []*corpus.Document) []Alignment {
	da, na := x.lookup(a)
	secA := sectionsOf(a)
	// a's sections' texts normalised, and the hashes of their windows,
	// made when first needed.
	type normText struct {
		text   textnorm.Text
		hashes []uint64
	}
	normA := make([]*normText, len(secA))
	var t tiler
	var zb textnorm.Normalizer // b's sections are each looked at once
	sc := x.newScorer(da, na)
	defer sc.release()
	out := make([]Alignment, 0, len(others))
	for _, b := range others {
		db, nb := x.lookup(b)
		secB := sectionsOf(b)
		match := x.match(secA, secB, &sc.sim, sc.scores(db, nb))
		// Every list at its final size: a site holds thousands of
		// alignments until its pages are written, and lists grown by
		// doubling held a third more than they needed.
		paired := 0
		for _, m := range match {
			if m.b >= 0 {
				paired++
			}
		}
		al := Alignment{A: a.ID, B: b.ID, Pairs: make([]Pair, 0, paired),
			UnmatchedA: make([]string, 0, len(secA)-paired), UnmatchedB: make([]string, 0, len(secB)-paired)}
		usedB := make([]bool, len(secB))
		for i, s := range secA {
			m := match[i]
			if m.b < 0 {
				al.UnmatchedA = append(al.UnmatchedA, s.EID)
				continue
			}
			usedB[m.b] = true
			u := secB[m.b]
			var shared []Shared
			if s.Text == "" || u.Text == "" {
				shared = []Shared{}
			} else {
				if normA[i] == nil {
					n := normText{text: textnorm.Normalize(s.Text)}
					if rs := n.text.Runes(); len(rs) >= MinShared {
						n.hashes = windowHashes(nil, rs, MinShared)
					}
					normA[i] = &n
				}
				shared = t.sharedNorm(normA[i].text, normA[i].hashes, zb.Runes(u.Text))
			}
			al.Pairs = append(al.Pairs, Pair{A: s.EID, B: u.EID, Score: round4(m.score), Shared: shared})
		}
		for j, u := range secB {
			if !usedB[j] {
				al.UnmatchedB = append(al.UnmatchedB, u.EID)
			}
		}
		out = append(out, al)
	}
	return out
}

// isHeading reports whether s is a heading over other sections, with no
// text of its own (「二、推动经济质量效益型发展」 over its （三）–（五）).
func isHeading(s *corpus.Section) bool {
	if len(s.Children) == 0 {
		return false
	}
	// textnorm.Key(s.Text) == "", without building the key: a text
	// usually shows it has something at its first character.
	for _, r := range s.Text {
		if !textnorm.Dropped(r) {
			return false
		}
	}
	return true
}

// match pairs the sections of two documents, given the score of every
// pair that shares an n-gram.
//
// Sections with text are paired first, among themselves: a pair is a
// candidate if it scores at least Threshold, or at least
// ReciprocalThreshold and each section is the other's best match; the
// candidates are then matched one to one for the greatest total score.
//
// Headings are paired next, among themselves, by what they hold: a pair
// of headings scores the mean of the similarity of their titles and the
// share of the sections below them that were paired with each other. So
// 「四、加快产品质量提档升级」 goes with 「二、增加優質產品供給」, whose
// items are the counterparts of its items, not with 「四、加快服務質量提檔升級」,
// whose title is nearly its own.
//
// sim holds the scores, cells the pairs with a positive one, in order of a,
// then b.
func (x *Index) match(secA, secB []*corpus.Section, sim *dotTable, cells []cell) []matched {
	headA, headB := make([]bool, len(secA)), make([]bool, len(secB))
	for i, s := range secA {
		headA[i] = isHeading(s)
	}
	for j, s := range secB {
		headB[j] = isHeading(s)
	}
	bestA, bestB := make([]float64, len(secA)), make([]float64, len(secB))
	for _, c := range cells {
		// Scores are positive numbers: a comparison is max, without
		// its care for NaNs and signed zeros.
		if !headA[c.a] && !headB[c.b] {
			if c.v > bestA[c.a] {
				bestA[c.a] = c.v
			}
			if c.v > bestB[c.b] {
				bestB[c.b] = c.v
			}
		}
	}
	var cands []edge
	for _, c := range cells {
		a, b, s := int(c.a), int(c.b), c.v
		if headA[a] || headB[b] {
			continue
		}
		reciprocal := s >= bestA[a] && s >= bestB[b]
		if s >= x.p.threshold || reciprocal && s >= x.p.reciprocal {
			cands = append(cands, edge{a, b, s})
		}
	}
	out := matching(len(secA), len(secB), cands)
	for i, m := range x.matchHeadings(secA, secB, headA, headB, sim, out) {
		if m.b >= 0 {
			out[i] = m
		}
	}
	return out
}

// matchHeadings pairs the headings of two documents given their titles'
// similarity and the pairs of sections with text.
func (x *Index) matchHeadings(secA, secB []*corpus.Section, headA, headB []bool, sim *dotTable, text []matched) []matched {
	placeA, nhA := headingPlaces(headA)
	placeB, nhB := headingPlaces(headB)
	if nhA == 0 || nhB == 0 {
		return matching(len(secA), len(secB), nil)
	}
	// below counts, for pairs of headings, the text pairs below both.
	below := make([]int, nhA*nhB)
	var ancA, ancB []int
	for i, m := range text {
		if m.b < 0 {
			continue
		}
		ancA = headingsAbove(secA, secA[i], headA, ancA[:0])
		ancB = headingsAbove(secB, secB[m.b], headB, ancB[:0])
		for _, ha := range ancA {
			for _, hb := range ancB {
				below[placeA[ha]*nhB+placeB[hb]]++
			}
		}
	}
	nA, nB := textBelow(secA, headA), textBelow(secB, headB)
	var edges []edge
	for i := range secA {
		if !headA[i] {
			continue
		}
		for j := range secB {
			if !headB[j] {
				continue
			}
			share := 0.0
			if n := below[placeA[i]*nhB+placeB[j]]; n > 0 {
				share = float64(2*n) / float64(nA[i]+nB[j])
			}
			if sc := (sim.get(i, j) + share) / 2; sc >= x.p.heading {
				edges = append(edges, edge{i, j, sc})
			}
		}
	}
	return matching(len(secA), len(secB), edges)
}

// headingPlaces numbers the headings: their place among the headings, by
// section, and how many there are.
func headingPlaces(head []bool) (place []int, n int) {
	place = make([]int, len(head))
	for i, h := range head {
		if h {
			place[i] = n
			n++
		}
	}
	return place, n
}

// headingsAbove appends the indices of the headings above s.
func headingsAbove(secs []*corpus.Section, s *corpus.Section, head []bool, dst []int) []int {
	for p := s.Parent; p != nil; p = p.Parent {
		if p.Index < len(secs) && secs[p.Index] == p && head[p.Index] {
			dst = append(dst, p.Index)
		}
	}
	return dst
}

// textBelow counts, for each heading, the sections with text below it.
func textBelow(secs []*corpus.Section, head []bool) []int {
	n := make([]int, len(secs))
	var above []int
	for i, s := range secs {
		if head[i] {
			continue
		}
		above = headingsAbove(secs, s, head, above[:0])
		for _, h := range above {
			n[h]++
		}
	}
	return n
}

// lookup returns the index's vectors of d, computing them with the
// index's vocabulary when d is not one of the corpus's documents.
func (x *Index) lookup(d *corpus.Document) (docEntry, []secEntry) {
	if i, ok := x.byPtr[d]; ok {
		de := x.docs[i]
		return de, x.secs[de.first : de.first+len(sectionsOf(d))]
	}
	var g grams
	return x.vectors(d, &g)
}

// edge is a candidate pair: sections a and b (indices in their documents)
// and their score.
type edge struct {
	a, b  int
	score float64
}

// scorer scores the sections of one document, a, against those of others.
// What depends on a alone is done once: its entries are grouped by term
// and weighed, so that each other document's entries are looked up in
// them one by one, in a single pass, rather than merged with them.
type scorer struct {
	x           *Index
	na          []secEntry
	full, title termRuns // a's entries and titles' entries
	sim, titles dotTable
	cells       []cell
}

// cell is a pair of sections, a's and b's, and their number in a
// dotTable.
type cell struct {
	a, b int32
	v    float64
}

// scorers keeps scorers, and the tables by term id they hold, from one
// call of AlignWith to the next.
var scorers sync.Pool

// newScorer returns a scorer of document a, whose vectors are da and na.
// Its release returns it to scorers.
func (x *Index) newScorer(da docEntry, na []secEntry) *scorer {
	sc, _ := scorers.Get().(*scorer)
	if sc == nil {
		sc = new(scorer)
	}
	sc.x, sc.na = x, na
	sc.full.group(da.entries, x.idf)
	sc.title.group(da.titles, x.idf)
	return sc
}

// release clears the scorer's tables and returns it to scorers.
func (sc *scorer) release() {
	sc.full.clear()
	sc.title.clear()
	sc.x, sc.na = nil, nil
	scorers.Put(sc)
}

// scores sets sc.sim to the scores of the pairs of a's sections and those
// of another document, of entries db and sections nb, that share a term,
// and returns those pairs with a positive score, in order of a, then b;
// the slice is valid until the next call. Only sections sharing a bigram
// that is neither too common nor unique are ever compared.
//
// A pair's score is the cosine similarity of the two sections' vectors of
// title and text; when both have titles, it is mixed with the similarity
// of the titles alone.
func (sc *scorer) scores(db docEntry, nb []secEntry) []cell {
	na, sim, titles := sc.na, &sc.sim, &sc.titles
	sc.full.dots(sim, db.entries, len(na), len(nb))
	sc.title.dots(titles, db.titles, len(na), len(nb))
	sc.cells = sim.nonzero(sc.cells[:0])
	n := 0
	for _, c := range sc.cells {
		a, b := int(c.a), int(c.b)
		s := cosine(c.v, na[a].norm, nb[b].norm)
		if na[a].tnorm > 0 && nb[b].tnorm > 0 {
			s = sc.x.mix(s, cosine(titles.get(a, b), na[a].tnorm, nb[b].tnorm))
		}
		sim.set(a, b, s)
		if s > 0 {
			sc.cells[n] = cell{c.a, c.b, s}
			n++
		}
	}
	sc.cells = sc.cells[:n]
	return sc.cells
}

// mix combines the similarity of two sections' titles and texts with
// that of their titles alone.
func (x *Index) mix(full, title float64) float64 {
	return float64(x.p.titleWeight*title) + float64((1-x.p.titleWeight)*full)
}

// dotTable holds a number for every pair of sections of two documents
// that share a term, their dot product or their score: dense when the
// documents are of ordinary size.
type dotTable struct {
	nb     int
	dense  []float64
	sparse map[int]float64
}

// denseCells is the most pairs of sections a dotTable holds in a slice,
// 8 MiB of them; beyond, in a map. A variable so that tests can try the
// map on small documents.
var denseCells = 1 << 20

// reset empties t for two documents of na and nb sections, keeping its
// memory: dense when the documents are of ordinary size.
func (t *dotTable) reset(na, nb int) {
	t.nb = nb
	if na*nb <= denseCells {
		t.dense = resize(t.dense, na*nb)
		clear(t.dense)
		t.sparse = nil
		return
	}
	t.dense = nil
	if t.sparse == nil {
		t.sparse = map[int]float64{}
	}
	clear(t.sparse)
}

// set sets the number of sections a and b.
func (t *dotTable) set(a, b int, v float64) {
	if t.dense != nil {
		t.dense[a*t.nb+b] = v
	} else {
		t.sparse[a*t.nb+b] = v
	}
}

// get returns the number of sections a and b, 0 if they share no term.
func (t *dotTable) get(a, b int) float64 {
	if t.dense != nil {
		return t.dense[a*t.nb+b]
	}
	return t.sparse[a*t.nb+b]
}

// nonzero appends to dst the pairs with a positive number, in order of a,
// then b.
func (t *dotTable) nonzero(dst []cell) []cell {
	if t.dense != nil {
		// Every cell is written, and kept if positive: a branch on
		// each, which goes either way, cost more than the write.
		n := len(dst)
		dst = slices.Grow(dst, len(t.dense))[:n+len(t.dense)]
		// Row by row: a division per cell cost more than the cell.
		for a, row := 0, t.dense; len(row) > 0; a, row = a+1, row[t.nb:] {
			for b, v := range row[:t.nb] {
				dst[n] = cell{int32(a), int32(b), v}
				if v > 0 {
					n++
				}
			}
		}
		return dst[:n]
	}
	keys := make([]int, 0, len(t.sparse))
	for k, v := range t.sparse {
		if v > 0 {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		dst = append(dst, cell{int32(k / t.nb), int32(k % t.nb), t.sparse[k]})
	}
	return dst
}

// termRuns is one document's entries grouped by term, for looking terms
// up in: the run of each term, and each entry's section and weight.
type termRuns struct {
	// at is, by term id, 1 + the index in runs of the term's run, or 0.
	// It is as long as the index has terms, and all 0 but for the
	// document's terms, which clear resets.
	at   []int32
	runs []termRun
	ents []runEntry
}

// termRun is the entries of one term, ents[lo:hi].
type termRun struct {
	term   uint32
	lo, hi int32
}

// runEntry is an entry of a termRuns: its section's index in the
// document, and its count's weight times the term's idf².
type runEntry struct {
	sec int
	w   float64
}

// group sets r to the term-sorted entries, with the index's weights idf.
func (r *termRuns) group(entries []uint64, idf []float64) {
	if len(r.at) < len(idf) {
		r.at = make([]int32, len(idf))
	}
	r.runs, r.ents = r.runs[:0], r.ents[:0]
	for i := 0; i < len(entries); {
		term := uint32(entries[i] >> 32)
		w := idf[term] * idf[term]
		j := i
		for ; j < len(entries) && uint32(entries[j]>>32) == term; j++ {
			_, sec, tf := unpackEntry(entries[j])
			r.ents = append(r.ents, runEntry{sec, tfWeight(tf) * w})
		}
		r.runs = append(r.runs, termRun{term, int32(i), int32(j)})
		r.at[term] = int32(len(r.runs))
		i = j
	}
}

// clear empties r, leaving its table by term all 0.
func (r *termRuns) clear() {
	for _, run := range r.runs {
		r.at[run.term] = 0
	}
	r.runs = r.runs[:0]
}

// dots sets t to the dot products of the vectors of the sections of r's
// document, na of them, and those of a document of nb sections with
// term-sorted entries eb. Each of eb's entries is looked up in r, so a
// pair's products are added in order of term, as a merge of the two
// documents' entries would add them.
func (r *termRuns) dots(t *dotTable, eb []uint64, na, nb int) {
	t.reset(na, nb)
	for _, e := range eb {
		k := r.at[e>>32]
		if k == 0 {
			continue
		}
		run := r.runs[k-1]
		_, sb, tfb := unpackEntry(e)
		wb := tfWeight(tfb)
		if t.dense == nil {
			for _, ae := range r.ents[run.lo:run.hi] {
				// The conversion keeps the product from being fused
				// with the sum, which would change the bits on some
				// machines.
				t.sparse[ae.sec*nb+sb] += float64(ae.w * wb)
			}
			continue
		}
		for _, ae := range r.ents[run.lo:run.hi] {
			t.dense[ae.sec*nb+sb] += float64(ae.w * wb)
		}
	}
}

// cosine divides a dot product by two norms, guarding against zero and
// against rounding above 1.
func cosine(dot, na, nb float64) float64 {
	if na == 0 || nb == 0 {
		return 0
	}
	return min(1, float64(dot/float64(na*nb)))
}

// round4 rounds a score for output, so that its printed form is short and
// the same on every machine.
func round4(f float64) float64 { return math.Round(f*1e4) / 1e4 }
