package themes

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"tiaowen/internal/diag"
	"tiaowen/internal/textnorm"
	"tiaowen/internal/yamlerr"
)

var (
	idPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
)

// fileFields and themeFields are the fields the file may have, in the
// order the package documentation lists them.
var (
	fileFields  = []string{"themes"}
	themeFields = []string{"id", "name", "description", "terms"}
)

// LoadFile reads and checks a themes file; see Load. A file that does not
// exist is not an error: it gives an empty Set, because a site need not
// have themes. Any other read error is a problem positioned at the file.
func LoadFile(path string) (*Set, diag.List) {
	src, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Set{}, nil
	}
	if err != nil {
		var problems diag.List
		problems.Add(diag.Position{File: path}, fmt.Sprintf("read: %v", err), "")
		return &Set{}, problems
	}
	return Load(path, src)
}

// Load reads the themes file src, named file in positions, and reports
// every problem in it together, sorted by position, as the package
// documentation lists them. The Set holds every theme that could be read even when there are
// errors, so that callers can go on and report more; a theme whose id is
// missing, malformed or already used is left out, since nothing could
// link to it, and so is a term that normalises to nothing. An empty file
// gives an empty Set.
func Load(file string, src []byte) (*Set, diag.List) {
	l := loader{file: file}
	set := &Set{}
	l.read(src, set)
	l.problems.Sort()
	return set, l.problems
}

// read decodes src into set.
func (l *loader) read(src []byte, set *Set) {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		line, col, msg := yamlerr.Locate(err, src)
		l.problems.Add(diag.Position{File: l.file, Line: line, Col: col}, "invalid YAML: "+msg,
			"the file is YAML: themes: followed by a list of '- id: …' entries")
		return
	}
	if len(root.Content) == 0 {
		return
	}
	top := root.Content[0]
	if top.Kind == yaml.ScalarNode && top.Tag == "!!null" {
		return
	}
	if top.Kind != yaml.MappingNode {
		l.problems.Add(l.pos(top), "the file is not a mapping", "start it with a 'themes:' line")
		return
	}
	var list *yaml.Node
	for _, kv := range l.fields(top, fileFields) {
		list = kv.v
	}
	if list == nil || list.Kind == yaml.ScalarNode && list.Tag == "!!null" {
		return
	}
	if list.Kind != yaml.SequenceNode {
		l.problems.Add(l.pos(list), `field "themes" must be a list`, "write each theme as an entry '- id: …'")
		return
	}
	ids := map[string]*Theme{}
	type owner struct {
		theme *Theme
		term  string
		pos   diag.Position
	}
	keys := map[string]owner{}
	for _, item := range list.Content {
		t, termNodes := l.theme(item)
		if t == nil || t.ID == "" {
			continue
		}
		if first := ids[t.ID]; first != nil {
			l.problems.Add(t.Pos, fmt.Sprintf("duplicate theme id %q, first used at %s", t.ID, first.Pos),
				"ids are permanent URLs: give each theme its own")
			continue
		}
		ids[t.ID] = t
		for i, term := range t.Terms {
			key := textnorm.Key(term)
			pos := l.pos(termNodes[i])
			if o, dup := keys[key]; dup {
				if o.theme == t {
					l.problems.Warn(pos, fmt.Sprintf("term %q repeats term %q of the same theme", term, o.term),
						"matching folds script, width and punctuation: one of them is enough")
				} else {
					l.problems.Warn(pos, fmt.Sprintf("term %q of theme %q is also term %q of theme %q (%s)", term, t.ID, o.term, o.theme.ID, o.pos),
						fmt.Sprintf("text matching it is credited to %q alone", o.theme.ID))
				}
				continue
			}
			keys[key] = owner{t, term, pos}
			if strings.ContainsFunc(term, textnorm.IsClauseEnd) {
				l.problems.Warn(pos, fmt.Sprintf("term %q contains the end of a sentence or clause", term),
					"no match runs across 。！？；!?; or a line end, so this term can never match as written")
			}
		}
		set.Themes = append(set.Themes, t)
	}
}

// loader carries what decoding one file needs.
type loader struct {
	file     string
	problems diag.List
}

func (l *loader) pos(n *yaml.Node) diag.Position {
	return diag.Position{File: l.file, Line: n.Line, Col: n.Column}
}

// field is a key of a mapping and its value.
type field struct{ k, v *yaml.Node }

// fields returns the entries of mapping m whose keys are in known,
// reporting unknown keys with a "did you mean" hint and keys given twice.
func (l *loader) fields(m *yaml.Node, known []string) []field {
	var out []field
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if !slices.Contains(known, k.Value) {
			hint := "known fields: " + strings.Join(known, ", ")
			if s := diag.Suggest(k.Value, known); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			l.problems.Add(l.pos(k), fmt.Sprintf("unknown field %q", k.Value), hint)
			continue
		}
		if first := seen[k.Value]; first != nil {
			l.problems.Add(l.pos(k), fmt.Sprintf("field %q given twice, first at %s", k.Value, l.pos(first)), "")
			continue
		}
		seen[k.Value] = k
		out = append(out, field{k, v})
	}
	return out
}

// theme decodes one entry of the themes list. It returns nil if the
// entry is not a mapping, and otherwise the theme, with an empty ID if the
// id is missing or malformed, and the nodes of its usable terms.
func (l *loader) theme(item *yaml.Node) (*Theme, []*yaml.Node) {
	if item.Kind != yaml.MappingNode {
		l.problems.Add(l.pos(item), "a theme must be a mapping of fields", "write '- id: …' with name, description and terms below it")
		return nil, nil
	}
	t := &Theme{Pos: l.pos(item)}
	var idNode, termsNode *yaml.Node
	var termNodes []*yaml.Node
	listed := 0 // entries of the terms list, usable or not; -1 if it is not a list
	for _, f := range l.fields(item, themeFields) {
		if f.k.Value == "terms" {
			termsNode = f.k
			if f.v.Kind != yaml.SequenceNode {
				if f.v.Kind == yaml.ScalarNode && f.v.Tag == "!!null" {
					continue
				}
				l.problems.Add(l.pos(f.v), `field "terms" must be a list`, "write terms: [首负责任制, 首负责任]")
				listed = -1
				continue
			}
			listed = len(f.v.Content)
			for _, n := range f.v.Content {
				if n.Kind != yaml.ScalarNode {
					l.problems.Add(l.pos(n), "a term must be a single word or phrase", "")
					continue
				}
				if textnorm.Key(n.Value) == "" {
					l.problems.Add(l.pos(n), fmt.Sprintf("term %q has no letters, digits or Han characters", n.Value),
						"matching ignores punctuation and spaces, so this term would match nothing")
					continue
				}
				t.Terms = append(t.Terms, n.Value)
				termNodes = append(termNodes, n)
			}
			continue
		}
		if f.k.Value == "id" {
			idNode = f.v
		}
		if f.v.Kind != yaml.ScalarNode {
			l.problems.Add(l.pos(f.v), fmt.Sprintf("field %q must be a single value", f.k.Value), "")
			continue
		}
		switch f.k.Value {
		case "id":
			t.ID = f.v.Value
		case "name":
			t.Name = strings.TrimSpace(f.v.Value)
		case "description":
			t.Description = strings.TrimSpace(f.v.Value)
		}
	}
	switch {
	case idNode == nil:
		l.problems.Add(t.Pos, "theme has no id", "give it an ascii id such as shoufu-zerenzhi")
	case idNode.Kind != yaml.ScalarNode:
		// Reported above; the theme is left out for want of an id.
		t.ID = ""
	case !idPattern.MatchString(t.ID):
		l.problems.Add(l.pos(idNode), fmt.Sprintf("theme id %q is not an ascii slug", t.ID),
			"use lower-case letters, digits and single hyphens, such as shoufu-zerenzhi")
		t.ID = ""
	}
	if t.Name == "" {
		l.problems.Add(t.Pos, themeLabel(t)+" has no name", "give its Chinese name, such as 首负责任制")
	}
	if listed == 0 {
		at := t.Pos
		if termsNode != nil {
			at = l.pos(termsNode)
		}
		l.problems.Add(at, themeLabel(t)+" has no terms", "list the words that signal it: terms: [首负责任制, 首负责任]")
	}
	return t, termNodes
}

// themeLabel names a theme in a message by its id when it has one.
func themeLabel(t *Theme) string {
	if t.ID == "" {
		return "theme"
	}
	return fmt.Sprintf("theme %q", t.ID)
}
