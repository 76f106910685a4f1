package corpus

import (
	"slices"
	"strings"
	"testing"
)

// TestTerm: the front matter's effective and expires are days in order,
// and where the text says when the document is in force, a front matter
// that does not say so, or says otherwise, is warned of at the place
// that is to be mended.
func TestTerm(t *testing.T) {
	const body = "一、总体要求\n\n正文。\n\n二、本方案自印发之日起施行，有效期5年。\n"
	tests := []struct {
		name, front, body string
		want              []string
	}{
		{"agrees", "date: 2023-06-01\neffective: 2023-06-01\nexpires: 2028-05-31\n", body, nil},
		{"says nothing", "date: 2023-06-01\n", "一、总体要求\n\n正文。\n", nil},
		// 自印发之日起 means nothing without the day of issue.
		{"no day of issue", "", body, nil},
		// The sentence is the section's first words, after its marker on
		// the line: the line is given, from its start.
		{"missing", "date: 2023-06-01\n", body, []string{
			`a.md:10:1: warning: the text says the document takes effect on 2023-06-01 (「本方案自印发之日起施行，有效期5年」), but its front matter has no effective (add effective: 2023-06-01 to the front matter, so that its pages say so)`,
			`a.md:10:1: warning: the text says the document is in force until 2028-05-31 (「本方案自印发之日起施行，有效期5年」), but its front matter has no expires (add expires: 2028-05-31 to the front matter, so that its pages say so)`}},
		{"differs", "date: 2023-06-01\neffective: 2023-06-01\nexpires: 2030-12-31\n", body, []string{
			`a.md:6:1: warning: expires 2030-12-31 differs from the text, which says 2028-05-31 (「本方案自印发之日起施行，有效期5年」, line 12) (correct the one that is wrong; keep the front matter's when a later notice changed the term)`}},
		// A sentence of the preamble, after another naming the document.
		{"preamble", "", "为推进质量强省建设，制定本意见。本意见自2024年1月1日起施行。\n\n一、总体要求\n", []string{
			`a.md:5:17: warning: the text says the document takes effect on 2024-01-01 (「本意见自2024年1月1日起施行」), but its front matter has no effective (add effective: 2024-01-01 to the front matter, so that its pages say so)`}},
		{"article", "", "第一条　本条例自2021年10月1日起施行。\n", []string{
			`a.md:5:1: warning: the text says the document takes effect on 2021-10-01 (「本条例自2021年10月1日起施行」), but its front matter has no effective (add effective: 2021-10-01 to the front matter, so that its pages say so)`}},
		{"not days", "effective: 2024-1-1\nexpires: soon\n", "一、正文\n", []string{
			`a.md:4:1: effective "2024-1-1" is not YYYY-MM-DD (write it as 2024-01-01)`,
			`a.md:5:1: expires "soon" is not YYYY-MM-DD (write the last day it is in force as 2024-01-01)`}},
		{"out of order", "effective: 2024-01-01\nexpires: 2023-12-31\n", "一、正文\n", []string{
			`a.md:5:1: expires 2023-12-31 is before the document takes effect (effective 2024-01-01) (expires is the last day in force: check both against the text)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "---\nid: a\ntitle: t\n" + tt.front + "---\n" + tt.body
			_, problems := NewParser().Parse("a.md", []byte(src))
			var got []string
			for _, p := range problems {
				got = append(got, p.Error())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Parse(%q) problems =\n%s\nwant\n%s", src, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
