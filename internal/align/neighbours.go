package align

import (
	"cmp"
	"math"
	"slices"
	"sync"

	"tiaowen/internal/corpus"
)

// Counterpart is a section of another document similar to a given one.
type Counterpart struct {
	Doc   string  `json:"doc"` // the document's id
	EID   string  `json:"eId"`
	Score float64 `json:"score"` // as Pair.Score
}

// DocScore is a document and how much it shares with a given one.
type DocScore struct {
	Doc   string  `json:"doc"`
	Score float64 `json:"score"` // as DocSimilarity
}

// How much of the index a query reads, whatever the size of the corpus.
const (
	// queryTerms is how many of a section's rarest bigrams look up
	// candidates. docQueryTerms is how many of a document's do, at the
	// least; more are read, up to maxDocQueryTerms, until there are
	// enough candidates.
	queryTerms       = 32
	docQueryTerms    = 256
	maxDocQueryTerms = 4096
	// rescore candidates per result wanted, and at least minRescore, are
	// scored exactly.
	rescore    = 2
	minRescore = 8
)

// termW is a term and its weight in a vector.
type termW struct {
	t uint32
	w float64
}

// secVec is a section's vectors over the kept terms, sorted by term, and
// their norms, which count every bigram.
type secVec struct {
	full, title []termW
	norm, tnorm float64
}

// sectionVec computes a section's vectors with the index's terms and
// weights, as NewIndex does.
func (x *Index) sectionVec(s *corpus.Section, g *grams) secVec {
	var v secVec
	v.full, v.norm = x.vector(g.counted(s, x.p.gram, false))
	v.title, v.tnorm = x.vector(g.counted(s, x.p.gram, true))
	return v
}

// vector weighs a section's bigrams and returns those the index keeps,
// sorted by term, and the norm of them all.
func (x *Index) vector(kts []keyTF) ([]termW, float64) {
	var v []termW
	var sq float64
	for _, kt := range kts {
		id, w, known, skip := x.weigh(kt)
		if skip {
			continue
		}
		sq += float64(w * w)
		if !known {
			continue
		}
		v = append(v, termW{id, w})
	}
	slices.SortFunc(v, func(a, b termW) int { return cmp.Compare(a.t, b.t) })
	return v, math.Sqrt(sq)
}

// rarest returns up to n of the terms of v, a vector sorted by term,
// with the smallest document frequency, ties going to the smaller term
// id.
func (x *Index) rarest(v []termW, n int) []termW {
	// Sorted as numbers, frequency above place in v (so above term): a
	// comparison function looking both up was a fifth of the time of
	// SimilarDocs. The keys are made in order of place, so sorting by
	// frequency alone, stably, sorts them.
	keys := make([]uint64, len(v))
	var most uint32
	for i, tw := range v {
		keys[i] = uint64(x.df[tw.t])<<32 | uint64(i)
		most = max(most, x.df[tw.t])
	}
	keys = sortByHigh(keys, make([]uint64, len(keys)), most)
	r := make([]termW, 0, min(n, len(v)))
	for _, k := range keys[:min(n, len(keys))] {
		r = append(r, v[uint32(k)])
	}
	return r
}

// query is what a query of the corpus-wide index needs besides the
// index: kept from one query to the next in queries, as its tables are
// as long as the corpus's terms, sections or documents.
type query struct {
	// tfw is, by term id, the weight of the count of a term in the
	// query document, or 0. All 0 between queries.
	tfw []float64
	// skip is, by document, whether it is the query's document. All
	// false between queries.
	skip []bool
	acc  accumulator
}

var queries sync.Pool

// newQuery returns a query for the index, excluding the documents with
// the id of d. Its release returns it to queries.
func (x *Index) newQuery(d *corpus.Document, accKeys int) *query {
	q, _ := queries.Get().(*query)
	if q == nil {
		q = new(query)
	}
	if len(q.tfw) < len(x.idf) {
		q.tfw = make([]float64, len(x.idf))
	}
	if len(q.skip) < len(x.docs) {
		q.skip = make([]bool, len(x.docs))
	}
	for _, di := range x.byID[d.ID] {
		q.skip[di] = true
	}
	q.acc.init(accKeys)
	return q
}

// release clears q's tables, given the query's vector v, and returns q to
// queries.
func (q *query) release(x *Index, d *corpus.Document, v []termW) {
	for _, tw := range v {
		q.tfw[tw.t] = 0
	}
	for _, di := range x.byID[d.ID] {
		q.skip[di] = false
	}
	q.acc.clear()
	queries.Put(q)
}

// accumulator sums the evidence for candidates, by key: an index of a
// section or of a document.
type accumulator struct {
	sum  []float64 // by key, all 0 between queries
	keys []uint32  // those with a sum, in order of their first
}

// init readies a for keys below n.
func (a *accumulator) init(n int) {
	if len(a.sum) < n {
		a.sum = make([]float64, n)
	}
	a.keys = a.keys[:0]
}

// add adds v, which is positive, to key k's sum.
func (a *accumulator) add(k uint32, v float64) {
	if a.sum[k] == 0 {
		a.keys = append(a.keys, k)
	}
	a.sum[k] += v
}

// clear sets every sum back to 0.
func (a *accumulator) clear() {
	for _, k := range a.keys {
		a.sum[k] = 0
	}
	a.keys = a.keys[:0]
}

// Counterparts returns the k sections of documents other than d most
// similar to s, a section of d, best first, each scoring at least
// Threshold, as Pair.Score; equal scores go in corpus and document order.
// Candidates come from the posting lists of s's rarest bigrams, so the
// cost does not grow with the corpus; they are then scored exactly.
func (x *Index) Counterparts(d *corpus.Document, s *corpus.Section, k int) []Counterpart {
	if k <= 0 || s == nil {
		return nil
	}
	var g grams
	v := x.sectionVec(s, &g)
	if len(v.full) == 0 {
		return nil
	}
	q := x.newQuery(d, len(x.secs))
	defer q.release(x, d, nil)
	for _, tw := range x.rarest(v.full, queryTerms) {
		for _, sec := range x.post[x.postStart[tw.t]:x.postStart[tw.t+1]] {
			if !q.skip[x.secs[sec].doc] {
				q.acc.add(sec, float64(tw.w*x.idf[tw.t]))
			}
		}
	}
	cands := topKeys(q.acc.keys, q.acc.sum, max(rescore*k, minRescore))
	// Score the candidates exactly, a document at a time: their order is
	// that of the corpus, so a document's candidates are together.
	slices.Sort(cands)
	type scored struct {
		sec   uint32
		score float64
	}
	var best []scored
	for i := 0; i < len(cands); {
		di := x.secs[cands[i]].doc
		j := i
		for j < len(cands) && x.secs[cands[j]].doc == di {
			j++
		}
		de := &x.docs[di]
		local := make([]int, j-i)
		for n, c := range cands[i:j] {
			local[n] = int(c) - de.first
		}
		full := x.dotsIn(v.full, de.entries, local)
		titles := x.dotsIn(v.title, de.titles, local)
		for n, c := range cands[i:j] {
			se := x.secs[c]
			sc := cosine(full[n], v.norm, se.norm)
			if v.tnorm > 0 && se.tnorm > 0 {
				sc = x.mix(sc, cosine(titles[n], v.tnorm, se.tnorm))
			}
			if sc >= x.p.threshold {
				best = append(best, scored{c, round4(sc)})
			}
		}
		i = j
	}
	slices.SortFunc(best, func(a, b scored) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.sec, b.sec) // corpus, then document order
	})
	out := make([]Counterpart, 0, min(k, len(best)))
	for _, b := range best[:min(k, len(best))] {
		de := &x.docs[x.secs[b.sec].doc]
		out = append(out, Counterpart{Doc: de.doc.ID, EID: de.doc.Sections[int(b.sec)-de.first].EID, Score: b.score})
	}
	return out
}

// dotsIn returns the dot products of vector v with the vectors of some
// sections of a document, given by their indices in it, sorted, and the
// document's entries. It looks each of v's terms up in the entries rather
// than reading them all: v is short, a document long.
func (x *Index) dotsIn(v []termW, entries []uint64, secs []int) []float64 {
	out := make([]float64, len(secs))
	lo := 0
	for _, tw := range v {
		// Gallop from the last place, then search between the last two
		// steps: the next term is usually near.
		key := uint64(tw.t) << 32
		hi := lo
		for step := 1; hi < len(entries) && entries[hi] < key; step *= 2 {
			lo, hi = hi+1, min(hi+step, len(entries))
		}
		for lo < hi {
			if m := int(uint(lo+hi) >> 1); entries[m] < key {
				lo = m + 1
			} else {
				hi = m
			}
		}
		for i := lo; i < len(entries) && uint32(entries[i]>>32) == tw.t; i++ {
			_, sec, tf := unpackEntry(entries[i])
			if n, ok := slices.BinarySearch(secs, sec); ok {
				out[n] += float64(tw.w * float64(tfWeight(tf)*x.idf[tw.t]))
			}
		}
	}
	return out
}

// SimilarDocs returns the k documents other than d that share most with
// it, by DocSimilarity, best first; equal scores go in corpus order.
// Candidates come from the posting lists of d's rarest bigrams, so the
// cost does not grow with the corpus, and are then scored exactly. Where
// bigrams are shared by more sections than a posting list holds, the
// candidates are a consistent sample (see the package documentation), so
// in a corpus of many near-copies the k found are among the best, not
// necessarily the best.
func (x *Index) SimilarDocs(d *corpus.Document, k int) []DocScore {
	if k <= 0 {
		return nil
	}
	de, _ := x.lookup(d)
	var v []termW
	q := x.newQuery(d, len(x.docs))
	defer func() { q.release(x, d, v) }()
	for i := 0; i < len(de.entries); {
		t, tf, j := runOf(de.entries, i)
		q.tfw[t] = tfWeight(tf)
		v = append(v, termW{t, q.tfw[t] * x.idf[t]})
		i = j
	}
	want := max(rescore*k, minRescore)
	for n, tw := range x.rarest(v, maxDocQueryTerms) {
		// Enough terms, and enough candidates: in a large corpus the
		// rarest terms give plenty, in a small one it takes more.
		if n >= docQueryTerms && len(q.acc.keys) >= want {
			break
		}
		last := int32(-1)
		for _, sec := range x.post[x.postStart[tw.t]:x.postStart[tw.t+1]] {
			// A term's postings are grouped by document.
			if od := x.secs[sec].doc; od != last {
				last = od
				if !q.skip[od] {
					q.acc.add(uint32(od), float64(tw.w*x.idf[tw.t]))
				}
			}
		}
	}
	type scored struct {
		doc   uint32
		score float64
	}
	var best []scored
	for _, od := range topKeys(q.acc.keys, q.acc.sum, want) {
		o := &x.docs[od]
		if sc := round4(cosine(dotWeights(q.tfw, o.entries, x.idf), de.norm, o.norm)); sc > 0 {
			best = append(best, scored{od, sc})
		}
	}
	slices.SortFunc(best, func(a, b scored) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.doc, b.doc)
	})
	out := make([]DocScore, 0, min(k, len(best)))
	for _, b := range best[:min(k, len(best))] {
		out = append(out, DocScore{Doc: x.docs[b.doc].doc.ID, Score: b.score})
	}
	return out
}

// DocSimilarity is the cosine similarity, in [0, 1], of the two
// documents' whole texts as rarity-weighted bigram vectors: the measure
// used for sections, applied to all of them at once. It is symmetric, 1
// for a document and itself or two of the corpus's documents with the
// same text, and rounded to four decimal places.
func (x *Index) DocSimilarity(a, b *corpus.Document) float64 {
	if a == b {
		// N-grams found in one section of the corpus count in the norm
		// but are not kept, so the formula would give a document less
		// than 1 with itself.
		return 1
	}
	da, _ := x.lookup(a)
	db, _ := x.lookup(b)
	return round4(cosine(dotEntries(da.entries, db.entries, x.idf), da.norm, db.norm))
}

// dotEntries is the dot product of two documents' whole-text vectors.
// An entry whose term the other side lacks is passed one at a time: most
// terms are in one section of a document, and a run's count is only
// needed when both sides have it.
func dotEntries(ea, eb []uint64, idf []float64) float64 {
	var dot float64
	for i, j := 0, 0; i < len(ea) && j < len(eb); {
		ta, tb := uint32(ea[i]>>32), uint32(eb[j]>>32)
		switch {
		case ta < tb:
			i++
		case ta > tb:
			j++
		default:
			var tfa, tfb int
			_, tfa, i = runOf(ea, i)
			_, tfb, j = runOf(eb, j)
			dot += float64(tfWeight(tfa) * tfWeight(tfb) * idf[ta] * idf[ta])
		}
	}
	return dot
}

// dotWeights is dotEntries, given instead of the first document's
// entries the weights of its terms' counts by term id, 0 for a term it
// lacks: for a document compared with many, a look-up per entry of the
// other costs less than merging the two.
func dotWeights(tfw []float64, eb []uint64, idf []float64) float64 {
	var dot float64
	for j := 0; j < len(eb); {
		t := uint32(eb[j] >> 32)
		wa := tfw[t]
		if wa == 0 {
			j++
			continue
		}
		var tfb int
		_, tfb, j = runOf(eb, j)
		dot += float64(wa * tfWeight(tfb) * idf[t] * idf[t])
	}
	return dot
}

// topKeys returns up to n of keys, those with the greatest values in
// val, which is indexed by key, best first, ties going to the smaller
// key.
func topKeys(keys []uint32, val []float64, n int) []uint32 {
	better := func(a, b uint32) bool {
		if val[a] != val[b] {
			return val[a] > val[b]
		}
		return a < b
	}
	// A heap of the n best so far, the worst of them on top.
	h := make([]uint32, 0, n+1)
	down := func(i int) {
		for {
			l, m := 2*i+1, i
			if l < len(h) && better(h[m], h[l]) {
				m = l
			}
			if r := l + 1; r < len(h) && better(h[m], h[r]) {
				m = r
			}
			if m == i {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for _, k := range keys {
		switch {
		case len(h) < n:
			h = append(h, k)
			for i := len(h) - 1; i > 0 && better(h[(i-1)/2], h[i]); i = (i - 1) / 2 {
				h[i], h[(i-1)/2] = h[(i-1)/2], h[i]
			}
		case n > 0 && better(k, h[0]):
			h[0] = k
			down(0)
		}
	}
	slices.SortFunc(h, func(a, b uint32) int {
		if better(a, b) {
			return -1
		}
		return 1
	})
	return h
}
