/* render_chart.c — a Word chart drawn from its cached data (model/chartdata.h): columns
 * and bars (clustered or stacked), lines, pies; the title above, a value axis with a few
 * round ticks and grid lines, the category labels, the values when the chart shows them,
 * and a legend below. All text goes through the dossier's typesetter (rd_shape), so
 * Chinese labels are in its CJK faces and in their subsets. Colours: a point's own, the
 * series' own (a:srgbClr), else a fixed palette (model/chartdata.h says which). The value
 * axis is scaled as LibreOffice and Word scale it (chart_scale.h). Only the model's data are used: the output
 * depends on nothing else. */
#include "chart_scale.h"
#include "render_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEG (3.14159265358979323846 / 180) /* C11 has no M_PI */

#define LABEL_SIZE 8.0f
#define LINE_H (LABEL_SIZE * 1.25f)
#define PAD 8.0f

typedef struct {
    rd *r;
    const qb_chart *c;
    rd_style st;          /* labels */
    float x, y, w, h;     /* the chart's box: left, top, size */
} chartctx;

static void fill_rgb(rd *r, unsigned long rgb)
{
    HPDF_Page_SetRGBFill(r->page, ((rgb >> 16) & 255) / 255.0f, ((rgb >> 8) & 255) / 255.0f, (rgb & 255) / 255.0f);
    HPDF_Page_SetRGBStroke(r->page, ((rgb >> 16) & 255) / 255.0f, ((rgb >> 8) & 255) / 255.0f, (rgb & 255) / 255.0f);
    r->cur_gray = -1; /* the text's gray must be set again */
}

static void box(rd *r, float x, float y, float w, float h, unsigned long rgb)
{
    if (r->collect || w <= 0 || h <= 0)
        return;
    fill_rgb(r, rgb);
    HPDF_Page_Rectangle(r->page, x, y, w, h);
    HPDF_Page_Fill(r->page);
}

static void gray_line(rd *r, float x1, float y1, float x2, float y2, float lw, float gray)
{
    if (r->collect)
        return;
    HPDF_Page_SetLineWidth(r->page, lw);
    HPDF_Page_SetGrayStroke(r->page, gray);
    HPDF_Page_MoveTo(r->page, x1, y1);
    HPDF_Page_LineTo(r->page, x2, y2);
    HPDF_Page_Stroke(r->page);
    r->cur_gray = -1;
}

/* Natural width of a one-line text (0 in the collect pass, where nothing is laid out). */
static float text_w(rd *r, const char *s, rd_style st)
{
    rd_pstyle ps = rd_ps(st.font, st.size, RD_LEFT);
    ps.st = st;
    rd_span sp = rd_sp(s, st);
    rd_shaped sh = {0};
    float w = 0;
    if (rd_shape(r, &ps, &sp, 1, 1e6f, &sh) == QB_OK)
        for (size_t i = 0; i < sh.lines.n; i++)
            if (sh.lines.v[i].width > w)
                w = sh.lines.v[i].width;
    rd_shaped_free(&sh);
    return w;
}

/* Text in the frame [x, x+w] from y_top down, at most maxlines lines; *lines gets how
 * many it needed (may be NULL). */
static qb_status label(rd *r, const char *s, rd_style st, rd_align al, float x, float w, float y_top, int maxlines,
                       size_t *lines)
{
    rd_pstyle ps = rd_ps(st.font, st.size, al);
    ps.st = st;
    ps.leading = 1.25f;
    rd_span sp = rd_sp(s, st);
    rd_shaped sh = {0};
    qb_status rc = rd_shape(r, &ps, &sp, 1, w > 4 ? w : 4, &sh);
    if (lines)
        *lines = sh.lines.n;
    for (size_t i = 0; rc == QB_OK && i < sh.lines.n && (int)i < maxlines; i++) {
        rc = rd_draw_line(r, &sh, i, x, y_top);
        y_top -= sh.lh[i];
    }
    rd_shaped_free(&sh);
    return rc;
}

/* A number printed with decimals as a person writes it: trailing zeros and a bare point
 * dropped, "-0" as "0". */
static void drop_zeros(char *buf, size_t size)
{
    if (strchr(buf, '.') && !strchr(buf, 'e')) {
        size_t n = strlen(buf);
        while (n && buf[n - 1] == '0')
            buf[--n] = '\0';
        if (n && buf[n - 1] == '.')
            buf[--n] = '\0';
    }
    if (!strcmp(buf, "-0"))
        snprintf(buf, size, "0");
}

/* A value as a person writes it: at most two decimals, trailing zeros dropped. */
static void fmt_value(double v, char *buf, size_t size)
{
    if (v != 0 && fabs(v) < 0.01)
        snprintf(buf, size, "%.2g", v);
    else
        snprintf(buf, size, "%.2f", v);
    drop_zeros(buf, size);
}

/* ---- the value axis ---- */

/* How many decimals the ticks of scale a need: those of its step and of its start. */
static int tick_decimals(const qb_scale *a)
{
    int d = 0;
    for (double p = 1; d < 9; d++, p *= 10) {
        double x = a->step * p, y = a->lo * p;
        if (fabs(x - nearbyint(x)) <= 1e-6 * (fabs(x) > 1 ? fabs(x) : 1) &&
            fabs(y - nearbyint(y)) <= 1e-6 * (fabs(y) > 1 ? fabs(y) : 1))
            break;
    }
    return d;
}

/* Tick t of scale a as Word's General format shows it: no trailing zeros. */
static void fmt_tick(const qb_scale *a, int t, int percent, char *buf, size_t size)
{
    double v = a->lo + t * a->step;
    if (fabs(v) < a->step * 1e-9)
        v = 0;
    snprintf(buf, size, "%.*f", tick_decimals(a), v);
    drop_zeros(buf, size);
    if (percent && strlen(buf) + 2 <= size)
        strcat(buf, "%");
}

/* ---- data ---- */

/* The value of series s at category i as drawn (a share of the category for
 * percentStacked); NaN for none. */
static double value_at(const qb_chart *c, size_t s, size_t i)
{
    double v = c->ser[s].v[i];
    if (c->stacked != 2 || !isfinite(v))
        return v;
    double t = 0;
    for (size_t k = 0; k < c->nser; k++)
        if (isfinite(c->ser[k].v[i]))
            t += fabs(c->ser[k].v[i]);
    return t > 0 ? v / t * 100 : NAN;
}

/* The data's extent on the value axis as LibreOffice takes it: the values, or for stacked
 * bars each category's stacks above and below zero. NaN when there is no value. */
static void data_range(const qb_chart *c, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t i = 0; i < c->ncat; i++) {
        double pos = 0, neg = 0;
        int any_pos = 0, any_neg = 0;
        for (size_t s = 0; s < c->nser; s++) {
            double v = value_at(c, s, i);
            if (!isfinite(v))
                continue;
            if (!c->stacked) {
                *lo = v < *lo ? v : *lo;
                *hi = v > *hi ? v : *hi;
            } else if (v >= 0) {
                pos += v;
                any_pos = 1;
            } else {
                neg += v;
                any_neg = 1;
            }
        }
        if (any_pos || any_neg) {
            double top = any_pos ? pos : neg, bottom = any_neg ? neg : pos;
            *lo = bottom < *lo ? bottom : *lo;
            *hi = top > *hi ? top : *hi;
        }
    }
    if (*lo > *hi)
        *lo = *hi = NAN;
}

/* ---- legend ---- */

/* Legend entries: the series, or a pie's categories. */
static const char *entry_name(const qb_chart *c, size_t k)
{
    return c->kind == QB_CHART_PIE ? c->cats[k] : c->ser[k].name;
}

static size_t entries(const qb_chart *c)
{
    if (c->kind == QB_CHART_PIE)
        return c->ncat < 48 ? c->ncat : 48;
    return c->nser == 1 && !c->ser[0].name[0] ? 0 : c->nser; /* one unnamed series: no legend */
}

static unsigned long entry_rgb(const qb_chart *c, size_t k)
{
    return c->kind == QB_CHART_PIE ? qb_chart_point_rgb(c, 0, k) : qb_chart_series_rgb(c, k);
}

/* Lay the legend out in rows across the box (draw = 0: only its height). */
static qb_status legend(chartctx *g, float y_bottom, int draw, float *height)
{
    rd *r = g->r;
    size_t n = entries(g->c);
    float avail = g->w - 2 * PAD, rows = n ? 1 : 0, rowx = 0;
    float *w = calloc(n ? n : 1, sizeof *w);
    if (!w)
        return QB_ERR_NOMEM;
    for (size_t k = 0; k < n; k++) {
        float tw = text_w(r, entry_name(g->c, k), g->st);
        if (tw > avail * 0.45f)
            tw = avail * 0.45f;
        w[k] = 7 + 3 + tw + 12;
        if (rowx > 0 && rowx + w[k] > avail) {
            rows++;
            rowx = 0;
        }
        rowx += w[k];
    }
    *height = rows * (LINE_H + 2);
    qb_status st = QB_OK;
    if (draw || r->collect) {
        /* rows centred in the box, from the top row down */
        size_t k = 0;
        float y = y_bottom + *height;
        while (k < n && st == QB_OK) {
            size_t e = k;
            float rw = 0;
            while (e < n && (e == k || rw + w[e] <= avail))
                rw += w[e++];
            float x = g->x + (g->w - rw + 12) / 2;
            for (; k < e && st == QB_OK; k++) {
                box(r, x, y - LINE_H + 1.5f, 7, 7, entry_rgb(g->c, k));
                st = label(r, entry_name(g->c, k), g->st, RD_LEFT, x + 10, w[k] - 22 + 1, y, 1, NULL);
                x += w[k];
            }
            y -= LINE_H + 2;
        }
    }
    free(w);
    return st;
}

/* ---- bar, column and line charts ---- */

/* The categories shown: every k-th label so that they do not run into each other. */
static size_t label_every(chartctx *g, float slot, float lines_room)
{
    float widest = 0;
    for (size_t i = 0; i < g->c->ncat; i++) {
        float tw = text_w(g->r, g->c->cats[i], g->st);
        widest = tw > widest ? tw : widest;
    }
    size_t k = 1;
    while (k < g->c->ncat && widest > lines_room * (slot * (float)k - 2) * 0.92f)
        k++;
    return k;
}

/* Where the plot of a bar, column or line chart goes for value scale a. */
typedef struct {
    float px0, px1, py0, py1; /* the plot's box */
    float tickw, catw;        /* the widest tick label; the widest category label of bars */
    float slot_w;             /* a category's width (columns and lines) */
    size_t every, lines;      /* every k-th category labelled, on this many lines */
} plot;

static void lay_out(chartctx *g, const qb_scale *a, float top, float bottom, plot *pl)
{
    rd *r = g->r;
    const qb_chart *c = g->c;
    int horiz = c->kind == QB_CHART_BAR;
    char buf[64];
    /* room for the tick labels: beside a vertical value axis, under a horizontal one */
    pl->tickw = 0;
    for (int t = 0; t <= a->steps; t++) {
        fmt_tick(a, t, c->stacked == 2, buf, sizeof buf);
        float tw = text_w(r, buf, g->st);
        pl->tickw = tw > pl->tickw ? tw : pl->tickw;
    }
    float catw = 0;
    if (horiz) {
        for (size_t i = 0; i < c->ncat; i++) {
            float tw = text_w(r, c->cats[i], g->st);
            catw = tw > catw ? tw : catw;
        }
        if (catw > g->w * 0.3f)
            catw = g->w * 0.3f;
    }
    pl->catw = catw;
    pl->px0 = g->x + PAD + (horiz ? catw : pl->tickw) + 5;
    pl->px1 = g->x + g->w - PAD - (horiz ? pl->tickw / 2 : 0);
    pl->py1 = top - (c->show_val ? LINE_H : 4);
    pl->slot_w = (pl->px1 - pl->px0) / (float)c->ncat;
    pl->every = 1;
    pl->lines = 1;
    if (horiz) {
        pl->py0 = bottom + LINE_H + 3;
        pl->every = (size_t)ceilf(LINE_H / ((pl->py1 - pl->py0) / (float)c->ncat));
        if (pl->every < 1)
            pl->every = 1;
    } else {
        pl->every = label_every(g, pl->slot_w, 1);
        if (pl->every > 1 && label_every(g, pl->slot_w, 2) < pl->every) { /* two lines a label are better than gaps */
            pl->every = label_every(g, pl->slot_w, 2);
            pl->lines = 2;
        }
        pl->py0 = bottom + (float)pl->lines * LINE_H + 3;
    }
}

/* The value axis' length in plot pl, and what one tick label takes along it: a label's
 * height with some air beside a vertical axis, the widest label and a gap under a
 * horizontal one. */
static float axis_len(const chartctx *g, const plot *pl, float *need)
{
    int horiz = g->c->kind == QB_CHART_BAR;
    *need = horiz ? pl->tickw + 6 : LINE_H * 1.2f;
    return horiz ? pl->px1 - pl->px0 : pl->py1 - pl->py0;
}

/* How many intervals the value axis of plot pl has room for, as LibreOffice counts them:
 * its length over what one label takes along it. */
static int steps_that_fit(const chartctx *g, const plot *pl)
{
    float need, n = axis_len(g, pl, &need) / need;
    return n >= QB_SCALE_MAX_STEPS ? QB_SCALE_MAX_STEPS : n <= QB_SCALE_MIN_STEPS ? QB_SCALE_MIN_STEPS : (int)n;
}

static qb_status axes_chart(chartctx *g, float top, float bottom)
{
    rd *r = g->r;
    const qb_chart *c = g->c;
    int horiz = c->kind == QB_CHART_BAR, percent = c->stacked == 2;
    double lo, hi;
    data_range(c, &lo, &hi);
    /* the scale for as many intervals as LibreOffice allows, then for as many as there is room for */
    qb_scale a;
    plot pl;
    qb_chart_scale(lo, hi, &c->vax, percent, QB_SCALE_MAX_STEPS, &a);
    lay_out(g, &a, top, bottom, &pl);
    int fit = steps_that_fit(g, &pl);
    if (fit < QB_SCALE_MAX_STEPS) {
        qb_chart_scale(lo, hi, &c->vax, percent, fit, &a);
        lay_out(g, &a, top, bottom, &pl);
    }
    char buf[64];
    qb_status st = QB_OK;
    float px0 = pl.px0, px1 = pl.px1, py0 = pl.py0, py1 = pl.py1;
    size_t every = pl.every, lines = pl.lines;
    if (r->collect) {
        every = 1; /* the collect pass knows no widths: it records every label's characters, */
        st = label(r, percent ? "0123456789.-%" : "0123456789.-", g->st, RD_LEFT, px0, 200, py0, 1, NULL); /* and every a tick may hold */
    } else if (px1 - px0 < 20 || py1 - py0 < 20) {
        return QB_OK; /* too small to hold a plot: the frame and the title only */
    }
    /* the value axis: tick labels and their grid lines, where the labels do not run into each
     * other (a document's own unit may give many more ticks than labels fit: every k-th) */
    float need, vlen = axis_len(g, &pl, &need), gap = vlen / (float)a.steps;
    int label_k = r->collect || gap >= need ? 1 : (int)ceilf(need / gap);
#define VPOS(v) ((float)(((v) - a.lo) / (a.hi - a.lo)) * vlen)
    for (int t = 0; t <= a.steps && st == QB_OK; t += label_k) {
        fmt_tick(&a, t, percent, buf, sizeof buf);
        float p = VPOS(a.lo + t * a.step);
        if (horiz) {
            gray_line(r, px0 + p, py0, px0 + p, py1, 0.4f, 0.85f);
            st = label(r, buf, g->st, RD_CENTER, px0 + p - 30, 60, py0 - 2, 1, NULL);
        } else {
            gray_line(r, px0, py0 + p, px1, py0 + p, 0.4f, 0.85f);
            st = label(r, buf, g->st, RD_RIGHT, px0 - 5 - 60, 60, py0 + p + LINE_H / 2, 1, NULL);
        }
    }
    float zero = VPOS(a.lo <= 0 && a.hi >= 0 ? 0 : a.lo);
    /* the category axis and its labels */
    if (horiz)
        gray_line(r, px0 + zero, py0, px0 + zero, py1, 0.7f, 0.35f);
    else
        gray_line(r, px0, py0 + zero, px1, py0 + zero, 0.7f, 0.35f);
    float slot = horiz ? (py1 - py0) / (float)c->ncat : pl.slot_w;
    for (size_t i = 0; i < c->ncat && st == QB_OK; i++) {
        if (i % every)
            continue;
        if (horiz) /* Word puts the first category at the bottom */
            st = label(r, c->cats[i], g->st, RD_RIGHT, g->x + PAD, pl.catw, py0 + slot * ((float)i + 0.5f) + LINE_H / 2,
                       1, NULL);
        else
            st = label(r, c->cats[i], g->st, RD_CENTER, px0 + slot * (float)i - slot * (float)(every - 1) / 2,
                       slot * (float)every, py0 - 2, (int)lines, NULL);
    }
    /* the data */
    rd_style vs = g->st;
    vs.size = LABEL_SIZE * 0.9f;
    vs.gray = 25;
    size_t nser = c->nser;
    float group = slot * (c->kind == QB_CHART_LINE ? 1 : 0.62f);
    float bw = c->stacked || c->kind == QB_CHART_LINE ? group : group / (float)nser;
    for (size_t i = 0; i < c->ncat && st == QB_OK && c->kind != QB_CHART_LINE; i++) {
        double pos = 0, neg = 0;
        for (size_t s = 0; s < nser && st == QB_OK; s++) {
            double v = value_at(c, s, i);
            if (!isfinite(v))
                continue;
            double base = 0;
            if (c->stacked) {
                base = v >= 0 ? pos : neg;
                if (v >= 0)
                    pos += v;
                else
                    neg += v;
            }
            double b0 = base < a.lo ? a.lo : base > a.hi ? a.hi : base, b1 = base + v;
            b1 = b1 < a.lo ? a.lo : b1 > a.hi ? a.hi : b1;
            float p0 = VPOS(b0), p1 = VPOS(b1), lo_p = p0 < p1 ? p0 : p1, len = fabsf(p1 - p0);
            float off = slot * (float)i + (slot - group) / 2 + (c->stacked ? 0 : bw * (float)s);
            if (horiz)
                box(r, px0 + lo_p, py0 + off, len, bw * 0.92f, qb_chart_point_rgb(c, s, i));
            else
                box(r, px0 + off, py0 + lo_p, bw * 0.92f, len, qb_chart_point_rgb(c, s, i));
            if (!c->show_val)
                continue;
            fmt_value(c->ser[s].v[i], buf, sizeof buf);
            rd_style in = vs; /* inside a stacked bar: white on its colour */
            in.gray = 100;
            float tw = text_w(r, buf, vs);
            if (horiz) {
                if (c->stacked)
                    st = label(r, buf, in, RD_CENTER, px0 + lo_p, len, py0 + off + bw / 2 + LINE_H / 2, 1, NULL);
                else
                    st = label(r, buf, vs, RD_LEFT, px0 + (v >= 0 ? p1 + 2 : p1 - tw - 2), tw + 4,
                               py0 + off + bw / 2 + LINE_H / 2, 1, NULL);
            } else if (tw <= bw * 1.6f || r->collect) {
                float ytop = c->stacked ? py0 + lo_p + len / 2 + LINE_H / 2 : py0 + (v >= 0 ? p1 + LINE_H : p1 - 1);
                st = label(r, buf, c->stacked ? in : vs, RD_CENTER, px0 + off + bw * 0.46f - 40, 80, ytop, 1, NULL);
            }
        }
    }
    for (size_t s = 0; s < nser && st == QB_OK && c->kind == QB_CHART_LINE; s++) {
        unsigned long rgb = qb_chart_series_rgb(c, s);
        int open = 0;
        for (size_t i = 0; i < c->ncat && !r->collect; i++) { /* the line, broken at gaps */
            double v = c->ser[s].v[i];
            float x = px0 + slot * ((float)i + 0.5f);
            if (!isfinite(v)) {
                if (open)
                    HPDF_Page_Stroke(r->page);
                open = 0;
                continue;
            }
            float y = py0 + VPOS(v);
            if (!open) {
                fill_rgb(r, rgb);
                HPDF_Page_SetLineWidth(r->page, 1.6f);
                HPDF_Page_MoveTo(r->page, x, y);
                open = 1;
            } else {
                HPDF_Page_LineTo(r->page, x, y);
            }
        }
        if (open)
            HPDF_Page_Stroke(r->page);
        for (size_t i = 0; i < c->ncat && st == QB_OK; i++) { /* markers and values */
            double v = c->ser[s].v[i];
            if (!isfinite(v))
                continue;
            float x = px0 + slot * ((float)i + 0.5f), y = py0 + VPOS(v);
            box(r, x - 2.2f, y - 2.2f, 4.4f, 4.4f, rgb);
            if (c->show_val && (slot >= 14 || r->collect)) { /* above the point, below it when another series is higher there */
                int below = 0;
                for (size_t k = 0; k < nser; k++)
                    below |= k != s && isfinite(c->ser[k].v[i]) && c->ser[k].v[i] > v;
                fmt_value(v, buf, sizeof buf);
                st = label(r, buf, vs, RD_CENTER, x - 40, 80, below ? y - 3 : y + LINE_H + 1, 1, NULL);
            }
        }
    }
#undef VPOS
    return st;
}

/* ---- pies ---- */

static void arc_to(rd *r, float cx, float cy, float rad, double a0, double a1)
{
    /* angles in degrees clockwise from 12 o'clock, as Word starts its first slice */
    int n = (int)ceil((a1 - a0) / 3.0);
    for (int k = 0; k <= n; k++) {
        double t = (a0 + (a1 - a0) * k / (n ? n : 1)) * DEG;
        HPDF_Page_LineTo(r->page, cx + rad * (float)sin(t), cy + rad * (float)cos(t));
    }
}

static qb_status pie_chart(chartctx *g, float top, float bottom)
{
    rd *r = g->r;
    const qb_chart *c = g->c;
    const double *v = c->ser[0].v; /* Word draws a pie of the first series */
    double total = 0;
    for (size_t i = 0; i < c->ncat; i++)
        if (isfinite(v[i]) && v[i] > 0)
            total += v[i];
    if (total <= 0)
        return QB_OK;
    float cy = (top + bottom) / 2, cx = g->x + g->w / 2;
    float rad = (top - bottom) / 2 - LINE_H - 4;
    if (rad > g->w / 2 - 60)
        rad = g->w / 2 - 60;
    if (rad < 10)
        return QB_OK;
    double a = 0;
    qb_status st = QB_OK;
    char buf[96], num[48];
    rd_style vs = g->st;
    vs.gray = 20;
    for (size_t i = 0; i < c->ncat && st == QB_OK; i++) {
        if (!(isfinite(v[i]) && v[i] > 0))
            continue;
        double sweep = v[i] / total * 360, mid = (a + sweep / 2) * DEG;
        if (!r->collect) {
            fill_rgb(r, qb_chart_point_rgb(c, 0, i));
            HPDF_Page_SetGrayStroke(r->page, 1);
            HPDF_Page_SetLineWidth(r->page, 0.8f);
            HPDF_Page_MoveTo(r->page, cx, cy);
            arc_to(r, cx, cy, rad, a, a + sweep);
            HPDF_Page_ClosePathFillStroke(r->page);
        }
        /* the share (and the value when the chart shows values) outside the rim */
        double pct = v[i] / total * 100;
        fmt_value(v[i], num, sizeof num);
        if (c->show_val)
            snprintf(buf, sizeof buf, "%s（%.1f%%）", num, pct);
        else
            snprintf(buf, sizeof buf, "%.1f%%", pct);
        if (sweep >= 6 || r->collect) {
            float lx = cx + (rad + 6) * (float)sin(mid), ly = cy + (rad + 6) * (float)cos(mid);
            float tw = text_w(r, buf, vs) + 2;
            float x = sin(mid) >= 0 ? lx : lx - tw;
            st = label(r, buf, vs, sin(mid) >= 0 ? RD_LEFT : RD_RIGHT, x, tw, ly + LINE_H / 2, 1, NULL);
        }
        a += sweep;
    }
    return st;
}

qb_status rd_chart(rd *r, const qb_chart *c)
{
    chartctx g = {.r = r, .c = c};
    g.st = (rd_style){QB_FONT_SONG, LABEL_SIZE, 0, 15, 0, 0, 0};
    /* the size Word gives it, within the text width and a page */
    float maxw = rd_width(r), maxh = r->ph - r->mt - r->mb - 3 * RD_WUHAO * 1.3f;
    g.w = c->cx > 0 ? c->cx / 12700.0f : maxw * 0.8f;
    g.h = c->cy > 0 ? c->cy / 12700.0f : g.w * 0.6f;
    g.w = g.w < 220 ? 220 : g.w > maxw ? maxw : g.w; /* never so small that the labels crowd out the plot */
    g.h = g.h < 150 ? 150 : g.h > maxh ? maxh : g.h;
    qb_status st = rd_need(r, g.h + r->keep_after);
    if (st != QB_OK)
        return st;
    g.x = r->ml + (maxw - g.w) / 2;
    g.y = r->y;
    if (!r->collect) { /* the chart area's frame, as Word draws it */
        HPDF_Page_SetGrayStroke(r->page, 0.75f);
        HPDF_Page_SetLineWidth(r->page, 0.5f);
        HPDF_Page_Rectangle(r->page, g.x, g.y - g.h, g.w, g.h);
        HPDF_Page_Stroke(r->page);
        r->cur_gray = -1;
    }
    float top = g.y - PAD, bottom = g.y - g.h + PAD;
    if (c->title && c->title[0]) {
        rd_style ts = {QB_FONT_HEI, RD_WUHAO, 0, 0, 0, 0, 0};
        size_t lines = 1;
        st = label(r, c->title, ts, RD_CENTER, g.x + PAD, g.w - 2 * PAD, top, 2, &lines);
        top -= (lines > 1 ? 2 : 1) * RD_WUHAO * 1.25f + 6;
    }
    float lh = 0;
    if (st == QB_OK)
        st = legend(&g, bottom, 0, &lh);
    if (st == QB_OK && lh > 0) {
        st = legend(&g, bottom, 1, &lh);
        bottom += lh + 4;
    }
    if (st == QB_OK)
        st = c->kind == QB_CHART_PIE ? pie_chart(&g, top, bottom) : axes_chart(&g, top, bottom);
    if (st == QB_OK)
        st = rd_hpdf_status(r);
    if (!r->collect)
        r->y -= g.h;
    return st;
}
