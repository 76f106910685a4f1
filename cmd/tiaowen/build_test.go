package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestBuildProfiles builds the seed site with --cpuprofile and
// --memprofile and checks that both profiles are written, in pprof's
// gzipped format, and that a profile that cannot be created fails the
// build before it starts.
func TestBuildProfiles(t *testing.T) {
	tmp, content := seedContent(t)
	cpu, mem := filepath.Join(tmp, "cpu.prof"), filepath.Join(tmp, "mem.prof")
	_, errs, code := runCLI(t, "build", "--content", content, "--out", filepath.Join(tmp, "site"), "--zip", "-",
		"--cpuprofile", cpu, "--memprofile", mem)
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	for _, f := range []string{cpu, mem} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
			t.Errorf("%s: %d bytes, not a gzipped pprof profile", filepath.Base(f), len(b))
		}
	}
	out := filepath.Join(tmp, "site2")
	_, _, code = runCLI(t, "build", "--content", content, "--out", out, "--zip", "-",
		"--memprofile", filepath.Join(tmp, "no", "such", "dir", "mem.prof"))
	if code != 1 {
		t.Errorf("build with an unwritable --memprofile: exit %d, want 1", code)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("build with an unwritable --memprofile wrote %s", out)
	}
}

// TestBuildBaseURL builds the seed site with --baseURL, as for a staging
// copy: every canonical URL the build writes — the pages' canonical
// links and citations, the sitemap, the feed, robots.txt — is under the
// given address, none under site.yaml's; an address that is not an
// http(s) URL fails the build before anything is written.
func TestBuildBaseURL(t *testing.T) {
	tmp, content := seedContent(t)
	const staging = "https://staging.example.net/policy/"
	out := filepath.Join(tmp, "site")
	_, errs, code := runCLI(t, "build", "--content", content, "--out", out, "--zip", "-", "--baseURL", strings.TrimSuffix(staging, "/"))
	if code != 0 {
		t.Fatalf("build --baseURL: exit %d: %s", code, errs)
	}
	for file, want := range map[string]string{
		"docs/guangdong-2023-gangyao/s24/index.html": `<link rel="canonical" href="` + staging + `docs/guangdong-2023-gangyao/s24/">`,
		"sitemap.xml": "<loc>" + staging + "docs/guangdong-2023-gangyao/</loc>",
		"feed.xml":    `<link href="` + staging + `feed.xml" rel="self"></link>`,
		"robots.txt":  "Sitemap: " + staging + "sitemap.xml",
	} {
		b, err := os.ReadFile(filepath.Join(out, file))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s", file, want)
		}
		if strings.Contains(string(b), "tiaowen.example.org") {
			t.Errorf("%s still names site.yaml's baseURL", file)
		}
	}

	bad := filepath.Join(tmp, "bad")
	_, errs, code = runCLI(t, "build", "--content", content, "--out", bad, "--zip", "-", "--baseURL", "staging.example.net")
	if code != 1 || !strings.Contains(errs, `baseURL "staging.example.net" is not an http(s) URL`) {
		t.Errorf("build --baseURL staging.example.net: exit %d, %q; want 1 and what is wrong", code, errs)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Errorf("the failed build wrote %s", bad)
	}
}

// seedContent copies the project's content, without its record of
// published permalinks, into a temporary directory, and returns that
// directory and the copy.
func seedContent(t *testing.T) (tmp, content string) {
	t.Helper()
	tmp = t.TempDir()
	content = filepath.Join(tmp, "content")
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(content, ".permalinks"))
	return tmp, content
}

// TestBuildMissingContent: a --content that names no folder of documents
// is an error that says so, and the site already built is left as it
// was, not replaced by a site of no documents.
func TestBuildMissingContent(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "site")
	os.MkdirAll(out, 0o755)
	page := filepath.Join(out, "index.html")
	os.WriteFile(page, []byte("the previous site"), 0o644)
	os.WriteFile(filepath.Join(out, ".tiaowen"), nil, 0o644) // a site a build wrote
	missing := filepath.Join(dir, "contnet")
	_, errs, code := runCLI(t, "build", "--content", missing, "--out", out, "--zip", "")
	if want := filepath.Join(missing, "docs") + ": no such folder"; code != 1 || !strings.Contains(errs, want) {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, errs, want)
	}
	if b, err := os.ReadFile(page); err != nil || string(b) != "the previous site" {
		t.Errorf("the previous site's page: %q, %v", b, err)
	}
	if _, errs, code := runCLI(t, "check", "--content", missing); code != 1 || !strings.Contains(errs, "no such folder") {
		t.Errorf("check: exit %d, stderr %q", code, errs)
	}
}

// TestBuildMinify: `build --minify` writes the pages, stylesheets and
// scripts minified, as Hugo's flag does, and `config --minify` says so;
// without it they are written as rendered.
func TestBuildMinify(t *testing.T) {
	tmp, content := seedContent(t)
	for _, minify := range []bool{false, true} {
		out := filepath.Join(tmp, fmt.Sprint("site-", minify))
		args := []string{"build", "--content", content, "--out", out, "--zip", "-"}
		if minify {
			args = append(args, "--minify")
		}
		if _, errs, code := runCLI(t, args...); code != 0 {
			t.Fatalf("%q: exit %d: %s", args, code, errs)
		}
		page, err := os.ReadFile(filepath.Join(out, "docs", "guangdong-2023-gangyao", "s24", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		css, err := os.ReadFile(filepath.Join(out, "static", "style.css"))
		if err != nil {
			t.Fatal(err)
		}
		if head := "<!doctype html><html lang=zh-Hans><head><meta charset=utf-8>"; bytes.HasPrefix(page, []byte(head)) != minify {
			t.Errorf("--minify %v: a section's page begins %.60q", minify, page)
		}
		if multiline := bytes.Count(css, []byte("\n")) > 10; multiline == minify {
			t.Errorf("--minify %v: style.css has %d lines", minify, bytes.Count(css, []byte("\n")))
		}
		args[0] = "config"
		args = slices.DeleteFunc(args, func(a string) bool { return a == "--out" || a == out || a == "--zip" || a == "-" })
		cfg, errs, code := runCLI(t, args...)
		if want := fmt.Sprint("minify: ", minify, "\n"); code != 0 || !strings.Contains(cfg, want) {
			t.Errorf("%q: exit %d, %s%s; want %q", args, code, cfg, errs, want)
		}
	}
}

// TestBuildTimingsFlag: `build --timings` prints, after the summary
// line, each step's time and each kind of file's; without it, the line
// alone.
func TestBuildTimingsFlag(t *testing.T) {
	tmp, content := seedContent(t)
	for _, timings := range []bool{false, true} {
		args := []string{"build", "--content", content, "--out", filepath.Join(tmp, "site"), "--zip", "-"}
		if timings {
			args = append(args, "--timings")
		}
		out, errs, code := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("%q: exit %d: %s", args, code, errs)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if !strings.HasPrefix(lines[0], "5 documents, 202 sections, ") {
			t.Errorf("%q: first line %q", args, lines[0])
		}
		table := strings.Join(lines[1:], "\n")
		for _, want := range []string{"\nstep ", "\nread and parse ", "\npairs aligned ", "\ntotal ", "\nfiles ", "\nsection "} {
			if strings.Contains(table, want) != timings {
				t.Errorf("%q: prints %q: %v, want %v:\n%s", args, strings.TrimSpace(want), !timings, timings, out)
			}
		}
	}
}

// TestHugoFlags: Hugo's names work as its users type them — `build -d
// DIR -b URL` (and --destination) writes the site to DIR with URL its
// address; `server` is serve, whose -p is --port; `help server` is serve's
// help.
func TestHugoFlags(t *testing.T) {
	tmp, content := seedContent(t)
	const staging = "https://staging.example.net/policy/"
	for _, dest := range []string{"-d", "--destination"} {
		out := filepath.Join(tmp, "site"+dest)
		_, errs, code := runCLI(t, "build", "--content", content, dest, out, "-b", staging, "--zip", "-")
		if code != 0 {
			t.Fatalf("build %s DIR -b URL: exit %d: %s", dest, code, errs)
		}
		b, err := os.ReadFile(filepath.Join(out, "docs", "guangdong-2023-gangyao", "s24", "index.html"))
		if err != nil {
			t.Fatalf("build %s DIR: %v", dest, err)
		}
		if want := `<link rel="canonical" href="` + staging + `docs/guangdong-2023-gangyao/s24/">`; !strings.Contains(string(b), want) {
			t.Errorf("build %s DIR -b %s: a section's page lacks %s", dest, staging, want)
		}
	}
	_, errs, code := runCLI(t, "server", "-p", "no-port")
	if code != 2 || !strings.Contains(errs, `invalid value "no-port" for flag -p`) || !strings.Contains(errs, "Usage: tiaowen serve") {
		t.Errorf("server -p no-port: exit %d, %q; want 2 and serve's usage", code, errs)
	}
	_, errs, code = runCLI(t, "help", "server")
	if code != 0 || !strings.Contains(errs, "Usage: tiaowen serve") {
		t.Errorf("help server: exit %d, %q; want 0 and serve's usage", code, errs)
	}
}

// TestBuildSource: --source (-s), Hugo's flag, names the project's
// folder: build reads its content/ and templates/ and writes its
// build/, from wherever it is run, and check reads the same; a path a
// flag names is still taken from the current folder.
func TestBuildSource(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "proj")
	if _, errs, code := runCLI(t, "new", "site", "--name", "proj", dir); code != 0 {
		t.Fatalf("new site: %s", errs)
	}
	os.WriteFile(filepath.Join(dir, "content", "docs", "a.md"), []byte("---\nid: a\ntitle: 甲方案\n---\n一、总体要求\n\n坚持质量第一。\n"), 0o644)
	t.Chdir(t.TempDir())
	if _, errs, code := runCLI(t, "build", "-s", dir); code != 0 {
		t.Fatalf("build -s: exit %d: %s", code, errs)
	}
	for _, f := range []string{"build/site/docs/a/p1/index.html", "build/proj-offline.zip"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			t.Errorf("build -s wrote no %s in the project: %v", f, err)
		}
	}
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Errorf("build -s wrote into the current folder: %v", entries)
	}
	// The project's own templates are its templates/'s.
	os.WriteFile(filepath.Join(dir, "templates", "doc.html"), []byte("{{define \"content\"}}{{.Nope\n"), 0o644)
	if _, errs, code := runCLI(t, "check", "--source", dir); code != 1 || !strings.Contains(errs, filepath.Join(dir, "templates", "doc.html")) {
		t.Errorf("check --source with a broken template of the project's: exit %d, %s", code, errs)
	}
	out := filepath.Join(t.TempDir(), "elsewhere")
	os.Remove(filepath.Join(dir, "templates", "doc.html"))
	if _, errs, code := runCLI(t, "build", "-s", dir, "-d", out, "--zip", "-"); code != 0 {
		t.Fatalf("build -s -d: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("-d with -s: %v", err)
	}
}
