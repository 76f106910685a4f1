// Saving a page as a Word document (.docx), made in the page, from disk
// too: WordprocessingML parts (ECMA-376) in a zip of stored entries,
// the pages numbered in the footer. Two kinds:
//
// A comparison, the 对照表 officials pass round (compare.js): the two
// documents' names and particulars, then a table of three columns — the
// first document's section, the similarity, the second's — a row for
// each row of the comparison shown, each section's heading a link to its
// permalink, its text as written, the shared passages shaded in the
// page's colours (or, with the word-by-word view on, the words only one
// side says struck through or underlined).
//
// A document (site.js, on its page): its title and particulars, then its
// text, each section's heading in Word's heading style of its level (a
// heading run into its paragraph, 「（一）指导思想。坚持…」, stays so, in
// bold, at that outline level), so that Word's navigation pane shows the
// document's structure, each linked to its permalink.
//
// A theme's 摘编 (site.js, on the theme's page): what every document that
// mentions the theme says of it — each document's title, then each
// section's heading linked to its permalink and the passages the page
// quotes, the theme's terms shaded.
//
// A 修订稿 of a comparison (compare.js): the first document's text with
// the second's changes as Word's tracked revisions, section by section.
//
// compare.js and site.js load this script when a reader first asks.
(function () {
  "use strict";

  var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  var R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  var PKG = "http://schemas.openxmlformats.org/package/2006/";
  var DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

  // The passages' fills, as style.css colours mark.sh.s0 … s5.
  var FILLS = ["FFF1A8", "C8F0D2", "CFE3FF", "F9D5E5", "E6DCFF", "FFE0C2"];
  // A4 in twentieths of a point, its long side PAGE_W (a comparison is
  // set landscape, a document portrait), margins of 2 cm, and a
  // comparison's columns: two sides and the similarity between.
  var PAGE_W = 16838, PAGE_H = 11906, MARGIN = 1134;
  var SIDE_W = 6520, SCORE_W = PAGE_W - 2 * MARGIN - 2 * SIDE_W;

  // esc makes s XML character data: the five markup characters escaped,
  // and the characters XML 1.0 cannot hold (controls but tab and line
  // ends, lone surrogates, U+FFFE/FFFF) dropped.
  function esc(s) {
    return String(s)
      .replace(/[^\t\n\r\u{20}-\u{D7FF}\u{E000}-\u{FFFD}\u{10000}-\u{10FFFF}]/gu, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // Runs are {text, shade, ins, del, bold, italic, grey, lang, style}: a
  // piece of text and how it is set (style a character style's id).
  function runXML(r) {
    var pr = "";
    if (r.bold) pr += "<w:b/><w:bCs/>";
    if (r.italic) pr += "<w:i/><w:iCs/>";
    if (r.del) pr += "<w:strike/>";
    if (r.del) pr += '<w:color w:val="B42318"/>';
    else if (r.ins) pr += '<w:color w:val="1A7F37"/>';
    else if (r.grey) pr += '<w:color w:val="6B6B6B"/>';
    if (r.ins) pr += '<w:u w:val="single"/>';
    if (r.shade) pr += '<w:shd w:val="clear" w:color="auto" w:fill="' + r.shade + '"/>';
    if (r.lang) pr += '<w:lang w:eastAsia="' + r.lang + '"/>';
    if (r.style) pr = '<w:rStyle w:val="' + r.style + '"/>' + pr;
    // A tab is an element of its own, and a line end in preformatted
    // text a break.
    var body = r.text.split(/(\t|\n)/).map(function (part) {
      if (part === "\t") return "<w:tab/>";
      if (part === "\n") return "<w:br/>";
      return part ? '<w:t xml:space="preserve">' + esc(part) + "</w:t>" : "";
    }).join("");
    return "<w:r>" + (pr ? "<w:rPr>" + pr + "</w:rPr>" : "") + body + "</w:r>";
  }

  function paraXML(runs, props) {
    return "<w:p>" + (props ? "<w:pPr>" + props + "</w:pPr>" : "") + runs.map(runXML).join("") + "</w:p>";
  }

  // The lang of a cell's text, as Word names it.
  function wordLang(el) {
    var l = (el.closest("[lang]") || document.documentElement).getAttribute("lang") || "";
    return /hant|tw|hk/i.test(l) ? "zh-TW" : "";
  }

  // textRuns returns the runs of node's text: a shared passage (mark.sh)
  // shaded in its colour, a theme's term (another mark) in the first,
  // unless words is set, when the word-by-word
  // view's <del> and <ins> are struck through and underlined instead.
  // The gap marks of "只看差异" are not text.
  function textRuns(node, words, lang) {
    var runs = [];
    var walk = function (node, shade, ins, del) {
      if (node.nodeType === 3) {
        if (node.data) runs.push({ text: node.data, shade: shade, ins: ins, del: del, lang: lang });
        return;
      }
      if (node.nodeType !== 1 || node.classList.contains("gap")) return;
      if (node.matches("mark.sh") && !words) shade = FILLS[(+node.getAttribute("data-k") || 0) % FILLS.length];
      else if (node.tagName === "MARK" && !words && !node.classList.contains("found")) shade = FILLS[0]; // a theme's term, not a search's
      if (words && node.tagName === "INS") ins = true;
      if (words && node.tagName === "DEL") del = true;
      Array.prototype.forEach.call(node.childNodes, function (c) { walk(c, shade, ins, del); });
    };
    walk(node, "", false, false);
    return runs;
  }

  // headingRuns returns the runs of a section's heading h, in bold: its
  // number, set apart from its title where the page sets it apart, then
  // its title, which the word-by-word view (words) marks as it marks the
  // text; not the mark of a permalink.
  function headingRuns(h, words, lang) {
    var runs = [];
    Array.prototype.forEach.call(h.childNodes, function (n) {
      if (n.nodeType === 1 && n.classList.contains("permalink")) return;
      if (n.nodeType === 1 && n.classList.contains("marker")) {
        var apart = n.classList.contains("apart") && n.nextSibling && n.nextSibling.textContent;
        runs.push({ text: n.textContent + (apart ? "\u3000" : ""), lang: lang });
      } else {
        Array.prototype.push.apply(runs, textRuns(n, words, lang));
      }
    });
    runs.forEach(function (r) { r.bold = true; });
    return runs;
  }

  // linkedXML writes runs as a link to the relationship rid, or as they
  // are when there is none.
  function linkedXML(runs, rid) {
    var xml = runs.map(function (r) { r.style = rid ? "Hyperlink" : ""; return runXML(r); }).join("");
    return rid ? '<w:hyperlink r:id="' + rid + '">' + xml + "</w:hyperlink>" : xml;
  }

  // cellXML writes one side of a row: its heading, linked to the
  // section's permalink (doc.href) through link, then its paragraphs,
  // code and tables. A side with no section says so, as the page does.
  function cellXML(doc, cell, words, link, width) {
    var out = "", lang = cell ? wordLang(cell) : "";
    var head = cell && cell.querySelector(".cmp-h");
    if (head) out += "<w:p><w:pPr><w:keepNext/></w:pPr>" + linkedXML(headingRuns(head, words, lang), link(doc.href(head))) + "</w:p>";
    // What the page says under a heading whose section stands elsewhere
    // in its document (compare.js's markMoved).
    if (head && head.getAttribute("data-moved")) out += paraXML([{ text: head.getAttribute("data-moved"), italic: true, grey: true }]);
    Array.prototype.forEach.call(cell ? cell.children : [], function (el) {
      if (el === head) return;
      if (el.classList.contains("none")) {
        out += paraXML([{ text: el.textContent, italic: true, grey: true }]);
        return;
      }
      var table = el.tagName === "TABLE" ? el : el.querySelector("table");
      if (table) {
        out += tableXML(table, words, lang, SIDE_W - 200) + "<w:p/>";
        return;
      }
      out += paraXML(textRuns(el, words, lang));
    });
    // A cell holds a paragraph at least.
    if (!out) out = "<w:p/>";
    return "<w:tc><w:tcPr><w:tcW w:w=\"" + width + "\" w:type=\"dxa\"/></w:tcPr>" + out + "</w:tc>";
  }

  // tableXML writes a table of a section's text, width wide, its first
  // row a header as on the page.
  function tableXML(table, words, lang, width) {
    var rows = Array.prototype.slice.call(table.rows);
    var cols = rows.reduce(function (n, tr) { return Math.max(n, tr.cells.length); }, 1);
    var colW = Math.floor(width / cols);
    var grid = "";
    for (var i = 0; i < cols; i++) grid += '<w:gridCol w:w="' + colW + '"/>';
    return "<w:tbl><w:tblPr><w:tblW w:w=\"" + colW * cols + "\" w:type=\"dxa\"/>" + borders() + "<w:tblLayout w:type=\"fixed\"/></w:tblPr>" +
      "<w:tblGrid>" + grid + "</w:tblGrid>" +
      rows.map(function (tr, r) {
        var cells = Array.prototype.map.call(tr.cells, function (td) {
          var runs = textRuns(td, words, lang);
          if (r === 0) runs.forEach(function (run) { run.bold = true; });
          return "<w:tc><w:tcPr><w:tcW w:w=\"" + colW + "\" w:type=\"dxa\"/></w:tcPr>" + paraXML(runs) + "</w:tc>";
        });
        // A row short of cells is filled, as Word wants every row to
        // cover the grid.
        for (var k = tr.cells.length; k < cols; k++) cells.push("<w:tc><w:tcPr><w:tcW w:w=\"" + colW + "\" w:type=\"dxa\"/></w:tcPr><w:p/></w:tc>");
        return "<w:tr>" + (r === 0 ? "<w:trPr><w:tblHeader/></w:trPr>" : "") + cells.join("") + "</w:tr>";
      }).join("") + "</w:tbl>";
  }

  function borders() {
    return "<w:tblBorders>" + ["top", "left", "bottom", "right", "insideH", "insideV"].map(function (side) {
      return "<w:" + side + ' w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/>';
    }).join("") + "</w:tblBorders>";
  }

  // documentXML writes the body: doc.title, doc.lines under it, and the
  // table of doc.rows (each {a, score, b}: two cells of the page, either
  // null, and the similarity's text), its header doc.head.
  function documentXML(doc, words, link) {
    var body = paraXML([{ text: doc.title }], '<w:pStyle w:val="Heading1"/>');
    doc.lines.forEach(function (l) { body += paraXML([{ text: l }]); });
    var headCell = function (text, width, lang) {
      return "<w:tc><w:tcPr><w:tcW w:w=\"" + width + "\" w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EDEDED\"/></w:tcPr>" +
        paraXML([{ text: text, bold: true, lang: lang }]) + "</w:tc>";
    };
    body += "<w:tbl><w:tblPr><w:tblW w:w=\"" + (2 * SIDE_W + SCORE_W) + "\" w:type=\"dxa\"/>" + borders() +
      "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"100\" w:type=\"dxa\"/><w:right w:w=\"100\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>" +
      "<w:tblGrid><w:gridCol w:w=\"" + SIDE_W + "\"/><w:gridCol w:w=\"" + SCORE_W + "\"/><w:gridCol w:w=\"" + SIDE_W + "\"/></w:tblGrid>" +
      // The header row repeats on every page.
      "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + headCell(doc.head[0], SIDE_W, doc.headLang[0]) + headCell(doc.head[1], SCORE_W, "") +
      headCell(doc.head[2], SIDE_W, doc.headLang[1]) + "</w:tr>";
    doc.rows.forEach(function (row) {
      body += "<w:tr>" + cellXML(doc, row.a, words, link, SIDE_W) +
        "<w:tc><w:tcPr><w:tcW w:w=\"" + SCORE_W + "\" w:type=\"dxa\"/></w:tcPr>" + paraXML(row.score ? [{ text: row.score }] : [], '<w:jc w:val="center"/>') + "</w:tc>" +
        cellXML(doc, row.b, words, link, SIDE_W) + "</w:tr>";
    });
    body += "</w:tbl>";
    body += paraXML([{ text: doc.source, grey: true }]);
    return body;
  }

  // wrap makes body the document's body, on A4, landscape or not.
  function wrap(body, landscape) {
    var w = landscape ? PAGE_W : PAGE_H, h = landscape ? PAGE_H : PAGE_W;
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="' + W + '" xmlns:r="' + R + '"><w:body>' + body +
      "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:pgSz w:w=\"" + w + "\" w:h=\"" + h + "\"" + (landscape ? " w:orient=\"landscape\"" : "") + "/>" +
      "<w:pgMar w:top=\"" + MARGIN + "\" w:right=\"" + MARGIN + "\" w:bottom=\"" + MARGIN + "\" w:left=\"" + MARGIN + "\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>" +
      "</w:body></w:document>";
  }

  // textXML writes the body of a document's text: doc.title, the lines
  // under it (doc.lines), the text of the element doc.text, and the
  // source line. A section's heading (h2–h6, or a heading run into its
  // paragraph: role=heading with its aria-level) is of its level, and
  // links to doc.href(its section).
  function textXML(doc, link) {
    var body = paraXML([{ text: doc.title }], '<w:pStyle w:val="Heading1"/>');
    doc.lines.forEach(function (l) { body += paraXML([{ text: l }]); });
    var lang = wordLang(doc.text);
    var width = PAGE_W - 2 * MARGIN;
    var level = function (h) {
      var n = +(h.getAttribute("aria-level") || h.tagName.replace(/^H/, "")) || 2;
      return Math.min(n, 6);
    };
    var walk = function (el) {
      Array.prototype.forEach.call(el.children, function (c) {
        if (c.hidden || c.getAttribute("role") === "note" || c.classList.contains("note") || c.classList.contains("visually-hidden")) return;
        var tag = c.tagName;
        if (tag === "TABLE" || c.classList.contains("table-wrap")) {
          body += tableXML(tag === "TABLE" ? c : c.querySelector("table"), false, lang, width);
        } else if (tag === "SECTION" || tag === "DIV") {
          walk(c);
        } else if (/^H[2-6]$/.test(tag)) {
          body += "<w:p><w:pPr><w:pStyle w:val=\"Heading" + level(c) + "\"/></w:pPr>" + linkedXML(headingRuns(c, false, lang), link(doc.href(c.closest("section[id]")))) + "</w:p>";
        } else if (tag === "P" && c.querySelector("[role=heading]")) {
          // A heading run into its paragraph: the paragraph is at the
          // heading's outline level, its heading in bold and linked.
          var h = c.querySelector("[role=heading]"), xml = "";
          Array.prototype.forEach.call(c.childNodes, function (n) {
            xml += n === h ? linkedXML(headingRuns(h, false, lang), link(doc.href(c.closest("section[id]")))) : textRuns(n, false, lang).map(runXML).join("");
          });
          body += "<w:p><w:pPr><w:outlineLvl w:val=\"" + (level(h) - 1) + "\"/></w:pPr>" + xml + "</w:p>";
        } else if (tag === "UL" || tag === "OL") {
          Array.prototype.forEach.call(c.children, function (li, i) {
            body += paraXML([{ text: tag === "UL" ? "•\t" : i + 1 + ".\t", lang: lang }].concat(textRuns(li, false, lang)),
              '<w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs><w:ind w:left="420" w:hanging="420"/>');
          });
        } else {
          var runs = textRuns(c, false, lang);
          if (c.classList.contains("subhead")) runs.forEach(function (r) { r.bold = true; });
          body += paraXML(runs);
        }
      });
    };
    walk(doc.text);
    body += paraXML([{ text: doc.source, grey: true }]);
    return body;
  }

  // excerptsXML writes the body of a theme's 摘编: doc.title, doc.lines
  // under it, then for each of doc.sections (a theme page's section of a
  // document) the document's title, linked, and its date, then each
  // passage's heading, linked, with the passages quoted under it,
  // indented; the source line last. doc.href(a) is a link's address.
  function excerptsXML(doc, link) {
    var body = paraXML([{ text: doc.title }], '<w:pStyle w:val="Heading1"/>');
    doc.lines.forEach(function (l) { body += paraXML([{ text: l }]); });
    doc.sections.forEach(function (sec) {
      var lang = wordLang(sec), h = sec.querySelector("h2"), title = h && h.querySelector("a");
      if (!title) return;
      var dated = h.querySelector(".dated");
      body += "<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr>" +
        linkedXML([{ text: "《" + title.textContent + "》", lang: lang }], link(doc.href(title))) +
        (dated ? runXML({ text: "\u3000" + dated.textContent, grey: true }) : "") + "</w:p>";
      sec.querySelectorAll(".passages > li").forEach(function (li) {
        var where = li.querySelector("a.where");
        if (where) {
          var runs = textRuns(where, false, lang);
          runs.forEach(function (r) { r.bold = true; });
          body += "<w:p><w:pPr><w:keepNext/></w:pPr>" + linkedXML(runs, link(doc.href(where))) + "</w:p>";
        }
        li.querySelectorAll("blockquote").forEach(function (q) {
          body += paraXML(textRuns(q, false, lang), '<w:ind w:left="420"/>');
        });
      });
    });
    body += paraXML([{ text: doc.source, grey: true }]);
    return body;
  }

  // redlineXML writes the body of a 修订稿: doc.title, doc.lines, then
  // for each of doc.rows ({head, text, href}: a section's heading and
  // text as edits, [{op, text}], and its permalink) its heading, in
  // bold and linked, and its text, a paragraph a line; words struck out
  // (op -1) and inserted (op 1) are Word's tracked revisions by
  // doc.author at doc.date, a line end among them a revision of the
  // paragraph's mark. doc.langs are the two documents' langs.
  function redlineXML(doc, link) {
    var body = paraXML([{ text: doc.title }], '<w:pStyle w:val="Heading1"/>');
    doc.lines.forEach(function (l) { body += paraXML([{ text: l }]); });
    var id = 0;
    var rev = function (op) {
      return op ? "<w:" + (op < 0 ? "del" : "ins") + ' w:id="' + ++id + '" w:author="' + esc(doc.author) + '" w:date="' + doc.date + '"' : "";
    };
    var run = function (op, text, bold, linked) {
      var pr = (linked ? '<w:rStyle w:val="Hyperlink"/>' : "") + (bold ? "<w:b/><w:bCs/>" : "") + (doc.langs[op < 0 ? 0 : 1] ? '<w:lang w:eastAsia="' + doc.langs[op < 0 ? 0 : 1] + '"/>' : "");
      var t = op < 0 ? "delText" : "t";
      var xml = "<w:r>" + (pr ? "<w:rPr>" + pr + "</w:rPr>" : "") + text.split("\t").map(function (part) {
        return part ? "<w:" + t + ' xml:space="preserve">' + esc(part) + "</w:" + t + ">" : "";
      }).join("<w:tab/>") + "</w:r>";
      return op ? rev(op) + ">" + xml + "</w:" + (op < 0 ? "del" : "ins") + ">" : xml;
    };
    // paragraphs writes edits as paragraphs, a line end closing one; the
    // paragraph's mark is struck out or inserted with the line end.
    var paragraphs = function (ops, bold, props, rid) {
      var out = "", runs = "";
      var close = function (op) {
        if (rid) runs = '<w:hyperlink r:id="' + rid + '">' + runs + "</w:hyperlink>";
        out += "<w:p><w:pPr>" + props + (op ? "<w:rPr>" + rev(op) + "/></w:rPr>" : "") + "</w:pPr>" + runs + "</w:p>";
        runs = "";
      };
      ops.forEach(function (o) {
        o.text.split("\n").forEach(function (line, i) {
          if (i > 0) close(o.op);
          if (line) runs += run(o.op, line, bold, !!rid);
        });
      });
      close(0);
      return out;
    };
    doc.rows.forEach(function (row) {
      body += paragraphs(row.head, true, "<w:keepNext/>", link(row.href));
      if (row.text.length) body += paragraphs(row.text, false, "", "");
    });
    body += paraXML([{ text: doc.source, grey: true }]);
    return body;
  }

  // The styles the body names: text in 宋体 at 五号 (10.5 pt), a title in
  // 黑体 at 三号, and links as Word draws its own.
  var STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="' + W + '">' +
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"宋体\" w:cs=\"Times New Roman\"/>" +
    "<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>" +
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"60\" w:line=\"288\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>" +
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>" +
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>" +
    "<w:pPr><w:spacing w:before=\"120\" w:after=\"240\"/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/></w:pPr>" +
    "<w:rPr><w:rFonts w:eastAsia=\"黑体\"/><w:b/><w:bCs/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>" +
    [2, 3, 4, 5, 6].map(function (n) {
      // Heading n: bold, in 黑体 for the first two levels below the
      // title, as official documents set 一、 and （一）.
      return "<w:style w:type=\"paragraph\" w:styleId=\"Heading" + n + "\"><w:name w:val=\"heading " + n + "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>" +
        "<w:pPr><w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\"/><w:outlineLvl w:val=\"" + (n - 1) + "\"/></w:pPr>" +
        "<w:rPr>" + (n <= 3 ? "<w:rFonts w:eastAsia=\"黑体\"/>" : "") + "<w:b/><w:bCs/>" + (n === 2 ? "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>" : "") + "</w:rPr></w:style>";
    }).join("") +
    "<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/><w:rPr><w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/></w:rPr></w:style>" +
    "</w:styles>";

  // The footer numbers the pages, 第 1 页，共 3 页, as Word counts them
  // (its PAGE and NUMPAGES fields; the 1 and 1 are what shows before
  // Word has counted).
  var field = function (code) {
    return '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ' + code + " </w:instrText></w:r>" +
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>';
  };
  var FOOTER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="' + W + '" xmlns:r="' + R + '">' +
    '<w:p><w:pPr><w:jc w:val="center"/></w:pPr>' + runXML({ text: "第 " }) + field("PAGE") + runXML({ text: " 页，共 " }) +
    field("NUMPAGES") + runXML({ text: " 页" }) + "</w:p></w:ftr>";

  // parts returns the package's parts: a document called title whose
  // body build(link) writes, link(href) giving the id of a relationship
  // to href (none for none), on A4, landscape or not.
  function parts(title, build, landscape) {
    // Every distinct link is a relationship of the body's.
    var rels = [], ids = {};
    var link = function (href) {
      if (!href) return "";
      if (!ids[href]) {
        ids[href] = "rId" + (rels.length + 2);
        rels.push('<Relationship Id="' + ids[href] + '" Type="' + DOC + 'hyperlink" Target="' + esc(href) + '" TargetMode="External"/>');
      }
      return ids[href];
    };
    var body = wrap(build(link), landscape);
    var xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
    return [
      ["[Content_Types].xml", xml + '<Types xmlns="' + PKG + 'content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
        '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'],
      ["_rels/.rels", xml + '<Relationships xmlns="' + PKG + 'relationships">' +
        '<Relationship Id="rId1" Type="' + DOC + 'officeDocument" Target="word/document.xml"/>' +
        '<Relationship Id="rId2" Type="' + PKG + 'relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'],
      ["docProps/core.xml", xml + '<cp:coreProperties xmlns:cp="' + PKG + 'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        "<dc:title>" + esc(title) + "</dc:title><dc:language>zh-CN</dc:language>" +
        '<dcterms:created xsi:type="dcterms:W3CDTF">' + new Date().toISOString().replace(/\.\d+Z$/, "Z") + "</dcterms:created></cp:coreProperties>"],
      ["word/document.xml", body],
      ["word/styles.xml", STYLES],
      ["word/footer1.xml", FOOTER],
      ["word/_rels/document.xml.rels", xml + '<Relationships xmlns="' + PKG + 'relationships">' +
        '<Relationship Id="rId1" Type="' + DOC + 'styles" Target="styles.xml"/>' +
        '<Relationship Id="rIdFooter" Type="' + DOC + 'footer" Target="footer1.xml"/>' + rels.join("") + "</Relationships>"]
    ];
  }

  // The zip: entries stored, not deflated, which needs no compressor in
  // the page.
  var crcTable = null;
  function crc32(bytes) {
    if (!crcTable) {
      crcTable = new Uint32Array(256);
      for (var n = 0; n < 256; n++) {
        var c = n;
        for (var k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
        crcTable[n] = c >>> 0;
      }
    }
    var crc = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xFF] ^ (crc >>> 8);
    return (crc ^ 0xFFFFFFFF) >>> 0;
  }

  function zip(files) {
    var enc = new TextEncoder(), chunks = [], central = [], offset = 0;
    var now = new Date();
    var time = (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1);
    var date = ((Math.max(now.getFullYear(), 1980) - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
    var header = function (sig, size) {
      var b = new DataView(new ArrayBuffer(size));
      b.setUint32(0, sig, true);
      return b;
    };
    files.forEach(function (f) {
      var name = enc.encode(f[0]), data = enc.encode(f[1]), crc = crc32(data);
      var local = header(0x04034b50, 30);
      local.setUint16(4, 20, true); // version needed: 2.0
      local.setUint16(6, 0x0800, true); // names in UTF-8
      local.setUint16(8, 0, true); // stored
      local.setUint16(10, time, true);
      local.setUint16(12, date, true);
      local.setUint32(14, crc, true);
      local.setUint32(18, data.length, true);
      local.setUint32(22, data.length, true);
      local.setUint16(26, name.length, true);
      var entry = header(0x02014b50, 46);
      entry.setUint16(4, 20, true);
      entry.setUint16(6, 20, true);
      entry.setUint16(8, 0x0800, true);
      entry.setUint16(12, time, true);
      entry.setUint16(14, date, true);
      entry.setUint32(16, crc, true);
      entry.setUint32(20, data.length, true);
      entry.setUint32(24, data.length, true);
      entry.setUint16(28, name.length, true);
      entry.setUint32(42, offset, true);
      chunks.push(local, name, data);
      central.push(entry, name);
      offset += 30 + name.length + data.length;
    });
    var size = central.reduce(function (n, c) { return n + c.byteLength; }, 0);
    var end = header(0x06054b50, 22);
    end.setUint16(8, files.length, true);
    end.setUint16(10, files.length, true);
    end.setUint32(12, size, true);
    end.setUint32(16, offset, true);
    return new Blob(chunks.concat(central, [end]), { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
  }

  // offer has the browser save blob as a file called name.
  function offer(name, blob) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
  }

  window.tiaowenDocx = {
    // save offers a comparison as a Word document called name: doc.title,
    // the lines under it (doc.lines), the table's header (doc.head, with
    // the two sides' langs in doc.headLang), its rows (doc.rows: {a,
    // score, b}, a and b the page's cells), the source line under the
    // table (doc.source), and doc.href(head), a section heading's
    // permalink. With words, the word-by-word view's marks are kept
    // instead of the shared passages'.
    save: function (name, doc, words) {
      offer(name, zip(parts(doc.title, function (link) { return documentXML(doc, words, link); }, true)));
    },
    // saveText offers a document's text as a Word document called name:
    // doc.title, doc.lines, the element doc.text holding the text,
    // doc.source, and doc.href(section), a section's permalink.
    saveText: function (name, doc) {
      offer(name, zip(parts(doc.title, function (link) { return textXML(doc, link); }, false)));
    },
    // saveRedline offers a comparison as a 修订稿 called name: doc.title,
    // doc.lines, its rows (doc.rows, {head, text, href}: a section's
    // heading and text as edits from the first document to the second,
    // [{op, text}], and its permalink), the two documents' langs
    // (doc.langs), doc.source, and the revisions' doc.author and
    // doc.date.
    saveRedline: function (name, doc) {
      offer(name, zip(parts(doc.title, function (link) { return redlineXML(doc, link); }, false)));
    },
    // saveExcerpts offers a theme's passages as a Word document called
    // name: doc.title, doc.lines, the theme page's sections of documents
    // (doc.sections, from one page or several), doc.source, and
    // doc.href(a), the address a link of theirs leads to.
    saveExcerpts: function (name, doc) {
      offer(name, zip(parts(doc.title, function (link) { return excerptsXML(doc, link); }, false)));
    }
  };
})();
