#!/usr/bin/env python3
"""Makes the .doc files beside this script, which the tests read: Word
documents written as LibreOffice writes them for "Word 97–2003".

Each is first written as a .docx here, then converted by LibreOffice
(Debian: apt-get install libreoffice-writer-nogui):

    python3 make.py && soffice --headless --convert-to doc *.docx && rm seed-*.docx features.docx

seed-<stem>.doc: each seed of ../../../testdata/seeds, a paragraph a
line. features.doc: what a reader does not see (a deleted revision,
hidden text, a field's code, a footnote's mark), a line break, a tab, and
a table. lists.doc: paragraphs Word numbers by lists (一、 （一） 1. ①, a
heading style's list, a second list restarted at 三), kept beside the
lists.docx it is made from, which the tests read too.

../../rtf/testdata/*.rtf are LibreOffice's RTF of the same .docx files
(features, lists, and the seeds 002 and 004):

    soffice --headless --convert-to rtf --outdir ../../rtf/testdata features.docx ...
"""
import glob
import os
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "../../../testdata/seeds")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
         '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
         '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
         '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
         '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '</Relationships>')
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '</Relationships>')
FOOTNOTES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes ' + W + '>'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 脚注的文字不在正文中。</w:t></w:r></w:p></w:footnote>'
             '</w:footnotes>')


# A list as Chinese plans number theirs, 一、 （一） 1. ①; the second
# list (numId 2) has its levels, its first restarted at 3.
NUMBERING = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering ' + W + '>'
             '<w:abstractNum w:abstractNumId="0">'
             '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
             '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
             '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
             '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%4"/></w:lvl>'
             '</w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
             '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>'
             '</w:numbering>')
# Heading1 is numbered by the list's first level.
STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ' + W + '>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
          '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
          '</w:styles>')


def run(text, props=""):
    return '<w:r>' + (('<w:rPr>' + props + '</w:rPr>') if props else '') + '<w:t xml:space="preserve">' + escape(text) + '</w:t></w:r>'


def para(*runs):
    return '<w:p>' + "".join(runs) + '</w:p>'


def write(name, body):
    with zipfile.ZipFile(os.path.join(HERE, name + ".docx"), "w") as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/footnotes.xml", FOOTNOTES)
        z.writestr("word/numbering.xml", NUMBERING)
        z.writestr("word/styles.xml", STYLES)
        z.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ' + W +
                   '><w:body>' + body + '<w:sectPr/></w:body></w:document>')


for path in sorted(glob.glob(os.path.join(SEEDS, "*.txt"))):
    stem = os.path.basename(path)[:-4]
    with open(path, encoding="utf-8") as f:
        write("seed-" + stem, "".join(para(run(l)) if l else para() for l in f.read().split("\n")))

rev = 'w:author="审校" w:date="2024-01-01T00:00:00Z"'
cell = lambda text: '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>' + para(run(text)) + '</w:tc>'
write("features", "".join([
    para(run("关于推进质量强省建设的实施意见")),
    para(run("一、总体要求")),
    para(run("（一）指导思想。坚持"),
         '<w:del w:id="1" ' + rev + '><w:r><w:delText>旧的</w:delText></w:r></w:del>',
         '<w:ins w:id="2" ' + rev + '>' + run("新的") + '</w:ins>',
         run("质量第一。"),
         run("隐藏的文字", "<w:vanish/>"),
         run("见"),
         '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "http://example.org/" </w:instrText></w:r>'
         '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("省政府网站") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
         run("。"),
         '<w:r><w:footnoteReference w:id="1"/></w:r>'),
    para(run("第一行"), '<w:r><w:br/></w:r>', run("第二行"), '<w:r><w:tab/></w:r>', run("制表符后")),
    para(run("附件：重点任务分工表")),
    '<w:tbl><w:tblPr><w:tblW w:w="6000" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>'
    '<w:tr>' + cell("序号") + cell("任务") + cell("责任单位") + '</w:tr>'
    '<w:tr>' + cell("1") + cell("完善质量法规") + cell("省司法厅") + '</w:tr>'
    '<w:tr>' + cell("2") + '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p/></w:tc>' + cell("省市场监管局") + '</w:tr>'
    '</w:tbl>',
    para(run("二、主要任务")),
]))

numbered = lambda ppr, text: '<w:p><w:pPr>' + ppr + '</w:pPr>' + run(text) + '</w:p>'
item = lambda num, level: '<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>' % (level, num)
write("lists", "".join([
    para(run("甲市质量强市实施方案")),
    numbered('<w:pStyle w:val="Heading1"/>', "总体要求"),
    numbered(item(1, 1), "指导思想"),
    numbered(item(1, 2), "建立首负责任制。"),
    numbered(item(1, 2), "推行双比对双提升。"),
    numbered(item(1, 3), "完善标准"),
    numbered(item(1, 1), "主要目标"),
    numbered('<w:pStyle w:val="Heading1"/>', "重点任务"),
    numbered(item(1, 1), "任务一"),
    numbered(item(2, 0), "保障措施"),
]))
