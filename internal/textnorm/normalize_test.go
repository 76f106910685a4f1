package textnorm

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Realistic sentences from provincial quality-policy documents, in the two
// scripts, shared by the tests and the benchmarks.
var (
	simpSentences = []string{
		"为深入贯彻党中央、国务院决策部署，落实《质量强国建设纲要》，加快推进质量强省建设，全面提升我省质量总体水平，现结合实际制定本纲要。",
		"（一）指导思想。坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，完整、准确、全面贯彻新发展理念，服务和融入新发展格局。",
		"到2025年，质量水平稳步提高，质量强市建设取得阶段性成效；制造业质量竞争力指数达到92以上，建成若干具有国际影响力的“双比对”“双提升”示范项目。",
		"建设更适配的质量供给体系、高水平的质量基础设施体系、现代化的质量治理体系，落实企业首负责任制，为广州在推进中国式现代化建设中走在前列提供有力质量支撑。",
	}
	tradSentences = []string{
		"為貫徹落實《質量強國建設綱要》,深入推進質量強省建設,推動經濟社會高質量發展,更好滿足人民群眾質量需求,結合江蘇實際,制定如下實施意見。",
		"以習近平新時代中國特色社會主義思想為指導,深入學習貫徹黨的二十大精神,全面貫徹落實習近平總書記關于質量工作的重要論述,著力推動高質量發展。",
		"(二十二)完善質量基礎設施管理。推動構建依法管理的量值傳遞體系和市場需求導向的量值溯源體系,進一步落實計量器具強制檢定費用同級財政保障。",
		"(十三)提升全面質量管理水平。鼓勵企業制定實施以質取勝戰略,深化企業首席質量官制度,力爭全省規模以上企業首席質量官制度全覆蓋,中小微企業覆蓋率不低於80%。",
	}
)

func TestKey(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"雙比對、雙提升", "双比对双提升"},
		{"“双比对”“双提升”", "双比对双提升"},
		{"双比对双提升", "双比对双提升"},
		{"「雙比對」「雙提升」", "双比对双提升"},
		{"質量基礎設施", "质量基础设施"},
		{"首負責任制", "首负责任制"},
		{"ＡＢＣ１２３", "abc123"},
		{"ABC 123", "abc123"},
		{"關於", "关于"},
		{"關于", "关于"},
		{"關於深化質量強省建設的實施意見", "关于深化质量强省建设的实施意见"},
		{"关于深化质量强省建设的实施意见", "关于深化质量强省建设的实施意见"},
		{"（一）雙比對、雙提升。", "一双比对双提升"},
		{"《质量强国建设纲要》", "质量强国建设纲要"},
		{"【质量】〔2023〕『强国』〈纲要〉", "质量2023强国纲要"},
		{"质量……强国——建设·纲要", "质量强国建设纲要"},
		{"质量，强国；建设：纲要！？", "质量强国建设纲要"},
		{"质量\u3000强国 \t\n建设", "质量强国建设"},
		{"质\u200b量\ufeff强\u00ad国", "质量强国"},
		{"質\ufe00量", "质量"},
		{"粤府〔2020〕50号", "粤府202050号"},
		{"2.3%", "23"},
		{"HACCP等质量安全管理体系", "haccp等质量安全管理体系"},
		{"二〇二三年", "二〇二三年"},
		{"α-Café", "αcafé"},
		{"\xff质量\xfe", "质量"},
		// Truncated, surrogate and overlong three-byte sequences.
		{"质\xe4\xb8量", "质量"},
		{"质\xed\xa0\x80量", "质量"},
		{"质\xe0\x80\x80量", "质量"},
		// The edges of the inline Han path: Yijing hexagrams are symbols.
		{"\u4DBF\u4DC0\u4E00\u9FFF\uA000", "\u4DBF\u4E00\u9FFF\uA000"},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Normalize(tt.in).String(); got != tt.want {
			t.Errorf("Normalize(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKeyNormalisedDoesNotAllocate(t *testing.T) {
	s := "关于深化质量强省建设的实施意见2023abc"
	if n := testing.AllocsPerRun(100, func() { _ = Key(s) }); n != 0 {
		t.Errorf("Key(%q) allocates %v times, want 0", s, n)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		in    string
		runes string
		orig  []int
	}{
		{"", "", nil},
		{"。，", "", nil},
		{"（一）雙比對、雙提升。", "一双比对双提升", []int{1, 3, 4, 5, 7, 8, 9}},
		{"Ａ．b", "ab", []int{0, 2}},
		{"\xff關", "关", []int{1}},
		{"a\u200bb", "ab", []int{0, 2}},
		// Each invalid byte is a rune of the original, as in a range loop.
		{"\xe4\xb8關\xed\xa0\x80a", "关a", []int{2, 6}},
	}
	for _, tt := range tests {
		n := Normalize(tt.in)
		if got := string(n.Runes()); got != tt.runes {
			t.Errorf("Normalize(%q).Runes() = %q, want %q", tt.in, got, tt.runes)
		}
		if got := n.Len(); got != utf8.RuneCountInString(tt.runes) {
			t.Errorf("Normalize(%q).Len() = %v, want %v", tt.in, got, utf8.RuneCountInString(tt.runes))
		}
		var orig []int
		for i := range n.Len() {
			orig = append(orig, n.Orig(i))
		}
		if !slices.Equal(orig, tt.orig) {
			t.Errorf("Normalize(%q).Orig = %v, want %v", tt.in, orig, tt.orig)
		}
		if got, want := n.Orig(n.Len()), utf8.RuneCountInString(tt.in); got != want {
			t.Errorf("Normalize(%q).Orig(Len()) = %v, want %v", tt.in, got, want)
		}
	}
}

func TestSpan(t *testing.T) {
	const heading = "（一）雙比對、雙提升。"
	n := Normalize(heading)
	tests := []struct {
		i, j       int
		start, end int
	}{
		{1, 7, 3, 10}, // 双比对双提升 → 雙比對、雙提升
		{0, 7, 1, 10}, // the brackets around 一 are not part of it
		{0, 1, 1, 2},
		{1, 4, 3, 6}, // 双比对 → 雙比對, without the 、 after it
		{3, 5, 5, 8}, // 对双 → 對、雙, with the 、 inside
		{6, 7, 9, 10},
		{2, 2, 4, 4},   // empty: at Orig(i)
		{7, 7, 11, 11}, // empty at the end: the end of the original
		{0, 0, 1, 1},
		// Out of range: clamped, never a panic.
		{-5, 100, 1, 10},
		{5, 2, 8, 8},
		{100, 200, 11, 11},
	}
	for _, tt := range tests {
		start, end := n.Span(tt.i, tt.j)
		if start != tt.start || end != tt.end {
			t.Errorf("Normalize(%q).Span(%d, %d) = %v, want %v", heading, tt.i, tt.j,
				[2]int{start, end}, [2]int{tt.start, tt.end})
		}
	}
	// The brief's example, spelled out: the span is the original text.
	start, end := n.Span(1, 7)
	if got := string([]rune(heading)[start:end]); got != "雙比對、雙提升" {
		t.Errorf("Normalize(%q).Span(1, 7) covers %q, want %q", heading, got, "雙比對、雙提升")
	}
	var zero Text
	if start, end := zero.Span(0, 0); start != 0 || end != 0 {
		t.Errorf("Text{}.Span(0, 0) = %v, want %v", [2]int{start, end}, [2]int{0, 0})
	}
}

// TestKeyEquivalence checks the matching the package exists for: the two
// scripts, with any quoting, give one key.
func TestKeyEquivalence(t *testing.T) {
	groups := [][]string{
		{"雙比對、雙提升", "“双比对”“双提升”", "双比对双提升", "雙比對雙提升"},
		{"關於深化質量強省建設的實施意見", "关于深化质量强省建设的实施意见", "關于深化質量強省建設的實施意見"},
		{"《質量強國建設綱要》", "《质量强国建设纲要》", "质量强国建设纲要"},
		{"臺灣", "台湾", "台灣"},
		{"頭髮", "头发"},
		{"週末", "周末"},
		{"裏面", "裡面", "里面"},
	}
	for _, g := range groups {
		want := Key(g[0])
		for _, s := range g[1:] {
			if got := Key(s); got != want {
				t.Errorf("Key(%q) = %q, want %q (= Key(%q))", s, got, want, g[0])
			}
		}
	}
}

// sameRunes fails unless r, what a Normalizer made of s, has the runes and
// offsets of n, Normalize(s), and no string.
func sameRunes(t *testing.T, s string, r, n Text) {
	t.Helper()
	if !slices.Equal(r.Runes(), n.Runes()) || r.Len() != n.Len() || r.String() != "" {
		t.Fatalf("Normalizer.Runes(%q) = %q (string %q), want %q", s, string(r.Runes()), r.String(), string(n.Runes()))
	}
	for i := 0; i <= n.Len(); i++ {
		if r.Orig(i) != n.Orig(i) {
			t.Fatalf("Normalizer.Runes(%q).Orig(%d) = %d, want %d", s, i, r.Orig(i), n.Orig(i))
		}
	}
}

// TestNormalizerRunes: one Normalizer, fed long and short texts in turn,
// simplified, traditional and awkward, gives what Normalize gives each.
func TestNormalizerRunes(t *testing.T) {
	var z Normalizer
	texts := append(append(slices.Clone(simpSentences), tradSentences...), "", "\xff\xfe（一）", "ＡＢＣ", strings.Repeat("質量基礎設施，", 300), "a")
	for round := range 3 {
		for i := range texts {
			s := texts[(i*7+round)%len(texts)]
			sameRunes(t, s, z.Runes(s), Normalize(s))
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range append(slices.Clone(simpSentences), tradSentences...) {
		f.Add(s)
	}
	for _, s := range []string{"", "（一）雙比對、雙提升。", "ＡＢＣ１２３", "\xff\xfe", "a\u200bb\ufe0f", "俓薴"} {
		f.Add(s)
	}
	var z Normalizer // shared by the calls, as a caller shares it
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		sameRunes(t, s, z.Runes(s), n)
		total := utf8.RuneCountInString(s)
		if n.Len() != len(n.Runes()) {
			t.Fatalf("Normalize(%q).Len() = %v, want %v", s, n.Len(), len(n.Runes()))
		}
		if got := string(n.Runes()); got != n.String() {
			t.Fatalf("Normalize(%q).String() = %q, want %q", s, n.String(), got)
		}
		if n.Len() > total {
			t.Fatalf("Normalize(%q).Len() = %v, want at most %v", s, n.Len(), total)
		}
		prev := -1
		for i := range n.Len() {
			o := n.Orig(i)
			if o <= prev || o >= total {
				t.Fatalf("Normalize(%q).Orig(%d) = %v, want in (%d, %d)", s, i, o, prev, total)
			}
			prev = o
		}
		if got := n.Orig(n.Len()); got != total {
			t.Fatalf("Normalize(%q).Orig(Len()) = %v, want %v", s, got, total)
		}
		for i := 0; i <= n.Len(); i++ {
			for j := i; j <= n.Len() && j <= i+3; j++ {
				start, end := n.Span(i, j)
				if start < 0 || start > end || end > total || (i < j) != (start < end) {
					t.Fatalf("Normalize(%q).Span(%d, %d) = [%d, %d), want a range in [0, %d), empty iff i == j", s, i, j, start, end, total)
				}
			}
		}
		if n.Len() > 0 {
			if start, end := n.Span(0, n.Len()); start != n.Orig(0) || end != n.Orig(n.Len()-1)+1 {
				t.Fatalf("Normalize(%q).Span(0, Len()) = [%d, %d), want [%d, %d)", s, start, end, n.Orig(0), n.Orig(n.Len()-1)+1)
			}
		}
		var want []rune
		var wantOrig []int
		i := 0
		for _, r := range s {
			if f, ok := refFold(r); ok {
				want = append(want, f)
				wantOrig = append(wantOrig, i)
			}
			i++
		}
		if !slices.Equal(n.Runes(), want) {
			t.Fatalf("Normalize(%q).Runes() = %q, want %q", s, n.Runes(), want)
		}
		for i, o := range wantOrig {
			if n.Orig(i) != o {
				t.Fatalf("Normalize(%q).Orig(%d) = %v, want %v", s, i, n.Orig(i), o)
			}
		}
		k := Key(s)
		if k != n.String() {
			t.Fatalf("Key(%q) = %q, want %q", s, k, n.String())
		}
		if kk := Key(k); kk != k {
			t.Fatalf("Key(Key(%q)) = %q, want %q", s, kk, k)
		}
		if ss := Simplify(Simplify(s)); ss != Simplify(s) {
			t.Fatalf("Simplify(Simplify(%q)) = %q, want %q", s, ss, Simplify(s))
		}
		_ = Script(s)
	})
}

// refFold is fold written plainly from the package documentation, without
// fast paths, for FuzzNormalize to check fold, decodeRune and scan against.
func refFold(r rune) (rune, bool) {
	if 0xFF01 <= r && r <= 0xFF5E {
		r -= 0xFEE0
	}
	if r == 0x3000 {
		r = ' '
	}
	if 'A' <= r && r <= 'Z' {
		r += 'a' - 'A'
	}
	if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) ||
		unicode.IsControl(r) || unicode.Is(unicode.Cf, r) ||
		unicode.Is(unicode.Variation_Selector, r) {
		return 0, false
	}
	return SimplifyRune(r), true
}

// benchText is about 20 KB of mixed policy text: four simplified sentences
// to one traditional one, the traditional ones taking turns.
func benchText() string {
	var b strings.Builder
	for k := 0; b.Len() < 20<<10; k++ {
		for _, s := range simpSentences {
			b.WriteString(s)
			b.WriteByte('\n')
		}
		b.WriteString(tradSentences[k%len(tradSentences)])
		b.WriteByte('\n')
	}
	return b.String()
}

func BenchmarkNormalize(b *testing.B) {
	s := benchText()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Normalize(s)
	}
}

func BenchmarkKey(b *testing.B) {
	s := benchText()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Key(s)
	}
}

func BenchmarkSimplify(b *testing.B) {
	s := benchText()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Simplify(s)
	}
}

func BenchmarkScript(b *testing.B) {
	s := benchText()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Script(s)
	}
}

// TestDropped: Dropped(r) is Key(string(r)) == "", for every code point
// that decoding a string can give (surrogates never: they decode to
// U+FFFD), and for the bytes that are not UTF-8.
func TestDropped(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if 0xD800 <= r && r <= 0xDFFF {
			continue
		}
		if got, want := Dropped(r), Key(string(r)) == ""; got != want {
			t.Fatalf("Dropped(%U) = %v, but Key gives %q", r, got, Key(string(r)))
		}
	}
	if !Dropped(utf8.RuneError) || Key("\xff") != "" {
		t.Error("an invalid byte is not dropped as U+FFFD is")
	}
}
