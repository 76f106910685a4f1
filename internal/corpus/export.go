package corpus

// DocJSON is a document as `tiaowen parse --json` prints it: a public
// contract that other tools rely on. Field names and meanings are fixed.
type DocJSON struct {
	ID       string        `json:"id"`
	Title    string        `json:"title"`
	Date     string        `json:"date"`
	Number   string        `json:"number"`
	Lang     string        `json:"lang"`
	Sections []SectionJSON `json:"sections"`
}

// SectionJSON is a section in the parse contract.
type SectionJSON struct {
	EID    string   `json:"eId"`
	Path   []string `json:"path"`
	Level  int      `json:"level"`
	Marker string   `json:"marker"`
	Number int      `json:"number"`
	Title  string   `json:"title"`
	// Text is the section's own text, paragraphs joined by "\n".
	Text string `json:"text"`
}

// JSON returns the document in the parse contract's shape.
func (d *Document) JSON() DocJSON {
	out := DocJSON{ID: d.ID, Title: d.Title, Date: d.Date, Number: d.Number, Lang: d.Lang,
		Sections: make([]SectionJSON, len(d.Sections))}
	for i, s := range d.Sections {
		out.Sections[i] = s.JSON()
	}
	return out
}

// JSON returns the section in the parse contract's shape.
func (s *Section) JSON() SectionJSON {
	return SectionJSON{EID: s.EID, Path: s.Path, Level: s.Level, Marker: s.Marker, Number: s.Number, Title: s.Title, Text: s.Text}
}
