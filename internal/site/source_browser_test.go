package site_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// TestBrowserSourceLink: a document's source, the long address of the
// page it was published on, is a link among its particulars that a
// reader can follow, and breaks to fit a phone's screen.
func TestBrowserSourceLink(t *testing.T) {
	const (
		id      = "luhe-2017-yijian"
		address = "https://www.luhe.gov.cn/zwgk/zfxxgkml/zcwj/gfxwj/content/post_1023456.html?from=index&channel=zcwj"
	)
	doc, err := os.ReadFile(filepath.Join("..", "..", "content", "docs", id+".md"))
	if err != nil {
		t.Fatal(err)
	}
	withSource := strings.Replace(string(doc), `source: "003_3375bcca5598cc84.txt"`, `source: "`+address+`"`, 1)
	if withSource == string(doc) {
		t.Fatal("the document's source line is not the one expected")
	}
	s, err := buildSite(t.TempDir(), map[string]string{"docs/" + id + ".md": withSource})
	if err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.Start(t)
	base := browsertest.Serve(t, s.web)
	do(t, ctx, "take a phone's screen", chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	do(t, ctx, "open the document", chromedp.Navigate(base+"docs/"+id+"/index.html"))
	if got := eval[string](t, ctx, `document.querySelector("dl.meta .source a").href`); got != address {
		t.Errorf("the source links %q, want %q", got, address)
	}
	if w := eval[float64](t, ctx, `document.documentElement.scrollWidth`); w > phoneWidth {
		t.Errorf("the page is %.0f px wide on a %d px phone: the source's address does not break", w, phoneWidth)
	}
	if right := eval[float64](t, ctx, `document.querySelector("dl.meta .source a").getBoundingClientRect().right`); right > phoneWidth {
		t.Errorf("the source's address reaches %.0f px, past the %d px screen", right, phoneWidth)
	}
	// The address wraps beside its name, which stays on one line as the
	// others' do.
	if lines := eval[int](t, ctx, `(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector("dl.meta .source dt")); return r.getClientRects().length })()`); lines != 1 {
		t.Errorf("来源 stands on %d lines beside the address", lines)
	}

	// Saved as Word, the document's particulars give the whole address.
	downloads := allowDownloads(t, ctx)
	pkg := openWord(t, awaitDownload(t, ctx, downloads, id+".docx", "button.docx"))
	var particulars []string
	for _, n := range pkg.body.kid("body").children {
		if n.name.Local == "p" {
			particulars = append(particulars, readPara(t, n, pkg.links).text)
		}
	}
	if !slices.Contains(particulars, "来源："+address) {
		t.Errorf("the saved document does not say 来源：%s; its first paragraphs:\n%s", address, strings.Join(particulars[:min(len(particulars), 8)], "\n"))
	}
}

// TestBrowserOriginalLink: from the offline bundle, a document's 原文件
// leads to the official file, which the bundle holds.
func TestBrowserOriginalLink(t *testing.T) {
	const id = "luhe-2017-yijian"
	doc, err := os.ReadFile(filepath.Join("..", "..", "content", "docs", id+".md"))
	if err != nil {
		t.Fatal(err)
	}
	withOriginal := strings.Replace(string(doc), "\nsource: ", "\noriginal: 陆河县意见（正式印发）.pdf\nsource: ", 1)
	pdf := "%PDF-1.7\n%%EOF\n"
	s, err := buildSite(t.TempDir(), map[string]string{"docs/" + id + ".md": withOriginal, "docs/陆河县意见（正式印发）.pdf": pdf})
	if err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.Start(t)
	base := browsertest.FileURL(s.bundle) + "/"
	do(t, ctx, "open the document", chromedp.Navigate(base+"docs/"+id+"/index.html"))
	href := eval[string](t, ctx, `document.querySelector("dl.meta .original a").href`)
	if want := base + "docs/" + id + "/" + id + ".pdf"; href != want {
		t.Fatalf("原文件 links %q, want %q", href, want)
	}
	if got := eval[string](t, ctx, `document.querySelector("dl.meta .original").textContent`); got != fmt.Sprintf("原文件PDF（%d 字节）", len(pdf)) {
		t.Errorf("the original's row reads %q", got)
	}
	b, err := os.ReadFile(filepath.Join(s.bundle, "docs", id, id+".pdf"))
	if err != nil || string(b) != pdf {
		t.Errorf("the bundle's original: %q, %v", b, err)
	}
}
