/* styles_lint_samples — the format rules on write-ups built here, one per broken
 * rule, and compliant ones whose formatting is expressed every way Word allows
 * (direct formatting, a basedOn chain with Chinese style ids, docDefaults only, theme
 * fonts only, LibreOffice's theme + wrong name, WPS's explicit fonts on every run,
 * toggles). A compliant write-up must raise no format.* finding at all; a broken one
 * exactly the rule it breaks. Read through qb_docx_read → qb_sections_run →
 * qb_lint_run, as qb-lint and qb-check do. */
#include "annotate.h"
#include "docx.h"
#include "edition.h"
#include "lint.h"
#include "sections.h"
#include "styles_docx.h"
#include "xmlsafe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

static int n_test, failed;

static void ok(int cond, const char *what)
{
    printf("%sok %d - %s\n", cond ? "" : "not ", ++n_test, what);
    if (!cond)
        failed = 1;
}

/* ---- a write-up ------------------------------------------------------------------- */

/* How each kind of paragraph is written: inner XML of its w:pPr and of its runs' w:rPr. */
typedef struct {
    const char *title_p, *title_r;
    const char *ahead_p, *ahead_r;  /* "摘要" */
    const char *body_p, *body_r;    /* abstract and body text */
    const char *head_p, *head_r;    /* 一、企业概况 … */
    const char *cap_p, *cap_r;      /* captions */
    const char *overview_r;         /* overview body runs, when they differ (NULL: body_r) */
    const char *overview_p;
    const char *stray_r;            /* one run of the practice section, when set */
    const char *sect;               /* sectPr inner XML (NULL: A4 portrait) */
    const char *tab1_cap, *tab2_cap, *fig1_cap, *fig2_cap; /* caption texts (NULL: default) */
    int tab1_cap_below;             /* table 1's caption after the table */
    int fig1_cap_above;             /* figure 1's caption before the figure */
    int tab2_no_cap;                /* table 2 without a caption */
    const char *styles, *theme, *settings;
} writeup;

static void para(qb_buf *b, const char *ppr, const char *rpr, const char *text)
{
    qb_buf_addf(b, "<w:p><w:pPr>%s</w:pPr><w:r><w:rPr>%s</w:rPr><w:t xml:space=\"preserve\">%s</w:t></w:r></w:p>",
                ppr ? ppr : "", rpr ? rpr : "", text);
}

/* A body paragraph with Chinese, digits and Latin, so every font slot is exercised. */
static void body(qb_buf *b, const writeup *w, const char *ppr, const char *rpr, const char *text)
{
    qb_buf_addf(b, "<w:p><w:pPr>%s</w:pPr>", ppr ? ppr : w->body_p ? w->body_p : "");
    qb_buf_addf(b, "<w:r><w:rPr>%s</w:rPr><w:t xml:space=\"preserve\">%s</w:t></w:r>", rpr ? rpr : w->body_r ? w->body_r : "",
                text);
    qb_buf_addf(b, "<w:r><w:rPr>%s</w:rPr><w:t xml:space=\"preserve\"> 2023 年通过 ISO 9001 认证，“质量损失率”下降 12.5%%。</w:t></w:r></w:p>",
                rpr ? rpr : w->body_r ? w->body_r : "");
}

static void table(qb_buf *b)
{
    qb_buf_adds(b, "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"4000\"/>"
                   "<w:gridCol w:w=\"4000\"/></w:tblGrid>");
    const char *cells[2][2] = {{"项目", "指标"}, {"一次合格率", "99.2%"}};
    for (int r = 0; r < 2; r++) {
        qb_buf_adds(b, "<w:tr>");
        for (int c = 0; c < 2; c++)
            qb_buf_addf(b, "<w:tc><w:tcPr><w:tcW w:w=\"4000\" w:type=\"dxa\"/></w:tcPr><w:p><w:r><w:rPr>"
                           "<w:rFonts w:eastAsia=\"仿宋\"/><w:sz w:val=\"18\"/></w:rPr><w:t>%s</w:t></w:r></w:p></w:tc>",
                        cells[r][c]);
        qb_buf_adds(b, "</w:tr>");
    }
    qb_buf_adds(b, "</w:tbl>");
}

static void figure(qb_buf *b)
{
    qb_buf_adds(b, "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing><wp:inline><wp:extent cx=\"2743200\" "
                   "cy=\"1828800\"/><wp:docPr id=\"1\" name=\"图片 1\"/><a:graphic><a:graphicData uri=\"http://schemas."
                   "openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"1\" name=\"image1.png\"/>"
                   "<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rIdImg\"/><a:stretch><a:fillRect/></a:stretch>"
                   "</pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"2743200\" cy=\"1828800\"/></a:xfrm>"
                   "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"
                   "</wp:inline></w:drawing></w:r></w:p>");
}

#define DEF(x, d) ((x) ? (x) : (d))

/* Title, 摘要, abstract, then the three body sections with two tables and two figures. */
static char *build_body(const writeup *w)
{
    qb_buf b = {0};
    para(&b, w->title_p, w->title_r, "某某机械有限公司实施六西格玛设计的经验");
    para(&b, w->ahead_p, w->ahead_r, "摘要");
    body(&b, w, NULL, NULL, "本文介绍公司推行六西格玛设计的做法与成效。");
    body(&b, w, NULL, NULL, "通过项目化推进，产品研发周期缩短三成。");
    para(&b, w->head_p, w->head_r, "一、企业概况");
    body(&b, w, w->overview_p, w->overview_r, "公司成立于一九九八年，主要生产精密机床。");
    body(&b, w, w->overview_p, w->overview_r, "现有员工一千二百人，年销售收入十亿元。");
    para(&b, w->head_p, w->head_r, "二、管理方法（技术）的推进和应用情况");
    body(&b, w, NULL, NULL, "公司从组织、制度、培训三个方面推进。");
    if (w->stray_r) /* two characters in another font inside a normal paragraph */
        qb_buf_addf(&b, "<w:p><w:pPr>%s</w:pPr><w:r><w:rPr>%s</w:rPr><w:t>这一段有两个</w:t></w:r><w:r><w:rPr>%s"
                        "</w:rPr><w:t>错字</w:t></w:r><w:r><w:rPr>%s</w:rPr><w:t>，其余都对。</w:t></w:r></w:p>",
                    DEF(w->body_p, ""), DEF(w->body_r, ""), w->stray_r, DEF(w->body_r, ""));
    if (!w->tab1_cap_below)
        para(&b, w->cap_p, w->cap_r, DEF(w->tab1_cap, "表1 推进计划"));
    table(&b);
    if (w->tab1_cap_below)
        para(&b, w->cap_p, w->cap_r, DEF(w->tab1_cap, "表1 推进计划"));
    body(&b, w, NULL, NULL, "推进流程如下图所示。");
    if (w->fig1_cap_above)
        para(&b, w->cap_p, w->cap_r, DEF(w->fig1_cap, "图1 推进流程"));
    figure(&b);
    if (!w->fig1_cap_above)
        para(&b, w->cap_p, w->cap_r, DEF(w->fig1_cap, "图1 推进流程"));
    body(&b, w, NULL, NULL, "各部门按计划完成了培训。");
    para(&b, w->head_p, w->head_r, "三、管理方法（技术）的实施效果");
    body(&b, w, NULL, NULL, "实施三年来，质量指标明显改善。");
    if (!w->tab2_no_cap)
        para(&b, w->cap_p, w->cap_r, DEF(w->tab2_cap, "表2 实施前后对比"));
    table(&b);
    figure(&b);
    para(&b, w->cap_p, w->cap_r, DEF(w->fig2_cap, "图2 质量损失率变化"));
    body(&b, w, NULL, NULL, "经验已在集团内推广。");
    qb_buf_addf(&b, "<w:sectPr>%s</w:sectPr>",
                DEF(w->sect, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1800\" "
                             "w:bottom=\"1440\" w:left=\"1800\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"));
    return qb_buf_take(&b);
}

static qb_edition ed;
static char path[64];

/* Read, section and lint a write-up; *doc is the caller's to free. */
static int run(const writeup *w, qb_doc *doc)
{
    char *bodyxml = build_body(w);
    tdocx d = {bodyxml, w->styles, w->theme, w->settings, NULL, 1};
    int good = bodyxml && tdocx_write(path, &d);
    free(bodyxml);
    good = good && qb_docx_read(path, doc, NULL) == QB_OK;
    good = good && qb_sections_run(doc, &ed) == QB_OK && qb_lint_run(doc, &ed) == QB_OK;
    return good;
}

/* The format.* rules found, comma-separated, in order, each once. */
static void rules_of(const qb_doc *doc, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t i = 0; i < doc->findings.n; i++) {
        const char *r = doc->findings.v[i].rule;
        if (strncmp(r, "format.", 7) != 0 || strstr(out, r))
            continue;
        if (out[0])
            strncat(out, ",", size - strlen(out) - 1);
        strncat(out, r, size - strlen(out) - 1);
    }
}

static const qb_finding *find(const qb_doc *doc, const char *rule)
{
    for (size_t i = 0; i < doc->findings.n; i++)
        if (strcmp(doc->findings.v[i].rule, rule) == 0)
            return &doc->findings.v[i];
    return NULL;
}

/* Exactly the rules in want fire (want "" for a compliant write-up), and the write-up
 * itself is sound (every section found, nothing over its limit). */
static void expect(const char *what, const writeup *w, const char *want, qb_doc *keep)
{
    qb_doc doc;
    qb_doc_init(&doc);
    char got[512] = "";
    int good = run(w, &doc);
    if (good)
        rules_of(&doc, got, sizeof got);
    int sound = good && !qb_findings_has_rule(&doc.findings, "section.missing");
    char line[600];
    snprintf(line, sizeof line, "%s: %s", what, *want ? want : "no format finding");
    ok(good && sound && strcmp(got, want) == 0, line);
    if (!(good && strcmp(got, want) == 0))
        printf("#   got \"%s\"\n", got);
    if (!sound)
        printf("#   the write-up itself is not sound (read %d)\n", good);
    if (good && strcmp(got, want) != 0)
        for (size_t i = 0; i < doc.findings.n; i++)
            printf("#   %s %s\n", doc.findings.v[i].rule, doc.findings.v[i].message);
    if (keep)
        *keep = doc;
    else
        qb_doc_free(&doc);
}

/* ---- the ways of writing a compliant write-up -------------------------------------- */

#define SONG "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"宋体\"/>"
#define HEI "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"黑体\"/>"
#define CENTER "<w:jc w:val=\"center\"/>"
#define SINGLE "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/>"
#define SZ(n) "<w:sz w:val=\"" #n "\"/><w:szCs w:val=\"" #n "\"/>"

/* Direct formatting on every paragraph and run. */
static writeup direct(void)
{
    writeup w = {0};
    w.title_p = CENTER;
    w.title_r = HEI SZ(36);
    w.ahead_p = CENTER;
    w.ahead_r = SONG "<w:b/>" SZ(28);
    w.body_p = SINGLE "<w:ind w:firstLineChars=\"200\"/>";
    w.body_r = SONG SZ(24);
    w.head_p = SINGLE;
    w.head_r = HEI SZ(28);
    w.cap_p = CENTER SINGLE;
    w.cap_r = SONG "<w:b/>" SZ(21);
    return w;
}

#define STYLES_OPEN "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:styles " TD_W_NS ">"

/* A basedOn chain of custom styles with Chinese Word's ids ("a" Normal, "af" caption). */
static const char *chain_styles =
    STYLES_OPEN "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:eastAsia=\"等线\" w:hAnsi=\"Calibri\"/>"
    "<w:sz w:val=\"21\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line=\"312\" w:lineRule=\"auto\"/>"
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/><w:pPr><w:jc w:val=\"both\"/>"
    "</w:pPr></w:style>"
    "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"a0\"><w:name w:val=\"Default Paragraph Font\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"a1\"><w:name w:val=\"公文基础\"/><w:basedOn w:val=\"a\"/>"
    "<w:pPr><w:spacing w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
    "w:eastAsia=\"SimSun\" w:hAnsi=\"Times New Roman\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"a2\"><w:name w:val=\"材料正文\"/><w:basedOn w:val=\"a1\"/>"
    "<w:pPr><w:ind w:firstLineChars=\"200\"/></w:pPr><w:rPr><w:sz w:val=\"24\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"a3\"><w:name w:val=\"材料题目\"/><w:basedOn w:val=\"a2\"/>"
    "<w:pPr><w:ind w:firstLineChars=\"0\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:rFonts w:eastAsia=\"SimHei\"/>"
    "<w:sz w:val=\"36\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"a4\"><w:name w:val=\"摘要二字\"/><w:basedOn w:val=\"a2\"/>"
    "<w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"a2\"/>"
    "<w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:rFonts w:eastAsia=\"黑体\"/><w:sz w:val=\"28\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"af\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"a1\"/>"
    "<w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"21\"/></w:rPr></w:style>"
    "</w:styles>";

static writeup chain(void)
{
    writeup w = {0};
    w.styles = chain_styles;
    w.title_p = "<w:pStyle w:val=\"a3\"/>";
    w.ahead_p = "<w:pStyle w:val=\"a4\"/>";
    w.body_p = "<w:pStyle w:val=\"a2\"/>";
    w.head_p = "<w:pStyle w:val=\"1\"/>";
    w.cap_p = "<w:pStyle w:val=\"af\"/>";
    return w;
}

/* Body text formatted by docDefaults alone; the rest by direct formatting. */
static writeup defaults_only(void)
{
    writeup w = direct();
    w.styles = STYLES_OPEN "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"宋体\" "
               "w:hAnsi=\"Times New Roman\"/><w:sz w:val=\"24\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr>"
               "</w:rPrDefault><w:pPrDefault/></w:docDefaults></w:styles>";
    w.body_p = NULL;
    w.body_r = NULL;
    w.head_p = NULL;
    w.ahead_r = "<w:b/>" SZ(28);
    w.cap_p = CENTER;
    w.cap_r = "<w:b/>" SZ(21);
    return w;
}

static const char *theme_xml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Office 主题\">"
    "<a:themeElements><a:clrScheme name=\"Office\"><a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1>"
    "<a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1><a:dk2><a:srgbClr val=\"44546A\"/></a:dk2>"
    "<a:lt2><a:srgbClr val=\"E7E6E6\"/></a:lt2><a:accent1><a:srgbClr val=\"4472C4\"/></a:accent1>"
    "<a:accent2><a:srgbClr val=\"ED7D31\"/></a:accent2><a:accent3><a:srgbClr val=\"A5A5A5\"/></a:accent3>"
    "<a:accent4><a:srgbClr val=\"FFC000\"/></a:accent4><a:accent5><a:srgbClr val=\"5B9BD5\"/></a:accent5>"
    "<a:accent6><a:srgbClr val=\"70AD47\"/></a:accent6><a:hlink><a:srgbClr val=\"0563C1\"/></a:hlink>"
    "<a:folHlink><a:srgbClr val=\"954F72\"/></a:folHlink></a:clrScheme>"
    "<a:fontScheme name=\"Office\"><a:majorFont><a:latin typeface=\"Times New Roman\"/><a:ea typeface=\"\"/>"
    "<a:cs typeface=\"\"/><a:font script=\"Hans\" typeface=\"黑体\"/></a:majorFont>"
    "<a:minorFont><a:latin typeface=\"Times New Roman\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>"
    "<a:font script=\"Hans\" typeface=\"宋体\"/><a:font script=\"Hant\" typeface=\"新細明體\"/></a:minorFont></a:fontScheme>"
    "<a:fmtScheme name=\"Office\"><a:fillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
    "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
    "</a:fillStyleLst><a:lnStyleLst><a:ln w=\"6350\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>"
    "<a:ln w=\"12700\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"19050\"><a:solidFill>"
    "<a:schemeClr val=\"phClr\"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/>"
    "</a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>"
    "</a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill>"
    "<a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
    "</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>";

static const char *settings_zh =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:settings " TD_W_NS ">"
    "<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:settings>";

/* Fonts from the theme only: minorEastAsia → 宋体 (Hans), majorEastAsia → 黑体. */
static writeup theme_only(void)
{
    writeup w = {0};
    w.theme = theme_xml;
    w.settings = settings_zh;
    w.styles = STYLES_OPEN "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme=\"minorHAnsi\" "
               "w:eastAsiaTheme=\"minorEastAsia\" w:hAnsiTheme=\"minorHAnsi\"/><w:sz w:val=\"24\"/></w:rPr></w:rPrDefault>"
               "<w:pPrDefault/></w:docDefaults></w:styles>";
    w.title_p = CENTER;
    w.title_r = "<w:rFonts w:eastAsiaTheme=\"majorEastAsia\"/>" SZ(36);
    w.ahead_p = CENTER;
    w.ahead_r = "<w:b/>" SZ(28);
    w.head_r = "<w:rFonts w:eastAsiaTheme=\"majorEastAsia\"/>";
    w.cap_p = CENTER;
    w.cap_r = "<w:b/>" SZ(21);
    return w;
}

/* What LibreOffice writes: a theme attribute beside a wrong explicit name, jc start. */
static writeup libreoffice(void)
{
    writeup w = theme_only();
    w.title_r = "<w:rFonts w:eastAsia=\"Noto Sans CJK SC\" w:eastAsiaTheme=\"majorEastAsia\"/>" SZ(36);
    w.body_p = "<w:jc w:val=\"start\"/>";
    w.body_r = "<w:rFonts w:ascii=\"Liberation Serif\" w:eastAsia=\"Noto Serif CJK SC\" w:eastAsiaTheme=\"minorEastAsia\"/>";
    return w;
}

/* What WPS writes: explicit 宋体 with hint on every run, digits in Times New Roman. */
static writeup wps(void)
{
    writeup w = direct();
    w.body_p = "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"480\" w:firstLineChars=\"200\"/>";
    w.body_r = "<w:rFonts w:hint=\"eastAsia\" w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"宋体\"/>"
               "<w:sz w:val=\"24\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>";
    return w;
}

/* Toggles: the 摘要 style is bold and its run's character style says b=0 (leaves it
 * bold); the caption style is not bold and a bold character style makes it bold. */
static const char *toggle_styles =
    STYLES_OPEN "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia=\"宋体\"/><w:sz w:val=\"24\"/></w:rPr>"
    "</w:rPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"s1\"><w:name w:val=\"摘要标题\"/><w:basedOn w:val=\"a\"/>"
    "<w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"af\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"a\"/>"
    "<w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:sz w:val=\"21\"/></w:rPr></w:style>"
    "<w:style w:type=\"character\" w:styleId=\"c1\"><w:name w:val=\"Strong\"/><w:rPr><w:b/></w:rPr></w:style>"
    "<w:style w:type=\"character\" w:styleId=\"c2\"><w:name w:val=\"不改粗细\"/><w:rPr><w:b w:val=\"0\"/></w:rPr></w:style>"
    "</w:styles>";

static writeup toggles(void)
{
    writeup w = direct();
    w.styles = toggle_styles;
    w.ahead_p = "<w:pStyle w:val=\"s1\"/>";
    w.ahead_r = "<w:rStyle w:val=\"c2\"/>";
    w.cap_p = "<w:pStyle w:val=\"af\"/>";
    w.cap_r = "<w:rStyle w:val=\"c1\"/>";
    w.body_r = NULL;
    return w;
}

int main(void)
{
    qb_xml_init();
    qb_err err = {0};
    if (qb_edition_load(QB_EDITION_DEFAULT, &ed, &err) != QB_OK) {
        printf("1..0 # skip the default edition cannot be loaded: %s\n", qb_err_text(&err, 1));
        return 0;
    }
    strcpy(path, "/tmp/qb-lint-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
        return 1;
    close(fd);

    /* compliant, every way */
    writeup w;
    qb_doc kept;
    qb_doc_init(&kept);
    w = direct();
    expect("compliant, direct formatting", &w, "", &kept);
    w = chain();
    expect("compliant, basedOn chain with Chinese style ids and SimSun/SimHei aliases", &w, "", NULL);
    w = defaults_only();
    expect("compliant, body text from docDefaults only", &w, "", NULL);
    w = theme_only();
    expect("compliant, fonts from the theme only", &w, "", NULL);
    w = libreoffice();
    expect("compliant, LibreOffice's theme attribute beside a wrong name", &w, "", NULL);
    w = wps();
    expect("compliant, WPS's explicit fonts on every run", &w, "", NULL);
    w = toggles();
    expect("compliant, toggles: b=0 character style keeps a bold style bold", &w, "", NULL);
    w = direct();
    w.tab1_cap = "表 2-1 推进计划";
    w.tab2_cap = "表 3-1 实施前后对比";
    w.fig1_cap = "图2-1 推进流程";
    w.fig2_cap = "图3-1 质量损失率变化";
    expect("compliant, chapter-style numbering 2-1, 3-1", &w, "", NULL);
    w = direct();
    w.tab2_cap = "续表1 推进计划（续）";
    expect("compliant, the rest of a split table headed 续表1", &w, "", NULL);
    ok(kept.ntable == 2 && kept.nimage == 2, "the sample has two tables and two pictures");

    /* one broken rule each */
    qb_doc doc;
    w = direct();
    w.sect = "<w:pgSz w:w=\"12240\" w:h=\"15840\"/>";
    expect("Letter paper", &w, "format.page", NULL);
    w = direct();
    w.sect = "<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>";
    expect("A4 landscape", &w, "format.page", NULL);
    w = direct();
    w.title_r = SONG SZ(36);
    expect("title in 宋体", &w, "format.title", &doc);
    const qb_finding *f = find(&doc, "format.title");
    ok(f && strstr(f->message, "字体为“宋体”（应为“黑体”）") && f->paragraph == 1 && f->severity == QB_SEV_ERROR,
       "…the finding names actual and required font, paragraph 1, error");
    qb_doc_free(&doc);
    w = direct();
    w.title_r = HEI SZ(32);
    expect("title in 三号", &w, "format.title", &doc);
    f = find(&doc, "format.title");
    ok(f && strstr(f->message, "字号为“三号”（应为“小二”）"), "…in Chinese size names");
    qb_doc_free(&doc);
    w = direct();
    w.title_p = "<w:jc w:val=\"left\"/>";
    expect("title left-aligned", &w, "format.title", NULL);
    w = direct();
    w.ahead_r = SONG SZ(28);
    expect("摘要 not bold", &w, "format.abstract-heading", NULL);
    w = toggles();
    w.ahead_r = "<w:rStyle w:val=\"c1\"/>";
    expect("摘要: bold character style in a bold paragraph style shows not bold", &w, "format.abstract-heading", NULL);
    w = direct();
    w.overview_r = "<w:rFonts w:eastAsia=\"仿宋_GB2312\"/>" SZ(24);
    expect("overview in 仿宋", &w, "format.body-font", &doc);
    f = find(&doc, "format.body-font");
    ok(f && f->severity == QB_SEV_ERROR && strcmp(f->section, "overview") == 0 &&
       strstr(f->message, "字体为“仿宋”") && strstr(f->message, "均应为“宋体”"),
       "…a whole section in the wrong font is an error naming 仿宋 (alias of 仿宋_GB2312)");
    qb_doc_free(&doc);
    w = direct();
    w.stray_r = "<w:rFonts w:eastAsia=\"楷体\"/>" SZ(24);
    expect("two stray characters in 楷体", &w, "format.body-font", &doc);
    f = find(&doc, "format.body-font");
    ok(f && f->severity == QB_SEV_WARNING && strstr(f->message, "“错字”字体为“楷体”，应为“宋体”"),
       "…a stray run is a warning that quotes it");
    qb_doc_free(&doc);
    w = direct();
    w.overview_r = "<w:rFonts w:ascii=\"黑体\" w:hAnsi=\"黑体\" w:eastAsia=\"宋体\"/>" SZ(24);
    expect("digits and Latin of the overview in 黑体", &w, "format.body-font", NULL);
    w = direct();
    w.overview_r = SONG SZ(21);
    expect("overview in 五号", &w, "format.body-size", &doc);
    f = find(&doc, "format.body-size");
    ok(f && strstr(f->message, "字号为“五号”") && strstr(f->message, "应为“小四”"), "…named 五号 / 小四");
    qb_doc_free(&doc);
    w = direct();
    w.overview_p = "<w:spacing w:line=\"360\" w:lineRule=\"auto\"/>";
    expect("overview at 1.5 lines", &w, "format.line-spacing", &doc);
    f = find(&doc, "format.line-spacing");
    ok(f && strstr(f->message, "行距为“1.5 倍行距”"), "…named 1.5 倍行距");
    qb_doc_free(&doc);
    w = direct();
    w.overview_p = "<w:spacing w:line=\"400\" w:lineRule=\"exact\"/>";
    expect("overview at exactly 20 pt", &w, "format.line-spacing", NULL);
    w = direct();
    w.tab1_cap_below = 1;
    expect("table caption below its table", &w, "format.caption-position", NULL);
    w = direct();
    w.fig1_cap_above = 1;
    expect("figure caption above its figure", &w, "format.caption-position", NULL);
    w = direct();
    w.tab2_no_cap = 1;
    expect("a table without a caption", &w, "format.caption-position", &doc);
    f = find(&doc, "format.caption-position");
    ok(f && strstr(f->message, "没有标题"), "…says the table has no caption");
    qb_doc_free(&doc);
    w = direct();
    w.cap_r = SONG SZ(21);
    expect("captions not bold", &w, "format.caption-style", NULL);
    w = toggles();
    w.cap_p = "<w:pStyle w:val=\"af\"/><w:jc w:val=\"left\"/>";
    expect("captions left-aligned", &w, "format.caption-style", NULL);
    w = direct();
    w.cap_r = HEI "<w:b/>" SZ(21);
    expect("captions in 黑体", &w, "format.caption-style", NULL);
    w = direct();
    w.tab2_cap = "表3 实施前后对比";
    expect("tables numbered 1, 3", &w, "format.caption-numbering", &doc);
    f = find(&doc, "format.caption-numbering");
    ok(f && strstr(f->message, "跳过了“表 2”"), "…says 表 2 was skipped");
    qb_doc_free(&doc);
    w = direct();
    w.fig2_cap = "图1 质量损失率变化";
    expect("figures numbered 1, 1", &w, "format.caption-numbering", NULL);
    w = direct();
    w.fig2_cap = "图 3-1 质量损失率变化";
    expect("figures numbered 1 then 3-1", &w, "format.caption-numbering", NULL);

    /* the annotated copy: one comment per finding with a paragraph */
    char out[80];
    snprintf(out, sizeof out, "%s.ann.docx", path);
    w = direct();
    w.overview_r = SONG SZ(21);
    w.title_r = SONG SZ(36);
    qb_doc_init(&doc);
    int good = run(&w, &doc);
    size_t with_para = 0, n = 0;
    for (size_t i = 0; i < doc.findings.n; i++)
        with_para += doc.findings.v[i].paragraph > 0;
    qb_status st = good ? qb_annotate_docx_count(path, out, &doc, &n) : QB_ERR_IO;
    ok(st == QB_OK && n == with_para && n >= 2, "annotating adds one comment per finding with a paragraph");
    qb_doc back;
    st = qb_docx_read(out, &back, NULL);
    ok(st == QB_OK && back.npara == doc.npara && strcmp(back.paras[0].text, doc.paras[0].text) == 0,
       "the annotated copy reads back with the same paragraphs");
    int err2;
    zip_t *z = zip_open(out, ZIP_RDONLY, &err2);
    ok(z && zip_name_locate(z, "word/comments.xml", 0) >= 0, "the copy has word/comments.xml");
    if (z)
        zip_close(z);
    ok(qb_annotate_docx(path, path, &doc) == QB_ERR_USAGE, "annotating onto the input is refused");
    ok(qb_annotate_docx(out, path, &doc) == QB_OK, "annotating a draft that already has comments works");
    /* a model read from another write-up (one paragraph more) does not fit this file */
    qb_doc other;
    qb_doc_init(&other);
    w = direct();
    w.stray_r = SONG SZ(24);
    good = run(&w, &other);
    ok(good && other.npara == kept.npara + 1 && qb_annotate_docx(out, path, &other) == QB_ERR_FORMAT,
       "a model of another document is refused");
    qb_doc_free(&other);
    if (st == QB_OK)
        qb_doc_free(&back);
    qb_doc_free(&doc);
    qb_doc_free(&kept);
    unlink(out);
    unlink(path);
    qb_edition_free(&ed);
    printf("1..%d\n", n_test);
    return failed;
}
