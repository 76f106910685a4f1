package serve

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"tiaowen/internal/diag"
)

// watcher watches the source directories of a site, recursively, and the
// directories they sit in, so that a source directory created or removed
// while the server runs is noticed too.
type watcher struct {
	fs    *fsnotify.Watcher
	roots []string // content, templates, static: absolute, without duplicates
}

// watch starts watching the site's sources.
func (s *Server) watch() (*watcher, error) {
	fw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w := &watcher{fs: fw}
	content, templates, static := s.mem.Dirs()
	for _, r := range []string{content, templates, static} {
		if !slices.Contains(w.roots, r) {
			w.roots = append(w.roots, r)
		}
	}
	parents := map[string]bool{}
	for _, r := range w.roots {
		if p := filepath.Dir(r); !parents[p] && !w.inRoot(p) {
			parents[p] = true
			if err := fw.Add(p); err != nil {
				fmt.Fprintf(s.err, "warning: cannot watch %s: %v\n", p, err)
			}
		}
		if _, err := os.Stat(r); err == nil {
			w.addTree(r, s.err)
		}
	}
	return w, nil
}

// inRoot reports whether p is one of the roots or inside one.
func (w *watcher) inRoot(p string) bool {
	for _, r := range w.roots {
		if p == r || strings.HasPrefix(p, r+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// addTree watches dir and every directory under it but a version
// control system's, and returns the files found: a directory that appears
// while the server runs may have been filled before its watch was in
// place.
func (w *watcher) addTree(dir string, errs io.Writer) []string {
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if !d.IsDir() {
			files = append(files, p)
			return nil
		}
		switch d.Name() {
		case ".git", ".hg", ".svn":
			return filepath.SkipDir
		}
		if err := w.fs.Add(p); err != nil {
			fmt.Fprintf(errs, "warning: cannot watch %s: %v\n", p, err)
		}
		return nil
	})
	return files
}

// holdBack bounds how long a batch waits for a file that is missing or
// empty: an editor that saves by renaming removes the file a moment
// before it puts the new one in its place, and one that truncates writes
// a moment after.
const holdBack = 250 * time.Millisecond

// watchLoop gathers the watcher's events into batches and rebuilds the
// site with each, until ctx ends.
func (s *Server) watchLoop(ctx context.Context, w *watcher) {
	defer w.fs.Close()
	var (
		pending = map[string]bool{}
		first   time.Time // of the batch
		quiet   = time.NewTimer(time.Hour)
		settle  = time.NewTimer(time.Hour)
	)
	quiet.Stop()
	settle.Stop()
	add := func(p string) {
		if len(pending) == 0 {
			first = time.Now()
		}
		pending[p] = true
		quiet.Reset(s.opts.Debounce)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(s.err, "warning: watching the sources: %v\n", err)
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod || !w.inRoot(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
					for _, f := range w.addTree(ev.Name, s.err) {
						if s.mem.Relevant(f) {
							add(f)
						}
					}
				}
			}
			if s.mem.Relevant(ev.Name) {
				add(ev.Name)
			}
			settle.Stop()
		case <-quiet.C:
			if len(pending) == 0 {
				continue
			}
			if time.Since(first) < holdBack && waiting(pending) {
				quiet.Reset(s.opts.Debounce)
				continue
			}
			paths := slices.Sorted(maps.Keys(pending))
			clear(pending)
			if s.rebuild(paths) {
				settle.Reset(s.settleDelay())
			}
		case <-settle.C:
			go s.settle()
		}
	}
}

// waiting reports whether a batch has a file that is missing or empty.
func waiting(pending map[string]bool) bool {
	for p := range pending {
		fi, err := os.Stat(p)
		if err != nil || (fi.Mode().IsRegular() && fi.Size() == 0) {
			return true
		}
	}
	return false
}

// rebuild applies a batch of changes, prints what it did and tells the
// browsers. It reports whether the similarity model is now stale.
func (s *Server) rebuild(paths []string) bool {
	var names []string
	for _, p := range paths[:min(len(paths), 3)] {
		names = append(names, displayPath(p))
	}
	more := ""
	if len(paths) > 3 {
		more = fmt.Sprintf(" and %d more", len(paths)-3)
	}
	fmt.Fprintf(s.out, "Change detected: %s%s\n", strings.Join(names, ", "), more)
	r := s.mem.Update(paths)
	s.printProblems(r.Problems)
	switch {
	case r.Err() != nil:
		fmt.Fprintf(s.err, "Build failed in %d ms; the last good site is still served.\n", r.Elapsed.Milliseconds())
	case r.Full:
		fmt.Fprintf(s.out, "Rebuilt the whole site in %d ms: %s, %s\n", r.Elapsed.Milliseconds(), diag.Count(r.Docs, "document"), diag.Count(r.Sections, "section"))
	case len(r.Changed) > 0:
		fmt.Fprintf(s.out, "Rebuilt in %d ms (%s); files to render again: %d\n", r.Elapsed.Milliseconds(), summarize(r.Changed), r.Dropped)
	}
	for _, u := range r.Removed {
		fmt.Fprintf(s.err, "warning: %s was published (content/.permalinks) and is gone: `tiaowen build` will refuse this unless the document keeps it or --allow-removed is given\n", u)
	}
	for _, w := range r.Retargeted {
		fmt.Fprintf(s.err, "warning: %s (content/.permalinks): `tiaowen build` will refuse this unless the section keeps its words or --allow-changed is given\n", w)
	}
	s.notify(r)
	return r.Err() == nil && s.opts.SettleAfter >= 0 && s.mem.Stale()
}

// settleDelay is how long edits must pause before Settle: twice a full
// load, so that at thousands of documents the model is not rebuilt
// between every two saves.
func (s *Server) settleDelay() time.Duration {
	if s.opts.SettleAfter > 0 {
		return s.opts.SettleAfter
	}
	return max(time.Second, 2*s.mem.LoadTime())
}

// settle rebuilds the similarity model of the corpus, unless it is being
// rebuilt already, and tells the browsers whose pages it changed.
func (s *Server) settle() {
	if !s.settling.TryLock() {
		return
	}
	defer s.settling.Unlock()
	r, ok := s.mem.Settle()
	if !ok {
		if r.Err() != nil {
			fmt.Fprintf(s.err, "The similarity model could not be rebuilt:\n")
			s.printProblems(r.Problems.Errors())
		}
		return
	}
	fmt.Fprintf(s.out, "Rebuilt the similarity model of %s in %d ms; files to render again: %d\n", diag.Count(r.Docs, "document"), r.Elapsed.Milliseconds(), r.Dropped)
	s.notify(r)
}

// summarize names the changes of a rebuild for the terminal.
func summarize(keys []string) string {
	var docs, tmpls, assets, other []string
	for _, k := range keys {
		kind, name, _ := strings.Cut(k, ":")
		switch kind {
		case "doc":
			docs = append(docs, name)
		case "tmpl":
			tmpls = append(tmpls, name)
		case "static":
			assets = append(assets, name)
		case "page", "pages":
			other = append(other, "content pages")
		}
	}
	var parts []string
	if len(docs) > 0 {
		parts = append(parts, "documents "+strings.Join(docs, ", "))
	}
	if len(tmpls) > 0 {
		parts = append(parts, "templates "+strings.Join(tmpls, ", "))
	}
	if len(assets) > 0 {
		parts = append(parts, "assets "+strings.Join(assets, ", "))
	}
	parts = append(parts, slices.Compact(other)...)
	if len(parts) == 0 {
		return "no page changed"
	}
	return strings.Join(parts, "; ")
}

// displayPath shows a path relative to the working directory when it is
// inside it.
func displayPath(p string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return p
}
