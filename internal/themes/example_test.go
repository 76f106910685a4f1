package themes_test

import (
	"fmt"
	"strings"

	"tiaowen/internal/themes"
)

// Finding themes in a traditional-script heading and highlighting them in
// the original text.
func ExampleMatcher_Find() {
	src := `themes:
  - id: shuangbidui-shuangtisheng
    name: 双比对双提升
    terms: [双比对双提升]
  - id: zhiliang-jichu-sheshi
    name: 质量基础设施
    terms: [质量基础设施]
`
	set, problems := themes.Load("themes.yaml", []byte(src))
	if err := problems.Err(); err != nil {
		fmt.Println(err)
		return
	}
	m := themes.NewMatcher(set)

	text := "（十一）推行“雙比對、雙提升”，強化質量基礎設施。雙比對。雙提升"
	runes := []rune(text)
	var b strings.Builder
	at := 0
	for _, match := range m.Find(text) {
		fmt.Printf("%s [%d,%d) %s\n", match.Theme.ID, match.Start, match.End, string(runes[match.Start:match.End]))
		b.WriteString(string(runes[at:match.Start]) + "<mark>" + string(runes[match.Start:match.End]) + "</mark>")
		at = match.End
	}
	b.WriteString(string(runes[at:]))
	fmt.Println(b.String())
	// Output:
	// shuangbidui-shuangtisheng [7,14) 雙比對、雙提升
	// zhiliang-jichu-sheshi [18,24) 質量基礎設施
	// （十一）推行“<mark>雙比對、雙提升</mark>”，強化<mark>質量基礎設施</mark>。雙比對。雙提升
}

// Problems come back together, each with its place in the file.
func ExampleLoad() {
	src := `themes:
  - id: Shoufu
    name: 首负责任制
    terms: [首负责任制]
  - id: zhiliang-jichu-sheshi
    nmae: 质量基础设施
`
	_, problems := themes.Load("content/themes.yaml", []byte(src))
	fmt.Println(problems.Err())
	// Output:
	// content/themes.yaml:2:9: theme id "Shoufu" is not an ascii slug (use lower-case letters, digits and single hyphens, such as shoufu-zerenzhi)
	// content/themes.yaml:5:5: theme "zhiliang-jichu-sheshi" has no name (give its Chinese name, such as 首负责任制)
	// content/themes.yaml:5:5: theme "zhiliang-jichu-sheshi" has no terms (list the words that signal it: terms: [首负责任制, 首负责任])
	// content/themes.yaml:6:5: unknown field "nmae" (did you mean "name"?)
}
