package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"tiaowen/internal/themes"
)

// withSetting appends a line to the project's site.yaml.
func withSetting(t *testing.T, project, line string) {
	t.Helper()
	f := filepath.Join(project, "content", "site.yaml")
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, append(b, "\n"+line+"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
}

var (
	hrefAttr    = regexp.MustCompile(`href="([^"#]*)(?:#[^"]*)?"`)
	docRowLink  = regexp.MustCompile(`<th scope="row"><a href="(?:\.\./)*docs/([^/]+)/index\.html"`)
	currentPage = regexp.MustCompile(`<a href="[^"]*" aria-current="page">(\d+)</a>`)
)

// TestHomePages pages the seed site's home page two documents at a
// time: each document must be listed, in the table and in the matrix, on
// exactly one page, newest first and the undated last, and say so; every page must lead to its
// neighbours and name itself in its pager; every link must reach a file
// of the site; and the dev server must make the same pages and no others.
func TestHomePages(t *testing.T) {
	project := seedProject(t)
	whole := buildFiles(t, project)
	if strings.Contains(string(whole["index.html"]), `class="pager"`) {
		t.Errorf("five documents under the default of %d a page have a pager", defaultPaginate)
	}
	for name := range whole {
		if strings.HasPrefix(name, "page/") {
			t.Errorf("five documents under the default of %d a page make %s", defaultPaginate, name)
		}
	}
	ids := submatches(docRowLink, string(whole["index.html"]))
	if len(ids) != 10 { // the table and the matrix
		t.Fatalf("the one home page lists %d document rows, want 10", len(ids))
	}
	// 2023-06-21, 2023-03-10, 2020-09-17, 2017-05-24, and the 广州 draft,
	// which has no date.
	byDate := []string{"guangdong-2023-gangyao", "jiangsu-2023-yijian", "guangdong-2020-shishi", "luhe-2017-yijian", "guangzhou-2023-fangan"}
	if !slices.Equal(ids[:5], byDate) || !slices.Equal(ids[5:], byDate) {
		t.Errorf("the home page lists %v in its table and matrix, want each newest first: %v", ids, byDate)
	}
	if want := "<p class=\"note page-note\">按日期排列，新的在前，未注明日期的在后。</p>"; !strings.Contains(string(whole["index.html"]), want) {
		t.Errorf("the one home page does not say %q", want)
	}

	withSetting(t, project, "paginate: 2")
	files := buildFiles(t, project)
	names := []string{"index.html", "page/2/index.html", "page/3/index.html"}
	var listed []string
	for i, name := range names {
		page := string(files[name])
		if page == "" {
			t.Fatalf("no %s", name)
		}
		rows := submatches(docRowLink, page)
		half := len(rows) / 2
		if len(rows)%2 != 0 || !slices.Equal(rows[:half], rows[half:]) || half != min(2, 5-2*i) {
			t.Errorf("%s lists %v in its table and matrix; want the same %d documents in both", name, rows, min(2, 5-2*i))
		}
		listed = append(listed, rows[:half]...)
		if m := currentPage.FindAllStringSubmatch(page, -1); len(m) != 2 || m[0][1] != fmt.Sprint(i+1) || m[1][1] != fmt.Sprint(i+1) {
			t.Errorf("%s: its two pagers mark %v as the current page, want %d", name, m, i+1)
		}
		if want := fmt.Sprintf("本页列出第 %d–%d 份，共 5 份，按日期排列，新的在前，未注明日期的在后。", 2*i+1, min(2*i+2, 5)); !strings.Contains(page, want) {
			t.Errorf("%s does not say %q", name, want)
		}
		if !strings.Contains(page, "收录 5 份文件") {
			t.Errorf("%s does not count the whole corpus", name)
		}
		for _, rel := range []string{"prev", "next"} {
			var want string
			switch j := i - 1; {
			case rel == "prev" && i > 0:
				want = names[j]
			case rel == "next" && i < len(names)-1:
				want = names[i+1]
			}
			re := regexp.MustCompile(`<(?:link|a) rel="` + rel + `" href="([^"]*)"`)
			got := re.FindAllStringSubmatch(page, -1)
			if want == "" {
				if len(got) > 0 {
					t.Errorf("%s has rel=%s %v at the end of the pages", name, rel, got)
				}
				continue
			}
			// The head's <link> and the two pagers' <a>.
			if len(got) != 3 {
				t.Errorf("%s: %d rel=%s links, want 3", name, len(got), rel)
			}
			for _, g := range got {
				if resolve(name, g[1]) != want {
					t.Errorf("%s: rel=%s leads to %s, want %s", name, rel, resolve(name, g[1]), want)
				}
			}
		}
		checkPageLinks(t, files, name)
	}
	if !slices.Equal(listed, byDate) {
		t.Errorf("the pages list %v, want each document once, newest first: %v", listed, byDate)
	}
	if files["page/4/index.html"] != nil || files["page/1/index.html"] != nil {
		t.Errorf("the build writes a page the pagers do not name")
	}

	m := newMemory(t, project)
	compareFiles(t, getAll(t, m, names), files, func(name string) bool { return !slices.Contains(names, name) })
	for _, name := range []string{"page/1/index.html", "page/4/index.html", "page/02/index.html", "page/2/", "page/index.html"} {
		if _, ok, _ := m.Get(name); ok {
			t.Errorf("the dev server serves %s", name)
		}
	}
}

// submatches lists the first group of every match of re in s.
func submatches(re *regexp.Regexp, s string) []string {
	var out []string
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// checkPageLinks reports every relative link of the page name that leads to
// no file of the site.
func checkPageLinks(t *testing.T, files map[string][]byte, name string) {
	t.Helper()
	for _, href := range submatches(hrefAttr, string(files[name])) {
		if strings.Contains(href, ":") {
			continue
		}
		if target := resolve(name, href); files[target] == nil {
			t.Errorf("%s: %q leads to %s, which the site does not have", name, href, target)
		}
	}
}

// resolve is the site file a relative link in the page name leads to. An
// asset's version (?v=) is not part of it.
func resolve(name, href string) string {
	href, _, _ = strings.Cut(href, "?")
	p := path.Join(path.Dir(name), href)
	if strings.HasSuffix(href, "/") || href == "" {
		p += "/index.html"
	}
	return strings.TrimPrefix(p, "./")
}

// TestHomePager checks the pager's window: the first and last pages,
// two either side of the current one, and a gap for what is left out
// unless it is a single page.
func TestHomePager(t *testing.T) {
	s := &Site{cfg: Config{Paginate: 1}}
	for range 20 {
		s.docs = append(s.docs, &docInfo{})
	}
	for _, c := range []struct {
		n    int
		want string
	}{
		{1, "[1] 2 3 … 20"},
		{4, "1 2 3 [4] 5 6 … 20"},
		{6, "1 … 4 5 [6] 7 8 … 20"},
		{5, "1 2 3 4 [5] 6 7 … 20"},
		{17, "1 … 15 16 [17] 18 19 20"},
		{20, "1 … 18 19 [20]"},
	} {
		var got []string
		for _, l := range s.homePager(c.n, "../../").Links {
			switch {
			case l.Gap:
				got = append(got, "…")
			case l.Current:
				got = append(got, fmt.Sprintf("[%d]", l.N))
			default:
				got = append(got, fmt.Sprint(l.N))
			}
			if !l.Gap && l.URL != "../../"+homePagePath(l.N)+"index.html" {
				t.Errorf("page %d's link is %q", l.N, l.URL)
			}
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("pager of page %d: %s, want %s", c.n, strings.Join(got, " "), c.want)
		}
	}
}

// pairList is the chooser page's list of pairs, without the pairs it
// names as sharing the most.
func pairList(page string) string {
	_, list, _ := strings.Cut(page, `id="pair-list"`)
	list, _, _ = strings.Cut(list, "</ul>")
	return list
}

var pairLine = regexp.MustCompile(`<li><a href="(?:\.\./)+compare/([^/]+--[^/]+)/index\.html">`)

// TestChooserPages pages the chooser's list of the seeds' ten pairs four
// at a time: each pair must be listed once, in corpus order, over three
// pages that lead to each other; the first alone must have the form, its
// script and the index of pairs that the script reads, which must name
// every pair; and the dev server must make the same pages.
func TestChooserPages(t *testing.T) {
	project := seedProject(t)
	whole := buildFiles(t, project)
	all := submatches(pairLine, pairList(string(whole["compare/index.html"])))
	if len(all) != 10 || strings.Contains(string(whole["compare/index.html"]), `class="pager"`) {
		t.Fatalf("the one chooser page lists %d pairs, want the seeds' 10 and no pager", len(all))
	}

	defer func(n int) { pairsPerDoc = n }(pairsPerDoc)
	pairsPerDoc = 2
	withSetting(t, project, "paginate: 2")
	files := buildFiles(t, project)
	names := []string{"compare/index.html", "compare/page/2/index.html", "compare/page/3/index.html"}
	var listed []string
	for i, name := range names {
		page := string(files[name])
		if page == "" {
			t.Fatalf("no %s", name)
		}
		pairs := submatches(pairLine, pairList(page))
		if len(pairs) != min(4, 10-4*i) {
			t.Errorf("%s lists %d pairs, want %d", name, len(pairs), min(4, 10-4*i))
		}
		listed = append(listed, pairs...)
		if m := currentPage.FindAllStringSubmatch(page, -1); len(m) != 1 || m[0][1] != fmt.Sprint(i+1) {
			t.Errorf("%s: its pager marks %v as the current page, want %d", name, m, i+1)
		}
		if want := fmt.Sprintf("本页列出第 %d–%d 组，共 10 组。", 4*i+1, min(4*i+4, 10)); !strings.Contains(page, want) {
			t.Errorf("%s does not say %q", name, want)
		}
		hasForm := strings.Contains(page, `id="chooser"`) && strings.Contains(page, `id="pair-index"`) && strings.Contains(page, "static/compare.js")
		if hasForm != (i == 0) {
			t.Errorf("%s: has the chooser's form, index and script: %v", name, hasForm)
		}
		checkPageLinks(t, files, name)
	}
	if !slices.Equal(listed, all) {
		t.Errorf("the pages list %v, want each pair once in corpus order: %v", listed, all)
	}
	if files["compare/page/4/index.html"] != nil {
		t.Errorf("the build writes a page the pager does not name")
	}

	// The script's index, read as the script reads it, names every pair.
	first := string(files["compare/index.html"])
	var ids []string
	for _, m := range regexp.MustCompile(`<select name="a"[^>]*>(.*?)</select>`).FindAllStringSubmatch(first, 1) {
		for _, o := range regexp.MustCompile(`<option value="([^"]+)"`).FindAllStringSubmatch(m[1], -1) {
			ids = append(ids, o[1])
		}
	}
	raw := regexp.MustCompile(`(?s)<script type="application/json" id="pair-index">(.*?)</script>`).FindStringSubmatch(first)
	var index [][]int
	if raw == nil || json.Unmarshal([]byte(raw[1]), &index) != nil || len(index) != len(ids) {
		t.Fatalf("the pair index is %q for %d documents", raw, len(ids))
	}
	var indexed []string
	for i, js := range index {
		for _, j := range js {
			a, b := ids[i], ids[j]
			if b < a {
				a, b = b, a
			}
			indexed = append(indexed, a+"--"+b)
		}
	}
	slices.Sort(indexed)
	sorted := slices.Sorted(slices.Values(all))
	if !slices.Equal(indexed, sorted) {
		t.Errorf("the script's index names %v, want the pairs %v", indexed, sorted)
	}

	m := newMemory(t, project)
	compareFiles(t, getAll(t, m, names), files, func(name string) bool { return !slices.Contains(names, name) })
	for _, name := range []string{"compare/page/1/index.html", "compare/page/4/index.html", "compare/page/x/index.html"} {
		if _, ok, _ := m.Get(name); ok {
			t.Errorf("the dev server serves %s", name)
		}
	}
}

var (
	themeDocLink = regexp.MustCompile(`href="((?:\.\./)*themes/[^"#]+index\.html)#(doc-[^"]+)"`)
	themeGroupID = regexp.MustCompile(`<section class="theme-doc" id="doc-([^"]+)"`)
)

// TestThemePages pages the seed site's theme pages two documents at a
// time: every theme's documents must each be shown once, newest first
// (undated last), over its pages; the link checker must find every link and
// fragment of the site — the matrix's, the document pages' and the
// section pages' links to a document's passages on the right page of a
// theme among them; and the dev server must make the same files.
func TestThemePages(t *testing.T) {
	project := seedProject(t)
	whole := buildFiles(t, project)
	dates := map[string]string{}
	s, _, err := Load(Options{Content: filepath.Join(project, "content")})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range s.docs {
		dates[d.ID] = d.Date
	}
	withSetting(t, project, "paginate: 2")
	files := buildFiles(t, project)
	paged := 0
	for name, data := range whole {
		id, ok := strings.CutPrefix(name, "themes/")
		id, ok2 := strings.CutSuffix(id, "/index.html")
		if !ok || !ok2 || id == "" {
			continue
		}
		want := submatches(themeGroupID, string(data))
		// The page says in what order it lists them.
		undated := slices.ContainsFunc(want, func(id string) bool { return dates[id] == "" })
		order := "按日期排列，新的在前。"
		if undated {
			order = "按日期排列，新的在前，未注明日期的在后。"
		}
		if !strings.Contains(string(data), `<p class="note theme-order">`+order+`</p>`) {
			t.Errorf("theme %s does not say %q", id, order)
		}
		for i := 1; i < len(want); i++ {
			if a, b := dates[want[i-1]], dates[want[i]]; a < b {
				t.Errorf("theme %s lists %s (%q) before %s (%q), want the newest first and the undated last", id, want[i-1], a, want[i], b)
			}
		}
		var got []string
		for n := 1; ; n++ {
			page, ok := files[themePagePath(id, n)+"index.html"]
			if !ok {
				if n-1 != max(1, (len(want)+1)/2) {
					t.Errorf("theme %s: %d pages for %d documents, want %d", id, n-1, len(want), max(1, (len(want)+1)/2))
				}
				break
			}
			if n > 1 {
				paged++
			}
			if say := fmt.Sprintf("本页列出提及此主题的第 %d–%d 份文件，共 %d 份，按日期排列", 2*n-1, min(2*n, len(want)), len(want)); len(want) > 2 && !strings.Contains(string(page), say) {
				t.Errorf("theme %s, page %d does not say %q", id, n, say)
			}
			got = append(got, submatches(themeGroupID, string(page))...)
		}
		if !slices.Equal(got, want) {
			t.Errorf("theme %s: its pages show %v, want %v once each in order", id, got, want)
		}
	}
	if paged == 0 {
		t.Fatal("no theme has a second page: the test shows nothing")
	}

	out := filepath.Join(t.TempDir(), "site")
	if _, err := Build(Options{Content: filepath.Join(project, "content"), Out: out, Zip: "-"}); err != nil {
		t.Fatal(err)
	}
	checkLinks(t, out)

	m := newMemory(t, project)
	compareFiles(t, getAll(t, m, sortedNames(files)), files, nil)
	for _, name := range []string{"themes/zhiliang-jichu-sheshi/page/1/index.html", "themes/zhiliang-jichu-sheshi/page/9/index.html", "themes/nope/page/2/index.html"} {
		if _, ok, _ := m.Get(name); ok {
			t.Errorf("the dev server serves %s", name)
		}
	}
}

// TestThemePagesFollowEdits edits, in a corpus whose documents are
// compared with their most similar ones only, one theme to a page, a
// document so that it mentions a theme it did not, which moves every
// later document that mentions the theme to the next page, some of them
// not compared with the edited one: the dev server's pages must then
// lead to each document's passages where they now are, before the
// alignments are made again.
func TestThemePagesFollowEdits(t *testing.T) {
	project := syntheticProject(t, 32)
	withSetting(t, project, "paginate: 1")
	m := newMemory(t, project)
	getAll(t, m, sortedNames(buildFiles(t, project)))
	s := m.cur.Load().site
	paired := func(a, b *docInfo) bool {
		return slices.ContainsFunc(s.pairs, func(p docPair) bool { return p.a == a && p.b == b || p.a == b && p.b == a })
	}
	var (
		doc   *docInfo
		theme *themes.Theme
	)
	for i, d := range s.docs {
		for ti, th := range s.themes.Themes {
			if d.themeCounts[ti] == 0 && doc == nil && slices.ContainsFunc(s.docs[i+1:], func(o *docInfo) bool { return o.themeCounts[ti] > 0 && !paired(d, o) }) {
				doc, theme = d, th
			}
		}
	}
	if doc == nil {
		t.Fatal("no document lacks a theme that a later one, not compared with it, has")
	}
	file := filepath.Join(project, "content", "docs", filepath.Base(doc.File))
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// A sentence into the text of a section: after the first run of its
	// first paragraph that the source holds once.
	var anchor string
	for _, sec := range doc.Sections {
		for _, b := range sec.Blocks {
			if r := []rune(b.Text); len(r) > 8 && bytes.Count(src, []byte(string(r[:8]))) == 1 && anchor == "" {
				anchor = string(r[:8])
			}
		}
	}
	if anchor == "" {
		t.Fatalf("%s: no paragraph to edit", file)
	}
	r := update(t, m, edit(t, file, anchor, anchor+"推进"+theme.Terms[0]+"，"))
	if !slices.Contains(r.Changed, keyThemePages(theme.ID)) {
		t.Fatalf("report = %+v, want the paging of %s changed", r, theme.ID)
	}
	checkThemeLinks := func() {
		t.Helper()
		fresh := buildFiles(t, project)
		got := getAll(t, m, sortedNames(fresh))
		links := 0
		for _, name := range sortedNames(got) {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			for _, l := range themeDocLink.FindAllStringSubmatch(string(got[name]), -1) {
				target := resolve(name, l[1])
				if !strings.Contains(string(got[target]), `id="`+l[2]+`"`) {
					t.Errorf("%s: the link to %s#%s finds no such passages there", name, target, l[2])
				}
				links++
			}
		}
		if links == 0 {
			t.Fatal("no links to a theme's passages checked")
		}
	}
	checkThemeLinks()

	// The theme's oldest document redated to the newest: it moves from
	// the last of the theme's pages to the first, and every other one a
	// page on.
	s = m.cur.Load().site
	ti := s.themeIndex(theme)
	oldest := s.byDate[len(s.byDate)-1]
	for _, d := range s.byDate {
		if d.themeCounts[ti] > 0 {
			oldest = d
		}
	}
	if oldest.Date == "" || s.themeRanks[ti][oldest.Index] == 0 {
		t.Fatalf("%s: its oldest document %s is undated or first", theme.ID, oldest.ID)
	}
	file = filepath.Join(project, "content", "docs", filepath.Base(oldest.File))
	r = update(t, m, edit(t, file, "date: "+oldest.Date, "date: 2029-12-31"))
	if !slices.Contains(r.Changed, keyThemePages(theme.ID)) {
		t.Fatalf("redated: report = %+v, want the paging of %s changed", r, theme.ID)
	}
	if s := m.cur.Load().site; s.themeRanks[ti][oldest.Index] != 0 {
		t.Errorf("redated to the newest, %s is at %d of %s's documents", oldest.ID, s.themeRanks[ti][oldest.Index], theme.ID)
	}
	// The home page, a document a page here, lists it first now.
	home := getAll(t, m, []string{"index.html"})["index.html"]
	if rows := submatches(docRowLink, string(home)); len(rows) != 2 || rows[0] != oldest.ID {
		t.Errorf("redated to the newest, %s is not the home page's one document: it lists %v", oldest.ID, rows)
	}
	checkThemeLinks()
}

// TestPaginateSetting: site.yaml's paginate is a whole number of
// documents, 1 or more, 100 when left out; anything else is an error at
// its line, saying what to write.
func TestPaginateSetting(t *testing.T) {
	file := filepath.Join(t.TempDir(), "site.yaml")
	for value, want := range map[string]int{"": defaultPaginate, "7": 7, "1": 1, "0": 0, "-3": 0, "ten": 0, "1.5": 0, "[2]": 0} {
		cfg, err := configWith(t, file, "paginate", value)
		switch {
		case want > 0 && (err != nil || cfg.Paginate != want):
			t.Errorf("paginate %q: %d, %v; want %d", value, cfg.Paginate, err, want)
		case want == 0 && (err == nil || !strings.Contains(err.Error(), file+":3:")):
			t.Errorf("paginate %q: no error at line 3: %v", value, err)
		case want == 0 && value != "[2]" && !strings.Contains(err.Error(), "1 or more"):
			t.Errorf("paginate %q: the error does not say what to write: %v", value, err)
		}
	}
}

// configWith writes a site.yaml to file that sets key to value (leaves
// it out when value is empty) and loads it.
func configWith(t *testing.T, file, key, value string) (Config, error) {
	t.Helper()
	src := "title: 站\nname: s\n"
	if value != "" {
		src += key + ": " + value + "\n"
	}
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, problems := LoadConfig(file)
	return cfg, problems.Err()
}
