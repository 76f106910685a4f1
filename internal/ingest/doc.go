// Package ingest turns raw text, as copied from government web pages,
// the pages themselves saved as HTML or MHTML, Word documents, PDFs or
// OFD files, into tiaowen content documents: YAML front matter and a
// Markdown body that keeps the document's own words and numbering.
//
// # Encodings
//
// Decode reads UTF-8 with or without a byte order mark, UTF-16 in either
// byte order (with a byte order mark, or recognised by its zero bytes),
// and GB18030, which includes GBK and GB2312. CRLF and CR line ends become
// LF. Bytes that are text in none of these are an error naming the file
// and the byte offset; nothing is ever replaced by U+FFFD. Big5 is read
// when asked for (Options.Encoding, DecodeAs) or when a page declares it:
// its bytes are nearly always valid GB18030 as well.
//
// # Web pages
//
// A page saved as HTML (a .html or .htm file, or one that starts as a
// page does) is read for the text a reader sees of it, a line for each
// paragraph, heading, list item or line a <br> ends, with the source's
// line numbers (htmlLines): scripts, styles, menus and hidden elements
// are left out, white space is collapsed as a browser collapses it, and
// a table's rows become a table again, unless its cells hold paragraphs —
// a page laid out with a table — when they are read as the page's lines.
// Two rules apply to pages only, each removal reported as the others:
// html-navigation removes <nav> elements and elements whose class or id
// names navigation (nav, menu, breadcrumb, sidebar, share …), and
// html-footer <footer> elements and those whose class or id names a
// footer or copyright. The text rules below then apply as to text.
//
// A page saved as a web archive (MHTML, RFC 2557: Chrome's and Edge's
// .mhtml, Internet Explorer's and Word's .mht) is read as the page it
// holds, its root part — the first page, or the part the message's start
// names — with its transfer encoding undone and its charset honoured; the
// address it was saved from becomes the document's source.
//
// # Word documents
//
// A .docx is read a line for each paragraph (docxLines), line numbers
// being paragraph numbers, its tables as a page's are; a paragraph Word
// numbers itself, by a list or by its style, gets the number Word shows,
// from numbering.xml, as its marker. Deleted revisions, field codes,
// hidden runs and text boxes' fallback copies are left out. A Word
// 97–2003 document (.doc) is read alike (docLines, by internal/msdoc),
// its lists' numbers too; a file stored as one but with no Word text in
// it (WPS, Excel) is refused with what to do instead. An RTF document,
// named .rtf or .doc, is read alike (rtfLines, by internal/rtf).
//
// # PDFs
//
// A PDF's text is what Poppler's pdftotext -layout gives (pdftotext), its
// line numbers those of that output; the lines a page wrapped are joined
// back into paragraphs by where they start and end, and the page numbers
// at the pages' tops and bottoms removed as the page-number rule removes
// them (reflow). A PDF without text, a scan, is an error: it needs OCR.
// An OFD file's pages are read for their text objects, which are laid
// out as pdftotext lays out a PDF (ofdLayout) and reflowed alike.
//
// # Cruft
//
// Page furniture is removed by named rules, each limited to the part of
// the page where it can occur, so that no rule can reach into the
// numbered body:
//
//	header   everything above the first section marker
//	body     from the first marker to the footer
//	footer   the run of furniture at the end of the page
//
// The rules (LineRules and FragmentRules) are breadcrumb, site-name,
// page-metadata, share-prompt, leave-site, copyright, contact, separator,
// page-number, footer-links and bookmark. A footer run counts only if it
// holds at least one line that is furniture on its own (a copyright or
// ICP line, contact details, a leave-site prompt); a list of organisation
// names counts only inside such a run, so that a signature block of
// issuing bodies is kept. Every removal is returned with its rule's name
// and line, for the importer to print.
//
// # Repairs
//
// A section marker glued to the end of the previous line after a run of
// white space — 「…按照职责分工负责）　　五、创新质量治理方式」 — is split onto
// its own line. In the body, a line of prose that ends without punctuation
// and is followed directly by a line that is not a section is joined to
// it with no separator (「坚持问」/「题导向」). Lines are trimmed of ASCII,
// ideographic (U+3000) and no-break spaces.
//
// # Front matter
//
// The title is the enclosed document's own title where a notice or news
// item wraps it (「…印发《广东省质量强省建设纲要》」 gives 广东省质量强省建设纲要),
// without a status suffix such as （征求意见稿）, which becomes the status.
// The date is the document's or its notice's own date (「2020年9月17日」)
// over the page's publication time; the 文号 is the document's or its
// notice's, never one the text cites in brackets. The script (zh-Hans or
// zh-Hant) is read from the characters. What the text does not say is
// left empty and named in Result.Notes for the reviewer.
//
// # Markdown
//
// Each source paragraph becomes a Markdown paragraph. Characters Markdown
// would read as markup (「<script>」, 「[x](javascript:…)」, 「*」, a leading
// 「1. 」 or 「#」, entity references) are escaped so that they show as
// written. Runs of tab-separated lines become tables.
package ingest
