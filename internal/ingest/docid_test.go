package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tiaowen/internal/corpus"
)

// TestIDFromMeta imports each seed's raw text from a file named in
// Chinese, as most are: the id is made from its region, year and kind —
// what the text gives of them — as the seeds' own ids were (the 2020
// 方案's was named for its 实施 by hand), and a note says so.
func TestIDFromMeta(t *testing.T) {
	want := map[string]string{
		"000_e4c1e6d1dc609431": "guangdong-2023-gangyao",
		"001_6b718453d80b1ef8": "guangdong-2020-fangan",
		"002_aa4f806ae0ee63b3": "jiangsu-2023", // its raw text gives no title

		"003_3375bcca5598cc84": "luhe-2017-yijian",
		"004_ff23fd409789d184": "guangzhou-fangan", // nor this one a date
	}
	for stem, id := range want {
		data, err := os.ReadFile(filepath.Join(seedDir, stem+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Import(filepath.Join("raw", "质量强省文件（"+chineseNames[stem[:3]]+"）.txt"), data, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Meta.ID != id {
			t.Errorf("%s: id %q, want %q", stem, res.Meta.ID, id)
		}
		if !strings.Contains(strings.Join(res.Notes, "\n"), `the id "`+id+`" is made from the document's region, year and kind`) {
			t.Errorf("%s: no note says where the id came from: %q", stem, res.Notes)
		}
	}
	// A file whose name gives an id keeps it, with no note.
	res, err := Import("raw/2023_plan.txt", []byte("广东省质量强省建设纲要\n一、总体要求\n"), Options{})
	if err != nil || res.Meta.ID != "2023-plan" || strings.Contains(strings.Join(res.Notes, "\n"), "the id") {
		t.Errorf("a latin name: %v, %q, %q", err, res.Meta.ID, res.Notes)
	}
}

var chineseNames = map[string]string{"000": "甲", "001": "乙", "002": "丙", "003": "丁", "004": "戊"}

func TestIDParts(t *testing.T) {
	for _, c := range []struct {
		meta corpus.Meta
		want string
	}{
		{corpus.Meta{Region: "内蒙古自治区", Date: "2021-01-02", Title: "内蒙古自治区质量强区建设实施方案（征求意见稿）"}, "neimenggu-2021-fangan"},
		{corpus.Meta{Region: "福建省福州市鼓楼区", Title: "关于印发质量工作要点的通知"}, "gulou-tongzhi"},
		{corpus.Meta{Region: "江蘇省", Date: "2023", Title: "關於深化質量強省建設的實施意見"}, "jiangsu-2023-yijian"},
		{corpus.Meta{Title: "质量强国建设纲要"}, "gangyao"},
		{corpus.Meta{Region: "重庆市", Date: "2022-03-01", Title: "重庆市质量强市建设实施意见"}, "chongqing-2022-yijian"},
		{corpus.Meta{Title: "一份文件"}, "doc"},
	} {
		if got := idFromMeta(c.meta); got != c.want {
			t.Errorf("idFromMeta(%+v) = %q, want %q", c.meta, got, c.want)
		}
	}
}
