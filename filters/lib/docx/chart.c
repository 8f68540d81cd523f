/* chart.c — a chart part's caches into the model (chart.h).
 *
 * c:chartSpace/c:chart holds c:title and c:plotArea; the plot area holds one element
 * per chart type (two or more make a combination, which we do not draw) and each of
 * those its c:ser. A series names itself in c:tx, its categories in c:cat and its
 * values in c:val, each a reference to the workbook with a cache of what it showed
 * (c:strRef/c:strCache, c:numRef/c:numCache) or a literal (c:strLit, c:numLit); the
 * cache's c:ptCount says how many points there are and each c:pt its c:idx. Only the
 * caches are read: the embedded workbook is never opened. */
#include "chart.h"
#include "buf.h"
#include "docx.h"
#include "xmlsafe.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NS_C "http://schemas.openxmlformats.org/drawingml/2006/chart"
#define NS_C_STRICT "http://purl.oclc.org/ooxml/drawingml/chart"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_A_STRICT "http://purl.oclc.org/ooxml/drawingml/main"

/* An element of the chart or DrawingML namespace with that local name. */
static int is_el(xmlNodePtr n, const char *local)
{
    if (!n || n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, local) != 0 || !n->ns || !n->ns->href)
        return 0;
    const char *h = (const char *)n->ns->href;
    return !strcmp(h, NS_C) || !strcmp(h, NS_C_STRICT) || !strcmp(h, NS_A) || !strcmp(h, NS_A_STRICT);
}

static xmlNodePtr kid(xmlNodePtr n, const char *local)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (is_el(c, local))
            return c;
    return NULL;
}

/* The val attribute (un-namespaced, as in every chart element) into buf; 0 when absent. */
static int val(xmlNodePtr n, char *buf, size_t size)
{
    buf[0] = '\0';
    xmlChar *v = n ? xmlGetProp(n, BAD_CAST "val") : NULL;
    if (!v)
        return 0;
    size_t len = strlen((char *)v);
    if (len >= size)
        len = size - 1;
    memcpy(buf, v, len);
    buf[len] = '\0';
    xmlFree(v);
    return 1;
}

/* A count or index attribute: 0 … QB_CHART_MAX_POINTS, else -1 (hostile or broken). */
static long count_attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    if (!v)
        return -1;
    char *end;
    long r = strtol((char *)v, &end, 10);
    int bad = end == (char *)v || *end || r < 0 || r > QB_CHART_MAX_POINTS;
    xmlFree(v);
    return bad ? -1 : r;
}

/* The val of a count or index element (c:idx): as count_attr; -1 when absent. */
static long count_attr_val(xmlNodePtr n)
{
    return n ? count_attr(n, "val") : -1;
}

/* CT_Boolean: present without val, or val 1/true. */
static int on(xmlNodePtr n)
{
    char v[8];
    return n && (!val(n, v, sizeof v) || !strcmp(v, "1") || !strcmp(v, "true"));
}

/* The node holding c:ptCount and the c:pt of a c:tx, c:cat or c:val. */
static xmlNodePtr cache_of(xmlNodePtr holder)
{
    if (!holder)
        return NULL;
    xmlNodePtr r;
    if ((r = kid(holder, "strRef")))
        return kid(r, "strCache");
    if ((r = kid(holder, "numRef")))
        return kid(r, "numCache");
    if ((r = kid(holder, "strLit")) || (r = kid(holder, "numLit")))
        return r;
    if ((r = kid(holder, "multiLvlStrRef")) && (r = kid(r, "multiLvlStrCache")))
        return r; /* its points are in c:lvl, the first the innermost: see points_of */
    return NULL;
}

/* The element whose children are the c:pt of a cache. */
static xmlNodePtr points_of(xmlNodePtr cache)
{
    xmlNodePtr lvl = kid(cache, "lvl");
    return lvl ? lvl : cache;
}

/* Raise *n to what the cache spans (c:ptCount, the last c:idx + 1); -1 beyond the bounds. */
static int extent(xmlNodePtr cache, long *n)
{
    if (!cache)
        return 0;
    xmlNodePtr pc = kid(cache, "ptCount");
    if (pc) {
        long c = count_attr(pc, "val");
        if (c < 0)
            return -1;
        if (c > *n)
            *n = c;
    }
    for (xmlNodePtr p = points_of(cache)->children; p; p = p->next) {
        if (!is_el(p, "pt"))
            continue;
        long i = count_attr(p, "idx");
        if (i < 0 || i >= QB_CHART_MAX_POINTS)
            return -1;
        if (i + 1 > *n)
            *n = i + 1;
    }
    return 0;
}

/* The text of a point's c:v ("" when none); caller xmlFrees. */
static xmlChar *pt_text(xmlNodePtr pt)
{
    xmlNodePtr v = kid(pt, "v");
    return v ? xmlNodeGetContent(v) : NULL;
}

static qb_status read_labels(xmlNodePtr cache, char **out, size_t n)
{
    for (xmlNodePtr p = cache ? points_of(cache)->children : NULL; p; p = p->next) {
        long i = is_el(p, "pt") ? count_attr(p, "idx") : -1;
        if (i < 0 || (size_t)i >= n)
            continue;
        xmlChar *t = pt_text(p);
        char *s = qb_chart_text((char *)t);
        xmlFree(t);
        if (!s)
            return QB_ERR_NOMEM;
        free(out[i]);
        out[i] = s;
    }
    return QB_OK;
}

static void read_values(xmlNodePtr cache, double *out, size_t n)
{
    for (xmlNodePtr p = cache ? points_of(cache)->children : NULL; p; p = p->next) {
        long i = is_el(p, "pt") ? count_attr(p, "idx") : -1;
        if (i < 0 || (size_t)i >= n)
            continue;
        xmlChar *t = pt_text(p);
        char *end = NULL;
        double v = t ? strtod((char *)t, &end) : NAN;
        if (t && (end == (char *)t || *end))
            v = NAN; /* not a number: a gap, as Excel shows text in a value cell */
        out[i] = qb_chart_value(v);
        xmlFree(t);
    }
}

/* All the a:t of a rich text (a:p > a:r > a:t, a:fld > a:t), paragraphs joined by a space. */
static qb_status rich_text(xmlNodePtr rich, qb_buf *b)
{
    for (xmlNodePtr p = rich->children; p; p = p->next) {
        if (!is_el(p, "p"))
            continue;
        if (b->len)
            qb_buf_adds(b, " ");
        for (xmlNodePtr r = p->children; r; r = r->next) {
            xmlNodePtr t = (is_el(r, "r") || is_el(r, "fld")) ? kid(r, "t") : NULL;
            xmlChar *s = t ? xmlNodeGetContent(t) : NULL;
            if (s)
                qb_buf_adds(b, (char *)s);
            xmlFree(s);
        }
    }
    return qb_buf_status(b);
}

/* The text a c:tx holds: rich text, or the first point of its cache, or its c:v. */
static qb_status tx_text(xmlNodePtr tx, char **out)
{
    qb_buf b = {0};
    qb_status st = QB_OK;
    xmlNodePtr rich = kid(tx, "rich"), cache = cache_of(tx);
    if (rich) {
        st = rich_text(rich, &b);
    } else if (cache || kid(tx, "v")) {
        xmlNodePtr pt = cache ? kid(points_of(cache), "pt") : NULL;
        xmlChar *t = pt ? pt_text(pt) : xmlNodeGetContent(kid(tx, "v"));
        if (t)
            st = qb_buf_adds(&b, (char *)t);
        xmlFree(t);
    }
    if (st == QB_OK)
        *out = qb_chart_text(b.s);
    qb_buf_free(&b);
    return st != QB_OK ? st : *out ? QB_OK : QB_ERR_NOMEM;
}

/* 0xRRGGBB of an a:solidFill/a:srgbClr under the c:spPr of a c:ser or c:dPt (fill, else
 * line), or -1. */
static long sppr_color(xmlNodePtr ser)
{
    xmlNodePtr sp = kid(ser, "spPr");
    xmlNodePtr fill = kid(sp, "solidFill");
    if (!fill)
        fill = kid(kid(sp, "ln"), "solidFill");
    char v[16];
    if (!val(kid(fill, "srgbClr"), v, sizeof v) || strlen(v) != 6 || strspn(v, "0123456789abcdefABCDEF") != 6)
        return -1;
    return strtol(v, NULL, 16);
}

/* The colours of single points (c:dPt: c:idx, c:spPr), into se->pt_color when any is given. */
static qb_status point_colors(xmlNodePtr ser, qb_chart_series *se, size_t n)
{
    for (xmlNodePtr d = ser->children; d; d = d->next) {
        long i = is_el(d, "dPt") ? count_attr_val(kid(d, "idx")) : -1, rgb = i >= 0 ? sppr_color(d) : -1;
        if (i < 0 || (size_t)i >= n || rgb < 0)
            continue;
        if (!se->pt_color) {
            if (!(se->pt_color = malloc(n * sizeof *se->pt_color)))
                return QB_ERR_NOMEM;
            for (size_t k = 0; k < n; k++)
                se->pt_color[k] = -1;
        }
        se->pt_color[i] = rgb;
    }
    return QB_OK;
}

/* A number element's val (c:min, c:max, c:majorUnit) into the value axis, when it is one. */
static void axis_fix(qb_chart_axis *a, unsigned which, xmlNodePtr n)
{
    char v[64];
    if (val(n, v, sizeof v))
        qb_chart_axis_fix(a, which, v);
}

/* What the first c:valAx fixes of the value axis: its bounds (c:scaling) and its unit. */
static void value_axis(xmlNodePtr plot, qb_chart_axis *a)
{
    xmlNodePtr ax = kid(plot, "valAx"), sc = kid(ax, "scaling");
    axis_fix(a, QB_CHART_FIX_MIN, kid(sc, "min"));
    axis_fix(a, QB_CHART_FIX_MAX, kid(sc, "max"));
    axis_fix(a, QB_CHART_FIX_UNIT, kid(ax, "majorUnit"));
}

/* The one chart type of the plot area and how it is drawn; UNKNOWN for what we do not draw. */
static qb_chart_kind kind_of(xmlNodePtr plot, xmlNodePtr *type, int *stacked)
{
    int types = 0;
    *type = NULL;
    for (xmlNodePtr c = plot->children; c; c = c->next) {
        size_t len = c->type == XML_ELEMENT_NODE ? strlen((const char *)c->name) : 0;
        if (len > 5 && !strcmp((const char *)c->name + len - 5, "Chart") && is_el(c, (const char *)c->name)) {
            types++;
            *type = c;
        }
    }
    if (types != 1)
        return QB_CHART_UNKNOWN; /* none, or a combination */
    char v[32];
    val(kid(*type, "grouping"), v, sizeof v);
    *stacked = !strcmp(v, "stacked") ? 1 : !strcmp(v, "percentStacked") ? 2 : 0;
    if (is_el(*type, "barChart")) {
        val(kid(*type, "barDir"), v, sizeof v);
        return !strcmp(v, "bar") ? QB_CHART_BAR : QB_CHART_COLUMN;
    }
    if (is_el(*type, "lineChart"))
        return *stacked ? QB_CHART_UNKNOWN : QB_CHART_LINE;
    if (is_el(*type, "pieChart") || is_el(*type, "doughnutChart")) {
        *stacked = 0;
        return QB_CHART_PIE;
    }
    return QB_CHART_UNKNOWN;
}

/* Fill c from the parsed part; returns QB_OK with c->kind UNKNOWN for what cannot be drawn. */
static qb_status read_chart(xmlNodePtr root, qb_chart *c, size_t *used)
{
    xmlNodePtr chart = is_el(root, "chartSpace") ? kid(root, "chart") : NULL;
    xmlNodePtr plot = kid(chart, "plotArea"), type;
    int stacked = 0;
    qb_chart_kind kind = plot ? kind_of(plot, &type, &stacked) : QB_CHART_UNKNOWN;
    if (kind == QB_CHART_UNKNOWN)
        return QB_OK;
    /* how many series and points, before anything is allocated */
    long nser = 0, n = 0;
    for (xmlNodePtr s = type->children; s; s = s->next) {
        if (!is_el(s, "ser"))
            continue;
        if (++nser > QB_CHART_MAX_SERIES || extent(cache_of(kid(s, "cat")), &n) < 0 ||
            extent(cache_of(kid(s, "val")), &n) < 0)
            return QB_OK;
    }
    size_t cost = (size_t)nser * (size_t)n * sizeof(double);
    if (!nser || !n || *used + cost > QB_DOCX_MAX_CHART_BYTES)
        return QB_OK;
    c->ncat = (size_t)n;
    c->cats = calloc(c->ncat, sizeof *c->cats);
    c->ser = calloc((size_t)nser, sizeof *c->ser);
    if (!c->cats || !c->ser)
        return QB_ERR_NOMEM;
    qb_status st = QB_OK;
    int cats_read = 0;
    for (xmlNodePtr s = type->children; s && st == QB_OK; s = s->next) {
        if (!is_el(s, "ser"))
            continue;
        qb_chart_series *se = &c->ser[c->nser++];
        se->color = sppr_color(s);
        se->v = malloc(c->ncat * sizeof *se->v);
        if (!se->v)
            return QB_ERR_NOMEM;
        for (size_t i = 0; i < c->ncat; i++)
            se->v[i] = NAN;
        read_values(cache_of(kid(s, "val")), se->v, c->ncat);
        st = point_colors(s, se, c->ncat);
        if (st != QB_OK)
            return st;
        xmlNodePtr tx = kid(s, "tx");
        st = tx ? tx_text(tx, &se->name) : (se->name = qb_chart_text("")) ? QB_OK : QB_ERR_NOMEM;
        xmlNodePtr cat = cache_of(kid(s, "cat"));
        if (st == QB_OK && cat && !cats_read) { /* the series share their categories */
            st = read_labels(cat, c->cats, c->ncat);
            cats_read = 1;
        }
        if (on(kid(kid(s, "dLbls"), "showVal")))
            c->show_val = 1;
    }
    for (size_t i = 0; i < c->ncat && st == QB_OK; i++)
        if (!c->cats[i] && !(c->cats[i] = qb_chart_text("")))
            st = QB_ERR_NOMEM;
    if (on(kid(kid(type, "dLbls"), "showVal")))
        c->show_val = 1;
    xmlNodePtr vary = kid(type, "varyColors");
    c->vary = !vary || on(vary); /* CT_Boolean: an absent element is its default, true */
    value_axis(plot, &c->vax);
    /* the title: its text, or for a chart of one series Word's automatic title, its name */
    xmlNodePtr title = kid(chart, "title");
    if (st == QB_OK && title && kid(title, "tx"))
        st = tx_text(kid(title, "tx"), &c->title);
    else if (st == QB_OK && title && c->nser == 1 && !on(kid(chart, "autoTitleDeleted")))
        c->title = qb_chart_text(c->ser[0].name);
    if (st == QB_OK && !c->title && !(c->title = qb_chart_text("")))
        st = QB_ERR_NOMEM;
    for (size_t i = 0; i < c->ncat && st == QB_OK; i++) /* labels cost what they hold */
        cost += strlen(c->cats[i]) + 16;
    for (size_t s = 0; s < c->nser && st == QB_OK; s++)
        cost += strlen(c->ser[s].name) + 16 + (c->ser[s].pt_color ? c->ncat * sizeof(long) : 0);
    if (st == QB_OK && *used + cost <= QB_DOCX_MAX_CHART_BYTES) {
        *used += cost;
        c->kind = kind;
        c->stacked = stacked;
    }
    return st;
}

qb_status qb_chart_load(qb_opc *o, qb_chart *c, size_t *used)
{
    c->kind = QB_CHART_UNKNOWN;
    if (!c->part)
        return QB_OK;
    char *buf = NULL;
    size_t len = 0;
    qb_status st = qb_opc_read(o, c->part, &buf, &len);
    if (st == QB_ERR_NOMEM)
        return st;
    if (st != QB_OK || len > QB_DOCX_MAX_DOM_PART) { /* missing, unreadable or too large: not drawn */
        free(buf);
        return QB_OK;
    }
    xmlDocPtr x = NULL;
    st = qb_xml_parse_memory(buf, len, &x);
    free(buf);
    if (st == QB_ERR_NOMEM)
        return st;
    if (st != QB_OK)
        return QB_OK;
    st = read_chart(xmlDocGetRootElement(x), c, used);
    xmlFreeDoc(x);
    if (st != QB_OK || c->kind == QB_CHART_UNKNOWN) {
        /* keep where it is and what it is called; drop whatever was half read */
        qb_chart keep = {.para = c->para, .part = c->part, .cx = c->cx, .cy = c->cy};
        c->part = NULL;
        qb_chart_clear(c);
        *c = keep;
        if (!c->title)
            c->title = qb_chart_text("");
    }
    return st;
}
