package site

import (
	"bytes"
	"cmp"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"tiaowen/internal/corpus"
)

// TestAPIIndexes reads the API's lists as a machine does: /api/docs.json
// names every document with its metadata and leads to its page and its
// JSON; /api/compare.json names every pair page and its alignment, with
// the number of sections it pairs; /api/docs.js is the same document list
// for the home page's script.
func TestAPIIndexes(t *testing.T) {
	dir := unpack(t, "basic.txtar")
	build(t, dir)
	site := filepath.Join(dir, "build", "site")
	const base = "https://example.org/lib/"
	exists := func(u, file string) { t.Helper(); wantFileAt(t, site, base, u, file) }

	var docs struct {
		Documents []map[string]any `json:"documents"`
	}
	if err := json.Unmarshal([]byte(read(t, dir, "api/docs.json")), &docs); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range docs.Documents {
		ids = append(ids, d["id"].(string))
		exists(d["url"].(string), "index.html")
		exists(d["json"].(string), "")
	}
	if !slices.Equal(ids, []string{"a-plan", "b-yijian"}) {
		t.Fatalf("api/docs.json lists %q, want both documents in corpus order", ids)
	}
	a := docs.Documents[0]
	for k, want := range map[string]any{"title": "甲市质量强市实施方案", "issuer": "甲市人民政府", "date": "2023-05-01",
		"lang": "zh-Hans", "sections": float64(7), "url": base + "docs/a-plan/", "json": base + "api/docs/a-plan.json"} {
		if a[k] != want {
			t.Errorf("api/docs.json: a-plan's %s is %v, want %v", k, a[k], want)
		}
	}
	for _, k := range []string{"number", "status", "level", "region"} {
		if _, ok := a[k]; !ok {
			t.Errorf("api/docs.json: a-plan has no %s", k)
		}
	}

	script, ok := strings.CutPrefix(read(t, dir, "api/docs.js"), "window.TIAOWEN_DOCS=")
	if !ok {
		t.Fatal("api/docs.js does not set window.TIAOWEN_DOCS")
	}
	var list struct {
		Fields []string `json:"fields"`
		Docs   [][]any  `json:"docs"`
	}
	if err := json.Unmarshal([]byte(script), &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Docs) != len(docs.Documents) {
		t.Fatalf("api/docs.js lists %d documents, api/docs.json %d", len(list.Docs), len(docs.Documents))
	}
	for i, row := range list.Docs {
		for j, f := range list.Fields {
			// A row stops short of the columns it leaves empty.
			var got any = ""
			if j < len(row) {
				got = row[j]
			}
			if want, ok := docs.Documents[i][f]; ok && got != want {
				t.Errorf("api/docs.js: %s's %s is %v, api/docs.json's %v", ids[i], f, got, want)
			}
		}
	}
	// The 繁體 document can be found by 简体 words.
	folded := list.Docs[1][slices.Index(list.Fields, "folded")].(string)
	if !strings.Contains(folded, "乙省关于深化质量强省建设的实施意见") {
		t.Errorf("api/docs.js: b-yijian's title is not given in 简体: %q", folded)
	}

	checkCompareIndex(t, site, base, ids)
}

// TestAPICompareSeeds checks /api/compare.json over the seeds, whose
// pairs share whole sentences.
func TestAPICompareSeeds(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	build(t, dir)
	ids := []string{"guangdong-2020-shishi", "guangdong-2023-gangyao", "guangzhou-2023-fangan", "jiangsu-2023-yijian", "luhe-2017-yijian"}
	if shared := checkCompareIndex(t, filepath.Join(dir, "build", "site"), "https://tiaowen.example.org/", ids); shared < 10 {
		t.Errorf("%d of the seeds' 10 pairs share a passage, want all", shared)
	}

	// A document's page lists the documents it is compared with, those
	// that share most of its text first, saying how much; a pair page
	// says it of both.
	var pairs struct {
		Pairs []struct {
			A, B             string
			SharedA, SharedB float64
		} `json:"pairs"`
	}
	if err := json.Unmarshal([]byte(read(t, dir, "api/compare.json")), &pairs); err != nil {
		t.Fatal(err)
	}
	link := regexp.MustCompile(`<li><a href="../../compare/([^/]+)/index.html"[^>]*>[^<]*</a>(?: <span class="dated">([^<]*)</span>)?(?: <span class="where">([^<]*)</span>)? <span class="note">\d+ 对条目，本文 ([^ ]+|不足 1%) 的文字与之共有</span></li>`)
	// Each says when the other document was issued, and whether before
	// or after: of two that share their words, the earlier is the
	// likelier source.
	dates := map[string]string{"guangdong-2020-shishi": "2020-09-17", "guangdong-2023-gangyao": "2023-06-21", "guangzhou-2023-fangan": "",
		"jiangsu-2023-yijian": "2023-03-10", "luhe-2017-yijian": "2017-05-24"}
	regions := map[string]string{"guangdong-2020-shishi": "广东省", "guangdong-2023-gangyao": "广东省", "guangzhou-2023-fangan": "广州市",
		"jiangsu-2023-yijian": "江蘇省", "luhe-2017-yijian": "陆河县"}
	for _, id := range ids {
		page := read(t, dir, "docs/"+id+"/index.html")
		var listed []string
		last := 2.0
		for _, m := range link.FindAllStringSubmatch(page, -1) {
			listed = append(listed, m[1])
			other := strings.TrimSuffix(strings.TrimPrefix(strings.Replace(m[1], id, "", 1), "--"), "--")
			if when := relation(dates[other], dates[id]); m[2] != when {
				t.Errorf("%s names %s's date as %q, want %q", id, other, m[2], when)
			}
			// And where it was issued, as it writes its region.
			if m[3] != regions[other] {
				t.Errorf("%s names %s's region as %q, want %q", id, other, m[3], regions[other])
			}
			for _, p := range pairs.Pairs {
				if p.A+"--"+p.B != m[1] {
					continue
				}
				share := p.SharedA
				if p.B == id {
					share = p.SharedB
				}
				if m[4] != percent(share) || share > last {
					t.Errorf("%s lists %s as sharing %s of its text after one sharing %.4f; it shares %.4f", id, m[1], m[4], last, share)
				}
				last = share
				pair := read(t, dir, "compare/"+m[1]+"/index.html")
				if want := "占前者文字的 " + percent(p.SharedA) + "、后者的 " + percent(p.SharedB) + "。"; !strings.Contains(pair, want) {
					t.Errorf("compare/%s/ does not say %s", m[1], want)
				}
			}
		}
		if len(listed) != 4 {
			t.Errorf("%s lists %d documents to compare with, want the other 4: %q", id, len(listed), listed)
		}
		// So does a section's list of its counterparts, of each.
		counterpart := regexp.MustCompile(`<li><a href="../../../docs/([^/]+)/[^"]*" lang="[^"]*">[^<]*</a>(?: <span class="dated">([^<]*)</span>)? <span class="badge"`)
		sections, _ := filepath.Glob(filepath.Join(dir, "build", "site", "docs", id, "*", "index.html"))
		dated := 0
		for _, f := range sections {
			page, _ := os.ReadFile(f)
			for _, m := range counterpart.FindAllStringSubmatch(string(page), -1) {
				if want := relation(dates[m[1]], dates[id]); m[2] != want {
					t.Errorf("%s names the counterpart in %s as of %q, want %q", f, m[1], m[2], want)
				}
				if m[2] != "" {
					dated++
				}
			}
		}
		if dated == 0 && dates[id] != "" {
			t.Errorf("%s: no section's counterpart is dated (%d sections)", id, len(sections))
		}
	}
	// The chooser names the pairs that share the most, by the larger of
	// their two shares: half the seeds' ten pairs.
	chooser := read(t, dir, "compare/index.html")
	section, _, _ := strings.Cut(chooser[strings.Index(chooser, `id="closest-h"`)+1:], "</section>")
	closest := regexp.MustCompile(`<li><a href="../compare/([^/]+)/index.html">.*?</a> <span class="count"><span class="visually-hidden">共有文字占比 </span>([^ ]+) · ([^<]+)</span></li>`).FindAllStringSubmatch(section, -1)
	ranked := slices.Clone(pairs.Pairs)
	slices.SortStableFunc(ranked, func(x, y struct {
		A, B             string
		SharedA, SharedB float64
	}) int {
		return cmp.Compare(max(y.SharedA, y.SharedB), max(x.SharedA, x.SharedB))
	})
	if len(closest) != 5 {
		t.Fatalf("the chooser names %d pairs as sharing the most, want 5:\n%s", len(closest), section)
	}
	for k, m := range closest {
		p := ranked[k]
		if m[1] != p.A+"--"+p.B || m[2] != percent(p.SharedA) || m[3] != percent(p.SharedB) {
			t.Errorf("the chooser's pair %d is %s (%s · %s), want %s--%s (%s · %s)", k+1, m[1], m[2], m[3], p.A, p.B, percent(p.SharedA), percent(p.SharedB))
		}
	}
}

// checkCompareIndex holds /api/compare.json of the site in dir, whose
// documents are ids, to the pair pages and alignments it names, and
// returns how many of its pairs share a passage.
func checkCompareIndex(t *testing.T, site, base string, ids []string) int {
	t.Helper()
	read := func(name string) []byte {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	exists := func(u, file string) { t.Helper(); wantFileAt(t, site, base, u, file) }
	// Each document's text in code points, section by section, as the
	// alignments count their passages.
	runes := map[string]map[string]int{}
	for _, id := range ids {
		var d struct {
			Sections []struct{ EID, Text string }
		}
		if err := json.Unmarshal(read("api/docs/"+id+".json"), &d); err != nil {
			t.Fatal(err)
		}
		runes[id] = map[string]int{}
		for _, s := range d.Sections {
			runes[id][s.EID] = utf8.RuneCountInString(s.Text)
			runes[id][""] += utf8.RuneCountInString(s.Text)
		}
	}

	var pairs struct {
		Pairs []struct {
			A, B, URL, JSON  string
			Matched          int
			SharedA, SharedB float64
		} `json:"pairs"`
	}
	if err := json.Unmarshal(read("api/compare.json"), &pairs); err != nil {
		t.Fatal(err)
	}
	pages, _ := filepath.Glob(filepath.Join(site, "compare", "*--*"))
	if len(pairs.Pairs) == 0 || len(pairs.Pairs) != len(pages) {
		t.Fatalf("api/compare.json lists %d pairs; the site has %d pair pages", len(pairs.Pairs), len(pages))
	}
	shared := 0
	for _, p := range pairs.Pairs {
		exists(p.URL, "index.html")
		exists(p.JSON, "")
		var al struct {
			A, B  string
			Pairs []struct {
				A, B   string
				Shared []struct{ A, B [2]int }
			}
		}
		if err := json.Unmarshal(read(strings.TrimPrefix(p.JSON, base)), &al); err != nil {
			t.Fatal(err)
		}
		if al.A != p.A || al.B != p.B || len(al.Pairs) != p.Matched || p.Matched == 0 {
			t.Errorf("api/compare.json gives %s × %s %d pairs; its alignment is %s × %s with %d", p.A, p.B, p.Matched, al.A, al.B, len(al.Pairs))
		}
		// The shares are the passages' code points over the text's, the
		// passages of a section taken once where they overlap.
		var inA, inB int
		for _, pr := range al.Pairs {
			seenA, seenB := map[int]bool{}, map[int]bool{}
			for _, sh := range pr.Shared {
				for i := sh.A[0]; i < sh.A[1]; i++ {
					seenA[i] = true
				}
				for i := sh.B[0]; i < sh.B[1]; i++ {
					seenB[i] = true
				}
			}
			if len(seenA) > runes[p.A][pr.A] || len(seenB) > runes[p.B][pr.B] {
				t.Errorf("%s × %s: passages of %s/%s run past their text", p.A, p.B, pr.A, pr.B)
			}
			inA, inB = inA+len(seenA), inB+len(seenB)
		}
		wantA, wantB := float64(inA)/float64(runes[p.A][""]), float64(inB)/float64(runes[p.B][""])
		if math.Abs(p.SharedA-wantA) > 5e-5 || math.Abs(p.SharedB-wantB) > 5e-5 {
			t.Errorf("api/compare.json: %s × %s share %.4f and %.4f; their passages are %.4f and %.4f of their text",
				p.A, p.B, p.SharedA, p.SharedB, wantA, wantB)
		}
		if inA > 0 {
			shared++
		}
	}
	return shared
}

// wantFileAt checks that u, an absolute URL of the site at base built
// into site, names a page or file of the build (u+file).
func wantFileAt(t *testing.T, site, base, u, file string) {
	t.Helper()
	rest, ok := strings.CutPrefix(u, base)
	if !ok {
		t.Errorf("%s is not under the base URL %s", u, base)
		return
	}
	if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(rest+file))); err != nil {
		t.Errorf("%s leads nowhere: %v", u, err)
	}
}

// TestSimplifiedTitles: a 繁體 document is found by its title as 简体
// writes it, phrase by phrase (顯著 显著, 覆蓋 覆盖, 著力 着力), in the
// chooser's lists and in api/docs.js; a 简体 title has no second form.
func TestSimplifiedTitles(t *testing.T) {
	d := &docInfo{Document: &corpus.Document{Meta: corpus.Meta{Title: "關於著力實現顯著提升與全覆蓋的意見", Issuer: "乙省人民政府"}}}
	if got, want := d.SimplifiedTitle(), "关于着力实现显著提升与全覆盖的意见"; got != want {
		t.Errorf("SimplifiedTitle() = %q, want %q", got, want)
	}
	s := &Site{docs: []*docInfo{d, {Document: &corpus.Document{Meta: corpus.Meta{Title: "甲市方案"}}}}}
	var b bytes.Buffer
	if err := s.docsScript(&b); err != nil {
		t.Fatal(err)
	}
	var list struct {
		Fields []string `json:"fields"`
		Docs   [][]any  `json:"docs"`
	}
	if err := json.Unmarshal([]byte(strings.TrimPrefix(b.String(), "window.TIAOWEN_DOCS=")), &list); err != nil {
		t.Fatal(err)
	}
	k := slices.Index(list.Fields, "folded")
	if got, want := list.Docs[0][k], "关于着力实现显著提升与全覆盖的意见 乙省人民政府 "; got != want {
		t.Errorf("api/docs.js: folded %q, want %q", got, want)
	}
	if got := list.Docs[1][k]; got != "" {
		t.Errorf("api/docs.js: a 简体 title folded to %q, want none", got)
	}
	if d := (&docInfo{Document: &corpus.Document{Meta: corpus.Meta{Title: "甲市方案"}}}); d.SimplifiedTitle() != "" {
		t.Errorf("a 简体 title has a second form %q", d.SimplifiedTitle())
	}
}

// relation is how a document dated date says another dated other was
// issued before or after it.
func relation(other, date string) string {
	switch {
	case other == "" || date == "":
		return other
	case other < date:
		return other + "，早于本文"
	case other > date:
		return other + "，晚于本文"
	}
	return other + "，与本文同日"
}
