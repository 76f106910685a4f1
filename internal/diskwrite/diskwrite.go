// Package diskwrite writes a tree of many small files as cheaply as the
// operating system allows. A site is tens of thousands of files, each in
// a directory of its own; creating them, not writing their bytes, is what
// costs, so every system call that can be saved is saved.
package diskwrite

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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

	// refresh says that root holds an older tree already, which is
	// brought up to date in place (Refreshing), and known, when not nil,
	// the names of the files it holds.
	refresh bool
	known   []string

	// names holds the name of every file written, each ended by a NUL:
	// one block of bytes the collector need not look into, where a map
	// of a site's two hundred thousand paths, alive through the build,
	// cost it seconds.
	mu    sync.Mutex
	names []byte
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

// Refreshing returns a Tree that brings root, which holds an older tree
// of the same kind (an earlier site, or what an interrupted build left),
// up to date in place, and otherwise works as Reusing: a file root holds
// already with the bytes written stays as it is; any other is linked
// from prev when prev's file holds its bytes, or written anew. Prune then
// removes what was not written. A rebuild that keeps the site it replaced
// as the next one's root writes only what changed: the tens of thousands
// of links, directories and deletions of a tree made from nothing were
// most of an unchanged rebuild's time.
//
// known, when not nil, is the slash names of every file root holds, as
// Names gave them when root was written whole: Prune then removes the
// ones not written again, where it would otherwise read every directory
// of root (some 4 s for a site's 150,000 here). nil says they are not
// known, as after an interrupted build.
//
// A file in root is never written into, only replaced: it may be the
// same file as prev's, linked by an earlier build. prev may be "".
func Refreshing(root, prev string, known []string) *Tree {
	return &Tree{root: root, prev: prev, refresh: true, known: known}
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
	t.mu.Lock()
	t.names = append(append(t.names, name...), 0)
	t.mu.Unlock()
	linked, err = t.writeFile(full, name, data)
	if err != nil && t.refresh && t.clearPath(full) {
		// The older tree had a file where a directory now goes, or a
		// directory where a file does.
		linked, err = t.writeFile(full, name, data)
	}
	if err == nil && linked {
		t.linked.Add(1)
	}
	return linked, err
}

func (t *Tree) writeFile(full, name string, data []byte) (linked bool, err error) {
	if err := t.makeDir(filepath.Dir(full)); err != nil {
		return false, err
	}
	var old string
	if t.prev != "" {
		old = filepath.Join(t.prev, filepath.FromSlash(name))
	}
	switch {
	case t.refresh:
		return t.refreshFile(full, old, data)
	case old == "":
		return false, writeFile(full, data)
	case sameContent(old, data) && os.Link(old, full) == nil:
		return true, nil
	}
	return false, replaceFile(full, data)
}

// refreshFile brings the file at full, in a refreshing tree, to hold
// data; old is the previous tree's file of the same name, "" for none.
func (t *Tree) refreshFile(full, old string, data []byte) (linked bool, err error) {
	here, holding := holds(full, data)
	if holding && (old == "" || here.is(fileAt(old))) {
		return old != "", nil
	}
	if old != "" && sameContent(old, data) {
		// The previous tree's file becomes the one at full. Where full
		// held data already, in a file of its own, the two become one
		// again, so that the next rebuild finds them the same without
		// reading the previous tree's.
		if err := remove(full); err != nil {
			return false, err
		}
		if os.Link(old, full) == nil {
			return true, nil
		}
		return false, replaceFile(full, data)
	}
	if holding {
		return false, nil
	}
	return false, replaceFile(full, data)
}

// replaceFile writes data to a new file at full, never into the file
// that may be there: a name written before in this build, or kept from
// an older tree, may be a link to the previous tree's file, which must
// stay as it is.
func replaceFile(full string, data []byte) error {
	err := writeNewFile(full, data)
	if errors.Is(err, fs.ErrExist) {
		if err := remove(full); err != nil {
			return err
		}
		err = writeNewFile(full, data)
	}
	return err
}

// makeDir creates dir once per tree. A refreshing tree also remembers
// every directory above it, which Prune keeps.
func (t *Tree) makeDir(dir string) error {
	if _, done := t.dirs.Load(dir); done {
		return nil
	}
	if err := mkdir(dir); err != nil {
		return err
	}
	t.dirs.Store(dir, true)
	if t.refresh {
		for d := filepath.Dir(dir); len(d) > len(t.root); d = filepath.Dir(d) {
			if _, had := t.dirs.LoadOrStore(d, true); had {
				break
			}
		}
	}
	return nil
}

// remove removes the file or directory tree at name; nothing there is no
// error.
func remove(name string) error {
	err := os.Remove(name)
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return os.RemoveAll(name)
}

// clearPath removes, from the top of a refreshing tree down, the first
// thing on the way to full that is not a directory, and reports whether
// it found one: the older tree had a file where the new one has a
// directory. Failing that, it removes a directory at full itself, where
// the new tree has a file.
func (t *Tree) clearPath(full string) bool {
	rel, err := filepath.Rel(t.root, full)
	if err != nil {
		return false
	}
	p := t.root
	parts := strings.Split(rel, string(filepath.Separator))
	for _, part := range parts[:len(parts)-1] {
		p = filepath.Join(p, part)
		st, err := os.Lstat(p)
		if err == nil && !st.IsDir() {
			// makeDir took the file for the directory (mkdir said it
			// exists): it is made again on the next try.
			t.dirs.Delete(p)
			return os.Remove(p) == nil
		}
	}
	if st, err := os.Lstat(full); err == nil && st.IsDir() {
		return os.RemoveAll(full) == nil
	}
	return false
}

// Prune removes from a refreshing tree every file and directory that
// was not written since Refreshing: what the older tree had and the new
// one does not. It does nothing to any other tree. Like RemoveTree, it
// goes through several subtrees at a time: reading a site's hundred
// thousand directories one after another waits on the disk.
func (t *Tree) Prune() error {
	if !t.refresh {
		return nil
	}
	written := map[string]bool{}
	for _, name := range t.Names() {
		written[filepath.Join(t.root, filepath.FromSlash(name))] = true
	}
	if t.known != nil {
		return t.pruneKnown(written)
	}
	type entry struct {
		path string
		d    fs.DirEntry
	}
	var work []entry
	top, err := os.ReadDir(t.root)
	if err != nil {
		return err
	}
	for _, e := range top {
		p := filepath.Join(t.root, e.Name())
		if descend, err := t.prune(p, e, written); err != nil {
			return err
		} else if descend {
			sub, err := os.ReadDir(p)
			if err != nil {
				return err
			}
			for _, s := range sub {
				work = append(work, entry{filepath.Join(p, s.Name()), s})
			}
		}
	}
	errs := make([]error, len(work))
	atOnce(len(work), func(i int) {
		e := work[i]
		descend, err := t.prune(e.path, e.d, written)
		if err == nil && descend {
			err = filepath.WalkDir(e.path, func(p string, d fs.DirEntry, err error) error {
				if err != nil || p == e.path {
					return err
				}
				descend, err := t.prune(p, d, written)
				if err == nil && d.IsDir() && !descend {
					return filepath.SkipDir // removed whole
				}
				return err
			})
		}
		errs[i] = err
	})
	return errors.Join(errs...)
}

// pruneKnown is Prune where the older tree's files are known: each one
// not written again is removed, or, when the new tree has no directory
// where it lies, the highest such directory is removed whole.
func (t *Tree) pruneKnown(written map[string]bool) error {
	gone := map[string]bool{}
	var errs []error
	for _, name := range t.known {
		full := filepath.Join(t.root, filepath.FromSlash(name))
		if written[full] {
			continue
		}
		if _, dir := t.dirs.Load(full); dir {
			continue // a directory of the new tree now; see clearPath
		}
		target, d := full, t.root
		parts := strings.Split(name, "/")
		for _, part := range parts[:len(parts)-1] {
			d = filepath.Join(d, part)
			if _, keep := t.dirs.Load(d); !keep {
				target = d
				break
			}
		}
		if target != full && written[target] {
			continue // a file of the new tree now, written over the directory
		}
		if gone[target] {
			continue
		}
		gone[target] = true
		if err := remove(target); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// WriteNames writes the slash name of every file written to w, a line
// each, in the order they were written (a name written twice is there
// twice), without making a string of each, as Names does.
func (t *Tree) WriteNames(w io.Writer) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	bw := bufio.NewWriterSize(w, 64<<10)
	for name := range bytes.SplitSeq(t.names, []byte{0}) {
		if len(name) > 0 {
			bw.Write(name)
			bw.WriteByte('\n')
		}
	}
	return bw.Flush()
}

// Names returns the slash name of every file written, in the order they
// were written (a name written twice is there twice).
func (t *Tree) Names() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var names []string
	for name := range bytes.SplitSeq(t.names, []byte{0}) {
		if len(name) > 0 {
			names = append(names, string(name))
		}
	}
	return names
}

// prune removes the file or directory at p unless it is a file written
// or a directory written under, and reports whether p is a directory
// kept, whose entries are to be looked at in turn.
func (t *Tree) prune(p string, d fs.DirEntry, written map[string]bool) (descend bool, err error) {
	if d.IsDir() {
		if _, keep := t.dirs.Load(p); keep {
			return true, nil
		}
		return false, os.RemoveAll(p)
	}
	if written[p] {
		return false, nil
	}
	return false, os.Remove(p)
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
