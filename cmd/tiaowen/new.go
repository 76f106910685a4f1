package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"tiaowen/internal/corpus"
	"tiaowen/internal/scaffold"
	"tiaowen/internal/site"
)

// runNew makes a new project: `tiaowen new site DIR`, as `hugo new site`.
func runNew(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var s scaffold.Settings
	fs.StringVar(&s.Title, "title", "政策文库", "the site's title, as readers see it")
	fs.StringVar(&s.Name, "name", "", "an ascii slug naming the offline bundle, <name>-offline.zip (default DIR's name when it is one, else site)")
	fs.StringVar(&s.BaseURL, "baseURL", "", "the address the site is published at (default none: links relative, no canonical URLs)")
	fs.StringVar(&s.Description, "description", "", "a sentence on what the site holds, for search engines and the home page")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: tiaowen new site [--title T] [--name N] [--baseURL URL] [--description D] DIR")
		fmt.Fprintln(stderr, "\nMakes a new site in DIR, a new or empty folder: content/site.yaml and\ncontent/themes.yaml, commented, and the empty folders content/docs,\ncontent/pages, templates and static. `tiaowen build` in DIR then builds it.")
		fs.PrintDefaults()
	}
	// Flags may come before the kind and DIR or after them.
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return flagExit(err)
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(rest) != 2 || rest[0] != "site" {
		fs.Usage()
		return 2
	}
	dir := rest[1]
	if s.Name == "" {
		s.Name = "site"
		if base := strings.ToLower(filepath.Base(filepath.Clean(dir))); corpus.IsSlug(base) {
			s.Name = base
		}
	}
	// The settings are checked as a build reads them, before anything is
	// written.
	yml, err := scaffold.SiteYAML(s)
	if err != nil {
		fmt.Fprintf(stderr, "tiaowen new: %v\n", err)
		return 1
	}
	if _, problems := site.ParseConfig("site.yaml", yml); problems.Err() != nil {
		for _, p := range problems {
			fmt.Fprintf(stderr, "tiaowen new: %s", p.Msg)
			if p.Hint != "" {
				fmt.Fprintf(stderr, " — %s", p.Hint)
			}
			fmt.Fprintln(stderr)
		}
		return 2
	}
	if err := scaffold.Write(dir, s); err != nil {
		fmt.Fprintf(stderr, "tiaowen new: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "A new site is in %s. Next:\n", dir)
	fmt.Fprintf(stdout, "  cd %s\n", dir)
	fmt.Fprintln(stdout, "  tiaowen import FILE...     # text copied from a web page → content/docs/<id>.md; review it")
	fmt.Fprintln(stdout, "  tiaowen serve              # the site at http://127.0.0.1:1313/, rebuilt on every save")
	fmt.Fprintln(stdout, "  tiaowen build              # build/site/ and the offline bundle")
	fmt.Fprintln(stdout, "Themes the documents share go into content/themes.yaml; content pages (about, how to cite) into content/pages/.")
	return 0
}
