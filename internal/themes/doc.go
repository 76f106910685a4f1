// Package themes reads the themes that documents share — 首负责任制,
// 双比对双提升, 质量基础设施 … — from content/themes.yaml, and finds them in
// text written in either script, with any punctuation, mapping each match
// back to the original characters so that pages can highlight it.
//
// # File format
//
// content/themes.yaml is a YAML mapping with one field, themes, a list of
// themes in the order pages show them:
//
//	themes:
//	  - id: shoufu-zerenzhi          # ascii slug; unique; never changes (/themes/<id>/)
//	    name: 首负责任制
//	    description: 首先接到消费者诉求的经营者先行承担责任，再向责任方追偿。
//	    terms: [首负责任制, 首负责任]  # the words that signal the theme
//
// id and name are required; id is lower-case ascii letters and digits in
// hyphen-separated words (^[a-z0-9]+(?:-[a-z0-9]+)*$), because it is part
// of a URL that must never break. description is one line of Chinese.
// terms lists every form in which documents write the theme; a theme
// needs at least one. Forms that differ only in script, width or
// punctuation need not be listed, since matching folds them (see below):
// 首负责任制 already matches 首負責任制 and 「首负责任 制」.
//
// Load reports every problem in the file together, each as
// file:line:col: YAML syntax errors, unknown fields (with a "did you mean"
// hint), a missing id or name, an id that is not an ascii slug, an id used
// twice (naming the first), a theme without terms, and a term that
// normalises to nothing (「、」, 「——」). Warnings, which do not stop a
// build, are a term that normalises to the same key as a term of an
// earlier theme (the earlier theme takes every such match), a term that
// repeats another of its own theme, and a term that holds a clause end and
// so can never match as written. A missing file is not an error: a site
// without themes.yaml has no themes. YAML syntax errors carry the line
// of the mistake as internal/yamlerr finds it from the YAML library's
// message (which counts some lines from 0).
//
// # Matching
//
// A Matcher finds terms in the text's normalised form (textnorm.Normalize:
// 繁→简, full width → ASCII, lower case, whitespace, punctuation and
// symbols dropped), so the term 双比对双提升 matches each of
//
//	推行雙比對、雙提升。
//	推行“双比对”“双提升”。
//	推行双比对、双提升。
//
// and 质量基础设施 matches 質量基礎設施. Each match is reported as a
// half-open range of rune (code point) offsets into the original text,
// running from its first matched character to its last, so that
// punctuation inside a match is covered and punctuation around it is not:
// in 「推行雙比對、雙提升。」 the match is [2, 9), 「雙比對、雙提升」.
//
// Matches are leftmost-longest and do not overlap: scanning from the
// start, the earliest position where some term matches wins, and among
// the terms matching there the longest, so with the terms 质量 and
// 质量基础设施 the text 质量基础设施建设 gives one match, 质量基础设施.
// Scanning resumes after the match.
//
// A match never runs across the end of a sentence or clause in the
// original: 。｡！？；!?; or a line end (\n, \r, \v, \f, U+0085, U+2028,
// U+2029). Within a clause, 、，“”《》 and spaces are skipped like any other
// punctuation, so 「双比对、双提升」 matches but 「双比对。双提升」 does not.
//
// Matching walks a trie of the normalised terms from each position of the
// normalised text, after a bitmap test that rejects most positions at
// once; its cost is linear in the length of the text times, at worst, the
// length of the longest term.
//
// # Suggesting themes
//
// Suggest finds the themes a site does not have yet: policies put the
// names they coin in quotation marks (“双随机、一公开”, “粤字号”), so every
// quoted term of 2–16 normalised characters that holds a Chinese
// character and no clause end, and in which no theme matches, is a
// candidate, counted where it is mentioned, quoted or not, as a theme
// would be matched. Each comes with a slug made from its pinyin
// (github.com/mozillazg/go-pinyin), for `tiaowen themes suggest` to write
// as a themes.yaml entry.
package themes
