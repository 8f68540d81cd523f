/* chartdata.c — a chart of the document model: names of its kinds, release, and whether
 * it can be drawn. */
#include "chartdata.h"
#include "utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Office's accent colours, then darker ones: what a reader expects a chart to look like. */
static const unsigned long palette[] = {0x4472C4, 0xED7D31, 0xA5A5A5, 0xFFC000, 0x5B9BD5, 0x70AD47,
                                        0x264478, 0x9E480E, 0x636363, 0x997300, 0x255E91, 0x43682B};
#define NPAL (sizeof palette / sizeof palette[0])

static const char *const kind_names[QB_CHART_NKINDS] = {"unknown", "column", "bar", "line", "pie"};

const char *qb_chart_kind_name(qb_chart_kind k)
{
    return (unsigned)k < QB_CHART_NKINDS ? kind_names[k] : "unknown";
}

qb_chart_kind qb_chart_kind_parse(const char *name)
{
    for (int k = 1; k < QB_CHART_NKINDS; k++)
        if (name && strcmp(name, kind_names[k]) == 0)
            return (qb_chart_kind)k;
    return QB_CHART_UNKNOWN;
}

void qb_chart_clear(qb_chart *c)
{
    for (size_t i = 0; i < c->ncat; i++)
        free(c->cats[i]);
    free(c->cats);
    for (size_t i = 0; i < c->nser; i++) {
        free(c->ser[i].name);
        free(c->ser[i].v);
        free(c->ser[i].pt_color);
    }
    free(c->ser);
    free(c->title);
    free(c->part);
    memset(c, 0, sizeof *c);
}

double qb_chart_value(double v)
{
    return isfinite(v) && fabs(v) <= QB_CHART_MAX_VALUE ? v : NAN;
}

char *qb_chart_text(const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    return qb_strndup(s, n > QB_CHART_MAX_TEXT ? qb_utf8_clip(s, QB_CHART_MAX_TEXT) : n);
}

int qb_chart_drawable(const qb_chart *c)
{
    if (c->kind == QB_CHART_UNKNOWN || !c->nser || !c->ncat || c->nser > QB_CHART_MAX_SERIES ||
        c->ncat > QB_CHART_MAX_POINTS)
        return 0;
    for (size_t s = 0; s < c->nser; s++)
        for (size_t i = 0; i < c->ncat; i++)
            if (isfinite(c->ser[s].v[i]))
                return 1;
    return 0;
}

void qb_chart_axis_fix(qb_chart_axis *a, unsigned which, const char *text)
{
    char *end;
    double v = text ? strtod(text, &end) : NAN;
    if (!text || end == text || *end || !isfinite(qb_chart_value(v)) || (which == QB_CHART_FIX_UNIT && !(v > 0)))
        return;
    if (which == QB_CHART_FIX_MIN)
        a->min = v;
    else if (which == QB_CHART_FIX_MAX)
        a->max = v;
    else if (which == QB_CHART_FIX_UNIT)
        a->unit = v;
    else
        return;
    a->fixed |= which;
}

unsigned long qb_chart_series_rgb(const qb_chart *c, size_t s)
{
    return c->ser[s].color >= 0 ? (unsigned long)c->ser[s].color : palette[s % NPAL];
}

unsigned long qb_chart_point_rgb(const qb_chart *c, size_t s, size_t i)
{
    const qb_chart_series *se = &c->ser[s];
    if (se->pt_color && i < c->ncat && se->pt_color[i] >= 0)
        return (unsigned long)se->pt_color[i];
    if (c->vary && (c->kind == QB_CHART_PIE || c->nser == 1))
        return palette[i % NPAL];
    return qb_chart_series_rgb(c, s);
}
