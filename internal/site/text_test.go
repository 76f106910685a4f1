package site

import (
	"bytes"
	"encoding/json"
	"html/template"
	"strings"
	"testing"

	"tiaowen/internal/corpus"
	"tiaowen/internal/refs"
	"tiaowen/internal/regions"
	"tiaowen/internal/themes"
)

// TestEscapeTo holds escapeTo to template.HTMLEscapeString, which pages
// were written with before it, byte for byte.
func TestEscapeTo(t *testing.T) {
	for _, s := range []string{"", "纯文本", `<a href="x">'&'</a>`, "a\x00b", "末尾&", "&&<<>>", "\xff\xfe 坏字节 <",
		"到2025年，质量强省建设取得阶段性成效<", "12345678&", "七个字节\"", "0123456789abcdef\x00", "?@?@?@?@>", "\x7f\x80\xbf\xc0\x3f\x40\x3e\x3c"} {
		var b strings.Builder
		escapeTo(&b, s)
		if got, want := b.String(), template.HTMLEscapeString(s); got != want {
			t.Errorf("escapeTo(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzEscapeTo holds escapeTo to template.HTMLEscapeString on any
// string, whichever of its bytes fall in a word that indexEscaped skips.
func FuzzEscapeTo(f *testing.F) {
	for _, s := range []string{"", "纯文本<", "2025年&", "\x00\x7f\x80\xff", `"'<>&`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		escapeTo(&b, s)
		if got, want := b.String(), template.HTMLEscapeString(s); got != want {
			t.Errorf("escapeTo(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestWriteRich(t *testing.T) {
	th := &themes.Theme{ID: "zhiliang", Name: "质量<基础>"}
	tests := []struct {
		text     string
		links    []corpus.Link
		terms    []themes.Match
		linkBase string
		want     string
		named    []refs.Ref
	}{
		{"a<b", nil, nil, "", "a&lt;b", nil},
		{"加强质量基础", nil, []themes.Match{{Theme: th, Start: 2, End: 4}}, "",
			`加强<a class="term t-zhiliang" href="../../themes/zhiliang/index.html" title="主题：质量&lt;基础&gt;">质量</a>基础`, nil},
		// A term inside a link is not linked; links may come in any order.
		{"见附件与官网", []corpus.Link{{Start: 4, End: 6, URL: "https://example.org/?a=1&b=2"}, {Start: 1, End: 3, URL: "#annex1"}},
			[]themes.Match{{Theme: th, Start: 1, End: 2}, {Theme: th, Start: 3, End: 4}}, "../",
			`见<a class="rel" href="../index.html#annex1" rel="noopener">附件</a><a class="term t-zhiliang" href="../../themes/zhiliang/index.html" title="主题：质量&lt;基础&gt;">与</a><a class="ext" href="https://example.org/?a=1&amp;b=2" rel="noopener">官网</a>`, nil},
		{"同页", []corpus.Link{{Start: 0, End: 2, URL: "#p1"}}, nil, "", `<a class="rel" href="#p1" rel="noopener">同页</a>`, nil},
		{"相对", []corpus.Link{{Start: 0, End: 2, URL: "a.html"}}, nil, "../", `<a class="rel" href="../a.html" rel="noopener">相对</a>`, nil},
		// A title naming a document links to it, before a term after it;
		// a term inside it is not linked.
		{"落实《质量纲要》加强质量", nil, []themes.Match{{Theme: th, Start: 3, End: 5}, {Theme: th, Start: 10, End: 12}}, "",
			`落实<a class="named" href="../../docs/gangyao/index.html">《质量纲要》</a>加强<a class="term t-zhiliang" href="../../themes/zhiliang/index.html" title="主题：质量&lt;基础&gt;">质量</a>`,
			[]refs.Ref{{Start: 2, End: 8, Doc: "gangyao"}}},
		// A link of the text's own wins over a title in it.
		{"见《纲要》", []corpus.Link{{Start: 1, End: 5, URL: "https://example.org/"}}, nil, "",
			`见<a class="ext" href="https://example.org/" rel="noopener">《纲要》</a>`,
			[]refs.Ref{{Start: 1, End: 5, Doc: "gangyao"}}},
	}
	for _, tt := range tests {
		var b strings.Builder
		writeRich(&b, tt.text, tt.links, tt.named, tt.terms, "../../", tt.linkBase)
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

func TestExcerptOf(t *testing.T) {
	tests := []struct {
		n     int
		parts []string
		want  string
	}{
		{3, []string{"一二三"}, "一二三"},
		{3, []string{"一二三四"}, "一二三…"},
		{2, []string{"一", "", "二"}, "一二"},
		{2, []string{"一", "二", "三"}, "一二…"},
		{2, []string{"一二", "", ""}, "一二"},
		{2, []string{"一二", "", "x"}, "一二…"},
		{3, []string{"ab", "。", "cd"}, "ab。…"},
		{0, []string{""}, ""},
		{0, []string{"x"}, "…"},
		{5, nil, ""},
	}
	for _, tt := range tests {
		if got := excerptOf(tt.n, tt.parts...); got != tt.want {
			t.Errorf("excerptOf(%d, %q) = %q, want %q", tt.n, tt.parts, got, tt.want)
		}
	}
}

// jsonLDMarshalled is jsonLD as encoding/json writes it: the reference
// the hand-written encoder is held to.
func jsonLDMarshalled(cfg Config, d *corpus.Document, s *corpus.Section, cites, changes []*corpus.Document) string {
	type org struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	}
	type ref struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	type legislation struct {
		Context     string `json:"@context"`
		Type        string `json:"@type"`
		Name        string `json:"name"`
		URL         string `json:"url,omitempty"`
		Identifier  string `json:"legislationIdentifier,omitempty"`
		Date        string `json:"legislationDate,omitempty"`
		Published   string `json:"datePublished,omitempty"`
		PassedBy    []org  `json:"legislationPassedBy,omitempty"`
		Publisher   []org  `json:"publisher,omitempty"`
		Language    string `json:"inLanguage"`
		Juris       any    `json:"legislationJurisdiction,omitempty"`
		Status      string `json:"creativeWorkStatus,omitempty"`
		IsPartOf    *ref   `json:"isPartOf,omitempty"`
		Description string `json:"description,omitempty"`
		Citation    []ref  `json:"citation,omitempty"`
		Changes     []ref  `json:"legislationChanges,omitempty"`
	}
	l := legislation{Context: "https://schema.org", Type: "Legislation", Name: d.Title,
		URL: absURL(cfg.BaseURL, docPath(d.ID)), Identifier: d.Number, Date: d.Date, Language: d.Lang}
	if d.Region != "" {
		l.Juris = d.Region
	}
	if d.Status != "正式" {
		l.Status = d.Status
	}
	// A division, inside those it lies in.
	type area struct {
		Type        string `json:"@type"`
		Name        string `json:"name"`
		Identifier  string `json:"identifier"`
		ContainedIn *area  `json:"containedInPlace,omitempty"`
	}
	var in *area
	for i, div := range regions.Find(d.Region) {
		in = &area{"AdministrativeArea", div.Name, div.Code, in}
		if i == len(regions.Find(d.Region))-1 {
			in.Name = d.Region
		}
		l.Juris = in
	}
	for _, o := range strings.Fields(d.Issuer) {
		l.PassedBy = append(l.PassedBy, org{"Organization", o})
	}
	// A draft was published, not passed.
	if d.Status == "征求意见稿" {
		l.Date, l.Published = "", d.Date
		l.PassedBy, l.Publisher = nil, l.PassedBy
	}
	if s != nil {
		l.Name = "《" + d.Title + "》" + s.Citation() + s.Title
		l.URL = absURL(cfg.BaseURL, sectionPath(d.ID, s.EID))
		l.IsPartOf = &ref{Type: "Legislation", Name: d.Title, URL: absURL(cfg.BaseURL, docPath(d.ID))}
		l.Description = excerpt(s.Text, 120)
		l.Identifier = ""
	}
	for _, c := range cites {
		l.Citation = append(l.Citation, ref{Type: "Legislation", Name: c.Title, URL: absURL(cfg.BaseURL, docPath(c.ID))})
	}
	for _, c := range changes {
		if s == nil {
			l.Changes = append(l.Changes, ref{Type: "Legislation", Name: c.Title, URL: absURL(cfg.BaseURL, docPath(c.ID))})
		}
	}
	b, _ := json.Marshal(l)
	return string(b)
}

// TestJSONLD holds jsonLD to encoding/json, byte for byte, on documents
// and sections with every field empty and full, and text that needs
// escaping in JSON, in a script element and in JavaScript.
func TestJSONLD(t *testing.T) {
	odd := "引号\"反斜杠\\<script>&</script>\n\t\r\b\f\x01\x7f\u2028\u2029坏\xff字节"
	docs := []*corpus.Document{
		{Meta: corpus.Meta{ID: "a", Title: "标题", Lang: "zh-Hans"}},
		{Meta: corpus.Meta{ID: "b-c", Title: odd, Issuer: " 中共广东省委  广东省人民政府 ", Date: "2023-06-21",
			Number: "粤府〔2020〕50号", Lang: "zh-Hant", Region: odd}},
		{Meta: corpus.Meta{ID: "d", Title: "标题", Lang: "zh-Hans", Region: "陸河縣", Status: "征求意见稿"}},
		{Meta: corpus.Meta{ID: "d2", Title: "标题", Issuer: "广州市市场监督管理局", Date: "2023-05-01", Lang: "zh-Hans", Status: "征求意见稿"}},
		{Meta: corpus.Meta{ID: "d3", Title: "标题", Issuer: "广州市人民政府", Date: "2023-05-01", Lang: "zh-Hans", Status: "试行"}},
		{Meta: corpus.Meta{ID: "e", Title: "标题", Lang: "zh-Hans", Region: "广东省", Status: "正式"}},
	}
	secs := []*corpus.Section{nil,
		{EID: "p1", Marker: "一、", Title: "总体要求", CitedAlone: true},
		{EID: "s2", Marker: "（二）", Title: odd, Text: strings.Repeat(odd, 10), CitedAlone: true},
	}
	for _, cfg := range []Config{{}, {BaseURL: "https://example.org/"}} {
		for _, d := range docs {
			for _, s := range secs {
				for _, cites := range [][]*corpus.Document{nil, docs[:1], docs} {
					for _, changes := range [][]*corpus.Document{nil, docs[1:], docs} {
						if got, want := string(jsonLD(cfg, d, s, cites, changes)), jsonLDMarshalled(cfg, d, s, cites, changes); got != want {
							t.Errorf("jsonLD(%q, %q, %v, %d cited, %d changed) =\n%s\nwant\n%s", cfg.BaseURL, d.ID, s != nil, len(cites), len(changes), got, want)
						}
					}
				}
			}
		}
	}
}

// BenchmarkEscape escapes the text of the seeds' sections, as pair
// pages do, by escapeTo and by template.HTMLEscapeString.
func BenchmarkEscape(b *testing.B) {
	s, _ := loadForRender(b)
	var texts []string
	size := 0
	for _, d := range s.docs {
		for _, sec := range d.Sections {
			texts = append(texts, sec.Text)
			size += len(sec.Text)
		}
	}
	var buf bytes.Buffer
	b.Run("escapeTo", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			buf.Reset()
			for _, t := range texts {
				escapeTo(&buf, t)
			}
		}
	})
	b.Run("HTMLEscapeString", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			buf.Reset()
			for _, t := range texts {
				buf.WriteString(template.HTMLEscapeString(t))
			}
		}
	})
}
