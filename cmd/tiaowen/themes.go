package main

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"tiaowen/internal/corpus"
	"tiaowen/internal/diag"
	"tiaowen/internal/themes"
)

// themesHeader names the columns of `tiaowen themes list`, a CSV file.
var themesHeader = []string{"id", "name", "terms", "documents", "sections", "first", "forms"}

// runThemes helps whoever keeps themes.yaml: `themes list` counts where
// each theme is found, so that a theme no document mentions any more
// shows, and `themes suggest` finds the terms the documents quote that
// no theme matches yet — the themes still to be written.
func runThemes(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("themes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	content := fs.String("content", "content", "the content directory (docs/, themes.yaml)")
	minDocs := fs.Int("min-docs", 2, "suggest: only terms that at least this many documents mention")
	format := fs.String("format", "text", "suggest: text, or yaml to paste into themes.yaml")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: tiaowen themes [--content content] [list]\n       tiaowen themes [--content content] [--min-docs 2] [--format text|yaml] suggest")
		fmt.Fprintln(stderr, `
list (the default) prints the themes of <content>/themes.yaml as CSV, a row for each,
with the columns `+strings.Join(themesHeader, ",")+`: how many documents and sections
of <content>/docs (drafts too) mention the theme, in titles or text, as the site counts
them, where it is first found, and the ways the documents write its terms, each with
how many documents write it so. A theme with 0 documents matches nothing.

suggest lists the terms the documents put in quotation marks (“双随机、一公开”, 「粤字号」)
that no theme matches, mentioned — quoted or not, in either script — by --min-docs
documents or more, those most documents mention first: the themes still to be
written. --format yaml prints them as themes.yaml entries, each with an id made from
its pinyin; an id becomes the theme's address for good, so read it over first.`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	what := "list"
	if fs.NArg() > 0 {
		// The flags may come after the word too: themes suggest --format yaml.
		what = fs.Arg(0)
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return flagExit(err)
		}
		if fs.NArg() > 0 {
			fs.Usage()
			return 2
		}
	}
	if what != "list" && what != "suggest" {
		fmt.Fprintf(stderr, "tiaowen themes: %q is neither list nor suggest\n", what)
		return 2
	}
	if *format != "text" && *format != "yaml" {
		fmt.Fprintf(stderr, "tiaowen themes: --format is text or yaml, not %q\n", *format)
		return 2
	}
	if *minDocs < 1 {
		fmt.Fprintln(stderr, "tiaowen themes: --min-docs wants a number of documents, 1 or more")
		return 2
	}
	themesFile := filepath.Join(*content, "themes.yaml")
	set, problems := themes.LoadFile(themesFile)
	parser := corpus.NewParser()
	parser.Drafts = true
	c, docProblems := parser.LoadDir(filepath.Join(*content, "docs"))
	problems = append(problems, docProblems...)
	problems.Sort()
	if refused(stderr, "themes", problems.Errors(), nil) {
		return 1
	}
	passages := slices.Collect(themes.Passages(c.Docs))
	var err error
	if what == "list" {
		err = listThemes(stdout, set, passages)
	} else {
		found := themes.Suggest(passages, set, *minDocs)
		if *format == "yaml" {
			err = suggestYAML(stdout, found, themesFile, *minDocs)
		} else {
			err = suggestText(stdout, found, *minDocs)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "tiaowen themes: %v\n", err)
		return 1
	}
	return 0
}

// listThemes writes the themes as CSV with where they are found.
func listThemes(stdout io.Writer, set *themes.Set, passages []themes.Passage) error {
	m := themes.NewMatcher(set)
	type found struct {
		docs, sections map[string]bool
		first          diag.Position
		// forms are the ways the documents write the terms, each with
		// the documents that write it so, in the order first found.
		forms    []string
		formDocs map[string]map[string]bool
	}
	count := map[*themes.Theme]*found{}
	for _, t := range set.Themes {
		count[t] = &found{docs: map[string]bool{}, sections: map[string]bool{}, formDocs: map[string]map[string]bool{}}
	}
	for _, p := range passages {
		var rs []rune
		for _, mt := range m.Find(p.Text) {
			f := count[mt.Theme]
			if len(f.docs) == 0 {
				f.first = p.Pos
			}
			f.docs[p.Doc] = true
			f.sections[p.Doc+"\x00"+p.Section] = true
			if rs == nil {
				rs = []rune(p.Text)
			}
			form := string(rs[mt.Start:mt.End])
			if f.formDocs[form] == nil {
				f.forms = append(f.forms, form)
				f.formDocs[form] = map[string]bool{}
			}
			f.formDocs[form][p.Doc] = true
		}
	}
	w := csv.NewWriter(stdout)
	w.Write(themesHeader)
	for _, t := range set.Themes {
		f := count[t]
		first := ""
		if len(f.docs) > 0 {
			first = f.first.String()
		}
		// The ways most documents write first, each with their number.
		forms := slices.Clone(f.forms)
		slices.SortStableFunc(forms, func(a, b string) int { return cmp.Compare(len(f.formDocs[b]), len(f.formDocs[a])) })
		for i, form := range forms {
			forms[i] = fmt.Sprintf("%s (%d)", form, len(f.formDocs[form]))
		}
		w.Write([]string{t.ID, t.Name, strings.Join(t.Terms, " "), strconv.Itoa(len(f.docs)), strconv.Itoa(len(f.sections)), first, strings.Join(forms, "; ")})
	}
	w.Flush()
	return w.Error()
}

// where says where a candidate is first quoted: the paragraph's
// file:line, the document and the section's eId.
func where(c themes.Candidate) string {
	at := c.First.Pos
	at.Col = 0
	return fmt.Sprintf("%s (%s %s)", at, c.First.Doc, c.First.Section)
}

func suggestText(stdout io.Writer, found []themes.Candidate, minDocs int) error {
	var b strings.Builder
	if len(found) == 0 {
		fmt.Fprintf(&b, "No term that the documents quote and no theme matches is mentioned by %s.\n", diag.Count(minDocs, "document"))
		_, err := io.WriteString(stdout, b.String())
		return err
	}
	fmt.Fprintf(&b, "%s quoted in the documents that no theme matches, mentioned by %s or more:\n", diag.Count(len(found), "term"), diag.Count(minDocs, "document"))
	for _, c := range found {
		fmt.Fprintf(&b, "\n%s\t%s, %s, quoted in %d\n", c.Name, diag.Count(c.Documents, "document"), diag.Count(c.Sections, "section"), c.QuotedIn)
		fmt.Fprintf(&b, "\tfirst quoted at %s\n", where(c))
		fmt.Fprintf(&b, "\tin %s\n", someOf(c.InDocuments))
		if len(c.Forms) > 1 || c.Forms[0] != c.Name {
			fmt.Fprintf(&b, "\tquoted as %s\n", strings.Join(c.Forms, "  "))
		}
		if c.Near != nil {
			fmt.Fprintf(&b, "\tnear the theme %s (%s): perhaps a term to add to it\n", c.Near.ID, c.Near.Name)
		}
	}
	b.WriteString("\nAdd a theme to themes.yaml for each worth following: `tiaowen themes suggest --format yaml` writes them ready to paste.\n")
	_, err := io.WriteString(stdout, b.String())
	return err
}

// someOf lists ids, the first eight of them and how many more.
func someOf(ids []string) string {
	const most = 8
	if len(ids) <= most {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[:most], ", ") + fmt.Sprintf(" and %d more", len(ids)-most)
}

// suggestYAML writes the candidates as a themes.yaml of their own, which
// Load reads, so that its list can be pasted under an existing file's
// themes: as it is.
func suggestYAML(stdout io.Writer, found []themes.Candidate, themesFile string, minDocs int) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Terms quoted in the documents that no theme of %s matches,\n", filepath.ToSlash(themesFile))
	fmt.Fprintf(&b, "# mentioned by %s or more (tiaowen themes suggest). Paste those\n", diag.Count(minDocs, "document"))
	b.WriteString("# worth following under its themes: (in place of [] when it has none\n")
	b.WriteString("# yet), and read each id over first: it is the theme's address,\n")
	b.WriteString("# /themes/<id>/, for good.\n")
	if len(found) == 0 {
		b.WriteString("themes: []\n")
	} else {
		b.WriteString("themes:\n")
	}
	for i, c := range found {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "  # %s, %s; first quoted at %s\n", diag.Count(c.Documents, "document"), diag.Count(c.Sections, "section"), where(c))
		if c.Near != nil {
			fmt.Fprintf(&b, "  # or add %s to the terms of %s (%s)\n", c.Term, c.Near.ID, c.Near.Name)
		}
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n    terms: [%s]\n", c.ID, yamlScalar(c.Name), yamlScalar(c.Term))
	}
	_, err := io.WriteString(stdout, b.String())
	return err
}

// yamlScalar writes s plain when it is letters and digits only, and
// otherwise double-quoted (a JSON string is a YAML one), so that no
// punctuation in a name can change what the YAML says.
func yamlScalar(s string) string {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			q, _ := json.Marshal(s)
			return string(q)
		}
	}
	return s
}
