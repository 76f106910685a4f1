package site_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
	"tiaowen/internal/textnorm"
)

// TestBrowserSearchWord saves every result of a search as a Word 摘编,
// from the offline bundle: every section found is there once, under its
// document's title (linked to its page, with its date and a draft's
// status), the documents in
// the order of their first result and each one's sections in the
// document's own order, as the JSON API lists them; each heading links
// to the section's permalink and reads its title, each section's whole
// text is quoted as the JSON API has it, a paragraph a line, and what
// the query matched is shaded — never anything that is not part of the
// query. A 繁體 document's runs are marked as traditional Chinese.
func TestBrowserSearchWord(t *testing.T) {
	s := seedSite(t)
	docs := map[string]struct {
		Title, Date, Lang, Status string
		Sections                  []struct {
			EID         string `json:"eId"`
			Title, Text string
			URL         string
		}
	}{}
	for _, d := range seedDocs(t, s.web) {
		v := docs[d.ID]
		readJSON(t, filepath.Join(s.web, "api", "docs", d.ID+".json"), &v)
		docs[d.ID] = v
	}
	ctx, base := openSeedBundle(t)
	downloads := allowDownloads(t, ctx)
	const query = "质量基础设施"
	total := searchTotal(t, ctx, base+"search/index.html?q="+query)
	firsts := eval[[]string](t, ctx, `[...new Set([...document.querySelectorAll("#search-results li.hit")].map(li => li.dataset.doc))]`)
	pkg := openWord(t, awaitDownload(t, ctx, downloads, "检索-"+query+".docx", "#search-docx"))

	var paras []wordPara
	for _, n := range pkg.body.kid("body").kids("p") {
		paras = append(paras, readPara(t, n, pkg.links))
	}
	if want := "「" + query + "」检索结果摘编"; len(paras) < 4 || paras[0].text != want || paras[0].outline != 0 {
		t.Fatalf("the first paragraph is %+v, want the title %q", paras[0], want)
	}
	if last := paras[len(paras)-1].text; !strings.HasPrefix(last, "导出自：") || !strings.Contains(last, "search/index.html?q=") {
		t.Errorf("the last line is %q", last)
	}
	key := textnorm.Key(query)
	var order []string // the documents, in turn
	found := 0
	for i := 0; i < len(paras); {
		h := paras[i]
		i++
		if h.outline != 1 {
			continue
		}
		id := strings.TrimSuffix(strings.TrimPrefix(h.link, s.cfg.BaseURL+"docs/"), "/")
		d, ok := docs[id]
		if !ok {
			t.Fatalf("a heading links to %q, no document's page", h.link)
		}
		order = append(order, id)
		// Its date and, when it is not the final text, its status.
		dated := []string{}
		if d.Date != "" {
			dated = append(dated, d.Date)
		}
		if d.Status != "正式" {
			dated = append(dated, d.Status)
		}
		want := "《" + d.Title + "》"
		if len(dated) > 0 {
			want += "\u3000" + strings.Join(dated, " · ")
		}
		if h.text != want {
			t.Errorf("%s: the heading reads %q, want %q", id, h.text, want)
		}
		last := -1 // the index in the document of the section before
		for i < len(paras) && paras[i].outline != 1 && paras[i].link != "" {
			where := paras[i]
			at := slices.IndexFunc(d.Sections, func(sec struct {
				EID         string `json:"eId"`
				Title, Text string
				URL         string
			}) bool {
				return sec.URL == where.link
			})
			if at < 0 {
				t.Fatalf("%s: a section's heading links to %q", id, where.link)
			}
			sec := d.Sections[at]
			if at <= last {
				t.Errorf("%s: %s comes after a section that follows it in the document", id, sec.EID)
			}
			last = at
			found++
			if !strings.HasSuffix(where.text, sec.Title) {
				t.Errorf("%s %s: the heading reads %q, want it to end with %q", id, sec.EID, where.text, sec.Title)
			}
			shaded := where.shaded
			var lines []string
			for i++; i < len(paras) && paras[i].outline != 1 && paras[i].link == "" && !strings.HasPrefix(paras[i].text, "导出自："); i++ {
				lines = append(lines, paras[i].text)
				shaded = append(shaded, paras[i].shaded...)
				if want := map[string]string{"zh-Hant": "zh-TW"}[d.Lang]; paras[i].lang != want {
					t.Errorf("%s %s: a paragraph's runs are marked %q, want %q", id, sec.EID, paras[i].lang, want)
				}
			}
			var want []string
			for _, l := range strings.Split(sec.Text, "\n") {
				if l != "" {
					want = append(want, l)
				}
			}
			if !slices.Equal(lines, want) {
				t.Errorf("%s %s: the text is\n%q\nwant\n%q", id, sec.EID, lines, want)
			}
			if len(shaded) == 0 {
				t.Errorf("%s %s: nothing shaded", id, sec.EID)
			}
			for _, sh := range shaded {
				if k := textnorm.Key(sh[1]); k == "" || !strings.Contains(key, k) {
					t.Errorf("%s %s: %q shaded, no part of %q", id, sec.EID, sh[1], query)
				}
			}
		}
	}
	if found != total {
		t.Errorf("%d sections saved of the %d found", found, total)
	}
	if len(order) < len(firsts) || !slices.Equal(order[:len(firsts)], firsts) {
		t.Errorf("the documents are in the order %q, want those of the first results first, as %q", order, firsts)
	}
	if !slices.Contains(order, jsID) {
		t.Errorf("the 繁體 意见 is not among the documents %q", order)
	}
}

// searchTotal opens the search page at url, waits for its query to be
// answered, and returns the count of results it says it found.
func searchTotal(t *testing.T, ctx context.Context, url string) int {
	t.Helper()
	do(t, ctx, "open "+url, chromedp.Navigate(url))
	state := eval[string](t, ctx, `(async () => {
		const box = document.getElementById("search");
		for (let i = 0; i < 500 && box.dataset.state !== "done"; i++) await new Promise(r => setTimeout(r, 10));
		return box.dataset.state;
	})()`)
	status := eval[string](t, ctx, `document.getElementById("search-status").textContent`)
	var total int
	if _, err := fmt.Sscanf(status, "找到 %d 条", &total); err != nil || state != "done" {
		t.Fatalf("%s: the page is %s and says %q", url, state, status)
	}
	return total
}

// TestBrowserSearchExportAsks: a Word 摘编 of more than a thousand
// results is asked for twice. On 40 generated documents, 质量 finds more:
// the first press saves nothing, and the button names how many it would
// save, with a note beside it saying what that costs and how to narrow
// the query; another query takes the question back; asked again and
// pressed again, the 摘编 holds every result, each linked to its
// section's permalink.
func TestBrowserSearchExportAsks(t *testing.T) {
	s := syntheticBundle40(t)
	ctx, base := startOn(t, s, "file")
	downloads := allowDownloads(t, ctx)
	const query = "质量"
	total := searchTotal(t, ctx, base+"search/index.html?q="+query)
	if total <= 1000 {
		t.Fatalf("%s finds %d sections; the test wants more than 1,000", query, total)
	}
	type state struct {
		Button, Note string
		NoteShown    bool
	}
	read := func() state {
		return eval[state](t, ctx, `(() => {
			const b = document.getElementById("search-docx"), n = b.nextElementSibling;
			return {Button: b.textContent, Note: n.classList.contains("export-note") ? n.textContent : "(no note)", NoteShown: !n.hidden};
		})()`)
	}
	count := fmt.Sprint(total)
	asked := state{"确认导出全部 " + count + " 条", "", true}
	do(t, ctx, "press 下载全部结果（Word）", browsertest.Click("#search-docx"))
	got := read()
	if got.Button != asked.Button || !got.NoteShown || !strings.Contains(got.Note, "共 "+count+" 条结果") || !strings.Contains(got.Note, "缩小检索范围") {
		t.Errorf("after one press: %+v, want the button %q and the note shown, naming %s results and how to narrow them", got, asked.Button, count)
	}
	if guid, name, _ := downloads.next(); guid != "" {
		t.Errorf("one press saved %s", name)
	}
	// Another query takes the question back.
	eval[any](t, ctx, `(() => { const q = document.getElementById("search-q"); q.value = "质量基础设施"; q.dispatchEvent(new Event("input")); return 0; })()`)
	searchWait(t, ctx, "质量基础设施")
	if got := read(); got.Button != "下载全部结果（Word）" || got.NoteShown {
		t.Errorf("after another query: %+v, want the button as it was and no note", got)
	}
	searchTotal(t, ctx, base+"search/index.html?q="+query)
	do(t, ctx, "press 下载全部结果（Word）", browsertest.Click("#search-docx"))
	pkg := openWord(t, awaitDownload(t, ctx, downloads, "检索-"+query+".docx", "#search-docx"))
	sections := 0
	for _, n := range pkg.body.kid("body").kids("p") {
		if p := readPara(t, n, pkg.links); p.link != "" && strings.Count(strings.TrimPrefix(p.link, s.cfg.BaseURL+"docs/"), "/") == 2 {
			sections++
		}
	}
	if sections != total {
		t.Errorf("the 摘编 links %d sections, want the %d found", sections, total)
	}
	if got := read(); got.Button != "下载全部结果（Word）" || got.NoteShown {
		t.Errorf("after saving: %+v, want the button as it was and no note", got)
	}
}
