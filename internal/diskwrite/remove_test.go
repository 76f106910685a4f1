package diskwrite

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestRemoveTree removes a tree of files at every depth, empty
// directories and a link to a directory outside it, which must survive
// with its contents.
func TestRemoveTree(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "site")
	outside := filepath.Join(base, "outside")
	files := []string{"index.html", "static/site.js", "docs/index.html"}
	for d := range 30 {
		for s := range 5 {
			files = append(files, fmt.Sprintf("docs/doc-%02d/p%d/index.html", d, s), fmt.Sprintf("docs/doc-%02d/p%d/x/y/z.json", d, s))
		}
	}
	for _, f := range append(files, "../outside/keep.txt") {
		p := filepath.Join(root, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"empty", "docs/empty", "docs/doc-00/empty"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range []string{"link", "docs/link", "docs/doc-01/link"} {
		if err := os.Symlink(outside, filepath.Join(root, l)); err != nil {
			t.Fatal(err)
		}
	}
	if err := RemoveTree(root); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(root); !os.IsNotExist(err) {
		t.Errorf("%s is still there (%v)", root, err)
	}
	if b, err := os.ReadFile(filepath.Join(outside, "keep.txt")); err != nil || string(b) != "../outside/keep.txt" {
		t.Errorf("a linked directory outside the tree lost its file: %q, %v", b, err)
	}
	if err := RemoveTree(root); err != nil {
		t.Errorf("removing what is not there: %v", err)
	}
	file := filepath.Join(base, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := RemoveTree(file); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(file); !os.IsNotExist(err) {
		t.Errorf("a file given as the root is still there (%v)", err)
	}
}
