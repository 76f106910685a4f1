package site

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tiaowen/internal/diskwrite"
)

// TestHelperBuildProcess is not a test: TestKilledBuildKeepsSite runs the
// test binary again with it selected, to have a build to kill.
func TestHelperBuildProcess(t *testing.T) {
	dir := os.Getenv("TIAOWEN_KILL_BUILD_DIR")
	if dir == "" {
		t.Skip("run by TestKilledBuildKeepsSite")
	}
	_, err := Build(Options{Content: filepath.Join(dir, "content"), Out: filepath.Join(dir, "build", "site")})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// TestKilledBuildKeepsSite starts a large build in another process, kills
// it while it is writing pages, and checks that the previous site is
// untouched and that the next build cleans up after the killed one.
func TestKilledBuildKeepsSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large corpus")
	}
	dir := unpack(t, "basic.txtar")
	build(t, dir)
	before := snapshot(t, filepath.Join(dir, "build", "site"))

	// Grow the corpus so that the build takes long enough to be caught.
	src, err := os.ReadFile("../../content/docs/guangdong-2023-gangyao.md")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 400 {
		id := fmt.Sprintf("copy-%03d", i)
		doc := strings.Replace(string(src), "id: guangdong-2023-gangyao", "id: "+id, 1)
		if err := os.WriteFile(filepath.Join(dir, "content", "docs", id+".md"), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBuildProcess$")
	cmd.Env = append(os.Environ(), "TIAOWEN_KILL_BUILD_DIR="+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	killed := false
	for time.Now().Before(deadline) {
		tmps, _ := filepath.Glob(filepath.Join(dir, "build", ".spare-site", "docs", "*"))
		if len(tmps) > 20 {
			cmd.Process.Kill()
			killed = true
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	cmd.Wait()
	if !killed {
		t.Fatal("the build finished or never started writing before it could be killed")
	}
	if tmps, _ := filepath.Glob(filepath.Join(dir, "build", ".spare-site", "docs", "*")); len(tmps) == 0 {
		t.Fatal("no partial output: the build was not killed midway")
	}
	sameFiles(t, before, snapshot(t, filepath.Join(dir, "build", "site")))

	// The next build succeeds: it brings the spare the killed one left up
	// to date, its 400 documents' files removed, and swaps it in; the
	// spare then holds the site it replaced, for the build after.
	for i := range 400 {
		os.Remove(filepath.Join(dir, "content", "docs", fmt.Sprintf("copy-%03d.md", i)))
	}
	build(t, dir)
	sameFiles(t, before, snapshot(t, filepath.Join(dir, "build", "site")))
	sameFiles(t, before, snapshot(t, filepath.Join(dir, "build", ".spare-site")))
	if leftovers, _ := filepath.Glob(filepath.Join(dir, "build", ".tmp-*")); len(leftovers) > 0 {
		t.Errorf("left behind: %v", leftovers)
	}
}

// TestBuildWhileAnotherRuns holds the lock a build takes, as a build in
// another process would: a second build into the same folder is refused,
// saying why, and leaves the site as it was; once the lock is let go, a
// build goes through.
func TestBuildWhileAnotherRuns(t *testing.T) {
	dir := unpack(t, "basic.txtar")
	build(t, dir)
	before := readerFiles(t, dir)
	lock, err := diskwrite.Lock(filepath.Join(dir, "build", lockPrefix+"site"))
	if err != nil {
		t.Fatalf("the lock is still held after the build: %v", err)
	}
	defer lock.Close()
	editSection(t, dir)
	_, err = Build(Options{Content: filepath.Join(dir, "content"), Out: filepath.Join(dir, "build", "site")})
	if err == nil || !strings.Contains(err.Error(), "another build is writing "+filepath.Join(dir, "build", "site")) {
		t.Fatalf("a build beside another: %v, want it refused", err)
	}
	sameFiles(t, before, readerFiles(t, dir))
	lock.Close()
	build(t, dir)
	changed := 0
	for name, data := range readerFiles(t, dir) {
		if !bytes.Equal(data, before[name]) {
			changed++
		}
	}
	if changed == 0 {
		t.Error("the build after the lock was let go did not publish the edit")
	}
}

// TestOldLeftoversRemoved: what builds before the spare left when they
// were killed (a temporary tree, the previous site being deleted) is
// removed by the next build; the same names for another site of the
// folder (site-2 beside site) are left to that site's builds.
func TestOldLeftoversRemoved(t *testing.T) {
	dir := unpack(t, "basic.txtar")
	out := filepath.Join(dir, "build")
	gone := []string{".tmp-site-123456", ".old-site-.tmp-site-42", ".tmp-test-site-offline.zip-77"}
	kept := []string{".tmp-site-2-123456", ".old-site-2-.tmp-site-2-42", ".tmp-site.zip-99"}
	for _, d := range append(gone, kept...) {
		if err := os.MkdirAll(filepath.Join(out, d, "docs"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	build(t, dir)
	for _, d := range gone {
		if _, err := os.Stat(filepath.Join(out, d)); err == nil {
			t.Errorf("%s was left", d)
		}
	}
	for _, d := range kept {
		if _, err := os.Stat(filepath.Join(out, d)); err != nil {
			t.Errorf("%s, another site's, was removed: %v", d, err)
		}
	}
}
