// Package diskwrite writes a tree of many small files as cheaply as the
// operating system allows. A site is tens of thousands of files, each in
// a directory of its own; creating them, not writing their bytes, is what
// costs, so every system call that can be saved is saved.
package diskwrite

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Tree writes files under one root directory. It is safe for use by
// several goroutines at once.
type Tree struct {
	root string
	dirs sync.Map // directories already created
}

// New returns a Tree writing under root, which must exist.
func New(root string) *Tree {
	return &Tree{root: root}
}

// Root is the directory the tree writes under.
func (t *Tree) Root() string { return t.root }

// WriteFile creates or replaces the file at the slash-separated path name
// under the root, creating its directory first if need be.
func (t *Tree) WriteFile(name string, data []byte) error {
	full := filepath.Join(t.root, filepath.FromSlash(name))
	dir := filepath.Dir(full)
	if _, done := t.dirs.Load(dir); !done {
		if err := mkdir(dir); err != nil {
			return err
		}
		t.dirs.Store(dir, true)
	}
	return writeFile(full, data)
}

// mkdir creates dir, whose parent almost always exists already when files
// are written in name order, a directory's index.html before the
// directories inside it. One mkdir call then does what os.MkdirAll does
// with two stats and a mkdir.
func mkdir(dir string) error {
	err := os.Mkdir(dir, 0o755)
	switch {
	case err == nil, errors.Is(err, fs.ErrExist):
		return nil
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	}
	return err
}
