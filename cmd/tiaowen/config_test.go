package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"tiaowen/internal/site"
)

// TestConfig: tiaowen config prints the settings a build uses. Of the
// repository's content: site.yaml's fields, and the defaults of the two
// it leaves out (paginate 100, feedLimit 50); --baseURL (or -b) over its
// baseURL, made to end in "/"; the same as JSON. A site.yaml with a
// field it does not know is refused at its line, with nothing printed;
// an unknown format is a usage error.
func TestConfig(t *testing.T) {
	content := filepath.Join("..", "..", "content")
	src, err := os.ReadFile(filepath.Join(content, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(src), "\npaginate:") || strings.Contains(string(src), "\nfeedLimit:") {
		t.Fatal("content/site.yaml sets paginate or feedLimit: the test wants them left to their defaults")
	}
	stdout, stderr, code := runCLI(t, "config", "--content", content)
	var got site.Config
	if err := yaml.Unmarshal([]byte(stdout), &got); code != 0 || err != nil {
		t.Fatalf("config: exit %d, %v; stderr: %s", code, err, stderr)
	}
	want := site.Config{Title: "质量强省政策文库", Name: "zhiliang-qiangsheng", BaseURL: "https://tiaowen.example.org/", Language: "zh-Hans",
		Paginate: 100, FeedLimit: 50}
	if got.Title != want.Title || got.Name != want.Name || got.BaseURL != want.BaseURL || got.Language != want.Language ||
		got.Paginate != want.Paginate || got.FeedLimit != want.FeedLimit || got.Description == "" || got.Copyright == "" {
		t.Errorf("config prints %+v, want %+v with site.yaml's description and copyright", got, want)
	}

	stdout, _, code = runCLI(t, "config", "--content", content, "-b", "http://127.0.0.1:8080/mirror", "--format", "json")
	var fromJSON site.Config
	if err := json.Unmarshal([]byte(stdout), &fromJSON); code != 0 || err != nil {
		t.Fatalf("config --format json: exit %d, %v: %s", code, err, stdout)
	}
	if fromJSON.BaseURL != "http://127.0.0.1:8080/mirror/" || fromJSON.Title != want.Title || fromJSON.Paginate != 100 {
		t.Errorf("config -b … --format json prints %+v, want the mirror's address ending in /, the rest as before", fromJSON)
	}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: 甲\ntitel: 乙\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code = runCLI(t, "config", "--content", dir)
	if code != 1 || stdout != "" || !strings.Contains(stderr, filepath.Join(dir, "site.yaml")+":2:1: ") || !strings.Contains(stderr, `"titel"`) {
		t.Errorf("config of a site.yaml with an unknown field: exit %d, stdout %q, stderr %q; want 1, nothing, the field's line", code, stdout, stderr)
	}
	if _, _, code := runCLI(t, "config", "--content", content, "--format", "toml"); code != 2 {
		t.Errorf("config --format toml: exit %d, want 2", code)
	}
}
