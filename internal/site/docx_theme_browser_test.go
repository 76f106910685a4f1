package site_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
	"tiaowen/internal/textnorm"
)

// excerptsTheme is a theme five of the seeds mention, the 繁體 意见 among
// them: two to a page, its page 2 lists the third and fourth.
const excerptsTheme = "zhiliang-jichu-sheshi"

// themeTruth is a theme as the JSON API gives it.
type themeTruth struct {
	Name      string
	Terms     []string
	Documents []struct {
		ID       string
		Sections []string
	}
}

// TestBrowserThemeWord saves a theme's 摘编 from its second page, two
// documents to a page. From a web server the document holds the whole
// theme, every document of the JSON API in turn (newest first, as the
// pages list them), its title linked to
// its page, then every section that mentions the theme, its heading
// linked to its permalink, and the passages quoted under it — words of
// the section's text, the terms shaded. From the offline bundle, where
// the other pages cannot be read, it holds the page's own two and says
// so (the page with the 繁體 意见); read in 简体 there, the 繁體 意见 is saved as written. mammoth reads
// it.
func TestBrowserThemeWord(t *testing.T) {
	s := pagedSeedSite(t, 2)
	var api struct {
		Themes []struct {
			themeTruth
			ID string
		}
	}
	readJSON(t, filepath.Join(s.web, "api", "themes.json"), &api)
	var theme themeTruth
	for _, th := range api.Themes {
		if th.ID == excerptsTheme {
			theme = th.themeTruth
		}
	}
	if len(theme.Documents) != 5 {
		t.Fatalf("the seeds' %s is mentioned by %d documents, want 5: pick another theme", excerptsTheme, len(theme.Documents))
	}
	ctx := browsertest.Start(t)
	problems := browsertest.RecordProblems(t, ctx)
	t.Cleanup(func() { problems.Check(t) })
	downloads := allowDownloads(t, ctx)
	page2 := "themes/" + excerptsTheme + "/page/2/index.html"
	name := excerptsTheme + ".docx"

	do(t, ctx, "open page 2 on the web", chromedp.Navigate(browsertest.Serve(t, s.web)+page2))
	whole := openWord(t, awaitDownload(t, ctx, downloads, name, "button.docx"))
	checkExcerpts(t, s, theme, whole, page2, 0, 5)

	// The page that lists the 繁體 意见, two documents to a page, newest
	// first as the API lists them.
	hant := -1
	for i, d := range theme.Documents {
		var doc struct{ Lang string }
		if readJSON(t, filepath.Join(s.web, "api", "docs", d.ID+".json"), &doc); doc.Lang == "zh-Hant" {
			hant = i
		}
	}
	if hant < 0 {
		t.Fatalf("no document of %s is in 繁體", excerptsTheme)
	}
	first := hant / 2 * 2
	page := "themes/" + excerptsTheme + "/index.html"
	if first > 0 {
		page = fmt.Sprintf("themes/%s/page/%d/index.html", excerptsTheme, first/2+1)
	}
	do(t, ctx, "open "+page+" from disk", chromedp.Navigate(browsertest.FileURL(s.bundle)+"/"+page))
	do(t, ctx, "read it in 简体", browsertest.Click(".script-switch button"))
	if !eval[bool](t, ctx, `(async () => {
		for (let i = 0; i < 200 && document.querySelector(".theme-doc[lang=zh-Hant]"); i++) await new Promise(r => setTimeout(r, 10));
		return !document.querySelector(".theme-doc[lang=zh-Hant]");
	})()`) {
		t.Fatal("以简体阅读 did not turn the 意见's passages into 简体")
	}
	checkExcerpts(t, s, theme, openWord(t, awaitDownload(t, ctx, downloads, name, "button.docx")), page, first, first+2)

	_, html := runMammoth(t, whole.file)
	if !strings.Contains(html, "<h1>") || !strings.Contains(html, "<h2>") {
		t.Errorf("mammoth reads no headings from the saved 摘编:\n%.400s", html)
	}
}

// checkExcerpts checks a saved 摘编 of theme, saved from the page at
// path, that holds its documents first to end-1 (all of them or one
// page's).
func checkExcerpts(t *testing.T, s builtSite, theme themeTruth, pkg *wordPackage, path string, first, end int) {
	t.Helper()
	var paras []wordPara
	for _, n := range pkg.body.kid("body").kids("p") {
		paras = append(paras, readPara(t, n, pkg.links))
	}
	if want := "「" + theme.Name + "」条文摘编"; len(paras) < 3 || paras[0].outline != 0 || paras[0].text != want {
		t.Fatalf("the first paragraph is %+v, want the title %q in the title's style", paras[0], want)
	}
	docs := theme.Documents[first:end]
	sections := 0
	for _, d := range docs {
		sections += len(d.Sections)
	}
	count := fmt.Sprintf("收录提及此主题的文件 %d 份、条目 %d 个。", len(docs), sections)
	partial := len(docs) < len(theme.Documents)
	var counted, said bool
	for _, p := range paras {
		counted = counted || p.text == count
		said = said || strings.Contains(p.text, "本文件只收录本页所列文件")
	}
	if !counted {
		t.Errorf("no line reads %q", count)
	}
	if said != partial {
		t.Errorf("holding %d of %d documents, says it holds one page's only: %v", len(docs), len(theme.Documents), said)
	}
	if last := paras[len(paras)-1].text; !strings.HasPrefix(last, "导出自：") || !strings.Contains(last, strings.TrimSuffix(path, "index.html")) {
		t.Errorf("the last line is %q, want where it was saved from", last)
	}
	fill := markFills(t)[0]
	at := 1
	for _, d := range docs {
		var doc struct {
			Title, Lang string
			Sections    []struct {
				EID       string `json:"eId"`
				Text, URL string
			}
		}
		readJSON(t, filepath.Join(s.web, "api", "docs", d.ID+".json"), &doc)
		for at < len(paras) && paras[at].outline != 1 {
			at++
		}
		if at == len(paras) {
			t.Errorf("no heading for %s", d.ID)
			return
		}
		if h, url := paras[at], s.cfg.BaseURL+"docs/"+d.ID+"/"; h.link != url || !strings.HasPrefix(h.text, "《"+doc.Title+"》") {
			t.Errorf("%s: the heading reads %q, linked to %q, want 《%s》 linked to %s", d.ID, h.text, h.link, doc.Title, url)
		}
		at++
		var linked []string
		for at < len(paras) && paras[at].outline != 1 && paras[at].link != "" {
			where := paras[at]
			linked = append(linked, where.link)
			shaded := where.shaded
			var text string
			for _, sec := range doc.Sections {
				if sec.URL == where.link {
					text = strings.ReplaceAll(sec.Text, "\n", "")
				}
			}
			quotes := 0
			for at++; at < len(paras) && paras[at].link == "" && paras[at].outline < 0 && !strings.HasPrefix(paras[at].text, "导出自："); at++ {
				q := paras[at]
				quotes++
				shaded = append(shaded, q.shaded...)
				for _, piece := range strings.Split(q.text, "……") {
					if !strings.Contains(text, piece) {
						t.Errorf("%s: a quote under %s is not the section's words: %q", d.ID, where.link, piece)
					}
				}
				if wantLang := map[string]string{"zh-Hant": "zh-TW"}[doc.Lang]; q.lang != wantLang {
					t.Errorf("%s: a quote's runs are marked %q, want %q", d.ID, q.lang, wantLang)
				}
			}
			// A section whose heading alone names the theme is listed
			// by its heading alone.
			if quotes == 0 && len(where.shaded) == 0 {
				t.Errorf("%s: nothing quoted under %s, and no term in its heading %q", d.ID, where.link, where.text)
			}
			if len(shaded) == 0 {
				t.Errorf("%s: no term shaded under %s", d.ID, where.link)
			}
			for _, sh := range shaded {
				if sh[0] != fill || !slices.ContainsFunc(theme.Terms, func(term string) bool { return textnorm.Key(term) == textnorm.Key(sh[1]) }) {
					t.Errorf("%s: %q shaded %s under %s, want a term of %q shaded %s", d.ID, sh[1], sh[0], where.link, theme.Terms, fill)
				}
			}
		}
		var want []string
		for _, eid := range d.Sections {
			want = append(want, s.cfg.BaseURL+"docs/"+d.ID+"/"+eid+"/")
		}
		if !slices.Equal(linked, want) {
			t.Errorf("%s: the sections linked are\n%q\nwant\n%q", d.ID, linked, want)
		}
	}
}
