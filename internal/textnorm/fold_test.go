package textnorm

import (
	"sort"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSimplifyRune(t *testing.T) {
	tests := []struct {
		in, want rune
	}{
		{'關', '关'}, {'於', '于'}, {'于', '于'}, {'質', '质'}, {'量', '量'},
		{'礎', '础'}, {'設', '设'}, {'施', '施'}, {'雙', '双'}, {'對', '对'},
		{'產', '产'}, {'醫', '医'}, {'院', '院'}, {'負', '负'}, {'責', '责'},
		{'說', '说'}, {'國', '国'}, {'綱', '纲'}, {'見', '见'}, {'實', '实'},
		{'為', '为'}, {'臺', '台'}, {'台', '台'}, {'體', '体'}, {'發', '发'},
		{'髮', '发'}, {'後', '后'}, {'裡', '里'}, {'裏', '里'}, {'麼', '么'},
		{'週', '周'}, {'鬆', '松'}, {'製', '制'}, {'強', '强'}, {'建', '建'},
		// Characters Unihan calls both: the other form is chosen, so that
		// 意味著 and 意味着 match.
		{'著', '着'}, {'着', '着'}, {'乾', '干'},
		// Orthographic variants used in Taiwan and Hong Kong.
		{'內', '内'}, {'戶', '户'}, {'稅', '税'}, {'説', '说'}, {'爲', '为'},
		// Overrides of Unihan's Extension B–H analogical forms.
		{'鑑', '鉴'}, {'嶽', '岳'},
		// A chain in the data, resolved at generation time.
		{'薴', '苎'}, {'苧', '苎'},
		// Not Han, or already simplified.
		{'a', 'a'}, {'Ａ', 'Ａ'}, {'。', '。'}, {'关', '关'}, {-1, -1},
		{utf8.RuneError, utf8.RuneError}, {unicode.MaxRune, unicode.MaxRune},
		{unicode.MaxRune + 1, unicode.MaxRune + 1},
	}
	for _, tt := range tests {
		if got := SimplifyRune(tt.in); got != tt.want {
			t.Errorf("SimplifyRune(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSimplify(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"关于", "关于"},
		{"關於", "关于"},
		{"關于", "关于"},
		{"質量基礎設施", "质量基础设施"},
		{"首負責任制", "首负责任制"},
		{"中華人民共和國", "中华人民共和国"},
		// Punctuation, width and case are Normalize's business, not Simplify's.
		{"《質量強國建設綱要》ＡＢ", "《质量强国建设纲要》ＡＢ"},
		// Invalid UTF-8 is copied, not replaced.
		{"國\xff國", "国\xff国"},
		// A fold to a rune outside the BMP grows the string.
		{"俓俓俓俓俓俓俓俓俓俓", "\U000201F9\U000201F9\U000201F9\U000201F9\U000201F9\U000201F9\U000201F9\U000201F9\U000201F9\U000201F9"},
	}
	for _, tt := range tests {
		if got := Simplify(tt.in); got != tt.want {
			t.Errorf("Simplify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSimplifyUnchangedDoesNotAllocate(t *testing.T) {
	s := "为深入贯彻党中央、国务院决策部署，落实《质量强国建设纲要》"
	if n := testing.AllocsPerRun(100, func() { _ = Simplify(s) }); n != 0 {
		t.Errorf("Simplify(%q) allocates %v times, want 0", s, n)
	}
}

// TestTables checks the invariants the generator promises, over every code
// point, so that a regenerated table.go cannot quietly break them.
func TestTables(t *testing.T) {
	if !sort.SliceIsSorted(foldWide[:], func(i, j int) bool { return foldWide[i].from < foldWide[j].from }) {
		t.Fatal("foldWide is not sorted")
	}
	for i := 1; i < len(foldWide); i++ {
		if foldWide[i].from == foldWide[i-1].from {
			t.Fatalf("foldWide has %U twice", foldWide[i].from)
		}
	}
	folds := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		s := SimplifyRune(r)
		if s == r {
			if isBit(&tradOnlyBits, r) {
				t.Errorf("%U does not fold but is marked traditional-only", r)
			}
			continue
		}
		folds++
		if ss := SimplifyRune(s); ss != s {
			t.Errorf("SimplifyRune(SimplifyRune(%q)) = %q, want %q", r, ss, s)
		}
		if !unicode.Is(unicode.Han, r) || !unicode.IsLetter(s) {
			t.Errorf("SimplifyRune(%q) = %q, want a fold from Han to a letter", r, s)
		}
		if isBit(&simpOnlyBits, r) {
			t.Errorf("%U folds but is marked simplified-only", r)
		}
		if r < denseLimit && s <= 0xFFFF && foldDense[r] == wideMark {
			t.Errorf("%U→%U is in foldWide but fits foldDense", r, s)
		}
	}
	if folds != numFolds {
		t.Errorf("%d code points fold, want numFolds = %d", folds, numFolds)
	}
}

func isBit(bits *[denseLimit / 64]uint64, r rune) bool {
	return r >= 0 && r < denseLimit && bits[r/64]&(1<<(r%64)) != 0
}
