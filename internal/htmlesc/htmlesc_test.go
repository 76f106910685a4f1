package htmlesc

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

// stock prints s with html/template in the contexts this package
// imitates, each between markers so that the parts can be told apart.
var stock = template.Must(template.New("").Parse(
	`<p>{{.}}</p>|<title>{{.}}</title>|<span lang="{{.}}"></span>|<meta content="{{.}}">|<a href="{{.}}"></a>|<script src="{{.}}"></script>|<a href="../{{.}}"></a>`))

func viaTemplate(t *testing.T, s string) []string {
	t.Helper()
	var b strings.Builder
	if err := stock.Execute(&b, s); err != nil {
		t.Fatal(err)
	}
	return strings.Split(b.String(), "|")
}

func viaPackage(s string) []string {
	var parts []string
	for _, f := range []struct {
		open, close string
		esc         func(*bytes.Buffer, string)
	}{
		{"<p>", "</p>", Text}, {"<title>", "</title>", Text}, {`<span lang="`, `"></span>`, Text},
		{`<meta content="`, `">`, Text}, {`<a href="`, `"></a>`, URL}, {`<script src="`, `"></script>`, URL}, {`<a href="../`, `"></a>`, URLPart},
	} {
		var b bytes.Buffer
		b.WriteString(f.open)
		f.esc(&b, s)
		b.WriteString(f.close)
		parts = append(parts, b.String())
	}
	return parts
}

func check(t *testing.T, s string) {
	t.Helper()
	if strings.Contains(s, "|") {
		return // the markers
	}
	want, got := viaTemplate(t, s), viaPackage(s)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%q: got %q, html/template prints %q", s, got[i], want[i])
		}
	}
}

func TestSameAsTemplate(t *testing.T) {
	for _, s := range []string{
		"", "质量强省", `<b>"a" & 'b' + c</b>`, "\x00nul", "bad \xff utf-8",
		"https://tiaowen.example.org/docs/a-b/p1-s2/", "../../docs/x/index.html#p1", "/docs/x/",
		"javascript:alert(1)", "JavaScript:x", "HTTPS://X", "mailto:a@b", "data:text/html,x", "a/b:c",
		"https://例子.中国/路径 空格?q=质量&x=1#片段", "%zz%41", "a%41", "%4", "100%", "httpſ://x", "\ufdd0\uffff",
		"q=a+b", `\back\slash`, "tab\there\nline",
	} {
		check(t, s)
	}
}

func FuzzSameAsTemplate(f *testing.F) {
	for _, s := range []string{"质量", `<&"'+>`, "javascript:x", "https://a/b c", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(check)
}
