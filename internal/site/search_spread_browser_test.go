package site_test

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"tiaowen/internal/browsertest"
)

// TestBrowserSearchSpread: under the status, how the results spread
// over the documents and over each column a filter chooses by. On the
// seeds, 质量: a row for the documents, the most found first, each with
// as many results as the page lists of it, and a row for each of
// level, year, script and status whose values the results differ in,
// each value with the results of its documents (the JSON API's
// columns), the rows adding up to every result. A document's button
// chooses it, as the filter does: the results are those of ?doc=, its
// row is gone and the address says so. With a level chosen, its row is
// gone and the others count within it.
func TestBrowserSearchSpread(t *testing.T) {
	s := seedSite(t)
	var list struct {
		Documents []struct{ ID, Date, Lang, Status, Level string }
	}
	readJSON(t, filepath.Join(s.web, "api", "docs.json"), &list)
	column := map[string]map[string]string{} // column → doc → value
	for _, d := range list.Documents {
		for name, v := range map[string]string{"level": d.Level, "year": d.Date[:min(4, len(d.Date))], "script": d.Lang, "status": d.Status} {
			if column[name] == nil {
				column[name] = map[string]string{}
			}
			column[name][d.ID] = v
		}
	}
	type button struct{ Name, Value, Label, Count string }
	type row struct {
		Name, Text string
		Buttons    []button
	}
	ctx, base := startOn(t, s, "http")
	spread := func() []row {
		t.Helper()
		return searchEval[[]row](t, ctx, `[...document.querySelectorAll("#search-spread:not([hidden]) p")].map(p => ({
			Name: p.querySelector(".spread-name").textContent, Text: p.lastChild.nodeType === 3 ? p.lastChild.data : "",
			Buttons: [...p.querySelectorAll("button")].map(b => ({Name: b.dataset.name, Value: b.dataset.value,
				Label: b.firstChild.textContent, Count: b.querySelector(".count").textContent}))}))`)
	}
	// check compares the rows with what hits say, the columns chosen
	// left out.
	check := func(what string, hits []searchHit, chosen ...string) {
		t.Helper()
		perDoc := map[string]int{}
		for _, h := range hits {
			perDoc[h.Doc]++
		}
		want := map[string]map[string]int{"doc": perDoc}
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
			got[name] = map[string]int{}
			last, sum := -1, 0
			for _, b := range r.Buttons {
				n, err := strconv.Atoi(b.Count)
				if err != nil || b.Name != name {
					t.Errorf("%s: row %s has a button %+v", what, r.Name, b)
					continue
				}
				got[name][b.Value] = n
				sum += n
				if name == "doc" && last >= 0 && n > last {
					t.Errorf("%s: %s (%d) comes after a document with %d", what, b.Value, n, last)
				}
				last = n
			}
			// Of a document that a column says nothing of, the row says
			// how many results, apart.
			if r.Text != "" && name != "doc" {
				n, err := strconv.Atoi(strings.TrimPrefix(r.Text, "未注明 "))
				if err != nil {
					t.Errorf("%s: the row %s ends %q", what, r.Name, r.Text)
				}
				got[name][""] = n
				sum += n
			}
			if sum != len(hits) {
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
	check("质量", hits)
	if rows := spread(); len(rows) < 4 {
		t.Errorf("质量: %d rows of spread; the seeds' five documents differ in level, year, script and status", len(rows))
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

	searchOpen(t, ctx, base, "q", "质量", "level", "province")
	check("质量 at the province level", searchHits(t, ctx), "level")
}
