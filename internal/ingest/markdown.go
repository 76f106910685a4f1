package ingest

import (
	"regexp"
	"strings"
)

var (
	reEntity      = regexp.MustCompile(`&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)
	reListStart   = regexp.MustCompile(`^(\d{1,9})([.)])(\s|$)`)
	reBlockStart  = regexp.MustCompile(`^(#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|=+\s*$|-+\s*$|_+\s*$|\*+\s*$)`)
	reFenceStart  = regexp.MustCompile("^(```|~~~)")
	mdInlineChars = "\\`*_[]<>~|"
)

// escapeMarkdown escapes what Markdown would otherwise read as markup, so
// that the text shows exactly as written: 「<script>」 and
// 「[x](javascript:…)」 stay visible text.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && strings.ContainsRune(mdInlineChars, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	// An entity reference would be decoded: 「&amp;」 must stay as written.
	out := reEntity.ReplaceAllString(b.String(), `\&$1;`)
	switch {
	case reListStart.MatchString(out):
		sm := reListStart.FindStringSubmatchIndex(out)
		out = out[:sm[3]] + `\` + out[sm[4]:]
	case reBlockStart.MatchString(out), reFenceStart.MatchString(out):
		out = `\` + out
	}
	return out
}

// markdownBody writes lines as Markdown paragraphs, one per line. Runs of
// tab-separated lines become tables.
func markdownBody(lines []line) string {
	var b strings.Builder
	var texts []string
	for _, l := range lines {
		if l.text != "" {
			texts = append(texts, l.text)
		}
	}
	for i := 0; i < len(texts); i++ {
		if n := tableRun(texts[i:]); n >= 2 {
			writeTable(&b, texts[i:i+n])
			i += n - 1
			continue
		}
		b.WriteString(escapeMarkdown(texts[i]))
		b.WriteString("\n\n")
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// tableRun returns how many lines from the start of ls form a table: each
// with the same number (one or more) of tab separators.
func tableRun(ls []string) int {
	cols := strings.Count(ls[0], "\t")
	if cols == 0 {
		return 0
	}
	n := 1
	for n < len(ls) && strings.Count(ls[n], "\t") == cols {
		n++
	}
	return n
}

// writeTable writes tab-separated lines as a Markdown table, the first
// line as its header.
func writeTable(b *strings.Builder, rows []string) {
	for i, r := range rows {
		cells := strings.Split(r, "\t")
		b.WriteString("|")
		for _, c := range cells {
			b.WriteString(" ")
			b.WriteString(escapeMarkdown(strings.TrimSpace(c)))
			b.WriteString(" |")
		}
		b.WriteString("\n")
		if i == 0 {
			b.WriteString("|")
			for range cells {
				b.WriteString(" --- |")
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("\n")
}
