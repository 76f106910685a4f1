package site

import (
	"bytes"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"tiaowen/internal/align"
)

// sameAsEncoder fails unless compareJSON prints al as encodeJSON does.
func sameAsEncoder(t *testing.T, al align.Alignment) {
	t.Helper()
	var got, want bytes.Buffer
	errGot, errWant := compareJSON(&got, al), encodeJSON(&want, al)
	if (errGot != nil) != (errWant != nil) {
		t.Fatalf("%+v: compareJSON error %v, encoding/json error %v", al, errGot, errWant)
	}
	if errWant != nil {
		return
	}
	if a, b := got.Bytes(), want.Bytes(); !bytes.Equal(a, b) {
		i := 0
		for i < len(a) && i < len(b) && a[i] == b[i] {
			i++
		}
		from := max(0, i-80)
		t.Fatalf("compareJSON differs from encoding/json at byte %d:\ngot:  %q\nwant: %q", i, a[from:min(len(a), i+80)], b[from:min(len(b), i+80)])
	}
}

// TestCompareJSONSameAsEncoder: /api/compare/*.json is printed by hand;
// it must be what encoding/json prints, byte for byte — for the seeds'
// alignments and for random ones with awkward ids, scores and empty,
// nil and long lists.
func TestCompareJSONSameAsEncoder(t *testing.T) {
	s, problems, err := Load(Options{Content: filepath.Join("..", "..", "content")})
	if err != nil || problems.Err() != nil {
		t.Fatalf("Load: %v %v", err, problems.Err())
	}
	if len(s.alignments) != 10 {
		t.Fatalf("the seeds have %d alignments, want 10", len(s.alignments))
	}
	for _, al := range s.alignments {
		sameAsEncoder(t, al)
	}

	ids := []string{"", "p1", "p1-s2-i3", "doc-00001", `引"号`, `a\b`, "tab\there", "nl\n", "\x00\x1f\x7f", "<&>", "\u2028\u2029",
		"bad\xffutf8", "繁體", "😀", "ünï"}
	floats := []float64{0, 1, 0.5, 0.5667, 0.0001, 1e-7, 1e-6, 9.99e-7, 1e20, 1e21, 1.5e300, 123456789.125, math.Copysign(0, -1), -0.25,
		math.SmallestNonzeroFloat64, math.MaxFloat64, 1.0 / 3}
	r := rand.New(rand.NewPCG(7, 11))
	id := func() string { return ids[r.IntN(len(ids))] }
	ids4 := func() []string {
		switch r.IntN(4) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		out := make([]string, r.IntN(5)+1)
		for i := range out {
			out[i] = id()
		}
		return out
	}
	for range 3000 {
		al := align.Alignment{A: id(), B: id(), UnmatchedA: ids4(), UnmatchedB: ids4()}
		if n := r.IntN(6); n > 0 || r.IntN(2) == 0 {
			al.Pairs = make([]align.Pair, n)
		}
		for i := range al.Pairs {
			p := align.Pair{A: id(), B: id(), Score: floats[r.IntN(len(floats))]}
			if r.IntN(3) == 0 {
				p.Score = r.Float64()
			}
			if n := r.IntN(4); n > 0 || r.IntN(2) == 0 {
				p.Shared = make([]align.Shared, n)
			}
			for k := range p.Shared {
				p.Shared[k] = align.Shared{A: [2]int{r.IntN(5000) - 10, r.IntN(1 << 40)}, B: [2]int{r.IntN(100), r.IntN(100)}}
			}
			al.Pairs[i] = p
		}
		sameAsEncoder(t, al)
	}
	for _, bad := range []float64{math.NaN(), math.Inf(1)} {
		var b bytes.Buffer
		if compareJSON(&b, align.Alignment{Pairs: []align.Pair{{Score: bad}}}) == nil {
			t.Errorf("a score of %v printed without an error", bad)
		}
	}
}
