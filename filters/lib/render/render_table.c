/* render_table.c — ruled tables: columns sized from their content, cells that wrap,
 * rows continued across pages with the header rows repeated on each new page. */
#include "render_int.h"

#include <stdlib.h>
#include <string.h>

#define PAD_X 4.0f   /* cell padding, points */
#define PAD_Y 3.0f
#define RULE 0.6f    /* line width of the rules */

qb_status rd_grid_init(rd_grid *g, size_t rows, size_t cols)
{
    memset(g, 0, sizeof *g);
    if (rows == 0 || cols == 0)
        return QB_ERR_USAGE;
    g->cells = calloc(rows * cols, sizeof *g->cells);
    if (!g->cells)
        return QB_ERR_NOMEM;
    g->rows = rows;
    g->cols = cols;
    g->borders = -1;
    return QB_OK;
}

void rd_grid_free(rd_grid *g)
{
    for (size_t i = 0; g->cells && i < g->rows * g->cols; i++) {
        for (size_t k = 0; k < g->cells[i].n; k++) {
            free(g->cells[i].p[k].sp);
            free(g->cells[i].p[k].note);
        }
        free(g->cells[i].p);
    }
    free(g->cells);
    for (size_t i = 0; i < g->nowned; i++)
        free(g->owned[i]);
    free(g->owned);
    memset(g, 0, sizeof *g);
}

rd_cell *rd_grid_cell(rd_grid *g, size_t row, size_t col)
{
    return row < g->rows && col < g->cols ? &g->cells[row * g->cols + col] : NULL;
}

qb_status rd_cell_para(rd_cell *c, const rd_pstyle *ps, rd_cpara **out)
{
    qb_status st = qb_grow((void **)&c->p, &c->cap, c->n + 1, sizeof *c->p);
    if (st != QB_OK)
        return st;
    rd_cpara *p = &c->p[c->n++];
    memset(p, 0, sizeof *p);
    p->ps = *ps;
    *out = p;
    return QB_OK;
}

qb_status rd_cpara_span_note(rd_cpara *p, const char *s, size_t len, rd_style st, unsigned char note)
{
    qb_status rc = qb_grow((void **)&p->sp, &p->capsp, p->nsp + 1, sizeof *p->sp);
    if (rc == QB_OK)
        rc = qb_grow((void **)&p->note, &p->capnote, p->nsp + 1, sizeof *p->note);
    if (rc != QB_OK)
        return rc;
    p->note[p->nsp] = note;
    p->noted |= note != 0;
    p->sp[p->nsp++] = (rd_span){s, len, st};
    return QB_OK;
}

qb_status rd_cpara_span(rd_cpara *p, const char *s, size_t len, rd_style st)
{
    return rd_cpara_span_note(p, s, len, st, 0);
}

qb_status rd_cell_text(rd_grid *g, size_t row, size_t col, const rd_pstyle *ps, const char *text)
{
    rd_cell *c = rd_grid_cell(g, row, col);
    if (!c)
        return QB_ERR_USAGE;
    qb_status st = qb_grow((void **)&g->owned, &g->capowned, g->nowned + 1, sizeof *g->owned);
    if (st != QB_OK)
        return st;
    char *copy = qb_strdup(text ? text : "");
    if (!copy)
        return QB_ERR_NOMEM;
    g->owned[g->nowned++] = copy;
    rd_cpara *p;
    if ((st = rd_cell_para(c, ps, &p)) != QB_OK)
        return st;
    return rd_cpara_span(p, copy, strlen(copy), ps->st);
}

/* The widest line a paragraph wants, and the widest piece it cannot be broken in. */
static void extent(const rd_shaped *s, float *maxw, float *minw)
{
    *maxw = *minw = 0;
    for (size_t i = 0; i < s->lines.n; i++) {
        float w = s->lines.v[i].width + s->lines.v[i].indent;
        if (w > *maxw)
            *maxw = w;
    }
    float run = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (qb_layout_is_word_char(s->ch[i].cp))
            run += s->ch[i].w;
        else
            run = s->ch[i].w;
        if (run > *minw)
            *minw = run;
    }
    *maxw += s->ps.left_indent;
    *minw += s->ps.left_indent;
}

/* Column widths from the content, as browsers size auto-layout tables: every column
 * gets at least its widest unbreakable piece, and what is left goes where the text
 * is longest. */
static qb_status column_widths(rd *r, rd_grid *g, float total, float *w, float *need)
{
    *need = 0;
    if (g->fixed) {
        for (size_t c = 0; c < g->cols; c++)
            w[c] = g->fixed[c] * total;
        return QB_OK;
    }
    float *mx = calloc(g->cols, sizeof *mx), *mn = calloc(g->cols, sizeof *mn);
    rd_shaped s = {0};
    qb_status st = mx && mn ? QB_OK : QB_ERR_NOMEM;
    for (size_t row = 0; row < g->rows && st == QB_OK; row++)
        for (size_t c = 0; c < g->cols && st == QB_OK; c++) {
            rd_cell *cell = rd_grid_cell(g, row, c);
            for (size_t k = 0; k < cell->n && st == QB_OK; k++) {
                st = rd_shape(r, &cell->p[k].ps, cell->p[k].sp, cell->p[k].nsp, 1e6f, &s);
                float a, b;
                extent(&s, &a, &b);
                if (a > mx[c])
                    mx[c] = a;
                if (b > mn[c])
                    mn[c] = b;
            }
        }
    rd_shaped_free(&s);
    if (st == QB_OK) {
        float smin = 0, smax = 0;
        for (size_t c = 0; c < g->cols; c++) {
            *need += mn[c]; /* the unbreakable pieces alone, without padding */
            mn[c] += 2 * PAD_X;
            mx[c] += 2 * PAD_X;
            if (mn[c] < 2 * PAD_X + RD_WUHAO * 2)
                mn[c] = 2 * PAD_X + RD_WUHAO * 2;
            if (mx[c] < mn[c])
                mx[c] = mn[c];
            smin += mn[c];
            smax += mx[c];
        }
        /* Short columns (no wider than an even share) keep their one-line width, so
         * "责任部门" does not wrap a character per line beside a long text column. */
        float fair = total / (float)g->cols, fixed_w = 0, rmin = 0, rmax = 0;
        for (size_t c = 0; c < g->cols; c++) {
            if (mx[c] <= fair)
                fixed_w += mx[c];
            else
                rmin += mn[c], rmax += mx[c];
        }
        int short_first = smax > total && rmax > 0 && fixed_w + rmin <= total;
        for (size_t c = 0; c < g->cols; c++) {
            if (smax <= total)
                w[c] = mx[c] + (total - smax) * mx[c] / smax;
            else if (short_first)
                w[c] = mx[c] <= fair    ? mx[c]
                       : rmax > rmin ? mn[c] + (total - fixed_w - rmin) * (mx[c] - mn[c]) / (rmax - rmin)
                                     : mn[c] + (total - fixed_w - rmin) * mx[c] / rmax;
            else if (smin >= total)
                w[c] = mn[c] * total / smin;
            else
                w[c] = mn[c] + (total - smin) * (mx[c] - mn[c]) / (smax - smin);
        }
    }
    free(mx);
    free(mn);
    return st;
}

static void scale_text(rd_grid *g, float f)
{
    for (size_t i = 0; i < g->rows * g->cols; i++)
        for (size_t k = 0; k < g->cells[i].n; k++) {
            rd_cpara *p = &g->cells[i].p[k];
            p->ps.st.size *= f;
            p->ps.first_indent *= f;
            p->ps.left_indent *= f;
            for (size_t j = 0; j < p->nsp; j++)
                p->sp[j].st.size *= f;
        }
}

/* One row being drawn: each cell's shaped paragraphs and where drawing resumes. */
typedef struct {
    rd_shaped *p;
    size_t np, para, line;
} cellpos;

static float line_h(const rd_shaped *s, size_t i)
{
    return s->lh[i] + (i == 0 ? s->ps.before : 0) + (i + 1 == s->lines.n ? s->ps.after : 0);
}

static float rest_height(const cellpos *c)
{
    float h = 0;
    for (size_t k = c->para; k < c->np; k++)
        for (size_t i = k == c->para ? c->line : 0; i < c->p[k].lines.n; i++)
            h += line_h(&c->p[k], i);
    return h;
}

static int cell_done(const cellpos *c)
{
    return c->para >= c->np;
}

static void free_row(cellpos *cp, size_t cols)
{
    for (size_t c = 0; c < cols; c++) {
        for (size_t k = 0; k < cp[c].np; k++)
            rd_shaped_free(&cp[c].p[k]);
        free(cp[c].p);
        cp[c].p = NULL;
        cp[c].np = 0;
    }
}

static qb_status shape_row(rd *r, rd_grid *g, size_t row, const float *w, cellpos *cp)
{
    for (size_t c = 0; c < g->cols; c++) {
        rd_cell *cell = rd_grid_cell(g, row, c);
        cp[c].para = cp[c].line = 0;
        cp[c].np = 0;
        cp[c].p = calloc(cell->n ? cell->n : 1, sizeof *cp[c].p);
        if (!cp[c].p)
            return QB_ERR_NOMEM;
        for (size_t k = 0; k < cell->n; k++) {
            r->span_note = cell->p[k].noted ? cell->p[k].note : NULL; /* its footnotes' marks */
            qb_status st = rd_shape(r, &cell->p[k].ps, cell->p[k].sp, cell->p[k].nsp, w[c] - 2 * PAD_X,
                                    &cp[c].p[k]);
            r->span_note = NULL;
            cp[c].np = k + 1;
            if (st != QB_OK)
                return st;
        }
    }
    return QB_OK;
}

/* The rules around a cell: a full grid, or the sides the table sets (a 三线表: top,
 * bottom and the rule under the header; a layout table: none). The top of a row
 * continued on a new page is the table's top. */
static void cell_rules(rd *r, const rd_grid *g, size_t row, size_t c, float x, float top, float w, float h)
{
    int b = g->borders;
    if (b < 0) {
        rd_rect(r, x, top - h, w, h, RULE, -1);
        return;
    }
    int at_top = row == 0 || top >= r->ph - r->mt - 0.5f;
    if (at_top ? (b & QB_TB_TOP) : (b & QB_TB_INSIDE_H) || (row == 1 && (b & QB_TB_HEAD_RULE)))
        rd_line(r, x, top, x + w, top, at_top ? 2 * RULE : RULE);
    if (row + 1 == g->rows && (b & QB_TB_BOTTOM))
        rd_line(r, x, top - h, x + w, top - h, 2 * RULE);
    if (c == 0 ? (b & QB_TB_LEFT) : (b & QB_TB_INSIDE_V))
        rd_line(r, x, top, x, top - h, RULE);
    if (c + 1 == g->cols && (b & QB_TB_RIGHT))
        rd_line(r, x + w, top, x + w, top - h, RULE);
}

/* Draw what fits of the row in `avail` points of content height, with the footnotes
 * whose marks it draws at the foot of the page (their room taken from avail; with
 * notes 0 they are left waiting); advance r->y. *drawn receives 0 when not even one
 * line fitted. */
static qb_status draw_slice(rd *r, rd_grid *g, size_t row, cellpos *cp, const float *w, float avail,
                            int notes, int *drawn)
{
    float foot = 0; /* the room the notes of the lines taken so far need */
    float used = 0;
    size_t *end_para = calloc(g->cols, sizeof *end_para), *end_line = calloc(g->cols, sizeof *end_line);
    if (!end_para || !end_line) {
        free(end_para);
        free(end_line);
        return QB_ERR_NOMEM;
    }
    *drawn = 0;
    for (size_t c = 0; c < g->cols; c++) {
        size_t k = cp[c].para, i = cp[c].line;
        float h = 0;
        while (k < cp[c].np) {
            if (i >= cp[c].p[k].lines.n) {
                k++;
                i = 0;
                continue;
            }
            float lh = line_h(&cp[c].p[k], i);
            float fn = notes ? rd_foot_line(r, &cp[c].p[k], i, 0) : 0;
            /* the lines of the other cells taken so far stay within avail too */
            if (h + lh + foot > avail || (fn > 0 && (h + lh > used ? h + lh : used) + foot + fn > avail))
                break;
            foot += fn;
            h += lh;
            i++;
            *drawn = 1;
        }
        end_para[c] = k;
        end_line[c] = i;
        if (h > used)
            used = h;
    }
    int all_done = 1;
    for (size_t c = 0; c < g->cols; c++)
        if (end_para[c] < cp[c].np)
            all_done = 0;
    if (!*drawn && !all_done) {
        free(end_para);
        free(end_line);
        return QB_OK;
    }
    *drawn = 1;
    float h = used + 2 * PAD_Y, x = r->ml, top = r->y;
    qb_status st = QB_OK;
    for (size_t c = 0; c < g->cols; c++) {
        if (rd_grid_cell(g, row, c)->shade)
            rd_rect(r, x, top - h, w[c], h, 0, 92);
        float y = top - PAD_Y;
        size_t k = cp[c].para, i = cp[c].line;
        while (st == QB_OK && (k < end_para[c] || (k == end_para[c] && i < end_line[c])) && k < cp[c].np) {
            if (i >= cp[c].p[k].lines.n) {
                k++;
                i = 0;
                continue;
            }
            const rd_shaped *s = &cp[c].p[k];
            if (i == 0)
                y -= s->ps.before;
            st = rd_draw_line(r, s, i, x + PAD_X, y);
            if (notes)
                rd_foot_line(r, s, i, 1);
            y -= s->lh[i];
            if (i + 1 == s->lines.n)
                y -= s->ps.after;
            i++;
        }
        cp[c].para = end_para[c];
        cp[c].line = end_line[c];
        x += w[c];
    }
    x = r->ml;
    for (size_t c = 0; c < g->cols; c++) {
        cell_rules(r, g, row, c, x, top, w[c], h);
        x += w[c];
    }
    r->y -= h;
    free(end_para);
    free(end_line);
    return st;
}

static float row_height(const cellpos *cp, size_t cols)
{
    float h = 0;
    for (size_t c = 0; c < cols; c++) {
        float x = rest_height(&cp[c]);
        if (x > h)
            h = x;
    }
    return h + 2 * PAD_Y;
}

/* The room at the foot the footnotes whose marks are in the row need. */
static float row_notes(rd *r, const cellpos *cp, size_t cols)
{
    float h = 0;
    for (size_t c = 0; c < cols; c++)
        for (size_t k = 0; k < cp[c].np; k++)
            for (size_t i = 0; cp[c].p[k].noted && i < cp[c].p[k].lines.n; i++)
                h += rd_foot_line(r, &cp[c].p[k], i, 0);
    return h;
}

/* Draw a whole row (header rows on a new page), or with h_out only measure it. */
static qb_status row_whole(rd *r, rd_grid *g, size_t row, const float *w, float *h_out)
{
    cellpos *cp = calloc(g->cols, sizeof *cp);
    if (!cp)
        return QB_ERR_NOMEM;
    qb_status st = shape_row(r, g, row, w, cp);
    int drawn;
    if (st == QB_OK && h_out)
        *h_out = row_height(cp, g->cols);
    else if (st == QB_OK)
        st = draw_slice(r, g, row, cp, w, 1e9f, 0, &drawn);
    free_row(cp, g->cols);
    free(cp);
    return st;
}

static qb_status table_page(rd *r, rd_grid *g, const float *w)
{
    qb_status st = rd_new_page(r);
    for (size_t h = 0; h < g->header_rows && h < g->rows && st == QB_OK; h++)
        st = row_whole(r, g, h, w, NULL);
    return st;
}

qb_status rd_table(rd *r, rd_grid *g)
{
    if (r->collect) { /* only the characters */
        rd_shaped s = {0};
        qb_status st = QB_OK;
        for (size_t i = 0; i < g->rows * g->cols && st == QB_OK; i++)
            for (size_t k = 0; k < g->cells[i].n && st == QB_OK; k++)
                st = rd_shape(r, &g->cells[i].p[k].ps, g->cells[i].p[k].sp, g->cells[i].p[k].nsp, 1, &s);
        rd_shaped_free(&s);
        return st;
    }
    float *w = calloc(g->cols, sizeof *w);
    cellpos *cp = calloc(g->cols, sizeof *cp);
    float need = 0, room = rd_width(r) - 2 * PAD_X * (float)g->cols;
    qb_status st = w && cp ? column_widths(r, g, rd_width(r), w, &need) : QB_ERR_NOMEM;
    if (st == QB_OK && need > room && room > 0) {
        /* Too many columns for the page (a landscape table in a portrait dossier):
         * a smaller size rather than words cut letter by letter, down to 七号 … 小六. */
        scale_text(g, room / need > 0.62f ? room / need : 0.62f);
        st = column_widths(r, g, rd_width(r), w, &need);
    }
    float head = 0;
    for (size_t h = 0; h < g->header_rows && h < g->rows && st == QB_OK; h++) {
        float x;
        st = row_whole(r, g, h, w, &x);
        head += x;
    }
    float body = r->ph - r->mt - (r->mb - r->foot_h); /* a page without footnotes */
    if (head > body / 3) /* a header taller than a third of the page is not repeated */
        g->header_rows = 0, head = 0;
    /* The header and the start of the first row go on one page. */
    if (st == QB_OK)
        st = rd_need(r, head + (g->rows > g->header_rows ? 3 * RD_WUHAO * 1.3f : 0) + 2 * PAD_Y);
    for (size_t row = 0; row < g->rows && st == QB_OK; row++) {
        st = shape_row(r, g, row, w, cp);
        float h = st == QB_OK ? row_height(cp, g->cols) + row_notes(r, cp, g->cols) : 0;
        /* a row that fits on a fresh page moves there whole, its footnotes with it (a
         * header row is not preceded by the header again) */
        int fresh = st == QB_OK && r->y - h < r->mb && h <= body - head; /* on a page of its own */
        if (fresh)
            st = row < g->header_rows ? rd_new_page(r) : table_page(r, g, w);
        while (st == QB_OK) {
            int drawn;
            st = draw_slice(r, g, row, cp, w, r->y - r->mb - 2 * PAD_Y, 1, &drawn);
            /* a line whose notes do not fit even a fresh page is drawn without them:
             * they are set below the table (never over the text, never lost) */
            if (st == QB_OK && !drawn && fresh)
                st = draw_slice(r, g, row, cp, w, r->y - r->mb - 2 * PAD_Y, 0, &drawn);
            int left = 0;
            for (size_t c = 0; c < g->cols; c++)
                left |= !cell_done(&cp[c]) && rest_height(&cp[c]) > 0;
            if (st != QB_OK || (!left && drawn))
                break;
            st = table_page(r, g, w);
            fresh = 1;
        }
        free_row(cp, g->cols);
    }
    if (cp)
        free_row(cp, g->cols);
    free(cp);
    free(w);
    return st;
}
