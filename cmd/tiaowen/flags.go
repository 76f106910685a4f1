package main

import (
	"flag"

	"tiaowen/internal/site"
)

// sourceFlags registers the flags that say where a site is made from,
// which build, serve and check share.
func sourceFlags(fs *flag.FlagSet, opts *site.Options) {
	fs.StringVar(&opts.Content, "content", "content", "the content directory (docs/, pages/, themes.yaml, site.yaml)")
	fs.StringVar(&opts.Templates, "templates", "", "a directory of templates overriding the defaults (default <content>/../templates)")
	fs.StringVar(&opts.Static, "static", "", "a directory of assets overriding the defaults (default <content>/../static)")
	const drafts = "include the documents marked draft: true, to preview them (their permalinks are not recorded)"
	fs.BoolVar(&opts.Drafts, "buildDrafts", false, drafts)
	fs.BoolVar(&opts.Drafts, "D", false, "short for --buildDrafts")
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
