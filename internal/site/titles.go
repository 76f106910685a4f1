package site

// Aside is what tells the document apart from others of its title, or
// "" when none has it.
func (d *docInfo) Aside() string { return d.aside }

// Label is the document's title as a list names it: with its aside, in
// full-width parentheses, when another document has the same title.
func (d *docInfo) Label() string {
	if d.aside == "" {
		return d.Title
	}
	return d.Title + "（" + d.aside + "）"
}
