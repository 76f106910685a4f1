package textnorm_test

import (
	"fmt"
	"strings"

	"tiaowen/internal/textnorm"
)

func ExampleKey() {
	fmt.Println(textnorm.Key("雙比對、雙提升"))
	fmt.Println(textnorm.Key("“双比对”“双提升”"))
	fmt.Println(textnorm.Key("質量基礎設施"))
	fmt.Println(textnorm.Key("首負責任制"))
	fmt.Println(textnorm.Key("ＡＢＣ１２３"))
	fmt.Println(textnorm.Key("關于深化質量強省建設的實施意見") == textnorm.Key("关于深化质量强省建设的实施意见"))
	// Output:
	// 双比对双提升
	// 双比对双提升
	// 质量基础设施
	// 首负责任制
	// abc123
	// true
}

// Finding a simplified theme in a traditional heading and highlighting it in
// the original.
func ExampleText_Span() {
	heading := "（一）雙比對、雙提升。"
	n := textnorm.Normalize(heading)
	key := textnorm.Key("双比对双提升")

	// The match is found on the normalised text; turn its byte offset into
	// a rune index, which is what Span takes.
	at := strings.Index(n.String(), key)
	i := len([]rune(n.String()[:at]))
	j := i + len([]rune(key))
	start, end := n.Span(i, j)

	orig := []rune(heading)
	fmt.Println(n.String())
	fmt.Println(start, end)
	fmt.Println(string(orig[:start]) + "<mark>" + string(orig[start:end]) + "</mark>" + string(orig[end:]))
	// Output:
	// 一双比对双提升
	// 3 10
	// （一）<mark>雙比對、雙提升</mark>。
}

func ExampleScript() {
	fmt.Println(textnorm.Script("为深入贯彻党中央、国务院决策部署，落实《质量强国建设纲要》"))
	fmt.Println(textnorm.Script("為貫徹落實《質量強國建設綱要》,深入推進質量強省建設"))
	// Output:
	// zh-Hans
	// zh-Hant
}

func ExampleSimplify() {
	fmt.Println(textnorm.Simplify("關於《質量強國建設綱要》"))
	// Output:
	// 关于《质量强国建设纲要》
}
