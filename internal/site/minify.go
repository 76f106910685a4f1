package site

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2"
)

// minifier shrinks the files of a site as Hugo's --minify does, with the
// same library and Hugo's choices for HTML: the document's own tags, end
// tags and attributes' default values are kept, because the site's
// stylesheet and scripts, and other people's, select on them
// (`input[type=text]`, `li:last-child` after a `</li>`); whitespace,
// comments and quotes that change nothing go. What the reader sees and
// what the scripts read are the same: text keeps its words, a space
// between two inline elements stays one space.
type minifier struct{ m *minify.M }

// newMinifier returns a minifier for the site's kinds of files.
func newMinifier() *minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	// Inline scripts and JSON-LD, by their type attribute, as well as
	// files.
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return &minifier{m}
}

// mediaType is the type a file of the site called name is minified as;
// "" for files left as they are: the search index's and other already
// compact data, a script already minified, citations, originals.
func mediaType(name string) string {
	if strings.HasPrefix(name, searchPath+"data/") || strings.HasSuffix(name, ".min.js") {
		return ""
	}
	switch path.Ext(name) {
	case ".html":
		return "text/html"
	case ".css":
		return "text/css"
	case ".js":
		return "application/javascript"
	case ".json":
		return "application/json"
	case ".xml":
		return "application/xml"
	case ".svg":
		return "image/svg+xml"
	}
	return ""
}

// scratch holds the unminified file while it is minified into the
// caller's buffer.
var scratch = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// wrap returns render with its output minified as name's type; render
// itself when that type is left alone or m is nil.
func (m *minifier) wrap(name string, render func(w *bytes.Buffer) error) func(w *bytes.Buffer) error {
	typ := mediaType(name)
	if m == nil || render == nil || typ == "" {
		return render
	}
	return func(w *bytes.Buffer) error {
		raw := scratch.Get().(*bytes.Buffer)
		defer scratch.Put(raw)
		raw.Reset()
		if err := render(raw); err != nil {
			return err
		}
		return m.m.Minify(typ, w, raw)
	}
}

// minifyError says where in file, which the minifier could not read,
// the fault is, and what to do: a project's own script or style sheet
// that does not parse stops a minified build at its line.
func minifyError(file string, err error) error {
	const todo = "--minify shrinks only what parses: fix the file, or build without --minify"
	var pe *parse.Error
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d:%d: %s (%s)", file, pe.Line, pe.Column, pe.Message, todo)
	}
	return fmt.Errorf("%s: %v (%s)", file, err, todo)
}

// served returns data, the file of the site called name, as the site
// serves it: minified when m minifies its type. Assets' versions are
// hashes of what is served.
func (m *minifier) served(name string, data []byte) ([]byte, error) {
	write := m.wrap(name, func(w *bytes.Buffer) error { _, err := w.Write(data); return err })
	var out bytes.Buffer
	if err := write(&out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
