package site

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
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
	// exists checks that an absolute URL of the site names a page or file
	// of the build.
	exists := func(u, file string) {
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
			if want, ok := docs.Documents[i][f]; ok && f != "level" && row[j] != want {
				t.Errorf("api/docs.js: %s's %s is %v, api/docs.json's %v", ids[i], f, row[j], want)
			}
		}
	}
	// The 繁體 document can be found by 简体 words.
	folded := list.Docs[1][slices.Index(list.Fields, "folded")].(string)
	if !strings.Contains(folded, "乙省关于深化质量强省建设的实施意见") {
		t.Errorf("api/docs.js: b-yijian's title is not given in 简体: %q", folded)
	}

	var pairs struct {
		Pairs []struct {
			A, B, URL, JSON string
			Matched         int
		} `json:"pairs"`
	}
	if err := json.Unmarshal([]byte(read(t, dir, "api/compare.json")), &pairs); err != nil {
		t.Fatal(err)
	}
	pages, _ := filepath.Glob(filepath.Join(site, "compare", "*--*"))
	if len(pairs.Pairs) == 0 || len(pairs.Pairs) != len(pages) {
		t.Fatalf("api/compare.json lists %d pairs; the site has %d pair pages", len(pairs.Pairs), len(pages))
	}
	for _, p := range pairs.Pairs {
		exists(p.URL, "index.html")
		exists(p.JSON, "")
		var al struct {
			A, B  string
			Pairs []any
		}
		if err := json.Unmarshal([]byte(read(t, dir, strings.TrimPrefix(p.JSON, base))), &al); err != nil {
			t.Fatal(err)
		}
		if al.A != p.A || al.B != p.B || len(al.Pairs) != p.Matched || p.Matched == 0 {
			t.Errorf("api/compare.json gives %s × %s %d pairs; its alignment is %s × %s with %d", p.A, p.B, p.Matched, al.A, al.B, len(al.Pairs))
		}
	}
}
