package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tiaowen/internal/corpus"
	"tiaowen/internal/msdoc"
)

// docDir holds Word 97–2003 documents as LibreOffice writes them
// (../msdoc/testdata/make.py says how they were made).
const docDir = "../msdoc/testdata"

// TestSeedsDoc imports each seed saved as a .doc, a paragraph a line:
// the front matter is the text's, and the section tree the truth.
func TestSeedsDoc(t *testing.T) {
	for stem, id := range seedIDs {
		t.Run(stem, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(docDir, "seed-"+stem+".doc"))
			if err != nil {
				t.Fatal(err)
			}
			checkSeedAs(t, stem, id, "DOC", data)
		})
	}
}

// TestDocFeatures: of a .doc, what a reader sees is imported — a field's
// result, a line break, a table as a table — and nothing else: not a
// deleted revision, hidden text, a field's code or a footnote's mark.
func TestDocFeatures(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(docDir, "features.doc"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import("features.doc", data, Options{ID: "features"})
	if err != nil {
		t.Fatal(err)
	}
	body := res.Body
	for _, want := range []string{
		"（一）指导思想。坚持新的质量第一。见省政府网站。\n",
		"第一行\n\n第二行 制表符后\n", // as a .docx's line break is read
		"| 序号 | 任务 | 责任单位 |\n",
		"| 1 | 完善质量法规 | 省司法厅 |\n",
		"| 2 |  | 省市场监管局 |\n",
		"\n\n二、主要任务",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the body has no %q:\n%s", want, body)
		}
	}
	for _, gone := range []string{"旧的", "隐藏", "HYPERLINK", "example.org", "脚注"} {
		if strings.Contains(body, gone) {
			t.Errorf("the body has %q, which a reader does not see:\n%s", gone, body)
		}
	}
}

// FuzzParagraphLines lays out paragraphs in any order of cells, rows,
// text and numbered levels, as a damaged .doc may give them: every line
// is numbered by a paragraph, and the lines make a document.
func FuzzParagraphLines(f *testing.F) {
	f.Add("一、总体要求\r序号\r任务\r\r1\r\r二、主要任务", []byte{0, 3, 3, 5, 3, 5, 0})
	f.Add("a\nb\tc\r\r", []byte{1, 5, 3})
	f.Add("总体要求\r指导思想\r\r附件", []byte{8, 0x18, 0xF8, 0x98})
	f.Fuzz(func(t *testing.T, text string, flags []byte) {
		var paras []msdoc.Paragraph
		for i, s := range strings.Split(text, "\r") {
			var b byte
			if i < len(flags) {
				b = flags[i]
			}
			p := msdoc.Paragraph{Text: s, InTable: b&1 != 0, CellEnd: b&2 != 0, RowEnd: b&4 != 0}
			if b&8 != 0 {
				p.List, p.Level = 1, int(b>>4)
			}
			paras = append(paras, p)
		}
		levels := []msdoc.Level{{Start: 1, Format: "chineseCounting", Text: "%1、"}, {Start: 0, Format: "decimal", Text: "（%2）%1"}}
		lines := paragraphLines(&msdoc.Document{Paragraphs: paras, Lists: map[int][]msdoc.Level{1: levels}})
		for _, l := range lines {
			if l.n < 1 || l.n > len(paras) {
				t.Fatalf("line %+v of %d paragraphs", l, len(paras))
			}
		}
		if d, _ := corpus.NewParser().Parse("fuzz.md", []byte("---\ntitle: t\n---\n"+markdownBody(lines))); d == nil {
			t.Fatal("Parse returned no document")
		}
	})
}

// TestDocLists: paragraphs a .doc numbers by Word's lists get the
// numbers Word shows, as the .docx the .doc was saved from does — a
// heading style's list, levels restarting under a higher one, a second
// list restarted at 三.
func TestDocLists(t *testing.T) {
	var bodies [2]string
	for i, name := range []string{"lists.doc", "lists.docx"} {
		data, err := os.ReadFile(filepath.Join(docDir, name))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Import(name, data, Options{ID: "lists"})
		if err != nil {
			t.Fatal(err)
		}
		bodies[i] = res.Body
	}
	want := "甲市质量强市实施方案\n\n一、总体要求\n\n（一）指导思想\n\n1.建立首负责任制。\n\n2.推行双比对双提升。\n\n①完善标准\n\n（二）主要目标\n\n二、重点任务\n\n（一）任务一\n\n三、保障措施\n"
	if bodies[0] != want || bodies[1] != want {
		t.Errorf("the .doc reads\n%s\nthe .docx\n%s\nwant\n%s", bodies[0], bodies[1], want)
	}
}

// rtfDir holds RTF documents as LibreOffice writes them, from the same
// .docx files as docDir's.
const rtfDir = "../rtf/testdata"

// TestSeedsRTF imports two seeds saved as RTF, one in 繁體: the front
// matter is the text's, and the section tree the truth.
func TestSeedsRTF(t *testing.T) {
	for _, stem := range []string{"002_aa4f806ae0ee63b3", "004_ff23fd409789d184"} {
		t.Run(stem, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(rtfDir, "seed-"+stem+".rtf"))
			if err != nil {
				t.Fatal(err)
			}
			checkSeedAs(t, stem, seedIDs[stem], "RTF", data)
		})
	}
}

// TestRTFAsDocx: an RTF document reads as the .docx it was saved from —
// its lists' numbers, and what a reader does not see left out — also
// when it is named .doc, as many are.
func TestRTFAsDocx(t *testing.T) {
	for _, c := range []struct{ rtf, docx string }{{"lists.rtf", "lists.docx"}} {
		var bodies [2]string
		for i, path := range []string{filepath.Join(rtfDir, c.rtf), filepath.Join(docDir, c.docx)} {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Import(strings.Replace(filepath.Base(path), ".rtf", ".doc", 1), data, Options{ID: "x"})
			if err != nil {
				t.Fatal(err)
			}
			bodies[i] = res.Body
		}
		if bodies[0] != bodies[1] {
			t.Errorf("%s reads\n%s\nthe .docx\n%s", c.rtf, bodies[0], bodies[1])
		}
	}
	data, err := os.ReadFile(filepath.Join(rtfDir, "features.rtf"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import("features.doc", data, Options{ID: "features"})
	if err != nil || res.Format != "RTF" || !strings.Contains(res.Body, "| 2 |  | 省市场监管局 |\n") || strings.Contains(res.Body, "旧的") {
		t.Errorf("features.rtf named .doc: %v, %s:\n%s", err, res.Format, res.Body)
	}
}
