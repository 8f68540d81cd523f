/* lint_caption.c — captions: where they sit, how they look, how they are numbered.
 *
 * What is a caption is the paragraph's role (roles.c: the edition's caption patterns,
 * SEQ fields, the Caption style; "续表 1" continues a split table and is numbered
 * with it). Position is adjacency in reading order, skipping empty paragraphs and
 * notes: a table's caption is directly above it; a figure's (a paragraph holding
 * nothing but a picture or chart, or several such in a row) directly below it. A table
 * whose cells hold pictures and which a figure caption follows is a figure laid out
 * in a table. Only tables and figures inside the write-up's sections are checked. */
#include "lint_int.h"

#include "count.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ICON_EMU 720000 /* pictures under 2 × 2 cm are icons or symbols, not figures */

/* "续表 1 ……" heads the rest of a table split across pages: a table caption that
 * repeats a number rather than taking a new one. */
static int continued(const char *t)
{
    return strncmp(t, "续表", strlen("续表")) == 0;
}

int lint_caption_kind(const qb_para *p)
{
    return p->role == QB_PARA_TABLE_CAPTION ? LINT_CAP_TABLE : p->role == QB_PARA_FIGURE_CAPTION ? LINT_CAP_FIGURE : -1;
}

/* The caption's number: n1, and n2 for chapter style (2-1, 2.1), else -1. */
static int caption_number(const char *t, int *n1, int *n2)
{
    size_t len = strlen(t), i = 0;
    int cps = 0;
    unsigned cp = 0;
    *n1 = *n2 = -1;
    while (i < len && cps < 16) {
        size_t n = qb_utf8_decode(t + i, len - i, &cp);
        if (!n)
            return 0;
        if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19))
            break;
        i += n;
        cps++;
    }
    int *dst = n1;
    for (int part = 0; part < 2; part++) {
        long v = -1;
        while (i < len) {
            size_t n = qb_utf8_decode(t + i, len - i, &cp);
            int dg = cp >= '0' && cp <= '9' ? (int)(cp - '0') : cp >= 0xFF10 && cp <= 0xFF19 ? (int)(cp - 0xFF10) : -1;
            if (!n || dg < 0)
                break;
            v = (v < 0 ? 0 : v) * 10 + dg;
            if (v > 100000)
                return 0;
            i += n;
        }
        if (v < 0)
            return part > 0;
        *dst = (int)v;
        if (part == 1)
            return 1;
        /* separator of chapter style, spaces around it allowed */
        size_t j = i;
        while (j < len && t[j] == ' ')
            j++;
        size_t n = qb_utf8_decode(t + j, len - j, &cp);
        if (!n || !(cp == '-' || cp == '.' || cp == 0x2013 || cp == 0x2014 || cp == 0xFF0E || cp == 0x2010 ||
                    cp == 0xFF0D))
            return 1;
        j += n;
        while (j < len && t[j] == ' ')
            j++;
        n = qb_utf8_decode(t + j, len - j, &cp);
        if (!n || !((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19)))
            return 1;
        i = j;
        dst = n2;
    }
    return 1;
}

static int is_note(const qb_para *p)
{
    return p->where == QB_IN_FOOTNOTE || p->where == QB_IN_ENDNOTE;
}

static int visible(const qb_para *p)
{
    return !is_note(p) && (p->drawings > 0 || qb_para_has_text(p));
}

/* First visible paragraph at or after i, or -1. */
static long next_visible(const qb_doc *d, size_t i)
{
    for (; i < d->npara; i++)
        if (visible(&d->paras[i]))
            return (long)i;
    return -1;
}

/* Last visible paragraph before i, or -1. */
static long prev_visible(const qb_doc *d, size_t i)
{
    while (i-- > 0)
        if (visible(&d->paras[i]))
            return (long)i;
    return -1;
}

/* The first visible paragraph at or after i that is not the text of a shape or text
 * box drawn in the figure before it (that text follows its figure's paragraph in the
 * model), unless it is itself a figure caption. */
static long next_outside_boxes(const qb_doc *d, size_t i)
{
    long n;
    while ((n = next_visible(d, i)) >= 0 && d->paras[n].where == QB_IN_TEXTBOX &&
           lint_caption_kind(&d->paras[n]) != LINT_CAP_FIGURE)
        i = (size_t)n + 1;
    return n;
}

static int kind_at(lint_ctx *c, long i)
{
    return i >= 0 ? lint_caption_kind(&c->doc->paras[i]) : -1;
}

/* A paragraph that holds a figure: pictures or charts and no text of its own other
 * than its caption, outside tables, not only icons. */
static int figure_para(lint_ctx *c, size_t i)
{
    const qb_doc *d = c->doc;
    const qb_para *p = &d->paras[i];
    if (p->drawings <= 0 || p->table >= 0 || (p->where != QB_IN_BODY && p->where != QB_IN_TEXTBOX))
        return 0;
    if (qb_para_has_text(p) && lint_caption_kind(p) != LINT_CAP_FIGURE)
        return 0; /* a picture in running text: a formula, a symbol */
    int icons = 0;
    for (size_t k = 0; k < d->nimage; k++) {
        const qb_image *im = &d->images[k];
        if (im->para == i && im->cx > 0 && im->cy > 0 && im->cx < ICON_EMU && im->cy < ICON_EMU)
            icons++;
    }
    return icons < p->drawings;
}

typedef struct {
    lint_group pos[QB_NSEC], style[QB_NSEC];
} cap_groups;

static qb_status add_pos(cap_groups *g, int sec, size_t para, const char *quote_from,
                         const char *what, const char *what_en)
{
    char *q = quote_from ? lint_quote(quote_from, 24) : qb_strdup("");
    if (!q)
        return QB_ERR_NOMEM;
    g->pos[sec].bad++;
    qb_status st = lint_group_add(&g->pos[sec], para, q, what, what_en);
    free(q);
    return st;
}

/* A form-like draft lays its sections out in a table (the headings in its cells): a
 * layout, not a table of data, so it needs no caption. */
static int holds_headings(const qb_doc *d, const qb_table *tb)
{
    for (size_t i = tb->first_para; i < tb->end_para; i++)
        if (d->paras[i].role == QB_PARA_HEADING || d->paras[i].role == QB_PARA_TITLE)
            return 1;
    return 0;
}

static qb_status check_tables(lint_ctx *c, cap_groups *g)
{
    qb_doc *d = c->doc;
    qb_status st = QB_OK;
    for (size_t t = 0; t < d->ntable && st == QB_OK; t++) {
        const qb_table *tb = &d->tables[t];
        if (tb->depth != 1 || tb->first_para >= tb->end_para || d->paras[tb->first_para].where == QB_IN_TEXTBOX)
            continue;
        int sec = lint_body_section(c, tb->first_para);
        if (sec < 0 || holds_headings(d, tb))
            continue;
        g->pos[sec].total++;
        long above = prev_visible(d, tb->before_para);
        long below = next_visible(d, tb->end_para);
        if (kind_at(c, above) == LINT_CAP_TABLE)
            continue;
        /* a figure laid out in a table: pictures in the cells, a figure caption after */
        int pictures = 0;
        long last = -1;
        for (size_t i = tb->first_para; i < tb->end_para; i++) {
            pictures += d->paras[i].drawings;
            if (visible(&d->paras[i]))
                last = (long)i;
        }
        if (pictures && (kind_at(c, below) == LINT_CAP_FIGURE || (last >= 0 && kind_at(c, last) == LINT_CAP_FIGURE)))
            continue;
        if (kind_at(c, below) == LINT_CAP_TABLE) {
            st = add_pos(g, sec, (size_t)below, d->paras[below].text, "位于表格下方（表格标题应在表格上方）",
                         "is below its table (a table caption goes above the table)");
            continue;
        }
        const char *first_text = "";
        size_t at = tb->first_para;
        for (size_t i = tb->first_para; i < tb->end_para; i++)
            if (qb_para_has_text(&d->paras[i])) {
                first_text = d->paras[i].text;
                at = i;
                break;
            }
        st = add_pos(g, sec, at, first_text, "所在的表格没有标题（应在表格上方加“表 N ……”式标题）",
                     "is in a table without a caption (add \"表 N …\" above the table)");
    }
    return st;
}

static qb_status check_figures(lint_ctx *c, cap_groups *g)
{
    qb_doc *d = c->doc;
    qb_status st = QB_OK;
    for (size_t i = 0; i < d->npara && st == QB_OK; i++) {
        if (!figure_para(c, i))
            continue;
        int sec = lint_body_section(c, i);
        if (sec < 0)
            continue;
        /* pictures in consecutive paragraphs share one caption */
        size_t last = i;
        long n;
        while ((n = next_visible(d, last + 1)) >= 0 && figure_para(c, (size_t)n) &&
               !qb_para_has_text(&d->paras[n]))
            last = (size_t)n;
        g->pos[sec].total++;
        long below = next_outside_boxes(d, last + 1);
        long above = prev_visible(d, i);
        int own = lint_caption_kind(&d->paras[i]) == LINT_CAP_FIGURE ||
                  lint_caption_kind(&d->paras[last]) == LINT_CAP_FIGURE;
        if (own || kind_at(c, below) == LINT_CAP_FIGURE) {
            i = last;
            continue;
        }
        if (kind_at(c, above) == LINT_CAP_FIGURE)
            st = add_pos(g, sec, (size_t)above, d->paras[above].text, "位于图片上方（图片标题应在图片下方）",
                         "is above its figure (a figure caption goes below the figure)");
        else
            st = add_pos(g, sec, i, NULL, "的图片没有标题（应在图片下方加“图 N ……”式标题）",
                         "holds a figure without a caption (add \"图 N …\" below it)");
        i = last;
    }
    return st;
}

static qb_status check_style(lint_ctx *c, cap_groups *g)
{
    qb_doc *d = c->doc;
    const lint_want *w = &c->caption;
    if (!w->font && !w->hp && w->bold < 0 && w->jc == QB_JC_UNSET)
        return QB_OK;
    qb_status st = QB_OK;
    for (size_t i = 0; i < d->npara && st == QB_OK; i++) {
        const qb_para *p = &d->paras[i];
        if (lint_caption_kind(p) < 0)
            continue;
        int sec = lint_body_section(c, i);
        if (sec < 0)
            continue;
        g->style[sec].total++;
        qb_buf zh = {0}, en = {0};
        lint_span s;
        int jc_bad;
        st = lint_describe(c, i, p->label_len, strlen(p->text), w, 0, &zh, &en, &s, &jc_bad);
        if (st == QB_OK && zh.len) {
            char *q = lint_quote(p->text, 24);
            g->style[sec].bad++;
            st = q ? lint_group_add(&g->style[sec], i, q, zh.s, en.s) : QB_ERR_NOMEM;
            free(q);
        }
        qb_buf_free(&zh);
        qb_buf_free(&en);
    }
    return st;
}

/* ---- numbering ------------------------------------------------------------------ */

typedef struct {
    size_t para;
    int n1, n2;
} numbered;

static qb_status num_issue(lint_ctx *c, lint_group *g, const numbered *x, const char *what, const char *what_en)
{
    char *q = lint_quote(c->doc->paras[x->para].text, 24);
    if (!q)
        return QB_ERR_NOMEM;
    g->bad++;
    qb_status st = lint_group_add(g, x->para, q, what, what_en);
    free(q);
    return st;
}

static void num_name(const char *word, int a, int b, char *buf, size_t size)
{
    if (b >= 0)
        snprintf(buf, size, "%s %d-%d", word, a, b);
    else
        snprintf(buf, size, "%s %d", word, a);
}

/* Check one sequence: values v[k] (the caption's own number within its chapter)
 * must run 1, 2, 3 … */
static qb_status check_run(lint_ctx *c, lint_group *g, const numbered *v, size_t n, int chapter, const char *word)
{
    qb_status st = QB_OK;
    int expected = 1;
    for (size_t k = 0; k < n && st == QB_OK; k++) {
        int num = chapter ? v[k].n2 : v[k].n1;
        int ch = chapter ? v[k].n1 : -1;
        char got[48], want[48], zh[200], en[200];
        num_name(word, chapter ? ch : num, chapter ? num : -1, got, sizeof got);
        num_name(word, chapter ? ch : expected, chapter ? expected : -1, want, sizeof want);
        if (num == expected) {
            expected++;
            continue;
        }
        int seen = 0;
        for (size_t j = 0; j < k; j++)
            if ((chapter ? v[j].n2 : v[j].n1) == num)
                seen = 1;
        if (seen) {
            snprintf(zh, sizeof zh, "编号“%s”重复", got);
            snprintf(en, sizeof en, "number %s is used twice", got);
        } else if (num > expected) {
            if (k == 0)
                snprintf(zh, sizeof zh, "编号为“%s”，应从“%s”开始", got, want);
            else
                snprintf(zh, sizeof zh, "编号为“%s”，跳过了“%s”", got, want);
            snprintf(en, sizeof en, "is numbered %s; expected %s", got, want);
            expected = num + 1;
        } else {
            snprintf(zh, sizeof zh, "编号为“%s”，顺序颠倒（此处应为“%s”）", got, want);
            snprintf(en, sizeof en, "is numbered %s, out of order (expected %s)", got, want);
        }
        st = num_issue(c, g, &v[k], zh, en);
    }
    return st;
}

static qb_status check_numbering_kind(lint_ctx *c, int kind)
{
    qb_doc *d = c->doc;
    numbered *v = NULL;
    size_t n = 0, cap = 0;
    qb_status st = QB_OK;
    for (size_t i = 0; i < d->npara && st == QB_OK; i++) {
        const qb_para *p = &d->paras[i];
        if (lint_caption_kind(p) != kind || lint_body_section(c, i) < 0)
            continue;
        if (continued(p->text + qb_skip_space(p->text, strlen(p->text), 0)))
            continue;
        numbered x = {i, -1, -1};
        if (!caption_number(p->text, &x.n1, &x.n2) || x.n1 < 0)
            continue;
        if ((st = qb_grow((void **)&v, &cap, n + 1, sizeof *v)) == QB_OK)
            v[n++] = x;
    }
    const char *word = kind == LINT_CAP_TABLE ? "表" : "图";
    lint_group g = {0};
    g.total = (long)n;
    int chapter = n && v[0].n2 >= 0;
    /* one scheme throughout: the first caption's */
    for (size_t k = 0; k < n && st == QB_OK; k++) {
        if ((v[k].n2 >= 0) == chapter)
            continue;
        char a[48], b[48], zh[240], en[200];
        num_name(word, v[0].n1, v[0].n2, a, sizeof a);
        num_name(word, v[k].n1, v[k].n2, b, sizeof b);
        snprintf(zh, sizeof zh, "编号方式与前面不一致（“%s”与“%s”两种编号混用）", a, b);
        snprintf(en, sizeof en, "mixes numbering schemes (%s and %s)", a, b);
        st = num_issue(c, &g, &v[k], zh, en);
    }
    /* the sequence, within the first caption's scheme; chapter style restarts per chapter */
    numbered *same = n ? malloc(n * sizeof *same) : NULL;
    size_t m = 0;
    if (n && !same)
        st = QB_ERR_NOMEM;
    for (size_t k = 0; k < n && st == QB_OK; k++)
        if ((v[k].n2 >= 0) == chapter)
            same[m++] = v[k];
    if (st == QB_OK && !chapter) {
        st = check_run(c, &g, same, m, 0, word);
    } else if (st == QB_OK) {
        size_t k = 0;
        int prev_ch = -1;
        while (k < m && st == QB_OK) {
            size_t e = k;
            while (e < m && same[e].n1 == same[k].n1)
                e++;
            if (same[k].n1 < prev_ch) {
                char a[48], zh[200], en[200];
                num_name(word, same[k].n1, same[k].n2, a, sizeof a);
                snprintf(zh, sizeof zh, "编号为“%s”，章号比前面的小（顺序颠倒）", a);
                snprintf(en, sizeof en, "is numbered %s, a chapter before the previous caption's", a);
                st = num_issue(c, &g, &same[k], zh, en);
            } else {
                st = check_run(c, &g, same + k, e - k, 1, word);
            }
            prev_ch = same[k].n1;
            k = e;
        }
    }
    free(same);
    if (st == QB_OK && g.n) {
        int sec = lint_body_section(c, g.v[0].para);
        st = lint_group_emit(c, &g, "format.caption-numbering", sec,
                             kind == LINT_CAP_TABLE ? "表格标题编号：" : "图片标题编号：",
                             kind == LINT_CAP_TABLE ? "table captions: " : "figure captions: ",
                             NULL, NULL, 1);
    }
    lint_group_free(&g);
    free(v);
    return st;
}

qb_status lint_captions(lint_ctx *c)
{
    cap_groups g;
    memset(&g, 0, sizeof g);
    qb_status st = check_tables(c, &g);
    if (st == QB_OK)
        st = check_figures(c, &g);
    if (st == QB_OK)
        st = check_style(c, &g);
    for (int s = 0; s < QB_NSEC && st == QB_OK; s++) {
        char label[64], label_en[64];
        snprintf(label, sizeof label, "%s", qb_sec_name_zh((qb_secid)s));
        snprintf(label_en, sizeof label_en, "%s: ", qb_sec_name_en((qb_secid)s));
        st = lint_group_emit(c, &g.pos[s], "format.caption-position", s, label, label_en, NULL, NULL, 0);
        if (st == QB_OK)
            st = lint_group_emit(c, &g.style[s], "format.caption-style", s, label, label_en, NULL, NULL, 0);
    }
    for (int s = 0; s < QB_NSEC; s++) {
        lint_group_free(&g.pos[s]);
        lint_group_free(&g.style[s]);
    }
    if (st == QB_OK)
        st = check_numbering_kind(c, LINT_CAP_TABLE);
    if (st == QB_OK)
        st = check_numbering_kind(c, LINT_CAP_FIGURE);
    return st;
}
