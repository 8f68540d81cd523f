/* render_doc.c — a document of the model, typeset: the write-up in the programme's
 * official format (seeds/003: title 黑体 小二 centred, "摘要" 宋体 四号 bold centred,
 * body 宋体 小四 single spacing, captions 宋体 五号 bold centred, table captions above
 * and figure captions below), or "plain" for the form and DOCX proofs (the author's
 * alignment, sizes and bold, in the two faces). */
#include "render_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opc.h"

#define MAX_MARKS 64 /* note marks in one paragraph (the reader keeps as many) */

/* A footnote's paragraphs [first, end) and where it waits for its mark (rd.wait slot + 1;
 * 0: set in the flow below its paragraph, too long for a page's foot). */
typedef struct {
    size_t first, end;
    int no;
    unsigned slot;
} note_group;

typedef struct {
    rd *r;
    const qb_doc *d;
    rd_doc_mode mode;
    qb_opc opc;
    int opc_state;          /* 0 not tried, 1 open, -1 failed */
    size_t next_image;      /* images before this index are drawn */
    size_t next_chart;      /* charts before this index are drawn (or marked) */
    size_t next_drawing;    /* paragraphs before this one had their charts and shapes marked */
    size_t next_shape;      /* d->shapes before this one are drawn (or left) */
    unsigned char *claimed; /* paragraphs drawn inside a shape (NULL: no shapes) */
    rd_span *sp;
    size_t nsp, capsp;
    unsigned char *sp_note;     /* per span: the waiting footnote whose mark it is (rd.span_note) */
    size_t capsp_note;
    char **marks;               /* the note marks spans point to (a table's cells keep
                                   theirs until the table is drawn): freed at the end */
    size_t nmarks, capmarks;
    note_group notes[MAX_MARKS]; /* the footnotes of the paragraph being set */
    size_t nnotes;
    size_t *endnotes;           /* endnote paragraphs, set at the end of the document */
    size_t nend, capend;
} docctx;

typedef enum { P_BODY, P_TITLE, P_ABSTRACT_HEAD, P_SECTION_HEAD, P_SUBHEAD, P_CAPTION, P_NOTE } pclass;

static pclass classify(docctx *c, size_t i)
{
    const qb_doc *d = c->d;
    const qb_para *p = &d->paras[i];
    if (p->where == QB_IN_FOOTNOTE || p->where == QB_IN_ENDNOTE)
        return P_NOTE;
    /* what the paragraph is was decided by the section finder (its role); the
     * author's heading formatting is kept as bold */
    if (p->role == QB_PARA_TABLE_CAPTION || p->role == QB_PARA_FIGURE_CAPTION)
        return P_CAPTION;
    if (c->mode == RD_DOC_OFFICIAL && p->role == QB_PARA_TITLE)
        return P_TITLE;
    if (c->mode == RD_DOC_OFFICIAL && p->role == QB_PARA_HEADING)
        return p->role_sec == QB_SEC_ABSTRACT ? P_ABSTRACT_HEAD : P_SECTION_HEAD;
    if ((p->f.outline_lvl >= 0 && p->f.outline_lvl <= 3) || strstr(p->f.style_name, "heading") ||
        strstr(p->f.style_name, "标题"))
        return strlen(qb_para_body(p)) <= 240 ? P_SUBHEAD : P_BODY;
    return P_BODY;
}

/* The paragraph style of a class (official format) or from the author (plain). */
static rd_pstyle pstyle_for(docctx *c, const qb_para *p, pclass k)
{
    rd_pstyle ps = rd_ps(QB_FONT_SONG, RD_XIAOSI, RD_JUSTIFY);
    ps.first_indent = 2 * RD_XIAOSI;
    switch (k) {
    case P_TITLE:
        ps = rd_ps(QB_FONT_HEI, RD_XIAOER, RD_CENTER);
        ps.after = RD_XIAOSI;
        ps.keep_next = 1;
        return ps;
    case P_ABSTRACT_HEAD:
        ps = rd_ps(QB_FONT_SONG, RD_SIHAO, RD_CENTER);
        ps.st.bold = 1;
        ps.before = ps.after = 4;
        ps.keep_next = 1;
        return ps;
    case P_SECTION_HEAD:
        ps.st.font = QB_FONT_HEI;
        ps.before = 6;
        ps.keep_next = 1;
        return ps;
    case P_SUBHEAD:
        ps.st.bold = 1;
        ps.keep_next = 1;
        break;
    case P_CAPTION:
        ps = rd_ps(QB_FONT_SONG, RD_WUHAO, RD_CENTER);
        ps.st.bold = 1;
        ps.before = ps.after = 3;
        ps.keep_next = p->role == QB_PARA_TABLE_CAPTION; /* a table caption stays above its table */
        return ps;
    case P_NOTE: /* notes have note_style() (notes_after, notes_in_flow, endnotes) */
    case P_BODY:
        break;
    }
    if (c->mode == RD_DOC_PLAIN) {
        /* the author's layout, within reason */
        ps.align = p->f.jc == QB_JC_CENTER ? RD_CENTER : p->f.jc == QB_JC_RIGHT ? RD_RIGHT : RD_JUSTIFY;
        int sz = p->mark.size_hp;
        ps.st.size = sz >= 16 && sz <= 44 ? sz / 2.0f : RD_XIAOSI;
        if (p->f.ind_first_chars > 0)
            ps.first_indent = p->f.ind_first_chars / 100.0f * ps.st.size;
        else
            ps.first_indent = p->f.ind_first > 0 && p->f.ind_first < 2000 ? p->f.ind_first / 20.0f : 0;
        if (ps.align == RD_CENTER)
            ps.first_indent = 0;
    }
    return ps;
}

static qb_status add_span(docctx *c, const char *s, size_t len, rd_style st)
{
    qb_status rc = qb_grow((void **)&c->sp, &c->capsp, c->nsp + 1, sizeof *c->sp);
    if (rc == QB_OK)
        rc = qb_grow((void **)&c->sp_note, &c->capsp_note, c->nsp + 1, sizeof *c->sp_note);
    if (rc == QB_OK) {
        c->sp_note[c->nsp] = 0;
        c->sp[c->nsp++] = (rd_span){s, len, st};
    }
    return rc;
}

/* The style of a run: the paragraph's face and size in the official format (bold
 * kept: it is the author's emphasis); the author's face, size and bold in plain. */
static rd_style run_style(docctx *c, const qb_run *run, const rd_pstyle *ps, pclass k)
{
    rd_style st = ps->st;
    if (run->f.bold == 1 && k != P_TITLE && k != P_SECTION_HEAD)
        st.bold = 1;
    if (run->f.italic == 1)
        st.italic = 1;
    if (run->f.underline == 1)
        st.underline = 1;
    if (c->mode == RD_DOC_PLAIN && (k == P_BODY || k == P_SUBHEAD)) {
        const char *f = qb_edition_font_canonical(c->r->in->ed, run->f.font_ea);
        if (f && strcmp(f, "黑体") == 0)
            st.font = QB_FONT_HEI;
        if (run->f.size_hp >= 14 && run->f.size_hp <= 60)
            st.size = run->f.size_hp / 2.0f;
    }
    if (run->f.valign == 1 || run->f.valign == 2) { /* [26], m²: smaller, raised or lowered */
        st.rise = run->f.valign == 1 ? 0.35f * st.size : -0.12f * st.size;
        st.size *= 0.62f;
    }
    return st;
}

/* Labels such as "一、" and "（二）" end in a mark and need no space after them. */
static int ends_with_mark(const char *s, size_t len)
{
    static const char *const marks[] = {"、", "）", ")", "．", "：", ":"};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        size_t m = strlen(marks[i]);
        if (len >= m && memcmp(s + len - m, marks[i], m) == 0)
            return 1;
    }
    return 0;
}

/* A note's mark as Word numbers it: footnotes 1 2 3, endnotes i ii iii. */
static void note_label(int kind, int no, char *buf, size_t size)
{
    static const char *const ones[] = {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"};
    static const char *const tens[] = {"", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"};
    if (kind == 2 && no > 0 && no < 100)
        snprintf(buf, size, "%s%s", tens[no / 10], ones[no % 10]);
    else
        snprintf(buf, size, "%d", no);
}

/* A note's mark as a span (kept until the document is done). */
static qb_status add_mark(docctx *c, int kind, int no, rd_style st)
{
    char m[16];
    note_label(kind, no, m, sizeof m);
    qb_status rc = qb_grow((void **)&c->marks, &c->capmarks, c->nmarks + 1, sizeof *c->marks);
    if (rc == QB_OK && !(c->marks[c->nmarks] = qb_strdup(m)))
        rc = QB_ERR_NOMEM;
    return rc == QB_OK ? add_span(c, c->marks[c->nmarks++], strlen(m), st) : rc;
}

/* The mark of a note reference (an empty run of the model), raised; a footnote set
 * at the page's foot waits for its mark (sp_note). */
static qb_status mark_span(docctx *c, const qb_run *run, rd_style st)
{
    qb_status rc = add_mark(c, run->f.note_ref, run->f.note_no, st);
    for (size_t k = 0; k < c->nnotes && run->f.note_ref == 1 && rc == QB_OK; k++)
        if (c->notes[k].no == run->f.note_no)
            c->sp_note[c->nsp - 1] = (unsigned char)c->notes[k].slot;
    return rc;
}

/* Spans of paragraph p from byte `from` of its text (label included) on, after the
 * spans already there. */
static qb_status para_spans_add(docctx *c, const qb_para *p, size_t from, const rd_pstyle *ps, pclass k)
{
    qb_status st = QB_OK;
    if (from < p->label_len) { /* the numbering label, then a space for Word's tab */
        st = add_span(c, p->text + from, p->label_len - from, ps->st);
        if (st == QB_OK && !ends_with_mark(p->text, p->label_len))
            st = add_span(c, " ", 1, ps->st);
    }
    size_t off = p->label_len;
    for (size_t r = 0; r < p->nruns && st == QB_OK; r++) {
        const qb_run *run = &p->runs[r];
        size_t len = strlen(run->text), skip = from > off ? from - off : 0;
        if (run->f.note_ref && off >= from)
            st = mark_span(c, run, run_style(c, run, ps, k));
        else if (skip < len)
            st = add_span(c, run->text + skip, len - skip, run_style(c, run, ps, k));
        off += len;
    }
    return st;
}

/* The figure's caption below paragraph para (the next paragraph with text) goes on
 * the figure's page: room for it below the figure. */
static void keep_caption(docctx *c, size_t para)
{
    for (size_t i = para + 1; i < c->d->npara && i <= para + 3; i++) {
        if (c->d->paras[i].role == QB_PARA_EMPTY)
            continue;
        if (c->d->paras[i].role == QB_PARA_FIGURE_CAPTION)
            c->r->keep_after = 2 * RD_WUHAO * 1.4f + 10;
        break;
    }
}

/* The charts of paragraph i that can be drawn, drawn; *drawn says how many. */
static qb_status charts_of(docctx *c, size_t i, int *drawn)
{
    qb_status st = QB_OK;
    *drawn = 0;
    for (; st == QB_OK && c->next_chart < c->d->nchart && c->d->charts[c->next_chart].para <= i; c->next_chart++) {
        const qb_chart *ch = &c->d->charts[c->next_chart];
        if (ch->para != i || !qb_chart_drawable(ch))
            continue;
        keep_caption(c, i);
        st = rd_chart(c->r, ch);
        c->r->keep_after = 0;
        if (st == QB_OK && !c->r->collect)
            rd_space(c->r, 3);
        ++*drawn;
    }
    return st;
}

/* The picture bytes of image k, from the DOCX it came from. */
static qb_status draw_image(docctx *c, const qb_image *im)
{
    rd *r = c->r;
    float maxh = r->ph - r->mt - r->mb - 3 * RD_WUHAO * 1.3f;
    float w = im->cx > 0 ? im->cx / 12700.0f : 0, h = im->cy > 0 ? im->cy / 12700.0f : 0;
    if (!im->part) {
        char *label = qb_asprintf("链接的外部图片（未嵌入文档）：%s", im->target ? im->target : "");
        qb_status st = label ? rd_placeholder(r, rd_width(r) * 0.6f, 50, label) : QB_ERR_NOMEM;
        free(label);
        return st;
    }
    if (c->opc_state == 0 && c->d->source)
        c->opc_state = qb_opc_open(c->d->source, &c->opc) == QB_OK ? 1 : -1;
    char *data = NULL;
    size_t len = 0;
    if (c->opc_state != 1 || qb_opc_read(&c->opc, im->part, &data, &len) != QB_OK) {
        free(data);
        data = NULL;
        len = 0;
    }
    char *what = qb_asprintf("%s 中的 %s", c->d->file ? c->d->file : "", im->part);
    keep_caption(c, im->para);
    qb_status st = what ? rd_picture(r, (const unsigned char *)(data ? data : ""), len, w, h, rd_width(r),
                                     maxh, what, c->d->file)
                        : QB_ERR_NOMEM;
    r->keep_after = 0;
    free(what);
    free(data);
    return st;
}

/* Charts and drawings made of Word shapes (flowcharts, SmartArt) anchored in paragraph
 * i: the charts whose data the model holds are drawn (render_chart.c); the others, and
 * shapes, which the model only counts (drawings), are a framed placeholder and a
 * render.drawing warning naming the page — never silence. */
static qb_status drawings_of(docctx *c, size_t i)
{
    const qb_doc *d = c->d;
    rd *r = c->r;
    int pics = 0, charts = 0, drawn = 0, unknown = 0;
    qb_status st = c->claimed ? rd_shapes_para(r, d, i, &c->next_shape, c->claimed, &drawn, &unknown) : QB_OK;
    if (st == QB_OK && unknown && !r->collect) {
        char *zh = qb_asprintf("卷宗第 %zu 页：%s 第 %zu 段的图形中有 %d 个形状无法按原样绘制，已用虚线框代替",
                               r->npages, d->file ? d->file : "", i + 1, unknown);
        char *en = qb_asprintf("dossier page %zu: %d shape(s) in paragraph %zu of %s could not be drawn as they are "
                               "and are shown as dashed boxes", r->npages, unknown, i + 1, d->file ? d->file : "");
        st = zh && en ? rd_warn(r, "render.drawing", d->file, zh, en) : QB_ERR_NOMEM;
        free(zh);
        free(en);
    }
    if (st != QB_OK || d->paras[i].drawings <= 0)
        return st;
    for (size_t k = 0; k < d->nimage; k++)
        pics += d->images[k].para == i;
    if ((st = charts_of(c, i, &charts)) != QB_OK)
        return st;
    int n = d->paras[i].drawings - pics - charts - drawn;
    if (n <= 0)
        return QB_OK;
    char *label = qb_asprintf("此处有 %d 个图表或由形状组成的图形（Word 图表、流程图等），卷宗中未能绘制；原图见原文件", n);
    st = label ? rd_placeholder(r, rd_width(r) * 0.8f, 60, label) : QB_ERR_NOMEM;
    free(label);
    if (st != QB_OK || r->collect)
        return st;
    char *zh = qb_asprintf("卷宗第 %zu 页：%s 第 %zu 段有 %d 个图表或形状图形未能绘制，已用方框标出", r->npages,
                           d->file ? d->file : "", i + 1, n);
    char *en = qb_asprintf("dossier page %zu: %d chart(s) or drawing(s) of shapes in paragraph %zu of %s could not be "
                           "drawn and are shown as a box",
                           r->npages, n, i + 1, d->file ? d->file : "");
    st = zh && en ? rd_warn(r, "render.drawing", d->file, zh, en) : QB_ERR_NOMEM;
    free(zh);
    free(en);
    return st;
}

/* Pictures anchored in paragraphs [.., upto): drawn after their paragraph's text;
 * then the paragraphs' charts and shapes, marked. */
static qb_status images_upto(docctx *c, size_t upto)
{
    qb_status st = QB_OK;
    for (; st == QB_OK && c->next_drawing < upto && c->next_drawing < c->d->npara; c->next_drawing++) {
        size_t i = c->next_drawing;
        while (st == QB_OK && c->next_image < c->d->nimage && c->d->images[c->next_image].para <= i) {
            st = draw_image(c, &c->d->images[c->next_image]);
            c->next_image++;
            if (st == QB_OK && !c->r->collect)
                rd_space(c->r, 3);
        }
        if (st == QB_OK)
            st = drawings_of(c, i);
    }
    while (st == QB_OK && c->next_image < c->d->nimage && c->d->images[c->next_image].para < upto) {
        st = draw_image(c, &c->d->images[c->next_image]);
        c->next_image++;
        if (st == QB_OK && !c->r->collect)
            rd_space(c->r, 3);
    }
    return st;
}

static qb_status para_spans(docctx *c, const qb_para *p, size_t from, const rd_pstyle *ps, pclass k)
{
    c->nsp = 0;
    return para_spans_add(c, p, from, ps, k);
}

/* A note's spans: its mark, then its paragraphs [first, end) one per line. */
static qb_status note_spans(docctx *c, size_t first, size_t end, const rd_pstyle *ps)
{
    const qb_para *p = &c->d->paras[first];
    c->nsp = 0;
    qb_status st = p->note > 0 ? add_mark(c, p->where == QB_IN_ENDNOTE ? 2 : 1, p->note, ps->st) : QB_OK;
    if (st == QB_OK && p->note > 0)
        st = add_span(c, " ", 1, ps->st);
    for (size_t i = first; i < end && st == QB_OK; i++) {
        if (i > first)
            st = add_span(c, "\n", 1, ps->st);
        if (st == QB_OK)
            st = para_spans_add(c, &c->d->paras[i], c->d->paras[i].label_len, ps, P_NOTE);
    }
    return st;
}

/* The paragraphs of the note starting at i: those after it with its number. */
static size_t note_end(const qb_doc *d, size_t i)
{
    size_t j = i + 1;
    while (j < d->npara && d->paras[j].where == d->paras[i].where && d->paras[j].note == d->paras[i].note &&
           d->paras[i].note > 0)
        j++;
    return j;
}

static rd_pstyle note_style(void)
{
    rd_pstyle ps = rd_ps(QB_FONT_SONG, RD_XIAOWU, RD_LEFT);
    ps.leading = 1.25f;
    return ps;
}

/* The footnote [first, end) laid out to wait for its mark at the foot of a page, when
 * it fits in *budget (what is left of half a page for the notes of one paragraph or
 * table row: together they fit below a line on a fresh page); else, and in the collect
 * pass, it is set in the flow (notes_in_flow). One more in c->notes, unless full. */
static qb_status note_wait(docctx *c, size_t first, size_t end, float *budget)
{
    if (c->nnotes >= MAX_MARKS)
        return QB_OK; /* its mark stays in the text; no more notes waited for */
    rd *r = c->r;
    rd_pstyle ps = note_style();
    note_group *g = &c->notes[c->nnotes++];
    *g = (note_group){first, end, c->d->paras[first].note, 0};
    rd_shaped s = {0};
    qb_status st = note_spans(c, first, end, &ps);
    if (st == QB_OK)
        st = rd_shape(r, &ps, c->sp, c->nsp, rd_width(r), &s);
    if (st == QB_OK && !r->collect && s.height <= *budget) {
        *budget -= s.height;
        g->slot = (unsigned)rd_foot_wait(r, &s);
    }
    rd_shaped_free(&s);
    return st;
}

/* The notes that follow paragraph i (the reader puts a paragraph's notes right after
 * it): each footnote laid out to wait for its mark at the foot of the page, unless it
 * would take more than half a page (it is then set in the flow below the paragraph);
 * endnotes kept for the end of the document. Returns past them in *next. */
static qb_status notes_after(docctx *c, size_t i, size_t *next)
{
    const qb_doc *d = c->d;
    qb_status st = QB_OK;
    float budget = (c->r->ph - c->r->mt - c->r->mb) / 2;
    c->nnotes = 0;
    size_t j = i + 1;
    while (j < d->npara && st == QB_OK &&
           (d->paras[j].where == QB_IN_FOOTNOTE || d->paras[j].where == QB_IN_ENDNOTE)) {
        size_t end = note_end(d, j);
        if (d->paras[j].where == QB_IN_ENDNOTE) {
            for (; j < end && st == QB_OK; j++)
                if ((st = qb_grow((void **)&c->endnotes, &c->capend, c->nend + 1, sizeof *c->endnotes)) == QB_OK)
                    c->endnotes[c->nend++] = j;
            continue;
        }
        st = note_wait(c, j, end, &budget);
        j = end;
    }
    *next = j;
    return st;
}

/* Footnotes that could not wait for their marks, or were not placed at a foot, set
 * below their paragraph (or table). */
static qb_status notes_in_flow(docctx *c)
{
    qb_status st = QB_OK;
    rd_pstyle ps = note_style();
    ps.left_indent = 2 * RD_XIAOSI;
    for (size_t k = 0; k < c->nnotes && st == QB_OK; k++)
        if (!c->notes[k].slot || c->r->collect || rd_foot_waiting(c->r, c->notes[k].slot)) {
            st = note_spans(c, c->notes[k].first, c->notes[k].end, &ps);
            if (st == QB_OK)
                st = rd_para(c->r, &ps, c->sp, c->nsp);
        }
    rd_foot_wait_clear(c->r);
    c->nnotes = 0;
    return st;
}

/* The endnotes, numbered, at the end of the document. */
static qb_status endnotes(docctx *c)
{
    if (!c->nend)
        return QB_OK;
    rd_pstyle head = rd_ps(QB_FONT_HEI, RD_WUHAO, RD_LEFT);
    head.before = 10;
    head.after = 3;
    head.keep_next = 1;
    qb_status st = rd_text(c->r, &head, "尾注");
    rd_pstyle ps = note_style();
    for (size_t k = 0; k < c->nend && st == QB_OK;) {
        size_t k1 = k + 1;
        while (k1 < c->nend && c->endnotes[k1] == c->endnotes[k1 - 1] + 1 &&
               c->d->paras[c->endnotes[k1]].note == c->d->paras[c->endnotes[k]].note && c->d->paras[c->endnotes[k]].note > 0)
            k1++;
        st = note_spans(c, c->endnotes[k], c->endnotes[k1 - 1] + 1, &ps);
        if (st == QB_OK)
            st = rd_para(c->r, &ps, c->sp, c->nsp);
        k = k1;
    }
    return st;
}

/* A table of the model (nested tables flattened into their outer cell). */
static qb_status doc_table(docctx *c, size_t ti, size_t *next)
{
    const qb_doc *d = c->d;
    const qb_table *t = &d->tables[ti];
    size_t rows = t->rows > 0 ? (size_t)t->rows : 1, cols = t->cols > 0 ? (size_t)t->cols : 1;
    rd_grid g;
    qb_status st = rd_grid_init(&g, rows, cols);
    if (st != QB_OK)
        return st;
    g.header_rows = rows > 1 ? 1 : 0;
    g.borders = t->borders;
    /* A nested table's paragraphs belong to the outer cell whose own paragraphs
     * follow them (Word ends every cell with a paragraph of that cell). */
    size_t end = t->end_para < d->npara ? t->end_para : d->npara;
    int *at = calloc(end > t->first_para ? 2 * (end - t->first_para) : 1, sizeof *at);
    if (!at) {
        rd_grid_free(&g);
        return QB_ERR_NOMEM;
    }
    int row = rows > 0 ? (int)rows - 1 : 0, cell = 0;
    for (size_t i = end; i-- > t->first_para;) {
        if (d->paras[i].table == (int)ti) {
            row = d->paras[i].row;
            cell = d->paras[i].cell;
        }
        at[2 * (i - t->first_para)] = row;
        at[2 * (i - t->first_para) + 1] = cell;
    }
    /* Footnotes cited in cells wait for their marks at the foot of the page their row is
     * drawn on, as in Word (half a page of them per row at most: the rest below the
     * table); a note past MAX_MARKS stays in its cell, after its number. The reader puts
     * a note after the paragraph citing it: its row is that of the table paragraph
     * before it. */
    c->nnotes = 0;
    unsigned char *waits = calloc(end > t->first_para ? end - t->first_para : 1, 1);
    float budget = 0;
    int budget_row = -1;
    st = waits ? QB_OK : QB_ERR_NOMEM;
    for (size_t i = t->first_para, j; i < end && st == QB_OK; i = j) {
        const qb_para *p = &d->paras[i];
        j = i + 1;
        if (p->where != QB_IN_FOOTNOTE) {
            if (at[2 * (i - t->first_para)] != budget_row) { /* the row citing the notes after */
                budget_row = at[2 * (i - t->first_para)];
                budget = (c->r->ph - c->r->mt - (c->r->mb - c->r->foot_h)) / 2;
            }
            continue;
        }
        if (p->note <= 0)
            continue;
        j = note_end(d, i);
        if (j > end)
            j = end;
        size_t before = c->nnotes;
        st = note_wait(c, i, j, &budget);
        if (c->nnotes > before)
            memset(waits + (i - t->first_para), 1, j - i);
    }
    for (size_t i = t->first_para; i < end && st == QB_OK; i++) {
        const qb_para *p = &d->paras[i];
        rd_cell *cl = rd_grid_cell(&g, (size_t)at[2 * (i - t->first_para)], (size_t)at[2 * (i - t->first_para) + 1]);
        if (!cl || waits[i - t->first_para])
            continue;
        rd_pstyle ps = rd_ps(QB_FONT_SONG, RD_WUHAO, p->f.jc == QB_JC_CENTER ? RD_CENTER
                                                     : p->f.jc == QB_JC_RIGHT ? RD_RIGHT : RD_LEFT);
        ps.leading = 1.25f;
        if (c->mode == RD_DOC_PLAIN && p->mark.size_hp >= 14 && p->mark.size_hp <= 28)
            ps.st.size = p->mark.size_hp / 2.0f;
        rd_cpara *cp;
        /* a note cited in a cell stays in the cell, after its number */
        int note_head = (p->where == QB_IN_FOOTNOTE || p->where == QB_IN_ENDNOTE) && p->note > 0 &&
                        (i == t->first_para || d->paras[i - 1].note != p->note || d->paras[i - 1].where != p->where);
        if ((st = rd_cell_para(cl, &ps, &cp)) != QB_OK ||
            (st = note_head ? note_spans(c, i, i + 1, &ps) : para_spans(c, p, 0, &ps, P_BODY)) != QB_OK)
            break;
        for (size_t k = 0; k < c->nsp && st == QB_OK; k++)
            st = rd_cpara_span_note(cp, c->sp[k].s, c->sp[k].len, c->sp[k].st, c->sp_note[k]);
    }
    free(at);
    free(waits);
    if (st == QB_OK)
        st = rd_table(c->r, &g);
    rd_grid_free(&g);
    if (st == QB_OK) { /* the notes no foot took, below the table */
        st = notes_in_flow(c);
    } else {
        rd_foot_wait_clear(c->r);
        c->nnotes = 0;
    }
    if (st == QB_OK)
        rd_space(c->r, 4);
    *next = t->end_para > t->first_para ? t->end_para : t->first_para + 1;
    /* pictures inside the table's cells follow it */
    if (st == QB_OK)
        st = images_upto(c, *next);
    return st;
}

static int is_blank(const qb_para *p)
{
    for (const unsigned char *s = (const unsigned char *)p->text; *s; s++)
        if (*s != ' ' && *s != '\t' && !(s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80))
            return 0;
        else if (*s == 0xE3)
            s += 2;
    return 1;
}

int rd_para_landscape(const qb_doc *d, size_t i)
{
    if (i >= d->npara)
        return 0;
    int s = d->paras[i].sect;
    return s >= 0 && (size_t)s < d->nsect && d->sects[s].landscape;
}

qb_status rd_doc(rd *r, const qb_doc *d, rd_doc_mode mode, int bookmarks)
{
    docctx c;
    memset(&c, 0, sizeof c);
    c.r = r;
    c.d = d;
    c.mode = mode;
    qb_status st = QB_OK;
    if (d->nshape && !(c.claimed = calloc(d->npara, 1)))
        return QB_ERR_NOMEM;
    int blank_run = 0;
    for (size_t i = 0; i < d->npara && st == QB_OK;) {
        const qb_para *p = &d->paras[i];
        if (c.claimed && c.claimed[i]) { /* drawn inside its shape already */
            st = images_upto(&c, i + 1);
            i++;
            continue;
        }
        /* a section of the other orientation starts a page of its own, as in Word */
        if (rd_para_landscape(d, i) != r->landscape) {
            st = images_upto(&c, i);
            r->landscape = rd_para_landscape(d, i);
            if (st == QB_OK)
                st = rd_new_page(r);
            if (st != QB_OK)
                break;
        }
        if (p->where == QB_IN_TABLE && p->table >= 0 && (size_t)p->table < d->ntable) {
            size_t top = (size_t)p->table;
            for (int guard = 0; d->tables[top].parent >= 0 && guard < 64; guard++)
                top = (size_t)d->tables[top].parent;
            st = images_upto(&c, i);
            if (st == QB_OK)
                st = doc_table(&c, top, &i);
            blank_run = 0;
            continue;
        }
        pclass k = classify(&c, i);
        if (k == P_NOTE) { /* a note not right after the paragraph citing it */
            size_t end = note_end(d, i);
            if (p->where == QB_IN_ENDNOTE) {
                for (; i < end && st == QB_OK; i++)
                    if ((st = qb_grow((void **)&c.endnotes, &c.capend, c.nend + 1, sizeof *c.endnotes)) == QB_OK)
                        c.endnotes[c.nend++] = i;
                continue;
            }
            c.notes[0] = (note_group){i, end, p->note, 0};
            c.nnotes = 1;
            st = notes_in_flow(&c);
            if (st == QB_OK)
                st = images_upto(&c, end);
            i = end;
            continue;
        }
        if (is_blank(p)) {
            /* blank lines were the author's spacing: the official format has none,
             * plain text keeps one */
            if (mode == RD_DOC_PLAIN && !blank_run++ && !r->collect)
                rd_space(r, RD_XIAOSI * 1.3f);
            st = images_upto(&c, i + 1);
            i++;
            continue;
        }
        blank_run = 0;
        rd_pstyle ps = pstyle_for(&c, p, k);
        if (bookmarks && mode == RD_DOC_OFFICIAL && d->sectioned) {
            for (int s = 0; s < QB_NSEC && st == QB_OK; s++)
                if (d->sec[s].found && d->sec[s].head == i) {
                    if (k == P_TITLE || k == P_ABSTRACT_HEAD || k == P_SECTION_HEAD)
                        st = rd_need(r, ps.before + 4 * RD_XIAOSI * 1.3f);
                    if (st == QB_OK)
                        st = rd_bookmark(r, s == QB_SEC_TITLE ? "标题" : qb_sec_name_zh((qb_secid)s));
                }
        }
        size_t from = 0;
        if (k == P_ABSTRACT_HEAD && d->sec[QB_SEC_ABSTRACT].inline_head) {
            /* "摘要：本文……": the heading centred on its own line, then the text */
            if (st == QB_OK)
                st = rd_text(r, &ps, "摘要");
            from = d->sec[QB_SEC_ABSTRACT].head_bytes;
            k = P_BODY;
            ps = pstyle_for(&c, p, k);
        }
        size_t next = i + 1;
        if (st == QB_OK)
            st = notes_after(&c, i, &next);
        if (st == QB_OK)
            st = para_spans(&c, p, from, &ps, k);
        r->span_note = c.nnotes ? c.sp_note : NULL;
        if (st == QB_OK)
            st = rd_para(r, &ps, c.sp, c.nsp);
        r->span_note = NULL;
        if (st == QB_OK)
            st = notes_in_flow(&c);
        if (st == QB_OK)
            st = images_upto(&c, next);
        i = next;
    }
    if (st == QB_OK)
        st = images_upto(&c, (size_t)-1);
    if (st == QB_OK)
        st = endnotes(&c);
    rd_foot_wait_clear(r);
    free(c.endnotes);
    for (size_t k = 0; k < c.nmarks; k++)
        free(c.marks[k]);
    free(c.marks);
    free(c.sp_note);
    if (c.opc_state == 1)
        qb_opc_close(&c.opc);
    free(c.claimed);
    free(c.sp);
    return st;
}

/* A part that is missing is a heading and a line where the flow is, not a page. */
qb_status rd_missing_part(rd *r, const char *part, const char *note)
{
    qb_status st = rd_begin_part_here(r, part);
    rd_pstyle ps = rd_ps(QB_FONT_HEI, RD_XIAOSI, RD_LEFT);
    ps.before = 14;
    ps.after = 4;
    ps.keep_next = 1;
    if (st == QB_OK)
        st = rd_text(r, &ps, part);
    ps = rd_ps(QB_FONT_SONG, RD_XIAOSI, RD_LEFT);
    return st == QB_OK ? rd_text(r, &ps, note) : st;
}

static qb_status doc_part(rd *r, const char *part, const qb_doc *d, rd_doc_mode mode, const char *none)
{
    if (!d)
        return rd_missing_part(r, part, none);
    r->landscape = rd_para_landscape(d, 0); /* the part's first page as its first section */
    qb_status st = rd_begin_part(r, part);
    if (st == QB_OK && d == r->in->form)
        st = rd_form_facts(r);
    if (st != QB_OK)
        return st;
    if (mode == RD_DOC_PLAIN) {
        rd_pstyle ps = rd_ps(QB_FONT_SONG, RD_XIAOWU, RD_LEFT);
        ps.st.gray = 40;
        ps.after = 6;
        if ((st = rd_textf(r, &ps, "以下为 %s 的原文（按申报人所写排版）。", d->file ? d->file : "")) != QB_OK)
            return st;
    }
    st = rd_doc(r, d, mode, 1);
    r->landscape = 0; /* the dossier's own pages are portrait */
    return st;
}

qb_status rd_part_form(rd *r)
{
    return doc_part(r, "申报书", r->in->form, RD_DOC_PLAIN, "材料包中没有找到申报书。");
}

qb_status rd_part_writeup(rd *r)
{
    return doc_part(r, "典型经验材料", r->in->experience, RD_DOC_OFFICIAL, "材料包中没有找到典型经验材料。");
}
