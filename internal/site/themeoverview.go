package site

import (
	"cmp"
	"maps"
	"net/url"
	"slices"
	"strconv"

	"tiaowen/internal/regions"
	"tiaowen/internal/textnorm"
	"tiaowen/internal/themes"
)

// themeOverview is what a theme's page says, on each of its pages, of
// all the documents that mention the theme: the first to and the latest,
// and how they spread over the years, the regions and the levels of
// government, each value a link to the search page's list of the theme's
// sections in those documents. Who said it first and where it spread is
// what a reader of a theme asks before reading its passages, and a
// paginated page cannot show it.
type themeOverview struct {
	Docs, Sections int
	// First and Latest are the earliest and the latest dated documents
	// to mention the theme; Latest is nil when it is First.
	First, Latest *themeMention
	// All is the search page listing every section that mentions the
	// theme, the oldest documents' first.
	All  string
	Rows []overviewRow
}

// themeMention is a document that mentions a theme, and the link to its
// passages on the theme's pages.
type themeMention struct {
	Doc *docInfo
	URL string
}

// overviewRow is a column of the documents and the values it takes
// among those that mention a theme, with how many documents each; Rest
// is how many the column says nothing of (no date, say).
type overviewRow struct {
	Label  string
	Values []overviewValue
	Rest   int
}

type overviewValue struct {
	Name  string
	Count int
	URL   string // the search page, the theme's sections in these documents
}

// themeOverviewOf is theme t's overview (t an index in s.themes) for a
// page at root, or nil for a theme fewer than two documents mention.
func (s *Site) themeOverviewOf(t int, root string) *themeOverview {
	if s.themeDocs[t] < 2 {
		return nil
	}
	id := s.themes.Themes[t].ID
	search := func(extra ...string) string {
		q := url.Values{"theme": {id}}
		for i := 0; i+1 < len(extra); i += 2 {
			q.Set(extra[i], extra[i+1])
		}
		return root + searchPath + "index.html?" + q.Encode()
	}
	o := &themeOverview{Docs: s.themeDocs[t], All: search("sort", "old")}
	years, levels, places := map[string]int{}, map[string]int{}, map[string]int{}
	var undated, unplaced int
	var first, latest *docInfo // the earliest and the latest dated
	named := regionValues(s.docs)
	for _, d := range s.docs {
		n := d.themeCounts[t]
		if n == 0 {
			continue
		}
		o.Sections += n
		if len(d.Date) >= 4 {
			years[d.Date[:4]]++
			if first == nil || d.Date < first.Date {
				first = d
			}
			if latest == nil || d.Date >= latest.Date {
				latest = d
			}
		} else {
			undated++
		}
		levels[d.Level]++
		if d.Region == "" {
			unplaced++
		} else {
			places[named(d.Region)]++
		}
	}
	if first != nil {
		o.First = &themeMention{first, s.themeDocURL(root, t, first)}
	}
	if latest != nil && latest != first {
		o.Latest = &themeMention{latest, s.themeDocURL(root, t, latest)}
	}
	row := func(label, column string, values []string, count map[string]int, name func(string) string, rest int) {
		if len(values) < 2 {
			return
		}
		r := overviewRow{Label: label, Rest: rest}
		for _, v := range values {
			r.Values = append(r.Values, overviewValue{name(v), count[v], search(column, v)})
		}
		o.Rows = append(o.Rows, r)
	}
	same := func(v string) string { return v }
	// The years in their order, as a theme's history is read.
	row("年份", "year", slices.Sorted(maps.Keys(years)), years, same, undated)
	var byLevel []string
	levelless := o.Docs
	for _, l := range levelsInOrder {
		if levels[l] > 0 {
			byLevel = append(byLevel, l)
			levelless -= levels[l]
		}
	}
	row("级别", "level", byLevel, levels, levelName, levelless)
	// The outermost regions, in the 地区 select's order.
	var byPlace []string
	for _, v := range regionFacet(s.docs) {
		if v.Indent == "" && places[v.Value] > 0 {
			byPlace = append(byPlace, v.Value)
		}
	}
	row("地区", "region", byPlace, places, same, unplaced)
	return o
}

// regionValues gives the function that names a region as the outermost
// value of the 地区 select covering it (regionFacet): its province when
// it is one of the divisions, else the form the first document of the
// corpus to name it writes.
func regionValues(docs []*docInfo) func(string) string {
	first := map[string]string{}
	for _, d := range docs {
		if k := textnorm.Key(d.Region); d.Region != "" && first[k] == "" {
			first[k] = d.Region
		}
	}
	return func(region string) string {
		if path := regions.Find(region); path != nil {
			return path[0].Name
		}
		return cmp.Or(first[textnorm.Key(region)], region)
	}
}

// crossTable is a table of the themes page: for each theme, how many
// documents of each year, or of each region, mention it — when a theme
// took hold, and where. A cell's shade is the share of its column's
// documents, as years and provinces have unequal numbers of them, and
// its link the search page's list of those documents' sections of the
// theme.
type crossTable struct {
	Label   string // what the columns are: 年份, 地区
	ID      string // the table's element id
	Columns []crossColumn
	Rows    []crossRow
}

type crossColumn struct {
	Name string
	Docs int    // the documents of the column, whatever their themes
	URL  string // a province's page, for a column of one
}

type crossRow struct {
	Theme *themes.Theme
	URL   string
	Cells []matrixCell
}

// crossTables are the themes page's tables at root: by year and by
// region (the outermost, a province's documents counting those of the
// regions inside it), each where the documents take two values or more.
func (s *Site) crossTables(root string) []crossTable {
	if len(s.themes.Themes) == 0 {
		return nil
	}
	named := regionValues(s.docs)
	var places []string
	for _, v := range regionFacet(s.docs) {
		if v.Indent == "" {
			places = append(places, v.Value)
		}
	}
	years := map[string]bool{}
	for _, d := range s.docs {
		if len(d.Date) >= 4 {
			years[d.Date[:4]] = true
		}
	}
	var tables []crossTable
	for _, c := range []struct {
		label, param string
		values       []string
		of           func(*docInfo) string
	}{
		{"年份", "year", slices.Sorted(maps.Keys(years)), func(d *docInfo) string { return d.Date[:min(4, len(d.Date))] }},
		{"地区", "region", places, func(d *docInfo) string {
			if d.Region == "" {
				return ""
			}
			return named(d.Region)
		}},
	} {
		if len(c.values) < 2 {
			continue
		}
		col := map[string]int{}
		for i, v := range c.values {
			col[v] = i
		}
		table := crossTable{Label: c.label, ID: "by-" + c.param, Columns: make([]crossColumn, len(c.values))}
		for i, v := range c.values {
			table.Columns[i].Name = v
			if path := regions.Find(v); c.param == "region" && len(path) == 1 {
				table.Columns[i].URL = root + regionPath(path[0].Code) + "index.html"
			}
		}
		counts := make([][]int, len(s.themes.Themes))
		for t := range counts {
			counts[t] = make([]int, len(c.values))
		}
		for _, d := range s.docs {
			i, ok := col[c.of(d)]
			if !ok {
				continue
			}
			table.Columns[i].Docs++
			for t, n := range d.themeCounts {
				if n > 0 {
					counts[t][i]++
				}
			}
		}
		for t, th := range s.themes.Themes {
			row := crossRow{Theme: th, URL: root + themePath(th.ID) + "index.html"}
			for i, n := range counts[t] {
				cell := matrixCell{Theme: th, Count: n, Heat: heat(n, table.Columns[i].Docs)}
				if n > 0 {
					cell.URL = root + searchPath + "index.html?" + url.Values{"theme": {th.ID}, c.param: {c.values[i]}}.Encode()
					cell.Label = c.values[i] + " · " + th.Name + "：" + strconv.Itoa(n) + " 份文件"
				}
				row.Cells = append(row.Cells, cell)
			}
			table.Rows = append(table.Rows, row)
		}
		tables = append(tables, table)
	}
	return tables
}
