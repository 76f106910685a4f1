package search

import (
	"errors"
	"fmt"
)

// alphabet holds the 64 digits of the posting encoding. None of them
// needs escaping in a JavaScript or JSON string.
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// digitValue maps a byte of alphabet back to its value; -1 for others.
var digitValue = func() (v [256]int8) {
	for i := range v {
		v[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		v[alphabet[i]] = int8(i)
	}
	return v
}()

// appendUvarint appends v in the index's varint form: five bits to a
// digit, least significant first, each digit but the last carrying 32.
// Values below 32 take one digit, below 1024 two.
func appendUvarint(b []byte, v uint64) []byte {
	for v >= 32 {
		b = append(b, alphabet[32|v&31])
		v >>= 5
	}
	return append(b, alphabet[v])
}

// errPosting is returned for a posting list that is not well formed.
var errPosting = errors.New("malformed posting list")

// readUvarint reads one varint from s at i and returns it and the offset
// after it.
func readUvarint(s string, i int) (uint64, int, error) {
	var v uint64
	for shift := uint(0); ; shift += 5 {
		if i >= len(s) || shift > 60 {
			return 0, i, errPosting
		}
		d := digitValue[s[i]]
		if d < 0 {
			return 0, i, fmt.Errorf("%w: byte %q at %d", errPosting, s[i], i)
		}
		i++
		v |= uint64(d&31) << shift
		if d&32 == 0 {
			return v, i, nil
		}
	}
}

// Posting is one section's entry in a gram's posting list.
type Posting struct {
	// Section is the section's number: its index in the corpus's
	// sections, document by document in corpus order.
	Section int
	// InTitle reports that the gram occurs in the section's title.
	InTitle bool
	// Positions are the offsets of a bigram's occurrences in the
	// section's normalised text (title, then text), ascending. A
	// character's list has none.
	Positions []int
}

// appendPosting appends one entry to a posting list whose previous entry
// was for section prev (-1 before the first). A list is, for each section
// in ascending order: the gap to the previous section less one, times two,
// plus one if the gram occurs in the title; then, for a bigram only, each
// position's gap to the previous one (the first from -1) less one, times
// two, plus one if another position follows.
func appendPosting(b []byte, prev int, p Posting, bigram bool) []byte {
	g := uint64(p.Section-prev-1) << 1
	if p.InTitle {
		g |= 1
	}
	b = appendUvarint(b, g)
	if bigram {
		last := -1
		for i, pos := range p.Positions {
			v := uint64(pos-last-1) << 1
			if i+1 < len(p.Positions) {
				v |= 1
			}
			b = appendUvarint(b, v)
			last = pos
		}
	}
	return b
}

// DecodePostings decodes a posting list as the index files hold it; bigram
// says whether it is a bigram's list, with positions, or a character's.
func DecodePostings(s string, bigram bool) ([]Posting, error) {
	var out []Posting
	prev := -1
	for i := 0; i < len(s); {
		g, j, err := readUvarint(s, i)
		if err != nil {
			return nil, err
		}
		i = j
		p := Posting{Section: prev + 1 + int(g>>1), InTitle: g&1 == 1}
		if bigram {
			last := -1
			for {
				v, j, err := readUvarint(s, i)
				if err != nil {
					return nil, err
				}
				i = j
				last += 1 + int(v>>1)
				p.Positions = append(p.Positions, last)
				if v&1 == 0 {
					break
				}
			}
		}
		out = append(out, p)
		prev = p.Section
	}
	return out, nil
}

// appendSections appends a plain ascending list of section numbers, each
// as its gap to the previous one less one: the form of a theme's list.
func appendSections(b []byte, secs []int) []byte {
	prev := -1
	for _, s := range secs {
		b = appendUvarint(b, uint64(s-prev-1))
		prev = s
	}
	return b
}

// DecodeSections decodes a list written by appendSections.
func DecodeSections(s string) ([]int, error) {
	var out []int
	prev := -1
	for i := 0; i < len(s); {
		g, j, err := readUvarint(s, i)
		if err != nil {
			return nil, err
		}
		i = j
		prev += 1 + int(g)
		out = append(out, prev)
	}
	return out, nil
}
