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
