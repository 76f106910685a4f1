package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"tiaowen/internal/align"
	"tiaowen/internal/corpus"
	"tiaowen/internal/textnorm"
	"tiaowen/internal/themes"
)

// testCorpus parses documents given as Markdown bodies, with ids doc-a,
// doc-b … in order.
func testCorpus(t *testing.T, bodies ...string) *corpus.Corpus {
	t.Helper()
	c := &corpus.Corpus{}
	for i, body := range bodies {
		id := fmt.Sprintf("doc-%c", 'a'+i)
		src := "---\nid: " + id + "\ntitle: 文件" + id + "\n---\n\n" + body
		d, problems := corpus.NewParser().Parse(id+".md", []byte(src))
		if err := problems.Err(); err != nil {
			t.Fatalf("parse %s: %v", id, err)
		}
		c.Docs = append(c.Docs, d)
	}
	return c
}

// payload returns the data that an index file hands to the page.
func payload(t *testing.T, f *File) map[string]any {
	t.Helper()
	if f == nil {
		t.Fatal("no such file")
	}
	s := string(f.Data)
	if !strings.HasPrefix(s, jsPrefix) || !strings.HasSuffix(s, ");\n") {
		t.Fatalf("%s is not a script of the form %s…);: %.80q", f.Name, jsPrefix, s)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(s[len(jsPrefix):len(s)-3]), &v); err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	return v
}

// lookup returns the posting list of gram g from the shard that meta.js
// names for it, and "" if the gram is not indexed.
func lookup(t *testing.T, ix *Index, g string) string {
	t.Helper()
	d := payload(t, ix.File(Dir+gramShardName(shardFor(shardStarts(t, ix), g))))["d"].(map[string]any)
	s, _ := d[g].(string)
	return s
}

// shardStarts returns the first gram of each gram shard, as meta.js
// lists them.
func shardStarts(t *testing.T, ix *Index) []string {
	t.Helper()
	return strings.Split(payload(t, ix.File(Dir+"meta.js"))["shards"].(string), " ")
}

// shardFor finds the shard of gram g as search.js does: the last shard
// whose first gram is not after g.
func shardFor(starts []string, g string) int {
	i, _ := slices.BinarySearch(starts, g)
	if i == len(starts) || starts[i] != g {
		i--
	}
	return max(i, 0)
}

func TestSearchUvarintRoundTrip(t *testing.T) {
	for _, v := range []uint64{0, 1, 31, 32, 33, 1023, 1024, 1 << 20, 1<<32 - 1, 1 << 40, 1<<60 - 1} {
		b := appendUvarint(nil, v)
		got, n, err := readUvarint(string(b), 0)
		if err != nil || got != v || n != len(b) {
			t.Errorf("readUvarint(appendUvarint(%d) = %q) = %d, %d, %v", v, b, got, n, err)
		}
		if want := 1 + bitsLen(v)/5; v > 0 && len(b) != want && bitsLen(v)%5 != 0 {
			t.Errorf("appendUvarint(%d) takes %d digits, want %d", v, len(b), want)
		}
	}
	for _, bad := range []string{"g", "gg", "!", "A\"", "//////////////"} {
		if _, err := DecodeSections(bad); err == nil {
			t.Errorf("DecodeSections(%q) succeeded, want an error", bad)
		}
	}
}

func bitsLen(v uint64) int {
	n := 0
	for ; v > 0; v >>= 1 {
		n++
	}
	return n
}

func TestSearchPostingsRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	titleForms := map[string]int{} // of the dense lists: gaps or bitmap
	for trial := range 200 {
		bigram := trial%2 == 0
		var want []Posting
		var b []byte
		prev := -1
		maxGap := 400
		if trial%3 == 0 {
			maxGap = 3 // dense
		}
		for sec := r.IntN(3); sec < 5000; sec += 1 + r.IntN(1+r.IntN(maxGap)) {
			p := Posting{Section: sec, InTitle: r.IntN(1+trial%7) == 0}
			if bigram {
				for pos := r.IntN(40); len(p.Positions) == 0 || r.IntN(3) > 0; pos += 1 + r.IntN(300) {
					p.Positions = append(p.Positions, pos)
				}
			}
			want = append(want, p)
			b = appendPosting(b, prev, p, bigram)
			prev = sec
		}
		if i := bytes.IndexFunc(b, func(r rune) bool { return !strings.ContainsRune(alphabet, r) }); i >= 0 {
			t.Fatalf("posting list has %q, outside the alphabet", b[i])
		}
		got, err := DecodePostings(string(b), bigram)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d: DecodePostings(appendPosting(…)) differs:\n got %v\nwant %v", trial, got, want)
		}
		if !bigram {
			// The dense form says the same.
			dense := appendDense(nil, b, prev)
			if bytes.Contains(dense, []byte{denseEnd, denseMark}) {
				titleForms["bitmap"]++
			} else {
				titleForms["gaps"]++
			}
			got, err := DecodePostings(string(dense), false)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("trial %d: the dense form decodes to %v, %v; want %v", trial, got, err, want)
			}
			continue
		}
		// Without its positions, a list is its sections as a
		// character's list has them, and the positions are the rest,
		// whose length decides whether the bigram is extended.
		sp := listSections(b)
		npos := 0
		for _, p := range want {
			last := -1
			for _, x := range p.Positions {
				// The flag for another position is the low bit: it never
				// adds a digit.
				npos += len(appendUvarint(nil, uint64(x-last-1)<<1))
				last = x
			}
		}
		if len(b)-len(sp) != npos {
			t.Fatalf("trial %d: the positions are %d bytes, want %d", trial, len(b)-len(sp), npos)
		}
		onlySecs, err := DecodePostings(string(sp), false)
		if err != nil || len(onlySecs) != len(want) {
			t.Fatalf("trial %d: the split list has %d sections (%v), want %d", trial, len(onlySecs), err, len(want))
		}
		for i, p := range onlySecs {
			if p.Section != want[i].Section || p.InTitle != want[i].InTitle {
				t.Fatalf("trial %d: split entry %d is %+v, want section %d, title %v", trial, i, p, want[i].Section, want[i].InTitle)
			}
		}
	}
	for _, bad := range []string{"!AB", "!AB.B", "!A?.", "!AB.A", "!AB.!", "!AB.!BB", "!AB.!?"} {
		if _, err := DecodePostings(bad, false); err == nil {
			t.Errorf("DecodePostings(%q): no error for a malformed dense list", bad)
		}
	}
	if got, err := DecodePostings("!DD.BF", false); err != nil || !reflect.DeepEqual(got, []Posting{{Section: 0}, {Section: 1, InTitle: true}, {Section: 6}, {Section: 7, InTitle: true}}) {
		t.Errorf(`DecodePostings("!DD.BF") = %v, %v`, got, err)
	}
	if _, err := DecodePostings("!D.", true); err == nil {
		t.Errorf("a dense list decoded as a bigram's: no error")
	}
	secs := []int{0, 1, 2, 40, 41, 100000}
	got, err := DecodeSections(string(appendSections(nil, secs)))
	if err != nil || !slices.Equal(got, secs) {
		t.Errorf("DecodeSections(appendSections(%v)) = %v, %v", secs, got, err)
	}
	if titleForms["bitmap"] == 0 || titleForms["gaps"] == 0 {
		t.Errorf("the dense lists wrote their title sections as %v; want both forms tried", titleForms)
	}
}

func TestSearchBuildPostings(t *testing.T) {
	c := testCorpus(t,
		"一、推行首负责任制\n\n（一）雙比對。推行“雙比對、雙提升”。\n\n（二）双比对。双提升，质量。",
		"第一条 质量基础设施。质量、质量。\n\n第二条 首负责任制。",
	)
	ix := Build(c, Options{})
	if ix.Sections != 5 {
		t.Fatalf("Sections = %d, want 5", ix.Sections)
	}
	// Sections: 0 一、 1 （一） 2 （二） in doc-a; 3 第一条 4 第二条 in doc-b.
	// Positions count normalised characters of title, then text.
	tests := []struct {
		gram string
		want []Posting
	}{
		// (一)'s title 雙比對 folds to 双比对; its text repeats it.
		{"比对", []Posting{{Section: 1, InTitle: true, Positions: []int{1, 6}}, {Section: 2, InTitle: true, Positions: []int{1}}}},
		// 、 and quotes are dropped and do not end a clause: 对双 runs on.
		{"对双", []Posting{{Section: 1, Positions: []int{7}}}},
		// 。 ends a clause, and the line between title and text ends
		// one: no bigram 对推 in (一), none 对双 in (二).
		{"对推", nil},
		{"提升", []Posting{{Section: 1, Positions: []int{9}}, {Section: 2, Positions: []int{4}}}},
		{"质量", []Posting{{Section: 2, Positions: []int{6}}, {Section: 3, Positions: []int{0, 6, 8}}}},
		{"量质", []Posting{{Section: 3, Positions: []int{7}}}},
		{"首负", []Posting{{Section: 0, InTitle: true, Positions: []int{2}}, {Section: 4, Positions: []int{0}}}},
		{"质", []Posting{{Section: 2}, {Section: 3}}},
		{"雙", nil},
	}
	for _, tt := range tests {
		s := lookup(t, ix, tt.gram)
		got, err := DecodePostings(s, len([]rune(tt.gram)) == 2)
		if err != nil {
			t.Fatalf("%s: %v", tt.gram, err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("postings of %s = %+v, want %+v", tt.gram, got, tt.want)
		}
	}
}

// TestSearchTableCells: no bigram runs from one cell of a table into the
// next, as none runs from one line into the next; a code block's tabs
// are spacing, across which its bigrams run.
func TestSearchTableCells(t *testing.T) {
	c := testCorpus(t, "一、指标\n\n| 指标 | 目标 |\n|---|---|\n| 质量强 | 省建设 |\n\n"+
		"二、数据\n\n```\n质量强\t省建设\n```\n")
	ix := Build(c, Options{})
	if ix.Sections != 2 {
		t.Fatalf("Sections = %d, want 2", ix.Sections)
	}
	// Positions: 一、's title 指标 (0, 1), then its text 指标 目标 质量强
	// 省建设 (2 …); 二、's title 数据 (0, 1), then 质量强省建设 (2 …).
	for _, tt := range []struct {
		gram string
		want []Posting
	}{
		{"标目", nil},
		{"强省", []Posting{{Section: 1, Positions: []int{4}}}},
		{"量强", []Posting{{Section: 0, Positions: []int{7}}, {Section: 1, Positions: []int{3}}}},
		{"省建", []Posting{{Section: 0, Positions: []int{9}}, {Section: 1, Positions: []int{5}}}},
	} {
		got, err := DecodePostings(lookup(t, ix, tt.gram), true)
		if err != nil {
			t.Fatalf("%s: %v", tt.gram, err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("postings of %s = %+v, want %+v", tt.gram, got, tt.want)
		}
	}
}

// TestSearchSplitPositions builds the seeds' index with every bigram
// split, and with none: each split bigram's file holds its whole list,
// as the index without splitting has it, its gram shard its sections,
// and meta.js names the split bigrams in the order of their files.
func TestSearchSplitPositions(t *testing.T) {
	c, set := seedCorpus(t)
	whole := Build(c, Options{Themes: set, SplitBytes: -1})
	split := Build(c, Options{Themes: set, SplitBytes: 1})
	if whole.PositionFiles != 0 || whole.File(Dir+positionFileName(0)) != nil {
		t.Fatalf("SplitBytes -1 split %d lists", whole.PositionFiles)
	}
	meta := payload(t, split.File(Dir+"meta.js"))
	names := []rune(meta["split"].(string))
	if len(names) != 2*split.PositionFiles || split.PositionFiles < 1000 {
		t.Fatalf("meta.js names %d runes for %d position files", len(names), split.PositionFiles)
	}
	// splitn's varints are each split bigram's number of sections.
	var counts []int
	for s, i := meta["splitn"].(string), 0; i < len(s); {
		v, j, err := readUvarint(s, i)
		if err != nil {
			t.Fatalf("meta.js splitn: %v", err)
		}
		counts, i = append(counts, int(v)), j
	}
	if len(counts) != split.PositionFiles {
		t.Fatalf("meta.js splitn: %d counts for %d position files", len(counts), split.PositionFiles)
	}
	splitLists, wholeLists := allLists(t, split), allLists(t, whole)
	for i := 0; i < len(names); i += 2 {
		g := string(names[i : i+2])
		pos := payload(t, split.File(Dir+positionFileName(i/2)))
		if pos["k"] != "p" || pos["n"] != float64(i/2) {
			t.Fatalf("%s: k %v n %v, want p and %d", positionFileName(i/2), pos["k"], pos["n"], i/2)
		}
		if got, want := pos["d"].(string), wholeLists[g]; got != want {
			t.Fatalf("%s: %s holds %.60q, want its whole list %.60q", g, positionFileName(i/2), got, want)
		}
		full, err := DecodePostings(wholeLists[g], true)
		if err != nil {
			t.Fatalf("%s: %v", g, err)
		}
		secs, err := DecodePostings(splitLists[g], false)
		if err != nil || len(secs) != len(full) {
			t.Fatalf("%s: its shard lists %d sections (%v), its whole list %d", g, len(secs), err, len(full))
		}
		if n := counts[i/2]; n != len(full) {
			t.Fatalf("%s: meta.js says %d sections, its list has %d", g, n, len(full))
		}
		for k := range secs {
			if secs[k].Section != full[k].Section || secs[k].InTitle != full[k].InTitle {
				t.Fatalf("%s: its shard's entry %d is %+v, its whole list's %+v", g, k, secs[k], full[k])
			}
		}
	}
	// The default splits only long lists: none of the seeds'.
	if d := Build(c, Options{Themes: set}); d.PositionFiles != 0 {
		t.Errorf("the seeds split %d lists at the default %d bytes", d.PositionFiles, DefaultSplitBytes)
	}
	// Characters are never split.
	if lookup(t, split, "质") != lookup(t, whole, "质") || lookup(t, split, "质") == "" {
		t.Errorf("质's list differs once bigrams are split")
	}
}

// TestSearchExtended builds the seeds' index with every bigram
// extended whose positions take more than a byte: they have no
// positions file, meta.js names them, and
// the index holds every trigram that contains one, with the sections
// and positions where its two bigrams follow each other, as the index
// without extension has them.
func TestSearchExtended(t *testing.T) {
	c, set := seedCorpus(t)
	whole := Build(c, Options{Themes: set, SplitBytes: -1})
	ext := Build(c, Options{Themes: set, SplitBytes: 1, ExtendBytes: 1})
	splitIx := Build(c, Options{Themes: set, SplitBytes: 1, ExtendBytes: -1})
	names := []rune(payload(t, ext.File(Dir+"meta.js"))["extended"].(string))
	if ext.PositionFiles+ext.Extended != splitIx.PositionFiles || len(names) != 2*ext.Extended || ext.Extended < 1000 || ext.Trigrams < 1000 {
		t.Fatalf("%d position files and %d extended bigrams (named in %d runes) of %d split, %d trigrams", ext.PositionFiles, ext.Extended, len(names), splitIx.PositionFiles, ext.Trigrams)
	}
	wholeLists, extLists := allLists(t, whole), allLists(t, ext)
	// Where each bigram occurs: section → positions.
	at := map[string]map[int][]int{}
	follows := map[rune][]string{} // bigrams by their first rune
	for g, l := range wholeLists {
		rs := []rune(g)
		if len(rs) != 2 {
			continue
		}
		ps, err := DecodePostings(l, true)
		if err != nil {
			t.Fatal(err)
		}
		at[g] = map[int][]int{}
		for _, p := range ps {
			at[g][p.Section] = p.Positions
		}
		follows[rs[0]] = append(follows[rs[0]], g)
	}
	extended := map[string]bool{}
	for i := 0; i < len(names); i += 2 {
		extended[string(names[i:i+2])] = true
	}
	want := map[string]map[int][]int{}
	for xy := range at {
		y := []rune(xy)[1]
		for _, yz := range follows[y] {
			if !extended[xy] && !extended[yz] {
				continue
			}
			tri := map[int][]int{}
			for sec, ps := range at[xy] {
				for _, p := range ps {
					if slices.Contains(at[yz][sec], p+1) {
						tri[sec] = append(tri[sec], p)
					}
				}
			}
			if len(tri) > 0 {
				want[xy+string([]rune(yz)[1])] = tri
			}
		}
	}
	got := 0
	for g, l := range extLists {
		if len([]rune(g)) != 3 {
			continue
		}
		got++
		ps, err := DecodePostings(l, true)
		if err != nil {
			t.Fatalf("%s: %v", g, err)
		}
		if len(ps) != len(want[g]) {
			t.Fatalf("%s is in %d sections, want %d", g, len(ps), len(want[g]))
		}
		for _, p := range ps {
			if !slices.Equal(p.Positions, want[g][p.Section]) {
				t.Fatalf("%s in section %d at %v, want %v", g, p.Section, p.Positions, want[g][p.Section])
			}
		}
	}
	if got != len(want) || got != ext.Trigrams {
		t.Errorf("the index has %d trigrams (says %d), want %d", got, ext.Trigrams, len(want))
	}
	// An extended bigram keeps its sections, as a split one does.
	split := allLists(t, splitIx)
	for g := range extended {
		if extLists[g] != split[g] {
			t.Fatalf("%s's list %.40q, want its sections as split: %.40q", g, extLists[g], split[g])
		}
	}
	// The default extends none of the seeds' bigrams.
	if d := Build(c, Options{Themes: set}); d.Extended != 0 || d.Trigrams != 0 {
		t.Errorf("the seeds extend %d bigrams at the default %d bytes", d.Extended, DefaultExtendBytes)
	}
}

// allLists returns every gram's list in the index's gram shards.
func allLists(t *testing.T, ix *Index) map[string]string {
	t.Helper()
	out := map[string]string{}
	for s := range ix.GramShards {
		for g, l := range payload(t, ix.File(Dir+gramShardName(s)))["d"].(map[string]any) {
			out[g] = l.(string)
		}
	}
	return out
}

// TestSearchEmpty indexes a corpus without documents: one empty gram
// shard, which meta.js names with an empty first gram, so that the page
// finds a shard to read for any query and an empty answer in it.
func TestSearchEmpty(t *testing.T) {
	ix := Build(&corpus.Corpus{}, Options{})
	if ix.GramShards != 1 || shardStarts(t, ix)[0] != "" || len(payload(t, ix.File(Dir+gramShardName(0)))["d"].(map[string]any)) != 0 {
		t.Errorf("an empty corpus has %d gram shards, starting %q", ix.GramShards, shardStarts(t, ix))
	}
}

func TestSearchGramShards(t *testing.T) {
	c, set := seedCorpus(t)
	for _, target := range []int{1 << 30, 64 << 10, 8 << 10, 1} {
		ix := Build(c, Options{Themes: set, GramShardBytes: target})
		n := ix.GramShards
		if n < 1 || n > maxGramShards {
			t.Fatalf("target %d: %d gram shards, want 1 to %d", target, n, maxGramShards)
		}
		starts := shardStarts(t, ix)
		if len(starts) != n {
			t.Fatalf("target %d: meta.js lists %d shards of %d", target, len(starts), n)
		}
		grams := 0
		last := ""
		for s := range n {
			f := ix.File(Dir + gramShardName(s))
			d := payload(t, f)["d"].(map[string]any)
			keys := slices.Sorted(maps.Keys(d))
			grams += len(keys)
			// Shards hold consecutive grams in code point order, each
			// shard's first as meta.js names it.
			if len(keys) == 0 || keys[0] != starts[s] || keys[0] <= last {
				t.Fatalf("target %d: shard %d holds %d grams from %q, meta.js says from %q, after %q", target, s, len(keys), keys[0], starts[s], last)
			}
			last = keys[len(keys)-1]
			if s+1 < n && last >= starts[s+1] {
				t.Fatalf("target %d: shard %d ends with %q, at or after the next shard's %q", target, s, last, starts[s+1])
			}
			// A shard passes its size only to hold one list alone (the
			// smallest targets give way to the bound on the number of
			// shards).
			if target >= 8<<10 && len(f.Data) > target+len(jsPrefix)+64 && len(keys) > 1 {
				t.Errorf("target %d: shard %d has %d bytes in %d lists", target, s, len(f.Data), len(keys))
			}
			for _, g := range keys[:min(len(keys), 3)] {
				if got := shardFor(starts, g); got != s {
					t.Fatalf("target %d: gram %s is in shard %d, but the lookup finds %d", target, g, s, got)
				}
			}
		}
		if grams != ix.Grams {
			t.Errorf("target %d: the shards hold %d grams, want %d", target, grams, ix.Grams)
		}
		if target == 1<<30 && n != 1 {
			t.Errorf("a small index has %d shards, want 1", n)
		}
	}
}

// jsKey normalises s as search.js does, from the tables of meta.js and,
// for runes the tables do not name, textnorm's general rules without
// 繁→简 folding.
func jsKey(meta map[string]any, s string) string {
	fold := map[rune]rune{}
	fr := []rune(meta["fold"].(string))
	for i := 0; i+1 < len(fr); i += 2 {
		fold[fr[i]] = fr[i+1]
	}
	drop := meta["drop"].(string)
	keep := meta["keep"].(string)
	var generic func(r rune) (rune, bool)
	generic = func(r rune) (rune, bool) {
		switch {
		case r < 128:
			if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
				return r, true
			}
			if 'A' <= r && r <= 'Z' {
				return r + 32, true
			}
			return 0, false
		case 0xFF01 <= r && r <= 0xFF5E:
			return generic(r - 0xFF01 + 0x21)
		case unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsControl(r) ||
			unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r):
			return 0, false
		}
		return r, true
	}
	var b strings.Builder
	for _, r := range s {
		if f, ok := fold[r]; ok {
			b.WriteRune(f)
		} else if strings.ContainsRune(drop, r) {
		} else if strings.ContainsRune(keep, r) {
			b.WriteRune(r)
		} else if f, ok := generic(r); ok {
			b.WriteRune(f)
		}
	}
	return b.String()
}

func TestSearchFoldTablesMatchTextnorm(t *testing.T) {
	c, set := seedCorpus(t)
	ix := Build(c, Options{Themes: set})
	meta := payload(t, ix.File(Dir+"meta.js"))
	var texts []string
	for _, d := range c.Docs {
		for _, s := range d.Sections {
			texts = append(texts, s.Title+"\n"+s.Text)
		}
	}
	// Queries as readers type them, in either script and any width.
	texts = append(texts, "質量基礎設施", "雙比對、雙提升", "首負責任制", "產品醫院", "ＡＢＣ１２３", "HACCP", "“质量”　强省",
		"關於", "质\u200b量", "質\ufe00量", "二〇二三年")
	for _, s := range texts {
		if got, want := jsKey(meta, s), textnorm.Key(s); got != want {
			t.Errorf("the page would normalise %q to %q; textnorm gives %q", s, got, want)
		}
	}
	// Every traditional form of a character the corpus has is in the
	// table, even where the corpus writes only the simplified one.
	fold := meta["fold"].(string)
	for _, pair := range []string{"質质", "礎础", "設设", "醫医", "雙双", "負负"} {
		if !strings.Contains(fold, pair) {
			t.Errorf("the folding table lacks %s", pair)
		}
	}
	// The first traditional form listed for a character is the one the
	// corpus uses, which the page offers for a query without results:
	// Jiangsu writes 發展, never 髮.
	if i, j := strings.Index(fold, "發发"), strings.Index(fold, "髮发"); i < 0 || j < 0 || j < i {
		t.Errorf("發→发 at %d and 髮→发 at %d in the folding table; want both, 發 first", i, j)
	}
}

func TestSearchFoldTablesOnlyCorpus(t *testing.T) {
	ix := Build(testCorpus(t, "一、质量"), Options{})
	meta := payload(t, ix.File(Dir+"meta.js"))
	fold := meta["fold"].(string)
	if !strings.Contains(fold, "質质") {
		t.Errorf("the folding table lacks 質→质 for a corpus that has 质: %q", fold)
	}
	if strings.Contains(fold, "醫") {
		t.Errorf("the folding table has 醫, whose simplified form the corpus lacks: %q", fold)
	}
	// The section 「一、质量」 has the title 质量 and no text, and the
	// document the title 文件doc-a, which heads.js gives the page; the
	// marker is indexed nowhere.
	if got := meta["keep"].(string); got != "acdo件文质量" {
		t.Errorf("keep = %q, want the runes of 质量 and 文件doc-a that stay as they are", got)
	}
	if got := meta["drop"].(string); got != "\n-" {
		t.Errorf("drop = %q, want the line break between title and text, and the title's hyphen", got)
	}
}

// TestSearchHeads: what a document says outside its sections — its
// number, issuer, preamble and closing matter — is in heads.js, a
// document's four strings in corpus order, a table's cells on lines of
// their own; the fold tables cover it, so that 綱 in a preamble alone
// still folds to 纲 in the page.
func TestSearchHeads(t *testing.T) {
	c := testCorpus(t, "为贯彻落实《质量强国建设綱要》，结合实际，制定本方案。\n\n| 甲 | 乙 |\n|---|---|\n| 丙 | 丁 |\n\n一、总体要求\n\n质量。",
		"一、质量\n\n正文。")
	c.Docs[0].Number, c.Docs[0].Issuer = "粤府〔2020〕50号", "广东省人民政府"
	ix := Build(c, Options{})
	heads := payload(t, ix.File(Dir+"heads.js"))
	if heads["k"] != "heads" {
		t.Fatalf("heads.js is of kind %v", heads["k"])
	}
	got, _ := json.Marshal(heads["d"])
	want := `[["粤府〔2020〕50号","广东省人民政府","为贯彻落实《质量强国建设綱要》，结合实际，制定本方案。\n甲\n乙\n丙\n丁",""],["","","",""]]`
	if string(got) != want {
		t.Errorf("heads.js holds\n%s\nwant\n%s", got, want)
	}
	meta := payload(t, ix.File(Dir+"meta.js"))
	if fold := meta["fold"].(string); !strings.Contains(fold, "綱纲") {
		t.Errorf("the folding table lacks 綱→纲, which only a preamble has: %q", fold)
	}
}

func TestSearchTextShards(t *testing.T) {
	c, set := seedCorpus(t)
	const target = 8 << 10
	ix := Build(c, Options{Themes: set, TextShardBytes: target})
	meta := payload(t, ix.File(Dir+"meta.js"))
	docs := meta["docs"].([]any)
	if len(docs) != len(c.Docs) {
		t.Fatalf("meta.js lists %d documents, want %d", len(docs), len(c.Docs))
	}
	start, err := DecodeSections(meta["texts"].(string))
	if err != nil {
		t.Fatal(err)
	}
	if len(start) != ix.TextShards || len(start) < 2 || start[0] != 0 {
		t.Fatalf("meta.js says the %d text shards start at sections %v", ix.TextShards, start)
	}
	// The sections, in corpus order, as the shards hold them.
	var held [][]any
	for n := range ix.TextShards {
		f := ix.File(Dir + fmt.Sprintf("t%d.js", n))
		p := payload(t, f)
		if int(p["n"].(float64)) != n {
			t.Errorf("t%d.js says it is shard %v", n, p["n"])
		}
		d := p["d"].([]any)
		if len(held) != start[n] {
			t.Errorf("text shard %d starts at section %d; meta.js says %d", n, len(held), start[n])
		}
		for i := 0; i+5 <= len(d); i += 5 {
			held = append(held, d[i:i+5])
		}
		// A shard but the last holds sections up to the one that takes
		// it to the target: all but that one are below it.
		before := 0
		for _, x := range d[:len(d)-5] {
			before += len(x.(string)) + 3
		}
		if n+1 < ix.TextShards && (len(f.Data) < target || before >= target) {
			t.Errorf("text shard %d takes %d bytes, %d before its last section; want it to reach %d with its last", n, len(f.Data), before, target)
		}
	}
	k := 0
	for i, d := range c.Docs {
		row := docs[i].([]any)
		if row[0] != d.ID || row[1] != d.Title || row[2] != d.Lang || int(row[3].(float64)) != len(d.Sections) {
			t.Errorf("meta.js has %v for %s", row, d.ID)
		}
		for _, s := range d.Sections {
			up := ""
			if s.Parent != nil {
				up = strconv.Itoa(s.Index - s.Parent.Index)
			}
			if want := []any{s.EID, s.Citation(), s.Title, s.Text, up}; k >= len(held) || !reflect.DeepEqual(held[k], want) {
				t.Fatalf("%s %s: section %d of the text shards is not %q", d.ID, s.EID, k, want)
			}
			k++
		}
	}
	if k != len(held) {
		t.Errorf("the text shards hold %d sections, the corpus %d", len(held), k)
	}
}

func TestSearchThemeLists(t *testing.T) {
	c, set := seedCorpus(t)
	ix := Build(c, Options{Themes: set})
	meta := payload(t, ix.File(Dir+"meta.js"))
	lists := themeLists(t, ix)
	ts := meta["themes"].([]any)
	if len(lists) != len(set.Themes) || len(ts) != len(set.Themes) {
		t.Fatalf("%d theme lists and %d themes in meta.js for %d themes", len(lists), len(ts), len(set.Themes))
	}
	// Section numbers run through the documents in corpus order.
	type ref struct{ doc, eid string }
	var refs []ref
	for _, d := range c.Docs {
		for _, s := range d.Sections {
			refs = append(refs, ref{d.ID, s.EID})
		}
	}
	for i, th := range set.Themes {
		if got := ts[i].([]any); got[0] != th.ID || got[1] != th.Name {
			t.Errorf("meta.js theme %d = %v, want %s %s", i, got, th.ID, th.Name)
		}
		if th.ID != "shoufu-zerenzhi" {
			continue
		}
		secs, err := DecodeSections(lists[i])
		if err != nil {
			t.Fatal(err)
		}
		var got []ref
		for _, s := range secs {
			got = append(got, refs[s])
		}
		want := []ref{{"guangdong-2020-shishi", "s1"}, {"guangdong-2023-gangyao", "s26"}, {"guangzhou-2023-fangan", "p2-s8-i2"}, {"luhe-2017-yijian", "i21"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("sections of 首负责任制 = %v, want %v", got, want)
		}
	}
	// The themes the site's analysis found are used as given.
	only := Build(c, Options{Themes: set, SectionThemes: func(i, j int) []*themes.Theme {
		if i == 0 && j == 0 {
			return []*themes.Theme{set.Themes[1]}
		}
		return nil
	}})
	lists = themeLists(t, only)
	if lists[0] != "" || lists[1] != "A" {
		t.Errorf("theme lists with SectionThemes = %q, %q; want \"\", \"A\"", lists[0], lists[1])
	}
}

func TestSearchBuildDeterministic(t *testing.T) {
	c, set := seedCorpus(t)
	a := Build(c, Options{Themes: set})
	b := Build(c, Options{Themes: set})
	if len(a.Files) != len(b.Files) {
		t.Fatalf("two builds give %d and %d files", len(a.Files), len(b.Files))
	}
	for i := range a.Files {
		if a.Files[i].Name != b.Files[i].Name || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
			t.Errorf("two builds differ in %s", a.Files[i].Name)
		}
	}
	if a.Files[len(a.Files)-1].Name != Dir+"meta.js" {
		t.Errorf("the last file is %s, want meta.js", a.Files[len(a.Files)-1].Name)
	}
	// The seed index stays well below Pagefind's 1.4 MB for the same
	// documents.
	if n := a.Size(); n > 600<<10 {
		t.Errorf("the seed index takes %d bytes", n)
	}
}

// themeLists returns the list of every theme file th0.js, th1.js … in
// turn, checking that each says which theme it holds.
func themeLists(t *testing.T, ix *Index) []string {
	t.Helper()
	var lists []string
	for k := 0; ; k++ {
		f := ix.File(Dir + themeFileName(k))
		if f == nil {
			return lists
		}
		p := payload(t, f)
		if p["k"] != "th" || p["n"] != float64(k) {
			t.Errorf("%s holds kind %v, theme %v", f.Name, p["k"], p["n"])
		}
		lists = append(lists, p["d"].(string))
	}
}

// TestSearchRarityFile: rarity.js holds the counts it is given, grouped
// by the grams' length in characters (a character outside the Basic
// Multilingual Plane one, as the page reads them), in order, with the
// counts as varints; the build's version hash covers it, and without
// counts there is no file.
func TestSearchRarityFile(t *testing.T) {
	c := testCorpus(t, "一、总体要求\n\n质量强省。\n")
	r := align.Rarity{Sections: 7, Grams: []string{"ab", "质", "质量", "𠁞x"}, Counts: []uint32{3, 2, 0, 1029}}
	ix := Build(c, Options{Rarity: &r})
	v := payload(t, ix.File(Dir+"rarity.js"))
	if v["k"] != "rarity" || v["sections"] != 7.0 {
		t.Errorf("rarity.js k = %v, sections = %v; want rarity, 7", v["k"], v["sections"])
	}
	g, n := v["g"].([]any), v["n"].([]any)
	if !reflect.DeepEqual(g, []any{"质", "ab质量𠁞x"}) {
		t.Errorf("rarity.js g = %q, want the one-character grams, then the bigrams", g)
	}
	counts := func(s string) []uint64 {
		var out []uint64
		for i := 0; i < len(s); {
			v, next, err := readUvarint(s, i)
			if err != nil {
				t.Fatalf("%q: %v", s, err)
			}
			out, i = append(out, v), next
		}
		return out
	}
	if len(n) != 2 || !slices.Equal(counts(n[0].(string)), []uint64{2}) || !slices.Equal(counts(n[1].(string)), []uint64{3, 0, 1029}) {
		t.Errorf("rarity.js n = %q, want the counts 2 and 3 0 1029", n)
	}
	without := Build(c, Options{})
	if without.File(Dir+"rarity.js") != nil {
		t.Error("rarity.js is written without counts")
	}
	version := func(ix *Index) any { return payload(t, ix.File(Dir+"meta.js"))["v"] }
	r.Counts[0] = 4
	if version(ix) == version(without) || version(ix) == version(Build(c, Options{Rarity: &r})) {
		t.Error("meta.js's version does not change with the counts")
	}
}
