package validity

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"tiaowen/internal/numbering"
	"tiaowen/internal/textnorm"
)

// Term is when a document is in force, as far as it says: each a day
// written YYYY-MM-DD, or "" when it does not say.
type Term struct {
	// Effective is the first day in force.
	Effective string
	// Expires is the last day in force: 有效期至2028年12月31日 is in force on
	// that day and not after it.
	Expires string
}

// Statement is what one paragraph says of its document's term.
type Statement struct {
	Term
	// Phrase is the words that say so, as written, from the naming of
	// the document to the end of the last date: 「本方案自印发之日起施行，有效期5年」.
	Phrase string
	// Offset is where Phrase starts in the paragraph, in runes.
	Offset int
}

// date is a day as documents write it: a year, then perhaps a month,
// then perhaps a day (日 or 号), perhaps ending in 底 or 末. Its three
// groups are the year, the month and the day.
const date = `(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])?)?\s*(?:底|末)?`

// period names the span a document runs for.
const period = `(?:有效期|执行期|实施期|试行期)限?\s*(?:为|是)?\s*`

var (
	// subject names the document itself: 本方案, 本实施意见, 本文件; and
	// issuer the notice that issues it, 现将《…》印发给你们.
	subject = regexp.MustCompile(`本\p{Han}{0,4}?(?:方案|意见|办法|规定|细则|通知|纲要|规划|计划|措施|决定|条例|指引|指南|规则|文件|政策|要点|制度|公告|通告)`)
	issuer  = regexp.MustCompile(`现将《[^《》]+》(?:予以)?印发`)
	// nextTo is what may stand between the naming of the document and
	// the day it takes effect: a bracketed word (（试行）), the notice's
	// 给你们, a comma, spaces.
	nextTo = regexp.MustCompile(`^(?:[（(][^（）()]{0,8}[）)]|给你们|[，,\s])*$`)

	effectiveOn    = regexp.MustCompile(`(?:自|从|于)?\s*` + date + `\s*(?:起|开始)\s*(?:施行|执行|实施|生效|试行)`)
	effectiveIssue = regexp.MustCompile(`(?:自|从)\s*(?:印发|发布|公布|颁布|下发|发文)\s*之日\s*起\s*(?:(\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:日|天)\s*后\s*)?(?:施行|执行|实施|生效|试行)`)
	runsFromTo     = regexp.MustCompile(period + `(?:自|从)?\s*` + date + `\s*起?\s*(?:至|到|—|－|-|~|～)\s*` + date + `\s*止?`)
	runsUntil      = regexp.MustCompile(period + `(?:至|到|截至|截止到|截止)\s*` + date + `\s*止?`)
	runsFor        = regexp.MustCompile(period + `(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(年|个月)`)
)

// Find returns what paragraph says of its document's term, and whether
// it says anything that gives a day. issued is the day the document was
// issued (YYYY-MM-DD, or "" when unknown), the day 自印发之日起 means.
func Find(paragraph, issued string) (Statement, bool) {
	if !mayState(paragraph) {
		return Statement{}, false
	}
	return find(paragraph, issued)
}

// find is Find without the quick test of mayState.
func find(paragraph, issued string) (Statement, bool) {
	runes := []rune(paragraph)
	folded := fold(runes)
	subjects := append(subject.FindAllStringIndex(folded, -1), issuer.FindAllStringIndex(folded, -1)...)
	if subjects == nil {
		return Statement{}, false
	}
	slices.SortFunc(subjects, func(a, b []int) int { return a[0] - b[0] })
	// A day it takes effect counts only right after the document is
	// named (「本意见（试行）自…起施行」, 「现将《…》印发给你们，自…」), or
	// as the next clause of its sentence, 自 first (「本办法由…负责解释，
	// 自…起施行」): a paragraph that names it may go on to what else
	// 自…起实施.
	named := func(loc []int) bool {
		for _, s := range subjects {
			if s[1] > loc[0] {
				continue
			}
			gap := folded[s[1]:loc[0]]
			if nextTo.MatchString(gap) {
				return true
			}
			if strings.HasSuffix(gap, "，") && !strings.ContainsAny(gap, "。；") && utf8.RuneCountInString(gap) <= 24 &&
				(strings.HasPrefix(folded[loc[0]:], "自") || strings.HasPrefix(folded[loc[0]:], "从")) {
				return true
			}
		}
		return false
	}
	// A period counts in a sentence that names the document, or in the
	// one after it (「本方案自印发之日起施行。有效期至2025年底。」).
	sentence := func(off int) int {
		return strings.Count(folded[:off], "。") + strings.Count(folded[:off], "；") + strings.Count(folded[:off], "\n")
	}
	about := map[int]bool{}
	for _, s := range subjects {
		about[sentence(s[0])], about[sentence(s[0])+1] = true, true
	}
	first := func(re *regexp.Regexp, ok func(m []int) bool) []int {
		for _, m := range re.FindAllStringSubmatchIndex(folded, -1) {
			if ok(m) {
				return m
			}
		}
		return nil
	}
	var st Statement
	start, end := len(folded), 0
	span := func(loc []int) {
		start, end = min(start, loc[0]), max(end, loc[1])
	}
	if m := first(effectiveOn, func(m []int) bool { return named(m) && day(folded, m[2:8], false) != "" }); m != nil {
		st.Effective = day(folded, m[2:8], false)
		span(m)
	}
	if st.Effective == "" && valid(issued) {
		if m := first(effectiveIssue, named); m != nil {
			st.Effective = issued
			if m[2] >= 0 {
				// 自公布之日起30日后施行: the thirtieth day after.
				t, _ := time.Parse(time.DateOnly, issued)
				n, ok := numbering.ParseNumber(folded[m[2]:m[3]])
				st.Effective = ""
				if ok {
					st.Effective = t.AddDate(0, 0, n).Format(time.DateOnly)
				}
			}
			if st.Effective != "" {
				span(m)
			}
		}
	}
	inAbout := func(m []int) bool { return about[sentence(m[0])] }
	if m := first(runsFromTo, inAbout); m != nil {
		from, to := day(folded, m[2:8], false), day(folded, m[8:14], true)
		if from != "" && to != "" && from <= to && to >= st.Effective {
			if st.Effective == "" {
				st.Effective = from
			}
			st.Expires = to
			span(m)
		}
	}
	if st.Expires == "" {
		if m := first(runsUntil, inAbout); m != nil {
			if d := day(folded, m[2:8], true); d != "" && d >= st.Effective {
				st.Expires = d
				span(m)
			}
		}
	}
	if st.Expires == "" && st.Effective != "" {
		if m := first(runsFor, inAbout); m != nil {
			if d := after(st.Effective, folded[m[2]:m[3]], folded[m[4]:m[5]]); d != "" {
				st.Expires = d
				span(m)
			}
		}
	}
	if st.Effective == "" && st.Expires == "" {
		return Statement{}, false
	}
	// The phrase starts where the document is named, the last time
	// before it says its term (「制定本意见。本意见自…」), or the first
	// after (「有效期至2025年底，本方案…」).
	who := subjects[0]
	for _, s := range subjects {
		if s[0] <= start {
			who = s
		}
	}
	span(who)
	// The folded text has a rune for every rune of the paragraph, so its
	// rune offsets are the paragraph's.
	st.Offset = utf8.RuneCountInString(folded[:start])
	st.Phrase = string(runes[st.Offset : st.Offset+utf8.RuneCountInString(folded[start:end])])
	return st, true
}

// mayState reports whether a paragraph has the words every statement of
// a term needs: a naming of the document (本, 现将), and 起 or 开始 of
// 自…起施行 or the 期 of a period (有效期, 执行期, 实施期, 试行期) — in
// either script, as written. Nearly every paragraph of a document says
// nothing of its term, and is let go here, before it is folded and
// searched. (A loop over the runes, one pass, took three times as long
// as these searches.)
func mayState(p string) bool {
	return (strings.Contains(p, "本") || strings.Contains(p, "现将") || strings.Contains(p, "現將")) &&
		(strings.Contains(p, "起") || strings.Contains(p, "开始") || strings.Contains(p, "開始") ||
			strings.Contains(p, "有效期") || strings.Contains(p, "行期") || strings.Contains(p, "施期"))
}

// fold writes runes in 简体 with ASCII digits, rune for rune.
func fold(runes []rune) string {
	var b strings.Builder
	b.Grow(len(runes) * 3)
	for _, r := range runes {
		if r >= '０' && r <= '９' {
			r = r - '０' + '0'
		}
		b.WriteRune(textnorm.SimplifyRune(r))
	}
	return b.String()
}

// day reads the date whose year, month and day groups loc gives (pairs
// of byte offsets into s, -1 for a group that did not match). A date
// without its day or month is the first day of the month or year it
// names, or the last when end is set: 有效期至2028年底.
func day(s string, loc []int, end bool) string {
	group := func(i int) string {
		if loc[2*i] < 0 {
			return ""
		}
		return s[loc[2*i]:loc[2*i+1]]
	}
	y, ok := year(group(0))
	if !ok || y < 1949 || y > 2100 {
		return ""
	}
	m, d := 1, 1
	if end {
		m = 12
	}
	if g := group(1); g != "" {
		if m, ok = numbering.ParseNumber(g); !ok || m < 1 || m > 12 {
			return ""
		}
	}
	if g := group(2); g != "" {
		if d, ok = numbering.ParseNumber(g); !ok {
			return ""
		}
	} else if end {
		d = time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m {
		return "" // 2月30日
	}
	return t.Format(time.DateOnly)
}

// year reads a year in digits or written digit by digit: 二〇二四.
func year(s string) (int, bool) {
	n := 0
	for _, r := range s {
		v := int(r - '0')
		if r < '0' || r > '9' {
			if v = slices.Index(chineseDigits, r); r == '零' {
				v = 0
			}
		}
		if v < 0 {
			return 0, false
		}
		n = n*10 + v
	}
	return n, s != ""
}

var chineseDigits = []rune("〇一二三四五六七八九")

// after returns the last day of a period of n years or months (unit 年
// or 个月) that starts on from.
func after(from, n, unit string) string {
	t, err := time.Parse(time.DateOnly, from)
	count, ok := numbering.ParseNumber(n)
	if n == "两" {
		count, ok = 2, true
	}
	if err != nil || !ok || count < 1 || count > 100 {
		return ""
	}
	if unit == "年" {
		t = t.AddDate(count, 0, -1)
	} else {
		t = t.AddDate(0, count, -1)
	}
	return t.Format(time.DateOnly)
}

// valid reports whether s is a day written YYYY-MM-DD.
func valid(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
