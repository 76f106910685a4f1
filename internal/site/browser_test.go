package site_test

// Browser tests: the seed site, built by site.Build, read in a real
// headless Chromium as a reader reads it — over HTTP, and from the
// unzipped offline bundle over file:// — with and without JavaScript.
// They skip without Chromium, except under CI; see internal/browsertest.

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
	"tiaowen/internal/site"
)

// The seed site is built once per test binary, lazily, by the first
// browser test that runs, into a temporary directory that TestMain
// removes: a build writes content/.permalinks, so it must never run on
// the repository's own content/.
var seed sharedSite

// sharedSite is a site built once per test binary, on first use, into a
// temporary directory that TestMain removes.
type sharedSite struct {
	once sync.Once
	site builtSite
	err  error
}

// get returns the site, building it with build into a new temporary
// directory the first time; what names it in a failure.
func (s *sharedSite) get(t *testing.T, what string, build func(root string) (builtSite, error)) builtSite {
	t.Helper()
	s.once.Do(func() {
		root, err := os.MkdirTemp("", "tiaowen-browser-")
		if err != nil {
			s.err = err
			return
		}
		s.site.root = root
		if s.site, s.err = build(root); s.site.root == "" {
			s.site.root = root
		}
	})
	if s.err != nil {
		t.Fatalf("build the %s: %v", what, s.err)
	}
	return s.site
}

// builtSite is a site built from a copy of some content.
type builtSite struct {
	root   string      // temporary directory: content/, build/, offline/
	web    string      // build/site: what a web server serves
	bundle string      // offline/<name>: the unzipped offline bundle's site folder
	cfg    site.Config // content/site.yaml
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, root := range []string{seed.site.root, minifiedSeed.site.root, synthetic40.site.root} {
		if root != "" {
			os.RemoveAll(root)
		}
	}
	os.Exit(code)
}

// openSeedBundle starts Chromium on the seed site's offline bundle and
// returns it with the bundle's base URL; the test fails at its end if a
// page reported an error or opened a dialog.
func openSeedBundle(t *testing.T) (context.Context, string) {
	t.Helper()
	ctx := browsertest.Start(t)
	base := browsertest.FileURL(seedSite(t).bundle) + "/"
	problems := browsertest.RecordProblems(t, ctx)
	t.Cleanup(func() { problems.Check(t) })
	return ctx, base
}

// openPagedSeedBundle builds the seed site with perPage documents to a
// page of its lists and opens its offline bundle in Chromium, as
// openSeedBundle does.
func openPagedSeedBundle(t *testing.T, perPage int) (context.Context, string) {
	t.Helper()
	ctx := browsertest.Start(t)
	s := pagedSeedSite(t, perPage)
	problems := browsertest.RecordProblems(t, ctx)
	t.Cleanup(func() { problems.Check(t) })
	return ctx, browsertest.FileURL(s.bundle) + "/"
}

// pagedSeedSite builds the seed site with perPage documents to a page
// of its lists.
func pagedSeedSite(t *testing.T, perPage int) builtSite {
	t.Helper()
	yaml, err := os.ReadFile(filepath.Join("..", "..", "content", "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := buildSite(t.TempDir(), map[string]string{"site.yaml": fmt.Sprintf("%s\npaginate: %d\n", yaml, perPage)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// seedSite returns the seed site, building it on first use.
func seedSite(t *testing.T) builtSite {
	t.Helper()
	return seed.get(t, "seed site", func(root string) (builtSite, error) { return buildSite(root, nil) })
}

// buildSite copies the repository's content/ into root, adds the extra
// files (slash paths under content/), and builds the site and its
// offline bundle, which it unzips.
func buildSite(root string, extra map[string]string) (builtSite, error) {
	b := builtSite{root: root, web: filepath.Join(root, "build", "site")}
	content := filepath.Join(root, "content")
	if err := os.CopyFS(content, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		return b, fmt.Errorf("copy content: %w", err)
	}
	for name, data := range extra {
		if err := os.WriteFile(filepath.Join(content, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
			return b, err
		}
	}
	return bundleSite(root, content)
}

// bundleSite builds the project in root whose content is in content, with
// its offline bundle, which it unzips.
func bundleSite(root, content string) (builtSite, error) {
	b := builtSite{root: root, web: filepath.Join(root, "build", "site")}
	cfg, problems := site.LoadConfig(filepath.Join(content, "site.yaml"))
	if err := problems.Err(); err != nil {
		return b, err
	}
	b.cfg = cfg
	zip := filepath.Join(root, "build", "bundle.zip")
	if _, err := site.Build(site.Options{Content: content, Out: b.web, Zip: zip}); err != nil {
		return b, err
	}
	if err := browsertest.Unzip(zip, filepath.Join(root, "offline")); err != nil {
		return b, err
	}
	// The bundle holds one folder, named after the site.
	b.bundle = filepath.Join(root, "offline", cfg.Name)
	if _, err := os.Stat(filepath.Join(b.bundle, "index.html")); err != nil {
		return b, fmt.Errorf("offline bundle: %w", err)
	}
	return b, nil
}

// The walk's waypoints, from content/docs/guangzhou-2023-fangan.md and
// content/themes.yaml.
const (
	gzID      = "guangzhou-2023-fangan"
	gzTitle   = "广州市质量强市建设实施方案"
	gzSection = "p2-s8-i2"
	gzShort   = "《广州市质量强市建设实施方案（征求意见稿）》二、（八）2."
)

// TestBrowserWalk reads the site as a reader does: the home page, a
// document, its table of contents, a section's permalink and citation, a
// theme, and dark mode; over HTTP and from the unzipped offline bundle.
func TestBrowserWalk(t *testing.T) {
	t.Run("http", func(t *testing.T) {
		ctx := browsertest.Start(t)
		s := seedSite(t)
		base := browsertest.Serve(t, s.web)
		req := browsertest.RecordRequests(t, ctx)
		walk(t, ctx, s, base, s.web)
		if out := req.Outside(base); len(out) > 0 {
			t.Errorf("pages served from %s requested other URLs:\n%s", base, strings.Join(out, "\n"))
		}
	})
	t.Run("file", func(t *testing.T) {
		ctx := browsertest.Start(t)
		s := seedSite(t)
		base := browsertest.FileURL(s.bundle) + "/"
		req := browsertest.RecordRequests(t, ctx)
		walk(t, ctx, s, base, s.bundle)
		if out := req.Outside("file:///"); len(out) > 0 {
			t.Errorf("the offline bundle requested URLs that are not file:// (it must work with no network):\n%s", strings.Join(out, "\n"))
		}
		// The recording itself must have worked for the check above to mean
		// anything. An asset's address carries its version.
		for _, want := range []string{"index.html", "static/style.css", "static/site.js", "docs/" + gzID + "/" + gzSection + "/index.html"} {
			if !slices.ContainsFunc(req.URLs(), func(u string) bool { u, _, _ = strings.Cut(u, "?"); return u == base+want }) {
				t.Errorf("no request for %s recorded; recorded:\n%s", base+want, strings.Join(req.URLs(), "\n"))
			}
		}
	})
}

// walk is the reader's walk through the site at base, whose files are in
// dir.
func walk(t *testing.T, ctx context.Context, s builtSite, base, dir string) {
	problems := browsertest.RecordProblems(t, ctx)
	defer problems.Check(t)
	grantClipboard(t, ctx)
	// The reader's system prefers light colours; the toggle switches.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "light"}}}); err != nil {
		t.Fatalf("emulate a light colour scheme: %v", err)
	}

	// The home page links to each document by its title.
	do(t, ctx, "open the home page", chromedp.Navigate(base+"index.html"))
	checkLinks(t, ctx, base, dir)
	docLink := chromedp.Search(`//table[contains(concat(" ", @class, " "), " docs ")]//a[normalize-space(.)="` + gzTitle + `"]`)
	if href := attr(t, ctx, docLink, "href"); href != "docs/"+gzID+"/index.html" {
		t.Errorf("home page: link to %s has href %q, want %q", gzTitle, href, "docs/"+gzID+"/index.html")
	}
	do(t, ctx, "follow the link to "+gzTitle, browsertest.Follow(chromedp.Click(docLink)))
	docURL := base + "docs/" + gzID + "/index.html"
	wantLocation(t, ctx, docURL)
	if h1 := get(t, ctx, "h1", chromedp.Text(chromedp.CSS("h1"))); h1 != gzTitle {
		t.Errorf("document page h1 = %q, want %q", h1, gzTitle)
	}
	checkLinks(t, ctx, base, dir)

	// The table of contents: （八） under 二、 leads to its section.
	const tocCSS = `nav.toc a[data-eid="p2-s8"]`
	tocLink := chromedp.CSS(tocCSS)
	if href := attr(t, ctx, tocLink, "href"); href != "#p2-s8" {
		t.Errorf("TOC entry p2-s8 has href %q, want #p2-s8", href)
	}
	if text := get(t, ctx, "TOC entry", chromedp.Text(tocLink)); text != "（八）完善现代化质量治理体系" {
		t.Errorf("TOC entry p2-s8 reads %q, want %q", text, "（八）完善现代化质量治理体系")
	}
	parent := eval[string](t, ctx, `document.querySelector('nav.toc a[data-eid="p2-s8"]').closest("li").parentElement.closest("li").querySelector(":scope > a").dataset.eid`)
	if parent != "p2" {
		t.Errorf("TOC entry p2-s8 is nested under %q, want p2 (二、)", parent)
	}
	do(t, ctx, "click the TOC entry （八）", browsertest.Click(tocCSS))
	eventually(t, ctx, "location.hash after clicking the TOC entry", `location.hash`, "#p2-s8")
	wantInViewport(t, ctx, "p2-s8")

	// The permalink of 2. under （八）: no text of its own, a label for
	// screen readers, visible once focused, and a page of its own.
	const permalinkCSS = "#" + gzSection + " > .lead > .sec-h > a.permalink, #" + gzSection + " > .sec-h > a.permalink"
	permalink := chromedp.CSS(permalinkCSS)
	a := get(t, ctx, "permalink", chromedp.Attributes(permalink))
	if want := "../../docs/" + gzID + "/" + gzSection + "/index.html"; a["href"] != want {
		t.Errorf("permalink of %s: href %q, want %q", gzSection, a["href"], want)
	}
	if a["aria-label"] == "" {
		t.Errorf("permalink of %s has no aria-label: %v", gzSection, a)
	}
	if text := get(t, ctx, "permalink text", chromedp.TextContent(permalink)); text != "" {
		t.Errorf("permalink of %s has text %q, want none", gzSection, text)
	}
	do(t, ctx, "focus the permalink", chromedp.Focus(permalink))
	eventually(t, ctx, "opacity of the focused permalink",
		`getComputedStyle(document.querySelector("#`+gzSection+` a.permalink")).opacity`, "1")
	do(t, ctx, "follow the permalink", browsertest.Follow(browsertest.Click(permalinkCSS)))
	sectionURL := base + "docs/" + gzID + "/" + gzSection + "/index.html"
	wantLocation(t, ctx, sectionURL)
	crumbs := eval[[]string](t, ctx, `[...document.querySelectorAll("nav.breadcrumb li")].map(li => li.innerText.trim())`)
	wantCrumbs := []string{gzTitle, "二、重点任务", "（八）完善现代化质量治理体系", "2.提升质量监管效能"}
	if !slices.Equal(crumbs, wantCrumbs) {
		t.Errorf("breadcrumb = %q, want %q", crumbs, wantCrumbs)
	}
	checkLinks(t, ctx, base, dir)

	// The citation box: the copy buttons, shown by the script, copy
	// exactly what the box shows.
	if short := get(t, ctx, "#cite-short", chromedp.Text(chromedp.CSS("#cite-short"))); short != gzShort {
		t.Errorf("#cite-short = %q, want %q", short, gzShort)
	}
	if d := get(t, ctx, ".cite-date", chromedp.Text(chromedp.CSS("#cite-gbt .cite-date"))); !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(d) {
		t.Errorf("GB/T citation's access date = %q, want the date of today, YYYY-MM-DD", d)
	}
	const copyShortCSS = `button.copy[data-copy="cite-short"]`
	copyShort := chromedp.CSS(copyShortCSS)
	do(t, ctx, "wait for the copy button to show", chromedp.WaitVisible(copyShort))
	setClipboard(t, ctx, "(nothing copied)")
	do(t, ctx, "click the copy button of the short citation", browsertest.Click(copyShortCSS))
	// The label says so for two seconds: look at it first.
	eventually(t, ctx, "the copy button's label after copying", `document.querySelector('button.copy[data-copy="cite-short"]').textContent`, "已复制")
	eventually(t, ctx, "the clipboard after copying the short citation", `navigator.clipboard.readText()`, gzShort)

	// Where navigator.clipboard is missing (an old browser), the button
	// copies all the same.
	permalinkText := s.cfg.BaseURL + "docs/" + gzID + "/" + gzSection + "/"
	setClipboard(t, ctx, "(nothing copied)")
	eval[bool](t, ctx, `window.__clipboard = Object.getOwnPropertyDescriptor(Navigator.prototype, "clipboard");
		Object.defineProperty(Navigator.prototype, "clipboard", {configurable: true, get() { return undefined; }});
		navigator.clipboard === undefined`)
	do(t, ctx, "click the copy button of the permalink", browsertest.Click(`button.copy[data-copy="cite-link"]`))
	eval[bool](t, ctx, `Object.defineProperty(Navigator.prototype, "clipboard", window.__clipboard); true`)
	eventually(t, ctx, "the clipboard after copying the permalink without navigator.clipboard", `navigator.clipboard.readText()`, permalinkText)

	// Back in the document, a theme term leads to its theme.
	do(t, ctx, "go back to the document", chromedp.NavigateBack())
	wantLocation(t, ctx, docURL+"#p2-s8")
	term := chromedp.CSS("#" + gzSection + " a.term.t-shoufu-zerenzhi")
	if text := get(t, ctx, "term", chromedp.Text(term)); text != "首负责任制" {
		t.Errorf("theme term in %s reads %q, want 首负责任制", gzSection, text)
	}
	if href := attr(t, ctx, term, "href"); href != "../../themes/shoufu-zerenzhi/index.html" {
		t.Errorf("theme term 首负责任制: href %q, want ../../themes/shoufu-zerenzhi/index.html", href)
	}
	do(t, ctx, "follow the theme term 首负责任制", browsertest.Follow(browsertest.Click("#"+gzSection+" a.term.t-shoufu-zerenzhi")))
	wantLocation(t, ctx, base+"themes/shoufu-zerenzhi/index.html")
	if h1 := get(t, ctx, "h1", chromedp.Text(chromedp.CSS("h1"))); h1 != "首负责任制" {
		t.Errorf("theme page h1 = %q, want 首负责任制", h1)
	}
	listed := eval[[]string](t, ctx, `[...document.querySelectorAll("section.theme-doc")].map(s => s.id)`)
	slices.Sort(listed)
	// The four documents that say 首负责任制 or 首负责任 (a term of the
	// theme in content/themes.yaml); Jiangsu's never does.
	wantListed := []string{"doc-guangdong-2020-shishi", "doc-guangdong-2023-gangyao", "doc-" + gzID, "doc-luhe-2017-yijian"}
	if !slices.Equal(listed, wantListed) {
		t.Errorf("theme page 首负责任制 lists %q, want %q", listed, wantListed)
	}
	// The link asks the section's page to mark the theme's terms
	// (TestBrowserThemeFound).
	where := chromedp.CSS(`#doc-` + gzID + ` a.where[href^="../../docs/` + gzID + `/` + gzSection + `/index.html?hl="]`)
	if n := len(get(t, ctx, "passages", chromedp.Nodes(where, chromedp.AtLeast(0)))); n != 1 {
		t.Errorf("theme page 首负责任制 has %d passages linking to %s, want 1", n, gzSection)
	}
	checkLinks(t, ctx, base, dir)

	// Dark mode: the toggle switches the colours, and they stay switched.
	bodyBG := `getComputedStyle(document.body).backgroundColor`
	light := eval[string](t, ctx, bodyBG)
	if theme := attr(t, ctx, chromedp.CSS("html"), "data-theme"); theme != "" {
		t.Errorf("before the toggle, html[data-theme] = %q, want none", theme)
	}
	do(t, ctx, "click the dark mode toggle", browsertest.Click(".theme-toggle"))
	if theme := attr(t, ctx, chromedp.CSS("html"), "data-theme"); theme != "dark" {
		t.Errorf("after the toggle, html[data-theme] = %q, want dark", theme)
	}
	if p := attr(t, ctx, chromedp.CSS(".theme-toggle"), "aria-pressed"); p != "true" {
		t.Errorf("after the toggle, aria-pressed = %q, want true", p)
	}
	dark := eval[string](t, ctx, bodyBG)
	if dark == light {
		t.Errorf("body background is %s in both light and dark mode", dark)
	}
	if v := eval[string](t, ctx, `String(localStorage.getItem("tiaowen-theme"))`); v != "dark" {
		t.Errorf("localStorage tiaowen-theme = %q, want dark", v)
	}
	do(t, ctx, "reload", chromedp.Reload())
	if theme := attr(t, ctx, chromedp.CSS("html"), "data-theme"); theme != "dark" {
		t.Errorf("after a reload, html[data-theme] = %q, want dark", theme)
	}
	if bg := eval[string](t, ctx, bodyBG); bg != dark {
		t.Errorf("after a reload, body background = %s, want the dark %s", bg, dark)
	}
	do(t, ctx, "follow the site's name to the home page", browsertest.Follow(browsertest.Click("a.brand")))
	wantLocation(t, ctx, base+"index.html")
	if bg := eval[string](t, ctx, bodyBG); bg != dark {
		t.Errorf("on the home page, body background = %s, want the dark %s", bg, dark)
	}

	// The search form goes to the search page.
	if action := attr(t, ctx, chromedp.CSS("form.search-form"), "action"); action != "search/index.html" {
		t.Errorf("search form action = %q, want search/index.html", action)
	}
}

// TestBrowserUnsafeContent builds a document whose text holds script,
// event handlers and javascript: links, and checks that the page shows
// them as text and runs none of them, whatever the reader clicks; and
// that the one safe, relative link in it works.
func TestBrowserUnsafeContent(t *testing.T) {
	ctx := browsertest.Start(t)
	const (
		script   = `<script>window.__pwned=1</script>`
		img      = `<img src=x onerror="window.__pwned=2">`
		link     = `[x](javascript:window.__pwned=3)`
		autolink = `<javascript:alert(4)>`
		anchor   = `<a href="javascript:alert(5)">y</a>`
		svg      = `<svg onload="alert(6)">`
	)
	evil := "---\nid: evil\ntitle: 测试\n---\n\n一、总体要求\n\n" +
		"落实首负责任制，" + img + "，详见" + link + "，又见" + autolink + "与" + anchor + "，" + svg + "。另见[关于本站](../../about/index.html)。\n\n" +
		script + "\n"
	s, err := buildSite(t.TempDir(), map[string]string{"docs/evil.md": evil})
	if err != nil {
		t.Fatalf("build with docs/evil.md: %v", err)
	}
	base := browsertest.Serve(t, s.web)
	req := browsertest.RecordRequests(t, ctx)
	problems := browsertest.RecordProblems(t, ctx)
	defer problems.Check(t)

	pwned := func(where string) {
		t.Helper()
		if v := eval[string](t, ctx, `typeof window.__pwned === "undefined" ? "undefined" : String(window.__pwned)`); v != "undefined" {
			t.Errorf("%s: window.__pwned = %s: content ran as script", where, v)
		}
	}
	docURL := base + "docs/evil/index.html"
	do(t, ctx, "open docs/evil", chromedp.Navigate(docURL))
	pwned("docs/evil")
	text := get(t, ctx, "section p1", chromedp.Text(chromedp.CSS("section#p1")))
	// The raw HTML and Markdown shows literally; a javascript: autolink
	// shows its label.
	for _, want := range []string{script, img, link, "javascript:alert(4)", anchor, svg} {
		if !strings.Contains(text, want) {
			t.Errorf("the text of section p1 does not show %s literally; it reads:\n%s", want, text)
		}
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("main script, main img, main svg, main iframe, [onerror], [onload]").length`); n != 0 {
		t.Errorf("the page has %d elements made from content markup (script, img, svg, iframe, handlers)", n)
	}
	if bad := eval[[]string](t, ctx, `[...document.querySelectorAll("a[href]")].map(a => a.href).filter(h => !/^(https?|file|mailto):/i.test(h))`); len(bad) > 0 {
		t.Errorf("links with unsafe schemes: %q", bad)
	}

	// Click every link in the section, from a fresh page each time.
	hrefs := eval[[]string](t, ctx, `[...document.querySelectorAll("section#p1 a")].map(a => a.getAttribute("href"))`)
	if len(hrefs) < 3 { // the permalink, the theme term, the about page
		t.Errorf("section p1 has links %q, want at least the permalink, the term 首负责任制 and 关于本站", hrefs)
	}
	for i, href := range hrefs {
		do(t, ctx, "open docs/evil", chromedp.Navigate(docURL))
		nodes := get(t, ctx, "links of section p1", chromedp.Nodes(chromedp.CSSAll("section#p1 a")))
		if len(nodes) != len(hrefs) {
			t.Fatalf("section p1 has %d links, then %d", len(hrefs), len(nodes))
		}
		do(t, ctx, "click "+href, chromedp.MouseClickNode(nodes[i]))
		time.Sleep(300 * time.Millisecond) // let a navigation, if any, start
		eventually(t, ctx, "document.readyState after clicking "+href, `document.readyState`, "complete")
		loc := get(t, ctx, "location", chromedp.Location())
		if !strings.HasPrefix(loc, base) {
			t.Errorf("clicking %s led to %s, outside the site", href, loc)
		}
		pwned("after clicking " + href + " (now on " + loc + ")")
	}

	// The section's own page and the theme page quote the same text.
	for _, p := range []string{"docs/evil/p1/index.html", "themes/shoufu-zerenzhi/index.html"} {
		do(t, ctx, "open "+p, chromedp.Navigate(base+p))
		pwned(p)
		if body := get(t, ctx, "main", chromedp.Text(chromedp.CSS("main"))); !strings.Contains(body, img) {
			t.Errorf("%s does not show %s literally", p, img)
		}
	}

	// The document's one safe link, relative to the document as its
	// author wrote it, must lead to the same page wherever the text shows.
	t.Run("relative-link", func(t *testing.T) {
		for _, p := range []string{"docs/evil/index.html", "docs/evil/p1/index.html"} {
			do(t, ctx, "open "+p, chromedp.Navigate(base+p))
			about := eval[string](t, ctx, `[...document.querySelectorAll("section#p1 a")].filter(a => a.textContent === "关于本站").map(a => a.href).join(" ")`)
			if about != base+"about/index.html" {
				t.Errorf("%s: the link 关于本站 (../../about/index.html in docs/evil.md) leads to %q, want %s", p, about, base+"about/index.html")
			}
		}
	})
	for _, u := range req.URLs() {
		if strings.HasSuffix(u, "/x") {
			t.Errorf("the page requested %s: the <img> of the content was made into an element", u)
		}
	}
}

// TestBrowserNoJavaScript reads a document from the offline bundle with
// JavaScript off: everything but the copy buttons and the dark mode
// toggle must work, and those must not show.
func TestBrowserNoJavaScript(t *testing.T) {
	ctx, base := openSeedBundle(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("disable JavaScript: %v", err)
	}

	docURL := base + "docs/" + gzID + "/index.html"
	do(t, ctx, "open "+gzID, chromedp.Navigate(docURL))
	if h1 := get(t, ctx, "h1", chromedp.Text(chromedp.CSS("h1"))); h1 != gzTitle {
		t.Errorf("h1 = %q, want %q", h1, gzTitle)
	}
	if _, open := get(t, ctx, "TOC", chromedp.Attributes(chromedp.CSS("nav.toc details")))["open"]; !open {
		t.Errorf("the TOC's <details> is closed; without JavaScript it must be open")
	}
	do(t, ctx, "click the TOC entry （八）", chromedp.Click(chromedp.CSS(`nav.toc a[data-eid="p2-s8"]`)))
	waitLocation(t, ctx, docURL+"#p2-s8")
	wantInViewport(t, ctx, "p2-s8")
	if toggle := get(t, ctx, "theme toggle", chromedp.Attributes(chromedp.CSS(".theme-toggle"))); !hasKey(toggle, "hidden") {
		t.Errorf("without JavaScript the dark mode toggle shows (attributes %v); it cannot work", toggle)
	}

	do(t, ctx, "open "+gzSection, chromedp.Navigate(base+"docs/"+gzID+"/"+gzSection+"/index.html"))
	// The script would have put today's date here: proof that it is off.
	if d := get(t, ctx, ".cite-date", chromedp.Text(chromedp.CSS("#cite-gbt .cite-date"))); d != "引用日期" {
		t.Fatalf("the access date reads %q: JavaScript is not off", d)
	}
	buttons := get(t, ctx, "copy buttons", chromedp.AttributesAll(chromedp.CSSAll("button.copy")))
	if len(buttons) != 3 {
		t.Errorf("section page has %d copy buttons, want 3", len(buttons))
	}
	for _, b := range buttons {
		if !hasKey(b, "hidden") {
			t.Errorf("without JavaScript the copy button %v shows; it cannot work", b)
		}
	}
	boxes := get(t, ctx, "copy buttons' boxes", chromedp.Nodes(chromedp.CSSAll("button.copy")))
	for _, n := range boxes {
		if _, err := chromedp.Call(ctx, dom.GetBoxModel, dom.GetBoxModelParams{NodeID: n.NodeID}); err == nil {
			t.Errorf("copy button %s has a box on screen; it must not render", n.AttributeValue("data-copy"))
		}
	}

	// On every page kind, what the build hides until a script shows it
	// (the home page's finder, the chooser's form, a pair page's tools)
	// has no box: a stylesheet's display must not bring it back.
	for _, page := range []string{"index.html", "docs/" + gzID + "/index.html", "themes/index.html",
		"themes/zhiliang-jichu-sheshi/index.html", "compare/index.html",
		"compare/guangdong-2023-gangyao--" + gzID + "/index.html", "search/index.html", "404.html"} {
		do(t, ctx, "open "+page, chromedp.Navigate(base+page))
		hidden := get(t, ctx, "hidden elements", chromedp.Nodes(chromedp.CSSAll("[hidden]"), chromedp.AtLeast(0)))
		for _, n := range hidden {
			if _, err := chromedp.Call(ctx, dom.GetBoxModel, dom.GetBoxModelParams{NodeID: n.NodeID}); err == nil {
				t.Errorf("%s: <%s id=%q class=%q hidden> has a box on screen; it must not render", page,
					strings.ToLower(n.NodeName), n.AttributeValue("id"), n.AttributeValue("class"))
			}
		}
	}
}

// TestBrowserNotFound opens a missing address deep in the site, which a
// web host answers with the site's 404.html, and the bundle's 404.html
// from disk: both show styled, and every link leads to a file of the
// site.
func TestBrowserNotFound(t *testing.T) {
	s := seedSite(t)
	check := func(t *testing.T, ctx context.Context, address, base, dir string) {
		problems := browsertest.RecordProblems(t, ctx)
		do(t, ctx, "open "+address, chromedp.Navigate(address))
		if h1 := get(t, ctx, "h1", chromedp.Text(chromedp.CSS("h1"))); h1 != "未找到页面" {
			t.Fatalf("%s shows %q, want the 404 page", address, h1)
		}
		// style.css sets the width of the page's column.
		if w := eval[string](t, ctx, `getComputedStyle(document.querySelector("main.wrap")).maxWidth`); w == "none" {
			t.Errorf("%s: the site's stylesheet is not applied; sheets: %v", address, eval[[]string](t, ctx, `[...document.styleSheets].map(s => s.href)`))
		}
		checkLinks(t, ctx, base, dir)
		// The address itself is missing: the one error there must be.
		for _, e := range problems.Errors() {
			if !strings.Contains(e, "404") || !strings.Contains(e, "("+address+")") {
				t.Errorf("%s: the page reported an error: %s", address, e)
			}
		}
		if d := problems.Dialogs(); len(d) > 0 {
			t.Errorf("%s opened dialogs: %v", address, d)
		}
	}
	t.Run("http", func(t *testing.T) {
		ctx := browsertest.Start(t)
		base := browsertest.Serve(t, s.web)
		check(t, ctx, base+"docs/no-such-document/s9/index.html", base, s.web)
		// Its skip link, under the page's <base>, goes to this page's
		// text, not to the home page's.
		if got := eval[string](t, ctx, `document.querySelector("a.skip").href`); got != base+"docs/no-such-document/s9/index.html#main" {
			t.Errorf("the 404 page's skip link leads to %s", got)
		}
		// The page says what is there of the address asked for: the
		// document, whose section is not; the documents whose ids are
		// nearest; or that there is no such document. Its links are
		// checked with the page's.
		for address, want := range map[string]string{
			"docs/no-such-document/s9/index.html":     "没有编号为 no-such-document 的文件。",
			"docs/" + gzID + "/p99/index.html":        "文件《" + gzTitle + "》中没有编号为 p99 的条目；条目编号见该文件的目录。",
			"docs/guangzhou-2023-fangn/p1/index.html": "没有编号为 guangzhou-2023-fangn 的文件。您要找的也许是：《" + gzTitle + "》。",
			// A pair's address with its documents the wrong way round.
			"compare/" + gzID + "--guangdong-2023-gangyao/index.html": "这里没有《" + gzTitle + "》和《广东省质量强省建设纲要》的逐条对照页：在浏览器中逐条对照这两份文件。",
			"compare/" + gzID + "--no-such-document/index.html":       "没有编号为 no-such-document 的文件。",
			// A theme's: mistyped, unknown, or a page of it that is not.
			"themes/shoufu-zerenzi/index.html":         "没有编号为 shoufu-zerenzi 的主题。您要找的也许是：首负责任制。",
			"themes/no-such-theme/index.html":          "没有编号为 no-such-theme 的主题，见全部主题。",
			"themes/shoufu-zerenzhi/page/9/index.html": "主题首负责任制在这里。",
			// A region's: a page of it that is not, a county of a
			// prefecture with documents, a province without any.
			"regions/441500/page/2/index.html": "地区汕尾市在这里。",
			"regions/441521/index.html":        "本站没有区划代码为 441521 的地区的文件；它所在的汕尾市有，另见全部地区。",
			"regions/110000/index.html":        "本站没有区划代码为 110000 的地区的文件，见全部地区。",
		} {
			check(t, ctx, base+address, base, s.web)
			eventually(t, ctx, address+": what the page says of it", `document.getElementById("nf-help").textContent`, want)
			if !strings.Contains(want, "没有编号为 no-such-document") && eval[int](t, ctx, `document.querySelectorAll("#nf-help a").length`) == 0 {
				t.Errorf("%s: the page names a document or theme without a link to it", address)
			}
		}
		// The pair's link goes to the chooser, which compares the two in
		// the browser, or, as here, opens the page the build wrote for
		// them.
		do(t, ctx, "open a pair's address the wrong way round", chromedp.Navigate(base+"compare/"+gzID+"--guangdong-2023-gangyao/index.html"))
		eventually(t, ctx, "the link to the two compared", `document.querySelectorAll("#nf-help a").length`, 3)
		do(t, ctx, "follow it", browsertest.Follow(chromedp.Click(chromedp.CSS("#nf-help a:last-of-type"))))
		waitLocation(t, ctx, base+"compare/guangdong-2023-gangyao--"+gzID+"/index.html")
	})
	t.Run("file", func(t *testing.T) {
		ctx := browsertest.Start(t)
		base := browsertest.FileURL(s.bundle) + "/"
		check(t, ctx, base+"404.html", base, s.bundle)
	})
}

// TestBrowserJiangsuLang checks the traditional-script document: its
// language, and that its own spelling of a theme term links to the theme.
func TestBrowserJiangsuLang(t *testing.T) {
	ctx := browsertest.Start(t)
	s := seedSite(t)
	base := browsertest.Serve(t, s.web)
	problems := browsertest.RecordProblems(t, ctx)
	defer problems.Check(t)

	do(t, ctx, "open jiangsu-2023-yijian", chromedp.Navigate(base+"docs/jiangsu-2023-yijian/index.html"))
	if lang := attr(t, ctx, chromedp.CSS("html"), "lang"); lang != "zh-Hant" {
		t.Errorf("<html lang> = %q, want zh-Hant", lang)
	}
	// :lang(zh-Hant) picks traditional-Chinese fonts.
	if f := eval[string](t, ctx, `getComputedStyle(document.querySelector(".doc-text")).fontFamily`); !strings.Contains(f, "CJK TC") {
		t.Errorf("the text's font-family is %s, want the TC fonts of :lang(zh-Hant)", f)
	}
	term := chromedp.Search(`//a[contains(concat(" ", @class, " "), " term ")][normalize-space(.)="質量基礎設施"]`)
	if href := attr(t, ctx, term, "href"); href != "../../themes/zhiliang-jichu-sheshi/index.html" {
		t.Errorf("term 質量基礎設施: href %q, want ../../themes/zhiliang-jichu-sheshi/index.html", href)
	}
	do(t, ctx, "follow the term 質量基礎設施", browsertest.Follow(chromedp.Click(term)))
	wantLocation(t, ctx, base+"themes/zhiliang-jichu-sheshi/index.html")
	if lang := attr(t, ctx, chromedp.CSS("#doc-jiangsu-2023-yijian"), "lang"); lang != "zh-Hant" {
		t.Errorf("theme page: Jiangsu's passages have lang %q, want zh-Hant", lang)
	}
	// The highlight keeps the document's own characters.
	marks := eval[[]string](t, ctx, `[...document.querySelectorAll("#doc-jiangsu-2023-yijian mark")].map(m => m.textContent)`)
	if !slices.Contains(marks, "質量基礎設施") {
		t.Errorf("theme page: Jiangsu's highlights are %q, want 質量基礎設施 among them", marks)
	}
}

// grantClipboard lets pages read and write the clipboard without asking,
// as a reader who clicked "allow" would.
func grantClipboard(t *testing.T, ctx context.Context) {
	t.Helper()
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
			Setting:    browser.PermissionSettingGranted,
		})
		if err != nil {
			t.Fatalf("grant %s: %v", name, err)
		}
	}
	// Reading the clipboard needs a focused page, which a headless tab
	// does not always count as.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatalf("emulate focus: %v", err)
	}
}

// setClipboard puts s on the clipboard, so that a copy that does not
// happen is not hidden by an earlier one.
func setClipboard(t *testing.T, ctx context.Context, s string) {
	t.Helper()
	do(t, ctx, "set the clipboard", chromedp.Evaluate[chromedp.Void](fmt.Sprintf("navigator.clipboard.writeText(%q)", s), chromedp.EvalAwaitPromise))
}

// checkLinks checks every link of the page against the site's contract:
// relative, naming a file (an explicit index.html, never a bare
// directory), and that file exists in dir; a fragment of the page names an
// element of it. Links that the documents themselves make (a.ext) are
// left alone.
func checkLinks(t *testing.T, ctx context.Context, base, dir string) {
	t.Helper()
	type link struct {
		Href   string `json:"href"`
		URL    string `json:"url"`
		Target bool   `json:"target"`
		// Here: a place of this page by the page's own address, as
		// site.js writes one under a <base> (404.html).
		Here bool `json:"here"`
	}
	page := get(t, ctx, "location", chromedp.Location())
	links := eval[[]link](t, ctx, `[...document.querySelectorAll("a[href]:not(.ext)")].map(a => {
		const h = a.getAttribute("href"), here = a.hash !== "" && a.href.split("#")[0] === location.href.split("#")[0];
		return {href: h, url: a.href, here: here, target: (h.startsWith("#") || here) && document.getElementById(decodeURIComponent(a.hash.slice(1))) !== null};
	})`)
	if len(links) == 0 {
		t.Errorf("%s has no links", page)
	}
	bad := 0
	for _, l := range links {
		if bad >= 10 {
			t.Errorf("%s: more bad links left out", page)
			break
		}
		if strings.HasPrefix(l.Href, "#") || l.Here {
			if !l.Target {
				t.Errorf("%s: link %q names no element of the page", page, l.Href)
				bad++
			}
			continue
		}
		u, err := url.Parse(l.Href)
		if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/") {
			t.Errorf("%s: link %q is not relative", page, l.Href)
			bad++
			continue
		}
		if u.Path == "" || strings.HasSuffix(u.Path, "/") || strings.HasSuffix(u.Path, "/.") || u.Path == "." || u.Path == ".." {
			t.Errorf("%s: link %q names a directory, not a file: it breaks from file://", page, l.Href)
			bad++
			continue
		}
		abs, _, _ := strings.Cut(l.URL, "#")
		abs, _, _ = strings.Cut(abs, "?")
		rel, ok := strings.CutPrefix(abs, base)
		if !ok {
			t.Errorf("%s: link %q leads out of the site, to %s", page, l.Href, abs)
			bad++
			continue
		}
		rel, _ = url.PathUnescape(rel)
		if st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel))); err != nil || st.IsDir() {
			t.Errorf("%s: link %q leads to %s, which is not a file of the site", page, l.Href, rel)
			bad++
		}
	}
}

// wantInViewport checks that the element with the id is in the viewport,
// from the layout the browser reports: it works with JavaScript off.
func wantInViewport(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	nodes := get(t, ctx, "#"+id, chromedp.Nodes(chromedp.CSS("#"+id)))
	quads, err := chromedp.Call(ctx, dom.GetContentQuads, dom.GetContentQuadsParams{NodeID: nodes[0].NodeID})
	if err != nil || len(quads.Quads) == 0 {
		t.Errorf("#%s has no layout: %v", id, err)
		return
	}
	// y of the first corner, in viewport pixels; an element scrolled to
	// may sit a fraction of a pixel above the top.
	top := quads.Quads[0][1]
	if top <= -1 || top >= browsertest.Height {
		t.Errorf("#%s is at y = %.0f, outside the %d pixel high viewport", id, top, browsertest.Height)
	}
}

// actionTimeout bounds each action, so that a query for an element that
// never comes fails soon, and says which.
const actionTimeout = 15 * time.Second

// get runs an action that returns a value, failing t if it cannot.
func get[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, actionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// do runs actions, failing t if one fails.
func do(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the page, awaiting a promise.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	return get(t, ctx, expr, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// attr returns an attribute of the first element sel matches, "" when it
// has none.
// attr reads an attribute of the first node that sel finds, asking the
// browser for it: chromedp.Attributes reads the protocol's mirror of the
// DOM, which events update and which may still hold the value from
// before a click (seen with data-theme after the dark-mode toggle).
func attr[S chromedp.Selectable](t *testing.T, ctx context.Context, sel S, name string) string {
	t.Helper()
	what := fmt.Sprintf("%v[%s]", sel, name)
	nodes := get(t, ctx, what, chromedp.Nodes(sel))
	res, err := chromedp.Call(ctx, dom.GetAttributes, dom.GetAttributesParams{NodeID: nodes[0].NodeID})
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	for i := 0; i+1 < len(res.Attributes); i += 2 {
		if res.Attributes[i] == name {
			return res.Attributes[i+1]
		}
	}
	return ""
}

func hasKey(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}

// eventually evaluates expr until it gives want, for up to five seconds:
// some effects (a copy, a transition) take a moment.
func eventually[T comparable](t *testing.T, ctx context.Context, what, expr string, want T) {
	t.Helper()
	var got T
	var err error
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		got, err = chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
		if err == nil && got == want {
			return
		}
	}
	if err != nil {
		t.Errorf("%s: %v", what, err)
		return
	}
	t.Errorf("%s = %#v, want %#v", what, got, want)
}

// wantLocation checks the page's URL.
func wantLocation(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	if loc := get(t, ctx, "location", chromedp.Location()); loc != want {
		t.Errorf("location = %s, want %s", loc, want)
	}
}

// waitLocation waits for the page's URL to become want: a click on a
// fragment link fires no load event to wait for.
func waitLocation(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	var loc string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if loc = get(t, ctx, "location", chromedp.Location()); loc == want {
			return
		}
	}
	t.Errorf("location = %s, want %s", loc, want)
}

// TestBrowserHomePages pages the seed site's home page two documents at
// a time and reads it from the offline bundle: the pager leads on and
// back, the page shown is marked, and each page's table lists its own
// documents, whose links lead to them.
func TestBrowserHomePages(t *testing.T) {
	ctx, base := openPagedSeedBundle(t, 2)

	rows := func() []string {
		return eval[[]string](t, ctx, `[...document.querySelectorAll("table.docs tbody th a")].map(a => a.textContent)`)
	}
	current := func() []string {
		return eval[[]string](t, ctx, `[...document.querySelectorAll(".pager [aria-current=page]")].map(a => a.textContent)`)
	}
	do(t, ctx, "open the home page", chromedp.Navigate(base+"index.html"))
	first := rows()
	if len(first) != 2 || !slices.Equal(current(), []string{"1", "1"}) {
		t.Fatalf("page 1 lists %q and marks %q as current; want 2 documents and page 1 in both pagers", first, current())
	}
	do(t, ctx, "follow 下一页", browsertest.Follow(browsertest.Click(".pager a[rel=next]")))
	wantLocation(t, ctx, base+"page/2/index.html")
	second := rows()
	if len(second) != 2 || slices.Contains(first, second[0]) || !slices.Equal(current(), []string{"2", "2"}) {
		t.Errorf("page 2 lists %q (page 1: %q) and marks %q; want two other documents and page 2", second, first, current())
	}
	if bg := eval[string](t, ctx, `getComputedStyle(document.querySelector(".pager [aria-current=page]")).backgroundColor`); bg == eval[string](t, ctx, `getComputedStyle(document.querySelector(".pager a:not([aria-current])")).backgroundColor`) {
		t.Errorf("the current page looks like the others (background %s)", bg)
	}
	do(t, ctx, "follow page 3", browsertest.Follow(browsertest.Click(`.pager a[href="../../page/3/index.html"]`)))
	wantLocation(t, ctx, base+"page/3/index.html")
	if third := rows(); len(third) != 1 {
		t.Errorf("page 3 lists %q, want the fifth document alone", third)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".pager a[rel=next], link[rel=next]").length`); n != 0 {
		t.Errorf("the last page has %d links to a next page", n)
	}
	do(t, ctx, "follow 上一页", browsertest.Follow(browsertest.Click(".pager a[rel=prev]")))
	wantLocation(t, ctx, base+"page/2/index.html")
	do(t, ctx, "follow the first document of page 2", browsertest.Follow(browsertest.Click("table.docs tbody th a")))
	if h := eval[string](t, ctx, `document.querySelector("h1").textContent`); !strings.Contains(h, second[0]) {
		t.Errorf("the link to %s led to a page headed %q", second[0], h)
	}
	do(t, ctx, "go back", chromedp.NavigateBack())
	do(t, ctx, "follow page 1", browsertest.Follow(browsertest.Click(`.pager a[href="../../index.html"]`)))
	wantLocation(t, ctx, base+"index.html")
}
