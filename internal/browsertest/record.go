package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Requests is the record of the requests a tab has made since
// [RecordRequests]: pages, style sheets, scripts, images, fetches, on
// every page the tab has shown.
type Requests struct {
	mu   sync.Mutex
	urls []string
}

// RecordRequests starts recording the URL of every request that the tab
// of ctx makes, as the browser's network domain reports them: what a
// page asks for, whatever it gets back. Call it before the navigation
// whose requests matter.
func RecordRequests(t testing.TB, ctx context.Context) *Requests {
	t.Helper()
	r := new(Requests)
	// Listen, not chromedp.Events: Listen sees an event before the command
	// that follows it returns, so no request escapes the record because it
	// was still queued when the test looked.
	err := chromedp.Listen(ctx, func(ev any) {
		if ev, ok := ev.(*network.EventRequestWillBeSent); ok && ev.Request != nil {
			r.mu.Lock()
			r.urls = append(r.urls, ev.Request.URL)
			r.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatalf("record requests: %v", err)
	}
	return r
}

// URLs returns the URL of every request made so far, in order, with
// repeats.
func (r *Requests) URLs() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.urls)
}

// Outside returns, once each and in order, the URLs requested so far that
// start with none of the prefixes: with "file:///" alone, every request
// that an offline bundle should never make.
func (r *Requests) Outside(prefixes ...string) []string {
	var out []string
	for _, u := range r.URLs() {
		inside := false
		for _, p := range prefixes {
			if strings.HasPrefix(u, p) {
				inside = true
				break
			}
		}
		if !inside && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// Problems is the record of what went wrong in a tab, as a reader or a
// developer would notice it, since [RecordProblems].
type Problems struct {
	mu      sync.Mutex
	dialogs []string
	errors  []string
}

// RecordProblems starts recording the JavaScript dialogs (alert, confirm,
// prompt, beforeunload) that the tab of ctx opens, and the errors it
// reports: uncaught exceptions and rejections, console.error and failed
// console.assert calls, and error entries of the browser's log, such as a
// resource that failed to load or a blocked script. Each dialog is
// dismissed as it opens, so that the page and the test go on.
func RecordProblems(t testing.TB, ctx context.Context) *Problems {
	t.Helper()
	p := new(Problems)
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			p.add(&p.dialogs, fmt.Sprintf("%s(%q) on %s", ev.Type, ev.Message, ev.URL))
			// A dialog blocks the page until it is answered. The listener
			// must not send commands itself, so answer from another
			// goroutine; the error is of no interest once the tab is gone.
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		case *runtime.EventExceptionThrown:
			p.add(&p.errors, "exception: "+exceptionText(ev.ExceptionDetails))
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				p.add(&p.errors, fmt.Sprintf("console.%s: %s", ev.Type, argsText(ev.Args)))
			}
		case *log.EventEntryAdded:
			if e := ev.Entry; e != nil && e.Level == log.EntryLevelError {
				s := fmt.Sprintf("%s: %s", e.Source, e.Text)
				if e.URL != "" {
					s += " (" + e.URL + ")"
				}
				p.add(&p.errors, s)
			}
		}
	})
	if err != nil {
		t.Fatalf("record dialogs and errors: %v", err)
	}
	return p
}

func (p *Problems) add(list *[]string, s string) {
	p.mu.Lock()
	*list = append(*list, s)
	p.mu.Unlock()
}

// Dialogs returns the dialogs opened so far, each as its type, message
// and page: `alert("1") on file:///…`.
func (p *Problems) Dialogs() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.dialogs)
}

// Errors returns the errors reported so far, in order.
func (p *Problems) Errors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.errors)
}

// Check fails t for every dialog and error recorded so far, except the
// errors that contain one of the strings in except.
func (p *Problems) Check(t testing.TB, except ...string) {
	t.Helper()
	for _, d := range p.Dialogs() {
		t.Errorf("a dialog opened: %s", d)
	}
next:
	for _, e := range p.Errors() {
		for _, x := range except {
			if strings.Contains(e, x) {
				continue next
			}
		}
		t.Errorf("the page reported an error: %s", e)
	}
}

// exceptionText is an exception as the console shows it: its message and
// where it was thrown.
func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	s := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		s += " " + d.Exception.Description
	}
	if d.URL != "" {
		s += fmt.Sprintf(" (%s:%d:%d)", d.URL, d.LineNumber+1, d.ColumnNumber+1)
	}
	return s
}

// argsText joins the arguments of a console call: strings as they are,
// other values as the protocol describes them.
func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		var s string
		switch {
		case a == nil:
			continue
		case a.Type == runtime.RemoteObjectTypeString && len(a.Value) > 0 && json.Unmarshal(a.Value, &s) == nil:
		case a.Description != "":
			s = a.Description
		case len(a.Value) > 0:
			s = string(a.Value)
		default:
			s = string(a.UnserializableValue)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}
