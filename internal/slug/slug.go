// Package slug makes ascii slugs — the ids in tiaowen's addresses — from
// Chinese names, by their pinyin (github.com/mozillazg/go-pinyin).
package slug

import (
	"slices"
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// Make makes an id from a Chinese name, in the way themes.yaml's and the
// documents' ids are written: the pinyin without tones, in words joined by hyphens
// (双随机、一公开 → shuangsuiji-yigongkai, 质量基础设施 →
// zhiliang-jichu-sheshi). Punctuation separates words; a run of Chinese
// characters is one word up to three characters long (laozihao) and
// words of two beyond that (the last taking an odd one: shoufu-zerenzhi),
// since telling words apart would need a dictionary of them; Latin
// letters and digits are kept,
// lower-cased. A character of several readings takes its commonest, so
// the slug is a suggestion for a person to read over.
func Make(name string) string {
	var words []string
	var han []rune
	flush := func() {
		if len(han) == 0 {
			return
		}
		syllables := pinyin.LazyPinyin(string(han), pinyin.NewArgs())
		han = han[:0]
		if len(syllables) <= 3 {
			words = append(words, strings.Join(syllables, ""))
			return
		}
		for i := 0; i < len(syllables); i += 2 {
			if i+3 == len(syllables) {
				words = append(words, strings.Join(syllables[i:], ""))
				break
			}
			words = append(words, strings.Join(syllables[i:i+2], ""))
		}
	}
	var latin strings.Builder
	flushLatin := func() {
		if latin.Len() > 0 {
			words = append(words, latin.String())
			latin.Reset()
		}
	}
	for _, r := range name {
		switch {
		case unicode.Is(unicode.Han, r):
			flushLatin()
			han = append(han, r)
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			flush()
			latin.WriteRune(unicode.ToLower(r))
		default:
			flush()
			flushLatin()
		}
	}
	flush()
	flushLatin()
	// Keep only what an id may hold: a reading the library spells with a
	// letter outside a–z (ü) loses it.
	for i, w := range words {
		words[i] = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, w)
	}
	words = slices.DeleteFunc(words, func(w string) bool { return w == "" })
	if len(words) == 0 {
		return "theme"
	}
	return strings.Join(words, "-")
}
