// Package serve is the development server of `tiaowen serve`: it holds
// the site in memory, watches its sources, rebuilds what an edit affects
// and makes open browsers reload by themselves, as `hugo server` does.
//
// # Serving
//
// The site is served from memory (site.Memory): a page is rendered the
// first time it is asked for and kept. Paths are those of the built site:
// "/docs/x/" is docs/x/index.html, "/docs/x" redirects to "/docs/x/", a
// missing file is answered with the site's 404.html and status 404.
// Nothing is read from disk but the project's own static files, which are
// opened through os.Root, so that a path with "..", an encoded "/" or "."
// or "\", or a symbolic link leading out of the static directory, gets
// 404. Every response has the right Content-Type, "Cache-Control:
// no-store" and "X-Content-Type-Options: nosniff". The server listens on
// 127.0.0.1 unless told otherwise, warns when it is told to listen on
// every interface, and while it listens on loopback answers only requests
// for a loopback host name, so that a web page cannot read the preview
// through a DNS name rebound to 127.0.0.1.
//
// # Watching and rebuilding
//
// The content, templates and static directories are watched with fsnotify,
// recursively; new subdirectories are watched as they appear. Events are
// gathered until the sources have been quiet for Debounce (20 ms): an
// editor saving a file makes several — truncate and write, or write a
// temporary file and rename it over the old one. A batch in which a file
// is missing or empty waits up to 250 ms longer for it to come back, so
// that a save by renaming is not taken for a deletion. The batch then goes
// to site.Memory.Update, which rebuilds only what depends on the files
// changed. When edits pause, the similarity model of the whole corpus is
// rebuilt in the background (site.Memory.Settle).
//
// # Live reload
//
// Every HTML page served gets one script before </body>; `tiaowen build`
// never does. The script holds a hash of the page it came with and opens
// an event stream (/__tiaowen/events, server-sent events). After each
// rebuild the server renders again the pages that browsers have open, and
// tells each browser whose page changed to reload; the page comes back at
// the same scroll position. A change to a style sheet swaps the style
// sheets without reloading. A browser that reconnects after a restart
// reloads if its page changed meanwhile. With Options.NavigateToChanged
// (`serve --navigateToChanged`, as Hugo's), an edit of one document sends
// the pages open elsewhere to its page instead, at the first section the
// edit changed. With Options.DisableLiveReload (`serve
// --disableLiveReload`, Hugo's too) no script is added: the pages are a
// build's, rebuilt at each edit, and a reader reloads them by hand.
//
// # Errors
//
// When a rebuild fails — invalid front matter, a template that does not
// parse or execute — the problems are printed as file:line:col lines and
// shown over the page in every browser, with the lines of the file around
// each, while the last good site keeps being served. Fixing the file
// removes the overlay and reloads the pages that changed.
package serve
