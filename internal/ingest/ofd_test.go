package ingest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"

	"tiaowen/internal/corpus"
)

// placed is a line of text set on a page: where its baseline starts, in
// millimetres from the page's top left, the size of its type, its text.
type placed struct {
	x, y, size float64
	text       string
}

// The page as GB/T 9704 sets an official document, in millimetres: A4,
// the text 156 wide from 28 in and from 37 down to 262, 16-point type on
// 28-point lines (22-point titles on 36), the page number in 14 point
// under the text.
const (
	pageLeft, pageTop, pageWidth, pageBottom = 28.0, 37.0, 156.0, 262.0
	bodySize, bodyLeading                    = 5.644, 9.878
	titleSize, titleLeading                  = 7.761, 12.7
	numberSize, numberBaseline               = 4.939, 275.0
)

// advance is how far a character takes the line on: a full-width one
// its type's size, a Latin letter or digit half that.
func advance(r rune, size float64) float64 {
	if r < 0x1100 {
		return size / 2
	}
	return size
}

// typeset sets paragraphs on pages as a word processor sets an official
// document: a body paragraph's first line indented two characters, each
// line filled and broken between any two Chinese characters but never
// inside a Latin word (a space where it breaks is dropped), a "c" line
// and each line of a "t" title centred; each page numbered — N — under
// its text.
func typeset(paras []printedParagraph) [][]placed {
	var pages [][]placed
	var page []placed
	y := pageTop
	newPage := func() {
		n := len(pages) + 1
		label := fmt.Sprintf("— %d —", n)
		w := 0.0
		for _, r := range label {
			w += advance(r, numberSize)
		}
		page = append(page, placed{pageLeft + (pageWidth-w)/2, numberBaseline, numberSize, label})
		pages = append(pages, page)
		page, y = nil, pageTop
	}
	for _, p := range paras {
		size, leading, indent := bodySize, bodyLeading, 2*bodySize
		if p.class != "" {
			indent = 0
		}
		if p.class == "t" {
			size, leading = titleSize, titleLeading
		}
		// Units a line breaks between: a Latin word with the spaces
		// before it, or one other character.
		var units []string
		for _, m := range regexp.MustCompile(` *[!-~]+| +|.`).FindAllString(p.text, -1) {
			units = append(units, m)
		}
		var lines []string
		var widths []float64
		line, w, room := "", 0.0, pageWidth-indent
		for _, u := range units {
			uw := 0.0
			for _, r := range u {
				uw += advance(r, size)
			}
			if w+uw > room+0.01 && line != "" {
				lines, widths = append(lines, line), append(widths, w)
				u = strings.TrimLeft(u, " ")
				uw = 0
				for _, r := range u {
					uw += advance(r, size)
				}
				line, w, room = "", 0, pageWidth
			}
			line += u
			w += uw
		}
		lines, widths = append(lines, line), append(widths, w)
		for i, l := range lines {
			if y+leading > pageBottom {
				newPage()
			}
			y += leading
			x := pageLeft
			switch {
			case p.class != "":
				x += (pageWidth - widths[i]) / 2
			case i == 0:
				x += indent
			}
			page = append(page, placed{x, y, size, l})
		}
	}
	if len(page) > 0 {
		newPage()
	}
	return pages
}

// writeOFD writes pages as an OFD package: OFD.xml, the document, a
// template page holding only a rule (no text), and each page's content,
// with a watermark turned across it.
// Each line is a text object whose advances are given in DeltaX, "g N D"
// for runs of one width; perCharacter writes each character as a text
// object of its own, as some converters do, with a CTM that scales the
// object's coordinates by two and its size by a half.
func writeOFD(pages [][]placed, perCharacter bool) []byte {
	const ns = `xmlns:ofd="http://www.ofdspec.org/2016"`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, content string) {
		w, _ := zw.Create(name)
		w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + content))
	}
	put("OFD.xml", `<ofd:OFD `+ns+` Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID><ofd:Title>t</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`)
	var list strings.Builder
	for i := range pages {
		// One page named from the package's root, the others from the
		// document's folder: both are the standard's.
		loc := fmt.Sprintf("Pages/Page_%d/Content.xml", i)
		if i == 1 {
			loc = "/Doc_0/" + loc
		}
		fmt.Fprintf(&list, `<ofd:Page ID="%d" BaseLoc="%s"/>`, 100+i, loc)
	}
	put("Doc_0/Document.xml", `<ofd:Document `+ns+`><ofd:CommonData><ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData><ofd:Pages>`+list.String()+`</ofd:Pages></ofd:Document>`)
	put("Doc_0/Tpls/Tpl_0/Content.xml", `<ofd:Page `+ns+`><ofd:Content><ofd:Layer ID="3"><ofd:PathObject ID="4" Boundary="28 30 156 1"><ofd:AbbreviatedData>M 0 0 L 156 0</ofd:AbbreviatedData></ofd:PathObject></ofd:Layer></ofd:Content></ofd:Page>`)
	id := 1000
	for i, page := range pages {
		var objs strings.Builder
		for _, p := range page {
			ascent := p.size * 0.88
			if perCharacter {
				x := p.x
				for _, r := range p.text {
					id++
					// The object's coordinates are doubled by its CTM:
					// the text is at half of them, of half the size.
					fmt.Fprintf(&objs, `<ofd:TextObject ID="%d" Boundary="%.3f %.3f %.3f %.3f" Font="5" Size="%.3f" CTM="2 0 0 2 0 0"><ofd:TextCode X="0" Y="%.3f">%s</ofd:TextCode></ofd:TextObject>`,
						id, x, p.y-ascent, advance(r, p.size), p.size*1.2, p.size/2, ascent/2, html.EscapeString(string(r)))
					x += advance(r, p.size)
				}
				continue
			}
			var deltas []string
			rs := []rune(p.text)
			for k := 0; k+1 < len(rs); {
				d := advance(rs[k], p.size)
				n := 1
				for k+n+1 < len(rs) && advance(rs[k+n], p.size) == d {
					n++
				}
				if n > 1 {
					deltas = append(deltas, fmt.Sprintf("g %d %.3f", n, d))
				} else {
					deltas = append(deltas, fmt.Sprintf("%.3f", d))
				}
				k += n
			}
			id++
			fmt.Fprintf(&objs, `<ofd:TextObject ID="%d" Boundary="%.3f %.3f 160 %.3f" Font="5" Size="%.3f"><ofd:TextCode X="0" Y="%.3f" DeltaX="%s">%s</ofd:TextCode></ofd:TextObject>`,
				id, p.x, p.y-ascent, p.size*1.2, p.size, ascent, strings.Join(deltas, " "), html.EscapeString(p.text))
		}
		// A watermark across the page, turned by its CTM, in a layer of
		// its own.
		watermark := `<ofd:Layer ID="7" Type="Foreground"><ofd:TextObject ID="8" Boundary="40 150 140 40" Size="14" CTM="0.7071 -0.7071 0.7071 0.7071 0 20"><ofd:TextCode X="0" Y="12">仅供参考　不作为正式文件</ofd:TextCode></ofd:TextObject></ofd:Layer>`
		put(fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i), `<ofd:Page `+ns+`><ofd:Template TemplateID="2" ZOrder="Background"/><ofd:Content><ofd:Layer ID="5"><ofd:PageBlock ID="6">`+objs.String()+`</ofd:PageBlock></ofd:Layer>`+watermark+`</ofd:Content></ofd:Page>`)
	}
	zw.Close()
	return buf.Bytes()
}

// TestSeedsOFD sets each seed as an official document and writes it as
// an OFD file — one a text object a character, as some converters write
// — and imports it: the text import's body and front matter exactly, the
// truth's section tree, the text's removals by the same rules, and every
// page's number removed.
func TestSeedsOFD(t *testing.T) {
	for stem, id := range seedIDs {
		t.Run(stem, func(t *testing.T) {
			data, fromText := importSeedText(t, stem, id)
			pages := typeset(printedParagraphs(string(data), fromText.Repairs))
			ofd := writeOFD(pages, stem == "002_aa4f806ae0ee63b3")
			fromOFD, err := Import(stem+".ofd", ofd, Options{ID: id, Source: stem + ".txt"})
			if err != nil {
				t.Fatal(err)
			}
			if numbers := sameAsText(t, stem, id, "OFD", fromText, fromOFD); len(numbers) != len(pages) {
				t.Errorf("%d page numbers removed from %d pages", len(numbers), len(pages))
			}
		})
	}
}

// TestOFDParagraphSpace: in a document whose paragraphs are not indented
// but spaced apart, a paragraph whose last line is full ends at the
// space.
func TestOFDParagraphSpace(t *testing.T) {
	han := func(n int) string { return strings.Repeat("质", n) }
	lines := []placed{
		{pageLeft, 50, bodySize, han(27)}, {pageLeft, 50 + bodyLeading, bodySize, han(26) + "。"},
		{pageLeft, 75, bodySize, han(27)}, {pageLeft, 75 + bodyLeading, bodySize, han(27)}, {pageLeft, 75 + 2*bodyLeading, bodySize, han(5) + "。"},
	}
	res, err := Import("spaced.ofd", writeOFD([][]placed{lines}, false), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := han(53) + "。\n\n" + han(59) + "。\n"; res.Body != want {
		t.Errorf("body %q, want %q", res.Body, want)
	}
}

// TestOFDErrors: a package that is no readable OFD says what it lacks.
func TestOFDErrors(t *testing.T) {
	ns := `xmlns:ofd="http://www.ofdspec.org/2016"`
	for _, c := range []struct {
		name  string
		parts map[string]string
		want  string
	}{
		{"no-doc.ofd", map[string]string{"OFD.xml": `<ofd:OFD ` + ns + `><ofd:DocBody/></ofd:OFD>`}, "no-doc.ofd: not a readable OFD file: OFD.xml names no document (DocBody/DocRoot)"},
		{"lost.ofd", map[string]string{"OFD.xml": `<ofd:OFD ` + ns + `><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`}, "lost.ofd: not a readable OFD file: it has no Doc_0/Document.xml"},
		{"bad.ofd", map[string]string{"OFD.xml": `<ofd:OFD ` + ns + `><ofd:DocBody><ofd:DocRoot>D.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`, "D.xml": "<ofd:Document"}, "bad.ofd: D.xml: XML syntax error"},
		{"scan.ofd", map[string]string{"OFD.xml": `<ofd:OFD ` + ns + `><ofd:DocBody><ofd:DocRoot>D.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
			"D.xml": `<ofd:Document ` + ns + `><ofd:Pages><ofd:Page BaseLoc="P.xml"/></ofd:Pages></ofd:Document>`,
			"P.xml": `<ofd:Page ` + ns + `><ofd:Content><ofd:Layer><ofd:ImageObject Boundary="0 0 210 297"/></ofd:Layer></ofd:Content></ofd:Page>`},
			"scan.ofd: the OFD file has no text, only images of pages (a scan?)"},
	} {
		if _, err := Import(c.name, makeDocx(t, c.parts), Options{}); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error starting %q", c.name, err, c.want)
		}
	}
}

// FuzzImportOFD reads any page content in a package: an error or a
// document, never a panic.
func FuzzImportOFD(f *testing.F) {
	f.Add(`<ofd:TextObject Boundary="28 37 156 7" Size="5.6" CTM="1 0 0 1 0 0"><ofd:TextCode X="0" Y="5" DeltaX="g 3 5.6 2.8">一、总体要求</ofd:TextCode></ofd:TextObject>`)
	f.Add(`<ofd:PageBlock><ofd:TextObject Boundary="x" Size="-1" CTM="0 0 0 0 0 0"><ofd:TextCode DeltaX="g 99999999 1">　　（一）</ofd:TextCode><ofd:TextCode X="NaN" Y="1e309">—1—</ofd:TextCode></ofd:TextObject></ofd:PageBlock>`)
	ns := `xmlns:ofd="http://www.ofdspec.org/2016"`
	f.Fuzz(func(t *testing.T, layer string) {
		parts := map[string]string{
			"OFD.xml":                        `<ofd:OFD ` + ns + `><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
			"Doc_0/Document.xml":             `<ofd:Document ` + ns + `><ofd:Pages><ofd:Page BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>`,
			"Doc_0/Pages/Page_0/Content.xml": `<ofd:Page ` + ns + `><ofd:Content><ofd:Layer>` + layer + `</ofd:Layer></ofd:Content></ofd:Page>`,
		}
		res, err := Import("f.ofd", makeDocx(t, parts), Options{ID: "fuzz"})
		if err != nil {
			return
		}
		if d, _ := corpus.NewParser().Parse("f.md", res.Markdown()); d == nil {
			t.Fatal("Parse returned no document")
		}
	})
}
