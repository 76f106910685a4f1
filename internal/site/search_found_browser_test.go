package site_test

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
	"tiaowen/internal/hanconv"
)

// TestBrowserSearchFound: a search hit's section page marks what the
// hit marked. On the seeds, from a web server and from the offline
// bundle, 质量基础设施 typed in 简体: each hit's link asks for the
// passages the hit marks, as the section writes them (in 繁體 for the
// 繁體 document); followed, its page marks them wherever the section's
// own text has them, and nowhere else — not in the sections under it,
// not in the counterparts or the citation —, keeps every character of
// the text, says how many places it marked, and leaves the permalink
// in the address. 取消标出 takes the marks and the note away, the text as
// it was. Its 在全文中查看 asks the document's page for the same, which
// marks them in that section's own text alike, its note at the foot of
// the window. With 简体 chosen for 繁體 documents, the 繁體 hit's page
// is converted and marked alike.
func TestBrowserSearchFound(t *testing.T) {
	s := seedSite(t)
	for _, mode := range []string{"http", "file"} {
		t.Run(mode, func(t *testing.T) {
			ctx, base := startOn(t, s, mode)
			searchOpen(t, ctx, base, "q", "质量基础设施")
			hits := searchHits(t, ctx)
			docs := map[string]bool{}
			for _, h := range hits {
				docs[h.Doc] = true
			}
			if len(hits) < 5 || !docs[jsID] {
				t.Fatalf("质量基础设施 finds %d sections in %v; the test wants several, some in the 繁體 document %s", len(hits), docs, jsID)
			}
			whole := 0 // 繁體 hits that mark the term whole
			for _, h := range hits {
				path := "../docs/" + h.Doc + "/" + h.EID + "/index.html"
				if want := path + highlightQuery(h.Marks); h.Href != want {
					t.Errorf("%s %s links to %s, want %s", h.Doc, h.EID, h.Href, want)
				}
				if h.Doc == jsID && slices.Contains(h.Marks, "質量基礎設施") {
					whole++
				}
			}
			if whole == 0 {
				t.Errorf("no hit in %s marks 質量基礎設施, as it writes 质量基础设施", jsID)
			}
			// The first few hits of the 繁體 document and of the others.
			var follow []searchHit
			n := map[bool]int{}
			for _, h := range hits {
				if hant := h.Doc == jsID; n[hant] < 3 {
					n[hant]++
					follow = append(follow, h)
				}
			}
			for _, h := range follow {
				plain := pageText(t, ctx, base+"docs/"+h.Doc+"/"+h.EID+"/index.html")
				searchOpen(t, ctx, base, "q", "质量基础设施")
				searchHits(t, ctx) // every hit shown
				do(t, ctx, "follow the hit "+h.Doc+" "+h.EID, browsertest.Follow(browsertest.Click(fmt.Sprintf(`li.hit[data-doc=%q][data-eid=%q] a`, h.Doc, h.EID))))
				checkFound(t, ctx, h, plain)
				checkFoundInDocument(t, ctx, h)
			}

			// 简体 chosen: the 繁體 hit's page is converted, and marked.
			eval[any](t, ctx, `localStorage.setItem("tiaowen-script", "zh-Hans")`)
			defer eval[any](t, ctx, `localStorage.removeItem("tiaowen-script")`)
			for _, h := range follow {
				if h.Doc != jsID {
					continue
				}
				do(t, ctx, "open "+h.EID+" from its hit's link, 简体 chosen", chromedp.Navigate(base+"search/"+h.Href))
				// The conversion is read from disk or the server first.
				marked := eval[[]string](t, ctx, `(async () => {
					for (let i = 0; i < 500 && document.querySelector("article.section-page").lang !== "zh-Hans"; i++) await new Promise(r => setTimeout(r, 10));
					return [...document.querySelectorAll("mark.found")].map(m => m.textContent);
				})()`)
				var want []string
				for _, m := range h.Marks {
					want = append(want, hanconv.Simplify(m))
				}
				slices.Sort(marked)
				slices.Sort(want)
				if marked, want = slices.Compact(marked), slices.Compact(want); !slices.Equal(marked, want) {
					t.Errorf("%s in 简体 marks %q, want what the hit marks, in 简体: %q", h.EID, marked, want)
				}
			}
		})
	}
}

// pageText opens url and returns its article's text.
func pageText(t *testing.T, ctx context.Context, url string) string {
	t.Helper()
	do(t, ctx, "open "+url, chromedp.Navigate(url))
	return eval[string](t, ctx, `document.querySelector("article.section-page").textContent`)
}

// foundPage is a page that marks a search's passages, as readFound
// reads it.
type foundPage struct {
	Path, Search, Hash string
	Note               string // the note that counts the marks
	Afloat             bool   // the note stands at the foot of the window
	Text               string // the article's text
	Marked             []string
	Outside            int    // marks outside the section's own text
	Rest               string // the section's own text, each mark a NUL
}

// readFound reads the marks of the page open in ctx, whose section sec
// (a JavaScript expression) has them, in the article article (a CSS
// selector).
func readFound(t *testing.T, ctx context.Context, sec, article string) foundPage {
	t.Helper()
	return eval[foundPage](t, ctx, `(() => {
		const sec = `+sec+`;
		const own = n => n.parentElement.closest("section.sec") === sec;
		let rest = "";
		const walk = n => {
			if (n.nodeType === 3) { if (own(n)) rest += n.data; return; }
			if (n.matches && n.matches("mark.found")) { rest += "\0"; return; }
			n.childNodes.forEach(walk);
		};
		walk(sec);
		const marks = [...document.querySelectorAll("mark.found")], note = document.querySelector(".found-note");
		return {Path: location.pathname, Search: location.search, Hash: location.hash, Note: note ? note.textContent : "",
			Afloat: !!note && !note.closest("main") && getComputedStyle(note).position === "fixed",
			Text: document.querySelector(`+fmt.Sprintf("%q", article)+`).textContent,
			Marked: marks.filter(m => own(m.firstChild || m)).map(m => m.textContent),
			Outside: marks.filter(m => !own(m.firstChild || m)).length, Rest: rest};
	})()`)
}

// checkFound checks the marks of the hit h's page, open in ctx, whose
// article reads plain unmarked, and then takes them away.
func checkFound(t *testing.T, ctx context.Context, h searchHit, plain string) {
	t.Helper()
	p := readFound(t, ctx, `document.querySelector("article.section-page > section.sec")`, "article.section-page")
	where := h.Doc + " " + h.EID
	if !strings.HasSuffix(p.Path, "/docs/"+h.Doc+"/"+h.EID+"/index.html") || p.Search != "" {
		t.Errorf("%s: the address is %s%s, want the permalink alone", where, p.Path, p.Search)
	}
	if p.Text != plain {
		t.Errorf("%s: marked, the text reads\n%q\nunmarked\n%q", where, p.Text, plain)
	}
	if p.Outside != 0 {
		t.Errorf("%s: %d marks outside the section's own text", where, p.Outside)
	}
	for _, m := range p.Marked {
		if !slices.Contains(h.Marks, m) {
			t.Errorf("%s: the page marks %q, which the hit does not (%q)", where, m, h.Marks)
		}
	}
	for _, m := range h.Marks {
		if !slices.Contains(p.Marked, m) {
			t.Errorf("%s: the hit marks %q, which its page does not (%q)", where, m, p.Marked)
		}
		if strings.Contains(p.Rest, m) {
			t.Errorf("%s: the section's text has %q unmarked", where, m)
		}
	}
	if want := fmt.Sprintf("共 %d 处。", len(p.Marked)); !strings.Contains(p.Note, want) || p.Afloat {
		t.Errorf("%s: the note reads %q (at the foot of the window: %v), want it above the text to say %s", where, p.Note, p.Afloat, want)
	}
	do(t, ctx, "press 取消标出", browsertest.Click(".found-note button"))
	if n := eval[int](t, ctx, `document.querySelectorAll("mark.found, .found-note").length`); n != 0 {
		t.Errorf("%s: after 取消标出, %d marks or notes are left", where, n)
	}
	if got := eval[string](t, ctx, `document.querySelector("article.section-page").textContent`); got != plain {
		t.Errorf("%s: after 取消标出 the text reads\n%q\nwant\n%q", where, got, plain)
	}
}

// highlightQuery is the query a hit's link gives for the passages it
// marks: each once, in order, escaped as encodeURIComponent does.
func highlightQuery(marks []string) string {
	var parts []string
	for _, m := range marks {
		if p := "hl=" + encodeURIComponent(m); !slices.Contains(parts, p) {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "?" + strings.Join(parts, "&")
}

// encodeURIComponent escapes s as JavaScript's function of that name
// does: every byte but letters, digits and -_.!~*'().
func encodeURIComponent(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.!~*'()", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// checkFoundInDocument follows the 在全文中查看 of the hit h's section
// page, open in ctx, and checks the document's page's marks: in the
// section's own text only, each passage the hit marks, none left
// unmarked, the text as it was; the address is the document's at the
// section; 取消标出 takes marks and note away.
func checkFoundInDocument(t *testing.T, ctx context.Context, h searchHit) {
	t.Helper()
	where := h.Doc + " " + h.EID + ", in its document"
	up := eval[string](t, ctx, `document.querySelector("a.up").href`)
	u, err := url.Parse(up)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, m := range h.Marks {
		if !slices.Contains(want, m) {
			want = append(want, m)
		}
	}
	if !strings.HasSuffix(u.Path, "/docs/"+h.Doc+"/index.html") || u.Fragment != h.EID || !slices.Equal(u.Query()["hl"], want) {
		t.Errorf("%s: 在全文中查看 leads to %s, want the document at %s asking for %q", where, up, h.EID, want)
		return
	}
	plainURL := *u
	plainURL.RawQuery = ""
	do(t, ctx, "open "+h.Doc+" unmarked", chromedp.Navigate(plainURL.String()))
	plain := eval[string](t, ctx, `document.querySelector("article.doc").textContent`)
	do(t, ctx, "follow 在全文中查看", chromedp.Navigate(up))
	p := readFound(t, ctx, fmt.Sprintf("document.getElementById(%q)", h.EID), "article.doc")
	if p.Search != "" || p.Hash != "#"+h.EID {
		t.Errorf("%s: the address ends %s%s, want #%s alone", where, p.Search, p.Hash, h.EID)
	}
	if p.Text != plain {
		t.Errorf("%s: marked, the document's text differs from its text unmarked", where)
	}
	if p.Outside != 0 {
		t.Errorf("%s: %d marks outside the section's own text", where, p.Outside)
	}
	for _, m := range want {
		if !slices.Contains(p.Marked, m) {
			t.Errorf("%s: the hit marks %q, which the document's page does not (%q)", where, m, p.Marked)
		}
		if strings.Contains(p.Rest, m) {
			t.Errorf("%s: the section's text has %q unmarked", where, m)
		}
	}
	for _, m := range p.Marked {
		if !slices.Contains(want, m) {
			t.Errorf("%s: the page marks %q, which the hit does not (%q)", where, m, want)
		}
	}
	if !p.Afloat || !strings.Contains(p.Note, fmt.Sprintf("共 %d 处。", len(p.Marked))) {
		t.Errorf("%s: the note reads %q (at the foot of the window: %v)", where, p.Note, p.Afloat)
	}
	do(t, ctx, "press 取消标出", browsertest.Click(".found-note button"))
	if n := eval[int](t, ctx, `document.querySelectorAll("mark.found, .found-note").length`); n != 0 {
		t.Errorf("%s: after 取消标出, %d marks or notes are left", where, n)
	}
}

// TestBrowserThemeFound: a theme's page leads to each section it quotes
// as a search hit does, asking the section's page to mark the theme's
// terms as the passages write them: on 双比对双提升's page, from disk,
// each link asks for the words its passages mark, each once; followed,
// the section's page marks them as it marks a hit's (checkFound). Its
// Word 摘编 links each section to its permalink alone.
func TestBrowserThemeFound(t *testing.T) {
	ctx, base := openSeedBundle(t)
	const theme = "shuangbidui-shuangtisheng"
	do(t, ctx, "open the theme's page", chromedp.Navigate(base+"themes/"+theme+"/index.html"))
	type link struct {
		Href  string
		Marks []string
	}
	links := eval[[]link](t, ctx, `[...document.querySelectorAll(".passages > li")].map(li => ({
		Href: li.querySelector("a.where").getAttribute("href"), Marks: [...li.querySelectorAll("mark")].map(m => m.textContent)}))`)
	if len(links) < 3 {
		t.Fatalf("the theme's page quotes %d sections; the test wants several", len(links))
	}
	for _, l := range links {
		path, query, _ := strings.Cut(l.Href, "?")
		parts := strings.Split(strings.TrimPrefix(path, "../../docs/"), "/")
		if len(parts) != 3 || parts[2] != "index.html" {
			t.Fatalf("a passage links to %s, not a section's page", l.Href)
		}
		h := searchHit{Doc: parts[0], EID: parts[1], Marks: l.Marks}
		if "?"+query != highlightQuery(l.Marks) {
			t.Errorf("%s %s: the link asks %q, want the words its passages mark: %q", h.Doc, h.EID, "?"+query, highlightQuery(l.Marks))
			continue
		}
		plain := pageText(t, ctx, base+"docs/"+h.Doc+"/"+h.EID+"/index.html")
		do(t, ctx, "open the theme's page", chromedp.Navigate(base+"themes/"+theme+"/index.html"))
		do(t, ctx, "follow the link to "+h.Doc+" "+h.EID, browsertest.Follow(browsertest.Click(fmt.Sprintf(`.passages a.where[href^="../../docs/%s/%s/"]`, h.Doc, h.EID))))
		checkFound(t, ctx, h, plain)
	}
}
