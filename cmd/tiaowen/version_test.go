package main

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	out, errs, code := runCLI(t, "version")
	if code != 0 || errs != "" {
		t.Fatalf("version: exit %d, stderr %q", code, errs)
	}
	want := "tiaowen "
	if !strings.HasPrefix(out, want) || !strings.Contains(out, " "+runtime.GOOS+"/"+runtime.GOARCH+" "+runtime.Version()) {
		t.Errorf("version printed %q, want %q…, the platform and %s", out, want, runtime.Version())
	}
	if alias, _, code := runCLI(t, "--version"); code != 0 || alias != out {
		t.Errorf("--version: exit %d, %q; want what version prints, %q", code, alias, out)
	}
	if _, errs, code := runCLI(t, "version", "extra"); code != 2 || !strings.Contains(errs, "no arguments") {
		t.Errorf("version extra: exit %d, %q", code, errs)
	}
}

func TestVersionLine(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.time", Value: "2026-12-05T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	plat := runtime.GOOS + "/" + runtime.GOARCH
	for _, c := range []struct {
		info *debug.BuildInfo
		want string
	}{
		{info, "tiaowen v1.2.3 " + plat + " go1.26.0 revision 0123abcd+dirty 2026-12-05T10:00:00Z"},
		{&debug.BuildInfo{GoVersion: "go1.26.0"}, "tiaowen (devel) " + plat + " go1.26.0"},
		{nil, "tiaowen (devel) " + plat + " " + runtime.Version()},
	} {
		if got := versionLine(c.info); got != c.want {
			t.Errorf("versionLine = %q, want %q", got, c.want)
		}
	}
}

// TestVersionFromCheckout builds the command from this checkout with the
// commit stamped in, as `go build` does by default, and expects the commit
// in what it prints.
func TestVersionFromCheckout(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "tiaowen")
	if out, err := exec.Command("go", "build", "-buildvcs=true", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := "revision " + strings.TrimSpace(string(head)); !strings.Contains(string(out), want) {
		t.Errorf("version printed %q, want it to name %q", out, want)
	}
}
