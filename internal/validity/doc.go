// Package validity reads what a policy document says of its own term:
// the day it takes effect (施行) and the last day it is in force (有效期).
// Chinese plans, opinions and measures usually close with such a sentence,
// and a reader who lands on one years later needs to know whether it
// still applies.
//
// # What is read
//
// A paragraph speaks of the document itself when it names it — 本 and,
// within four characters, a kind of document: 本方案, 本实施意见, 本若干措施,
// 本办法, 本通知, 本文件 …; or the notice that issues it, 现将《…》印发给你们
// — so that a sentence about a standard, a trademark's 有效期 or a
// campaign that 自2024年1月1日起实施 is not taken for the document's. In such a paragraph, after 繁→简 and full-width
// digits are folded:
//
//	自2024年1月1日起施行          effective 2024-01-01 (also 执行, 实施, 生效, 试行;
//	                              开始 for 起; 从 or 于 for 自, which may be left out)
//	自印发之日起施行              effective on the day of issue (also 发布, 公布, 颁布, 下发)
//	自公布之日起30日后施行        effective the thirtieth day after the day of issue
//	有效期至2028年12月31日        expires 2028-12-31 (also 有效期到 …, … 止)
//	有效期至2028年底              expires 2028-12-31 (年底, 年末; 2028年6月底 is 2028-06-30)
//	有效期为2024年1月1日至2028年12月31日
//	                              effective 2024-01-01, expires 2028-12-31
//	有效期5年                     expires the day before the fifth anniversary of
//	                              the day it takes effect (有效期为五年, 两年,
//	                              18个月; 执行期, 实施期 and 试行期 alike)
//
// Dates are written in digits or Chinese numerals (二〇二四年一月一日), with
// 日 or 号. A period in years or months needs a start: a date the paragraph
// gives, or the day of issue when it says 自印发之日起.
//
// A paragraph that names the document may go on to other things that
// start on a day (「本方案实施以来，对2024年起实施的项目…」), so the day it
// takes effect is read only right after the naming — a bracketed word
// (本意见（试行）), the notice's 给你们 or a comma between — or as the
// next clause of its sentence, 自 first (本办法由…负责解释，自…起施行); and
// a period only in a sentence that names the document or in the one
// after it.
package validity
