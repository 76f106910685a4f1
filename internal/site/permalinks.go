package site

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// permalinks returns every document and section URL path the site
// publishes, sorted: what content/.permalinks records.
func (s *Site) permalinks() []string {
	var out []string
	for _, d := range s.docs {
		out = append(out, "/"+docPath(d.ID))
		for _, sec := range d.Sections {
			out = append(out, "/"+sectionPath(d.ID, sec.EID))
		}
	}
	slices.Sort(out)
	return out
}

// readManifest reads content/.permalinks; a missing file is empty.
func readManifest(file string) ([]string, error) {
	b, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out, sc.Err()
}

// covered reports whether a recorded URL is still served: by the site
// itself, or as a redirect from an alias.
func (s *Site) covered(u string, current map[string]bool) bool {
	if current[u] {
		return true
	}
	rest, ok := strings.CutPrefix(u, "/docs/")
	if !ok {
		return false
	}
	id, eid, _ := strings.Cut(strings.TrimSuffix(rest, "/"), "/")
	d := s.aliases[id]
	if d == nil {
		return false
	}
	return eid == "" || current["/"+sectionPath(d.ID, eid)]
}

// checkPermalinks fails the build when a URL an earlier build published
// would no longer be served, naming every such URL.
func checkPermalinks(file string, urls []string, s *Site, allowRemoved bool) error {
	old, err := readManifest(file)
	if err != nil {
		return fmt.Errorf("read %s: %w", file, err)
	}
	current := make(map[string]bool, len(urls))
	for _, u := range urls {
		current[u] = true
	}
	var gone []string
	for _, u := range old {
		if !s.covered(u, current) {
			gone = append(gone, u)
		}
	}
	if len(gone) == 0 || allowRemoved {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d published permalinks would disappear:\n", file, len(gone))
	for _, u := range gone {
		fmt.Fprintf(&b, "  %s\n", u)
	}
	b.WriteString("readers cite these URLs: keep the sections, list a renamed document's old id in its aliases, or build with --allow-removed to drop them on purpose")
	return errors.New(b.String())
}

// writeManifest records the permalinks now published, together with the
// ones still served through aliases, so that they stay protected.
func writeManifest(file string, urls []string, s *Site) error {
	old, err := readManifest(file)
	if err != nil {
		return err
	}
	current := make(map[string]bool, len(urls))
	for _, u := range urls {
		current[u] = true
	}
	all := slices.Clone(urls)
	for _, u := range old {
		if !current[u] && s.covered(u, current) {
			all = append(all, u)
		}
	}
	slices.Sort(all)
	all = slices.Compact(all)
	var b bytes.Buffer
	b.WriteString("# Every document and section URL this site has published. Builds fail if one\n# would disappear; see tiaowen build --allow-removed. Commit this file.\n")
	for _, u := range all {
		b.WriteString(u)
		b.WriteByte('\n')
	}
	if prev, err := os.ReadFile(file); err == nil && bytes.Equal(prev, b.Bytes()) {
		return nil
	}
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, file)
}
