package site_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserThemeOverview: a theme's page says, of all the documents
// that mention the theme, how many and in how many sections, the first
// and the latest to, and how they spread over years, levels and regions
// (a province counting the regions inside it), each as the JSON API
// has the documents; every value leads to the search page listing the
// theme's sections in those documents, and 按时间顺序 to all of them, the
// oldest documents' first — in the offline bundle, opened from disk.
func TestBrowserThemeOverview(t *testing.T) {
	s := seedSite(t)
	const theme = "zhiliang-jichu-sheshi"
	var list struct {
		Documents []struct {
			ID, Title, Date, Level, Region string
			Division                       struct{ Path []string }
		}
	}
	readJSON(t, filepath.Join(s.web, "api", "docs.json"), &list)
	themesOf := sectionThemes(t, s.web)
	type doc struct{ id, title, date, year, level, province string }
	var docs []doc
	sections := map[string][]ref{} // doc → its sections of the theme, in order
	var all []ref
	for _, d := range list.Documents {
		for _, sec := range seedSections(t, s.web, d.ID) {
			if r := (ref{d.ID, sec}); slices.Contains(themesOf[r], theme) {
				sections[d.ID] = append(sections[d.ID], r)
				all = append(all, r)
			}
		}
		if len(sections[d.ID]) > 0 {
			province := d.Region
			if len(d.Division.Path) > 0 {
				province = d.Division.Path[0]
			}
			docs = append(docs, doc{d.ID, d.Title, d.Date, d.Date[:min(4, len(d.Date))], d.Level, province})
		}
	}
	if len(docs) != 5 {
		t.Fatalf("%d seeds mention %s; the test wants all five, dated and not", len(docs), theme)
	}
	dated := slices.DeleteFunc(slices.Clone(docs), func(d doc) bool { return d.date == "" })
	slices.SortStableFunc(dated, func(a, b doc) int { return strings.Compare(a.date, b.date) })
	first, latest := dated[0], dated[len(dated)-1]
	levelNames := map[string]string{"province": "省级", "city": "市级", "county": "县级"}
	count := func(of func(doc) string, names map[string]string) (map[string]int, int) {
		out, rest := map[string]int{}, 0
		for _, d := range docs {
			if v := of(d); v == "" {
				rest++
			} else if n, ok := names[v]; ok {
				out[n]++
			} else {
				out[v]++
			}
		}
		return out, rest
	}

	ctx, base := openSeedBundle(t)
	do(t, ctx, "open the theme's page", chromedp.Navigate(base+"themes/"+theme+"/index.html"))
	type link struct{ Text, Href string }
	type value struct {
		Name, Href string
		Count      int
	}
	type row struct {
		Name, Rest string
		Values     []value
	}
	type overview struct {
		Text   string
		Titles []link
		Rows   []row
	}
	got := eval[overview](t, ctx, `(() => {
		const o = document.querySelector(".theme-overview");
		return {Text: o.querySelector("p").textContent,
			Titles: [...o.querySelectorAll("p:first-of-type a")].map(a => ({Text: a.textContent, Href: a.href})),
			Rows: [...o.querySelectorAll(".overview-row")].map(p => ({Name: p.querySelector(".overview-name").textContent,
				Rest: (p.querySelector(".overview-rest") || {}).textContent || "",
				Values: [...p.querySelectorAll("a")].map(a => ({Name: a.firstChild.textContent, Count: +a.querySelector(".count").textContent, Href: a.href}))}))};
	})()`)
	wantText := fmt.Sprintf("%d 份文件的 %d 个条目，最早见于《%s》（%s），最近见于《%s》（%s）。按时间顺序列出全部条目",
		len(docs), len(all), first.title, first.date, latest.title, latest.date)
	if got.Text != wantText {
		t.Errorf("the overview says\n%q\nwant\n%q", got.Text, wantText)
	}
	themePage := base + "themes/" + theme + "/index.html"
	if len(got.Titles) != 3 || got.Titles[0].Href != themePage+"#doc-"+first.id || got.Titles[1].Href != themePage+"#doc-"+latest.id {
		t.Fatalf("the overview's links: %+v, want the first's and the latest's passages on this page, then the search", got.Titles)
	}

	// Each row's values and counts, then where each leads.
	for _, c := range []struct {
		name string
		of   func(doc) string
	}{
		{"年份", func(d doc) string { return d.year }},
		{"级别", func(d doc) string { return d.level }},
		{"地区", func(d doc) string { return d.province }},
	} {
		i := slices.IndexFunc(got.Rows, func(r row) bool { return r.Name == c.name })
		if i < 0 {
			t.Errorf("the overview has no row %s: %+v", c.name, got.Rows)
			continue
		}
		want, rest := count(c.of, levelNames)
		counts := map[string]int{}
		for _, v := range got.Rows[i].Values {
			counts[v.Name] = v.Count
		}
		if !reflect.DeepEqual(counts, want) || (rest > 0) != (got.Rows[i].Rest == "未注明 "+strconv.Itoa(rest)) {
			t.Errorf("the row %s reads %v, %q; want %v and %d unnamed", c.name, counts, got.Rows[i].Rest, want, rest)
		}
		for _, v := range got.Rows[i].Values {
			name := v.Name
			var want []ref
			for _, d := range docs {
				if v := c.of(d); v == name || levelNames[v] == name {
					want = append(want, sections[d.id]...)
				}
			}
			if hits := followToSearch(t, ctx, v.Href); !reflect.DeepEqual(refsOf(hits), want) {
				t.Errorf("%s %s leads to %s, which lists %v; want the theme's sections of its documents %v", c.name, name, v.Href, refsOf(hits), want)
			}
		}
	}
	if len(got.Rows) != 3 {
		t.Errorf("the overview has %d rows, want 年份, 级别 and 地区", len(got.Rows))
	}

	// 按时间顺序: every section of the theme, the oldest documents'
	// first, an undated one's last.
	var byDate []ref
	for _, d := range append(dated, slices.DeleteFunc(slices.Clone(docs), func(d doc) bool { return d.date != "" })...) {
		byDate = append(byDate, sections[d.id]...)
	}
	if hits := followToSearch(t, ctx, got.Titles[2].Href); !reflect.DeepEqual(refsOf(hits), byDate) {
		t.Errorf("按时间顺序 lists %v, want %v", refsOf(hits), byDate)
	}
}

// seedSections gives the eIds of a document's sections, in order, as
// the JSON API has them.
func seedSections(t *testing.T, web, id string) []string {
	t.Helper()
	var doc struct{ Sections []struct{ EID string } }
	readJSON(t, filepath.Join(web, "api", "docs", id+".json"), &doc)
	var out []string
	for _, sec := range doc.Sections {
		out = append(out, sec.EID)
	}
	return out
}

// followToSearch opens a link to the search page and gives what it
// lists.
func followToSearch(t *testing.T, ctx context.Context, href string) []searchHit {
	t.Helper()
	searchDo(t, ctx, "open "+href, chromedp.Navigate(href))
	searchEval[any](t, ctx, "window.tiaowenSearch.ready")
	searchEval[any](t, ctx, `new Promise(r => { const f = () => document.getElementById("search").dataset.state === "done" ? r(0) : setTimeout(f, 10); f(); })`)
	return searchHits(t, ctx)
}

func refsOf(hits []searchHit) []ref {
	var out []ref
	for _, h := range hits {
		out = append(out, h.ref())
	}
	return out
}
