package site_test

import (
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserThemeTables: the themes page's tables count, for every
// theme, the documents of each year and of each province that mention
// it (a province's documents with those of the regions inside it), as
// the JSON API has the documents and their sections' themes; each table
// ends with its columns' numbers of documents; a cell leads to the
// search page's list of the theme's sections in its documents — in the
// offline bundle, opened from disk.
func TestBrowserThemeTables(t *testing.T) {
	s := seedSite(t)
	var list struct {
		Documents []struct {
			ID, Date, Region string
			Division         struct{ Path []string }
		}
	}
	readJSON(t, filepath.Join(s.web, "api", "docs.json"), &list)
	themesOf := sectionThemes(t, s.web)
	year, province := map[string]string{}, map[string]string{}
	mentions := map[string]map[string][]ref{} // theme → doc → sections
	for _, d := range list.Documents {
		year[d.ID] = d.Date[:min(4, len(d.Date))]
		province[d.ID] = d.Region
		if len(d.Division.Path) > 0 {
			province[d.ID] = d.Division.Path[0]
		}
		for _, eid := range seedSections(t, s.web, d.ID) {
			r := ref{d.ID, eid}
			for _, th := range themesOf[r] {
				if mentions[th] == nil {
					mentions[th] = map[string][]ref{}
				}
				mentions[th][d.ID] = append(mentions[th][d.ID], r)
			}
		}
	}

	ctx, base := openSeedBundle(t)
	type cell struct {
		Count int
		Href  string
	}
	type table struct {
		Columns []string
		Themes  []string // the ids, from the rows' links
		Cells   [][]cell
		Docs    []int
	}
	read := func(id string) table {
		do(t, ctx, "open the themes page", chromedp.Navigate(base+"themes/index.html"))
		return eval[table](t, ctx, `(() => {
			const tb = document.getElementById(`+fmt.Sprintf("%q", id)+`);
			if (!tb) return {};
			return {Columns: [...tb.tHead.rows[0].cells].slice(1).map(th => th.textContent),
				Themes: [...tb.tBodies[0].rows].map(tr => tr.cells[0].querySelector("a").getAttribute("href").split("/").slice(-2)[0]),
				Cells: [...tb.tBodies[0].rows].map(tr => [...tr.cells].slice(1).map(td => {
					const a = td.querySelector("a"); return {Count: a ? +a.textContent : 0, Href: a ? a.href : ""}; })),
				Docs: [...tb.tFoot.rows[0].cells].slice(1).map(td => +td.textContent)};
		})()`)
	}
	for _, c := range []struct {
		id      string
		columns []string
		of      map[string]string
	}{
		{"by-year", []string{"2017", "2020", "2023"}, year},
		{"by-region", []string{"江苏省", "广东省"}, province},
	} {
		got := read(c.id)
		if !slices.Equal(got.Columns, c.columns) {
			t.Errorf("%s: the columns are %q, want %q", c.id, got.Columns, c.columns)
			continue
		}
		var docs []int
		for _, col := range c.columns {
			n := 0
			for _, d := range list.Documents {
				if c.of[d.ID] == col {
					n++
				}
			}
			docs = append(docs, n)
		}
		if !slices.Equal(got.Docs, docs) {
			t.Errorf("%s: the columns' documents are %v, want %v", c.id, got.Docs, docs)
		}
		followed := 0
		for i, th := range got.Themes {
			for j, col := range c.columns {
				var want []ref
				for _, d := range list.Documents {
					if c.of[d.ID] == col {
						want = append(want, mentions[th][d.ID]...)
					}
				}
				n := 0
				for _, d := range list.Documents {
					if c.of[d.ID] == col && len(mentions[th][d.ID]) > 0 {
						n++
					}
				}
				if got.Cells[i][j].Count != n {
					t.Errorf("%s: %s in %s counts %d documents, want %d", c.id, th, col, got.Cells[i][j].Count, n)
				}
				// Where the cells lead: those of the three seed themes.
				if n > 0 && slices.Contains([]string{"shoufu-zerenzhi", "shuangbidui-shuangtisheng", "zhiliang-jichu-sheshi"}, th) {
					followed++
					if hits := followToSearch(t, ctx, got.Cells[i][j].Href); !reflect.DeepEqual(refsOf(hits), want) {
						t.Errorf("%s: %s in %s leads to %s, which lists %v; want %v", c.id, th, col, got.Cells[i][j].Href, refsOf(hits), want)
					}
				}
			}
		}
		if len(got.Themes) != len(mentions) && len(got.Themes) < 3 || followed < 3 {
			t.Errorf("%s: %d themes' rows, %d cells followed: the table was not put to the test", c.id, len(got.Themes), followed)
		}
	}
	// A province's column is headed by a link to its page.
	do(t, ctx, "open the themes page", chromedp.Navigate(base+"themes/index.html"))
	heads := eval[[]string](t, ctx, `[...document.querySelectorAll("#by-region thead th a")].map(a => a.textContent + " " + a.getAttribute("href"))`)
	if want := []string{"江苏省 ../regions/320000/index.html", "广东省 ../regions/440000/index.html"}; !slices.Equal(heads, want) {
		t.Errorf("the region table's heads link %q, want %q", heads, want)
	}
}
