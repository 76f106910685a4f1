package ingest

import (
	"context"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
	"tiaowen/internal/corpus"
)

// needPdftotext skips t without Poppler's pdftotext, or fails it in CI,
// where the PDF import must be tested.
func needPdftotext(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath(pdftotextCommand); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("no %s (CI is set: install poppler-utils)", pdftotextCommand)
		}
		t.Skipf("no %s: install poppler-utils", pdftotextCommand)
	}
}

// officialPage sets text as a Chinese official document is set (GB/T
// 9704): A4, 16-point serif on a 28-point line, every paragraph indented
// two characters and justified; above the first heading, a short line
// (title, status) centred, a longer one that is no sentence (a notice's
// title) centred in 22-point type, over two lines.
const officialPage = `<!DOCTYPE html>
<html lang="%s"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { margin: 0; font: 16pt/28pt "Noto Serif CJK SC", serif; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.c, p.t { text-indent: 0; text-align: center; }
p.t { font-size: 22pt; line-height: 36pt; }
</style></head><body>
`

// printedParagraph is a paragraph of a seed as its document was set:
// its text and its style: "" for the body's, "c" for a short line above
// the first section (title, status), centred, "t" for a notice's title
// there, centred in large type.
type printedParagraph struct{ class, text string }

// printedParagraphs are a seed's paragraphs as the document had them
// before copying it from a page broke it: the lines that the text's
// import joined (repairs) are one paragraph, and a heading copying
// glued to the paragraph before it is a paragraph of its own.
func printedParagraphs(text string, repairs []Repair) []printedParagraph {
	var lines []string
	joined := map[int]bool{}
	for _, r := range repairs {
		joined[r.Line] = r.Kind == "join-line"
	}
	for i, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if joined[i+1] && len(lines) > 0 {
			lines[len(lines)-1] += strings.TrimSpace(l)
			continue
		}
		lines = append(lines, l)
	}
	first := len(lines)
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "一、") {
			first = i
			break
		}
	}
	var out []printedParagraph
	for i, l := range lines {
		for rest := strings.TrimSpace(l); rest != ""; {
			p := rest
			if k := gluedMarker(rest); k >= 0 {
				p, rest = strings.TrimSpace(rest[:k]), strings.TrimSpace(rest[k:])
			} else {
				rest = ""
			}
			class := ""
			switch n := utf8.RuneCountInString(p); {
			case i >= first:
			case n <= 26:
				class = "c"
			case n <= 44 && !strings.ContainsAny(p, "，,。：:|•"):
				class = "t" // a title, wrapped over two lines
			}
			out = append(out, printedParagraph{class, p})
		}
	}
	return out
}

// printSeed prints a seed's text as a PDF from Chromium, each page
// numbered at its foot as official documents are (— 3 —), its paragraphs
// as printedParagraphs has them.
func printSeed(t *testing.T, ctx context.Context, text, lang string, repairs []Repair) []byte {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, officialPage, lang)
	for _, p := range printedParagraphs(text, repairs) {
		class := ""
		if p.class != "" {
			class = ` class="` + p.class + `"`
		}
		fmt.Fprintf(&b, "<p%s>%s</p>\n", class, html.EscapeString(p.text))
	}
	file := filepath.Join(t.TempDir(), "doc.html")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(browsertest.FileURL(file))); err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{
		PreferCSSPageSize:   new(true),
		DisplayHeaderFooter: new(true),
		HeaderTemplate:      "<span></span>",
		FooterTemplate:      `<div style="width: 100%; text-align: center; font: 14pt 'Noto Serif CJK SC', serif">— <span class="pageNumber"></span> —</div>`,
	})
	if err != nil {
		t.Fatalf("print to PDF: %v", err)
	}
	return pdf.Data
}

// TestSeedsPDF prints each seed as an official document is printed and
// imports the PDF: the same body and front matter as the seed's text
// gives, the truth's section tree, the text's removals by the same rules,
// and every page's number removed at its line of pdftotext's output.
func TestSeedsPDF(t *testing.T) {
	needPdftotext(t)
	ctx := browsertest.Start(t)
	for stem, id := range seedIDs {
		t.Run(stem, func(t *testing.T) {
			data, fromText := importSeedText(t, stem, id)
			lang := "zh-CN"
			if fromText.Meta.Lang == "zh-Hant" {
				lang = "zh-TW"
			}
			pdf := printSeed(t, ctx, string(data), lang, fromText.Repairs)
			fromPDF, err := Import(stem+".pdf", pdf, Options{ID: id, Source: stem + ".txt"})
			if err != nil {
				t.Fatal(err)
			}
			numbers := sameAsText(t, stem, id, "PDF", fromText, fromPDF)
			layout, err := pdftotext(stem+".pdf", pdf)
			if err != nil {
				t.Fatal(err)
			}
			outLines := strings.Split(layout, "\n")
			for _, r := range numbers {
				if r.Line < 1 || r.Line > len(outLines) || strings.TrimSpace(strings.TrimLeft(outLines[r.Line-1], "\f")) != r.Text {
					t.Errorf("a page number removed as %q at line %d, which is %q", r.Text, r.Line, outLines[min(max(r.Line, 1), len(outLines))-1])
				}
			}
			if len(numbers) != strings.Count(layout, "\f") {
				t.Errorf("%d page numbers removed from %d pages", len(numbers), strings.Count(layout, "\f"))
			}
		})
	}
}

// importSeedText reads a seed's text and imports it.
func importSeedText(t *testing.T, stem, id string) ([]byte, *Result) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(seedDir, stem+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	fromText, err := Import(stem+".txt", data, Options{ID: id})
	if err != nil {
		t.Fatal(err)
	}
	return data, fromText
}

// sameAsText holds a seed imported from a laid-out format to its text's
// import: read as that format, the same body and front matter, the
// truth's section tree, and the text's removals by the same rules (spaces
// aside: layout writes a gap of any width as one space); besides them,
// only the page numbers — — 1 —, — 2 — … in order, at least two — which
// it returns.
func sameAsText(t *testing.T, stem, id, format string, fromText, got *Result) (numbers []Removal) {
	t.Helper()
	if got.Format != format {
		t.Errorf("read as %s", got.Format)
	}
	if got.Body != fromText.Body {
		t.Errorf("the %s's body differs from the text's:\n%s", format, firstDifference(got.Body, fromText.Body))
	}
	if !reflect.DeepEqual(got.Meta, fromText.Meta) {
		t.Errorf("front matter from the %s %+v, from the text %+v", format, got.Meta, fromText.Meta)
	}
	d, _ := corpus.NewParser().Parse(id+".md", got.Markdown())
	compareTruth(t, d, loadTruth(t, stem))

	pageNumber := regexp.MustCompile(`^—\s*(\d+)\s*—$`)
	var want, removed []string
	for _, r := range fromText.Removed {
		want = append(want, r.Rule+" "+squeeze(r.Text))
	}
	for _, r := range got.Removed {
		if m := pageNumber.FindStringSubmatch(r.Text); r.Rule == "page-number" && m != nil {
			numbers = append(numbers, r)
			if m[1] != fmt.Sprint(len(numbers)) {
				t.Errorf("page %d's number removed as %q", len(numbers), r.Text)
			}
			continue
		}
		removed = append(removed, r.Rule+" "+squeeze(r.Text))
	}
	if len(numbers) < 2 {
		t.Errorf("%d page numbers removed", len(numbers))
	}
	if strings.Join(removed, "\n") != strings.Join(want, "\n") {
		t.Errorf("removed from the %s:\n%s\nwant, as from the text:\n%s", format, strings.Join(removed, "\n"), strings.Join(want, "\n"))
	}
	return numbers
}

// TestPDFErrors: a PDF that cannot be read, or without pdftotext, is an
// error that says why and what to do.
func TestPDFErrors(t *testing.T) {
	needPdftotext(t)
	for _, c := range []struct {
		name, data, want string
	}{
		{"cut.pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "cut.pdf: pdftotext cannot read the PDF ("},
		{"scan.pdf", blankPDF, "scan.pdf: the PDF has no text, only images of pages (a scan?); run OCR on it"},
	} {
		if _, err := Import(c.name, []byte(c.data), Options{}); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error starting %q", c.name, err, c.want)
		}
	}
	defer func(old string) { pdftotextCommand = old }(pdftotextCommand)
	pdftotextCommand = "pdftotext-not-installed"
	if _, err := Import("plan.pdf", []byte(blankPDF), Options{}); err == nil || !strings.Contains(err.Error(), "plan.pdf: a PDF file, whose text tiaowen reads with pdftotext-not-installed (Poppler), which is not installed: install it (Debian and Ubuntu: apt-get install poppler-utils") {
		t.Errorf("without pdftotext: %v", err)
	}
}

// blankPDF is a PDF of one empty page: what a scan without a text layer
// gives pdftotext.
const blankPDF = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
