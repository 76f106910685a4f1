package site_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

// TestThemesTogether checks, on every seed theme's page, the themes said
// to be found most often in the same sections, against the sections that
// the JSON API lists under each theme: the eight that share most
// sections with it, the most first, then in the themes' order, with the
// number of sections they share.
func TestThemesTogether(t *testing.T) {
	s := seedSite(t)
	b, err := os.ReadFile(filepath.Join(s.web, "api", "themes.json"))
	if err != nil {
		t.Fatal(err)
	}
	var api struct {
		Themes []struct {
			ID, Name  string
			Documents []struct {
				ID       string
				Sections []string
			}
		}
	}
	if err := json.Unmarshal(b, &api); err != nil {
		t.Fatal(err)
	}
	in := make([]map[string]bool, len(api.Themes))
	for i, th := range api.Themes {
		in[i] = map[string]bool{}
		for _, d := range th.Documents {
			for _, eid := range d.Sections {
				in[i][d.ID+"/"+eid] = true
			}
		}
	}
	chip := regexp.MustCompile(`<a href="\.\./\.\./themes/([a-z0-9-]+)/index\.html">([^<]+) <span class="count"[^>]*>(\d+)</span></a>`)
	box := regexp.MustCompile(`(?s)<section class="together".*?</section>`)
	withSome := 0
	for i, th := range api.Themes {
		type together struct {
			id, name string
			n        int
		}
		var want []together
		for j, other := range api.Themes {
			n := 0
			for sec := range in[i] {
				if in[j][sec] {
					n++
				}
			}
			if j != i && n > 0 {
				want = append(want, together{other.ID, other.Name, n})
			}
		}
		slices.SortStableFunc(want, func(a, b together) int { return b.n - a.n })
		want = want[:min(len(want), 8)]
		page, err := os.ReadFile(filepath.Join(s.web, "themes", th.ID, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		var got []together
		for _, m := range chip.FindAllStringSubmatch(box.FindString(string(page)), -1) {
			var n int
			fmt.Sscan(m[3], &n)
			got = append(got, together{m[1], m[2], n})
		}
		if !slices.Equal(got, want) {
			t.Errorf("theme %s: found with\n%v\nwant\n%v", th.ID, got, want)
		}
		if len(want) > 0 {
			withSome++
		}
	}
	if withSome < 10 {
		t.Errorf("only %d of the %d seed themes share a section with another", withSome, len(api.Themes))
	}
}
