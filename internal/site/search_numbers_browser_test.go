package site_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tiaowen/internal/textnorm"
)

// TestBrowserSearchNumbers: a number is found whole. 2025 finds the
// sections that say 2025 — worked out here from the seeds' text, cut at
// clause ends and normalised as the index is — and no section for 202
// or 025 alone, which would be every year of the decade; a number in a
// phrase (2025年) is matched as the phrase is.
func TestBrowserSearchNumbers(t *testing.T) {
	s := seedSite(t)
	c := loadSeeds(t, filepath.Join(s.root, "content"))
	var want, decade []ref
	for _, d := range c.Docs {
		for _, sec := range d.Sections {
			says, near := false, false
			for _, part := range strings.FieldsFunc(sec.Title+"\n"+sec.Text, textnorm.IsClauseEnd) {
				k := textnorm.Key(part)
				says = says || strings.Contains(k, "2025")
				near = near || strings.Contains(k, "202") || strings.Contains(k, "025")
			}
			if says {
				want = append(want, ref{d.ID, sec.EID})
			} else if near {
				decade = append(decade, ref{d.ID, sec.EID})
			}
		}
	}
	if len(want) < 3 || len(decade) < 3 {
		t.Fatalf("the seeds have %d sections with 2025 and %d with 202 or 025 alone; the test wants a few of each", len(want), len(decade))
	}
	ctx, base := startOn(t, s, "http")
	searchOpen(t, ctx, base, "q", "2025")
	var got []ref
	for _, h := range searchHits(t, ctx) {
		got = append(got, h.ref())
		if h.Tier != "exact" {
			t.Errorf("2025 finds %v as %s", h.ref(), h.Tier)
		}
	}
	slices.SortFunc(got, compareRefs)
	slices.SortFunc(want, compareRefs)
	if !slices.Equal(got, want) {
		t.Errorf("2025 finds %v, want the %d sections that say it: %v", got, len(want), want)
	}
}
