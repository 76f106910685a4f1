package site_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// scriptDelay is how late the pages' scripts arrive in
// TestBrowserNoLayoutShift: long enough that the browser paints the page
// before they run, as it does on a slow connection.
const scriptDelay = 600 * time.Millisecond

// TestBrowserNoLayoutShift opens a page of each kind whose scripts add
// controls — the header's dark-mode button, the home page's finder, a
// pair page's tools with their downloads and 按后者次序, a document's
// reading tools and, on a phone, its folded contents, the search
// page's — and a region's list of documents, from a web server that
// sends every script but the one in the head late, and a page with a
// table its first row first and the rest late, so that the page is
// painted before the scripts run and before it has all its rows. The
// controls must take the places kept for them, and the columns must not
// widen for the rows that come later: nothing the reader has begun to
// read may move (the layout shifts the browser records, as Core Web
// Vitals counts them, add up to no more than 0.01 on any page but the
// search's, whose results come later still; 0.1 is the threshold of
// "good"), on a desktop's screen and on a phone's (with a phone's 1.75
// device pixels to a CSS pixel, as Lighthouse emulates one: at 1 this
// test recorded no shift of the document's page while its contents were
// folded after the first paint, which Lighthouse's phone recorded at
// 0.26).
func TestBrowserNoLayoutShift(t *testing.T) {
	s := seedSite(t)
	files := http.FileServer(http.Dir(s.web))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") && path.Ext(r.URL.Path) == ".js" && path.Base(r.URL.Path) != "theme.js" {
			time.Sleep(scriptDelay)
		}
		if strings.HasSuffix(r.URL.Path, "/") {
			sendInParts(t, w, filepath.Join(s.web, filepath.FromSlash(r.URL.Path), "index.html"))
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	ctx := browsertest.Start(t)

	// Each page, an element that only its scripts make or show, to know
	// that they have run, and the most its layout may shift.
	const most = 0.01
	pages := []struct {
		page, ran string
		most      float64
	}{
		{"/", `#doc-finder:not([hidden])`, most},
		{"/compare/", `#chooser:not([hidden])`, most},
		{"/compare/guangdong-2020-shishi--luhe-2017-yijian/", `#cmp-tools .downloads button.redline`, most},
		{"/compare/guangdong-2023-gangyao--guangzhou-2023-fangan/", `#cmp-tools-order`, most},
		{"/docs/jiangsu-2023-yijian/", `.script-switch:not([hidden])`, most},
		{"/docs/jiangsu-2023-yijian/s1/", `.script-switch:not([hidden])`, most},
		{"/docs/luhe-2017-yijian/i5/", `button.copy:not([hidden])`, most},
		{"/themes/shoufu-zerenzhi/", `.excerpts-save:not([hidden])`, most},
		{"/regions/440000/", `.theme-toggle:not([hidden])`, most},
		// The search's results, and the buttons that save them and the
		// summary of where they are, come when the index has answered,
		// which the page cannot know before: it keeps the window's
		// height for the results, which move once, by those controls'
		// lines. It stays within what Core Web Vitals calls good.
		{"/search/?q=" + "首负责任制", `#search-results li`, 0.1},
	}
	for _, screen := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"desktop", browsertest.Width, browsertest.Height, false}, {"phone", phoneWidth, phoneHeight, true}} {
		opts := []chromedp.EmulateViewportOption{}
		if screen.mobile {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulatePortrait, chromedp.EmulateScale(1.75))
		}
		do(t, ctx, "take a "+screen.name+"'s screen", chromedp.EmulateViewport(screen.width, screen.height, opts...))
		for _, c := range pages {
			do(t, ctx, "open "+c.page, chromedp.Navigate(srv.URL+c.page))
			eventually(t, ctx, screen.name+" "+c.page+": its scripts have run", `!!document.querySelector(`+jsString(c.ran)+`)`, true)
			// The shifts the page has had, delivered to an observer that
			// asks for those buffered since it loaded.
			shifts := eval[[]map[string]any](t, ctx, `new Promise(done => {
				const seen = [];
				new PerformanceObserver(list => {
					for (const e of list.getEntries()) {
						if (e.hadRecentInput) continue;
						seen.push({value: e.value, moved: e.sources.map(s => (s.node ? (s.node.id ? "#" + s.node.id : s.node.nodeName + "." + (s.node.className || "")) : "?") +
							" from " + JSON.stringify([s.previousRect.x, s.previousRect.y]) + " to " + JSON.stringify([s.currentRect.x, s.currentRect.y])).join(", ")});
					}
				}).observe({type: "layout-shift", buffered: true});
				setTimeout(() => done(seen), 200);
			})`)
			sum := 0.0
			for _, sh := range shifts {
				sum += sh["value"].(float64)
			}
			if sum > c.most {
				t.Errorf("%s %s: layout shifts add up to %.4f, want %.3f at most: %v", screen.name, c.page, sum, c.most, shifts)
			}
		}
	}
}

// sendInParts sends the page at file as a slow connection brings it: up
// to the end of its first table's first row, and the rest scriptDelay
// later, so that the browser paints the page before it has read the
// rows that follow (as Chromium did in a CI run on a busy machine, whose
// first paint of the home page had one row of its list of documents).
func sendInParts(t *testing.T, w http.ResponseWriter, file string) {
	page, err := os.ReadFile(file)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	cut := len(page)
	if body := bytes.Index(page, []byte("<tbody>")); body >= 0 {
		if end := bytes.Index(page[body:], []byte("</tr>")); end >= 0 {
			cut = body + end + len("</tr>")
		}
	}
	w.Write(page[:cut])
	if cut == len(page) {
		return
	}
	w.(http.Flusher).Flush()
	time.Sleep(scriptDelay)
	w.Write(page[cut:])
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
