package scaffold

import (
	"testing"
	"unicode/utf8"

	"tiaowen/internal/site"
)

// FuzzSiteYAML: whatever title and description a new site is given, its
// site.yaml reads back, as a build reads it, with the same title and
// description, and no problem.
func FuzzSiteYAML(f *testing.F) {
	for _, s := range [][2]string{
		{"政策文库", ""},
		{`条文: "试"#1`, "a: b # c"},
		{"- [x]\n{y}", "'\\' \t\u2028 &anchor *alias !tag %yaml"},
		{"\ufeff", "---\n..."},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, title, description string) {
		if !utf8.ValidString(title) || !utf8.ValidString(description) {
			t.Skip("flags are text")
		}
		yml, err := SiteYAML(Settings{Title: title, Name: "site", Description: description})
		if err != nil {
			t.Fatal(err)
		}
		cfg, problems := site.ParseConfig("site.yaml", yml)
		if problems.Err() != nil {
			t.Fatalf("%q, %q: site.yaml does not read back: %v\n%s", title, description, problems, yml)
		}
		if cfg.Title != title || cfg.Description != description {
			t.Fatalf("%q, %q read back as %q, %q", title, description, cfg.Title, cfg.Description)
		}
	})
}
