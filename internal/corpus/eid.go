package corpus

import (
	"fmt"
	"strconv"

	"tiaowen/internal/diag"
	"tiaowen/internal/numbering"
)

// assignIDs gives every section its eId and reports numbering faults.
//
// A section's eId is its kind prefix and number joined with "-" to its
// parent's eId, except that a kind whose numbering runs on across its
// parents (（一）…（三十一） through 一、…十、) is unique and cited alone.
// The body and each annex are separate scopes: an annex restarts its
// numbering, and what runs on inside it is cited as annex1-s3.
func assignIDs(d *Document, problems *diag.List) {
	seen := map[string]bool{}
	var scopes [][]*Section
	var body []*Section
	for _, r := range d.Roots {
		if r.Kind == numbering.Annex {
			scopes = append(scopes, subtree(r))
		} else {
			body = append(body, subtree(r)...)
		}
	}
	scopes = append([][]*Section{body}, scopes...)
	for _, scope := range scopes {
		if len(scope) == 0 {
			continue
		}
		prefix := "" // an annex scope's eId and "-", set when the annex is reached
		runOn := runOnKinds(scope)
		checkNumbering(d, scope, runOn, problems)
		for _, s := range scope {
			base := s.Kind.Prefix() + strconv.Itoa(s.Number)
			var id string
			switch {
			case s.Kind == numbering.Annex || s.Parent == nil:
				id = base
				s.CitedAlone = true
			case runOn[s.Kind]:
				id = prefix + base
				s.CitedAlone = true
			default:
				id = s.Parent.EID + "-" + base
			}
			if seen[id] {
				// A repeated number (reported by checkNumbering) must not
				// give two sections one permalink; the later one is
				// told apart deterministically.
				n := 2
				for seen[id+"_"+strconv.Itoa(n)] {
					n++
				}
				id += "_" + strconv.Itoa(n)
			}
			seen[id] = true
			s.EID = id
			if s.Kind == numbering.Annex {
				prefix = id + "-"
			}
		}
	}
}

// subtree returns s and its descendants in document order.
func subtree(s *Section) []*Section {
	out := []*Section{s}
	for _, c := range s.Children {
		out = append(out, subtree(c)...)
	}
	return out
}

// runOnKinds decides, for each kind in a scope, whether its numbering runs
// on across parents: it appears under at least two parents and more of
// the later parents continue the count than restart it.
func runOnKinds(scope []*Section) map[numbering.Kind]bool {
	type groupInfo struct {
		parents        map[*Section]bool
		last           int // the last number seen of the kind
		lastParent     *Section
		continued, new int
	}
	info := map[numbering.Kind]*groupInfo{}
	for _, s := range scope {
		if s.Kind == numbering.Annex {
			continue
		}
		g := info[s.Kind]
		if g == nil {
			g = &groupInfo{parents: map[*Section]bool{}}
			info[s.Kind] = g
		}
		if !g.parents[s.Parent] {
			if len(g.parents) > 0 {
				if s.Number == 1 {
					g.new++
				} else {
					g.continued++
				}
			}
			g.parents[s.Parent] = true
		}
		g.last, g.lastParent = s.Number, s.Parent
	}
	out := map[numbering.Kind]bool{}
	for k, g := range info {
		out[k] = len(g.parents) >= 2 && g.continued > g.new
	}
	return out
}

// checkNumbering reports gaps, repeats and numbers out of order, as
// warnings: the sections keep the numbers the document gives them.
func checkNumbering(d *Document, scope []*Section, runOn map[numbering.Kind]bool, problems *diag.List) {
	type key struct {
		kind   numbering.Kind
		parent *Section
	}
	prev := map[key]*Section{}
	for _, s := range scope {
		if s.Kind == numbering.Annex {
			continue
		}
		k := key{s.Kind, s.Parent}
		if runOn[s.Kind] {
			k.parent = nil
		}
		p := prev[k]
		prev[k] = s
		want := 1
		if p != nil {
			want = p.Number + 1
		}
		if s.Number == want {
			continue
		}
		var msg string
		switch {
		case p == nil:
			msg = fmt.Sprintf("numbering starts at %s, not at %d", s.Marker, want)
		case s.Number == p.Number:
			msg = fmt.Sprintf("%s repeats the number of the %s before it", s.Marker, p.Marker)
		case s.Number > want:
			msg = fmt.Sprintf("numbering gap: %s follows %s", s.Marker, p.Marker)
		default:
			msg = fmt.Sprintf("numbering out of order: %s follows %s", s.Marker, p.Marker)
		}
		problems.Warn(s.Pos, msg, "the section keeps the number written; check the source text")
	}
}
