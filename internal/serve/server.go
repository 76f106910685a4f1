package serve

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"hash/fnv"
	"html/template"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"tiaowen/internal/diag"
	"tiaowen/internal/site"
)

// Options configure a Server.
type Options struct {
	// Site names the content, and the project's templates and static
	// directories; Out and Zip are not used.
	Site site.Options
	// Out receives what a person running the server reads: the URL, each
	// rebuild. Err receives the problems in the content. Either may be nil.
	Out, Err io.Writer
	// Debounce is how long the sources must be quiet before a rebuild;
	// 0 means DefaultDebounce.
	Debounce time.Duration
	// NavigateToChanged sends the open pages to the page of a document
	// when an edit changed it alone, as `hugo server
	// --navigateToChanged` does: the writer sees what they wrote.
	NavigateToChanged bool
	// DisableLiveReload serves the pages as a build writes them, without
	// the live-reload script, as `hugo server --disableLiveReload` does:
	// the site is still rebuilt at each edit, and a page reloaded by
	// hand shows it.
	DisableLiveReload bool
	// SettleAfter is how long edits must pause before the similarity
	// model of the whole corpus is rebuilt (site.Memory.Settle); 0 means
	// twice the time of a full load, and at least a second; negative
	// means never.
	SettleAfter time.Duration
}

// DefaultDebounce is the quiet time before a rebuild: longer than the
// gaps between the writes of one save, short enough not to be felt.
const DefaultDebounce = 20 * time.Millisecond

// Server is the development server of one site.
type Server struct {
	opts Options
	mem  *site.Memory
	out  io.Writer
	err  io.Writer

	// loopback is set while the server listens on a loopback address
	// only: requests must then name a loopback host.
	loopback bool

	mu       sync.Mutex
	clients  map[*client]bool
	problems []problemView // the problems of the last rebuild, shown over every page
	done     chan struct{} // closed when the server shuts down

	notifyMu sync.Mutex // one rebuild is told at a time
	settling sync.Mutex // held while a Settle runs
	rebuilds chan site.Report
}

// New loads the site and returns a server for it. The content may have
// errors: they are reported on opts.Err, and the server starts all the
// same, showing them, so that fixing them is all it takes.
func New(opts Options) *Server {
	if opts.Debounce == 0 {
		opts.Debounce = DefaultDebounce
	}
	s := &Server{opts: opts, out: opts.Out, err: opts.Err, clients: map[*client]bool{}, done: make(chan struct{})}
	if s.out == nil {
		s.out = io.Discard
	}
	if s.err == nil {
		s.err = io.Discard
	}
	start := time.Now()
	m, r := site.NewMemory(opts.Site)
	s.mem = m
	s.printProblems(r.Problems)
	if r.Err() != nil {
		s.problems = s.views(r.Problems.Errors())
		fmt.Fprintf(s.out, "The content has errors: the site will load once they are fixed.\n")
	} else {
		fmt.Fprintf(s.out, "Loaded %s, %s in %d ms\n", diag.Count(r.Docs, "document"), diag.Count(r.Sections, "section"), time.Since(start).Milliseconds())
	}
	return s
}

// Rebuilds returns a channel that receives the report of every rebuild,
// settled model included, once browsers have been told. It is for tests
// and benchmarks; it must be asked for before Serve, and reports are
// dropped when nobody reads them.
func (s *Server) Rebuilds() <-chan site.Report {
	if s.rebuilds == nil {
		s.rebuilds = make(chan site.Report, 64)
	}
	return s.rebuilds
}

// Listen listens on bind and port. When port is the default and in use,
// another port is taken, as `hugo server` does, and out is told; a port
// asked for explicitly must be free. Serve warns about a bind address that
// is not loopback.
func Listen(bind string, port int, explicit bool, out io.Writer) (net.Listener, error) {
	if out == nil {
		out = io.Discard
	}
	addr := net.JoinHostPort(bind, strconv.Itoa(port))
	ln, err := net.Listen("tcp", addr)
	if err != nil && !explicit && errors.Is(err, syscall.EADDRINUSE) {
		fmt.Fprintf(out, "Port %d is in use; using a free port instead.\n", port)
		ln, err = net.Listen("tcp", net.JoinHostPort(bind, "0"))
	}
	if err != nil {
		return nil, err
	}
	return ln, nil
}

// Serve serves the site on ln, watches its sources and rebuilds it,
// until ctx ends; then it stops watching, closes the event streams and
// shuts the server down gracefully, letting requests in flight finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	tcp, _ := ln.Addr().(*net.TCPAddr)
	home := "http://" + ln.Addr().String() + "/"
	if tcp != nil {
		switch {
		case tcp.IP.IsUnspecified():
			home = "http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port)) + "/"
			fmt.Fprintf(s.err, "warning: listening on every network interface (%s): anyone who can reach this machine can read the site and the drafts in it. Use --bind 127.0.0.1 unless you mean to share it on a network you trust.\n", ln.Addr())
		case !tcp.IP.IsLoopback():
			fmt.Fprintf(s.err, "warning: listening on %s, which is not a loopback address: other machines can read the site.\n", ln.Addr())
		default:
			s.loopback = true
		}
	}
	w, err := s.watch()
	if err != nil {
		ln.Close()
		return err
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(func() { close(s.done) })
	watchDone := make(chan struct{})
	watchCtx, stopWatch := context.WithCancel(ctx)
	go func() {
		defer close(watchDone)
		s.watchLoop(watchCtx, w)
	}()
	fmt.Fprintf(s.out, "Serving at %s (press Ctrl+C to stop)\n", home)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		stopWatch()
		<-watchDone
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(s.out, "Shutting down")
	stopWatch()
	<-watchDone
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

// Paths of the server's own, outside the site.
const (
	liveScriptPath = "/__tiaowen/live.js"
	eventsPath     = "/__tiaowen/events"
)

//go:embed live.js
var liveScript []byte

// ServeHTTP answers a request for a file of the site, the live-reload
// script or the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if s.loopback && !loopbackHost(r.Host) {
		http.Error(w, "tiaowen serve answers requests for localhost only", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case liveScriptPath:
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		h.Set("Content-Length", strconv.Itoa(len(liveScript)))
		if r.Method == http.MethodGet {
			w.Write(liveScript)
		}
		return
	case eventsPath:
		s.events(w, r)
		return
	}
	name, ok := siteName(r.URL)
	if !ok {
		s.write(w, r, s.notFound())
		return
	}
	p := s.page(name)
	if p.status == http.StatusNotFound && !strings.HasSuffix(r.URL.Path, "/") && path.Ext(name) == "" && s.mem.Exists(name+"/index.html") {
		// A folder without its "/", as static hosts answer it.
		target := r.URL.Path + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	s.write(w, r, p)
}

// response is what the server answers for a path of the site.
type response struct {
	status int
	ctype  string
	body   []byte
	hash   uint64 // of body; what a page's script compares
}

// page returns the response for the file called name: the file, the
// site's 404 page, or an error page.
func (s *Server) page(name string) response {
	f, ok, err := s.mem.Get(name)
	switch {
	case err != nil:
		return s.errorPage(err)
	case !ok:
		return s.notFound()
	}
	return response{status: http.StatusOK, ctype: contentType(name), body: f.Data, hash: f.Hash}
}

// notFound is the site's 404 page, or a plain one before the site loads.
func (s *Server) notFound() response {
	f, ok, err := s.mem.Get("404.html")
	if err == nil && ok {
		return response{status: http.StatusNotFound, ctype: "text/html; charset=utf-8", body: f.Data, hash: f.Hash}
	}
	if errors.Is(err, site.ErrNoSite) {
		return s.errorPage(err)
	}
	body := []byte("<!DOCTYPE html>\n<title>404</title>\n<body>\n<h1>404</h1>\n</body>\n")
	return response{status: http.StatusNotFound, ctype: "text/html; charset=utf-8", body: body, hash: hashOf(body)}
}

var errorPageTmpl = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="zh-Hans">
<meta charset="utf-8">
<title>构建失败 · tiaowen serve</title>
<body>
<h1>构建失败 · Build failed</h1>
{{range .}}<p><code>{{.Pos}}</code>: {{.Msg}}{{with .Hint}} ({{.}}){{end}}</p>
{{end}}<p>The page updates when the error is fixed.</p>
</body>
</html>
`))

// errorPage answers a request that the site cannot: it has never loaded
// (the content has errors), or the page failed to render.
func (s *Server) errorPage(err error) response {
	var views []problemView
	var p diag.Problem
	switch {
	case errors.Is(err, site.ErrNoSite):
		s.mu.Lock()
		views = s.problems
		s.mu.Unlock()
	case errors.As(err, &p):
		views = s.views(diag.List{p})
	default:
		views = []problemView{{Msg: err.Error()}}
	}
	var b strings.Builder
	errorPageTmpl.Execute(&b, views)
	body := []byte(b.String())
	return response{status: http.StatusInternalServerError, ctype: "text/html; charset=utf-8", body: body, hash: hashOf(body)}
}

func hashOf(b []byte) uint64 {
	h := fnv.New64a()
	h.Write(b)
	return h.Sum64()
}

// write sends a response, with the live-reload script in HTML pages
// unless it is disabled. The
// site's 404 page, whose links lead from the root, has a <base> of the
// root as the site is published (the base URL's path); here the root is
// "/", which its <base> becomes (or gets, if it has none), so that it
// shows as it should at any depth.
func (s *Server) write(w http.ResponseWriter, r *http.Request, p response) {
	h := w.Header()
	h.Set("Content-Type", p.ctype)
	// edit replaces body[at:end] with text; the edits are in order.
	type edit struct {
		at, end int
		text    string
	}
	var eds []edit
	if strings.HasPrefix(p.ctype, "text/html") {
		if p.status == http.StatusNotFound {
			const base = `<base href="/">`
			if i := indexFold(p.body, "<base "); i >= 0 {
				if j := bytes.IndexByte(p.body[i:], '>'); j >= 0 {
					eds = append(eds, edit{i, i + j + 1, base})
				}
			} else if i := indexFold(p.body, "<head>"); i >= 0 {
				eds = append(eds, edit{i + len("<head>"), i + len("<head>"), "\n" + base})
			}
		}
		if !s.opts.DisableLiveReload {
			at := len(p.body)
			if i := lastIndexFold(p.body, "</body>"); i >= 0 {
				at = i
			}
			eds = append(eds, edit{at, at, `<script src="` + liveScriptPath + `" data-v="` + strconv.FormatUint(p.hash, 16) + `"></script>` + "\n"})
		}
	}
	n := len(p.body)
	for _, e := range eds {
		n += len(e.text) - (e.end - e.at)
	}
	h.Set("Content-Length", strconv.Itoa(n))
	w.WriteHeader(p.status)
	if r.Method == http.MethodHead {
		return
	}
	from := 0
	for _, e := range eds {
		w.Write(p.body[from:e.at])
		io.WriteString(w, e.text)
		from = e.end
	}
	w.Write(p.body[from:])
}

// indexFold returns the index of the first s in b, in any case, or -1.
func indexFold(b []byte, s string) int {
	for i := 0; i+len(s) <= len(b); i++ {
		if b[i] == '<' && bytes.EqualFold(b[i:i+len(s)], []byte(s)) {
			return i
		}
	}
	return -1
}

// lastIndexFold returns the index of the last s in b, in any case, or -1.
func lastIndexFold(b []byte, s string) int {
	for i := len(b) - len(s); i >= 0; i-- {
		if b[i] == '<' && bytes.EqualFold(b[i:i+len(s)], []byte(s)) {
			return i
		}
	}
	return -1
}

// siteName returns the name of the file of the site that a URL asks for:
// the path without its leading "/", with index.html after a final "/".
// It refuses what could reach outside the site or be read two ways: ".."
// and "." segments, empty segments ("//"), a backslash or NUL, and "/",
// "\" or "." percent-encoded, which no link of the site contains.
func siteName(u *url.URL) (string, bool) {
	raw := u.EscapedPath()
	if !strings.HasPrefix(raw, "/") {
		return "", false
	}
	lower := strings.ToLower(raw)
	for _, enc := range []string{"%2f", "%5c", "%2e", "%00"} {
		if strings.Contains(lower, enc) {
			return "", false
		}
	}
	p, err := url.PathUnescape(raw)
	if err != nil || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	name := p[1:]
	segs := strings.Split(name, "/")
	for i, seg := range segs {
		if seg == "." || seg == ".." || (seg == "" && i < len(segs)-1) {
			return "", false
		}
	}
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	return name, true
}

// contentTypes are the types of the files a site has, fixed here rather
// than read from the system's MIME table, which differs between machines.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".json":  "application/json",
	".xml":   "application/xml; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/markdown; charset=utf-8",
	".ris":   "application/x-research-info-systems; charset=utf-8",
	".bib":   "application/x-bibtex; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/x-icon",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".ttf":   "font/ttf",
	".otf":   "font/otf",
	".pdf":   "application/pdf",
	".zip":   "application/zip",
	".wasm":  "application/wasm",
	".map":   "application/json",
}

// contentType returns the Content-Type of a file of the site by its name.
func contentType(name string) string {
	if path.Base(name) == "feed.xml" {
		return "application/atom+xml; charset=utf-8"
	}
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// loopbackHost reports whether a Host header names this machine by a
// loopback name or address.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}
