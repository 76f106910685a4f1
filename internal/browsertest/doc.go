// Package browsertest drives a real, headless Chromium from Go tests, so
// that what a reader sees and does in a built site — links, the table of
// contents, permalinks, copy buttons, dark mode — is tested as a reader
// meets it, over HTTP and from an offline bundle opened as file://.
//
// # Starting a browser
//
// [Start] finds Chromium and starts a fresh one for a test, with its own
// profile under t.TempDir(), and returns the context of its tab for
// chromedp actions (github.com/chromedp/chromedp). The browser looks for
// nothing on the network by itself: no sync, no component updates, no
// background requests, no QUIC. It is closed when the test ends, and every
// test gets [Timeout] to finish.
//
// Chromium is looked for in this order: the file that the environment
// variable CHROMIUM names, /usr/bin/chromium, and chromium,
// chromium-browser and google-chrome on PATH. Without one, a test is
// skipped with a note to install the Debian package chromium — except
// when the environment variable CI is set: continuous integration must
// never pass by skipping, so there the test fails. So does a test when
// CHROMIUM names no executable file.
//
// The back/forward cache is off: chromedp loses track of a page that it
// restores, so that going back would hang a test.
//
// # Acting like a reader
//
// [Click] clicks an element where it is once the page has reacted to
// bringing it into view, as a person looking at the screen does; and
// [Follow] waits for the page that a click leads to.
//
// # Watching a tab
//
// [RecordRequests] records the URL of every request a tab makes, so that
// a test can assert that an offline bundle reads only file:// URLs.
// [RecordProblems] records the JavaScript dialogs a tab opens (and
// dismisses them, so that the page goes on) and the errors it reports on
// its console: uncaught exceptions, console.error calls and the browser's
// own error log, such as a file that failed to load.
//
// # Serving a site
//
// [Serve] serves a directory over HTTP on 127.0.0.1 as a static host
// does: a path ending in "/" is its index.html, and a request for
// index.html is answered with the file, not redirected. [Unzip] unpacks
// an offline bundle, and [FileURL] turns a path into the file:// URL a
// reader's browser would show.
package browsertest
