package corpus

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"tiaowen/internal/diag"
	"tiaowen/internal/numbering"
)

// Limits on what counts as a heading rather than a sentence.
const (
	maxTitleRunes    = 40 // a lead phrase longer than this is text, not a title
	maxTrailingRunes = 40 // a signature line longer than this is text
)

// buildTree splits a document's blocks into preamble, sections and
// trailing matter, and gives every section its eId.
func buildTree(d *Document, blocks []Block, problems *diag.List) {
	var stack []*Section // the open sections, outermost first
	var cur *Section
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		m, ok := markerOf(b)
		if ok && m.Kind == numbering.Annex && cur == nil {
			ok = false // 「附件」 above the title labels the page, not an annex
		}
		if ok && cur != nil && insideTitleless(cur) && m.Kind == numbering.Annex && b.Kind != Heading && utf8.RuneCountInString(b.Text) > maxTitleRunes {
			ok = false
		}
		if !ok {
			if cur == nil {
				d.Preamble = append(d.Preamble, b)
			} else {
				cur.Blocks = append(cur.Blocks, b)
			}
			continue
		}
		s := &Section{Kind: m.Kind, Number: m.Number, Marker: m.Text, Pos: b.Pos}
		// Nesting is read from the document: a kind already open closes
		// everything inside it and becomes a sibling; a new kind nests.
		switch {
		case m.Kind == numbering.Annex:
			stack = stack[:0]
		default:
			for j := len(stack) - 1; j >= 0; j-- {
				if stack[j].Kind == m.Kind {
					stack = stack[:j]
					break
				}
			}
		}
		if len(stack) > 0 {
			s.Parent = stack[len(stack)-1]
			warnInverted(s, problems)
			s.Parent.Children = append(s.Parent.Children, s)
			s.Path = append(append([]string(nil), s.Parent.Path...), m.Label)
		} else {
			d.Roots = append(d.Roots, s)
			s.Path = []string{m.Label}
		}
		s.Level = len(s.Path)
		s.Index = len(d.Sections)
		d.Sections = append(d.Sections, s)
		stack = append(stack, s)
		cur = s

		rest := b.Text[m.End:]
		switch {
		case b.Kind == Heading:
			s.Title = rest
		case m.Kind == numbering.Annex:
			s.Title = rest
			// A bare 「附件1」 line is followed by the annex's title.
			if rest == "" && i+1 < len(blocks) && isTitleLine(blocks[i+1]) {
				if _, next := markerOf(blocks[i+1]); !next {
					s.Title = blocks[i+1].Text
					i++
				}
			}
		case insideTitleless(s):
			s.addLead(b, m.End, rest)
		default:
			title, end, text := splitTitle(rest)
			s.Title, s.TitleEnd = title, end
			if text != "" {
				s.addLead(b, len(b.Text)-len(text), text)
			}
		}
	}
	splitTrailing(d)
	for _, s := range d.Sections {
		s.Text = joinBlocks(s.Blocks)
	}
	assignIDs(d, problems)
	d.byEID = make(map[string]*Section, len(d.Sections))
	for _, s := range d.Sections {
		s.citation = s.cite()
		d.byEID[s.EID] = s
	}
}

// warnInverted warns when s, about to become its parent's first child,
// is of a kind that usually holds its parent's: 一、 under （一）. The tree
// nests them so, as the document's order says (which kinds nest inside
// which is read from each document), but it is most often a stray or
// mistyped marker above, which then holds the rest of the document: the
// warning names that marker's line, where the fix is.
func warnInverted(s *Section, problems *diag.List) {
	p := s.Parent
	if len(p.Children) > 0 || s.Kind == numbering.Annex || p.Kind == numbering.Annex || s.Kind >= p.Kind {
		return
	}
	problems.Warn(p.Pos, fmt.Sprintf("%s holds the %s at line %d, which usually holds it: the sections after it are nested inside this one",
		p.Marker, s.Marker, s.Pos.Line),
		"if this is not a section over them, take its marker out or correct it")
}

// addLead records the text that follows a marker (and its title) in the
// marker's own paragraph as the section's first block. off is the byte
// offset of that text in b.Text.
func (s *Section) addLead(b Block, off int, text string) {
	if text == "" {
		return
	}
	shift := utf8.RuneCountInString(b.Text[:off])
	var links []Link
	for _, l := range b.Links {
		st, en := l.Start-shift, l.End-shift
		if en > 0 {
			links = append(links, Link{Start: max(st, 0), End: en, URL: l.URL})
		}
	}
	s.Blocks = append(s.Blocks, Block{Kind: Paragraph, Text: text, Links: links, Pos: b.Pos})
	s.Inline = true
}

// markerOf recognises a section marker at the start of a paragraph or
// heading. Tables, code and list bullets never start sections.
func markerOf(b Block) (numbering.Marker, bool) {
	if b.Kind != Paragraph && b.Kind != Heading {
		return numbering.Marker{}, false
	}
	return numbering.Parse(b.Text)
}

// insideTitleless reports whether s is, or is inside, an article: 第X条
// and the clauses enumerated in it have no titles, all their words are text.
func insideTitleless(s *Section) bool {
	for p := s; p != nil; p = p.Parent {
		if p.Kind == numbering.Article {
			return true
		}
	}
	return false
}

// sentencePunct marks a phrase as a sentence rather than a heading.
const sentencePunct = "，,；;：:！!？?"

// splitTitle splits the text after a marker into the section's title and
// the start of its text. A marker that opens a paragraph is followed by a
// lead phrase up to the first 。 (「增强质量发展创新动能。建立…」); a marker on
// a line of its own by its heading (「指导思想」). A lead that reads as a
// sentence (commas, or longer than a heading can be) is text with no title.
func splitTitle(rest string) (title, end, text string) {
	if i := strings.Index(rest, "。"); i >= 0 {
		lead := rest[:i]
		if isHeadingPhrase(lead) {
			return lead, "。", strings.TrimLeftFunc(rest[i+len("。"):], IsSpace)
		}
		return "", "", rest
	}
	if isHeadingPhrase(rest) {
		return rest, "", ""
	}
	return "", "", rest
}

// isHeadingPhrase reports whether s reads as a heading: short, with no
// clause punctuation.
func isHeadingPhrase(s string) bool {
	return s != "" && utf8.RuneCountInString(s) <= maxTitleRunes && !strings.ContainsAny(s, sentencePunct)
}

// isTitleLine reports whether b could be a title on a line of its own.
func isTitleLine(b Block) bool {
	return (b.Kind == Paragraph || b.Kind == Heading) && isHeadingPhrase(b.Text) && !strings.Contains(b.Text, "。")
}

var (
	dateLine = regexp.MustCompile(`^(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d〇一二三四五六七八九十]{1,3}\s*月\s*[\d〇一二三四五六七八九十]{1,3}\s*日$|^\d{4}-\d{1,2}-\d{1,2}$`)
	noteLine = regexp.MustCompile(`^[（(][^（()）]{1,30}[)）]$`)
)

// splitTrailing moves a signature block at the end of the last section —
// issuing bodies, a date, a note such as 「（此件公开发布）」 — to the
// document's trailing matter. It is a signature only when it holds a date.
func splitTrailing(d *Document) {
	if len(d.Sections) == 0 {
		return
	}
	last := d.Sections[len(d.Sections)-1]
	bs := last.Blocks
	start := len(bs)
	hasDate := false
	for start > 0 {
		b := bs[start-1]
		t := b.Text
		if b.Kind != Paragraph || (start-1 == 0 && last.Inline) {
			break
		}
		isDate := dateLine.MatchString(t)
		signature := isDate || noteLine.MatchString(t) || (utf8.RuneCountInString(t) <= maxTrailingRunes && !strings.ContainsAny(t, "。"+sentencePunct) && endsWithDate(t))
		if !signature && !(utf8.RuneCountInString(t) <= maxTrailingRunes && !strings.ContainsAny(t, "。"+sentencePunct) && hasDate) {
			break
		}
		if isDate || endsWithDate(t) {
			hasDate = true
		}
		start--
	}
	if !hasDate || start == len(bs) {
		return
	}
	d.Trailing = append([]Block(nil), bs[start:]...)
	last.Blocks = bs[:start]
}

// endsWithDate reports whether a line ends in a date: 「广东省人民政府 2020年9月17日」.
func endsWithDate(t string) bool {
	fields := strings.FieldsFunc(t, IsSpace)
	return len(fields) > 0 && dateLine.MatchString(fields[len(fields)-1])
}
