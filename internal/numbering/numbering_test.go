package numbering

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseChinese(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"〇", 0, true},
		{"零", 0, true},
		{"一", 1, true},
		{"两", 2, true},
		{"九", 9, true},
		{"十", 10, true},
		{"十一", 11, true},
		{"一十一", 11, true},
		{"二十", 20, true},
		{"二十六", 26, true},
		{"三十一", 31, true},
		{"九十九", 99, true},
		{"一百", 100, true},
		{"一百零一", 101, true},
		{"一百一十", 110, true},
		{"一百十", 110, true},
		{"一百一十一", 111, true},
		{"两百", 200, true},
		{"一千", 1000, true},
		{"一千零五十", 1050, true},
		{"一千零一", 1001, true},
		{"九千九百九十九", 9999, true},
		{"", 0, false},
		{"十十", 0, false},
		{"三五", 0, false},
		{"一百零", 0, false},
		{"零一", 0, false},
		{"一百五", 0, false},
		{"百", 0, false},
		{"十百", 0, false},
		{"一〇一", 0, false},
		{"一百零十", 0, false},
		{"二十A", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseChinese(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseChinese(%q) = %d, %v, want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFormatChineseRoundTrip(t *testing.T) {
	for n := 0; n <= 9999; n++ {
		s := FormatChinese(n)
		got, ok := ParseChinese(s)
		if !ok || got != n {
			t.Fatalf("ParseChinese(FormatChinese(%d) = %q) = %d, %v", n, s, got, ok)
		}
	}
	for n, want := range map[int]string{10: "十", 11: "十一", 20: "二十", 101: "一百零一", 110: "一百一十", 1010: "一千零一十"} {
		if got := FormatChinese(n); got != want {
			t.Errorf("FormatChinese(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestParseDigits(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"1", 1, true}, {"12", 12, true}, {"１２", 12, true}, {"1２", 12, true},
		{"", 0, false}, {"1a", 0, false}, {"一", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseDigits(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseDigits(%q) = %d, %v, want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in     string
		kind   Kind
		number int
		text   string
		label  string
		rest   string
	}{
		{"一、总体要求", Division, 1, "一、", "一", "总体要求"},
		{"十、组织保障", Division, 10, "十、", "十", "组织保障"},
		{"二十一、附则", Division, 21, "二十一、", "二十一", "附则"},
		{"（一）指导思想", Section, 1, "（一）", "（一）", "指导思想"},
		{"(三)增强质量", Section, 3, "(三)", "(三)", "增强质量"},
		{"（三十一)开展", Section, 31, "（三十一)", "（三十一)", "开展"},
		{"(二十六)优化", Section, 26, "(二十六)", "(二十六)", "优化"},
		{"1.指导思想。", Item, 1, "1.", "1", "指导思想。"},
		{"23.加强质量", Item, 23, "23.", "23", "加强质量"},
		{"１．建立", Item, 1, "１．", "１", "建立"},
		{"2、推进", Item, 2, "2、", "2", "推进"},
		{"3. 推进", Item, 3, "3.", "3", "推进"},
		{"⒈推进", Item, 1, "⒈", "⒈", "推进"},
		{"（1）建立", SubItem, 1, "（1）", "（1）", "建立"},
		{"(12)建立", SubItem, 12, "(12)", "(12)", "建立"},
		{"（１２）建立", SubItem, 12, "（１２）", "（１２）", "建立"},
		{"⑵建立", SubItem, 2, "⑵", "⑵", "建立"},
		{"①加强", Point, 1, "①", "①", "加强"},
		{"⑳加强", Point, 20, "⑳", "⑳", "加强"},
		{"㉑加强", Point, 21, "㉑", "㉑", "加强"},
		{"㊿加强", Point, 50, "㊿", "㊿", "加强"},
		{"第一编　总则", Book, 1, "第一编", "第一编", "总则"},
		{"第二章 质量", Chapter, 2, "第二章", "第二章", "质量"},
		{"第三节 标准", Subchapter, 3, "第三节", "第三节", "标准"},
		{"第七条　为了", Article, 7, "第七条", "第七条", "为了"},
		{"第二十五条规定", Article, 25, "第二十五条", "第二十五条", "规定"},
		{"第12条 内容", Article, 12, "第12条", "第12条", "内容"},
		{"第一百零一條", Article, 101, "第一百零一條", "第一百零一條", ""},
		{"附件", Annex, 1, "附件", "附件", ""},
		{"附件1", Annex, 1, "附件1", "附件1", ""},
		{"附件2：重点任务", Annex, 2, "附件2：", "附件2", "重点任务"},
		{"附件三 名单", Annex, 3, "附件三", "附件三", "名单"},
	}
	for _, tt := range tests {
		m, ok := Parse(tt.in)
		if !ok {
			t.Errorf("Parse(%q) found no marker, want %v %d", tt.in, tt.kind, tt.number)
			continue
		}
		if m.Kind != tt.kind || m.Number != tt.number || m.Text != tt.text || m.Label != tt.label || tt.in[m.End:] != tt.rest {
			t.Errorf("Parse(%q) = %v %d %q %q rest %q, want %v %d %q %q rest %q",
				tt.in, m.Kind, m.Number, m.Text, m.Label, tt.in[m.End:], tt.kind, tt.number, tt.text, tt.label, tt.rest)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, in := range []string{
		"", "总体要求", "2.3%的企业", "3、5年内", "2025、2026年", "1000.项目",
		"第三方机构", "第一、效益优先", "第一批", "第零条", "附件材料", "一二三",
		"（一", "(一]", "（）", "（A）", "0.", "〇、", "两会", "十分重要",
		"——质量基础", "•", "（一百零）", "第章",
	} {
		if m, ok := Parse(in); ok {
			t.Errorf("Parse(%q) = %v %d %q, want no marker", in, m.Kind, m.Number, m.Text)
		}
	}
}

func TestKindPrefix(t *testing.T) {
	want := map[Kind]string{Book: "bk", Chapter: "ch", Subchapter: "sec", Article: "art", Division: "p",
		Section: "s", Item: "i", SubItem: "ii", Point: "pt", Annex: "annex"}
	for k, p := range want {
		if got := k.Prefix(); got != p {
			t.Errorf("%v.Prefix() = %q, want %q", k, got, p)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"一、总体要求", "（三十一)开展", "1.指导", "第一百零一条", "附件2：", "①", "2.3%", "九千九百九十九、"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, ok := Parse(s)
		if !ok {
			return
		}
		if !strings.HasPrefix(s, m.Text) || m.End < len(m.Text) || m.End > len(s) {
			t.Fatalf("Parse(%q) = %+v: Text/End outside the input", s, m)
		}
		if !strings.HasPrefix(m.Text, m.Label) || m.Label == "" {
			t.Fatalf("Parse(%q) = %+v: Label is not a prefix of Text", s, m)
		}
		if m.Kind == None || m.Number <= 0 {
			t.Fatalf("Parse(%q) = %+v: no kind or number", s, m)
		}
		if !utf8.ValidString(m.Text) {
			t.Fatalf("Parse(%q) = %+v: invalid UTF-8 in Text", s, m)
		}
	})
}

func FuzzParseChinese(f *testing.F) {
	for _, s := range []string{"一百零一", "十一", "九千九百九十九", "两", "一千零五十"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := ParseChinese(s)
		if !ok {
			return
		}
		if n < 0 || n > 9999 {
			t.Fatalf("ParseChinese(%q) = %d, out of range", s, n)
		}
		// Every accepted numeral denotes the number its canonical form does.
		if back, ok := ParseChinese(FormatChinese(n)); !ok || back != n {
			t.Fatalf("FormatChinese(%d) = %q does not parse back", n, FormatChinese(n))
		}
	})
}

func BenchmarkParse(b *testing.B) {
	lines := []string{"一、总体要求", "（三十一)开展督察评估。加强", "23.加强质量信用体系建设", "第一百零一条　为了", "建立政产学研用深度融合的质量创新体系"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Parse(lines[i%len(lines)])
	}
}
