package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
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
	fs.StringVar(&s.Title, "title", "政策文库", "new site: the site's title, as readers see it; new doc (required): the document's own title")
	fs.StringVar(&s.Name, "name", "", "an ascii slug naming the offline bundle, <name>-offline.zip (default DIR's name when it is one, else site)")
	fs.StringVar(&s.BaseURL, "baseURL", "", "the address the site is published at (default none: links relative, no canonical URLs)")
	fs.StringVar(&s.Description, "description", "", "a sentence on what the site holds, for search engines and the home page")
	content := fs.String("content", "content", "with new doc: the content directory whose docs/ the document goes into")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: tiaowen new site [--title T] [--name N] [--baseURL URL] [--description D] DIR")
		fmt.Fprintln(stderr, "       tiaowen new doc --title T [--content content] ID")
		fmt.Fprintln(stderr, "\nnew site makes a new site in DIR, a new or empty folder: content/site.yaml and\ncontent/themes.yaml, commented, and the empty folders content/docs,\ncontent/pages, templates and static. `tiaowen build` in DIR then builds it.\n\nnew doc writes content/docs/ID.md: the front matter, every field commented, the\ntitle given and draft: true, for the text to be written or pasted below it.")
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
	if len(rest) == 2 && rest[0] == "doc" {
		return newDoc(*content, rest[1], s.Title, fs, stdout, stderr)
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
	fmt.Fprintln(stdout, "  tiaowen import FILE|URL... # a web page (saved, or its address), a .docx, .doc or copied text → content/docs/<id>.md; review it")
	fmt.Fprintln(stdout, "  tiaowen new doc --title T ID  # or a draft to write the text into: content/docs/ID.md")
	fmt.Fprintln(stdout, "  tiaowen serve              # the site at http://127.0.0.1:1313/, rebuilt on every save")
	fmt.Fprintln(stdout, "  tiaowen build              # build/site/ and the offline bundle")
	fmt.Fprintln(stdout, "Themes the documents share go into content/themes.yaml; content pages (about, how to cite) into content/pages/.")
	return 0
}

// newDoc writes a new document, a draft, into content/docs/ID.md.
func newDoc(content, id, title string, fs *flag.FlagSet, stdout, stderr io.Writer) int {
	titleGiven := false
	fs.Visit(func(f *flag.Flag) { titleGiven = titleGiven || f.Name == "title" })
	switch {
	case !corpus.IsSlug(id):
		fmt.Fprintf(stderr, "tiaowen new doc: id %q is not an ascii slug: use lower-case letters, digits and single hyphens, as guangzhou-2024-fangan\n", id)
		return 2
	case !titleGiven || strings.TrimSpace(title) == "":
		fmt.Fprintln(stderr, "tiaowen new doc: give the document's own title with --title")
		return 2
	}
	src, err := scaffold.Document(id, title)
	if err != nil {
		fmt.Fprintf(stderr, "tiaowen new doc: %v\n", err)
		return 1
	}
	dst := filepath.Join(content, "docs", id+".md")
	// Checked as a build reads it, before it is written.
	if _, problems := corpus.NewParser().Parse(dst, src); problems.Err() != nil {
		fmt.Fprintf(stderr, "tiaowen new doc: %v\n", problems.Err())
		return 2
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		fmt.Fprintf(stderr, "tiaowen new doc: %v\n", err)
		return 1
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, iofs.ErrExist) {
			err = fmt.Errorf("%s exists: a document's file is never overwritten", dst)
		}
		fmt.Fprintf(stderr, "tiaowen new doc: %v\n", err)
		return 1
	}
	_, err = f.Write(src)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(stderr, "tiaowen new doc: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: a draft. Write or paste its text below the front matter, then take out draft: true to publish it; tiaowen serve -D shows it meanwhile.\n", dst)
	return 0
}
