package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"

	"tiaowen/internal/site"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts site.Options
	source := sourceFlags(fs, &opts)
	fs.StringVar(&opts.Out, "out", "build/site", "the output directory; replaced whole, atomically, by a spare folder beside it (.spare-<name>) that then keeps the previous site for the next build to update")
	// Hugo's names for the same, for the hands used to them.
	fs.StringVar(&opts.Out, "destination", "build/site", "the same as --out (Hugo's name)")
	fs.StringVar(&opts.Out, "d", "build/site", "short for --out")
	fs.StringVar(&opts.Zip, "zip", "", "the offline bundle; default <dir of --out>/<site name>-offline.zip, - for none")
	baseURLFlags(fs, &opts)
	minifyFlag(fs, &opts)
	permalinkFlags(fs, &opts)
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file (go tool pprof)")
	timings := fs.Bool("timings", false, "print where the build's time went: each step's wall time, and each kind of file's time to make, write and bundle")
	memprofile := fs.String("memprofile", "", "write a memory profile of the build to this file: every allocation, sampled, and what was live at the last collection")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: tiaowen build [--source|-s DIR] [--content content] [--out|-d build/site] [--zip PATH] [--baseURL|-b URL] [--buildDrafts|-D] [--minify] [--allow-removed] [--allow-changed] [--timings] [--cpuprofile FILE] [--memprofile FILE]")
		fmt.Fprintln(stderr, "\nRenders the site and the offline bundle. Content problems are reported together as\nfile:line:col lines; on any error the previous site is left untouched.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	inSource(fs, *source, &opts)
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "tiaowen build: %v\n", err)
			return 1
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "tiaowen build: %v\n", err)
			return 1
		}
		defer pprof.StopCPUProfile()
	}
	var memf *os.File
	if *memprofile != "" {
		// Created now, so that a bad path fails before a long build.
		f, err := os.Create(*memprofile)
		if err != nil {
			fmt.Fprintf(stderr, "tiaowen build: %v\n", err)
			return 1
		}
		memf = f
	}
	opts.Warnings = stderr
	sum, err := site.Build(opts)
	if memf != nil {
		// The allocs profile rather than heap: the same samples, but
		// pprof shows by default what was allocated (alloc_space), which
		// is what a build pays for in the collector; -sample_index
		// inuse_space shows what was live at the last collection.
		perr := pprof.Lookup("allocs").WriteTo(memf, 0)
		if cerr := memf.Close(); perr == nil {
			perr = cerr
		}
		if perr != nil {
			fmt.Fprintf(stderr, "tiaowen build: write %s: %v\n", *memprofile, perr)
			return 1
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "%v\ntiaowen build: failed; %s was left as it was\n", err, opts.Out)
		return 1
	}
	fmt.Fprintln(stdout, sum.String())
	if *timings {
		fmt.Fprintln(stdout)
		sum.Timings.Write(stdout)
	}
	return 0
}
