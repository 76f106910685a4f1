package main

import (
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// runVersion prints which tiaowen this is, in one line, for bug reports:
// the module's version (a tag, or the pseudo-version the go command
// stamps from the commit), the platform, the Go release, and the commit
// with its time when the binary was built from a checkout.
func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: tiaowen version\n\nPrints the version of tiaowen, the platform and the Go release it was built with.")
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "tiaowen version: takes no arguments, got %q\n", fs.Arg(0))
		return 2
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprintln(stdout, versionLine(info))
	return 0
}

// versionLine formats build information as
// "tiaowen VERSION GOOS/GOARCH GOVERSION [revision REV[+dirty] TIME]".
// info may be nil (a binary without build information).
func versionLine(info *debug.BuildInfo) string {
	version, goVersion := "(devel)", runtime.Version()
	var revision, when, dirty string
	if info != nil {
		if v := info.Main.Version; v != "" {
			version = v
		}
		goVersion = info.GoVersion
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "+dirty"
				}
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "tiaowen %s %s/%s %s", version, runtime.GOOS, runtime.GOARCH, goVersion)
	if revision != "" {
		fmt.Fprintf(&b, " revision %s%s", revision, dirty)
		if when != "" {
			b.WriteString(" " + when)
		}
	}
	return b.String()
}
