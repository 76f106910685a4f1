// Command writefloor measures the write floor of a tiaowen build: the cost
// of putting the same files, with the same bytes, on the same disk, and
// nothing else.
//
// Usage:
//
//	writefloor -src build/site [-also FILE]... -dst DIR [-batch BYTES]
//
// It first reads every file under -src, and each -also file (the offline
// bundle, say), into memory; that is not timed. Then it writes them all
// under -dst, which must not exist, the way internal/site writes a site:
// GOMAXPROCS workers take files in turn, in name order, create each
// directory once (one mkdir call when its parent exists) and write each
// file with os.WriteFile. An -also file goes to
// -dst/<its base name>. It prints one line,
//
//	files=17343 bytes=425653289 seconds=1.234 cpu=1.870 batches=1
//
// where seconds is the wall time and cpu the user+system time of the
// writing alone, so that bench/compare.sh can set tiaowen's times against
// them. A site larger than -batch bytes (by default half the memory the
// system has available) is read and written a batch at a time, in name
// order, and only the writing of each batch is timed: an N=10000 site is
// 30 GB. (The process's peak memory is mostly its copy of a batch.)
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"tiaowen/internal/diskwrite"
)

// file is one file to write: where it comes from, where it goes, and,
// while its batch is written, its bytes.
type file struct {
	src  string // path to read
	name string // slash path relative to -dst
	size int64
	data []byte
}

// alsoFlag collects repeated -also values.
type alsoFlag []string

func (a *alsoFlag) String() string     { return fmt.Sprint(*a) }
func (a *alsoFlag) Set(s string) error { *a = append(*a, s); return nil }

func main() {
	src := flag.String("src", "", "the built site to write again")
	dst := flag.String("dst", "", "where to write it; must not exist")
	batch := flag.Int64("batch", 0, "the most bytes held in memory at once (0: half the memory available)")
	var also alsoFlag
	flag.Var(&also, "also", "a further file to write into -dst (repeatable)")
	flag.Parse()
	if *src == "" || *dst == "" || *batch < 0 || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if *batch == 0 {
		*batch = availableMemory() / 2
	}
	if err := run(*src, *dst, also, *batch); err != nil {
		fmt.Fprintf(os.Stderr, "writefloor: %v\n", err)
		os.Exit(1)
	}
}

func run(src, dst string, also []string, batch int64) error {
	if _, err := os.Lstat(dst); err == nil {
		return fmt.Errorf("%s exists: the floor is measured on a fresh directory", dst)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	files, err := list(src, also)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	tree := diskwrite.New(dst)
	var (
		total        int64
		elapsed, cpu time.Duration
		batches      int
		first, end   int
	)
	for first = 0; first < len(files); first = end {
		var held int64
		for end = first; end < len(files) && (end == first || held+files[end].size <= batch); end++ {
			held += files[end].size
		}
		if err := load(files[first:end]); err != nil {
			return err
		}
		cpu0 := cpuTime()
		start := time.Now()
		if err := write(tree, files[first:end]); err != nil {
			return err
		}
		elapsed += time.Since(start)
		cpu += cpuTime() - cpu0
		for i := first; i < end; i++ {
			total += int64(len(files[i].data))
			files[i].data = nil
		}
		batches++
	}
	fmt.Printf("files=%d bytes=%d seconds=%.3f cpu=%.3f batches=%d\n", len(files), total, elapsed.Seconds(), cpu.Seconds(), batches)
	return nil
}

// availableMemory is what /proc/meminfo says the system can give without
// swapping, or 8 GiB where it says nothing.
func availableMemory() int64 {
	b, err := os.ReadFile("/proc/meminfo")
	if err == nil {
		for line := range strings.Lines(string(b)) {
			if rest, ok := strings.CutPrefix(line, "MemAvailable:"); ok {
				var kb int64
				if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kb); err == nil && kb > 0 {
					return kb << 10
				}
			}
		}
	}
	return 8 << 30
}

// cpuTime is the user and system time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// list names every regular file under src, in the order internal/site
// writes them, then the also files.
func list(src string, also []string) ([]file, error) {
	var files []file
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		files = append(files, file{src: p, name: filepath.ToSlash(rel), size: info.Size()})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", src, err)
	}
	// internal/site writes in name order, which is not quite the order of
	// a walk ("a/b" comes after "a.x" here, before it in a walk).
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.name, b.name) })
	for _, a := range also {
		info, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		files = append(files, file{src: a, name: filepath.Base(a), size: info.Size()})
	}
	return files, nil
}

// load reads the files' bytes into memory.
func load(files []file) error {
	for i := range files {
		data, err := os.ReadFile(files[i].src)
		if err != nil {
			return err
		}
		files[i].data = data
	}
	return nil
}

// write writes files into tree as internal/site's output does: in
// parallel across GOMAXPROCS workers, with internal/site's own writer
// (internal/diskwrite), so that the floor is the cheapest way there is
// and never counts as the disk's a cost that is the writer's.
func write(tree *diskwrite.Tree, files []file) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	next := make(chan file)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				err := tree.WriteFile(f.name, f.data)
				if err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	return first
}
