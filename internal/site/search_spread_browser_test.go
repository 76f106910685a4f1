package site_test

import (
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// TestBrowserSearchSpread: under the status, how the results spread
// over the documents, the themes and each column a filter chooses by.
// On the seeds, 质量: a row for the documents, the most found first,
// each with as many results as the page lists of it; one for the
// themes, the most found first, each counting the results whose
// section the JSON API gives it, those left out found no more often
// than those shown; and a row for each of level, year, script, status
// and region whose values the results differ in, each value with the
// results of its documents (the JSON API's columns), the rows adding up
// to every result. A document's button chooses it, as the filter does:
// the results are those of ?doc=, its row is gone and the address says
// so; a theme's button, as the theme filter. With a level chosen, its
// row is gone and the others count within it; with a region chosen, its
// row goes down to the regions directly inside it.
func TestBrowserSearchSpread(t *testing.T) {
	s := seedSite(t)
	var list struct {
		Documents []struct {
			ID, Date, Lang, Status, Level, Region string
			Division                              struct{ Path []string }
		}
	}
	readJSON(t, filepath.Join(s.web, "api", "docs.json"), &list)
	column := map[string]map[string]string{} // column → doc → value
	for _, d := range list.Documents {
		// The regions' row counts by province, the regions inside one
		// with it.
		region := d.Region
		if len(d.Division.Path) > 0 {
			region = d.Division.Path[0]
		}
		for name, v := range map[string]string{"level": d.Level, "year": d.Date[:min(4, len(d.Date))], "script": d.Lang, "status": d.Status, "region": region} {
			if column[name] == nil {
				column[name] = map[string]string{}
			}
			column[name][d.ID] = v
		}
	}
	themesOf := sectionThemes(t, s.web)
	type button struct{ Name, Value, Label, Count string }
	type row struct {
		Name, Text string
		Buttons    []button
	}
	ctx, base := startOn(t, s, "http")
	// spread reads the rows, the themes' too: the first time a page
	// shows them, it asks for them to be counted, as a reader does, and
	// waits for their lists.
	spread := func() []row {
		t.Helper()
		return searchEval[[]row](t, ctx, `(async () => {
			const ask = document.querySelector("#search-spread .spread-ask");
			if (ask) ask.click();
			for (let i = 0; i < 200 && !document.querySelector('#search-spread button[data-name="theme"]'); i++) await new Promise(r => setTimeout(r, 10));
			return [...document.querySelectorAll("#search-spread:not([hidden]) p")].map(p => ({
			Name: p.querySelector(".spread-name").textContent, Text: (p.querySelector(".spread-rest, .spread-more") || {}).textContent || "",
			Buttons: [...p.querySelectorAll("button[data-name]")].map(b => ({Name: b.dataset.name, Value: b.dataset.value,
				Label: b.firstChild.textContent, Count: b.querySelector(".count").textContent}))}));
		})()`)
	}
	// check compares the rows with what hits say, the columns chosen
	// left out.
	check := func(what string, hits []searchHit, chosen ...string) {
		t.Helper()
		perDoc, perTheme := map[string]int{}, map[string]int{}
		for _, h := range hits {
			perDoc[h.Doc]++
			for _, th := range themesOf[h.ref()] {
				perTheme[th]++
			}
		}
		want := map[string]map[string]int{"doc": perDoc, "theme": perTheme}
		for name, of := range column {
			if slices.Contains(chosen, name) {
				continue
			}
			want[name] = map[string]int{}
			for doc, n := range perDoc {
				want[name][of[doc]] += n
			}
		}
		for _, name := range chosen {
			delete(want, name)
		}
		got := map[string]map[string]int{}
		for _, r := range spread() {
			if len(r.Buttons) == 0 {
				t.Errorf("%s: the row %s has no buttons", what, r.Name)
				continue
			}
			name := r.Buttons[0].Name
			if slices.Contains(chosen, name) {
				continue // a region's, under the one chosen (checked apart)
			}
			got[name] = map[string]int{}
			ranked := name == "doc" || name == "theme" // the most found first, a few
			last, sum := -1, 0
			for _, b := range r.Buttons {
				n, err := strconv.Atoi(b.Count)
				if err != nil || b.Name != name {
					t.Errorf("%s: row %s has a button %+v", what, r.Name, b)
					continue
				}
				got[name][b.Value] = n
				sum += n
				if ranked && last >= 0 && n > last {
					t.Errorf("%s: in the row %s, %s (%d) comes after one with %d", what, r.Name, b.Value, n, last)
				}
				last = n
			}
			switch {
			case ranked && r.Text != "":
				// The rest of the documents or themes: how many in all,
				// each found no more often than those shown.
				var total int
				if _, err := fmt.Sscanf(r.Text, "全部 %d 个", &total); err != nil || total != len(want[name]) {
					t.Errorf("%s: the row %s ends %q; %d are found", what, r.Name, r.Text, len(want[name]))
				}
				for v, n := range want[name] {
					if _, shown := got[name][v]; !shown {
						if n > last {
							t.Errorf("%s: the row %s leaves out %s, found %d times, and shows one found %d", what, r.Name, v, n, last)
						}
						got[name][v] = n // checked: left out rightly
					}
				}
				sum = len(hits)
			case r.Text != "":
				// Of a document that a column says nothing of, the row
				// says how many results, apart.
				n, err := strconv.Atoi(strings.TrimPrefix(r.Text, "未注明 "))
				if err != nil {
					t.Errorf("%s: the row %s ends %q", what, r.Name, r.Text)
				}
				got[name][""] = n
				sum += n
			}
			// A section may have several themes, or none.
			if sum != len(hits) && name != "theme" {
				t.Errorf("%s: the row %s counts %d results of %d", what, r.Name, sum, len(hits))
			}
		}
		for name, values := range want {
			if len(values) < 2 {
				delete(want, name) // a column the results do not differ in
			}
		}
		if !maps.EqualFunc(got, want, maps.Equal) {
			t.Errorf("%s: the spread reads %v, want %v", what, got, want)
		}
	}

	searchOpen(t, ctx, base, "q", "质量")
	hits := searchHits(t, ctx)
	// The themes' lists are not read unasked: the row is a button.
	if ask := searchEval[string](t, ctx, `(document.querySelector("#search-spread p:nth-child(2) .spread-ask") || {}).textContent || ""`); ask != "统计各主题的条目数" {
		t.Errorf("质量: the second row asks %q, want a button to count the themes", ask)
	}
	check("质量", hits)
	if rows := spread(); len(rows) < 6 {
		t.Errorf("质量: %d rows of spread; want the documents, the themes, and the seeds' level, year, script and status", len(rows))
	} else if rows[1].Name != "主题" {
		t.Errorf("质量: the second row is %s, want the themes after the documents", rows[1].Name)
	}

	doc := jsID
	searchDo(t, ctx, "choose "+doc+" from the spread", browsertest.Click(fmt.Sprintf(`#search-spread button[data-name="doc"][data-value=%q]`, doc)))
	searchWait(t, ctx, "质量")
	inDoc := searchHits(t, ctx)
	var want []ref
	for _, h := range hits {
		if h.Doc == doc {
			want = append(want, h.ref())
		}
	}
	var got []ref
	for _, h := range inDoc {
		got = append(got, h.ref())
	}
	if !slices.Equal(got, want) {
		t.Errorf("质量 in %s chosen from the spread: %v, want %v", doc, got, want)
	}
	if loc := searchEval[string](t, ctx, `location.search`); !strings.Contains(loc, "doc="+doc) {
		t.Errorf("chosen from the spread, the address's query is %q", loc)
	}
	if sel := searchEval[string](t, ctx, `document.getElementById("search-doc").value`); sel != doc {
		t.Errorf("chosen from the spread, the document filter reads %q", sel)
	}
	check("质量 in "+doc, inDoc, "doc")
	if rows := spread(); len(rows) == 0 || rows[0].Name != "主题" {
		t.Errorf("质量 in %s: without a documents' row, the themes' row does not come first: %+v", doc, rows)
	}

	// Asked once, the themes are counted unasked on the next page.
	searchOpen(t, ctx, base, "q", "质量")
	if n := searchEval[int](t, ctx, `(async () => {
		for (let i = 0; i < 200 && !document.querySelector('#search-spread button[data-name="theme"]'); i++) await new Promise(r => setTimeout(r, 10));
		return document.querySelectorAll('#search-spread .spread-ask').length + (document.querySelector('#search-spread button[data-name="theme"]') ? 0 : 10);
	})()`); n != 0 {
		t.Errorf("质量 on a page opened after the themes were counted once: the themes' row is not counted unasked (%d)", n)
	}

	// The themes' row shows a few; its last button shows them all, in
	// the same order, each with its count.
	rows := spread()
	type shown struct {
		Values []string
		Counts map[string]string
		More   int
	}
	readThemes := func() shown {
		return searchEval[shown](t, ctx, `(() => {
			const bs = [...document.querySelectorAll('#search-spread button[data-name="theme"]')];
			return {Values: bs.map(b => b.dataset.value), Counts: Object.fromEntries(bs.map(b => [b.dataset.value, b.querySelector(".count").textContent])),
				More: document.querySelectorAll("#search-spread .spread-more").length};
		})()`)
	}
	few := readThemes()
	searchDo(t, ctx, "show every theme", browsertest.Click(`#search-spread p:has(button[data-name="theme"]) .spread-more`))
	every := readThemes()
	perTheme := map[string]int{}
	for _, h := range hits {
		for _, th := range themesOf[h.ref()] {
			perTheme[th]++
		}
	}
	if len(few.Values) >= len(every.Values) || !slices.Equal(every.Values[:len(few.Values)], few.Values) || len(every.Values) != len(perTheme) || every.More != few.More-1 {
		t.Errorf("质量: the themes' row showed %d, then all %d (%d found), the first as before: %v; buttons for more %d, then %d", len(few.Values), len(every.Values), len(perTheme), every.Values, few.More, every.More)
	}
	for th, n := range perTheme {
		if every.Counts[th] != strconv.Itoa(n) {
			t.Errorf("质量: all themes shown, %s counts %s, want %d", th, every.Counts[th], n)
		}
	}
	if len(rows) < 2 || len(rows[1].Buttons) == 0 {
		t.Fatalf("质量: no themes' row to choose from: %+v", rows)
	}
	theme := rows[1].Buttons[0].Value
	searchDo(t, ctx, "choose "+theme+" from the spread", browsertest.Click(fmt.Sprintf(`#search-spread button[data-name="theme"][data-value=%q]`, theme)))
	searchWait(t, ctx, "质量")
	// Read once, the lists count the themes of every later query.
	searchDo(t, ctx, "search 标准 in the same page", chromedp.Evaluate[chromedp.Void](`window.tiaowenSearch.run("标准", "", "")`))
	searchWait(t, ctx, "标准")
	if n := searchEval[int](t, ctx, `document.querySelectorAll("#search-spread .spread-ask").length + (document.querySelector('#search-spread button[data-name="theme"]') ? 0 : 10)`); n != 0 {
		t.Errorf("标准 after 质量 in one page: the themes' row is not counted at once (%d)", n)
	}
	searchOpen(t, ctx, base, "q", "质量", "theme", theme)
	got = nil
	for _, h := range searchHits(t, ctx) {
		got = append(got, h.ref())
	}
	want = nil
	for _, h := range hits {
		if slices.Contains(themesOf[h.ref()], theme) {
			want = append(want, h.ref())
		}
	}
	if !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("质量 in the theme %s chosen from the spread: %v, want %v", theme, got, want)
	}
	if sel := searchEval[string](t, ctx, `document.getElementById("search-theme").value`); sel != theme {
		t.Errorf("chosen from the spread, the theme filter reads %q", sel)
	}

	searchOpen(t, ctx, base, "q", "质量", "level", "province")
	check("质量 at the province level", searchHits(t, ctx), "level")

	// Under a region chosen, its row goes down to the regions directly
	// inside it: under 广东省, 广州市 and 汕尾市 (陆河县's), and apart the
	// results of the province's own documents.
	searchOpen(t, ctx, base, "q", "质量", "region", "广东省")
	inGuangdong := searchHits(t, ctx)
	check("质量 in 广东省", inGuangdong, "region")
	perDoc := map[string]int{}
	for _, h := range inGuangdong {
		perDoc[h.Doc]++
	}
	wantRow := row{Name: "地区", Text: fmt.Sprintf("本级 %d", perDoc["guangdong-2020-shishi"]+perDoc["guangdong-2023-gangyao"]), Buttons: []button{
		{"region", "广州市", "广州市", strconv.Itoa(perDoc["guangzhou-2023-fangan"])},
		{"region", "汕尾市", "汕尾市", strconv.Itoa(perDoc["luhe-2017-yijian"])}}}
	var regionRow row
	for _, r := range spread() {
		if r.Name == "地区" {
			regionRow = r
		}
	}
	if !reflect.DeepEqual(regionRow, wantRow) || len(perDoc) != 4 {
		t.Errorf("质量 in 广东省 (%d results in %d documents): the regions' row reads %+v, want %+v", len(inGuangdong), len(perDoc), regionRow, wantRow)
	}
	searchDo(t, ctx, "choose 汕尾市 from the spread", browsertest.Click(`#search-spread button[data-name="region"][data-value="汕尾市"]`))
	searchWait(t, ctx, "质量")
	if got := docsOf(searchHits(t, ctx), ""); !slices.Equal(got, []string{"luhe-2017-yijian"}) {
		t.Errorf("质量 in 汕尾市, chosen from the spread: results of %v, want Luhe's", got)
	}

	// On a phone the spread is folded above the results, which come
	// first; its summary opens it.
	searchDo(t, ctx, "open the page on a phone", chromedp.EmulateViewport(390, 844), chromedp.Navigate(searchURL(base, "q", "质量")))
	searchWait(t, ctx, "质量")
	type fold struct {
		Open      bool
		ResultsAt float64
	}
	if f := searchEval[fold](t, ctx, `({Open: document.getElementById("search-spread").open, ResultsAt: document.getElementById("search-results").getBoundingClientRect().top})`); f.Open || f.ResultsAt > 844 {
		t.Errorf("on a phone, the spread is open (%v) or the results begin below the screen (%.0f px)", f.Open, f.ResultsAt)
	}
	searchDo(t, ctx, "open the spread", browsertest.Click("#search-spread summary"))
	if n := searchEval[int](t, ctx, `[...document.querySelectorAll("#search-spread button")].filter(b => b.getClientRects().length).length`); n < 5 {
		t.Errorf("on a phone, the spread opened shows %d buttons", n)
	}
}

// sectionThemes gives the themes of every section of the site built
// under web, as the JSON API gives them.
func sectionThemes(t *testing.T, web string) map[ref][]string {
	t.Helper()
	out := map[ref][]string{}
	for _, d := range seedDocs(t, web) {
		var doc struct {
			Sections []struct {
				EID    string
				Themes []string
			}
		}
		readJSON(t, filepath.Join(web, "api", "docs", d.ID+".json"), &doc)
		for _, sec := range doc.Sections {
			out[ref{d.ID, sec.EID}] = sec.Themes
		}
	}
	return out
}
