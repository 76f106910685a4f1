package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestList lists the seeds with a draft and a newer version added: all
// of them, the drafts, what a build publishes, the superseded, the
// expired and those not yet in force, each row as its document's front
// matter has it, the permalink from site.yaml's base URL; an unknown
// list and a broken document are errors.
func TestList(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	docs := filepath.Join(content, "docs")
	src, err := os.ReadFile(filepath.Join(docs, "luhe-2017-yijian.md"))
	if err != nil {
		t.Fatal(err)
	}
	draft := bytes.Replace(src, []byte("id: luhe-2017-yijian\n"), []byte("id: luhe-2018-draft\ndraft: true\n"), 1)
	newer := bytes.Replace(src, []byte("id: luhe-2017-yijian\n"), []byte("id: luhe-2019-yijian\nsupersedes: [luhe-2017-yijian]\n"), 1)
	newer = bytes.Replace(newer, []byte("date: \"2017-05-24\""), []byte("date: \"2099-05-24\"\neffective: \"2099-06-01\""), 1)
	src = bytes.Replace(src, []byte("date: \"2017-05-24\""), []byte("date: \"2017-05-24\"\neffective: \"2017-05-24\"\nexpires: \"2019-05-23\"\noriginal: originals/luhe.pdf"), 1)
	if err := os.MkdirAll(filepath.Join(docs, "originals"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(docs, "originals", "luhe.pdf"), []byte("%PDF-1.7\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"luhe-2017-yijian.md": src, "luhe-2018-draft.md": draft, "luhe-2019-yijian.md": newer} {
		if err := os.WriteFile(filepath.Join(docs, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	list := func(args ...string) [][]string {
		t.Helper()
		out, errs, code := runCLI(t, append([]string{"list", "--content", content}, args...)...)
		if code != 0 {
			t.Fatalf("list %v: exit %d, stderr %q", args, code, errs)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(rows) == 0 || !slices.Equal(rows[0], listHeader) {
			t.Fatalf("list %v: %v, %q", args, err, out)
		}
		return rows[1:]
	}
	ids := func(rows [][]string) []string {
		var out []string
		for _, r := range rows {
			out = append(out, r[1])
		}
		return out
	}
	all := list()
	if len(all) != 7 {
		t.Fatalf("all: %d rows, want the five seeds, the draft and the newer version", len(all))
	}
	for _, r := range all {
		if r[1] == "luhe-2017-yijian" {
			want := []string{filepath.ToSlash(filepath.Join(docs, "luhe-2017-yijian.md")), "luhe-2017-yijian", "陆河县人民政府关于落实质量强省战略实施意见",
				"陆河县人民政府", "2017-05-24", "陆河府办〔2017〕43号", "正式", "false", "luhe-2019-yijian", "45", "https://tiaowen.example.org/docs/luhe-2017-yijian/",
				"2017-05-24", "2019-05-23", "county", "陆河县", "441523", "originals/luhe.pdf", "003_3375bcca5598cc84.txt"}
			if !slices.Equal(r, want) {
				t.Errorf("luhe-2017-yijian's row:\n%q\nwant\n%q", r, want)
			}
		}
	}
	for args, want := range map[string][]string{
		"drafts":     {"luhe-2018-draft"},
		"superseded": {"luhe-2017-yijian"},
		"published":  {"guangdong-2020-shishi", "guangdong-2023-gangyao", "guangzhou-2023-fangan", "jiangsu-2023-yijian", "luhe-2017-yijian", "luhe-2019-yijian"},
		"expired":    {"luhe-2017-yijian"},
		"future":     {"luhe-2019-yijian"},
	} {
		if got := ids(list(args)); !slices.Equal(got, want) {
			t.Errorf("list %s: %q, want %q", args, got, want)
		}
	}
	if _, errs, code := runCLI(t, "list", "--content", content, "archived"); code != 2 || !strings.Contains(errs, `"archived" is no list`) {
		t.Errorf("an unknown list: exit %d, stderr %q", code, errs)
	}
	if err := os.WriteFile(filepath.Join(docs, "broken.md"), []byte("---\nid: [\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errs, code := runCLI(t, "list", "--content", content); code != 1 || out != "" || !strings.Contains(errs, "broken.md:") {
		t.Errorf("a broken document: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
