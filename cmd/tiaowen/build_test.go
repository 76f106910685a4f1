package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestBuildProfiles builds the seed site with --cpuprofile and
// --memprofile and checks that both profiles are written, in pprof's
// gzipped format, and that a profile that cannot be created fails the
// build before it starts.
func TestBuildProfiles(t *testing.T) {
	tmp := t.TempDir()
	content := filepath.Join(tmp, "content")
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(content, ".permalinks"))
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
