// Package numbering reads the section markers that Chinese legal and policy
// documents use to number their provisions, and the numerals inside them.
//
// # Markers
//
// A marker stands at the start of a line or paragraph. The kinds, from the
// outermost, with the prefix each contributes to a section identifier (eId):
//
//	第一编 第一章 第一节   Book, Chapter, Subchapter   bk ch sec
//	第一条                 Article                     art
//	一、                   Division                    p
//	（一） (一)            Section                     s
//	1. 1． 1、 １． ⒈      Item                        i
//	（1） (1) ⑴            SubItem                     ii
//	① … ㊿                 Point                       pt
//	附件 附件1 附件一      Annex                       annex
//
// Brackets may be half- or full-width and need not match in width
// (「（一)」 is read as written). Digits may be ASCII or full-width.
//
// # Numerals
//
// Chinese numerals are read in their usual positional-with-units form:
// 〇 and 零 are 0, 一 … 九 the digits, 两 an alternative 2, and 十 百 千 the
// units, so 十一 is 11, 二十 is 20, 一百零一 is 101, 一百一十 and 一百十 are
// 110, and 九千九百九十九 is 9999. A leading 一 before 十 is optional.
//
// # Guards
//
// Text that merely looks like a marker is not one: an item number followed
// by another digit is a decimal (「2.3%」), an item number of more than three
// digits is a year (「2025、」), and 第 followed by a numeral must end in one of
// 编 章 节 条 (「第三方」, 「第一、」 are prose).
//
// Every function here is pure: it reads its arguments and nothing else.
package numbering
