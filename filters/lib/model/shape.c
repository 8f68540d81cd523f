/* shape.c — the names and presets of shape geometries (shape.h). */
#include "shape.h"

#include <math.h>
#include <string.h>

static const char *const names[QB_GEOM_N] = {
    "unknown", "rect", "roundRect", "terminator", "ellipse", "diamond", "triangle", "parallelogram",
    "hexagon", "line", "bent", "elbow", "curved", "rightArrow", "leftArrow", "upArrow", "downArrow"};

const char *qb_geom_name(qb_geom g)
{
    return g >= 0 && g < QB_GEOM_N ? names[g] : names[0];
}

static const char *const anchors[] = {"t", "ctr", "b"};

const char *qb_anchor_name(qb_anchor a)
{
    return a >= QB_ANCHOR_TOP && a <= QB_ANCHOR_BOTTOM ? anchors[a] : anchors[0];
}

qb_anchor qb_anchor_parse(const char *name)
{
    for (int a = QB_ANCHOR_TOP; a <= QB_ANCHOR_BOTTOM; a++)
        if (name && strcmp(name, anchors[a]) == 0)
            return (qb_anchor)a;
    return QB_ANCHOR_TOP;
}

void qb_shape_text_defaults(qb_shape *s)
{
    s->ins[0] = s->ins[2] = QB_INSET_X;
    s->ins[1] = s->ins[3] = QB_INSET_Y;
    s->anchor = QB_ANCHOR_TOP;
}

qb_geom qb_geom_parse(const char *name)
{
    for (int g = 0; g < QB_GEOM_N; g++)
        if (name && strcmp(name, names[g]) == 0)
            return (qb_geom)g;
    return QB_GEOM_UNKNOWN;
}

/* Word's presets (ECMA-376 §20.1.10.56) a flowchart uses, each to the nearest geometry
 * the dossier draws: the flowchart symbols by their outline. */
static const struct {
    const char *prst;
    qb_geom g;
} presets[] = {
    {"rect", QB_GEOM_RECT}, {"flowChartProcess", QB_GEOM_RECT}, {"flowChartPredefinedProcess", QB_GEOM_RECT},
    {"flowChartInternalStorage", QB_GEOM_RECT}, {"flowChartDocument", QB_GEOM_RECT},
    {"flowChartMultidocument", QB_GEOM_RECT}, {"flowChartPunchedCard", QB_GEOM_RECT},
    {"snip1Rect", QB_GEOM_RECT}, {"snip2SameRect", QB_GEOM_RECT}, {"frame", QB_GEOM_RECT},
    {"bevel", QB_GEOM_RECT}, {"foldedCorner", QB_GEOM_RECT}, {"plaque", QB_GEOM_ROUNDRECT},
    {"roundRect", QB_GEOM_ROUNDRECT}, {"round1Rect", QB_GEOM_ROUNDRECT}, {"round2SameRect", QB_GEOM_ROUNDRECT},
    {"round2DiagRect", QB_GEOM_ROUNDRECT}, {"flowChartAlternateProcess", QB_GEOM_ROUNDRECT},
    {"flowChartTerminator", QB_GEOM_TERMINATOR},
    {"ellipse", QB_GEOM_ELLIPSE}, {"flowChartConnector", QB_GEOM_ELLIPSE}, {"donut", QB_GEOM_ELLIPSE},
    {"flowChartOr", QB_GEOM_ELLIPSE}, {"flowChartSummingJunction", QB_GEOM_ELLIPSE},
    {"diamond", QB_GEOM_DIAMOND}, {"flowChartDecision", QB_GEOM_DIAMOND}, {"flowChartSort", QB_GEOM_DIAMOND},
    {"triangle", QB_GEOM_TRIANGLE}, {"flowChartExtract", QB_GEOM_TRIANGLE},
    {"parallelogram", QB_GEOM_PARALLELOGRAM}, {"flowChartInputOutput", QB_GEOM_PARALLELOGRAM},
    {"hexagon", QB_GEOM_HEXAGON}, {"flowChartPreparation", QB_GEOM_HEXAGON}, {"octagon", QB_GEOM_HEXAGON},
    {"line", QB_GEOM_LINE}, {"straightConnector1", QB_GEOM_LINE},
    {"bentConnector2", QB_GEOM_ELBOW}, {"bentConnector3", QB_GEOM_BENT}, {"bentConnector4", QB_GEOM_BENT},
    {"bentConnector5", QB_GEOM_BENT},
    {"curvedConnector2", QB_GEOM_CURVED}, {"curvedConnector3", QB_GEOM_CURVED},
    {"curvedConnector4", QB_GEOM_CURVED}, {"curvedConnector5", QB_GEOM_CURVED},
    {"rightArrow", QB_GEOM_ARROW_R}, {"notchedRightArrow", QB_GEOM_ARROW_R}, {"stripedRightArrow", QB_GEOM_ARROW_R},
    {"leftArrow", QB_GEOM_ARROW_L}, {"upArrow", QB_GEOM_ARROW_U}, {"downArrow", QB_GEOM_ARROW_D},
};

qb_geom qb_geom_of_preset(const char *prst)
{
    for (size_t i = 0; prst && i < sizeof presets / sizeof presets[0]; i++)
        if (strcmp(prst, presets[i].prst) == 0)
            return presets[i].g;
    return QB_GEOM_UNKNOWN;
}

long qb_shape_clamp(double v)
{
    if (isnan(v))
        return 0;
    if (v > QB_SHAPE_EMU_MAX)
        return QB_SHAPE_EMU_MAX;
    if (v < -QB_SHAPE_EMU_MAX)
        return -QB_SHAPE_EMU_MAX;
    return (long)v;
}
