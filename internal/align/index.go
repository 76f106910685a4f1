package align

import (
	"hash/fnv"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"tiaowen/internal/corpus"
	"tiaowen/internal/textnorm"
)

// The thresholds of Align. The package documentation gives the reasons for
// their values.
const (
	// Threshold is the least score at which two sections may be paired.
	Threshold = 0.12
	// ReciprocalThreshold is the least score at which two sections that
	// are each other's best match in the other document may be paired.
	ReciprocalThreshold = 0.07
	// HeadingThreshold is the least score at which two headings may be
	// paired.
	HeadingThreshold = 0.2
)

// The parameters of the model; the package documentation gives the
// reasons for each value.
const (
	// gramLen is the length of the character n-grams: bigrams.
	gramLen = 2
	// titleWeight is the share of the similarity of titles alone in the
	// score of two sections that both have titles.
	titleWeight = 0.25
	// stopFraction and stopFloor set the document frequency above which
	// an n-gram is too common to discriminate: more than stopFraction of
	// all sections, and more than stopFloor sections.
	stopFraction = 0.2
	stopFloor    = 12
	// postingCap bounds each n-gram's posting list in the corpus-wide
	// inverted index.
	postingCap = 64
)

// params are the tunable parts of an Index, so that tests can compare
// settings.
type params struct {
	gram         int
	titleWeight  float64
	stopFraction float64
	stopFloor    int
	postingCap   int
	threshold    float64
	reciprocal   float64
	heading      float64
}

func defaultParams() params {
	return params{gram: gramLen, titleWeight: titleWeight, stopFraction: stopFraction, stopFloor: stopFloor,
		postingCap: postingCap, threshold: Threshold, reciprocal: ReciprocalThreshold,
		heading: HeadingThreshold}
}

// Index is the similarity model of a corpus: every section's weighted
// n-gram vector, the n-grams' rarity, and an inverted index from n-grams to
// sections. NewIndex builds it; it is read-only afterwards, so its methods
// are safe for concurrent use.
type Index struct {
	p params
	// terms maps an n-gram's key to its term id, or to stopTerm for an
	// n-gram too common to count. N-grams found in one section only have
	// no id: they can never be shared.
	terms map[uint64]uint32
	idf   []float64 // by term id
	df    []uint32  // by term id: in how many sections
	// idfOnce is the weight of an n-gram found in one section, or none.
	idfOnce float64
	// sections is the number of sections of the corpus.
	sections int

	docs  []docEntry
	byPtr map[*corpus.Document]int
	byID  map[string][]int32 // the documents with each id
	secs  []secEntry         // every section, document by document

	// The sections holding term t are post[postStart[t]:postStart[t+1]],
	// at most postingCap of them, grouped by document.
	postStart []uint32
	post      []uint32
}

// stopTerm marks an n-gram too common to discriminate.
const stopTerm = math.MaxUint32

// docEntry is one document of the index.
type docEntry struct {
	doc   *corpus.Document
	first int // the index in Index.secs of its first section
	// entries are the vectors of the document's sections, transposed:
	// one per pair of term and section, packed by packEntry and sorted,
	// so by term, then section. titles are the same for the titles alone.
	entries []uint64
	titles  []uint64
	norm    float64 // of the vector of the whole document
}

// secEntry is one section of the index.
type secEntry struct {
	doc   int32   // index in Index.docs
	norm  float64 // of the vector of title and text
	tnorm float64 // of the vector of the title alone
}

// packEntry packs a term id, a section's index within its document and
// the term's count there (at most 255) so that sorting the packed values
// sorts by term, then section.
func packEntry(term uint32, sec int, tf int) uint64 {
	return uint64(term)<<32 | uint64(sec)<<8 | uint64(min(tf, 255))
}

func unpackEntry(e uint64) (term uint32, sec int, tf int) {
	return uint32(e >> 32), int(e>>8) & 0xFFFFFF, int(e & 0xFF)
}

// runOf returns the term of entries[i], its count summed over the run of
// entries with that term, and the end of the run.
func runOf(entries []uint64, i int) (term uint32, tf, end int) {
	term = uint32(entries[i] >> 32)
	for end = i; end < len(entries) && uint32(entries[end]>>32) == term; end++ {
		tf += int(entries[end] & 0xFF)
	}
	return term, tf, end
}

// maxSections is the most sections of a document packEntry can number;
// any beyond are left out of the index, and never paired.
const maxSections = 1 << 24

// sectionsOf returns the sections of d that the index covers.
func sectionsOf(d *corpus.Document) []*corpus.Section {
	return d.Sections[:min(len(d.Sections), maxSections)]
}

// NewIndex normalises every section of c and builds the index, in time
// and memory linear in the size of the corpus.
func NewIndex(c *corpus.Corpus) *Index {
	return newIndex(c, defaultParams())
}

func newIndex(c *corpus.Corpus, p params) *Index {
	x := &Index{p: p, byPtr: make(map[*corpus.Document]int, len(c.Docs)),
		byID: make(map[string][]int32, len(c.Docs))}
	x.vocabulary(c)
	// Pass 2: the vectors, which only read what pass 1 made: each
	// document's on any core, put together in corpus order.
	type docVectors struct {
		de   docEntry
		secs []secEntry
	}
	vecs := make([]docVectors, len(c.Docs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(c.Docs), 1)) {
		wg.Go(func() {
			var g grams
			for di := int(next.Add(1) - 1); di < len(c.Docs); di = int(next.Add(1) - 1) {
				vecs[di].de, vecs[di].secs = x.vectors(c.Docs[di], &g)
			}
		})
	}
	wg.Wait()
	x.secs = make([]secEntry, 0, x.sections)
	x.docs = make([]docEntry, 0, len(c.Docs))
	for di, d := range c.Docs {
		x.byPtr[d] = di
		x.byID[d.ID] = append(x.byID[d.ID], int32(di))
		de := vecs[di].de
		de.first = len(x.secs)
		for _, se := range vecs[di].secs {
			se.doc = int32(di)
			x.secs = append(x.secs, se)
		}
		x.docs = append(x.docs, de)
	}
	x.buildPostings()
	return x
}

// vocabulary is pass 1 of an index of c: the corpus's n-grams, their
// term ids and weights.
func (x *Index) vocabulary(c *corpus.Corpus) {
	var g grams
	p := x.p
	// Pass 1: in how many sections each n-gram occurs, and the order in
	// which n-grams first occur, which numbers the terms the same way on
	// every run, whatever the order of map iteration: section by
	// section, and within a section in order of key. Only the n-grams a
	// section is the first to hold need sorting for that, a few once the
	// first documents are read, so a section's n-grams are counted
	// unsorted, each once, by the last section counted for it.
	type gramCount struct{ df, last uint32 }
	at := map[uint64]int{} // index in counts
	var counts []gramCount
	var seen, fresh []uint64
	nsec := 0
	for _, d := range c.Docs {
		for _, s := range sectionsOf(d) {
			nsec++
			fresh = fresh[:0]
			for _, k := range g.gather(s, p.gram, false) {
				i, ok := at[k]
				switch {
				case !ok:
					at[k] = len(counts)
					counts = append(counts, gramCount{1, uint32(nsec)})
					fresh = append(fresh, k)
				case counts[i].last != uint32(nsec):
					counts[i].df++
					counts[i].last = uint32(nsec)
				}
			}
			slices.Sort(fresh)
			seen = append(seen, fresh...)
		}
	}
	limit := max(uint32(p.stopFraction*float64(nsec)), uint32(p.stopFloor))
	x.idfOnce = idf(nsec, 1)
	x.sections = nsec
	x.terms = make(map[uint64]uint32)
	for _, k := range seen {
		switch n := counts[at[k]].df; {
		case n > limit:
			x.terms[k] = stopTerm
		case n > 1:
			x.terms[k] = uint32(len(x.idf))
			x.idf = append(x.idf, idf(nsec, int(n)))
			x.df = append(x.df, n)
		}
	}
}

// vectors computes a document's entries and norm, and its sections'
// norms, with the index's terms and weights.
func (x *Index) vectors(d *corpus.Document, g *grams) (docEntry, []secEntry) {
	de := docEntry{doc: d}
	secs := sectionsOf(d)
	out := make([]secEntry, len(secs))
	var onceSq float64
	for si, s := range secs {
		sq, once := x.addEntries(&de.entries, g.counted(s, x.p.gram, false), si)
		onceSq += once
		out[si].norm = math.Sqrt(sq)
		tsq, _ := x.addEntries(&de.titles, g.counted(s, x.p.gram, true), si)
		out[si].tnorm = math.Sqrt(tsq)
	}
	// The entries were added section by section, so sorting them by
	// term alone, stably, sorts them.
	most := uint32(max(len(x.idf)-1, 0))
	de.entries = slices.Clip(sortByHigh(de.entries, make([]uint64, len(de.entries)), most))
	de.titles = slices.Clip(sortByHigh(de.titles, make([]uint64, len(de.titles)), most))
	// Sum in term order, so that the norm has the same bits every run.
	sq := onceSq
	for i := 0; i < len(de.entries); {
		t, tf, j := runOf(de.entries, i)
		w := tfWeight(tf) * x.idf[t]
		sq += float64(w * w)
		i = j
	}
	de.norm = math.Sqrt(sq)
	return de, out
}

// sortByHigh sorts s, in which any two values with the same high 32 bits
// are already in ascending order and no high half exceeds most, and
// returns the result, which is s or tmp, as long as s. It sorts stably by
// the high halves alone, a byte at a time from the lowest (a radix sort),
// which gives the order slices.Sort gives: sorting each document's
// entries by term, thousands of them, took the index several times as
// long with slices.Sort.
func sortByHigh(s, tmp []uint64, most uint32) []uint64 {
	if len(s) < 64 {
		slices.Sort(s)
		return s
	}
	tmp = tmp[:len(s)]
	for shift := 32; shift < 64 && most>>(shift-32) > 0; shift += 8 {
		var at [257]int
		for _, v := range s {
			at[int(byte(v>>shift))+1]++
		}
		for i := 1; i < len(at); i++ {
			at[i] += at[i-1]
		}
		for _, v := range s {
			b := byte(v >> shift)
			tmp[at[b]] = v
			at[b]++
		}
		s, tmp = tmp, s
	}
	return s
}

// weigh looks up an n-gram with term frequency tf: its term id, its
// weight, and whether the corpus knows it (an n-gram found in no other
// section has the weight of one found once, and no term id). skip is set
// for a stop term, which counts for nothing.
func (x *Index) weigh(kt keyTF) (id uint32, w float64, known, skip bool) {
	id, known = x.terms[kt.key]
	if id == stopTerm {
		return id, 0, true, true
	}
	w = tfWeight(kt.tf)
	if !known {
		return id, w * x.idfOnce, false, false
	}
	return id, w * x.idf[id], true, false
}

// addEntries appends the entries of section si's n-grams and returns the
// square of the section's norm, and the part of it due to n-grams found in
// no other section, which count in the norm but can never be shared.
func (x *Index) addEntries(dst *[]uint64, kts []keyTF, si int) (sq, once float64) {
	for _, kt := range kts {
		id, w, known, skip := x.weigh(kt)
		if skip {
			continue
		}
		// The conversions keep the product from being fused with the
		// sum, which would change the bits on some machines.
		sq += float64(w * w)
		if !known {
			once += float64(w * w)
			continue
		}
		*dst = append(*dst, packEntry(id, si, kt.tf))
	}
	return sq, once
}

// buildPostings fills the capped posting lists. Where an n-gram is in more
// sections than the cap, the sections kept are those of the documents
// with the smallest hashes of their ids: a consistent sample, so that a
// document sampled for one common n-gram is sampled for all of them, and
// a document's place in the sample does not depend on the rest of the
// corpus.
func (x *Index) buildPostings() {
	order := make([]int, len(x.docs))
	hashes := make([]uint64, len(x.docs))
	for i, d := range x.docs {
		order[i] = i
		h := fnv.New64a()
		h.Write([]byte(d.doc.ID))
		hashes[i] = h.Sum64()
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case hashes[a] < hashes[b]:
			return -1
		case hashes[a] > hashes[b]:
			return 1
		}
		return a - b
	})
	x.postStart = make([]uint32, len(x.idf)+1)
	for t, n := range x.df {
		x.postStart[t+1] = x.postStart[t] + min(n, uint32(x.p.postingCap))
	}
	x.post = make([]uint32, x.postStart[len(x.idf)])
	fill := make([]uint32, len(x.idf))
	for _, di := range order {
		d := &x.docs[di]
		for _, e := range d.entries {
			t, si, _ := unpackEntry(e)
			if at := x.postStart[t] + fill[t]; at < x.postStart[t+1] {
				x.post[at] = uint32(d.first + si)
				fill[t]++
			}
		}
	}
}

// idf is the rarity weight of an n-gram found in n of the corpus's
// sections.
func idf(sections, n int) float64 {
	return math.Log(1 + float64(sections)/float64(max(n, 1)))
}

// tfWeight damps repeated n-grams: a phrase said three times is not three
// times the evidence.
func tfWeight(tf int) float64 {
	if tf < len(tfWeights) {
		return tfWeights[tf]
	}
	return tfWeightOf(tf)
}

// tfWeights holds tfWeight of the counts an entry can hold, as a
// logarithm per lookup was a tenth of the time of Align.
var tfWeights = func() (w [256]float64) {
	for tf := range w {
		w[tf] = tfWeightOf(tf)
	}
	return w
}()

func tfWeightOf(tf int) float64 {
	if tf <= 1 {
		return 1
	}
	return 1 + math.Log(float64(tf))
}

// keyTF is an n-gram's key and its count in a section.
type keyTF struct {
	key uint64
	tf  int
}

// grams turns sections into n-gram keys. It keeps its buffers between
// calls; what it returns is valid until the next call.
type grams struct {
	keys []uint64
	kts  []keyTF
	norm textnorm.Normalizer
}

// gather returns the keys of the n-grams of the section's normalised
// title and normalised own text, each on its own so that no n-gram spans
// the two; or of the title alone. They are in order of place.
func (g *grams) gather(s *corpus.Section, n int, titleOnly bool) []uint64 {
	g.keys = g.keys[:0]
	g.add(s.Title, n)
	if !titleOnly {
		g.add(s.Text, n)
	}
	return g.keys
}

// add appends the keys of the n-grams of text, normalised. A text shorter
// than n gives one key of all its runes.
func (g *grams) add(text string, n int) {
	if text == "" {
		return
	}
	rs := g.norm.Runes(text).Runes()
	switch {
	case len(rs) == 0:
	case len(rs) < n:
		g.keys = append(g.keys, gramKey(rs, n))
	default:
		for i := 0; i+n <= len(rs); i++ {
			g.keys = append(g.keys, gramKey(rs[i:i+n], n))
		}
	}
}

// counted returns the keys of a section's n-grams, each once with its
// count, sorted by key.
func (g *grams) counted(s *corpus.Section, n int, titleOnly bool) []keyTF {
	slices.Sort(g.gather(s, n, titleOnly))
	g.kts = g.kts[:0]
	for i := 0; i < len(g.keys); {
		j := i + 1
		for j < len(g.keys) && g.keys[j] == g.keys[i] {
			j++
		}
		g.kts = append(g.kts, keyTF{g.keys[i], j - i})
		i = j
	}
	return g.kts
}

// gramKey packs up to three runes, 21 bits each, into a key. The top bit
// marks a text shorter than n, so that its key is never an n-gram's.
func gramKey(rs []rune, n int) uint64 {
	var k uint64
	for _, r := range rs {
		k = k<<21 | uint64(r)&0x1FFFFF
	}
	if len(rs) < n {
		k |= 1 << 63
	}
	return k
}
