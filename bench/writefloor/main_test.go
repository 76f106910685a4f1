package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestBatches writes a tree again in batches of at most 1,000 bytes, and
// in one: the copy must be the tree, file for file and byte for byte,
// with the also file beside it, whatever the batches.
func TestBatches(t *testing.T) {
	src := t.TempDir()
	for i := range 40 {
		name := filepath.Join(src, "docs", fmt.Sprintf("d%d", i%7), fmt.Sprintf("s%d", i), "index.html")
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, bytes.Repeat([]byte{byte('a' + i%26)}, 100+37*i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	zip := filepath.Join(t.TempDir(), "site.zip")
	if err := os.WriteFile(zip, []byte("PK not really"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, batch := range []int64{1000, 1, 1 << 30} {
		dst := filepath.Join(t.TempDir(), "floor")
		if err := run(src, dst, []string{zip}, batch); err != nil {
			t.Fatalf("batch %d: %v", batch, err)
		}
		want, got := tree(t, src), tree(t, dst)
		want["site.zip"] = "PK not really"
		if len(got) != len(want) {
			t.Errorf("batch %d: %d files written, want %d", batch, len(got), len(want))
		}
		for name, data := range want {
			if got[name] != data {
				t.Errorf("batch %d: %s differs", batch, name)
			}
		}
		if err := run(src, dst, nil, batch); err == nil {
			t.Errorf("batch %d: a second run into the same directory succeeded", batch)
		}
	}
}

// tree reads every file under root by slash path.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
