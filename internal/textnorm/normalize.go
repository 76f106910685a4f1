package textnorm

import (
	"encoding/binary"
	"math"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text is the normalised form of a string together with, for every rune of
// it, the offset of the original rune it came from. The zero Text is the
// normalisation of "". A Text is immutable and safe for concurrent use.
type Text struct {
	s     string
	runes []rune
	// orig[i] is the rune offset in the original of runes[i]. int32 halves
	// the memory of the map; Normalize refuses longer input.
	orig    []int32
	origLen int
}

// Normalize folds s for matching as the package documentation describes
// and records where each kept rune came from. Offsets count runes, not
// bytes. Normalize panics if s is longer than math.MaxInt32 bytes, which
// the offset map could not index.
func Normalize(s string) Text {
	if len(s) > math.MaxInt32 {
		panic("textnorm: input too long")
	}
	if s == "" {
		return Text{}
	}
	// One allocation holds both arrays (a rune is an int32 too), sized by
	// a cheap rune count that is exact for valid UTF-8. Invalid input can
	// only make it short, and then append reallocates, because the
	// three-index slices keep the two halves from overwriting each other.
	est := runeEstimate(s)
	buf := make([]int32, 2*est)
	var b strings.Builder
	b.Grow(len(s))
	runes, orig, n := scan(s, &b, buf[:0:est], buf[est:est:2*est], true)
	return Text{s: b.String(), runes: runes, orig: orig, origLen: n}
}

// A Normalizer normalises one text after another into the same memory,
// for callers that look at each text once and need only its runes and
// their offsets: aligning two documents normalises every section it
// pairs, thousands of texts a document, each dropped at once. The zero
// Normalizer is ready for use; it is not safe for concurrent use.
type Normalizer struct {
	buf []int32
}

// Runes returns what Normalize(s) returns, but for its string: String
// of the result is "". The result lives in z's memory and is valid only
// until z's next call.
func (z *Normalizer) Runes(s string) Text {
	if len(s) > math.MaxInt32 {
		panic("textnorm: input too long")
	}
	if s == "" {
		return Text{}
	}
	est := runeEstimate(s)
	if cap(z.buf) < 2*est {
		z.buf = make([]int32, 2*est)
	}
	runes, orig, n := scan(s, nil, z.buf[:0:est], z.buf[est:est:2*est], true)
	return Text{runes: runes, orig: orig, origLen: n}
}

// Key returns Normalize(s).String(), the form in which theme terms and
// search queries are compared. It skips the offset map, and returns s itself
// without allocating when s is already normalised.
func Key(s string) string {
	for i := 0; i < len(s); {
		r, size := decodeRune(s, i)
		if f, ok := fold(r); !ok || f != r {
			var b strings.Builder
			b.Grow(len(s))
			b.WriteString(s[:i])
			scan(s[i:], &b, nil, nil, false)
			return b.String()
		}
		i += size
	}
	return s
}

// Dropped reports whether normalisation leaves r out: white space,
// punctuation, symbols, controls and format characters. Key(s) is ""
// exactly when every rune of s is dropped, which a caller can ask rune
// by rune without building a string.
func Dropped(r rune) bool {
	_, kept := fold(r)
	return !kept
}

// scan is the loop behind Normalize, Runes and Key. It writes the folded
// text of s to b, unless b is nil, and, if track is set, appends each kept rune to runes and its rune
// offset in s to orig. It returns those and the rune count of s.
//
// Runs of runes that pass through unchanged, which is most of a simplified
// text, are copied as byte slices of s rather than rune by rune.
func scan(s string, b *strings.Builder, runes, orig []int32, track bool) ([]int32, []int32, int) {
	n := 0
	copied := 0 // s[:copied] has been written or dropped
	for i := 0; i < len(s); n++ {
		// The URO (U+4E00–U+9FFF), which is nearly all of a Chinese
		// text, is handled inline: lead bytes E4–E9, always kept, folded
		// by one table load. Together with copying unchanged runs this
		// doubles the speed of the general path below.
		if c := s[i]; 0xE4 <= c && c <= 0xE9 && i+2 < len(s) {
			c1, c2 := s[i+1], s[i+2]
			if r := rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F); c1&0xC0 == 0x80 && c2&0xC0 == 0x80 && r >= 0x4E00 {
				f := r
				if v := foldDense[r]; v == wideMark {
					f = simplifyWide(r)
				} else if v != 0 {
					f = rune(v)
				}
				if track {
					runes = append(runes, f)
					orig = append(orig, int32(n))
				}
				if f != r && b != nil {
					b.WriteString(s[copied:i])
					b.WriteRune(f)
					copied = i + 3
				}
				i += 3
				continue
			}
		}
		r, size := decodeRune(s, i)
		f, ok := fold(r)
		if ok && track {
			runes = append(runes, f)
			orig = append(orig, int32(n))
		}
		// An invalid byte decodes to U+FFFD, a symbol, so it is dropped
		// here and never copied as part of a run.
		if (!ok || f != r) && b != nil {
			b.WriteString(s[copied:i])
			if ok {
				b.WriteRune(f)
			}
			copied = i + size
		}
		i += size
	}
	if b != nil {
		b.WriteString(s[copied:])
	}
	return runes, orig, n
}

// decodeRune is utf8.DecodeRuneInString(s[i:]) with the three-byte case,
// which is all of the BMP's Han, decoded inline: the library call it saves
// is a large part of Normalize's time on Chinese text.
func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	} else if c&0xF0 == 0xE0 && i+2 < len(s) {
		c1, c2 := s[i+1], s[i+2]
		r := rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
		if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 && r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
			return r, 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// runeEstimate counts the bytes of s that do not continue a UTF-8
// sequence, eight at a time: the rune count for valid UTF-8, at a fraction
// of the cost of utf8.RuneCountInString.
func runeEstimate(s string) int {
	const hi = 0x8080808080808080
	cont := 0
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		// A continuation byte is 10xxxxxx: top bit set, next bit clear.
		cont += bits.OnesCount64(w & hi &^ (w << 1))
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			cont++
		}
	}
	return len(s) - cont
}

// String returns the normalised text.
func (t Text) String() string { return t.s }

// Len returns the number of runes in the normalised text.
func (t Text) Len() int { return len(t.runes) }

// Runes returns the runes of the normalised text. The slice is shared with
// t, which is why callers must not modify it.
func (t Text) Runes() []rune { return t.runes }

// Orig returns the rune offset in the original string of normalised rune i.
// Orig(Len()) is the rune length of the original, so that a range ending at
// the end of the normalised text can be mapped like any other. Orig panics
// if i is outside [0, Len()].
func (t Text) Orig(i int) int {
	if i == len(t.runes) {
		return t.origLen
	}
	return int(t.orig[i])
}

// Span maps the normalised rune range [i, j) to the range [start, end) of
// rune offsets in the original that covers it: from the original of its
// first rune to just past the original of its last, so that punctuation the
// match skipped over inside the range is included and punctuation around it
// is not. An empty range (i == j) maps to the empty range at Orig(i), which
// for i == Len() is the end of the original. Span never panics: i and j are
// clamped to [0, Len()], and j to at least i.
func (t Text) Span(i, j int) (start, end int) {
	n := len(t.runes)
	i = min(max(i, 0), n)
	j = min(max(j, i), n)
	if i == j {
		o := t.Orig(i)
		return o, o
	}
	return int(t.orig[i]), int(t.orig[j-1]) + 1
}

// fold returns what r becomes in the normalised text, and false if r is
// dropped.
func fold(r rune) (rune, bool) {
	switch {
	case r < utf8.RuneSelf:
		return foldASCII(r)
	case 0x4E00 <= r && r <= 0x9FFF, 0x3400 <= r && r <= 0x4DBF:
		// The URO and Extension A hold only letters, so they skip the
		// category tables.
		return SimplifyRune(r), true
	case 0xFF01 <= r && r <= 0xFF5E:
		return foldASCII(r - 0xFF01 + '!')
	case 0x2010 <= r && r <= 0x2029, 0x3000 <= r && r <= 0x3003, 0x3008 <= r && r <= 0x3011:
		// Dashes, quotes, ellipsis, the ideographic space and the commonest
		// CJK punctuation, without the category tables.
		return 0, false
	}
	if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) ||
		unicode.IsControl(r) || unicode.Is(unicode.Cf, r) ||
		unicode.Is(unicode.Variation_Selector, r) {
		return 0, false
	}
	return SimplifyRune(r), true
}

// foldASCII keeps ASCII letters, lower-cased, and digits.
func foldASCII(r rune) (rune, bool) {
	switch {
	case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
		return r, true
	case 'A' <= r && r <= 'Z':
		return r + 'a' - 'A', true
	}
	return 0, false
}
