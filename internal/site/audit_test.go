package site_test

// Audits of one page of every kind of the seed site: the Nu Html Checker
// (vnu.jar, on the installed Java) must find no error, and axe-core,
// injected into a real Chromium, no serious or critical violation, in the
// light and in the dark colour scheme.
//
// The checkers come from npm. They are installed once into
// build/audit/node_modules at the repository's root, which the tests
// create when it is missing (npm install --prefix build/audit). Without
// npm, Java or Chromium the audits skip, or fail when the environment
// variable CI is set: in CI they must run.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
	"tiaowen/internal/site"
)

// The checkers' versions are pinned: a new release brings new rules, which
// should arrive as a change to this file, not as a red CI one morning.
const (
	auditVnuPackage = "vnu-jar@26.9.27"
	auditAxePackage = "axe-core@4.14.1"
	// mammoth reads the Word documents that comparisons are saved as.
	auditMammothPackage = "mammoth@1.13.0"
)

// auditDir is where the checkers are installed, relative to this package.
var auditDir = filepath.Join("..", "..", "build", "audit")

// auditAlias is a former id given, in the audited copy of the content, to
// auditAliasOf, so that the site has a redirect page to audit.
const (
	auditAlias   = "guangzhou-2023-fangan-draft"
	auditAliasOf = "guangzhou-2023-fangan"
)

// auditPage is one page of the site to audit.
type auditPage struct {
	kind string // what kind of page it is: home, document, …
	path string // slash path of its file inside the site
}

// auditPages lists one page of every kind in the site under dir. A kind
// whose page is missing fails t: the list must follow the site.
func auditPages(t *testing.T, dir string) []auditPage {
	t.Helper()
	pair := "guangdong-2023-gangyao--guangzhou-2023-fangan"
	if _, err := os.Stat(filepath.Join(dir, "compare", pair, "index.html")); err != nil {
		// The pairs the site compares are its choice; take the first.
		entries, _ := os.ReadDir(filepath.Join(dir, "compare"))
		pair = ""
		for _, e := range entries {
			if e.IsDir() && strings.Contains(e.Name(), "--") {
				pair = e.Name()
				break
			}
		}
	}
	pages := []auditPage{
		{"home", "index.html"},
		{"home, a later page", "page/2/index.html"},
		{"document, superseded by a newer version", "docs/guangzhou-2023-fangan/index.html"},
		{"document superseding another", "docs/guangzhou-2024-fangan/index.html"},
		{"document with an issuer, its Highwire tags, in force", "docs/guangdong-2023-gangyao/index.html"},
		{"document past its term", "docs/guangdong-2020-shishi/index.html"},
		{"section of a document not yet in force", "docs/jiangsu-2023-yijian/p1/index.html"},
		{"section, its document superseded", "docs/guangzhou-2023-fangan/p2-s8-i2/index.html"},
		{"section of a document superseding another", "docs/guangzhou-2024-fangan/p2-s1-i2/index.html"},
		{"themes", "themes/index.html"},
		{"theme", "themes/shoufu-zerenzhi/index.html"},
		{"theme, a later page", "themes/zhiliang-jichu-sheshi/page/2/index.html"},
		{"regions", "regions/index.html"},
		{"region, with divisions inside it", "regions/440000/index.html"},
		{"region, a later page", "regions/440000/page/2/index.html"},
		{"compare chooser", "compare/index.html"},
		{"compare pair", "compare/" + pair + "/index.html"},
		{"search", "search/index.html"},
		{"content page", "about/index.html"},
		{"404", "404.html"},
		{"redirect", "docs/" + auditAlias + "/index.html"},
	}
	for _, p := range pages {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p.path))); err != nil {
			t.Errorf("%s page: %v", p.kind, err)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	return pages
}

// auditBuild builds the seed site from a copy of content/ in which one
// document has a former id and a newer version (testdata/versions),
// three have terms (one expired, one not yet in force, one in force),
// and the home page lists two documents a page, and returns the site's
// directory. Given a setting ("minify: true"), site.yaml has it too.
func auditBuild(t *testing.T, settings ...string) string {
	t.Helper()
	root := t.TempDir()
	content := filepath.Join(root, "content")
	if err := os.CopyFS(content, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatalf("copy content: %v", err)
	}
	site.SetTerms(t, content, site.SeedTerms)
	doc := filepath.Join(content, "docs", auditAliasOf+".md")
	data, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	text, ok := strings.CutPrefix(string(data), "---\n")
	if !ok {
		t.Fatalf("%s: no front matter to add an alias to", doc)
	}
	text = regexp.MustCompile(`(?m)^aliases:.*\n`).ReplaceAllString(text, "")
	text = "---\naliases: [" + auditAlias + "]\n" + text
	if err := os.WriteFile(doc, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	newer, err := os.ReadFile(filepath.Join("testdata", "versions", "guangzhou-2024-fangan.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(content, "docs", "guangzhou-2024-fangan.md"), newer, 0o644); err != nil {
		t.Fatal(err)
	}
	// Two documents a page, so that the home page has a pager and a
	// page after the first to audit.
	site.WithSetting(t, root, "paginate: 2")
	for _, line := range settings {
		if line != "" {
			site.WithSetting(t, root, line)
		}
	}
	out := filepath.Join(root, "build", "site")
	if _, err := site.Build(site.Options{Content: content, Out: out, Zip: "-"}); err != nil {
		t.Fatalf("build the seed site: %v", err)
	}
	return out
}

// auditUnavailable skips t, or fails it when CI is set.
func auditUnavailable(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") != "" {
		t.Fatal(msg + " (CI is set: the audits must run, not skip)")
	}
	t.Skip(msg)
}

// auditInstall installs the checkers into auditDir once per test binary.
var auditInstall = sync.OnceValues(func() (string, error) {
	vnu := filepath.Join(auditDir, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	axe := filepath.Join(auditDir, "node_modules", "axe-core", "axe.min.js")
	mammoth := filepath.Join(auditDir, "node_modules", "mammoth", "lib", "index.js")
	if fileExists(vnu) && fileExists(axe) && fileExists(mammoth) {
		return "", nil
	}
	if err := os.MkdirAll(auditDir, 0o755); err != nil {
		return "", err
	}
	// --ignore-scripts: vnu-jar's install script would fetch a Java runtime
	// of its own when none is on PATH; the audit uses the installed one.
	cmd := exec.Command("npm", "install", "--prefix", auditDir, "--no-audit", "--no-fund",
		"--ignore-scripts", "--loglevel=error", auditVnuPackage, auditAxePackage, auditMammothPackage)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("npm install %s %s %s: %w", auditVnuPackage, auditAxePackage, auditMammothPackage, err)
	}
	return string(out), nil
})

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// auditTool returns the path of a file of an installed npm package,
// installing the checkers first if need be.
func auditTool(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(auditDir, "node_modules", filepath.FromSlash(rel))
	if fileExists(p) {
		return p
	}
	if _, err := exec.LookPath("npm"); err != nil {
		auditUnavailable(t, "no npm to install %s, %s and %s into %s (apt-get install npm)", auditVnuPackage, auditAxePackage, auditMammothPackage, auditDir)
	}
	if out, err := auditInstall(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !fileExists(p) {
		t.Fatalf("%s is missing after npm install --prefix %s", p, auditDir)
	}
	return p
}

// vnuMessage is one message of the Nu Html Checker's JSON output.
type vnuMessage struct {
	Type        string `json:"type"`
	SubType     string `json:"subType"`
	URL         string `json:"url"`
	FirstLine   int    `json:"firstLine"`
	LastLine    int    `json:"lastLine"`
	FirstColumn int    `json:"firstColumn"`
	LastColumn  int    `json:"lastColumn"`
	Message     string `json:"message"`
	Extract     string `json:"extract"`
}

// vnuCheck runs the Nu Html Checker over files and returns its errors.
func vnuCheck(t *testing.T, jar string, files []string) []vnuMessage {
	t.Helper()
	java, err := exec.LookPath("java")
	if err != nil {
		auditUnavailable(t, "no java to run the Nu Html Checker (apt-get install default-jre-headless)")
	}
	args := append([]string{"-jar", jar, "--errors-only", "--format", "json"}, files...)
	cmd := exec.Command(java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	// The report goes to stderr; the exit status is 1 when there are
	// errors, so it alone says nothing of whether the checker ran.
	var report struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("java -jar %s: %v; its output is not a JSON report (%v):\n%s%s", jar, runErr, err, stdout.String(), stderr.String())
	}
	var errs []vnuMessage
	for _, m := range report.Messages {
		if m.Type != "info" {
			errs = append(errs, m)
		}
	}
	if runErr != nil && len(errs) == 0 {
		t.Fatalf("java -jar %s: %v, with no error reported:\n%s", jar, runErr, stderr.String())
	}
	return errs
}

// vnuReport prints messages by page, identical messages on a page
// together, as "kind path:line:col: message" lines.
func vnuReport(msgs []vnuMessage, kindOf func(url string) string) string {
	type key struct{ page, msg string }
	var order []key
	where := map[key][]vnuMessage{}
	for _, m := range msgs {
		k := key{kindOf(m.URL), m.Message}
		if _, ok := where[k]; !ok {
			order = append(order, k)
		}
		where[k] = append(where[k], m)
	}
	var b strings.Builder
	for _, k := range order {
		ms := where[k]
		m := ms[0]
		fmt.Fprintf(&b, "%s:%d:%d: %s", k.page, m.LastLine, m.FirstColumn, m.Message)
		if len(ms) > 1 {
			fmt.Fprintf(&b, " (%d times; also at", len(ms))
			for i, o := range ms[1:min(len(ms), 4)] {
				if i > 0 {
					b.WriteString(",")
				}
				fmt.Fprintf(&b, " %d:%d", o.LastLine, o.FirstColumn)
			}
			if len(ms) > 4 {
				b.WriteString(", …")
			}
			b.WriteString(")")
		}
		if m.Extract != "" {
			fmt.Fprintf(&b, "\n\t%s", strings.ReplaceAll(m.Extract, "\n", "↵"))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestAuditHTML runs the Nu Html Checker over one page of every kind, as
// built and minified: it must find no error.
func TestAuditHTML(t *testing.T) {
	jar := auditTool(t, "vnu-jar/build/dist/vnu.jar")

	// The audit must be able to fail: a broken page gives errors.
	broken := filepath.Join(t.TempDir(), "broken.html")
	if err := os.WriteFile(broken, []byte(auditBrokenPage), 0o644); err != nil {
		t.Fatal(err)
	}
	if errs := vnuCheck(t, jar, []string{broken}); len(errs) == 0 {
		t.Fatalf("the Nu Html Checker found no error in a broken page: the audit cannot fail")
	}

	// The site as built, and minified (--minify), whose pages leave out
	// what HTML lets a page leave out.
	var files []string
	kinds := map[string]string{}
	for _, setting := range []string{"", "minify: true"} {
		dir := auditBuild(t, setting)
		for _, p := range auditPages(t, dir) {
			abs, err := filepath.Abs(filepath.Join(dir, filepath.FromSlash(p.path)))
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, abs)
			kinds[abs] = strings.TrimSpace(p.kind + " " + p.path + " " + setting)
		}
	}
	errs := vnuCheck(t, jar, files)
	if len(errs) > 0 {
		kindOf := func(url string) string {
			f := strings.TrimPrefix(url, "file:")
			if k, ok := kinds[filepath.Clean(f)]; ok {
				return k
			}
			return url
		}
		t.Errorf("the Nu Html Checker found %d errors in the seed site:\n%s", len(errs), vnuReport(errs, kindOf))
	}
}

// auditBrokenPage is a page with faults that both checkers must find: a
// stray end tag, an image without alt text, a button without a name.
const auditBrokenPage = `<!DOCTYPE html>
<html lang="zh-Hans">
<head><meta charset="utf-8"><title>broken</title></head>
<body><main><p>段落</span></p><img src="x.png"><button></button></main></body>
</html>
`

// axeViolation is one violation of an axe-core rule, with the elements
// that violate it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	URL    string `json:"helpUrl"`
	Nodes  []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// axeRun is the script that runs axe-core on the page and returns its
// violations, with each element's CSS path as one string.
const axeRun = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
	nodes: v.nodes.map(n => ({target: n.target.flat(Infinity).join(" "), html: n.html, summary: n.failureSummary || ""})),
})))`

// axeCheck opens url in the browser of ctx, in the given colour scheme,
// waits until the expression ready, if given, is true — a page whose
// script changes it after loading — injects axe-core and returns its
// violations.
func axeCheck(t *testing.T, ctx context.Context, axeSource, url, scheme string, ready ...string) []axeViolation {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
		t.Fatalf("emulate a %s colour scheme: %v", scheme, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	for _, expr := range ready {
		for {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
			if err != nil {
				t.Fatalf("%s: wait for %s: %v", url, expr, err)
			}
			if ok {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axeSource+"\n;typeof axe === \"object\"")); err != nil {
		t.Fatalf("inject axe-core into %s: %v", url, err)
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("run axe-core on %s: %v", url, err)
	}
	return vs
}

// axeSerious keeps the serious and critical violations.
func axeSerious(vs []axeViolation) (serious, other []axeViolation) {
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			serious = append(serious, v)
		} else {
			other = append(other, v)
		}
	}
	return serious, other
}

// axeReport prints violations as "rule (impact): help" followed by each
// element's CSS path, its HTML and what to fix.
func axeReport(vs []axeViolation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "  %s (%s): %s — %s\n", v.ID, v.Impact, v.Help, v.URL)
		for i, n := range v.Nodes {
			if i == 5 {
				fmt.Fprintf(&b, "    … and %d more elements\n", len(v.Nodes)-i)
				break
			}
			html := strings.Join(strings.Fields(n.HTML), " ")
			if r := []rune(html); len(r) > 160 {
				html = string(r[:160]) + "…"
			}
			fmt.Fprintf(&b, "    %s\n      %s\n", n.Target, html)
			if n.Summary != "" {
				fmt.Fprintf(&b, "      %s\n", strings.ReplaceAll(strings.TrimSpace(n.Summary), "\n", "\n      "))
			}
		}
	}
	return b.String()
}

// TestAuditAccessibility runs axe-core in Chromium on one page of every
// kind but the redirect, in the light and the dark colour scheme: no violation may be
// serious or critical. Lesser ones are logged.
func TestAuditAccessibility(t *testing.T) {
	src, err := os.ReadFile(auditTool(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	axeSource := string(src)
	if browsertest.FindChromium() == "" {
		browsertest.Start(t) // skips, or fails under CI, with the reason
	}

	// The audit must be able to fail: a broken page gives critical
	// violations.
	t.Run("broken page", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(auditBrokenPage), 0o644); err != nil {
			t.Fatal(err)
		}
		ctx := browsertest.Start(t)
		serious, _ := axeSerious(axeCheck(t, ctx, axeSource, browsertest.Serve(t, dir)+"index.html", "light"))
		var ids []string
		for _, v := range serious {
			ids = append(ids, v.ID)
		}
		for _, want := range []string{"image-alt", "button-name"} {
			if !slices.Contains(ids, want) {
				t.Errorf("axe-core did not report %s on a broken page (serious or critical: %v): the audit cannot fail", want, ids)
			}
		}
	})
	if t.Failed() {
		return
	}

	dir := auditBuild(t)
	pages := auditPages(t, dir)
	base := browsertest.Serve(t, dir)
	for _, p := range pages {
		if p.kind == "redirect" {
			// A reader never stays on it: its meta refresh moves the
			// browser on to the page it names at once, so axe-core would
			// audit that page instead. The HTML audit checks its markup.
			continue
		}
		// A browser of its own for each page: a browser lasts
		// browsertest.Timeout, and axe-core takes a while on a long page.
		t.Run(strings.ReplaceAll(p.kind, " ", "_"), func(t *testing.T) {
			ctx := browsertest.Start(t)
			for _, scheme := range []string{"light", "dark"} {
				serious, other := axeSerious(axeCheck(t, ctx, axeSource, base+p.path, scheme))
				if len(serious) > 0 {
					t.Errorf("%s page %s, %s colour scheme: %d serious or critical axe-core violations:\n%s",
						p.kind, p.path, scheme, len(serious), axeReport(serious))
				}
				if len(other) > 0 {
					sort.Slice(other, func(i, j int) bool { return other[i].ID < other[j].ID })
					t.Logf("%s page %s, %s colour scheme: lesser axe-core violations:\n%s", p.kind, p.path, scheme, axeReport(other))
				}
			}
		})
	}
	// Pages as their scripts leave them once used: the home page's finder
	// filtering and sorting (its sort buttons, aria-sort, drawn rows), the
	// search page filtered by a column, a pair page read word by word
	// (the first check ticks the box, the next wait for the count), and
	// a 繁體 document's section read in 简体 (likewise).
	pairPath := ""
	for _, p := range pages {
		if p.kind == "compare pair" {
			pairPath = p.path
		}
	}
	for _, p := range []struct{ kind, address, ready string }{
		{"home, finder in use", "index.html?level=province&sort=date-desc", `document.getElementById("finder-status").textContent.startsWith("符合")`},
		{"search, filtered by level", "search/index.html?q=%E8%B4%A8%E9%87%8F&level=province", `document.getElementById("search").dataset.state === "done"`},
		{"compare pair, word by word", pairPath, `(document.getElementById("words").checked || document.getElementById("words").click(),
			document.getElementById("cmp-status").textContent.startsWith("逐词比对："))`},
		{"section in 繁體, read in 简体", "docs/jiangsu-2023-yijian/p1/index.html", `(document.querySelector(".script-switch button").getAttribute("aria-pressed") === "true" ||
			document.querySelector(".script-switch button").click(), document.querySelector("main article").lang === "zh-Hans")`},
	} {
		t.Run(strings.ReplaceAll(p.kind, " ", "_"), func(t *testing.T) {
			ctx := browsertest.Start(t)
			for _, scheme := range []string{"light", "dark"} {
				serious, other := axeSerious(axeCheck(t, ctx, axeSource, base+p.address, scheme, p.ready))
				if len(serious)+len(other) > 0 {
					t.Errorf("%s (%s), %s colour scheme: axe-core violations:\n%s", p.kind, p.address, scheme, axeReport(append(serious, other...)))
				}
			}
		})
	}
	// Two documents compared in the browser: the seed site compares
	// every pair at build time, a corpus of 40 only each document's
	// nearest.
	t.Run("compare,_in_the_browser", func(t *testing.T) {
		dir := syntheticBundle40(t).web
		a, b := pairWithoutPage(t, dir)
		address := "compare/index.html?a=" + a + "&b=" + b
		ctx := browsertest.Start(t)
		for _, scheme := range []string{"light", "dark"} {
			serious, other := axeSerious(axeCheck(t, ctx, axeSource, browsertest.Serve(t, dir)+address, scheme,
				`document.getElementById("adhoc").dataset.state === "done"`))
			if len(serious)+len(other) > 0 {
				t.Errorf("%s, %s colour scheme: axe-core violations:\n%s", address, scheme, axeReport(append(serious, other...)))
			}
		}
	})
}

// pairWithoutPage returns two documents of the site in dir that have no
// pair page, the first by id that the build left out.
func pairWithoutPage(t *testing.T, dir string) (a, b string) {
	t.Helper()
	docs, err := os.ReadDir(filepath.Join(dir, "api", "docs"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range docs {
		// Each document's JSON; its RIS and BibTeX records sit beside it.
		if id, ok := strings.CutSuffix(d.Name(), ".json"); ok {
			ids = append(ids, id)
		}
	}
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			if _, err := os.Stat(filepath.Join(dir, "compare", a+"--"+b)); os.IsNotExist(err) {
				return a, b
			}
		}
	}
	t.Fatalf("every pair of the %d documents in %s has a page", len(ids), dir)
	return "", ""
}
