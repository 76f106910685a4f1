package search_test

import (
	"fmt"

	"tiaowen/internal/search"
)

// A bigram's posting list: section 0 has it once, at position 1, and
// section 2 has it in its title, at position 2.
func ExampleDecodePostings() {
	ps, err := search.DecodePostings("ACDE", true)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range ps {
		fmt.Printf("section %d, in title %v, at %v\n", p.Section, p.InTitle, p.Positions)
	}
	// Output:
	// section 0, in title false, at [1]
	// section 2, in title true, at [2]
}
