package themes

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"tiaowen/internal/textnorm"
)

// testSet builds a Set from "id:term,term" specs.
func testSet(specs ...string) *Set {
	s := &Set{}
	for _, spec := range specs {
		id, terms, _ := strings.Cut(spec, ":")
		s.Themes = append(s.Themes, &Theme{ID: id, Name: id, Terms: strings.Split(terms, ",")})
	}
	return s
}

// show formats matches as id[start,end)「original text」.
func show(text string, ms []Match) []string {
	r := []rune(text)
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%s[%d,%d)「%s」", m.Theme.ID, m.Start, m.End, string(r[m.Start:m.End])))
	}
	return out
}

func TestFind(t *testing.T) {
	seed := testSet("sbd:双比对双提升", "nqi:质量基础设施", "sf:首负责任制,首负责任", "qc:QC小组")
	longest := testSet("zl:质量", "nqi:质量基础设施", "jc:基础设施建设")
	tests := []struct {
		set  *Set
		text string
		want []string
	}{
		// Script, punctuation and width variants, mapped to the original.
		{seed, "推行雙比對、雙提升。", []string{"sbd[2,9)「雙比對、雙提升」"}},
		{seed, "推行“双比对”“双提升”。", []string{"sbd[3,11)「双比对”“双提升」"}},
		{seed, "推行双比对、双提升。", []string{"sbd[2,9)「双比对、双提升」"}},
		{seed, "“双比对、双提升”", []string{"sbd[1,8)「双比对、双提升」"}},
		{seed, "双比对 双提升", []string{"sbd[0,7)「双比对 双提升」"}},
		{seed, "双比对，双提升", []string{"sbd[0,7)「双比对，双提升」"}},
		{seed, "加強質量基礎設施建設", []string{"nqi[2,8)「質量基礎設施」"}},
		{seed, "（二十三）強化質量基礎設施建設", []string{"nqi[7,13)「質量基礎設施」"}},
		{seed, "開展ＱＣ小組活動", []string{"qc[2,6)「ＱＣ小組」"}},
		{seed, "质量控制（qc）小组", []string{"qc[5,10)「qc）小组」"}},
		{seed, "\xff双比对、双提升\xfe", []string{"sbd[1,8)「双比对、双提升」"}},
		// Several matches, in order; the longer term of a theme wins.
		{seed, "推行质量安全首负责任制，支持承担首負責任的市场主体", []string{"sf[6,11)「首负责任制」", "sf[16,20)「首負責任」"}},
		{seed, "首负责任制首负责任制", []string{"sf[0,5)「首负责任制」", "sf[5,10)「首负责任制」"}},
		// No match across the end of a sentence or clause.
		{seed, "双比对。双提升", nil},
		{seed, "双比对；双提升", nil},
		{seed, "双比对！双提升", nil},
		{seed, "双比对？双提升", nil},
		{seed, "双比对!双提升", nil},
		{seed, "双比对?双提升", nil},
		{seed, "双比对;双提升", nil},
		{seed, "双比对\n双提升", nil},
		{seed, "双比对\r\n双提升", nil},
		{seed, "双比对。双比对、双提升。", []string{"sbd[4,11)「双比对、双提升」"}},
		{seed, "首负责任制。", []string{"sf[0,5)「首负责任制」"}},
		{seed, "。首负责任制", []string{"sf[1,6)「首负责任制」"}},
		{longest, "质量。基础设施建设", []string{"zl[0,2)「质量」", "jc[3,9)「基础设施建设」"}},
		// Leftmost-longest.
		{longest, "提升质量基础设施水平", []string{"nqi[2,8)「质量基础设施」"}},
		{longest, "质量基础", []string{"zl[0,2)「质量」"}},
		{longest, "质量基础设施建设", []string{"nqi[0,6)「质量基础设施」"}},
		{longest, "夯实质量、基础设施建设", []string{"nqi[2,9)「质量、基础设施」"}},
		{longest, "的基础设施建设质量", []string{"jc[1,7)「基础设施建设」", "zl[7,9)「质量」"}},
		{seed, "", nil},
		{seed, "。、“”", nil},
		{&Set{}, "双比对双提升", nil},
	}
	for _, tt := range tests {
		m := NewMatcher(tt.set)
		if got := show(tt.text, m.Find(tt.text)); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestFindTerm(t *testing.T) {
	m := NewMatcher(testSet("sf:首负责任制,首負責任制,首负责任", "dup:首负责任"))
	got := m.Find("首負責任制和首负责任")
	want := []Match{{m.themes[0], "首负责任制", 0, 5}, {m.themes[0], "首负责任", 6, 10}}
	if !slices.Equal(got, want) {
		t.Errorf("Find(%q) = %v, want %v", "首負責任制和首负责任", got, want)
	}
}

func TestThemes(t *testing.T) {
	set := testSet("a:质量月", "b:首负责任制", "c:双比对双提升")
	m := NewMatcher(set)
	tests := []struct {
		text string
		want []string
	}{
		{"推行首负责任制和双比对、双提升，开展质量月活动，再推行首负责任制。", []string{"a", "b", "c"}},
		{"双比对双提升；双比对双提升", []string{"c"}},
		{"首负责任。制", nil},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, th := range m.Themes(tt.text) {
			got = append(got, th.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Themes(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	var nilMatcher = NewMatcher(nil)
	if got := nilMatcher.Find("首负责任制"); got != nil {
		t.Errorf("NewMatcher(nil).Find(%q) = %v, want nil", "首负责任制", got)
	}
}

// TestFindConcurrent finds in parallel with one Matcher; run with -race.
func TestFindConcurrent(t *testing.T) {
	m := NewMatcher(testSet("a:质量基础设施", "b:双比对双提升"))
	text := strings.Repeat("加強質量基礎設施建設，推行雙比對、雙提升。", 50)
	want := m.Find(text)
	t.Run("group", func(t *testing.T) {
		for range 4 {
			t.Run("", func(t *testing.T) {
				t.Parallel()
				for range 20 {
					if got := m.Find(text); !slices.Equal(got, want) {
						t.Errorf("Find in parallel = %d matches, want %d", len(got), len(want))
						return
					}
				}
			})
		}
	})
}

// refFind is Find written plainly from the package documentation: at each
// position of the normalised text try every term, keep the longest that
// stays within one clause, and go on after it.
func refFind(s *Set, text string) []Match {
	n := textnorm.Normalize(text)
	orig := []rune(text)
	runes := n.Runes()
	var out []Match
	for i := 0; i < len(runes); {
		var best Match
		bestLen := 0
		for _, th := range s.Themes {
			for _, term := range th.Terms {
				key := []rune(textnorm.Key(term))
				if len(key) <= bestLen || i+len(key) > len(runes) || !slices.Equal(runes[i:i+len(key)], key) {
					continue
				}
				if slices.ContainsFunc(orig[n.Orig(i):n.Orig(i+len(key)-1)], textnorm.IsClauseEnd) {
					continue
				}
				start, end := n.Span(i, i+len(key))
				best, bestLen = Match{th, term, start, end}, len(key)
			}
		}
		if bestLen == 0 {
			i++
			continue
		}
		out = append(out, best)
		i += bestLen
	}
	return out
}

func FuzzFind(f *testing.F) {
	f.Add("推行雙比對、雙提升。加強質量基礎設施建設，推行首负责任制", "双比对双提升|质量基础设施|首负责任制|首负责任")
	f.Add("质量基础设施建设；质量。基础", "质量|质量基础设施|基础设施建设")
	f.Add("ＱＣ小組\n qc 小组", "QC小组|qc|小组")
	f.Add("\xff双比对\xfe双提升", "双比对|\xff|")
	f.Add("aaaa!aaa", "a|aa|aaa|a!a")
	f.Fuzz(func(t *testing.T, text, terms string) {
		// The terms go to three themes in turn, so that keys shared within
		// and across themes both occur.
		set := &Set{}
		for i, term := range strings.Split(terms, "|") {
			if i < 3 {
				set.Themes = append(set.Themes, &Theme{ID: fmt.Sprintf("t%d", i)})
			}
			th := set.Themes[i%3]
			th.Terms = append(th.Terms, term)
		}
		m := NewMatcher(set)
		got := m.Find(text)
		orig := []rune(text)
		if utf8.RuneCountInString(text) != len(orig) {
			t.Fatalf("rune count of %q", text)
		}
		end := 0
		for _, g := range got {
			if g.Start < end || g.Start >= g.End || g.End > len(orig) {
				t.Fatalf("Find(%q) with terms %q = %v: match %v out of order, empty or out of range", text, terms, got, g)
			}
			end = g.End
			sub := string(orig[g.Start:g.End])
			if textnorm.Key(sub) != textnorm.Key(g.Term) {
				t.Fatalf("Find(%q) with terms %q: match %q [%d,%d) normalises to %q, not to the key of its term %q", text, terms, sub, g.Start, g.End, textnorm.Key(sub), g.Term)
			}
			if strings.ContainsFunc(sub, textnorm.IsClauseEnd) {
				t.Fatalf("Find(%q) with terms %q: match %q runs across a clause end", text, terms, sub)
			}
			if !slices.Contains(g.Theme.Terms, g.Term) {
				t.Fatalf("Find(%q) with terms %q: match term %q is not a term of theme %s", text, terms, g.Term, g.Theme.ID)
			}
		}
		if want := refFind(set, text); !slices.Equal(got, want) {
			t.Fatalf("Find(%q) with terms %q = %v, want %v", text, terms, got, want)
		}
		var gotIDs, wantIDs []string
		for _, th := range m.Themes(text) {
			gotIDs = append(gotIDs, th.ID)
		}
		for _, th := range set.Themes {
			if slices.ContainsFunc(got, func(g Match) bool { return g.Theme == th }) {
				wantIDs = append(wantIDs, th.ID)
			}
		}
		if !slices.Equal(gotIDs, wantIDs) {
			t.Fatalf("Themes(%q) with terms %q = %v, want %v", text, terms, gotIDs, wantIDs)
		}
	})
}

// benchCorpus is the text of the seed documents, about 100 KB, and the
// seed themes.
func benchCorpus(b *testing.B) (string, *Matcher) {
	files, _ := filepath.Glob("../../content/docs/*.md")
	var sb strings.Builder
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(src)
	}
	if sb.Len() < 50<<10 {
		b.Fatalf("seed documents are %d bytes, want about 100 KB", sb.Len())
	}
	set, problems := LoadFile("../../content/themes.yaml")
	if err := problems.Err(); err != nil {
		b.Fatal(err)
	}
	return sb.String(), NewMatcher(set)
}

func BenchmarkFind(b *testing.B) {
	text, m := benchCorpus(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = m.Find(text)
	}
}

func BenchmarkThemes(b *testing.B) {
	text, m := benchCorpus(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = m.Themes(text)
	}
}

// BenchmarkNormalize is the part of Find that package textnorm does, for
// comparison.
func BenchmarkNormalize(b *testing.B) {
	text, _ := benchCorpus(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = textnorm.Normalize(text)
	}
}
