package site

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestMinifySetting reads site.yaml's minify: true and false are taken,
// leaving it out is false, anything else is an error at its line that
// says what to write; --minify turns it on whatever the file says.
func TestMinifySetting(t *testing.T) {
	file := filepath.Join(t.TempDir(), "site.yaml")
	for value, want := range map[string]string{"": "false", "true": "true", "false": "false", "yes": "error", "1": "error"} {
		cfg, err := configWith(t, file, "minify", value)
		switch {
		case want == "error" && (err == nil || !strings.Contains(err.Error(), file+":3:") || !strings.Contains(err.Error(), "minify: true")):
			t.Errorf("minify %q: no error at line 3 that says what to write: %v", value, err)
		case want != "error" && (err != nil || cfg.Minify != (want == "true")):
			t.Errorf("minify %q: %v, %v; want %s", value, cfg.Minify, err, want)
		}
	}
	configWith(t, file, "minify", "false")
	cfg, _, err := SiteConfig(Options{Content: filepath.Dir(file), Minify: true})
	if err != nil || !cfg.Minify {
		t.Errorf("--minify over minify: false: %v, %v; want true", cfg.Minify, err)
	}
}

// TestMediaType: the files minified are the site's markup, styles,
// scripts and data; the search index, scripts already minified, and
// citations and originals are written as they are.
func TestMediaType(t *testing.T) {
	for name, want := range map[string]string{
		"index.html": "text/html", "static/style.css": "text/css", "static/site.js": "application/javascript",
		"api/docs.js": "application/javascript", "api/themes.json": "application/json", "feed.xml": "application/xml",
		"static/favicon.svg": "image/svg+xml", "search/data/g0.js": "", "search/data/meta.js": "", "static/jsdiff.min.js": "",
		"api/docs/x.ris": "", "api/docs/x.bib": "", "robots.txt": "", "docs/x/original.pdf": "", ".tiaowen": "",
	} {
		if got := mediaType(name); got != want {
			t.Errorf("mediaType(%q) = %q, want %q", name, got, want)
		}
	}
}
