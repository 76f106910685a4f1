package site_test

import (
	"path/filepath"
	"strings"
	"testing"

	"tiaowen/internal/textnorm"
)

// TestBrowserSearchSnippets: a hit's snippet shows each word of the
// query that its section's text has, in its context, however far
// apart: on the seeds, 新发展理念 and 质量支撑, some three hundred
// characters apart in the 纲要's （一）, are both marked in its snippet,
// and in every other hit's whose text has both; each piece of a snippet
// is the section's text as written, the pieces in its order.
func TestBrowserSearchSnippets(t *testing.T) {
	s := seedSite(t)
	c := loadSeeds(t, filepath.Join(s.root, "content"))
	texts := map[ref]string{}
	for _, d := range c.Docs {
		for _, sec := range d.Sections {
			texts[ref{d.ID, sec.EID}] = sec.Text
		}
	}
	ctx, base := startOn(t, s, "http")
	terms := []string{"新发展理念", "质量支撑"}
	searchOpen(t, ctx, base, "q", strings.Join(terms, " "))
	searchHits(t, ctx)
	type snippet struct {
		Doc, EID, Text string
		Marks          []string
	}
	snippets := searchEval[[]snippet](t, ctx, `[...document.querySelectorAll("#search-results > li.hit")].map(li => {
		const sn = li.querySelector(".hit-snippet");
		return {Doc: li.dataset.doc, EID: li.dataset.eid, Text: sn.textContent, Marks: [...sn.querySelectorAll("mark")].map(m => m.textContent)};
	})`)
	both, far := 0, false
	for _, sn := range snippets {
		r := ref{sn.Doc, sn.EID}
		text := texts[r]
		// The pieces between the ellipses are the text's, in order.
		at := 0
		for _, piece := range strings.FieldsFunc(strings.ReplaceAll(sn.Text, "｜", "\t"), func(c rune) bool { return c == '…' }) {
			i := strings.Index(text[at:], piece)
			if i < 0 {
				t.Errorf("%v: the snippet's piece %q is not in its text after byte %d", r, piece, at)
				break
			}
			at += i + len(piece)
		}
		key := textnorm.Key(text)
		if !strings.Contains(key, terms[0]) || !strings.Contains(key, terms[1]) {
			continue
		}
		both++
		if d := strings.Index(key, terms[1]) - strings.Index(key, terms[0]); d > 3*150 || d < -3*150 {
			far = true
		}
		for _, term := range terms {
			found := false
			for _, m := range sn.Marks {
				found = found || textnorm.Key(m) == term
			}
			if !found {
				t.Errorf("%v: its text has both words, its snippet marks %q, not %s", r, sn.Marks, term)
			}
		}
	}
	if both == 0 || !far {
		t.Errorf("%d hits' texts have both words, far apart: %v; the test wants some", both, far)
	}
}
