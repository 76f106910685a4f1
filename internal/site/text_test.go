package site

import (
	"html/template"
	"strings"
	"testing"

	"tiaowen/internal/corpus"
	"tiaowen/internal/themes"
)

// TestEscapeTo holds escapeTo to template.HTMLEscapeString, which pages
// were written with before it, byte for byte.
func TestEscapeTo(t *testing.T) {
	for _, s := range []string{"", "纯文本", `<a href="x">'&'</a>`, "a\x00b", "末尾&", "&&<<>>", "\xff\xfe 坏字节 <"} {
		var b strings.Builder
		escapeTo(&b, s)
		if got, want := b.String(), template.HTMLEscapeString(s); got != want {
			t.Errorf("escapeTo(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestWriteRich(t *testing.T) {
	th := &themes.Theme{ID: "zhiliang", Name: "质量<基础>"}
	tests := []struct {
		text     string
		links    []corpus.Link
		terms    []themes.Match
		linkBase string
		want     string
	}{
		{"a<b", nil, nil, "", "a&lt;b"},
		{"加强质量基础", nil, []themes.Match{{Theme: th, Start: 2, End: 4}}, "",
			`加强<a class="term t-zhiliang" href="../../themes/zhiliang/index.html" title="主题：质量&lt;基础&gt;">质量</a>基础`},
		// A term inside a link is not linked; links may come in any order.
		{"见附件与官网", []corpus.Link{{Start: 4, End: 6, URL: "https://example.org/?a=1&b=2"}, {Start: 1, End: 3, URL: "#annex1"}},
			[]themes.Match{{Theme: th, Start: 1, End: 2}, {Theme: th, Start: 3, End: 4}}, "../",
			`见<a class="rel" href="../index.html#annex1" rel="noopener">附件</a><a class="term t-zhiliang" href="../../themes/zhiliang/index.html" title="主题：质量&lt;基础&gt;">与</a><a class="ext" href="https://example.org/?a=1&amp;b=2" rel="noopener">官网</a>`},
		{"同页", []corpus.Link{{Start: 0, End: 2, URL: "#p1"}}, nil, "", `<a class="rel" href="#p1" rel="noopener">同页</a>`},
		{"相对", []corpus.Link{{Start: 0, End: 2, URL: "a.html"}}, nil, "../", `<a class="rel" href="../a.html" rel="noopener">相对</a>`},
	}
	for _, tt := range tests {
		var b strings.Builder
		writeRich(&b, tt.text, tt.links, tt.terms, "../../", tt.linkBase)
		if got := b.String(); got != tt.want {
			t.Errorf("writeRich(%q) =\n%s\nwant\n%s", tt.text, got, tt.want)
		}
	}
}

func TestMarkText(t *testing.T) {
	tests := []struct {
		text   string
		ranges [][2]int
		want   string
	}{
		{"一二三四五", [][2]int{{1, 2}, {3, 5}}, "一<mark>二</mark>三<mark>四五</mark>"},
		// Overlapping, empty, negative and out-of-range ranges are left out.
		{"一<二>三", [][2]int{{0, 2}, {1, 3}, {3, 3}, {-1, 1}, {4, 9}}, "<mark>一&lt;</mark>二&gt;三"},
		{"", nil, ""},
	}
	for _, tt := range tests {
		var b strings.Builder
		markText(&b, tt.text, tt.ranges)
		if got := b.String(); got != tt.want {
			t.Errorf("markText(%q, %v) = %q, want %q", tt.text, tt.ranges, got, tt.want)
		}
	}
}
