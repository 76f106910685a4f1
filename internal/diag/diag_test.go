package diag

import (
	"errors"
	"testing"
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
