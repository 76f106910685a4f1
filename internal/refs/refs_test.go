package refs

import (
	"fmt"
	"slices"
	"testing"

	"tiaowen/internal/corpus"
)

func doc(id, title, date string) *corpus.Document {
	return &corpus.Document{Meta: corpus.Meta{ID: id, Title: title, Date: date}}
}

// spans renders refs as "《…》→id" strings for comparison.
func spans(text string, rs []Ref) []string {
	runes := []rune(text)
	var out []string
	for _, r := range rs {
		out = append(out, string(runes[r.Start:r.End])+"→"+r.Doc)
	}
	return out
}

// findCase is a text of a document and the references Find should
// find in it, as spans renders them.
type findCase struct {
	from *corpus.Document
	text string
	want []string
}

func checkFind(t *testing.T, x *Index, cases []findCase) {
	t.Helper()
	for _, c := range cases {
		got := spans(c.text, x.Find(c.from, c.text))
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("Find(%s, %q) = %q, want %q", c.from.ID, c.text, got, c.want)
		}
	}
}

func TestFind(t *testing.T) {
	gangyao := doc("gd-gangyao", "广东省质量强省建设纲要", "2023-06-21")
	fangan := doc("gz-fangan", "广州市质量强市建设实施方案", "")
	jiangsu := doc("js-yijian", "關于深化質量強省建設的實施意見", "2023-03-10")
	guojia := doc("guojia", "质量强国建设纲要", "2023-02-06")
	x := New([]*corpus.Document{gangyao, fangan, jiangsu, guojia})
	checkFind(t, x, []findCase{
		{fangan, "全面落实《质量强国建设纲要》《广东省质量强省建设纲要》，加快推进",
			[]string{"《质量强国建设纲要》→guojia", "《广东省质量强省建设纲要》→gd-gangyao"}},
		// Traditional script, punctuation and spaces fold away.
		{fangan, "為貫徹落實《質量強國建設綱要》", []string{"《質量強國建設綱要》→guojia"}},
		{gangyao, "依照《关于深化质量强省建设的实施意见》", []string{"《关于深化质量强省建设的实施意见》→js-yijian"}},
		{fangan, "《广东省 质量强省建设纲要》", []string{"《广东省 质量强省建设纲要》→gd-gangyao"}},
		// A title inside one that names nothing.
		{gangyao, "落实《中共中央、国务院关于印发〈质量强国建设纲要〉的通知》部署要求",
			[]string{"〈质量强国建设纲要〉→guojia"}},
		// A document does not name itself.
		{gangyao, "印发《广东省质量强省建设纲要》并发出通知", nil},
		// Titles of nothing in the corpus, and unclosed marks.
		{fangan, "认真贯彻落实《中国制造2025》", nil},
		{fangan, "《广东省质量强省建设纲要", nil},
		{fangan, "广东省质量强省建设纲要》", nil},
		{fangan, "《广东省质量强省建设纲要〉", nil},
		{fangan, "没有书名号的文字", nil},
		// An outer title that names a document covers the inner one.
		{fangan, "《广东省质量强省建设纲要》", []string{"《广东省质量强省建设纲要》→gd-gangyao"}},
	})
}

// TestFindNumbers: an issuing number names its document, in any of its
// brackets and widths, the longest run of characters before it that does.
func TestFindNumbers(t *testing.T) {
	shishi := doc("gd-shishi", "关于加快推进质量强省建设的实施方案", "2020-09-17")
	shishi.Number, shishi.Issuer = "粤府〔2020〕50号", "广东省人民政府"
	luhe := doc("luhe", "陆河县人民政府关于落实质量强省战略实施意见", "2017-05-24")
	luhe.Number = "陆河府办〔2017〕43号"
	fu := doc("fu", "办法", "2017-01-01")
	fu.Number = "府办〔2017〕43号"
	fangan := doc("gz-fangan", "广州市质量强市建设实施方案", "")
	x := New([]*corpus.Document{shishi, luhe, fu, fangan})
	checkFind(t, x, []findCase{
		{fangan, "按照粤府〔2020〕50号文件要求", []string{"粤府〔2020〕50号→gd-shishi"}},
		{fangan, "（粤府[2020]50号）", []string{"粤府[2020]50号→gd-shishi"}},
		{fangan, "依据粤府（２０２０）５０号", []string{"粤府（２０２０）５０号→gd-shishi"}},
		{shishi, "印发陆河府办〔2017〕43号", []string{"陆河府办〔2017〕43号→luhe"}},
		// A number issued after the citing document is another's.
		{fu, "印发陆河府办〔2017〕43号", nil},
		{luhe, "另见府办〔2017〕43号", []string{"府办〔2017〕43号→fu"}},
		// The title and the number, side by side, both name it; its
		// title with its issuer before it, as citations write it.
		{fangan, "《广东省人民政府关于加快推进质量强省建设的实施方案》（粤府〔2020〕50号）",
			[]string{"《广东省人民政府关于加快推进质量强省建设的实施方案》→gd-shishi", "粤府〔2020〕50号→gd-shishi"}},
		// Not numbers of the corpus, or not numbers.
		{fangan, "粤府〔2020〕51号、粤发〔2016〕9号", nil},
		{fangan, "〔2020〕50号", nil},
		{fangan, "粤府〔20〕50号", nil},
		{fangan, "号召各地，信号", nil},
		// Its own number.
		{shishi, "粤府〔2020〕50号", nil},
	})
}

// TestFindNested: a title naming a document, inside one that names
// another, links the outer one only.
func TestFindNested(t *testing.T) {
	outer := doc("outer", "关于印发质量强国建设纲要的通知", "2023-02-06")
	inner := doc("inner", "质量强国建设纲要", "2023-02-06")
	from := doc("from", "某市方案", "2023-05-01")
	x := New([]*corpus.Document{outer, inner, from})
	text := "落实《关于印发〈质量强国建设纲要〉的通知》"
	got := spans(text, x.Find(from, text))
	if want := []string{"《关于印发〈质量强国建设纲要〉的通知》→outer"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestResolveRepeatedTitles: of documents sharing a title, the latest
// issued on or before the citing one is meant; anything less certain is
// left unlinked.
func TestResolveRepeatedTitles(t *testing.T) {
	text := "根据《质量提升行动计划》"
	for _, c := range []struct {
		name string
		docs []*corpus.Document
		from *corpus.Document
		want string
	}{
		{"one", []*corpus.Document{doc("a", "质量提升行动计划", "2018-01-01")},
			doc("f", "方案", "2020-01-01"), "a"},
		{"one, undated citer", []*corpus.Document{doc("a", "质量提升行动计划", "2018-01-01")},
			doc("f", "方案", ""), "a"},
		{"one, issued later", []*corpus.Document{doc("a", "质量提升行动计划", "2021-01-01")},
			doc("f", "方案", "2020-01-01"), ""},
		{"latest before", []*corpus.Document{doc("a", "质量提升行动计划", "2016-01-01"), doc("b", "质量提升行动计划", "2018-01-01"), doc("c", "质量提升行动计划", "2022-01-01")},
			doc("f", "方案", "2020-01-01"), "b"},
		{"same day", []*corpus.Document{doc("a", "质量提升行动计划", "2018-01-01"), doc("b", "质量提升行动计划", "2018-01-01")},
			doc("f", "方案", "2020-01-01"), ""},
		{"one undated", []*corpus.Document{doc("a", "质量提升行动计划", ""), doc("b", "质量提升行动计划", "2018-01-01")},
			doc("f", "方案", "2020-01-01"), ""},
		{"citer undated", []*corpus.Document{doc("a", "质量提升行动计划", "2016-01-01"), doc("b", "质量提升行动计划", "2018-01-01")},
			doc("f", "方案", ""), ""},
		{"itself and one other", []*corpus.Document{doc("a", "质量提升行动计划", "2016-01-01"), doc("f", "质量提升行动计划", "2020-01-01")},
			nil, "a"},
	} {
		from := c.from
		docs := c.docs
		if from == nil {
			from = docs[len(docs)-1]
		} else {
			docs = append(docs, from)
		}
		var got string
		if rs := New(docs).Find(from, text); len(rs) > 0 {
			got = rs[0].Doc
		}
		if got != c.want {
			t.Errorf("%s: names %q, want %q", c.name, got, c.want)
		}
	}
}

// TestSeeds: of the five seed documents, the Guangzhou 方案's preamble
// names the Guangdong 纲要, and nothing else names a seed.
func TestSeeds(t *testing.T) {
	c, problems := corpus.NewParser().LoadDir("../../content/docs")
	if problems.Err() != nil || len(c.Docs) != 5 {
		t.Fatalf("seed documents: %d, %v", len(c.Docs), problems)
	}
	docs := c.Docs
	x := New(docs)
	var got []string
	for _, d := range docs {
		blocks := append(append([]corpus.Block{}, d.Preamble...), d.Trailing...)
		for _, s := range d.Sections {
			blocks = append(blocks, s.Blocks...)
		}
		for _, b := range blocks {
			for _, s := range spans(b.Text, x.Find(d, b.Text)) {
				got = append(got, d.ID+": "+s)
			}
		}
	}
	if want := []string{"guangzhou-2023-fangan: 《广东省质量强省建设纲要》→guangdong-2023-gangyao"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("references among the seeds: %q, want %q", got, want)
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"全面落实《质量强国建设纲要》《广东省质量强省建设纲要》",
		"《关于印发〈质量强国建设纲要〉的通知》",
		"《《》》〈《〉》", "《", "》《", "〈质量强国建设纲要", "《質量強國建設綱要》",
		"府办〔2017〕43号府办〔2017〕43号", "《府办〔2017〕43号》", "号〔2017〕号",
		"《通知》《规划》", "《关于印发〈通知〉的通知》",
		"《质量强国建设纲要》第五条同时废止。", "废止《通知》和《规划》", "府办〔2017〕43号的部分条款予以废止",
	} {
		f.Add(s)
	}
	from := doc("from", "某市方案", "2023-05-01")
	numbered := doc("c", "办法", "2017-01-01")
	numbered.Number = "府办〔2017〕43号"
	x := New([]*corpus.Document{doc("a", "质量强国建设纲要", "2023-02-06"), doc("b", "通知", ""), numbered, from,
		doc("d", "通知", ""), doc("e", "规划", "2024-01-01"), doc("g", "关于印发〈通知〉的通知", "2020-01-01")})
	f.Fuzz(func(t *testing.T, text string) {
		checkFuzzed(t, x, from, text)
		refs := x.Find(from, text)
		runes := []rune(text)
		end := 0
		for _, r := range refs {
			if r.Start < end || r.End <= r.Start || r.End > len(runes) {
				t.Fatalf("refs %v out of order or range in %d runes", refs, len(runes))
			}
			open, closing := runes[r.Start], runes[r.End-1]
			if !(open == '《' && closing == '》') && !(open == '〈' && closing == '〉') && closing != '号' {
				t.Fatalf("ref %v spans %q, not a title in its marks or a number", r, string(runes[r.Start:r.End]))
			}
			if r.Doc == from.ID {
				t.Fatalf("a document names itself: %v", r)
			}
			end = r.End
		}
		// What the text repeals is among what it names.
		for _, r := range x.Repealed(from, text) {
			if !slices.Contains(refs, r) {
				t.Fatalf("repeals %v, which is not among its references %v", r, refs)
			}
		}
	})
}

func TestIndexes(t *testing.T) {
	a := doc("a", "广东省质量强省建设纲要", "2023-06-21")
	x := New([]*corpus.Document{a, doc("b", "", "")})
	for _, c := range []struct {
		d    *corpus.Document
		want bool
	}{
		{doc("a", "广东省质量强省建设纲要", "2023-06-21"), true},
		{doc("a", "廣東省質量強省建設綱要", "2023-06-21"), true}, // the same title, normalised
		{doc("a", "广东省质量强省建设规划", "2023-06-21"), false},
		{doc("a", "广东省质量强省建设纲要", "2023-06-22"), false},
		{func() *corpus.Document {
			d := doc("a", "广东省质量强省建设纲要", "2023-06-21")
			d.Issuer = "广东省人民政府"
			return d
		}(), false},
		{func() *corpus.Document {
			d := doc("a", "广东省质量强省建设纲要", "2023-06-21")
			d.Number = "粤府〔2023〕1号"
			return d
		}(), false},
		{doc("b", "", ""), true},
		{doc("b", "新标题", ""), false},
		{doc("c", "广东省质量强省建设纲要", "2023-06-21"), false},
	} {
		if got := x.Indexes(c.d); got != c.want {
			t.Errorf("Indexes(%s %q %q) = %v, want %v", c.d.ID, c.d.Title, c.d.Date, got, c.want)
		}
	}
}

// BenchmarkFind finds the references in every block of the seed documents.
func BenchmarkFind(b *testing.B) {
	c, problems := corpus.NewParser().LoadDir("../../content/docs")
	if problems.Err() != nil {
		b.Fatal(problems)
	}
	x := New(c.Docs)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range c.Docs {
			for _, s := range d.Sections {
				for _, bl := range s.Blocks {
					x.Find(d, bl.Text)
				}
			}
			for _, bl := range d.Preamble {
				x.Find(d, bl.Text)
			}
		}
	}
}
