package serve

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiaowen/internal/site"
)

// BenchmarkEditToReload times what a writer waits for: from the moment a
// document is saved to the moment its open page has been told to reload
// and has fetched its new content — the file system's event, the
// debounce, the rebuild, the page rendered again, the event stream and
// the request. Set against it, "full" loads the whole corpus again and
// renders the same page: the least a server without incremental rebuilds
// must do. internal/site's BenchmarkFullRebuild renders every page too.
//
// Generated corpora of 200 and 2,000 documents; the larger runs only with
// TIAOWEN_BENCH_LARGE=1 set, since loading it takes a minute:
//
//	TIAOWEN_BENCH_LARGE=1 go test -run '^$' -bench EditToReload -benchtime 20x ./internal/serve
func BenchmarkEditToReload(b *testing.B) {
	sizes := []int{200}
	if os.Getenv("TIAOWEN_BENCH_LARGE") != "" {
		sizes = append(sizes, 2000)
	}
	for _, n := range sizes {
		dir := synthetic(b, n)
		file := filepath.Join(dir, "content", "docs", "doc-00001.md")
		src, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		// The second paragraph: the first is the preamble's.
		all := paragraph.FindAllIndex(src, 2)
		if len(all) < 2 {
			b.Fatal("no paragraph to edit")
		}
		at := all[1][1]
		edit := func(i int) string {
			marker := "（第" + strconv.Itoa(i) + "次修改）"
			if err := os.WriteFile(file, bytes.Join([][]byte{src[:at], []byte(marker), src[at:]}, nil), 0o644); err != nil {
				b.Fatal(err)
			}
			return marker
		}
		const page = "docs/doc-00001/"

		b.Run(fmt.Sprintf("N=%d/incremental", n), func(b *testing.B) {
			ts := start(b, dir)
			_, v := ts.page(b, page)
			var rebuild time.Duration
			i := 0
			for b.Loop() {
				b.StopTimer()
				st := ts.listen(b, page, v)
				i++
				b.StartTimer()
				marker := edit(i)
				if e := st.next(b, timeout); e.name != "reload" {
					b.Fatalf("event %s %s, want reload", e.name, e.data)
				}
				var body string
				body, v = ts.page(b, page)
				b.StopTimer()
				st.cancel()
				if !strings.Contains(body, marker) {
					b.Fatal("the page after the reload does not show the edit")
				}
				r := <-ts.rebuilds
				if r.Full {
					b.Fatal("a full rebuild")
				}
				rebuild += r.Elapsed
				b.StartTimer()
			}
			b.ReportMetric(float64(rebuild.Microseconds())/float64(b.N)/1000, "rebuild-ms")
		})

		b.Run(fmt.Sprintf("N=%d/full", n), func(b *testing.B) {
			i := 0
			for b.Loop() {
				i++
				marker := edit(1000 + i)
				m, r := site.NewMemory(site.Options{Content: filepath.Join(dir, "content")})
				if r.Err() != nil {
					b.Fatal(r.Err())
				}
				f, ok, err := m.Get(page + "index.html")
				if !ok || err != nil || !bytes.Contains(f.Data, []byte(marker)) {
					b.Fatalf("Get: %v %v", ok, err)
				}
			}
		})
	}
}

var paragraph = regexp.MustCompile(`(?m)^[^#\n-][^\n]*。$`)

// synthetic generates a project of n documents with the repository's
// generator, bench/gencorpus, and the seed site's themes and settings.
func synthetic(b *testing.B, n int) string {
	b.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		b.Skipf("no go command to build bench/gencorpus: %v", err)
	}
	dir := b.TempDir()
	gen := filepath.Join(dir, "gencorpus")
	if out, err := exec.Command(goTool, "build", "-o", gen, "tiaowen/bench/gencorpus").CombinedOutput(); err != nil {
		b.Fatalf("build bench/gencorpus: %v\n%s", err, out)
	}
	content := filepath.Join(dir, "content")
	cmd := exec.Command(gen, "-seeds", filepath.Join("..", "..", "testdata", "seeds"), "-n", strconv.Itoa(n),
		"-out", filepath.Join(content, "docs"), "-format", "md", "-manifest", filepath.Join(dir, "manifest.json"))
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("run bench/gencorpus: %v\n%s", err, out)
	}
	for _, name := range []string{"themes.yaml", "site.yaml"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "content", name))
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(content, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}
