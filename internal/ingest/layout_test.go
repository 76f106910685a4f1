package ingest

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

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
		name:   "a line left short by a long Latin word that did not fit",
		layout: "  " + han(10) + "ISO\nGB/T1234567890123456789012345678901234" + han(3) + "。\n  " + han(26) + "\n" + han(28) + "\n" + han(28) + "\n" + han(5) + "。\n",
		want:   []string{"1: " + han(10) + "ISO GB/T1234567890123456789012345678901234" + han(3) + "。", "3: " + han(87) + "。"},
	}, {
		name:   "a long centred line that ends near the right margin continues nothing",
		layout: "     " + han(22) + "\n" + han(20) + "\n  " + han(26) + "\n" + han(28) + "\n" + han(28) + "\n" + han(5) + "。\n",
		want:   []string{"1: " + han(22), "2: " + han(20), "3: " + han(87) + "。"},
	}, {
		name:   "a title over a heading: one long line tells no width",
		layout: "   " + han(10) + "\n一、总体要求\n",
		want:   []string{"1: " + han(10), "2: 一、总体要求"},
	}, {
		name:   "a heading, short, then its paragraph",
		layout: "  （一）指导思想\n  " + han(26) + "\n" + han(28) + "\n" + han(28) + "\n" + han(9) + "。\n  （二）主要目标\n",
		want:   []string{"1: （一）指导思想", "2: " + han(91) + "。", "6: （二）主要目标"},
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
	_, _, err := layoutLines("plan.pdf", "PDF", "  \ue001\ue002\ue003\ue004\ue005\n\ue006\ue007、\n\f")
	if err == nil || !strings.HasPrefix(err.Error(), "plan.pdf: 88% of the PDF's text is characters that stand for no letter") {
		t.Errorf("a PDF whose fonts map no characters: %v", err)
	}
}
