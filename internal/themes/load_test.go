package themes

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	src := `themes:
  - id: shoufu-zerenzhi
    name: 首负责任制
    description: 经营者先行承担责任，再向责任方追偿。
    terms: [首负责任制, 首负责任]
  - id: zhiliang-jichu-sheshi
    name: 质量基础设施
    terms:
      - 质量基础设施
`
	set, problems := Load("themes.yaml", []byte(src))
	if len(problems) > 0 {
		t.Fatalf("Load problems:\n%v", problems)
	}
	if len(set.Themes) != 2 {
		t.Fatalf("Load gave %d themes, want 2", len(set.Themes))
	}
	th := set.Theme("shoufu-zerenzhi")
	if th == nil {
		t.Fatal(`Theme("shoufu-zerenzhi") = nil`)
	}
	if th.Name != "首负责任制" || th.Description != "经营者先行承担责任，再向责任方追偿。" ||
		!slices.Equal(th.Terms, []string{"首负责任制", "首负责任"}) || th.Pos.String() != "themes.yaml:2:5" {
		t.Errorf(`Theme("shoufu-zerenzhi") = %+v`, *th)
	}
	if got := set.Themes[1].Pos.String(); got != "themes.yaml:6:5" {
		t.Errorf("Themes[1].Pos = %s, want themes.yaml:6:5", got)
	}
	if got := set.Theme("nope"); got != nil {
		t.Errorf(`Theme("nope") = %v, want nil`, got)
	}
	if got := (*Set)(nil).Theme("x"); got != nil {
		t.Errorf(`(*Set)(nil).Theme("x") = %v, want nil`, got)
	}
}

// TestLoadProblems checks that every problem is reported, together, at its
// file:line:col.
func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
		ids  []string // the themes Load still returns
	}{
		{
			// The flow sequence left open on line 3, which the YAML
			// library names as line 2 (it counts from 0 there).
			name: "yaml syntax",
			src:  "themes:\n  - id: a\n    name: [甲\n    terms: [甲]\n",
			want: []string{"themes.yaml:3:1: invalid YAML: did not find expected ',' or ']' (the file is YAML: themes: followed by a list of '- id: …' entries)"},
		},
		{
			name: "unknown fields",
			src:  "theme:\n  - id: a\nthemes:\n  - id: a\n    nmae: 甲\n    trems: [甲]\n    colour: red\n",
			want: []string{
				`themes.yaml:1:1: unknown field "theme" (did you mean "themes"?)`,
				`themes.yaml:4:5: theme "a" has no name (give its Chinese name, such as 首负责任制)`,
				`themes.yaml:4:5: theme "a" has no terms (list the words that signal it: terms: [首负责任制, 首负责任])`,
				`themes.yaml:5:5: unknown field "nmae" (did you mean "name"?)`,
				`themes.yaml:6:5: unknown field "trems" (did you mean "terms"?)`,
				`themes.yaml:7:5: unknown field "colour" (known fields: id, name, description, terms)`,
			},
			ids: []string{"a"},
		},
		{
			name: "missing id and name",
			src:  "themes:\n  - name: 甲\n    terms: [甲]\n  - id: b\n    terms: [乙]\n",
			want: []string{
				`themes.yaml:2:5: theme has no id (give it an ascii id such as shoufu-zerenzhi)`,
				`themes.yaml:4:5: theme "b" has no name (give its Chinese name, such as 首负责任制)`,
			},
			ids: []string{"b"},
		},
		{
			name: "id not a slug",
			src:  "themes:\n  - id: Shoufu_Zerenzhi\n    name: 甲\n    terms: [甲]\n  - id: 首负\n    name: 乙\n    terms: [乙]\n  - id: a--b\n    name: 丙\n    terms: [丙]\n",
			want: []string{
				`themes.yaml:2:9: theme id "Shoufu_Zerenzhi" is not an ascii slug (use lower-case letters, digits and single hyphens, such as shoufu-zerenzhi)`,
				`themes.yaml:5:9: theme id "首负" is not an ascii slug (use lower-case letters, digits and single hyphens, such as shoufu-zerenzhi)`,
				`themes.yaml:8:9: theme id "a--b" is not an ascii slug (use lower-case letters, digits and single hyphens, such as shoufu-zerenzhi)`,
			},
		},
		{
			name: "duplicate id",
			src:  "themes:\n  - id: a\n    name: 甲\n    terms: [甲]\n  - id: b\n    name: 乙\n    terms: [乙]\n  - id: a\n    name: 丙\n    terms: [丙]\n",
			want: []string{
				`themes.yaml:8:5: duplicate theme id "a", first used at themes.yaml:2:5 (ids are permanent URLs: give each theme its own)`,
			},
			ids: []string{"a", "b"},
		},
		{
			name: "a theme without terms",
			src:  "themes:\n  - id: a\n    name: 甲\n  - id: b\n    name: 乙\n    terms: []\n  - id: c\n    name: 丙\n    terms:\n",
			want: []string{
				`themes.yaml:2:5: theme "a" has no terms (list the words that signal it: terms: [首负责任制, 首负责任])`,
				`themes.yaml:6:5: theme "b" has no terms (list the words that signal it: terms: [首负责任制, 首负责任])`,
				`themes.yaml:9:5: theme "c" has no terms (list the words that signal it: terms: [首负责任制, 首负责任])`,
			},
			ids: []string{"a", "b", "c"},
		},
		{
			name: "term of punctuation only",
			src:  "themes:\n  - id: a\n    name: 甲\n    terms: [甲乙, \"、\", \"“——”\"]\n",
			want: []string{
				`themes.yaml:4:17: term "、" has no letters, digits or Han characters (matching ignores punctuation and spaces, so this term would match nothing)`,
				`themes.yaml:4:22: term "“——”" has no letters, digits or Han characters (matching ignores punctuation and spaces, so this term would match nothing)`,
			},
			ids: []string{"a"},
		},
		{
			name: "same term in two themes",
			src:  "themes:\n  - id: a\n    name: 甲\n    terms: [双比对双提升]\n  - id: b\n    name: 乙\n    terms: [质量, 雙比對、雙提升]\n",
			want: []string{
				`themes.yaml:7:17: warning: term "雙比對、雙提升" of theme "b" is also term "双比对双提升" of theme "a" (themes.yaml:4:13) (text matching it is credited to "a" alone)`,
			},
			ids: []string{"a", "b"},
		},
		{
			name: "same term twice in a theme",
			src:  "themes:\n  - id: a\n    name: 甲\n    terms:\n      - 首负责任制\n      - 首負責任制\n",
			want: []string{
				`themes.yaml:6:9: warning: term "首負責任制" repeats term "首负责任制" of the same theme (matching folds script, width and punctuation: one of them is enough)`,
			},
			ids: []string{"a"},
		},
		{
			name: "term across a clause end",
			src:  "themes:\n  - id: a\n    name: 甲\n    terms: [甲。乙]\n",
			want: []string{
				`themes.yaml:4:13: warning: term "甲。乙" contains the end of a sentence or clause (no match runs across 。！？；!?; or a line end, so this term can never match as written)`,
			},
			ids: []string{"a"},
		},
		{
			name: "wrong shapes",
			src:  "themes:\n  - id: [a]\n    name: 甲\n    terms: 甲\n  - just a string\n  - id: b\n    name: 乙\n    terms: [[乙]]\n    id: c\n",
			want: []string{
				`themes.yaml:2:9: field "id" must be a single value`,
				`themes.yaml:4:12: field "terms" must be a list (write terms: [首负责任制, 首负责任])`,
				`themes.yaml:5:5: a theme must be a mapping of fields (write '- id: …' with name, description and terms below it)`,
				`themes.yaml:8:13: a term must be a single word or phrase`,
				`themes.yaml:9:5: field "id" given twice, first at themes.yaml:6:5`,
			},
			ids: []string{"b"},
		},
		{
			name: "themes not a list",
			src:  "themes: 首负责任制\n",
			want: []string{`themes.yaml:1:9: field "themes" must be a list (write each theme as an entry '- id: …')`},
		},
		{
			name: "not a mapping",
			src:  "- id: a\n",
			want: []string{`themes.yaml:1:1: the file is not a mapping (start it with a 'themes:' line)`},
		},
		{name: "empty file", src: ""},
		{name: "comments only", src: "# no themes yet\n"},
		{name: "empty list", src: "themes: []\n"},
		{name: "null list", src: "themes:\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, problems := Load("themes.yaml", []byte(tt.src))
			var got []string
			for _, p := range problems {
				got = append(got, p.Error())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Load(%q) problems =\n%s\nwant\n%s", tt.src, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			var ids []string
			for _, th := range set.Themes {
				ids = append(ids, th.ID)
			}
			if !slices.Equal(ids, tt.ids) {
				t.Errorf("Load(%q) themes = %v, want %v", tt.src, ids, tt.ids)
			}
		})
	}
}

func TestLoadFile(t *testing.T) {
	set, problems := LoadFile(filepath.Join(t.TempDir(), "themes.yaml"))
	if set == nil || len(set.Themes) != 0 || len(problems) != 0 {
		t.Errorf("LoadFile(missing file) = %v, %v, want an empty Set and no problems", set, problems)
	}
	dir := t.TempDir()
	set, problems = LoadFile(dir) // a directory cannot be read as a file
	if set == nil || len(problems) != 1 || problems.Err() == nil || !strings.HasPrefix(problems[0].Error(), dir+": read: ") {
		t.Errorf("LoadFile(directory) = %v, %v, want one read problem", set, problems)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add([]byte("themes:\n  - id: a\n    name: 甲\n    terms: [双比对双提升, 首负责任]\n"))
	f.Add([]byte("themes:\n  - id: [a]\n    nmae: 甲\n    terms: 甲\n  - x\n  - id: a\n    terms: [[乙], \"、\"]\n"))
	f.Add([]byte("themes: &x\n  - *x\n"))
	f.Add([]byte("themes:\n  - id: a\n    name: [甲\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		set, problems := Load("f.yaml", src)
		for _, p := range problems {
			if p.Pos.File != "f.yaml" || p.Pos.Line < 1 || p.Pos.Col < 1 {
				t.Fatalf("Load(%q) problem without a line and column: %v", src, p)
			}
		}
		seen := map[string]bool{}
		for _, th := range set.Themes {
			if !idPattern.MatchString(th.ID) || seen[th.ID] {
				t.Fatalf("Load(%q) returned theme id %q: not a slug, or repeated", src, th.ID)
			}
			seen[th.ID] = true
		}
		NewMatcher(set).Find("双比对、双提升。首负责任")
	})
}
