// Command hugopairs writes, from a tiaowen site's JSON API, what Hugo
// needs to render the pair pages tiaowen's compare/ holds
// (bench/compare.sh's hugo-pairs), in the way a Hugo site would:
//
//   - a data file for each document, DATA/sections/<id>.json, mapping
//     each section's eId to its number and title and its text, read
//     once by Hugo into site.Data;
//   - a content file for each pair, CONTENT/<a>--<b>.md, whose front
//     matter lists the rows: a's sections in order, each beside its
//     counterpart in b, then b's sections without one, as eIds, with the
//     passages each pair shares.
//
// bench/hugo/layouts/compare/single.html renders a row from the two
// documents' data, so that each section's text is held once however
// many pairs show it, and marks the shared passages as tiaowen's pair
// pages do. The alignment is tiaowen's, given to Hugo for free: Hugo only
// renders and writes.
//
// Usage:
//
//	hugopairs -site build/site -content CONTENT/compare -data SOURCE/data
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
)

// section is a section as api/docs/<id>.json has it.
type section struct {
	EID    string `json:"eId"`
	Marker string `json:"marker"`
	Title  string `json:"title"`
	Text   string `json:"text"`
}

type document struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Sections []section `json:"sections"`
}

// pair is api/compare/<a>--<b>.json: the counterparts, a's eId and b's,
// and the passages they share.
type pair struct {
	A, B  string
	Pairs []struct {
		A, B   string
		Shared []struct{ A, B [2]int }
	}
	UnmatchedB []string `json:"unmatchedB"`
}

// row is a row of a pair page: a's eId, b's, and the passages the two
// share, as half-open ranges of code points in each one's text, each
// side's in its own text's order (as substr counts them).
type row struct {
	A, B             string
	SharedA, SharedB [][2]int
}

// MarshalJSON writes a row as a list, [a, b, sharedA, sharedB], so that
// the front matter of a page of 150 rows stays small.
func (r row) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{r.A, r.B, orEmpty(r.SharedA), orEmpty(r.SharedB)})
}

func orEmpty(r [][2]int) [][2]int {
	if r == nil {
		return [][2]int{}
	}
	return r
}

// frontMatter is a pair page's front matter, written as JSON, which Hugo
// reads as front matter when a file begins with "{".
type frontMatter struct {
	Title  string `json:"title"`
	A      string `json:"a"`
	B      string `json:"b"`
	TitleA string `json:"titleA"`
	TitleB string `json:"titleB"`
	Rows   []row  `json:"rows"`
}

func main() {
	site := flag.String("site", "build/site", "a tiaowen site, whose api/ is read")
	content := flag.String("content", "", "the folder to write the pair pages' content files into")
	data := flag.String("data", "", "the Hugo site's data folder, to write sections/<id>.json into")
	flag.Parse()
	if *content == "" || *data == "" {
		log.Fatal("hugopairs: -content and -data are required")
	}
	var index struct {
		Pairs []struct{ A, B string }
	}
	readJSON(filepath.Join(*site, "api", "compare.json"), &index)
	sections := filepath.Join(*data, "sections")
	for _, dir := range []string{*content, sections} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			log.Fatal(err)
		}
	}
	docs := map[string]*document{}
	doc := func(id string) *document {
		if docs[id] == nil {
			d := new(document)
			readJSON(filepath.Join(*site, "api", "docs", id+".json"), d)
			writeJSON(filepath.Join(sections, id+".json"), sectionData(d))
			docs[id] = d
		}
		return docs[id]
	}
	for _, p := range index.Pairs {
		var al pair
		readJSON(filepath.Join(*site, "api", "compare", p.A+"--"+p.B+".json"), &al)
		writeJSON(filepath.Join(*content, p.A+"--"+p.B+".md"), rows(doc(p.A), doc(p.B), al))
	}
	fmt.Println(len(index.Pairs))
}

// sectionData is a document's data file: eId → [number and title, text],
// the text's paragraphs a line each.
func sectionData(d *document) map[string][2]string {
	m := make(map[string][2]string, len(d.Sections))
	for _, s := range d.Sections {
		m[s.EID] = [2]string{s.Marker + s.Title, s.Text}
	}
	return m
}

// rows is a pair page's front matter: a's sections in order, each beside
// its counterpart in b ("" where none) with the passages they share, then
// b's sections without one.
func rows(a, b *document, al pair) frontMatter {
	counterpart := map[string]row{}
	for _, p := range al.Pairs {
		r := row{A: p.A, B: p.B}
		for _, sh := range p.Shared {
			r.SharedA = append(r.SharedA, sh.A)
			r.SharedB = append(r.SharedB, sh.B)
		}
		// Shared passages come in a's order; b's side is marked in b's.
		sort.Slice(r.SharedB, func(i, j int) bool { return r.SharedB[i][0] < r.SharedB[j][0] })
		counterpart[p.A] = r
	}
	fm := frontMatter{Title: a.Title + " × " + b.Title, A: a.ID, B: b.ID, TitleA: a.Title, TitleB: b.Title}
	for _, s := range a.Sections {
		r, ok := counterpart[s.EID]
		if !ok {
			r = row{A: s.EID}
		}
		fm.Rows = append(fm.Rows, r)
	}
	for _, eid := range al.UnmatchedB {
		fm.Rows = append(fm.Rows, row{B: eid})
	}
	return fm
}

func readJSON(name string, v any) {
	b, err := os.ReadFile(name)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		log.Fatalf("%s: %v", name, err)
	}
}

func writeJSON(name string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(name, append(b, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
}
