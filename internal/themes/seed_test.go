package themes

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"tiaowen/internal/corpus"
)

// sectionText is what a theme is matched against in a section: its title
// and its own text, on separate lines so that no match joins the two.
func sectionText(s *corpus.Section) string {
	return s.Title + "\n" + s.Text
}

// TestSeedThemes checks content/themes.yaml against the seed documents:
// every theme must be shared, and the three seed themes must be found
// where a reader finds them.
func TestSeedThemes(t *testing.T) {
	set, problems := LoadFile("../../content/themes.yaml")
	if len(problems) > 0 {
		t.Fatalf("LoadFile(content/themes.yaml) problems:\n%v", problems)
	}
	if len(set.Themes) < 12 {
		t.Errorf("content/themes.yaml has %d themes, want at least 12", len(set.Themes))
	}
	c, problems := corpus.NewParser().LoadDir("../../content/docs")
	if err := problems.Err(); err != nil {
		t.Fatalf("LoadDir(content/docs): %v", err)
	}
	if len(c.Docs) == 0 {
		t.Fatal("no seed documents in content/docs")
	}
	m := NewMatcher(set)

	// sections[theme id][doc id] counts the sections of the document in
	// which the theme is found.
	sections := map[string]map[string]int{}
	for _, th := range set.Themes {
		sections[th.ID] = map[string]int{}
	}
	for _, d := range c.Docs {
		for _, s := range d.Sections {
			for _, th := range m.Themes(sectionText(s)) {
				sections[th.ID][d.ID]++
			}
		}
	}
	docsOf := func(id string) []string {
		var out []string
		for _, d := range c.Docs {
			if sections[id][d.ID] > 0 {
				out = append(out, d.ID)
			}
		}
		return out
	}

	for _, th := range set.Themes {
		if docs := docsOf(th.ID); len(docs) < 2 {
			t.Errorf("theme %s (%s, %s) is found in documents %v, want at least two", th.ID, th.Name, th.Pos, docs)
		}
	}
	exact := []struct {
		id   string
		want []string
	}{
		{"shoufu-zerenzhi", []string{"guangdong-2020-shishi", "guangdong-2023-gangyao", "guangzhou-2023-fangan", "luhe-2017-yijian"}},
	}
	for _, tt := range exact {
		if got := docsOf(tt.id); !slices.Equal(got, tt.want) {
			t.Errorf("documents of theme %s = %v, want %v", tt.id, got, tt.want)
		}
	}
	if got := docsOf("zhiliang-jichu-sheshi"); !slices.Contains(got, "jiangsu-2023-yijian") {
		t.Errorf("documents of theme zhiliang-jichu-sheshi = %v, want jiangsu-2023-yijian among them", got)
	}
	if got := docsOf("shuangbidui-shuangtisheng"); len(got) != 3 {
		t.Errorf("documents of theme shuangbidui-shuangtisheng = %v, want exactly three", got)
	}

	// The table for the human reader: sections per document and theme.
	var b strings.Builder
	fmt.Fprintf(&b, "sections in which each theme is found:\n%-34s", "")
	for i := range c.Docs {
		fmt.Fprintf(&b, " %4s", fmt.Sprintf("d%d", i+1))
	}
	b.WriteString("  docs\n")
	for _, th := range set.Themes {
		fmt.Fprintf(&b, "%-34s", th.ID)
		for _, d := range c.Docs {
			if n := sections[th.ID][d.ID]; n > 0 {
				fmt.Fprintf(&b, " %4d", n)
			} else {
				fmt.Fprintf(&b, " %4s", "·")
			}
		}
		fmt.Fprintf(&b, "  %d  %s\n", len(docsOf(th.ID)), th.Name)
	}
	for i, d := range c.Docs {
		fmt.Fprintf(&b, "d%d = %s (%s)\n", i+1, d.ID, d.Lang)
	}
	t.Logf("%s", b.String())
}
