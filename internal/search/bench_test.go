package search

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"testing"
	"time"

	"tiaowen/internal/corpus"
	"tiaowen/internal/themes"
)

// BenchmarkBuild times Build over the seed corpus and over synthetic
// corpora of 200, 2000 and (with TIAOWEN_BENCH_LARGE=1) 10000 documents
// from bench/gencorpus, and reports the index's size and the heap that
// building it took at its peak. bench/search.sh sets the same corpora
// against Pagefind.
func BenchmarkBuild(b *testing.B) {
	b.Run("seeds", func(b *testing.B) {
		c, set := seedCorpus(b)
		benchBuild(b, c, set)
	})
	for _, n := range []int{200, 2000, 10000} {
		b.Run("N="+strconv.Itoa(n), func(b *testing.B) {
			if n > 2000 && os.Getenv("TIAOWEN_BENCH_LARGE") == "" {
				b.Skip("set TIAOWEN_BENCH_LARGE=1 to index 10000 documents")
			}
			c, set := syntheticCorpus(b, n)
			benchBuild(b, c, set)
		})
	}
}

// BenchmarkFingerprint hashes what the index is built from, as every
// build does before its pages are written, against building the index
// itself (BenchmarkBuild) on the same corpora: with TIAOWEN_BENCH_CONTENT
// set, that content directory as well.
func BenchmarkFingerprint(b *testing.B) {
	run := func(b *testing.B, c *corpus.Corpus, set *themes.Set) {
		b.ReportAllocs()
		for b.Loop() {
			Fingerprint(c, Options{Themes: set})
		}
	}
	b.Run("N=200", func(b *testing.B) {
		c, set := syntheticCorpus(b, 200)
		run(b, c, set)
	})
	if dir := os.Getenv("TIAOWEN_BENCH_CONTENT"); dir != "" {
		b.Run("content", func(b *testing.B) {
			c, set := loadContent(b, dir)
			run(b, c, set)
		})
	}
}

// BenchmarkBuildDir indexes the content directory that the environment
// variable TIAOWEN_BENCH_CONTENT names (docs/ and themes.yaml), for
// bench/search.sh, which runs it under /usr/bin/time for the peak RSS.
func BenchmarkBuildDir(b *testing.B) {
	dir := os.Getenv("TIAOWEN_BENCH_CONTENT")
	if dir == "" {
		b.Skip("set TIAOWEN_BENCH_CONTENT to a content directory")
	}
	c, set := loadContent(b, dir)
	benchBuild(b, c, set)
}

func benchBuild(b *testing.B, c *corpus.Corpus, set *themes.Set) {
	runtime.GC()
	peak := watchHeap()
	b.ReportAllocs()
	b.ResetTimer()
	var ix *Index
	for b.Loop() {
		ix = Build(c, Options{Themes: set})
	}
	b.StopTimer()
	b.ReportMetric(float64(ix.Size()), "index-bytes")
	b.ReportMetric(float64(ix.Sections), "sections")
	b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MiB")
}

// watchHeap samples the live heap every millisecond until the returned
// function is called, which returns the largest sample.
func watchHeap() func() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var mu sync.Mutex
	var max uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			mu.Lock()
			max = maxU(max, s[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		mu.Lock()
		defer mu.Unlock()
		return max
	}
}

func maxU(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}

// seedCorpus loads the repository's own content, read only.
func seedCorpus(tb testing.TB) (*corpus.Corpus, *themes.Set) {
	tb.Helper()
	return loadContent(tb, filepath.Join("..", "..", "content"))
}

func loadContent(tb testing.TB, dir string) (*corpus.Corpus, *themes.Set) {
	tb.Helper()
	c, problems := corpus.NewParser().LoadDir(filepath.Join(dir, "docs"))
	if err := problems.Err(); err != nil {
		tb.Fatalf("load %s: %v", dir, err)
	}
	set, problems := themes.LoadFile(filepath.Join(dir, "themes.yaml"))
	if err := problems.Err(); err != nil {
		tb.Fatalf("load %s: %v", dir, err)
	}
	return c, set
}

// syntheticCorpus generates n documents with bench/gencorpus into a
// temporary directory and loads them, with the seed themes.
func syntheticCorpus(tb testing.TB, n int) (*corpus.Corpus, *themes.Set) {
	tb.Helper()
	dir := tb.TempDir()
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command("go", "run", "./bench/gencorpus", "-seeds", "testdata/seeds",
		"-n", strconv.Itoa(n), "-out", filepath.Join(dir, "docs"), "-manifest", filepath.Join(dir, "manifest.json"))
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("gencorpus: %v\n%s", err, out)
	}
	c, problems := corpus.NewParser().LoadDir(filepath.Join(dir, "docs"))
	if err := problems.Err(); err != nil {
		tb.Fatalf("load the generated corpus: %v", err)
	}
	set, problems := themes.LoadFile(filepath.Join(repo, "content", "themes.yaml"))
	if err := problems.Err(); err != nil {
		tb.Fatal(fmt.Errorf("load themes: %w", err))
	}
	return c, set
}
