package site_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserAdhocFacts: the comparison the chooser computes in the
// browser says above itself what a pair page says: each document's date,
// level, issuer, number and status, whether it is in force (the citing
// document's term is long past), and where either names the other —
// here a document of 40 that names, in its preamble, one it has no pair
// page with. Over HTTP and from the unzipped offline bundle.
func TestBrowserAdhocFacts(t *testing.T) {
	// The 40 documents of syntheticBundle40, whose pairs without a page
	// are known, generated again to be edited.
	shared := syntheticBundle40(t)
	ids, index := pairIndex(t, shared.web)
	facts := readDocsJSON(t, shared.web)
	var cited, citer string
	for i := 0; i < len(ids) && citer == ""; i++ {
		for j := i + 1; j < len(ids); j++ {
			a, b := facts[ids[i]], facts[ids[j]]
			if slices.Contains(index[i], j) || a.Date == "" || b.Date == "" || a.Date == b.Date {
				continue
			}
			cited, citer = a.ID, b.ID
			if a.Date > b.Date {
				cited, citer = b.ID, a.ID
			}
			break
		}
	}
	if citer == "" {
		t.Fatal("no two dated documents of the 40 without a pair page")
	}
	root := t.TempDir()
	content, err := generateContent(root, 40, "")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(content, "docs", citer+".md")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	heading := "# " + facts[citer].Title + "\n"
	if !strings.Contains(string(src), heading) {
		t.Fatalf("%s has no heading %q", file, heading)
	}
	src = []byte(strings.Replace(string(src), heading, heading+"\n为贯彻落实《"+facts[cited].Title+"》，制定本文件。\n", 1))
	// The citing document's term ended long ago.
	src = []byte(strings.Replace(string(src), "---\n", "---\neffective: \"2000-01-01\"\nexpires: \"2000-12-31\"\n", 1))
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := bundleSite(root, content)
	if err != nil {
		t.Fatal(err)
	}
	a, b := min(cited, citer), max(cited, citer)
	if _, err := os.Stat(filepath.Join(s.web, "compare", a+"--"+b, "index.html")); err == nil {
		t.Fatalf("%s and %s have a pair page once one names the other", a, b)
	}

	levels := map[string]string{"national": "国家级", "province": "省级", "city": "市级", "county": "县级"}
	line := func(side string, d docFacts) string {
		parts := []string{d.Date}
		if d.Date == "" {
			parts[0] = "未注明日期"
		}
		for _, f := range []string{levels[d.Level], d.Issuer, d.Number} {
			if f != "" {
				parts = append(parts, f)
			}
		}
		if d.Status != "" && d.Status != "正式" {
			parts = append(parts, d.Status)
		}
		return side + " " + strings.Join(parts, " · ")
	}
	wantMeta := []string{line("前者", facts[a]), line("后者", facts[b])}
	who, whom := "后者", "前者"
	if citer == a {
		who, whom = whom, who
		wantMeta[0] += " · 已失效"
	} else {
		wantMeta[1] += " · 已失效"
	}
	wantNote := who + "在前言提及" + whom + "。"

	for _, mode := range []string{"http", "file"} {
		t.Run(mode, func(t *testing.T) {
			ctx, base := startOn(t, s, mode)
			openAdhoc(t, ctx, base, [2]string{a, b})
			if got := eval[[]string](t, ctx, `[...document.querySelectorAll("#adhoc-meta:not([hidden]) > li")].map(li => li.textContent)`); strings.Join(got, "\n") != strings.Join(wantMeta, "\n") {
				t.Errorf("the comparison's facts read\n%q\nwant\n%q", got, wantMeta)
			}
			if got := eval[[]string](t, ctx, `[...document.querySelectorAll("#adhoc-named:not([hidden]) .named-note")].map(p => p.textContent)`); len(got) != 1 || got[0] != wantNote {
				t.Errorf("the comparison's note of naming reads %q, want %q", got, wantNote)
			}
			href := eval[string](t, ctx, `(document.querySelector("#adhoc-named .named-note a") || {}).href || ""`)
			if want := base + "docs/" + citer + "/index.html#preamble"; href != want {
				t.Errorf("the note links %q, want %q", href, want)
			}
			// Another pair, where neither names the other, says so by
			// saying nothing.
			other := ""
			ia := slices.Index(ids, a)
			for j, id := range ids {
				if id != a && id != b && !slices.Contains(index[ia], j) && !slices.Contains(index[j], ia) {
					other = id
					break
				}
			}
			if other == "" {
				t.Fatalf("no document of the 40 lacks a pair page with %s", a)
			}
			do(t, ctx, "choose another pair", chromedp.Navigate(base+"compare/index.html?a="+min(other, a)+"&b="+max(other, a)))
			if !waitAdhoc(t, ctx, "done") {
				t.FailNow()
			}
			if n := eval[int](t, ctx, `document.querySelectorAll("#adhoc-meta > li").length`); n != 2 {
				t.Errorf("the comparison of %s and %s gives %d documents' facts, want 2", other, a, n)
			}
			if shown := eval[bool](t, ctx, visibleJS("adhoc-named")); shown {
				t.Error("a note of naming shows for two documents where neither names the other")
			}
		})
	}
}

// docFacts is what the tests read of a document in /api/docs.json.
type docFacts struct {
	ID, Title, Issuer, Date, Number, Level, Status string
}

func readDocsJSON(t *testing.T, dir string) map[string]docFacts {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "api", "docs.json"))
	if err != nil {
		t.Fatal(err)
	}
	var list struct{ Documents []docFacts }
	if err := json.Unmarshal(data, &list); err != nil {
		t.Fatalf("api/docs.json: %v", err)
	}
	out := map[string]docFacts{}
	for _, d := range list.Documents {
		out[d.ID] = d
	}
	return out
}
