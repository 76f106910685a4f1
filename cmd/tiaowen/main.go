// Command tiaowen builds websites for reading, citing and comparing policy
// documents.
//
// Usage:
//
//	tiaowen new site [--title T] [--name N] [--baseURL URL] DIR
//	tiaowen build  [--content content] [--out|-d build/site] [--zip PATH] [--baseURL|-b URL] [--allow-removed] [--allow-changed]
//	tiaowen serve  [--content content] [--port|-p 1313] [--bind 127.0.0.1] [--baseURL|-b URL]   (or server, as Hugo has it)
//	tiaowen import [--id ID] [--out content/docs] FILE...
//	tiaowen parse  --json FILE...
//	tiaowen check  [--content content] [--allow-removed] [--allow-changed]
//	tiaowen config [--content content] [--baseURL|-b URL] [--format yaml|json]
//	tiaowen themes [--content content] [list|suggest]
//	tiaowen version
//
// Run "tiaowen help COMMAND" for a command's flags.
package main

import (
	"fmt"
	"io"
	"os"
)

// command is one subcommand: its name, a line of help, and how to run it.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", "render the site and the offline bundle", runBuild},
		{"serve", "serve the site and rebuild it on every change", runServe},
		{"new", "make a new site: tiaowen new site DIR", runNew},
		{"import", "turn copied text, saved pages, Word, PDF and OFD files into content documents", runImport},
		{"parse", "print documents' section trees as JSON lines", runParse},
		{"check", "read the content and report every problem without building", runCheck},
		{"list", "list the documents, drafts too, as CSV: tiaowen list drafts", runList},
		{"themes", "count where each theme is found, or suggest new ones from the terms documents quote", runThemes},
		{"config", "print the site's settings as a build uses them, defaults filled in", runConfig},
		{"version", "print the version of tiaowen and of Go it was built with", runVersion},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			if args[1] == "server" {
				args[1] = "serve"
			}
			for _, c := range commands() {
				if c.name == args[1] {
					return c.run([]string{"-h"}, stdout, stderr)
				}
			}
		}
		usage(stdout)
		return 0
	}
	if args[0] == "--version" || args[0] == "-version" {
		args[0] = "version"
	}
	// Hugo calls it server.
	if args[0] == "server" {
		args[0] = "serve"
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "tiaowen: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "tiaowen (条文) builds websites for reading, citing and comparing policy documents.")
	fmt.Fprintln(w, "\nUsage:\n\n\ttiaowen COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "\t%-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'tiaowen help COMMAND' for a command's flags.")
}
