package align

import (
	"reflect"
	"slices"
	"testing"

	"tiaowen/internal/textnorm"
)

// TestRarity: the index's counts, as Rarity lists them, are those of a
// count done by hand over the seeds: every bigram of every section's
// normalised title and text (and a text shorter than a bigram, whole),
// in how many sections, listed when more than one, 0 past the stop
// limit.
func TestRarity(t *testing.T) {
	c := loadSeeds(t)
	x := NewIndex(c)
	r := x.Rarity()

	in := map[string]map[int]bool{}
	sections := 0
	for _, d := range c.Docs {
		for _, s := range d.Sections {
			for _, text := range []string{s.Title, s.Text} {
				rs := textnorm.Normalize(text).Runes()
				var grams []string
				switch {
				case len(rs) == 0:
				case len(rs) < 2:
					grams = append(grams, string(rs))
				default:
					for i := 0; i+2 <= len(rs); i++ {
						grams = append(grams, string(rs[i:i+2]))
					}
				}
				for _, g := range grams {
					if in[g] == nil {
						in[g] = map[int]bool{}
					}
					in[g][sections] = true
				}
			}
			sections++
		}
	}
	if r.Sections != sections {
		t.Errorf("Sections = %d, want %d", r.Sections, sections)
	}
	limit := max(int(stopFraction*float64(sections)), stopFloor)
	var want []string
	for g, secs := range in {
		if len(secs) > 1 {
			want = append(want, g)
		}
	}
	slices.Sort(want)
	if !slices.Equal(r.Grams, want) {
		t.Fatalf("Rarity lists %d grams, want the %d found in more than one section", len(r.Grams), len(want))
	}
	stops := 0
	for i, g := range r.Grams {
		n := len(in[g])
		switch got := int(r.Counts[i]); {
		case n > limit && got != 0:
			t.Errorf("%q: count %d, want 0: it is in %d sections, past the limit %d", g, got, n, limit)
		case n > limit:
			stops++
		case got != n:
			t.Errorf("%q: count %d, want %d", g, got, n)
		}
	}
	if stops == 0 {
		t.Error("no gram is past the stop limit: the seeds have some (的, 质量)")
	}
	t.Logf("%d sections, %d grams in more than one, %d of them stop grams", sections, len(r.Grams), stops)
	if counted := CountGrams(c); !reflect.DeepEqual(counted, r) {
		t.Errorf("CountGrams lists %d grams over %d sections, the index %d over %d", len(counted.Grams), counted.Sections, len(r.Grams), r.Sections)
	}
}
