package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"tiaowen/internal/serve"
	"tiaowen/internal/site"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts site.Options
	source := sourceFlags(fs, &opts)
	baseURLFlags(fs, &opts)
	minifyFlag(fs, &opts)
	port := fs.Int("port", 1313, "the port to listen on; when the default is taken another is used, 0 for any")
	fs.IntVar(port, "p", 1313, "short for --port")
	bind := fs.String("bind", "127.0.0.1", "the address to listen on; 0.0.0.0 serves every network this machine is on")
	navigate := fs.Bool("navigateToChanged", false, "send the open pages to the page of the document just edited, at the section edited, as Hugo's server sends them to the page")
	noReload := fs.Bool("disableLiveReload", false, "serve the pages without the live-reload script, as a build writes them; they are still rebuilt at each edit, for a reload by hand")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: tiaowen serve [--source|-s DIR] [--content content] [--port|-p 1313] [--bind 127.0.0.1] [--baseURL|-b URL] [--buildDrafts|-D] [--minify] [--navigateToChanged] [--disableLiveReload]")
		fmt.Fprintln(stderr, "\nServes the site from memory, rebuilds what each edit of the content, templates or\nstatic files affects, and reloads open pages. Nothing is written to disk.")
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
	explicit := false
	fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "port" || f.Name == "p" })

	// The first SIGINT or SIGTERM shuts the server down gracefully; once
	// that has begun, a second one ends the process at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()

	// Listening first: a port in use is told at once, not after the
	// site has loaded.
	ln, err := serve.Listen(*bind, *port, explicit, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "tiaowen serve: %v\n", err)
		return 1
	}
	srv := serve.New(serve.Options{Site: opts, Out: stdout, Err: stderr, NavigateToChanged: *navigate, DisableLiveReload: *noReload})
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "tiaowen serve: %v\n", err)
		return 1
	}
	return 0
}
