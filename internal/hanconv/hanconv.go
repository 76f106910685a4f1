// Package hanconv converts traditional Chinese (繁體) to simplified (简体)
// for a reader to see, by OpenCC's t2s tables, phrase by phrase.
//
// textnorm folds characters too, but for matching: one character always
// becomes the same one, so 顯著 reads 显着 and 覆蓋 复盖 there, which is
// harmless when both sides of a match fold alike and wrong on a page.
// Here a character's reading decides: OpenCC's phrases come first (乾隆
// stays 乾隆 where 乾淨 becomes 干净; 答覆 becomes 答复 where 覆蓋 keeps 覆
// as 覆盖), then its characters, each to its first simplified form.
//
// One rule is the project's own. OpenCC leaves 著 as written, since 著 is
// a simplified character too; but 简体 writes 著 only where it is read
// zhù (显著, 著名, 著作) and 着 for the particle and for zhuó (随着, 着力,
// 着眼), which policy texts use far more. So 著 becomes 着, except in the
// zhù words of zhuWords, which are phrases of their own, and zheWords
// undo the few of them that a verb's 着 runs into.
//
// Every entry turns a text into one of as many code points, so a
// position in a converted text is the same position in the original: a
// page converts a cell whose text is cut across elements (highlighted
// passages) by converting the whole and handing each element back its
// part.
//
// The tables are OpenCC's (Apache License 2.0, in opencc/ with its
// licence), as the Go port github.com/longbridgeapp/opencc v0.3.13 ships
// them; that port converts the same way but keeps its tables to itself,
// and a page needs the entries its texts use (Entries).
package hanconv

import (
	_ "embed"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed opencc/TSPhrases.txt
var tsPhrases string

//go:embed opencc/TSCharacters.txt
var tsCharacters string

// zhuWords are the words, as 繁體 writes them, where 著 is read zhù and
// 简体 keeps it: the project's exceptions to 著 → 着. Words that a
// verb's 着 could be read as are left out — 新著 (创新着力), 大著 (加大着),
// 合著 (结合着), 論著 (讨论着) —, as the conversion takes the phrase that
// starts first.
var zhuWords = []string{
	"顯著", "卓著", "昭著", "著名", "著稱", "著作", "著述", "著者", "著錄",
	"著書", "名著", "巨著", "原著", "專著", "編著", "譯著", "遺著", "拙著",
	"土著", "撰著", "彰明較著",
}

// zheWords start with a zhù word but read 着: 起著作用, 發揮著作用.
var zheWords = []string{"著作用"}

// table is the conversion, by the character a text has: its simplified
// form where it has one, and the phrases that start with it, longest
// first. Characters of the Basic Multilingual Plane, nearly all a text
// has, are found in an array, the others in a map.
type table struct {
	bmp    [0x10000]*entry
	astral map[rune]*entry
}

type entry struct {
	to      string // "" when the character stays as it is
	phrases []phrase
}

type phrase struct{ from, to string }

func (t *table) of(r rune) *entry {
	if r < 0x10000 {
		return t.bmp[r]
	}
	return t.astral[r]
}

func (t *table) at(r rune) *entry {
	if e := t.of(r); e != nil {
		return e
	}
	e := &entry{}
	if r < 0x10000 {
		t.bmp[r] = e
	} else {
		t.astral[r] = e
	}
	return e
}

var loaded = sync.OnceValue(load)

func load() *table {
	t := &table{astral: map[rune]*entry{}}
	each(tsCharacters, func(from, to string) {
		if r, _ := utf8.DecodeRuneInString(from); to != from {
			t.at(r).to = to
		}
	})
	t.at('著').to = "着"
	add := func(from, to string) {
		r, _ := utf8.DecodeRuneInString(from)
		e := t.at(r)
		e.phrases = append(e.phrases, phrase{from, to})
	}
	each(tsPhrases, add)
	for _, words := range []struct {
		list []string
		zhu  bool
	}{{zhuWords, true}, {zheWords, false}} {
		for _, w := range words.list {
			var b strings.Builder
			for _, r := range w {
				if e := t.of(r); e != nil && e.to != "" && !(r == '著' && words.zhu) {
					b.WriteString(e.to)
				} else {
					b.WriteRune(r)
				}
			}
			add(w, b.String())
		}
	}
	for _, es := range [][]*entry{t.bmp[:], slices.Collect(maps.Values(t.astral))} {
		for _, e := range es {
			if e != nil {
				// Longest first: the conversion takes the first that fits.
				slices.SortStableFunc(e.phrases, func(a, b phrase) int { return len(b.from) - len(a.from) })
			}
		}
	}
	return t
}

// each calls f with every entry of an OpenCC dictionary: lines of a key,
// a tab and its forms separated by spaces, the first the one to take.
func each(dict string, f func(from, to string)) {
	for line := range strings.Lines(dict) {
		from, forms, ok := strings.Cut(strings.TrimRight(line, "\r\n"), "\t")
		if !ok || from == "" {
			continue
		}
		to, _, _ := strings.Cut(forms, " ")
		f(from, to)
	}
}

// Simplify returns s in simplified characters: at each character the
// longest phrase of the tables that starts there, else the character's
// own simplified form, else the character as it is. The result has as
// many code points as s.
func Simplify(s string) string {
	t := loaded()
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		e := t.of(r)
		if e == nil {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		if p := e.match(s[i:]); p != nil {
			b.WriteString(p.to)
			i += len(p.from)
			continue
		}
		if e.to != "" {
			b.WriteString(e.to)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// match is the longest phrase of e that starts s, or nil.
func (e *entry) match(s string) *phrase {
	for k := range e.phrases {
		if strings.HasPrefix(s, e.phrases[k].from) {
			return &e.phrases[k]
		}
	}
	return nil
}

// Entries returns the entries of the tables that converting texts can
// use: every phrase found in one of them (those that stay as written
// too, which keep their characters from the characters' table) and
// every character that changes. Converting any of texts, or any part of
// one, by these entries alone as Simplify does gives what Simplify
// gives: a page carries them to convert its cells.
func Entries(texts ...string) map[string]string {
	t := loaded()
	out := map[string]string{}
	var seen [0x10000]bool // characters of the Basic Multilingual Plane done
	for _, s := range texts {
		for i, r := range s {
			e := t.of(r)
			if e == nil {
				continue
			}
			for _, p := range e.phrases {
				if strings.HasPrefix(s[i:], p.from) {
					out[p.from] = p.to
				}
			}
			if e.to != "" && (r >= 0x10000 || !seen[r]) {
				if r < 0x10000 {
					seen[r] = true
				}
				out[string(r)] = e.to
			}
		}
	}
	return out
}
