package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestThemesList counts the seeds' themes as the site does: each row's
// documents and sections are those /api/themes.json lists for the theme.
func TestThemesList(t *testing.T) {
	_, content := seedContent(t)
	out, errs, code := runCLI(t, "themes", "--content", content)
	if code != 0 {
		t.Fatalf("themes: exit %d, stderr %q", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 || !slices.Equal(rows[0], themesHeader) {
		t.Fatalf("themes: %v, %q", err, out)
	}
	site := filepath.Join(t.TempDir(), "site")
	if _, errs, code := runCLI(t, "build", "--content", content, "--out", site, "--zip", "-"); code != 0 {
		t.Fatalf("build: exit %d, stderr %q", code, errs)
	}
	b, err := os.ReadFile(filepath.Join(site, "api", "themes.json"))
	if err != nil {
		t.Fatal(err)
	}
	var api struct {
		Themes []struct {
			ID        string
			Documents []struct{ Sections []string }
		}
	}
	if err := json.Unmarshal(b, &api); err != nil {
		t.Fatal(err)
	}
	if len(api.Themes) != len(rows)-1 {
		t.Fatalf("%d rows, the site has %d themes", len(rows)-1, len(api.Themes))
	}
	unused := 0
	for i, th := range api.Themes {
		row := rows[i+1]
		sections := 0
		for _, d := range th.Documents {
			sections += len(d.Sections)
		}
		if row[0] != th.ID || row[3] != strconv.Itoa(len(th.Documents)) || row[4] != strconv.Itoa(sections) {
			t.Errorf("row %q; the site has %s in %d documents, %d sections", row, th.ID, len(th.Documents), sections)
		}
		if (row[5] == "") != (len(th.Documents) == 0) || row[5] != "" && !strings.HasPrefix(row[5], filepath.Join(content, "docs")) {
			t.Errorf("row %q: first found at %q", row, row[5])
		}
		if len(th.Documents) == 0 {
			unused++
			continue
		}
		// The ways its terms are written, as the theme's page gives them.
		page, err := os.ReadFile(filepath.Join(site, "themes", th.ID, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		_, line, _ := strings.Cut(string(page), `<p class="note theme-forms">文中写法：`)
		line, _, _ = strings.Cut(line, "</p>")
		line = regexp.MustCompile(`<[^>]+>`).ReplaceAllString(line, "")
		line = regexp.MustCompile(`（(\d+)）`).ReplaceAllString(line, " ($1)")
		if want := strings.ReplaceAll(line, " · ", "; "); row[6] != want {
			t.Errorf("%s: forms %q, the theme's page %q", th.ID, row[6], want)
		}
	}
	if unused == len(api.Themes) {
		t.Error("no theme is found in the seeds")
	}
}

// TestThemesSuggest suggests themes from the seeds, then adds what it
// printed as YAML to themes.yaml: the site checks clean with them, the
// new themes are found where the suggestion said, and nothing is left to
// suggest.
func TestThemesSuggest(t *testing.T) {
	_, content := seedContent(t)
	out, errs, code := runCLI(t, "themes", "--content", content, "suggest")
	if code != 0 {
		t.Fatalf("themes suggest: exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{
		// Quoted in three seeds.
		"\n粤字号\t3 documents, 3 sections, quoted in 3\n",
		// Quoted in the 繁體 seed only, and mentioned in two others.
		"\n世界计量日\t3 documents, 3 sections, quoted in 1\n\tfirst quoted at " +
			filepath.Join(content, "docs", "jiangsu-2023-yijian.md") + ":101 (jiangsu-2023-yijian s31)\n" +
			"\tin guangzhou-2023-fangan, jiangsu-2023-yijian, luhe-2017-yijian\n\tquoted as 世界計量日\n",
		// In two scripts; with a full-width plus.
		"\tquoted as 四个最严  四個最嚴\n",
		"\tquoted as 互联网+监管  互联网＋监管\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("suggest does not say %q", want)
		}
	}
	// Three seeds quote “一站式”, each before 服务: the theme 一站式服务
	// takes those, as a build would, and a theme of 一站式 would list
	// nothing.
	if strings.Contains(out, "\n一站式\t") {
		t.Errorf("suggest names 一站式, which the theme yizhanshi-fuwu takes wherever it is quoted:\n%s", out)
	}

	yaml, errs, code := runCLI(t, "themes", "--content", content, "--format", "yaml", "suggest")
	if code != 0 {
		t.Fatalf("themes suggest --format yaml: exit %d, stderr %q", code, errs)
	}
	_, entries, ok := strings.Cut(yaml, "\nthemes:\n")
	if !ok {
		t.Fatalf("no themes: list in\n%s", yaml)
	}
	file := filepath.Join(content, "themes.yaml")
	old, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(append(old, '\n'), entries...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := runCLI(t, "check", "--content", content); code != 0 || strings.Contains(errs, "themes.yaml") {
		t.Fatalf("check with the suggested themes: exit %d, stderr %q", code, errs)
	}
	again, errs, code := runCLI(t, "themes", "--content", content, "suggest")
	if code != 0 || !strings.HasPrefix(again, "No term") {
		t.Errorf("suggest with the suggested themes added: exit %d, %q, stderr %q", code, again, errs)
	}
}

// TestThemesSuggestNewSite: in a new site, whose themes.yaml has none,
// what suggest prints as YAML is a themes.yaml that builds, and after it
// nothing is left to suggest.
func TestThemesSuggestNewSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "lib")
	if _, errs, code := runCLI(t, "new", "site", dir); code != 0 {
		t.Fatalf("new site: %q", errs)
	}
	content := filepath.Join(dir, "content")
	if err := os.CopyFS(filepath.Join(content, "docs"), os.DirFS("../../content/docs")); err != nil {
		t.Fatal(err)
	}
	if out, _, _ := runCLI(t, "themes", "--content", content); out != strings.Join(themesHeader, ",")+"\n" {
		t.Errorf("themes of a new site: %q, want the header alone", out)
	}
	yaml, errs, code := runCLI(t, "themes", "--content", content, "suggest", "--format", "yaml")
	if code != 0 || !strings.Contains(yaml, "\n  - id: zhiliangyue\n    name: 质量月\n    terms: [质量月]\n") {
		t.Fatalf("suggest: exit %d, stderr %q, out\n%s", code, errs, yaml)
	}
	if err := os.WriteFile(filepath.Join(content, "themes.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := runCLI(t, "build", "--content", content, "--out", filepath.Join(dir, "site"), "--zip", "-"); code != 0 || strings.Contains(errs, "themes.yaml") {
		t.Fatalf("build with the suggested themes: exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "site", "themes", "zhiliangyue", "index.html")); err != nil {
		t.Error(err)
	}
	if again, _, _ := runCLI(t, "themes", "--content", content, "suggest"); !strings.HasPrefix(again, "No term") {
		t.Errorf("suggest after: %q", again)
	}
}

// TestThemesRefused: what the command cannot do is said, not done.
func TestThemesRefused(t *testing.T) {
	_, content := seedContent(t)
	for _, args := range [][]string{
		{"themes", "--content", content, "count"},
		{"themes", "--content", content, "--format", "csv", "suggest"},
		{"themes", "--content", content, "--min-docs", "0", "suggest"},
	} {
		if _, errs, code := runCLI(t, args...); code != 2 || errs == "" {
			t.Errorf("%q: exit %d, stderr %q; want 2 and why", args, code, errs)
		}
	}
	if err := os.WriteFile(filepath.Join(content, "themes.yaml"), []byte("themes:\n  - id: Bad Id\n    name: x\n    terms: [x]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := runCLI(t, "themes", "--content", content, "suggest"); code != 1 || !strings.Contains(errs, "themes.yaml:2:") {
		t.Errorf("a broken themes.yaml: exit %d, stderr %q; want 1 and its line", code, errs)
	}
}
