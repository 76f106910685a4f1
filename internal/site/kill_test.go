package site

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
		tmps, _ := filepath.Glob(filepath.Join(dir, "build", ".tmp-site-*", "docs", "*"))
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
	if leftovers, _ := filepath.Glob(filepath.Join(dir, "build", ".tmp-site-*")); len(leftovers) == 0 {
		t.Fatal("no partial output: the build was not killed midway")
	}
	sameFiles(t, before, snapshot(t, filepath.Join(dir, "build", "site")))

	// The next build succeeds and removes what the killed one left.
	for i := range 400 {
		os.Remove(filepath.Join(dir, "content", "docs", fmt.Sprintf("copy-%03d.md", i)))
	}
	build(t, dir)
	if leftovers, _ := filepath.Glob(filepath.Join(dir, "build", ".tmp-site-*")); len(leftovers) > 0 {
		t.Errorf("left behind: %v", leftovers)
	}
}
