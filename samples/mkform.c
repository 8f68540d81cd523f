/* mkform.c — sample application forms (申报书) for the form reader's tests, and the blank
 * form a secretariat hands out.
 *
 *   mkform OUTDIR [NAME…]     every form (or those named) as OUTDIR/NAME.docx
 *   mkform --list             NAME<TAB>what it is
 *   mkform --findings NAME    the "rule severity" lines qb-check gives for it under caq-2023
 *   mkform --blank OUT.docx   the blank form (templates: what applicants fill in)
 *   mkform --applicant NAME OUTDIR NAME…   the forms naming another applicant
 *
 * A form is LAYOUT-DEFECT: every layout (where forms put values) with every defect (what
 * is wrong with the values), "ok" for none. The values are those of the samples' company
 * (mksample.c): its name, the write-up's title, figures for 2019–2022. Amounts, dates,
 * ticks and the 遴选范围 are written differently in each layout, as applicants write them. */
#include "docxw.h"
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <sys/stat.h>

#define COMPANY "某某精工机械制造有限公司"
#define TITLE COMPANY "实施六西格玛设计的经验"
#define NYEAR 4
static const int years[NYEAR] = {2019, 2020, 2021, 2022};

enum { F_APPLICANT, F_CODE, F_LEGAL, F_CONTACT, F_PHONE, F_EMAIL, F_ADDRESS, F_NATURE, F_INDUSTRY, F_SIZE,
       F_SCOPE, F_NAME, F_ISO_NO, F_ISO_EXP, F_RECORD, F_DEBTOR, NF };

/* The labels as the blank form prints them. */
static const char *const label[NF] = {"申报单位名称", "统一社会信用代码", "法定代表人", "联系人", "联系电话",
                                      "电子邮箱", "通讯地址", "企业性质", "所属行业", "企业规模", "遴选范围",
                                      "质量标杆名称", "ISO 9001 证书编号", "ISO 9001 证书有效期", "是否存在不良记录",
                                      "是否为失信被执行人"};

typedef struct {
    const char *v[NF];            /* NULL: the row is left out */
    const char *rev[NYEAR], *pro[NYEAR];
    int scan;                     /* only a picture, no text */
} values;

/* ---- layouts: how a value is written, and where ------------------------------------ */

typedef struct {
    const char *name, *what;
    const char *scope, *code_sp, *exp, *record, *unit;
    const char *rev[NYEAR], *pro[NYEAR];
    const char *lab[NF];          /* the label as this layout writes it (NULL: as printed) */
} layout;

static const layout layouts[] = {
    {"cells", "label | value in two columns; years in a row over the figures; 单位：万元 above",
     "（一）", NULL, "2026年5月31日", "否", "万元",
     {"10230.5", "11020.8", "12345.6", "13010.2"}, {"856.3", "901.2", "1003.5", "1120.9"}, {NULL}},
    {"merged", "four columns with merged value cells (gridSpan) and a group label merged down (vMerge); "
               "years down a column",
     "企业运用先进质量管理理念、方法、工具，促进质量变革、效率变革和动力变革，提高质量、效益和效率，促进企业高质量发展的典型经验。",
     NULL, "2026-05-31", "□是 ☑否", "元",
     {"102,305,000元", "110,208,000元", "123,456,000元", "130,102,000元"},
     {"8,563,000元", "9,012,000元", "10,035,000元", "11,209,000元"}, {NULL}},
    {"below", "a row of labels over a row of values; figures in 亿元", "运用先进质量管理理念、方法、工具", NULL, "2026.5.31",
     "无", "亿元", {"1.02", "1.10", "1.23", "1.30"}, {"0.0856", "0.0901", "0.1004", "0.1121"}, {NULL}},
    {"paragraphs", "“标签：值” paragraphs (either colon, two on a line), scopes as a ticked list", "", NULL, "2026/5/31",
     "☑无 □有", "万元", {"10,230.5万元", "11,020.8万元", "12,345.6万元", "13,010.2万元"},
     {"856.3万元", "901.2万元", "1,003.5万元", "1,120.9万元"}, {NULL}},
    {"labels", "labels spaced, with notes, in 繁体 and full-width; full-width digits", "☑（一）□（二）□（三）□（四）□（五）", NULL,
     "２０２６年５月３１日", "没有", "万元", {"１０２３０.５", "１１０２０.８", "１２３４５.６", "１３０１０.２"},
     {"８５６.３", "９０１.２", "１００３.５", "１１２０.９"},
     {"單位名稱（蓋章）", "統一社會信用代碼", "法 定 代 表 人", "聯 系 人", "聯繫電話", "電子郵箱", "通 訊 地 址",
      "企業性質", "所屬行業", "企業規模", "遴選範圍", "質量標桿名稱", "ＩＳＯ９００１證書編號",
      "ＩＳＯ９００１證書有效期", "是否存在不良記錄", "是否為失信被執行人"}},
};
#define NLAYOUT (sizeof layouts / sizeof layouts[0])

/* ---- defects ------------------------------------------------------------------------ */

typedef struct {
    const char *name, *what, *findings; /* findings under caq-2023, "rule severity" per line */
    int field;                          /* the field changed (-1: none / figures) */
    const char *value;                  /* its new value (NULL: the row is left out) */
    int year, profit;                   /* a year's figure changed: index, 1 profit / 0 revenue */
    const char *figure;
} defect;

#define NOFIG -1, 0, NULL
static const defect defects[] = {
    {"ok", "a correct form", "", -1, NULL, NOFIG},
    {"code-digit", "统一社会信用代码 with a wrong check digit", "form.field error", F_CODE, "91350100M000100Y44", NOFIG},
    {"code-chars", "统一社会信用代码 with an O (not in its character set)", "form.field error", F_CODE, "91350100MO00100Y43",
     NOFIG},
    {"code-short", "统一社会信用代码 of 17 characters", "form.field error", F_CODE, "91350100M000100Y4", NOFIG},
    {"no-contact", "no 联系人 row", "form.field error", F_CONTACT, NULL, NOFIG},
    {"empty-phone", "联系电话 left blank", "form.field error", F_PHONE, "", NOFIG},
    {"bad-phone", "联系电话 that is not a number", "form.field error", F_PHONE, "待定", NOFIG},
    {"bad-email", "电子邮箱 without @", "form.field error", F_EMAIL, "zhiliang.example.com", NOFIG},
    {"bad-scope", "a 遴选范围 that is not one of the five", "form.field error", F_SCOPE, "（七）", NOFIG},
    {"bad-date", "an ISO 9001 expiry that is not a date", "form.field error", F_ISO_EXP, "长期", NOFIG},
    {"bad-record", "a 不良记录 answer that is neither yes nor no", "form.field error", F_RECORD, "不清楚", NOFIG},
    {"bad-amount", "a 2021 profit that is not an amount", "form.field error", -1, NULL, 2, 1, "约一千万"},
    {"loss-minus", "a 2021 loss written -356.2", "eligibility.profit error", -1, NULL, 2, 1, "-356.2"},
    {"loss-brackets", "a 2020 loss written （356.2）", "eligibility.profit error", -1, NULL, 1, 1, "（356.2）"},
    {"loss-fu", "a 2022 loss written 负356.2", "eligibility.profit error", -1, NULL, 3, 1, "负356.2"},
    {"loss-word", "a 2021 loss written 亏损", "eligibility.profit error", -1, NULL, 2, 1, "亏损"},
    {"no-profit", "no 2020 profit", "eligibility.profit error", -1, NULL, 1, 1, ""},
    {"no-iso", "no ISO 9001 certificate", "eligibility.iso9001 error", F_ISO_NO, NULL, NOFIG},
    {"iso-expires", "an ISO 9001 certificate expiring 2023-10-31", "eligibility.iso9001 error", F_ISO_EXP,
     "2023年10月31日", NOFIG},
    {"declared-record", "a bad record declared", "eligibility.record error", F_RECORD, "☑是 □否", NOFIG},
    {"debtor", "declared a dishonest judgment debtor (an error where the edition says so: heilongjiang-2022)", "",
     F_DEBTOR, "是", NOFIG},
    {"other-name", "申报单位名称 differing from the package name", "package.name error", F_APPLICANT, "某某机械有限公司",
     NOFIG},
    {"other-title", "质量标杆名称 differing from the write-up's title", "form.field warning", F_NAME,
     "某某精工机械制造有限公司质量管理经验", NOFIG},
    {"scan", "a scan: one picture, no text", "form.field error", -1, NULL, NOFIG},
};
#define NDEFECT (sizeof defects / sizeof defects[0])

static const char *applicant = COMPANY;
static const char *scope_written; /* --scope: the 遴选范围 every form writes (NULL: the layout's) */

static void make_values(const layout *l, const defect *d, values *v)
{
    memset(v, 0, sizeof *v);
    const char *base[NF] = {applicant, "91350100M000100Y43", "王某某", "李某某", "0451-86123456", "zhiliang@example.com",
                            "黑龙江省哈尔滨市南岗区某某路1号", "有限责任公司", "通用设备制造业", "中型", l->scope, TITLE,
                            "00123Q45678R1M", l->exp, l->record, "否"};
    memcpy(v->v, base, sizeof base);
    memcpy(v->rev, l->rev, sizeof v->rev);
    memcpy(v->pro, l->pro, sizeof v->pro);
    if (scope_written)
        v->v[F_SCOPE] = scope_written;
    if (d->field >= 0)
        v->v[d->field] = d->value;
    if (d->field == F_ISO_NO && !d->value)
        v->v[F_ISO_EXP] = NULL;
    if (d->figure)
        (d->profit ? v->pro : v->rev)[d->year] = d->figure;
    v->scan = strcmp(d->name, "scan") == 0;
}

/* ---- WordprocessingML --------------------------------------------------------------- */

static void run(dw_xml *x, const char *s)
{
    dw_puts(x, "<w:r><w:rPr><w:rFonts w:ascii=\"宋体\" w:eastAsia=\"宋体\"/><w:sz w:val=\"24\"/></w:rPr>"
               "<w:t xml:space=\"preserve\">");
    dw_text(x, s, strlen(s));
    dw_puts(x, "</w:t></w:r>");
}

static void para(dw_xml *x, const char *s)
{
    dw_puts(x, "<w:p>");
    if (s && *s)
        run(x, s);
    dw_puts(x, "</w:p>");
}

/* A cell: span columns (gridSpan), vmerge 1 restart / 2 continue. */
static void cell(dw_xml *x, const char *s, int span, int vmerge)
{
    dw_puts(x, "<w:tc><w:tcPr>");
    if (span > 1)
        dw_printf(x, "<w:gridSpan w:val=\"%d\"/>", span);
    if (vmerge)
        dw_puts(x, vmerge == 1 ? "<w:vMerge w:val=\"restart\"/>" : "<w:vMerge/>");
    dw_puts(x, "</w:tcPr>");
    /* a value of several lines is several paragraphs */
    const char *p = s ? s : "";
    do {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        dw_puts(x, "<w:p>");
        if (n) {
            char *t = qb_strndup(p, n);
            if (t)
                run(x, t);
            free(t);
        }
        dw_puts(x, "</w:p>");
        p = nl ? nl + 1 : NULL;
    } while (p);
    dw_puts(x, "</w:tc>");
}

static void tbl_open(dw_xml *x, int cols)
{
    dw_puts(x, "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>");
    for (int i = 0; i < cols; i++)
        dw_puts(x, "<w:gridCol w:w=\"1800\"/>");
    dw_puts(x, "</w:tblGrid>");
}

static const char *lab(const layout *l, int f) { return l->lab[f] ? l->lab[f] : label[f]; }

static char *yr(int y) { return qb_asprintf("%d年", y); }

/* The figures: a row of years over a row per figure. */
static void years_rows(dw_xml *x, const values *v, const char *unit)
{
    tbl_open(x, NYEAR + 1);
    dw_puts(x, "<w:tr>");
    cell(x, "年份", 1, 0);
    for (int i = 0; i < NYEAR; i++) {
        char *s = yr(years[i]);
        cell(x, s, 1, 0);
        free(s);
    }
    dw_puts(x, "</w:tr>");
    const char *names[2] = {"营业收入", "利润总额"};
    for (int k = 0; k < 2; k++) {
        dw_puts(x, "<w:tr>");
        char *n = unit ? qb_asprintf("%s（%s）", names[k], unit) : qb_strdup(names[k]);
        cell(x, n, 1, 0);
        free(n);
        for (int i = 0; i < NYEAR; i++)
            cell(x, (k ? v->pro : v->rev)[i], 1, 0);
        dw_puts(x, "</w:tr>");
    }
    dw_puts(x, "</w:tbl>");
}

static void row2(dw_xml *x, const char *a, const char *b)
{
    dw_puts(x, "<w:tr>");
    cell(x, a, 1, 0);
    cell(x, b, 1, 0);
    dw_puts(x, "</w:tr>");
}

static void lay_cells(dw_xml *x, const layout *l, const values *v)
{
    para(x, "单位：万元");
    tbl_open(x, 2);
    for (int f = 0; f < NF; f++)
        if (v->v[f])
            row2(x, lab(l, f), v->v[f]);
    dw_puts(x, "</w:tbl>");
    years_rows(x, v, NULL);
}

static void lay_labels(dw_xml *x, const layout *l, const values *v)
{
    tbl_open(x, 2);
    for (int f = 0; f < NF; f++)
        if (v->v[f])
            row2(x, lab(l, f), v->v[f]);
    dw_puts(x, "</w:tbl>");
    years_rows(x, v, "萬元");
}

/* Four columns: label | value | label | value; long values span three columns; the
 * contacts under a group label merged down two rows. */
static void lay_merged(dw_xml *x, const layout *l, const values *v)
{
    tbl_open(x, 5);
    static const int wide[] = {F_APPLICANT, F_ADDRESS, F_SCOPE, F_NAME};
    for (size_t i = 0; i < 4; i++)
        if (v->v[wide[i]]) {
            dw_puts(x, "<w:tr>");
            cell(x, lab(l, wide[i]), 1, 0);
            cell(x, v->v[wide[i]], 4, 0);
            dw_puts(x, "</w:tr>");
        }
    /* the contacts: 联系方式 merged down, then pairs */
    const int grp[2][2] = {{F_CONTACT, F_PHONE}, {F_EMAIL, F_LEGAL}};
    for (int r = 0; r < 2; r++) {
        dw_puts(x, "<w:tr>");
        cell(x, r ? NULL : "联系方式", 1, r ? 2 : 1);
        for (int k = 0; k < 2; k++) {
            int f = grp[r][k];
            cell(x, v->v[f] ? lab(l, f) : "", 1, 0);
            cell(x, v->v[f] ? v->v[f] : "", 1, 0);
        }
        dw_puts(x, "</w:tr>");
    }
    static const int pairs[][2] = {{F_CODE, F_NATURE}, {F_INDUSTRY, F_SIZE}, {F_ISO_NO, F_ISO_EXP}, {F_RECORD, F_DEBTOR}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        dw_puts(x, "<w:tr>");
        for (int k = 0; k < 2; k++) {
            int f = pairs[i][k];
            int on = f >= 0 && v->v[f];
            cell(x, on ? lab(l, f) : "", 1, 0);
            cell(x, on ? v->v[f] : "", k ? 2 : 1, 0);
        }
        dw_puts(x, "</w:tr>");
    }
    dw_puts(x, "</w:tbl>");
    /* the figures down a column */
    tbl_open(x, 3);
    dw_puts(x, "<w:tr>");
    cell(x, "年度", 1, 0);
    cell(x, "营业收入", 1, 0);
    cell(x, "利润总额", 1, 0);
    dw_puts(x, "</w:tr>");
    for (int i = 0; i < NYEAR; i++) {
        char *s = qb_asprintf("%d", years[i]);
        dw_puts(x, "<w:tr>");
        cell(x, s, 1, 0);
        cell(x, v->rev[i], 1, 0);
        cell(x, v->pro[i], 1, 0);
        dw_puts(x, "</w:tr>");
        free(s);
    }
    dw_puts(x, "</w:tbl>");
}

/* Rows of three labels over rows of three values. */
static void lay_below(dw_xml *x, const layout *l, const values *v)
{
    tbl_open(x, 3);
    int order[NF], n = 0;
    for (int f = 0; f < NF; f++)
        if (v->v[f])
            order[n++] = f;
    for (int i = 0; i < n; i += 3) {
        for (int pass = 0; pass < 2; pass++) {
            dw_puts(x, "<w:tr>");
            for (int k = i; k < i + 3; k++)
                cell(x, k < n ? (pass ? v->v[order[k]] : lab(l, order[k])) : "", 1, 0);
            dw_puts(x, "</w:tr>");
        }
    }
    dw_puts(x, "</w:tbl>");
    years_rows(x, v, "亿元");
}

static void lay_paragraphs(dw_xml *x, const layout *l, const values *v)
{
    for (int f = 0; f < NF; f++) {
        if (!v->v[f] || f == F_PHONE || f == F_SCOPE)
            continue;
        /* the contact and the phone on one line, with an ASCII colon for the phone */
        char *s = f == F_CONTACT && v->v[F_PHONE]
                      ? qb_asprintf("%s：%s\u3000\u3000%s:%s", lab(l, f), v->v[f], lab(l, F_PHONE), v->v[F_PHONE])
                      : qb_asprintf("%s：%s", lab(l, f), v->v[f]);
        para(x, s);
        free(s);
    }
    if (!v->v[F_CONTACT] && v->v[F_PHONE]) {
        char *s = qb_asprintf("%s:%s", lab(l, F_PHONE), v->v[F_PHONE]);
        para(x, s);
        free(s);
    }
    if (v->v[F_SCOPE]) {
        if (*v->v[F_SCOPE]) {
            char *s = qb_asprintf("%s：%s", lab(l, F_SCOPE), v->v[F_SCOPE]);
            para(x, s);
            free(s);
        } else { /* the five, the first ticked */
            para(x, "遴选范围（在所选项前打√）：");
            para(x, "☑（一）运用先进质量管理理念、方法、工具促进高质量发展的典型经验");
            para(x, "□（二）运用 5G、大数据、人工智能等新一代信息技术提升质量管理效能的典型经验");
            para(x, "□（三）发展新业态、新模式，产品或服务明显提升的典型经验");
            para(x, "□（四）中小企业专业化、特色化、精细化、新颖化的典型经验");
            para(x, "□（五）制造服务业企业提质增效的典型经验");
        }
    }
    for (int i = 0; i < NYEAR; i++) {
        char *a = qb_asprintf("%d年营业收入：%s", years[i], v->rev[i]);
        char *b = qb_asprintf("%d年利润总额：%s", years[i], v->pro[i]);
        para(x, a);
        para(x, b);
        free(a);
        free(b);
    }
}

/* A picture and nothing else: a scanned form pasted into Word. */
static void lay_scan(dw_xml *x)
{
    dw_puts(x, "<w:p><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
               "<wp:extent cx=\"1905000\" cy=\"1905000\"/><wp:docPr id=\"1\" name=\"扫描件\"/>"
               "<a:graphic xmlns:a=\"" DW_NS_A "\"><a:graphicData uri=\"" DW_NS_PIC "\">"
               "<pic:pic xmlns:pic=\"" DW_NS_PIC "\"><pic:nvPicPr><pic:cNvPr id=\"1\" name=\"scan.png\"/>"
               "<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rId2\"/></pic:blipFill>"
               "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"1905000\" cy=\"1905000\"/></a:xfrm>"
               "<a:prstGeom prst=\"rect\"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>"
               "</w:drawing></w:r></w:p>");
}

static qb_status write_form(const char *path, const layout *l, const values *v, int blank)
{
    dw_xml doc = {0};
    dw_puts(&doc, DW_XML_DECL "<w:document xmlns:w=\"" DW_NS_W "\" xmlns:r=\"" DW_NS_R "\" xmlns:wp=\"" DW_NS_WP
                              "\"><w:body>");
    if (v->scan) {
        lay_scan(&doc);
    } else {
        dw_puts(&doc, "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia=\"黑体\"/>"
                      "<w:sz w:val=\"36\"/></w:rPr><w:t>质量标杆申报书</w:t></w:r></w:p>");
        if (blank)
            para(&doc, "填写说明：请逐项填写，金额单位为万元，亏损以负数填写；遴选范围填写序号（一）至（五）之一。");
        if (!strcmp(l->name, "cells"))
            lay_cells(&doc, l, v);
        else if (!strcmp(l->name, "merged"))
            lay_merged(&doc, l, v);
        else if (!strcmp(l->name, "below"))
            lay_below(&doc, l, v);
        else if (!strcmp(l->name, "paragraphs"))
            lay_paragraphs(&doc, l, v);
        else
            lay_labels(&doc, l, v);
        para(&doc, "申报单位（盖章）：");
    }
    dw_puts(&doc, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>");

    dw_xml ct = {0}, rels = {0}, drels = {0};
    dw_puts(&ct, DW_XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                             "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                             "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                             "<Default Extension=\"png\" ContentType=\"image/png\"/>"
                             "<Override PartName=\"/word/document.xml\" ContentType=\"" DW_CT
                             "wordprocessingml.document.main+xml\"/></Types>");
    dw_puts(&rels, DW_XML_DECL "<Relationships xmlns=\"" DW_NS_PKGREL "\"><Relationship Id=\"rId1\" Type=\"" DW_REL
                               "officeDocument\" Target=\"word/document.xml\"/></Relationships>");
    dw_puts(&drels, DW_XML_DECL "<Relationships xmlns=\"" DW_NS_PKGREL "\"><Relationship Id=\"rId2\" Type=\"" DW_REL
                                "image\" Target=\"media/image1.png\"/></Relationships>");
    dw_pkg p;
    qb_status st = dw_pkg_open(&p, path);
    if (st == QB_OK)
        st = dw_pkg_add_xml(&p, "[Content_Types].xml", &ct);
    if (st == QB_OK)
        st = dw_pkg_add_xml(&p, "_rels/.rels", &rels);
    if (st == QB_OK)
        st = dw_pkg_add_xml(&p, "word/document.xml", &doc);
    if (st == QB_OK && v->scan) {
        st = dw_pkg_add_xml(&p, "word/_rels/document.xml.rels", &drels);
        unsigned char pix[16 * 16], pal[6] = {255, 255, 255, 40, 40, 40};
        for (int i = 0; i < 256; i++)
            pix[i] = (unsigned char)((i / 16 + i % 16) % 3 == 0);
        qb_buf png = {0};
        if (st == QB_OK)
            st = dw_png(pix, 16, 16, pal, 2, &png);
        size_t len = png.len;
        char *bytes = st == QB_OK ? qb_buf_take(&png) : (qb_buf_free(&png), NULL);
        if (st == QB_OK)
            st = bytes ? dw_pkg_add(&p, "word/media/image1.png", bytes, len) : QB_ERR_NOMEM;
    }
    if (st == QB_OK)
        st = dw_pkg_close(&p);
    else if (p.z)
        dw_pkg_discard(&p);
    if (st != QB_OK)
        fprintf(stderr, "mkform: %s: %s\n", path, p.why[0] ? p.why : qb_status_str(st));
    dw_xml_free(&ct);
    dw_xml_free(&rels);
    dw_xml_free(&drels);
    dw_xml_free(&doc);
    return st;
}

/* NAME = LAYOUT-DEFECT */
static int lookup(const char *name, const layout **l, const defect **d)
{
    for (size_t i = 0; i < NLAYOUT; i++) {
        size_t n = strlen(layouts[i].name);
        if (strncmp(name, layouts[i].name, n) == 0 && name[n] == '-')
            for (size_t k = 0; k < NDEFECT; k++)
                if (strcmp(name + n + 1, defects[k].name) == 0) {
                    *l = &layouts[i];
                    *d = &defects[k];
                    return 1;
                }
    }
    return 0;
}

static int one(const char *dir, const layout *l, const defect *d)
{
    values v;
    make_values(l, d, &v);
    char *path = qb_asprintf("%s/%s-%s.docx", dir, l->name, d->name);
    int rc = path && write_form(path, l, &v, 0) == QB_OK ? 0 : 1;
    free(path);
    return rc;
}

static void usage(FILE *f)
{
    fputs("usage: mkform [--applicant NAME] [--scope TEXT] OUTDIR [FORM…]   sample forms (FORM = LAYOUT-DEFECT)\n"
          "       mkform --list             every FORM and what it is\n"
          "       mkform --findings FORM    the findings qb-check gives for it (caq-2023)\n"
          "       mkform --blank OUT.docx   the blank application form\n"
          "  --applicant NAME   the forms name NAME as the applicant (default " COMPANY ")\n"
          "  --scope TEXT       the forms write TEXT as the 遴选范围 (default: each layout's own way)\n"
          "  -h, --help         this help\n",
          f);
}

int main(int argc, char **argv)
{
    static const char prog[] = "mkform";
    static const struct option longopts[] = {{"list", no_argument, NULL, 'l'},
                                             {"findings", required_argument, NULL, 'f'},
                                             {"blank", required_argument, NULL, 'b'},
                                             {"applicant", required_argument, NULL, 'a'},
                                             {"scope", required_argument, NULL, 's'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    setenv("TZ", "UTC", 1);
    int c, mode = 0; /* 0: write forms, else the option's letter */
    const char *arg = NULL;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            usage(stdout);
            return 0;
        case 'a':
            applicant = optarg;
            break;
        case 's':
            scope_written = optarg;
            break;
        case 'l':
        case 'f':
        case 'b':
            if (mode)
                return qb_cli_bad_usage(prog, usage, "只能选一项 only one of --list, --findings, --blank", NULL);
            mode = c;
            arg = optarg;
            break;
        default:
            return qb_cli_bad_option(prog, usage, argv, c);
        }
    }
    if (mode && optind != argc)
        return qb_cli_bad_usage(prog, usage, "参数过多 too many arguments:", argv[optind]);
    if (mode == 'l') {
        for (size_t i = 0; i < NLAYOUT; i++)
            for (size_t k = 0; k < NDEFECT; k++)
                printf("%s-%s\t%s; %s\n", layouts[i].name, defects[k].name, layouts[i].what, defects[k].what);
        return 0;
    }
    const layout *l;
    const defect *d;
    if (mode == 'f') {
        if (!lookup(arg, &l, &d))
            return qb_cli_bad_usage(prog, usage, "没有这个申报书 no form named", arg);
        if (*d->findings)
            printf("%s\n", d->findings);
        return 0;
    }
    if (mode == 'b') {
        values v;
        memset(&v, 0, sizeof v);
        for (int f = 0; f < NF; f++)
            v.v[f] = "";
        for (int i = 0; i < NYEAR; i++)
            v.rev[i] = v.pro[i] = "";
        return write_form(arg, &layouts[0], &v, 1) == QB_OK ? 0 : 1;
    }
    if (optind == argc)
        return qb_cli_bad_usage(prog, usage, "需要输出目录 OUTDIR is required", NULL);
    const char *dir = argv[optind];
    for (int a = optind + 1; a < argc; a++)
        if (!lookup(argv[a], &l, &d))
            return qb_cli_bad_usage(prog, usage, "没有这个申报书 no form named", argv[a]);
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "mkform: 无法创建目录 / cannot create %s: %s\n", dir, strerror(errno));
        return 1;
    }
    int rc = 0;
    if (optind + 1 == argc) {
        for (size_t i = 0; i < NLAYOUT; i++)
            for (size_t k = 0; k < NDEFECT; k++)
                rc |= one(dir, &layouts[i], &defects[k]);
        return rc;
    }
    for (int a = optind + 1; a < argc; a++) {
        lookup(argv[a], &l, &d);
        rc |= one(dir, l, d);
    }
    return rc;
}
