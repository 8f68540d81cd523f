/* Unit tests of the section finder: the heading spellings real drafts use, the title,
 * inline headings, end markers, exact counts and the findings. */
#include "sections.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add(qb_doc *d, qb_where where, const char *label, const char *text)
{
    size_t idx;
    if (qb_doc_add_para(d, where, where == QB_IN_TABLE ? 0 : -1, &idx) != QB_OK)
        exit(99);
    qb_para *p = &d->paras[idx];
    p->number = (int)idx + 1;
    if (label && *label) {
        free(p->text);
        p->text = qb_strdup(label);
        p->label_len = strlen(label);
    }
    if (text && qb_para_add_run(p, text, strlen(text), NULL) != QB_OK)
        exit(99);
}

/* n copies of a 10-字 sentence */
static char *rep(const char *s, int n)
{
    size_t l = strlen(s);
    char *o = malloc(l * (size_t)n + 1);
    for (int i = 0; i < n; i++)
        memcpy(o + l * (size_t)i, s, l);
    o[l * (size_t)n] = '\0';
    return o;
}

static const char *S10 = "质量管理持续改进。"; /* 9 hanzi/punct */

int main(void)
{
    qb_edition ed;
    qb_err err = {0};
    if (qb_edition_load("caq-2023", &ed, &err) != QB_OK) {
        ok(0, "caq-2023 loads: %s", qb_err_text(&err, 1));
        return tap_done();
    }
    /* A draft the way applicants write them. */
    qb_doc d;
    qb_doc_init(&d);
    d.file = qb_strdup("t.docx");
    char *body = rep(S10, 10); /* 90 字 */
    add(&d, QB_IN_BODY, NULL, "附件1");
    add(&d, QB_IN_BODY, NULL, "某某机械制造有限公司实施六西格玛设计的经验");
    add(&d, QB_IN_BODY, NULL, "");
    add(&d, QB_IN_BODY, NULL, "摘  要");
    add(&d, QB_IN_BODY, NULL, body);
    add(&d, QB_IN_BODY, NULL, "第一部分 企业简介");
    add(&d, QB_IN_BODY, NULL, body);
    add(&d, QB_IN_TABLE, NULL, "表内文字");
    add(&d, QB_IN_BODY, "二、", "管理方法（技术）的推进和应用情况");
    add(&d, QB_IN_BODY, NULL, "（一）组织保障");
    add(&d, QB_IN_BODY, NULL, body);
    add(&d, QB_IN_FOOTNOTE, NULL, "脚注ISO 9001");
    add(&d, QB_IN_BODY, NULL, "3. 取得成效");
    add(&d, QB_IN_BODY, NULL, "2023年合格率达到99.5%。");
    add(&d, QB_IN_BODY, NULL, "附件：证明材料清单");
    add(&d, QB_IN_BODY, NULL, body);
    qb_status st = qb_sections_run(&d, &ed);
    ok(st == QB_OK, "sections run");
    is_int(d.sec[QB_SEC_TITLE].head, 1, "the title skips the 附件1 label");
    is_int(d.sec[QB_SEC_TITLE].count, 21, "the title counts 21 字");
    is_int(d.sec[QB_SEC_ABSTRACT].head, 3, "\"摘  要\" with spaces is the abstract heading");
    is_int(d.sec[QB_SEC_ABSTRACT].count, 90, "the abstract counts 90 字 (heading excluded)");
    is_int(d.sec[QB_SEC_OVERVIEW].head, 5, "\"第一部分 企业简介\" is the overview heading");
    is_int(d.sec[QB_SEC_OVERVIEW].count, 94, "the overview counts its table too (90 + 4)");
    is_int(d.sec[QB_SEC_PRACTICE].head, 8, "a heading numbered 二、 by Word is found");
    is_int(d.sec[QB_SEC_PRACTICE].count, 7 + 90 + 4, "practice: sub-heading （一）组织保障 7, text 90, footnote 脚注 ISO 9001 4");
    is_int(d.sec[QB_SEC_RESULTS].head, 12, "\"3. 取得成效\" is the results heading");
    is_int(d.sec[QB_SEC_RESULTS].count, 1 + 6 + 1 + 1, "results: 2023 | 年合格率达到 | 99.5% | 。 counts 9");
    is_int(d.sec[QB_SEC_RESULTS].end, 14, "the results end at the 附件 heading");
    is_int(d.findings.n, 0, "a compliant draft has no finding");
    qb_doc_free(&d);

    /* Inline abstract, over-limit counts, a missing section, a badly named title. */
    qb_doc_init(&d);
    d.file = qb_strdup("t.docx");
    char *long_abs = rep(S10, 56); /* 504 字 */
    char *inl = qb_asprintf("摘要：%s", long_abs);
    add(&d, QB_IN_BODY, NULL, "关于质量管理的一些体会");
    add(&d, QB_IN_BODY, NULL, inl);
    add(&d, QB_IN_BODY, NULL, "一、企业概况");
    add(&d, QB_IN_BODY, NULL, body);
    add(&d, QB_IN_BODY, NULL, "企业概况如下。");
    add(&d, QB_IN_BODY, NULL, "四、实施效果");
    add(&d, QB_IN_BODY, NULL, body);
    st = qb_sections_run(&d, &ed);
    ok(st == QB_OK, "sections run on a defective draft");
    ok(d.sec[QB_SEC_ABSTRACT].inline_head, "\"摘要：text\" is an inline heading");
    is_int(d.sec[QB_SEC_ABSTRACT].count, 504, "its text after the colon counts 504");
    ok(qb_findings_has_rule(&d.findings, "count.abstract"), "count.abstract is reported");
    is_int(d.sec[QB_SEC_OVERVIEW].count, 90 + 7, "a long sentence starting 企业概况 stays body text");
    ok(!d.sec[QB_SEC_PRACTICE].found && qb_findings_has_rule(&d.findings, "section.missing"),
       "the missing 推进和应用情况 is reported");
    ok(qb_findings_has_rule(&d.findings, "title.naming"), "a title without company and 经验 breaks title.naming");
    size_t errors = qb_findings_count(&d.findings, QB_SEV_ERROR);
    is_int(errors, 2, "two errors: the abstract's count and the missing section");
    const qb_finding *f = NULL;
    for (size_t i = 0; i < d.findings.n; i++)
        if (strcmp(d.findings.v[i].rule, "count.abstract") == 0)
            f = &d.findings.v[i];
    ok(f && strstr(f->message, "504") && strstr(f->message, "500"), "the message gives actual and limit: %s",
       f ? f->message : "");
    is_int(f ? f->paragraph : 0, 2, "and the paragraph of the heading");
    qb_doc_free(&d);

    /* "质量标杆名称：" before the title in the same paragraph is a label, not the title */
    qb_doc_init(&d);
    d.file = qb_strdup("t.docx");
    add(&d, QB_IN_BODY, NULL, "质量标杆名称：某某公司实施六西格玛设计的经验");
    add(&d, QB_IN_BODY, NULL, "摘要");
    add(&d, QB_IN_BODY, NULL, "正文。");
    qb_sections_run(&d, &ed);
    is_int(d.sec[QB_SEC_TITLE].count, 15, "the title after its label counts 15, the label not");
    ok(!qb_findings_has_rule(&d.findings, "title.naming"), "and it is named as the rules say");
    qb_doc_free(&d);

    /* counting by characters when an edition says so */
    free(ed.name);
    ed.name = qb_strdup("chars-test");
    ed.count_mode = QB_COUNT_CHARS;
    qb_doc_init(&d);
    d.file = qb_strdup("t.docx");
    add(&d, QB_IN_BODY, NULL, "某公司推行ISO的经验");
    add(&d, QB_IN_BODY, NULL, "摘要");
    add(&d, QB_IN_BODY, NULL, "ISO 9001");
    qb_sections_run(&d, &ed);
    is_int(d.sec[QB_SEC_ABSTRACT].count, 7, "chars mode counts characters without spaces");
    is_int(d.sec[QB_SEC_ABSTRACT].words, 2, "while the 字数 is 2");
    qb_doc_free(&d);

    /* A table of contents (styles toc 1, toc 2) repeats the headings with page numbers:
     * its lines are not the headings, the real ones below are. */
    qb_doc_init(&d);
    d.file = qb_strdup("t.docx");
    add(&d, QB_IN_BODY, NULL, "某某机械制造有限公司实施六西格玛设计的经验");
    add(&d, QB_IN_BODY, NULL, "目  录");
    const char *toc[] = {"摘要\t1", "一、企业概况\t1", "二、管理方法（技术）的推进和应用情况\t2",
                         "三、管理方法（技术）的实施效果\t3"};
    for (int k = 0; k < 4; k++) {
        add(&d, QB_IN_BODY, NULL, toc[k]);
        snprintf(d.paras[d.npara - 1].f.style_name, QB_FONT_MAX, "toc %d", k ? 2 : 1);
    }
    add(&d, QB_IN_BODY, NULL, "摘要");
    add(&d, QB_IN_BODY, NULL, body);
    add(&d, QB_IN_BODY, NULL, "一、企业概况");
    add(&d, QB_IN_BODY, NULL, body);
    add(&d, QB_IN_BODY, NULL, "二、管理方法（技术）的推进和应用情况");
    add(&d, QB_IN_BODY, NULL, body);
    add(&d, QB_IN_BODY, NULL, "三、管理方法（技术）的实施效果");
    add(&d, QB_IN_BODY, NULL, body);
    qb_sections_run(&d, &ed);
    is_int(d.sec[QB_SEC_ABSTRACT].head, 6, "the TOC's 摘要 line is not the abstract heading");
    is_int(d.sec[QB_SEC_RESULTS].head, 12, "nor are its other lines headings");
    is_int(d.sec[QB_SEC_ABSTRACT].count, 90, "the abstract counts its own text, not the table of contents");
    qb_doc_free(&d);

    /* A table of contents as Word writes it, above the title: the reader marked its
     * lines (TOC field or SDT), no style says so. Neither the title nor a heading. */
    qb_doc_init(&d);
    d.file = qb_strdup("t.docx");
    add(&d, QB_IN_BODY, NULL, "目录");
    for (int k = 0; k < 4; k++) {
        add(&d, QB_IN_BODY, NULL, toc[k]);
        d.paras[d.npara - 1].in_toc = 1;
    }
    add(&d, QB_IN_BODY, NULL, "某某机械制造有限公司实施六西格玛设计的经验");
    add(&d, QB_IN_BODY, NULL, "摘要");
    add(&d, QB_IN_BODY, NULL, body);
    add(&d, QB_IN_BODY, NULL, "一、企业概况");
    add(&d, QB_IN_BODY, NULL, body);
    add(&d, QB_IN_BODY, NULL, "二、管理方法（技术）的推进和应用情况");
    add(&d, QB_IN_BODY, NULL, body);
    add(&d, QB_IN_BODY, NULL, "三、管理方法（技术）的实施效果");
    add(&d, QB_IN_BODY, NULL, body);
    qb_sections_run(&d, &ed);
    is_int(d.paras[0].role, QB_PARA_TOC, "the 目录 heading above marked entries is part of the table of contents");
    is_int(d.sec[QB_SEC_TITLE].head, 5, "the title is found below a table of contents, not \"目录\"");
    is_int(d.sec[QB_SEC_ABSTRACT].head, 6, "the abstract heading after the table of contents");
    is_int(d.sec[QB_SEC_RESULTS].count, 90, "the results count their own text");
    is_int(d.findings.n, 0, "and nothing is reported");
    qb_doc_free(&d);

    /* 目录 typed by hand: dot leaders and page numbers, no style, no field */
    qb_doc_init(&d);
    d.file = qb_strdup("t.docx");
    add(&d, QB_IN_BODY, NULL, "某某机械制造有限公司实施六西格玛设计的经验");
    add(&d, QB_IN_BODY, NULL, "目　录");
    add(&d, QB_IN_BODY, NULL, "摘要……………………1");
    add(&d, QB_IN_BODY, NULL, "");
    add(&d, QB_IN_BODY, NULL, "一、企业概况……………1");
    add(&d, QB_IN_BODY, NULL, "二、管理方法（技术）的推进和应用情况 ......... 2");
    add(&d, QB_IN_BODY, NULL, "三、管理方法（技术）的实施效果 5");
    add(&d, QB_IN_BODY, NULL, "摘要");
    add(&d, QB_IN_BODY, NULL, body);
    add(&d, QB_IN_BODY, NULL, "一、企业概况");
    add(&d, QB_IN_BODY, NULL, body);
    add(&d, QB_IN_BODY, NULL, "二、管理方法（技术）的推进和应用情况");
    add(&d, QB_IN_BODY, NULL, body);
    add(&d, QB_IN_BODY, NULL, "三、管理方法（技术）的实施效果");
    add(&d, QB_IN_BODY, NULL, body);
    qb_sections_run(&d, &ed);
    is_int(d.paras[1].role, QB_PARA_TOC, "\"目　录\" heads a table of contents");
    is_int(d.paras[6].role, QB_PARA_TOC, "an entry with a page number after a space is one too, under 目录");
    is_int(d.sec[QB_SEC_ABSTRACT].head, 7, "the abstract heading is the one after the table of contents");
    is_int(d.sec[QB_SEC_ABSTRACT].count, 90, "and counts its own text");
    is_int(d.findings.n, 0, "nothing is reported");
    qb_doc_free(&d);
    /* no 目录 line: three dotted entries are still a table of contents; three lines
     * aligned by tabs in running text are not */
    qb_doc_init(&d);
    d.file = qb_strdup("t.docx");
    add(&d, QB_IN_BODY, NULL, "摘要……………………1");
    add(&d, QB_IN_BODY, NULL, "一、企业概况……………1");
    add(&d, QB_IN_BODY, NULL, "二、主要做法……………2");
    add(&d, QB_IN_BODY, NULL, "某某机械制造有限公司实施六西格玛设计的经验");
    add(&d, QB_IN_BODY, NULL, "摘要");
    add(&d, QB_IN_BODY, NULL, "国家级奖项\t2");
    add(&d, QB_IN_BODY, NULL, "省级奖项\t5");
    add(&d, QB_IN_BODY, NULL, "市级奖项\t8");
    qb_sections_run(&d, &ed);
    is_int(d.sec[QB_SEC_TITLE].head, 3, "three dotted entries above the title are a table of contents");
    is_int(d.sec[QB_SEC_ABSTRACT].count, 6 + 5 + 5, "three lines aligned by tabs are abstract text (16 字)");
    qb_doc_free(&d);
    is_int(qb_toc_line("摘要……………1"), 3, "qb_toc_line: dot leader and page number");
    is_int(qb_toc_line("一、企业概况\t12"), 2, "qb_toc_line: tab and page number");
    is_int(qb_toc_line("附件 1"), 1, "qb_toc_line: a space only is a weak leader");
    is_int(qb_toc_line("2023年合格率达到99"), 0, "qb_toc_line: a number after text with no leader is not");
    is_int(qb_toc_line("合格率提高了 5 个百分点。"), 0, "qb_toc_line: body text is not");

    /* Headings in brackets and with either colon, from the edition's patterns */
    qb_doc_init(&d);
    d.file = qb_strdup("t.docx");
    add(&d, QB_IN_BODY, NULL, "某某机械制造有限公司实施六西格玛设计的经验");
    char *brk = qb_asprintf("【摘要】%s", body);
    add(&d, QB_IN_BODY, NULL, brk);
    add(&d, QB_IN_BODY, NULL, "［企业概况］");
    add(&d, QB_IN_BODY, NULL, body);
    add(&d, QB_IN_BODY, NULL, "[主要做法]");
    add(&d, QB_IN_BODY, NULL, body);
    add(&d, QB_IN_BODY, NULL, "实施效果:");
    add(&d, QB_IN_BODY, NULL, body);
    qb_sections_run(&d, &ed);
    ok(d.sec[QB_SEC_ABSTRACT].found && d.sec[QB_SEC_ABSTRACT].inline_head,
       "\"【摘要】text\": the closing bracket ends an inline heading");
    is_int(d.sec[QB_SEC_ABSTRACT].count, 90, "its text after 【摘要】 counts 90");
    is_int(d.sec[QB_SEC_OVERVIEW].head, 2, "［企业概况］ (full-width brackets) is the overview heading");
    is_int(d.sec[QB_SEC_PRACTICE].head, 4, "[主要做法] (ASCII brackets) is the practice heading");
    is_int(d.sec[QB_SEC_RESULTS].head, 6, "\"实施效果:\" (ASCII colon) is the results heading");
    is_int(d.findings.n, 0, "nothing is reported");
    qb_doc_free(&d);
    free(brk);

    /* A title over two centred lines in the same formatting is one title; a subtitle
     * (——…) belongs to it and counts; a centred line in another formatting does not. */
    const char *variants[][3] = {
        {"某某机械制造有限公司", "实施六西格玛设计的经验", NULL},
        {"某某机械制造有限公司实施六西格玛设计的经验", "——以主轴部件研发为例", NULL},
        {"某某机械制造有限公司", "实施六西格玛设计的经验", "——以主轴部件研发为例"},
    };
    const long want_count[] = {21, 21 + 2 + 9, 21 + 2 + 9}; /* —— counts 2 */
    for (int v = 0; v < 3; v++) {
        qb_doc_init(&d);
        d.file = qb_strdup("t.docx");
        for (int k = 0; k < 3 && variants[v][k]; k++) {
            add(&d, QB_IN_BODY, NULL, variants[v][k]);
            d.paras[d.npara - 1].f.jc = QB_JC_CENTER;
            if (k == 2 || (v == 1 && k == 1)) /* the subtitle: smaller */
                d.paras[d.npara - 1].runs[0].f.size_hp = 28;
        }
        add(&d, QB_IN_BODY, NULL, "摘要");
        add(&d, QB_IN_BODY, NULL, body);
        qb_sections_run(&d, &ed);
        is_int(d.sec[QB_SEC_TITLE].count, want_count[v], "title variant %d counts %ld 字", v, want_count[v]);
        ok(!qb_findings_has_rule(&d.findings, "title.naming"), "title variant %d is named as the rules say", v);
        is_int(d.paras[1].role, QB_PARA_TITLE, "title variant %d: its second line is the title too", v);
        qb_doc_free(&d);
    }
    qb_doc_init(&d);
    d.file = qb_strdup("t.docx");
    add(&d, QB_IN_BODY, NULL, "某某机械制造有限公司实施六西格玛设计的经验");
    add(&d, QB_IN_BODY, NULL, "某某机械制造有限公司质量管理部");
    d.paras[0].f.jc = d.paras[1].f.jc = QB_JC_CENTER;
    d.paras[1].runs[0].f.size_hp = 24;
    add(&d, QB_IN_BODY, NULL, "摘要");
    add(&d, QB_IN_BODY, NULL, body);
    qb_sections_run(&d, &ed);
    is_int(d.sec[QB_SEC_TITLE].count, 21, "a centred line in another size is not part of the title");
    qb_doc_free(&d);

    /* A form: the headings in a table's first column, the text in the cell beside */
    qb_doc_init(&d);
    d.file = qb_strdup("t.docx");
    add(&d, QB_IN_BODY, NULL, "某某机械制造有限公司实施六西格玛设计的经验");
    d.tables = calloc(1, sizeof *d.tables);
    d.ntable = d.captable = 1;
    d.tables[0] = (qb_table){.parent = -1, .depth = 1, .rows = 4, .cols = 2, .first_para = 1, .before_para = 1};
    const char *heads[] = {"摘要", "企业概况", "主要做法", "实施效果"};
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < 2; c++) {
            add(&d, QB_IN_TABLE, NULL, c ? body : heads[r]);
            d.paras[d.npara - 1].row = r;
            d.paras[d.npara - 1].cell = c;
        }
    d.tables[0].end_para = d.npara;
    add(&d, QB_IN_BODY, NULL, "");
    qb_sections_run(&d, &ed);
    is_int(d.sec[QB_SEC_ABSTRACT].head, 1, "a heading in the first column of a table is found");
    is_int(d.sec[QB_SEC_PRACTICE].count, 90, "its section is the cell beside it");
    is_int(d.sec[QB_SEC_RESULTS].count, 90, "the last one too");
    is_int(d.findings.n, 0, "nothing is reported");
    /* the same headings side by side in the first row: undecidable, and said so */
    for (size_t i = 1; i < 9; i++) {
        d.paras[i].row = (int)(i - 1) / 4;
        d.paras[i].cell = (int)(i - 1) % 4;
        free(d.paras[i].text);
        d.paras[i].text = qb_strdup(i < 5 ? heads[i - 1] : "正文。");
        d.paras[i].label_len = 0;
    }
    d.tables[0].rows = 2;
    d.tables[0].cols = 4;
    qb_findings_free(&d.findings);
    qb_sections_run(&d, &ed);
    ok(qb_findings_has_rule(&d.findings, "section.layout"), "headings across a table's first row: section.layout");
    ok(!d.sec[QB_SEC_ABSTRACT].found, "and no section is taken from it");
    qb_doc_free(&d);

    /* An outline typed under the title: its lines are taken as headings, and the empty
     * sections are reported, never a silent 0 */
    qb_doc_init(&d);
    d.file = qb_strdup("t.docx");
    add(&d, QB_IN_BODY, NULL, "某某机械制造有限公司实施六西格玛设计的经验");
    add(&d, QB_IN_BODY, NULL, "摘要");
    add(&d, QB_IN_BODY, NULL, "一、企业概况");
    add(&d, QB_IN_BODY, NULL, "二、主要做法");
    add(&d, QB_IN_BODY, NULL, "三、实施效果");
    add(&d, QB_IN_BODY, NULL, body);
    qb_sections_run(&d, &ed);
    size_t empty = 0;
    for (size_t i = 0; i < d.findings.n; i++)
        if (strcmp(d.findings.v[i].rule, "section.empty") == 0 && d.findings.v[i].severity == QB_SEV_ERROR &&
            strstr(d.findings.v[i].message, "目录"))
            empty++;
    is_int(empty, 3, "three headings with nothing under them: section.empty errors that say what to change");
    qb_doc_free(&d);

    free(body);
    free(long_abs);
    free(inl);
    qb_edition_free(&ed);
    return tap_done();
}
