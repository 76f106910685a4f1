package textnorm

// Script returns "zh-Hant" when s is written mostly in traditional
// characters and "zh-Hans" otherwise, including when s has no Han text.
//
// It counts characters that only one of the two scripts uses: a traditional
// character that folds and that Unihan does not also call simplified (國,
// 質, 於), against a simplified character that is the fold of something and
// is not also traditional (国, 质). Characters both scripts write (于, 台,
// 制, 著, 乾, 覆) count for neither, so 著名 in simplified text or 关于 in
// traditional text does not tip the balance, and a stray character of the
// other script is outvoted by the rest.
func Script(s string) string {
	trad, simp := 0, 0
	for _, r := range s {
		if r < 0x3400 || r >= denseLimit {
			// Han outside the dense range is too rare in running text to
			// decide anything, and everything else is neither script.
			continue
		}
		w, bit := r/64, uint64(1)<<(r%64)
		switch {
		case tradOnlyBits[w]&bit != 0:
			trad++
		case simpOnlyBits[w]&bit != 0:
			simp++
		}
	}
	if trad > simp {
		return "zh-Hant"
	}
	return "zh-Hans"
}
