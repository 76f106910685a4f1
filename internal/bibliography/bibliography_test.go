package bibliography

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

var seedRecord = Record{
	Key:      "guangdong-2023-gangyao",
	Title:    "广东省质量强省建设纲要",
	Authors:  []string{"中共广东省委", "广东省人民政府"},
	Date:     "2023-06-21",
	Kind:     "政策文件",
	Number:   "粤发〔2023〕9号",
	Place:    "广东省",
	Language: "zh-Hans",
	URL:      "https://tiaowen.example.org/docs/guangdong-2023-gangyao/",
	Archive:  "质量强省政策文库",
}

func TestRIS(t *testing.T) {
	got := string(AppendRIS(nil, seedRecord))
	want := strings.ReplaceAll(`TY  - GOVDOC
TI  - 广东省质量强省建设纲要
AU  - 中共广东省委
AU  - 广东省人民政府
PY  - 2023
DA  - 2023/06/21/
M3  - 政策文件
SN  - 粤发〔2023〕9号
PB  - 中共广东省委、广东省人民政府
CY  - 广东省
LA  - zh-Hans
UR  - https://tiaowen.example.org/docs/guangdong-2023-gangyao/
DB  - 质量强省政策文库
ER  - 

`, "\n", "\r\n")
	if got != want {
		t.Errorf("AppendRIS =\n%s\nwant\n%s", got, want)
	}
}

func TestBibTeX(t *testing.T) {
	got := string(AppendBibTeX(nil, seedRecord))
	want := `@techreport{guangdong-2023-gangyao,
  author = {{中共广东省委} and {广东省人民政府}},
  title = {广东省质量强省建设纲要},
  type = {政策文件},
  number = {粤发〔2023〕9号},
  institution = {中共广东省委、广东省人民政府},
  address = {广东省},
  date = {2023-06-21},
  year = {2023},
  url = {https://tiaowen.example.org/docs/guangdong-2023-gangyao/},
}

`
	if got != want {
		t.Errorf("AppendBibTeX =\n%s\nwant\n%s", got, want)
	}
}

// A record with no more than a key and a title has only those.
func TestSparse(t *testing.T) {
	r := Record{Key: "x", Title: "题名", Authors: []string{" ", ""}, Date: "2023-6-1"}
	if got, want := string(AppendRIS(nil, r)), "TY  - GOVDOC\r\nTI  - 题名\r\nER  - \r\n\r\n"; got != want {
		t.Errorf("AppendRIS(%+v) = %q, want %q", r, got, want)
	}
	if got, want := string(AppendBibTeX(nil, r)), "@techreport{x,\n  title = {题名},\n}\n\n"; got != want {
		t.Errorf("AppendBibTeX(%+v) = %q, want %q", r, got, want)
	}
}

func TestDates(t *testing.T) {
	for _, c := range []struct{ date, da, year string }{
		{"2020-09-17", "2020/09/17/", "2020"},
		{"2020-09", "2020/09//", "2020"},
		{"2020", "2020///", "2020"},
		{"20-09-17", "", ""},
		{"2020-9-17", "", ""},
		{"2020-09-17-01", "", ""},
		{"２０２０", "", ""},
		{"", "", ""},
	} {
		ris := string(AppendRIS(nil, Record{Date: c.date}))
		if da := risValues(t, ris)["DA"]; strings.Join(da, "") != c.da {
			t.Errorf("RIS DA of %q = %q, want %q", c.date, da, c.da)
		}
		bib := string(AppendBibTeX(nil, Record{Date: c.date}))
		if y := bibValues(t, bib)["year"]; y != c.year {
			t.Errorf("BibTeX year of %q = %q, want %q", c.date, y, c.year)
		}
	}
}

func TestEscapes(t *testing.T) {
	r := Record{
		Key:     "a b,{c}",
		Title:   "50% & #1 {x}_y ^ ~ $ \\ 行\n末\t題",
		Authors: []string{"A and B", "甲,乙"},
		URL:     "https://example.org/a b/{c}\\",
	}
	bib := string(AppendBibTeX(nil, r))
	for _, want := range []string{
		"@techreport{a-b--c-,\n",
		`  author = {{A and B} and {甲,乙}},`,
		`  title = {50\% \& \#1 \{x\}\_y \^{} \~{} \$ \textbackslash{} 行 末 題},`,
		`  url = {https://example.org/a%20b/%7Bc%7D%5C},`,
	} {
		if !strings.Contains(bib, want) {
			t.Errorf("AppendBibTeX(%+v) =\n%s\nlacks %s", r, bib, want)
		}
	}
	ris := string(AppendRIS(nil, r))
	for _, want := range []string{"\r\nTI  - 50% & #1 {x}_y ^ ~ $ \\ 行 末 題\r\n", "\r\nAU  - 甲，乙\r\n"} {
		if !strings.Contains(ris, want) {
			t.Errorf("AppendRIS(%+v) = %q lacks %q", r, ris, want)
		}
	}
}

var risLine = regexp.MustCompile(`^([A-Z][A-Z0-9])  - (.*)$`)

// risValues reads a RIS file as the format's specification describes
// it, failing t where the text breaks it: every line a tag, TY first
// and ER last in each record, records parted by blank lines.
func risValues(t testing.TB, ris string) map[string][]string {
	t.Helper()
	if !strings.HasSuffix(ris, "\r\n") {
		t.Fatalf("RIS does not end with CR LF: %q", ris)
	}
	vals := map[string][]string{}
	inRecord := false
	for i, line := range strings.Split(strings.TrimSuffix(ris, "\r\n"), "\r\n") {
		if line == "" && !inRecord {
			continue
		}
		m := risLine.FindStringSubmatch(line)
		if m == nil || strings.ContainsAny(line, "\r\n") {
			t.Fatalf("RIS line %d is no tag: %q", i+1, line)
		}
		switch {
		case !inRecord && m[1] != "TY":
			t.Fatalf("RIS line %d: a record starts with %s, not TY", i+1, m[1])
		case m[1] == "ER":
			inRecord = false
			continue
		}
		inRecord = true
		if m[1] != "ER" && m[1] != "TY" && (m[2] == "" || strings.TrimSpace(m[2]) != m[2]) {
			t.Fatalf("RIS line %d has a value of %q", i+1, m[2])
		}
		vals[m[1]] = append(vals[m[1]], m[2])
	}
	if inRecord {
		t.Fatalf("RIS record not ended by ER: %q", ris)
	}
	return vals
}

// bibValues reads one BibTeX entry as BibTeX does — a value runs to the
// brace that balances its opening one, a backslash escaping the next
// character — and returns its fields' values as written, failing t where
// the entry is malformed.
func bibValues(t testing.TB, bib string) map[string]string {
	t.Helper()
	head, rest, ok := strings.Cut(bib, ",\n")
	if !ok || !strings.HasPrefix(head, "@techreport{") || strings.ContainsAny(head[len("@techreport{"):], " \t\r\n,{}()=#%\"'\\") {
		t.Fatalf("BibTeX entry head %q", head)
	}
	vals := map[string]string{}
	for !strings.HasPrefix(rest, "}\n") {
		name, after, ok := strings.Cut(rest, " = {")
		name = strings.TrimPrefix(name, "  ")
		if !ok || strings.ContainsAny(name, " \n{}") {
			t.Fatalf("BibTeX field at %q", rest)
		}
		depth, end := 1, -1
		for i := 0; i < len(after) && end < 0; i++ {
			switch after[i] {
			case '\\':
				i++
			case '{':
				depth++
			case '}':
				if depth--; depth == 0 {
					end = i
				}
			case '\n', '\r':
				t.Fatalf("BibTeX field %s runs over a line end: %q", name, after)
			}
		}
		if end < 0 || !strings.HasPrefix(after[end:], "},\n") {
			t.Fatalf("BibTeX field %s unbalanced: %q", name, after)
		}
		vals[name] = after[:end]
		rest = after[end+len("},\n"):]
	}
	if rest != "}\n\n" {
		t.Fatalf("BibTeX entry ends %q", rest)
	}
	return vals
}

var texEscape = strings.NewReplacer(`\textbackslash{}`, `\`, `\^{}`, "^", `\~{}`, "~",
	`\{`, "{", `\}`, "}", `\$`, "$", `\&`, "&", `\%`, "%", `\#`, "#", `\_`, "_")

// FuzzFormats holds both writers, for any text in any field, to files
// that their formats' readers read back as the text, on one line.
func FuzzFormats(f *testing.F) {
	f.Add("guangdong-2023-gangyao", "广东省质量强省建设纲要", "中共广东省委", "广东省人民政府", "2023-06-21", "粤发〔2023〕9号", "https://tiaowen.example.org/docs/x/")
	f.Add("a b", "50% {x}\\", "A and B", "甲,乙", "2020", "#1\r\n", "http://e/{a} b")
	f.Add("", "\u2028行\x00", " ", "\xff", "2020-13", "~^", "")
	f.Fuzz(func(t *testing.T, key, title, a1, a2, date, number, url string) {
		r := Record{Key: key, Title: title, Authors: []string{a1, a2}, Date: date, Number: number, URL: url}
		ris := risValues(t, string(AppendRIS(nil, r)))
		if got := strings.Join(ris["TI"], ""); got != oneLine(title) {
			t.Errorf("RIS TI = %q, want %q", got, oneLine(title))
		}
		if got := strings.Join(ris["SN"], ""); got != oneLine(number) {
			t.Errorf("RIS SN = %q, want %q", got, oneLine(number))
		}
		var authors []string
		for _, a := range []string{a1, a2} {
			if a = oneLine(a); a != "" {
				authors = append(authors, strings.ReplaceAll(a, ",", "，"))
			}
		}
		if got := ris["AU"]; strings.Join(got, "\n") != strings.Join(authors, "\n") {
			t.Errorf("RIS AU = %q, want %q", got, authors)
		}

		bib := bibValues(t, string(AppendBibTeX(nil, r)))
		for name, want := range map[string]string{"title": title, "number": number} {
			if got := texEscape.Replace(bib[name]); got != oneLine(want) {
				t.Errorf("BibTeX %s = %q, read as %q, want %q", name, bib[name], got, oneLine(want))
			}
		}
		if u := bib["url"]; strings.ContainsAny(u, "{}\\ \n") || !utf8.ValidString(u) {
			t.Errorf("BibTeX url = %q", u)
		}
	})
}
