package ingest

import (
	"slices"
	"strings"
	"testing"

	"tiaowen/internal/corpus"
)

func TestLineRules(t *testing.T) {
	tests := []struct {
		line string
		zone Zone
		want string
	}{
		{"您当前所在位置:首页>>政策法规", Header, "breadcrumb"},
		{"您现在所在的位置 : 首页\u00a0>\u00a0政务公开", Header, "breadcrumb"},
		{"首页 > 新闻中心 > 通知公告", Header, "breadcrumb"},
		{"陆河县人民政府门户网站", Header, "site-name"},
		{"首页 | 政务公开 | 互动交流", Header, "site-menu"},
		{"首頁 政務公開 政策文件 互動交流", Header, "site-menu"},
		{"首页/政务公开/政策法规", Footer, "site-menu"},
		{"来源:|发布时间:2023-06-21 14:09:43|浏览次数:2185", Header, "page-metadata"},
		{"发布日期:2020-09-23", Header, "page-metadata"},
		{"• 2017-06-07 09:36", Header, "page-metadata"},
		{"• 来源: 陆河府办〔2017〕43号", Header, "page-metadata"},
		{"• 【字体:", Header, "page-metadata"},
		{"發布機構 | 江蘇省人民政府 | ||", Header, "page-metadata"},
		{"文件號 | 制發日期 | 2023-03-10 |", Header, "page-metadata"},
		{"【字体：大 中 小】", Header, "page-metadata"},
		{"扫一扫在手机打开当前页", Footer, "share-prompt"},
		{"分享到：微信 微博", Footer, "share-prompt"},
		{"您访问的链接即将离开“陆河县人民政府”门户网站,是否继续?", Footer, "leave-site"},
		{"Copyright © 广州市高新技术企业协会 ICP备案号:粤ICP备15115089号 XML地图", Footer, "copyright"},
		{"備案號:蘇ICP備13033418號-1", Footer, "copyright"},
		{"粤公网安备 44010402000001号", Footer, "copyright"},
		{"電話:協會:025-8799064 學會:025-86799482", Footer, "contact"},
		{"會員服務部:025-86918841", Footer, "contact"},
		{"郵箱:jshghyxh@163.com", Footer, "contact"},
		{"- -", Footer, "separator"},
		{"- 12 -", Body, "page-number"},
		{"—3—", Body, "page-number"},
		{"广东省科学技术厅、广州市科学技术局、广东省高新技术企业协会", Footer, "footer-links"},
	}
	for _, tt := range tests {
		if got := matchLine(tt.line, tt.zone); got != tt.want {
			t.Errorf("matchLine(%q, %v) = %q, want %q", tt.line, tt.zone, got, tt.want)
		}
	}
}

// TestLineRulesSpareText checks lines of real text that look a little like
// furniture are kept.
func TestLineRulesSpareText(t *testing.T) {
	for _, tt := range []struct {
		line string
		zone Zone
	}{
		{"各镇人民政府,县政府各部门、各直属机构:", Header},
		{"广东省人民政府 2020年9月17日", Header},
		{"2017年5月24日", Header},
		{"陆河县人民政府办公室", Header},
		{"关于加快推进质量强省建设的实施方案", Header},
		{"（征求意见稿）", Header},
		{"附件", Header},
		{"中共广东省委 广东省人民政府", Footer},
		{"（此件公开发布）", Footer},
		{"广东省市场监督管理局 广东省发展和改革委员会", Footer},
		{"建立完善质量信息公开机制，发挥新闻媒体等社会监督作用。", Body},
		{"地址:南京市夢都大街50號", Body},
		{"——质量基础更加扎实。", Body},
		{"1.推进版权兴业", Body},
		{"首页 政务公开", Header},
	} {
		if got := matchLine(tt.line, tt.zone); got != "" {
			t.Errorf("matchLine(%q, %v) = %q, want no rule", tt.line, tt.zone, got)
		}
	}
}

func importString(t *testing.T, s string) (*Result, *corpus.Document) {
	t.Helper()
	res, err := Import("t.txt", []byte(s), Options{ID: "t"})
	if err != nil {
		t.Fatal(err)
	}
	d, problems := corpus.NewParser().Parse("t.md", res.Markdown())
	if err := problems.Err(); err != nil {
		t.Fatalf("parse: %v\n%s", err, res.Markdown())
	}
	return res, d
}

func TestRepairs(t *testing.T) {
	res, d := importString(t, "关于测试的实施方案\n一、总体要求\n（一）目标。到2025年，完成任务。（省市场监管局负责）　　二、主要任务\n（二）加强督查考核。各地要建立工作台账，持续推进各项工作任务，坚持问\n题导向，督促落实到位。\n")
	if len(d.Sections) != 4 {
		t.Fatalf("%d sections, want 4: %+v", len(d.Sections), d.JSON())
	}
	if d.Sections[2].Marker != "二、" || d.Sections[2].Title != "主要任务" {
		t.Errorf("glued heading: got %q %q", d.Sections[2].Marker, d.Sections[2].Title)
	}
	if got := d.Sections[1].Text; got != "到2025年，完成任务。（省市场监管局负责）" {
		t.Errorf("text before the glued heading = %q", got)
	}
	if got := d.Sections[3].Text; got != "各地要建立工作台账，持续推进各项工作任务，坚持问题导向，督促落实到位。" {
		t.Errorf("joined text = %q", got)
	}
	kinds := map[string]int{}
	for _, r := range res.Repairs {
		kinds[r.Kind]++
	}
	if kinds["split-heading"] != 1 || kinds["join-line"] != 1 {
		t.Errorf("repairs = %+v", res.Repairs)
	}
}

// TestMarkupStaysText checks that markup in raw text is escaped so that it
// reads as written and is never interpreted.
func TestMarkupStaysText(t *testing.T) {
	src := "关于测试的实施方案\n一、总体要求\n<script>alert(1)</script>正文\n<img src=x onerror=alert(2)>\n[点此](javascript:alert(3))\n*强调* &amp; 1. 列表\n# 不是标题\n"
	res, d := importString(t, src)
	got := d.Sections[0].Text
	for _, want := range []string{"<script>alert(1)</script>正文", "<img src=x onerror=alert(2)>", "[点此](javascript:alert(3))", "*强调* &amp; 1. 列表", "# 不是标题"} {
		if !strings.Contains(got, want) {
			t.Errorf("text lost %q:\n%s\n--- markdown:\n%s", want, got, res.Body)
		}
	}
	for _, b := range d.Sections[0].Blocks {
		if len(b.Links) > 0 {
			t.Errorf("block %q has links %+v", b.Text, b.Links)
		}
	}
}

func TestTablesFromTabs(t *testing.T) {
	_, d := importString(t, "关于测试的实施方案\n一、工作安排\n序号\t任务\t责任单位\n1\t计量检测\t市场监管局\n2\t标准研制\t科技局\n二、保障\n")
	if len(d.Sections) != 2 {
		t.Fatalf("%d sections, want 2 (table rows are not sections)", len(d.Sections))
	}
	bs := d.Sections[0].Blocks
	if len(bs) != 1 || bs[0].Kind != corpus.Table || len(bs[0].Rows) != 3 || bs[0].Rows[1][1] != "计量检测" {
		t.Fatalf("blocks = %+v", bs)
	}
}

// TestTableRowsNotJoined: the rows of a table copied from a web page end
// without punctuation, as a line broken in mid-sentence does; they are
// not joined, however long, nor is prose joined onto a row.
func TestTableRowsNotJoined(t *testing.T) {
	res, d := importString(t, "关于测试的实施方案\n一、工作安排\n重点任务分工如下，各单位要按照职责分工抓好落实\n序号\t任务\t牵头单位\t完成时限\n1\t建设区域计量测试中心\t省市场监管局\t2025年底前\n2\t推行质量安全首负责任制\t省商务厅\t持续推进\n二、保障\n")
	bs := d.Sections[0].Blocks
	if len(bs) != 2 || bs[1].Kind != corpus.Table || len(bs[1].Rows) != 3 || bs[1].Rows[2][1] != "推行质量安全首负责任制" {
		t.Fatalf("blocks = %+v\n%s", bs, res.Body)
	}
	if bs[0].Text != "重点任务分工如下，各单位要按照职责分工抓好落实" {
		t.Errorf("the paragraph before the table = %q", bs[0].Text)
	}
	for _, r := range res.Repairs {
		if r.Kind == "join-line" {
			t.Errorf("joined a line of the table: %+v", r)
		}
	}
}

// TestMetaNoticeTitle: a notice that is the document itself, not the
// wrapper of another, gives its own title.
func TestMetaNoticeTitle(t *testing.T) {
	res, _ := importString(t, "首页 > 通知公告\n市场监管总局关于开展2024年全国质量月活动的通知\n各省、自治区、直辖市市场监管局：\n为深入实施质量强国战略，现就有关事项通知如下。\n一、活动主题\n二、工作要求\n")
	if m := res.Meta; m.Title != "市场监管总局关于开展2024年全国质量月活动的通知" || m.Issuer != "市场监管总局" {
		t.Errorf("meta = %+v, notes %q", m, res.Notes)
	}
}

func TestMeta(t *testing.T) {
	res, _ := importString(t, "首页 > 政务公开\n国务院办公厅关于印发质量工作要点的通知\n国办发〔2024〕7号\n各省、自治区、直辖市人民政府：\n现将《质量工作要点》印发给你们，请认真贯彻执行。\n国务院办公厅\n二〇二四年三月五日\n质量工作要点\n一、总体要求\n")
	m := res.Meta
	if m.Title != "质量工作要点" || m.Number != "国办发〔2024〕7号" || m.Date != "2024-03-05" || m.Level != "national" || m.Issuer != "国务院办公厅" {
		t.Errorf("meta = %+v", m)
	}
}

// TestMetaTerm: the sentence that says when the document takes effect
// and until when fills effective and expires, with a note of its line;
// 自印发之日起 is the date the text gives. Without one, the page's
// metadata lines may give the days.
func TestMetaTerm(t *testing.T) {
	res, _ := importString(t, "关于深化质量强市建设的实施意见\n某市人民政府\n2024年3月5日\n一、总体要求\n正文。\n二、附则\n本意见自印发之日起施行，有效期3年。\n")
	m := res.Meta
	if m.Effective != "2024-03-05" || m.Expires != "2027-03-04" {
		t.Errorf("term = %q to %q, want 2024-03-05 to 2027-03-04", m.Effective, m.Expires)
	}
	const note = "effective 2024-03-05 and expires 2027-03-04, as line 7 says (「本意见自印发之日起施行，有效期3年」): check it"
	if !slices.Contains(res.Notes, note) {
		t.Errorf("notes = %q, want %q among them", res.Notes, note)
	}
	fm := string(res.Markdown())
	if !strings.Contains(fm, "date: \"2024-03-05\"\neffective: \"2024-03-05\"\nexpires: \"2027-03-04\"\n") {
		t.Errorf("front matter does not give the term after the date:\n%s", fm)
	}
	// Where the text says nothing of it, the page's metadata may.
	res, _ = importString(t, "关于深化质量强市建设的实施意见\n发布日期：2021-06-10\n施行日期：2021-09-01\n有效期至：2026-08-31\n一、总体要求\n正文。\n")
	if m := res.Meta; m.Effective != "2021-09-01" || m.Expires != "2026-08-31" {
		t.Errorf("term from the metadata = %q to %q, want 2021-09-01 to 2026-08-31", m.Effective, m.Expires)
	}
	if note := "effective 2021-09-01 and expires 2026-08-31, as the page's metadata says on lines 3 and 4: check it"; !slices.Contains(res.Notes, note) {
		t.Errorf("notes = %q, want %q among them", res.Notes, note)
	}
	// Both on one line.
	res, _ = importString(t, "关于深化质量强市建设的实施意见\n施行日期：2021-09-01　有效期至：2026-08-31\n一、总体要求\n正文。\n")
	if note := "effective 2021-09-01 and expires 2026-08-31, as the page's metadata says on line 2: check it"; !slices.Contains(res.Notes, note) {
		t.Errorf("notes = %q, want %q among them", res.Notes, note)
	}
	// A document that says nothing of its term has no such fields.
	res, _ = importString(t, "关于深化质量强市建设的实施意见\n一、总体要求\n正文。\n")
	if fm := string(res.Markdown()); strings.Contains(fm, "effective") || strings.Contains(fm, "expires") {
		t.Errorf("front matter of a document without a term:\n%s", fm)
	}
}
