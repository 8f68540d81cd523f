/* styles_cascade — Word's formatting cascade on tiny packages built here with libzip:
 * docDefaults only, basedOn chains, cycles, toggles, theme fonts, numbering, tables. */
#include "buf.h"
#include "docx.h"
#include "opc.h"
#include "styles_docx.h"
#include "styles.h"
#include "xmlsafe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int n_test;
static int failed;

static void ok(int cond, const char *what)
{
    printf("%sok %d - %s\n", cond ? "" : "not ", ++n_test, what);
    if (!cond)
        failed = 1;
}

static void is_str(const char *got, const char *want, const char *what)
{
    ok(strcmp(got, want) == 0, what);
    if (strcmp(got, want) != 0)
        printf("#   got \"%s\", want \"%s\"\n", got, want);
}

static void is_int(long got, long want, const char *what)
{
    ok(got == want, what);
    if (got != want)
        printf("#   got %ld, want %ld\n", got, want);
}

#define W_NS TD_W_NS

/* One package: styles / theme / settings / numbering parts, NULL to leave one out. */
typedef struct {
    const char *styles, *theme, *settings, *numbering;
} parts;

static char path[64];

static int build(const parts *p)
{
    strcpy(path, "/tmp/qb-styles-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    close(fd);
    tdocx d = {"<w:p/>", p->styles, p->theme, p->settings, p->numbering, 0};
    return tdocx_write(path, &d);
}

static qb_status numbering_child(void *ctx, xmlNodePtr n)
{
    return qb_styles_numbering_child(ctx, n);
}

static qb_styles *load(const parts *p)
{
    qb_styles *st = NULL;
    qb_opc o;
    qb_rels rels;
    if (!build(p))
        return NULL;
    if (qb_opc_open(path, &o) != QB_OK) {
        unlink(path);
        return NULL;
    }
    if (qb_opc_rels(&o, o.main_part, &rels) == QB_OK) {
        int whole = 0; /* as the reader does: numbering.xml streamed after the styles */
        if (qb_styles_load(&o, &rels, &st) == QB_OK &&
            qb_opc_related_each(&o, &rels, "/numbering", QB_DOCX_MAX_DOM_PART, numbering_child, st, &whole) != QB_OK) {
            qb_styles_free(st);
            st = NULL;
        }
        if (st && !whole)
            qb_styles_numbering_drop(st);
        qb_rels_free(&rels);
    }
    qb_opc_close(&o);
    unlink(path);
    return st;
}

/* A w:pPr / w:rPr element from its inner XML (kept alive in docs[]). */
static xmlDocPtr docs[256];
static int ndocs;

static xmlNodePtr el(const char *tag, const char *inner)
{
    if (!inner)
        return NULL;
    char buf[2048];
    snprintf(buf, sizeof buf, "<w:%s " W_NS ">%s</w:%s>", tag, inner, tag);
    xmlDocPtr d;
    if (qb_xml_parse_memory(buf, strlen(buf), &d) != QB_OK || ndocs == 256)
        return NULL;
    docs[ndocs++] = d;
    return xmlDocGetRootElement(d);
}

/* Resolve one paragraph (pPr inner XML) with one run (rPr inner XML). */
static void resolve(const qb_styles *st, const char *ppr, const char *rpr, const char *tbl,
                    qb_pfmt *pf, qb_rfmt *rf, qb_rfmt *mark)
{
    qb_rfmt m;
    qb_styles_para(st, el("pPr", ppr), tbl, pf, mark ? mark : &m);
    qb_styles_run(st, pf, tbl, el("rPr", rpr), rf);
}

#define STYLES(defaults, body)                                                          \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles " W_NS "><w:docDefaults>" defaults \
    "</w:docDefaults>" body "</w:styles>"

static const char *theme_xml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Office\">"
    "<a:themeElements><a:fontScheme name=\"Office\">"
    "<a:majorFont><a:latin typeface=\"Calibri Light\"/><a:ea typeface=\"黑体\"/><a:cs typeface=\"\"/></a:majorFont>"
    "<a:minorFont><a:latin typeface=\"Calibri\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>"
    "<a:font script=\"Jpan\" typeface=\"游明朝\"/><a:font script=\"Hans\" typeface=\"宋体\"/>"
    "<a:font script=\"Hant\" typeface=\"新細明體\"/></a:minorFont>"
    "</a:fontScheme></a:themeElements></a:theme>";

static void test_defaults_only(void)
{
    parts p = {STYLES("<w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"宋体\" "
                      "w:hAnsi=\"Times New Roman\"/><w:sz w:val=\"24\"/></w:rPr></w:rPrDefault>"
                      "<w:pPrDefault><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:pPrDefault>", ""),
               NULL, NULL, NULL};
    qb_styles *st = load(&p);
    ok(st != NULL, "a package with only docDefaults loads");
    if (!st)
        return;
    qb_pfmt pf;
    qb_rfmt rf;
    resolve(st, NULL, NULL, NULL, &pf, &rf, NULL);
    is_str(rf.font_ea, "宋体", "docDefaults only: East Asian font from rPrDefault");
    is_int(rf.size_hp, 24, "docDefaults only: size 小四 from rPrDefault");
    is_int(pf.jc, QB_JC_CENTER, "docDefaults only: centred by pPrDefault");
    is_int(pf.line_rule, QB_LINE_AUTO, "no spacing anywhere: single line spacing (auto)");
    is_int(pf.line, 240, "no spacing anywhere: line 240");
    is_int(rf.bold, 0, "docDefaults only: not bold");
    qb_styles_free(st);
}

static void test_no_styles_part(void)
{
    parts p = {NULL, NULL, NULL, NULL};
    qb_styles *st = load(&p);
    ok(st != NULL, "a package without styles.xml loads");
    if (!st)
        return;
    qb_pfmt pf;
    qb_rfmt rf;
    resolve(st, "<w:pStyle w:val=\"Heading1\"/>", NULL, NULL, &pf, &rf, NULL);
    is_str(rf.font_ascii, "Times New Roman", "without styles: Word's default Latin font");
    is_str(rf.font_ea, "宋体", "without styles: 宋体 for Chinese");
    is_int(rf.size_hp, 20, "without styles: Word's default 10 pt");
    is_int(pf.jc, QB_JC_LEFT, "without styles: left aligned");
    is_str(pf.style_id, "Heading1", "pStyle kept as written even when undefined");
    qb_styles_free(st);
}

static const char *chain_styles =
    STYLES("<w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"宋体\" w:hAnsi=\"Times New Roman\"/>"
           "</w:rPr></w:rPrDefault>",
           /* Chinese Word's ids: "a" is Normal, "af" is caption */
           "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/>"
           "<w:rPr><w:sz w:val=\"21\"/></w:rPr></w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"s1\"><w:name w:val=\"基础\"/><w:basedOn w:val=\"a\"/>"
           "<w:pPr><w:spacing w:line=\"360\" w:lineRule=\"auto\"/><w:outlineLvl w:val=\"1\"/></w:pPr>"
           "<w:rPr><w:sz w:val=\"36\"/></w:rPr></w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"s2\"><w:name w:val=\"二层\"/><w:basedOn w:val=\"s1\"/>"
           "<w:rPr><w:rFonts w:eastAsia=\"黑体\"/></w:rPr></w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"s3\"><w:name w:val=\"三层\"/><w:basedOn w:val=\"s2\"/>"
           "<w:pPr><w:jc w:val=\"center\"/></w:pPr></w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"s4\"><w:name w:val=\"标题四层\"/><w:basedOn w:val=\"s3\"/>"
           "<w:pPr><w:spacing w:line=\"240\"/><w:outlineLvl w:val=\"9\"/></w:pPr></w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"af\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"a\"/>"
           "<w:rPr><w:b/><w:sz w:val=\"21\"/></w:rPr></w:style>"
           /* a cycle: x ← y ← x */
           "<w:style w:type=\"paragraph\" w:styleId=\"x\"><w:name w:val=\"环甲\"/><w:basedOn w:val=\"y\"/>"
           "<w:rPr><w:sz w:val=\"28\"/></w:rPr></w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"y\"><w:name w:val=\"环乙\"/><w:basedOn w:val=\"x\"/>"
           "<w:rPr><w:rFonts w:eastAsia=\"楷体\"/></w:rPr></w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"self\"><w:name w:val=\"自指\"/><w:basedOn w:val=\"self\"/>"
           "</w:style>");

static void test_chain(void)
{
    parts p = {chain_styles, NULL, NULL, NULL};
    qb_styles *st = load(&p);
    ok(st != NULL, "styles with a basedOn chain load");
    if (!st)
        return;
    qb_pfmt pf;
    qb_rfmt rf;
    resolve(st, "<w:pStyle w:val=\"s3\"/>", NULL, NULL, &pf, &rf, NULL);
    is_str(rf.font_ea, "黑体", "three-level chain: font from the middle style");
    is_int(rf.size_hp, 36, "three-level chain: size from the first custom style");
    is_str(rf.font_ascii, "Times New Roman", "three-level chain: Latin font from docDefaults");
    is_int(pf.jc, QB_JC_CENTER, "three-level chain: alignment from the style itself");
    is_int(pf.line, 360, "three-level chain: 1.5 lines inherited");
    is_int(pf.outline_lvl, 1, "three-level chain: outline level inherited");
    is_str(pf.style_name, "三层", "style name is w:name, not the id");

    resolve(st, "<w:pStyle w:val=\"s4\"/>", NULL, NULL, &pf, &rf, NULL);
    is_int(pf.line, 240, "four-level chain: nearer spacing overrides");
    is_int(pf.outline_lvl, -1, "outlineLvl 9 means body text");
    is_int(pf.jc, QB_JC_CENTER, "four-level chain: alignment from two levels up");

    resolve(st, "<w:pStyle w:val=\"af\"/><w:jc w:val=\"start\"/>", NULL, NULL, &pf, &rf, NULL);
    is_str(pf.style_name, "caption", "Chinese id af resolves to the caption style by w:name");
    is_int(rf.bold, 1, "caption style bold");
    is_int(pf.jc, QB_JC_LEFT, "direct jc start (LibreOffice) is left");

    resolve(st, "<w:pStyle w:val=\"nosuch\"/>", NULL, NULL, &pf, &rf, NULL);
    is_int(rf.size_hp, 21, "an undefined pStyle falls back to the default paragraph style");
    is_str(pf.style_name, "Normal", "…and reports its name");

    ok(qb_styles_cycles(st) == 2, "two basedOn cycles refused (x↔y, self)");
    resolve(st, "<w:pStyle w:val=\"x\"/>", NULL, NULL, &pf, &rf, NULL);
    ok(rf.size_hp == 28 && (strcmp(rf.font_ea, "楷体") == 0 || strcmp(rf.font_ea, "宋体") == 0),
       "a style in a cycle keeps its own values and resolves");
    resolve(st, "<w:pStyle w:val=\"self\"/>", NULL, NULL, &pf, &rf, NULL);
    is_str(rf.font_ea, "宋体", "a style based on itself resolves to docDefaults");
    qb_styles_free(st);
}

static const char *toggle_styles =
    STYLES("",
           "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/></w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"a\"/>"
           "<w:rPr><w:b/><w:i/></w:rPr></w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"不粗\"/><w:basedOn w:val=\"1\"/>"
           "<w:rPr><w:b w:val=\"0\"/></w:rPr></w:style>"
           "<w:style w:type=\"character\" w:styleId=\"a3\"><w:name w:val=\"Strong\"/>"
           "<w:rPr><w:b/></w:rPr></w:style>"
           "<w:style w:type=\"character\" w:styleId=\"a4\"><w:name w:val=\"强调变体\"/><w:basedOn w:val=\"a3\"/>"
           "</w:style>"
           "<w:style w:type=\"character\" w:styleId=\"a5\"><w:name w:val=\"不加粗字符\"/>"
           "<w:rPr><w:b w:val=\"false\"/><w:vanish/></w:rPr></w:style>"
           "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"t0\"><w:name w:val=\"Normal Table\"/></w:style>"
           "<w:style w:type=\"table\" w:styleId=\"tb\"><w:name w:val=\"粗表\"/>"
           "<w:rPr><w:b/><w:sz w:val=\"18\"/></w:rPr><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:style>");

static void test_toggles(void)
{
    parts p = {toggle_styles, NULL, NULL, NULL};
    qb_styles *st = load(&p);
    ok(st != NULL, "styles with toggles load");
    if (!st)
        return;
    qb_pfmt pf;
    qb_rfmt rf, mark;
    resolve(st, "<w:pStyle w:val=\"1\"/>", "<w:rStyle w:val=\"a3\"/>", NULL, &pf, &rf, NULL);
    is_int(rf.bold, 0, "bold character style in a bold paragraph style: not bold");
    is_int(rf.italic, 1, "…while italic from the paragraph style stays");
    resolve(st, "<w:pStyle w:val=\"1\"/>", "<w:rStyle w:val=\"a4\"/>", NULL, &pf, &rf, NULL);
    is_int(rf.bold, 0, "bold inherited through the character style's basedOn: still toggles off");
    resolve(st, NULL, "<w:rStyle w:val=\"a3\"/>", NULL, &pf, &rf, NULL);
    is_int(rf.bold, 1, "bold character style in a plain paragraph: bold");
    resolve(st, "<w:pStyle w:val=\"1\"/>", "<w:rStyle w:val=\"a5\"/>", NULL, &pf, &rf, NULL);
    is_int(rf.bold, 1, "character style b=false in a bold paragraph leaves it bold");
    is_int(rf.vanish, 1, "vanish from a character style hides the run");
    resolve(st, "<w:pStyle w:val=\"1\"/>", "<w:rStyle w:val=\"a3\"/><w:b/>", NULL, &pf, &rf, NULL);
    is_int(rf.bold, 1, "direct bold is absolute, whatever the styles toggle");
    resolve(st, "<w:pStyle w:val=\"1\"/>", "<w:b w:val=\"0\"/>", NULL, &pf, &rf, NULL);
    is_int(rf.bold, 0, "direct b=0 in a bold paragraph style: not bold");
    resolve(st, "<w:pStyle w:val=\"2\"/>", NULL, NULL, &pf, &rf, NULL);
    is_int(rf.bold, 0, "b=0 in a style overrides its bold basedOn (first value on the chain)");
    is_int(rf.italic, 1, "…and italic still comes from the base");
    resolve(st, "<w:pStyle w:val=\"1\"/><w:rPr><w:b w:val=\"0\"/></w:rPr>", NULL, NULL, &pf, &rf, &mark);
    ok(mark.bold == 0 && rf.bold == 1, "paragraph mark formatting does not reach the runs");
    resolve(st, NULL, NULL, "tb", &pf, &rf, NULL);
    ok(rf.bold == 1 && rf.size_hp == 18 && pf.jc == QB_JC_CENTER, "table style: bold, 九号 and centred cells");
    resolve(st, "<w:pStyle w:val=\"2\"/>", NULL, "tb", &pf, &rf, NULL);
    is_int(rf.bold, 0, "paragraph style b=0 resets the table style's bold");
    resolve(st, "<w:pStyle w:val=\"1\"/>", NULL, "tb", &pf, &rf, NULL);
    is_int(rf.bold, 1, "bold paragraph style in a bold table style: bold (Word resets, no XOR)");
    resolve(st, NULL, NULL, "", &pf, &rf, NULL);
    ok(rf.bold == 0 && rf.size_hp == 20, "a table without tblStyle has the default table style");
    qb_styles_free(st);
}

static void test_theme(void)
{
    parts p = {STYLES("<w:rPrDefault><w:rPr><w:rFonts w:asciiTheme=\"minorHAnsi\" w:eastAsiaTheme=\"minorEastAsia\" "
                      "w:hAnsiTheme=\"minorHAnsi\"/><w:sz w:val=\"24\"/><w:lang w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault>",
                      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/></w:style>"
                      "<w:style w:type=\"paragraph\" w:styleId=\"t\"><w:name w:val=\"Title\"/>"
                      "<w:rPr><w:rFonts w:asciiTheme=\"majorHAnsi\" w:eastAsiaTheme=\"majorEastAsia\"/></w:rPr></w:style>"
                      "<w:style w:type=\"paragraph\" w:styleId=\"lo\"><w:name w:val=\"LibreOffice\"/>"
                      "<w:rPr><w:rFonts w:eastAsia=\"Noto Sans CJK SC\" w:eastAsiaTheme=\"minorEastAsia\"/></w:rPr></w:style>"
                      "<w:style w:type=\"paragraph\" w:styleId=\"ex\"><w:name w:val=\"明写\"/>"
                      "<w:rPr><w:rFonts w:eastAsia=\"仿宋\"/></w:rPr></w:style>"),
               theme_xml, "<?xml version=\"1.0\"?><w:settings " W_NS "><w:themeFontLang w:val=\"en-US\" "
                          "w:eastAsia=\"zh-CN\"/></w:settings>", NULL};
    qb_styles *st = load(&p);
    ok(st != NULL, "a themed package loads");
    if (!st)
        return;
    qb_pfmt pf;
    qb_rfmt rf;
    resolve(st, NULL, NULL, NULL, &pf, &rf, NULL);
    is_str(rf.font_ea, "宋体", "empty <a:ea>: minorEastAsia falls back to the Hans script font");
    is_str(rf.font_ascii, "Calibri", "minorHAnsi is the minor Latin font");
    resolve(st, "<w:pStyle w:val=\"t\"/>", NULL, NULL, &pf, &rf, NULL);
    is_str(rf.font_ea, "黑体", "majorEastAsia with a named <a:ea>");
    is_str(rf.font_ascii, "Calibri Light", "majorHAnsi");
    resolve(st, "<w:pStyle w:val=\"lo\"/>", NULL, NULL, &pf, &rf, NULL);
    is_str(rf.font_ea, "宋体", "theme attribute beats the explicit name beside it (LibreOffice)");
    resolve(st, "<w:pStyle w:val=\"ex\"/>", NULL, NULL, &pf, &rf, NULL);
    is_str(rf.font_ea, "仿宋", "an explicit name at a higher level beats an inherited theme font");
    resolve(st, "<w:pStyle w:val=\"ex\"/>", "<w:rFonts w:eastAsiaTheme=\"minorEastAsia\"/>", NULL, &pf, &rf, NULL);
    is_str(rf.font_ea, "宋体", "a direct theme font beats the style's name");
    qb_styles_free(st);

    /* no themeFontLang: the run's East Asian language picks the script */
    parts q = {STYLES("<w:rPrDefault><w:rPr><w:rFonts w:eastAsiaTheme=\"minorEastAsia\"/>"
                      "<w:lang w:eastAsia=\"ja-JP\"/></w:rPr></w:rPrDefault>", ""),
               theme_xml, NULL, NULL};
    st = load(&q);
    ok(st != NULL, "a themed package without settings loads");
    if (!st)
        return;
    resolve(st, NULL, NULL, NULL, &pf, &rf, NULL);
    is_str(rf.font_ea, "游明朝", "w:lang eastAsia ja-JP picks the Jpan script font");
    resolve(st, NULL, "<w:lang w:eastAsia=\"zh-TW\"/>", NULL, &pf, &rf, NULL);
    is_str(rf.font_ea, "新細明體", "w:lang eastAsia zh-TW picks Hant");
    qb_styles_free(st);
}

static void test_numbering(void)
{
    parts p = {STYLES("",
                      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/></w:style>"
                      "<w:style w:type=\"paragraph\" w:styleId=\"h\"><w:name w:val=\"heading 2\"/>"
                      "<w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"3\"/></w:numPr>"
                      "<w:ind w:firstLineChars=\"200\"/></w:pPr></w:style>"
                      "<w:style w:type=\"paragraph\" w:styleId=\"hh\"><w:name w:val=\"子标题\"/><w:basedOn w:val=\"h\"/>"
                      "</w:style>"),
               NULL, NULL,
               "<?xml version=\"1.0\"?><w:numbering " W_NS ">"
               "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:pPr><w:ind w:left=\"420\" w:hanging=\"420\"/>"
               "</w:pPr></w:lvl><w:lvl w:ilvl=\"1\"><w:pPr><w:ind w:hanging=\"567\"/><w:jc w:val=\"right\"/></w:pPr></w:lvl>"
               "</w:abstractNum><w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/></w:num>"
               "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:lvl w:ilvl=\"0\">"
               "<w:pPr><w:ind w:firstLine=\"100\"/></w:pPr></w:lvl></w:lvlOverride></w:num></w:numbering>"};
    qb_styles *st = load(&p);
    ok(st != NULL, "a package with numbering loads");
    if (!st)
        return;
    qb_pfmt pf;
    qb_rfmt rf;
    resolve(st, "<w:pStyle w:val=\"hh\"/>", NULL, NULL, &pf, &rf, NULL);
    ok(pf.num_id == 3 && pf.num_lvl == 1, "numPr comes through the style chain");
    is_int(pf.ind_first_chars, 200, "the style's firstLineChars");
    is_int(pf.ind_first, -567, "numbering level's hanging indent applies under the style");
    is_int(pf.jc, QB_JC_RIGHT, "numbering level's alignment applies");
    resolve(st, "<w:pStyle w:val=\"hh\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"4\"/></w:numPr>",
            NULL, NULL, &pf, &rf, NULL);
    ok(pf.num_id == 4 && pf.num_lvl == 0, "direct numPr wins over the style's");
    is_int(pf.ind_first, 100, "lvlOverride's level formatting is used");
    resolve(st, "<w:pStyle w:val=\"h\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr>", NULL, NULL, &pf, &rf, NULL);
    is_int(pf.num_id, -1, "numId 0 removes the style's numbering");
    resolve(st, "<w:ind w:hangingChars=\"150\" w:firstLine=\"300\"/>", NULL, NULL, &pf, &rf, NULL);
    ok(pf.ind_first == 300 && pf.ind_first_chars == -150, "hangingChars is a negative first-line indent in chars");
    resolve(st, "<w:spacing w:line=\"440\" w:lineRule=\"exact\"/><w:jc w:val=\"distribute\"/>", NULL, NULL,
            &pf, &rf, NULL);
    ok(pf.line == 440 && pf.line_rule == QB_LINE_EXACT, "exact 22 pt line spacing");
    is_int(pf.jc, QB_JC_DISTRIBUTE, "jc distribute");
    resolve(st, NULL, "<w:rFonts w:hint=\"eastAsia\"/><w:vanish/><w:sz w:val=\"30\"/>", NULL, &pf, &rf, NULL);
    ok(rf.hint_ea == 1 && rf.vanish == 1 && rf.size_hp == 30, "direct hint, hidden text and 小三");
    /* ISO 29500 strict writes measures with units */
    resolve(st, "<w:spacing w:line=\"20pt\" w:lineRule=\"exact\"/><w:ind w:firstLine=\"21pt\"/>",
            "<w:sz w:val=\"12pt\"/>", NULL, &pf, &rf, NULL);
    ok(pf.line == 400 && pf.ind_first == 420 && rf.size_hp == 24, "strict measures: 20pt line, 21pt indent, 12pt size");
    qb_styles_free(st);
    long tw;
    int unit;
    ok(qb_styles_twips("595.30pt", &tw, &unit) && tw == 11906 && unit, "595.30pt is A4's 11906 twips");
    ok(qb_styles_twips("21cm", &tw, &unit) && tw == 11906 && unit, "21cm likewise");
    ok(qb_styles_twips("16838", &tw, &unit) && tw == 16838 && !unit, "a plain number is twips");
    ok(!qb_styles_twips("12furlongs", &tw, &unit), "an unknown unit is refused");
}

/* Parts are streamed a child at a time: one that breaks off halfway must count as no
 * part at all (as it did when read whole), not as the children read before the break. */
static void test_not_well_formed(void)
{
    /* padding after the children that matter, so that the reader hands them over before
     * it reaches the break (it parses ahead in blocks) */
    char styles[8192], numbering[8192];
    qb_buf pad = {0};
    for (int i = 0; i < 60; i++)
        qb_buf_addf(&pad, "<w:num w:numId=\"%d\"><w:abstractNumId w:val=\"0\"/></w:num>", 10 + i);
    snprintf(styles, sizeof styles,
             "<?xml version=\"1.0\"?><w:styles " W_NS "><w:docDefaults><w:rPrDefault><w:rPr>"
             "<w:rFonts w:eastAsia=\"黑体\"/><w:sz w:val=\"32\"/></w:rPr></w:rPrDefault></w:docDefaults>"
             "<w:style w:type=\"paragraph\" w:styleId=\"h\"><w:name w:val=\"heading 1\"/>"
             "<w:pPr><w:jc w:val=\"center\"/></w:pPr></w:style>%s<w:style w:type=\"para", pad.s ? pad.s : "");
    snprintf(numbering, sizeof numbering,
             "<?xml version=\"1.0\"?><w:numbering " W_NS "><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\">"
             "<w:pPr><w:ind w:hanging=\"420\"/></w:pPr></w:lvl></w:abstractNum>"
             "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/></w:num>%s<w:num", pad.s ? pad.s : "");
    qb_buf_free(&pad);
    parts p = {styles, NULL, NULL, numbering};
    qb_styles *st = load(&p);
    ok(st != NULL, "a package whose styles and numbering break off loads");
    if (!st)
        return;
    qb_pfmt pf;
    qb_rfmt rf;
    resolve(st, "<w:pStyle w:val=\"h\"/>", NULL, NULL, &pf, &rf, NULL);
    is_int(rf.size_hp, 20, "styles.xml broken off: Word's default size, not its docDefaults'");
    is_str(rf.font_ea, "宋体", "styles.xml broken off: 宋体, not its docDefaults' 黑体");
    is_int(pf.jc, QB_JC_LEFT, "styles.xml broken off: the style read before the break is not used");
    resolve(st, "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr>", NULL, NULL, &pf, &rf, NULL);
    is_int(pf.ind_first, 0, "numbering.xml broken off: its levels' indents are not used");
    qb_styles_free(st);

    parts dtd = {"<?xml version=\"1.0\"?><!DOCTYPE w:styles [<!ENTITY x \"y\">]><w:styles " W_NS "/>", NULL, NULL,
                 NULL};
    st = load(&dtd);
    ok(st == NULL, "a styles.xml that declares a DOCTYPE is refused");
    qb_styles_free(st);
}

int main(void)
{
    qb_xml_init();
    test_defaults_only();
    test_no_styles_part();
    test_chain();
    test_toggles();
    test_theme();
    test_numbering();
    test_not_well_formed();
    for (int i = 0; i < ndocs; i++)
        xmlFreeDoc(docs[i]);
    printf("1..%d\n", n_test);
    return failed;
}
