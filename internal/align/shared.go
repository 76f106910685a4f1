package align

import (
	"cmp"
	"slices"

	"tiaowen/internal/textnorm"
)

// MinShared is the least length, in normalised characters, of a shared
// passage: longer than the stock terms every such document uses
// (「质量基础设施」 is six characters), shorter than a clause.
const MinShared = 8

// SharedPassages returns the passages of at least MinShared normalised
// characters that texts a and b have in common, as code-point ranges in
// each, in the order of a. The passages do not overlap on either side;
// longer ones are taken first, so a long passage is never cut up by a
// short one that happens to start earlier.
func SharedPassages(a, b string) []Shared {
	var t tiler
	return t.shared(a, b)
}

// run is a passage common to two rune slices: a[a:a+n] == b[b:b+n].
type run struct{ a, b, n int }

// maxRepeats bounds how many places of b one k-gram is looked up at, so
// that a text repeating a phrase many times costs no more than one that
// does not.
const maxRepeats = 16

// tiler finds common passages. It keeps its buffers from one pair of
// texts to the next.
type tiler struct {
	ha, hb     []uint64
	head, next []int32
	ma, mb     []bool
	found, out []run
}

// shared is SharedPassages.
func (t *tiler) shared(a, b string) []Shared {
	if a == "" || b == "" {
		return []Shared{}
	}
	return t.sharedNorm(textnorm.Normalize(a), nil, textnorm.Normalize(b))
}

// sharedNorm is shared, given the two texts normalised, and the hashes
// of ta's windows of MinShared runes made by windowHashes, or nil.
func (t *tiler) sharedNorm(ta textnorm.Text, ha []uint64, tb textnorm.Text) []Shared {
	runs := t.runsHashed(ta.Runes(), ha, tb.Runes(), MinShared)
	out := make([]Shared, 0, len(runs))
	for _, r := range runs {
		as, ae := ta.Span(r.a, r.a+r.n)
		bs, be := tb.Span(r.b, r.b+r.n)
		out = append(out, Shared{A: [2]int{as, ae}, B: [2]int{bs, be}})
	}
	return out
}

// runs returns non-overlapping passages of at least k runes common to a
// and b, sorted by their place in a; the slice is valid until the next
// call. It tiles greedily, longest first, as greedy string tiling does in
// plagiarism detection: each round finds every maximal common run of at
// least k runes among the runes not yet covered, and keeps those that do
// not collide with a longer one; runs that collided are found again,
// trimmed, in the next round. So a passage's longest version wins, and
// passages repeated out of order are all found.
func (t *tiler) runs(a, b []rune, k int) []run {
	return t.runsHashed(a, nil, b, k)
}

// runsHashed is runs, given the hashes of a's windows of k runes made by
// windowHashes, or nil: a text compared with several is hashed once.
func (t *tiler) runsHashed(a []rune, ha []uint64, b []rune, k int) []run {
	t.out = t.out[:0]
	if len(a) < k || len(b) < k || k <= 0 {
		return t.out
	}
	if slices.Equal(a, b) {
		return append(t.out, run{0, 0, len(a)})
	}
	if ha == nil {
		t.ha = windowHashes(t.ha, a, k)
		ha = t.ha
	}
	t.hb = windowHashes(t.hb, b, k)
	hb := t.hb
	// A chained hash table of b's windows: head[h&mask] is 1 + the last
	// window with hash h, or 0, next[j] 1 + the one before j, or 0. Not
	// -1 for none, so that the table is cleared rather than filled.
	size := 1
	for size < 2*len(hb) {
		size <<= 1
	}
	mask := uint64(size - 1)
	t.head = resize(t.head, size)
	clear(t.head)
	t.next = resize(t.next, len(hb))
	for j, h := range hb {
		t.next[j] = t.head[h&mask]
		t.head[h&mask] = int32(j + 1)
	}
	t.ma, t.mb = resize(t.ma, len(a)), resize(t.mb, len(b))
	clear(t.ma)
	clear(t.mb)
	ma, mb := t.ma, t.mb
	marked := false // whether any rune of a or b is covered yet
	for {
		found := t.found[:0]
		capped := false // whether some window had more places in b than were looked at
		for i, h := range ha {
			if marked && !free(ma, i, k) {
				continue
			}
			seen := 0
			for j := int(t.head[h&mask]) - 1; j >= 0; j = int(t.next[j]) - 1 {
				if hb[j] != h || marked && !free(mb, j, k) {
					continue
				}
				if seen == maxRepeats {
					capped = true
					break
				}
				seen++
				// Only runs that cannot be extended to the left: the
				// others are the tails of runs found already.
				if i > 0 && j > 0 && !ma[i-1] && !mb[j-1] && a[i-1] == b[j-1] {
					continue
				}
				if !slices.Equal(a[i:i+k], b[j:j+k]) {
					continue
				}
				n := k
				for i+n < len(a) && j+n < len(b) && !ma[i+n] && !mb[j+n] && a[i+n] == b[j+n] {
					n++
				}
				found = append(found, run{i, j, n})
			}
		}
		t.found = found
		if len(found) == 0 {
			break
		}
		slices.SortFunc(found, func(x, y run) int {
			if c := cmp.Compare(y.n, x.n); c != 0 {
				return c
			}
			if c := cmp.Compare(x.a, y.a); c != 0 {
				return c
			}
			return cmp.Compare(x.b, y.b)
		})
		collided := false
		for _, r := range found {
			if free(ma, r.a, r.n) && free(mb, r.b, r.n) {
				for d := range r.n {
					ma[r.a+d], mb[r.b+d] = true, true
				}
				t.out = append(t.out, r)
			} else {
				collided = true
			}
		}
		marked = true
		// A round in which every run found was kept, and every window
		// looked at all its places in b, leaves nothing for the next
		// to find: each pair of equal free windows lies on the diagonal
		// of a run it found and kept. Checking that took a whole pass
		// over a.
		if !collided && !capped {
			break
		}
	}
	slices.SortFunc(t.out, func(x, y run) int { return cmp.Compare(x.a, y.a) })
	return t.out
}

// resize returns s with length n, reusing its array when it is large
// enough. The contents are not cleared.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// windowHashes sets dst to a polynomial hash of every k-rune window of s.
func windowHashes(dst []uint64, s []rune, k int) []uint64 {
	const base = 1_000_003
	var pow uint64 = 1
	for range k - 1 {
		pow *= base
	}
	dst = resize(dst, len(s)-k+1)
	var h uint64
	for i, r := range s {
		if i >= k {
			dst[i-k] = h
			h -= uint64(s[i-k]) * pow
		}
		h = h*base + uint64(r)
	}
	dst[len(s)-k] = h
	return dst
}

// free reports whether none of marked[i:i+n] is set.
func free(marked []bool, i, n int) bool {
	for _, m := range marked[i : i+n] {
		if m {
			return false
		}
	}
	return true
}
