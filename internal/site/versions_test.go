package site

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// The seeds' Guangzhou 方案 is a 征求意见稿; testdata/versions holds a
// final text of it that supersedes it, without the draft's item
// 二、（一）2. on green development, so that the draft's 3. is the final
// text's 2., and with a new 3. on digital quality work.
const (
	draftID = "guangzhou-2023-fangan"
	finalID = "guangzhou-2024-fangan"
)

// versionsProject is the seed project with the final text of the
// Guangzhou 方案 added.
func versionsProject(t *testing.T) string {
	t.Helper()
	project := seedProject(t)
	src, err := os.ReadFile(filepath.Join("testdata", "versions", finalID+".md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(project, "content", "docs", finalID+".md"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	return project
}

// TestVersions: a superseded document's page and each of its sections'
// say which document supersedes it, and lead to it, to the section of it
// that the two versions' alignment pairs with the section — the draft's
// 3. to the final text's 2. — or say that it has none, and to the two
// versions' pair page at the section's row; the newer version's page
// lists the one it supersedes, in its JSON-LD too. The API gives the ids
// both ways, in each document's JSON and in the list of documents, and
// the documents without versions keep their JSON's shape.
func TestVersions(t *testing.T) {
	files := buildFiles(t, versionsProject(t))
	page := func(name string) string {
		t.Helper()
		b, ok := files[name]
		if !ok {
			t.Fatalf("the site has no %s", name)
		}
		return string(b)
	}
	pair := "compare/" + draftID + "--" + finalID + "/index.html"
	if !strings.Contains(page(pair), `<p class="note versions-note">两者为同一文件的不同版本：后者取代前者。</p>`) {
		t.Error("the pair page does not say that the latter supersedes the former")
	}

	doc := page("docs/" + draftID + "/index.html")
	for _, want := range []string{
		`<div class="version-note" role="note"><p>本文件已被<a href="../../docs/` + finalID + `/index.html" lang="zh-Hans">《广州市质量强市建设实施方案》</a>（2024-03-01 · 正式）取代。`,
		`<a class="pair-link" href="../../` + pair + `">两版逐条对照</a>`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("the draft's page lacks %s", want)
		}
	}
	for eid, want := range map[string]string{
		"p1-s1":    `新版本中的对应条文：<a href="../../../docs/` + finalID + `/p1-s1/index.html" lang="zh-Hans">（一）指导思想</a> <a class="pair-link" href="../../../` + pair + `#a-p1-s1">两版逐条对照</a>`,
		"p2-s1-i3": `新版本中的对应条文：<a href="../../../docs/` + finalID + `/p2-s1-i2/index.html" lang="zh-Hans">2.促进质量发展造福人民</a>`,
		"p2-s1-i2": `新版本中没有与本条对应的条文。 <a class="pair-link" href="../../../` + pair + `#a-p2-s1-i2">两版逐条对照</a>`,
	} {
		sec := page("docs/" + draftID + "/" + eid + "/index.html")
		if !strings.Contains(sec, "本条所在的文件已被") || !strings.Contains(sec, want) {
			t.Errorf("the draft's %s page lacks %s", eid, want)
		}
	}
	for eid, want := range map[string]string{
		"p2-s1-i2": `<p class="version-earlier">旧版本<a href="../../../docs/` + draftID + `/index.html" lang="zh-Hans">《广州市质量强市建设实施方案》</a>（征求意见稿）中的对应条文：<a href="../../../docs/` + draftID + `/p2-s1-i3/index.html" lang="zh-Hans">3.促进质量发展造福人民</a> <a class="pair-link" href="../../../` + pair + `#b-p2-s1-i2">两版逐条对照</a></p>`,
		"p2-s1-i3": `（征求意见稿）中没有与本条对应的条文。 <a class="pair-link" href="../../../` + pair + `#b-p2-s1-i3">两版逐条对照</a></p>`,
	} {
		if sec := page("docs/" + finalID + "/" + eid + "/index.html"); !strings.Contains(sec, want) {
			t.Errorf("the final text's %s page lacks %s", eid, want)
		}
	}
	final := page("docs/" + finalID + "/index.html")
	want := `<div><dt>取代</dt><dd><a href="../../docs/` + draftID + `/index.html" lang="zh-Hans">《广州市质量强市建设实施方案》</a>（征求意见稿） · <a class="pair-link" href="../../` + pair + `">两版逐条对照</a></dd></div>`
	if !strings.Contains(final, want) {
		t.Errorf("the final text's page lacks %s", want)
	}
	for name, b := range files {
		if strings.HasSuffix(name, ".html") && !strings.HasPrefix(name, "docs/"+draftID+"/") && strings.Contains(string(b), "version-note") {
			t.Errorf("%s says it is superseded", name)
		}
		if strings.HasSuffix(name, ".html") && !strings.HasPrefix(name, "docs/"+finalID+"/") && strings.Contains(string(b), "version-earlier") {
			t.Errorf("%s names an earlier version", name)
		}
		if strings.HasPrefix(name, "compare/") && name != pair && strings.Contains(string(b), "versions-note") {
			t.Errorf("%s says its two documents are versions of one", name)
		}
	}

	var api struct {
		Supersedes   []string `json:"supersedes"`
		SupersededBy *string  `json:"supersededBy"`
	}
	for id, want := range map[string][2]string{
		draftID:                  {"", finalID},
		finalID:                  {draftID, ""},
		"guangdong-2023-gangyao": {"", ""},
	} {
		api.Supersedes, api.SupersededBy = nil, nil
		if err := json.Unmarshal(files["api/docs/"+id+".json"], &api); err != nil {
			t.Fatal(err)
		}
		by := ""
		if api.SupersededBy != nil {
			by = *api.SupersededBy
		}
		if got := [2]string{strings.Join(api.Supersedes, ","), by}; got != want {
			t.Errorf("api/docs/%s.json: supersedes %q, supersededBy %q; want %q", id, got[0], got[1], want)
		}
	}
	if b := files["api/docs/guangdong-2023-gangyao.json"]; strings.Contains(string(b), "supersede") {
		t.Error("a document without versions has version keys in its JSON")
	}
	// The newer's page says so in its JSON-LD, as schema.org has a
	// replacement, a change; the older's, and its sections', say nothing.
	changes := `,"legislationChanges":[{"@type":"Legislation","name":"广州市质量强市建设实施方案","url":"https://tiaowen.example.org/docs/` + draftID + `/"}]}</script>`
	if !strings.Contains(page("docs/"+finalID+"/index.html"), changes) {
		t.Errorf("the final text's JSON-LD lacks %s", changes)
	}
	for _, name := range []string{"docs/" + draftID + "/index.html", "docs/" + finalID + "/p1-s1/index.html"} {
		if strings.Contains(page(name), "legislationChanges") {
			t.Errorf("%s's JSON-LD says it changes a document", name)
		}
	}
	// The list of documents says the same of each, and nothing of the
	// others.
	var list struct{ Documents []map[string]any }
	if err := json.Unmarshal(files["api/docs.json"], &list); err != nil {
		t.Fatal(err)
	}
	got := map[string][2]any{}
	for _, d := range list.Documents {
		got[d["id"].(string)] = [2]any{d["supersedes"], d["supersededBy"]}
	}
	for id, want := range map[string]string{draftID: "<nil> " + finalID, finalID: "[" + draftID + "] <nil>", "guangdong-2023-gangyao": "<nil> <nil>"} {
		if g := fmt.Sprint(got[id][0], " ", got[id][1]); g != want {
			t.Errorf("api/docs.json gives %s supersedes, supersededBy %s, want %s", id, g, want)
		}
	}
}

// TestVersionPairAlways: in a corpus too large to compare every pair,
// two versions are compared even when they share little, and the older's
// pages lead to the pair page, which, the newer's id sorting first, says
// that the former supersedes the latter.
func TestVersionPairAlways(t *testing.T) {
	project := syntheticProject(t, maxAllPairs+10)
	docs := filepath.Join(project, "content", "docs")
	names, _ := filepath.Glob(filepath.Join(docs, "*.md"))
	old := strings.TrimSuffix(filepath.Base(names[0]), ".md")
	newer := "0-rewritten"
	src := "---\nid: " + newer + "\ntitle: 全新改写的方案\ndate: \"2030-01-01\"\nsupersedes: [" + old + "]\n---\n\n一、总则\n\n为规范海洋渔业捕捞许可管理，制定本办法。\n"
	if err := os.WriteFile(filepath.Join(docs, newer+".md"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	s, problems, err := Load(Options{Content: filepath.Join(project, "content")})
	if err != nil || problems.Err() != nil {
		t.Fatalf("Load: %v %v", err, problems.Err())
	}
	i := slices.Index(s.pairs, docPair{s.byID[newer], s.byID[old]})
	if i < 0 {
		t.Fatalf("no pair of %s and %s among the %d pairs", old, newer, len(s.pairs))
	}
	if len(s.pairs) >= (len(s.docs)*(len(s.docs)-1))/2 {
		t.Fatalf("%d pairs of %d documents: every pair is compared, which tests nothing", len(s.pairs), len(s.docs))
	}
	note := s.newerVersion("", s.byID[old], -1)
	if note == nil || note.PairURL != comparePath(newer, old)+"index.html" {
		t.Errorf("the older version's note is %+v; want it to lead to the pair page", note)
	}
	if v := s.pairPage(s.pairs[i], s.alignments[i]).Data.(pairData).Versions; v != "前者取代后者" {
		t.Errorf("the pair page says %q of the two versions, want 前者取代后者", v)
	}
}

// TestMemoryVersions: serve keeps a superseded document's pages current
// with its newer version — a new title shows on the older's section pages
// at once, and every page that told the two apart by their dates and
// statuses, under one title, names each by its own — and loads the whole
// site again when a supersedes list changes, after which it serves what a
// build makes.
func TestMemoryVersions(t *testing.T) {
	project := versionsProject(t)
	m := newMemory(t, project)
	names := sortedNames(buildFiles(t, project))
	getAll(t, m, names)
	final := filepath.Join(project, "content", "docs", finalID+".md")
	section := "docs/" + draftID + "/p1-s1/index.html"

	edit(t, final, "title: 广州市质量强市建设实施方案", "title: 广州市质量强市建设实施方案（2024年版）")
	if r := update(t, m, final); r.Full {
		t.Errorf("a new title: report = %+v, want an incremental update", r)
	}
	if f, _, _ := m.Get(section); !strings.Contains(string(f.Data), "《广州市质量强市建设实施方案（2024年版）》") {
		t.Errorf("%s does not name the newer version by its new title", section)
	}
	// The draft's title is its own now: the pages that told it apart
	// from the final text by its status, its pairs' among them, name it
	// by its title alone, as a build does.
	if f, _, _ := m.Get("compare/index.html"); !strings.Contains(string(f.Data), `<option value="`+draftID+`" lang="zh-Hans">广州市质量强市建设实施方案</option>`) {
		t.Error("the chooser still tells the draft apart from a document of its title")
	}
	compareFiles(t, getAll(t, m, names), buildFiles(t, project), nil)

	edit(t, final, "supersedes: [guangzhou-2023-fangan]", "supersedes: []")
	if r := update(t, m, final); !r.Full {
		t.Errorf("a supersedes list emptied: report = %+v, want a full load", r)
	}
	if f, _, _ := m.Get(section); strings.Contains(string(f.Data), "version-note") {
		t.Errorf("%s still says it is superseded", section)
	}
	compareFiles(t, getAll(t, m, names), buildFiles(t, project), nil)
}

// TestMemoryVersionLine: in 32 generated documents, where each is
// compared with its most similar ones only, with two lines of versions —
// a document that supersedes another, which supersedes a third, and two
// others, none of these four compared with the first — an edit of the
// first document's words re-renders the pages of its own line, which
// name it and link to its sections, and none of the other line's; so
// does an edit of its title, which the oldest's page names as the newest
// version; serve then serves what a build makes.
func TestMemoryVersionLine(t *testing.T) {
	project := syntheticProject(t, 32)
	m := newMemory(t, project)
	s := m.cur.Load().site
	x := s.docs[7]
	partners := map[*docInfo]bool{x: true}
	for _, i := range s.pairsOf[x] {
		partners[s.pairs[i].a], partners[s.pairs[i].b] = true, true
	}
	var others []*docInfo // w, which x will supersede, and v, which w will; y and z, a line apart
	for _, d := range s.docs {
		if !partners[d] && len(others) < 4 {
			others = append(others, d)
		}
	}
	if len(others) < 4 {
		t.Fatalf("%s is compared with %d of %d documents: the test needs four it is not", x.ID, len(partners)-1, len(s.docs))
	}
	w, v, y, z := others[0], others[1], others[2], others[3]
	supersede := func(newer, older *docInfo) {
		edit(t, newer.File, "id: \""+newer.ID+"\"\n", "id: \""+newer.ID+"\"\nsupersedes: ["+older.ID+"]\n")
	}
	supersede(x, w)
	supersede(w, v)
	supersede(z, y)
	m = newMemory(t, project)
	names := sortedNames(buildFiles(t, project))
	getAll(t, m, names)

	var mu sync.Mutex
	made := map[string]bool{}
	m.made = func(name string) { mu.Lock(); made[name] = true; mu.Unlock() }
	sec := x.Sections[len(x.Sections)-1]
	old, _, _ := strings.Cut(sec.Text, "\n")
	edit(t, x.File, old, old+"推进质量工作数字化转型。")
	if r := update(t, m, x.File); r.Full {
		t.Fatalf("an edit of a version's words: report = %+v, want an incremental update", r)
	}
	got := getAll(t, m, names)
	check := func(what string) {
		t.Helper()
		for _, d := range []*docInfo{w, v} {
			if !made["docs/"+d.ID+"/index.html"] {
				t.Errorf("%s: the page of %s, of the edited document's line, was not rendered again", what, d.ID)
			}
		}
		for _, d := range []*docInfo{y, z} {
			if made["docs/"+d.ID+"/index.html"] {
				t.Errorf("%s: the page of %s, of another line of versions, was rendered again", what, d.ID)
			}
		}
		compareFiles(t, got, buildFiles(t, project), alignDependent(m))
	}
	check("its words")

	clear(made)
	edit(t, x.File, "title: \""+x.Title+"\"", "title: \""+x.Title+"（修订）\"")
	if r := update(t, m, x.File); r.Full {
		t.Fatalf("an edit of a version's title: report = %+v, want an incremental update", r)
	}
	got = getAll(t, m, names)
	if page := string(got["docs/"+v.ID+"/index.html"]); !strings.Contains(page, x.Title+"（修订）") {
		t.Errorf("the oldest version's page does not name the newest by its new title")
	}
	check("its title")
}

// TestVersionHistory: in a line of three versions — the Guangzhou
// draft, its final text, and a revision of that —, each one's page lists
// the three under 版本沿革, the oldest first, its own marked 本文 and the
// others linked, each but the newest with its pair page with the next;
// in a line of two, the pages' notes suffice and there is none.
func TestVersionHistory(t *testing.T) {
	const revisedID = "guangzhou-2025-fangan"
	project := versionsProject(t)
	src, err := os.ReadFile(filepath.Join(project, "content", "docs", finalID+".md"))
	if err != nil {
		t.Fatal(err)
	}
	revised := strings.NewReplacer("id: "+finalID, "id: "+revisedID, `date: "2024-03-01"`, `date: "2025-06-01"`,
		"supersedes: ["+draftID+"]", "supersedes: ["+finalID+"]").Replace(string(src))
	if revised == string(src) || !strings.Contains(revised, "supersedes: ["+finalID+"]") {
		t.Fatal("the final text's front matter is not as the test expects")
	}
	if err := os.WriteFile(filepath.Join(project, "content", "docs", revisedID+".md"), []byte(revised), 0o644); err != nil {
		t.Fatal(err)
	}
	files := buildFiles(t, project)
	line := []string{draftID, finalID, revisedID}
	pairs := []string{draftID + "--" + finalID, finalID + "--" + revisedID, ""}
	for _, id := range line {
		page := string(files["docs/"+id+"/index.html"])
		_, box, ok := strings.Cut(page, `<div class="version-line"><dt>版本沿革</dt><dd><ol>`)
		box, _, _ = strings.Cut(box, "</ol>")
		items := strings.Split(strings.TrimSuffix(box, "</li>"), "</li>")
		if !ok || len(items) != len(line) {
			t.Errorf("%s: 版本沿革 lists %d versions, want %d: %s", id, len(items), len(line), box)
			continue
		}
		for k, item := range items {
			own := line[k] == id
			link := `<a href="../../docs/` + line[k] + `/index.html"`
			if own != strings.HasPrefix(item, `<li aria-current="page">`) || own == strings.Contains(item, link) || own != strings.Contains(item, " · 本文") {
				t.Errorf("%s: version %d of the line reads %s; want %s %s", id, k+1, item, line[k], map[bool]string{true: "marked its own", false: "linked"}[own])
			}
			if pair := pairs[k]; pair != "" && !strings.Contains(item, `<a class="pair-link" href="../../compare/`+pair+`/index.html">与后一版对照</a>`) || pair == "" && strings.Contains(item, "pair-link") {
				t.Errorf("%s: version %d of the line reads %s; want its pair page %q", id, k+1, item, pair)
			}
		}
	}
	if strings.Contains(string(files["docs/luhe-2017-yijian/index.html"]), "版本沿革") {
		t.Error("a document without versions has a 版本沿革")
	}
	two := buildFiles(t, versionsProject(t))
	for _, id := range []string{draftID, finalID} {
		if strings.Contains(string(two["docs/"+id+"/index.html"]), "版本沿革") {
			t.Errorf("%s, in a line of two, has a 版本沿革", id)
		}
	}
}
