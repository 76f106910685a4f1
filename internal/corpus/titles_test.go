package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestTitleAsides: a document whose title no other has (in either
// script) has no aside; documents of one title are told apart by what
// they differ in, of their issuer, date and status, each only where a
// document has it, and by its id where those leave a document nothing or
// leave two alike.
func TestTitleAsides(t *testing.T) {
	doc := func(id, title, issuer, date, status string) *Document {
		return &Document{Meta: Meta{ID: id, Title: title, Issuer: issuer, Date: date, Status: status}}
	}
	docs := []*Document{
		doc("gz-draft", "广州市质量强市建设实施方案", "", "", "征求意见稿"),
		doc("gz-final", "广州市质量强市建设实施方案", "", "2024-03-01", "正式"),
		doc("gd-2020", "关于加快推进质量强省建设的实施方案", "广东省人民政府", "2020-09-17", "正式"),
		doc("js-2023", "關于加快推進質量強省建設的實施方案", "江苏省人民政府", "2023-03-10", "正式"),
		doc("a-1", "质量月活动方案", "某市市场监管局", "2021-09-01", "正式"),
		doc("a-2", "质量月活动方案", "某市市场监管局", "2021-09-01", "正式"),
		doc("a-3", "质量月活动方案", "某市市场监管局", "2022-09-01", "正式"),
		doc("alone", "广东省质量强省建设纲要", "中共广东省委", "2023-06-21", "正式"),
		doc("b-undated", "质量强县工作要点", "", "", "正式"),
		doc("b-dated", "质量强县工作要点", "", "2022-01-05", "正式"),
	}
	got := TitleAsides(docs)
	want := []string{
		"征求意见稿",
		"2024-03-01 · 正式",
		"广东省人民政府 · 2020-09-17", // the issuers and the dates differ, the status does not
		"江苏省人民政府 · 2023-03-10", // the same title in 繁體
		"2021-09-01 · a-1",
		"2021-09-01 · a-2",
		"2022-09-01",
		"",
		"b-undated", // nothing of its own where the other has a date
		"2022-01-05",
	}
	if !slices.Equal(got, want) {
		t.Errorf("TitleAsides =\n%q\nwant\n%q", got, want)
	}
}

// TestLoadDirTwins: documents that agree in title (in either script),
// issuer, date and status are warned of, each after the first at its
// title's line — most likely one document imported twice — and the load
// goes on; one date apart is a document of its own.
func TestLoadDirTwins(t *testing.T) {
	dir := t.TempDir()
	doc := func(id, title, date string) string {
		return "---\nid: " + id + "\ntitle: " + title + "\nissuer: 某市市场监管局\ndate: \"" + date + "\"\n---\n一、正文\n"
	}
	for name, src := range map[string]string{
		"a.md": doc("a", "质量月活动方案", "2021-09-01"),
		"b.md": doc("b", "质量月活动方案", "2021-09-01"),
		"c.md": doc("c", "質量月活動方案", "2021-09-01"),
		"d.md": doc("d", "质量月活动方案", "2022-09-01"),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, problems := NewParser().LoadDir(dir)
	if err := problems.Err(); err != nil || len(c.Docs) != 4 {
		t.Fatalf("%d documents, %v; want four and warnings only", len(c.Docs), err)
	}
	var got []string
	for _, p := range problems {
		got = append(got, strings.TrimPrefix(p.Error(), dir+string(filepath.Separator)))
	}
	slices.Sort(got)
	want := []string{
		`b.md:3:1: warning: "b" has the title, issuer, date and status of "a" (` + filepath.Join(dir, "a.md") + `:3:1): the same document twice?`,
		`c.md:3:1: warning: "c" has the title, issuer, date and status of "a" (` + filepath.Join(dir, "a.md") + `:3:1): the same document twice?`,
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range got {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d:\n%s\nwant it to start\n%s", i, got[i], want[i])
		}
	}
}
