package site

import (
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestBuildTimings builds the seed site, with its bundle and without,
// and reads where the time went: every step, in order, no more than the
// build's time in all; every file written counted once, under its kind,
// with its bytes; the bundle's time only with a bundle.
func TestBuildTimings(t *testing.T) {
	project := seedProject(t)
	for _, zip := range []bool{true, false} {
		out := filepath.Join(project, "build", "site")
		opts := Options{Content: filepath.Join(project, "content"), Out: out, Zip: "-"}
		if zip {
			opts.Zip = filepath.Join(project, "build", "site.zip")
		}
		sum, err := Build(opts)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"read and parse", "themes and references", "alignment index", "pairs chosen", "pairs aligned",
			"counterparts, versions, assets", "permalinks checked", "pages and data written", "search index built",
			"search index written", "stale files removed", "bundle finished", "site swapped in", "permalinks recorded"}
		if !zip {
			want = slices.DeleteFunc(want, func(s string) bool { return s == "bundle finished" })
		}
		var names []string
		var total time.Duration
		for _, s := range sum.Timings.Steps {
			names = append(names, s.Name)
			if s.Wall < 0 {
				t.Errorf("zip %v: step %q took %v", zip, s.Name, s.Wall)
			}
			total += s.Wall
		}
		if !slices.Equal(names, want) {
			t.Errorf("zip %v: steps %q, want %q", zip, names, want)
		}
		if total > sum.Elapsed || total < sum.Elapsed*9/10 {
			t.Errorf("zip %v: the steps took %v of the build's %v, want nearly all of it and no more", zip, total, sum.Elapsed)
		}

		files, byKind := 0, map[string]int{}
		filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(out, p)
				files++
				byKind[fileKind(filepath.ToSlash(rel))]++
			}
			return err
		})
		var counted int
		var bytes int64
		for _, f := range sum.Timings.Files {
			counted += f.Files
			bytes += f.Bytes
			if f.Files != byKind[f.Kind] {
				t.Errorf("zip %v: %d %s files timed, %d written", zip, f.Files, f.Kind, byKind[f.Kind])
			}
			if (f.Bundle > 0) != zip {
				t.Errorf("zip %v: %s files' bundling took %v", zip, f.Kind, f.Bundle)
			}
			if f.Make <= 0 || f.Write <= 0 {
				t.Errorf("zip %v: %s files made in %v, written in %v", zip, f.Kind, f.Make, f.Write)
			}
		}
		if counted != files || bytes != sum.Bytes {
			t.Errorf("zip %v: %d files of %d bytes timed, %d files of %d bytes written", zip, counted, bytes, files, sum.Bytes)
		}
		for _, k := range []string{"home", "doc", "section", "pair", "theme", "region", "api", "search", "static", "other"} {
			if byKind[k] == 0 {
				t.Errorf("zip %v: no %s file written", zip, k)
			}
		}
		var table strings.Builder
		if err := sum.Timings.Write(&table); err != nil {
			t.Fatal(err)
		}
		for _, line := range []string{"step", "pairs aligned", "total", "files", "section"} {
			if !strings.Contains(table.String(), "\n"+line+" ") && !strings.HasPrefix(table.String(), line+" ") {
				t.Errorf("zip %v: the table has no line for %s:\n%s", zip, line, table.String())
			}
		}
	}
}
