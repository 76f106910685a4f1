package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"tiaowen/internal/diskwrite"
)

// output writes a site into a folder beside its final place and swaps it
// in when the build has succeeded, so that a failed or killed build never
// touches the site that is there. The folder is the spare: once swapped,
// it holds the site it replaced, which the next build brings up to date
// in place (diskwrite.Refreshing) rather than deleting it and making a
// tree of hard links again — at 2000 documents the deletion alone took 16
// s of a 69 s unchanged rebuild.
type output struct {
	final string // e.g. build/site
	spare string // build/.spare-site, where pages are written
	tree  *diskwrite.Tree
	lock  *os.File // held while the build writes; nil once let go

	pages atomic.Int64
	zip   *bundle // the offline bundle, written as the site is; nil for none
	bytes atomic.Int64
	files fileClock // where the time of writing the files went, by kind
}

const (
	sparePrefix = ".spare-"
	lockPrefix  = ".lock-"
	listPrefix  = ".files-"
	// What builds before the spare left: a temporary tree, and the
	// previous site while it was deleted.
	tmpPrefix = ".tmp-"
	oldPrefix = ".old-"
)

// siteMark is the file a build leaves at the top of every site (render
// writes it, and the bundle has it too), by which a later build knows the
// folder for one it may replace whole.
const (
	siteMark     = ".tiaowen"
	siteMarkText = "This folder is a site that tiaowen built: `tiaowen build` replaces it whole.\n"
)

// checkOut refuses an output folder that a build must not replace: a
// file, or a folder holding anything but a site tiaowen built. A build
// swaps the whole folder for the new site and deletes what was there, so
// `--out ~/Documents` would otherwise take the documents with it.
func checkOut(final string) error {
	st, err := os.Stat(final)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !st.IsDir():
		return fmt.Errorf("%s is a file: --out names the folder the site is written to", final)
	case !isSite(final):
		return fmt.Errorf("%s holds files that are not a site tiaowen built, and a build replaces its output folder whole: give --out a new or empty folder, or move those files away", final)
	}
	return nil
}

// isSite reports whether dir is empty or a site a build wrote: it has the
// mark, or, built before there was one, the home page, the API's list
// and the search index's head.
func isSite(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	if len(entries) == 0 {
		return true
	}
	if _, err := os.Stat(filepath.Join(dir, siteMark)); err == nil {
		return true
	}
	for _, f := range []string{"index.html", "api/docs.json", "search/data/meta.js"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return false
		}
	}
	return true
}

// newOutput takes the lock of final and prepares its spare: brought up
// to date in place when an earlier build left one, else made anew with
// links to final's files. A final that is a symbolic link stays one: the
// folder it leads to is replaced.
func newOutput(final string) (*output, error) {
	final = filepath.Clean(final)
	if real, err := filepath.EvalSymlinks(final); err == nil {
		final = real
	}
	parent := filepath.Dir(final)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	base := filepath.Base(final)
	o := &output{final: final, spare: filepath.Join(parent, sparePrefix+base)}
	if err := o.takeLock(filepath.Join(parent, lockPrefix+base)); err != nil {
		return nil, err
	}
	removeLeftovers(parent, base)
	var prev string
	if st, err := os.Stat(final); err == nil && st.IsDir() {
		prev = final
	}
	if st, err := os.Lstat(o.spare); err == nil && st.IsDir() {
		known, err := o.takeList(o.spare)
		if err != nil {
			o.letGo()
			return nil, err
		}
		o.tree = diskwrite.Refreshing(o.spare, prev, known)
		return o, nil
	}
	if err := os.RemoveAll(o.spare); err != nil {
		o.letGo()
		return nil, err
	}
	if err := os.Mkdir(o.spare, 0o755); err != nil {
		o.letGo()
		return nil, err
	}
	// A list left for a folder deleted since, whose inode the new one
	// may have been given, says nothing of it.
	if _, err := o.takeList(o.spare); err != nil {
		o.letGo()
		return nil, err
	}
	// A first rebuild links the previous site's unchanged files into the
	// new one rather than writing them again (diskwrite.Reusing).
	o.tree = diskwrite.New(o.spare)
	if prev != "" {
		o.tree = diskwrite.Reusing(o.spare, prev)
	}
	return o, nil
}

// The list of a folder's files: a build writes it beside the folder it
// swaps in, named by the folder's inode, which the folder keeps when it
// is swapped with its spare. When the folder is a spare again, the build
// after next reads the list to know what to remove from it without
// reading its hundred thousand directories, and removes the list before
// it changes anything there: a build killed midway leaves no list, and
// the next one reads the directories.
const listHeader = "tiaowen: the files of the site folder named by this file's inode, one a line\n"

// listPath is the path of the list of the folder dir; ok is false when
// dir cannot be looked at.
func (o *output) listPath(dir string) (path string, ok bool) {
	ino, ok := diskwrite.FolderID(dir)
	if !ok {
		return "", false
	}
	name := listPrefix + filepath.Base(o.final) + "-" + strconv.FormatUint(ino, 10)
	return filepath.Join(filepath.Dir(o.final), name), true
}

// takeList reads and removes the list of dir's files: nil when there is
// none, or it is not one.
func (o *output) takeList(dir string) ([]string, error) {
	path, ok := o.listPath(dir)
	if !ok {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("remove %s, which would no longer be true: %w", path, err)
	}
	rest, ok := strings.CutPrefix(string(data), listHeader)
	if err != nil || !ok {
		return nil, nil
	}
	known := strings.Split(rest, "\n")
	if known[len(known)-1] == "" {
		known = known[:len(known)-1]
	}
	return known, nil
}

// writeList writes the list of the spare's files, once they are all
// written and nothing else is there.
func (o *output) writeList() error {
	path, ok := o.listPath(o.spare)
	if !ok {
		return nil
	}
	// Written whole, then named: a list is all there or not at all.
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	_, err = f.WriteString(listHeader)
	if err == nil {
		err = o.tree.WriteNames(f)
	}
	if err1 := f.Close(); err == nil {
		err = err1
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// removeOtherLists removes the lists of folders that are neither the
// site nor its spare any more.
func (o *output) removeOtherLists() {
	keep := map[string]bool{}
	for _, dir := range []string{o.final, o.spare} {
		if path, ok := o.listPath(dir); ok {
			keep[filepath.Base(path)] = true
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(o.final))
	for _, e := range entries {
		ino, ok := strings.CutPrefix(e.Name(), listPrefix+filepath.Base(o.final)+"-")
		if ok && ino != "" && strings.Trim(ino, "0123456789") == "" && !keep[e.Name()] {
			os.Remove(filepath.Join(filepath.Dir(o.final), e.Name()))
		}
	}
}

// takeLock holds the lock file at name until letGo: two builds into one
// folder at once would write one spare and swap it in twice.
func (o *output) takeLock(name string) error {
	f, err := diskwrite.Lock(name)
	if errors.Is(err, diskwrite.ErrLocked) {
		return fmt.Errorf("another build is writing %s now (it holds %s): wait for it to end, or give --out another folder", o.final, name)
	}
	if err != nil {
		return fmt.Errorf("lock %s: %w", name, err)
	}
	o.lock = f
	return nil
}

// letGo lets the lock go, once the build has ended either way.
func (o *output) letGo() {
	if o.lock != nil {
		o.lock.Close()
		o.lock = nil
	}
}

// removeLeftovers removes what killed builds left in parent for the
// site or zip named base: .tmp-<base>-<digits> (a zip being written, or,
// before the spare, the site) and .old-<base>-.tmp-<base>-<digits> (the
// previous site being deleted, before the spare). Only those names, so
// that the leftovers of one named like this one and more (site-2 beside
// site) are not taken for its own.
func removeLeftovers(parent, base string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		name := e.Name()
		rest, ok := strings.CutPrefix(name, oldPrefix+base+"-")
		if !ok {
			rest = name
		}
		if digits, ok := strings.CutPrefix(rest, tmpPrefix+base+"-"); ok && digits != "" && strings.Trim(digits, "0123456789") == "" {
			diskwrite.RemoveTree(filepath.Join(parent, name))
		}
	}
}

// write stores a file at a slash-separated path inside the site.
// unchanged says that the previous site's file of that name held data,
// byte for byte, and was taken as it was.
func (o *output) write(name string, data []byte, page bool) (unchanged bool, err error) {
	if unchanged, err = o.tree.WriteFileLinked(name, data); err != nil {
		return false, err
	}
	if page {
		o.pages.Add(1)
	}
	o.bytes.Add(int64(len(data)))
	return unchanged, nil
}

// prune removes from the spare what the site no longer has, once every
// file is written: the files and folders of an older site that this one
// did not write again.
func (o *output) prune() error {
	return o.tree.Prune()
}

// commit swaps the spare into place. On Linux and macOS the two folders
// are exchanged in one atomic step; elsewhere the old one is moved aside
// first. The spare then holds the previous site, for the next build.
func (o *output) commit() error {
	defer o.letGo()
	if err := o.writeList(); err != nil {
		return err
	}
	err := o.swap()
	if err == nil {
		o.removeOtherLists()
	}
	return err
}

// swap puts the spare in the site's place, and the site in the spare's.
func (o *output) swap() error {
	if _, err := os.Stat(o.final); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(o.spare, o.final)
	}
	if exchange(o.spare, o.final) == nil {
		return nil
	}
	// No atomic exchange here (or not on this file system): the site is
	// moved aside, the spare into its place, and the site into the
	// spare's.
	old := filepath.Join(filepath.Dir(o.final), oldPrefix+filepath.Base(o.final))
	if err := diskwrite.RemoveTree(old); err != nil {
		return err
	}
	if err := os.Rename(o.final, old); err != nil {
		return err
	}
	if err := os.Rename(o.spare, o.final); err != nil {
		os.Rename(old, o.final)
		return err
	}
	if os.Rename(old, o.spare) != nil {
		return diskwrite.RemoveTree(old)
	}
	return nil
}

// abandon gives up a failed build: the spare is left as the build left
// it, for the next one to bring up to date, and the bundle's temporary
// file is removed.
func (o *output) abandon() {
	o.letGo()
	if o.zip != nil {
		o.zip.abandon()
	}
}

// exchange is diskwrite.Exchange; a test puts a failing one in its place
// to take the way of the systems that have none.
var exchange = diskwrite.Exchange

// zipEpoch is the modification time of every file in the bundle, so that
// two builds of the same content give the same bytes.
var zipEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// cleanName rejects paths that would leave the site directory.
func cleanName(name string) bool {
	return name != "" && !strings.HasPrefix(name, "/") && !strings.Contains(name, "..") && path.Clean(name) == name
}
