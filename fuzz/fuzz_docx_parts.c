/* fuzz_docx_parts — one XML part of a small, complete DOCX replaced by the fuzzer's
 * bytes, so the mutations reach the XML readers instead of dying in the ZIP layer.
 * The first byte chooses the part (its value mod 5): the main document, styles,
 * numbering, the theme or the footnotes; the rest is that part. A first byte of 128 or
 * more reads it under tiny limits (docx_chain.h). The other parts are the template below,
 * which uses each of them (a title style, theme fonts, a numbered heading, a bold
 * character style, a table style, a footnote). */
#include "docx_chain.h"
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " \
          "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "</Types>";
static const char rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" Target=\"word/document.xml\"/></Relationships>";
static const char doc_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" REL "numbering\" Target=\"numbering.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL "theme\" Target=\"theme/theme1.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" REL "footnotes\" Target=\"footnotes.xml\"/></Relationships>";

static const char document[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W "><w:body>"
    "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsiaTheme=\"minorEastAsia\"/>"
    "</w:rPr><w:t>某某有限公司实施六西格玛设计的经验</w:t></w:r></w:p>"
    "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>"
    "</w:pPr><w:r><w:t>摘要</w:t></w:r></w:p>"
    "<w:p><w:r><w:rPr><w:rStyle w:val=\"Strong\"/><w:b/></w:rPr><w:t xml:space=\"preserve\">正文 Text 2024</w:t>"
    "</w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>"
    "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr><w:tr><w:tc><w:p><w:r><w:t>格</w:t></w:r></w:p>"
    "</w:tc></w:tr></w:tbl>"
    "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>";
static const char styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles " W ">"
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme=\"minorHAnsi\" w:eastAsiaTheme=\"minorEastAsia\"/>"
    "<w:sz w:val=\"24\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line=\"240\" "
    "w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:rFonts w:eastAsia=\"黑体\"/><w:sz w:val=\"36\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"
    "<w:style w:type=\"character\" w:styleId=\"Strong\"><w:name w:val=\"Strong\"/><w:rPr><w:b/></w:rPr></w:style>"
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"
    "<w:rPr><w:sz w:val=\"21\"/></w:rPr></w:style></w:styles>";
static const char numbering[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering " W ">"
    "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
    "<w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2\"/></w:lvl>"
    "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
static const char theme[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Office\"><a:themeElements>"
    "<a:fontScheme name=\"Office\"><a:majorFont><a:latin typeface=\"Calibri Light\"/><a:ea typeface=\"\"/>"
    "<a:font script=\"Hans\" typeface=\"等线 Light\"/></a:majorFont><a:minorFont><a:latin typeface=\"Calibri\"/>"
    "<a:ea typeface=\"\"/><a:font script=\"Hans\" typeface=\"等线\"/></a:minorFont></a:fontScheme>"
    "</a:themeElements></a:theme>";
static const char footnotes[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:footnotes " W ">"
    "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
    "<w:footnote w:id=\"1\"><w:p><w:r><w:t>脚注文字</w:t></w:r></w:p></w:footnote></w:footnotes>";

static int add(zip_t *z, const char *name, const void *data, size_t len)
{
    zip_source_t *s = zip_source_buffer(z, data, len, 0);
    if (!s)
        return 0;
    zip_int64_t i = zip_file_add(z, name, s, ZIP_FL_OVERWRITE);
    if (i < 0) {
        zip_source_free(s);
        return 0;
    }
    return zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const char *const names[] = {"word/document.xml", "word/styles.xml", "word/numbering.xml",
                                        "word/theme/theme1.xml", "word/footnotes.xml"};
    static const char *const bodies[] = {document, styles, numbering, theme, footnotes};
    size_t pick = data[0] % 5;
    char path[4200];
    snprintf(path, sizeof path, "%s/parts.docx", fz_dir());
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z)
        abort();
    int good = add(z, "[Content_Types].xml", content_types, sizeof content_types - 1) &&
               add(z, "_rels/.rels", rels, sizeof rels - 1) &&
               add(z, "word/_rels/document.xml.rels", doc_rels, sizeof doc_rels - 1);
    for (size_t i = 0; i < 5 && good; i++)
        good = i == pick ? add(z, names[i], data + 1, size - 1) : add(z, names[i], bodies[i], strlen(bodies[i]));
    if (!good || zip_close(z) != 0) {
        zip_discard(z);
        abort();
    }
    fz_docx_chain(path, data[0] >= 128);
    return 0;
}
