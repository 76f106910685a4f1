package main

import (
	"flag"
	"fmt"
	"io"

	"tiaowen/internal/diag"
	"tiaowen/internal/site"
)

// runCheck reports every problem a build would stop at or warn of, so
// that a pre-commit hook or a CI step can refuse what the build would
// before anything is published.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts site.Options
	source := sourceFlags(fs, &opts)
	permalinkFlags(fs, &opts)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: tiaowen check [--source|-s DIR] [--content content] [--buildDrafts] [--allow-removed] [--allow-changed]")
		fmt.Fprintln(stderr, "\nReads what tiaowen build reads — site.yaml, themes.yaml, pages/, docs/, the templates\nand the published permalinks in <content>/.permalinks — and reports every problem a\nbuild would stop at or warn of, as file:line:col lines, without writing anything.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	inSource(fs, *source, &opts)
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	docs, sections, problems, err := site.Check(opts)
	if refused(stderr, "check", problems, err) {
		return 1
	}
	fmt.Fprintf(stdout, "%s, %s, %s\n", diag.Count(docs, "document"), diag.Count(sections, "section"), diag.Count(len(problems.Warnings()), "warning"))
	return 0
}

// refused prints problems, one file:line:col line each, and err; it
// reports whether the command, named cmd, stops there: at err or at
// any problem that is an error, which it counts.
func refused(stderr io.Writer, cmd string, problems diag.List, err error) bool {
	for _, p := range problems {
		fmt.Fprintln(stderr, p.Error())
	}
	if err != nil {
		fmt.Fprintf(stderr, "tiaowen %s: %v\n", cmd, err)
		return true
	}
	if problems.Err() != nil {
		fmt.Fprintf(stderr, "tiaowen %s: %s\n", cmd, diag.Count(len(problems.Errors()), "error"))
		return true
	}
	return false
}
