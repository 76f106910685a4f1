package textnorm

import "testing"

func TestScript(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", "zh-Hans"},
		{"Quality infrastructure 2025", "zh-Hans"},
		{"为深入贯彻党中央、国务院决策部署，落实《质量强国建设纲要》", "zh-Hans"},
		{"為貫徹落實《質量強國建設綱要》,深入推進質量強省建設", "zh-Hant"},
		{"中华人民共和国", "zh-Hans"},
		{"中華人民共和國", "zh-Hant"},
		// Characters both scripts write count for neither.
		{"著名学者在乾坤湾考察质量基础设施建设", "zh-Hans"},
		{"著名", "zh-Hans"},
		{"乾坤", "zh-Hans"},
		{"覆盖全省的计量检测网络", "zh-Hans"},
		{"关于加快推进质量强省建设的实施方案", "zh-Hans"},
		// A traditional paragraph with simplified-looking shared characters
		// (于, 制, 著) as it appears in a real Jiangsu document.
		{"全面貫徹落實習近平總書記關于質量工作的重要論述,完整準確全面貫徹新發展理念,著力推動高質量發展", "zh-Hant"},
		{"制造業產品質量合格率達到95%以上,消費品質量合格率", "zh-Hant"},
		{"發布機構 | 江蘇省人民政府 | 制發日期 | 2023-03-10", "zh-Hant"},
		// A traditional name in simplified text is outvoted.
		{"於梨华的小说在国内出版发行,深受读者欢迎", "zh-Hans"},
		// And a simplified word in traditional text.
		{"深入推進質量強省建設,建設质量強國,提升產業競爭力", "zh-Hant"},
		// Nothing script-specific: the default.
		{"人民政府", "zh-Hans"},
	}
	for _, tt := range tests {
		if got := Script(tt.in); got != tt.want {
			t.Errorf("Script(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestScriptAgreesWithSimplify checks that simplifying a traditional text
// flips its script, which is what the generated classes are for.
func TestScriptAgreesWithSimplify(t *testing.T) {
	for _, s := range tradSentences {
		if got := Script(s); got != "zh-Hant" {
			t.Errorf("Script(%q) = %v, want %v", s, got, "zh-Hant")
		}
		if got := Script(Simplify(s)); got != "zh-Hans" {
			t.Errorf("Script(%q) = %v, want %v", Simplify(s), got, "zh-Hans")
		}
	}
	for _, s := range simpSentences {
		if got := Script(s); got != "zh-Hans" {
			t.Errorf("Script(%q) = %v, want %v", s, got, "zh-Hans")
		}
	}
}
