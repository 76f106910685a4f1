package corpus

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"tiaowen/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func parseFile(t *testing.T, name string) (*Document, diag.List) {
	t.Helper()
	file := filepath.Join("testdata", name)
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return NewParser().Parse(file, src)
}

func eids(d *Document) []string {
	var out []string
	for _, s := range d.Sections {
		out = append(out, s.EID)
	}
	return out
}

// TestGolden parses each testdata document and compares its parse
// contract JSON with the golden file beside it (refresh with -update).
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			d, _ := parseFile(t, name)
			got, err := json.MarshalIndent(d.JSON(), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(f, ".md") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(string(got)) != strings.TrimSpace(string(want)) {
				t.Errorf("parse of %s differs from %s:\n%s", f, golden, got)
			}
		})
	}
}

func TestRegulation(t *testing.T) {
	d, problems := parseFile(t, "regulation.md")
	if len(problems) != 0 {
		t.Errorf("problems: %v", problems)
	}
	want := []string{"ch1", "art1", "art2", "ch2", "art3", "art3-s1", "art3-s2", "art3-s3", "art4", "ch3", "art5"}
	if got := eids(d); !slices.Equal(got, want) {
		t.Errorf("eIds = %v, want %v", got, want)
	}
	ch1 := d.Section("ch1")
	if ch1.Title != "总则" || ch1.Level != 1 {
		t.Errorf("ch1 = %q level %d", ch1.Title, ch1.Level)
	}
	art3 := d.Section("art3")
	if art3.Title != "" || art3.Text != "县级以上人民政府市场监督管理部门应当履行下列职责：" || art3.Level != 2 {
		t.Errorf("art3 = title %q text %q level %d", art3.Title, art3.Text, art3.Level)
	}
	s2 := d.Section("art3-s2")
	if s2.Title != "" || s2.Text != "查处生产、销售不合格产品的行为；" || !slices.Equal(s2.Path, []string{"第二章", "第三条", "（二）"}) {
		t.Errorf("art3-s2 = %q %q %v", s2.Title, s2.Text, s2.Path)
	}
	if len(d.Preamble) != 2 {
		t.Errorf("preamble = %+v", d.Preamble)
	}
}

func TestFourLevelNoticeWithTable(t *testing.T) {
	d, problems := parseFile(t, "notice.md")
	if len(problems) != 0 {
		t.Errorf("problems: %v", problems)
	}
	want := []string{"p1", "p1-s1", "p1-s1-i1", "p1-s1-i1-ii1", "p1-s1-i1-ii2", "p1-s1-i2", "p1-s2", "p2", "p2-s1"}
	if got := eids(d); !slices.Equal(got, want) {
		t.Fatalf("eIds = %v, want %v", got, want)
	}
	i2 := d.Section("p1-s1-i2")
	if i2.Title != "服务质量" || len(i2.Blocks) != 2 || i2.Blocks[1].Kind != Table || i2.Blocks[1].Rows[2][1] != "食品抽检合格率" {
		t.Errorf("p1-s1-i2 = %q %+v", i2.Title, i2.Blocks)
	}
	ii1 := d.Section("p1-s1-i1-ii1")
	if ii1.Title != "工业品" || ii1.Text != "开展重点产品“双比对、双提升”。" || ii1.Level != 4 {
		t.Errorf("ii1 = %q %q %d", ii1.Title, ii1.Text, ii1.Level)
	}
	var trailing []string
	for _, b := range d.Trailing {
		trailing = append(trailing, b.Text)
	}
	if !slices.Equal(trailing, []string{"某市人民政府办公室", "2022年3月1日", "（此件公开发布）"}) {
		t.Errorf("trailing = %q", trailing)
	}
	if got := d.Section("p2-s1").Text; got != "各区要建立工作机制。" {
		t.Errorf("last section text = %q", got)
	}
}

func TestTraditionalNoticeWithAnnexes(t *testing.T) {
	d, problems := parseFile(t, "hant-annex.md")
	if len(problems) != 0 {
		t.Errorf("problems: %v", problems)
	}
	want := []string{"p1", "s1", "s2", "p2", "s3", "annex1", "annex1-p1", "annex1-p1-s1", "annex2"}
	if got := eids(d); !slices.Equal(got, want) {
		t.Fatalf("eIds = %v, want %v", got, want)
	}
	a1, a2 := d.Section("annex1"), d.Section("annex2")
	if a1.Title != "重點任務分工表" || a1.Level != 1 || a1.Marker != "附件1" {
		t.Errorf("annex1 = %q %q level %d", a1.Marker, a1.Title, a1.Level)
	}
	if a2.Title != "名詞解釋" || a2.Marker != "附件2：" || !slices.Equal(a2.Path, []string{"附件2"}) || a2.Text != "質量基礎設施是指計量、標準、認證認可、檢驗檢測。" {
		t.Errorf("annex2 = %q %q %v %q", a2.Marker, a2.Title, a2.Path, a2.Text)
	}
	if d.Lang != "zh-Hant" {
		t.Errorf("lang = %q", d.Lang)
	}
}

func TestNumberingFaults(t *testing.T) {
	d, problems := parseFile(t, "faults.md")
	want := []string{"p1", "p1-s1", "p1-s3", "p1-s3_2", "p2", "p2-s1"}
	if got := eids(d); !slices.Equal(got, want) {
		t.Errorf("eIds = %v, want %v", got, want)
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.Error())
	}
	wantProblems := []string{
		"testdata/faults.md:11:1: warning: numbering gap: （三） follows （一） (the section keeps the number written; check the source text)",
		"testdata/faults.md:13:1: warning: （三） repeats the number of the （三） before it (the section keeps the number written; check the source text)",
	}
	if !slices.Equal(got, wantProblems) {
		t.Errorf("problems =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantProblems, "\n"))
	}
	if problems.Err() != nil {
		t.Errorf("numbering faults must not stop the parse: %v", problems.Err())
	}
}

func TestFrontMatterErrors(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"---\nid: a\ntitel: x\n---\n", []string{
			"a.md:3:1: unknown field \"titel\" (did you mean \"title\"?)",
			"a.md:2:1: missing title (give the document's own title)"}},
		{"---\nid: Bad_Id\ntitle: t\nlang: zh-CN\ndate: 2023-13-01\nlevel: town\n---\n", []string{
			"a.md:2:1: id \"Bad_Id\" is not an ascii slug (use lower-case letters, digits and single hyphens)",
			"a.md:5:1: date \"2023-13-01\" is not YYYY-MM-DD (write the day the document was issued as 2024-01-01)",
			"a.md:4:1: lang \"zh-CN\" is neither zh-Hans nor zh-Hant",
			"a.md:6:1: level \"town\" is not one of national, province, city, county"}},
		{"---\nid: a\n  title: x\n---\n", []string{"a.md:3:1: front matter: mapping values are not allowed in this context (front matter is YAML: key: value, one to a line)"}},
		// The YAML library names line 3 for both: its parser counts from 0.
		{"---\nid: a\ntitle: t\n- item\n---\n", []string{"a.md:4:1: front matter: did not find expected key (front matter is YAML: key: value, one to a line)"}},
		{"---\nid: a\ntitle: t\naliases: [x\nlang: zh-Hans\n---\n", []string{"a.md:4:1: front matter: did not find expected ',' or ']' (front matter is YAML: key: value, one to a line)"}},
		{"一、正文\n", []string{"a.md:1:1: missing front matter (start the file with a '---' line, the YAML fields (id, title, …) and another '---' line)"}},
		{"---\nid: b\ntitle: t\n---\n", []string{"a.md:2:1: id \"b\" does not match the file name \"a.md\" (rename the file to b.md or change the id)"}},
		// A fence never closed: the text is read as YAML, and the hint
		// says why.
		{"---\nid: a\ntitle: t\n\n一、总体要求\n\n坚持质量第一。\n", []string{"a.md:5:1: front matter: could not find expected ':' (the front matter has no closing '---' line: end it with one, before the text)"}},
		// No id: the file's name is the one it may have.
		{"---\ntitle: t\n---\n", []string{"a.md:2:1: missing field \"id\" (give the document its file's name as its id: id: a)"}},
		// A day written another way is told its own form.
		{"---\nid: a\ntitle: t\ndate: 2024/3/1\n---\n", []string{"a.md:4:1: date \"2024/3/1\" is not YYYY-MM-DD (write it as 2024-03-01)"}},
		{"---\nid: a\ntitle: t\ndate: 2024年3月1日\n---\n", []string{"a.md:4:1: date \"2024年3月1日\" is not YYYY-MM-DD (write it as 2024-03-01)"}},
		// Hugo's TOML front matter.
		{"+++\ntitle = \"t\"\n+++\n一、正文\n", []string{"a.md:1:1: front matter in TOML (+++) is not read (write the fields in YAML between '---' lines: id: …, title: …, one to a line)"}},
		// YAML would take the second title without a word.
		{"---\nid: a\ntitle: 甲\ntitle: 乙\n---\n", []string{"a.md:4:1: title is given twice (first at line 3) (keep one title: line)"}},
		{"---\nid: a\ntitle: t\naliases: old\n---\n", []string{"a.md:4:10: field \"aliases\" must be a list (write aliases: [old-id, …])"}},
		{"---\nid: a\ntitle: [x, y]\n---\n", []string{"a.md:3:8: field \"title\" must be a single value", "a.md:3:1: missing title (give the document's own title)"}},
		// A body in GBK (内容很好。), after a heading in UTF-8 and a
		// U+FFFD written as such, which is UTF-8.
		{"---\nid: a\ntitle: t\n---\n\n一、总则\n\n\uFFFD\xc4\xda\xc8\xdd\xba\xdc\xba\xc3\xa1\xa3\n", []string{
			"a.md:8:2: the file is not UTF-8 text: byte 0xC4 begins no UTF-8 character (save it as UTF-8; tiaowen import reads GB18030/GBK, UTF-16 and Big5 files and writes them as UTF-8)"}},
		// A sequence cut short at the end of the file.
		{"---\nid: a\ntitle: t\n---\n\n一、总则\xe4\xb8", []string{
			"a.md:6:5: the file is not UTF-8 text: byte 0xE4 begins no UTF-8 character (save it as UTF-8; tiaowen import reads GB18030/GBK, UTF-16 and Big5 files and writes them as UTF-8)"}},
	}
	for _, tt := range tests {
		_, problems := NewParser().Parse("a.md", []byte(tt.src))
		var got []string
		for _, p := range problems.Errors() {
			got = append(got, p.Error())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Parse(%q) problems =\n%s\nwant\n%s", tt.src, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
}

func TestLoadDirDuplicates(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b.md", "---\nid: b\ntitle: B\naliases: [a]\n---\n一、正文\n")
	write("a.md", "---\nid: a\ntitle: A\n---\n一、正文\n")
	c, problems := NewParser().LoadDir(dir)
	if len(c.Docs) != 2 || c.Docs[0].ID != "a" {
		t.Errorf("docs not sorted by id: %v", c.Docs)
	}
	err := problems.Err()
	if err == nil || !strings.Contains(err.Error(), `alias "a" is the id of`) {
		t.Errorf("Err() = %v, want an alias clash", err)
	}
}

// TestLoadDirFolders: documents kept in folders, and folders in those,
// are read as those beside them are; hidden files and folders, and files
// other than *.md, are not; two files of one name in two folders are
// one id twice, an error at the second.
func TestLoadDirFolders(t *testing.T) {
	dir := t.TempDir()
	write := func(name, id string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("---\nid: "+id+"\ntitle: "+id+"\n---\n一、正文\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "a")
	write("guangdong/b.md", "b")
	write("guangdong/2023/c.md", "c")
	write(".trash/d.md", "d")
	write("guangdong/.e.md", "e")
	write("guangdong/f.txt", "f")
	write("jiangsu/.git/g.md", "g")
	c, problems := NewParser().LoadDir(dir)
	var ids []string
	for _, d := range c.Docs {
		ids = append(ids, d.ID)
	}
	if strings.Join(ids, " ") != "a b c" || len(problems) != 0 {
		t.Errorf("read %v, %v; want a, b and c, no problems", ids, problems)
	}
	write("jiangsu/b.md", "b")
	_, problems = NewParser().LoadDir(dir)
	if err := problems.Err(); err == nil || !strings.Contains(err.Error(), filepath.Join("jiangsu", "b.md")) || !strings.Contains(err.Error(), "b") {
		t.Errorf("two b.md in two folders: %v, want an error naming jiangsu/b.md", err)
	}
}

// TestLoadDirMissing: a folder that is not there, or is a file, is an
// error at its path, not a corpus of no documents; an empty one is no
// error.
func TestLoadDirMissing(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o644)
	for _, c := range []struct{ dir, want string }{
		{filepath.Join(dir, "docs"), filepath.Join(dir, "docs") + ": no such folder (the documents are read from docs/"},
		{filepath.Join(file, "docs"), filepath.Join(file, "docs") + ": no such folder"},
		{file, file + ": not a folder"},
	} {
		_, problems := NewParser().LoadDir(c.dir)
		if err := problems.Err(); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("LoadDir(%s): %v, want an error starting %q", c.dir, err, c.want)
		}
	}
	if c, problems := NewParser().LoadDir(dir); len(problems) != 0 || len(c.Docs) != 0 {
		t.Errorf("LoadDir(an empty folder): %d documents, %v", len(c.Docs), problems)
	}
}

func TestLinksAndSafety(t *testing.T) {
	src := "---\nid: a\ntitle: t\n---\n一、总体要求\n\n见[国务院网站](https://www.gov.cn/)和[这里](javascript:alert(1))，<b>粗</b>\n"
	d, _ := NewParser().Parse("a.md", []byte(src))
	b := d.Sections[0].Blocks[0]
	if b.Text != "见国务院网站和[这里](javascript:alert(1))，<b>粗</b>" {
		t.Errorf("text = %q", b.Text)
	}
	if len(b.Links) != 1 || b.Links[0] != (Link{Start: 1, End: 6, URL: "https://www.gov.cn/"}) {
		t.Errorf("links = %+v", b.Links)
	}
	for _, u := range []string{"javascript:alert(1)", "JavaScript:x", "data:text/html,x", "//evil.example/", "vbscript:x", " javascript:x"} {
		if SafeURL(u) {
			t.Errorf("SafeURL(%q) = true", u)
		}
	}
	for _, u := range []string{"https://a.example/", "mailto:a@b.example", "../docs/x/index.html", "#s1"} {
		if !SafeURL(u) {
			t.Errorf("SafeURL(%q) = false", u)
		}
	}
}

func FuzzParseDocument(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, file := range files {
		src, _ := os.ReadFile(file)
		f.Add(src)
	}
	f.Add([]byte("---\nid: a\n---\n1. x\n  (1) y\n附件\n> 第一条 z\n"))
	f.Add([]byte("---\nid: a\nsupersedes: [b, a, 旧]\n---\n一、x\n"))
	f.Add([]byte("---\nid: a\n---\n一、分工\n\n| 任务 | 依据 |\n|---|---|\n| [计量](https://a.example/) | 见[国务院](https://b.example/)、[省](c.html) |\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, _ := NewParser().Parse("f.md", src)
		seen := map[string]bool{}
		for i, s := range d.Sections {
			if s.EID == "" || seen[s.EID] {
				t.Fatalf("section %d %q: eId %q empty or repeated", i, s.Marker, s.EID)
			}
			seen[s.EID] = true
			if s.Index != i || s.Level != len(s.Path) {
				t.Fatalf("section %d: Index %d Level %d Path %v", i, s.Index, s.Level, s.Path)
			}
			if s.Parent != nil && s.Parent.Index >= i {
				t.Fatalf("section %d comes before its parent", i)
			}
			checkBlocks(t, s.Blocks)
		}
		checkBlocks(t, d.Preamble)
		checkBlocks(t, d.Trailing)
	})
}

// checkBlocks is what FuzzParseDocument asks of blocks: a table's text
// is its rows, and every link a safe URL on a span of the text, in order.
func checkBlocks(t *testing.T, blocks []Block) {
	t.Helper()
	for _, b := range blocks {
		switch b.Kind {
		case Table:
			lines := make([]string, len(b.Rows))
			for i, row := range b.Rows {
				for _, cell := range row {
					if strings.ContainsAny(cell, "\t\n") {
						t.Fatalf("a table's cell %q holds a tab or a line end, which part cells and rows in its text", cell)
					}
				}
				lines[i] = strings.Join(row, "\t")
			}
			if got := strings.Join(lines, "\n"); got != b.Text {
				t.Fatalf("a table's text %q is not its rows %q", b.Text, got)
			}
		case Code:
		default:
			if strings.ContainsAny(b.Text, "\t\n") {
				t.Fatalf("a block of kind %d holds a tab or a line end, which a section's text reads as a table's cells or a new paragraph: %q", b.Kind, b.Text)
			}
		}
		n, last := utf8.RuneCountInString(b.Text), 0
		for _, l := range b.Links {
			if l.Start < last || l.End <= l.Start || l.End > n || !SafeURL(l.URL) {
				t.Fatalf("link %+v in %q (%d runes, the last link ending at %d)", l, b.Text, n, last)
			}
			last = l.End
		}
	}
}

func BenchmarkParseSeeds(b *testing.B) {
	files, _ := filepath.Glob("../../content/docs/*.md")
	var srcs [][]byte
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	if len(srcs) == 0 {
		b.Fatal("no seed content")
	}
	p := NewParser()
	b.ReportAllocs()
	for b.Loop() {
		for i, src := range srcs {
			p.Parse(files[i], src)
		}
	}
}

// TestLoadDirSkipsHidden: an editor's lock link (a dangling symlink named
// .#x.md) or swap file beside the documents is not read.
func TestLoadDirSkipsHidden(t *testing.T) {
	dir := t.TempDir()
	doc := "---\nid: a-plan\ntitle: 甲方案\n---\n\n一、总则\n\n内容。\n"
	if err := os.WriteFile(filepath.Join(dir, "a-plan.md"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("user@host.1234:1700000000", filepath.Join(dir, ".#a-plan.md")); err != nil {
		t.Fatal(err)
	}
	c, problems := NewParser().LoadDir(dir)
	if err := problems.Err(); err != nil {
		t.Fatalf("LoadDir with an editor lock link beside the document: %v", err)
	}
	if len(c.Docs) != 1 || c.Docs[0].ID != "a-plan" {
		t.Fatalf("LoadDir read %d documents, want a-plan alone", len(c.Docs))
	}
}

// TestHeadingsAndLabels: a marker that ends in a word (第一章, 附件1) is set
// off from its title by a space; one that ends in punctuation is not.
func TestHeadingsAndLabels(t *testing.T) {
	reg, _ := parseFile(t, "regulation.md")
	hant, _ := parseFile(t, "hant-annex.md")
	notice, _ := parseFile(t, "notice.md")
	for _, c := range []struct {
		d                   *Document
		eid, heading, label string
	}{
		{reg, "ch1", "第一章 总则", "第一章 总则"},
		{reg, "art3", "第三条", "第三条"},
		{reg, "art3-s2", "（二）", "第三条（二）"},
		{hant, "annex1", "附件1 重點任務分工表", "附件1 重點任務分工表"},
		{hant, "annex2", "附件2：名詞解釋", "附件2：名詞解釋"},
		{hant, "s3", "（三）加強計量能力建設", "（三）加強計量能力建設"},
		{notice, "p1-s1-i1-ii1", "（1）工业品", "一、（一）1.（1）工业品"},
	} {
		s := c.d.Section(c.eid)
		if s == nil {
			t.Errorf("%s: no section %s", c.d.ID, c.eid)
			continue
		}
		if got := s.Heading(); got != c.heading {
			t.Errorf("%s %s: Heading = %q, want %q", c.d.ID, c.eid, got, c.heading)
		}
		if got := s.Label(); got != c.label {
			t.Errorf("%s %s: Label = %q, want %q", c.d.ID, c.eid, got, c.label)
		}
	}
}

// TestTableLinks: a link in a table's cell is kept, at its place in the
// table's text (rows joined by "\n", cells by "\t"); an unsafe one stays
// text, as in a paragraph.
func TestTableLinks(t *testing.T) {
	src := "---\nid: a\ntitle: t\n---\n一、分工\n\n| 任务 | 依据 |\n|---|---|\n| 计量 | 见[国务院网站](https://www.gov.cn/) |\n| [标准](https://std.example/)体系 | [这里](javascript:alert(1)) |\n"
	d, problems := NewParser().Parse("a.md", []byte(src))
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	b := d.Sections[0].Blocks[0]
	if b.Kind != Table || b.Text != "任务\t依据\n计量\t见国务院网站\n标准体系\t[这里](javascript:alert(1))" {
		t.Fatalf("block = %+v", b)
	}
	runes := []rune(b.Text)
	var got []string
	for _, l := range b.Links {
		got = append(got, string(runes[l.Start:l.End])+" "+l.URL)
	}
	if want := []string{"国务院网站 https://www.gov.cn/", "标准 https://std.example/"}; !slices.Equal(got, want) {
		t.Errorf("links = %q, want %q", got, want)
	}
}

// TestControlSpaces: a tab inside a paragraph or a table's cell, and the
// line end inside a code span that runs over two lines, are spaces in
// the text: there "\t" parts a table's cells and "\n" its rows and a
// section's paragraphs, so that a reader of the text alone (the search
// index, the comparison computed in the browser) would see a table in a
// paragraph, a cell split in two, a paragraph broken in the middle.
func TestControlSpaces(t *testing.T) {
	src := "---\nid: a\ntitle: t\n---\n一、分工\n\n到2025年,\t质量`代码\n跨行`水平。\n\n| 任务\t甲 | 依据 |\n|---|---|\n| 计量 | `a\tb` [见\t此](https://std.example/) |\n"
	d, problems := NewParser().Parse("a.md", []byte(src))
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	blocks := d.Sections[0].Blocks
	if len(blocks) != 2 {
		t.Fatalf("blocks = %+v, want a paragraph and a table", blocks)
	}
	if p := blocks[0]; p.Kind != Paragraph || p.Text != "到2025年, 质量代码 跨行水平。" {
		t.Errorf("paragraph = %+v", p)
	}
	table := blocks[1]
	if want := [][]string{{"任务 甲", "依据"}, {"计量", "a b 见 此"}}; table.Kind != Table || !slices.EqualFunc(table.Rows, want, slices.Equal) {
		t.Errorf("table rows = %q, want %q", table.Rows, want)
	}
	if runes := []rune(table.Text); len(table.Links) != 1 || string(runes[table.Links[0].Start:table.Links[0].End]) != "见 此" {
		t.Errorf("table %q, links %+v: want 见 此 linked", table.Text, table.Links)
	}
	checkBlocks(t, blocks)
	if want := "到2025年, 质量代码 跨行水平。\n任务 甲\t依据\n计量\ta b 见 此"; d.Sections[0].Text != want {
		t.Errorf("section text %q, want %q", d.Sections[0].Text, want)
	}
}

// TestLayout: a section's layout names each line of its text — a table's
// rows, a code block's lines, paragraphs — and is empty for a section of
// paragraphs alone.
func TestLayout(t *testing.T) {
	src := "---\nid: a\ntitle: t\n---\n一、分工\n\n甲。\n\n- 乙\n\n| 任务 | 依据 |\n|---|---|\n| 计量 | 见 |\n| 标准 | 无 |\n\n```\nx\ty\nz\n```\n\n丙。\n\n| 单 | 表 |\n|---|---|\n\n二、要求\n\n丁。\n\n戊。\n"
	d, problems := NewParser().Parse("a.md", []byte(src))
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	first, second := d.Sections[0], d.Sections[1]
	if got, want := first.Layout(), "ppTttCcpT"; got != want {
		t.Errorf("layout of %q = %q, want %q", first.Text, got, want)
	}
	if n := strings.Count(first.Text, "\n") + 1; n != len(first.Layout()) {
		t.Errorf("%d lines, a layout of %d letters", n, len(first.Layout()))
	}
	if got := second.Layout(); got != "" {
		t.Errorf("layout of paragraphs alone = %q, want \"\"", got)
	}
}

// TestLoadDirDrafts: a document marked draft is left out, with a warning
// at its draft line, unless the parser keeps drafts; its id is taken all
// the same; a published document cannot supersede a draft left out; a
// draft that is neither true nor false is an error at its value, and
// "false" in quotes, as Hugo's front matter may have it, is false.
func TestLoadDirDrafts(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "---\nid: a\ntitle: 甲\ndraft: true\n---\n一、正文\n")
	write("b.md", "---\nid: b\ntitle: 乙\ndraft: \"false\"\n---\n一、正文\n")
	c, problems := NewParser().LoadDir(dir)
	if len(c.Docs) != 1 || c.Docs[0].ID != "b" || len(c.Drafts) != 1 || c.Drafts[0].ID != "a" || problems.Err() != nil {
		t.Errorf("docs %v, drafts %v, %v; want b published and a left out", c.Docs, c.Drafts, problems)
	}
	if w := problems.Warnings(); len(w) != 1 || w[0].Pos.Line != 4 || !strings.Contains(w[0].Msg, `"a" is a draft: the site leaves it out`) {
		t.Errorf("warnings %v, want one at a.md:4", w)
	}
	p := NewParser()
	p.Drafts = true
	if c, problems := p.LoadDir(dir); len(c.Docs) != 2 || len(c.Drafts) != 0 || len(problems) != 0 {
		t.Errorf("with drafts: %d documents, %d left out, %v", len(c.Docs), len(c.Drafts), problems)
	}

	write("c.md", "---\nid: c\ntitle: 丙\nsupersedes: [a]\n---\n一、正文\n")
	write("e.md", "---\nid: e\ntitle: 戊\ndraft: maybe\n---\n一、正文\n")
	_, problems = NewParser().LoadDir(dir)
	got := problems.Errors().Error()
	for _, want := range []string{
		`c.md:4:1: supersedes "a", a draft (` + filepath.Join(dir, "a.md") + `) that the site leaves out`,
		`e.md:4:8: draft "maybe" is neither true nor false`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
	os.Remove(filepath.Join(dir, "c.md"))
	os.Remove(filepath.Join(dir, "e.md"))
	if err := os.Mkdir(filepath.Join(dir, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	write("d/a.md", "---\nid: a\ntitle: 丁\n---\n一、正文\n")
	if _, problems = NewParser().LoadDir(dir); problems.Err() == nil || !strings.Contains(problems.Err().Error(), `duplicate id "a"`) {
		t.Errorf("a published document of a draft's id: %v", problems.Err())
	}
}

// TestInvertedNesting: a stray （一） above the first 一、 holds the rest
// of the document, as the order of kinds is read from the document; the
// warning names the stray marker's line, where the fix is. A document in
// the usual order has no such warning.
func TestInvertedNesting(t *testing.T) {
	src := "---\nid: a\ntitle: 甲\n---\n\n（一）前言。这是一段。\n\n一、总体要求\n\n（一）指导思想。坚持标准引领。\n"
	d, problems := NewParser().Parse("a.md", []byte(src))
	if len(d.Roots) != 2 || d.Roots[0].Marker != "（一）" || len(d.Roots[0].Children) != 1 || d.Roots[0].Children[0].Marker != "一、" {
		t.Fatalf("the tree: roots %v; want （一） holding 一、 as the document orders them", d.Roots)
	}
	want := "a.md:6:1: warning: （一） holds the 一、 at line 8, which usually holds it: the sections after it are nested inside this one (if this is not a section over them, take its marker out or correct it)"
	if w := problems.Warnings(); len(w) == 0 || w[0].Error() != want {
		t.Errorf("warnings %v, want first\n%s", w, want)
	}
	usual := "---\nid: a\ntitle: 甲\n---\n\n一、总体要求\n\n（一）指导思想。坚持。\n\n1.甲。\n\n（1）乙。\n\n①丙。\n"
	if _, problems := NewParser().Parse("a.md", []byte(usual)); len(problems) != 0 {
		t.Errorf("the usual order: %v", problems)
	}
}

// TestCopiedID: a document copied from another with its id kept is told
// to take its own, its file's name, not to take the other's file's name.
func TestCopiedID(t *testing.T) {
	dir := t.TempDir()
	src := "---\nid: good-2024\ntitle: 甲\n---\n一、正文\n"
	for _, name := range []string{"good-2024.md", "dup.md"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, problems := NewParser().LoadDir(dir)
	want := filepath.Join(dir, "dup.md") + `:2:1: id "good-2024" does not match the file name "dup.md" (good-2024.md has that id: give this document its own, its file's name (id: dup))`
	if err := problems.Err(); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("problems %v, want\n%s", err, want)
	}
}
