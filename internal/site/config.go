package site

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"tiaowen/internal/corpus"
	"tiaowen/internal/diag"
	"tiaowen/internal/yamlerr"
)

// Config is content/site.yaml.
type Config struct {
	// Title is the site's name as readers see it.
	Title string `yaml:"title" json:"title"`
	// Name is an ascii slug for files named after the site, such as the
	// offline bundle build/<name>-offline.zip.
	Name string `yaml:"name" json:"name"`
	// BaseURL is where the site is published, ending in "/"; canonical
	// links, citations, the sitemap and the feed are absolute URLs under
	// it. Empty leaves them out.
	BaseURL string `yaml:"baseURL" json:"baseURL"`
	// Language is the site's interface language (zh-Hans or zh-Hant).
	Language    string `yaml:"language" json:"language"`
	Description string `yaml:"description" json:"description"`
	// Copyright is shown in the footer.
	Copyright string `yaml:"copyright" json:"copyright"`
	// Paginate is how many documents a page of the home page lists, in
	// its table and its matrix, and a page of a theme shows passages of;
	// the chooser lists ten times as many pairs. The pages after the
	// first are page/2/, page/3/, … below the first's path, as in Hugo.
	Paginate int `yaml:"paginate" json:"paginate"`
	// FeedLimit is how many documents /feed.xml carries, the newest;
	// -1 carries every one, like Hugo's feed limit.
	FeedLimit int `yaml:"feedLimit" json:"feedLimit"`
	// Minify shrinks the site's HTML, CSS, scripts, JSON, XML and SVG
	// as Hugo's minify.minifyOutput does (also --minify).
	Minify bool `yaml:"minify" json:"minify"`
	// Unsafe renders the raw HTML in the pages of content/pages, and
	// their links of any scheme, as written, as Hugo's
	// markup.goldmark.renderer.unsafe does; by default they are left
	// out. Documents' raw HTML is always shown as text: every character
	// of a document is shown, and none runs.
	Unsafe bool `yaml:"unsafe" json:"unsafe"`
}

// defaultPaginate keeps a page of the home page under 600 KB, a
// document's row in the table and the matrix being 5–6 KB: a corpus of
// thousands on one page made one of megabytes (11.7 MB at 2,000
// documents, nearly all of it the matrix's 62,000 cells).
const defaultPaginate = 100

// defaultFeedLimit is enough for a reader who polls the feed now and
// then to miss nothing new, and keeps the feed small: every document of
// 2,000 made a feed of 971 KB, fetched again on every poll.
const defaultFeedLimit = 50

// defaultConfig is the settings of a site without a site.yaml.
func defaultConfig() Config {
	return Config{Title: "tiaowen", Name: "site", Language: "zh-Hans", Paginate: defaultPaginate, FeedLimit: defaultFeedLimit}
}

// SiteConfig is the site's settings as a build under opts uses them:
// opts.Content's site.yaml, the defaults for what it leaves out, and
// opts.BaseURL standing for its baseURL when given. The error is a
// baseURL flag that is no address; the problems, site.yaml's.
func SiteConfig(opts Options) (Config, diag.List, error) {
	cfg, problems := LoadConfig(filepath.Join(opts.Content, "site.yaml"))
	if opts.BaseURL != "" {
		u, ok := normaliseBaseURL(opts.BaseURL)
		if !ok {
			return cfg, problems, fmt.Errorf("baseURL %q is not an http(s) URL with a host", opts.BaseURL)
		}
		cfg.BaseURL = u
	}
	if opts.Minify {
		cfg.Minify = true
	}
	return cfg, problems, nil
}

// LoadConfig reads site.yaml. A missing file gives the defaults.
func LoadConfig(file string) (Config, diag.List) {
	src, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		return defaultConfig(), nil
	}
	if err != nil {
		var problems diag.List
		problems.Add(diag.Position{File: file}, fmt.Sprintf("read: %v", err), "")
		return defaultConfig(), problems
	}
	return ParseConfig(file, src)
}

// configFields are site.yaml's fields.
var configFields = []string{"title", "name", "baseURL", "language", "description", "copyright", "paginate", "feedLimit", "minify", "unsafe"}

// ParseConfig reads src, the contents of site.yaml, which is file.
func ParseConfig(file string, src []byte) (Config, diag.List) {
	var problems diag.List
	cfg := defaultConfig()
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		line, col, msg := yamlerr.Locate(err, src)
		problems.Add(diag.Position{File: file, Line: line, Col: col}, "site.yaml: "+msg, "site.yaml is YAML: key: value, one to a line")
		return cfg, problems
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		problems.Add(diag.Position{File: file, Line: 1, Col: 1}, "site.yaml is not a mapping of fields", "write key: value lines")
		return cfg, problems
	}
	top := root.Content[0]
	paginate, feedLimit, minify, unsafe := "", "", "", ""
	known := map[string]*string{"title": &cfg.Title, "name": &cfg.Name, "baseURL": &cfg.BaseURL,
		"language": &cfg.Language, "description": &cfg.Description, "copyright": &cfg.Copyright,
		"paginate": &paginate, "feedLimit": &feedLimit, "minify": &minify, "unsafe": &unsafe}
	given := map[string]int{}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		dst, ok := known[k.Value]
		pos := diag.Position{File: file, Line: k.Line, Col: k.Column}
		if !ok {
			hint := "known fields: " + strings.Join(configFields, ", ")
			// Hugo's own baseurl is baseURL here.
			if i := slices.IndexFunc(configFields, func(f string) bool { return strings.EqualFold(f, k.Value) }); i >= 0 {
				hint = fmt.Sprintf("did you mean %q?", configFields[i])
			} else if s := diag.Suggest(k.Value, configFields); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			problems.Add(pos, fmt.Sprintf("unknown field %q", k.Value), hint)
			continue
		}
		if first, ok := given[k.Value]; ok {
			// YAML would let the later value win without a word.
			problems.Add(pos, fmt.Sprintf("%s is given twice (first at line %d)", k.Value, first), "keep one "+k.Value+": line")
			continue
		}
		given[k.Value] = k.Line
		if v.Kind != yaml.ScalarNode {
			problems.Add(diag.Position{File: file, Line: v.Line, Col: v.Column}, fmt.Sprintf("field %q must be a single value", k.Value), "")
			continue
		}
		*dst = v.Value
	}
	at := func(field string) diag.Position {
		for i := 0; i+1 < len(top.Content); i += 2 {
			if top.Content[i].Value == field {
				return diag.Position{File: file, Line: top.Content[i].Line, Col: top.Content[i].Column}
			}
		}
		return diag.Position{File: file, Line: 1, Col: 1}
	}
	if !corpus.IsSlug(cfg.Name) {
		problems.Add(at("name"), fmt.Sprintf("name %q is not an ascii slug", cfg.Name), "it names the offline bundle: use lower-case letters, digits and hyphens")
	}
	if cfg.BaseURL != "" {
		if u, ok := normaliseBaseURL(cfg.BaseURL); ok {
			cfg.BaseURL = u
		} else {
			problems.Add(at("baseURL"), fmt.Sprintf("baseURL %q is not an http(s) URL", cfg.BaseURL), "")
		}
	}
	if paginate != "" {
		n, err := strconv.Atoi(paginate)
		if err != nil || n < 1 {
			problems.Add(at("paginate"), fmt.Sprintf("paginate %q is not a whole number of documents", paginate),
				fmt.Sprintf("write how many documents a page of the home page lists, 1 or more (%d when left out)", defaultPaginate))
		} else {
			cfg.Paginate = n
		}
	}
	if feedLimit != "" {
		n, err := strconv.Atoi(feedLimit)
		if err != nil || n < -1 || n == 0 {
			problems.Add(at("feedLimit"), fmt.Sprintf("feedLimit %q is not a number of documents", feedLimit),
				fmt.Sprintf("write how many of the newest documents the feed carries, 1 or more, or -1 for all (%d when left out)", defaultFeedLimit))
		} else {
			cfg.FeedLimit = n
		}
	}
	cfg.Minify = boolSetting("minify", minify, at("minify"), &problems, "write minify: true to shrink the site's files, as --minify does")
	cfg.Unsafe = boolSetting("unsafe", unsafe, at("unsafe"), &problems, "write unsafe: true to render the raw HTML of content/pages as written")
	if cfg.Language != "zh-Hans" && cfg.Language != "zh-Hant" {
		problems.Add(at("language"), fmt.Sprintf("language %q is neither zh-Hans nor zh-Hant", cfg.Language), "")
	}
	return cfg, problems
}

// boolSetting reads a true-or-false field of site.yaml, false when left
// out; anything else is a problem at pos, with what to write.
func boolSetting(field, value string, pos diag.Position, problems *diag.List, hint string) bool {
	switch value {
	case "", "false":
		return false
	case "true":
		return true
	}
	problems.Add(pos, fmt.Sprintf("%s %q is neither true nor false", field, value), hint)
	return false
}

// normaliseBaseURL checks that s is an http(s) URL with a host, and
// returns it ending in "/", as the site's URLs are joined to it.
func normaliseBaseURL(s string) (string, bool) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", false
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, true
}
