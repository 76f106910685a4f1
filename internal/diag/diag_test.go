package diag

import (
	"errors"
	"testing"
	"unicode/utf8"
)

func TestListErr(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("empty List.Err() != nil")
	}
	l.Warn(Position{"b.md", 2, 1}, "gap in numbering", "")
	if l.Err() != nil {
		t.Fatal("List with only warnings has Err() != nil")
	}
	l.Add(Position{"b.md", 9, 3}, "unknown field \"titel\"", "did you mean \"title\"?")
	l.Add(Position{"a.md", 4, 1}, "duplicate id", "")
	err := l.Err()
	want := "a.md:4:1: duplicate id\nb.md:9:3: unknown field \"titel\" (did you mean \"title\"?)"
	if err == nil || err.Error() != want {
		t.Fatalf("Err() = %v, want\n%s", err, want)
	}
	var list List
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("errors.As(List) = %v, %d problems", list, len(list))
	}
}

func TestLineCol(t *testing.T) {
	src := []byte("ab\n一二三x\n")
	tests := []struct{ off, line, col int }{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {9, 2, 3}, {12, 2, 4}, {13, 2, 5}, {14, 3, 1}}
	for _, tt := range tests {
		l, c := LineCol(src, tt.off)
		if l != tt.line || c != tt.col {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
	if got := (Position{"x.md", 3, 0}).String(); got != "x.md:3" {
		t.Errorf("Position.String() = %q", got)
	}
}

func TestSuggest(t *testing.T) {
	fields := []string{"id", "title", "issuer", "aliases"}
	for in, want := range map[string]string{"titel": "title", "isuer": "issuer", "alias": "aliases", "colour": ""} {
		if got := Suggest(in, fields); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLines checks Lines.LineCol against LineCol at every offset, the
// ends and the middle of multi-byte characters included.
func TestLines(t *testing.T) {
	for _, src := range []string{"", "\n", "ab\n一二三x\n", "\n\n一\r\n二", "no newline", "末尾\n\n"} {
		l := NewLines([]byte(src))
		for off := -1; off <= len(src)+1; off++ {
			wl, wc := LineCol([]byte(src), off)
			if gl, gc := l.LineCol(off); gl != wl || gc != wc {
				t.Errorf("NewLines(%q).LineCol(%d) = %d:%d, want %d:%d", src, off, gl, gc, wl, wc)
			}
		}
	}
}

// BenchmarkLineCol finds the position of every paragraph of a long
// document, as the corpus reader does for each block.
func BenchmarkLineCol(b *testing.B) {
	var sb []byte
	for i := 0; i < 2000; i++ {
		sb = append(sb, "（一）增强质量发展创新动能。建立政产学研用深度融合的质量创新体系。\n\n"...)
	}
	var offs []int
	for i := 0; i < len(sb); i += 200 {
		offs = append(offs, i)
	}
	b.Run("LineCol", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, o := range offs {
				LineCol(sb, o)
			}
		}
	})
	b.Run("Lines", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			l := NewLines(sb)
			for _, o := range offs {
				l.LineCol(o)
			}
		}
	})
}

func TestRuneCount(t *testing.T) {
	for _, s := range []string{"", "abc", "一二三", "一\xe4\xb8", "\xff\xfeab", "x一y"} {
		if got, want := runeCount([]byte(s)), utf8.RuneCountInString(s); got != want {
			t.Errorf("runeCount(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n          int
		noun, want string
	}{
		{0, "warning", "0 warnings"},
		{1, "document", "1 document"},
		{2, "document", "2 documents"},
		{1, "bundle entry", "1 bundle entry"},
		{3, "bundle entry", "3 bundle entries"},
		{2, "day", "2 days"},
		{-1, "byte", "-1 bytes"},
	} {
		if got := Count(c.n, c.noun); got != c.want {
			t.Errorf("Count(%d, %q) = %q, want %q", c.n, c.noun, got, c.want)
		}
	}
}
