/* styles_corpus — what Word shows for paragraphs of the real Word and WPS documents in
 * ../shared/corpus/docx-cn, worked out by hand from their XML (document.xml, the
 * style chain in styles.xml, docDefaults, theme1.xml, numbering.xml), asserted
 * against the model qb_docx_read builds. Each row's comment says where the values
 * come from. Skipped when the corpus is not beside the repository. */
#include "docx.h"
#include "xmlsafe.h"
#include "corpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int n_test, failed;

static void ok(int cond, const char *what)
{
    printf("%sok %d - %s\n", cond ? "" : "not ", ++n_test, what);
    if (!cond)
        failed = 1;
}

typedef struct {
    const char *file;
    int number;          /* the paragraph's ordinal in the main part */
    const char *text;    /* its text starts with this (numbering label excluded) */
    int run;             /* which run the character values are read from */
    const char *style;   /* w:name of its paragraph style */
    qb_jc jc;
    int line;
    qb_line_rule rule;
    const char *ea, *ascii;
    int sz, bold;
    const char *why;
} row;

static const row rows[] = {
    /* direct rFonts ascii+eastAsia 黑体 and sz 36 on the run; hAnsi from docDefaults */
    {"cn_wps12_explanatory_note_part1.docx", 3, "核电厂定期安全评价", 0, "Normal", QB_JC_CENTER, 240, QB_LINE_AUTO,
     "黑体", "黑体", 36, 0, "WPS cover title: direct 黑体 小二, centred"},
    /* numbered heading: 黑体 direct, jc both from Normal, 1.5 lines direct */
    {"cn_wps12_explanatory_note_part1.docx", 11, "任务来源及计划要求", 0, "Normal", QB_JC_BOTH, 360, QB_LINE_AUTO,
     "黑体", "Times New Roman", 24, 0, "WPS numbered heading: 黑体 小四, 1.5 lines"},
    /* WPS writes eastAsia 宋体 on every run; docDefaults say 宋体 too */
    {"cn_wps12_explanatory_note_part6_copy3.docx", 13, "本标准来源于", 1, "Normal", QB_JC_BOTH, 360, QB_LINE_AUTO,
     "宋体", "Times New Roman", 24, 0, "WPS body with explicit 宋体 on each run"},
    /* Normal (id a0): 宋体 / Times New Roman, sz 24, exact 20 pt, both */
    {"cn_word2016_sjtu_thesis_template_seq_captions.docx", 74, "学位论文是本科生", 0, "Normal", QB_JC_BOTH, 400,
     QB_LINE_EXACT, "宋体", "Times New Roman", 24, 0, "SJTU body: Normal with Chinese id a0, 固定值 20 磅"},
    /* caption (id af, no basedOn): SimHei, bold, sz 21, centred, single */
    {"cn_word2016_sjtu_thesis_template_seq_captions.docx", 157, "表格 1", 0, "caption", QB_JC_CENTER, 240,
     QB_LINE_AUTO, "SimHei", "Times New Roman", 21, 1, "SJTU table caption: style af = caption, SEQ 表格"},
    {"cn_word2016_sjtu_thesis_template_seq_captions.docx", 154, "图表 1", 0, "caption", QB_JC_CENTER, 240,
     QB_LINE_AUTO, "SimHei", "Times New Roman", 21, 1, "SJTU figure caption in a text box, SEQ 图表"},
    /* pStyle FirstParagraph is not defined: the default style (a, Normal) applies */
    {"cn_thesis_heu_generated_16sections_landscape.docx", 106, "黄金作为全球", 0, "Normal", QB_JC_BOTH, 440,
     QB_LINE_EXACT, "宋体", "Times New Roman", 24, 0, "undefined pStyle falls back to Normal (固定值 22 磅)"},
    /* caption af3 has no sz: docDefaults' 21 (五号); not bold */
    {"cn_thesis_heu_generated_16sections_landscape.docx", 212, "图2.1", 0, "caption", QB_JC_CENTER, 440,
     QB_LINE_EXACT, "宋体", "Times New Roman", 21, 0, "pandoc thesis caption: 宋体 五号 from docDefaults, not bold"},
    {"cn_word2016_heu_title_pages.docx", 11, "基于深度学习", 0, "Normal", QB_JC_CENTER, 360, QB_LINE_AUTO, "黑体",
     "Times New Roman", 44, 0, "title page: direct 黑体 二号"},
    {"cn_word2016_heu_title_pages.docx", 24, "哈尔滨工程大学", 0, "Normal", QB_JC_CENTER, 360, QB_LINE_AUTO,
     "楷体_GB2312", "Times New Roman", 36, 0, "title page: 楷体_GB2312 小二"},
    /* heading 1 (id 1, no basedOn): 黑体 36, centred, exact 22 pt */
    {"cn_word2016_heu_style_reference.docx", 1, "不不不", 0, "heading 1", QB_JC_CENTER, 440, QB_LINE_EXACT, "黑体",
     "Times New Roman", 36, 0, "style reference: heading 1 not bold (no w:b anywhere)"},
    /* Normal: asciiTheme minorHAnsi → Calibri, eastAsiaTheme minorEastAsia → empty <a:ea>,
     * themeFontLang zh-CN → Hans script font 宋体 */
    {"cn_wps11_ocr_test_table_image.docx", 1, "我是文字", 0, "Normal", QB_JC_BOTH, 240, QB_LINE_AUTO, "宋体", "Calibri",
     21, 0, "WPS theme fonts: minorEastAsia → 宋体 (Hans), minorHAnsi → Calibri"},
    /* docDefaults: ascii Calibri, eastAsia SimSun; Normal: sz 21, both */
    {"cn_wps_then_word_test11.docx", 1, "这是一个用来测试", 0, "Normal", QB_JC_BOTH, 240, QB_LINE_AUTO, "SimSun",
     "Calibri", 21, 0, "WPS then Word: SimSun from docDefaults, 五号 from Normal"},
    /* Title (a3) → heading 1 (1) → Normal (a): 方正小标宋_GBK 44, centred, exact 35 pt */
    {"cn_word2016_gongwen_template.dotx", 1, "测试文段", 0, "Title", QB_JC_CENTER, 700, QB_LINE_EXACT,
     "方正小标宋_GBK", "方正小标宋_GBK", 44, 0, "公文 template: Title basedOn heading 1 basedOn Normal"},
    /* NoIndent: no basedOn, no jc → left */
    {"cn_word2016_gongwen_template.dotx", 3, "这是一段不需要缩进", 0, "NoIndent", QB_JC_LEFT, 240, QB_LINE_AUTO, "仿宋",
     "仿宋", 32, 0, "公文 template: 仿宋 三号, left (a style not based on Normal)"},
    /* 其他标准称谓: distribute, 黑体 48, spacing line 0 atLeast */
    {"cn_wps11_nuclear_guide_part6_textboxes.docx", 6, "中华人民共和国", 0, "其他标准称谓", QB_JC_DISTRIBUTE, 0,
     QB_LINE_AT_LEAST, "黑体", "黑体", 48, 0, "WPS cover: jc distribute"},
    /* 标准标志: bold, sz 96, right; fonts from docDefaults (Times New Roman / 宋体) */
    {"cn_wps12_nuclear_guide_part1_draft.docx", 4, "NB", 0, "标准标志", QB_JC_RIGHT, 0, QB_LINE_AT_LEAST, "宋体",
     "Times New Roman", 96, 1, "WPS cover mark: bold from the style, fonts from docDefaults"},
    /* 前言、引言标题: 黑体 三号 centred; the space between 前 and 言 is a MS Mincho run */
    {"cn_wps12_nuclear_guide_part12_5headers.docx", 53, "前", 0, "前言、引言标题", QB_JC_CENTER, 240, QB_LINE_AUTO,
     "黑体", "黑体", 32, 0, "WPS 前言 heading: 黑体 三号"},
    {"cn_wps12_nuclear_guide_part12_5headers.docx", 53, "前", 1, "前言、引言标题", QB_JC_CENTER, 240, QB_LINE_AUTO,
     "MS Mincho", "MS Mincho", 32, 0, "WPS 前言 heading: the spaces' direct MS Mincho"},
};

static const qb_para *para_number(const qb_doc *d, int number)
{
    for (size_t i = 0; i < d->npara; i++)
        if (d->paras[i].number == number && d->paras[i].where != QB_IN_FOOTNOTE && d->paras[i].where != QB_IN_ENDNOTE)
            return &d->paras[i];
    return NULL;
}

static int check(const row *r, const qb_para *p, char *why, size_t size)
{
    if (!p)
        return snprintf(why, size, "no paragraph %d", r->number), 0;
    if (strncmp(qb_para_body(p), r->text, strlen(r->text)) != 0)
        return snprintf(why, size, "text \"%.40s\"", qb_para_body(p)), 0;
    if ((size_t)r->run >= p->nruns)
        return snprintf(why, size, "only %zu runs", p->nruns), 0;
    const qb_rfmt *f = &p->runs[r->run].f;
    snprintf(why, size, "style %s jc %d line %d/%d ea %s ascii %s sz %d b %d", p->f.style_name, p->f.jc, p->f.line,
             p->f.line_rule, f->font_ea, f->font_ascii, f->size_hp, f->bold);
    return strcmp(p->f.style_name, r->style) == 0 && p->f.jc == r->jc && p->f.line == r->line &&
           p->f.line_rule == r->rule && strcmp(f->font_ea, r->ea) == 0 && strcmp(f->font_ascii, r->ascii) == 0 &&
           f->size_hp == r->sz && f->bold == r->bold;
}


int main(void)
{
    qb_xml_init();
    char dir[4200];
    if (!qb_test_corpus("docx-cn", dir, sizeof dir)) {
        printf("1..0 # skip the corpus is not beside the repository\n");
        return 0;
    }
    const char *loaded = NULL;
    qb_doc doc;
    int have = 0;
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        const row *r = &rows[k];
        if (!loaded || strcmp(loaded, r->file) != 0) {
            if (have)
                qb_doc_free(&doc);
            char path[4400];
            snprintf(path, sizeof path, "%s/%s", dir, r->file);
            have = qb_docx_read(path, &doc, NULL) == QB_OK;
            loaded = r->file;
        }
        char why[400] = "not read", line[600];
        int good = have && check(r, para_number(&doc, r->number), why, sizeof why);
        snprintf(line, sizeof line, "%s ¶%d: %s", r->file, r->number, r->why);
        ok(good, line);
        if (!good)
            printf("#   got %s\n", why);
        /* a few facts beyond the table */
        if (have && k == 1) {
            const qb_para *p = para_number(&doc, 11);
            ok(p && p->label_len && strncmp(p->text, "一、", p->label_len) == 0 && p->f.num_id == 1 &&
                   p->f.ind_first == -720,
               "…its label 一、 comes from numId 1, whose level hangs 720 twips");
        }
        if (have && k == 4) {
            const qb_para *p = para_number(&doc, 157);
            ok(p && strcmp(p->seq, "表格") == 0 && p->where == QB_IN_BODY, "…SEQ identifier 表格 kept");
        }
        if (have && k == 5) {
            const qb_para *p = para_number(&doc, 154);
            ok(p && strcmp(p->seq, "图表") == 0 && p->where == QB_IN_TEXTBOX, "…SEQ identifier 图表, in a text box");
        }
    }
    if (have)
        qb_doc_free(&doc);
    printf("1..%d\n", n_test);
    return failed;
}
