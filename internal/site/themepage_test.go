package site

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	// themeDocGroup is a document's part of a theme's page: its id, its
	// count, and its list of sections.
	themeDocGroup = regexp.MustCompile(`(?s)<section class="theme-doc" id="doc-([^"]+)".*?<span class="count"[^>]*>(\d+)</span></h2>\s*<ol class="passages">(.*?)</ol>`)
	// themeSectionItem is a section in that list: its link, the link's
	// text (as HTML) and what follows it.
	themeSectionItem = regexp.MustCompile(`(?s)<li><a class="where" href="([^"]+)">(.*?)</a>(.*?)</li>`)
	// matrixCount is a cell of the home page's matrix that counts a
	// document's sections that mention a theme.
	matrixCount = regexp.MustCompile(`<a href="themes/([^/]+)/index.html#doc-([^"]+)" aria-label="[^"]*：(\d+) 条">`)
	tags        = regexp.MustCompile(`<[^>]+>`)
)

// TestThemePageSections checks the seeds' theme pages: each document
// lists each section that mentions the theme once, with the sentences of
// its text that do, and counts those sections as the home page's matrix
// does; a title that mentions the theme is marked in the section's link,
// not quoted again below it, sentences that follow one another are
// quoted as one, and a quotation that starts or stops inside its
// paragraph says so with an ellipsis there, and only there.
func TestThemePageSections(t *testing.T) {
	files := buildFiles(t, seedProject(t))
	matrix := map[string]int{} // theme + " " + doc → sections
	for _, m := range matrixCount.FindAllStringSubmatch(string(files["index.html"]), -1) {
		matrix[m[1]+" "+m[2]], _ = strconv.Atoi(m[3])
	}
	if len(matrix) < 20 {
		t.Fatalf("the home page's matrix has %d counts", len(matrix))
	}
	// sectionText is the text of the section a theme page's link leads
	// to, from the document's JSON.
	sectionText := func(href string) string {
		href, _, _ = strings.Cut(href, "?") // the words it asks the page to mark (TestBrowserThemeFound)
		id, eid, _ := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(href, "../../docs/"), "/index.html"), "/")
		var d struct {
			Sections []struct{ EID, Text string }
		}
		if err := json.Unmarshal(files["api/docs/"+id+".json"], &d); err != nil {
			t.Fatal(err)
		}
		for _, sec := range d.Sections {
			if sec.EID == eid {
				return sec.Text
			}
		}
		t.Fatalf("no section %s in %s's JSON", eid, id)
		return ""
	}
	seen, markedTitles, quotes, merged := map[string]bool{}, 0, 0, false
	cutStart, cutEnd := 0, 0 // quotations that open or end with an ellipsis
	for name, data := range files {
		theme, ok := strings.CutPrefix(name, "themes/")
		theme, _, _ = strings.Cut(theme, "/")
		if !ok || theme == "index.html" || !strings.HasSuffix(name, "/index.html") {
			continue
		}
		for _, g := range themeDocGroup.FindAllStringSubmatch(string(data), -1) {
			doc, list := g[1], g[3]
			key := theme + " " + doc
			seen[key] = true
			items := themeSectionItem.FindAllStringSubmatch(list, -1)
			count, _ := strconv.Atoi(g[2])
			if count != len(items) || count != matrix[key] {
				t.Errorf("%s: %s counts %d sections and lists %d; the home page's matrix counts %d", name, doc, count, len(items), matrix[key])
			}
			links := map[string]bool{}
			for _, it := range items {
				href, where, rest := it[1], it[2], it[3]
				if links[href] {
					t.Errorf("%s: %s lists %s twice", name, doc, href)
				}
				links[href] = true
				if strings.Contains(where, "<mark>") {
					markedTitles++
				}
				quotes += strings.Count(rest, "<blockquote>")
				title := tags.ReplaceAllString(where, "")
				var texts []string
				for _, q := range regexp.MustCompile(`<blockquote>(.*?)</blockquote>`).FindAllStringSubmatch(rest, -1) {
					lead, trail := strings.HasPrefix(q[1], string(elision)), strings.HasSuffix(q[1], string(elision))
					text := tags.ReplaceAllString(strings.ReplaceAll(q[1], string(elision), ""), "")
					if strings.HasSuffix(title, text) {
						t.Errorf("%s: %s quotes the title of %s again: %q", name, doc, href, text)
					}
					texts = append(texts, text)
					if strings.Contains(text, "｜") {
						continue // a table's rows, its cells apart
					}
					// Some paragraph holds the quotation with words
					// before it exactly when it opens with an ellipsis,
					// and after it when it ends with one.
					placed := false
					for _, para := range strings.Split(sectionText(href), "\n") {
						if at := strings.Index(para, text); at >= 0 && (at > 0) == lead && (at+len(text) < len(para)) == trail {
							placed = true
						}
					}
					if !placed {
						t.Errorf("%s: %s quotes %q from %s with an ellipsis before it %v and after it %v, which no paragraph of the section bears out", name, doc, q[1], href, lead, trail)
					}
					if lead {
						cutStart++
					}
					if trail {
						cutEnd++
					}
				}
				// Sentences that follow one another are one quotation.
				for k := 1; k < len(texts); k++ {
					if strings.Contains(sectionText(href), texts[k-1]+texts[k]) {
						t.Errorf("%s: %s quotes apart two sentences of %s that follow one another: %q, %q", name, doc, href, texts[k-1], texts[k])
					}
				}
				if path, _, _ := strings.Cut(href, "?"); name == "themes/zhiliang-jichu-sheshi/index.html" && strings.HasSuffix(path, "/guangdong-2023-gangyao/s22/index.html") {
					merged = strings.Count(rest, "<blockquote>") == 1 && strings.Count(rest, "<mark>") == 4
				}
				if !strings.Contains(where, "<mark>") && !strings.Contains(rest, "<mark>") {
					t.Errorf("%s: %s lists %s without marking the theme", name, doc, href)
				}
			}
		}
	}
	for key := range matrix {
		if !seen[key] {
			t.Errorf("the matrix counts %s, which its theme's pages do not list", key)
		}
	}
	if !merged {
		t.Error("the 纲要's (二十二) under 质量基础设施 is not one quotation of its three sentences, the theme marked four times")
	}
	if cutStart == 0 || cutEnd == 0 {
		t.Errorf("%d quotations cut at the start, %d at the end; the seeds have both", cutStart, cutEnd)
	}
	if markedTitles == 0 || quotes == 0 {
		t.Errorf("%d titles marked, %d sentences quoted; the seeds have both", markedTitles, quotes)
	}
}
