package site

import (
	"encoding/xml"
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
	if !slices.IsSortedFunc(dates, func(a, b string) int { return strings.Compare(b, a) }) {
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
