package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"tiaowen/internal/corpus"
	"tiaowen/internal/regions"
	"tiaowen/internal/site"
)

// listKinds are what `tiaowen list` lists, as `hugo list` has all,
// drafts, expired, future and published: each keeps a document or not,
// given the id of its newer version ("" for none) and today's date.
// Expired is past its last day in force, future not yet in force.
var listKinds = map[string]func(d *corpus.Document, newer, today string) bool{
	"all":        func(*corpus.Document, string, string) bool { return true },
	"drafts":     func(d *corpus.Document, _, _ string) bool { return d.Draft },
	"published":  func(d *corpus.Document, _, _ string) bool { return !d.Draft },
	"superseded": func(_ *corpus.Document, newer, _ string) bool { return newer != "" },
	"expired":    func(d *corpus.Document, _, today string) bool { return d.Expires != "" && d.Expires < today },
	"future":     func(d *corpus.Document, _, today string) bool { return d.Effective > today },
}

// listHeader names the columns of `tiaowen list`, a CSV file; columns
// added later go at the end, so that a script's column numbers hold.
var listHeader = []string{"path", "id", "title", "issuer", "date", "number", "status", "draft", "supersededBy", "sections", "permalink", "effective", "expires", "level", "region", "division", "original", "source"}

// runList prints the documents of the content, drafts too, as CSV: a
// row for each, with where its file is, what it is and where its page
// is (or will be, for a draft), for a spreadsheet or a script that
// checks what is ready to publish.
func runList(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	content := fs.String("content", "content", "the content directory (docs/, site.yaml)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: tiaowen list [--content content] [all|drafts|published|superseded|expired|future]")
		fmt.Fprintln(stderr, "\nPrints the documents of <content>/docs as CSV, drafts too (all, the default), only the\ndrafts, only what a build publishes, the versions a newer one supersedes, those past\ntheir last day in force (expires) or not yet in force (effective) today: a row for\neach, with the columns "+strings.Join(listHeader, ",")+";\nthe permalink from site.yaml's baseURL, or the page's path without one.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	kind := "all"
	if fs.NArg() > 1 {
		fs.Usage()
		return 2
	}
	if fs.NArg() == 1 {
		kind = fs.Arg(0)
	}
	keep, ok := listKinds[kind]
	if !ok {
		fmt.Fprintf(stderr, "tiaowen list: %q is no list: all, drafts, published, superseded, expired or future\n", kind)
		return 2
	}
	cfg, problems := site.LoadConfig(filepath.Join(*content, "site.yaml"))
	parser := corpus.NewParser()
	parser.Drafts = true
	c, docProblems := parser.LoadDir(filepath.Join(*content, "docs"))
	problems = append(problems, docProblems...)
	problems.Sort()
	for _, p := range problems.Errors() {
		fmt.Fprintln(stderr, p.Error())
	}
	if problems.Err() != nil {
		return 1
	}
	newer := map[string]string{}
	for _, d := range c.Docs {
		for _, id := range d.Supersedes {
			newer[id] = d.ID
		}
	}
	today := time.Now().Format(time.DateOnly)
	w := csv.NewWriter(stdout)
	w.Write(listHeader)
	for _, d := range c.Docs {
		if !keep(d, newer[d.ID], today) {
			continue
		}
		permalink := "/docs/" + d.ID + "/"
		if cfg.BaseURL != "" {
			permalink = cfg.BaseURL + "docs/" + d.ID + "/"
		}
		w.Write([]string{filepath.ToSlash(d.File), d.ID, d.Title, d.Issuer, d.Date, d.Number, d.Status,
			strconv.FormatBool(d.Draft), newer[d.ID], strconv.Itoa(len(d.Sections)), permalink, d.Effective, d.Expires, d.Level, d.Region, division(d.Region), d.Original, d.Source})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		fmt.Fprintf(stderr, "tiaowen list: %v\n", err)
		return 1
	}
	return 0
}

// division is the GB/T 2260 code of the administrative division a
// region is, or "" when it is none of them.
func division(region string) string {
	if path := regions.Find(region); path != nil {
		return path[len(path)-1].Code
	}
	return ""
}
