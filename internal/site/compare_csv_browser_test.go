package site_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// TestBrowserCompareCSV saves the seeds' 纲要 × 意见 comparison as a
// spreadsheet, from the offline bundle and from a web server, and reads
// the file back as CSV: a header and a line for every row shown, each
// side's section by eId with its text as the JSON API gives it (the
// 繁體 side as written, even shown in 简体), the similarity the pair's
// JSON gives, and the section's permalink, the canonical one, as a
// citation has it. With "只看差异" ticked and a theme chosen, only the
// rows shown, and none of the gap marks. A row whose pair the two
// documents hold in other orders ends in the note the row shows
// (次序有变：…), and only such a row; the rows follow the second
// document's order when the page does.
func TestBrowserCompareCSV(t *testing.T) {
	s := seedSite(t)
	const a, b = gdID, jsID
	var pair struct {
		Pairs []struct {
			A, B  string
			Score float64
		}
	}
	readJSON(t, filepath.Join(s.web, "api", "compare", a+"--"+b+".json"), &pair)
	score := map[[2]string]float64{}
	for _, p := range pair.Pairs {
		score[[2]string{p.A, p.B}] = p.Score
	}
	texts := sectionTexts(t, s.web, a, b)

	ctx, bundle := openSeedBundle(t)
	downloads := allowDownloads(t, ctx)
	save := func(ctx context.Context) [][]string {
		t.Helper()
		return readCSV(t, awaitDownload(t, ctx, downloads, a+"--"+b+".csv", "button.csv"), compareCSVHeader)
	}
	check := func(ctx context.Context, lines [][]string, link func(id, eid string) string) (moved int) {
		t.Helper()
		type row struct{ A, B, Moved string }
		shown := eval[[]row](t, ctx, `[...document.querySelectorAll(".cmp-row:not(.cmp-head):not([hidden])")].map(r => {
			const x = r.querySelector(".cmp-a[id]"), y = r.querySelector(".cmp-b[id]"), h = r.querySelector(".cmp-h[data-moved]");
			return {A: x ? x.id.slice(2) : "", B: y ? y.id.slice(2) : "", Moved: h ? getComputedStyle(h, "::after").content.replace(/^"|"$/g, "") : ""};
		})`)
		if len(lines) != len(shown) {
			t.Errorf("%d lines for the %d rows shown", len(lines), len(shown))
		}
		both := 0
		for i, l := range lines {
			if i < len(shown) {
				if r := shown[i]; l[0] != r.A || l[5] != r.B || l[9] != r.Moved {
					t.Errorf("line %d reads %s ↔ %s, order %q; row %d shows %s ↔ %s, order %q", i+1, l[0], l[5], l[9], i+1, r.A, r.B, r.Moved)
				}
			}
			if l[9] != "" {
				moved++
			}
			for k, id := range map[int]string{0: a, 5: b} {
				eid := l[k]
				if eid == "" {
					if l[k+1] != "" || l[k+2] != "" || l[k+3] != "" {
						t.Errorf("line %d: a side without a section says %q", i+1, l[k:k+4])
					}
					continue
				}
				want, ok := texts[id+"/"+eid]
				if !ok {
					t.Errorf("line %d: %s has no section %s", i+1, id, eid)
					continue
				}
				if l[k+2] != want {
					t.Errorf("line %d: the text of %s %s is\n%q\nwant\n%q", i+1, id, eid, l[k+2], want)
				}
				if l[k+3] != link(id, eid) {
					t.Errorf("line %d: the link of %s %s is %q, want %q", i+1, id, eid, l[k+3], link(id, eid))
				}
				if strings.Contains(l[k+2], "⋯") {
					t.Errorf("line %d: a gap mark in the text of %s %s", i+1, id, eid)
				}
			}
			if l[0] != "" && l[5] != "" {
				both++
				sc, ok := score[[2]string{l[0], l[5]}]
				if want := fmt.Sprintf("%.0f%%", sc*100); !ok || l[4] != want {
					t.Errorf("line %d: %s ↔ %s has similarity %q; the pair's JSON: %v %s", i+1, l[0], l[5], l[4], ok, want)
				}
			}
		}
		if both == 0 {
			t.Errorf("no line pairs two sections")
		}
		return moved
	}

	permalink := func(id, eid string) string { return s.cfg.BaseURL + "docs/" + id + "/" + eid + "/" }
	do(t, ctx, "open the pair page from disk", chromedp.Navigate(bundle+pairGdJs))
	if check(ctx, save(ctx), permalink) == 0 {
		t.Error("no line says its pair moved; the test wants the 纲要 × 意见's moved pairs")
	}
	do(t, ctx, "show the 繁體 side in 简体", browsertest.Click("#fold"))
	check(ctx, save(ctx), permalink)
	do(t, ctx, "tick 只看差异", browsertest.Click("#diffs"))
	if n := eval[int](t, ctx, `document.querySelectorAll(".cmp-row:not([hidden]) .gap").length`); n == 0 {
		t.Error("只看差异 shows no gap mark")
	}
	check(ctx, save(ctx), permalink)
	eval[bool](t, ctx, `(() => {
		const sel = document.getElementById("theme-filter");
		sel.selectedIndex = 1;
		sel.dispatchEvent(new Event("change"));
		return true;
	})()`)
	lines := save(ctx)
	check(ctx, lines, permalink)
	if all := eval[int](t, ctx, `document.querySelectorAll(".cmp-row:not(.cmp-head)").length`); len(lines) >= all || len(lines) == 0 {
		t.Errorf("with a theme chosen, %d lines of %d rows", len(lines), all)
	}

	web := browsertest.Serve(t, s.web)
	do(t, ctx, "open the pair page from a server", chromedp.Navigate(web+pairGdJs))
	check(ctx, save(ctx), permalink)
	do(t, ctx, "open it in the second document's order", chromedp.Navigate(web+pairGdJs+"?order=b"))
	if check(ctx, save(ctx), permalink) == 0 {
		t.Error("in the second document's order, no line says its pair moved")
	}
}

// readJSON reads the JSON file at name into v.
func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// compareCSVHeader is the header of a comparison saved as CSV.
var compareCSVHeader = []string{"前者条目", "前者标题", "前者文字", "前者链接", "相似度", "后者条目", "后者标题", "后者文字", "后者链接", "次序"}

// readCSV reads a file saved as CSV: a byte order mark, the header, and
// lines, which it returns.
func readCSV(t *testing.T, data []byte, header []string) [][]string {
	t.Helper()
	body, ok := bytes.CutPrefix(data, []byte("\uFEFF"))
	if !ok {
		t.Errorf("the CSV does not start with a byte order mark: %q", data[:min(len(data), 20)])
	}
	lines, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not read as CSV: %v", err)
	}
	if len(lines) == 0 {
		t.Fatalf("the CSV is empty, want the header %q and lines", header)
	}
	if !slices.Equal(lines[0], header) {
		t.Fatalf("the CSV's header is %q, want %q", lines[0], header)
	}
	return lines[1:]
}

// sectionTexts reads the text of every section of the documents ids
// from the JSON API of the site in web, by "<id>/<eId>".
func sectionTexts(t *testing.T, web string, ids ...string) map[string]string {
	t.Helper()
	texts := map[string]string{}
	for _, id := range ids {
		var doc struct {
			Sections []struct {
				EID  string `json:"eId"`
				Text string `json:"text"`
			} `json:"sections"`
		}
		readJSON(t, filepath.Join(web, "api", "docs", id+".json"), &doc)
		for _, sec := range doc.Sections {
			texts[id+"/"+sec.EID] = sec.Text
		}
	}
	return texts
}
