package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"

	"tiaowen/internal/site"
)

// runConfig prints the site's settings as a build would use them — what
// site.yaml says, the defaults for what it leaves out, and --baseURL
// over its baseURL — as Hugo's config command prints Hugo's, so that a
// reader need not work out what a setting left out comes to.
func runConfig(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("config", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts site.Options
	fs.StringVar(&opts.Content, "content", "content", "the content directory, whose site.yaml is read")
	baseURLFlags(fs, &opts)
	minifyFlag(fs, &opts)
	format := fs.String("format", "yaml", "yaml, as site.yaml is written, or json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: tiaowen config [--content content] [--baseURL|-b URL] [--minify] [--format yaml|json]")
		fmt.Fprintln(stderr, "\nPrints the site's settings as tiaowen build uses them: <content>/site.yaml, the\ndefaults for the fields it leaves out, --baseURL over its baseURL and --minify over\nits minify.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if fs.NArg() > 0 || *format != "yaml" && *format != "json" {
		fs.Usage()
		return 2
	}
	cfg, problems, err := site.SiteConfig(opts)
	if refused(stderr, "config", problems, err) {
		return 1
	}
	var out []byte
	if *format == "json" {
		out, err = json.MarshalIndent(cfg, "", "  ")
		out = append(out, '\n')
	} else {
		out, err = yaml.Marshal(cfg)
	}
	if err != nil {
		fmt.Fprintf(stderr, "tiaowen config: %v\n", err)
		return 1
	}
	stdout.Write(out)
	return 0
}
