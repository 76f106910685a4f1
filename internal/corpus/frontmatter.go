package corpus

import (
	"bytes"
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"tiaowen/internal/diag"
	"tiaowen/internal/yamlerr"
)

// splitFrontMatter separates a leading YAML block fenced by "---" lines
// from the Markdown body. It returns the YAML, the body, and the 1-based
// line on which the YAML and the body start. A file without front matter
// has a nil YAML part.
func splitFrontMatter(src []byte) (yml, body []byte, ymlLine, bodyLine int, unclosed bool) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	first, rest, ok := bytes.Cut(src, []byte("\n"))
	if !ok || string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, src, 0, 1, false
	}
	line := 2
	off := 0
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		if t := string(bytes.TrimRight(l, " \t\r")); t == "---" || t == "..." {
			yml = rest[:off]
			if end < 0 {
				return yml, nil, 2, line + 1, false
			}
			return yml, rest[off+end+1:], 2, line + 1, false
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	// An opening fence with no closing one: everything is front matter, so
	// that the YAML error names the real problem, and says the fence is
	// not closed.
	return rest, nil, 2, line + 1, true
}

// otherDate is a day written another common way: 2024/3/1, 2024.03.01,
// 2024年3月1日.
var otherDate = regexp.MustCompile(`^(\d{4})\s*[/.年-]\s*(\d{1,2})\s*[/.月-]\s*(\d{1,2})\s*日?$`)

// dateHint says how to write a date that is not YYYY-MM-DD: as the day it
// names, when it is one written another way, else as an example.
func dateHint(value, says string) string {
	if m := otherDate.FindStringSubmatch(strings.TrimSpace(value)); m != nil {
		day := fmt.Sprintf("%s-%02s-%02s", m[1], m[2], m[3])
		if _, err := time.Parse("2006-01-02", day); err == nil {
			return "write it as " + day
		}
	}
	return "write " + says + " as 2024-01-01"
}

// metaFields are the front matter fields, in the order DESIGN.md lists them.
var metaFields = []string{"id", "title", "issuer", "date", "number", "lang", "status", "level", "region", "source", "aliases", "supersedes", "draft", "effective", "expires", "original"}

// listHints say how to write the fields that are lists.
var listHints = map[string]string{
	"aliases":    "write aliases: [old-id, …]",
	"supersedes": "write supersedes: [earlier-id, …]",
}

var (
	idPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	levels    = map[string]bool{"": true, "national": true, "province": true, "city": true, "county": true}
)

// IsSlug reports whether s is an ascii slug — lower-case letters and
// digits in runs joined by single hyphens — as a document's id is, and
// as what else names a URL or a file after it must be.
func IsSlug(s string) bool { return idPattern.MatchString(s) }

// decodeMeta reads front matter into m, reporting every problem with its
// position: YAML syntax, unknown or mistyped fields, invalid values. It
// returns where the title and supersedes fields are, for the checks
// across documents (checkTwins, checkVersions).
func decodeMeta(file string, yml []byte, firstLine int, unclosed bool, m *Meta, problems *diag.List) fieldsAt {
	pos := func(line, col int) diag.Position {
		return diag.Position{File: file, Line: firstLine + line - 1, Col: col}
	}
	if yml == nil {
		problems.Add(diag.Position{File: file, Line: 1, Col: 1}, "missing front matter",
			"start the file with a '---' line, the YAML fields (id, title, …) and another '---' line")
		return fieldsAt{}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(yml, &root); err != nil {
		line, col, msg := yamlerr.Locate(err, yml)
		hint := "front matter is YAML: key: value, one to a line"
		if unclosed {
			// The text was read as YAML, and failed where it begins.
			hint = "the front matter has no closing '---' line: end it with one, before the text"
		}
		problems.Add(pos(line, col), "front matter: "+msg, hint)
		return fieldsAt{}
	}
	if len(root.Content) == 0 {
		problems.Add(pos(1, 1), "empty front matter", "give at least id and title")
		return fieldsAt{}
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode {
		problems.Add(pos(top.Line, top.Column), "front matter is not a mapping of fields", "write key: value lines")
		return fieldsAt{}
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		if first := seen[k.Value]; first != nil {
			// YAML would let the later value win without a word.
			problems.Add(pos(k.Line, k.Column), fmt.Sprintf("%s is given twice (first at line %d)", k.Value, pos(first.Line, 1).Line),
				"keep one "+k.Value+": line")
			continue
		}
		seen[k.Value] = k
		var dst any
		switch k.Value {
		case "id":
			dst = &m.ID
		case "title":
			dst = &m.Title
		case "issuer":
			dst = &m.Issuer
		case "date":
			dst = &m.Date
		case "number":
			dst = &m.Number
		case "lang":
			dst = &m.Lang
		case "status":
			dst = &m.Status
		case "level":
			dst = &m.Level
		case "region":
			dst = &m.Region
		case "source":
			dst = &m.Source
		case "aliases":
			dst = &m.Aliases
		case "supersedes":
			dst = &m.Supersedes
		case "effective":
			dst = &m.Effective
		case "expires":
			dst = &m.Expires
		case "original":
			dst = &m.Original
		case "draft":
			// "true" and "false" in quotes are taken as Hugo takes them:
			// a front matter written for Hugo says draft: "false".
			if v.Kind == yaml.ScalarNode && (strings.EqualFold(v.Value, "true") || strings.EqualFold(v.Value, "false")) {
				m.Draft = strings.EqualFold(v.Value, "true")
				continue
			}
			if v.Kind != yaml.ScalarNode || v.Decode(&m.Draft) != nil {
				problems.Add(pos(v.Line, v.Column), fmt.Sprintf("draft %q is neither true nor false", v.Value), "write draft: true to keep the document out of the site, or take the line out")
			}
			continue
		default:
			hint := "known fields: " + strings.Join(metaFields, ", ")
			if s := diag.Suggest(k.Value, metaFields); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			problems.Add(pos(k.Line, k.Column), fmt.Sprintf("unknown field %q", k.Value), hint)
			continue
		}
		if _, isList := dst.(*[]string); !isList && v.Kind != yaml.ScalarNode {
			problems.Add(pos(v.Line, v.Column), fmt.Sprintf("field %q must be a single value", k.Value), "")
			continue
		}
		if err := v.Decode(dst); err != nil {
			problems.Add(pos(v.Line, v.Column), fmt.Sprintf("field %q must be a list", k.Value), listHints[k.Value])
		}
	}
	at := func(field string) diag.Position {
		if k := seen[field]; k != nil {
			return pos(k.Line, k.Column)
		}
		return pos(1, 1)
	}
	switch {
	case seen["id"] == nil:
		hint := "give the document an ascii id, its file's name without .md"
		if stem := strings.TrimSuffix(filepath.Base(file), ".md"); idPattern.MatchString(stem) {
			hint = "give the document its file's name as its id: id: " + stem
		}
		problems.Add(at("id"), "missing field \"id\"", hint)
	case !idPattern.MatchString(m.ID):
		problems.Add(at("id"), fmt.Sprintf("id %q is not an ascii slug", m.ID), "use lower-case letters, digits and single hyphens")
	}
	if strings.TrimSpace(m.Title) == "" {
		problems.Add(at("title"), "missing title", "give the document's own title")
	}
	for _, f := range []struct{ name, value, says string }{{"date", m.Date, "the day the document was issued"}, {"effective", m.Effective, "the first day the document is in force"}, {"expires", m.Expires, "the last day it is in force"}} {
		if f.value != "" {
			if _, err := time.Parse("2006-01-02", f.value); err != nil {
				problems.Add(at(f.name), fmt.Sprintf("%s %q is not YYYY-MM-DD", f.name, f.value), dateHint(f.value, f.says))
			}
		}
	}
	if m.Effective != "" && m.Expires != "" && m.Expires < m.Effective {
		problems.Add(at("expires"), fmt.Sprintf("expires %s is before the document takes effect (effective %s)", m.Expires, m.Effective),
			"expires is the last day in force: check both against the text")
	}
	if m.Lang != "" && m.Lang != "zh-Hans" && m.Lang != "zh-Hant" {
		problems.Add(at("lang"), fmt.Sprintf("lang %q is neither zh-Hans nor zh-Hant", m.Lang), "")
	}
	if !levels[m.Level] {
		problems.Add(at("level"), fmt.Sprintf("level %q is not one of national, province, city, county", m.Level), "")
	}
	for _, a := range m.Aliases {
		if !idPattern.MatchString(a) {
			problems.Add(at("aliases"), fmt.Sprintf("alias %q is not an ascii slug", a), "")
		}
	}
	for _, id := range m.Supersedes {
		if !idPattern.MatchString(id) {
			problems.Add(at("supersedes"), fmt.Sprintf("supersedes %q, which is not an ascii slug", id), "name the ids of the documents this one replaces")
		}
	}
	if o := m.Original; o != "" {
		switch {
		case !filepath.IsLocal(filepath.FromSlash(o)) || strings.Contains(o, `\`):
			problems.Add(at("original"), fmt.Sprintf("original %q is not a file in the document's folder", o),
				"name the official file by its path from the folder the document is in, such as guangdong-2023-gangyao.pdf, with / between folders")
		case path.Ext(o) == "":
			problems.Add(at("original"), fmt.Sprintf("original %q has no extension", o),
				"name the file with the extension of its kind (.pdf, .ofd, .docx …), which says how browsers open it")
		}
	}
	var out fieldsAt
	if seen["original"] != nil {
		out.original = at("original")
	}
	if seen["title"] != nil {
		out.title = at("title")
	}
	if seen["supersedes"] != nil {
		out.supersedes = at("supersedes")
	}
	if seen["draft"] != nil {
		out.draft = at("draft")
	}
	if seen["effective"] != nil {
		out.effective = at("effective")
	}
	if seen["expires"] != nil {
		out.expires = at("expires")
	}
	if seen["region"] != nil {
		out.region = at("region")
	}
	return out
}

// fieldsAt is where the front matter gives the fields that checks across
// documents report at; the zero Position for a field it does not give.
type fieldsAt struct {
	title, supersedes, draft, effective, expires, region, original diag.Position
}
