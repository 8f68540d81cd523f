/* render_shape.c — Word shapes (model/shape.h) drawn where their drawing is anchored.
 *
 * A drawing (a group of shapes, a lone shape or a VML picture of shapes) is laid out in
 * a box of its extent in the flow below its paragraph, scaled down to fit the column and
 * the page, on one page. Each shape is a libharu path of its geometry, flipped and
 * rotated about its centre, filled and outlined in its colours; lines get their
 * arrowheads; a shape's text paragraphs are set centred across inside it, within
 * its insets and at its anchor (top, middle, bottom), in the dossier's faces, smaller
 * when they do not fit. A drawing whose text does not fit even then is
 * left to the caller (its paragraphs are printed as text, as before). */
#include "render_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PT(emu) ((float)(emu) / 12700.0f)
#define KAPPA 0.5523f /* a quarter circle as a cubic Bézier */
#define MIN_TEXT 5.0f /* the smallest size shape text is set in, points */

/* Where a shape is on the page and how its own coordinates (u right, v down, from its
 * box's top-left corner) map there. */
typedef struct {
    float x, y;   /* page position of the box's top-left corner */
    float w, h;   /* the box, points */
    float c, s;   /* cos and sin of the rotation */
    int fh, fv;
} xf;

static void map(const xf *t, float u, float v, float *X, float *Y)
{
    if (t->fh)
        u = t->w - u;
    if (t->fv)
        v = t->h - v;
    float du = u - t->w / 2, dv = v - t->h / 2; /* clockwise on the page, v pointing down */
    float ru = du * t->c - dv * t->s, rv = du * t->s + dv * t->c;
    *X = t->x + t->w / 2 + ru;
    *Y = t->y - (t->h / 2 + rv);
}

static void move(rd *r, const xf *t, float u, float v)
{
    float X, Y;
    map(t, u, v, &X, &Y);
    HPDF_Page_MoveTo(r->page, X, Y);
}

static void line(rd *r, const xf *t, float u, float v)
{
    float X, Y;
    map(t, u, v, &X, &Y);
    HPDF_Page_LineTo(r->page, X, Y);
}

static void curve(rd *r, const xf *t, float u1, float v1, float u2, float v2, float u3, float v3)
{
    float a, b, c, d, e, f;
    map(t, u1, v1, &a, &b);
    map(t, u2, v2, &c, &d);
    map(t, u3, v3, &e, &f);
    HPDF_Page_CurveTo(r->page, a, b, c, d, e, f);
}

static void poly(rd *r, const xf *t, const float *p, size_t n)
{
    move(r, t, p[0], p[1]);
    for (size_t i = 1; i < n; i++)
        line(r, t, p[2 * i], p[2 * i + 1]);
    HPDF_Page_ClosePath(r->page);
}

/* A rectangle with corners of radius q. */
static void rounded(rd *r, const xf *t, float w, float h, float q)
{
    float k = q * KAPPA;
    move(r, t, q, 0);
    line(r, t, w - q, 0);
    curve(r, t, w - q + k, 0, w, q - k, w, q);
    line(r, t, w, h - q);
    curve(r, t, w, h - q + k, w - q + k, h, w - q, h);
    line(r, t, q, h);
    curve(r, t, q - k, h, 0, h - q + k, 0, h - q);
    line(r, t, 0, q);
    curve(r, t, 0, q - k, q - k, 0, q, 0);
    HPDF_Page_ClosePath(r->page);
}

static void ellipse(rd *r, const xf *t, float w, float h)
{
    float a = w / 2, b = h / 2, kx = a * KAPPA, ky = b * KAPPA;
    move(r, t, w, b);
    curve(r, t, w, b + ky, a + kx, h, a, h);
    curve(r, t, a - kx, h, 0, b + ky, 0, b);
    curve(r, t, 0, b - ky, a - kx, 0, a, 0);
    curve(r, t, a + kx, 0, w, b - ky, w, b);
    HPDF_Page_ClosePath(r->page);
}

/* A block arrow pointing right in a box len × thick; transposed for up and down. */
static void block_arrow(rd *r, const xf *t, qb_geom g, float w, float h)
{
    int vertical = g == QB_GEOM_ARROW_U || g == QB_GEOM_ARROW_D;
    float len = vertical ? h : w, th = vertical ? w : h;
    float hl = (len < th ? len : th) * 0.5f;
    float p[14] = {0, th / 4, len - hl, th / 4, len - hl, 0, len, th / 2, len - hl, th, len - hl, 3 * th / 4, 0, 3 * th / 4};
    for (int i = 0; i < 7; i++) {
        float a = p[2 * i], b = p[2 * i + 1];
        if (g == QB_GEOM_ARROW_L || g == QB_GEOM_ARROW_U)
            a = len - a; /* pointing back */
        p[2 * i] = vertical ? b : a;
        p[2 * i + 1] = vertical ? a : b;
    }
    poly(r, t, p, 7);
}

static int is_line(qb_geom g)
{
    return g == QB_GEOM_LINE || g == QB_GEOM_BENT || g == QB_GEOM_ELBOW || g == QB_GEOM_CURVED;
}

/* The path of a closed geometry (RECT for UNKNOWN: its box). */
static void outline(rd *r, const xf *t, qb_geom g)
{
    float w = t->w, h = t->h, m = w < h ? w : h;
    switch (g) {
    case QB_GEOM_ROUNDRECT: rounded(r, t, w, h, m / 6); break;
    case QB_GEOM_TERMINATOR: rounded(r, t, w, h, m / 2); break;
    case QB_GEOM_ELLIPSE: ellipse(r, t, w, h); break;
    case QB_GEOM_DIAMOND: { float p[] = {w / 2, 0, w, h / 2, w / 2, h, 0, h / 2}; poly(r, t, p, 4); break; }
    case QB_GEOM_TRIANGLE: { float p[] = {w / 2, 0, w, h, 0, h}; poly(r, t, p, 3); break; }
    case QB_GEOM_PARALLELOGRAM: { float a = m / 4, p[] = {a, 0, w, 0, w - a, h, 0, h}; poly(r, t, p, 4); break; }
    case QB_GEOM_HEXAGON: {
        float a = m / 4, p[] = {a, 0, w - a, 0, w, h / 2, w - a, h, a, h, 0, h / 2};
        poly(r, t, p, 6);
        break;
    }
    case QB_GEOM_ARROW_R: case QB_GEOM_ARROW_L: case QB_GEOM_ARROW_U: case QB_GEOM_ARROW_D:
        block_arrow(r, t, g, w, h);
        break;
    default: { float p[] = {0, 0, w, 0, w, h, 0, h}; poly(r, t, p, 4); break; }
    }
}

/* An arrowhead at (u1, v1), coming from (u0, v0). */
static void arrowhead(rd *r, const xf *t, float u0, float v0, float u1, float v1, float lw)
{
    float X0, Y0, X1, Y1;
    map(t, u0, v0, &X0, &Y0);
    map(t, u1, v1, &X1, &Y1);
    float dx = X1 - X0, dy = Y1 - Y0, len = sqrtf(dx * dx + dy * dy);
    if (len < 0.01f)
        return;
    dx /= len;
    dy /= len;
    float size = 3 * lw > 4.5f ? 3 * lw : 4.5f, half = size * 0.45f;
    HPDF_Page_MoveTo(r->page, X1, Y1);
    HPDF_Page_LineTo(r->page, X1 - dx * size - dy * half, Y1 - dy * size + dx * half);
    HPDF_Page_LineTo(r->page, X1 - dx * size + dy * half, Y1 - dy * size - dx * half);
    HPDF_Page_ClosePath(r->page);
    HPDF_Page_Fill(r->page);
}

static void rgb_fill(rd *r, long c)
{
    HPDF_Page_SetRGBFill(r->page, ((c >> 16) & 255) / 255.0f, ((c >> 8) & 255) / 255.0f, (c & 255) / 255.0f);
}

static void rgb_stroke(rd *r, long c)
{
    HPDF_Page_SetRGBStroke(r->page, ((c >> 16) & 255) / 255.0f, ((c >> 8) & 255) / 255.0f, (c & 255) / 255.0f);
}

/* A line or connector: its path from the box's corner to the opposite one, its arrowheads. */
static void draw_line(rd *r, const xf *t, const qb_shape *s, float lw)
{
    float w = t->w, h = t->h;
    long col = s->line >= 0 ? s->line : 0;
    rgb_stroke(r, col);
    rgb_fill(r, col);
    HPDF_Page_SetLineWidth(r->page, lw);
    move(r, t, 0, 0);
    if (s->geom == QB_GEOM_BENT) {
        line(r, t, w / 2, 0);
        line(r, t, w / 2, h);
        line(r, t, w, h);
    } else if (s->geom == QB_GEOM_ELBOW) {
        line(r, t, w, 0);
        line(r, t, w, h);
    } else if (s->geom == QB_GEOM_CURVED) {
        curve(r, t, w / 2, 0, w / 2, h, w, h);
    } else {
        line(r, t, w, h);
    }
    HPDF_Page_Stroke(r->page);
    /* the arrowheads follow the first and the last segment */
    float hu = w, hv = h, tu = 0, tv = 0;
    if (s->geom == QB_GEOM_BENT || s->geom == QB_GEOM_CURVED) {
        hu = tu = w / 2;
        hv = 0;
        tv = h;
    } else if (s->geom == QB_GEOM_ELBOW) {
        hv = 0;
        tu = w;
    }
    if (fabsf(hu) + fabsf(hv) < 0.5f) { /* a segment of no length: the line's direction */
        hu = w;
        hv = h;
    }
    if (fabsf(w - tu) + fabsf(h - tv) < 0.5f)
        tu = tv = 0;
    if (s->head)
        arrowhead(r, t, hu, hv, 0, 0, lw);
    if (s->tail)
        arrowhead(r, t, tu, tv, w, h, lw);
}

static void draw_shape(rd *r, const xf *t, const qb_shape *s, float k)
{
    float lw = PT(s->line_w) * k;
    lw = lw < 0.3f ? 0.3f : lw > 6 ? 6 : lw;
    if (is_line(s->geom)) {
        if (s->line != QB_COLOR_NONE)
            draw_line(r, t, s, lw);
        return;
    }
    int fill = s->fill != QB_COLOR_NONE, stroke = s->line != QB_COLOR_NONE || s->geom == QB_GEOM_UNKNOWN;
    if (!fill && !stroke)
        return;
    if (fill)
        rgb_fill(r, s->fill);
    if (stroke) {
        rgb_stroke(r, s->line >= 0 ? s->line : 0x808080);
        HPDF_Page_SetLineWidth(r->page, lw);
    }
    if (s->geom == QB_GEOM_UNKNOWN) { /* a geometry not drawn: its box, dashed */
        static const HPDF_UINT16 dash[] = {3, 2};
        HPDF_Page_SetDash(r->page, dash, 2, 0);
    }
    outline(r, t, s->geom);
    if (fill && stroke)
        HPDF_Page_FillStroke(r->page);
    else if (fill)
        HPDF_Page_Fill(r->page);
    else
        HPDF_Page_Stroke(r->page);
    if (s->geom == QB_GEOM_UNKNOWN)
        HPDF_Page_SetDash(r->page, NULL, 0, 0);
}

/* ---- text --------------------------------------------------------------------- */

/* The share of a shape's box its text can use across: a diamond's text sits in its middle. */
static float text_share(qb_geom g)
{
    switch (g) {
    case QB_GEOM_DIAMOND: return 0.6f;
    case QB_GEOM_TRIANGLE: return 0.55f;
    case QB_GEOM_ELLIPSE: return 0.75f;
    case QB_GEOM_PARALLELOGRAM: case QB_GEOM_HEXAGON: return 0.78f;
    case QB_GEOM_TERMINATOR: return 0.85f;
    default: return 1;
    }
}

typedef struct {
    rd_shaped *p;  /* one per paragraph of the text */
    size_t n;
    float height;
} stext;

static void stext_free(stext *x)
{
    for (size_t i = 0; i < x->n; i++)
        rd_shaped_free(&x->p[i]);
    free(x->p);
    memset(x, 0, sizeof *x);
}

/* The shape's paragraphs set for width at `size` (the author's bold kept). */
static qb_status set_text(rd *r, const qb_doc *d, const qb_shape *s, float width, float size, int white, stext *x)
{
    stext_free(x);
    size_t n = s->end_para - s->first_para;
    if (!n)
        return QB_OK;
    if (!(x->p = calloc(n, sizeof *x->p)))
        return QB_ERR_NOMEM;
    x->n = n;
    rd_span *sp = NULL;
    size_t cap = 0;
    qb_status st = QB_OK;
    for (size_t i = 0; i < n && st == QB_OK; i++) {
        const qb_para *p = &d->paras[s->first_para + i];
        rd_pstyle ps = rd_ps(QB_FONT_SONG, size, RD_CENTER);
        ps.leading = 1.2f;
        ps.st.gray = white ? 100 : 0;
        size_t ns = 0;
        if ((st = qb_grow((void **)&sp, &cap, p->nruns + 1, sizeof *sp)) != QB_OK)
            break;
        if (p->label_len)
            sp[ns++] = (rd_span){p->text, p->label_len, ps.st};
        for (size_t k = 0; k < p->nruns; k++) {
            rd_style rs = ps.st;
            rs.bold = p->runs[k].f.bold == 1;
            sp[ns++] = (rd_span){p->runs[k].text, strlen(p->runs[k].text), rs};
        }
        st = rd_shape(r, &ps, sp, ns, width, &x->p[i]);
        /* a label is centred; running text over several lines keeps the author's alignment */
        if (x->p[i].lines.n > 2 && (p->f.jc == QB_JC_BOTH || p->f.jc == QB_JC_DISTRIBUTE || p->f.jc == QB_JC_LEFT))
            x->p[i].ps.align = p->f.jc == QB_JC_LEFT ? RD_LEFT : RD_JUSTIFY;
        x->height += x->p[i].height;
    }
    free(sp);
    return st;
}

/* The size the shape's text is set in: what the author asked for, scaled with the
 * drawing, within reason. */
static float text_size(const qb_doc *d, const qb_shape *s, float k)
{
    int hp = 0;
    for (size_t i = s->first_para; i < s->end_para && !hp; i++)
        hp = d->paras[i].nruns ? d->paras[i].runs[0].f.size_hp : d->paras[i].mark.size_hp;
    float size = hp >= 10 && hp <= 48 ? hp / 2.0f : RD_WUHAO;
    size *= k;
    return size < MIN_TEXT ? MIN_TEXT : size > RD_XIAOSI ? RD_XIAOSI : size;
}

/* The frame a shape's text is set in, in the shape's own coordinates (from its box's
 * top-left corner, points): the geometry's text area (a diamond's middle …) less the
 * text's insets; never narrower than 12 pt. */
static void text_box(const qb_shape *s, const xf *t, float k, float *u, float *v, float *w, float *h)
{
    float share = text_share(s->geom);
    float aw = t->w * share, ah = t->h * (share < 1 ? share + 0.15f : 1);
    if (ah > t->h)
        ah = t->h;
    float il = PT(s->ins[0]) * k, it = PT(s->ins[1]) * k, ir = PT(s->ins[2]) * k, ib = PT(s->ins[3]) * k;
    *u = (t->w - aw) / 2 + il;
    *v = (t->h - ah) / 2 + it;
    *w = aw - il - ir;
    *h = ah - it - ib;
    if (*w < 12) {
        *w = aw > 12 ? aw : 12;
        *u = (t->w - *w) / 2;
    }
}

/* Set the text to fit the box, smaller when it does not; *fits 1 when it does. With
 * grow (a lone text box, which Word sizes to its text), only as much smaller as its
 * width asks, and *grow is the height the box needs. */
static qb_status fit_text(rd *r, const qb_doc *d, const qb_shape *s, const xf *t, float k, stext *x, int *fits,
                          float *grow)
{
    float u, v, w, h;
    text_box(s, t, k, &u, &v, &w, &h);
    int white = 0;
    if (s->fill != QB_COLOR_NONE) {
        long c = s->fill;
        float lum = 0.3f * ((c >> 16) & 255) + 0.59f * ((c >> 8) & 255) + 0.11f * (c & 255);
        white = lum < 110;
    }
    qb_status st = QB_OK;
    *fits = 0;
    for (float size = text_size(d, s, k); st == QB_OK; size *= 0.85f) {
        if (size < MIN_TEXT)
            size = MIN_TEXT;
        if ((st = set_text(r, d, s, w, size, white, x)) != QB_OK || r->collect)
            return st;
        /* a line wider than the box (one long word) does not fit either */
        int wide = 0;
        for (size_t i = 0; i < x->n; i++)
            for (size_t j = 0; j < x->p[i].lines.n; j++)
                wide |= x->p[i].lines.v[j].width > w + 0.5f;
        if (!wide && grow) {
            *grow = x->height + PT(s->ins[1]) * k + PT(s->ins[3]) * k;
            *fits = 1;
            return QB_OK;
        }
        if (!wide && x->height <= (h > 0 ? h : 0) * 1.15f + 1) {
            *fits = 1;
            return QB_OK;
        }
        if (size <= MIN_TEXT)
            return QB_OK;
    }
    return st;
}

/* The text in its frame (text_box), at the top, middle or bottom as the shape anchors it;
 * text taller than its frame overflows it evenly, as Word's does from a centred box. */
static qb_status draw_text(rd *r, const qb_shape *s, const xf *t, float k, const stext *x)
{
    float u, v, fw, fh;
    text_box(s, t, k, &u, &v, &fw, &fh);
    float w = x->n ? x->p[0].width : 0;
    float room = fh - x->height;
    float dy = s->anchor == QB_ANCHOR_BOTTOM ? room : s->anchor == QB_ANCHOR_CENTER || room < 0 ? room / 2 : 0;
    float y = t->y - v - dy;
    float left = t->x + u + (fw - w) / 2;
    qb_status st = QB_OK;
    for (size_t i = 0; i < x->n && st == QB_OK; i++)
        for (size_t j = 0; j < x->p[i].lines.n && st == QB_OK; j++) {
            st = rd_draw_line(r, &x->p[i], j, left, y);
            y -= x->p[i].lh[j];
        }
    return st;
}

/* ---- drawings ----------------------------------------------------------------- */

/* Shapes nobody sees (white-out boxes, shapes with neither fill nor line) and no text. */
static int invisible(const qb_shape *s)
{
    if (s->end_para != s->first_para)
        return 0;
    if (!is_line(s->geom) && (s->cx <= 0 || s->cy <= 0))
        return 1; /* no area */
    return (s->fill == QB_COLOR_NONE || s->fill == 0xFFFFFF || is_line(s->geom)) && s->line == QB_COLOR_NONE;
}

/* A box nobody sees around text: with no outline and no fill but white. */
static int unboxed(const qb_shape *s)
{
    return (s->fill == QB_COLOR_NONE || s->fill == 0xFFFFFF) && s->line == QB_COLOR_NONE && !is_line(s->geom);
}

/* The text paragraphs a shape claims exist, belong to no table and hold no title or
 * section heading (those stay in the flow, where the dossier bookmarks them). */
static int text_ok(const qb_doc *d, const qb_shape *s)
{
    if (s->end_para > d->npara || s->first_para > s->end_para)
        return 0;
    for (size_t i = s->first_para; i < s->end_para; i++)
        if (d->paras[i].where != QB_IN_TEXTBOX || d->paras[i].role == QB_PARA_TITLE ||
            d->paras[i].role == QB_PARA_HEADING)
            return 0;
    return 1;
}

/* The figure caption below the drawing keeps to its page (as draw_image does). */
static float caption_room(const qb_doc *d, size_t from)
{
    for (size_t i = from; i < d->npara && i < from + 4; i++) {
        if (d->paras[i].role == QB_PARA_EMPTY)
            continue;
        return d->paras[i].role == QB_PARA_FIGURE_CAPTION ? 2 * RD_WUHAO * 1.4f + 10 : 0;
    }
    return 0;
}

/* One drawing: shapes [a, b). *done: drawn (0: left to the caller, nothing drawn). */
static qb_status drawing(rd *r, const qb_doc *d, size_t a, size_t b, unsigned char *claimed, int *done,
                         int *unknown)
{
    const qb_shape *s0 = &d->shapes[a];
    *done = 0;
    if (b - a == 1 && unboxed(s0) && s0->end_para > s0->first_para)
        return QB_OK; /* a lone text box without a frame (a caption, a note) is text in the flow */
    size_t text_end = s0->para + 1;
    int visible = 0;
    for (size_t i = a; i < b; i++) {
        if (!text_ok(d, &d->shapes[i]))
            return QB_OK;
        visible |= !invisible(&d->shapes[i]);
        if (d->shapes[i].end_para > text_end)
            text_end = d->shapes[i].end_para;
    }
    if (r->collect) { /* record every character the shapes' text may be set in */
        stext x = {0};
        qb_status st = QB_OK;
        for (size_t i = a; i < b && st == QB_OK; i++)
            st = set_text(r, d, &d->shapes[i], 100, RD_WUHAO, 0, &x);
        stext_free(&x);
        return st;
    }
    float W = PT(s0->draw_cx), H = PT(s0->draw_cy), col = rd_width(r);
    float maxh = r->ph - r->mt - r->mb - 3 * RD_WUHAO * 1.4f;
    float k = 1;
    if (W > col)
        k = col / W;
    if (H * k > maxh)
        k = maxh / H;
    if (!(k > 0))
        k = 1;
    float bw = W * k, bh = H * k, pad = 3;
    float x0 = s0->draw_x >= 0 ? r->ml + PT(s0->draw_x) : r->ml + (col - bw) / 2;
    if (x0 + bw > r->ml + col)
        x0 = r->ml + col - bw;
    if (x0 < r->ml)
        x0 = r->ml;
    stext *tx = calloc(b - a, sizeof *tx);
    if (!tx)
        return QB_ERR_NOMEM;
    qb_status st = QB_OK;
    int fits = 1;
    float grown = 0; /* a lone text box: the height its text needs */
    /* lay out first: nothing is drawn unless every text fits */
    for (size_t i = a; i < b && st == QB_OK && fits; i++) {
        const qb_shape *s = &d->shapes[i];
        if (s->end_para == s->first_para)
            continue;
        xf t = {x0 + PT(s->x) * k, 0, PT(s->cx) * k, PT(s->cy) * k, 1, 0, 0, 0};
        st = fit_text(r, d, s, &t, k, &tx[i - a], &fits, b - a == 1 && !is_line(s->geom) ? &grown : NULL);
    }
    if (grown > PT(s0->cy) * k) { /* the box grows to its text, and the drawing with it */
        float need = PT(s0->y) * k + grown;
        bh = need > bh ? need : bh;
        fits = fits && bh <= maxh;
    }
    if (st != QB_OK || r->collect || !fits || !visible) {
        for (size_t i = a; i < b; i++)
            stext_free(&tx[i - a]);
        free(tx);
        *done = !r->collect && st == QB_OK && fits && !visible; /* nothing to see: nothing drawn */
        return st;
    }
    r->keep_after = caption_room(d, text_end);
    st = rd_need(r, bh + 2 * pad + r->keep_after);
    r->keep_after = 0;
    float top = r->y - pad;
    for (size_t i = a; i < b && st == QB_OK; i++) {
        const qb_shape *s = &d->shapes[i];
        float rad = (float)s->rot * 3.14159265f / 180.0f;
        float sh = PT(s->cy) * k < grown ? grown : PT(s->cy) * k;
        xf t = {x0 + PT(s->x) * k, top - PT(s->y) * k, PT(s->cx) * k, sh, cosf(rad), sinf(rad), s->flip_h, s->flip_v};
        draw_shape(r, &t, s, k);
        *unknown += s->geom == QB_GEOM_UNKNOWN;
        st = rd_hpdf_status(r);
    }
    /* text over every shape (connectors cross boxes) */
    for (size_t i = a; i < b && st == QB_OK; i++) {
        const qb_shape *s = &d->shapes[i];
        float sh = PT(s->cy) * k < grown ? grown : PT(s->cy) * k;
        xf t = {x0 + PT(s->x) * k, top - PT(s->y) * k, PT(s->cx) * k, sh, 1, 0, 0, 0};
        r->cur_gray = -1; /* the fill colour is the shapes' now */
        if (tx[i - a].n)
            st = draw_text(r, s, &t, k, &tx[i - a]);
        for (size_t p = s->first_para; p < s->end_para; p++)
            claimed[p] = 1;
    }
    for (size_t i = a; i < b; i++)
        stext_free(&tx[i - a]);
    free(tx);
    HPDF_Page_SetRGBFill(r->page, 0, 0, 0);
    HPDF_Page_SetRGBStroke(r->page, 0, 0, 0);
    r->cur_gray = -1;
    r->y = top - bh - pad;
    *done = 1;
    return st == QB_OK ? rd_hpdf_status(r) : st;
}

qb_status rd_shapes_para(rd *r, const qb_doc *d, size_t para, size_t *next, unsigned char *claimed, int *drawn,
                         int *unknown)
{
    qb_status st = QB_OK;
    *drawn = 0;
    while (*next < d->nshape && d->shapes[*next].para < para)
        (*next)++;
    while (st == QB_OK && *next < d->nshape && d->shapes[*next].para == para) {
        size_t a = *next, b = a;
        while (b < d->nshape && d->shapes[b].para == para && d->shapes[b].drawing == d->shapes[a].drawing)
            b++;
        *next = b;
        if (d->paras[para].table >= 0)
            continue; /* a drawing in a table cell: its text is in the cell already */
        int done = 0;
        st = drawing(r, d, a, b, claimed, &done, unknown);
        if (done && d->shapes[a].counted)
            (*drawn)++;
    }
    return st;
}
