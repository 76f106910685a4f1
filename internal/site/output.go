package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"

	"tiaowen/internal/diskwrite"
)

// output writes a site into a fresh directory beside its final place and
// swaps it in when the build has succeeded, so that a failed or killed
// build never touches the site that is there.
type output struct {
	final string // e.g. build/site
	tmp   string // build/.site-tmp-…, where pages are written
	tree  *diskwrite.Tree

	pages atomic.Int64
	zip   *bundle // the offline bundle, written as the site is; nil for none
	bytes atomic.Int64
	files fileClock // where the time of writing the files went, by kind
}

const (
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

// newOutput prepares a temporary directory beside final, removing what
// earlier interrupted builds left there. A final that is a symbolic link
// stays one: the folder it leads to is replaced.
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
	stale, _ := filepath.Glob(filepath.Join(parent, tmpPrefix+base+"-*"))
	old, _ := filepath.Glob(filepath.Join(parent, oldPrefix+base+"-*"))
	for _, d := range append(stale, old...) {
		diskwrite.RemoveTree(d)
	}
	tmp, err := os.MkdirTemp(parent, tmpPrefix+base+"-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	// A rebuild links the previous site's unchanged files into the new
	// one rather than writing them again (diskwrite.Reusing).
	tree := diskwrite.New(tmp)
	if st, err := os.Stat(final); err == nil && st.IsDir() {
		tree = diskwrite.Reusing(tmp, final)
	}
	return &output{final: final, tmp: tmp, tree: tree}, nil
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

// commit swaps the new site into place. On Linux the two directories are
// exchanged in one atomic step; elsewhere the old one is moved aside first.
func (o *output) commit() error {
	if _, err := os.Stat(o.final); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(o.tmp, o.final)
	}
	err := unix.Renameat2(unix.AT_FDCWD, o.tmp, unix.AT_FDCWD, o.final, unix.RENAME_EXCHANGE)
	if err == nil {
		// o.tmp now holds the previous site.
		return diskwrite.RemoveTree(o.tmp)
	}
	old := filepath.Join(filepath.Dir(o.final), oldPrefix+filepath.Base(o.final)+"-"+filepath.Base(o.tmp))
	if err := os.Rename(o.final, old); err != nil {
		return err
	}
	if err := os.Rename(o.tmp, o.final); err != nil {
		os.Rename(old, o.final)
		return err
	}
	return diskwrite.RemoveTree(old)
}

// abandon removes the temporary directory of a failed build.
func (o *output) abandon() {
	diskwrite.RemoveTree(o.tmp)
	if o.zip != nil {
		o.zip.abandon()
	}
}

// zipEpoch is the modification time of every file in the bundle, so that
// two builds of the same content give the same bytes.
var zipEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// cleanName rejects paths that would leave the site directory.
func cleanName(name string) bool {
	return name != "" && !strings.HasPrefix(name, "/") && !strings.Contains(name, "..") && path.Clean(name) == name
}
