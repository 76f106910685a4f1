package site

import (
	"strings"
	"testing"

	"tiaowen/internal/corpus"
)

// FuzzParseConfig feeds site.yaml any bytes: parsing must not panic,
// every problem must sit inside the file, and settings read without a
// problem must be usable as they are.
func FuzzParseConfig(f *testing.F) {
	for _, seed := range []string{
		"title: 质量强省政策文库\nname: zhiliang-qiangsheng\nbaseURL: https://tiaowen.example.org/\nlanguage: zh-Hans\n",
		"title: 站\nname: s\npaginate: 7\n",
		"paginate: 0\n",
		"feedLimit: -1\npaginate: 3\n",
		"feedLimit: 0\n",
		"paginate: [2]\nlanguage: zh-Hant\nbaseURL: http://x\n",
		"baseURL: [https://x/\n",
		"- a\n- b\n",
		"",
		"title: \"unterminated\n",
		"name: Not A Slug\ncolour: red\n",
		"minify: true\n",
		"minify: yes\n",
		"unsafe: true\nminify: false\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		cfg, problems := ParseConfig("site.yaml", src)
		lines := yamlLines(src)
		for _, p := range problems {
			if p.Pos.File != "site.yaml" || p.Pos.Line < 0 || p.Pos.Line > lines+1 || p.Pos.Col < 0 {
				t.Errorf("problem outside the file (%d lines): %+v", lines, p)
			}
			if p.Msg == "" {
				t.Errorf("problem without a message: %+v", p)
			}
		}
		if problems.Err() != nil {
			return
		}
		if cfg.Paginate < 1 {
			t.Errorf("paginate %d accepted", cfg.Paginate)
		}
		if cfg.FeedLimit < -1 || cfg.FeedLimit == 0 {
			t.Errorf("feedLimit %d accepted", cfg.FeedLimit)
		}
		if !corpus.IsSlug(cfg.Name) {
			t.Errorf("name %q accepted", cfg.Name)
		}
		if cfg.BaseURL != "" && !strings.HasSuffix(cfg.BaseURL, "/") {
			t.Errorf("baseURL %q accepted without its slash", cfg.BaseURL)
		}
		if cfg.Language != "zh-Hans" && cfg.Language != "zh-Hant" {
			t.Errorf("language %q accepted", cfg.Language)
		}
	})
}

// yamlLines counts the lines of src as YAML does: a line ends at \n, \r,
// \r\n, NEL, LS or PS, so a file saved with old Mac line ends is as many
// lines long as an editor shows.
func yamlLines(src []byte) int {
	s := strings.ReplaceAll(string(src), "\r\n", "\n")
	return 1 + strings.Count(s, "\n") + strings.Count(s, "\r") + strings.Count(s, "\u0085") +
		strings.Count(s, "\u2028") + strings.Count(s, "\u2029")
}

// TestParseConfigFields: a misspelt field is named with the field meant,
// and a field given twice is an error at the second, which YAML would
// otherwise take without a word.
func TestParseConfigFields(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"title: 甲\nbaseurl: https://example.org/\n", `site.yaml:2:1: unknown field "baseurl" (did you mean "baseURL"?)`},
		{"title: 甲\ntitel: 乙\n", `site.yaml:2:1: unknown field "titel" (did you mean "title"?)`},
		{"title: 甲\npaginate: 10\ntitle: 乙\n", "site.yaml:3:1: title is given twice (first at line 1) (keep one title: line)"},
	} {
		cfg, problems := ParseConfig("site.yaml", []byte(c.src))
		if got := problems.Errors(); len(got) != 1 || got[0].Error() != c.want {
			t.Errorf("ParseConfig(%q): %v, want %s", c.src, got, c.want)
		}
		if cfg.Title != "甲" {
			t.Errorf("ParseConfig(%q): title %q, want the first, 甲", c.src, cfg.Title)
		}
	}
}
