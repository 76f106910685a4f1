package ingest

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"tiaowen/internal/corpus"
	"tiaowen/internal/numbering"
	"tiaowen/internal/regions"
)

var (
	reDocKind     = regexp.MustCompile(`(?:方案|意见|意見|纲要|綱要|规划|規劃|办法|辦法|条例|條例|规定|規定|决定|決定|计划|計劃|细则|細則|指引|指南|措施|通知|公告|通告|报告|報告|规则|規則|章程|要点|要點)$`)
	reStatus      = regexp.MustCompile(`[（(]?(征求意见稿|征求意見稿|送审稿|送審稿|讨论稿|討論稿|草案|试行|試行)[)）]?`)
	reStatusOnly  = regexp.MustCompile(`^[（(](征求意见稿|征求意見稿|送审稿|送審稿|讨论稿|討論稿|草案)[)）]$`)
	reIssued      = regexp.MustCompile(`^(?:\p{Han}{1,6}\s*[:：]\s*)?(.+?)(?:印发|印發|转发|轉發)(?:《(.+?)》|(.+?)的通知)`)
	reIssuedTitle = regexp.MustCompile(`(?:印发|印發|转发|轉發)(?:《(.+?)》|(.+?)的通知)`)
	reIssuerTitle = regexp.MustCompile(`^(.{2,30}?(?:政府|委员会|委員會|办公厅|辦公廳|办公室|辦公室|局|厅|廳|部|委|院|会|會|省委|市委|县委|縣委))(?:关于|關於|關于|关於)`)
	reIssuerMeta  = regexp.MustCompile(`(?:发布机构|發布機構|发文机关|發文機關|发布机关|發布機關)\s*[:：|｜]\s*([^|｜:：\s]+)`)
	reDateCN      = regexp.MustCompile(`(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*([\d〇零一二三四五六七八九十]{1,3})\s*月\s*([\d〇零一二三四五六七八九十]{1,3})\s*日$`)
	reDateMeta    = regexp.MustCompile(`(?:成文日期|制发日期|制發日期|发文日期|發文日期|^日期)\s*[:：|｜]?\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})`)
	// The days a page's metadata gives a document's term, as law
	// databases list them beside its date of issue.
	reEffectiveMeta = regexp.MustCompile(`(?:施行日期|實施日期|实施日期|生效日期|施行时间|施行時間)\s*[:：|｜]?\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})`)
	reExpiresMeta   = regexp.MustCompile(`(?:有效期至|有效期限至|有效截止日期)\s*[:：|｜]?\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})`)
	rePubDate       = regexp.MustCompile(`(?:发布时间|發布時間|发布日期|發布日期)?\s*[:：]?\s*(\d{4})-(\d{1,2})-(\d{1,2})`)
	reDocNumber     = regexp.MustCompile(`[〔\[［(（]\s*(\d{4})\s*[〕\]］)）]\s*(\d{1,4})\s*[号號]`)
	reRegion        = regexp.MustCompile(`^(?:中共|中國共產黨|中国共产党)?\s*([\p{Han}]{2,5}?(?:省|自治区|自治區|特别行政区|市|县|縣|区|區))`)
	reNational      = regexp.MustCompile(`^(?:国务院|國務院|中共中央|中国共产党中央|国家|國家|全国|全國|中华人民共和国|中華人民共和國)`)
)

// header holds what the metadata is read from.
type header struct {
	all  []string // every line above the first marker, cruft included
	kept []string // the lines of the preamble that stay
	tail []string // the last lines of the document, for a signature
	text string   // all kept text, for the script
}

// readMeta fills front matter from what the text says. It never guesses
// beyond the text: what it cannot find it leaves empty and names in the
// returned notes, for the person reviewing the import to fill in.
func readMeta(h header, script string) (corpus.Meta, []string) {
	var m corpus.Meta
	var notes []string
	m.Title, m.Status = findTitle(h)
	if m.Title == "" {
		notes = append(notes, "no title found in the text: set title in the front matter")
	}
	m.Issuer = findIssuer(h, m.Title)
	m.Date = findDate(h)
	m.Number = findNumber(h)
	m.Lang = script
	m.Region, m.Level = findRegion(m.Issuer, m.Title)
	if m.Issuer == "" {
		notes = append(notes, "no issuer found in the text: set issuer if it is known")
	}
	if m.Date == "" {
		notes = append(notes, "no date found in the text")
	}
	m.Aliases = []string{}
	return m, notes
}

// findTitle returns the document's own title and its status. Where a
// notice or news item wraps the document, the enclosed document's title
// wins over the notice's.
func findTitle(h header) (title, status string) {
	status = "正式"
	for _, l := range h.kept {
		if sm := reStatusOnly.FindStringSubmatch(l); sm != nil {
			status = sm[1]
		}
	}
	var issued []string
	for _, l := range h.all {
		if sm := reIssuedTitle.FindStringSubmatch(l); sm != nil {
			t := sm[1] + sm[2]
			t = strings.Trim(t, "《》")
			issued = append(issued, t)
		}
	}
	// A notice's title (…的通知) is the document's only when nothing else
	// is: a notice that carries a document is read for the document's.
	var lines, notices []string
	for _, l := range h.kept {
		t := l
		if sm := reStatus.FindStringSubmatch(t); sm != nil && strings.HasSuffix(t, sm[0]) && sm[0] != t {
			t = strings.TrimSpace(strings.TrimSuffix(t, sm[0]))
			if sm[1] != "试行" && sm[1] != "試行" {
				status = sm[1]
			}
		}
		if utf8.RuneCountInString(t) > 60 || strings.ContainsAny(t, "。，,；;：:") || reIssuedTitle.MatchString(t) {
			continue
		}
		switch {
		case !reDocKind.MatchString(t):
		case strings.HasSuffix(t, "通知"):
			notices = append(notices, t)
		default:
			lines = append(lines, t)
		}
	}
	for _, l := range lines {
		for _, t := range issued {
			if l == t {
				return l, status
			}
		}
	}
	if len(lines) > 0 {
		return lines[0], status
	}
	if len(issued) > 0 {
		return issued[0], status
	}
	if len(notices) > 0 {
		return notices[0], status
	}
	return "", status
}

// findIssuer returns the issuing body: the one the title names
// (「陆河县人民政府关于…」), the one that issued a notice (「广东省人民政府印发…」),
// the page's 发布机构, or the signature above a date.
func findIssuer(h header, title string) string {
	if sm := reIssuerTitle.FindStringSubmatch(title); sm != nil {
		return sm[1]
	}
	for _, l := range h.all {
		if sm := reIssued.FindStringSubmatch(l); sm != nil && utf8.RuneCountInString(sm[1]) <= 30 {
			issuer := strings.TrimSpace(sm[1])
			for _, w := range []string{"关于", "關於", "關于", "关於"} {
				issuer = strings.TrimSuffix(issuer, w)
			}
			return issuer
		}
	}
	for _, l := range h.all {
		if sm := reIssuerMeta.FindStringSubmatch(l); sm != nil {
			return sm[1]
		}
	}
	for _, lines := range [][]string{h.kept, h.tail} {
		for i, l := range lines {
			if sm := reDateCN.FindStringIndex(l); sm != nil {
				if pre := strings.TrimSpace(l[:sm[0]]); pre != "" {
					return pre
				}
				if i > 0 && utf8.RuneCountInString(lines[i-1]) <= 30 && !strings.ContainsAny(lines[i-1], "。，,；;：:") {
					return lines[i-1]
				}
			}
		}
	}
	return ""
}

// findDate prefers the date the document or its notice was signed over
// the page's publication time.
func findDate(h header) string {
	for _, lines := range [][]string{h.kept, h.tail} {
		for _, l := range lines {
			if utf8.RuneCountInString(l) > 40 {
				continue
			}
			if sm := reDateCN.FindStringSubmatch(l); sm != nil {
				if d := ymd(sm[1], sm[2], sm[3]); d != "" {
					return d
				}
			}
		}
	}
	for _, l := range h.all {
		if sm := reDateMeta.FindStringSubmatch(l); sm != nil {
			if d := ymd(sm[1], sm[2], sm[3]); d != "" {
				return d
			}
		}
	}
	for _, l := range h.all {
		if !isMetadata(l) {
			continue
		}
		if sm := rePubDate.FindStringSubmatch(l); sm != nil {
			if d := ymd(sm[1], sm[2], sm[3]); d != "" {
				return d
			}
		}
	}
	return ""
}

// ymd formats a date from its parts, in digits or Chinese numerals.
func ymd(y, mo, d string) string {
	num := func(s string) int {
		if n, ok := numbering.ParseDigits(s); ok {
			return n
		}
		if n, ok := numbering.ParseChinese(s); ok {
			return n
		}
		// Years are written digit by digit: 二〇二三.
		n := 0
		for _, r := range s {
			v := slices.Index([]rune("〇一二三四五六七八九"), r)
			if r == '零' {
				v = 0
			}
			if v < 0 {
				return -1
			}
			n = n*10 + v
		}
		return n
	}
	yy, mm, dd := num(y), num(mo), num(d)
	if yy < 1949 || yy > 2100 || mm < 1 || mm > 12 || dd < 1 || dd > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", yy, mm, dd)
}

// findNumber returns the 文号 of the document or its notice. A number in
// brackets or after a 《title》 is a citation of another document.
func findNumber(h header) string {
	for _, l := range h.all {
		for _, loc := range reDocNumber.FindAllStringIndex(l, -1) {
			before := []rune(l[:loc[0]])
			// The issuer's abbreviation: up to six Han characters before
			// the bracket, cut after a word that ends a title.
			start := len(before)
			for start > 0 && len(before)-start < 6 && isHan(before[start-1]) {
				start--
			}
			prefix := string(before[start:])
			for _, w := range []string{"通知", "的", "》", "决定", "決定", "意见", "意見", "方案"} {
				if i := strings.LastIndex(prefix, w); i >= 0 {
					prefix = prefix[i+len(w):]
				}
			}
			if prefix == "" {
				continue
			}
			pstart := len(before) - utf8.RuneCountInString(prefix)
			if pstart > 0 && strings.ContainsRune("（(《》", before[pstart-1]) {
				continue
			}
			return prefix + normaliseNumber(l[loc[0]:loc[1]])
		}
	}
	return ""
}

// normaliseNumber removes stray spaces inside a 文号 but keeps its brackets.
func normaliseNumber(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func isHan(r rune) bool {
	return r >= 0x3400 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x3FFFF
}

// findRegion reads the region and administrative level from the issuer,
// or failing that the title.
func findRegion(issuer, title string) (region, level string) {
	for _, s := range []string{issuer, title} {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if reNational.MatchString(s) {
			return "全国", "national"
		}
		// The divisions the text begins with, as far down as it names
		// them: 广东省汕尾市陆河县人民政府 is 陆河县's, and 昆山市 a
		// county-level city.
		named := s
		for _, party := range []string{"中共", "中國共產黨", "中国共产党"} {
			named = strings.TrimSpace(strings.TrimPrefix(named, party))
		}
		if path, written := regions.Prefix(named); path != nil {
			return written, path[len(path)-1].Level()
		}
		// A region the table does not know, by its name's ending.
		sm := reRegion.FindStringSubmatch(s)
		if sm == nil {
			continue
		}
		r := sm[1]
		switch {
		case strings.HasSuffix(r, "省") || strings.HasSuffix(r, "自治区") || strings.HasSuffix(r, "自治區") || strings.HasSuffix(r, "特别行政区"):
			return r, "province"
		case r == "北京市" || r == "上海市" || r == "天津市" || r == "重庆市" || r == "重慶市":
			return r, "province"
		case strings.HasSuffix(r, "市"):
			return r, "city"
		default:
			return r, "county"
		}
	}
	return "", ""
}
