package site

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRegionPages builds the seeds with three documents more — a city's
// inside Guangdong, one of a region that is no division, one naming no
// region — and reads the region pages and their feeds: the city's
// document is counted under its province and gets a page of its own,
// the other region is listed apart with its document, the last is
// counted as naming none, and the sitemap names every region's page.
func TestRegionPages(t *testing.T) {
	project := seedProject(t)
	for name, doc := range map[string]string{
		"shenzhen-2022.md": "---\nid: shenzhen-2022\ntitle: 深圳市质量强市实施方案\nissuer: 深圳市人民政府\ndate: 2022-03-01\nlevel: city\nregion: 深圳市\n---\n一、总体要求\n",
		"wanqu-2019.md":    "---\nid: wanqu-2019\ntitle: 大湾区质量合作意见\ndate: 2019-02-18\nregion: 粤港澳大湾区\n---\n一、总体要求\n",
		"nowhere.md":       "---\nid: nowhere\ntitle: 未注明地区的通知\n---\n一、总体要求\n",
	} {
		if err := os.WriteFile(filepath.Join(project, "content", "docs", name), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := buildFiles(t, project)
	index := string(files["regions/index.html"])
	for _, want := range []string{
		`<a href="../regions/440000/index.html">广东省</a> <span class="count" title="文件数">5</span>`,
		`<a href="../regions/440300/index.html">深圳市</a> <span class="count" title="文件数">1</span>`,
		"<dt>粤港澳大湾区</dt>\n<dd><a href=\"../docs/wanqu-2019/index.html\" lang=\"zh-Hans\">大湾区质量合作意见</a> <time datetime=\"2019-02-18\">2019-02-18</time></dd>",
		"另有 1 份文件未注明地区",
		"6 份文件分属 2 个省级行政区、6 个行政区划。",
	} {
		if !strings.Contains(index, want) {
			t.Errorf("regions/index.html lacks %q", want)
		}
	}
	if _, ok := files["regions/440300/index.html"]; !ok {
		t.Error("深圳市 has no page")
	}
	for name := range files {
		if strings.HasPrefix(name, "regions/") && strings.Contains(name, "粤港澳") {
			t.Errorf("a region that is no division has a page: %s", name)
		}
	}

	// The province's feed: its documents and its cities', newest first.
	ids, _ := feedEntries(t, files["regions/440000/feed.xml"])
	var docs []string
	for _, id := range ids {
		docs = append(docs, id[strings.LastIndex(strings.TrimSuffix(id, "/"), "/")+1:len(id)-1])
	}
	if want := []string{"guangdong-2023-gangyao", "shenzhen-2022", "guangdong-2020-shishi", "luhe-2017-yijian", "guangzhou-2023-fangan"}; !slices.Equal(docs, want) {
		t.Errorf("广东省's feed has %q, want %q", docs, want)
	}

	// The same for machines: each division's documents as its page
	// lists them, the region that is no division, the one naming none.
	var api struct {
		Regions []struct {
			Code, Name, Level, URL string
			Path                   []string
			Documents, Own, Inside []string
		}
		Others []struct {
			Name      string
			Documents []string
		}
		Unplaced []string
	}
	if err := json.Unmarshal(files["api/regions.json"], &api); err != nil {
		t.Fatalf("api/regions.json: %v", err)
	}
	var codes []string
	for _, r := range api.Regions {
		codes = append(codes, r.Code)
		switch r.Code {
		case "440000":
			if !slices.Equal(r.Documents, docs) || !slices.Equal(r.Own, []string{"guangdong-2023-gangyao", "guangdong-2020-shishi"}) ||
				!slices.Equal(r.Inside, []string{"440100", "440300", "441500"}) || r.URL != "https://tiaowen.example.org/regions/440000/" {
				t.Errorf("广东省 in the API: %+v", r)
			}
		case "440300":
			if r.Name != "深圳市" || r.Level != "city" || !slices.Equal(r.Path, []string{"广东省", "深圳市"}) || !slices.Equal(r.Documents, []string{"shenzhen-2022"}) {
				t.Errorf("深圳市 in the API: %+v", r)
			}
		}
	}
	if want := []string{"320000", "440000", "440100", "440300", "441500", "441523"}; !slices.Equal(codes, want) {
		t.Errorf("the API's regions are %q, want %q (each before those inside it)", codes, want)
	}
	if len(api.Others) != 1 || api.Others[0].Name != "粤港澳大湾区" || !slices.Equal(api.Others[0].Documents, []string{"wanqu-2019"}) || !slices.Equal(api.Unplaced, []string{"nowhere"}) {
		t.Errorf("the API's other regions are %+v and its unplaced documents %q", api.Others, api.Unplaced)
	}

	sitemap := string(files["sitemap.xml"])
	for _, code := range []string{"", "440000/", "440300/", "441523/", "320000/"} {
		if !strings.Contains(sitemap, "<loc>https://tiaowen.example.org/regions/"+code+"</loc>") {
			t.Errorf("the sitemap does not name regions/%s", code)
		}
	}
}
