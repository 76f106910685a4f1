package validity

import (
	"testing"
)

func TestFind(t *testing.T) {
	tests := []struct {
		paragraph, issued string
		want              Statement
		ok                bool
	}{
		{"本方案自印发之日起施行，有效期5年。", "2023-06-01",
			Statement{Term{"2023-06-01", "2028-05-31"}, "本方案自印发之日起施行，有效期5年", 0}, true},
		{"本意见自2024年1月1日起施行，有效期至2028年12月31日。", "",
			Statement{Term{"2024-01-01", "2028-12-31"}, "本意见自2024年1月1日起施行，有效期至2028年12月31日", 0}, true},
		// Traditional script, full-width digits, the numbering's own words.
		{"二十九、本實施意見自２０２４年３月１日起施行。", "",
			Statement{Term{"2024-03-01", ""}, "本實施意見自２０２４年３月１日起施行", 4}, true},
		{"本办法自二〇二四年一月一日起实施，有效期为两年。", "",
			Statement{Term{"2024-01-01", "2025-12-31"}, "本办法自二〇二四年一月一日起实施，有效期为两年", 0}, true},
		{"本措施有效期为2024年1月1日至2026年12月31日。", "",
			Statement{Term{"2024-01-01", "2026-12-31"}, "本措施有效期为2024年1月1日至2026年12月31日", 0}, true},
		{"本计划有效期至2025年底。", "",
			Statement{Term{"", "2025-12-31"}, "本计划有效期至2025年底", 0}, true},
		{"本计划有效期至2024年2月底。", "",
			Statement{Term{"", "2024-02-29"}, "本计划有效期至2024年2月底", 0}, true},
		{"本通知自发布之日起试行，试行期18个月。", "2024-01-15",
			Statement{Term{"2024-01-15", "2025-07-14"}, "本通知自发布之日起试行，试行期18个月", 0}, true},
		{"本若干措施自2024年起施行。", "",
			Statement{Term{"2024-01-01", ""}, "本若干措施自2024年起施行", 0}, true},
		{"本規定從2024年7月1日開始實施。", "",
			Statement{Term{"2024-07-01", ""}, "本規定從2024年7月1日開始實施", 0}, true},
		{"本条例自公布之日起30日后施行。", "2024-03-05",
			Statement{Term{"2024-04-04", ""}, "本条例自公布之日起30日后施行", 0}, true},
		{"本条例自公布之日起十十日后施行。", "2024-03-05", Statement{}, false},
		// The notice that issues the document says it.
		{"现将《某市质量提升行动方案》印发给你们，自2024年5月1日起施行，请认真贯彻执行。", "",
			Statement{Term{"2024-05-01", ""}, "现将《某市质量提升行动方案》印发给你们，自2024年5月1日起施行", 0}, true},
		{"現將《某市質量提升行動方案》印發給你們，自印發之日起實施，有效期兩年。", "2024-03-05",
			Statement{Term{"2024-03-05", "2026-03-04"}, "現將《某市質量提升行動方案》印發給你們，自印發之日起實施，有效期兩年", 0}, true},
		// 自印发之日起 without the day of issue gives nothing, nor a period
		// without a start.
		{"本方案自印发之日起施行，有效期5年。", "", Statement{}, false},
		{"本方案有效期5年。", "2023-06-01", Statement{}, false},
		// Sentences about other things than the document.
		{"有效期内省名牌产品累计达到6个。", "", Statement{}, false},
		{"自2024年1月1日起实施质量提升行动。", "", Statement{}, false},
		{"各地要结合本地区实际制定实施方案，自2024年1月1日起实施。", "", Statement{}, false},
		// A paragraph that names the document and goes on to other
		// things that start on a day; a term over two sentences.
		{"本方案实施以来，对2024年起实施的新建项目加强监管。", "", Statement{}, false},
		{"本意见（试行）自2024年1月1日起施行。", "",
			Statement{Term{"2024-01-01", ""}, "本意见（试行）自2024年1月1日起施行", 0}, true},
		{"本办法由市场监督管理局负责解释，自2024年1月1日起施行。", "",
			Statement{Term{"2024-01-01", ""}, "本办法由市场监督管理局负责解释，自2024年1月1日起施行", 0}, true},
		{"本方案自印发之日起施行。有效期至2025年12月31日。", "2023-06-01",
			Statement{Term{"2023-06-01", "2025-12-31"}, "本方案自印发之日起施行。有效期至2025年12月31日", 0}, true},
		{"本方案自印发之日起施行。各地要加强领导。商标有效期至2030年12月31日。", "2023-06-01",
			Statement{Term{"2023-06-01", ""}, "本方案自印发之日起施行", 0}, true},
		// Days that are none.
		{"本方案自2023年2月30日起施行。", "", Statement{}, false},
		{"本方案自2023年13月1日起施行。", "", Statement{}, false},
		{"本方案有效期为2026年1月1日至2024年12月31日。", "", Statement{}, false},
		// A text at odds with itself keeps the day it takes effect.
		{"本方案自2025年1月1日起施行，有效期至2024年12月31日。", "",
			Statement{Term{"2025-01-01", ""}, "本方案自2025年1月1日起施行", 0}, true},
	}
	for _, tt := range tests {
		got, ok := Find(tt.paragraph, tt.issued)
		if ok != tt.ok || got != tt.want {
			t.Errorf("Find(%q, %q) = %+v, %v; want %+v, %v", tt.paragraph, tt.issued, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"本方案自印发之日起施行，有效期5年。", "本意见自2024年1月1日起施行，有效期至2028年12月31日。",
		"本措施有效期为2024年1月1日至2026年12月31日。", "本計劃有效期至二〇二五年底"} {
		f.Add(s, "2023-06-01")
	}
	f.Fuzz(func(t *testing.T, paragraph, issued string) {
		st, ok := Find(paragraph, issued)
		if !ok {
			if _, slow := find(paragraph, issued); slow {
				t.Fatalf("mayState(%q) lets go a paragraph that states a term", paragraph)
			}
			return
		}
		if st.Effective == "" && st.Expires == "" {
			t.Fatalf("Find(%q) says ok with no day", paragraph)
		}
		for _, d := range []string{st.Effective, st.Expires} {
			if d != "" && !valid(d) {
				t.Fatalf("Find(%q) gives the day %q", paragraph, d)
			}
		}
		if st.Effective != "" && st.Expires != "" && st.Expires < st.Effective {
			t.Fatalf("Find(%q) expires %s before it takes effect %s", paragraph, st.Expires, st.Effective)
		}
		runes := []rune(paragraph)
		if st.Offset < 0 || st.Offset+len([]rune(st.Phrase)) > len(runes) || string(runes[st.Offset:st.Offset+len([]rune(st.Phrase))]) != st.Phrase {
			t.Fatalf("Find(%q): phrase %q is not at rune %d", paragraph, st.Phrase, st.Offset)
		}
	})
}
