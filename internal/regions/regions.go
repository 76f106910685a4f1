// Package regions places a document's region among China's
// administrative divisions, so that a province's documents can be found
// together with its cities' and counties': a reader choosing 广东省 means
// 广州市's plan and 陆河县's too. A region is found by its name in any
// script (江蘇省 is 江苏省), alone when the name is unique in the country
// (陆河县) or as written out from its province (福建省福州市鼓楼区, where
// 鼓楼区 alone could be four districts).
package regions

import (
	_ "embed"
	"slices"
	"strings"
	"sync"

	"tiaowen/internal/textnorm"
)

// Division is one of the administrative divisions.
type Division struct {
	// Code is its six-digit GB/T 2260 code: 440000 for 广东省, 441500
	// for 汕尾市, 441523 for 陆河县.
	Code string
	Name string
}

//go:embed divisions.tsv
var table string

// divisions is the table, read once: every division by code, and the
// codes of each normalised name (several for a name like 鼓楼区).
type divisions struct {
	byCode map[string]Division
	keys   map[string]string // code → normalised name
	runes  map[string][]rune // code → name
	byName map[string][]string
	// within holds the divisions directly inside each one, and those of
	// the top level under "".
	within map[string][]string

	uniqueOnce  sync.Once
	uniqueCodes []string
}

var load = sync.OnceValue(func() *divisions {
	t := &divisions{byCode: map[string]Division{}, keys: map[string]string{}, runes: map[string][]rune{}, byName: map[string][]string{}, within: map[string][]string{}}
	for line := range strings.Lines(table) {
		code, name, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		t.byCode[code] = Division{Code: code, Name: name}
		key := textnorm.Key(name)
		t.keys[code] = key
		t.runes[code] = []rune(name)
		t.byName[key] = append(t.byName[key], code)
	}
	// The table is in code order, so a division's parent is read before
	// it and the lists of those within are in code order too.
	for line := range strings.Lines(table) {
		code, _, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		t.within[t.parent(code)] = append(t.within[t.parent(code)], code)
	}
	return t
})

// parent is the code of the division directly above code's, or "" for a
// province. A county of a municipality (北京市's 朝阳区) or one a province
// governs directly (河南省's 济源市) has no prefecture above it.
func (t *divisions) parent(code string) string {
	switch {
	case strings.HasSuffix(code, "0000"):
		return ""
	case strings.HasSuffix(code, "00"):
		return code[:2] + "0000"
	}
	if _, ok := t.byCode[code[:4]+"00"]; ok {
		return code[:4] + "00"
	}
	return code[:2] + "0000"
}

// Find gives the divisions a region lies in, from its province down to
// the region itself, or nil when the name is none of the table's or
// could be several of them. The names are the table's, in simplified
// script: a caller showing the region itself shows it as written. The
// slice is shared among callers, to be read only.
func Find(region string) []Division {
	if path, ok := found.Load(region); ok {
		return path.([]Division)
	}
	path := find(region)
	found.Store(region, path)
	return path
}

// found keeps what Find found of each region it was asked: a site asks
// of its few regions once for each of its pages that lists them.
var found sync.Map

func find(region string) []Division {
	t := load()
	key := textnorm.Key(region)
	if key == "" {
		return nil
	}
	if codes := t.byName[key]; len(codes) == 1 {
		return t.path(codes[0])
	}
	// Written out from the top: each name a prefix of what remains,
	// looked for among the divisions inside the last one found.
	var path []Division
	for at := ""; key != ""; {
		next := ""
		for _, code := range t.within[at] {
			if name := t.keys[code]; strings.HasPrefix(key, name) && len(name) > len(t.keys[next]) {
				next = code
			}
		}
		if next == "" {
			return nil
		}
		key = key[len(t.keys[next]):]
		path = append(path, t.byCode[next])
		at = next
	}
	return path
}

// path is the divisions from the top down to code's.
func (t *divisions) path(code string) []Division {
	var up []Division
	for ; code != ""; code = t.parent(code) {
		up = append(up, t.byCode[code])
	}
	for i, j := 0, len(up)-1; i < j; i, j = i+1, j-1 {
		up[i], up[j] = up[j], up[i]
	}
	return up
}

// Level is the level of government a division is: "province" for a
// province, an autonomous region or a municipality (北京市), "city" for
// a prefecture, "county" for a county, a district or a county-level
// city (昆山市).
func (d Division) Level() string {
	switch {
	case strings.HasSuffix(d.Code, "0000"):
		return "province"
	case strings.HasSuffix(d.Code, "00"):
		return "city"
	}
	return "county"
}

// Prefix reads the divisions that s begins by naming — as an issuer
// does, 陆河县人民政府 or 广东省汕尾市陆河县人民政府 — and gives them from
// the province down, or nil when s begins with none, and the name of the
// innermost as s writes it (陸河縣 in 陸河縣人民政府). A name that is
// several divisions' is read only after the one it lies in.
func Prefix(s string) (path []Division, written string) {
	t := load()
	runes := []rune(s)
	simple := make([]rune, len(runes))
	for i, r := range runes {
		simple[i] = textnorm.SimplifyRune(r)
	}
	at, end := "", 0
	// next finds the longest name of the divisions among codes that the
	// text goes on with at end.
	next := func(codes []string) (string, int) {
		best, bestEnd := "", end
		for _, code := range codes {
			name := t.runes[code]
			if e := end + len(name); e > bestEnd && e <= len(simple) && slices.Equal(simple[end:e], name) {
				best, bestEnd = code, e
			}
		}
		return best, bestEnd
	}
	start := 0
	for {
		code, e := next(t.within[at])
		if code == "" && at == "" {
			code, e = next(t.unique())
			if code != "" {
				path = t.path(code)
				at, start, end = code, end, e
				continue
			}
		}
		if code == "" {
			break
		}
		path = append(path, t.byCode[code])
		at, start, end = code, end, e
	}
	if path == nil {
		return nil, ""
	}
	return path, string(runes[start:end])
}

// unique is the codes of the divisions whose name is theirs alone.
func (t *divisions) unique() []string {
	t.uniqueOnce.Do(func() {
		for _, codes := range t.byName {
			if len(codes) == 1 {
				t.uniqueCodes = append(t.uniqueCodes, codes[0])
			}
		}
		slices.Sort(t.uniqueCodes)
	})
	return t.uniqueCodes
}

// suffixes end the names of divisions, after the place's own name: 广州
// is 广州市, 内蒙古 内蒙古自治区.
var suffixes = []string{"省", "市", "县", "区", "自治区", "特别行政区", "自治州", "自治县", "地区", "盟", "旗", "自治旗", "林区", "特区"}

// Near gives the divisions a region that Find does not place may mean,
// each as its path from the province: all of those it names when it
// names several (鼓楼区), else those whose name is it with the ending
// that a division's name has (广州 is 广州市; 吉林 吉林省 or 吉林市). It
// gives nil for a region that is none of them nor near one.
func Near(region string) [][]Division {
	t := load()
	key := textnorm.Key(region)
	if key == "" || Find(region) != nil {
		return nil
	}
	codes := t.byName[key]
	if len(codes) == 0 {
		for _, s := range suffixes {
			codes = append(codes, t.byName[key+s]...)
		}
		slices.Sort(codes)
	}
	var out [][]Division
	for _, code := range codes {
		out = append(out, t.path(code))
	}
	return out
}
