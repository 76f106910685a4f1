package refs

import (
	"strings"
	"testing"

	"tiaowen/internal/corpus"
	"tiaowen/internal/diag"
)

// citing is a document whose one section's paragraph, at a.md:7:1, is text.
func citing(id, date, text string) *corpus.Document {
	d := doc(id, "某县实施方案", date)
	d.File = id + ".md"
	d.Sections = []*corpus.Section{{EID: "sec_1", Blocks: []corpus.Block{
		{Kind: corpus.Paragraph, Text: text, Pos: diag.Position{File: d.File, Line: 7, Col: 1}},
	}}}
	return d
}

func numbered(id, title, date, number string) *corpus.Document {
	d := doc(id, title, date)
	d.Number = number
	return d
}

func TestCheck(t *testing.T) {
	plan := func(id, date string) *corpus.Document { return doc(id, "质量提升行动计划", date) }
	for _, c := range []struct {
		name string
		docs []*corpus.Document
		from *corpus.Document
		want string // the warnings, one to a line; "" for none
	}{
		{"linked", []*corpus.Document{plan("a", "2018-01-01"), plan("b", "2016-01-01")},
			citing("f", "2020-01-01", "根据《质量提升行动计划》"), ""},
		{"undated", []*corpus.Document{plan("a", "2018-01-01"), plan("b", "")},
			citing("f", "2020-01-01", "根据《质量提升行动计划》"),
			"f.md:7:1: warning: 《质量提升行动计划》 names a and b and is left unlinked: without dates the one cited cannot be told (give each of them its date: field; a title names the latest document issued on or before the one citing it)"},
		{"citer undated", []*corpus.Document{plan("a", "2018-01-01"), plan("b", "2016-01-01")},
			citing("f", "", "根据《质量提升行动计划》"),
			"f.md:7:1: warning: 《质量提升行动计划》 names a and b and is left unlinked: without dates the one cited cannot be told (give this document its date: field; a title names the latest document issued on or before the one citing it)"},
		{"same day", []*corpus.Document{plan("a", "2016-01-01"), plan("b", "2018-01-01"), plan("c", "2018-01-01"), plan("d", "2021-01-01")},
			citing("f", "2020-01-01", "根据《质量提升行动计划》"),
			"f.md:7:1: warning: 《质量提升行动计划》 names b and c, issued on one day, and is left unlinked: none is the latest (cite the one meant by its issuing number, and give each document its number: field)"},
		{"later", []*corpus.Document{plan("a", "2021-01-01")},
			citing("f", "2020-01-01", "根据《质量提升行动计划》"),
			"f.md:7:1: warning: 《质量提升行动计划》 names a, dated 2021-01-01, after this document (2020-01-01), and is left unlinked (check the dates: a document cites only what was issued before it)"},
		{"several later", []*corpus.Document{plan("a", "2021-01-01"), plan("b", "2022-01-01")},
			citing("f", "2020-01-01", "根据《质量提升行动计划》"),
			"f.md:7:1: warning: 《质量提升行动计划》 names a and b, each dated after this document (2020-01-01), and is left unlinked (check the dates: a document cites only what was issued before it)"},
		{"itself", []*corpus.Document{},
			citing("f", "2020-01-01", "印发《某县实施方案》"), ""},
		{"nothing of the corpus", []*corpus.Document{plan("a", "")},
			citing("f", "2020-01-01", "根据《质量强国建设纲要》"), ""},
		// The outer title links; the one inside it is its part.
		{"inside a linked title", []*corpus.Document{doc("n", "关于印发质量提升行动计划的通知", "2017-01-01"), plan("a", ""), plan("b", "")},
			citing("f", "2020-01-01", "落实《关于印发〈质量提升行动计划〉的通知》"), ""},
		{"number issued later", []*corpus.Document{numbered("a", "办法", "2021-03-01", "府办〔2021〕4号")},
			citing("f", "2020-01-01", "按照县府办〔2021〕4号文件要求"),
			"f.md:7:1: warning: 府办〔2021〕4号 names a, dated 2021-03-01, after this document (2020-01-01), and is left unlinked (check the dates: a document cites only what was issued before it)"},
		{"number linked", []*corpus.Document{numbered("a", "办法", "2017-03-01", "府办〔2017〕4号")},
			citing("f", "2020-01-01", "按照县府办〔2017〕4号文件要求"), ""},
		{"many", []*corpus.Document{plan("a", ""), plan("b", ""), plan("c", ""), plan("d", ""), plan("e", ""), plan("g", "")},
			citing("f", "2020-01-01", "根据《质量提升行动计划》"),
			"f.md:7:1: warning: 《质量提升行动计划》 names a, b, c, d and 2 more and is left unlinked: without dates the one cited cannot be told (give each of them its date: field; a title names the latest document issued on or before the one citing it)"},
	} {
		docs := append(c.docs, c.from)
		got := New(docs).Check(docs)
		if s := got.Error(); s != c.want {
			t.Errorf("%s: warnings\n%s\nwant\n%s", c.name, s, c.want)
		}
		for _, p := range got {
			if p.Severity != diag.Warning {
				t.Errorf("%s: %v is not a warning", c.name, p)
			}
		}
	}
}

// TestCheckEveryPlace: the preamble, every section and the trailing
// matter are read, at each paragraph's and table's position; code is not.
func TestCheckEveryPlace(t *testing.T) {
	text := "根据《质量提升行动计划》"
	at := func(line int, kind corpus.BlockKind) corpus.Block {
		return corpus.Block{Kind: kind, Text: text, Pos: diag.Position{File: "f.md", Line: line, Col: 1}}
	}
	f := doc("f", "方案", "")
	f.Preamble = []corpus.Block{at(3, corpus.Paragraph)}
	f.Sections = []*corpus.Section{
		{Blocks: []corpus.Block{at(5, corpus.Paragraph), at(6, corpus.Code)}},
		{Blocks: []corpus.Block{at(8, corpus.Table), at(9, corpus.Paragraph)}},
	}
	f.Trailing = []corpus.Block{at(12, corpus.Paragraph)}
	docs := []*corpus.Document{doc("a", "质量提升行动计划", ""), doc("b", "质量提升行动计划", ""), f}
	var lines []string
	for _, p := range New(docs).Check(docs) {
		lines = append(lines, p.Pos.String())
	}
	if got, want := strings.Join(lines, " "), "f.md:3:1 f.md:5:1 f.md:8:1 f.md:9:1 f.md:12:1"; got != want {
		t.Errorf("warned at %s, want %s", got, want)
	}
}

// TestCheckSeeds: every citation among the seeds links.
func TestCheckSeeds(t *testing.T) {
	c, problems := corpus.NewParser().LoadDir("../../content/docs")
	if problems.Err() != nil {
		t.Fatal(problems)
	}
	if ws := New(c.Docs).Check(c.Docs); len(ws) > 0 {
		t.Errorf("warnings for the seeds:\n%v", ws)
	}
}

// checkFuzzed is what FuzzFind asks of unlinked: no span that Find links.
func checkFuzzed(t *testing.T, x *Index, from *corpus.Document, text string) {
	refs := x.Find(from, text)
	for _, u := range x.unlinked(from, text) {
		for _, r := range refs {
			if r.Start < u.end && u.start < r.End {
				t.Fatalf("%q is both linked (%v) and reported unlinked", u.text, r)
			}
		}
		if runes := []rune(text); u.start < 0 || u.end > len(runes) || string(runes[u.start:u.end]) != u.text {
			t.Fatalf("%q reported at runes %d–%d of %q", u.text, u.start, u.end, text)
		}
		if len(u.docs) == 0 {
			t.Fatalf("%q reported unlinked naming no document", u.text)
		}
		msg, _ := u.explain(from)
		if !strings.Contains(msg, u.text) {
			t.Fatalf("message %q does not quote %q", msg, u.text)
		}
	}
}

// TestCheckRepealed: a text that repeals a document of the corpus (《…》
// 同时废止) makes it its earlier version, which supersedes should say,
// unless this document or another already does; a title named in
// another sentence than the one that repeals is not repealed.
func TestCheckRepealed(t *testing.T) {
	plan := func(id, date string) *corpus.Document { return doc(id, "质量提升行动计划", date) }
	superseding := func(d *corpus.Document, ids ...string) *corpus.Document {
		d.Supersedes = ids
		return d
	}
	const repeal = "本方案自印发之日起施行，《质量提升行动计划》同时废止。"
	for _, c := range []struct {
		name string
		docs []*corpus.Document
		from *corpus.Document
		want string
	}{
		{"repealed", []*corpus.Document{plan("a", "2018-01-01")}, citing("f", "2020-01-01", repeal),
			"f.md:7:1: warning: the text repeals 《质量提升行动计划》 (a), which no document supersedes (add it to this document's front matter, supersedes: [a], so that its pages lead here)"},
		{"traditional, among others", []*corpus.Document{plan("a", "2018-01-01"), doc("b", "某县办法", "2015-01-01")},
			superseding(citing("f", "2020-01-01", "《質量提升行動計劃》予以廢止。"), "b"),
			"f.md:7:1: warning: the text repeals 《質量提升行動計劃》 (a), which no document supersedes (add it to this document's front matter, supersedes: [b, a], so that its pages lead here)"},
		{"by number", []*corpus.Document{numbered("a", "办法", "2017-03-01", "府办〔2017〕4号")},
			citing("f", "2020-01-01", "县府办〔2017〕4号文件即行废止。"),
			"f.md:7:1: warning: the text repeals 府办〔2017〕4号 (a), which no document supersedes (add it to this document's front matter, supersedes: [a], so that its pages lead here)"},
		{"superseded by it", []*corpus.Document{plan("a", "2018-01-01")}, superseding(citing("f", "2020-01-01", repeal), "a"), ""},
		{"superseded by another", []*corpus.Document{plan("a", "2018-01-01"), superseding(doc("g", "某市方案", "2019-01-01"), "a")},
			citing("f", "2020-01-01", repeal), ""},
		// A part repealed leaves the document in force.
		{"articles", []*corpus.Document{plan("a", "2018-01-01")}, citing("f", "2020-01-01", "《质量提升行动计划》第五条、第六条同时废止。"), ""},
		{"some provisions", []*corpus.Document{plan("a", "2018-01-01")}, citing("f", "2020-01-01", "《質量提升行動計劃》的部分條款予以廢止。"), ""},
		{"what conflicts", []*corpus.Document{plan("a", "2018-01-01")},
			citing("f", "2020-01-01", "《质量提升行动计划》中与本方案不一致的内容同时废止。"), ""},
		{"an article, repealed first", []*corpus.Document{plan("a", "2018-01-01")}, citing("f", "2020-01-01", "废止《质量提升行动计划》第三条。"), ""},
		{"repealed first", []*corpus.Document{plan("a", "2018-01-01")}, citing("f", "2020-01-01", "废止《质量提升行动计划》。"),
			"f.md:7:1: warning: the text repeals 《质量提升行动计划》 (a), which no document supersedes (add it to this document's front matter, supersedes: [a], so that its pages lead here)"},
		// A title of rules (规定) in the list is no part of the other.
		{"with rules", []*corpus.Document{plan("a", "2018-01-01"), doc("b", "质量奖管理规定", "2016-01-01")},
			citing("f", "2020-01-01", "《质量提升行动计划》和《质量奖管理规定》同时废止。"),
			"f.md:7:1: warning: the text repeals 《质量提升行动计划》 (a), which no document supersedes (add it to this document's front matter, supersedes: [a], so that its pages lead here)\n" +
				"f.md:7:1: warning: the text repeals 《质量奖管理规定》 (b), which no document supersedes (add it to this document's front matter, supersedes: [b], so that its pages lead here)"},
		{"another sentence", []*corpus.Document{plan("a", "2018-01-01")},
			citing("f", "2020-01-01", "根据《质量提升行动计划》制定本方案。原有规定同时废止。"), ""},
		// A title names only what was issued before: a later plan is
		// left unlinked, and repealed by nothing.
		{"later", []*corpus.Document{plan("a", "2021-01-01")}, citing("f", "2020-01-01", repeal),
			"f.md:7:1: warning: 《质量提升行动计划》 names a, dated 2021-01-01, after this document (2020-01-01), and is left unlinked (check the dates: a document cites only what was issued before it)"},
	} {
		docs := append(c.docs, c.from)
		if s := New(docs).Check(docs).Error(); s != c.want {
			t.Errorf("%s: warnings\n%s\nwant\n%s", c.name, s, c.want)
		}
	}
}
