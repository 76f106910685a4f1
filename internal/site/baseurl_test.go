package site

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestMemoryBaseURL serves the seed site from memory, as `tiaowen serve
// --baseURL` does: the pages name the given address, and keep naming it
// after site.yaml is edited and the site loaded again.
func TestMemoryBaseURL(t *testing.T) {
	project := seedProject(t)
	const staging = "https://staging.example.net/"
	m, r := NewMemory(Options{Content: filepath.Join(project, "content"), BaseURL: staging})
	if err := r.Err(); err != nil {
		t.Fatalf("NewMemory: %v", err)
	}
	canonical := func() string {
		t.Helper()
		f, ok, err := m.Get("docs/guangdong-2023-gangyao/index.html")
		if !ok || err != nil {
			t.Fatalf("the document's page: %v %v", ok, err)
		}
		return string(f.Data)
	}
	want := `<link rel="canonical" href="` + staging + `docs/guangdong-2023-gangyao/">`
	if !strings.Contains(canonical(), want) {
		t.Errorf("the page served lacks %s", want)
	}
	withSetting(t, project, "feedLimit: 3")
	if r := m.Update([]string{filepath.Join(project, "content", "site.yaml")}); r.Err() != nil {
		t.Fatalf("update: %v", r.Err())
	}
	if f, _, _ := m.Get("feed.xml"); f == nil || strings.Count(string(f.Data), "<entry") != 3 {
		t.Fatal("the edit of site.yaml was not taken: the feed does not carry 3 documents")
	}
	if page := canonical(); !strings.Contains(page, want) || strings.Contains(page, "tiaowen.example.org") {
		t.Errorf("after site.yaml's edit the page does not name %s alone", staging)
	}
}
