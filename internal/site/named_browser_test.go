package site_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// TestBrowserNamedDocuments: from the offline bundle opened from disk, the
// Guangzhou 方案's preamble names the Guangdong 纲要 by title, and the
// title leads to the 纲要; the 纲要's page lists the 方案 among the
// documents that name it, and the place leads back to the preamble, shown
// and marked, its text whole. Their pair page gives each one's date and
// says which names which.
func TestBrowserNamedDocuments(t *testing.T) {
	ctx, base := openSeedBundle(t)
	do(t, ctx, "open the 方案", chromedp.Navigate(base+"docs/"+gzID+"/index.html"))
	const sentence = "全面落实《质量强国建设纲要》《广东省质量强省建设纲要》，加快推进质量强市建设再上新台阶"
	if text := eval[string](t, ctx, `document.getElementById("preamble").innerText`); !strings.Contains(text, sentence) {
		t.Errorf("the preamble reads %q; want it to keep %q", text, sentence)
	}
	if got := eval[string](t, ctx, `[...document.querySelectorAll("#preamble a.named")].map(a => a.textContent).join("|")`); got != "《广东省质量强省建设纲要》" {
		t.Errorf("the preamble links %q, want the 纲要's title only (the 强国 纲要 is not in the corpus)", got)
	}
	do(t, ctx, "follow the 纲要's title", browsertest.Follow(chromedp.Click(chromedp.CSS("#preamble a.named"))))
	wantLocation(t, ctx, base+"docs/"+gdID+"/index.html")

	list := eval[string](t, ctx, `(document.querySelector(".named-links") || {innerText: ""}).innerText`)
	if !strings.Contains(list, "提及本文") || !strings.Contains(list, "《"+gzTitle+"》") {
		t.Errorf("the 纲要's page lists %q; want the 方案 among the documents that name it", list)
	}
	do(t, ctx, "follow the place it is named", browsertest.Follow(chromedp.Click(chromedp.CSS(`.named-links a[href$="#preamble"]`))))
	wantLocation(t, ctx, base+"docs/"+gzID+"/index.html#preamble")
	wantInViewport(t, ctx, "preamble")
	if bg := eval[string](t, ctx, `getComputedStyle(document.getElementById("preamble")).backgroundColor`); bg == "rgba(0, 0, 0, 0)" || bg == "" {
		t.Errorf("the preamble, the address's target, is not marked (background %q)", bg)
	}

	// Their pair page says when each was issued, and which names which.
	do(t, ctx, "open the pair page", chromedp.Navigate(base+"compare/"+gdID+"--"+gzID+"/index.html"))
	if meta := eval[string](t, ctx, `document.querySelector(".pair-meta").innerText`); meta != "前者 2023-06-21 · 省级 · 中共广东省委 广东省人民政府\n后者 未注明日期 · 市级 · 征求意见稿" {
		t.Errorf("the pair page describes the two as %q", meta)
	}
	if note := eval[string](t, ctx, `document.querySelector(".named-note").innerText`); note != "后者在前言提及前者。" {
		t.Errorf("the pair page says %q of which names which", note)
	}
	do(t, ctx, "follow the place", browsertest.Follow(chromedp.Click(chromedp.CSS(".named-note a"))))
	wantLocation(t, ctx, base+"docs/"+gzID+"/index.html#preamble")
}
