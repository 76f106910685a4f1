package main

import (
	"fmt"
	"io"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "tiaowen build: the site renderer is not built yet (issue: Site)")
	return 2
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "tiaowen serve: the development server is not built yet (issue: Serve)")
	return 2
}
