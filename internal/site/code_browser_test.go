package site_test

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserCodeHighlight opens the seed site's 数据接口 page, whose
// examples are fenced JSON, from the offline bundle: its keys and
// strings are coloured apart from the text, in the light scheme and,
// in other colours, in the dark one. A document's page, which shows no
// highlighted code, does not load the highlighting's style sheet.
func TestBrowserCodeHighlight(t *testing.T) {
	ctx, base := openSeedBundle(t)
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "light"}}}); err != nil {
		t.Fatalf("emulate a light colour scheme: %v", err)
	}
	type colours struct{ Text, Key, String string }
	const read = `(() => {
		const c = sel => getComputedStyle(document.querySelector(sel)).color;
		return {Text: c("pre.chroma"), Key: c("pre.chroma .nt"), String: c("pre.chroma .s2")};
	})()`
	do(t, ctx, "open the 数据接口 page", chromedp.Navigate(base+"data/index.html"))
	light := eval[colours](t, ctx, read)
	if light.Key == light.Text || light.String == light.Text || light.Key == light.String {
		t.Errorf("light: the code's text, keys and strings are coloured %+v, want three colours", light)
	}
	do(t, ctx, "switch to dark", chromedp.Click(chromedp.CSS(".theme-toggle")))
	eventually(t, ctx, "the page's theme", `document.documentElement.dataset.theme`, "dark")
	dark := eval[colours](t, ctx, read)
	if dark.Key == dark.Text || dark.String == dark.Text || dark.Key == light.Key || dark.String == light.String {
		t.Errorf("dark: the code's text, keys and strings are coloured %+v (light %+v), want three colours, other than light's", dark, light)
	}
	do(t, ctx, "switch back to light", chromedp.Click(chromedp.CSS(".theme-toggle")))

	do(t, ctx, "open a document", chromedp.Navigate(base+"docs/"+gzID+"/index.html"))
	if n := eval[int](t, ctx, `[...document.styleSheets].filter(s => s.href && s.href.includes("chroma.css")).length`); n != 0 {
		t.Errorf("a document's page loads the code highlighting's style sheet (%d times)", n)
	}
	if n := eval[int](t, ctx, `document.styleSheets.length`); n < 2 {
		t.Errorf("a document's page has %d style sheets: the check above would pass on a page without any", n)
	}
}
