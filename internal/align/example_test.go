package align_test

import (
	"fmt"

	"tiaowen/internal/align"
)

func ExampleSharedPassages() {
	a := "（二十四）實施質量基礎設施升級增效工程，打造質量基礎設施集成服務基地。"
	b := "围绕高端行业打造质量基础设施集成服务基地，建立需求调查、上门指导机制"
	for _, sh := range align.SharedPassages(a, b) {
		ra, rb := []rune(a), []rune(b)
		fmt.Printf("%v %s\n%v %s\n", sh.A, string(ra[sh.A[0]:sh.A[1]]), sh.B, string(rb[sh.B[0]:sh.B[1]]))
	}
	// Output:
	// [20 34] 打造質量基礎設施集成服務基地
	// [6 20] 打造质量基础设施集成服务基地
}
