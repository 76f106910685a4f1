package site

import (
	"cmp"
	"encoding/json"
	"maps"
	"net/url"
	"slices"
	"strings"

	"tiaowen/internal/regions"
	"tiaowen/internal/textnorm"
)

// regionFacet is the values of the finders' 地区 select: each region a
// document names, placed among the administrative divisions it lies in,
// so that choosing 广东省 finds 广州市's and 陆河县's documents as well as
// the province's own. The divisions come in their codes' order, which is
// how Chinese statistical tables list them (北京 first, the provinces in
// the codes' groups of the country: 华北, 东北, 华东 …), each followed by
// those inside it; the regions that are no division (a
// development zone, a name written short) come after them, a province's
// before its cities', then by name. A region written in either script
// is one value, named as the division table names it.
func regionFacet(docs []*docInfo) []facetValue {
	type node struct {
		value, order string // order: the division's code, or "" for a region that is none
		name         string // as the list shows it, under the division it lies in
		level        int    // for a region that is no division, its documents' highest level
		depth        int
		covers       []string // the regions as written that choosing it finds
	}
	nodes := map[string]*node{} // by a division's code, or a region's normalised name
	named := regionValues(docs)
	cover := func(key, value, name, order string, depth int, written string, level int) {
		n := nodes[key]
		if n == nil {
			n = &node{value: value, name: name, order: order, depth: depth, level: level}
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
			cover(div.Code, divisionValue(path, depth), div.Name, div.Code, depth, d.Region, 0)
		}
		if path == nil {
			value := named(d.Region)
			cover(textnorm.Key(d.Region), value, value, "", 0, d.Region, levelOrder(d.Level))
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
		values[i] = facetValue{Value: n.value, Name: n.name, Indent: strings.Repeat("\u3000", n.depth), Covers: string(covers)}
	}
	return values
}

// divisionValue is how the 地区 filter names the division at path[i]:
// its name, or, where other divisions share it (鼓楼区), its name written
// out from its province, which finds it alone.
func divisionValue(path []regions.Division, i int) string {
	if p := regions.Find(path[i].Name); len(p) > 0 && p[len(p)-1].Code == path[i].Code {
		return path[i].Name
	}
	var b strings.Builder
	for _, div := range path[:i+1] {
		b.WriteString(div.Name)
	}
	return b.String()
}

// regionInFull is a region with the divisions it lies in before it, as
// an address writes them: 陆河县 is 广东省汕尾市陆河县. The region itself
// stays as its document writes it.
func regionInFull(region string) string {
	var b strings.Builder
	for _, p := range regionPlaces(region, "") {
		b.WriteString(p.Name)
	}
	return b.String()
}

// placeLink is a region, or a division it lies in, as a document's page
// names it: a link to the list of its documents.
type placeLink struct {
	Name, Value string
	Code        string // the division's, "" for a region that is none
	URL         string
}

// regionPlaces is a region in full (regionInFull), a part for each
// division it lies in and one for itself as its document writes it,
// each leading from a page at root to the documents there: a
// division's page, which every division a document lies in has, or for
// a region that is no division the home page's list filtered by it
// (?region=, the 地区 filter's value). A region written out from its
// province is one part.
func regionPlaces(region, root string) []placeLink {
	if region == "" {
		return nil
	}
	path := regions.Find(region)
	var places []placeLink
	within := ""
	for i, div := range path[:max(len(path)-1, 0)] {
		places = append(places, placeLink{Name: div.Name, Value: divisionValue(path, i), Code: div.Code})
		within += div.Name
	}
	last := placeLink{Name: region, Value: region}
	if path != nil {
		last.Value, last.Code = divisionValue(path, len(path)-1), path[len(path)-1].Code
		if strings.HasPrefix(textnorm.Key(region), textnorm.Key(within)) && within != "" {
			// Written out already: the region names the divisions.
			places, last.Name = nil, region
		}
	}
	places = append(places, last)
	for i, p := range places {
		if p.Code != "" {
			places[i].URL = root + regionPath(p.Code) + "index.html"
		} else {
			places[i].URL = root + "index.html?" + url.Values{"region": {p.Value}}.Encode()
		}
	}
	return places
}
