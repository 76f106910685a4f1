// Package scaffold makes a new tiaowen project: the folders a build
// reads and the two settings files, filled in and commented, so that
// `tiaowen build` works in it at once and a reader of the files learns
// what goes where — what `hugo new site` does for a Hugo site.
package scaffold

import (
	"bytes"
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

//go:embed skeleton
var skeleton embed.FS

// Settings are what a new site's site.yaml starts with.
type Settings struct {
	Title, Name, BaseURL, Description string
}

// Folders are the folders of a new project, each empty: the documents,
// the content pages, and the project's own templates and static assets,
// which override the defaults built into tiaowen file by file.
var Folders = []string{"content/docs", "content/pages", "templates", "static"}

// Write makes the project in dir, which must not exist or be empty, with
// everything first written into a folder beside it and then renamed to
// dir, so that a failure leaves nothing half made.
func Write(dir string, s Settings) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty: a new site goes into a new or empty folder", dir)
	} else if err != nil && !os.IsNotExist(err) {
		return err
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, ".tiaowen-new-*")
	if err != nil {
		return err
	}
	if err := fill(tmp, s); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	// An empty dir gives way (os.Remove removes no folder that holds
	// anything); os.Rename moves no folder onto another.
	if err := os.Remove(dir); err != nil && !os.IsNotExist(err) {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return nil
}

// fill writes the project's files and folders into dir.
func fill(dir string, s Settings) error {
	if err := os.Chmod(dir, 0o755); err != nil { // MkdirTemp makes it 0700
		return err
	}
	for _, f := range Folders {
		if err := os.MkdirAll(filepath.Join(dir, f), 0o755); err != nil {
			return err
		}
	}
	siteYAML, err := SiteYAML(s)
	if err != nil {
		return err
	}
	files := map[string][]byte{"content/site.yaml": siteYAML}
	for name, from := range map[string]string{"content/themes.yaml": "skeleton/content/themes.yaml", ".gitignore": "skeleton/gitignore"} {
		b, err := skeleton.ReadFile(from)
		if err != nil {
			return err
		}
		files[name] = b
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// SiteYAML is a new site's content/site.yaml: each setting commented,
// the values given quoted as YAML reads them back.
func SiteYAML(s Settings) ([]byte, error) {
	t, err := template.ParseFS(skeleton, "skeleton/content/site.yaml.tmpl")
	if err != nil {
		return nil, err
	}
	quoted := Settings{quote(s.Title), quote(s.Name), quote(s.BaseURL), quote(s.Description)}
	var b bytes.Buffer
	if err := t.Execute(&b, quoted); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Document is a new content document, content/docs/<id>.md: every field
// of the front matter commented, the id and title given, and draft: true
// so that it stays out of the site until it is written.
func Document(id, title string) ([]byte, error) {
	t, err := template.ParseFS(skeleton, "skeleton/content/doc.md.tmpl")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	// ID and Title are YAML values; Name is the id as a file name has it,
	// for the comments.
	if err := t.Execute(&b, struct{ ID, Title, Name string }{quote(id), quote(title), id}); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// quote is s as a YAML double-quoted scalar that reads back as s: a
// backslash and a quote escaped, and every character YAML does not let
// stand for itself in one — controls, DEL, the C1 block, a byte order
// mark, U+FFFE and U+FFFF — and every one it reads as a line break (NEL,
// U+2028, U+2029), escaped by its code point.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r >= 0x20 && r <= 0x7e, r >= 0xa0 && r <= 0xfffd && r != 0x2028 && r != 0x2029 && r != 0xfeff, r >= 0x10000:
			b.WriteRune(r)
		default: // below U+10000, all
			fmt.Fprintf(&b, `\u%04X`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
