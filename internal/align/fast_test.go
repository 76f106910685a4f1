package align

import (
	"math"
	"math/rand"
	"slices"
	"testing"
)

// The tests here check the faster forms of the index's computations
// against the plain ones they replace, to the bit: the outputs of a site
// must not change by a byte when the code gets faster.

// TestSortByHigh checks the radix sort against a comparison sort, on
// values whose low halves are in order among equal high halves, as
// entries and rarest's keys are.
func TestSortByHigh(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for _, most := range []uint32{0, 1, 200, 255, 256, 11761, 1<<24 + 5, math.MaxUint32 - 1} {
		for _, n := range []int{0, 1, 63, 64, 65, 1000, 7000} {
			s := make([]uint64, n)
			for i := range s {
				high := uint64(r.Int63n(int64(most) + 1))
				s[i] = high<<32 | uint64(i) // low halves in order
			}
			want := slices.Sorted(slices.Values(s))
			if got := sortByHigh(slices.Clone(s), make([]uint64, n), most); !slices.Equal(got, want) {
				t.Fatalf("most %d, %d values: not sorted as slices.Sort sorts them", most, n)
			}
		}
	}
}

// mergeDots is the plain form of termRuns.dots: it merges the two
// documents' term-sorted entries.
func mergeDots(idf []float64, ea, eb []uint64, na, nb int) []float64 {
	t := make([]float64, na*nb)
	for i, j := 0, 0; i < len(ea) && j < len(eb); {
		ta, tb := uint32(ea[i]>>32), uint32(eb[j]>>32)
		switch {
		case ta < tb:
			i++
			continue
		case ta > tb:
			j++
			continue
		}
		i2, j2 := i, j
		for i2 < len(ea) && uint32(ea[i2]>>32) == ta {
			i2++
		}
		for j2 < len(eb) && uint32(eb[j2]>>32) == ta {
			j2++
		}
		w := idf[ta] * idf[ta]
		for _, e := range ea[i:i2] {
			_, sa, tfa := unpackEntry(e)
			wa := tfWeight(tfa) * w
			for _, f := range eb[j:j2] {
				_, sb, tfb := unpackEntry(f)
				t[sa*nb+sb] += float64(wa * tfWeight(tfb))
			}
		}
		i, j = i2, j2
	}
	return t
}

// TestDotsMatchMerge checks the dot products of sections, looked up term
// by term, against those of a merge of the two documents' entries, and
// the dot products of whole documents, from a table of weights, against
// those of dotEntries.
func TestDotsMatchMerge(t *testing.T) {
	c := loadSeeds(t)
	x := NewIndex(c)
	for _, a := range c.Docs {
		da, na := x.lookup(a)
		sc := x.newScorer(da, na)
		q := x.newQuery(a, len(x.docs))
		var v []termW
		for i := 0; i < len(da.entries); {
			term, tf, j := runOf(da.entries, i)
			q.tfw[term] = tfWeight(tf)
			v = append(v, termW{term, 0})
			i = j
		}
		for _, b := range c.Docs {
			db, nb := x.lookup(b)
			for _, kind := range []struct {
				r      *termRuns
				ea, eb []uint64
			}{{&sc.full, da.entries, db.entries}, {&sc.title, da.titles, db.titles}} {
				var got dotTable
				kind.r.dots(&got, kind.eb, len(na), len(nb))
				want := mergeDots(x.idf, kind.ea, kind.eb, len(na), len(nb))
				for k, w := range want {
					if g := got.get(k/len(nb), k%len(nb)); math.Float64bits(g) != math.Float64bits(w) {
						t.Fatalf("%s, %s: cell %d is %v, a merge gives %v", a.ID, b.ID, k, g, w)
					}
				}
			}
			got, want := dotWeights(q.tfw, db.entries, x.idf), dotEntries(da.entries, db.entries, x.idf)
			if math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("%s, %s: dotWeights %v, dotEntries %v", a.ID, b.ID, got, want)
			}
		}
		sc.release()
		q.release(x, a, v)
	}
}
