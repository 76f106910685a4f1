package hanconv

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// hantSeed is the seed written in 繁體.
const hantSeed = "../../testdata/seeds/002_aa4f806ae0ee63b3.txt"

func TestSimplify(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		// 著: zhù words keep it, the rest is 着.
		{"影響力顯著提升", "影响力显著提升"},
		{"著力推進，著眼產業", "着力推进，着眼产业"},
		{"隨著經濟發展", "随着经济发展"},
		{"保護著作權與著名商標", "保护著作权与著名商标"},
		// A verb's 着 before a word that is not zhù's.
		{"創新著力點，結合著實際，加大著力度，討論著方案", "创新着力点，结合着实际，加大着力度，讨论着方案"},
		{"發揮著作用，承載著文化；學術著作", "发挥着作用，承载着文化；学术著作"},
		// OpenCC's phrases before its characters.
		{"鄉鎮全覆蓋，函覆意見", "乡镇全覆盖，函复意见"},
		{"乾隆年間，乾淨整潔", "乾隆年间，干净整洁"},
		{"一目瞭然；瞭望", "一目了然；瞭望"},
		// What has no other form stays.
		{"ISO 9001：2015（一）", "ISO 9001：2015（一）"},
		{"", ""},
	} {
		if got := Simplify(c.in); got != c.want {
			t.Errorf("Simplify(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestOpenCC holds the conversion to OpenCC's own t2s, as the Go port
// runs it, on the 繁體 seed and on every key of the tables: the same
// text to the character but for 著, whose rule is the project's.
func TestOpenCC(t *testing.T) {
	cc, err := opencc.New("t2s")
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{hantText(t)}
	for _, dict := range []string{tsPhrases, tsCharacters} {
		each(dict, func(from, _ string) {
			// The port looks at most ten characters ahead.
			if utf8.RuneCountInString(from) <= 10 {
				texts = append(texts, from)
			}
		})
	}
	differ := 0
	for _, s := range texts {
		want, err := cc.Convert(s)
		if err != nil {
			t.Fatal(err)
		}
		got := Simplify(s)
		in, g, w := []rune(s), []rune(got), []rune(want)
		if len(g) != len(in) || len(w) != len(in) {
			t.Fatalf("%q: %d code points converted to %d here, %d by OpenCC", s, len(in), len(g), len(w))
		}
		for i := range in {
			if g[i] != w[i] && in[i] != '著' {
				differ++
				t.Errorf("%q: at %d %q, OpenCC %q", s, i, g[i], w[i])
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d characters differ from OpenCC's", differ)
	}
}

// convertBy converts s by entries alone, as a page does: at each
// character the longest entry of more than one character that starts
// there, else the character's own.
func convertBy(entries map[string]string, s string) string {
	longest := 1
	for k := range entries {
		longest = max(longest, utf8.RuneCountInString(k))
	}
	r := []rune(s)
	var b strings.Builder
	for i := 0; i < len(r); {
		n := min(longest, len(r)-i)
		for ; n > 1; n-- {
			if to, ok := entries[string(r[i:i+n])]; ok {
				b.WriteString(to)
				break
			}
		}
		if n > 1 {
			i += n
			continue
		}
		if to, ok := entries[string(r[i])]; ok {
			b.WriteString(to)
		} else {
			b.WriteRune(r[i])
		}
		i++
	}
	return b.String()
}

func TestEntries(t *testing.T) {
	seed := hantText(t)
	entries := Entries(seed)
	for _, want := range []string{"顯著", "答覆", "著", "顯", "覆蓋"} {
		_, ok := entries[want]
		if ok != (want != "答覆" && want != "覆蓋") {
			t.Errorf("Entries(seed)[%q]: present %v", want, ok)
		}
	}
	lines := strings.Split(seed, "\n")
	for _, s := range append(lines, seed) {
		if got, want := convertBy(entries, s), Simplify(s); got != want {
			t.Errorf("by the entries %q, by Simplify %q", got, want)
		}
	}
	// A phrase that stays as written is an entry too: without it, 乾
	// would become 干 by the characters' table.
	if got := Entries("乾隆年間")["乾隆"]; got != "乾隆" {
		t.Errorf(`Entries("乾隆年間")["乾隆"] = %q, want 乾隆`, got)
	}
	if len(Entries("ASCII only")) != 0 {
		t.Error("entries for a text with nothing to convert")
	}
}

func FuzzSimplify(f *testing.F) {
	f.Add("影響力顯著提升，著力推進")
	f.Add("乾隆年間乾淨")
	f.Add("一目瞭然\x00\xff")
	f.Fuzz(func(t *testing.T, s string) {
		got := Simplify(s)
		if utf8.ValidString(s) && utf8.RuneCountInString(got) != utf8.RuneCountInString(s) {
			t.Fatalf("Simplify(%q) = %q: %d code points, not %d", s, got, utf8.RuneCountInString(got), utf8.RuneCountInString(s))
		}
		if !utf8.ValidString(s) {
			return
		}
		entries := Entries(s)
		if by := convertBy(entries, s); by != got {
			t.Fatalf("%q: by its entries %q, by Simplify %q", s, by, got)
		}
	})
}

// hantText is the 繁體 seed's text.
func hantText(tb testing.TB) string {
	tb.Helper()
	seed, err := os.ReadFile(hantSeed)
	if err != nil {
		tb.Fatal(err)
	}
	return string(seed)
}

func BenchmarkEntries(b *testing.B) {
	s := hantText(b)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Entries(s)
	}
}

func BenchmarkSimplify(b *testing.B) {
	s := hantText(b)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Simplify(s)
	}
}
