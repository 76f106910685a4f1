package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tiaowen/internal/diag"
)

// TestLoadDirVersions: supersedes names earlier versions by id; a list
// that names no document, the document itself, a former id, one that
// another document supersedes already, or that goes round in a circle,
// is an error at the field's line, saying what to do.
func TestLoadDirVersions(t *testing.T) {
	doc := func(id, extra string) string {
		return "---\nid: " + id + "\ntitle: " + id + "\n" + extra + "---\n一、正文\n"
	}
	for _, c := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"fine", map[string]string{
			"draft.md": doc("draft", ""),
			"final.md": doc("final", "status: 正式\nsupersedes: [draft]\n"),
		}, nil},
		{"chain", map[string]string{
			"v1.md": doc("v1", ""),
			"v2.md": doc("v2", "supersedes: [v1]\n"),
			"v3.md": doc("v3", "supersedes: [v2]\n"),
		}, nil},
		{"typo", map[string]string{
			"draft.md": doc("draft", ""),
			"final.md": doc("final", "supersedes: [darft]\n"),
		}, []string{`final.md:4:1: supersedes "darft", but no document has that id (did you mean "draft"?)`}},
		{"absent", map[string]string{
			"final.md": doc("final", "supersedes: [old-plan]\n"),
		}, []string{`final.md:4:1: supersedes "old-plan", but no document has that id (supersedes names documents of docs/ by id: add the earlier version, or take it out of the list)`}},
		{"itself", map[string]string{
			"final.md": doc("final", "supersedes: [final]\n"),
		}, []string{`final.md:4:1: document "final" supersedes itself`}},
		{"former id", map[string]string{
			"draft.md": doc("draft", "aliases: [draft-old]\n"),
			"final.md": doc("final", "supersedes: [draft-old]\n"),
		}, []string{`final.md:4:1: supersedes "draft-old", a former id of `}},
		{"twice", map[string]string{
			"draft.md": doc("draft", ""),
			"final.md": doc("final", "supersedes: [draft, draft]\n"),
		}, []string{`final.md:4:1: supersedes "draft" twice`}},
		{"two newer", map[string]string{
			"draft.md": doc("draft", ""),
			"final.md": doc("final", "supersedes: [draft]\n"),
			"other.md": doc("other", "supersedes: [draft]\n"),
		}, []string{`other.md:4:1: supersedes "draft", which `}},
		{"circle", map[string]string{
			"a.md": doc("a", "supersedes: [b]\n"),
			"b.md": doc("b", "supersedes: [a]\n"),
		}, []string{
			`a.md:4:1: versions go round in a circle: "a" is among its own newer versions`,
			`b.md:4:1: versions go round in a circle: "b" is among its own newer versions`,
		}},
		{"not a slug", map[string]string{
			"final.md": doc("final", "supersedes: [旧方案]\n"),
		}, []string{`final.md:4:1: supersedes "旧方案", which is not an ascii slug`}},
		{"not a list", map[string]string{
			"final.md": doc("final", "supersedes: draft\n"),
		}, []string{`final.md:4:13: field "supersedes" must be a list (write supersedes: [earlier-id, …])`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, src := range c.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, problems := NewParser().LoadDir(dir)
			var got []string
			for _, p := range problems {
				got = append(got, strings.TrimPrefix(p.Error(), dir+string(filepath.Separator)))
			}
			slices.Sort(got)
			if len(got) != len(c.want) {
				t.Fatalf("problems:\n%s\nwant %d starting\n%s", strings.Join(got, "\n"), len(c.want), strings.Join(c.want, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], c.want[i]) {
					t.Errorf("problem %d:\n%s\nwant it to start\n%s", i, got[i], c.want[i])
				}
			}
		})
	}
	d, _ := NewParser().Parse("final.md", []byte(doc("final", "supersedes: [draft, draft-2]\n")))
	if !slices.Equal(d.Supersedes, []string{"draft", "draft-2"}) || d.SupersedesAt.Line != 4 {
		t.Errorf("Parse: Supersedes %q at %v, want [draft draft-2] at line 4", d.Supersedes, d.SupersedesAt)
	}
}

// FuzzVersions: checkVersions finds an error exactly when the supersedes
// lists of four documents break what the site relies on — each names a
// document of the corpus, other than itself, once; no document has two
// newer versions; following the newer versions ends. Each byte of the
// input adds to document b%4's list the id of document b/4%5, the fifth
// being absent from the corpus.
func FuzzVersions(f *testing.F) {
	f.Add([]byte{0x04})             // d0 supersedes d1
	f.Add([]byte{0x04, 0x09})       // d0 supersedes d1, d1 supersedes d2
	f.Add([]byte{0x04, 0x01})       // d0 and d1 supersede each other
	f.Add([]byte{0x10})             // d0 supersedes an absent document
	f.Add([]byte{0x08, 0x09})       // d0 and d1 both supersede d2
	f.Add([]byte{0x0d, 0x02, 0x07}) // a circle of three
	f.Fuzz(func(t *testing.T, spec []byte) {
		if len(spec) > 12 {
			return
		}
		ids := []string{"d0", "d1", "d2", "d3", "gone"}
		c := &Corpus{}
		for i := range 4 {
			c.Docs = append(c.Docs, &Document{Meta: Meta{ID: ids[i]}, File: ids[i] + ".md", SupersedesAt: diag.Position{File: ids[i] + ".md", Line: 4, Col: 1}})
		}
		for _, b := range spec {
			d := c.Docs[b%4]
			d.Supersedes = append(d.Supersedes, ids[b/4%5])
		}
		var problems diag.List
		checkVersions(c, &problems)

		sound := true
		newer := map[string]string{}
		for _, d := range c.Docs {
			listed := map[string]bool{}
			for _, id := range d.Supersedes {
				if id == "gone" || id == d.ID || listed[id] || newer[id] != "" {
					sound = false
				}
				listed[id] = true
				newer[id] = d.ID
			}
		}
		for _, d := range c.Docs {
			id := d.ID
			for range 5 {
				id = newer[id]
			}
			if id != "" {
				sound = false // five steps through four documents: a circle
			}
		}
		if sound != (problems.Err() == nil) {
			t.Fatalf("supersedes %v: sound %v, problems %v", supersedesOf(c), sound, problems)
		}
	})
}

func supersedesOf(c *Corpus) map[string][]string {
	out := map[string][]string{}
	for _, d := range c.Docs {
		out[d.ID] = d.Supersedes
	}
	return out
}
