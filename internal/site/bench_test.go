package site

// Benchmarks of the whole build, of rendering every file of a generated
// site by kind, and of rendering one page of each kind. The stages before
// rendering have their own benchmarks in their packages (numbering,
// corpus, themes, align, search); bench/compare.sh times the whole process
// against Hugo and the write floor.

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// benchContent copies the repository's content/ into a fresh directory and
// returns the copy's content directory: a build writes content/.permalinks,
// which must never land in the repository.
func benchContent(b *testing.B) string {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		b.Fatalf("copy content: %v", err)
	}
	return dir
}

// syntheticContent is the content directory of syntheticProject.
func syntheticContent(b *testing.B, n int) string {
	b.Helper()
	return filepath.Join(syntheticProject(b, n), "content")
}

// benchBuild times site.Build of content into a fresh directory each
// time: the previous output and the permalink manifest are removed
// outside the timer, so that every iteration is the same first build.
func benchBuild(b *testing.B, content string, zip bool, minify ...bool) {
	b.Helper()
	out := filepath.Join(b.TempDir(), "build")
	opts := Options{Content: content, Out: filepath.Join(out, "site"), Zip: "-", Minify: len(minify) > 0 && minify[0]}
	if zip {
		opts.Zip = filepath.Join(out, "bundle.zip")
	}
	b.ReportAllocs()
	var sum Summary
	for b.Loop() {
		b.StopTimer()
		os.RemoveAll(out)
		os.Remove(filepath.Join(content, ".permalinks"))
		b.StartTimer()
		var err error
		if sum, err = Build(opts); err != nil {
			b.Fatalf("Build: %v", err)
		}
	}
	b.ReportMetric(float64(sum.Pages), "pages")
	b.ReportMetric(float64(sum.Bytes+sum.ZipBytes), "bytes-written")
	b.SetBytes(sum.Bytes + sum.ZipBytes)
}

// BenchmarkBuildSeeds builds the seed site: every page, themes, alignment,
// search, with and without the offline bundle, and minified
// (--minify) with it.
func BenchmarkBuildSeeds(b *testing.B) {
	content := benchContent(b)
	b.Run("nozip", func(b *testing.B) { benchBuild(b, content, false) })
	b.Run("zip", func(b *testing.B) { benchBuild(b, content, true) })
	b.Run("zip-minify", func(b *testing.B) { benchBuild(b, content, true, true) })
}

// BenchmarkBuildSynthetic200 builds a generated corpus of 200 documents,
// as `tiaowen build` does, the offline bundle included.
func BenchmarkBuildSynthetic200(b *testing.B) {
	content := syntheticContent(b, 200)
	benchBuild(b, content, true)
}

// BenchmarkLoadSeeds times Load: parsing, theme matching and alignment,
// without rendering.
func BenchmarkLoadSeeds(b *testing.B) {
	content := benchContent(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, problems, err := Load(Options{Content: content}); err != nil || problems.Err() != nil {
			b.Fatalf("Load: %v %v", err, problems.Err())
		}
	}
}

// loadForRender loads the seed site and picks its largest document, the
// one whose pages cost the most to render.
func loadForRender(b *testing.B) (*Site, *docInfo) {
	b.Helper()
	s, problems, err := Load(Options{Content: benchContent(b)})
	if err != nil || problems.Err() != nil {
		b.Fatalf("Load: %v %v", err, problems.Err())
	}
	d := s.docs[0]
	for _, o := range s.docs {
		if len(o.Sections) > len(d.Sections) {
			d = o
		}
	}
	return s, d
}

// benchRender renders the page that page makes with the template tmpl, into
// memory, as a build does: the page data and the template (or, for a
// kind with a writer of its own, that writer), not the disk.
func benchRender(b *testing.B, s *Site, tmpl string, page func() *Page) {
	b.Helper()
	b.ReportAllocs()
	var buf bytes.Buffer
	render := s.min.wrap(tmpl, func(w *bytes.Buffer) error { return s.tmpl.render(w, tmpl, page()) })
	for b.Loop() {
		buf.Reset()
		if err := render(&buf); err != nil {
			b.Fatalf("render %s: %v", tmpl, err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

// BenchmarkRenderDocPage renders the page of the largest seed document.
func BenchmarkRenderDocPage(b *testing.B) {
	s, d := loadForRender(b)
	benchRender(b, s, "doc.html", func() *Page { return s.docPage(d) })
}

// BenchmarkRenderPages renders one page of each of the other kinds of the
// seed site: the largest document's largest top-level section, the first
// theme, the first pair of documents.
func BenchmarkRenderPages(b *testing.B) {
	s, d := loadForRender(b)
	if len(d.Roots) == 0 || len(s.pairs) == 0 || len(s.themes.Themes) == 0 {
		b.Fatalf("the seed site has no sections, pairs or themes to render")
	}
	sec := d.Roots[0]
	for _, r := range d.Roots {
		if len(r.Children) > len(sec.Children) {
			sec = r
		}
	}
	pair, al := s.pairs[0], s.alignments[0]
	b.Run("home", func(b *testing.B) { benchRender(b, s, "home.html", s.homePage) })
	b.Run("section", func(b *testing.B) {
		benchRender(b, s, "section.html", func() *Page { return s.sectionPage(d, sec) })
	})
	// The same page through the template engine, as a project with its
	// own section.html gets it.
	b.Run("section-template", func(b *testing.B) {
		stock := s.tmpl.stock
		s.tmpl.stock = nil
		defer func() { s.tmpl.stock = stock }()
		benchRender(b, s, "section.html", func() *Page { return s.sectionPage(d, sec) })
	})
	b.Run("themes", func(b *testing.B) { benchRender(b, s, "themes.html", s.themesPage) })
	b.Run("theme", func(b *testing.B) {
		benchRender(b, s, "theme.html", func() *Page { return s.themePage(s.themes.Themes[0]) })
	})
	b.Run("compare", func(b *testing.B) {
		benchRender(b, s, "compare.html", s.chooserPage)
	})
	b.Run("pair", func(b *testing.B) {
		benchRender(b, s, "pair.html", func() *Page { return s.pairPage(pair, al) })
	})
	// The two kinds that are most of a site's bytes, minified as
	// --minify writes them.
	s.min = newMinifier()
	b.Run("section-minified", func(b *testing.B) {
		benchRender(b, s, "section.html", func() *Page { return s.sectionPage(d, sec) })
	})
	b.Run("pair-minified", func(b *testing.B) {
		benchRender(b, s, "pair.html", func() *Page { return s.pairPage(pair, al) })
	})
}

// BenchmarkRenderSynthetic200 renders every file of a generated site of
// 200 documents into memory, on one core, a kind of file at a time: the
// page data and the templates at the scale where they matter, without the
// disk or the offline bundle. ns/file is the cost of one file of the kind.
func BenchmarkRenderSynthetic200(b *testing.B) {
	s, problems, err := Load(Options{Content: syntheticContent(b, 200)})
	if err != nil || problems.Err() != nil {
		b.Fatalf("Load: %v %v", err, problems.Err())
	}
	byKind := map[string][]job{}
	for _, j := range append(s.jobs(), s.searchJobs()...) {
		k := fileKind(j.name)
		byKind[k] = append(byKind[k], j)
	}
	kinds := slices.Sorted(maps.Keys(byKind))
	for _, k := range kinds {
		js := byKind[k]
		b.Run(k, func(b *testing.B) {
			b.ReportAllocs()
			var buf bytes.Buffer
			var size int64
			for b.Loop() {
				size = 0
				for _, j := range js {
					buf.Reset()
					if err := j.run(&buf); err != nil {
						b.Fatalf("%s: %v", j.name, err)
					}
					size += int64(buf.Len())
				}
			}
			b.SetBytes(size)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(js)), "ns/file")
			b.ReportMetric(float64(len(js)), "files")
		})
	}
}
