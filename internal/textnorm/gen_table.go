//go:build ignore

// Command gen_table writes table.go, the traditional-to-simplified folding
// tables of package textnorm, from Unicode's Unihan_Variants.txt.
//
// Usage (from internal/textnorm, normally via go generate):
//
//	go run gen_table.go [-in /usr/share/unicode/Unihan_Variants.txt.bz2] [-out table.go]
//
// The input may be the plain text file or its .bz2 compression (Debian's
// unicode-data package installs the latter). The output is committed, so
// building the package never needs the data file.
//
// A code point T folds to S when:
//
//   - T has a kSimplifiedVariant other than itself: S is the first such value.
//     Skipping T itself matters for 裡 (listed as 裡 里), which must fold to 里.
//   - T has no kSimplifiedVariant at all but some S lists T as a
//     kTraditionalVariant: S is the lowest such code point.
//   - T still does not fold, is not the fold of anything, and has a
//     kZVariant V (the same character in another glyph form) that folds:
//     T folds as V does. This catches Japanese and Hong Kong glyph forms
//     such as 説 (說→说) and 鋭 (銳→锐).
//   - T is in overrides below, which wins over all of the above.
//
// Chains are then resolved to their final form (薴→苧→苎 becomes 薴→苎), so
// that folding is idempotent; a cycle, which Unihan does not contain today,
// stops the generator rather than being silently broken.
package main

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"flag"
	"fmt"
	"go/format"
	"io"
	"log"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// denseLimit is one past the last code point held in the dense table; it
// covers CJK Extension A and the URO, where almost all running text lives.
// table.go carries it to the package under the same name.
const denseLimit = 0xA000

// wideMark in the dense table sends a lookup to the sparse table; it is a
// noncharacter, so it can never be a real target.
const wideMark = 0xFFFF

// overrides are folds that Unihan 15.0 lacks or gets unhelpfully for
// matching, chosen by hand to land on the form mainland text uses (the
// 通用规范汉字表 of 2013 as far as possible). Two kinds:
//
//   - No kSimplifiedVariant at all, only semantic variants (too loose to use
//     wholesale: 完 is listed as a semantic variant of 煙). These are forms
//     common in Taiwan and Hong Kong documents and in older or
//     Japanese-influenced typesetting.
//   - A kSimplifiedVariant that is an analogical simplification encoded in
//     Extension B–H (鑑→U+30FAB) which no mainland text uses; the mainland
//     form is the one a reader would search for.
var overrides = map[rune]rune{
	// Not in Unihan as simplified/traditional pairs.
	'週': '周', '裏': '里', '淨': '净', '証': '证', '蹟': '迹', '歎': '叹',
	'溼': '湿', '勳': '勋', '甦': '苏', '菸': '烟', '剷': '铲', '餽': '馈',
	'譁': '哗', '鼇': '鳌', '饑': '饥', '箇': '个', '滙': '汇', '麪': '面',
	'樑': '梁', '汙': '污', '汚': '污', '鷄': '鸡', '峯': '峰', '羣': '群',
	'牀': '床', '卽': '即', '旣': '既', '眞': '真', '値': '值', '喫': '吃',
	'僱': '雇', '綑': '捆', '佔': '占', '慾': '欲', '擡': '抬', '蒐': '搜',
	'嚮': '向', '醃': '腌', '甎': '砖', '脣': '唇', '鬪': '斗', '闘': '斗',
	'佈': '布', '遊': '游', '籤': '签', '罎': '坛', '覈': '核', '衹': '只',
	'昇': '升', '陞': '升', '彫': '雕', '尲': '尴', '祕': '秘', '爲': '为',
	'衞': '卫', '録': '录', '啓': '启', '衆': '众', '綫': '线', '産': '产',
	'敍': '叙', '舖': '铺', '燄': '焰',
	// Unihan's target is an analogical form outside the BMP.
	'嚐': '尝', '崙': '仑', '嶽': '岳', '巖': '岩', '滷': '卤', '絃': '弦',
	'讚': '赞', '鍊': '炼', '鎚': '锤', '鑑': '鉴', '餵': '喂', '糰': '团',
	'賸': '剩', '譟': '噪', '釦': '扣', '擧': '举', '綵': '彩', '瀰': '弥',
	'塼': '砖', '鹼': '碱', '鎗': '枪', '銲': '焊', '鑪': '炉', '藷': '薯',
	'齧': '啮',
}

func main() {
	in := flag.String("in", "/usr/share/unicode/Unihan_Variants.txt.bz2", "Unihan_Variants.txt, plain or .bz2")
	out := flag.String("out", "table.go", "output Go file")
	flag.Parse()

	f, err := os.Open(*in)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(*in, ".bz2") {
		r = bzip2.NewReader(f)
	}
	data, err := parse(r)
	if err != nil {
		log.Fatalf("%s: %v", *in, err)
	}
	t, err := build(data)
	if err != nil {
		log.Fatal(err)
	}
	src, err := t.source(data.version)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s: %d folds (%d dense, %d wide), %d traditional-only, %d simplified-only",
		*out, len(t.fold), t.nDense, len(t.wide), len(t.tradOnly), len(t.simpOnly))
}

// unihan is the part of Unihan_Variants.txt the tables need.
type unihan struct {
	version string
	simp    map[rune][]rune // kSimplifiedVariant
	trad    map[rune][]rune // kTraditionalVariant
	z       map[rune][]rune // kZVariant
}

var versionRE = regexp.MustCompile(`^# Unicode version: (\S+)`)

func parse(r io.Reader) (*unihan, error) {
	u := &unihan{simp: map[rune][]rune{}, trad: map[rune][]rune{}, z: map[rune][]rune{}}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if m := versionRE.FindStringSubmatch(text); m != nil {
			u.version = m[1]
		}
		if text == "" || text[0] == '#' {
			continue
		}
		fields := strings.Split(text, "\t")
		if len(fields) != 3 {
			return nil, fmt.Errorf("line %d: want 3 tab-separated fields, got %q", line, text)
		}
		var dst map[rune][]rune
		switch fields[1] {
		case "kSimplifiedVariant":
			dst = u.simp
		case "kTraditionalVariant":
			dst = u.trad
		case "kZVariant":
			dst = u.z
		default:
			continue
		}
		cp, err := codePoint(fields[0])
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", line, err)
		}
		for _, v := range strings.Fields(fields[2]) {
			// Values may carry a source suffix (U+4E94<kMatthews) in
			// other fields; strip it in case these ever do too.
			v, _, _ = strings.Cut(v, "<")
			vr, err := codePoint(v)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", line, err)
			}
			dst[cp] = append(dst[cp], vr)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(u.simp) == 0 {
		return nil, fmt.Errorf("no kSimplifiedVariant entries")
	}
	if u.version == "" {
		u.version = "unknown"
	}
	return u, nil
}

func codePoint(s string) (rune, error) {
	hex, ok := strings.CutPrefix(s, "U+")
	if !ok {
		return 0, fmt.Errorf("bad code point %q", s)
	}
	n, err := strconv.ParseUint(hex, 16, 32)
	if err != nil || n > 0x10FFFF {
		return 0, fmt.Errorf("bad code point %q", s)
	}
	return rune(n), nil
}

// pair is one fold.
type pair struct{ from, to rune }

// tables is everything table.go holds.
type tables struct {
	fold     map[rune]rune
	nDense   int
	wide     []pair // sorted by from
	tradOnly []rune
	simpOnly []rune
}

func build(u *unihan) (*tables, error) {
	fold := map[rune]rune{}
	for t, vs := range u.simp {
		for _, s := range vs {
			if s != t {
				fold[t] = s
				break
			}
		}
	}
	// Reverse kTraditionalVariant, lowest simplified form first so that the
	// result does not depend on map order.
	simps := sortedKeys(u.trad)
	for _, s := range simps {
		for _, t := range u.trad[s] {
			if t == s {
				continue
			}
			if _, listed := u.simp[t]; listed {
				continue
			}
			if _, done := fold[t]; !done {
				fold[t] = s
			}
		}
	}
	targets := map[rune]bool{}
	for _, s := range fold {
		targets[s] = true
	}
	var zfold []pair
	for _, t := range sortedKeys(u.z) {
		if _, done := fold[t]; done || targets[t] {
			continue
		}
		for _, v := range u.z[t] {
			if s, ok := fold[v]; ok && s != t {
				zfold = append(zfold, pair{t, s})
				break
			}
		}
	}
	for _, p := range zfold {
		log.Printf("kZVariant fold %c→%c", p.from, p.to)
		fold[p.from] = p.to
	}
	for _, t := range sortedKeys(overrides) {
		s := overrides[t]
		if fold[t] == s {
			log.Printf("override %c→%c is already in the data; it can be removed", t, s)
		}
		fold[t] = s
	}

	// Resolve chains to their end so that folding twice equals folding once.
	resolved := make(map[rune]rune, len(fold))
	for _, t := range sortedKeys(fold) {
		seen := []rune{t}
		s := fold[t]
		for {
			next, ok := fold[s]
			if !ok {
				break
			}
			if slices.Contains(seen, s) {
				return nil, fmt.Errorf("cycle in folds: %q", string(append(seen, s)))
			}
			seen = append(seen, s)
			s = next
		}
		if len(seen) > 1 {
			log.Printf("chain %q→%c resolved to %c→%c", string(seen), s, t, s)
		}
		resolved[t] = s
	}

	tb := &tables{fold: resolved}
	for _, t := range sortedKeys(resolved) {
		s := resolved[t]
		if t < denseLimit && s <= 0xFFFF {
			tb.nDense++
		} else {
			tb.wide = append(tb.wide, pair{t, s})
		}
	}

	// Script classes. A character is traditional-only when it folds and
	// Unihan does not also call it simplified: it is nobody's target and
	// does not list itself among its own simplified or traditional forms
	// (著, 乾, 覆 do, and stay neutral). Simplified-only is the mirror image.
	// Override sources are left neutral: most are variants that also turn up
	// in mainland text (昇, 佔, 蒐).
	targets = map[rune]bool{}
	for _, s := range resolved {
		targets[s] = true
	}
	for _, t := range sortedKeys(u.simp) {
		if _, ok := resolved[t]; !ok || targets[t] {
			continue
		}
		if slices.Contains(u.simp[t], t) || slices.Contains(u.trad[t], t) {
			continue
		}
		if t < denseLimit {
			tb.tradOnly = append(tb.tradOnly, t)
		}
	}
	for _, s := range simps {
		if _, folds := resolved[s]; folds || !targets[s] {
			continue
		}
		if slices.Contains(u.trad[s], s) || slices.Contains(u.simp[s], s) {
			continue
		}
		if s < denseLimit {
			tb.simpOnly = append(tb.simpOnly, s)
		}
	}
	return tb, nil
}

func sortedKeys[V any](m map[rune]V) []rune {
	keys := make([]rune, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// lit writes r as a Go rune literal; the characters themselves make the
// table reviewable, and %q escapes anything Go does not consider printable.
func lit(r rune) string { return strconv.QuoteRune(r) }

func (t *tables) source(version string) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by gen_table.go from Unihan_Variants.txt (Unicode %s). DO NOT EDIT.\n\n", version)
	b.WriteString("package textnorm\n\n")
	fmt.Fprintf(&b, "// unihanVersion is the Unicode version of the Unihan data behind these tables.\nconst unihanVersion = %q\n\n", version)
	fmt.Fprintf(&b, "// numFolds is the number of code points that SimplifyRune changes.\nconst numFolds = %d\n\n", len(t.fold))
	fmt.Fprintf(&b, "// denseLimit is one past the last code point in foldDense.\nconst denseLimit = %#x\n\n", denseLimit)
	fmt.Fprintf(&b, "// wideMark in foldDense means the target is outside the BMP; see foldWide.\nconst wideMark = %#x\n\n", wideMark)

	b.WriteString("// foldDense maps a code point below denseLimit to its simplified form.\n")
	b.WriteString("// Zero means the code point does not fold.\n")
	b.WriteString("var foldDense = [denseLimit]uint16{\n")
	n := 0
	for _, from := range sortedKeys(t.fold) {
		if from >= denseLimit {
			continue
		}
		to := t.fold[from]
		v := lit(to)
		if to > 0xFFFF {
			v = "wideMark"
		}
		if n%8 == 0 {
			b.WriteString("\t")
		}
		fmt.Fprintf(&b, "%s: %s,", lit(from), v)
		n++
		if n%8 == 0 {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
	}
	b.WriteString("\n}\n\n")

	b.WriteString("// foldWide holds the folds foldDense cannot: sources at or above\n")
	b.WriteString("// denseLimit and targets outside the BMP. It is sorted by from.\n")
	b.WriteString("var foldWide = [...]foldPair{\n")
	for i, p := range t.wide {
		if i%6 == 0 {
			b.WriteString("\t")
		}
		fmt.Fprintf(&b, "{%s, %s},", lit(p.from), lit(p.to))
		if i%6 == 5 || i == len(t.wide)-1 {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
	}
	b.WriteString("}\n\n")

	writeBits(&b, "tradOnlyBits", "traditional-only", t.tradOnly)
	writeBits(&b, "simpOnlyBits", "simplified-only", t.simpOnly)
	return format.Source(b.Bytes())
}

func writeBits(b *bytes.Buffer, name, what string, rs []rune) {
	var words [denseLimit / 64]uint64
	for _, r := range rs {
		words[r/64] |= 1 << (r % 64)
	}
	fmt.Fprintf(b, "// %s has bit r set for each %s character r below\n", name, what)
	fmt.Fprintf(b, "// denseLimit (%d of them); see Script.\n", len(rs))
	fmt.Fprintf(b, "var %s = [denseLimit / 64]uint64{\n", name)
	n := 0
	for i, w := range words {
		if w == 0 {
			continue
		}
		if n%4 == 0 {
			b.WriteString("\t")
		}
		fmt.Fprintf(b, "%#x: 0x%016x,", i, w)
		n++
		if n%4 == 0 {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
	}
	b.WriteString("\n}\n\n")
}
