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

// FuzzParagraphLines lays out paragraphs in any order of cells, rows and
// text, as a damaged .doc may give them: every line is numbered by a
// paragraph, and the lines make a document.
func FuzzParagraphLines(f *testing.F) {
	f.Add("一、总体要求\r序号\r任务\r\r1\r\r二、主要任务", []byte{0, 3, 3, 5, 3, 5, 0})
	f.Add("a\nb\tc\r\r", []byte{1, 5, 3})
	f.Fuzz(func(t *testing.T, text string, flags []byte) {
		var paras []msdoc.Paragraph
		for i, s := range strings.Split(text, "\r") {
			var b byte
			if i < len(flags) {
				b = flags[i]
			}
			paras = append(paras, msdoc.Paragraph{Text: s, InTable: b&1 != 0, CellEnd: b&2 != 0, RowEnd: b&4 != 0})
		}
		lines := paragraphLines(paras)
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
