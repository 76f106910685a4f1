package site

import (
	"archive/zip"
	"encoding/json"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"tiaowen/internal/textnorm"
)

// seedSite builds the repository's own content once, from a copy (a
// build records permalinks in content/, which tests must not touch).
var seedSite = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "tiaowen-seed-site-")
	if err != nil {
		return "", err
	}
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		return "", err
	}
	_, err = Build(Options{Content: filepath.Join(dir, "content"), Out: filepath.Join(dir, "build", "site"),
		Zip: filepath.Join(dir, "build", "bundle.zip")})
	return dir, err
})

func seedDir(t *testing.T) string {
	t.Helper()
	dir, err := seedSite()
	if err != nil {
		t.Fatalf("build the seed site: %v", err)
	}
	return dir
}

// page is a parsed HTML file with what the link checker needs.
type parsedPage struct {
	ids   map[string]bool
	links []string // href and src values
	base  string   // the <base> element's href, if any
	text  string   // the text of <main>
}

func parseHTMLFile(t *testing.T, file string) parsedPage {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	p := parsedPage{ids: map[string]bool{}}
	var text strings.Builder
	var walk func(n *html.Node, inMain bool)
	walk = func(n *html.Node, inMain bool) {
		if n.Type == html.ElementNode {
			if n.Data == "main" {
				inMain = true
			}
			for _, a := range n.Attr {
				switch a.Key {
				case "id":
					p.ids[a.Val] = true
				case "href", "src":
					if n.Data == "base" {
						p.base = a.Val
						continue
					}
					isCanonical := false
					for _, b := range n.Attr {
						if b.Key == "rel" && (b.Val == "canonical" || b.Val == "alternate") {
							isCanonical = true
						}
					}
					if !isCanonical || !strings.HasPrefix(a.Val, "http") {
						p.links = append(p.links, a.Val)
					}
				}
			}
		}
		if n.Type == html.TextNode && inMain {
			text.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inMain)
		}
	}
	walk(doc, false)
	p.text = text.String()
	return p
}

// checkLinks walks every page under root and checks that every relative
// link names a file that exists and every fragment an element that does.
func checkLinks(t *testing.T, root string) {
	t.Helper()
	pages := map[string]parsedPage{}
	get := func(file string) parsedPage {
		if p, ok := pages[file]; ok {
			return p
		}
		p := parseHTMLFile(t, file)
		pages[file] = p
		return p
	}
	var files []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return err
	})
	if len(files) < 50 {
		t.Fatalf("only %d pages under %s", len(files), root)
	}
	broken, fragments, checked := 0, 0, 0
	for _, file := range files {
		// Only the web's 404 page, served at any depth, has a <base>: the
		// site's root, for content/site.yaml's base URL "/".
		dir := filepath.Dir(file)
		if b := get(file).base; b != "" {
			if file != filepath.Join(root, "404.html") || b != "/" {
				t.Errorf("%s: <base href=%q>; only the web's 404.html has one, of the site's root /", file, b)
			}
			dir = root
		}
		for _, link := range get(file).links {
			u, err := url.Parse(link)
			if err != nil {
				t.Errorf("%s: bad link %q", file, link)
				continue
			}
			if u.Scheme == "https" || u.Scheme == "http" || u.Scheme == "mailto" {
				continue // outside links in the documents' own text
			}
			if u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/") {
				t.Errorf("%s: link %q is not relative", file, link)
				continue
			}
			target := file
			if u.Path != "" {
				if strings.HasSuffix(u.Path, "/") {
					t.Errorf("%s: link %q names a directory, not its index.html", file, link)
				}
				target = filepath.Join(dir, filepath.FromSlash(u.Path))
			}
			checked++
			if _, err := os.Stat(target); err != nil {
				broken++
				t.Errorf("%s: broken link %q", file, link)
				continue
			}
			if u.Fragment != "" && strings.HasSuffix(target, ".html") && !get(target).ids[u.Fragment] {
				fragments++
				t.Errorf("%s: link %q: no element with id %q", file, link, u.Fragment)
			}
		}
	}
	t.Logf("%d pages, %d links checked: %d broken, %d missing fragments", len(files), checked, broken, fragments)
}

func TestSeedSiteLinks(t *testing.T) {
	dir := seedDir(t)
	checkLinks(t, filepath.Join(dir, "build", "site"))
}

func TestOfflineBundleLinks(t *testing.T) {
	dir := seedDir(t)
	zr, err := zip.OpenReader(filepath.Join(dir, "build", "bundle.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := t.TempDir()
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "zhiliang-qiangsheng/") {
			t.Fatalf("bundle entry %q is not inside the site's folder", f.Name)
		}
		p := filepath.Join(out, filepath.FromSlash(f.Name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		os.WriteFile(p, b, 0o644)
	}
	checkLinks(t, filepath.Join(out, "zhiliang-qiangsheng"))
}

type truthDoc struct {
	Title    string   `json:"title"`
	Cruft    []string `json:"cruft"`
	Sections []struct {
		EID   string `json:"eId"`
		Title string `json:"title"`
	} `json:"sections"`
}

var seedFiles = map[string]string{
	"guangdong-2023-gangyao": "000_e4c1e6d1dc609431",
	"guangdong-2020-shishi":  "001_6b718453d80b1ef8",
	"jiangsu-2023-yijian":    "002_aa4f806ae0ee63b3",
	"luhe-2017-yijian":       "003_3375bcca5598cc84",
	"guangzhou-2023-fangan":  "004_ff23fd409789d184",
}

// TestSeedTextVerbatim checks that every seed section's title and text
// appear verbatim on its document page, and no cruft does.
func TestSeedTextVerbatim(t *testing.T) {
	dir := seedDir(t)
	s, _, err := Load(Options{Content: filepath.Join(dir, "content")})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range s.docs {
		stem := seedFiles[d.ID]
		var tr truthDoc
		b, err := os.ReadFile(filepath.Join("../../testdata/seeds/truth", stem+".json"))
		if err != nil {
			t.Fatal(err)
		}
		json.Unmarshal(b, &tr)
		page := parseHTMLFile(t, filepath.Join(dir, "build", "site", "docs", d.ID, "index.html")).text
		if len(tr.Sections) != len(d.Sections) {
			t.Fatalf("%s: %d sections, truth has %d", d.ID, len(d.Sections), len(tr.Sections))
		}
		for i, sec := range d.Sections {
			if sec.EID != tr.Sections[i].EID || sec.Title != tr.Sections[i].Title {
				t.Errorf("%s: section %d is %s %q, truth %s %q", d.ID, i, sec.EID, sec.Title, tr.Sections[i].EID, tr.Sections[i].Title)
			}
			if !strings.Contains(page, sec.Marker+sec.Title) {
				t.Errorf("%s %s: heading %q not on the page", d.ID, sec.EID, sec.Marker+sec.Title)
			}
			for _, para := range strings.Split(sec.Text, "\n") {
				if !strings.Contains(page, para) {
					t.Errorf("%s %s: text %q not verbatim on the page", d.ID, sec.EID, excerpt(para, 30))
				}
			}
		}
		for _, c := range tr.Cruft {
			if strings.Contains(page, c) {
				t.Errorf("%s: cruft %q on the page", d.ID, c)
			}
		}
	}
}

// TestSeedThemePages checks that the three seed themes' pages list every
// seed section that mentions them, found here independently by a plain
// substring search over normalised text.
func TestSeedThemePages(t *testing.T) {
	dir := seedDir(t)
	s, _, err := Load(Options{Content: filepath.Join(dir, "content")})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"shoufu-zerenzhi", "shuangbidui-shuangtisheng", "zhiliang-jichu-sheshi"} {
		th := s.themes.Theme(id)
		if th == nil {
			t.Fatalf("theme %s missing", id)
		}
		page := parseHTMLFile(t, filepath.Join(dir, "build", "site", "themes", id, "index.html"))
		listed := map[string]bool{}
		for _, l := range page.links {
			if strings.HasPrefix(l, "../../docs/") && strings.Count(l, "/") == 5 {
				listed[path.Dir(strings.TrimPrefix(l, "../../docs/"))] = true
			}
		}
		want := 0
		for _, d := range s.docs {
			for _, sec := range d.Sections {
				text := textnorm.Key(sec.Title + "\n" + sec.Text)
				hit := false
				for _, term := range th.Terms {
					if strings.Contains(text, textnorm.Key(term)) {
						hit = true
					}
				}
				if !hit {
					continue
				}
				want++
				if !listed[d.ID+"/"+sec.EID] {
					t.Errorf("theme %s: page does not list %s %s", id, d.ID, sec.EID)
				}
			}
		}
		if want == 0 {
			t.Errorf("theme %s: no seed section mentions it", id)
		}
		if id == "zhiliang-jichu-sheshi" && !listed["jiangsu-2023-yijian/s22"] {
			t.Errorf("theme %s: the traditional Jiangsu sections are not listed", id)
		}
		t.Logf("theme %s: %d sections", id, want)
	}
}

// TestCompareAPI checks /api/compare/<a>--<b>.json of the seed site
// against its public contract: the five keys, never null; every section of
// both documents either paired once or listed unmatched; shared ranges in
// code points of each section's own text (as /api/docs gives it) that
// hold the same characters once normalised, at least 8 of them.
func TestCompareAPI(t *testing.T) {
	dir := filepath.Join(seedDir(t), "build", "site")
	texts := func(id string) map[string][]rune {
		var doc struct {
			Sections []struct {
				EID  string `json:"eId"`
				Text string `json:"text"`
			} `json:"sections"`
		}
		data, err := os.ReadFile(filepath.Join(dir, "api", "docs", id+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		m := map[string][]rune{}
		for _, s := range doc.Sections {
			m[s.EID] = []rune(s.Text)
		}
		return m
	}
	pairs, _ := filepath.Glob(filepath.Join(dir, "api", "compare", "*--*.json"))
	if len(pairs) != 10 {
		t.Fatalf("%d files under api/compare/, want one for each of the 10 pairs of seeds", len(pairs))
	}
	for _, file := range pairs {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		a, b, _ := strings.Cut(name, "--")
		if a >= b {
			t.Errorf("%s: ids not in corpus order", name)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(data, &raw); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, k := range []string{"a", "b", "pairs", "unmatchedA", "unmatchedB"} {
			if v, ok := raw[k]; !ok || string(v) == "null" {
				t.Errorf("%s: key %q missing or null", name, k)
			}
		}
		var al struct {
			A, B  string
			Pairs []struct {
				A, B   string
				Score  float64
				Shared []struct{ A, B [2]int }
			}
			UnmatchedA, UnmatchedB []string
		}
		if err := json.Unmarshal(data, &al); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if al.A != a || al.B != b {
			t.Errorf("%s: a, b = %q, %q", name, al.A, al.B)
		}
		ta, tb := texts(a), texts(b)
		seenA, seenB := map[string]int{}, map[string]int{}
		shared := 0
		for _, p := range al.Pairs {
			shared += len(p.Shared)
			seenA[p.A]++
			seenB[p.B]++
			if p.Score <= 0 || p.Score > 1 {
				t.Errorf("%s: pair %s–%s has score %v", name, p.A, p.B, p.Score)
			}
			for _, sh := range p.Shared {
				ra, rb := ta[p.A], tb[p.B]
				if sh.A[0] < 0 || sh.A[1] > len(ra) || sh.A[0] >= sh.A[1] || sh.B[0] < 0 || sh.B[1] > len(rb) || sh.B[0] >= sh.B[1] {
					t.Errorf("%s: pair %s–%s: shared range %v/%v outside the texts (%d, %d code points)", name, p.A, p.B, sh.A, sh.B, len(ra), len(rb))
					continue
				}
				ka := textnorm.Key(string(ra[sh.A[0]:sh.A[1]]))
				kb := textnorm.Key(string(rb[sh.B[0]:sh.B[1]]))
				if ka != kb || len([]rune(ka)) < 8 {
					t.Errorf("%s: pair %s–%s: shared %q and %q differ once normalised, or are short", name, p.A, p.B,
						string(ra[sh.A[0]:sh.A[1]]), string(rb[sh.B[0]:sh.B[1]]))
				}
			}
		}
		// The 方案 repeats whole sentences of the 纲要.
		if name == "guangdong-2023-gangyao--guangzhou-2023-fangan" && shared < 20 {
			t.Errorf("%s: %d shared passages, want many", name, shared)
		}
		for _, e := range al.UnmatchedA {
			seenA[e]++
		}
		for _, e := range al.UnmatchedB {
			seenB[e]++
		}
		for eid := range ta {
			if seenA[eid] != 1 {
				t.Errorf("%s: section %s of %s appears %d times among pairs and unmatched, want once", name, eid, a, seenA[eid])
			}
		}
		for eid := range tb {
			if seenB[eid] != 1 {
				t.Errorf("%s: section %s of %s appears %d times among pairs and unmatched, want once", name, eid, b, seenB[eid])
			}
		}
	}
}
