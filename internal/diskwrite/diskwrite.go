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
	"sync/atomic"
)

// Tree writes files under one root directory. It is safe for use by
// several goroutines at once.
type Tree struct {
	root   string
	prev   string   // a previous tree whose unchanged files are linked; "" for none
	dirs   sync.Map // directories already created
	linked atomic.Int64
}

// New returns a Tree writing under root, which must exist.
func New(root string) *Tree {
	return &Tree{root: root}
}

// Reusing returns a Tree writing under root that, for every file whose
// bytes the file of the same name under prev already holds, makes a hard
// link to that file instead of writing a new one. A rebuild of a site
// then creates no file it already has: on ext4 without a journal, a new
// file costs a scan past every inode freed in the last minutes, and the
// previous site's, deleted when the new one is in place, would otherwise
// all be freed; unchanged files also keep their times, which a copy to a
// server can go by. Files under prev are only read, never written.
func Reusing(root, prev string) *Tree {
	return &Tree{root: root, prev: prev}
}

// Linked is the number of files the tree has taken from the previous
// tree unchanged.
func (t *Tree) Linked() int64 { return t.linked.Load() }

// Root is the directory the tree writes under.
func (t *Tree) Root() string { return t.root }

// WriteFile creates or replaces the file at the slash-separated path name
// under the root, creating its directory first if need be.
func (t *Tree) WriteFile(name string, data []byte) error {
	_, err := t.WriteFileLinked(name, data)
	return err
}

// WriteFileLinked is WriteFile that also says whether the file was taken
// from the previous tree unchanged: linked is true only when the previous
// tree's file of the same name was found to hold data, byte for byte, and
// is now the file at name. Whatever was made from the previous tree's
// file can then stand for what data would make.
func (t *Tree) WriteFileLinked(name string, data []byte) (linked bool, err error) {
	full := filepath.Join(t.root, filepath.FromSlash(name))
	dir := filepath.Dir(full)
	if _, done := t.dirs.Load(dir); !done {
		if err := mkdir(dir); err != nil {
			return false, err
		}
		t.dirs.Store(dir, true)
	}
	if t.prev == "" {
		return false, writeFile(full, data)
	}
	old := filepath.Join(t.prev, filepath.FromSlash(name))
	if sameContent(old, data) && os.Link(old, full) == nil {
		t.linked.Add(1)
		return true, nil
	}
	// A name written before in this build may be a link to the previous
	// tree's file, which must stay as it is: the new bytes go into a
	// file of their own.
	err = writeNewFile(full, data)
	if errors.Is(err, fs.ErrExist) {
		if err := os.Remove(full); err != nil {
			return false, err
		}
		err = writeNewFile(full, data)
	}
	return false, err
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
