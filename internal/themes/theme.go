package themes

import "tiaowen/internal/diag"

// Theme is one theme of content/themes.yaml.
type Theme struct {
	// ID is the theme's permanent ascii slug, used in /themes/<id>/.
	ID string
	// Name is the theme's Chinese name, as pages show it.
	Name string
	// Description is one line saying what the theme covers.
	Description string
	// Terms are the words that signal the theme, as written in the file.
	Terms []string
	// Pos is where the theme starts in the file.
	Pos diag.Position
}

// Set is every theme of a site, in file order.
type Set struct {
	Themes []*Theme
}

// Theme returns the theme with the given id, or nil. A nil Set has no
// themes.
func (s *Set) Theme(id string) *Theme {
	if s == nil {
		return nil
	}
	for _, t := range s.Themes {
		if t.ID == id {
			return t
		}
	}
	return nil
}
