package diskwrite

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestWriteFile(t *testing.T) {
	root := t.TempDir()
	tree := New(root)
	files := map[string][]byte{
		"index.html":              []byte("<p>home</p>"),
		"docs/a/index.html":       []byte("文"),
		"docs/a/p1/index.html":    bytes.Repeat([]byte("条"), 1<<20), // several writes' worth
		"docs/a/p1/s2/index.html": nil,                              // empty files exist too
		"deep/x/y/z/file.json":    []byte("{}"),                     // parents missing: made
	}
	var wg sync.WaitGroup
	for name, data := range files {
		wg.Go(func() {
			if err := tree.WriteFile(name, data); err != nil {
				t.Errorf("WriteFile(%s): %v", name, err)
			}
		})
	}
	wg.Wait()
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes, want %d", name, len(got), len(want))
		}
		st, _ := os.Stat(filepath.Join(root, filepath.FromSlash(name)))
		if perm := st.Mode().Perm() &^ 0o022; perm != 0o644&^0o022 {
			t.Errorf("%s: mode %v", name, st.Mode())
		}
	}
	// A shorter file replaces a longer one whole.
	if err := tree.WriteFile("index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "index.html")); string(got) != "x" {
		t.Errorf("rewritten index.html = %q, want %q", got, "x")
	}
}

func TestWriteFileErrors(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "file"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tree := New(root)
	// A directory where a file is: the error names the path.
	err := tree.WriteFile("file/index.html", []byte("x"))
	if err == nil {
		t.Fatal("writing under a regular file succeeded")
	}
	if want := filepath.Join(root, "file"); !bytes.Contains([]byte(err.Error()), []byte(want)) {
		t.Errorf("error %q does not name %s", err, want)
	}
	// A file where a directory is.
	if err := os.Mkdir(filepath.Join(root, "dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	err = tree.WriteFile("dir", []byte("x"))
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != filepath.Join(root, "dir") {
		t.Errorf("writing over a directory: %v, want a PathError for it", err)
	}
}

// TestReusing writes a tree beside a previous one: a file whose bytes
// the previous tree's file of the same name holds is that file, linked;
// every other is a file of its own, and the previous tree never changes,
// even when a name is written twice.
func TestReusing(t *testing.T) {
	prev, root := t.TempDir(), t.TempDir()
	old := map[string]string{
		"same.html":         "<p>same</p>",
		"docs/a/index.html": "条文",
		"longer.html":       "<p>old, longer</p>",
		"samesize.html":     "abc",
		"twice.html":        "first",
		"dir.html/x":        "a directory where the new tree has a file",
	}
	for name, data := range old {
		p := filepath.Join(prev, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tree := Reusing(root, prev)
	written := map[string]string{
		"same.html":         "<p>same</p>",
		"docs/a/index.html": "条文",
		"longer.html":       "<p>new</p>",
		"samesize.html":     "abd",
		"new.html":          "new",
		"dir.html":          "a file",
	}
	linked := map[string]bool{"same.html": true, "docs/a/index.html": true}
	write := func(name, data string, want bool) {
		t.Helper()
		got, err := tree.WriteFileLinked(name, []byte(data))
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("WriteFileLinked(%s, %q) says linked %v, want %v", name, data, got, want)
		}
	}
	for name, data := range written {
		write(name, data, linked[name])
	}
	// Linked first, then written again with other bytes.
	write("twice.html", "first", true)
	write("twice.html", "second", false)
	written["twice.html"] = "second"
	for name, want := range written {
		p := filepath.Join(root, filepath.FromSlash(name))
		got, err := os.ReadFile(p)
		if err != nil || string(got) != want {
			t.Errorf("%s holds %q (%v), want %q", name, got, err, want)
		}
		st, _ := os.Stat(p)
		ost, err := os.Stat(filepath.Join(prev, filepath.FromSlash(name)))
		if same := err == nil && os.SameFile(st, ost); same != linked[name] {
			t.Errorf("%s: the previous tree's file %v, want %v", name, same, linked[name])
		}
	}
	for name, want := range old {
		if got, err := os.ReadFile(filepath.Join(prev, filepath.FromSlash(name))); err != nil || string(got) != want {
			t.Errorf("the previous tree's %s holds %q (%v), want %q as it was", name, got, err, want)
		}
	}
	// Linked counts twice.html's first write, which the second replaced.
	if n := tree.Linked(); n != 3 {
		t.Errorf("Linked() = %d, want 3", n)
	}
}

func BenchmarkWriteFile(b *testing.B) {
	data := bytes.Repeat([]byte("质量强省"), 800)
	for b.Loop() {
		tree := New(b.TempDir())
		for i := range 200 {
			if err := tree.WriteFile(fmt.Sprintf("docs/d%d/index.html", i), data); err != nil {
				b.Fatal(err)
			}
		}
	}
}
