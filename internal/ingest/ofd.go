package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// isOFD reports whether data is an OFD file (GB/T 33190, the fixed-layout
// format of Chinese official electronic documents): a zip archive with
// OFD.xml at its root.
func isOFD(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) && bytes.Contains(data, []byte("OFD.xml"))
}

// ofdLines returns an OFD document's text as the lines Import works on:
// the text objects of every page laid out as lines of text, as pdftotext
// lays out a PDF's (ofdLayout), and reflowed into paragraphs as a PDF's
// are. Its lines are numbered as that layout has them: page after page,
// each page's lines from the top.
func ofdLines(file string, data []byte) ([]line, []Removal, error) {
	text, err := ofdLayout(file, data)
	if err != nil {
		return nil, nil, err
	}
	return layoutLines(file, "OFD file", text)
}

// ofdLayout reads the first document of an OFD package and lays out the
// text of its pages (layOut): a line for each baseline, its characters
// in order of their place along it, a space where a gap between two is
// wider than a third of the type's size, each line indented by where it
// starts, a form feed between pages. Templates (a page's background: its
// red header rule, a logo) and annotations are not read; text objects
// anywhere in a page's layers are, nested in blocks too.
func ofdLayout(file string, data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("%s: not a readable OFD file: %v", file, err)
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	read := func(name string) ([]byte, error) {
		f := parts[strings.TrimPrefix(name, "/")]
		if f == nil {
			return nil, fmt.Errorf("%s: not a readable OFD file: it has no %s", file, name)
		}
		return zipPart(file, f)
	}
	decode := func(name string, v any) error {
		b, err := read(name)
		if err != nil {
			return err
		}
		if err := xml.Unmarshal(b, v); err != nil {
			return fmt.Errorf("%s: %s: %v", file, name, err)
		}
		return nil
	}

	var root struct {
		DocBody []struct {
			DocRoot string `xml:"DocRoot"`
		} `xml:"DocBody"`
	}
	if err := decode("OFD.xml", &root); err != nil {
		return "", err
	}
	if len(root.DocBody) == 0 || strings.TrimSpace(root.DocBody[0].DocRoot) == "" {
		return "", fmt.Errorf("%s: not a readable OFD file: OFD.xml names no document (DocBody/DocRoot)", file)
	}
	docPath := strings.TrimSpace(root.DocBody[0].DocRoot)
	var doc struct {
		Pages []struct {
			BaseLoc string `xml:"BaseLoc,attr"`
		} `xml:"Pages>Page"`
	}
	if err := decode(docPath, &doc); err != nil {
		return "", err
	}
	var pages [][]glyph
	for _, p := range doc.Pages {
		loc := strings.TrimSpace(p.BaseLoc)
		if !strings.HasPrefix(loc, "/") {
			loc = path.Join(path.Dir(strings.TrimPrefix(docPath, "/")), loc)
		}
		var page ofdPage
		if err := decode(loc, &page); err != nil {
			return "", err
		}
		var glyphs []glyph
		for _, t := range page.texts() {
			glyphs = t.glyphs(glyphs)
		}
		pages = append(pages, glyphs)
	}
	return layOut(pages), nil
}

// ofdPage is a page's content: its layers' objects, text objects among
// them, in blocks to any depth.
type ofdPage struct {
	Layers []ofdBlock `xml:"Content>Layer"`
}

type ofdBlock struct {
	Texts  []ofdText  `xml:"TextObject"`
	Blocks []ofdBlock `xml:"PageBlock"`
}

func (p ofdPage) texts() []ofdText {
	var out []ofdText
	var walk func(b ofdBlock)
	walk = func(b ofdBlock) {
		out = append(out, b.Texts...)
		for _, c := range b.Blocks {
			walk(c)
		}
	}
	for _, l := range p.Layers {
		walk(l)
	}
	return out
}

// ofdText is a text object: a box on the page (Boundary: x y width
// height, in millimetres from the page's top left), the type's size, an
// optional transformation of the object's own coordinates (CTM: a b c d
// e f), and runs of text, each at its X and Y in the box (a run without
// them goes on where the last ended), each character's advance given by
// DeltaX ("5.6 5.6 …", "g 3 5.6" for three of 5.6).
type ofdText struct {
	Boundary string `xml:"Boundary,attr"`
	Size     string `xml:"Size,attr"`
	CTM      string `xml:"CTM,attr"`
	Codes    []struct {
		X      string `xml:"X,attr"`
		Y      string `xml:"Y,attr"`
		DeltaX string `xml:"DeltaX,attr"`
		Text   string `xml:",chardata"`
	} `xml:"TextCode"`
}

// glyph is a character placed on a page: where its baseline starts, how
// far it advances, and its type's size.
type glyph struct {
	x, y, advance, size float64
	r                   rune
}

// glyphs appends the object's characters, placed on the page, unless
// its CTM turns them.
func (t ofdText) glyphs(out []glyph) []glyph {
	box := numbers(t.Boundary)
	for len(box) < 2 {
		box = append(box, 0)
	}
	size := 3.5 // millimetres: 10 pt, where a file gives none
	if s := numbers(t.Size); len(s) > 0 && s[0] > 0 {
		size = s[0]
	}
	ctm := numbers(t.CTM)
	if len(ctm) != 6 {
		ctm = []float64{1, 0, 0, 1, 0, 0}
	}
	// Text turned on the page is no line of the body: a watermark set
	// across it (仅供参考), a stamp's ring of characters.
	if ctm[1] != 0 || ctm[2] != 0 {
		return out
	}
	// The type's size as drawn: CTM scales it.
	drawn := size * math.Sqrt(math.Abs(ctm[0]*ctm[3]-ctm[1]*ctm[2]))
	if drawn == 0 {
		drawn = size
	}
	var x, y float64
	for _, c := range t.Codes {
		if v := numbers(c.X); len(v) > 0 {
			x = v[0]
		}
		if v := numbers(c.Y); len(v) > 0 {
			y = v[0]
		}
		deltas := deltaX(c.DeltaX)
		i := 0
		for _, r := range c.Text {
			if r == '\n' || r == '\r' || r == '\t' {
				r = ' '
			}
			advance := size
			if i < len(deltas) {
				advance = deltas[i]
			} else if r < 0x1100 {
				advance = size / 2 // Latin letters and digits are about half as wide
			}
			px := box[0] + ctm[0]*x + ctm[2]*y + ctm[4]
			py := box[1] + ctm[1]*x + ctm[3]*y + ctm[5]
			out = append(out, glyph{x: px, y: py, advance: advance * drawn / size, size: drawn, r: r})
			x += advance
			i++
		}
	}
	return out
}

// numbers reads a list of numbers separated by spaces; what is no number
// is skipped.
func numbers(s string) []float64 {
	var out []float64
	for _, f := range strings.Fields(s) {
		if v, err := strconv.ParseFloat(f, 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
			out = append(out, v)
		}
	}
	return out
}

// deltaX reads a DeltaX list, "g N D" standing for N times D.
func deltaX(s string) []float64 {
	var out []float64
	f := strings.Fields(s)
	for i := 0; i < len(f); i++ {
		if f[i] == "g" && i+2 < len(f) {
			n, err1 := strconv.Atoi(f[i+1])
			d, err2 := strconv.ParseFloat(f[i+2], 64)
			if err1 == nil && err2 == nil && n > 0 && n <= 1<<16 {
				for range n {
					out = append(out, d)
				}
			}
			i += 2
			continue
		}
		if v, err := strconv.ParseFloat(f[i], 64); err == nil {
			out = append(out, v)
		}
	}
	return out
}

// layOut writes pages of glyphs as pdftotext -layout writes a PDF's
// pages, which reflow then reads: each line indented by a space for each
// character of its own type that it starts right of the left margin (the
// leftmost start of a line), so that where a line starts and how many
// characters it holds are counted alike, in a title's large type as in
// the body's; a blank line where the space between two lines is half as
// wide again as the most common.
func layOut(pages [][]glyph) string {
	lines := make([][]ofdLine, len(pages))
	left := math.Inf(1)
	for i, p := range pages {
		lines[i] = baselines(p)
		for _, l := range lines[i] {
			left = min(left, l.x)
		}
	}
	// The most common distance from one baseline to the next: a gap
	// half as wide again is a blank line, as pdftotext writes one where a
	// page leaves space between paragraphs.
	pitches := map[int]int{}
	for _, p := range lines {
		for k := 1; k < len(p); k++ {
			pitches[int(math.Round((p[k].y-p[k-1].y)*2))]++
		}
	}
	pitch := float64(mostCommon(pitches)) / 2
	var b strings.Builder
	for i, p := range lines {
		if i > 0 {
			b.WriteByte('\f')
		}
		for k, l := range p {
			if k > 0 && pitch > 0 && l.y-p[k-1].y > 1.5*pitch {
				b.WriteByte('\n')
			}
			indent := int(math.Round((l.x - left) / max(l.size, 0.1)))
			b.WriteString(strings.Repeat(" ", max(0, min(indent, 200))))
			b.WriteString(l.text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// ofdLine is a line of a page: where it starts and its text.
type ofdLine struct {
	x, y, size float64
	text       string
}

// baselines groups a page's glyphs into lines, top to bottom: glyphs
// whose baselines lie within a third of their size of one another are on
// one line, in order along it, a space between two whose gap is over a
// third of the size.
func baselines(glyphs []glyph) []ofdLine {
	gs := make([]glyph, 0, len(glyphs))
	for _, g := range glyphs {
		if !unicode.IsSpace(g.r) || g.r == '\u3000' {
			gs = append(gs, g)
		}
	}
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].y < gs[j].y })
	var out []ofdLine
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && gs[j].y-gs[i].y <= gs[i].size/3 {
			j++
		}
		row := gs[i:j]
		sort.SliceStable(row, func(a, b int) bool { return row[a].x < row[b].x })
		var text strings.Builder
		for k, g := range row {
			if k > 0 && g.x-(row[k-1].x+row[k-1].advance) > g.size/3 {
				text.WriteByte(' ')
			}
			if g.r == '\u3000' {
				text.WriteByte(' ')
				continue
			}
			text.WriteRune(g.r)
		}
		// A line indented by ideographic spaces starts where its text does.
		start, size := row[0].x, row[0].size
		for _, g := range row {
			if g.r != '\u3000' {
				start, size = g.x, g.size
				break
			}
		}
		if t := strings.TrimSpace(text.String()); t != "" {
			out = append(out, ofdLine{x: start, y: row[0].y, size: size, text: t})
		}
		i = j
	}
	return out
}
