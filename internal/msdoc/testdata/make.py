#!/usr/bin/env python3
"""Makes the .doc files beside this script, which the tests read: Word
documents written as LibreOffice writes them for "Word 97–2003".

Each is first written as a .docx here, then converted by LibreOffice
(Debian: apt-get install libreoffice-writer-nogui):

    python3 make.py && soffice --headless --convert-to doc *.docx && rm *.docx

seed-<stem>.doc: each seed of ../../../testdata/seeds, a paragraph a
line. features.doc: what a reader does not see (a deleted revision,
hidden text, a field's code, a footnote's mark), a line break, a tab, and
a table.
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
         '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '</Relationships>')
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
            '</Relationships>')
FOOTNOTES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes ' + W + '>'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 脚注的文字不在正文中。</w:t></w:r></w:p></w:footnote>'
             '</w:footnotes>')


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
