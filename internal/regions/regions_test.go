package regions

import (
	"slices"
	"strings"
	"testing"

	"tiaowen/internal/textnorm"
)

func names(path []Division) string {
	var b []string
	for _, d := range path {
		b = append(b, d.Code+" "+d.Name)
	}
	return strings.Join(b, " › ")
}

func TestFind(t *testing.T) {
	for _, c := range []struct{ region, want string }{
		// The seeds' regions.
		{"广东省", "440000 广东省"},
		{"广州市", "440000 广东省 › 440100 广州市"},
		{"陆河县", "440000 广东省 › 441500 汕尾市 › 441523 陆河县"},
		{"江蘇省", "320000 江苏省"},
		// Any script, and white space left out.
		{"陸河縣", "440000 广东省 › 441500 汕尾市 › 441523 陆河县"},
		{" 江苏省 ", "320000 江苏省"},
		// A municipality's district has no prefecture above it, nor a
		// county a province governs directly.
		{"北京市海淀区", "110000 北京市 › 110108 海淀区"},
		{"济源市", "410000 河南省 › 419001 济源市"},
		// A name that is several divisions' is found written out from
		// its province, and only so.
		{"鼓楼区", ""},
		{"福建省福州市鼓楼区", "350000 福建省 › 350100 福州市 › 350102 鼓楼区"},
		{"江苏省南京市鼓楼区", "320000 江苏省 › 320100 南京市 › 320106 鼓楼区"},
		{"北京市朝阳区", "110000 北京市 › 110105 朝阳区"},
		{"吉林省长春市朝阳区", "220000 吉林省 › 220100 长春市 › 220104 朝阳区"},
		// A prefecture without counties is listed once, as a prefecture.
		{"东莞市", "440000 广东省 › 441900 东莞市"},
		{"儋州市", "460000 海南省 › 460400 儋州市"},
		// A prefecture and its province are two names, not one.
		{"吉林市", "220000 吉林省 › 220200 吉林市"},
		{"吉林省吉林市", "220000 吉林省 › 220200 吉林市"},
		// What is not a division, or not wholly one.
		{"", ""},
		{"广东", ""},
		{"广东省广州", ""},
		{"广东省南京市", ""},
		{"粤港澳大湾区", ""},
	} {
		if got := names(Find(c.region)); got != c.want {
			t.Errorf("Find(%q) = %q, want %q", c.region, got, c.want)
		}
	}
}

// TestTable checks the embedded table's shape: every code six digits
// and once, every division inside one the table has.
func TestTable(t *testing.T) {
	d := load()
	if n := len(d.byCode); n < 3000 {
		t.Fatalf("%d divisions, want the country's 3,000 and more", n)
	}
	if n := len(d.within[""]); n != 34 {
		t.Errorf("%d provincial divisions, want 34", n)
	}
	lines := 0
	for line := range strings.Lines(table) {
		if !strings.HasPrefix(line, "#") {
			lines++
		}
	}
	if lines != len(d.byCode) {
		t.Errorf("%d lines for %d codes: a code is listed twice", lines, len(d.byCode))
	}
	for code, div := range d.byCode {
		if len(code) != 6 || strings.Trim(code, "0123456789") != "" || div.Name == "" {
			t.Errorf("line %q %q", code, div.Name)
		}
		if p := d.parent(code); p != "" && d.byCode[p].Name == "" {
			t.Errorf("%s %s lies in %s, which the table lacks", code, div.Name, p)
		}
	}
}

func BenchmarkFind(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Find("陆河县")
		Find("福建省福州市鼓楼区")
	}
}

func TestPrefix(t *testing.T) {
	for _, c := range []struct{ s, want, written, level string }{
		{"陆河县人民政府", "440000 广东省 › 441500 汕尾市 › 441523 陆河县", "陆河县", "county"},
		{"广东省汕尾市陆河县人民政府", "440000 广东省 › 441500 汕尾市 › 441523 陆河县", "陆河县", "county"},
		{"汕尾市陆河县人民政府办公室", "440000 广东省 › 441500 汕尾市 › 441523 陆河县", "陆河县", "county"},
		{"廣東省人民政府", "440000 广东省", "廣東省", "province"},
		{"江蘇省人民政府", "320000 江苏省", "江蘇省", "province"},
		{"广州市市场监督管理局", "440000 广东省 › 440100 广州市", "广州市", "city"},
		{"北京市海淀区人民政府", "110000 北京市 › 110108 海淀区", "海淀区", "county"},
		{"北京市人民政府", "110000 北京市", "北京市", "province"},
		{"昆山市人民政府", "320000 江苏省 › 320500 苏州市 › 320583 昆山市", "昆山市", "county"},
		{"新疆维吾尔自治区人民政府", "650000 新疆维吾尔自治区", "新疆维吾尔自治区", "province"},
		// 鼓楼区 alone could be four districts.
		{"鼓楼区人民政府", "", "", ""},
		{"福州市鼓楼区人民政府", "350000 福建省 › 350100 福州市 › 350102 鼓楼区", "鼓楼区", "county"},
		{"国务院办公厅", "", "", ""},
		{"", "", "", ""},
	} {
		path, written := Prefix(c.s)
		level := ""
		if len(path) > 0 {
			level = path[len(path)-1].Level()
		}
		if got := names(path); got != c.want || written != c.written || level != c.level {
			t.Errorf("Prefix(%q) = %q, %q (%s); want %q, %q (%s)", c.s, got, written, level, c.want, c.written, c.level)
		}
	}
}

func BenchmarkPrefix(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Prefix("广东省汕尾市陆河县人民政府")
		Prefix("陆河县人民政府")
	}
}

func TestNear(t *testing.T) {
	for region, want := range map[string][]string{
		"广州":     {"440000 广东省 › 440100 广州市"},
		"广东":     {"440000 广东省"},
		"内蒙古":    {"150000 内蒙古自治区"},
		"吉林":     {"220000 吉林省", "220000 吉林省 › 220200 吉林市"},
		"朝阳区":    nil, // checked below
		"广州市":    nil, // found: nothing to suggest
		"粤港澳大湾区": nil,
		"":       nil,
	} {
		var got []string
		for _, path := range Near(region) {
			got = append(got, names(path))
		}
		if region == "朝阳区" {
			// Its paths, whatever they are, are each a 朝阳区.
			if len(got) < 2 {
				t.Errorf("Near(朝阳区) = %q, want the districts of that name", got)
			}
			for _, g := range got {
				if !strings.HasSuffix(g, " 朝阳区") {
					t.Errorf("Near(朝阳区) gives %q", g)
				}
			}
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("Near(%q) = %q, want %q", region, got, want)
		}
	}
}

// FuzzRegions: whatever a document's region or issuer says, Find gives
// a chain of divisions each inside the one before, ending in one whose
// name is the region's or its last part; Prefix gives such a chain and
// the words of s its innermost is written as; Near gives only divisions
// that Find does not already place it at.
func FuzzRegions(f *testing.F) {
	for _, s := range []string{"陆河县", "江蘇省", "福建省福州市鼓楼区", "鼓楼区", "广州", "广东省汕尾市陆河县人民政府", "北京市海淀区", "", "省", "市市市"} {
		f.Add(s)
	}
	chain := func(t *testing.T, what string, path []Division) {
		d := load()
		for i, div := range path {
			if d.byCode[div.Code] != div {
				t.Fatalf("%s: %v is not in the table", what, div)
			}
			if up := d.parent(div.Code); (i == 0) != (up == "") || i > 0 && up != path[i-1].Code {
				t.Fatalf("%s: %v is not inside %v", what, path[i], path[:i])
			}
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		path := Find(s)
		chain(t, "Find("+s+")", path)
		if len(path) > 0 && !strings.HasSuffix(textnorm.Key(s), textnorm.Key(path[len(path)-1].Name)) {
			t.Fatalf("Find(%q) ends in %v", s, path[len(path)-1])
		}
		path, written := Prefix(s)
		chain(t, "Prefix("+s+")", path)
		if (path == nil) != (written == "") || !strings.Contains(s, written) {
			t.Fatalf("Prefix(%q) = %v, %q", s, path, written)
		}
		for _, near := range Near(s) {
			chain(t, "Near("+s+")", near)
			if Find(s) != nil {
				t.Fatalf("Near(%q) suggests %v for a region Find places", s, near)
			}
		}
	})
}
