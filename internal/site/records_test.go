package site_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// seedDocs reads the seed site's list of documents from its JSON API:
// what the exported records must say, from another of the site's
// outputs.
func seedDocs(t *testing.T, web string) []struct{ ID, Title, Issuer, Date, Number, Region, Status, Lang, URL string } {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(web, "api", "docs.json"))
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		Documents []struct{ ID, Title, Issuer, Date, Number, Region, Status, Lang, URL string }
	}
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Documents) != 5 {
		t.Fatalf("api/docs.json lists %d documents, want the 5 seeds", len(list.Documents))
	}
	return list.Documents
}

// mods is what bibutils makes of a record: the MODS schema of the
// Library of Congress, in the parts the records fill.
type mods struct {
	ID    string `xml:"ID,attr"`
	Title string `xml:"titleInfo>title"`
	Names []struct {
		Parts []string `xml:"namePart"`
		Role  string   `xml:"role>roleTerm"`
	} `xml:"name"`
	Date         string   `xml:"originInfo>dateIssued"`
	Publisher    string   `xml:"originInfo>publisher"`
	Place        string   `xml:"originInfo>place>placeTerm"`
	Language     string   `xml:"language>languageTerm"`
	Genres       []string `xml:"genre"`
	Note         string   `xml:"note"`
	Identifiers  []modsID `xml:"identifier"`
	URL          string   `xml:"location>url"`
	ReportNumber string   `xml:"part>detail>number"`
}

type modsID struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

func (m mods) authors() []string {
	var out []string
	for _, n := range m.Names {
		if n.Role == "author" {
			out = append(out, strings.Join(n.Parts, ""))
		}
	}
	return out
}

func (m mods) identifier(typ string) string {
	for _, id := range m.Identifiers {
		if id.Type == typ {
			return id.Value
		}
	}
	return ""
}

// readWith runs a bibutils converter on file and returns its records.
func readWith(t *testing.T, tool, file string) []mods {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		msg := "no " + tool + ": install the Debian package bibutils"
		if os.Getenv("CI") != "" {
			t.Fatal(msg + " (CI is set: the records must be read by a reader of their format, not skipped)")
		}
		t.Skip(msg)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(path, file)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", tool, file, err, stderr.Bytes())
	}
	var coll struct {
		Records []mods `xml:"mods"`
	}
	if err := xml.Unmarshal(bytes.TrimPrefix(stdout.Bytes(), []byte("\uFEFF")), &coll); err != nil {
		t.Fatalf("%s %s: %v\n%s", tool, file, err, stdout.Bytes())
	}
	return coll.Records
}

// TestRecordsImport has bibutils, the converters that reference
// managers' users reach for, read the site's RIS and BibTeX files —
// every document's and each one's — and checks that each record says
// what the document's metadata says: title, issuing bodies as authors,
// date, number, jurisdiction, kind and address.
func TestRecordsImport(t *testing.T) {
	s := seedSite(t)
	docs := seedDocs(t, s.web)
	for _, c := range []struct{ tool, all, ext string }{
		{"ris2xml", "docs.ris", ".ris"},
		{"biblatex2xml", "docs.bib", ".bib"},
		{"bib2xml", "docs.bib", ".bib"},
	} {
		all := readWith(t, c.tool, filepath.Join(s.web, "api", c.all))
		if len(all) != len(docs) {
			t.Fatalf("%s api/%s: %d records, want %d", c.tool, c.all, len(all), len(docs))
		}
		for i, d := range docs {
			one := readWith(t, c.tool, filepath.Join(s.web, "api", "docs", d.ID+c.ext))
			if len(one) != 1 {
				t.Errorf("%s api/docs/%s%s: %d records, want 1", c.tool, d.ID, c.ext, len(one))
				continue
			}
			a, b := one[0], all[i]
			if c.ext == ".ris" {
				// Without an author, ris2xml numbers records in
				// its file: ref1 alone, ref3 among all.
				a.ID, b.ID = "", ""
				isKey := func(id modsID) bool { return id.Type == "citekey" }
				a.Identifiers = slices.DeleteFunc(slices.Clone(a.Identifiers), isKey)
				b.Identifiers = slices.DeleteFunc(slices.Clone(b.Identifiers), isKey)
			}
			if !reflectEqual(a, b) {
				t.Errorf("%s: api/docs/%s%s reads\n%+v\nand record %d of api/%s\n%+v", c.tool, d.ID, c.ext, a, i+1, c.all, b)
			}
			m := all[i]
			number, kind := m.identifier("serial number"), m.Note
			if c.ext == ".bib" {
				number = m.ReportNumber
				if m.ID != d.ID {
					t.Errorf("%s: record %d has key %q, want the id %q", c.tool, i+1, m.ID, d.ID)
				}
				kind = ""
				if len(m.Genres) > 0 {
					kind = m.Genres[0]
				}
			}
			wantDate := d.Date
			if c.tool == "bib2xml" && len(wantDate) >= 4 {
				// BibTeX has a year and a month; biblatex a date.
				wantDate = wantDate[:4]
			}
			wantKind, wantTitle := "政策文件", d.Title
			if d.Status != "正式" {
				wantKind += "（" + d.Status + "）"
				wantTitle += "（" + d.Status + "）"
			}
			for _, f := range []struct{ name, got, want string }{
				{"title", m.Title, wantTitle},
				{"authors", strings.Join(m.authors(), "|"), strings.Join(strings.Fields(d.Issuer), "|")},
				{"date", m.Date, wantDate},
				{"number", number, d.Number},
				{"place", m.Place, d.Region},
				{"kind", kind, wantKind},
				{"url", m.URL, d.URL},
			} {
				if f.got != f.want {
					t.Errorf("%s reads the %s of %s (record %d of api/%s) as %q, want %q", c.tool, f.name, d.ID, i+1, c.all, f.got, f.want)
				}
			}
		}
	}
}

func reflectEqual(a, b mods) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

// TestCitationBoxes checks the citation box of a document's page and of
// a section's against the document's metadata, and their links to the
// records.
func TestCitationBoxes(t *testing.T) {
	s := seedSite(t)
	base := strings.TrimSuffix(s.cfg.BaseURL, "/") + "/"
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(s.web, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	tag := regexp.MustCompile(`<[^>]+>`)
	box := func(page string) []string {
		i := strings.Index(page, `<section class="cite"`)
		if i < 0 {
			return nil
		}
		end := strings.Index(page[i:], "</section>")
		var rows []string
		for _, row := range strings.Split(page[i:i+end], "</div>") {
			if text := strings.TrimSpace(tag.ReplaceAllString(row, "")); text != "" {
				rows = append(rows, strings.Join(strings.Fields(text), " "))
			}
		}
		return rows
	}

	const id = "guangdong-2020-shishi"
	doc := read("docs/" + id + "/index.html")
	wantDoc := []string{
		"引用本文 永久链接" + base + "docs/" + id + "/ 复制",
		"简称《关于加快推进质量强省建设的实施方案》（粤府〔2020〕50号） 复制",
		"GB/T 7714广东省人民政府. 关于加快推进质量强省建设的实施方案: 粤府〔2020〕50号[EB/OL]. (2020-09-17)[引用日期]. " + base + "docs/" + id + "/. 复制",
		"导出到文献管理软件RIS（EndNote、NoteExpress、Zotero 等） · BibTeX",
	}
	if got := box(doc); !slices.Equal(got, wantDoc) {
		t.Errorf("citation box of %s's page:\n%q\nwant\n%q", id, got, wantDoc)
	}
	sec := read("docs/" + id + "/s1/index.html")
	wantSec := []string{
		"引用本条 永久链接" + base + "docs/" + id + "/s1/ 复制",
		"简称《关于加快推进质量强省建设的实施方案》（一） 复制",
		"GB/T 7714广东省人民政府. 关于加快推进质量强省建设的实施方案: （一）[EB/OL]. (2020-09-17)[引用日期]. " + base + "docs/" + id + "/s1/. 复制",
		"导出到文献管理软件RIS（EndNote、NoteExpress、Zotero 等） · BibTeX导出的是整份文件；引用本条时注明“（一）”。",
	}
	if got := box(sec); !slices.Equal(got, wantSec) {
		t.Errorf("citation box of %s/s1's page:\n%q\nwant\n%q", id, got, wantSec)
	}
	for page, links := range map[string][]string{
		doc:                {`href="../../api/docs/` + id + `.ris" download`, `href="../../api/docs/` + id + `.bib" download`, `href="#cite"`},
		sec:                {`href="../../../api/docs/` + id + `.ris" download`, `href="../../../api/docs/` + id + `.bib" download`},
		read("index.html"): {`href="api/docs.ris" download`, `href="api/docs.bib" download`},
	} {
		for _, l := range links {
			if !strings.Contains(page, l) {
				t.Errorf("%s has no link %s", page[:min(len(page), 200)], l)
			}
		}
	}

	// A document without a number, issuer or date: the parts it has.
	gz := read("docs/guangzhou-2023-fangan/index.html")
	wantGZ := []string{
		"引用本文 永久链接" + base + "docs/guangzhou-2023-fangan/ 复制",
		"简称《广州市质量强市建设实施方案（征求意见稿）》 复制",
		"GB/T 7714广州市质量强市建设实施方案（征求意见稿）[EB/OL]. [引用日期]. " + base + "docs/guangzhou-2023-fangan/. 复制",
		"导出到文献管理软件RIS（EndNote、NoteExpress、Zotero 等） · BibTeX",
	}
	if got := box(gz); !slices.Equal(got, wantGZ) {
		t.Errorf("citation box of guangzhou-2023-fangan's page:\n%q\nwant\n%q", got, wantGZ)
	}
}

// TestHighwireTags checks the Highwire Press tags of every seed
// document's page — what Google Scholar and Zotero's browser extension
// read from a page — against the document's metadata: a report by its
// issuing bodies; none for a document without an issuer.
func TestHighwireTags(t *testing.T) {
	s := seedSite(t)
	meta := regexp.MustCompile(`<meta name="(citation_[a-z_]+)" content="([^"]*)">`)
	for _, d := range seedDocs(t, s.web) {
		page, err := os.ReadFile(filepath.Join(s.web, "docs", d.ID, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		head, _, _ := strings.Cut(string(page), "</head>")
		var got []string
		for _, m := range meta.FindAllStringSubmatch(head, -1) {
			got = append(got, m[1]+"="+m[2])
		}
		var want []string
		if d.Issuer != "" {
			title := d.Title
			if d.Status != "正式" {
				title += "（" + d.Status + "）"
			}
			want = append(want, "citation_title="+title)
			for _, a := range strings.Fields(d.Issuer) {
				want = append(want, "citation_author="+a)
			}
			if d.Date != "" {
				want = append(want, "citation_publication_date="+strings.ReplaceAll(d.Date, "-", "/"))
			}
			want = append(want, "citation_technical_report_institution="+strings.Join(strings.Fields(d.Issuer), "、"))
			if d.Number != "" {
				want = append(want, "citation_technical_report_number="+d.Number)
			}
			want = append(want, "citation_language="+d.Lang, "citation_public_url="+d.URL)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s's page has the tags\n%q\nwant\n%q", d.ID, got, want)
		}
	}
}
