package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync/atomic"
	"testing"
)

// Benchmarks of the site in memory: an edit of one document brought in
// by Update, with the page of the document rendered again, set against
// rebuilding the whole site. internal/serve's BenchmarkEditToReload times
// the same edit end to end, from the file written to the page reloaded.
//
// Generated corpora of 200 and 2,000 documents; the larger runs only with
// TIAOWEN_BENCH_LARGE=1 set, since loading it takes a minute and a full
// rebuild several:
//
//	TIAOWEN_BENCH_LARGE=1 go test -run '^$' -bench 'MemoryUpdate|FullRebuild' -benchtime 20x ./internal/site

func benchSizes(b *testing.B) []int {
	if os.Getenv("TIAOWEN_BENCH_LARGE") != "" {
		return []int{200, 2000}
	}
	return []int{200}
}

// paragraphs finds the paragraphs of a generated document's body.
var paragraphs = regexp.MustCompile(`(?m)^[^#\n-][^\n]*。$`)

// BenchmarkMemoryUpdate edits one document of a generated corpus and
// brings the edit in: the document parsed, its themes matched, its pairs
// aligned again, and its page rendered — what has to happen before an
// open page can reload.
func BenchmarkMemoryUpdate(b *testing.B) {
	for _, n := range benchSizes(b) {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			project := syntheticProject(b, n)
			m := newMemory(b, project)
			file := filepath.Join(project, "content", "docs", "doc-00001.md")
			src, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			// The second paragraph: the first is the preamble's, the
			// second a section's.
			all := paragraphs.FindAllIndex(src, 2)
			if len(all) < 2 {
				b.Fatal("no paragraph to edit")
			}
			loc := all[1]
			page := "docs/doc-00001/index.html"
			if _, ok, err := m.Get(page); !ok || err != nil {
				b.Fatalf("Get(%s) = %v, %v", page, ok, err)
			}
			var dropped, elapsed int64
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				b.StopTimer()
				i++
				marker := fmt.Sprintf("（第%d次修改）", i)
				edited := bytes.Join([][]byte{src[:loc[1]], []byte(marker), src[loc[1]:]}, nil)
				if err := os.WriteFile(file, edited, 0o644); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				r := m.Update([]string{file})
				f, ok, err := m.Get(page)
				b.StopTimer()
				if r.Err() != nil || r.Full || !ok || err != nil || !bytes.Contains(f.Data, []byte(marker)) {
					b.Fatalf("update: %v full=%v ok=%v err=%v", r.Err(), r.Full, ok, err)
				}
				dropped += int64(r.Dropped)
				elapsed += r.Elapsed.Microseconds()
				b.StartTimer()
			}
			b.ReportMetric(float64(elapsed)/float64(b.N)/1000, "update-ms")
		})
	}
}

// BenchmarkFullRebuild loads a generated corpus and renders every file of
// the site into memory: what an edit costs without incremental rebuilds.
// Nothing is written to disk, so that the figure is comparable.
func BenchmarkFullRebuild(b *testing.B) {
	for _, n := range benchSizes(b) {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			content := filepath.Join(syntheticProject(b, n), "content")
			var files, size atomic.Int64
			for b.Loop() {
				s, problems, err := Load(Options{Content: content})
				if err != nil || problems.Err() != nil {
					b.Fatalf("Load: %v %v", err, problems.Err())
				}
				js := append(s.jobs(), s.searchJobs()...)
				files.Store(int64(len(js)))
				size.Store(0)
				parallel(len(js), func(i int) {
					var buf bytes.Buffer
					if err := js[i].run(&buf); err != nil {
						b.Error(err)
					}
					size.Add(int64(buf.Len()))
				})
			}
			b.ReportMetric(float64(files.Load()), "files")
			b.ReportMetric(float64(size.Load()), "bytes")
		})
	}
}
