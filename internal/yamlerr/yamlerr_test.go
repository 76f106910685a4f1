package yamlerr

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestLocate breaks YAML in the ways people do and checks that the
// position is the line of the mistake (or, for a string left open, the
// line where it opened), as a reader counts lines.
func TestLocate(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		line, col int
		msg       string
	}{
		{"indented key", "id: a\ntitle: x\n  bad: indent\ndate: 2023\n", 3, 1, "mapping values are not allowed"},
		{"quote left open", "id: a\ntitle: \"unterminated\ndate: 2023\n", 2, 1, "found unexpected end of stream"},
		{"flow sequence left open", "id: a\ntitle: x\ndate: [2023\nlang: zh\n", 3, 1, "did not find expected ',' or ']'"},
		{"list item in a mapping", "id: a\ntitle: x\n- item\n", 3, 1, "did not find expected key"},
		{"tab in the indentation", "id: a\ntitle: x\n\tdate: tab\n", 3, 1, "found a tab character"},
		{"second colon", "id: a\ntitle: x: y\n", 2, 1, "mapping values are not allowed"},
		{"reserved character", "id: a\ntitle: @x\n", 2, 1, "found character that cannot start any token"},
		{"flow mapping left open", "id: a\ntitle: x\ndate: {a: 1\nlang: zh\n", 3, 1, "did not find expected ',' or '}'"},
		{"key after a list", "- a\n- b\nc: d\n", 3, 1, "did not find expected '-' indicator"},
		{"unknown alias", "a: 1\nb: &x 1\nc: *y\n", 3, 4, "unknown anchor 'y' referenced"},
		{"mistake on the first line", "a: b: c\n", 1, 1, "mapping values are not allowed"},
	}
	for _, tt := range tests {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(tt.src), &n)
		if err == nil {
			t.Fatalf("%s: %q parsed", tt.name, tt.src)
		}
		line, col, msg := Locate(err, []byte(tt.src))
		if line != tt.line || col != tt.col || !strings.HasPrefix(msg, tt.msg) || strings.HasPrefix(msg, "yaml:") || strings.HasPrefix(msg, "line") {
			t.Errorf("%s: Locate(%q) = %d:%d %q, want %d:%d %s…", tt.name, err, line, col, msg, tt.line, tt.col, tt.msg)
		}
	}
}

// TestLocateTypeError: a decoder that knows its fields reports an
// unknown one at its line.
func TestLocateTypeError(t *testing.T) {
	src := "title: a\nweight: 2\ncolour: red\n"
	var v struct {
		Title  string `yaml:"title"`
		Weight int    `yaml:"weight"`
	}
	dec := yaml.NewDecoder(strings.NewReader(src))
	dec.KnownFields(true)
	err := dec.Decode(&v)
	if err == nil {
		t.Fatal("an unknown field decoded")
	}
	if line, col, msg := Locate(err, []byte(src)); line != 3 || col != 1 || msg != `"colour" is not a known field` {
		t.Errorf("Locate(%q) = %d:%d %q, want 3:1 \"colour\" is not a known field", err, line, col, msg)
	}
	// A value of the wrong kind is named in the file's terms, not Go's.
	src = "title: a\nweight: one\n"
	err = yaml.Unmarshal([]byte(src), &v)
	if line, col, msg := Locate(err, []byte(src)); line != 2 || col != 1 || msg != `"one" is not a whole number` {
		t.Errorf("Locate(%q) = %d:%d %q, want 2:1 \"one\" is not a whole number", err, line, col, msg)
	}
}

// FuzzLocate: whatever the source, a position within it and no panic.
func FuzzLocate(f *testing.F) {
	for _, s := range []string{"a: b: c\n", "- a\nb: c", "a: [1\n", "a:\n\t- b\n", "a: *x\n", "\"a\n\n\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(src), &n)
		if err == nil {
			return
		}
		line, col, msg := Locate(err, []byte(src))
		lines := strings.Count(src, "\n") + 1
		if line < 1 || line > lines || col < 1 || msg == "" {
			t.Fatalf("Locate(%q) on %d lines = %d:%d %q", err, lines, line, col, msg)
		}
	})
}
