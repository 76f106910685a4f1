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

// TestRefreshing brings an older tree up to date in place beside the
// previous one, as a rebuild does to the site it kept: what the older
// tree holds already stays the same file, what the previous tree holds is
// linked, the rest is written anew, a file of the older tree is never
// written into (it may be the previous tree's file too), and Prune leaves
// exactly what was written.
func TestRefreshing(t *testing.T) {
	t.Run("walked", func(t *testing.T) { testRefreshing(t, false) })
	t.Run("listed", func(t *testing.T) { testRefreshing(t, true) })
}

// testRefreshing is TestRefreshing with root's files unknown to the tree
// (Prune reads every directory) or listed, as a build that wrote root
// whole leaves them.
func testRefreshing(t *testing.T, listed bool) {
	prev, root := t.TempDir(), t.TempDir()
	put := func(dir, name, data string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	share := func(name string) { // root's file becomes prev's
		t.Helper()
		if err := os.Link(filepath.Join(prev, name), filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	put(prev, "shared.html", "same")
	share("shared.html")
	put(prev, "here.html", "the previous tree's")
	put(root, "here.html", "new")
	put(prev, "apart.html", "same")
	put(root, "apart.html", "same")
	put(prev, "changed.html", "old")
	share("changed.html")
	put(prev, "linkable.html", "new")
	put(root, "linkable.html", "older")
	put(root, "gone.html", "x")
	put(root, "gone/dir/x.html", "x")
	put(root, "deep/old.json", "x")
	put(root, "was-file", "a file where a directory goes")
	put(root, "was-dir.html/x", "a directory where a file goes")
	put(root, "target.txt", "same")
	put(root, "docs/p1/old/index.html", "x")
	put(root, "docs/p1/stale.html", "x")
	put(root, "docs/p1/q/r/stale.json", "x")
	put(root, "docs/p1/q/r/keep.json", "older")
	if err := os.Symlink("target.txt", filepath.Join(root, "symlink.html")); err != nil {
		t.Fatal(err)
	}
	id := func(p string) os.FileInfo {
		st, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	hereBefore := id(filepath.Join(root, "here.html"))
	var known []string
	if listed {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(root, p)
				known = append(known, filepath.ToSlash(rel))
			}
			return err
		})
	}

	tree := Refreshing(root, prev, known)
	written := map[string]string{
		"shared.html":           "same",
		"here.html":             "new",
		"apart.html":            "same",
		"changed.html":          "changed",
		"linkable.html":         "new",
		"new.html":              "new",
		"deep/a/b/c.json":       "{}",
		"was-file/x.html":       "x",
		"was-dir.html":          "a file",
		"symlink.html":          "same",
		"docs/p1/index.html":    "p",
		"docs/p1/q/r/keep.json": "{}",
	}
	linked := map[string]bool{"shared.html": true, "apart.html": true, "linkable.html": true}
	for name, data := range written {
		got, err := tree.WriteFileLinked(name, []byte(data))
		if err != nil {
			t.Fatalf("WriteFileLinked(%s): %v", name, err)
		}
		if got != linked[name] {
			t.Errorf("WriteFileLinked(%s) says linked %v, want %v", name, got, linked[name])
		}
	}
	if err := tree.Prune(); err != nil {
		t.Fatal(err)
	}
	var have []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			have = append(have, filepath.ToSlash(rel))
			if !d.Type().IsRegular() {
				t.Errorf("%s is %v, want a regular file", rel, d.Type())
			}
		}
		return nil
	})
	if len(have) != len(written) {
		t.Errorf("after Prune the tree holds %v, want the %d files written", have, len(written))
	}
	for name, want := range written {
		p := filepath.Join(root, filepath.FromSlash(name))
		if got, err := os.ReadFile(p); err != nil || string(got) != want {
			t.Errorf("%s holds %q (%v), want %q", name, got, err, want)
		}
		ost, err := os.Lstat(filepath.Join(prev, filepath.FromSlash(name)))
		if same := err == nil && os.SameFile(id(p), ost); same != linked[name] {
			t.Errorf("%s is the previous tree's file: %v, want %v", name, same, linked[name])
		}
	}
	if !os.SameFile(hereBefore, id(filepath.Join(root, "here.html"))) {
		t.Error("here.html, which held its bytes already, was written again")
	}
	for name, want := range map[string]string{"shared.html": "same", "here.html": "the previous tree's", "apart.html": "same", "changed.html": "old", "linkable.html": "new"} {
		if got, err := os.ReadFile(filepath.Join(prev, name)); err != nil || string(got) != want {
			t.Errorf("the previous tree's %s holds %q (%v), want %q as it was", name, got, err, want)
		}
	}
	if n := tree.Linked(); n != 3 {
		t.Errorf("Linked() = %d, want 3", n)
	}

	// With no previous tree, the older one alone is brought up to date.
	known = nil
	if listed {
		known = tree.Names()
	}
	again := Refreshing(root, "", known)
	for name, data := range map[string]string{"here.html": "new", "new.html": "newer"} {
		if got, err := again.WriteFileLinked(name, []byte(data)); err != nil || got {
			t.Errorf("WriteFileLinked(%s) = %v, %v; want false, nil", name, got, err)
		}
	}
	if err := again.Prune(); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 2 {
		t.Errorf("after the second Prune the tree holds %d entries, want here.html and new.html", len(entries))
	}
	if got, _ := os.ReadFile(filepath.Join(root, "new.html")); string(got) != "newer" {
		t.Errorf("new.html holds %q, want %q", got, "newer")
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

// TestLock takes a lock twice: the second is refused while the first is
// held, and taken once it is let go.
func TestLock(t *testing.T) {
	name := filepath.Join(t.TempDir(), ".lock")
	first, err := Lock(name)
	if err != nil {
		t.Fatal(err)
	}
	second, err := Lock(name)
	if err == nil {
		second.Close()
	}
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("a second Lock while the first is held: %v, want ErrLocked", err)
	}
	first.Close()
	again, err := Lock(name)
	if err != nil {
		t.Fatalf("Lock once the first was let go: %v", err)
	}
	again.Close()
}

// TestExchange swaps two folders: each name then holds the other's files.
func TestExchange(t *testing.T) {
	base := t.TempDir()
	a, b := filepath.Join(base, "a"), filepath.Join(base, "b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "name"), []byte(filepath.Base(d)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Exchange(a, b); errors.Is(err, errors.ErrUnsupported) {
		t.Skip("no atomic exchange on this system")
	} else if err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]string{a: "b", b: "a"} {
		if got, _ := os.ReadFile(filepath.Join(dir, "name")); string(got) != want {
			t.Errorf("%s holds %q's files, want %q's", dir, got, want)
		}
	}
}
