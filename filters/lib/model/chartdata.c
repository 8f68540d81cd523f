/* chartdata.c — a chart of the document model: names of its kinds, release, and whether
 * it can be drawn. */
#include "chartdata.h"
#include "utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
