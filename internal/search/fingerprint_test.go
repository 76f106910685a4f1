package search

import (
	"bytes"
	"testing"

	"tiaowen/internal/corpus"
	"tiaowen/internal/themes"
)

// TestFingerprint holds Fingerprint to what Build writes: an edit of any
// input that changes the index's files changes the fingerprint, and the
// same input gives the same fingerprint.
func TestFingerprint(t *testing.T) {
	build := func(edit func(c *corpus.Corpus, set *themes.Set, o *Options)) (fingerprint string, files []byte) {
		c, set := seedCorpus(t)
		o := Options{Themes: set}
		if edit != nil {
			edit(c, set, &o)
		}
		var all bytes.Buffer
		for _, f := range Build(c, o).Files {
			all.WriteString(f.Name + "\n")
			all.Write(f.Data)
		}
		return Fingerprint(c, o), all.Bytes()
	}
	base, baseFiles := build(nil)
	if again, _ := build(nil); again != base {
		t.Fatalf("the same corpus gave fingerprints %s and %s", base, again)
	}
	if len(base) != 16 {
		t.Errorf("fingerprint %q, want 16 hex digits", base)
	}
	section := func(c *corpus.Corpus) *corpus.Section { return c.Docs[1].Sections[3] }
	edits := []struct {
		name string
		edit func(c *corpus.Corpus, set *themes.Set, o *Options)
	}{
		{"a section's text", func(c *corpus.Corpus, _ *themes.Set, _ *Options) { section(c).Text += "补充一句。" }},
		{"a section's title", func(c *corpus.Corpus, _ *themes.Set, _ *Options) { section(c).Title = "另一个标题" }},
		{"a section's eId", func(c *corpus.Corpus, _ *themes.Set, _ *Options) { section(c).EID = "s99" }},
		{"a document's title", func(c *corpus.Corpus, _ *themes.Set, _ *Options) { c.Docs[2].Title = "另一份文件" }},
		{"a document's 文号", func(c *corpus.Corpus, _ *themes.Set, _ *Options) { c.Docs[2].Number = "粤府〔2099〕1号" }},
		{"a document's status", func(c *corpus.Corpus, _ *themes.Set, _ *Options) { c.Docs[2].Status = "试行" }},
		{"a document's date", func(c *corpus.Corpus, _ *themes.Set, _ *Options) { c.Docs[2].Date = "1999-01-01" }},
		{"a document's region", func(c *corpus.Corpus, _ *themes.Set, _ *Options) { c.Docs[2].Region = "440300" }},
		{"a preamble", func(c *corpus.Corpus, _ *themes.Set, _ *Options) {
			c.Docs[0].Preamble = append(c.Docs[0].Preamble, corpus.Block{Text: "各市人民政府："})
		}},
		{"closing matter", func(c *corpus.Corpus, _ *themes.Set, _ *Options) {
			c.Docs[0].Trailing = append(c.Docs[0].Trailing, corpus.Block{Text: "2099年1月1日"})
		}},
		{"a document left out", func(c *corpus.Corpus, _ *themes.Set, _ *Options) { c.Docs = c.Docs[1:] }},
		{"a theme's name", func(_ *corpus.Corpus, set *themes.Set, _ *Options) { set.Themes[0].Name = "另一主题" }},
		{"a section's themes", func(_ *corpus.Corpus, set *themes.Set, o *Options) {
			o.SectionThemes = func(i, j int) []*themes.Theme {
				if i == 0 && j == 0 {
					return []*themes.Theme{set.Themes[1]}
				}
				return nil
			}
		}},
		{"the shards' size", func(_ *corpus.Corpus, _ *themes.Set, o *Options) { o.TextShardBytes = 4 << 10 }},
	}
	for _, e := range edits {
		got, files := build(e.edit)
		if bytes.Equal(files, baseFiles) {
			t.Errorf("%s: the index did not change, so the edit tests nothing", e.name)
			continue
		}
		if got == base {
			t.Errorf("%s: the index changed but its fingerprint did not (%s)", e.name, got)
		}
	}
}
