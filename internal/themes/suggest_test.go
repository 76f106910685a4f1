package themes

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"tiaowen/internal/diag"
)

func TestQuotedSpans(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"推行“双随机、一公开”监管", []string{"双随机、一公开"}},
		{"打造「粤字号」和『湾区标准』", []string{"粤字号", "湾区标准"}},
		{`叫作"first"的和‘单引号’`, []string{"first", "单引号"}},
		// A quotation holding a clause end is a sentence, not a name; the
		// search goes on after its opening mark.
		{"他说“要做好。”然后“首台套”", []string{"首台套"}},
		// Never closed: nothing.
		{"“没有结束", nil},
		{"“”", []string{""}},
	} {
		var got []string
		for _, q := range quotedSpans(c.text) {
			got = append(got, q.text)
			if rs := []rune(c.text); string(rs[q.start:q.end]) != q.text {
				t.Errorf("quotedSpans(%q): %q at runes %d–%d, which hold %q", c.text, q.text, q.start, q.end, string(rs[q.start:q.end]))
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("quotedSpans(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestSuggest reads a corpus of four documents: two quote terms no theme
// matches, one in 繁體, one mentions a term without quoting it, and the
// themes already name a fourth.
func TestSuggest(t *testing.T) {
	set := &Set{Themes: []*Theme{
		{ID: "shoufu-zerenzhi", Name: "首负责任制", Terms: []string{"首负责任制"}},
		{ID: "yizhanshi-fuwu", Name: "一站式服务", Terms: []string{"一站式服务"}},
		// Takes the id the pinyin of 粤字号 would give.
		{ID: "yuezihao", Name: "别的", Terms: []string{"别的主题"}},
	}}
	at := func(line int) diag.Position { return diag.Position{File: "x.md", Line: line, Col: 1} }
	passages := []Passage{
		{Doc: "a", Section: "p1", Text: "推行“双随机、一公开”监管，打造“粤字号”品牌。", Pos: at(10)},
		{Doc: "a", Section: "p2", Text: "落实“首负责任制”，提供“一站式”服务。", Pos: at(11)},
		{Doc: "a", Section: "p3", Text: "他说“要做好质量工作。”", Pos: at(12)},
		{Doc: "b", Section: "s1", Text: "全面推行「雙隨機、一公開」。", Pos: at(20)},
		{Doc: "b", Section: "s2", Text: "双随机一公开全覆盖，“好”。", Pos: at(21)},
		{Doc: "c", Section: "s1", Text: "粤字号产品走向全国；“一站式”窗口。", Pos: at(30)},
		{Doc: "d", Section: "", Text: "“粤字号”见于序言。", Pos: at(40)},
		{Doc: "e", Section: "s1", Text: "推行“一站式”办理。", Pos: at(50)},
	}
	got := Suggest(passages, set, 2)
	names := make([]string, len(got))
	for i, c := range got {
		names[i] = c.Name
	}
	// 首负责任制 is a theme; 一站式 is held by a theme's term; “要做好质量
	// 工作。” is a sentence and “好” one character.
	if want := []string{"粤字号", "双随机、一公开", "一站式"}; !slices.Equal(names, want) {
		t.Fatalf("candidates %q, want %q", names, want)
	}
	yue, sj, yz := got[0], got[1], got[2]
	// 粤字号: quoted in a and d, mentioned unquoted in c; d's is outside
	// any section.
	if yue.Documents != 3 || yue.Sections != 2 || yue.QuotedIn != 2 {
		t.Errorf("粤字号: %d documents, %d sections, quoted in %d; want 3, 2, 2", yue.Documents, yue.Sections, yue.QuotedIn)
	}
	if !slices.Equal(yue.InDocuments, []string{"a", "c", "d"}) {
		t.Errorf("粤字号 in %q, want a, c, d", yue.InDocuments)
	}
	if yue.ID != "yuezihao-2" {
		t.Errorf("粤字号's id %q, want yuezihao-2 (yuezihao is taken)", yue.ID)
	}
	if yue.First.Pos != at(10) || yue.First.Doc != "a" || yue.First.Section != "p1" {
		t.Errorf("粤字号 first quoted at %+v, want a p1 x.md:10:1", yue.First)
	}
	// 双随机、一公开: quoted in a and, in 繁體, in b; mentioned in b's s2
	// too. Its name is the commonest form in 简体, its term without the 、.
	if sj.Documents != 2 || sj.Sections != 3 || sj.QuotedIn != 2 {
		t.Errorf("双随机、一公开: %d documents, %d sections, quoted in %d; want 2, 3, 2", sj.Documents, sj.Sections, sj.QuotedIn)
	}
	if sj.Term != "双随机一公开" || sj.ID != "shuangsuiji-yigongkai" {
		t.Errorf("双随机、一公开: term %q, id %q", sj.Term, sj.ID)
	}
	if !slices.Equal(sj.Forms, []string{"双随机、一公开", "雙隨機、一公開"}) {
		t.Errorf("双随机、一公开 quoted as %q", sj.Forms)
	}
	if sj.Near != nil {
		t.Errorf("双随机、一公开 near %s", sj.Near.ID)
	}
	if yz.Near == nil || yz.Near.ID != "yizhanshi-fuwu" {
		t.Errorf("一站式 near %v, want yizhanshi-fuwu", yz.Near)
	}
	// a's “一站式”服务 is the theme 一站式服务's, as a build matches it:
	// only c's and e's count.
	if yz.Documents != 2 || yz.QuotedIn != 2 || !slices.Equal(yz.InDocuments, []string{"c", "e"}) || yz.First.Pos != at(30) {
		t.Errorf("一站式: %d documents %q, quoted in %d, first at %v; want c and e, first c's x.md:30:1", yz.Documents, yz.InDocuments, yz.QuotedIn, yz.First.Pos)
	}

	if got := Suggest(passages, set, 3); len(got) != 1 || got[0].Name != "粤字号" {
		t.Errorf("three documents or more: %+v, want 粤字号 alone", got)
	}
	if got := Suggest(passages, set, 1); len(got) != 3 {
		t.Errorf("one document or more: %d candidates, want 3 (the sentence and the single character never are)", len(got))
	}
}

// FuzzSuggest holds any text to what Suggest promises: candidates of
// 2–16 normalised characters with a Chinese one, valid and distinct ids,
// counts that agree, and nothing the themes already match.
func FuzzSuggest(f *testing.F) {
	f.Add("推行“双随机、一公开”监管", "「雙隨機、一公開」")
	f.Add("“首负责任制”和“首负责任制度”", "“首台套”“”“好。”")
	f.Add(`"a质量"b"`, "‘’『』＂＂")
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return
		}
		set := &Set{Themes: []*Theme{{ID: "shoufu-zerenzhi", Name: "首负责任制", Terms: []string{"首负责任制"}}}}
		m := NewMatcher(set)
		passages := []Passage{{Doc: "a", Section: "s1", Text: a}, {Doc: "b", Section: "s1", Text: b}, {Doc: "b", Text: a + b}}
		ids := map[string]bool{"shoufu-zerenzhi": true}
		for _, c := range Suggest(passages, set, 1) {
			if !idPattern.MatchString(c.ID) || ids[c.ID] {
				t.Errorf("id %q: not a slug, or taken", c.ID)
			}
			ids[c.ID] = true
			if c.Documents < c.QuotedIn || c.QuotedIn < 1 || c.Documents > 2 || c.Sections > 2 {
				t.Errorf("%q: %d documents, %d sections, quoted in %d", c.Name, c.Documents, c.Sections, c.QuotedIn)
			}
			if len(c.Forms) == 0 || c.Name == "" || strings.ContainsAny(c.Term, "、，“”") {
				t.Errorf("%q: forms %q, term %q", c.Name, c.Forms, c.Term)
			}
			for _, form := range c.Forms {
				if len(m.Find(form)) > 0 {
					t.Errorf("%q is quoted as %q, which a theme matches", c.Name, form)
				}
			}
		}
	})
}
