package site

import (
	"cmp"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"tiaowen/internal/regions"
	"tiaowen/internal/textnorm"
)

// regionFacet is the values of the finders' 地区 select: each region a
// document names, placed among the administrative divisions it lies in,
// so that choosing 广东省 finds 广州市's and 陆河县's documents as well as
// the province's own. The divisions come in their code's order, which is
// how Chinese tables list them (北京 first, the provinces north to south),
// each followed by those inside it; the regions that are no division (a
// development zone, a name written short) come after them, a province's
// before its cities', then by name. A region written in either script
// is one value, named as the division table names it.
func regionFacet(docs []*docInfo) []facetValue {
	type node struct {
		value, order string // order: the division's code, or "" for a region that is none
		level        int    // for a region that is no division, its documents' highest level
		depth        int
		covers       []string // the regions as written that choosing it finds
	}
	nodes := map[string]*node{} // by the normalised name
	cover := func(key, value, order string, depth int, written string, level int) {
		n := nodes[key]
		if n == nil {
			n = &node{value: value, order: order, depth: depth, level: level}
			nodes[key] = n
		}
		n.level = min(n.level, level)
		if !slices.Contains(n.covers, written) {
			n.covers = append(n.covers, written)
		}
	}
	for _, d := range docs {
		if d.Region == "" {
			continue
		}
		path := regions.Find(d.Region)
		for depth, div := range path {
			cover(div.Code, div.Name, div.Code, depth, d.Region, 0)
		}
		if path == nil {
			cover(textnorm.Key(d.Region), d.Region, "", 0, d.Region, levelOrder(d.Level))
		}
	}
	// Divisions first: a region that is none has no code to order by.
	last := func(n *node) int {
		if n.order == "" {
			return 1
		}
		return 0
	}
	list := slices.SortedFunc(maps.Values(nodes), func(a, b *node) int {
		return cmp.Or(cmp.Compare(last(a), last(b)), strings.Compare(a.order, b.order), cmp.Compare(a.level, b.level), strings.Compare(a.value, b.value))
	})
	values := make([]facetValue, len(list))
	for i, n := range list {
		slices.Sort(n.covers)
		covers, _ := json.Marshal(n.covers)
		values[i] = facetValue{Value: n.value, Name: n.value, Indent: strings.Repeat("\u3000", n.depth), Covers: string(covers)}
	}
	return values
}

// regionInFull is a region with the divisions it lies in before it, as
// an address writes them: 陆河县 is 广东省汕尾市陆河县. The region itself
// stays as its document writes it.
func regionInFull(region string) string {
	path := regions.Find(region)
	if len(path) < 2 {
		return region
	}
	var b strings.Builder
	for _, div := range path[:len(path)-1] {
		b.WriteString(div.Name)
	}
	if within := b.String(); !strings.HasPrefix(textnorm.Key(region), textnorm.Key(within)) {
		return within + region
	}
	return region
}
