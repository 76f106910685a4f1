package rtf

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"tiaowen/internal/msdoc"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestRead reads a document LibreOffice saved as RTF from features.docx
// (../msdoc/testdata/make.py): its paragraphs — a deleted revision,
// hidden text, a field's code and a footnote left out, a line break, a
// tab, a table's cells and rows — are those of the .doc saved from the
// same .docx, which internal/msdoc's TestRead spells out.
func TestRead(t *testing.T) {
	got, err := Read(readFixture(t, "features.rtf"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := msdoc.Read(readFixture(t, "../../msdoc/testdata/features.doc"))
	if err != nil {
		t.Fatal(err)
	}
	var want []Paragraph
	for _, p := range doc.Paragraphs {
		want = append(want, Paragraph{Text: p.Text, InTable: p.InTable, CellEnd: p.CellEnd, RowEnd: p.RowEnd})
	}
	if len(want) < 18 || !reflect.DeepEqual(got, want) {
		t.Errorf("Read gives\n%+v\nthe .doc\n%+v", got, want)
	}
}

// TestReadListText: a list's number, written before its paragraph as
// text, is kept, without the tab that parts it from the text.
func TestReadListText(t *testing.T) {
	got, err := Read(readFixture(t, "lists.rtf"))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, p := range got {
		texts = append(texts, strings.TrimSpace(p.Text))
	}
	want := []string{"甲市质量强市实施方案", "一、总体要求", "（一）指导思想", "1.建立首负责任制。", "2.推行双比对双提升。",
		"①完善标准", "（二）主要目标", "二、重点任务", "（一）任务一", "三、保障措施"}
	if !reflect.DeepEqual(texts, want) {
		t.Errorf("Read gives %q, want %q", texts, want)
	}
}

// TestReadEncodings: text as Word on a Chinese system writes it, in the
// code page's bytes (\ansicpg936, \'hh), in a font whose character set
// is GB2312 under a Western code page, and as Unicode escapes whose
// stand-ins (\uc) are skipped.
func TestReadEncodings(t *testing.T) {
	hex := func(s string) string {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		var w strings.Builder
		for _, c := range b {
			w.WriteString(`\'` + strings.ToLower(string("0123456789ABCDEF"[c>>4])+string("0123456789ABCDEF"[c&15])))
		}
		return w.String()
	}
	for _, c := range []struct {
		what, doc, want string
	}{
		{"code page 936", `{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 ` + hex("宋体") + `;}}\f0 ` + hex("一、总体要求") + `\par}`, "一、总体要求"},
		{"a GB2312 font", `{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Times;}{\f1\fnil\fcharset134 SimSun;}}\f0 A{\f1 ` + hex("质量") + `}B\par}`, "A质量B"},
		{"Unicode, two stand-ins", `{\rtf1\uc2 \u36136\'a3\'a3\u37327??\par}`, "质量"},
		{"Unicode, none, negative", `{\rtf1\uc0 \u-28587\par}`, "違"},
		{"escapes and symbols", `{\rtf1 a\~b\_c\{\}\\\ldblquote d\rdblquote\par}`, "a b-c{}\\“d”"},
		{"a picture's binary data", "{\\rtf1 a{\\pict\\bin4 }{\\}}b\\par}", "ab"},
	} {
		got, err := Read([]byte(c.doc))
		if err != nil || len(got) != 1 || got[0].Text != c.want {
			t.Errorf("%s: Read gives %+v, %v, want %q", c.what, got, err, c.want)
		}
	}
	if _, err := Read([]byte("一、总体要求")); err == nil {
		t.Error("text that is no RTF was read")
	}
}

// FuzzRead: Read returns paragraphs or an error for any bytes, its text
// valid UTF-8, and a row's end holding no text.
func FuzzRead(f *testing.F) {
	f.Add(readFixture(f, "features.rtf"))
	f.Add(readFixture(f, "lists.rtf"))
	f.Add([]byte(`{\rtf1\ansi\ansicpg936{\fonttbl{\f1\fcharset134 x;}}\f1\'d6\'d0{\*\x y}\u-1\'3f\cell\row\par}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		paras, err := Read(data)
		if err != nil {
			return
		}
		for _, p := range paras {
			if !strings.Contains(p.Text, "\uFFFD") && !isValid(p.Text) || p.RowEnd && (p.Text != "" || !p.InTable) {
				t.Fatalf("paragraph %+v", p)
			}
		}
	})
}

func isValid(s string) bool { return strings.ToValidUTF8(s, "") == s }
