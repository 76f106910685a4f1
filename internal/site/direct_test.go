package site

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// checkDirectPages renders every section page and pair page of the site
// both ways — with the direct writers and with the stock templates through
// the engine — and fails on the first byte that differs. It returns how
// many pages of each kind it compared.
func checkDirectPages(t *testing.T, s *Site) (sections, pairs int) {
	t.Helper()
	same := func(tmpl string, page func() *Page) {
		t.Helper()
		if !s.tmpl.stock[tmpl] {
			t.Fatalf("the stock %s is not marked stock", tmpl)
		}
		var direct, engine bytes.Buffer
		if err := s.tmpl.render(&direct, tmpl, page()); err != nil {
			t.Fatal(err)
		}
		if err := s.tmpl.pages[tmpl].ExecuteTemplate(&engine, "base", page()); err != nil {
			t.Fatal(err)
		}
		if a, b := direct.Bytes(), engine.Bytes(); !bytes.Equal(a, b) {
			i := 0
			for i < len(a) && i < len(b) && a[i] == b[i] {
				i++
			}
			from := max(0, i-160)
			t.Fatalf("%s: the direct page differs from the template's at byte %d:\ndirect:   %q\ntemplate: %q",
				page().Path, i, a[from:min(len(a), i+160)], b[from:min(len(b), i+160)])
		}
	}
	for _, d := range s.docs {
		for _, sec := range d.Sections {
			same("section.html", func() *Page { return s.sectionPage(d, sec) })
			sections++
		}
	}
	for i, p := range s.pairs {
		same("pair.html", func() *Page { return s.pairPage(p, s.alignments[i]) })
		pairs++
	}
	return sections, pairs
}

func TestDirectPages(t *testing.T) {
	t.Run("seeds", func(t *testing.T) {
		s, problems, err := Load(Options{Content: filepath.Join("..", "..", "content")})
		if err != nil || problems.Err() != nil {
			t.Fatalf("Load: %v %v", err, problems.Err())
		}
		if n, m := checkDirectPages(t, s); n < 200 || m != 10 {
			t.Errorf("compared %d section pages and %d pair pages; the seeds have over 200 and 10", n, m)
		}
	})
	// Every string a section page prints, with the characters that the
	// escapers change, a base URL that the URL normaliser rewrites, a
	// content page in the navigation; and the same without a base URL.
	// The awkward document supersedes a-plan and is superseded in turn,
	// so that a-plan's section pages name a newer and a newest version,
	// with a counterpart in the newer or without one. The newest is a
	// draft, loaded as a preview loads it: its pages say so. The awkward
	// document has a term, which its pages give for the script's note.
	awkward := "---\nid: awkward\ntitle: 名称含<b>&\"引号\"'与'+号</b>的文件\nissuer: 甲&乙 <联合>\ndate: \"2024-01-02\"\neffective: \"2024-01-02\"\nexpires: \"2026-12-31\"\nstatus: 征求<意见>稿\nlang: zh-Hans\nsupersedes: [a-plan]\n---\n\n" +
		"一、总体<要求>&\"目标\"\n\n（一）推行质量安全首负责任制 a+b<c>。完善质量基础设施。\n\n（二）主要目标'单引号'。\n\n二、重点任务\n\n1.强化追溯&认证。\n"
	newest := "---\nid: awkward-final\ntitle: 最终<版>&\"文件\"\ndate: \"2024-03-02\"\nlang: zh-Hans\ndraft: true\nsupersedes: [awkward]\n---\n\n一、总体要求\n\n二、规范海洋渔业捕捞许可<管理>。\n"
	for _, cfg := range []string{
		"title: 测试&<文库>\nname: test-site\nbaseURL: https://例子.example/文 库+/\nlanguage: zh-Hans\ncopyright: 甲 & 乙\n",
		"title: 测试文库\nname: test-site\nlanguage: zh-Hant\n",
	} {
		t.Run("awkward", func(t *testing.T) {
			dir := unpack(t, "basic.txtar")
			content := filepath.Join(dir, "content")
			for name, src := range map[string]string{"docs/awkward.md": awkward, "docs/awkward-final.md": newest, "site.yaml": cfg} {
				if err := os.WriteFile(filepath.Join(content, name), []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			s, problems, err := Load(Options{Content: content, Drafts: true})
			if err != nil || problems.Err() != nil {
				t.Fatalf("Load: %v %v", err, problems.Err())
			}
			if !s.sectionPage(s.byID["awkward-final"], s.byID["awkward-final"].Sections[0]).Draft {
				t.Error("the draft's section page is not marked a draft's")
			}
			if len(s.nav) == 0 {
				t.Error("the fixture's content page is not in the navigation")
			}
			if _, m := checkDirectPages(t, s); m != 6 {
				t.Errorf("compared %d pair pages; the fixture has 6", m)
			}
			notes := 0
			for _, sec := range s.byID["a-plan"].Sections {
				if v := s.sectionPage(s.byID["a-plan"], sec).Data.(sectionData).Newer; v != nil && v.Newest != nil {
					notes++
				}
			}
			if notes != len(s.byID["a-plan"].Sections) {
				t.Errorf("%d of a-plan's section pages name its newer and newest versions; want all %d", notes, len(s.byID["a-plan"].Sections))
			}
			// The newer versions' sections name where they were in the
			// older, or that they were in none.
			found, none := 0, 0
			for _, id := range []string{"awkward", "awkward-final"} {
				for _, sec := range s.byID[id].Sections {
					for _, e := range s.sectionPage(s.byID[id], sec).Data.(sectionData).Earlier {
						if e.Counterpart != nil {
							found++
						} else {
							none++
						}
					}
				}
			}
			if found == 0 || none == 0 {
				t.Errorf("the newer versions' sections name %d counterparts in the older and %d without; want some of each", found, none)
			}
		})
	}
}

// TestOwnSectionTemplate: a project's own section.html or base.html is
// what its section pages are made with (and pair pages likewise: the
// same switch, render).
func TestOwnSectionTemplate(t *testing.T) {
	for _, own := range []struct{ file, src, want string }{
		{"section.html", `{{define "content"}}<p class="own-section">{{.Data.Heading}}</p>{{end}}`, `<p class="own-section">（一）指导思想</p>`},
		{"base.html", `{{define "base"}}<!DOCTYPE html><title>{{.Title}}</title><div class="own-base">{{template "content" .}}</div>{{end}}`, `<div class="own-base">`},
	} {
		dir := unpack(t, "basic.txtar")
		tdir := filepath.Join(dir, "templates")
		os.MkdirAll(tdir, 0o755)
		if err := os.WriteFile(filepath.Join(tdir, own.file), []byte(own.src), 0o644); err != nil {
			t.Fatal(err)
		}
		build(t, dir)
		if got := read(t, dir, "docs/a-plan/p1-s1/index.html"); !bytes.Contains([]byte(got), []byte(own.want)) {
			t.Errorf("with its own %s, a section page lacks %q:\n%s", own.file, own.want, got)
		}
	}
}
