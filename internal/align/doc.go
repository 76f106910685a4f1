// Package align finds which sections of two documents correspond, and
// what text they share: the engine of /compare/<a>--<b>/, of
// /api/compare/<a>--<b>.json and of the counterparts listed on each
// section's page.
//
// Provinces and cities reorder, merge and renumber the provisions they take
// from each other, so sections are aligned by their words, not by their
// place: a 纲要's （二十六） may pair with a 方案's 二、（八）2., and 江苏's
// seventh chapter with 广东's second.
//
// # Similarity
//
// A section is represented by the character bigrams of its normalised
// title and of its normalised own text (package textnorm: 繁→简, full
// width to half, punctuation and spaces dropped), each counted on its own
// so that no bigram spans the two. Bigrams, because most Chinese words are
// two characters long, so bigrams carry the vocabulary of a provision
// whatever its wording: trigrams demand the same phrasing, which documents
// that rewrite each other (江苏 and 广东) lack.
//
// A bigram weighs (1 + ln tf) · ln(1 + S/df), where tf is its count in the
// section, S the number of sections in the corpus and df the number that
// hold it: rare bigrams are evidence, repeated ones only a little more.
// Bigrams in more than a fifth of all sections (质量, 建设, 加强, 推进 …)
// are dropped: they say nothing about which provision is which, and their
// posting lists would be the longest. A bigram found in one section only
// counts in that section's norm but is not stored, since it can never be
// shared.
//
// The score of two sections is the cosine of their vectors; when both
// have titles it is 0.75 of that plus 0.25 of the cosine of the titles
// alone. Titles name the policy (「提高建筑材料质量水平」) more reliably than
// texts that may be long or short, general or full of local names. Scores
// lie in [0, 1], are 1 for sections whose normalised text is the same, and
// are rounded to four decimal places. They depend on the corpus, through
// the rarity of bigrams, but not on the order of documents or on anything
// else.
//
// # Pairing
//
// Align compares two documents by looking each bigram of one up in the
// other's section vectors grouped by term, an inverted index local to the
// pair: only sections that share a bigram are ever scored, and the cost
// is linear in the two documents' length.
//
// Sections with text are paired first. A pair is a candidate when it
// scores at least Threshold (0.12), or at least ReciprocalThreshold (0.07)
// and each section is the other's best match: the rule of reciprocal best
// hits, by which orthologous genes are found across genomes. A low score
// that both sides choose first is evidence; a low score one side merely
// settles for is noise. Each section is then paired with at most one
// counterpart, choosing the one-to-one pairing of greatest total score:
// the candidate graph is split into connected components, and each is
// solved exactly by the Hungarian method on integer weights (millionths),
// so the cost is that of the largest component.
//
// Headings — sections with children and no text of their own — are paired
// next, among themselves, by what they hold: the mean of the similarity of
// their titles and of the share of the sections below them that were paired
// with each other, at least HeadingThreshold (0.2, so one pair below two
// chapters of several sections each is not enough by itself). So the
// 纲要's 「四、加快产品质量提档升级」 pairs with 江苏's 「二、增加優質產品供給」,
// whose items are its items' counterparts, and not with 「四、加快服務質量提檔升級」,
// whose title is nearly its own. A heading is never paired with a section
// with text.
//
// # Shared passages
//
// Within a pair, the passages the two texts share are the common runs of
// at least MinShared (8) normalised characters, found by greedy string
// tiling as plagiarism detectors do: the longest run first, then the
// longest among what is left, so passages that the other document moved
// or split are all found and none overlaps another. Runs are mapped back
// through textnorm's offset map to half-open ranges of code points in each
// section's own text, so a highlight covers the original characters,
// traditional or simplified, with any punctuation inside the passage.
//
// # Across the corpus
//
// Counterparts and SimilarDocs look candidates up in a corpus-wide
// inverted index from bigrams to sections. Each posting list holds at most
// 64 sections; where a bigram is in more, those of the documents with the
// smallest hash of their id are kept, a consistent sample, so a document
// sampled for one bigram is sampled for all. A section's query reads the
// posting lists of its 32 rarest bigrams, a document's those of its 256
// rarest (more in a small corpus, until there are enough candidates); the
// best candidates are then scored exactly. The work per query is bounded,
// so the cost of a build grows linearly with the corpus. The price is that
// in a corpus of many near-copies SimilarDocs finds some of the best
// documents, not necessarily the best.
//
// DocSimilarity is the cosine of two whole documents' vectors, the same
// measure applied to all their sections at once.
//
// # Determinism
//
// The same corpus gives the same bytes: terms are numbered in order of
// first appearance, sums run in a fixed order with explicit conversions
// that keep the compiler from fusing multiply and add (which would change
// the last bits on some machines), the matching compares integers, and
// ties go to corpus and document order.
//
// # Evaluation
//
// testdata/labels.json holds section pairs read off the five seed
// documents by hand, marked clear or arguable, and sections that must stay
// unmatched, across seven document pairs, three of them between the
// traditional-script 江苏 意见 and a simplified document.
// TestLabelledSet reports precision and recall on them; TestMeasureChoices
// compares each choice above with its alternatives. The thresholds were
// chosen on that same set, which is all the labelled data there is.
package align
