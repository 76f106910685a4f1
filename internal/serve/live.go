package serve

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"tiaowen/internal/diag"
	"tiaowen/internal/site"
)

// client is a browser tab with a page of the site open, listening to the
// event stream.
type client struct {
	name string // the file of the site the page is; "" for none
	v    string // the hash of the page it shows, from its script
	ch   chan event
	told bool // told to reload: it will reconnect with its new page
}

// event is one server-sent event.
type event struct{ name, data string }

// keepAlive is how often an idle event stream gets a comment, so that
// proxies and browsers do not time it out.
const keepAlive = 15 * time.Second

// events streams server-sent events to one page: its reload, build
// errors and their end, style sheets to swap. A page that connects with a
// hash other than its page's current one (it was served before a rebuild,
// or by an earlier run of the server) is told to reload at once.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	q := r.URL.Query()
	c := &client{v: q.Get("v"), ch: make(chan event, 16)}
	if u, err := url.Parse(q.Get("path")); err == nil {
		c.name, _ = siteName(u)
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 1000\n\n")

	s.mu.Lock()
	s.clients[c] = true
	problems := s.problems
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	if len(problems) > 0 {
		writeEvent(w, problemsEvent(problems))
	}
	if cur := strconv.FormatUint(s.current(c.name).hash, 16); cur != c.v {
		s.mu.Lock()
		c.told = true
		s.mu.Unlock()
		writeEvent(w, event{name: "reload", data: "{}"})
	}
	fl.Flush()

	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case e := <-c.ch:
			writeEvent(w, e)
			fl.Flush()
		case <-tick.C:
			fmt.Fprint(w, ": ping\n\n")
			fl.Flush()
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

func writeEvent(w http.ResponseWriter, e event) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
}

// current is what the server answers now for the file called name, ""
// being a path outside the site.
func (s *Server) current(name string) response {
	if name == "" {
		return s.notFound()
	}
	return s.page(name)
}

// send queues an event for a client. A client too slow to take it is
// dropped: its browser reconnects and compares its page then.
func (s *Server) send(c *client, e event) {
	select {
	case c.ch <- e:
	default:
		delete(s.clients, c)
	}
}

func (s *Server) broadcast(e event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.clients {
		s.send(c, e)
	}
}

// notify tells the browsers what a rebuild did: it shows its errors, or
// takes them away and reloads every page whose content changed. The pages
// open are rendered again here, before anyone is told, so that a reload
// is answered from memory.
func (s *Server) notify(r site.Report) {
	s.notifyMu.Lock()
	defer s.notifyMu.Unlock()
	defer func() {
		if s.rebuilds != nil {
			select {
			case s.rebuilds <- r:
			default:
			}
		}
	}()
	if r.Err() != nil {
		s.showProblems(r.Problems.Errors())
		return
	}
	s.mu.Lock()
	had := len(s.problems) > 0
	s.problems = nil
	var open []*client
	for c := range s.clients {
		if !c.told {
			open = append(open, c)
		}
	}
	s.mu.Unlock()
	if had {
		s.broadcast(event{name: "ok", data: "{}"})
	}
	if r.Stylesheets {
		s.broadcast(event{name: "css", data: "{}"})
		return
	}
	// A script or image changed: no page's own bytes show it.
	assets := slices.ContainsFunc(r.Changed, func(k string) bool { return strings.HasPrefix(k, "static:") })

	// An edit of one document sends the pages open elsewhere to its
	// page, at the first section it changed, when asked to; a page
	// already there reloads as any other.
	if s.opts.NavigateToChanged && len(r.Edited) == 1 {
		id := r.Edited[0]
		target := "docs/" + id + "/index.html"
		path := "/docs/" + url.PathEscape(id) + "/index.html"
		if eid := r.FirstChange[id]; eid != "" {
			path += "#" + url.PathEscape(eid)
		}
		data, _ := json.Marshal(map[string]string{"path": path})
		s.mu.Lock()
		there := open[:0]
		for _, c := range open {
			if c.name == target {
				there = append(there, c)
				continue
			}
			c.told = true
			s.send(c, event{name: "navigate", data: string(data)})
		}
		s.mu.Unlock()
		if sent := len(open) - len(there); sent > 0 {
			fmt.Fprintf(s.out, "Sent %d open pages to /%s\n", sent, target)
		}
		open = there
	}
	names := map[string]bool{}
	for _, c := range open {
		names[c.name] = true
	}
	now := s.render(slices.Collect(maps.Keys(names)))
	var failed diag.List
	reloaded := 0
	s.mu.Lock()
	for _, c := range open {
		p := now[c.name]
		if p.err != nil {
			// The page stays as it is, under the error.
			var prob diag.Problem
			if !errors.As(p.err, &prob) {
				prob = diag.Problem{Msg: p.err.Error()}
			}
			failed = append(failed, prob)
			continue
		}
		if assets || strconv.FormatUint(p.hash, 16) != c.v {
			c.told = true
			s.send(c, event{name: "reload", data: "{}"})
			reloaded++
		}
	}
	s.mu.Unlock()
	if len(failed) > 0 {
		failed.Sort()
		s.printProblems(slices.Compact(failed))
		s.showProblems(slices.Compact(failed))
	}
	if reloaded > 0 {
		fmt.Fprintf(s.out, "Reloaded %d of %d open pages\n", reloaded, len(open))
	}
}

// rendered is a page rendered again after a rebuild.
type rendered struct {
	hash uint64
	err  error
}

// render renders the named files, across the cores.
func (s *Server) render(names []string) map[string]rendered {
	out := make(map[string]rendered, len(names))
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan string)
	for range min(runtime.GOMAXPROCS(0), max(len(names), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range next {
				var p rendered
				if name == "" {
					p.hash = s.notFound().hash
				} else if f, ok, err := s.mem.Get(name); err != nil {
					p.err = err
				} else if ok {
					p.hash = f.Hash
				} else {
					p.hash = s.notFound().hash
				}
				mu.Lock()
				out[name] = p
				mu.Unlock()
			}
		}()
	}
	for _, n := range names {
		next <- n
	}
	close(next)
	wg.Wait()
	return out
}

// showProblems shows problems over every open page, and over pages
// opened until they are fixed.
func (s *Server) showProblems(l diag.List) {
	views := s.views(l)
	s.mu.Lock()
	s.problems = views
	s.mu.Unlock()
	s.broadcast(problemsEvent(views))
}

func problemsEvent(views []problemView) event {
	b, _ := json.Marshal(views)
	return event{name: "problems", data: string(b)}
}

// problemView is a problem as the overlay shows it: its place, its
// message, and the lines of the file around it.
type problemView struct {
	Pos   string     `json:"pos"`
	File  string     `json:"file"`
	Line  int        `json:"line"`
	Col   int        `json:"col"`
	Msg   string     `json:"msg"`
	Hint  string     `json:"hint,omitempty"`
	Lines []lineView `json:"lines,omitempty"`
}

type lineView struct {
	N    int    `json:"n"`
	Text string `json:"text"`
}

// maxShown bounds the problems the overlay shows; the terminal has all.
const maxShown = 20

func (s *Server) views(l diag.List) []problemView {
	var out []problemView
	files := map[string][]string{}
	for _, p := range l[:min(len(l), maxShown)] {
		v := problemView{Pos: p.Pos.String(), File: p.Pos.File, Line: p.Pos.Line, Col: p.Pos.Col, Msg: p.Msg, Hint: p.Hint}
		if p.Pos.Line > 0 {
			lines, ok := files[p.Pos.File]
			if !ok {
				lines = readLines(p.Pos.File, p.Pos.Line+2)
				files[p.Pos.File] = lines
			}
			for n := max(p.Pos.Line-2, 1); n <= p.Pos.Line+2 && n <= len(lines); n++ {
				v.Lines = append(v.Lines, lineView{N: n, Text: lines[n-1]})
			}
		}
		out = append(out, v)
	}
	return out
}

// readLines reads the first n lines of a file, or none.
func readLines(file string, n int) []string {
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for len(out) < n && sc.Scan() {
		out = append(out, strings.TrimRight(sc.Text(), "\r"))
	}
	return out
}

// printProblems prints problems for the person running the server, one
// file:line:col line each, as `tiaowen build` does.
func (s *Server) printProblems(l diag.List) {
	for _, p := range l {
		fmt.Fprintln(s.err, p.Error())
	}
}
