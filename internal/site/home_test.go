package site

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
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
// exactly one page, in the corpus's order; every page must lead to its
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
		if want := fmt.Sprintf("本页列出第 %d–%d 份，共 5 份。", 2*i+1, min(2*i+2, 5)); !strings.Contains(page, want) {
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
	if !slices.Equal(listed, ids[:5]) {
		t.Errorf("the pages list %v, want each document once in corpus order: %v", listed, ids[:5])
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

// resolve is the site file a relative link in the page name leads to.
func resolve(name, href string) string {
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

var pairLine = regexp.MustCompile(`<li><a href="(?:\.\./)+compare/([^/]+--[^/]+)/index\.html">`)

// TestChooserPages pages the chooser's list of the seeds' ten pairs four
// at a time: each pair must be listed once, in corpus order, over three
// pages that lead to each other; the first alone must have the form, its
// script and the index of pairs that the script reads, which must name
// every pair; and the dev server must make the same pages.
func TestChooserPages(t *testing.T) {
	project := seedProject(t)
	whole := buildFiles(t, project)
	all := submatches(pairLine, string(whole["compare/index.html"]))
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
		pairs := submatches(pairLine, page)
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
	for _, m := range regexp.MustCompile(`<select name="a">(.*?)</select>`).FindAllStringSubmatch(first, 1) {
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
