package main

import (
	"flag"
	"path/filepath"

	"tiaowen/internal/site"
)

// sourceFlags registers the flags that say where a site is made from,
// which build, serve and check share. It returns --source's value, for
// inSource once the flags are parsed.
func sourceFlags(fs *flag.FlagSet, opts *site.Options) *string {
	source := fs.String("source", "", "the project's folder, in which content/, templates/, static/ and build/ are meant when not named otherwise, as Hugo's --source (default the current folder)")
	fs.StringVar(source, "s", "", "short for --source")
	fs.StringVar(&opts.Content, "content", "content", "the content directory (docs/, pages/, themes.yaml, site.yaml)")
	fs.StringVar(&opts.Templates, "templates", "", "a directory of templates overriding the defaults (default <content>/../templates)")
	fs.StringVar(&opts.Static, "static", "", "a directory of assets overriding the defaults (default <content>/../static)")
	const drafts = "include the documents marked draft: true, to preview them (their permalinks are not recorded)"
	fs.BoolVar(&opts.Drafts, "buildDrafts", false, drafts)
	fs.BoolVar(&opts.Drafts, "D", false, "short for --buildDrafts")
	return source
}

// inSource puts the paths of opts that no flag named inside source, the
// project's folder (--source), when it is given: content/ and, for a
// build, build/site; the templates, static files and bundle follow from
// those. A path a flag names is taken as given, from the current folder.
func inSource(fs *flag.FlagSet, source string, opts *site.Options) {
	if source == "" {
		return
	}
	named := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { named[f.Name] = true })
	if !named["content"] {
		opts.Content = filepath.Join(source, opts.Content)
	}
	if opts.Out != "" && !named["out"] && !named["d"] && !named["destination"] {
		opts.Out = filepath.Join(source, opts.Out)
	}
}

// permalinkFlags registers the flags that let published permalinks go or
// change, which build and check share.
func permalinkFlags(fs *flag.FlagSet, opts *site.Options) {
	fs.BoolVar(&opts.AllowRemoved, "allow-removed", false, "let published permalinks disappear (they are recorded in <content>/.permalinks)")
	fs.BoolVar(&opts.AllowChanged, "allow-changed", false, "let a published section permalink lead to other words than it was published for (a section rewritten on purpose)")
}

// baseURLFlags registers --baseURL and Hugo's -b for it, which build and
// serve share.
func baseURLFlags(fs *flag.FlagSet, opts *site.Options) {
	fs.StringVar(&opts.BaseURL, "baseURL", "", "publish at this address instead of site.yaml's baseURL (canonical links, citations, sitemap, feed)")
	fs.StringVar(&opts.BaseURL, "b", "", "short for --baseURL")
}

// minifyFlag registers --minify, Hugo's flag, which build, serve and
// config share.
func minifyFlag(fs *flag.FlagSet, opts *site.Options) {
	fs.BoolVar(&opts.Minify, "minify", false, "shrink the site's HTML, CSS, scripts, JSON, XML and SVG, as site.yaml's minify: true does")
}
