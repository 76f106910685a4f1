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
// documents' ids are written: the pinyin without tones, in words joined
// by hyphens (双随机、一公开 → shuangsuiji-yigongkai, 质量基础设施 →
// zhiliang-jichu-sheshi). Punctuation separates words; a run of Chinese
// characters is one word up to three characters long (laozihao) and
// words of two beyond that (the last taking an odd one: shoufu-zerenzhi),
// since telling words apart would need a dictionary of them; Latin
// letters and digits are kept, lower-cased. A character of several
// readings takes its commonest, but in the place names of placeReadings
// (重庆 is chongqing, not zhongqing), so the slug is a suggestion for a
// person to read over.
func Make(name string) string {
	var words []string
	var han []rune
	flush := func() {
		if len(han) == 0 {
			return
		}
		syllables := readings(han)
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

// placeReadings are place names — ids are made from regions' names —
// whose characters are not read as they mostly are: 长 is chang in every
// 长沙 and 长春, 重庆 is chong, 厦门 xia. The library reads a character
// alone, without the words it stands in.
var placeReadings = map[string][]string{
	"重庆": {"chong", "qing"}, "厦门": {"xia", "men"}, "蚌埠": {"beng", "bu"}, "六安": {"lu", "an"},
	"番禺": {"pan", "yu"}, "单县": {"shan", "xian"}, "蔚县": {"yu", "xian"}, "洪洞": {"hong", "tong"},
	"铅山": {"yan", "shan"}, "涡阳": {"guo", "yang"}, "尉氏": {"yu", "shi"}, "乐亭": {"lao", "ting"},
	"长沙": {"chang", "sha"}, "长春": {"chang", "chun"}, "长治": {"chang", "zhi"}, "长宁": {"chang", "ning"},
	"长安": {"chang", "an"}, "长兴": {"chang", "xing"}, "长乐": {"chang", "le"}, "长汀": {"chang", "ting"},
	"长葛": {"chang", "ge"}, "长垣": {"chang", "yuan"}, "长丰": {"chang", "feng"}, "长岭": {"chang", "ling"},
	"长清": {"chang", "qing"}, "长寿": {"chang", "shou"}, "长泰": {"chang", "tai"}, "长武": {"chang", "wu"},
	"长子": {"chang", "zi"}, "长阳": {"chang", "yang"}, "长海": {"chang", "hai"}, "长岛": {"chang", "dao"},
	"长白": {"chang", "bai"}, "长顺": {"chang", "shun"},
}

// readings are the syllables of a run of Chinese characters: a place
// name of placeReadings as it is read, every other character alone.
func readings(han []rune) []string {
	var out []string
	for i := 0; i < len(han); {
		if i+2 <= len(han) {
			if r, ok := placeReadings[string(han[i:i+2])]; ok {
				out = append(out, r...)
				i += 2
				continue
			}
		}
		out = append(out, pinyin.LazyPinyin(string(han[i]), pinyin.NewArgs())...)
		i++
	}
	return out
}
