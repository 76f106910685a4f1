package site_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tiaowen/internal/corpus"
	"tiaowen/internal/textnorm"
)

// headHit is a document the search page lists for its head: its id, the
// part shown under its title, and its link.
type headHit struct {
	Doc  string `json:"doc"`
	Part string `json:"part"`
	Href string `json:"href"`
}

// TestBrowserSearchHeads: what a document says outside its sections —
// its title, number (文号), issuer, preamble and closing matter — is
// searched too, and the documents whose head has the query are listed
// above the sections found, each with the part that has it and a link
// to it. Which documents are listed is worked out here from the seeds'
// text, cut at clause ends and normalised as the index is, for a 文号,
// a phrase of a notice, a national plan's title that three preambles
// name, a phrase in 繁體 and the same in 简体; an excluded word, a
// chosen document and a chosen theme narrow the list as they narrow the
// sections. Over HTTP and from the offline bundle.
func TestBrowserSearchHeads(t *testing.T) {
	s := seedSite(t)
	c := loadSeeds(t, filepath.Join(s.root, "content"))
	// has reports whether the part holds the query's words, each whole
	// within a clause, and none of the excluded.
	has := func(part string, words []string) bool {
		for _, w := range words {
			found := false
			for _, clause := range strings.FieldsFunc(part, textnorm.IsClauseEnd) {
				found = found || strings.Contains(textnorm.Key(clause), textnorm.Key(w))
			}
			if !found {
				return false
			}
		}
		return true
	}
	parts := func(d *corpus.Document) []string {
		text := func(bs []corpus.Block) string {
			var lines []string
			for _, b := range bs {
				lines = append(lines, strings.ReplaceAll(b.Text, "\t", "\n"))
			}
			return strings.Join(lines, "\n")
		}
		return []string{d.Title, d.Number, d.Issuer, text(d.Preamble), text(d.Trailing)}
	}
	// want lists the documents whose head has every word, and none of
	// without.
	want := func(words, without []string, only string) []string {
		var ids []string
		for _, d := range c.Docs {
			ps := parts(d)
			in := func(w string) bool {
				return slices.ContainsFunc(ps, func(p string) bool { return has(p, []string{w}) })
			}
			if (only == "" || d.ID == only) && !slices.ContainsFunc(without, in) && !slices.ContainsFunc(words, func(w string) bool { return !in(w) }) {
				ids = append(ids, d.ID)
			}
		}
		slices.Sort(ids)
		return ids
	}
	for _, mode := range []string{"http", "file"} {
		t.Run(mode, func(t *testing.T) {
			ctx, base := startOn(t, s, mode)
			heads := func(params ...string) []headHit {
				t.Helper()
				searchOpen(t, ctx, base, params...)
				return searchEval[[]headHit](t, ctx, `Array.from(document.querySelectorAll("#search-docs:not([hidden]) li.hit")).map(li => ({
					doc: li.dataset.doc, part: li.dataset.part, href: li.querySelector("a").getAttribute("href")}))`)
			}
			ids := func(hs []headHit) []string {
				var out []string
				for _, h := range hs {
					out = append(out, h.Doc)
				}
				slices.Sort(out)
				return out
			}
			for _, tc := range []struct {
				q             string
				words, except []string
				part          string // the part shown for every document listed
				min           int
			}{
				{"粤府〔2020〕50号", []string{"粤府〔2020〕50号"}, nil, "文号", 1},
				{"陆河府办", []string{"陆河府办"}, nil, "文号", 1},
				{"径向省市场监管局反映", []string{"径向省市场监管局反映"}, nil, "前言", 1},
				{"結合江蘇實際", []string{"結合江蘇實際"}, nil, "前言", 1},
				{"结合江苏实际", []string{"结合江苏实际"}, nil, "前言", 1},
				{"关于深化质量强省建设的实施意见", []string{"关于深化质量强省建设的实施意见"}, nil, "标题", 1},
				{"质量强国建设纲要", []string{"质量强国建设纲要"}, nil, "前言", 3},
				{"质量强国建设纲要 -江苏", []string{"质量强国建设纲要"}, []string{"江苏"}, "前言", 2},
			} {
				got := heads("q", tc.q)
				w := want(tc.words, tc.except, "")
				if len(w) < tc.min {
					t.Fatalf("%s: the seeds' heads have it in %d documents; the test wants %d", tc.q, len(w), tc.min)
				}
				if !slices.Equal(ids(got), w) {
					t.Errorf("%s: the page lists %v, want %v", tc.q, ids(got), w)
				}
				for _, h := range got {
					if h.Part != tc.part {
						t.Errorf("%s: %s is listed for its %s, want its %s", tc.q, h.Doc, h.Part, tc.part)
					}
					target := "docs/" + h.Doc + "/index.html"
					if !strings.Contains(h.Href, target) || (tc.part == "前言") != strings.HasSuffix(h.Href, "#preamble") {
						t.Errorf("%s: %s's link is %s, want %s with #preamble for a preamble", tc.q, h.Doc, h.Href, target)
					}
				}
			}
			// The status says the heads have what no section has.
			heads("q", "粤府〔2020〕50号")
			if st := searchEval[string](t, ctx, `document.getElementById("search-status").textContent`); !strings.Contains(st, "1 个文件的标题、文号或前言中有") {
				t.Errorf("the status %q does not say where 粤府〔2020〕50号 was found", st)
			}
			// A chosen document keeps its own head; a chosen theme, which
			// no head has, keeps none.
			if got, w := ids(heads("q", "质量强国建设纲要", "doc", "guangzhou-2023-fangan")), want([]string{"质量强国建设纲要"}, nil, "guangzhou-2023-fangan"); len(w) != 1 || !slices.Equal(got, w) {
				t.Errorf("质量强国建设纲要 in guangzhou-2023-fangan: the page lists %v, want %v", got, w)
			}
			if got := heads("q", "质量强国建设纲要", "theme", "shoufu-zerenzhi"); len(got) != 0 {
				t.Errorf("质量强国建设纲要 with a theme chosen lists %d documents for their heads, want none", len(got))
			}
			// A word in no head shows no list.
			if got := heads("q", "首负责任制"); len(got) != 0 {
				t.Errorf("首负责任制 lists %v for their heads; no head has it", ids(got))
			}
		})
	}
}
