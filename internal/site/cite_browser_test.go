package site_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// TestBrowserCiteExport reads the citations of a document and of a
// section as a researcher who keeps a reference library would. From
// the offline bundle, opened from disk: the document's page leads to
// its citation box, whose copy buttons copy what it shows, the access
// date filled in, and a link to a record opens the record (a browser
// downloads no file:// link). From the site on a web server: every
// link to a record — the document's, from its page and from a
// section's, and every document's, from the home page — downloads the
// site's file, byte for byte, under its own name, and leaves the page
// where it was.
func TestBrowserCiteExport(t *testing.T) {
	ctx, base := openSeedBundle(t)
	s := seedSite(t)
	grantClipboard(t, ctx)

	const id = "guangdong-2020-shishi"
	do(t, ctx, "open "+id, chromedp.Navigate(base+"docs/"+id+"/index.html"))
	do(t, ctx, "follow 引用 · 格式", browsertest.Click(`.meta a[href="#cite"]`))
	waitLocation(t, ctx, base+"docs/"+id+"/index.html#cite")
	wantInViewport(t, ctx, "cite")
	if h := get(t, ctx, "#cite-h", chromedp.Text(chromedp.CSS("#cite-h"))); h != "引用本文" {
		t.Errorf("the document's citation box is headed %q, want 引用本文", h)
	}
	today := regexp.MustCompile(`\[\d{4}-\d{2}-\d{2}\]`)
	gbt := get(t, ctx, "#cite-gbt", chromedp.Text(chromedp.CSS("#cite-gbt")))
	if !strings.HasPrefix(gbt, "广东省人民政府. 关于加快推进质量强省建设的实施方案: 粤府〔2020〕50号[EB/OL]. (2020-09-17)[") || !today.MatchString(gbt) {
		t.Errorf("the document's GB/T 7714 reference reads %q, want its number and today's date", gbt)
	}
	setClipboard(t, ctx, "(nothing copied)")
	do(t, ctx, "copy the GB/T 7714 reference", browsertest.Click(`button.copy[data-copy="cite-gbt"]`))
	eventually(t, ctx, "the clipboard after copying the reference", `navigator.clipboard.readText()`, gbt)
	setClipboard(t, ctx, "(nothing copied)")
	do(t, ctx, "copy the short form", browsertest.Click(`button.copy[data-copy="cite-short"]`))
	eventually(t, ctx, "the clipboard after copying the short form", `navigator.clipboard.readText()`, "《关于加快推进质量强省建设的实施方案》（粤府〔2020〕50号）")

	ris, err := os.ReadFile(filepath.Join(s.bundle, "api", "docs", id+".ris"))
	if err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "follow the RIS link from disk", browsertest.Follow(browsertest.Click(`#cite a[href$=".ris"]`)))
	wantLocation(t, ctx, base+"api/docs/"+id+".ris")
	if got, want := eval[string](t, ctx, `document.body.innerText`), strings.ReplaceAll(string(ris), "\r\n", "\n"); strings.TrimSpace(got) != strings.TrimSpace(want) {
		t.Errorf("the RIS link opens\n%s\nwant\n%s", got, want)
	}

	// On a web server, the links download.
	web := browsertest.Serve(t, s.web)
	downloads := allowDownloads(t, ctx)
	// download clicks the link css names, which must save what the
	// site's file at name holds under its name, and leave the page.
	download := func(css, name string) {
		t.Helper()
		want, err := os.ReadFile(filepath.Join(s.web, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		page := get(t, ctx, "location", chromedp.Location())
		if got := awaitDownload(t, ctx, downloads, filepath.Base(name), css); !bytes.Equal(got, want) {
			t.Errorf("%s downloaded %d bytes, not the %d of %s:\n%s", css, len(got), len(want), name, got)
		}
		wantLocation(t, ctx, page)
	}
	do(t, ctx, "open "+id+" from the server", chromedp.Navigate(web+"docs/"+id+"/index.html"))
	download(`#cite a[href$=".ris"]`, "api/docs/"+id+".ris")
	download(`.meta a[href$=".bib"]`, "api/docs/"+id+".bib")

	do(t, ctx, "open "+id+"/s1 from the server", chromedp.Navigate(web+"docs/"+id+"/s1/index.html"))
	download(`.cite a[href$=".ris"]`, "api/docs/"+id+".ris")
	if note := get(t, ctx, "the export's note", chromedp.Text(chromedp.CSS(".cite .note"))); note != "导出的是整份文件；引用本条时注明“（一）”。" {
		t.Errorf("the section's export note reads %q", note)
	}

	do(t, ctx, "open the home page from the server", chromedp.Navigate(web+"index.html"))
	download(`a[href="api/docs.ris"]`, "api/docs.ris")
	download(`a[href="api/docs.bib"]`, "api/docs.bib")
}

// downloads is where the browser saves what it downloads, and what it
// has said of each download, by the download's id: the name the page
// gave it and, once it has ended, how.
type downloads struct {
	dir    string
	mu     sync.Mutex
	names  map[string]string
	ended  map[string]browser.DownloadProgressState
	read   map[string]bool // the downloads awaitDownload has returned
	change chan struct{}
}

// allowDownloads has the browser save what it downloads into a new
// folder, each file under its download's id, and report each download.
func allowDownloads(t *testing.T, ctx context.Context) *downloads {
	t.Helper()
	d := &downloads{dir: t.TempDir(), names: map[string]string{},
		ended: map[string]browser.DownloadProgressState{}, read: map[string]bool{},
		change: make(chan struct{}, 1)}
	// The browser calls this on its own goroutine, which must not block.
	if err := chromedp.ListenBrowser(ctx, func(ev any) {
		d.mu.Lock()
		defer d.mu.Unlock()
		switch ev := ev.(type) {
		case *browser.EventDownloadWillBegin:
			d.names[ev.GUID] = ev.SuggestedFilename
		case *browser.EventDownloadProgress:
			if ev.State == browser.DownloadProgressStateInProgress {
				return
			}
			d.ended[ev.GUID] = ev.State
		default:
			return
		}
		select {
		case d.change <- struct{}{}:
		default:
		}
	}); err != nil {
		t.Fatalf("listen for downloads: %v", err)
	}
	events := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: d.dir, EventsEnabled: &events}); err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	return d
}

// awaitDownload clicks what css names and returns what the download it
// starts saves, once the browser says the download is complete; it fails
// t when the page names the file other than name, when the download
// fails, or when none ends in ten seconds. (A file being there is not
// enough: the browser may make it, empty, before it writes it.)
func awaitDownload(t *testing.T, ctx context.Context, d *downloads, name, css string) []byte {
	t.Helper()
	do(t, ctx, "click "+css, browsertest.Click(css))
	timeout := time.After(10 * time.Second)
	for {
		if guid, got, state := d.next(); guid != "" {
			switch {
			case got != name:
				t.Fatalf("%s: the download is named %q, want %q", css, got, name)
			case state != browser.DownloadProgressStateCompleted:
				t.Fatalf("%s: the download of %s ended %s", css, name, state)
			}
			b, err := os.ReadFile(filepath.Join(d.dir, guid))
			if err != nil {
				t.Fatalf("%s: %v", css, err)
			}
			return b
		}
		select {
		case <-d.change:
		case <-timeout:
			t.Fatalf("%s: no %s downloaded in ten seconds", css, name)
		}
	}
}

// next returns a download that has begun and ended and that it has not
// returned before: its id, name and how it ended; or no id.
func (d *downloads) next() (guid, name string, state browser.DownloadProgressState) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for g, state := range d.ended {
		if name, ok := d.names[g]; ok && !d.read[g] {
			d.read[g] = true
			return g, name, state
		}
	}
	return "", "", ""
}
