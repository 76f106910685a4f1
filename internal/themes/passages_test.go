package themes

import (
	"slices"
	"testing"

	"tiaowen/internal/corpus"
)

// TestPassages: a section's title, its paragraphs and a table's cells,
// one passage each, code left out, the text before the sections too.
func TestPassages(t *testing.T) {
	src := "---\nid: a\ntitle: A\n---\n一、总体要求\n\n落实首负责任制。\n\n| 项目 | 内容 |\n|---|---|\n| 质量 | 质量月 |\n\n```\n首台套\n```\n\n二、保障措施\n\n加强组织领导。\n"
	d, problems := corpus.NewParser().Parse("a.md", []byte(src))
	if problems.Err() != nil {
		t.Fatal(problems)
	}
	var got []string
	for p := range Passages([]*corpus.Document{d}) {
		if p.Doc != "a" || p.Pos.File != "a.md" || p.Pos.Line == 0 {
			t.Errorf("passage %+v: not a's, or nowhere", p)
		}
		got = append(got, p.Section+" "+p.Text)
	}
	want := []string{"p1 总体要求", "p1 落实首负责任制。", "p1 项目", "p1 内容", "p1 质量", "p1 质量月", "p2 保障措施", "p2 加强组织领导。"}
	if !slices.Equal(got, want) {
		t.Errorf("passages %q, want %q", got, want)
	}
	n := 0
	for range Passages([]*corpus.Document{d, d}) {
		if n++; n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("stopped after %d", n)
	}
}
