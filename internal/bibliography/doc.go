// Package bibliography writes records of documents in the two formats that
// reference managers import: RIS (EndNote, NoteExpress, Zotero, Mendeley)
// and BibTeX (LaTeX, with BibTeX or biblatex; Zotero and JabRef too).
//
// A record is a work — a whole document, as a library catalogues it. A
// reader cites one of its sections by naming the section where the
// citation is made (Zotero's "section" locator, a pinpoint in the
// footnote), so a section has no record of its own.
//
// # RIS
//
// One tag a line, "TY  - " first and "ER  - " last, lines ended by CR LF
// as the format's specification asks, in UTF-8. A document is a GOVDOC,
// the specification's government document (Zotero imports it as a
// report); its issuing bodies are authors, each on an AU line of its own
// and without a comma, so that no importer splits a body's name into a
// family and a given name:
//
//	TY  - GOVDOC
//	TI  - 关于加快推进质量强省建设的实施方案
//	AU  - 广东省人民政府
//	PY  - 2020
//	DA  - 2020/09/17/
//	M3  - 政策文件
//	SN  - 粤府〔2020〕50号
//	PB  - 广东省人民政府
//	CY  - 广东省
//	LA  - zh-Hans
//	UR  - https://tiaowen.example.org/docs/guangdong-2020-shishi/
//	DB  - 质量强省政策文库
//	ER  -
//
// # BibTeX
//
// A @techreport, which BibTeX's standard styles and biblatex both know
// (biblatex reads it as a report whose type is given), with the date both
// as biblatex's date and as BibTeX's year. Each issuing body is a
// corporate author in braces of its own, so that no style abbreviates it
// as a person's given name. Text is escaped for LaTeX; the url field,
// which the url package reads verbatim, is not:
//
//	@techreport{guangdong-2020-shishi,
//	  author = {{广东省人民政府}},
//	  title = {关于加快推进质量强省建设的实施方案},
//	  type = {政策文件},
//	  number = {粤府〔2020〕50号},
//	  institution = {广东省人民政府},
//	  address = {广东省},
//	  date = {2020-09-17},
//	  year = {2020},
//	  url = {https://tiaowen.example.org/docs/guangdong-2020-shishi/},
//	}
package bibliography
