package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"

	"tiaowen/internal/align"
	"tiaowen/internal/corpus"
	"tiaowen/internal/textnorm"
	"tiaowen/internal/themes"
)

// Options configure Build.
type Options struct {
	// Themes are the site's themes, in the order pages list them; nil
	// means none.
	Themes *themes.Set
	// SectionThemes returns the themes of section j of document i, as the
	// site's analysis found them. Nil means Build matches Themes itself.
	SectionThemes func(i, j int) []*themes.Theme
	// GramShardBytes and TextShardBytes are the sizes that shards aim
	// at; zero means DefaultGramShardBytes and DefaultTextShardBytes. A
	// gram shard grows past its size only to hold one list longer than
	// it, alone, and the size grows so that there are at most
	// maxGramShards.
	GramShardBytes, TextShardBytes int
	// SplitBytes is the length beyond which a bigram's posting list
	// keeps only its sections in its gram shard, and the whole list,
	// with its positions, moves to a file of its own; zero means
	// DefaultSplitBytes, and a negative value never splits.
	SplitBytes int
	// ExtendBytes is the length beyond which a split bigram's positions
	// are not written at all: the trigrams that contain it are indexed
	// instead, with their positions, which is all a phrase needs of it
	// (see doc.go); zero means DefaultExtendBytes, and a negative value
	// never extends.
	ExtendBytes int
	// Rarity, when not nil, is written to rarity.js (see rarityFile), for
	// the comparison the chooser computes in the browser.
	Rarity *align.Rarity
}

// The default shard sizes: a query for a few characters reads a few
// gram shards, and a page of results a page's worth of text shards.
//
// A query reads whole shards for the few lists it needs: reading a file
// from file:// costs the page about 0.1 ms a kilobyte, so gram shards
// are small, and a long list sits in a shard of its own rather than
// weighing on every query that needs a neighbour of it.
const (
	DefaultGramShardBytes = 16 << 10
	DefaultTextShardBytes = 16 << 10
	// maxGramShards bounds the number of gram files, and so the length
	// of meta.js's list of them.
	maxGramShards = 8192
	// DefaultSplitBytes: a common bigram's positions are most of its
	// list (质量's at 2000 documents: 0.8 of 0.96 MB), and only a phrase
	// of three characters or more reads them. Split off, a query for the
	// word alone reads a fifth of the bytes, and a phrase reads the
	// bigram's own file instead of its shard, in the same round as the
	// shards, since meta.js names the split grams: one file a bigram, as
	// a file costs a first query ~5 ms from file:// whatever its size.
	DefaultSplitBytes = 8 << 10
	// DefaultExtendBytes: at 2000 documents the positions of 质量 are
	// 0.8 MB, which a phrase such as 质量基础设施 read whole, some 80 ms
	// from file://, for the twenty thousand sections that have the
	// phrase; 质量基's list is 60 KB. Chaining through trigrams costs
	// the ranking more than reading positions does (首负责任制, whose 负责
	// and 责任 have 37 and 54 KB of positions, ranked in 18 ms instead of
	// 4 once its files were read), so only the longest are extended:
	// at 2000 documents eleven bigrams.
	DefaultExtendBytes = 128 << 10
)

// Dir is the folder, under the site's search/ page, that holds the index.
const Dir = "data/"

// File is one file of the index.
type File struct {
	// Name is the file's slash path under the search page's folder:
	// "data/meta.js".
	Name string
	Data []byte
}

// Index is a built search index: its files and a few counts.
type Index struct {
	// Files are the index's files, meta.js last.
	Files []File
	// Sections is the number of sections indexed; Grams the number of
	// distinct characters and bigrams.
	Sections, Grams int
	// GramShards and TextShards are the numbers of shard files;
	// PositionFiles the number of bigrams whose positions have a file
	// of their own; Extended the number of bigrams whose positions the
	// trigrams that contain them give, and Trigrams those trigrams.
	GramShards, TextShards, PositionFiles, Extended, Trigrams int
}

// Size returns the number of bytes of all the index's files.
func (ix *Index) Size() int64 {
	var n int64
	for _, f := range ix.Files {
		n += int64(len(f.Data))
	}
	return n
}

// File returns the file with the given name, or nil.
func (ix *Index) File(name string) *File {
	for i := range ix.Files {
		if ix.Files[i].Name == name {
			return &ix.Files[i]
		}
	}
	return nil
}

// gram is a character (b < 0), a bigram (c < 0) or a trigram and its
// posting list so far.
type gram struct {
	a, b, c rune
	buf     []byte // the encoded list
	last    int    // the last section appended, -1 before the first
	// While a section is read: cur is its number plus one once the
	// section has the gram, and head and tail link the gram's
	// occurrences in it through builder.next.
	cur        int
	head, tail int32
}

// densify writes the list of a gram without positions in the dense
// form when that is shorter (see appendDense).
func (g *gram) densify() {
	if g.last/6+3 >= len(g.buf) {
		return
	}
	if d := appendDense(nil, g.buf, g.last); len(d) < len(g.buf) {
		g.buf = d
	}
}

// key returns the gram as a string. Go orders UTF-8 strings by code
// point, a gram before the longer grams it starts, which is the order
// of the gram shards.
func (g *gram) key() string {
	switch {
	case g.b < 0:
		return string(g.a)
	case g.c < 0:
		return string([]rune{g.a, g.b})
	}
	return string([]rune{g.a, g.b, g.c})
}

// builder accumulates the posting lists, section by section in order.
type builder struct {
	grams []gram
	chars []int32           // BMP rune → 1 + its index in grams, 0 for none yet
	index map[uint64]uint32 // other grams' keys → index in grams
	seen  runeSet           // every rune of the indexed text
	// Buffers reused from section to section: the grams the section has
	// in order of first occurrence, and for each occurrence its position
	// and the next occurrence of the same gram.
	touched []int32
	pos     []int32
	next    []int32
	list    []int
}

// gramKey packs a gram into a map key: a character is its rune, a bigram
// lies above every rune (a rune takes 21 bits), and a trigram above
// every bigram.
func gramKey(a, b, c rune) uint64 {
	switch {
	case b < 0:
		return uint64(a)
	case c < 0:
		return (uint64(a)+1)<<21 | uint64(b)
	}
	return (uint64(a)+1)<<42 | uint64(b)<<21 | uint64(c)
}

// gramIndex returns the index of a gram in b.grams, adding it if new.
// Characters of the BMP, which are nearly all, skip the map.
func (b *builder) gramIndex(x, y, z rune) int32 {
	if y < 0 && 0 <= x && x < 0x10000 {
		if i := b.chars[x]; i > 0 {
			return i - 1
		}
		b.grams = append(b.grams, gram{a: x, b: y, c: z, last: -1})
		b.chars[x] = int32(len(b.grams))
		return int32(len(b.grams) - 1)
	}
	k := gramKey(x, y, z)
	i, ok := b.index[k]
	if !ok {
		i = uint32(len(b.grams))
		b.grams = append(b.grams, gram{a: x, b: y, c: z, last: -1})
		b.index[k] = i
	}
	return int32(i)
}

// occur records that section n has gram gi at position p.
func (b *builder) occur(n int, gi int32, p int) {
	k := int32(len(b.pos))
	b.pos = append(b.pos, int32(p))
	b.next = append(b.next, -1)
	g := &b.grams[gi]
	if g.cur != n+1 {
		g.cur, g.head, g.tail = n+1, k, k
		b.touched = append(b.touched, gi)
		return
	}
	b.next[g.tail] = k
	g.tail = k
}

// add indexes section n, whose searchable text, normalised, is t.
func (b *builder) add(n int, t *normalised) {
	b.touched, b.pos, b.next = b.touched[:0], b.pos[:0], b.next[:0]
	for i, r := range t.runes {
		b.occur(n, b.gramIndex(r, -1, -1), i)
		if t.joined[i] {
			b.occur(n, b.gramIndex(r, t.runes[i+1], -1), i)
		}
	}
	b.flush(n, t.titleLen)
}

// addTrigrams indexes the trigrams of section n that contain an
// extended bigram (one that extended says is), once all sections have
// been added and the extended bigrams are known.
func (b *builder) addTrigrams(n int, t *normalised, extended func(x, y rune) bool) {
	b.touched, b.pos, b.next = b.touched[:0], b.pos[:0], b.next[:0]
	rs := t.runes
	for p := 0; p+2 < len(rs); p++ {
		if t.joined[p] && t.joined[p+1] && (extended(rs[p], rs[p+1]) || extended(rs[p+1], rs[p+2])) {
			b.occur(n, b.gramIndex(rs[p], rs[p+1], rs[p+2]), p)
		}
	}
	b.flush(n, t.titleLen)
}

// flush appends section n, whose first titleLen runes are its title's,
// to the list of every gram it has.
func (b *builder) flush(n int, titleLen int) {
	for _, gi := range b.touched {
		g := &b.grams[gi]
		b.list = b.list[:0]
		for k := g.head; k >= 0; k = b.next[k] {
			b.list = append(b.list, int(b.pos[k]))
		}
		p := Posting{Section: n, InTitle: b.list[0] < titleLen, Positions: b.list}
		g.buf = appendPosting(g.buf, g.last, p, g.b >= 0)
		g.last = n
	}
}

// Build indexes the title and text of every section of c and encodes the
// index as the files that the search page loads. The same corpus and
// options always give byte-identical files.
func Build(c *corpus.Corpus, opts Options) *Index {
	if opts.GramShardBytes <= 0 {
		opts.GramShardBytes = DefaultGramShardBytes
	}
	if opts.TextShardBytes <= 0 {
		opts.TextShardBytes = DefaultTextShardBytes
	}
	var set []*themes.Theme
	if opts.Themes != nil {
		set = opts.Themes.Themes
	}
	sectionThemes := opts.SectionThemes
	if sectionThemes == nil && len(set) > 0 {
		m := themes.NewMatcher(opts.Themes)
		sectionThemes = func(i, j int) []*themes.Theme {
			s := c.Docs[i].Sections[j]
			return m.Themes(s.Title + "\n" + s.Text)
		}
	}
	themeIndex := map[*themes.Theme]int{}
	for i, t := range set {
		themeIndex[t] = i
	}
	themeSecs := make([][]int, len(set))

	b := &builder{chars: make([]int32, 0x10000), index: map[uint64]uint32{}, seen: newRuneSet()}
	n := 0
	docOf := make([]int, 0, 64)
	for i, d := range c.Docs {
		for range d.Sections {
			docOf = append(docOf, i)
		}
	}
	normaliseSections(c, func(k int, sec *corpus.Section, t *normalised) {
		b.seen.addString(sec.Title)
		b.seen.add('\n')
		b.seen.addString(sec.Text)
		b.add(k, t)
		if sectionThemes != nil {
			for _, th := range sectionThemes(docOf[k], sec.Index) {
				if j, ok := themeIndex[th]; ok && (len(themeSecs[j]) == 0 || themeSecs[j][len(themeSecs[j])-1] != k) {
					themeSecs[j] = append(themeSecs[j], k)
				}
			}
		}
		n++
	})

	posFiles, split, splitCounts, extended := splitLists(b.grams, opts.SplitBytes, opts.ExtendBytes)
	ix := &Index{PositionFiles: len(posFiles), Extended: len([]rune(extended)) / 2}
	if extended != "" {
		// A second pass: which bigrams are extended is known only once
		// every section is in.
		before := len(b.grams)
		isExtended := extendedSet(extended)
		normaliseSections(c, func(k int, _ *corpus.Section, t *normalised) {
			b.addTrigrams(k, t, isExtended)
		})
		ix.Trigrams = len(b.grams) - before
	}
	ix.Sections, ix.Grams = n, len(b.grams)
	for i := range b.grams {
		if b.grams[i].b < 0 {
			b.grams[i].densify()
		}
	}
	shards, shardStarts := gramShards(b.grams, opts.GramShardBytes)
	ix.Files = append(ix.Files, shards...)
	ix.GramShards = len(shards)
	ix.Files = append(ix.Files, posFiles...)
	texts, textStart := textShards(c, opts.TextShardBytes)
	ix.TextShards = len(texts)
	ix.Files = append(ix.Files, texts...)
	// One file per theme: a page filtering by one theme reads its list
	// alone, at 10000 documents some tens of kilobytes, where all the
	// lists together would be most of a megabyte.
	for k, secs := range themeSecs {
		slices.Sort(secs)
		ix.Files = append(ix.Files, jsFile(themeFileName(k), map[string]any{"k": "th", "n": k, "d": string(appendSections(nil, secs))}))
	}

	if opts.Rarity != nil {
		ix.Files = append(ix.Files, rarityFile(opts.Rarity))
	}
	if f, ok := simplifiedFile(c); ok {
		ix.Files = append(ix.Files, f)
	}
	ix.Files = append(ix.Files, headsFile(c, b.seen))

	h := fnv.New64a()
	for _, f := range ix.Files {
		h.Write([]byte(f.Name))
		h.Write(f.Data)
	}
	ft := buildFold(b.seen)
	newer := map[string]string{}
	for _, d := range c.Docs {
		for _, id := range d.Supersedes {
			newer[id] = d.ID
		}
	}
	asides := corpus.TitleAsides(c.Docs)
	docs := make([][]any, len(c.Docs))
	for i, d := range c.Docs {
		year := d.Date[:min(4, len(d.Date))]
		docs[i] = []any{d.ID, d.Title, d.Lang, len(d.Sections), d.Level, year, d.Status, newer[d.ID], asides[i], d.Draft}
		if d.Effective != "" || d.Expires != "" || d.Region != "" {
			docs[i] = append(docs[i], d.Effective, d.Expires)
		}
		if d.Region != "" {
			docs[i] = append(docs[i], d.Region)
		}
	}
	ts := make([][2]string, len(set))
	for i, t := range set {
		ts[i] = [2]string{t.ID, t.Name}
	}
	meta := map[string]any{
		"k":        "meta",
		"v":        fmt.Sprintf("%016x", h.Sum64()),
		"sections": n,
		"shards":   strings.Join(shardStarts, " "),
		"docs":     docs,
		"themes":   ts,
		"texts":    string(appendSections(nil, textStart)),
		"split":    split,
		"splitn":   splitCounts,
		"extended": extended,
		"fold":     string(ft.fold),
		"drop":     string(ft.drop),
		"keep":     string(ft.keep),
		"ends":     textnorm.ClauseEnds,
	}
	ix.Files = append(ix.Files, jsFile("meta.js", meta))
	return ix
}

// splitLists moves every bigram whose list is longer than limit (see
// Options.SplitBytes) to a file of its own, p<i>.js, leaving its
// sections in its list, or, past extend bytes of positions
// (Options.ExtendBytes), drops the positions and marks the bigram
// extended. It
// returns the files; the split bigrams, one after another in the order
// of i, as meta.js names them; how many sections each has, as varints;
// and the extended bigrams, the same way, in code point order.
func splitLists(grams []gram, limit, extend int) ([]File, string, string, string) {
	if limit == 0 {
		limit = DefaultSplitBytes
	}
	if limit < 0 {
		return nil, "", "", ""
	}
	if extend == 0 {
		extend = DefaultExtendBytes
	}
	var big []*gram
	for i := range grams {
		if g := &grams[i]; g.b >= 0 && len(g.buf) > limit {
			big = append(big, g)
		}
	}
	slices.SortFunc(big, compareGrams)
	var files []File
	var names, extended []rune
	var counts []byte
	for _, g := range big {
		whole := g.buf
		g.buf = listSections(whole)
		positions := len(whole) - len(g.buf)
		sections := 0
		for _, d := range g.buf {
			if digitValue[d]&32 == 0 {
				sections++
			}
		}
		g.densify()
		if extend >= 0 && positions > extend {
			extended = append(extended, g.a, g.b)
			continue
		}
		i := len(files)
		files = append(files, jsFileSized(positionFileName(i), map[string]any{"k": "p", "n": i, "d": string(whole)}, len(whole)+32))
		names = append(names, g.a, g.b)
		counts = appendUvarint(counts, uint64(sections))
	}
	return files, string(names), string(counts), string(extended)
}

// extendedSet returns a test of whether the bigram xy is extended, one
// of those that the string extended lists: most runes start none, which
// a table says without a map lookup.
func extendedSet(extended string) func(x, y rune) bool {
	first := make([]bool, 0x10000)
	rs := []rune(extended)
	set := make(map[uint64]bool, len(rs)/2)
	for i := 0; i+1 < len(rs); i += 2 {
		set[gramKey(rs[i], rs[i+1], -1)] = true
		if rs[i] < 0x10000 {
			first[rs[i]] = true
		}
	}
	return func(x, y rune) bool {
		if x < 0x10000 && !first[x] {
			return false
		}
		return set[gramKey(x, y, -1)]
	}
}

// compareGrams orders grams by their runes.
func compareGrams(x, y *gram) int {
	if x.a != y.a {
		return int(x.a - y.a)
	}
	if x.b != y.b {
		return int(x.b - y.b)
	}
	return int(x.c - y.c)
}

// gramShards cuts the posting lists, in the order of their grams, into
// shard files of about target bytes: a list longer than target has a
// shard of its own. It returns the files and the first gram of each,
// by which the page finds a gram's shard.
func gramShards(grams []gram, target int) ([]File, []string) {
	sorted := make([]*gram, len(grams))
	total := 0
	for i := range grams {
		sorted[i] = &grams[i]
		total += gramBytes(&grams[i])
	}
	// Cut greedily, any two shards in a row hold more than target.
	target = max(target, 2*total/(maxGramShards-1)+1)
	slices.SortFunc(sorted, compareGrams)
	var files []File
	var starts []string
	for i := 0; i < len(sorted); {
		j, size := i, 0
		for j < len(sorted) && (j == i || size+gramBytes(sorted[j]) <= target) {
			size += gramBytes(sorted[j])
			j++
		}
		files = append(files, gramShard(len(files), sorted[i:j], size))
		starts = append(starts, sorted[i].key())
		i = j
	}
	if len(files) == 0 {
		// No text: one empty shard, where the page looks for any gram.
		files, starts = []File{gramShard(0, nil, 0)}, []string{""}
	}
	return files, starts
}

// gramBytes is what a gram's list adds to its shard: the list, its key
// and the quotes, colon and comma.
func gramBytes(g *gram) int { return len(g.buf) + 12 }

// gramShard encodes shard s, the lists of gs, about size bytes.
func gramShard(s int, gs []*gram, size int) File {
	// Sized up front: growing a buffer of hundreds of kilobytes by
	// doubling cost a tenth of the build.
	var buf bytes.Buffer
	buf.Grow(size + len(jsPrefix) + 32)
	buf.WriteString(jsPrefix)
	buf.WriteString(`{"k":"g","n":`)
	buf.WriteString(strconv.Itoa(s))
	buf.WriteString(`,"d":{`)
	for i, g := range gs {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, _ := json.Marshal(g.key())
		buf.Write(k)
		buf.WriteByte(':')
		buf.WriteByte('"')
		buf.Write(g.buf)
		buf.WriteByte('"')
	}
	buf.WriteString("}});\n")
	return File{Name: Dir + gramShardName(s), Data: buf.Bytes()}
}

// themeFileName is the file name of the list of theme k, in the order
// of Options.Themes.
func themeFileName(k int) string { return "th" + strconv.Itoa(k) + ".js" }

// positionFileName is the file name of the whole list, with its
// positions, of the i-th split bigram.
func positionFileName(i int) string { return "p" + strconv.Itoa(i) + ".js" }

// gramShardName is the file name of gram shard s.
func gramShardName(s int) string { return "g" + strconv.Itoa(s) + ".js" }

// textShards packs the sections' original text, in corpus order, into
// files of about target bytes, cut between sections wherever they fall,
// so that a page of results spread over many documents reads a little of
// each, not each whole. A shard's data is, for each of its sections,
// five strings: eId, citation, title, text and parentGap's; beside them,
// under "b", the Layout of those with a table or code, keyed by their
// place in the shard. It returns the files and the number of the first
// section of each.
func textShards(c *corpus.Corpus, target int) ([]File, []int) {
	var files []File
	var start []int
	var cur []string
	// layouts holds, by the section's place in the shard, the layout of
	// each section with a table or code: few have one, and a section
	// without is a paragraph a line.
	var layouts map[string]string
	size, n := 0, 0
	flush := func() {
		if len(cur) == 0 {
			return
		}
		k := len(files)
		shard := map[string]any{"k": "t", "n": k, "d": cur}
		if layouts != nil {
			shard["b"] = layouts
		}
		files = append(files, jsFileSized("t"+strconv.Itoa(k)+".js", shard, size+64))
		cur, layouts, size = nil, nil, 0
	}
	for _, d := range c.Docs {
		for _, s := range d.Sections {
			if len(cur) == 0 {
				start = append(start, n)
			}
			if layout := s.Layout(); layout != "" {
				if layouts == nil {
					layouts = map[string]string{}
				}
				layouts[strconv.Itoa(len(cur)/5)] = layout
				size += len(layout) + 8
			}
			cite, up := s.Citation(), parentGap(s)
			cur = append(cur, s.EID, cite, s.Title, s.Text, up)
			size += len(s.EID) + len(cite) + len(s.Title) + len(s.Text) + len(up) + 15
			n++
			if size >= target {
				flush()
			}
		}
	}
	flush()
	return files, start
}

// parentGap is how many sections before s its parent comes, in decimal,
// or "" for a top-level section: the tree, which eIds do not give where a
// numbering runs on across its parents (陆河's （十二） is s12 under p6).
func parentGap(s *corpus.Section) string {
	if s.Parent == nil {
		return ""
	}
	return strconv.Itoa(s.Index - s.Parent.Index)
}

// jsPrefix opens every index file: the files are scripts, not JSON, so
// that a page opened from file:// can load them, and each hands its data
// to the search page through one global.
const jsPrefix = "(window.TIAOWEN_SEARCH=window.TIAOWEN_SEARCH||[]).push("

// jsFile encodes v as an index file named name under Dir.
func jsFile(name string, v any) File { return jsFileSized(name, v, 0) }

// jsFileSized is jsFile for a file of about size bytes, which it
// allocates at once.
func jsFileSized(name string, v any, size int) File {
	var buf bytes.Buffer
	buf.Grow(size + len(jsPrefix) + 4)
	buf.WriteString(jsPrefix)
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// The values are strings, numbers and slices of them.
		panic(fmt.Sprintf("search: encode %s: %v", name, err))
	}
	buf.Truncate(buf.Len() - 1) // Encode's newline
	buf.WriteString(");\n")
	return File{Name: Dir + name, Data: buf.Bytes()}
}
