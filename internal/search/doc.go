// Package search builds the full-text index that the site's search page
// (/search/, static/search.js) reads, so that a reader who types
// 首负责任制, 產品醫院 or 质量基础设施 lands on the exact sections that say
// it, in either script, from a web server or from the offline bundle
// opened from disk.
//
// # What is indexed
//
// Every section's title and own text, as one string, title first, with a
// line break between them. The string is normalised by textnorm (繁→简,
// full width → ASCII, lower case, punctuation and spaces dropped), and the
// index records, for every character and every pair of adjacent
// characters (bigram) of the normalised text, the sections that have it,
// whether it occurs in the section's title, and, for bigrams, the
// position of each occurrence. A bigram never spans a clause end (。！？；
// and line breaks, as in themes) nor runs from one cell of a table into
// the next (corpus.Section.Layout tells a table's lines, whose tabs part
// the cells, from a code block's, whose tabs are spacing), so 「双比对。
// 双提升」 does not match 双比对双提升 while 「雙比對、雙提升」 does.
//
// Any substring of two or more characters is found by chaining bigram
// positions: a section has the phrase abcd where ab, bc and cd occur at
// p, p+1 and p+2. A single character is found by its own list.
//
// # Files
//
// Build returns files for the folder search/data/ of the site. They are
// scripts, not JSON, because a page opened from file:// may not fetch or
// XHR local files but may load scripts; each one is
//
//	(window.TIAOWEN_SEARCH=window.TIAOWEN_SEARCH||[]).push({…});
//
// with a JSON object whose "k" says what it holds:
//
//   - meta.js ("meta"): "v", a hash of the other files, which the page adds
//     to their URLs so that a browser never mixes two builds; "sections",
//     the number of sections; "shards", the first gram of each gram
//     shard, in order, separated by spaces (which no gram has);
//     "docs", one [id, title, lang, section count, level, year, status,
//     the id of the document that supersedes it or "", what tells it
//     apart from the others of its title or "" (corpus.TitleAsides),
//     true for a draft a preview shows and false otherwise, and for a
//     document with a term the day it takes effect and the last day it
//     is in force, each or "", and then for a document with a region
//     the region] per
//     document in corpus order (section numbers run through the documents
//     in that order; level to superseding id for the page's filters);
//     "texts", the number of the first section of each text shard, as a
//     theme's list is written (below); "themes", [id, name] per theme;
//     and the normalisation tables (below).
//   - g<n>.js ("g"): gram shard n, an object from gram to posting list.
//     The grams, in code point order (a gram before the longer ones it
//     starts, as Go orders UTF-8 strings), are cut into shards of about
//     16 KiB, and a list longer than that has a shard of its own, so that
//     a query reads little besides its own lists: a file costs a page
//     opened from file:// about 0.1 ms a kilobyte. The page finds a
//     gram's shard in meta.js's "shards" by binary search.
//   - t<n>.js ("t"): text shard n, consecutive sections packed to about
//     16 KiB, cut wherever a section ends, with five strings per
//     section: eId, citation (二、（八）2.), title and text, as written,
//     so that snippets show the original script, and how many sections
//     before it its parent comes ("" for none), so that the comparison
//     the chooser computes in the browser knows the tree. A page of
//     results loads the text shards of its sections only.
//   - th<n>.js ("th"): the sections that have theme n, in the order of
//     meta.js's "themes", for the theme filter: one file per theme, so
//     that filtering by one reads only its list.
//   - p<n>.js ("p"): the whole list, with positions, of the n-th split
//     bigram. A bigram whose list is longer than Options.SplitBytes
//     (8 KiB by default) keeps only its sections in its gram shard, as a
//     character's list has them, and its whole list moves here: a query
//     for 质量 alone reads 0.12 MB instead of 0.96 MB at 2000 documents,
//     while a phrase that chains 质量 reads this file instead of the
//     shard, in the same round as the shards, since meta.js's "split"
//     names the split bigrams, one after another, in the order of their
//     files. A file costs a first query about 5 ms from file:// whatever
//     its size, so a phrase reads one file for each such bigram, not
//     two. meta.js's "splitn" holds, as varints (see Posting lists),
//     how many sections each split bigram has, in the same order.
//   - rarity.js ("rarity"), when Options.Rarity is set: in how many
//     sections each bigram is found, as internal/align counts them for
//     the alignment, so that the comparison the chooser computes in the
//     browser weighs bigrams as a pair page's does. "sections", the
//     corpus's number of sections; "g", the counted grams by length (g[1]
//     the bigrams one after another, g[0] the titles or texts of one
//     character); "n", as varints (see Posting lists), each gram's count
//     in the same order, 0 for a gram too common to weigh. A gram found
//     in one section only is left out.
//   - heads.js ("heads"): for each document in corpus order, what it
//     says outside its sections — its number (文号), issuer, preamble and
//     closing matter — as four strings, as written, a table's cells on
//     lines of their own. The page reads it when a query runs and lists
//     the documents whose title or head has every term (and no excluded
//     one) above the sections found: readers search by a 文号, or by the
//     words of a notice or an introduction that no section holds. The
//     fold tables cover its characters.
//   - t2s.js, when the corpus has a document in 繁體: not pushed like the
//     others but set as window.TIAOWEN_T2S, an object of the entries of
//     internal/hanconv's 繁→简 tables that those documents use, phrases
//     and characters, each to what it becomes (as many code points), by
//     which pages show their text in 简体 at the reader's choice and the
//     comparison the chooser computes in the browser shows a traditional
//     side in 简体, as a pair page does.
//
// # Extended bigrams
//
// The few bigrams whose positions pass Options.ExtendBytes (128 KiB by
// default: at 2000 documents eleven, 质量's 0.8 MB the longest) have
// no positions file. meta.js's "extended" names them, and the gram
// shards hold, with their positions, the trigrams that contain them:
// 质量基, 品质量 and so on. A phrase needs an extended bigram's positions
// only where the bigram meets its neighbours in the phrase, which are
// the positions of the trigram it makes with each (one on, for the
// left one); where it meets neither, that the section has it is all
// that counts. So 质量基础设施 reads 质量基's 60 KB instead of 0.8 MB,
// and ranks exactly as it would with the positions.
//
// # Posting lists
//
// Lists are strings of varints in a 64-digit alphabet (A–Z a–z 0–9 + /):
// each digit carries five bits, least significant first, and 32 when
// another digit follows. A list holds, for each section in ascending
// order, the gap to the previous section less one, times two, plus one if
// the gram is in the title; then, for a bigram, each position as its gap
// to the previous one less one (the first counts from -1), times two,
// plus one if another position follows. So "AC" is section 0 with one
// occurrence at position 1, and a theme's list is just the gaps.
// A list without positions (a character's, or a split bigram's) that
// most sections have is written densely when that is shorter: "!", a
// bitmap of the sections, six to a digit from section 0, ".", then the
// sections that have the gram in their title, as a theme's list, or,
// when shorter, "!" and a bitmap of which of the list's entries are.
// DecodePostings and DecodeSections read them back.
//
// # Normalisation in the browser
//
// The page must fold queries and texts exactly as textnorm does, without
// shipping textnorm's whole table. meta.js carries, for this corpus:
// "fold", pairs of a character and what it becomes, for every character
// of the corpus that changes and every traditional character whose
// simplified form the corpus has (so 質 finds 质 even in a corpus with no
// 繁體 document), the corpus's own forms first; "drop", the corpus's
// characters that normalisation drops; "keep", those it keeps as they
// are; and "ends", the clause ends. Characters outside the tables follow
// textnorm's general rules, which search.js restates (ASCII and full
// width folding, Unicode categories): they cannot be in any text, so
// only whether they are dropped matters. The first traditional form
// listed for a simplified character is the one the page offers as the
// other script's form of a query without results.
//
// # Ranking
//
// The page ranks sections in three tiers: the exact phrase (every term as
// a run of characters), then every pair of adjacent characters of each
// term somewhere in the section, then partial matches, which have at
// least two thirds of a term's characters in a row; within a tier, title
// matches first, then corpus order, partial matches by length. Of a
// query of several terms (质量 强省), the sections that have the terms
// run together (质量强省) lead the first tier. A quoted term must match
// exactly.
//
// # A phrase's first result
//
// Before it ranks, the page shows what it knows of the answer's first
// page: a phrase's exact matches, title matches first. The first of
// them it finds from the gram shards alone, which hold a bigram's
// sections even when its positions are in a file of their own: the
// sections that have the phrase's two rarest bigrams (meta.js's
// "splitn" gives the split bigrams' counts), in order, titled ones
// first, are read one after another until one's text has the phrase
// (and, for a title match, the other bigrams in its title). Only then
// does it read the positions files, which the rest of the page and the
// ranking need: a first query for 质量基础设施 at 2000 documents reads
// two gram shards before its first result, where it read six files of
// 0.46 MB.
package search
