package site

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestMemoryFolders keeps two of the seeds in a folder of content/docs:
// they are read as the rest, an edit of one is applied alone, the folder
// moved away takes them from the site and moved back brings them again;
// hidden files, hidden folders and an editor's file that came and went
// are nothing.
func TestMemoryFolders(t *testing.T) {
	project := seedProject(t)
	docs := filepath.Join(project, "content", "docs")
	region := filepath.Join(docs, "guangdong")
	if err := os.Mkdir(region, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"guangdong-2020-shishi", "guangdong-2023-gangyao"} {
		if err := os.Rename(filepath.Join(docs, id+".md"), filepath.Join(region, id+".md")); err != nil {
			t.Fatal(err)
		}
	}
	m := newMemory(t, project)
	if !m.Exists("docs/guangdong-2023-gangyao/s22/index.html") || !m.Exists("compare/guangdong-2020-shishi--luhe-2017-yijian/index.html") {
		t.Fatal("the documents in content/docs/guangdong/ have no pages")
	}
	for _, p := range []string{
		filepath.Join(docs, ".trash", "x.md"),
		filepath.Join(region, ".guangdong-2023-gangyao.md.swp"),
		filepath.Join(region, "guangdong-2023-gangyao.md~"),
		filepath.Join(region, "4913"), // vim's, gone by the time it is looked at
	} {
		if m.Relevant(p) {
			t.Errorf("%s is relevant", p)
		}
	}

	file := filepath.Join(region, "guangdong-2023-gangyao.md")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(src), "质量基础设施管理体系", "质量基础设施管理制度", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if !m.Relevant(file) {
		t.Fatalf("%s is not relevant", file)
	}
	if r := update(t, m, file); r.Full || !slices.Contains(r.Changed, "doc:guangdong-2023-gangyao") {
		t.Errorf("an edit in the folder: %+v, want guangdong-2023-gangyao changed alone", r)
	}
	if f, ok, err := m.Get("docs/guangdong-2023-gangyao/s22/index.html"); !ok || err != nil || !strings.Contains(string(f.Data), "管理制度") {
		t.Errorf("the edit is not on the section's page (%v, %v)", ok, err)
	}

	away := filepath.Join(project, "guangdong")
	if err := os.Rename(region, away); err != nil {
		t.Fatal(err)
	}
	if !m.Relevant(region) {
		t.Fatal("the folder moved away is not relevant")
	}
	if r := update(t, m, region); !r.Full || r.Docs != 3 || m.Exists("docs/guangdong-2023-gangyao/index.html") {
		t.Errorf("after the folder moved away: %+v, want a full load of 3 documents", r)
	}
	if err := os.Rename(away, region); err != nil {
		t.Fatal(err)
	}
	if r := update(t, m, region); !r.Full || r.Docs != 5 || !m.Exists("docs/guangdong-2023-gangyao/index.html") {
		t.Errorf("after the folder came back: %+v, want a full load of 5 documents", r)
	}
}

// TestPagesInFolders: a page has its file's name for address, so one in a
// folder of content/pages is not published, and the build says so at
// its file; the pages beside it are published.
func TestPagesInFolders(t *testing.T) {
	project := seedProject(t)
	nested := filepath.Join(project, "content", "pages", "guides", "start.md")
	if err := os.MkdirAll(filepath.Dir(nested), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(nested, []byte("---\ntitle: 入门\n---\n正文\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, problems, err := Load(Options{Content: filepath.Join(project, "content")})
	if err != nil || problems.Err() != nil {
		t.Fatalf("Load: %v %v", err, problems.Err())
	}
	var said []string
	for _, w := range problems.Warnings() {
		if w.Pos.File == nested {
			said = append(said, w.Msg)
		}
	}
	if len(said) != 1 || !strings.Contains(said[0], "not published") {
		t.Errorf("warnings at %s: %q, want one saying it is not published", nested, said)
	}
	var slugs []string
	for _, p := range s.pages {
		slugs = append(slugs, p.Slug)
	}
	slices.Sort(slugs)
	if strings.Join(slugs, " ") != "about cite data" {
		t.Errorf("pages %v, want about, cite and data", slugs)
	}
}
