package numbering

import "strings"

// digitValue is the value of a Chinese digit character, or -1.
func digitValue(r rune) int {
	switch r {
	case '〇', '零':
		return 0
	case '一':
		return 1
	case '二', '两':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return -1
}

// unitValue is the value of a Chinese unit character, or 0.
func unitValue(r rune) int {
	switch r {
	case '十':
		return 10
	case '百':
		return 100
	case '千':
		return 1000
	}
	return 0
}

// isNumeralRune reports whether r can be part of a Chinese numeral.
func isNumeralRune(r rune) bool {
	return digitValue(r) >= 0 || unitValue(r) > 0
}

// ParseChinese returns the value of a Chinese numeral such as 三十一 or
// 一百零一. It accepts values from 0 to 9999 in their usual written forms
// and rejects malformed ones (十十, 三五, 一百零, 零一).
func ParseChinese(s string) (int, bool) {
	rs := []rune(s)
	if len(rs) == 0 {
		return 0, false
	}
	if len(rs) == 1 && digitValue(rs[0]) == 0 {
		return 0, true
	}
	total := 0
	lastUnit := 10000  // units must strictly decrease: 千 > 百 > 十
	pending := -1      // a digit waiting for its unit
	zeroSeen := false  // a 零 that must be followed by a digit
	afterZero := false // the pending digit follows a 零: 一百零一
	for i, r := range rs {
		if d := digitValue(r); d >= 0 {
			if pending >= 0 {
				return 0, false // two digits in a row: 三五
			}
			if d == 0 {
				if zeroSeen || i == 0 || lastUnit == 10000 {
					return 0, false
				}
				zeroSeen = true
				continue
			}
			afterZero = zeroSeen
			zeroSeen = false
			pending = d
			continue
		}
		u := unitValue(r)
		if u == 0 || u >= lastUnit {
			return 0, false
		}
		if zeroSeen {
			return 0, false // 一百零十
		}
		switch {
		case pending >= 0:
			total += pending * u
		case u == 10 && i == 0:
			total += 10 // 十一: the leading 一 is implied
		case u == 10 && lastUnit == 100:
			total += 10 // 一百十: colloquial for 一百一十
		default:
			return 0, false
		}
		pending = -1
		afterZero = false
		lastUnit = u
	}
	if pending >= 0 {
		if afterZero || lastUnit == 10000 || lastUnit == 10 {
			total += pending
		} else if lastUnit > 10 {
			// 一百五 is colloquial for 150 but too ambiguous in section
			// numbers to guess; require 一百零五 or 一百五十.
			return 0, false
		}
	} else if zeroSeen {
		return 0, false // a trailing 零
	}
	if lastUnit == 10000 && len(rs) > 1 {
		return 0, false
	}
	return total, true
}

// FormatChinese writes n (0 to 9999) as a Chinese numeral in the form
// documents use for section numbers: 十一, 二十, 一百零一, 一百一十.
func FormatChinese(n int) string {
	if n < 0 || n > 9999 {
		return ""
	}
	if n == 0 {
		return "〇"
	}
	const digits = "〇一二三四五六七八九"
	d := []rune(digits)
	var b strings.Builder
	units := []struct {
		v int
		r rune
	}{{1000, '千'}, {100, '百'}, {10, '十'}}
	zero := false
	started := false
	for _, u := range units {
		q := n / u.v % 10
		if q == 0 {
			if started {
				zero = true
			}
			continue
		}
		if zero {
			b.WriteRune('零')
			zero = false
		}
		if !(u.v == 10 && q == 1 && !started) {
			b.WriteRune(d[q])
		}
		b.WriteRune(u.r)
		started = true
	}
	if o := n % 10; o > 0 {
		if zero {
			b.WriteRune('零')
		}
		b.WriteRune(d[o])
	}
	return b.String()
}

// ParseDigits returns the value of a run of ASCII or full-width digits.
func ParseDigits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for _, r := range s {
		d := asciiDigit(r)
		if d < 0 {
			return 0, false
		}
		if n > 1e8 {
			return 0, false
		}
		n = n*10 + d
	}
	return n, true
}

// asciiDigit is the value of an ASCII or full-width digit, or -1.
func asciiDigit(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	return -1
}

// ParseNumber returns the value of a section number written either as a
// Chinese numeral or in digits.
func ParseNumber(s string) (int, bool) {
	if n, ok := ParseDigits(s); ok {
		return n, true
	}
	return ParseChinese(s)
}
