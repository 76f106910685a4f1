package corpus

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// syntheticDocs generates n documents with the repository's generator,
// bench/gencorpus, and returns their directory. It skips b when the
// generator cannot be built or run.
func syntheticDocs(b *testing.B, n int) string {
	b.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		b.Skipf("no go command to build bench/gencorpus: %v", err)
	}
	tmp := b.TempDir()
	gen := filepath.Join(tmp, "gencorpus")
	if out, err := exec.Command(goTool, "build", "-o", gen, "tiaowen/bench/gencorpus").CombinedOutput(); err != nil {
		b.Skipf("build bench/gencorpus: %v\n%s", err, out)
	}
	dir := filepath.Join(tmp, "docs")
	cmd := exec.Command(gen, "-seeds", filepath.Join("..", "..", "testdata", "seeds"), "-n", strconv.Itoa(n),
		"-out", dir, "-format", "md", "-manifest", filepath.Join(tmp, "manifest.json"))
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Skipf("run bench/gencorpus: %v\n%s", err, out)
	}
	return dir
}

// BenchmarkLoadDir reads a generated corpus of 200 documents: the first
// stage of every build, whose cost per document must not grow with the
// length of a document (a position found by rescanning the file from its
// start for every block once made it quadratic).
func BenchmarkLoadDir(b *testing.B) {
	dir := syntheticDocs(b, 200)
	var size int64
	names, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, n := range names {
		if st, err := os.Stat(n); err == nil {
			size += st.Size()
		}
	}
	p := NewParser()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		c, problems := p.LoadDir(dir)
		if err := problems.Err(); err != nil || len(c.Docs) != len(names) {
			b.Fatalf("LoadDir: %d documents, %v", len(c.Docs), err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(names)), "ns/doc")
}

// BenchmarkStatedTerm reads the term of every document of a generated
// corpus of 200, as every load does (checkTerm): most paragraphs say
// nothing of one, and must cost next to nothing.
func BenchmarkStatedTerm(b *testing.B) {
	c, problems := NewParser().LoadDir(syntheticDocs(b, 200))
	if err := problems.Err(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range c.Docs {
			d.StatedTerm()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(c.Docs)), "ns/doc")
}
