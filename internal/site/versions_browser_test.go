package site_test

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tiaowen/internal/browsertest"
)

// TestBrowserVersions reads, from the offline bundle opened from disk, the
// seeds with a final text of the Guangzhou 方案 that supersedes its
// 征求意见稿 (testdata/versions: the draft's item 二、（一）2. dropped, its
// 3. renumbered 2.). A reader who followed a permalink to the draft's 3.
// sees, above the text, that a newer version supersedes it, and is led
// to the same item in it under its new number, and to the row of the two
// versions' pair page; the draft's page leads to the final text, whose
// page leads back. A search tells the two apart, and its results saved
// as CSV mark the draft's line.
func TestBrowserVersions(t *testing.T) {
	const draft, final = "guangzhou-2023-fangan", "guangzhou-2024-fangan"
	src, err := os.ReadFile(filepath.Join("testdata", "versions", final+".md"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.Start(t)
	s, err := buildSite(t.TempDir(), map[string]string{"docs/" + final + ".md": string(src)})
	if err != nil {
		t.Fatal(err)
	}
	problems := browsertest.RecordProblems(t, ctx)
	t.Cleanup(func() { problems.Check(t) })
	base := browsertest.FileURL(s.bundle) + "/"

	do(t, ctx, "open the draft's 3.", chromedp.Navigate(base+"docs/"+draft+"/p2-s1-i3/index.html"))
	note := eval[string](t, ctx, `document.querySelector(".version-note").innerText`)
	for _, want := range []string{"本条所在的文件已被《广州市质量强市建设实施方案》（2024-03-01 · 正式）取代。", "新版本中的对应条文：2.促进质量发展造福人民"} {
		if !strings.Contains(note, want) {
			t.Errorf("the note reads %q; want %q in it", note, want)
		}
	}
	if above := eval[bool](t, ctx, `document.querySelector(".version-note").getBoundingClientRect().bottom <= document.querySelector("article.section-page").getBoundingClientRect().top`); !above {
		t.Error("the note is not above the section's text")
	}
	do(t, ctx, "follow the counterpart", browsertest.Follow(chromedp.Click(chromedp.CSS(`.version-note a[href*="/p2-s1-i2/"]`))))
	wantLocation(t, ctx, base+"docs/"+final+"/p2-s1-i2/index.html")
	if text := eval[string](t, ctx, `document.querySelector("article.section-page").innerText`); !strings.HasPrefix(text, "2.促进质量发展造福人民") {
		t.Errorf("the final text's 2. reads %.40q…", text)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".version-note").length`); n != 0 {
		t.Error("the final text's section says it is superseded")
	}
	// Below its text, it says where it was in the draft, and leads back.
	if earlier := eval[string](t, ctx, `document.querySelector(".version-earlier").innerText`); !strings.Contains(earlier, "（征求意见稿）中的对应条文：3.促进质量发展造福人民") {
		t.Errorf("the final text's 2. says %q of the draft", earlier)
	}
	do(t, ctx, "follow it back to the draft", browsertest.Follow(chromedp.Click(chromedp.CSS(`.version-earlier a[href*="/p2-s1-i3/"]`))))
	wantLocation(t, ctx, base+"docs/"+draft+"/p2-s1-i3/index.html")

	do(t, ctx, "open the draft's 2.", chromedp.Navigate(base+"docs/"+draft+"/p2-s1-i2/index.html"))
	if note := eval[string](t, ctx, `document.querySelector(".version-note").innerText`); !strings.Contains(note, "新版本中没有与本条对应的条文。") {
		t.Errorf("the note of the dropped item reads %q", note)
	}
	do(t, ctx, "follow the pair page's row", browsertest.Follow(chromedp.Click(chromedp.CSS(".version-note a.pair-link"))))
	wantLocation(t, ctx, base+"compare/"+draft+"--"+final+"/index.html#a-p2-s1-i2")
	wantInViewport(t, ctx, "a-p2-s1-i2")
	if note := eval[string](t, ctx, `document.querySelector(".versions-note").innerText`); note != "两者为同一文件的不同版本：后者取代前者。" {
		t.Errorf("the pair page says %q of the two", note)
	}

	do(t, ctx, "open the draft", chromedp.Navigate(base+"docs/"+draft+"/index.html"))
	do(t, ctx, "follow the note to the final text", browsertest.Follow(chromedp.Click(chromedp.CSS(`.version-note a[lang]`))))
	wantLocation(t, ctx, base+"docs/"+final+"/index.html")
	if meta := eval[string](t, ctx, `document.querySelector("dl.meta").innerText`); !strings.Contains(meta, "取代") || !strings.Contains(meta, "（征求意见稿）") {
		t.Errorf("the final text's facts read %q; want the draft it supersedes", meta)
	}
	do(t, ctx, "follow the way back", browsertest.Follow(chromedp.Click(chromedp.CSS(`dl.meta dd a[lang]`))))
	wantLocation(t, ctx, base+"docs/"+draft+"/index.html")

	// The home page's list marks the draft; its finder, asked for the
	// versions in force, lists the other five and keeps the choice in
	// the address.
	do(t, ctx, "open the home page", chromedp.Navigate(base+"index.html"))
	status := `[...document.querySelectorAll("table.docs tbody tr")].filter(tr => tr.querySelector("a").href.includes("/` + draft + `/")).map(tr => tr.cells[6].textContent).join("|")`
	if got := eval[string](t, ctx, status); got != "征求意见稿 · 已被取代" {
		t.Errorf("the home page gives the draft's status as %q", got)
	}
	do(t, ctx, "choose 现行版本", chromedp.SetValue(`#doc-finder select[name=version]`, "current"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#doc-finder select[name=version]").dispatchEvent(new Event("change"))`))
	rows := `[...document.querySelectorAll("table.docs tbody tr a")].map(a => a.href.split("/docs/")[1].split("/")[0]).sort().join(" ")`
	want := "guangdong-2020-shishi guangdong-2023-gangyao " + final + " jiangsu-2023-yijian luhe-2017-yijian"
	for deadline := time.Now().Add(5 * time.Second); eval[string](t, ctx, rows) != want && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	if got := eval[string](t, ctx, rows); got != want {
		t.Errorf("the documents in force are %q, want %q", got, want)
	}
	if q := eval[string](t, ctx, "location.search"); !strings.Contains(q, "version=current") {
		t.Errorf("the address keeps %q, not the version chosen", q)
	}
	do(t, ctx, "choose 已被取代", chromedp.SetValue(`#doc-finder select[name=version]`, "superseded"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#doc-finder select[name=version]").dispatchEvent(new Event("change"))`))
	for deadline := time.Now().Add(5 * time.Second); eval[string](t, ctx, rows) != draft && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	if got := eval[string](t, ctx, rows); got != draft {
		t.Errorf("the superseded documents are %q, want the draft", got)
	}
	if got := eval[string](t, ctx, status); got != "征求意见稿 · 已被取代" {
		t.Errorf("the finder gives the draft's status as %q", got)
	}

	// A search finds the item in both versions, the draft's hit marked;
	// with the versions in force only, the final text's alone.
	searchOpen(t, ctx, base, "q", "促进质量发展造福人民")
	hits := `[...document.querySelectorAll("#search-results > li.hit")].map(li => li.dataset.doc + (li.querySelector(".hit-superseded") ? " 已被取代" : "")).sort().join("|")`
	if got := searchEval[string](t, ctx, hits); got != draft+" 已被取代|"+final {
		t.Errorf("促进质量发展造福人民 finds %q; want the draft's hit, marked, and the final text's", got)
	}
	// Under one title, each hit, and each of the two in the choice of a
	// document, is told apart by its date and status.
	const labels = "广州市质量强市建设实施方案（征求意见稿）|广州市质量强市建设实施方案（2024-03-01 · 正式）"
	if got := searchEval[string](t, ctx, `[...document.querySelectorAll("#search-results > li.hit .hit-doc")].map(e => e.firstChild.textContent).sort().reverse().join("|")`); got != labels {
		t.Errorf("the hits name their documents %q, want %q", got, labels)
	}
	if got := searchEval[string](t, ctx, `[...document.querySelectorAll("#search-doc option")].filter(o => o.value.startsWith("guangzhou-")).map(o => o.textContent).join("|")`); got != labels {
		t.Errorf("the choice of a document offers %q, want %q", got, labels)
	}
	// Saved as CSV, the draft's line says it is superseded.
	statuses := map[string]string{}
	for _, l := range readCSV(t, awaitDownload(t, ctx, allowDownloads(t, ctx), "检索-促进质量发展造福人民.csv", "#search-csv"), searchCSVHeader) {
		statuses[l[0]] = l[5]
	}
	if want := map[string]string{draft: "征求意见稿 · 已被取代", final: "正式"}; !maps.Equal(statuses, want) {
		t.Errorf("the CSV gives the statuses %q, want %q", statuses, want)
	}
	searchOpen(t, ctx, base, "q", "促进质量发展造福人民", "version", "current")
	if got := searchEval[string](t, ctx, hits); got != final {
		t.Errorf("促进质量发展造福人民 in the versions in force finds %q; want the final text's alone", got)
	}
}
