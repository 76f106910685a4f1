package align

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"tiaowen/internal/corpus"
)

// TestMain removes the synthetic corpora the benchmarks generate.
func TestMain(m *testing.M) {
	code := m.Run()
	generated.Range(func(_, v any) bool {
		if g := v.(*generatedCorpus); g.dir != "" {
			os.RemoveAll(g.dir)
		}
		return true
	})
	os.Exit(code)
}

// generated holds, by size, the synthetic corpora made for benchmarks in
// this run: generating and parsing 2000 documents takes longer than
// aligning them.
var generated sync.Map

type generatedCorpus struct {
	once sync.Once
	dir  string
	c    *corpus.Corpus
	err  error
}

// syntheticCorpus returns a corpus of n documents written by the
// repository's bench/gencorpus from testdata/seeds, or skips the benchmark
// if the generator cannot be built.
func syntheticCorpus(b *testing.B, n int) *corpus.Corpus {
	b.Helper()
	v, _ := generated.LoadOrStore(n, &generatedCorpus{})
	g := v.(*generatedCorpus)
	g.once.Do(func() {
		gobin, err := exec.LookPath("go")
		if err != nil {
			g.err = err
			return
		}
		if g.dir, g.err = os.MkdirTemp("", "align-bench-"); g.err != nil {
			return
		}
		gen := filepath.Join(g.dir, "gencorpus")
		out := filepath.Join(g.dir, "docs")
		for _, cmd := range []*exec.Cmd{
			exec.Command(gobin, "build", "-o", gen, "../../bench/gencorpus"),
			exec.Command(gen, "-seeds", "../../testdata/seeds", "-n", fmt.Sprint(n), "-out", out),
		} {
			if msg, err := cmd.CombinedOutput(); err != nil {
				g.err = fmt.Errorf("%s: %v\n%s", cmd, err, msg)
				return
			}
		}
		c, problems := corpus.NewParser().LoadDir(out)
		g.c, g.err = c, problems.Errors().Err()
	})
	if g.err != nil {
		b.Skipf("no synthetic corpus: %v", g.err)
	}
	return g.c
}

func BenchmarkIndexSeeds(b *testing.B) {
	c := loadSeeds(b)
	b.ReportAllocs()
	for b.Loop() {
		NewIndex(c)
	}
}

// BenchmarkAlignSeeds aligns the ten pairs of seeds.
func BenchmarkAlignSeeds(b *testing.B) {
	c := loadSeeds(b)
	x := NewIndex(c)
	b.ReportAllocs()
	for b.Loop() {
		for i, a := range c.Docs {
			for _, d := range c.Docs[i+1:] {
				x.Align(a, d)
			}
		}
	}
}

// BenchmarkCorpus builds the index of a synthetic corpus and aligns each
// document with its ten most similar documents, as a site build does when
// the corpus is too large to compare every pair. Its time per document
// should not grow with the corpus.
func BenchmarkCorpus(b *testing.B) {
	for _, n := range []int{200, 2000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			c := syntheticCorpus(b, n)
			mb := indexMB(c)
			b.ReportAllocs()
			var pairs, sections int
			for b.Loop() {
				pairs, sections = alignSimilar(NewIndex(c), c, 10)
			}
			b.ReportMetric(mb, "index-MB")
			b.ReportMetric(float64(pairs), "pairs")
			b.ReportMetric(float64(sections), "section-pairs")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/doc")
		})
	}
}

// alignSimilar aligns each document of c with its k most similar, each
// pair once, and returns the number of pairs and of paired sections.
func alignSimilar(x *Index, c *corpus.Corpus, k int) (pairs, sections int) {
	seen := map[[2]string]bool{}
	for _, d := range c.Docs {
		for _, o := range x.SimilarDocs(d, k) {
			a, b := d, c.Doc(o.Doc)
			if b.ID < a.ID {
				a, b = b, a
			}
			if key := [2]string{a.ID, b.ID}; !seen[key] {
				seen[key] = true
				sections += len(x.Align(a, b).Pairs)
			}
		}
	}
	return len(seen), sections
}

// indexMB measures the heap the index of c holds, in megabytes.
func indexMB(c *corpus.Corpus) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	x := NewIndex(c)
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(x)
	return float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / 1e6
}

// BenchmarkCounterparts finds the best five counterparts of every section
// of 100 documents of a synthetic corpus, as a site build does for every
// section page. Its time per section should not grow with the corpus.
func BenchmarkCounterparts(b *testing.B) {
	for _, n := range []int{200, 2000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			c := syntheticCorpus(b, n)
			x := NewIndex(c)
			calls := 0
			b.ReportAllocs()
			for b.Loop() {
				calls = 0
				for _, d := range c.Docs[:100] {
					for _, s := range d.Sections {
						x.Counterparts(d, s, 5)
						calls++
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(calls), "ns/section")
		})
	}
}

// BenchmarkAlignPairs aligns the pairs a site build of a synthetic
// corpus aligns (each document with its ten most similar), as the build
// does — each document with those after it in corpus order, in one call —
// the index and the choice of pairs made beforehand: the cost of aligning
// alone.
func BenchmarkAlignPairs(b *testing.B) {
	for _, n := range []int{200, 2000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			c := syntheticCorpus(b, n)
			x := NewIndex(c)
			with := map[*corpus.Document][]*corpus.Document{}
			seen := map[[2]string]bool{}
			npairs := 0
			for _, d := range c.Docs {
				for _, o := range x.SimilarDocs(d, 10) {
					a, e := d, c.Doc(o.Doc)
					if e.ID < a.ID {
						a, e = e, a
					}
					if key := [2]string{a.ID, e.ID}; !seen[key] {
						seen[key] = true
						with[a] = append(with[a], e)
						npairs++
					}
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				for _, a := range c.Docs {
					if len(with[a]) > 0 {
						x.AlignWith(a, with[a])
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(npairs), "ns/pair")
		})
	}
}

// BenchmarkScores scores the pairs a site build of a synthetic corpus of
// 200 documents aligns, as AlignWith does, without pairing them: the cost
// of the dot products of sections.
func BenchmarkScores(b *testing.B) {
	c := syntheticCorpus(b, 200)
	x := NewIndex(c)
	with := make([][]*corpus.Document, len(c.Docs))
	npairs := 0
	for i, d := range c.Docs {
		for _, o := range x.SimilarDocs(d, 10) {
			with[i] = append(with[i], c.Doc(o.Doc))
			npairs++
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range c.Docs {
			sc := x.newScorer(x.lookup(d))
			for _, o := range with[i] {
				sc.scores(x.lookup(o))
			}
			sc.release()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(npairs), "ns/pair")
}

// BenchmarkRarity: the counts the in-browser comparison weighs bigrams
// by, from a built index (a build) and counted afresh (serve, after an
// edit, with the search index).
func BenchmarkRarity(b *testing.B) {
	for _, n := range []int{200, 2000} {
		c := syntheticCorpus(b, n)
		b.Run(fmt.Sprintf("docs=%d/index", n), func(b *testing.B) {
			x := NewIndex(c)
			b.ReportAllocs()
			var grams int
			for b.Loop() {
				grams = len(x.Rarity().Grams)
			}
			b.ReportMetric(float64(grams), "grams")
		})
		b.Run(fmt.Sprintf("docs=%d/count", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				CountGrams(c)
			}
		})
	}
}
