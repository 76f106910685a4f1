package ingest

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"tiaowen/internal/corpus"
	"tiaowen/internal/msdoc"
	"tiaowen/internal/numbering"
	"tiaowen/internal/rtf"
	"tiaowen/internal/textnorm"
	"tiaowen/internal/validity"
)

// Options control an import.
type Options struct {
	// ID is the document's id; empty means one made from the file name.
	ID string
	// Source says where the text came from; empty means the file name.
	Source string
	// Encoding is the encoding to read text in, for one its bytes do not
	// tell (Big5); empty means detect it (Decode), or, for a page that
	// declares Big5, Big5.
	Encoding Encoding
}

// Removal is a line or fragment a cruft rule removed.
type Removal struct {
	Rule string
	Line int // 1-based line in the decoded file
	Text string
}

// Repair is a change made to keep the text whole: a split or a join.
type Repair struct {
	Kind string // "split-heading" or "join-line"
	Line int
	Text string
}

// Result is an imported document.
type Result struct {
	File string
	// Format is what the file was: "text", a web page saved as "HTML"
	// (read for the text a reader sees of it, htmlLines; line numbers
	// are its source's) or as a web archive, "MHTML" (the page it holds,
	// read as "HTML"; line numbers are the page's, decoded), or a Word
	// document, "DOCX" (docxLines; line numbers are its paragraphs').
	Format string
	// Encoding is the text's or the page's; a Word document has none.
	Encoding Encoding
	Meta     corpus.Meta
	// Body is the Markdown body: one paragraph per source paragraph, in
	// the document's own words and numbering.
	Body    string
	Removed []Removal
	Repairs []Repair
	Notes   []string // what the importer could not fill in
	// Attachments are the files a page links as attachments, each at its
	// address from the page's own where that is known.
	Attachments []Attachment
	bodyLine    int
}

// line is a line of the source with its number.
type line struct {
	n    int
	text string
}

// Import reads raw text as copied from a government web page, the page
// itself saved as HTML or as a web archive (MHTML, its address the
// document's source), a Word document (.docx or .doc), an RTF
// document, an OFD file or a PDF (through Poppler's pdftotext), and returns it as a content
// document. It fails only when the bytes cannot be read as one of them,
// saying what they are when it knows; everything it removes is listed in
// the result.
func Import(file string, data []byte, opts Options) (*Result, error) {
	res := &Result{File: file, Format: "text"}
	var lines []line
	var facts pageFacts
	trim := corpus.IsSpace
	// A row's empty last cell is a tab at its end, not space.
	keepTabs := func(r rune) bool { return r != '\t' && corpus.IsSpace(r) }
	// What is no text is told by its first bytes, before any decoding.
	if isDocx(file, data) {
		res.Format, trim = "DOCX", keepTabs
		var err error
		if lines, err = docxLines(file, data); err != nil {
			return nil, err
		}
	} else if bytes.HasPrefix(data, msdoc.Magic) {
		res.Format, trim = "DOC", keepTabs
		var err error
		if lines, err = docLines(file, data); err != nil {
			return nil, err
		}
	} else if bytes.HasPrefix(data, rtf.Magic) {
		res.Format, trim = "RTF", keepTabs
		var err error
		if lines, err = rtfLines(file, data); err != nil {
			return nil, err
		}
	} else if isOFD(data) {
		res.Format = "OFD"
		var err error
		if lines, res.Removed, err = ofdLines(file, data); err != nil {
			return nil, err
		}
	} else if isPDF(data) {
		res.Format = "PDF"
		var err error
		if lines, res.Removed, err = pdfLines(file, data); err != nil {
			return nil, err
		}
	} else if isMHTML(file, data) {
		page, err := mhtmlPage(file, data)
		if err != nil {
			return nil, err
		}
		enc := opts.Encoding
		if e, ok := EncodingNamed(page.charset); ok && enc == "" && e != UTF8 {
			// A part in UTF-8 says so or not; any other is read as named.
			enc = e
		}
		text, enc, err := decode(file, page.html, enc)
		if err != nil {
			return nil, err
		}
		res.Format, res.Encoding, trim = "MHTML", enc, keepTabs
		lines, res.Removed, facts = htmlLines(text)
		if opts.Source == "" {
			opts.Source = page.address
		}
	} else if err := unreadable(file, data); err != nil {
		return nil, err
	} else {
		text, enc, err := decode(file, data, opts.Encoding)
		if err != nil {
			return nil, err
		}
		res.Encoding = enc
		if isHTML(file, text) {
			res.Format, trim = "HTML", keepTabs
			lines, res.Removed, facts = htmlLines(text)
		} else {
			raw := strings.Split(text, "\n")
			lines = make([]line, len(raw))
			for i, t := range raw {
				lines[i] = line{i + 1, t}
			}
		}
	}
	lines = res.removeFragments(lines)
	for i := range lines {
		lines[i].text = strings.TrimFunc(lines[i].text, trim)
	}
	lines = res.splitGluedHeadings(lines)

	bodyStart := firstMarker(lines)
	footerStart := footerRun(lines, bodyStart)
	var hdr header
	for _, l := range lines[:bodyStart] {
		hdr.all = append(hdr.all, l.text)
	}
	var kept []line
	for i, l := range lines {
		if l.text == "" {
			kept = append(kept, l) // blank lines mark paragraph breaks
			continue
		}
		zone := Body
		switch {
		case i < bodyStart:
			zone = Header
		case i >= footerStart:
			zone = Footer
		}
		if rule := matchLine(l.text, zone); rule != "" {
			res.Removed = append(res.Removed, Removal{rule, l.n, l.text})
			continue
		}
		if i < bodyStart {
			hdr.kept = append(hdr.kept, l.text)
		}
		kept = append(kept, l)
	}
	for _, r := range res.Removed {
		// A Word document a tiaowen site saved names the page it was
		// saved from: the document's source, as a web page's address is.
		if m := reExportNote.FindStringSubmatch(r.Text); m != nil && r.Rule == "export-note" && opts.Source == "" {
			opts.Source = m[1]
		}
	}
	bodyLine := 1 << 30
	if bodyStart < len(lines) {
		bodyLine = lines[bodyStart].n
	}
	kept = res.joinBrokenLines(kept, bodyLine)

	var all strings.Builder
	for _, l := range kept {
		all.WriteString(l.text)
	}
	hdr.text = all.String()
	for i := len(kept) - 1; i >= 0 && len(hdr.tail) < 6; i-- {
		if kept[i].text != "" {
			hdr.tail = append([]string{kept[i].text}, hdr.tail...)
		}
	}
	res.Meta, res.Notes = readMeta(hdr, textnorm.Script(hdr.text))
	res.fillFromPage(facts)
	res.readTerm(kept, lines[:bodyStart])
	res.Meta.ID = opts.ID
	if res.Meta.ID == "" {
		res.Meta.ID = fileSlug(file)
	}
	if res.Meta.ID == "" {
		// A file named in Chinese, as most are.
		res.Meta.ID = idFromMeta(res.Meta)
		res.Notes = append(res.Notes, fmt.Sprintf("the id %q is made from the document's region, year and kind, the file's name having no latin letters or digits; give --id for another before publishing (an id never changes)", res.Meta.ID))
	}
	res.Meta.Source = opts.Source
	if res.Meta.Source == "" {
		res.Meta.Source = baseName(file)
	}
	res.noteAttachments(facts.attachments, opts.Source)
	res.Body = markdownBody(kept)
	// A page's furniture was reported as it was read, before the rules'
	// removals: all in the page's order.
	slices.SortStableFunc(res.Removed, func(a, b Removal) int { return a.Line - b.Line })
	return res, nil
}

// maxAttachmentNotes is how many of a page's attachments the notes name.
const maxAttachmentNotes = 5

// noteAttachments names the files the page links as attachments, each
// at its address from the page's own (source, when a web address), and
// says what to do when one holds the document: a page that publishes a
// notice (关于印发…的通知) often has the document it issues only as an
// attachment, so that the page's text is the notice alone.
func (res *Result) noteAttachments(atts []attachment, source string) {
	base, _ := url.Parse(source)
	if base != nil && base.Scheme != "http" && base.Scheme != "https" {
		base = nil
	}
	for i, a := range atts {
		href := a.href
		if u, err := url.Parse(href); err == nil && base != nil {
			href = base.ResolveReference(u).String()
		}
		text := strings.Join(strings.Fields(a.text), " ")
		if text == "" {
			text = path.Base(href)
		}
		res.Attachments = append(res.Attachments, Attachment{Address: href, Text: text})
		switch {
		case i < maxAttachmentNotes:
			res.Notes = append(res.Notes, fmt.Sprintf("the page links an attachment, 「%s」: %s — if it holds the document itself, import it instead (--keep-original keeps it as the document's original)", text, href))
		case i == maxAttachmentNotes:
			res.Notes = append(res.Notes, fmt.Sprintf("and %d more attachments", len(atts)-i))
		}
	}
}

// Attachment is a file a page links as an attachment: its address (from
// the page's own, when the page's is known) and the link's text.
type Attachment struct {
	Address, Text string
}

// Importable reports whether Import reads the attachment's kind of file:
// a document, not a spreadsheet or an archive.
func (a Attachment) Importable() bool {
	u, err := url.Parse(a.Address)
	if err != nil {
		return false
	}
	switch strings.ToLower(path.Ext(u.Path)) {
	case ".pdf", ".ofd", ".doc", ".docx", ".wps", ".rtf", ".txt":
		return true
	}
	return false
}

// fillFromPage fills, from what a page says of itself, the title and
// date its text does not give, and says so in the notes: a page's title
// is the site's name for it, and its PubDate the day it went online.
func (res *Result) fillFromPage(f pageFacts) {
	var notes []string
	for _, n := range res.Notes {
		switch {
		case strings.HasPrefix(n, "no title found") && res.Meta.Title == "" && f.pageTitle() != "":
			res.Meta.Title = f.pageTitle()
			notes = append(notes, fmt.Sprintf("title %q from the page's own title, not its text: check it", res.Meta.Title))
		case strings.HasPrefix(n, "no date found") && res.Meta.Date == "" && reMetaPubDate.MatchString(f.pubDate):
			res.Meta.Date = f.pubDate[:10]
			notes = append(notes, fmt.Sprintf("date %s is the day the page was published (its PubDate), not the document's: check it", res.Meta.Date))
		default:
			notes = append(notes, n)
		}
	}
	res.Notes = notes
}

var reMetaPubDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)

// readTerm fills the document's term from the first line that says when
// it takes effect or until when (package validity), and notes where, to
// be checked: 自印发之日起 is the date found, which may be a page's. Where
// the text says nothing of it, the page's own metadata above the text
// may (施行日期：2021-09-01, as law databases give it).
func (res *Result) readTerm(kept, header []line) {
	note := func(t validity.Term, where string) {
		res.Meta.Effective, res.Meta.Expires = t.Effective, t.Expires
		var days []string
		if t.Effective != "" {
			days = append(days, "effective "+t.Effective)
		}
		if t.Expires != "" {
			days = append(days, "expires "+t.Expires)
		}
		res.Notes = append(res.Notes, strings.Join(days, " and ")+", as "+where+": check it")
	}
	for _, l := range kept {
		if st, ok := validity.Find(l.text, res.Meta.Date); ok {
			note(st.Term, fmt.Sprintf("line %d says (「%s」)", l.n, st.Phrase))
			return
		}
	}
	var t validity.Term
	var at []string
	for _, l := range header {
		for _, m := range []struct {
			re  *regexp.Regexp
			day *string
		}{{reEffectiveMeta, &t.Effective}, {reExpiresMeta, &t.Expires}} {
			if sm := m.re.FindStringSubmatch(l.text); sm != nil && *m.day == "" {
				if d := ymd(sm[1], sm[2], sm[3]); d != "" {
					*m.day = d
					if n := strconv.Itoa(l.n); len(at) == 0 || at[len(at)-1] != n {
						at = append(at, n)
					}
				}
			}
		}
	}
	if t.Effective != "" && t.Expires != "" && t.Expires < t.Effective {
		return // one of them is not what it seems: leave both to the reviewer
	}
	switch len(at) {
	case 1:
		note(t, "the page's metadata says on line "+at[0])
	case 2:
		note(t, "the page's metadata says on lines "+at[0]+" and "+at[1])
	}
}

// pageTitle is the document's title as the page names it: its
// ArticleTitle, or its <title> without the site's name after it, and the
// document that a notice issues rather than the notice; "" when that
// names no kind of document.
func (f pageFacts) pageTitle() string {
	t := strings.TrimSpace(f.articleTitle)
	if t == "" {
		t = strings.TrimSpace(f.title)
		for _, sep := range []string{"_", "｜", "|", " - ", "—"} {
			t, _, _ = strings.Cut(t, sep)
		}
		t = strings.TrimSpace(t)
	}
	if sm := reIssuedTitle.FindStringSubmatch(t); sm != nil {
		t = strings.Trim(sm[1]+sm[2], "《》")
	}
	// A section's name (政策文件) is no title: a title names a kind of
	// document, as findTitle asks of a line.
	if !reDocKind.MatchString(t) {
		return ""
	}
	return t
}

// decode reads text in the encoding asked for; or in Big5 when a page
// declares it, the one encoding Decode cannot tell from its bytes; or
// as Decode detects it.
func decode(file string, data []byte, enc Encoding) (string, Encoding, error) {
	if enc == "" && isHTML(file, string(data[:min(len(data), 512)])) {
		if e, _ := EncodingNamed(declaredCharset(data)); e == Big5 && invalidUTF8(data) >= 0 {
			enc = Big5
		}
	}
	if enc == "" {
		return Decode(file, data)
	}
	text, err := DecodeAs(file, data, enc)
	return text, enc, err
}

// removeFragments applies the fragment rules to every line.
func (res *Result) removeFragments(lines []line) []line {
	for i, l := range lines {
		for _, r := range FragmentRules {
			for _, m := range r.Pattern.FindAllString(l.text, -1) {
				res.Removed = append(res.Removed, Removal{r.Name, l.n, m})
			}
			lines[i].text = r.Pattern.ReplaceAllString(lines[i].text, "")
		}
	}
	return lines
}

// matchLine returns the name of the first line rule for zone that
// matches text, or "".
func matchLine(text string, zone Zone) string {
	for _, r := range LineRules {
		if r.Zone&zone != 0 && r.Match(text) {
			return r.Name
		}
	}
	return ""
}

// isBodyMarker reports a line that starts the numbered body. A bare
// 「附件」 above a title labels the page and does not.
func isBodyMarker(text string) bool {
	m, ok := numbering.Parse(text)
	return ok && m.Kind != numbering.Annex
}

// firstMarker returns the index of the first line that starts a section,
// or, in a document with none, of its first paragraph of prose, so that
// header rules never reach into text.
func firstMarker(lines []line) int {
	for i, l := range lines {
		if isBodyMarker(l.text) {
			return i
		}
	}
	for i, l := range lines {
		if utf8.RuneCountInString(l.text) >= 40 && strings.Contains(l.text, "。") {
			return i
		}
	}
	return len(lines)
}

// footerRun returns the index where the page's footer begins: the longest
// run at the end of blank lines and footer lines, provided it holds at
// least one line that is furniture on its own (copyright, contact, a
// leave-site prompt). It never starts above bodyStart.
func footerRun(lines []line, bodyStart int) int {
	start := len(lines)
	strong := false
	for i := len(lines) - 1; i >= bodyStart; i-- {
		t := lines[i].text
		if t == "" {
			start = i
			continue
		}
		matched := false
		for _, r := range LineRules {
			if r.Zone&Footer != 0 && r.Match(t) {
				matched = true
				strong = strong || r.Strength == Strong
				break
			}
		}
		if !matched {
			break
		}
		start = i
	}
	if !strong {
		return len(lines)
	}
	return start
}

// splitGluedHeadings splits a line where a section marker follows the end
// of a sentence after a run of white space: 「…按照职责分工负责）　　五、创新质量治理方式」.
func (res *Result) splitGluedHeadings(lines []line) []line {
	var out []line
	for _, l := range lines {
		rest := l.text
		for {
			i := gluedMarker(rest)
			if i < 0 {
				break
			}
			head := strings.TrimRightFunc(rest[:i], corpus.IsSpace)
			tail := strings.TrimLeftFunc(rest[i:], corpus.IsSpace)
			res.Repairs = append(res.Repairs, Repair{"split-heading", l.n, tail})
			out = append(out, line{l.n, head})
			rest = tail
		}
		out = append(out, line{l.n, rest})
	}
	return out
}

// gluedMarker returns the byte offset of the white space before a glued
// marker in s, or -1.
func gluedMarker(s string) int {
	for i, r := range s {
		if !corpus.IsSpace(r) || i == 0 {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if corpus.IsSpace(prev) || !strings.ContainsRune("。；;！？）)」”", prev) {
			continue
		}
		j := i
		spaces, wide := 0, false
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !corpus.IsSpace(r) {
				break
			}
			spaces++
			wide = wide || r == '\u3000'
			j += size
		}
		if (spaces >= 2 || wide) && j < len(s) && isBodyMarker(s[j:]) {
			return i
		}
	}
	return -1
}

// joinBrokenLines joins a line broken in mid-sentence to the line before
// it: in the body, a line of prose that ends without punctuation, followed
// directly (no blank line) by one that starts with a character and is not
// a section. A line with a tab is a table's row (markdownBody), never
// prose: rows end without punctuation, and joining them would run a
// table's cells together.
func (res *Result) joinBrokenLines(lines []line, bodyLine int) []line {
	var out []line
	for i, l := range lines {
		if k := len(out) - 1; k >= 0 && l.text != "" && i > 0 && lines[i-1].text != "" && lines[i-1].n >= bodyLine &&
			!strings.Contains(l.text, "\t") && !strings.Contains(out[k].text, "\t") {
			prev := out[k].text
			last, _ := utf8.DecodeLastRuneInString(prev)
			first, _ := utf8.DecodeRuneInString(l.text)
			prevIsHeading := isBodyMarker(prev) && !strings.Contains(prev, "。")
			// A line cut after a word, or after a comma (，、) that no
			// paragraph ends with — a page's <br> inside a sentence.
			if !prevIsHeading && utf8.RuneCountInString(prev) >= 15 && (isWordRune(last) || last == '，' || last == '、') && isWordRune(first) && !isBodyMarker(l.text) {
				res.Repairs = append(res.Repairs, Repair{"join-line", l.n, l.text})
				out[k].text = prev + l.text
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Markdown returns the document as a content file: front matter, then the body.
func (res *Result) Markdown() []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(frontMatter(res.Meta)); err != nil {
		panic(fmt.Sprintf("encode front matter: %v", err)) // plain strings always encode
	}
	enc.Close()
	b.WriteString("---\n\n")
	b.WriteString(res.Body)
	return b.Bytes()
}

// frontMatter orders the fields as DESIGN.md lists them.
func frontMatter(m corpus.Meta) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	add := func(k, v string) {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k},
			&yaml.Node{Kind: yaml.ScalarNode, Value: v, Style: quoteStyle(v)})
	}
	add("id", m.ID)
	add("title", m.Title)
	add("issuer", m.Issuer)
	add("date", m.Date)
	if m.Effective != "" {
		add("effective", m.Effective)
	}
	if m.Expires != "" {
		add("expires", m.Expires)
	}
	add("number", m.Number)
	add("lang", m.Lang)
	add("status", m.Status)
	add("level", m.Level)
	add("region", m.Region)
	add("source", m.Source)
	if m.Original != "" {
		add("original", m.Original)
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, a := range m.Aliases {
		seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: a})
	}
	n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "aliases"}, seq)
	return n
}

// quoteStyle quotes values YAML would otherwise read as something else
// (an empty string, a date).
func quoteStyle(v string) yaml.Style {
	if v == "" || strings.ContainsAny(v[:1], "0123456789[{>|*&!%@`'\"#-?:,") {
		return yaml.DoubleQuotedStyle
	}
	return 0
}

// fileSlug makes an id from a file name: 「000_e4c1e6d1dc609431.txt」 →
// 000-e4c1e6d1dc609431; "" when the name has no latin letter or digit.
func fileSlug(file string) string {
	base := baseName(file)
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(base) {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

func baseName(file string) string {
	if i := strings.LastIndexAny(file, `/\`); i >= 0 {
		return file[i+1:]
	}
	return file
}
