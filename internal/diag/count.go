package diag

import (
	"strconv"
	"strings"
)

// Count is n and the noun after it in the number n takes, as the
// commands' summaries print counts: "1 document", "2 documents",
// "0 warnings", "1 entry", "3 entries". noun is singular; a last
// word that ends in a consonant and y takes -ies, any other -s.
func Count[N ~int | ~int64](n N, noun string) string {
	if n != 1 {
		if strings.HasSuffix(noun, "y") && !strings.ContainsAny(noun[max(0, len(noun)-2):len(noun)-1], "aeiou") {
			noun = noun[:len(noun)-1] + "ies"
		} else {
			noun += "s"
		}
	}
	return strconv.FormatInt(int64(n), 10) + " " + noun
}
