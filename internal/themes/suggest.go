package themes

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"tiaowen/internal/slug"
	"tiaowen/internal/textnorm"
)

// A Candidate is a term that documents put in quotation marks —
// policies quote the names they coin: “双随机、一公开”, “粤字号”,
// “首台套” — and that no theme of the Set matches yet: a theme waiting to
// be written into themes.yaml.
type Candidate struct {
	// Name is the form the documents quote most often (the earliest of
	// equals), in 简体, as a theme's name.
	Name string
	// Term is Name without its punctuation, as themes.yaml's terms are
	// written: 双随机一公开 for “双随机、一公开”.
	Term string
	// ID is a slug for the theme made from Name's pinyin, unlike every
	// theme's id and every other candidate's: a suggestion, to be
	// edited before the theme is first published.
	ID string
	// Forms are the forms quoted, as written, most often first: the same
	// term in 繁體, or with other punctuation.
	Forms []string
	// Documents and Sections count those that mention the term, quoted or
	// not; QuotedIn counts the documents that quote it.
	Documents, Sections, QuotedIn int
	// InDocuments are the ids of the documents that mention it, in the
	// order of the passages.
	InDocuments []string
	// First is where it is first quoted, in the order of the passages.
	First Passage
	// Near is a theme with a term that holds this one, or that this one
	// holds (一站式 beside 一站式服务): most likely a form to add to that
	// theme rather than a theme of its own. Nil when there is none.
	Near *Theme
}

// Quoted terms longer than this, normalised, are quotations rather than
// names: a sentence quoted from another document.
const maxCandidateRunes = 16

// quotes pairs each opening quotation mark with its closing one.
var quotes = map[rune]rune{'“': '”', '「': '」', '『': '』', '‘': '’', '"': '"', '＂': '＂'}

// Suggest returns the candidates that at least minDocs documents mention,
// those mentioned by most documents first, then by most sections, then
// in the order they are first quoted. A quoted term is a candidate when
// it normalises to 2–16 characters, holds a Chinese character and no
// clause end (a quoted sentence is no name), and no theme of set matches
// inside it or across it. Mentions are counted as themes are matched,
// as if every candidate were a theme of set: in either script, with any
// punctuation, leftmost-longest among the candidates and the themes, so
// that a term a theme's longer term holds (“一站式”服务 beside the theme
// 一站式服务) is counted only where it stands on its own.
func Suggest(passages []Passage, set *Set, minDocs int) []Candidate {
	known := NewMatcher(set)
	type quoted struct {
		forms map[string]int
		order []string // forms in the order first quoted
		docs  map[string]bool
		first Passage
	}
	byKey := map[string]*quoted{}
	var keys []string
	// Each passage's quotations that are candidates, read once.
	spans := make([][]span, len(passages))
	for i, p := range passages {
		taken := known.Find(p.Text)
		for _, q := range quotedSpans(p.Text) {
			key := textnorm.Key(q.text)
			if n := utf8.RuneCountInString(key); n < 2 || n > maxCandidateRunes || !hasHan(key) {
				continue
			}
			if len(known.Find(q.text)) > 0 || overlaps(taken, q) {
				continue
			}
			c := byKey[key]
			if c == nil {
				c = &quoted{forms: map[string]int{}, docs: map[string]bool{}, first: p}
				byKey[key] = c
				keys = append(keys, key)
			}
			if c.forms[q.text] == 0 {
				c.order = append(c.order, q.text)
			}
			c.forms[q.text]++
			c.docs[p.Doc] = true
			q.key = key
			spans[i] = append(spans[i], q)
		}
	}
	if len(keys) == 0 {
		return nil
	}

	// Count every mention, quoted or not, with a matcher of the themes
	// and the candidates together.
	probe := &Set{}
	if set != nil {
		probe.Themes = slices.Clone(set.Themes)
	}
	candidate := make(map[*Theme]string, len(keys))
	for _, k := range keys {
		t := &Theme{ID: k, Terms: []string{k}}
		probe.Themes = append(probe.Themes, t)
		candidate[t] = k
	}
	m := NewMatcher(probe)
	type seen struct {
		docs, sections map[string]bool
		order          []string // docs, as first seen
	}
	mentions := make(map[string]*seen, len(keys))
	for _, k := range keys {
		mentions[k] = &seen{docs: map[string]bool{}, sections: map[string]bool{}}
	}
	mention := func(key string, p Passage) {
		s := mentions[key]
		if !s.docs[p.Doc] {
			s.order = append(s.order, p.Doc)
		}
		s.docs[p.Doc] = true
		if p.Section != "" {
			s.sections[p.Doc+"\x00"+p.Section] = true
		}
	}
	for i, p := range passages {
		found := m.Find(p.Text)
		for _, mt := range found {
			if k, ok := candidate[mt.Theme]; ok {
				mention(k, p)
			}
		}
		// A quotation is a mention, even where a longer candidate
		// overlapping it took the match. (One a theme's match overlaps
		// was never collected: a quotation counts in QuotedIn only
		// where it counts as a mention.)
		for _, q := range spans[i] {
			mention(q.key, p)
		}
	}

	ids := map[string]bool{}
	if set != nil {
		for _, t := range set.Themes {
			ids[t.ID] = true
		}
	}
	// keys are in the order first quoted, and the sort is stable.
	var out []Candidate
	for _, k := range keys {
		q, s := byKey[k], mentions[k]
		if len(s.docs) < minDocs {
			continue
		}
		forms := slices.Clone(q.order)
		slices.SortStableFunc(forms, func(a, b string) int { return cmp.Compare(q.forms[b], q.forms[a]) })
		name := textnorm.Simplify(forms[0])
		out = append(out, Candidate{
			Name:        name,
			Term:        withoutPunctuation(name),
			Forms:       forms,
			Documents:   len(s.docs),
			InDocuments: s.order,
			Sections:    len(s.sections),
			QuotedIn:    len(q.docs),
			First:       q.first,
			Near:        near(set, k),
		})
	}
	slices.SortStableFunc(out, func(a, b Candidate) int {
		return cmp.Or(cmp.Compare(b.Documents, a.Documents), cmp.Compare(b.Sections, a.Sections))
	})
	for i := range out {
		out[i].ID = uniqueID(slug.Make(out[i].Name), ids)
	}
	return out
}

// span is a quotation: its text, where it stands in its passage in
// runes (the quotation marks left out, as Match counts), and, once it is
// a candidate, its key.
type span struct {
	text       string
	start, end int
	key        string
}

// quotedSpans returns the quotations in s: the texts between matching
// quotation marks, each pair on one line and holding no clause end.
func quotedSpans(s string) []span {
	var out []span
	runes := 0 // runes of s before i
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		runes++
		closing, ok := quotes[r]
		if !ok {
			continue
		}
		j, inside := i, 0
		for j < len(s) {
			c, m := utf8.DecodeRuneInString(s[j:])
			if c == closing {
				break
			}
			if textnorm.IsClauseEnd(c) {
				j = -1
				break
			}
			j += m
			inside++
		}
		if j < 0 || j >= len(s) {
			// No closing mark before the clause ends: a quotation
			// running on, or a stray mark. Go on after the opening one.
			continue
		}
		out = append(out, span{text: s[i:j], start: runes, end: runes + inside})
		i = j + utf8.RuneLen(closing)
		runes += inside + 1
	}
	return out
}

// overlaps reports whether one of the matches shares a character with q.
func overlaps(matches []Match, q span) bool {
	for _, mt := range matches {
		if mt.Start < q.end && q.start < mt.End {
			return true
		}
	}
	return false
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// withoutPunctuation drops what matching ignores — punctuation, symbols
// and spaces — keeping the rest as written.
func withoutPunctuation(s string) string {
	return strings.Map(func(r rune) rune {
		if textnorm.Dropped(r) {
			return -1
		}
		return r
	}, s)
}

// near returns a theme with a term whose key holds key or is held by it.
func near(set *Set, key string) *Theme {
	if set == nil {
		return nil
	}
	for _, t := range set.Themes {
		for _, term := range t.Terms {
			k := textnorm.Key(term)
			if k != "" && (strings.Contains(k, key) || strings.Contains(key, k)) {
				return t
			}
		}
	}
	return nil
}

// uniqueID returns id, or id with the first of -2, -3 … that makes it
// unlike every id in taken, and takes it.
func uniqueID(id string, taken map[string]bool) string {
	try := id
	for n := 2; taken[try]; n++ {
		try = id + "-" + strconv.Itoa(n)
	}
	taken[try] = true
	return try
}
