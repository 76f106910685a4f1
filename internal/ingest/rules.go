package ingest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Zone is the part of a page a rule may remove lines from. Rules never
// reach into the numbered body, where a false match would lose text.
type Zone uint8

const (
	// Header is everything above the first section marker.
	Header Zone = 1 << iota
	// Body is the numbered text, from the first marker to the footer.
	Body
	// Footer is the run of page furniture at the end of the page.
	Footer
	// Anywhere is for artefacts that are never text, such as printed
	// page numbers.
	Anywhere = Header | Body | Footer
)

// Strength tells a footer rule that stands on its own from one that only
// counts beside page furniture.
type Strength uint8

const (
	// Strong lines are page furniture wherever their zone is.
	Strong Strength = iota
	// Weak lines (lists of organisation names) are furniture only in a
	// footer run that holds a strong line too.
	Weak
)

// LineRule removes whole lines.
type LineRule struct {
	Name     string
	Zone     Zone
	Strength Strength
	Match    func(line string) bool
}

// FragmentRule removes matches inside lines.
type FragmentRule struct {
	Name    string
	Pattern *regexp.Regexp
}

// metadataLabels open the metadata lines of government web pages.
var metadataLabels = []string{
	"来源", "來源", "信息来源", "信息來源", "发布时间", "發布時間", "发布日期", "發布日期", "发布机构", "發布機構",
	"浏览次数", "瀏覽次數", "阅读次数", "閱讀次數", "点击数", "點擊數", "点击率", "访问量", "訪問量",
	"字体", "字體", "字号", "字號", "文件号", "文件號", "制发日期", "制發日期", "成文日期",
	"索引号", "索引號", "主题分类", "主題分類", "发文机关", "發文機關", "发文字号", "發文字號", "发文日期", "發文日期",
	"作者", "编辑", "編輯", "责任编辑", "責任編輯", "分享到", "分享", "打印", "关闭", "關閉",
	// The facts a document's page on a tiaowen site lists, which its Word
	// download writes under the title (发布机关：…, 日期：…).
	"发布机关", "發布機關", "日期", "施行日期", "有效期至", "时效",
	// The labels of a page's table of facts (信息公开目录).
	"名称", "名稱", "标题", "標題", "文号", "文號", "分类", "分類", "信息分类", "信息分類",
	"主题词", "主題詞", "有效性", "时效性", "時效性", "公开方式", "公開方式", "公开范围", "公開範圍",
}

var (
	bullets      = "•·●▪◆■-–*"
	reDateTime   = regexp.MustCompile(`^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$`)
	reBreadcrumb = regexp.MustCompile(`(?:当前|當前|所在|现在|現在|您的)的?位置[\s\x{a0}]*[:：]|(?:首页|首頁)[\s\x{a0}]*(?:>|＞|»|›)`)
	reCopyright  = regexp.MustCompile(`(?i)copyright|©|版权所有|版權所有|ICP\s*备|ICP\s*備|ICP\s*证|ICP\s*證|公网安备|公網安備|网站标识码|網站標識碼|主办单位|主辦單位|承办单位|承辦單位|技术支持[:：]|技術支持[:：]|备案号|備案號|经营许可证|經營許可證`)
	reContact    = regexp.MustCompile(`^(?:电话|電話|传真|傳真|邮箱|郵箱|电子邮箱|電子郵箱|邮编|郵編|邮政编码|郵政編碼|地址|联系电话|聯繫電話|联系我们|聯繫我們|E-?mail|Tel|Fax)\s*[:：]|^[\p{Han}]{1,8}\s*[:：]\s*[\d\-－ ()（）]{7,}$`)
	reLeaveSite  = regexp.MustCompile(`即将离开|即將離開|是否继续|是否繼續|您访问的链接|您訪問的鏈接`)
	reShare      = regexp.MustCompile(`^(?:扫一扫在手机(?:上)?打开当前页|掃一掃在手機(?:上)?打開當前頁|扫一扫|掃一掃|微信扫一扫|微信掃一掃|分享到[:：]?.*|打印本页|打印本頁|关闭窗口|關閉窗口|【打印】.*|【关闭】.*|返回顶部|返回頂部|收藏本页|上一篇[:：].*|下一篇[:：].*|相关链接|相關鏈接|相关文章|相關文章)$`)
	// reSiteMenu is a site's menu flattened to a line: 首页 and two or
	// more short items, apart by bars, slashes or spaces.
	reSiteMenu   = regexp.MustCompile(`^(?:首页|首頁|网站首页|網站首頁)(?:\s*[|｜/／·]\s*[\p{Han}A-Za-z]{1,8}|\s+[\p{Han}A-Za-z]{1,8}){2,}\s*[|｜]?$`)
	reSiteName   = regexp.MustCompile(`^[\p{Han}]{2,20}(?:门户网站|門戶網站|政府网站|政府網站|网站|網站)$`)
	rePageNumber = regexp.MustCompile(`^[-—–－]\s*\d{1,4}\s*[-—–－]$`)
	// reExportNote is the last line of a Word document a tiaowen site
	// saved: where it was saved from, and when. Its address is the
	// document's source.
	reExportNote = regexp.MustCompile(`^导出自：(https?://\S+?|\S+\.html)（\d{4}-\d{2}-\d{2}）$`)
	reOrgName    = regexp.MustCompile(`(?:委员会|委員會|政府|办公厅|辦公廳|办公室|辦公室|部|厅|廳|局|委|会|會|协会|協會|学会|學會|中心|院|署|办|辦|联合会|聯合會)$`)
)

// stripBullet removes a leading list bullet and the space after it.
func stripBullet(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size > 0 && strings.ContainsRune(bullets, r) {
		return strings.TrimSpace(s[size:])
	}
	return s
}

// isMetadata reports page metadata: 「来源:|发布时间:2023-06-21」, 「• 发布机构:」,
// 「發布機構 | 江蘇省人民政府 | ||」, a bare publication time.
func isMetadata(line string) bool {
	s := stripBullet(line)
	if reDateTime.MatchString(s) {
		return true
	}
	s = strings.TrimLeft(s, "【[")
	for _, l := range metadataLabels {
		if rest, ok := strings.CutPrefix(s, l); ok {
			rest = strings.TrimLeft(rest, " \t\u3000")
			if rest == "" || strings.ContainsAny(rest[:1], ":：|") || strings.HasPrefix(rest, "：") || strings.HasPrefix(rest, "】") {
				return true
			}
		}
	}
	return false
}

// isSeparator reports lines of punctuation alone: 「- -」, 「* * *」, 「——」.
func isSeparator(line string) bool {
	if line == "" {
		return false
	}
	for _, r := range line {
		if !(unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r)) {
			return false
		}
	}
	return true
}

// isOrgList reports a line listing three or more organisations and
// nothing else: the 「主办单位」 and 「相关链接」 blocks of page footers.
func isOrgList(line string) bool {
	if strings.ContainsAny(line, "。，,；;：:！？") {
		return false
	}
	parts := strings.FieldsFunc(line, func(r rune) bool { return unicode.IsSpace(r) || r == '、' || r == '|' || r == '｜' })
	if len(parts) < 3 {
		return false
	}
	for _, p := range parts {
		if !reOrgName.MatchString(p) || utf8.RuneCountInString(p) > 30 {
			return false
		}
	}
	return true
}

// LineRules are the named rules that remove page furniture, in the
// order they are tried.
var LineRules = []LineRule{
	{"breadcrumb", Header, Strong, reBreadcrumb.MatchString},
	{"site-menu", Header | Footer, Strong, reSiteMenu.MatchString},
	{"site-name", Header | Footer, Strong, reSiteName.MatchString},
	{"page-metadata", Header, Strong, isMetadata},
	{"share-prompt", Header | Footer, Strong, reShare.MatchString},
	{"leave-site", Header | Footer, Strong, reLeaveSite.MatchString},
	{"copyright", Header | Footer, Strong, reCopyright.MatchString},
	{"contact", Footer, Strong, reContact.MatchString},
	{"separator", Header | Footer, Strong, isSeparator},
	{"page-number", Anywhere, Strong, rePageNumber.MatchString},
	{"export-note", Footer | Body, Strong, reExportNote.MatchString},
	{"footer-links", Footer, Weak, isOrgList},
}

// FragmentRules remove artefacts inside lines.
var FragmentRules = []FragmentRule{
	// Word's bookmark anchors, left in text exported from .docx files.
	{"bookmark", regexp.MustCompile(`\[bookmark: [^\]\n]*\]`)},
}
