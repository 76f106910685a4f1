// Package textnorm normalises Chinese text so that documents written in
// simplified (简体) or traditional (繁體) characters, with full- or
// half-width letters and with any punctuation, can be matched against each
// other, while keeping a map back to the original characters so that a
// match found in the normalised text can be highlighted in the original.
//
// # Folding rules
//
// Normalize reads its input one rune at a time and turns each rune into at
// most one rune, which is what keeps the offset map a simple array:
//
//   - Full-width ASCII (U+FF01–U+FF5E) becomes ASCII and the ideographic
//     space U+3000 becomes a space, so ＡＢＣ１２３ reads as ABC123.
//   - ASCII letters are lower-cased. Other scripts are left alone.
//   - Traditional characters fold to simplified ones (關→关, 於→于, 髮→发)
//     with SimplifyRune. The fold is many-to-one and deliberately loses
//     distinctions (發 and 髮 both become 发; 著 becomes 着): it is for
//     matching, never for display.
//   - Whitespace, punctuation and symbols (“”「」《》、。，…— and their ASCII
//     kin), control and format characters (zero-width space, BOM) and
//     variation selectors are dropped.
//   - Everything else, in particular Han characters, letters and digits, is
//     kept.
//
// So a heading and the way a theme is quoted in running text normalise to the
// same key:
//
//	Key("雙比對、雙提升")     == "双比对双提升"
//	Key("“双比对”“双提升”") == "双比对双提升"
//	Key("質量基礎設施")       == "质量基础设施"
//	Key("ＡＢＣ１２３")       == "abc123"
//
// and Normalize("（一）雙比對、雙提升。") keeps, for each of the seven runes of
// 一双比对双提升, the rune offset it came from, so that Span(1, 7) is [3, 10),
// the original 雙比對、雙提升.
//
// Folding is idempotent: Key(Key(s)) == Key(s) for every s.
//
// # Offsets
//
// Offsets into the original are counted in runes (code points), not bytes,
// as produced by ranging over the string: an invalid UTF-8 byte counts as one
// rune (and, being U+FFFD, a symbol, is dropped).
//
// # The folding table
//
// The 繁→简 table is generated from Unicode's Unihan_Variants.txt by
// gen_table.go (run go generate; Debian's unicode-data package provides the
// file) and committed as table.go, so builds never need the data. It
// follows kSimplifiedVariant, then kTraditionalVariant in reverse, then
// kZVariant for glyph forms such as 説; a short hand-made list adds forms
// Unihan lacks (週→周, 裏→里) and replaces targets no mainland text uses
// (鑑 becomes 鉴, not an Extension G character). The generator's comment
// has the details.
//
// # Script
//
// Script tells a mostly-traditional text from a mostly-simplified one by
// counting characters that belong to only one of the two scripts, so a few
// characters shared by both (著名, 乾坤) or a stray character of the other
// script do not change the answer.
//
// Every function here is pure and safe for concurrent use; the tables are
// read-only.
package textnorm

//go:generate go run gen_table.go
