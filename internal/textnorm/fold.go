package textnorm

import "strings"

// foldPair is one entry of foldWide.
type foldPair struct {
	from, to rune
}

// SimplifyRune returns the simplified form of the Han character r, or r
// itself when r is not a traditional character (including every non-Han
// rune). SimplifyRune(SimplifyRune(r)) == SimplifyRune(r) for every r.
func SimplifyRune(r rune) rune {
	if r < denseLimit {
		if r < 0 {
			return r
		}
		switch v := foldDense[r]; v {
		case 0:
			return r
		case wideMark:
		default:
			return rune(v)
		}
	}
	return simplifyWide(r)
}

// simplifyWide searches foldWide, which is small and touched only by rare
// characters, so a binary search is cheaper than another dense table.
func simplifyWide(r rune) rune {
	lo, hi := 0, len(foldWide)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if foldWide[m].from < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(foldWide) && foldWide[lo].from == r {
		return foldWide[lo].to
	}
	return r
}

// Simplify returns s with every rune replaced by SimplifyRune of it. Bytes
// that are not valid UTF-8 are copied unchanged. Simplify returns s itself,
// without allocating, when nothing changes.
func Simplify(s string) string {
	for i := 0; i < len(s); {
		r, size := decodeRune(s, i)
		if f := SimplifyRune(r); f != r {
			return simplifyFrom(s, i)
		}
		i += size
	}
	return s
}

// simplifyFrom finishes Simplify once it has found the first rune to change,
// at byte offset i. Like scan, it copies unchanged runs as byte slices.
func simplifyFrom(s string, i int) string {
	var b strings.Builder
	// Folding to a rune outside the BMP lengthens it by a byte; leave a
	// little room so that a few of those do not force a second allocation.
	b.Grow(len(s) + 8)
	copied := 0
	for i < len(s) {
		r, size := decodeRune(s, i)
		if f := SimplifyRune(r); f != r {
			b.WriteString(s[copied:i])
			b.WriteRune(f)
			copied = i + size
		}
		i += size
	}
	b.WriteString(s[copied:])
	return b.String()
}
