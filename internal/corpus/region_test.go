package corpus

import (
	"strings"
	"testing"
)

// TestRegionWarning: a region written short, or that several divisions
// share, is warned of at its line, with what to write; a region that is
// a division, or no division and near none, is not.
func TestRegionWarning(t *testing.T) {
	for region, want := range map[string]string{
		"广州":     `region "广州" is none of China's administrative divisions` + "|write 广州市 to place it",
		"吉林":     "|write 吉林省 or 吉林市",
		"鼓楼区":    `region "鼓楼区" is the name of 4 divisions (` + "|write it out from its province, as ",
		"广州市":    "",
		"陸河縣":    "",
		"粤港澳大湾区": "",
	} {
		src := "---\nid: a\ntitle: 某某方案\nregion: " + region + "\n---\n一、总则\n"
		_, problems := NewParser().Parse("a.md", []byte(src))
		var got []string
		for _, p := range problems.Warnings() {
			if p.Pos.Line != 4 {
				t.Errorf("region %s: warned at %v", region, p.Pos)
			}
			got = append(got, p.Msg+"|"+p.Hint)
		}
		if want == "" {
			if len(got) > 0 || problems.Err() != nil {
				t.Errorf("region %s: %q", region, got)
			}
			continue
		}
		msg, hint, _ := strings.Cut(want, "|")
		if len(got) != 1 || !strings.Contains(got[0], msg) || !strings.Contains(got[0], "|"+hint) {
			t.Errorf("region %s: warnings %q, want one saying %q and %q", region, got, msg, hint)
		}
	}
}
