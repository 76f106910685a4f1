package align

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"tiaowen/internal/corpus"
	"tiaowen/internal/textnorm"
)

// slice returns the code points [r[0], r[1]) of s.
func slice(s string, r [2]int) string {
	rs := []rune(s)
	if r[0] < 0 || r[0] > r[1] || r[1] > len(rs) {
		return fmt.Sprintf("<bad range %v of %d>", r, len(rs))
	}
	return string(rs[r[0]:r[1]])
}

// checkShared checks that every passage is at least MinShared normalised
// characters, reads the same on both sides once normalised, and that
// passages do not overlap on either side.
func checkShared(t *testing.T, a, b string, shared []Shared) {
	t.Helper()
	var lastA int
	var spansB [][2]int
	for _, sh := range shared {
		ka, kb := textnorm.Key(slice(a, sh.A)), textnorm.Key(slice(b, sh.B))
		if ka != kb {
			t.Errorf("passage %v–%v: %q ≠ %q", sh.A, sh.B, ka, kb)
		}
		if n := len([]rune(ka)); n < MinShared {
			t.Errorf("passage %v: %d characters, want at least %d", sh.A, n, MinShared)
		}
		if sh.A[0] < lastA {
			t.Errorf("passage %v overlaps or precedes the one before, ending at %d", sh.A, lastA)
		}
		lastA = sh.A[1]
		for _, o := range spansB {
			if sh.B[0] < o[1] && o[0] < sh.B[1] {
				t.Errorf("passages %v and %v overlap in b", sh.B, o)
			}
		}
		spansB = append(spansB, sh.B)
	}
}

// TestGuangdongGuangzhou checks the pair the issue names: the 纲要's
// （二十四） and the 方案's 二、（七）4. share a sentence word for word.
func TestGuangdongGuangzhou(t *testing.T) {
	c := loadSeeds(t)
	gd, gz := c.Doc("guangdong-2023-gangyao"), c.Doc("guangzhou-2023-fangan")
	al := NewIndex(c).Align(gd, gz)
	var pair *Pair
	for i, p := range al.Pairs {
		if p.A == "s24" {
			pair = &al.Pairs[i]
		}
	}
	if pair == nil || pair.B != "p2-s7-i4" {
		t.Fatalf("s24 paired with %+v, want p2-s7-i4", pair)
	}
	a, b := gd.Section("s24").Text, gz.Section("p2-s7-i4").Text
	checkShared(t, a, b, pair.Shared)
	const want = "打造质量基础设施集成服务基地"
	found := false
	for _, sh := range pair.Shared {
		pa, pb := slice(a, sh.A), slice(b, sh.B)
		if strings.Contains(textnorm.Key(pa), want) && strings.Contains(textnorm.Key(pb), want) {
			found = true
			t.Logf("shared: a%v 「%s」 b%v 「%s」", sh.A, pa, sh.B, pb)
		}
	}
	if !found {
		t.Errorf("no shared passage holds 「%s」: %+v", want, pair.Shared)
	}
}

func TestSharedPassages(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want [][2]string // the passages of a and of b, as written
	}{{
		name: "traditional and simplified, different punctuation",
		a:    "（二十四）實施質量基礎設施升級增效工程，打造質量基礎設施集成服務基地。",
		b:    "围绕高端行业打造质量基础设施集成服务基地,建立需求调查",
		want: [][2]string{{"打造質量基礎設施集成服務基地", "打造质量基础设施集成服务基地"}},
	}, {
		name: "punctuation inside a passage is part of it",
		a:    "加强“双随机、一公开”监管。",
		b:    "加强双随机一公开监管",
		want: [][2]string{{"加强“双随机、一公开”监管", "加强双随机一公开监管"}},
	}, {
		name: "full-width digits and letters",
		a:    "合格率达到９８％以上，ＱＣ小组评选活动",
		b:    "合格率达到98%以上,QC小组评选活动",
		want: [][2]string{{"合格率达到９８％以上，ＱＣ小组评选活动", "合格率达到98%以上,QC小组评选活动"}},
	}, {
		name: "two passages, in the other order in b",
		a:    "推进绿色设计绿色制造。另外一些不同的话。完善质量政策评估制度",
		b:    "完善质量政策评估制度，还有别的话，推进绿色设计绿色制造",
		want: [][2]string{{"推进绿色设计绿色制造", "推进绿色设计绿色制造"}, {"完善质量政策评估制度", "完善质量政策评估制度"}},
	}, {
		name: "seven characters are not enough",
		a:    "质量基础设施建",
		b:    "质量基础设施建",
		want: nil,
	}, {
		name: "the longer passage wins where two overlap",
		a:    "甲乙丙丁戊己庚辛壬癸子丑寅卯",
		b:    "甲乙丙丁戊己庚辛。甲乙丙丁戊己庚辛壬癸子丑寅卯",
		want: [][2]string{{"甲乙丙丁戊己庚辛壬癸子丑寅卯", "甲乙丙丁戊己庚辛壬癸子丑寅卯"}},
	}, {
		name: "empty",
		a:    "",
		b:    "质量基础设施集成服务",
		want: nil,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SharedPassages(tt.a, tt.b)
			checkShared(t, tt.a, tt.b, got)
			var texts [][2]string
			for _, sh := range got {
				texts = append(texts, [2]string{slice(tt.a, sh.A), slice(tt.b, sh.B)})
			}
			if !slices.Equal(texts, tt.want) {
				t.Errorf("SharedPassages(%q, %q) = %q, want %q", tt.a, tt.b, texts, tt.want)
			}
		})
	}
}

// TestSharedPassagesTraditional checks every pair of the 纲要 and the
// traditional-script 江苏 意见: the offsets land on the original
// characters of each side.
func TestSharedPassagesTraditional(t *testing.T) {
	c := loadSeeds(t)
	gd, js := c.Doc("guangdong-2023-gangyao"), c.Doc("jiangsu-2023-yijian")
	al := NewIndex(c).Align(gd, js)
	n := 0
	for _, p := range al.Pairs {
		a, b := gd.Section(p.A).Text, js.Section(p.B).Text
		checkShared(t, a, b, p.Shared)
		for _, sh := range p.Shared {
			if pa, pb := slice(a, sh.A), slice(b, sh.B); pa != pb {
				n++ // written differently: traditional on one side
			}
		}
	}
	if n == 0 {
		t.Error("no shared passage differs in script between the 纲要 and the 江苏 意见")
	}
	// The 绿色导向 sections share a phrase in each script.
	for _, p := range al.Pairs {
		if p.A == "s4" {
			if p.B != "s21" {
				t.Fatalf("s4 paired with %s, want s21", p.B)
			}
			var got []string
			for _, sh := range p.Shared {
				got = append(got, slice(js.Section("s21").Text, sh.B))
			}
			if !slices.Contains(got, "綠色設計、綠色制造、綠色建造") {
				t.Errorf("江苏 s21 passages %q lack 「綠色設計、綠色制造、綠色建造」", got)
			}
		}
	}
}

// FuzzSharedPassages checks the invariants of shared passages on any two
// texts.
func FuzzSharedPassages(f *testing.F) {
	f.Add("实施质量基础设施升级增效工程，打造质量基础设施集成服务基地", "打造質量基礎設施集成服務基地，建立需求調查")
	f.Add("甲乙丙丁戊己庚辛甲乙丙丁戊己庚辛", "甲乙丙丁戊己庚辛")
	f.Add("ａｂｃｄｅｆｇｈ", "abcdefgh")
	f.Fuzz(func(t *testing.T, a, b string) {
		checkShared(t, a, b, SharedPassages(a, b))
	})
}

func TestRunsMatchBruteForce(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	var tl tiler // reused, as Align does
	for range 300 {
		a, b := randomRunes(r), randomRunes(r)
		got := tl.runs(a, b, 3)
		// Every run is a common substring and no two overlap.
		usedA, usedB := make([]bool, len(a)), make([]bool, len(b))
		for _, x := range got {
			if !slices.Equal(a[x.a:x.a+x.n], b[x.b:x.b+x.n]) || x.n < 3 {
				t.Fatalf("%q %q: run %+v is not common", string(a), string(b), x)
			}
			for d := range x.n {
				if usedA[x.a+d] || usedB[x.b+d] {
					t.Fatalf("%q %q: runs overlap at %+v", string(a), string(b), x)
				}
				usedA[x.a+d], usedB[x.b+d] = true, true
			}
		}
		// What is left uncovered has no common run of 3.
		for i := 0; i+3 <= len(a); i++ {
			for j := 0; j+3 <= len(b); j++ {
				if slices.Equal(a[i:i+3], b[j:j+3]) && free(usedA, i, 3) && free(usedB, j, 3) {
					t.Fatalf("%q %q: common %q at %d, %d left uncovered", string(a), string(b), string(a[i:i+3]), i, j)
				}
			}
		}
	}
}

func randomRunes(r *rand.Rand) []rune {
	out := make([]rune, r.Intn(40))
	for i := range out {
		out[i] = rune('a' + r.Intn(3))
	}
	return out
}

// TestHungarian compares the assignment with every assignment of small
// random matrices.
func TestHungarian(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for range 200 {
		n, m := 1+r.Intn(4), 1+r.Intn(5)
		if n > m {
			n, m = m, n
		}
		w := make([][]int64, n)
		for i := range w {
			w[i] = make([]int64, m)
			for j := range w[i] {
				if r.Intn(3) > 0 {
					w[i][j] = int64(r.Intn(100))
				}
			}
		}
		got := hungarian(w)
		var total int64
		seen := map[int]bool{}
		for i, j := range got {
			if seen[j] {
				t.Fatalf("%v: column %d assigned twice in %v", w, j, got)
			}
			seen[j] = true
			total += w[i][j]
		}
		if best := bestAssignment(w, 0, map[int]bool{}); total != best {
			t.Fatalf("hungarian(%v) = %v, total %d, want %d", w, got, total, best)
		}
	}
}

func bestAssignment(w [][]int64, i int, used map[int]bool) int64 {
	if i == len(w) {
		return 0
	}
	var best int64 = -1
	for j := range w[i] {
		if !used[j] {
			used[j] = true
			best = max(best, w[i][j]+bestAssignment(w, i+1, used))
			used[j] = false
		}
	}
	return best
}

// TestMatchingOneToOne checks that every section is paired at most once,
// on every pair of seeds, and that no pair scores below the thresholds.
func TestMatchingOneToOne(t *testing.T) {
	c := loadSeeds(t)
	x := NewIndex(c)
	for i, a := range c.Docs {
		for _, b := range c.Docs[i+1:] {
			al := x.Align(a, b)
			seenA, seenB := map[string]bool{}, map[string]bool{}
			for _, p := range al.Pairs {
				if seenA[p.A] || seenB[p.B] {
					t.Errorf("%s--%s: %s or %s paired twice", a.ID, b.ID, p.A, p.B)
				}
				seenA[p.A], seenB[p.B] = true, true
				if p.Score < ReciprocalThreshold-1e-4 || p.Score > 1 {
					t.Errorf("%s--%s: %s–%s scores %v", a.ID, b.ID, p.A, p.B, p.Score)
				}
			}
			for _, e := range al.UnmatchedA {
				seenA[e] = !seenA[e]
			}
			for _, e := range al.UnmatchedB {
				seenB[e] = !seenB[e]
			}
			for _, s := range a.Sections {
				if !seenA[s.EID] {
					t.Errorf("%s--%s: %s of a is both paired and unmatched, or neither", a.ID, b.ID, s.EID)
				}
			}
			for _, s := range b.Sections {
				if !seenB[s.EID] {
					t.Errorf("%s--%s: %s of b is both paired and unmatched, or neither", a.ID, b.ID, s.EID)
				}
			}
		}
	}
}

// TestDeterminism builds the index twice and aligns every pair, once in
// turn and once from many goroutines: the JSON must be the same bytes.
func TestDeterminism(t *testing.T) {
	c := loadSeeds(t)
	render := func(x *Index, parallel bool) []byte {
		var pairs [][2]*corpus.Document
		for i, a := range c.Docs {
			for _, b := range c.Docs[i+1:] {
				pairs = append(pairs, [2]*corpus.Document{a, b})
			}
		}
		out := make([][]byte, len(pairs))
		var wg sync.WaitGroup
		for i, p := range pairs {
			f := func() {
				data, err := json.Marshal(x.Align(p[0], p[1]))
				if err != nil {
					t.Error(err)
				}
				out[i] = data
			}
			if parallel {
				wg.Go(f)
			} else {
				f()
			}
		}
		wg.Wait()
		for _, d := range c.Docs {
			for _, s := range d.Sections {
				data, _ := json.Marshal(x.Counterparts(d, s, 3))
				out = append(out, data)
			}
			data, _ := json.Marshal(x.SimilarDocs(d, 3))
			out = append(out, data)
		}
		return bytes.Join(out, []byte("\n"))
	}
	first := render(NewIndex(c), false)
	if second := render(NewIndex(c), true); !bytes.Equal(first, second) {
		t.Error("two builds of the index give different output")
	}
}

// TestSparseTable checks that the table kept in a map for documents of
// very many sections scores and aligns as the slice does, to the bit.
func TestSparseTable(t *testing.T) {
	c := loadSeeds(t)
	x := NewIndex(c)
	align := func(cells int) (tables [][]float64, als []Alignment) {
		defer func(n int) { denseCells = n }(denseCells)
		denseCells = cells
		for i, a := range c.Docs {
			da, na := x.lookup(a)
			sc := x.newScorer(da, na)
			for _, b := range c.Docs[i+1:] {
				db, nb := x.lookup(b)
				sc.scores(db, nb)
				if (sc.sim.dense == nil) != (cells == 0) {
					t.Fatalf("with %d cells the table is not the kind asked for", cells)
				}
				table := make([]float64, len(na)*len(nb))
				for k := range table {
					table[k] = sc.sim.get(k/len(nb), k%len(nb))
				}
				tables = append(tables, table)
				als = append(als, x.Align(a, b))
			}
			sc.release()
		}
		return tables, als
	}
	denseTables, denseAls := align(1 << 20)
	sparseTables, sparseAls := align(0)
	for i := range denseTables {
		for k, v := range denseTables[i] {
			if w := sparseTables[i][k]; math.Float64bits(v) != math.Float64bits(w) {
				t.Fatalf("pair %d, cell %d: %v in the slice, %v in the map", i, k, v, w)
			}
		}
	}
	if !reflect.DeepEqual(denseAls, sparseAls) {
		t.Error("the alignments differ")
	}
}

// TestAlignmentJSON checks the shape of /api/compare/<a>--<b>.json.
func TestAlignmentJSON(t *testing.T) {
	for _, al := range []Alignment{
		{A: "a", B: "b"},
		{A: "a", B: "b", Pairs: []Pair{{A: "s1", B: "p1-s1", Score: 0.5}}},
		{A: "a", B: "b", Pairs: []Pair{{A: "s1", B: "i2", Score: 1, Shared: []Shared{{A: [2]int{0, 8}, B: [2]int{3, 12}}}}},
			UnmatchedA: []string{"s2"}, UnmatchedB: []string{"i1"}},
	} {
		data, err := json.Marshal(al)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		keys := slices.Sorted(func(yield func(string) bool) {
			for k := range m {
				if !yield(k) {
					return
				}
			}
		})
		if want := []string{"a", "b", "pairs", "unmatchedA", "unmatchedB"}; !slices.Equal(keys, want) {
			t.Errorf("%s: keys %v, want %v", data, keys, want)
		}
		for _, k := range []string{"pairs", "unmatchedA", "unmatchedB"} {
			if string(m[k]) == "null" {
				t.Errorf("%s: %s is null, want []", data, k)
			}
		}
		var pairs []map[string]json.RawMessage
		if err := json.Unmarshal(m["pairs"], &pairs); err != nil {
			t.Fatal(err)
		}
		for _, p := range pairs {
			if len(p) != 4 || p["a"] == nil || p["b"] == nil || p["score"] == nil || p["shared"] == nil {
				t.Errorf("%s: pair keys, want a, b, score, shared", data)
			}
			if string(p["shared"]) == "null" {
				t.Errorf("%s: shared is null, want []", data)
			}
		}
	}
	data, _ := json.Marshal(Alignment{A: "x", B: "y", Pairs: []Pair{{A: "s1", B: "s2", Score: 0.25,
		Shared: []Shared{{A: [2]int{1, 9}, B: [2]int{0, 8}}}}}})
	const want = `{"a":"x","b":"y","pairs":[{"a":"s1","b":"s2","score":0.25,"shared":[{"a":[1,9],"b":[0,8]}]}],"unmatchedA":[],"unmatchedB":[]}`
	if string(data) != want {
		t.Errorf("json.Marshal = %s\nwant %s", data, want)
	}
}

// TestCounterparts checks the 纲要's （二十四）: its best counterparts are
// the 方案's 二、（七）4. and the 江苏 意见's （二十四）, and none is in the 纲要.
func TestCounterparts(t *testing.T) {
	c := loadSeeds(t)
	x := NewIndex(c)
	gd := c.Doc("guangdong-2023-gangyao")
	got := x.Counterparts(gd, gd.Section("s24"), 5)
	var names []string
	for _, cp := range got {
		names = append(names, cp.Doc+"#"+cp.EID)
		if cp.Doc == gd.ID {
			t.Errorf("counterpart %+v in the section's own document", cp)
		}
		if cp.Score < Threshold-1e-4 {
			t.Errorf("counterpart %+v below Threshold", cp)
		}
	}
	for _, want := range []string{"guangzhou-2023-fangan#p2-s7-i4", "jiangsu-2023-yijian#s24"} {
		if !slices.Contains(names, want) {
			t.Errorf("Counterparts(s24) = %v, want %s among them", names, want)
		}
	}
	if !slices.IsSortedFunc(got, func(a, b Counterpart) int { return -cmpFloat(a.Score, b.Score) }) {
		t.Errorf("Counterparts(s24) = %v, not best first", got)
	}
	if got := x.Counterparts(gd, gd.Section("s24"), 0); len(got) != 0 {
		t.Errorf("Counterparts(k=0) = %v", got)
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestDocSimilarity(t *testing.T) {
	c := loadSeeds(t)
	x := NewIndex(c)
	for _, a := range c.Docs {
		if s := x.DocSimilarity(a, a); s != 1 {
			t.Errorf("DocSimilarity(%s, itself) = %v, want 1", a.ID, s)
		}
		for _, b := range c.Docs {
			if s, r := x.DocSimilarity(a, b), x.DocSimilarity(b, a); s != r || s < 0 || s > 1 {
				t.Errorf("DocSimilarity(%s, %s) = %v, reversed %v", a.ID, b.ID, s, r)
			}
		}
		sim := x.SimilarDocs(a, 4)
		if len(sim) != 4 {
			t.Errorf("SimilarDocs(%s, 4) = %v, want the 4 others", a.ID, sim)
		}
		for i, d := range sim {
			if d.Doc == a.ID {
				t.Errorf("SimilarDocs(%s) holds itself", a.ID)
			}
			if d.Score != x.DocSimilarity(a, c.Doc(d.Doc)) {
				t.Errorf("SimilarDocs(%s): %s scores %v, DocSimilarity %v", a.ID, d.Doc, d.Score, x.DocSimilarity(a, c.Doc(d.Doc)))
			}
			if i > 0 && d.Score > sim[i-1].Score {
				t.Errorf("SimilarDocs(%s) = %v, not best first", a.ID, sim)
			}
		}
	}
	// The 广州 方案 repeats the 纲要: no document is closer to it.
	if sim := x.SimilarDocs(c.Doc("guangzhou-2023-fangan"), 1); len(sim) == 0 || sim[0].Doc != "guangdong-2023-gangyao" {
		t.Errorf("SimilarDocs(guangzhou-2023-fangan, 1) = %v, want the 纲要", sim)
	}
}

// TestDocumentOutsideCorpus aligns a copy of a seed that the index has
// not seen: it must align as the original does.
func TestDocumentOutsideCorpus(t *testing.T) {
	c := loadSeeds(t)
	x := NewIndex(c)
	gd, gz := c.Doc("guangdong-2023-gangyao"), c.Doc("guangzhou-2023-fangan")
	clone := *gz
	want, _ := json.Marshal(x.Align(gd, gz))
	got, _ := json.Marshal(x.Align(gd, &clone))
	if !bytes.Equal(got, want) {
		t.Errorf("a copy of the document aligns differently:\n%s\nwant\n%s", got, want)
	}
	if s, want := x.DocSimilarity(gd, &clone), x.DocSimilarity(gd, gz); s != want {
		t.Errorf("DocSimilarity(gangyao, copy of fangan) = %v, want %v", s, want)
	}
}

// TestAlignmentListsAtFinalSize: a site holds every alignment until its
// pages are written, so their lists must not keep the room that growing
// them left.
func TestAlignmentListsAtFinalSize(t *testing.T) {
	c := loadSeeds(t)
	x := NewIndex(c)
	for i, a := range c.Docs {
		for _, al := range x.AlignWith(a, c.Docs[i+1:]) {
			if cap(al.Pairs) != len(al.Pairs) || cap(al.UnmatchedA) != len(al.UnmatchedA) || cap(al.UnmatchedB) != len(al.UnmatchedB) {
				t.Errorf("%s--%s: lists of %d, %d, %d hold room for %d, %d, %d", al.A, al.B,
					len(al.Pairs), len(al.UnmatchedA), len(al.UnmatchedB), cap(al.Pairs), cap(al.UnmatchedA), cap(al.UnmatchedB))
			}
		}
	}
}

// TestAlignEmpty aligns documents with nothing in common or nothing at
// all.
func TestAlignEmpty(t *testing.T) {
	p := corpus.NewParser()
	a, _ := p.Parse("a.md", []byte("---\nid: a\ntitle: A\n---\n\n一、甲乙丙丁\n\n二、戊己庚辛\n"))
	b, _ := p.Parse("b.md", []byte("---\nid: b\ntitle: B\n---\n\n正文。\n"))
	x := NewIndex(&corpus.Corpus{Docs: []*corpus.Document{a, b}})
	al := x.Align(a, b)
	if len(al.Pairs) != 0 || len(al.UnmatchedA) != len(a.Sections) || len(al.UnmatchedB) != len(b.Sections) {
		t.Errorf("Align = %+v", al)
	}
	if got := x.SimilarDocs(a, 3); len(got) != 0 {
		t.Errorf("SimilarDocs = %v, want none", got)
	}
	if got := x.DocSimilarity(a, b); got != 0 {
		t.Errorf("DocSimilarity = %v, want 0", got)
	}
}

func TestSharedRunes(t *testing.T) {
	al := Alignment{Pairs: []Pair{
		// B's passages overlap and come out of order: 2..6 and 4..9 are
		// 2..9, seven code points.
		{A: "s1", B: "s1", Shared: []Shared{{A: [2]int{0, 4}, B: [2]int{4, 9}}, {A: [2]int{10, 13}, B: [2]int{2, 6}}}},
		{A: "s2", B: "s3", Shared: []Shared{{A: [2]int{5, 6}, B: [2]int{0, 1}}}},
		{A: "s3", B: "s2"},
	}}
	if a, b := al.SharedRunes(); a != 4+3+1 || b != 7+1 {
		t.Errorf("SharedRunes = %d, %d; want 8, 8", a, b)
	}
	if a, b := (Alignment{}).SharedRunes(); a != 0 || b != 0 {
		t.Errorf("no pairs: SharedRunes = %d, %d", a, b)
	}
}
