package site

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"tiaowen/internal/corpus"
)

// TestPermalinksKeepTheirWords: a section's permalink may not come to
// lead to another section. Renumbered items are refused with where each
// was published and where its words went, the previous site left as it
// was; a corrected character, a change of script and a rewrite let
// through with --allow-changed pass, and the record follows them.
func TestPermalinksKeepTheirWords(t *testing.T) {
	dir := unpack(t, "basic.txtar")
	content := filepath.Join(dir, "content")
	manifest := filepath.Join(content, ".permalinks")
	docFile := filepath.Join(content, "docs", "a-plan.md")
	opts := Options{Content: content, Out: filepath.Join(dir, "build", "site")}
	src, _ := os.ReadFile(docFile)
	const items = "1.强化追溯。建立追溯体系。\n\n2.推进认证。提升认证有效性。\n"
	if !strings.Contains(string(src), items) {
		t.Fatal("basic.txtar's a-plan changed: this test edits its items")
	}
	edit := func(with string) string {
		t.Helper()
		text := strings.Replace(string(src), items, with, 1)
		if err := os.WriteFile(docFile, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return text
	}
	// lineOf is the line of a-plan.md that starts with prefix.
	lineOf := func(text, prefix string) int {
		for i, l := range strings.Split(text, "\n") {
			if strings.HasPrefix(l, prefix) {
				return i + 1
			}
		}
		t.Fatalf("no line starts with %q", prefix)
		return 0
	}
	recorded := func() []string {
		t.Helper()
		b, err := os.ReadFile(manifest)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Split(string(b), "\n")
	}

	build(t, dir)
	for _, want := range []string{"/docs/a-plan/p2-s1-i1/\t强化追溯。建立追溯体系。", "/docs/a-plan/p2-s1-i2/\t推进认证。提升认证有效性。", "/docs/a-plan/"} {
		if !slices.Contains(recorded(), want) {
			t.Errorf("content/.permalinks lacks the line %q", want)
		}
	}
	before := recorded()
	page := read(t, dir, "docs/a-plan/p2-s1-i1/index.html")

	// A new item 1 renumbers the two after it.
	text := edit("1.新增任务。开展质量提升。\n\n2.强化追溯。建立追溯体系。\n\n3.推进认证。提升认证有效性。\n")
	_, err := Build(opts)
	msg := fmt.Sprint(err)
	for _, want := range []string{
		fmt.Sprintf("%s:%d:1: /docs/a-plan/p2-s1-i1/ was published for 「强化追溯。建立追溯体系。」 (%s:%d) and would now lead to 「新增任务。开展质量提升。」; 「强化追溯。建立追溯体系。」 is now /docs/a-plan/p2-s1-i2/ (readers who cited it",
			docFile, lineOf(text, "1.新增任务"), manifest, slices.Index(before, "/docs/a-plan/p2-s1-i1/\t强化追溯。建立追溯体系。")+1),
		fmt.Sprintf("%s:%d:1: /docs/a-plan/p2-s1-i2/ was published for 「推进认证。提升认证有效性。」", docFile, lineOf(text, "2.强化追溯")),
		"「推进认证。提升认证有效性。」 is now /docs/a-plan/p2-s1-i3/",
		"--allow-changed",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("renumbered items: the build's error lacks\n%s\nin\n%s", want, msg)
		}
	}
	if got := strings.Count(msg, "would now lead to"); got != 2 {
		t.Errorf("renumbered items: %d sections said to lead elsewhere, want 2:\n%s", got, msg)
	}
	if got := read(t, dir, "docs/a-plan/p2-s1-i1/index.html"); got != page {
		t.Error("a refused build changed the site")
	}
	if !slices.Equal(recorded(), before) {
		t.Error("a refused build changed content/.permalinks")
	}
	_, _, problems, err := Check(opts)
	if err != nil || len(problems.Errors()) != 2 || problems.Err().Error() != msg {
		t.Errorf("Check: %v, %d errors; want the build's two:\n%v", err, len(problems.Errors()), problems.Err())
	}

	// A corrected character, and the text in the other script: the same
	// sections.
	edit("1.強化追溯。建立追溯體系。\n\n2.推进认证。提高认证有效性。\n")
	build(t, dir)
	if !slices.Contains(recorded(), "/docs/a-plan/p2-s1-i2/\t推进认证。提高认证有效性。") {
		t.Error("content/.permalinks does not follow a corrected character")
	}

	// Item 2 rewritten: refused, then let through on purpose, and the
	// record follows it.
	edit("1.强化追溯。建立追溯体系。\n\n2.开展培训。组织企业负责人学习。\n")
	if _, err := Build(opts); err == nil || !strings.Contains(err.Error(), "/docs/a-plan/p2-s1-i2/ was published for 「推进认证。提高认证有效性。」 (") ||
		strings.Contains(err.Error(), " is now ") || strings.Count(err.Error(), "would now lead to") != 1 {
		t.Errorf("a rewritten item: %v", err)
	}
	opts.AllowChanged = true
	if _, err := Build(opts); err != nil {
		t.Fatalf("Build with AllowChanged: %v", err)
	}
	opts.AllowChanged = false
	if !slices.Contains(recorded(), "/docs/a-plan/p2-s1-i2/\t开展培训。组织企业负责人学习。") {
		t.Error("content/.permalinks does not record the section let through")
	}
	build(t, dir)
}

// TestPermalinksOfEarlierBuilds: content/.permalinks as builds before
// labels wrote it (URLs alone) still protects its URLs, and the next
// build adds the labels; a label recorded whole still matches a section
// whose label is now cut shorter, or longer.
func TestPermalinksOfEarlierBuilds(t *testing.T) {
	dir := unpack(t, "basic.txtar")
	content := filepath.Join(dir, "content")
	manifest := filepath.Join(content, ".permalinks")
	old := "# Every document and section URL this site has published.\n/docs/a-plan/\n/docs/a-plan/p2-s1-i2/\n/docs/gone/p1/\n"
	os.WriteFile(manifest, []byte(old), 0o644)
	opts := Options{Content: content, Out: filepath.Join(dir, "build", "site")}
	if _, err := Build(opts); err == nil || !strings.Contains(err.Error(), manifest+":4:1: /docs/gone/p1/ was published and would disappear") {
		t.Fatalf("Build: %v", err)
	}
	opts.AllowRemoved = true
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(manifest)
	if !strings.Contains(string(b), "\n/docs/a-plan/p2-s1-i2/\t推进认证。提升认证有效性。\n") {
		t.Errorf("content/.permalinks after an earlier build's:\n%s", b)
	}
	// Recorded shorter (a title alone) and longer than labels are now.
	os.WriteFile(manifest, []byte("/docs/a-plan/p2-s1-i2/\t推进认证\n/docs/a-plan/p1-s2/\t主要目标。到2025年，质量水平显著提升。此后还有一句\n"), 0o644)
	opts.AllowRemoved = false
	if _, err := Build(opts); err != nil {
		t.Errorf("labels cut at other lengths: %v", err)
	}
}

// TestLeadsElsewhere holds the rule that tells a section from another by
// the words recorded for its URL.
func TestLeadsElsewhere(t *testing.T) {
	for _, c := range []struct {
		was, now string
		other    string // another section's title, "" for none
		want     bool
	}{
		{"推进认证。提升认证有效性。", "推进认证。提升认证有效性。", "", false},
		{"推進認證，提升認證有效性", "推进认证。提升认证有效性。", "", false},
		{"推进认证", "推进认证。提升认证有效性。", "", false},
		{"推进认证。提升认证有效性。", "推进认证。提高认证有效性。", "", false},
		{"加强质量基础设施建设", "加强质量品牌建设", "", false},
		{"加强质量基础设施建设", "加强质量品牌建设", "加强质量基础设施建设", true},
		{"推进认证。提升认证有效性。", "开展培训。组织企业负责人学习。", "", true},
		{"甲", "乙", "", true},
	} {
		src := "---\nid: x\ntitle: X\n---\n一、" + c.now + "\n"
		if c.other != "" {
			src += "\n二、" + c.other + "\n"
		}
		d, problems := corpus.NewParser().Parse("x.md", []byte(src))
		if problems.Err() != nil {
			t.Fatal(problems.Err())
		}
		got, moved := leadsElsewhere(d, d.Sections[0], c.was)
		if got != c.want || (moved != nil) != (c.other != "") {
			t.Errorf("%q now %q (another: %q): elsewhere %v, moved %v; want %v", c.was, c.now, c.other, got, moved, c.want)
		}
	}
}

// FuzzManifest feeds content/.permalinks any bytes: reading must not
// panic, must place every URL on a line of the file, and what it read
// must read back the same once written out; a section's own label must
// never make its URL lead elsewhere.
func FuzzManifest(f *testing.F) {
	for _, seed := range []string{
		"# comment\n/docs/a/\n/docs/a/p1/\t总体要求 以习近平新时代\n",
		"/docs/a/p1/\r\n/docs/a/p2/\t主要目标\r\n",
		"/docs/a/p1/\t\t\n\t标签\n#x\t/docs/b/\n",
		"/docs/a/p1/\tA\n/docs/a/p1/\tB\n",
		"",
	} {
		f.Add([]byte(seed), "推进认证。提升认证有效性。")
	}
	f.Fuzz(func(t *testing.T, src []byte, text string) {
		p := parseManifest("m", src)
		lines := strings.Count(string(src), "\n") + 1
		for _, u := range p.urls {
			if n := p.line[u]; n < 1 || n > lines {
				t.Errorf("%q on line %d of %d", u, n, lines)
			}
		}
		again := parseManifest("m", formatManifest(p.urls, p.label))
		if !slices.Equal(again.urls, p.urls) || !maps.Equal(again.label, p.label) {
			t.Errorf("read back %q %q, want %q %q", again.urls, again.label, p.urls, p.label)
		}
		d, problems := corpus.NewParser().Parse("x.md", []byte("---\nid: x\ntitle: X\n---\n一、"+text+"\n"))
		if problems.Err() != nil || len(d.Sections) == 0 {
			return
		}
		sec := d.Sections[0]
		if elsewhere, _ := leadsElsewhere(d, sec, permalinkLabel(sec)); elsewhere {
			t.Errorf("%q: its own label %q leads elsewhere", text, permalinkLabel(sec))
		}
		for _, was := range p.label {
			leadsElsewhere(d, sec, was)
		}
	})
}

// FuzzFirstWords: a label read only as far as its cut is the label the
// whole text joined, its white space collapsed and cut, would give.
func FuzzFirstWords(f *testing.F) {
	for _, seed := range [][3]string{
		{"一、", "总体要求", "以习近平新时代中国特色社会主义思想为指导"},
		{"（一）", "", "  强化 质量\n\n 基础\u3000设施  "},
		{"", "", "a b c d e f g h i j k l m n o p q r s t u v w x y z"},
		{"1.", "强化追溯", "\n"},
		{" ", "\t", "\u00a0"},
		{"", " \n", "\u3000强化追溯 "},
		{"一二三四五六七八九十一二三四五六七八九十一二三", " ", "四"},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	f.Fuzz(func(t *testing.T, a, b, c string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) || !utf8.ValidString(c) {
			t.Skip("a build refuses text that is not UTF-8 (corpus.CheckUTF8)")
		}
		want := strings.Join(strings.Fields(a+b+c), " ")
		if r := []rune(want); len(r) > labelRunes {
			want = string(r[:labelRunes])
		}
		if got := firstWords(labelRunes, a, b, c); got != want {
			t.Errorf("firstWords(%q, %q, %q) = %q, want %q", a, b, c, got, want)
		}
	})
}
