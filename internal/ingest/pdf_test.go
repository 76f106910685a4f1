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
	"unicode"
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

// printSeed prints a seed's text as a PDF from Chromium, each page
// numbered at its foot as official documents are (— 3 —). The text is
// printed as the document was before copying it from a page broke it:
// the lines that the text's import joined (repairs) are one paragraph.
func printSeed(t *testing.T, ctx context.Context, text, lang string, repairs []Repair) []byte {
	t.Helper()
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
	var b strings.Builder
	fmt.Fprintf(&b, officialPage, lang)
	for i, l := range lines {
		// A heading that copying from a page glued to the paragraph
		// before it is a paragraph of its own in print.
		var paras []string
		for rest := strings.TrimSpace(l); rest != ""; {
			k := gluedMarker(rest)
			if k < 0 {
				paras = append(paras, rest)
				break
			}
			paras = append(paras, strings.TrimSpace(rest[:k]))
			rest = strings.TrimSpace(rest[k:])
		}
		for _, p := range paras {
			class := ""
			switch n := utf8.RuneCountInString(p); {
			case i >= first:
			case n <= 26:
				class = ` class="c"`
			case n <= 44 && !strings.ContainsAny(p, "，,。：:|•"):
				class = ` class="t"` // a title, wrapped over two lines
			}
			fmt.Fprintf(&b, "<p%s>%s</p>\n", class, html.EscapeString(p))
		}
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
	pageNumber := regexp.MustCompile(`^—\s*(\d+)\s*—$`)
	for stem, id := range seedIDs {
		t.Run(stem, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(seedDir, stem+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			fromText, err := Import(stem+".txt", data, Options{ID: id})
			if err != nil {
				t.Fatal(err)
			}
			lang := "zh-CN"
			if fromText.Meta.Lang == "zh-Hant" {
				lang = "zh-TW"
			}
			pdf := printSeed(t, ctx, text, lang, fromText.Repairs)
			fromPDF, err := Import(stem+".pdf", pdf, Options{ID: id, Source: stem + ".txt"})
			if err != nil {
				t.Fatal(err)
			}
			if fromPDF.Format != "PDF" {
				t.Errorf("read as %s", fromPDF.Format)
			}
			if fromPDF.Body != fromText.Body {
				t.Errorf("the PDF's body differs from the text's:\n%s", firstDifference(fromPDF.Body, fromText.Body))
			}
			if !reflect.DeepEqual(fromPDF.Meta, fromText.Meta) {
				t.Errorf("front matter from the PDF %+v, from the text %+v", fromPDF.Meta, fromText.Meta)
			}
			d, _ := corpus.NewParser().Parse(id+".md", fromPDF.Markdown())
			compareTruth(t, d, loadTruth(t, stem))

			layout, err := pdftotext(stem+".pdf", pdf)
			if err != nil {
				t.Fatal(err)
			}
			outLines := strings.Split(layout, "\n")
			var want, got []string
			// Layout writes a gap of any width as one space.
			for _, r := range fromText.Removed {
				want = append(want, r.Rule+" "+squeeze(r.Text))
			}
			pages := 0
			for _, r := range fromPDF.Removed {
				if m := pageNumber.FindStringSubmatch(r.Text); r.Rule == "page-number" && m != nil {
					pages++
					if m[1] != fmt.Sprint(pages) || r.Line < 1 || r.Line > len(outLines) || strings.TrimSpace(strings.TrimLeft(outLines[r.Line-1], "\f")) != r.Text {
						t.Errorf("page %d's number removed as %q at line %d", pages, r.Text, r.Line)
					}
					continue
				}
				got = append(got, r.Rule+" "+squeeze(r.Text))
			}
			if pages != strings.Count(layout, "\f") || pages < 2 {
				t.Errorf("%d page numbers removed from %d pages", pages, strings.Count(layout, "\f"))
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("removed from the PDF:\n%s\nwant, as from the text:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestReflow: layouts as pdftotext gives them, reflowed into paragraphs.
func TestReflow(t *testing.T) {
	han := func(n int) string { return strings.Repeat("质", n) }
	for _, c := range []struct {
		name, layout string
		want         []string // the paragraphs, each "line: text"
		removed      []string // "line: text"
	}{{
		name: "indented paragraphs over a page break, the title centred and spaced out",
		layout: "            质 量 强 省 建 设 纲 要\n\n  一、总体要求\n  " + han(26) + "\n" + han(28) + "\n末行。\n\n" +
			"                    — 1 —\n\f\n  " + han(26) + "\n" + han(28) + "\n\n                  — 2 —\n\f",
		want:    []string{"1: 质量强省建设纲要", "3: 一、总体要求", "4: " + han(54) + "末行。", "10: " + han(54)},
		removed: []string{"8: — 1 —", "13: — 2 —"},
	}, {
		name:    "a paragraph that runs on to the next page, numbered at its top",
		layout:  "  " + han(26) + "\n" + han(28) + "\n\n\f3\n\n" + han(28) + "\n续完。\n",
		want:    []string{"1: " + han(82) + "续完。"},
		removed: []string{"4: 3"},
	}, {
		name:    "no first-line indent: a short line ends a paragraph",
		layout:  han(28) + "\n短行。\n" + han(28) + "\n" + han(6) + "。\n第3页 共9页\n",
		want:    []string{"1: " + han(28) + "短行。", "3: " + han(34) + "。"},
		removed: []string{"5: 第3页 共9页"},
	}, {
		name:   "Latin text joined at a space, a hyphen kept",
		layout: "  按照GB/T 7714规定的 " + han(15) + "ISO\n" + "9001 " + han(18) + "e-\nmail" + han(20) + "\n",
		want:   []string{"1: 按照GB/T 7714规定的 " + han(15) + "ISO 9001 " + han(18) + "e-mail" + han(20)},
	}, {
		name: "a title in large type over two lines joined; a short title and its status not, nor a centred line in the body",
		layout: "中共广东省委 广东省人民政府印发《广东省质量\n        强省建设纲要》\n       广州市质量强市建设实施方案\n           （征求意见稿）\n" +
			"  一、总体要求\n  " + han(26) + "\n" + han(28) + "\n" + han(28) + "\n" + han(5) + "。\n" +
			"  " + han(26) + "\n" + han(20) + "\n      签发单位质量强省\n",
		want: []string{"1: 中共广东省委 广东省人民政府印发《广东省质量强省建设纲要》", "3: 广州市质量强市建设实施方案", "4: （征求意见稿）",
			"5: 一、总体要求", "6: " + han(87) + "。", "10: " + han(46), "12: 签发单位质量强省"},
	}, {
		name:   "a heading, short, then its paragraph",
		layout: "  （一）指导思想\n  " + han(26) + "\n" + han(9) + "。\n  （二）主要目标\n",
		want:   []string{"1: （一）指导思想", "2: " + han(35) + "。", "4: （二）主要目标"},
	}} {
		t.Run(c.name, func(t *testing.T) {
			lines, removed := reflow(c.layout)
			got, gotRemoved := []string{}, []string{}
			for i, l := range lines {
				if i%2 == 1 {
					if l.text != "" {
						t.Errorf("line %d of the result is %q, not the blank after a paragraph", i, l.text)
					}
					continue
				}
				got = append(got, fmt.Sprintf("%d: %s", l.n, l.text))
			}
			for _, r := range removed {
				gotRemoved = append(gotRemoved, fmt.Sprintf("%d: %s", r.Line, r.Text))
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("paragraphs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			if c.removed == nil {
				c.removed = []string{}
			}
			if !reflect.DeepEqual(gotRemoved, c.removed) {
				t.Errorf("removed %q, want %q", gotRemoved, c.removed)
			}
		})
	}
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

// FuzzReflow reflows any layout: nothing is lost — every character but
// spaces of the lines not removed as page numbers is in a paragraph, in
// order — and every line is numbered within the layout.
func FuzzReflow(f *testing.F) {
	f.Add("  一、总体要求\n  质量强省质量强省质量强省\n质量强省。\n\n   — 1 —\n\f2\n第 3 页\n")
	f.Add("\f\f\n\t \u3000x  y\n-\n")
	f.Fuzz(func(t *testing.T, layout string) {
		if !utf8.ValidString(layout) {
			return
		}
		lines, removed := reflow(layout)
		raw := strings.Split(strings.TrimSuffix(layout, "\n"), "\n")
		gone := map[int]bool{}
		for _, r := range removed {
			gone[r.Line] = true
		}
		var kept, out strings.Builder
		for i, l := range raw {
			if !gone[i+1] {
				kept.WriteString(l)
			}
		}
		for _, l := range lines {
			if l.n < 1 || l.n > len(raw) {
				t.Fatalf("line numbered %d of %d", l.n, len(raw))
			}
			out.WriteString(l.text)
		}
		ink := func(s string) string {
			return strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) {
					return -1
				}
				return r
			}, s)
		}
		if ink(out.String()) != ink(kept.String()) {
			t.Errorf("reflowed:\n%q\nfrom:\n%q", out.String(), layout)
		}
	})
}

// TestUnreadableShare: text a font without a character map gives is told
// from Chinese text with a stray symbol.
func TestUnreadableShare(t *testing.T) {
	for text, want := range map[string]float64{
		"一、总体要求\n\f  质量强省 ©2023":               0,
		"\ue001\ue002\ue003 \ue004、\ufffd\x01": 6.0 / 7,
		"质量\ue000强省":                           0.2,
		"":                                     0,
	} {
		if got := unreadableShare(text); got != want {
			t.Errorf("unreadableShare(%q) = %v, want %v", text, got, want)
		}
	}
	_, _, err := pdfTextLines("plan.pdf", "  \ue001\ue002\ue003\ue004\ue005\n\ue006\ue007、\n\f")
	if err == nil || !strings.HasPrefix(err.Error(), "plan.pdf: 88% of the PDF's text is characters that stand for no letter") {
		t.Errorf("a PDF whose fonts map no characters: %v", err)
	}
}
