package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputFolder: a build replaces its output folder whole, so it
// writes only where there is nothing, an empty folder or a site it built
// (marked, or from before the mark), and leaves any other folder and
// its files as they were, with an error that says why.
func TestOutputFolder(t *testing.T) {
	project := seedProject(t)
	content := filepath.Join(project, "content")
	build := func(out string) error {
		_, err := Build(Options{Content: content, Out: out, Zip: "-"})
		return err
	}
	dir := t.TempDir()

	// A folder of someone's files.
	own := filepath.Join(dir, "mine")
	os.MkdirAll(own, 0o755)
	os.WriteFile(filepath.Join(own, "thesis.docx"), []byte("precious"), 0o644)
	if err := build(own); err == nil || !strings.Contains(err.Error(), "not a site tiaowen built") {
		t.Errorf("a build into a folder of other files: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(own, "thesis.docx")); err != nil || string(b) != "precious" {
		t.Errorf("the folder's file after the build: %q, %v", b, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the refused build left %d entries beside the folder, want none", len(entries)-1)
	}
	// A file.
	if err := build(filepath.Join(own, "thesis.docx")); err == nil || !strings.Contains(err.Error(), "is a file") {
		t.Errorf("a build onto a file: %v", err)
	}

	// An empty folder, then the site built there, marked.
	site := filepath.Join(dir, "site")
	os.MkdirAll(site, 0o755)
	for i := range 2 {
		if err := build(site); err != nil {
			t.Fatalf("build %d into %s: %v", i+1, site, err)
		}
		if b, err := os.ReadFile(filepath.Join(site, siteMark)); err != nil || string(b) != siteMarkText {
			t.Fatalf("build %d: the mark reads %q, %v", i+1, b, err)
		}
	}
	// A site built before the mark.
	os.Remove(filepath.Join(site, siteMark))
	if err := build(site); err != nil {
		t.Errorf("a build over a site without the mark: %v", err)
	}

	// A symbolic link to the site stays one, and leads to the new site.
	link := filepath.Join(dir, "link")
	if err := os.Symlink(site, link); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(site, "stale.html"), nil, 0o644)
	if err := build(link); err != nil {
		t.Fatalf("a build through a symbolic link: %v", err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link is no longer one: %v %v", st.Mode(), err)
	}
	if _, err := os.Stat(filepath.Join(link, "stale.html")); err == nil {
		t.Error("the folder the link leads to still has a file the build did not write")
	}
	if _, err := os.Stat(filepath.Join(link, "index.html")); err != nil {
		t.Errorf("the folder the link leads to has no home page: %v", err)
	}
}
