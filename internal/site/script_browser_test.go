package site_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
	"tiaowen/internal/hanconv"
)

// TestBrowserReadInSimplified: from the offline bundle, a 繁體 document's
// section page has a "以简体阅读" button that shows the document's text —
// the section, the way there and on — in 简体 as hanconv converts it
// (顯著 显著, 著力 着力), citations as written; the choice holds on the
// next page, on the document's page (its window title too), on a
// theme's page with a passage of it, in search results from it, on the
// home page (as written and as its finder draws it), in the lists to
// choose a document from and in a pair page's 繁→简 toggle, which unticked
// undoes it too;
// pressed again it puts every character back. A 简体 document's page has
// no such button.
func TestBrowserReadInSimplified(t *testing.T) {
	ctx, base := openSeedBundle(t)
	const button = `document.querySelector(".script-switch button")`
	pressed := func(ctx context.Context, want string) {
		t.Helper()
		got := eval[string](t, ctx, `(async () => {
			for (let i = 0; i < 300; i++) {
				const b = `+button+`;
				if (b && b.getAttribute("aria-pressed") === "`+want+`") return "`+want+`";
				await new Promise(r => setTimeout(r, 10));
			}
			const b = `+button+`;
			return b ? String(b.getAttribute("aria-pressed")) : "no button";
		})()`)
		if got != want {
			t.Fatalf("the button's aria-pressed is %s, want %s", got, want)
		}
	}
	const article = `document.querySelector("main article").innerText`
	const around = `[...document.querySelectorAll(".breadcrumb, .prevnext")].map(e => e.innerText).join("\n")`
	const cite = `document.querySelector(".cite").innerText`
	const articleLang = `document.querySelector("main article").lang`

	do(t, ctx, "open a section of the 意见", chromedp.Navigate(base+"docs/"+jsID+"/p1/index.html"))
	pressed(ctx, "false")
	if label := eval[string](t, ctx, button+`.textContent`); label != "以简体阅读" {
		t.Errorf("the button reads %q", label)
	}
	written, aroundWritten, citeWritten := eval[string](t, ctx, article), eval[string](t, ctx, around), eval[string](t, ctx, cite)
	if !strings.Contains(written, "顯著提升") || !strings.Contains(aroundWritten, "質量") {
		t.Fatalf("the section does not read in 繁體:\n%s\n%s", written, aroundWritten)
	}

	do(t, ctx, "press 以简体阅读", chromedp.Click(chromedp.CSS(".script-switch button")))
	pressed(ctx, "true")
	if got, want := eval[string](t, ctx, article), hanconv.Simplify(written); got != want {
		t.Errorf("the section reads\n%s\nwant\n%s", got, want)
	}
	for _, want := range []string{"显著提升", "着力推动高质量发展"} {
		if !strings.Contains(eval[string](t, ctx, article), want) {
			t.Errorf("the section in 简体 lacks %s", want)
		}
	}
	if got, want := eval[string](t, ctx, around), hanconv.Simplify(aroundWritten); got != want {
		t.Errorf("the way there and on reads %q, want %q", got, want)
	}
	if got := eval[string](t, ctx, cite); got != citeWritten {
		t.Errorf("the citation changed:\n%s\nwas\n%s", got, citeWritten)
	}
	if got := eval[string](t, ctx, articleLang); got != "zh-Hans" {
		t.Errorf("the section in 简体 has lang %q", got)
	}

	do(t, ctx, "go to the next section", browsertest.Follow(chromedp.Click(chromedp.CSS(".prevnext a[rel=next]"))))
	pressed(ctx, "true")
	next := eval[string](t, ctx, article)
	if strings.ContainsAny(next, "質強產優") || !strings.Contains(next, "质量") {
		t.Errorf("the next section, remembered in 简体, reads\n%s", next)
	}
	do(t, ctx, "open the document's page", chromedp.Navigate(base+"docs/"+jsID+"/index.html"))
	pressed(ctx, "true")
	if h := eval[string](t, ctx, `document.querySelector("main article h1").innerText`); h != "关于深化质量强省建设的实施意见" {
		t.Errorf("the document's page, remembered in 简体, is titled %q", h)
	}
	if toc := eval[string](t, ctx, `document.querySelector(".toc").innerText`); strings.ContainsAny(toc, "質強產優") {
		t.Errorf("the contents still read in 繁體:\n%s", toc)
	}
	if got := eval[string](t, ctx, `document.title`); !strings.HasPrefix(got, "关于深化质量强省建设的实施意见 · ") {
		t.Errorf("the document's page, remembered in 简体, has the window title %q", got)
	}

	do(t, ctx, "open a theme with a passage of the 意见", chromedp.Navigate(base+"themes/biaozhun-ziwo-shengming/index.html"))
	pressed(ctx, "true")
	const passage = `document.querySelector(".theme-doc#doc-` + jsID + `").innerText`
	if got := eval[string](t, ctx, passage); !strings.Contains(got, "企业标准自我声明公开和监督制度") || strings.ContainsAny(got, "質標準") {
		t.Errorf("the theme's passage from the 意见, remembered in 简体, reads\n%s", got)
	}
	if first := eval[string](t, ctx, `document.querySelector(".script-switch").nextElementSibling.className`); first != "theme-doc" {
		t.Errorf("on a theme's page the button is before %q, want the first document's passages", first)
	}

	// Search results from the 意见 come in 简体 too.
	hit := func(ctx context.Context, q string) string {
		t.Helper()
		do(t, ctx, "search for "+q, chromedp.Navigate(base+"search/index.html?q="+q))
		return eval[string](t, ctx, `(async () => {
			for (let i = 0; i < 300; i++) {
				const li = document.querySelector('#search-results li.hit[data-doc="`+jsID+`"]');
				if (li && li.lang === "zh-Hans") return li.lang + " " + li.textContent;
				await new Promise(r => setTimeout(r, 10));
			}
			const li = document.querySelector('#search-results li.hit[data-doc="`+jsID+`"]');
			return li ? li.lang + " " + li.textContent : "no result from the 意见";
		})()`)
	}
	if got := hit(ctx, "显著提升"); !strings.HasPrefix(got, "zh-Hans ") || !strings.Contains(got, "显著提升") || strings.ContainsAny(got, "顯質強") {
		t.Errorf("a search result from the 意见, with 简体 chosen, reads %q", got)
	}
	// and those of the next query, drawn on the same page.
	got := eval[string](t, ctx, `(async () => {
		const q = document.getElementById("search-q");
		q.value = "着力推动";
		q.dispatchEvent(new Event("input", {bubbles: true}));
		for (let i = 0; i < 300; i++) {
			const li = document.querySelector('#search-results li.hit[data-doc="`+jsID+`"]');
			if (li && li.textContent.includes("推动") && li.lang === "zh-Hans") break;
			await new Promise(r => setTimeout(r, 10));
		}
		const li = document.querySelector('#search-results li.hit[data-doc="`+jsID+`"]');
		return li ? li.lang + " " + li.textContent : "no result from the 意见";
	})()`)
	if !strings.HasPrefix(got, "zh-Hans ") || !strings.Contains(got, "着力推动") || strings.ContainsAny(got, "著質強") {
		t.Errorf("a result of the next query from the 意见, with 简体 chosen, reads %q", got)
	}

	// The home page too: its list as written in the page, and as the
	// finder draws it again.
	link := func(ctx context.Context, want string) string {
		t.Helper()
		return eval[string](t, ctx, `(async () => {
			const sel = 'main a[href="docs/`+jsID+`/index.html"]';
			for (let i = 0; i < 300; i++) {
				const as = [...document.querySelectorAll(sel)];
				if (as.length && as.every(a => a.closest("[lang]").lang === "`+want+`")) break;
				await new Promise(r => setTimeout(r, 10));
			}
			return [...document.querySelectorAll(sel)].map(a => a.closest("[lang]").lang + " " + a.textContent).join("; ");
		})()`)
	}
	for _, address := range []string{"index.html", "index.html?level=province&sort=date-desc"} {
		do(t, ctx, "open "+address, chromedp.Navigate(base+address))
		if got := link(ctx, "zh-Hans"); got == "" || strings.ContainsAny(got, "關質強") || strings.Contains(got, "zh-Hant") {
			t.Errorf("%s, with 简体 chosen, names the 意见: %s", address, got)
		}
	}

	// The lists of documents to choose from, the chooser's and the
	// search page's, name the 意见 in 简体, and choose it as before.
	for _, c := range []struct{ address, sel string }{
		{"compare/index.html", "#pick-b"},
		{"search/index.html", "#search-doc"},
	} {
		do(t, ctx, "open "+c.address, chromedp.Navigate(base+c.address))
		got := eval[string](t, ctx, `(async () => {
			for (let i = 0; i < 300; i++) {
				const o = document.querySelector('`+c.sel+` option[value="`+jsID+`"]');
				if (o && o.lang === "zh-Hans") return o.lang + " " + o.textContent;
				await new Promise(r => setTimeout(r, 10));
			}
			const o = document.querySelector('`+c.sel+` option[value="`+jsID+`"]');
			return o ? o.lang + " " + o.textContent : "no option for the 意见";
		})()`)
		if got != "zh-Hans 关于深化质量强省建设的实施意见" {
			t.Errorf("%s's list %s, with 简体 chosen, names the 意见 %q", c.address, c.sel, got)
		}
	}

	// A pair page's 繁→简 toggle is the same choice, both ways.
	do(t, ctx, "open the 纲要 × 意见 page", chromedp.Navigate(base+pairGdJs))
	const pairSide = `[...document.querySelectorAll(".cmp-row:not(.cmp-head) .cmp-b")].map(c => c.innerText).join("\n")`
	if !eval[bool](t, ctx, `document.getElementById("fold").checked`) || strings.ContainsAny(eval[string](t, ctx, pairSide), "質強產優") {
		t.Error("the pair page, with 简体 chosen, does not show its 繁體 side in 简体")
	}
	do(t, ctx, "untick 繁體显示为简体", browsertest.Click("#fold"))
	do(t, ctx, "open the theme again", chromedp.Navigate(base+"themes/biaozhun-ziwo-shengming/index.html"))
	pressed(ctx, "false")
	do(t, ctx, "press 以简体阅读", chromedp.Click(chromedp.CSS(".script-switch button")))
	pressed(ctx, "true")

	do(t, ctx, "press 以简体阅读 again", chromedp.Click(chromedp.CSS(".script-switch button")))
	pressed(ctx, "false")
	if got := eval[string](t, ctx, passage); !strings.Contains(got, "企業標準自我聲明公開") {
		t.Errorf("pressed again, the theme's passage from the 意见 reads\n%s", got)
	}
	do(t, ctx, "open the document's page again", chromedp.Navigate(base+"docs/"+jsID+"/index.html"))
	pressed(ctx, "false")
	do(t, ctx, "press 以简体阅读", chromedp.Click(chromedp.CSS(".script-switch button")))
	pressed(ctx, "true")
	do(t, ctx, "press 以简体阅读 again", chromedp.Click(chromedp.CSS(".script-switch button")))
	pressed(ctx, "false")
	if h := eval[string](t, ctx, `document.querySelector("main article h1").innerText`); h != "關于深化質量強省建設的實施意見" {
		t.Errorf("pressed again, the document's page is titled %q", h)
	}
	if got := eval[string](t, ctx, `document.title`); !strings.HasPrefix(got, "關于深化質量強省建設的實施意見 · ") {
		t.Errorf("pressed again, the document's page has the window title %q", got)
	}
	if got := hit(ctx, "显著提升"); !strings.HasPrefix(got, "zh-Hant ") || !strings.Contains(got, "顯著提升") {
		t.Errorf("a search result from the 意见, with 繁體 chosen again, reads %q", got)
	}
	do(t, ctx, "open the home page", chromedp.Navigate(base+"index.html"))
	if got := link(ctx, "zh-Hant"); !strings.Contains(got, "關于深化質量強省建設的實施意見") || strings.Contains(got, "zh-Hans") {
		t.Errorf("the home page, with 繁體 chosen again, names the 意见: %s", got)
	}
	do(t, ctx, "open the first section again", chromedp.Navigate(base+"docs/"+jsID+"/p1/index.html"))
	pressed(ctx, "false")
	if got := eval[string](t, ctx, article); got != written {
		t.Errorf("the section, once 繁體 is chosen again, reads\n%s\nwant\n%s", got, written)
	}
	if got := eval[string](t, ctx, articleLang); got != "zh-Hant" {
		t.Errorf("the section in 繁體 has lang %q", got)
	}

	do(t, ctx, "open a section of the 纲要", chromedp.Navigate(base+"docs/"+gdID+"/index.html"))
	if n := eval[int](t, ctx, `document.querySelectorAll(".script-switch").length`); n != 0 {
		t.Errorf("a 简体 document's page has %d script buttons", n)
	}
}
