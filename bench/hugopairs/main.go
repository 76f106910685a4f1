// Command hugopairs writes, from a tiaowen site's JSON API, a Hugo
// content file for each pair page the site has: the two documents'
// sections side by side, a table row for each of the site's pairs of
// counterparts and one for each section without one, so that Hugo
// renders the pages tiaowen's compare/ holds (bench/compare.sh's
// hugo-pairs). The alignment is tiaowen's, given to Hugo for free: Hugo
// only renders and writes.
//
// Usage:
//
//	hugopairs -site build/site -out CONTENT/compare
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
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

// pair is api/compare/<a>--<b>.json: the counterparts, a's eId and b's.
type pair struct {
	A, B  string
	Pairs []struct {
		A, B string
	}
	UnmatchedB []string `json:"unmatchedB"`
}

func main() {
	site := flag.String("site", "build/site", "a tiaowen site, whose api/ is read")
	out := flag.String("out", "", "the folder to write the content files into")
	flag.Parse()
	if *out == "" {
		log.Fatal("hugopairs: -out is required")
	}
	var index struct {
		Pairs []struct{ A, B string }
	}
	readJSON(filepath.Join(*site, "api", "compare.json"), &index)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	docs := map[string]*document{}
	doc := func(id string) *document {
		if docs[id] == nil {
			docs[id] = new(document)
			readJSON(filepath.Join(*site, "api", "docs", id+".json"), docs[id])
		}
		return docs[id]
	}
	for _, p := range index.Pairs {
		var al pair
		readJSON(filepath.Join(*site, "api", "compare", p.A+"--"+p.B+".json"), &al)
		name := filepath.Join(*out, p.A+"--"+p.B+".md")
		if err := os.WriteFile(name, []byte(page(doc(p.A), doc(p.B), al)), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println(len(index.Pairs))
}

// page is a pair's content file: a table of a's sections in order, each
// beside its counterpart in b, then b's sections without one.
func page(a, b *document, al pair) string {
	counterpart := map[string]string{}
	for _, p := range al.Pairs {
		counterpart[p.A] = p.B
	}
	inB := map[string]section{}
	for _, s := range b.Sections {
		inB[s.EID] = s
	}
	var w strings.Builder
	fmt.Fprintf(&w, "---\ntitle: %q\n---\n\n| %s | %s |\n|---|---|\n", a.Title+" × "+b.Title, cell(a.Title), cell(b.Title))
	for _, s := range a.Sections {
		other := ""
		if eid, ok := counterpart[s.EID]; ok {
			other = sectionCell(inB[eid])
		}
		fmt.Fprintf(&w, "| %s | %s |\n", sectionCell(s), other)
	}
	for _, eid := range al.UnmatchedB {
		fmt.Fprintf(&w, "|  | %s |\n", sectionCell(inB[eid]))
	}
	return w.String()
}

// sectionCell is a section in a table's cell: its number and title in
// bold, then its text, its paragraphs run together (a cell holds one).
func sectionCell(s section) string {
	return "**" + cell(s.Marker+s.Title) + "** " + cell(s.Text)
}

func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
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
