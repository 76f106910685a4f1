package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeHelper runs the command in a process of its own when
// TestServeSignals asks it to, so that signals can be sent to it.
func TestServeHelper(t *testing.T) {
	args := os.Getenv("TIAOWEN_SERVE_ARGS")
	if args == "" {
		return
	}
	os.Exit(run(strings.Split(args, "\n"), os.Stdout, os.Stderr))
}

// TestServeSignals starts `tiaowen serve` in its own process, reads the
// URL it prints, fetches a page while a page listens for reloads, and
// stops it with SIGINT and with SIGTERM: each time it shuts down
// gracefully and exits 0. Listening on every interface prints a warning.
// With --minify and --disableLiveReload the pages it serves are
// minified, without the reload script.
func TestServeSignals(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		sig    syscall.Signal
		bind   string
		minify bool // and no live reload
	}{{syscall.SIGINT, "127.0.0.1", false}, {syscall.SIGTERM, "0.0.0.0", true}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestServeHelper$")
			args := []string{"serve", "--content", content, "--port", "0", "--bind", c.bind}
			if c.minify {
				args = append(args, "--minify", "--disableLiveReload")
			}
			cmd.Env = append(os.Environ(), "TIAOWEN_SERVE_ARGS="+strings.Join(args, "\n"))
			var errb bytes.Buffer
			cmd.Stderr = &errb
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			lines := make(chan string, 100)
			go func() {
				sc := bufio.NewScanner(stdout)
				for sc.Scan() {
					lines <- sc.Text()
				}
				close(lines)
			}()
			url := ""
			var out []string
			for url == "" {
				select {
				case l, ok := <-lines:
					if !ok {
						t.Fatalf("serve ended before printing its URL:\n%s\n%s", strings.Join(out, "\n"), errb.String())
					}
					out = append(out, l)
					if m := regexp.MustCompile(`^Serving at (http://\S+/) `).FindStringSubmatch(l); m != nil {
						url = m[1]
					}
				case <-time.After(30 * time.Second):
					t.Fatalf("no URL printed in 30 s:\n%s", strings.Join(out, "\n"))
				}
			}
			if !strings.HasPrefix(url, "http://127.0.0.1:") {
				t.Errorf("printed URL %s, want one on 127.0.0.1", url)
			}
			resp, err := http.Get(url + "docs/luhe-2017-yijian/")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if live := bytes.Contains(body, []byte("/__tiaowen/live.js")); resp.StatusCode != 200 || live == c.minify {
				t.Fatalf("GET a document: %s, the live-reload script in it: %v", resp.Status, live)
			}
			if head := "<!doctype html><html lang=zh-Hans>"; bytes.HasPrefix(body, []byte(head)) != c.minify {
				t.Errorf("--minify %v: the page begins %.40q", c.minify, body)
			}
			events, err := http.Get(url + "__tiaowen/events?path=/&v=0")
			if err != nil {
				t.Fatal(err)
			}
			defer events.Body.Close()

			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				for l := range lines {
					out = append(out, l)
				}
				done <- cmd.Wait()
			}()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("serve exited with %v after %v:\n%s", err, c.sig, errb.String())
				}
			case <-time.After(15 * time.Second):
				t.Fatalf("serve still runs 15 s after %v", c.sig)
			}
			if !slices.Contains(out, "Shutting down") {
				t.Errorf("no shutdown reported:\n%s", strings.Join(out, "\n"))
			}
			warned := strings.Contains(errb.String(), "warning: listening on every network interface")
			if warned != (c.bind == "0.0.0.0") {
				t.Errorf("--bind %s: warning printed = %v:\n%s", c.bind, warned, errb.String())
			}
		})
	}
}
