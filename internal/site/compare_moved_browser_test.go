package site_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserCompareMoved: a comparison's rows go in the first
// document's order, and a row whose second section stands out of the
// second's says so. On each of the seeds' ten pair pages, and in the
// browser's own comparison of two generated documents: every b cell
// says where its section stands in its document (data-n, as the JSON
// API orders them); the rows of two sections left unmarked are the
// longest run whose b sections rise; every other one is marked moved,
// its b heading naming the section the second document has before it.
func TestBrowserCompareMoved(t *testing.T) {
	t.Run("pair pages", func(t *testing.T) {
		s := seedSite(t)
		ctx, base := startOn(t, s, "http")
		entries, err := os.ReadDir(filepath.Join(s.web, "api", "compare"))
		if err != nil {
			t.Fatal(err)
		}
		moved := 0
		for _, e := range entries {
			a, b, _ := strings.Cut(strings.TrimSuffix(e.Name(), ".json"), "--")
			do(t, ctx, "open "+a+" × "+b, chromedp.Navigate(base+"compare/"+a+"--"+b+"/index.html"))
			moved += checkMoved(t, ctx, s, "", a, b)
		}
		if moved == 0 {
			t.Error("no pair page marks a row moved; the seeds' pairs have some")
		}
	})
	t.Run("adhoc", func(t *testing.T) {
		s := syntheticBundle40(t)
		a, b := pairWithoutPage(t, s.web)
		ctx, base := startOn(t, s, "file")
		openAdhoc(t, ctx, base, [2]string{a, b})
		if checkMoved(t, ctx, s, "#adhoc ", a, b) == 0 {
			t.Errorf("the comparison of %s and %s marks no row moved; the test wants a pair with some", a, b)
		}
	})
}

// checkMoved checks the marks of moved rows in the comparison of a and
// b open in ctx (its table under scope), against the JSON API's order of
// b's sections, and returns how many rows are marked.
func checkMoved(t *testing.T, ctx context.Context, s builtSite, scope, a, b string) int {
	t.Helper()
	type row struct {
		A, B, Moved, Marker string
		N                   int
		Row                 bool // the row has the class moved
	}
	rows := eval[[]row](t, ctx, `[...document.querySelectorAll(`+fmt.Sprintf("%q", scope+".cmp-row:not(.cmp-head)")+`)].map(r => {
		const x = r.querySelector(".cmp-a[id]"), y = r.querySelector(".cmp-b[id]"), h = y && y.querySelector(".cmp-h");
		return {A: x ? x.id.slice(2) : "", B: y ? y.id.slice(2) : "", N: y && y.hasAttribute("data-n") ? +y.dataset.n : -1,
			Moved: h && h.getAttribute("data-moved") || "", Marker: h ? h.querySelector(".marker").textContent : "", Row: r.classList.contains("moved")};
	})`)
	var doc struct {
		Sections []struct {
			EID string `json:"eId"`
		}
	}
	readJSON(t, filepath.Join(s.web, "api", "docs", b+".json"), &doc)
	var order []string
	place := map[string]int{}
	for i, sec := range doc.Sections {
		order = append(order, sec.EID)
		place[sec.EID] = i
	}
	marker := map[string]string{}
	var first []string
	counterpart := map[string]string{}
	for _, r := range rows {
		if r.B != "" {
			marker[r.B] = r.Marker
			if i, ok := place[r.B]; !ok || r.N != i {
				t.Errorf("%s × %s: b cell %s says data-n %d; it is section %d of %d", a, b, r.B, r.N, i, len(order))
			}
		}
		if r.A != "" {
			first = append(first, r.A)
			if r.B != "" {
				counterpart[r.B] = r.A
			}
		}
	}
	marked, last := 0, -1
	for _, r := range rows {
		if r.A == "" || r.B == "" {
			if r.Moved != "" || r.Row {
				t.Errorf("%s × %s: row %q/%q of one section is marked moved", a, b, r.A, r.B)
			}
			continue
		}
		if r.Moved == "" {
			if r.N <= last {
				t.Errorf("%s × %s: %s is left unmarked though it stands before %s's predecessor in the rows", a, b, r.B, order[max(last, 0)])
			}
			last = r.N
			continue
		}
		marked++
		want := "次序有变：后者以此条开头"
		if i := place[r.B]; i > 0 {
			want = "次序有变：后者中此条在「" + marker[order[i-1]] + "」之后"
		}
		if r.Moved != want || !r.Row {
			t.Errorf("%s × %s: %s reads %q (row marked %v), want %q", a, b, r.B, r.Moved, r.Row, want)
		}
	}
	if want := len(counterpart) - keptInOrder(first, order, counterpart); marked != want {
		t.Errorf("%s × %s: %d rows marked moved of %d pairs, want %d", a, b, marked, len(counterpart), want)
	}
	return marked
}
