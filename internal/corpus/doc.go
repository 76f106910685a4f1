// Package corpus is tiaowen's model of a body of documents and the reader
// that builds it from content files.
//
// # Content files
//
// A document is a Markdown file, content/docs/<id>.md, that opens with
// YAML front matter between "---" lines:
//
//	---
//	id: guangdong-2023-gangyao   # ascii slug; equals the file name; never changes
//	title: 广东省质量强省建设纲要
//	issuer: 中共广东省委 广东省人民政府
//	date: "2023-06-21"           # YYYY-MM-DD, or ""
//	number: ""                   # 文号
//	lang: zh-Hans                # zh-Hans | zh-Hant
//	status: 正式
//	level: province              # national | province | city | county
//	region: 广东省
//	source: where the text came from
//	aliases: []                  # former ids, kept as redirects
//	supersedes: []               # ids of the documents this one replaces
//	---
//
// Unknown fields, missing ids or titles and malformed values are errors
// with a file:line:col position; every problem in a corpus is reported
// together.
//
// # Sections
//
// The body keeps the document's own numbering. A paragraph or heading
// that starts with a marker (see package numbering) starts a section;
// tables, code and bulleted lists never do. Nesting is read from the
// document: a marker kind that is already open closes what is inside it
// and starts a sibling, a new kind nests inside the current section, and
// 附件 starts a top-level annex (a 「附件」 line above the first section
// labels the page and is preamble). So
//
//	一、总体要求
//	（一）指导思想。坚持…
//	（二）主要目标
//	1.到2025年…
//
// gives 一、 with children （一） and （二）, and 1. inside （二）.
//
// A section's title is its heading line without the marker, or, when the
// marker opens a paragraph, the lead phrase up to the first 。
// (「（三）增强质量发展创新动能。建立…」 → 增强质量发展创新动能). A lead that reads
// as a sentence — clause punctuation, or longer than a heading — is text,
// and the section has no title. Articles (第X条) and the clauses inside
// them never have titles. A section's own text runs from after its title
// to the next marker of any level; lines of a paragraph are joined with no
// separator, paragraphs with "\n".
//
// Text before the first section is the preamble. A signature block after
// the last section — issuing bodies and a date — is trailing matter.
//
// # Identifiers
//
// Each section's eId is its kind prefix and number (p2, s8, i2, art7)
// joined with "-" to its parent's eId, except that a kind whose numbering
// runs on across its parents is cited alone: the Guangdong 纲要's
// 「（二十六）」 is s26, the Guangzhou 方案's 「二、（八）2.」 is p2-s8-i2. A
// kind runs on when it appears under two or more parents and more of them
// continue its count than restart it. Each annex is its own scope
// (annex1-p1, annex1-s3). Gaps, repeats and numbers out of order are
// reported as warnings; a repeated eId gets a suffix _2, _3 so that no two
// sections share a permalink.
package corpus
