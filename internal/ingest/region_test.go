package ingest

import "testing"

// TestFindRegion: the region and level an import fills in, from the
// issuer, else the title: the innermost division the text names, as it
// writes it, at the level the division table gives it (a county-level
// city is a county's); a region the table does not know, by its name's
// ending.
func TestFindRegion(t *testing.T) {
	for _, c := range []struct{ issuer, title, region, level string }{
		{"中共广东省委 广东省人民政府", "", "广东省", "province"},
		{"广东省汕尾市陆河县人民政府", "", "陆河县", "county"},
		{"陆河县人民政府", "", "陆河县", "county"},
		{"江蘇省人民政府", "", "江蘇省", "province"},
		{"广州市人民政府办公厅", "", "广州市", "city"},
		{"昆山市人民政府", "", "昆山市", "county"},
		{"重庆市人民政府", "", "重庆市", "province"},
		{"", "深圳市质量强市建设实施方案", "深圳市", "city"},
		{"国务院办公厅", "", "全国", "national"},
		// Not in the table: by the ending of its name.
		{"某某市人民政府", "", "某某市", "city"},
		{"", "关于加快推进质量强省建设的实施方案", "", ""},
	} {
		if region, level := findRegion(c.issuer, c.title); region != c.region || level != c.level {
			t.Errorf("findRegion(%q, %q) = %q, %q; want %q, %q", c.issuer, c.title, region, level, c.region, c.level)
		}
	}
}
