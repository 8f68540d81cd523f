/* Unit tests of the DOCX reader on small packages built here: reading order, tables,
 * text boxes (without the VML fallback twice), footnotes, numbering labels, tracked
 * changes, field results, section page sizes, hostile XML. */
#define _DEFAULT_SOURCE
#include "docx.h"
#include "tap.h"

#include <stdlib.h>
#include <unistd.h>
#include <zip.h>

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " \
          "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" " \
          "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" " \
          "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" " \
          "xmlns:v=\"urn:schemas-microsoft-com:vml\" " \
          "xmlns:wpg=\"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup\" " \
          "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""

static const char rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "</Relationships>";
static const char doc_rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/>"
    "</Relationships>";
static const char numbering[] =
    "<?xml version=\"1.0\"?><w:numbering " W ">"
    "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
    "<w:lvlText w:val=\"%1、\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
    "<w:lvlText w:val=\"（%2）\"/></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
static const char footnotes[] =
    "<?xml version=\"1.0\"?><w:footnotes " W ">"
    "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
    "<w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>脚注文字</w:t></w:r></w:p></w:footnote>"
    "</w:footnotes>";

static char *make_docx(const char *document, int with_parts)
{
    char *path = qb_strdup("/tmp/qb-docx-test-XXXXXX.docx");
    int fd = mkstemps(path, 5);
    if (fd < 0)
        return NULL;
    close(fd);
    unlink(path);
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    const char *names[] = {"_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
                           "word/numbering.xml", "word/footnotes.xml"};
    const char *bodies[] = {rels, document, doc_rels, numbering, footnotes};
    for (int i = 0; i < (with_parts ? 5 : 2); i++) {
        zip_source_t *s = zip_source_buffer(z, bodies[i], strlen(bodies[i]), 0);
        zip_file_add(z, names[i], s, ZIP_FL_OVERWRITE);
    }
    if (zip_close(z) != 0)
        return NULL;
    return path;
}

static qb_status read_doc(const char *document, int with_parts, qb_doc *d)
{
    char *path = make_docx(document, with_parts);
    qb_status st = path ? qb_docx_read(path, d, NULL) : QB_ERR_IO;
    if (path)
        unlink(path);
    free(path);
    return st;
}

/* Make the ZIP say that word/document.xml holds only 10 bytes (the "liar" of
 * LIBRARIES.md §3): both the central directory and the local header are patched. */
static int shrink_declared_size(const char *path)
{
    FILE *f = fopen(path, "r+b");
    if (!f)
        return 0;
    unsigned char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    const char name[] = "word/document.xml";
    size_t nl = sizeof name - 1;
    int patched = 0;
    for (size_t i = 0; i + 46 + nl <= n; i++) {
        if (memcmp(buf + i, "PK\x01\x02", 4) == 0 && buf[i + 28] == nl && memcmp(buf + i + 46, name, nl) == 0) {
            memcpy(buf + i + 24, "\x0a\0\0\0", 4);
            patched++;
        }
        if (memcmp(buf + i, "PK\x03\x04", 4) == 0 && buf[i + 26] == nl && memcmp(buf + i + 30, name, nl) == 0) {
            memcpy(buf + i + 22, "\x0a\0\0\0", 4);
            patched++;
        }
    }
    rewind(f);
    int ok = fwrite(buf, 1, n, f) == n;
    fclose(f);
    return ok && patched == 2;
}

int main(void)
{
    qb_doc d;
    const char *body =
        "<?xml version=\"1.0\"?><w:document " W "><w:body>"
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>企业概况</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>基本情况</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>主要做法</w:t></w:r></w:p>"
        "<w:p><w:r><w:t xml:space=\"preserve\">保留</w:t></w:r><w:ins><w:r><w:t>插入</w:t></w:r></w:ins>"
        "<w:del><w:r><w:delText>删除</w:delText></w:r></w:del></w:p>"
        "<w:p><w:r><w:t>见</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
        "<w:r><w:instrText> SEQ 表格 \\* ARABIC </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
        "<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
        "<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>"
        "<w:p/>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr>"
        "<w:tr><w:tc><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>"
        "<w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>锚</w:t></w:r></w:p>"
        "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>可见</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/></w:sectPr></w:pPr>"
        "<w:r><w:t>横向节</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>末节</w:t></w:r></w:p>"
        "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>"
        "</w:body></w:document>";
    qb_status st = read_doc(body, 1, &d);
    ok(st == QB_OK, "a package with numbering, footnotes, tables and text boxes reads");
    if (st != QB_OK)
        return tap_done();
    is_str(d.paras[0].text, "一、企业概况", "the numbering label 一、 is part of the text");
    is_int(d.paras[0].label_len, strlen("一、"), "and its length is known (it is not counted)");
    is_str(d.paras[1].text, "（一）基本情况", "level 2 reads （一）");
    is_str(d.paras[2].text, "二、主要做法", "level 1 continues with 二、");
    is_str(d.paras[3].text, "保留插入", "insertions are kept, deletions dropped");
    ok(d.revisions >= 2, "tracked changes are counted (%d)", d.revisions);
    is_str(d.paras[4].text, "见3", "a field shows its result, not its code");
    is_str(d.paras[4].seq, "表格", "the SEQ identifier is recorded");
    is_str(d.paras[5].text, "正文", "the citing paragraph");
    is_str(d.paras[6].text, "脚注文字", "the footnote follows the paragraph that cites it");
    is_int(d.paras[6].where, QB_IN_FOOTNOTE, "as a footnote paragraph");
    is_int(d.paras[6].number, 0, "which has no paragraph number of its own");
    is_int(d.paras[7].number, 7, "an empty <w:p/> is paragraph 7");
    is_str(d.paras[8].text, "甲", "table cells in reading order");
    is_int(d.paras[8].where, QB_IN_TABLE, "in a table");
    is_str(d.paras[10].text, "内", "a nested table's cell comes inside its cell");
    is_int(d.tables[d.paras[10].table].depth, 2, "at depth 2");
    is_int(d.paras[11].row, 1, "丙 is in row 2");
    is_int(d.ntable, 2, "two tables");
    is_int(d.tables[0].before_para, 8, "the first table starts after paragraph 8");
    is_str(d.paras[12].text, "锚", "the anchoring paragraph");
    is_str(d.paras[13].text, "框内", "then the text box content, once (the VML fallback is skipped)");
    is_int(d.paras[13].where, QB_IN_TEXTBOX, "as a text-box paragraph");
    ok(d.npara == 17, "17 paragraphs in all (%zu)", d.npara);
    is_str(d.paras[14].text, "可见", "hidden text is not read");
    is_int(d.nsect, 2, "two sections");
    ok(d.sects[0].landscape && d.sects[0].w == 16838, "the first is landscape");
    is_int(d.sects[0].end_para, 16, "and ends after the paragraph carrying its sectPr");
    ok(!d.sects[1].landscape && d.sects[1].h == 16838, "the last is A4 portrait");
    qb_doc_free(&d);

    const char *xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                      "<w:document " W "><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>";
    is_int(read_doc(xxe, 0, &d), QB_ERR_UNSAFE, "a DOCTYPE is refused (no XXE)");
    qb_doc_free(&d);
    const char *broken = "<?xml version=\"1.0\"?><w:document " W "><w:body><w:p><w:r><w:t>x</w:r></w:body>";
    is_int(read_doc(broken, 0, &d), QB_ERR_FORMAT, "malformed XML is a format error");
    qb_doc_free(&d);
    const char *bom = "\xEF\xBB\xBF<?xml version=\"1.0\"?><w:document " W "><w:body><w:p><w:r><w:t>BOM</w:t></w:r></w:p></w:body></w:document>";
    st = read_doc(bom, 0, &d);
    ok(st == QB_OK && d.npara == 1 && strcmp(d.paras[0].text, "BOM") == 0, "a part with a UTF-8 BOM reads");
    qb_doc_free(&d);
    const char *shapes = "<?xml version=\"1.0\"?><w:document " W "><w:body>"
        "<w:p><w:r><w:drawing><wpg:wgp><wps:wsp/><wps:wsp/></wpg:wgp></w:drawing></w:r></w:p>"
        "<w:p><w:r><w:drawing><wpg:wgp><a:blip r:embed=\"rId9\"/></wpg:wgp></w:drawing></w:r></w:p>"
        "<w:p><w:r><w:drawing><wps:wsp/></w:drawing></w:r></w:p>"
        "</w:body></w:document>";
    st = read_doc(shapes, 0, &d);
    ok(st == QB_OK && d.npara == 3, "drawings made of shapes read");
    if (st == QB_OK) {
        is_int(d.paras[0].drawings, 1, "a group of shapes is a figure (a flowchart drawn in Word)");
        is_int(d.paras[1].drawings, 1, "a group holding a picture counts once");
        is_int(d.paras[2].drawings, 0, "a lone shape (a line, an arrow) is not a figure");
    }
    qb_doc_free(&d);
    /* a part that holds more than it declares is refused, not read past its size */
    char *liar = make_docx("<?xml version=\"1.0\"?><w:document " W "><w:body><w:p><w:r><w:t>"
                           "这段文字比声明的十个字节长得多，读取器必须发现</w:t></w:r></w:p></w:body></w:document>", 0);
    ok(liar && shrink_declared_size(liar), "a DOCX whose document.xml declares 10 bytes is made");
    if (liar) {
        qb_err e = {0};
        is_int(qb_docx_read(liar, &d, &e), QB_ERR_LIMIT, "a part longer than it declares is refused (%s)",
               qb_err_text(&e, 1));
        qb_doc_free(&d);
        unlink(liar);
        free(liar);
    }
    const char *ns0 = "<?xml version=\"1.0\"?><ns0:document xmlns:ns0=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                      "<ns0:body><ns0:p><ns0:r><ns0:t>前缀</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>";
    st = read_doc(ns0, 0, &d);
    ok(st == QB_OK && d.npara == 1 && strcmp(d.paras[0].text, "前缀") == 0, "another namespace prefix reads");
    qb_doc_free(&d);
    const char *strict = "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\">"
                         "<w:body><w:p><w:r><w:t>严格</w:t></w:r></w:p></w:body></w:document>";
    st = read_doc(strict, 0, &d);
    ok(st == QB_OK && d.npara == 1, "ISO 29500 strict namespaces read");
    qb_doc_free(&d);
    /* legacy form fields show their value (Word writes no result text for them): a
     * drop-down's w:result entry, else w:default's, else the first; check boxes ☒ ☐ */
    const char *ff = "<?xml version=\"1.0\"?><w:document " W "><w:body><w:p>"
#define DD(list) "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:ddList>" list "<w:listEntry w:val=\"甲\"/>" \
                 "<w:listEntry w:val=\"乙\"/><w:listEntry w:val=\"丙\"/></w:ddList></w:ffData></w:fldChar></w:r>" \
                 "<w:r><w:instrText> FORMDROPDOWN </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
#define CB(box) "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:checkBox>" box "</w:checkBox></w:ffData>" \
                "</w:fldChar></w:r><w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r>" \
                "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        DD("<w:result w:val=\"2\"/>") DD("<w:default w:val=\"1\"/>") DD("")
        CB("<w:default w:val=\"0\"/><w:checked/>") CB("<w:default w:val=\"1\"/><w:checked w:val=\"0\"/>")
        CB("<w:default/>") CB("")
        "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:ddList><w:result w:val=\"1\"/><w:listEntry w:val=\"一\"/>"
        "<w:listEntry w:val=\"二\"/></w:ddList></w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMDROPDOWN </w:instrText>"
        "</w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>二</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        "</w:p></w:body></w:document>";
#undef DD
#undef CB
    st = read_doc(ff, 0, &d);
    ok(st == QB_OK && d.npara == 1, "a paragraph of form fields reads");
    if (st == QB_OK && d.npara == 1)
        is_str(d.paras[0].text, "丙乙甲☒☐☒☐二", "drop-downs show their entry, check boxes their state, a result "
                                                 "written after a value is not repeated");
    qb_doc_free(&d);
    /* an equation: linear text, scripts as raised/lowered runs marked math, a script in a
     * script with ^, fields inside it give their result */
    const char *eq = "<?xml version=\"1.0\"?><w:document " W " xmlns:m=\"http://schemas.openxmlformats.org/officeDocument/2006/math\">"
        "<w:body><w:p><w:r><w:t>设</w:t></w:r><m:oMath>"
        "<m:sSup><m:e><m:r><m:t>e</m:t></m:r></m:e><m:sup><m:sSup><m:e><m:r><m:t>x</m:t></m:r></m:e>"
        "<m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup></m:sup></m:sSup><m:r><m:t>=</m:t></m:r>"
        "<m:rad><m:radPr><m:degHide m:val=\"1\"/></m:radPr><m:deg/><m:e><m:r><m:t>a+b</m:t></m:r></m:e></m:rad>"
        "<m:d><m:dPr><m:begChr m:val=\"[\"/><m:endChr m:val=\"]\"/></m:dPr><m:e><m:r><m:t>c</m:t></m:r></m:e></m:d>"
        "<m:r><w:fldChar w:fldCharType=\"begin\"/></m:r><m:r><m:t> SEQ Equation </m:t></m:r>"
        "<m:r><w:fldChar w:fldCharType=\"separate\"/></m:r><m:r><m:t>(1)</m:t></m:r><m:r><w:fldChar w:fldCharType=\"end\"/></m:r>"
        "</m:oMath><w:r><w:t>为例</w:t></w:r></w:p></w:body></w:document>";
    st = read_doc(eq, 0, &d);
    ok(st == QB_OK && d.npara == 1, "a paragraph with an equation reads");
    if (st == QB_OK && d.npara == 1) {
        is_str(d.paras[0].text, "设ex^2=√(a+b)[c](1)为例", "the equation as linear text in the run flow");
        char va[16] = "", it[16] = "";
        int math = 0;
        size_t n = d.paras[0].nruns;
        for (size_t r = 0; r < n && r < 15; r++) {
            va[r] = (char)('0' + d.paras[0].runs[r].f.valign);
            it[r] = (char)('0' + d.paras[0].runs[r].f.italic);
            math += d.paras[0].runs[r].f.math;
        }
        /* 设 | e x ^2 =√( a + b )[ c ](1) | 为例: letters italic as Word sets math, the rest upright */
        is_str(va, "001100000000", "runs: x and its ^2 raised, nothing else");
        is_str(it, "011001010100", "runs: the equation's letters italic; digits, operators, brackets upright");
        ok(n == 12 && math == 10 && !d.paras[0].runs[0].f.math && !d.paras[0].runs[n - 1].f.math,
           "the equation's runs are marked math, the text around it not");
    }
    qb_doc_free(&d);
    /* what a table of contents holds is marked: a TOC field across paragraphs (its
     * PAGEREF fields nested), a TOC in fldSimple, an SDT of the TOC gallery */
    const char *tocs = "<?xml version=\"1.0\"?><w:document " W "><w:body>"
        "<w:p><w:r><w:t>目录</w:t></w:r></w:p>"
        "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> TOC \\o \"1-3\" \\h </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>摘要</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGEREF _Toc1 \\h </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
        "<w:p><w:r><w:t>企业概况2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
        "<w:p><w:r><w:t>摘要</w:t></w:r></w:p>"
        "<w:p><w:fldSimple w:instr=\" TOC \\o &quot;1-3&quot; \"><w:r><w:t>简单</w:t></w:r></w:fldSimple></w:p>"
        "<w:p><w:fldSimple w:instr=\" TOCX \"><w:r><w:t>不是</w:t></w:r></w:fldSimple></w:p>"
        "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/></w:docPartObj></w:sdtPr>"
        "<w:sdtContent><w:p><w:r><w:t>目录</w:t></w:r></w:p><w:p><w:r><w:t>摘要1</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Cover Pages\"/></w:docPartObj></w:sdtPr>"
        "<w:sdtContent><w:p><w:r><w:t>封面</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        "<w:p><w:r><w:t>正文</w:t></w:r></w:p>"
        "</w:body></w:document>";
    st = read_doc(tocs, 0, &d);
    ok(st == QB_OK && d.npara == 10, "a document with tables of contents reads (%zu paragraphs)", d.npara);
    if (st == QB_OK && d.npara == 10) {
        int want[] = {0, 1, 1, 0, 1, 0, 1, 1, 0, 0};
        char got[16] = "", exp[16] = "";
        for (int i = 0; i < 10; i++) {
            got[i] = (char)('0' + d.paras[i].in_toc);
            exp[i] = (char)('0' + want[i]);
        }
        is_str(got, exp, "marked: the TOC field's paragraphs (begin to end), a TOC fldSimple, the TOC SDT; "
                         "not the 目录 line outside them, TOCX, a cover-page SDT, the text after");
        is_str(d.paras[1].text, "摘要1", "a TOC entry shows its text and page number");
    }
    qb_doc_free(&d);

    /* a drop-down form field shows its chosen entry (w:result counts from 0; w:default when
     * there is no result), which Word keeps in ffData, not between separate and end */
    const char *dd =
        "<?xml version=\"1.0\"?><w:document " W "><w:body>"
        "<w:p><w:r><w:t>版次</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"LB\"/>"
        "<w:ddList><w:result w:val=\"2\"/><w:listEntry w:val=\"选择\"/><w:listEntry w:val=\"讨论稿\"/>"
        "<w:listEntry w:val=\"征求意见稿\"/></w:ddList></w:ffData></w:fldChar></w:r>"
        "<w:r><w:instrText> FORMDROPDOWN </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
        "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:ddList><w:default w:val=\"1\"/>"
        "<w:listEntry w:val=\"甲\"/><w:listEntry w:val=\"乙\"/></w:ddList></w:ffData></w:fldChar></w:r>"
        "<w:r><w:instrText> FORMDROPDOWN </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        "<w:r><w:t>。</w:t></w:r></w:p>"
        "</w:body></w:document>";
    st = read_doc(dd, 0, &d);
    ok(st == QB_OK && d.npara == 2, "a document with two drop-down form fields reads");
    if (st == QB_OK && d.npara == 2) {
        is_str(d.paras[0].text, "版次征求意见稿", "a drop-down shows the entry its w:result chooses");
        is_str(d.paras[1].text, "乙。", "… or its w:default, without a separate");
    }
    qb_doc_free(&d);
    return tap_done();
}
