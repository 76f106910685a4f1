package slug

import "testing"

func TestSlug(t *testing.T) {
	for name, want := range map[string]string{
		"双随机、一公开": "shuangsuiji-yigongkai",
		"质量基础设施":  "zhiliang-jichu-sheshi",
		"首负责任制":   "shoufu-zerenzhi",
		"粤字号":     "yuezihao",
		"湾区标准":    "wanqu-biaozhun",
		"互联网+":    "hulianwang",
		"5G质量":    "5g-zhiliang",
		"——":      "theme",
		// Place names read as they are, not character by character.
		"重庆":   "chongqing",
		"长沙":   "changsha",
		"厦门":   "xiamen",
		"市长":   "shizhang",
		"重点任务": "zhongdian-renwu",
	} {
		if got := Make(name); got != want {
			t.Errorf("Make(%q) = %q, want %q", name, got, want)
		}
	}
}
