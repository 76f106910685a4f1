// Command writefloor measures the write floor of a tiaowen build: the cost
// of putting the same files, with the same bytes, on the same disk, and
// nothing else.
//
// Usage:
//
//	writefloor -src build/site [-also FILE]... -dst DIR
//
// It first reads every file under -src, and each -also file (the offline
// bundle, say), into memory; that is not timed. Then it writes them all
// under -dst, which must not exist, the way internal/site writes a site:
// GOMAXPROCS workers take files in turn, in name order, create each
// directory once (one mkdir call when its parent exists) and write each
// file with os.WriteFile. An -also file goes to
// -dst/<its base name>. It prints one line,
//
//	files=17343 bytes=425653289 seconds=1.234 cpu=1.870
//
// where seconds is the wall time and cpu the user+system time of the
// writing alone, so that bench/compare.sh can set tiaowen's times against
// them. (The process's peak memory is mostly its copy of the site.)
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

// file is one file to write, held in memory.
type file struct {
	name string // slash path relative to -dst
	data []byte
}

// alsoFlag collects repeated -also values.
type alsoFlag []string

func (a *alsoFlag) String() string     { return fmt.Sprint(*a) }
func (a *alsoFlag) Set(s string) error { *a = append(*a, s); return nil }

func main() {
	src := flag.String("src", "", "the built site to write again")
	dst := flag.String("dst", "", "where to write it; must not exist")
	var also alsoFlag
	flag.Var(&also, "also", "a further file to write into -dst (repeatable)")
	flag.Parse()
	if *src == "" || *dst == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*src, *dst, also); err != nil {
		fmt.Fprintf(os.Stderr, "writefloor: %v\n", err)
		os.Exit(1)
	}
}

func run(src, dst string, also []string) error {
	if _, err := os.Lstat(dst); err == nil {
		return fmt.Errorf("%s exists: the floor is measured on a fresh directory", dst)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	files, err := load(src, also)
	if err != nil {
		return err
	}
	var total int64
	for _, f := range files {
		total += int64(len(f.data))
	}
	cpu0 := cpuTime()
	start := time.Now()
	if err := write(dst, files); err != nil {
		return err
	}
	elapsed := time.Since(start)
	cpu := cpuTime() - cpu0
	fmt.Printf("files=%d bytes=%d seconds=%.3f cpu=%.3f\n", len(files), total, elapsed.Seconds(), cpu.Seconds())
	return nil
}

// cpuTime is the user and system time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// load reads every regular file under src, and the also files, into memory.
func load(src string, also []string) ([]file, error) {
	var files []file
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		files = append(files, file{name: filepath.ToSlash(rel), data: data})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", src, err)
	}
	// internal/site writes in name order, which is not quite the order of
	// a walk ("a/b" comes after "a.x" here, before it in a walk).
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.name, b.name) })
	for _, a := range also {
		data, err := os.ReadFile(a)
		if err != nil {
			return nil, err
		}
		files = append(files, file{name: filepath.Base(a), data: data})
	}
	return files, nil
}

// write writes files under dst as internal/site's output does: in
// parallel across GOMAXPROCS workers, with internal/site's own writer
// (internal/diskwrite), so that the floor is the cheapest way there is
// and never counts as the disk's a cost that is the writer's.
func write(dst string, files []file) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	tree := diskwrite.New(dst)
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
