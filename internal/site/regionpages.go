package site

import (
	"bytes"
	"cmp"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"tiaowen/internal/regions"
	"tiaowen/internal/textnorm"
)

// The region pages browse the documents by where they were issued, as a
// Hugo site has a page for each term of a taxonomy: /regions/ lists the
// administrative divisions the documents lie in, province by province,
// and /regions/<code>/ (the division's GB/T 2260 code, which does not
// change with the script or the form a document writes its name in) a
// division's documents, its own and those of the divisions inside it,
// with the themes they mention. Unlike the home page's 地区 filter they
// need no script, so that a reader without one, a crawler and the
// offline bundle find a province's documents too.

const regionsPath = "regions/"

func regionPath(code string) string     { return regionsPath + code + "/" }
func regionFeedPath(code string) string { return regionsPath + code + "/feed.xml" }

// regionPagePath is the path of the n-th page (from 1) of the division code.
func regionPagePath(code string, n int) string { return regionPath(code) + homePagePath(n) }

// regionNode is a division that documents of the site lie in.
type regionNode struct {
	Division regions.Division
	// Path is the divisions from the province down to this one, itself
	// last.
	Path []regions.Division
	// Own are the documents whose region is this division; Docs are
	// those and the documents of the divisions inside it, newest first.
	Own, Docs []*docInfo
	// Inside are the divisions directly inside it that documents lie
	// in, in their codes' order.
	Inside []*regionNode
}

// Name is the division's name as the table has it.
func (n *regionNode) Name() string { return n.Division.Name }

// regionTree is every division the site's documents lie in, and the
// regions no division is found for.
type regionTree struct {
	Top    []*regionNode // the provinces, in their codes' order
	byCode map[string]*regionNode
	// Others are the regions that are no division (a development zone,
	// a name written short), each with its documents; Unplaced is how
	// many documents name no region.
	Others   []regionOther
	Unplaced int
}

// regionOther is a region no division is found for, with its documents.
type regionOther struct {
	Name string
	Docs []*docInfo
}

// regionTree places the site's documents among the divisions. It is made
// afresh from s.docs when asked for, as the site in memory is copied
// from one edit to the next.
func (s *Site) regionTree() *regionTree {
	t := &regionTree{byCode: map[string]*regionNode{}}
	named := regionValues(s.docs)
	others := map[string]*regionOther{}
	for _, d := range sortedDocsByDate(s.docs) {
		if d.Region == "" {
			t.Unplaced++
			continue
		}
		path := regions.Find(d.Region)
		if path == nil {
			key := textnorm.Key(d.Region)
			o := others[key]
			if o == nil {
				o = &regionOther{Name: named(d.Region)}
				others[key] = o
			}
			o.Docs = append(o.Docs, d)
			continue
		}
		var parent *regionNode
		for i, div := range path {
			n := t.byCode[div.Code]
			if n == nil {
				n = &regionNode{Division: div, Path: path[:i+1]}
				t.byCode[div.Code] = n
				if parent == nil {
					t.Top = append(t.Top, n)
				} else {
					parent.Inside = append(parent.Inside, n)
				}
			}
			n.Docs = append(n.Docs, d)
			parent = n
		}
		parent.Own = append(parent.Own, d)
	}
	byCode := func(a, b *regionNode) int { return strings.Compare(a.Division.Code, b.Division.Code) }
	slices.SortFunc(t.Top, byCode)
	for _, n := range t.byCode {
		slices.SortFunc(n.Inside, byCode)
	}
	for _, k := range slices.Sorted(maps.Keys(others)) {
		t.Others = append(t.Others, *others[k])
	}
	slices.SortStableFunc(t.Others, func(a, b regionOther) int { return strings.Compare(a.Name, b.Name) })
	return t
}

// node is the division code's node, or nil when no document lies in it.
func (t *regionTree) node(code string) *regionNode { return t.byCode[code] }

// nodes are the tree's divisions, each before those inside it.
func (t *regionTree) nodes() []*regionNode {
	var all []*regionNode
	var walk func([]*regionNode)
	walk = func(ns []*regionNode) {
		for _, n := range ns {
			all = append(all, n)
			walk(n.Inside)
		}
	}
	walk(t.Top)
	return all
}

// regionPages is the number of pages of a division's documents.
func (s *Site) regionPages(n *regionNode) int {
	return max(1, (len(n.Docs)+s.perPage()-1)/s.perPage())
}

// regionLink is a division as a list names it: a link to its page and
// how many documents lie in it.
type regionLink struct {
	Name   string
	URL    string
	Docs   int
	Inside []regionLink
}

// regionLinks are the divisions ns as a page at root lists them, with
// those inside each when deep (the tree of /regions/).
func regionLinks(ns []*regionNode, root string, deep bool) []regionLink {
	links := make([]regionLink, len(ns))
	for i, n := range ns {
		links[i] = regionLink{Name: n.Name(), URL: root + regionPath(n.Division.Code) + "index.html", Docs: len(n.Docs)}
		if deep {
			links[i].Inside = regionLinks(n.Inside, root, true)
		}
	}
	return links
}

// regionsData is /regions/.
type regionsData struct {
	Top       []regionLink
	Docs      int // the documents placed among the divisions
	Divisions int // how many divisions they lie in
	Others    []regionOther
	Unplaced  int
}

func (s *Site) regionsPage() *Page {
	p := s.base("regions", regionsPath, "地区", "")
	p.Description = "按发文地区浏览文件：省、市、县各级行政区划的文件"
	t := s.regionTree()
	data := regionsData{Top: regionLinks(t.Top, p.Root, true), Divisions: len(t.byCode), Others: t.Others, Unplaced: t.Unplaced}
	for _, n := range t.Top {
		data.Docs += len(n.Docs)
	}
	p.Data = data
	return p
}

// regionData is a division's page.
type regionData struct {
	Division regions.Division
	Kind     string       // what level of division it is: 省级行政区 …
	Within   []regionLink // the divisions it lies in, outermost first
	InFull   string       // its name written out from its province, when it lies in one
	// Value is the 地区 filter's value for it, which the home page's
	// and the search's links and the search box here carry.
	Value string
	// Total is its documents, Own those whose region it is itself and
	// Below those of the divisions inside it.
	Total, Own, Below int
	First, Last       int // the documents this page lists, from 1
	// Undated is whether some of its documents have no date, and so are
	// listed after those that have one.
	Undated        bool
	Years          string
	Inside         []regionLink
	Themes         []regionTheme
	Docs           []regionDocRow
	Pairs          []regionPair
	Pager          *pager
	Filter, Search string
	Feed           string
	// ShowRegion is whether the list says where inside the division
	// each document is: when there are divisions inside it.
	ShowRegion bool
}

// regionDocRow is a document in a division's list, with the region it
// names when that is a division inside this one.
type regionDocRow struct {
	docRow
	Where string
}

// regionTheme is a theme the division's documents mention: how many of
// them do, and the search page's list of their sections that do.
type regionTheme struct {
	Name string
	Docs int
	URL  string
}

// divisionKinds names the levels of division.
var divisionKinds = map[string]string{"province": "省级行政区", "city": "地级行政区", "county": "县级行政区"}

func (s *Site) regionPage(n *regionNode) *Page { return s.regionPageN(n, 1) }

// regionPageN is the n-th page of division node's documents, newest
// first, perPage of them to a page; every page says what the division's
// documents have in common.
func (s *Site) regionPageN(node *regionNode, n int) *Page {
	code := node.Division.Code
	p := s.base("region", regionPagePath(code, n), node.Name(), "")
	if n > 1 {
		p.Title = node.Name() + " 第 " + strconv.Itoa(n) + " 页"
	}
	value := divisionValue(node.Path, len(node.Path)-1)
	first, end := (n-1)*s.perPage(), min(n*s.perPage(), len(node.Docs))
	data := regionData{Division: node.Division, Kind: divisionKinds[node.Division.Level()], Value: value,
		Total: len(node.Docs), Own: len(node.Own), Below: len(node.Docs) - len(node.Own), First: first + 1, Last: end,
		Inside: regionLinks(node.Inside, p.Root, false),
		Pager: newPager("地区文件分页", n, s.regionPages(node), func(i int) string {
			return p.Root + regionPagePath(code, i) + "index.html"
		}),
		Filter:     p.Root + "index.html?" + url.Values{"region": {value}}.Encode(),
		Search:     p.Root + searchPath + "index.html",
		Feed:       p.Root + regionFeedPath(code),
		ShowRegion: len(node.Inside) > 0, Undated: node.Docs[len(node.Docs)-1].Date == ""}
	for _, div := range node.Path[:len(node.Path)-1] {
		data.Within = append(data.Within, regionLink{Name: div.Name, URL: p.Root + regionPath(div.Code) + "index.html"})
		data.InFull += div.Name
	}
	if data.InFull != "" {
		data.InFull += node.Name()
	}
	p.Description = data.Kind + node.Name() + "的 " + strconv.Itoa(len(node.Docs)) + " 份文件"
	var years []string
	for _, d := range node.Docs {
		if len(d.Date) >= 4 {
			years = append(years, d.Date[:4])
		}
	}
	if len(years) > 0 {
		// node.Docs are newest first.
		data.Years = years[len(years)-1]
		if years[0] != data.Years {
			data.Years += "–" + years[0]
		}
	}
	for _, d := range node.Docs[first:end] {
		row := regionDocRow{docRow: docRow{docInfo: d, Sections: len(d.Sections), Superseded: s.newerOf(d) != nil}}
		if data.ShowRegion {
			// Where inside the division: the divisions below it, as
			// an address writes them; its own documents are 本级, as
			// the search's spread calls them.
			row.Where = "本级"
			if path := regions.Find(d.Region); len(path) > len(node.Path) {
				var b strings.Builder
				for _, div := range path[len(node.Path):] {
					b.WriteString(div.Name)
				}
				row.Where = b.String()
			}
		}
		data.Docs = append(data.Docs, row)
	}
	data.Pairs = s.regionPairs(node, p.Root)
	for i, t := range s.themes.Themes {
		c := 0
		for _, d := range node.Docs {
			if d.themeCounts[i] > 0 {
				c++
			}
		}
		if c > 0 {
			q := url.Values{"region": {value}, "theme": {t.ID}}
			data.Themes = append(data.Themes, regionTheme{Name: t.Name, Docs: c, URL: data.Search + "?" + q.Encode()})
		}
	}
	// The themes most of the documents mention first: what the region's
	// documents share.
	slices.SortStableFunc(data.Themes, func(a, b regionTheme) int { return cmp.Compare(b.Docs, a.Docs) })
	p.Data = data
	return p
}

// regionFeed writes /regions/<code>/feed.xml: the newest documents of
// the division and those inside it, for a reader who follows a
// province's policy.
func (s *Site) regionFeed(w *bytes.Buffer, node *regionNode) error {
	var entries []atomEntry
	for _, d := range s.newest(withoutDrafts(node.Docs)) {
		entries = append(entries, atomEntry{title: d.Label(), id: s.feedID(d.ID), href: s.siteURL(docPath(d.ID)), lang: d.Lang,
			updated: atomTime(d.Date), summary: docDescription(d), author: d.Issuer, via: sourceAddress(d.Source)})
	}
	code := node.Division.Code
	id := s.feedID("") + regionPath(code)
	if s.cfg.BaseURL == "" {
		id = "urn:tiaowen:" + s.cfg.Name + ":region:" + code
	}
	return s.writeAtom(w, node.Name()+" · "+s.cfg.Title, id, regionPath(code), regionFeedPath(code), entries)
}

// regionPair is a pair of a division's documents that share words: the
// share of the Later's text that the Earlier has too. Where a county's
// plan repeats its province's, policy has passed down; the region's
// page is where a reader looks for it.
type regionPair struct {
	Later, Earlier *docInfo
	// Dated is whether their dates say which came first; else Later is
	// only the one more of whose text the other has.
	Dated  bool
	Shared string
	URL    string // the pair page
}

// regionPairs are the pairs of node's documents that the site compares,
// by the share of the later one's text that the earlier has, most first,
// then in the pairs' order: at most closestShown, and at most half of
// those pairs (rounded up), so that a few documents' page does not list
// every pair down to those that share next to nothing; none with
// nothing shared. Its documents' pairs, not every pair of the corpus,
// are walked: a province's page of a large corpus must not cost a pass
// over them all.
func (s *Site) regionPairs(node *regionNode, root string) []regionPair {
	in := make(map[*docInfo]bool, len(node.Docs))
	for _, d := range node.Docs {
		in[d] = true
	}
	type candidate struct {
		i     int32
		pair  regionPair
		share float64 // the Later's
	}
	var found []candidate
	compared := 0
	for _, d := range node.Docs {
		for _, i := range s.pairsOf[d] {
			// Each pair once: from its first document.
			p, st := s.pairs[i], s.pairStats[i]
			if p.a != d || !in[p.b] {
				continue
			}
			compared++
			c := candidate{i: i, pair: regionPair{Later: p.b, Earlier: p.a, URL: root + comparePath(p.a.ID, p.b.ID) + "index.html"}, share: st.Shared[1]}
			c.pair.Dated = p.a.Date != "" && p.b.Date != "" && p.a.Date != p.b.Date
			if c.pair.Dated && p.a.Date > p.b.Date || !c.pair.Dated && st.Shared[0] > st.Shared[1] {
				c.pair.Later, c.pair.Earlier, c.share = p.a, p.b, st.Shared[0]
			}
			if c.share > 0 {
				c.pair.Shared = percent(c.share)
				found = append(found, c)
			}
		}
	}
	slices.SortFunc(found, func(x, y candidate) int { return cmp.Or(cmp.Compare(y.share, x.share), cmp.Compare(x.i, y.i)) })
	found = found[:min(len(found), closestShown, (compared+1)/2)]
	pairs := make([]regionPair, len(found))
	for k, c := range found {
		pairs[k] = c.pair
	}
	return pairs
}

// regionsAPIPath is the region pages' data for machines.
const regionsAPIPath = "api/regions.json"

// regionsAPI is /api/regions.json: every division the documents lie
// in, each before those inside it, with its documents as its page lists
// them; the regions that are no division; the documents naming none.
type regionsAPI struct {
	Regions  []regionAPI      `json:"regions"`
	Others   []otherRegionAPI `json:"others"`
	Unplaced []string         `json:"unplaced"`
}

type regionAPI struct {
	Code  string   `json:"code"`
	Name  string   `json:"name"`
	Path  []string `json:"path"`  // the names from the province down, itself last
	Level string   `json:"level"` // province, city or county, as a document's level is written
	URL   string   `json:"url"`
	// Documents are its documents and those of the divisions inside
	// it, newest first; Own those whose region it is itself; Inside the
	// codes of the divisions directly inside it that documents lie in.
	Documents []string `json:"documents"`
	Own       []string `json:"own"`
	Inside    []string `json:"inside"`
}

type otherRegionAPI struct {
	Name      string   `json:"name"`
	Documents []string `json:"documents"`
}

func docIDs(docs []*docInfo) []string {
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	return ids
}

func (s *Site) regionsJSON(w *bytes.Buffer) error {
	t := s.regionTree()
	out := regionsAPI{Regions: []regionAPI{}, Others: []otherRegionAPI{}, Unplaced: []string{}}
	for _, n := range t.nodes() {
		r := regionAPI{Code: n.Division.Code, Name: n.Name(), Level: n.Division.Level(), URL: s.siteURL(regionPath(n.Division.Code)),
			Documents: docIDs(n.Docs), Own: docIDs(n.Own), Inside: []string{}}
		for _, div := range n.Path {
			r.Path = append(r.Path, div.Name)
		}
		for _, in := range n.Inside {
			r.Inside = append(r.Inside, in.Division.Code)
		}
		out.Regions = append(out.Regions, r)
	}
	for _, o := range t.Others {
		out.Others = append(out.Others, otherRegionAPI{Name: o.Name, Documents: docIDs(o.Docs)})
	}
	for _, d := range sortedDocsByDate(s.docs) {
		if d.Region == "" {
			out.Unplaced = append(out.Unplaced, d.ID)
		}
	}
	return encodeJSON(w, out)
}
