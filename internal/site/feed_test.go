package site

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// feedEntries reads the entries' ids and dates from an Atom feed.
func feedEntries(t *testing.T, src []byte) (ids, updated []string) {
	t.Helper()
	var f struct {
		Entries []struct {
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(src, &f); err != nil {
		t.Fatalf("feed.xml: %v", err)
	}
	for _, e := range f.Entries {
		ids = append(ids, e.ID)
		updated = append(updated, e.Updated)
	}
	return ids, updated
}

// TestFeedLimit builds the seed site with feeds of every document, of
// the default number and of the newest two: the default carries all
// five, the limited feed the first two entries of the whole one, which
// are the newest.
func TestFeedLimit(t *testing.T) {
	feed := func(setting string) ([]string, []string) {
		project := seedProject(t)
		if setting != "" {
			withSetting(t, project, setting)
		}
		return feedEntries(t, buildFiles(t, project)["feed.xml"])
	}
	all, dates := feed("feedLimit: -1")
	if len(all) != 5 {
		t.Fatalf("feedLimit -1: %d entries, want the 5 documents", len(all))
	}
	// The Guangzhou plan has no date: it comes last, with the feed's
	// newest time as its own (Atom requires one).
	if last := len(all) - 1; !strings.Contains(all[last], "guangzhou-2023-fangan") || dates[last] != dates[0] {
		t.Errorf("the undated plan should come last with the newest date, %s: %v %v", dates[0], all, dates)
	}
	if !slices.IsSortedFunc(dates[:len(dates)-1], func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("entries not newest first: %v", dates)
	}
	if def, _ := feed(""); !slices.Equal(def, all) {
		t.Errorf("default feed %v, want all of %v (fewer than %d documents)", def, all, defaultFeedLimit)
	}
	if two, _ := feed("feedLimit: 2"); !slices.Equal(two, all[:2]) {
		t.Errorf("feedLimit 2: %v, want the newest two of %v", two, all)
	}
}

// TestFeedLimitSetting reads feedLimit's values: a count or -1 are
// taken, anything else is an error at its line that says what to write.
func TestFeedLimitSetting(t *testing.T) {
	file := filepath.Join(t.TempDir(), "site.yaml")
	for value, want := range map[string]int{"": defaultFeedLimit, "7": 7, "1": 1, "-1": -1, "0": 0, "-3": 0, "all": 0, "2.5": 0} {
		cfg, err := configWith(t, file, "feedLimit", value)
		switch {
		case want != 0 && (err != nil || cfg.FeedLimit != want):
			t.Errorf("feedLimit %q: %d, %v; want %d", value, cfg.FeedLimit, err, want)
		case want == 0 && (err == nil || !strings.Contains(err.Error(), file+":3:") || !strings.Contains(err.Error(), "-1 for all")):
			t.Errorf("feedLimit %q: no error at line 3 that says what to write: %v", value, err)
		}
	}
}

// TestThemeFeeds reads each theme's feed of the seed site as a feed
// reader does: an entry for every document that mentions the theme, the
// newest first, each leading to the document's passages on the theme's
// page and counting the sections they are in; the theme's page names its
// feed. With feedLimit 1 a feed carries the newest document alone.
func TestThemeFeeds(t *testing.T) {
	const base = "https://tiaowen.example.org/"
	project := seedProject(t)
	files := buildFiles(t, project)
	var api struct {
		Themes []struct {
			ID, Name  string
			Documents []struct {
				ID       string
				Sections []string
			}
		}
	}
	if err := json.Unmarshal(files["api/themes.json"], &api); err != nil {
		t.Fatal(err)
	}
	type entry struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
	}
	read := func(files map[string][]byte, id string) []entry {
		t.Helper()
		var f struct {
			Entries []entry `xml:"entry"`
		}
		if err := xml.Unmarshal(files["themes/"+id+"/feed.xml"], &f); err != nil {
			t.Fatalf("themes/%s/feed.xml: %v", id, err)
		}
		return f.Entries
	}
	checked := 0
	for _, th := range api.Themes {
		entries := read(files, th.ID)
		if len(entries) != len(th.Documents) {
			t.Errorf("%s: %d entries, want the %d documents that mention it", th.ID, len(entries), len(th.Documents))
			continue
		}
		page := string(files["themes/"+th.ID+"/index.html"])
		if want := `<link rel="alternate" type="application/atom+xml" title="` + th.Name + ` · 质量强省政策文库" href="../../themes/` + th.ID + `/feed.xml">`; !strings.Contains(page, want) {
			t.Errorf("themes/%s/ does not name its feed: no %s", th.ID, want)
		}
		var dates []string
		for _, e := range entries {
			dates = append(dates, e.Updated)
			doc, _ := strings.CutPrefix(e.Link.Href, base+"themes/"+th.ID+"/#doc-")
			i := slices.IndexFunc(th.Documents, func(d struct {
				ID       string
				Sections []string
			}) bool {
				return d.ID == doc
			})
			if i < 0 || !strings.Contains(page, `id="doc-`+doc+`"`) {
				t.Errorf("%s: the entry %q leads to %s, not to passages on the theme's page", th.ID, e.Title, e.Link.Href)
				continue
			}
			if want := fmt.Sprintf("%d 条提及%s：", len(th.Documents[i].Sections), th.Name); !strings.Contains(e.Summary, want) {
				t.Errorf("%s: the entry for %s says %q, want %q", th.ID, doc, e.Summary, want)
			}
			if e.ID != e.Link.Href {
				t.Errorf("%s: the entry for %s has the id %s", th.ID, doc, e.ID)
			}
			checked++
		}
		// The undated Guangzhou plan comes last, with the feed's newest
		// time.
		if last := len(entries) - 1; last > 0 && strings.Contains(entries[last].ID, "guangzhou-2023-fangan") {
			if dates[last] != dates[0] {
				t.Errorf("%s: the undated plan has the time %s, want the newest, %s", th.ID, dates[last], dates[0])
			}
			dates = dates[:last]
		}
		if !slices.IsSortedFunc(dates, func(a, b string) int { return strings.Compare(b, a) }) {
			t.Errorf("%s: entries not newest first: %v", th.ID, dates)
		}
	}
	if checked < 50 {
		t.Errorf("only %d entries checked", checked)
	}

	withSetting(t, project, "feedLimit: 1")
	limited := buildFiles(t, project)
	for _, th := range api.Themes {
		if got, all := read(limited, th.ID), read(files, th.ID); len(all) > 0 && (len(got) != 1 || got[0].ID != all[0].ID) {
			t.Errorf("%s with feedLimit 1: %d entries, want its newest alone", th.ID, len(got))
		}
	}
}

// TestUndatedFeed: the feed of a region whose one document is undated
// (Guangzhou's draft) is as new as the site's newest document, and no
// feed carries a made-up time.
func TestUndatedFeed(t *testing.T) {
	files := buildFiles(t, seedProject(t))
	var f struct {
		Updated string `xml:"updated"`
		Entries []struct {
			Updated string `xml:"updated"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(files["regions/440100/feed.xml"], &f); err != nil {
		t.Fatalf("regions/440100/feed.xml: %v", err)
	}
	if f.Updated != "2023-06-21T00:00:00Z" || len(f.Entries) != 1 || f.Entries[0].Updated != f.Updated {
		t.Errorf("Guangzhou's feed is updated %s, its entries %v; want the newest document's date, 2023-06-21, for both", f.Updated, f.Entries)
	}
	for name, b := range files {
		if strings.HasSuffix(name, "feed.xml") && (strings.Contains(string(b), "<updated>1970-") || strings.Contains(string(b), "<updated>2000-01-01")) {
			t.Errorf("%s carries a made-up time", name)
		}
	}
}

// TestFeedLanguage: a feed says the site's language, and an entry of a
// document in the other script says its own, so that a reader shows the
// Jiangsu plan's 繁體 title in a font for it.
func TestFeedLanguage(t *testing.T) {
	files := buildFiles(t, seedProject(t))
	var f struct {
		Lang    string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		Entries []struct {
			Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			ID   string `xml:"id"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(files["feed.xml"], &f); err != nil {
		t.Fatal(err)
	}
	if f.Lang != "zh-Hans" || len(f.Entries) != 5 {
		t.Fatalf("feed.xml: xml:lang %q, %d entries", f.Lang, len(f.Entries))
	}
	for _, e := range f.Entries {
		want := ""
		if strings.Contains(e.ID, "jiangsu-2023-yijian") {
			want = "zh-Hant"
		}
		if e.Lang != want {
			t.Errorf("the entry %s has xml:lang %q, want %q", e.ID, e.Lang, want)
		}
	}
}
