#define _POSIX_C_SOURCE 200809L
/* Unit tests of paragraph roles: the section finder decides each paragraph's role once
 * (front matter, title, headings with their section, subheadings, body, list items,
 * captions, TOC entries, empty lines, the appendix), the model XML carries it, and the
 * lint reads it — "表1 列出了各车间的主要质量指标。" is body text, checked as body text. */
#include "lint.h"
#include "model_xml.h"
#include "sections.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static size_t add(qb_doc *d, qb_where where, const char *style, const char *text)
{
    size_t idx;
    if (qb_doc_add_para(d, where, where == QB_IN_TABLE ? 0 : -1, &idx) != QB_OK)
        exit(99);
    qb_para *p = &d->paras[idx];
    p->number = (int)idx + 1;
    if (style)
        snprintf(p->f.style_name, sizeof p->f.style_name, "%s", style);
    qb_rfmt f;
    qb_rfmt_init(&f);
    snprintf(f.font_ea, sizeof f.font_ea, "宋体");
    f.size_hp = 24;
    f.bold = 0;
    if (text && *text && qb_para_add_run(p, text, strlen(text), &f) != QB_OK)
        exit(99);
    return idx;
}

static int has_finding(const qb_doc *d, const char *rule, int para)
{
    for (size_t i = 0; i < d->findings.n; i++)
        if (strcmp(d->findings.v[i].rule, rule) == 0 && (para < 0 || d->findings.v[i].paragraph == para))
            return 1;
    return 0;
}

#define BODY "公司围绕顾客需求建立质量目标，通过六西格玛方法识别关键质量特性并持续改进。"
#define CAPLIKE "表1 列出了各车间的主要质量指标。"

int main(void)
{
    qb_edition ed;
    qb_err err = {0};
    if (qb_edition_load("caq-2023", &ed, &err) != QB_OK) {
        ok(0, "caq-2023 loads: %s", qb_err_text(&err, 1));
        return tap_done();
    }
    qb_doc d;
    qb_doc_init(&d);
    d.file = qb_strdup("t.docx");
    size_t front = add(&d, QB_IN_BODY, NULL, "附件1");
    size_t title = add(&d, QB_IN_BODY, NULL, "某某机械制造有限公司实施六西格玛设计的经验");
    size_t toc1 = add(&d, QB_IN_BODY, "toc 1", "摘要\t1");
    size_t toc2 = add(&d, QB_IN_BODY, "TOC 2", "企业概况\t2");
    size_t empty = add(&d, QB_IN_BODY, NULL, "\xe3\x80\x80 ");
    size_t abs = add(&d, QB_IN_BODY, NULL, "摘要");
    size_t body = add(&d, QB_IN_BODY, NULL, BODY);
    size_t over = add(&d, QB_IN_BODY, NULL, "一、企业概况");
    add(&d, QB_IN_BODY, NULL, BODY);
    size_t prac = add(&d, QB_IN_BODY, NULL, "二、管理方法（技术）的推进和应用情况");
    size_t sub = add(&d, QB_IN_BODY, NULL, "（一）组织保障");
    size_t caplike = add(&d, QB_IN_BODY, NULL, CAPLIKE);
    snprintf(d.paras[caplike].runs[0].f.font_ea, QB_FONT_MAX, "楷体"); /* a body-font finding names it */
    size_t tcap = add(&d, QB_IN_BODY, NULL, "表1 各车间的主要质量指标");
    size_t cell = add(&d, QB_IN_TABLE, NULL, "一次交验合格率");
    size_t list = add(&d, QB_IN_BODY, NULL, BODY);
    d.paras[list].f.num_id = 3;
    d.paras[list].f.num_lvl = 0;
    size_t fcap = add(&d, QB_IN_BODY, NULL, "图1 推进流程");
    size_t seqcap = add(&d, QB_IN_BODY, NULL, "推进流程图");
    snprintf(d.paras[seqcap].seq, sizeof d.paras[seqcap].seq, "图表");
    size_t res = add(&d, QB_IN_BODY, NULL, "三、管理方法（技术）的实施效果");
    add(&d, QB_IN_BODY, NULL, BODY);
    size_t end = add(&d, QB_IN_BODY, NULL, "附件：证明材料清单");
    size_t app = add(&d, QB_IN_BODY, NULL, BODY);
    size_t appcap = add(&d, QB_IN_BODY, NULL, "附表1 证明材料清单");
    d.ntable = 1;
    d.tables = calloc(1, sizeof *d.tables);
    d.tables[0] = (qb_table){.parent = -1, .depth = 1, .rows = 1, .cols = 1, .first_para = cell,
                             .end_para = cell + 1, .before_para = cell};

    ok(qb_sections_run(&d, &ed) == QB_OK, "sections run");
    const qb_para *P = d.paras;
    is_int(P[front].role, QB_PARA_FRONT, "\"附件1\" above the title is front matter");
    is_int(P[title].role, QB_PARA_TITLE, "the title");
    is_int(P[toc1].role, QB_PARA_TOC, "a TOC 1 line is a TOC entry");
    is_int(P[toc2].role, QB_PARA_TOC, "a TOC 2 line (any case) is a TOC entry");
    is_int(d.sec[QB_SEC_ABSTRACT].head, abs, "the TOC's \"摘要\" line is not the abstract heading");
    is_int(d.sec[QB_SEC_OVERVIEW].head, over, "nor is its \"企业概况\" line the overview heading");
    is_int(P[empty].role, QB_PARA_EMPTY, "a line of white space is empty");
    is_int(P[abs].role, QB_PARA_HEADING, "摘要 is a heading …");
    is_int(P[abs].role_sec, QB_SEC_ABSTRACT, "… of the abstract");
    is_int(P[prac].role_sec, QB_SEC_PRACTICE, "二、… is the practice section's heading");
    is_int(P[res].role, QB_PARA_HEADING, "三、… is a heading too");
    is_int(P[body].role, QB_PARA_BODY, "running text is body");
    is_int(P[sub].role, QB_PARA_SUBHEADING, "（一）组织保障 is a subheading");
    is_int(P[caplike].role, QB_PARA_BODY, "\"" CAPLIKE "\" is body text (a full stop: not a caption)");
    is_int(P[tcap].role, QB_PARA_TABLE_CAPTION, "\"表1 各车间的主要质量指标\" is a table caption");
    is_int(P[cell].role, QB_PARA_BODY, "text in a table cell is body (where says the cell)");
    is_int(P[list].role, QB_PARA_LIST, "a numbered paragraph of running text is a list item");
    is_int(P[fcap].role, QB_PARA_FIGURE_CAPTION, "\"图1 推进流程\" is a figure caption");
    is_int(P[seqcap].role, QB_PARA_FIGURE_CAPTION, "SEQ 图表 (Chinese Word's Figure label) makes a figure caption");
    is_int(P[end].role, QB_PARA_APPENDIX, "the 附件 line ends the write-up");
    is_int(P[app].role, QB_PARA_APPENDIX, "text after it is appendix");
    is_int(P[appcap].role, QB_PARA_TABLE_CAPTION, "a caption in the appendix stays a caption");

    /* The model XML carries the role and the reader's TOC mark, and gives them back. */
    d.paras[toc2].in_toc = 1;
    char path[256];
    snprintf(path, sizeof path, "%s/qb-roles-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    int fd = mkstemp(path);
    FILE *w = fd >= 0 ? fdopen(fd, "w+") : NULL;
    ok(w && qb_model_write(&d, w) == QB_OK, "the model is written");
    char buf[1 << 16];
    size_t len = 0;
    if (w) {
        rewind(w);
        len = fread(buf, 1, sizeof buf - 1, w);
        fclose(w);
    }
    buf[len] = '\0';
    ok(strstr(buf, "role=\"heading:practice\"") && strstr(buf, "role=\"table-caption\"") &&
       strstr(buf, "role=\"toc\""), "the XML names roles (heading:practice, table-caption, toc)");
    qb_doc back;
    qb_doc_init(&back);
    int same = qb_model_read(path, &back) == QB_OK && back.npara == d.npara;
    for (size_t i = 0; same && i < d.npara; i++)
        same = back.paras[i].role == d.paras[i].role && back.paras[i].role_sec == d.paras[i].role_sec &&
               back.paras[i].in_toc == d.paras[i].in_toc;
    ok(same, "reading the XML gives every paragraph its role, section and TOC mark (toc=) back");
    ok(strstr(buf, "toc=\"1\"") != NULL, "the XML writes the TOC mark as toc=\"1\"");
    qb_doc_free(&back);
    unlink(path);

    /* The lint reads the role: the caption-like sentence is checked as body text, and
     * no caption rule looks at it. */
    ok(qb_lint_run(&d, &ed) == QB_OK, "lint runs");
    ok(has_finding(&d, "format.body-font", P[caplike].number), "its 楷体 is a body-font finding");
    ok(!has_finding(&d, "format.caption-style", P[caplike].number) &&
       !has_finding(&d, "format.caption-numbering", -1),
       "no caption finding about it (表1 is numbered once)");

    qb_doc_free(&d);
    qb_edition_free(&ed);
    return tap_done();
}
