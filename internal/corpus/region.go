package corpus

import (
	"fmt"
	"strings"

	"tiaowen/internal/diag"
	"tiaowen/internal/regions"
)

// checkRegion warns of a region that is none of China's administrative
// divisions but nearly one — a name written short (广州 for 广州市) or
// one that several divisions have (鼓楼区) —, which the site's 地区
// filter would list on its own instead of inside its province. A region
// that is no division and near none (粤港澳大湾区) is taken as written,
// without a word.
func checkRegion(d *Document, at diag.Position, problems *diag.List) {
	near := regions.Near(d.Region)
	if len(near) == 0 {
		return
	}
	var full []string
	for _, path := range near {
		var b strings.Builder
		for _, div := range path {
			b.WriteString(div.Name)
		}
		full = append(full, b.String())
	}
	last := near[0][len(near[0])-1].Name
	if len(near) > 1 && near[1][len(near[1])-1].Name == last {
		problems.Warn(at, fmt.Sprintf("region %q is the name of %d divisions (%s): the 地区 filter lists it on its own, in no province", d.Region, len(near), strings.Join(full, "、")),
			fmt.Sprintf("write it out from its province, as %s", full[0]))
		return
	}
	problems.Warn(at, fmt.Sprintf("region %q is none of China's administrative divisions: the 地区 filter lists it on its own, in no province", d.Region),
		fmt.Sprintf("write %s to place it in its province", joinNames(near)))
}

// joinNames names the innermost division of each path, " or " between
// them.
func joinNames(paths [][]regions.Division) string {
	var names []string
	for _, path := range paths {
		names = append(names, path[len(path)-1].Name)
	}
	return strings.Join(names, " or ")
}
