package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.yaml.in/yaml/v3"

	"tiaowen/internal/corpus"
	"tiaowen/internal/diag"
	"tiaowen/internal/yamlerr"
)

// contentPage is a page from content/pages/<slug>.md: 关于, 如何引用, API.
type contentPage struct {
	Slug        string
	Title       string
	Description string
	Weight      int
	HTML        template.HTML
	// Code says that the page shows fenced code, highlighted: only its
	// layout links the highlighting's style sheet.
	Code bool
}

// reserved are top-level paths the site itself uses.
var reserved = []string{"docs", "themes", "compare", "search", "api", "static"}

var pageSlug = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// loadPages reads content/pages/*.md. A page has front matter with a title
// (and optionally description and weight, which orders the navigation)
// and a Markdown body. Raw HTML is left out, and links with unsafe
// schemes, unless unsafe (site.yaml's unsafe: true) renders them as
// written; fenced code is highlighted by chroma with CSS classes.
func loadPages(dir string, unsafe bool) ([]*contentPage, diag.List) {
	var problems diag.List
	files, err := corpus.MarkdownFiles(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		problems.Add(diag.Position{File: dir}, err.Error(), "check the folder's permissions")
	}
	// A page's address is its file's name, so a page in a folder has
	// none; it is not left out without a word.
	files = slices.DeleteFunc(files, func(f string) bool {
		if filepath.Dir(f) == filepath.Clean(dir) {
			return false
		}
		problems.Warn(diag.Position{File: f}, "a page in a folder is not published: a page's address is its file's name, pages/<name>.md at /<name>/",
			"move it into "+dir)
		return true
	})
	rendering := []renderer.Option{renderer.WithNodeRenderers(util.Prioritized(codeRenderer{}, 200))}
	if unsafe {
		rendering = append(rendering, html.WithUnsafe())
	}
	md := corpus.NewMarkdown(goldmark.WithRendererOptions(rendering...))
	var pages []*contentPage
	for _, f := range files {
		slug := strings.TrimSuffix(filepath.Base(f), ".md")
		pos := diag.Position{File: f, Line: 1, Col: 1}
		if !pageSlug.MatchString(slug) || slices.Contains(reserved, slug) {
			problems.Add(pos, fmt.Sprintf("page name %q is not a usable URL", slug), "name pages with lower-case ascii slugs other than "+strings.Join(reserved, ", "))
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			problems.Add(pos, fmt.Sprintf("read: %v", err), "")
			continue
		}
		if !corpus.CheckUTF8(f, src, &problems) {
			continue
		}
		p := &contentPage{Slug: slug}
		body := src
		if bytes.HasPrefix(src, []byte("---\n")) {
			end := bytes.Index(src[4:], []byte("\n---\n"))
			if end < 0 {
				problems.Add(pos, "front matter has no closing '---' line", "")
				continue
			}
			var fm struct {
				Title       string `yaml:"title"`
				Description string `yaml:"description"`
				Weight      int    `yaml:"weight"`
			}
			yml := src[4 : 4+end]
			dec := yaml.NewDecoder(bytes.NewReader(yml))
			dec.KnownFields(true)
			if err := dec.Decode(&fm); err != nil {
				// The front matter starts on line 2, after its "---".
				line, col, msg := yamlerr.Locate(err, yml)
				problems.Add(diag.Position{File: f, Line: 1 + line, Col: col}, "front matter: "+msg, "fields: title, description, weight")
				continue
			}
			p.Title, p.Description, p.Weight = fm.Title, fm.Description, fm.Weight
			body = src[4+end+5:]
		}
		if p.Title == "" {
			problems.Add(pos, "page has no title", "add title: to its front matter")
			continue
		}
		var out bytes.Buffer
		tree := md.Parser().Parse(text.NewReader(body))
		if err := md.Renderer().Render(&out, body, tree); err != nil {
			problems.Add(pos, err.Error(), "")
			continue
		}
		p.Code = hasFencedCode(tree)
		p.HTML = template.HTML(out.String())
		pages = append(pages, p)
	}
	slices.SortStableFunc(pages, func(a, b *contentPage) int { return a.Weight - b.Weight })
	return pages, problems
}

// hasFencedCode reports whether the Markdown tree holds fenced code,
// which codeRenderer highlights.
func hasFencedCode(tree ast.Node) bool {
	found := false
	ast.Walk(tree, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*ast.FencedCodeBlock); ok {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// codeRenderer renders fenced code with chroma, using CSS classes so that
// light and dark styles come from one stylesheet.
type codeRenderer struct{}

func (codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, renderFencedCode)
}

func renderFencedCode(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	fc := n.(*ast.FencedCodeBlock)
	var code bytes.Buffer
	for i := 0; i < fc.Lines().Len(); i++ {
		seg := fc.Lines().At(i)
		code.Write(seg.Value(src))
	}
	lang := string(fc.Language(src))
	lexer := lexers.Get(lang)
	if lexer == nil {
		lexer = lexers.Fallback
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code.String())
	if err != nil {
		return ast.WalkStop, err
	}
	opts := []chromahtml.Option{chromahtml.WithClasses(true)}
	if lexer.Config().Name == "plaintext" {
		opts = append(opts, chromahtml.WithPreWrapper(textPre{}))
	}
	f := chromahtml.New(opts...)
	if err := f.Format(w, styles.Get("github"), it); err != nil {
		return ast.WalkStop, err
	}
	return ast.WalkSkipChildren, nil
}

// textPre is the <pre> of a block fenced as text (```text): a
// citation, an address, a record to copy, which is read, and so wraps
// at the page's edge (style.css's pre.plain-text), where code keeps its
// lines and scrolls. Scrolled, 如何引用's example citations showed half
// of each, even on a desktop's screen.
type textPre struct{}

func (textPre) Start(code bool, styleAttr string) string {
	attr := strings.Replace(styleAttr, `class="`, `class="plain-text `, 1)
	if code {
		return "<pre" + attr + "><code>"
	}
	return "<pre" + attr + ">"
}

func (textPre) End(code bool) string {
	if code {
		return "</code></pre>"
	}
	return "</pre>"
}

// chromaCSS writes the code highlighting styles: light by default, dark
// when the reader's system or the page's toggle asks for it.
func chromaCSS(w *bytes.Buffer) error {
	f := chromahtml.New(chromahtml.WithClasses(true))
	if err := f.WriteCSS(w, styles.Get("github")); err != nil {
		return err
	}
	var dark bytes.Buffer
	if err := f.WriteCSS(&dark, styles.Get("github-dark")); err != nil {
		return err
	}
	d := dark.String()
	w.WriteString(strings.ReplaceAll(d, ".chroma", `html[data-theme="dark"] .chroma`))
	w.WriteString("@media (prefers-color-scheme: dark) {\n")
	w.WriteString(strings.ReplaceAll(d, ".chroma", `html:not([data-theme="light"]) .chroma`))
	w.WriteString("}\n")
	return nil
}
