package textnorm

// ClauseEnds are the characters that end a sentence or clause. No theme
// term and no indexed phrase runs across one, so that a match never joins
// the end of one sentence to the start of the next.
const ClauseEnds = "。｡！？；!?;\n\r\v\f\u0085\u2028\u2029"

// IsClauseEnd reports whether r is one of ClauseEnds.
func IsClauseEnd(r rune) bool {
	switch r {
	case '。', '｡', '！', '？', '；', '!', '?', ';',
		'\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}
