package site_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tiaowen/internal/textnorm"
)

// TestBrowserSearchExclude: a word or a quoted phrase with a minus
// before it keeps out the sections that say it, as in a web search
// engine. On the seeds, 质量 -产品 finds the sections that 质量 finds
// but for those that say 产品 — worked out here from the text, cut at
// clause ends and normalised as the index is —, in the order 质量 finds
// them; -產品 in 繁體, －产品 with a full-width minus and -"产品" quoted
// are the same query; two exclusions keep out both; exclusions alone
// list every section but those; an exclusion and a document chosen
// keep that document's part. The status names what was kept out, the
// address keeps the query as typed, and a minus inside a word (质量-强省)
// is only punctuation.
func TestBrowserSearchExclude(t *testing.T) {
	s := seedSite(t)
	c := loadSeeds(t, filepath.Join(s.root, "content"))
	says := map[string]map[ref]bool{}
	all := 0
	for _, d := range c.Docs {
		for _, sec := range d.Sections {
			all++
			for _, part := range strings.FieldsFunc(sec.Title+"\n"+sec.Text, textnorm.IsClauseEnd) {
				k := textnorm.Key(part)
				for _, w := range []string{"产品", "质量基础设施", "标准"} {
					if strings.Contains(k, w) {
						if says[w] == nil {
							says[w] = map[ref]bool{}
						}
						says[w][ref{d.ID, sec.EID}] = true
					}
				}
			}
		}
	}
	for _, w := range []string{"产品", "质量基础设施", "标准"} {
		if len(says[w]) < 5 {
			t.Fatalf("only %d sections of the seeds say %s; the test wants more", len(says[w]), w)
		}
	}
	ctx, base := startOn(t, s, "http")
	query := func(params ...string) []ref {
		t.Helper()
		searchOpen(t, ctx, base, params...)
		var got []ref
		for _, h := range searchHits(t, ctx) {
			got = append(got, h.ref())
		}
		return got
	}
	without := func(hits []ref, words ...string) []ref {
		return slices.DeleteFunc(slices.Clone(hits), func(r ref) bool {
			return slices.ContainsFunc(words, func(w string) bool { return says[w][r] })
		})
	}
	status := func() string {
		return searchEval[string](t, ctx, `document.getElementById("search-status").textContent`)
	}

	quality := query("q", "质量")
	want := without(quality, "产品")
	if len(want) == len(quality) || len(want) == 0 {
		t.Fatalf("of the %d sections 质量 finds, %d do not say 产品; the test wants some of each", len(quality), len(want))
	}
	for _, q := range []string{"质量 -产品", "质量 -產品", "质量 －产品", `质量 -"产品"`, "-「产品」 质量"} {
		if got := query("q", q); !slices.Equal(got, want) {
			t.Errorf("%s: found %d sections, want the %d that 质量 finds without 产品, in its order\n got %v\nwant %v", q, len(got), len(want), got, want)
		}
		if st := status(); !strings.Contains(st, "均不含“") {
			t.Errorf("%s: the status %q does not say what was kept out", q, st)
		}
		if got := searchEval[string](t, ctx, `new URLSearchParams(location.search).get("q")`); got != q {
			t.Errorf("%s: the address keeps the query as %q", q, got)
		}
	}
	searchOpen(t, ctx, base, "q", "质量 -产品")
	if st := status(); !strings.Contains(st, "均不含“产品”。") {
		t.Errorf("质量 -产品: the status says %q, want it to say 均不含“产品”", st)
	}

	two := without(quality, "产品", "质量基础设施")
	if got := query("q", `质量 -产品 -"质量基础设施"`); !slices.Equal(got, two) || len(two) == len(want) {
		t.Errorf(`质量 -产品 -"质量基础设施": found %d sections, want the %d that say neither`, len(got), len(two))
	}

	// Exclusions alone: every section but those, in corpus order.
	var every []ref
	for _, d := range c.Docs {
		for _, sec := range d.Sections {
			if r := (ref{d.ID, sec.EID}); !says["标准"][r] {
				every = append(every, r)
			}
		}
	}
	if got := query("q", "-标准"); !slices.Equal(got, every) {
		t.Errorf("-标准: found %d sections, want the %d of %d that do not say 标准", len(got), len(every), all)
	}

	doc := want[len(want)-1].doc
	var inDoc []ref
	for _, r := range want {
		if r.doc == doc {
			inDoc = append(inDoc, r)
		}
	}
	if got := query("q", "质量 -产品", "doc", doc); !slices.Equal(got, inDoc) {
		t.Errorf("质量 -产品 in %s: found %v, want %v", doc, got, inDoc)
	}

	// A minus inside a word is punctuation, which search leaves out: 质量-强省
	// is 质量强省.
	if got, joined := query("q", "质量-强省"), query("q", "质量强省"); !slices.Equal(got, joined) || len(got) == 0 {
		t.Errorf("质量-强省 found %d sections, 质量强省 %d: the minus inside a word is no exclusion", len(got), len(joined))
	}
}
