package site

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"

	"tiaowen/internal/textnorm"
)

// allSharedByMarking is allShared as it was first written, kept as the
// reference: mark the covered characters, normalise what is left.
func allSharedByMarking(text string, ranges [][2]int) bool {
	if len(ranges) == 0 {
		return false
	}
	covered := make([]bool, utf8.RuneCountInString(text))
	for _, r := range ranges {
		for i := max(r[0], 0); i < min(r[1], len(covered)); i++ {
			covered[i] = true
		}
	}
	var rest []rune
	i := 0
	for _, c := range text {
		if !covered[i] {
			rest = append(rest, c)
		}
		i++
	}
	return textnorm.Key(string(rest)) == ""
}

// TestAllShared compares allShared with the reference on random texts of
// characters, punctuation and spaces, with random, overlapping,
// unsorted, empty and out-of-range passages.
func TestAllShared(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("质量强省，。、；：“”（）《》 \n\tab1-—…·!?\xff")
	alphabet[len(alphabet)-1] = utf8.RuneError
	trueCount := 0
	for n := 0; n < 20000; n++ {
		text := make([]rune, rng.IntN(40))
		for i := range text {
			if rng.IntN(3) == 0 {
				text[i] = alphabet[rng.IntN(4)] // a character that counts
			} else {
				text[i] = alphabet[4+rng.IntN(len(alphabet)-4)]
			}
		}
		ranges := make([][2]int, rng.IntN(5))
		for i := range ranges {
			a := rng.IntN(len(text)+6) - 3
			ranges[i] = [2]int{a, a + rng.IntN(len(text)+3) - 1}
		}
		s := string(text)
		if rng.IntN(50) == 0 {
			s += "\xff" // a byte that is not UTF-8
		}
		got, want := allShared(s, ranges), allSharedByMarking(s, ranges)
		if got != want {
			t.Fatalf("allShared(%q, %v) = %v, want %v", s, ranges, got, want)
		}
		if got {
			trueCount++
		}
	}
	if trueCount < 1000 {
		t.Errorf("only %d of the random cases were all shared: the test says little", trueCount)
	}
}
