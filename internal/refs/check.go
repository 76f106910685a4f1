package refs

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"tiaowen/internal/corpus"
	"tiaowen/internal/diag"
	"tiaowen/internal/textnorm"
)

// Check reports, as warnings at the position of the paragraph, each title
// or number in docs' text that documents of the corpus have but that names
// none of them: several share it and no date singles one out, or each was
// issued after the document citing it. The site leaves such a citation
// unlinked rather than guess; the warning says what would link it.
//
// It reports too each document of the corpus that a text repeals (see
// Repealed) and that no document's supersedes names: the new plan that
// says 《…》同时废止 replaces it, and its pages should lead readers on.
func (x *Index) Check(docs []*corpus.Document) diag.List {
	var out diag.List
	for _, d := range docs {
		check := func(blocks []corpus.Block) {
			for _, b := range blocks {
				if !Searched(b) {
					continue
				}
				for _, u := range x.unlinked(d, b.Text) {
					msg, hint := u.explain(d)
					out.Warn(b.Pos, msg, hint)
				}
				for _, r := range x.Repealed(d, b.Text) {
					if x.newer[r.Doc] != "" {
						continue // its successor is on record, this one or another
					}
					written := string([]rune(b.Text)[r.Start:r.End])
					out.Warn(b.Pos, fmt.Sprintf("the text repeals %s (%s), which no document supersedes", written, r.Doc),
						fmt.Sprintf("add it to this document's front matter, supersedes: [%s], so that its pages lead here", strings.Join(append(slices.Clone(d.Supersedes), r.Doc), ", ")))
				}
			}
		}
		check(d.Preamble)
		for _, s := range d.Sections {
			check(s.Blocks)
		}
		check(d.Trailing)
	}
	return out
}

// Repealed returns the references of text, a paragraph of from's, that
// it repeals: the titles and numbers in a sentence that says 废止 —
// 《…》（…号）同时废止, 予以废止, 即行废止, 废止《…》 — as a new plan ends by
// repealing the edition it replaces. A reference names only a document
// issued on or before from (Find), so an earlier one. A document repealed
// in part stays in force, and is not returned: 《…》第五条同时废止,
// 《…》的部分条款予以废止, 《…》中与本方案不一致的内容同时废止.
func (x *Index) Repealed(from *corpus.Document, text string) []Ref {
	if !strings.Contains(text, "废止") && !strings.Contains(text, "廢止") {
		return nil
	}
	var out []Ref
	runes := []rune(text)
	refs := x.Find(from, text)
	for _, r := range refs {
		start, end := r.Start, r.End
		for start > 0 && !sentenceEnd(runes[start-1]) {
			start--
		}
		for end < len(runes) && !sentenceEnd(runes[end]) {
			end++
		}
		if sentence := string(runes[start:end]); (strings.Contains(sentence, "废止") || strings.Contains(sentence, "廢止")) &&
			!inPart(runes, r, end, refs) {
			out = append(out, r)
		}
	}
	return out
}

// partWords name a part of a document: where one follows a title on its
// way to 废止, the part is repealed and not the whole (either script).
var partWords = []string{"第", "部分", "条款", "條款", "内容", "內容", "规定", "規定", "条文", "條文", "章节", "章節", "附件"}

// inPart reports whether the text after r, up to the 废止 that follows it
// in its sentence (which ends at end) — or, in 废止《…》, up to the next
// item of the list — names a part of r's document. Other references in
// that stretch are not read: 《A》和《关于…的规定》同时废止 repeals both
// whole.
func inPart(runes []rune, r Ref, end int, refs []Ref) bool {
	gap := slices.Clone(runes[r.End:end])
	for _, o := range refs {
		for i := max(o.Start, r.End); i < min(o.End, end); i++ {
			gap[i-r.End] = ' '
		}
	}
	tail := string(gap)
	if i := strings.Index(tail, "废止"); i >= 0 {
		tail = tail[:i]
	} else if i := strings.Index(tail, "廢止"); i >= 0 {
		tail = tail[:i]
	} else if i := strings.IndexAny(tail, "、，,和及"); i >= 0 {
		tail = tail[:i]
	}
	for _, w := range partWords {
		if strings.Contains(tail, w) {
			return true
		}
	}
	return false
}

// sentenceEnd reports whether r ends a sentence, or a clause of a list
// of them (；), or a line.
func sentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '；', ';', '\n':
		return true
	}
	return false
}

// Searched reports whether b's text is searched for titles and numbers:
// code is written without links.
func Searched(b corpus.Block) bool {
	return b.Kind != corpus.Code
}

// unlinkedRef is a title or number that documents of the corpus have,
// left unlinked in a text, and why.
type unlinkedRef struct {
	start, end int     // rune offsets, as Ref's
	text       string  // as written, book-title marks included
	docs       []entry // the documents it could name
	cause      unresolved
}

// unlinked returns the titles and numbers of text, a block of from's
// text, that documents of the corpus other than from have but that Find
// links to none of them. A title inside one that Find links is not one.
func (x *Index) unlinked(from *corpus.Document, text string) []unlinkedRef {
	if !strings.ContainsRune(text, '《') && !strings.ContainsRune(text, '〈') && !strings.ContainsRune(text, '号') {
		return nil
	}
	found := x.Find(from, text)
	covered := func(start, end int) bool {
		for _, r := range found {
			if r.Start < end && start < r.End {
				return true
			}
		}
		return false
	}
	var out []unlinkedRef
	add := func(start, end int, written string, cands []entry) bool {
		id, cause := choose(from, cands)
		if id != "" || cause == noneOther {
			return false
		}
		var docs []entry
		for _, c := range cands {
			later := from.Date != "" && c.date != "" && c.date > from.Date
			if c.id != from.ID && later == (cause == allLater) {
				docs = append(docs, c)
			}
		}
		if cause == sameDate {
			// Only the latest, which share their date, are in question.
			latest := ""
			for _, d := range docs {
				latest = max(latest, d.date)
			}
			docs = slices.DeleteFunc(docs, func(d entry) bool { return d.date != latest })
		}
		out = append(out, unlinkedRef{start: start, end: end, text: written, docs: docs, cause: cause})
		return true
	}
	if strings.ContainsRune(text, '《') || strings.ContainsRune(text, '〈') {
		var runes []rune
		for _, t := range titles(text) {
			cands := x.byTitle[textnorm.Key(t.inner)]
			if len(cands) == 0 || covered(t.start, t.end) {
				continue
			}
			if runes == nil {
				runes = []rune(text)
			}
			add(t.start, t.end, string(runes[t.start:t.end]), cands)
		}
	}
	if len(x.byNumber) > 0 && strings.ContainsRune(text, '号') {
		for _, n := range numbers(text) {
			shortest := n.starts[len(n.starts)-1]
			s := utf8.RuneCountInString(text[:shortest])
			if covered(s, s+utf8.RuneCountInString(text[shortest:n.end])) {
				continue
			}
			for _, start := range n.starts {
				cands := x.byNumber[textnorm.Key(text[start:n.end])]
				if len(cands) == 0 {
					continue
				}
				s := utf8.RuneCountInString(text[:start])
				if add(s, s+utf8.RuneCountInString(text[start:n.end]), text[start:n.end], cands) {
					break
				}
			}
		}
	}
	return out
}

// explain says what is wrong with u, found in from's text, and what
// would link it.
func (u unlinkedRef) explain(from *corpus.Document) (msg, hint string) {
	ids := make([]string, len(u.docs))
	for i, d := range u.docs {
		ids[i] = d.id
	}
	switch u.cause {
	case allLater:
		if len(ids) == 1 {
			msg = fmt.Sprintf("%s names %s, dated %s, after this document (%s), and is left unlinked", u.text, ids[0], u.docs[0].date, from.Date)
		} else {
			msg = fmt.Sprintf("%s names %s, each dated after this document (%s), and is left unlinked", u.text, list(ids), from.Date)
		}
		return msg, "check the dates: a document cites only what was issued before it"
	case sameDate:
		return fmt.Sprintf("%s names %s, issued on one day, and is left unlinked: none is the latest", u.text, list(ids)),
			"cite the one meant by its issuing number, and give each document its number: field"
	}
	msg = fmt.Sprintf("%s names %s and is left unlinked: without dates the one cited cannot be told", u.text, list(ids))
	if from.Date == "" {
		return msg, "give this document its date: field; a title names the latest document issued on or before the one citing it"
	}
	return msg, "give each of them its date: field; a title names the latest document issued on or before the one citing it"
}

// list writes ids as "a, b and c", naming at most four.
func list(ids []string) string {
	const most = 4
	if len(ids) > most {
		return strings.Join(ids[:most], ", ") + fmt.Sprintf(" and %d more", len(ids)-most)
	}
	if len(ids) == 1 {
		return ids[0]
	}
	return strings.Join(ids[:len(ids)-1], ", ") + " and " + ids[len(ids)-1]
}
