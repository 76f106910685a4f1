package ingest

import (
	"strings"

	"tiaowen/internal/corpus"
	"tiaowen/internal/regions"
	"tiaowen/internal/slug"
	"tiaowen/internal/textnorm"
)

// idFromMeta makes a document's id as the seeds' are made —
// guangdong-2023-gangyao, luhe-2017-yijian: the pinyin of its region
// without the 省, 市 or 县, the year of its date, and the pinyin of the
// kind of document its title ends with — for a file whose name gives
// none. What the document does not say is left out; "doc" when it says
// none of them.
func idFromMeta(m corpus.Meta) string {
	var parts []string
	if r := regionWord(m.Region); r != "" {
		parts = append(parts, slug.Make(r))
	}
	if len(m.Date) >= 4 {
		parts = append(parts, m.Date[:4])
	}
	if k := documentKind(m.Title); k != "" {
		parts = append(parts, slug.Make(k))
	}
	if len(parts) == 0 {
		return "doc"
	}
	return strings.Join(parts, "-")
}

// regionSuffixes are what a region's name ends with that its short name,
// by which ids and people call it, leaves out; longest first.
var regionSuffixes = []string{"维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县", "地区", "省", "市", "县", "区", "盟", "旗"}

// regionWord is a region's short name in 简体: the division's own, the
// innermost of a region written out (福建省福州市鼓楼区 → 鼓楼), without
// the suffix of its kind.
func regionWord(region string) string {
	name := textnorm.Simplify(strings.TrimSpace(region))
	if path := regions.Find(region); path != nil {
		name = path[len(path)-1].Name
	}
	for _, s := range regionSuffixes {
		if short, ok := strings.CutSuffix(name, s); ok && len([]rune(short)) >= 2 {
			return short
		}
	}
	return name
}

// documentKinds are the kinds of document a title ends with, each as the
// word ids use (实施方案 is a 方案, 行动计划 a 计划).
var documentKinds = []string{"纲要", "方案", "意见", "办法", "规划", "计划", "通知", "决定", "条例", "规定", "细则", "措施", "要点", "通告", "公告", "决议", "规则", "指南", "清单", "报告"}

// documentKind is the kind of document a title names at its end, in
// 简体, ignoring a bracketed note after it (（征求意见稿）); "" for none.
func documentKind(title string) string {
	t := textnorm.Simplify(strings.TrimSpace(title))
	for {
		trimmed := strings.TrimSpace(t)
		if open := strings.LastIndexAny(trimmed, "（("); open > 0 && (strings.HasSuffix(trimmed, "）") || strings.HasSuffix(trimmed, ")")) {
			t = trimmed[:open]
			continue
		}
		t = trimmed
		break
	}
	for _, k := range documentKinds {
		if strings.HasSuffix(t, k) {
			return k
		}
	}
	return ""
}
