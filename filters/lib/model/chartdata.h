/* chartdata.h — a Word chart of the document model: what its chart part's caches hold
 * (docx/chart.c reads them; render/render_chart.c draws them; chart_xml.c keeps them
 * in the model XML). Chart text is not paragraph text: it is never counted. */
#ifndef QB_CHARTDATA_H
#define QB_CHARTDATA_H

#include <stddef.h>

#include "qb.h"

/* Bounds on what one chart part may hold (a hostile part is refused, not read). */
#define QB_CHART_MAX_SERIES 64
#define QB_CHART_MAX_POINTS 4096   /* categories (points per series) */
#define QB_CHART_MAX_TEXT 256      /* bytes of a title, series name or category label */
#define QB_CHART_MAX_VALUE 1e15    /* values beyond ±this are treated as missing */

typedef enum {
    QB_CHART_UNKNOWN = 0, /* not drawn: a kind we do not draw, or a part we could not read */
    QB_CHART_COLUMN,      /* c:barChart, c:barDir col */
    QB_CHART_BAR,         /* c:barChart, c:barDir bar (horizontal bars) */
    QB_CHART_LINE,        /* c:lineChart */
    QB_CHART_PIE,         /* c:pieChart, and c:doughnutChart drawn as a pie */
    QB_CHART_NKINDS
} qb_chart_kind;

typedef struct {
    char *name;           /* c:tx strCache, or "" */
    long color;           /* 0xRRGGBB from c:spPr a:solidFill a:srgbClr, -1 none */
    double *v;            /* ncat values; NaN where the cache has none */
    long *pt_color;       /* ncat colours of single points (c:dPt c:spPr), -1 none; NULL: no c:dPt */
} qb_chart_series;

/* What the document fixes of the value axis (c:valAx: c:scaling c:min, c:max; c:majorUnit);
 * what it leaves out is chosen as Word and LibreOffice choose it (render/chart_scale.h). */
enum { QB_CHART_FIX_MIN = 1, QB_CHART_FIX_MAX = 2, QB_CHART_FIX_UNIT = 4 };
typedef struct {
    unsigned fixed;       /* QB_CHART_FIX_* */
    double min, max, unit; /* finite, within ±QB_CHART_MAX_VALUE; unit > 0 */
} qb_chart_axis;

typedef struct {
    size_t para;          /* the paragraph that anchors it */
    char *part;           /* its chart part, "word/charts/chart1.xml" (NULL: no target) */
    long cx, cy;          /* wp:extent, EMU; 0 unknown */
    qb_chart_kind kind;
    int stacked;          /* bar/column grouping stacked (1) or percentStacked (2) */
    int show_val;         /* c:dLbls showVal: the values are printed beside the points */
    int vary;             /* c:varyColors: a pie's slices (a single series' bars) each in its own colour */
    qb_chart_axis vax;    /* the value axis as the document sets it */
    char *title;          /* c:title rich text, or "" */
    char **cats;          /* ncat category labels ("" where none) */
    size_t ncat;
    qb_chart_series *ser;
    size_t nser;
} qb_chart;

const char *qb_chart_kind_name(qb_chart_kind k);
qb_chart_kind qb_chart_kind_parse(const char *name);
/* Release what the chart holds (the struct itself is the caller's). */
void qb_chart_clear(qb_chart *c);
/* A value as the model keeps it: NaN when not finite or beyond ±QB_CHART_MAX_VALUE. */
double qb_chart_value(double v);
/* A copy of a label, cut to QB_CHART_MAX_TEXT bytes at a character boundary ("" for
 * NULL); NULL when out of memory. */
char *qb_chart_text(const char *s);
/* Fix one of the value axis' bounds or its unit (which: one QB_CHART_FIX_*) to the number
 * text holds, when it is one and can be one (finite, within the bounds; a unit above 0);
 * else (NULL, not a number) it stays automatic. */
void qb_chart_axis_fix(qb_chart_axis *a, unsigned which, const char *text);
/* The colour point i of series s is drawn in: its own (c:dPt), else, when the chart varies
 * colours by point (a pie, or bars of a single series), the palette's i-th, else the
 * series' own, else the palette's s-th. */
unsigned long qb_chart_point_rgb(const qb_chart *c, size_t s, size_t i);
/* The colour of series s (its own, else the palette's s-th). */
unsigned long qb_chart_series_rgb(const qb_chart *c, size_t s);
/* The chart's data are drawable: a kind we draw, at least one series and one
 * category, and a finite value somewhere. */
int qb_chart_drawable(const qb_chart *c);

#endif
