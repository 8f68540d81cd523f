/* chart_xml.c — a chart of the model written and read as XML (chart_xml.h). Values
 * round-trip exactly, so a dossier made from the model file is the one made in process. */
#include "chart_xml.h"
#include "buf.h"
#include "model_xml.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The shortest of %.15g / %.17g that reads back as v. */
static qb_status add_value(qb_buf *b, double v)
{
    if (isnan(v))
        return qb_buf_adds(b, "-");
    char s[40];
    snprintf(s, sizeof s, "%.15g", v);
    if (strtod(s, NULL) != v)
        snprintf(s, sizeof s, "%.17g", v);
    return qb_buf_adds(b, s);
}

/* An attribute holding a number as add_value writes it. */
static int wvalue(xmlTextWriterPtr w, const char *name, double v)
{
    qb_buf b = {0};
    add_value(&b, v);
    int r = qb_buf_status(&b) != QB_OK || qb_model_wattr(w, name, b.s) < 0;
    qb_buf_free(&b);
    return r ? -1 : 0;
}

/* A series' point colours: "RRGGBB" or "-" a point, space-separated. */
static qb_status add_colors(qb_buf *b, const long *rgb, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char s[8] = "-";
        if (rgb[i] >= 0)
            snprintf(s, sizeof s, "%06lX", rgb[i] & 0xFFFFFF);
        qb_buf_adds(b, i ? " " : "");
        qb_buf_adds(b, s);
    }
    return qb_buf_status(b);
}

/* The value axis' fixed bounds and unit: val-min, val-max, val-unit, each only when fixed. */
static const struct {
    unsigned bit;
    const char *name;
} axis_attrs[] = {{QB_CHART_FIX_MIN, "val-min"}, {QB_CHART_FIX_MAX, "val-max"}, {QB_CHART_FIX_UNIT, "val-unit"}};

static double *axis_field(qb_chart_axis *a, unsigned bit)
{
    return bit == QB_CHART_FIX_MIN ? &a->min : bit == QB_CHART_FIX_MAX ? &a->max : &a->unit;
}

int qb_chart_write_xml(xmlTextWriterPtr w, const qb_chart *c)
{
    int r = 0;
    qb_chart_axis vax = c->vax;
    r |= xmlTextWriterStartElement(w, BAD_CAST "chart") < 0;
    r |= qb_model_wint(w, "para", (long)c->para) < 0;
    r |= qb_model_wattr(w, "part", c->part ? c->part : "") < 0;
    r |= qb_model_wint(w, "cx", c->cx) < 0;
    r |= qb_model_wint(w, "cy", c->cy) < 0;
    r |= qb_model_wattr(w, "kind", qb_chart_kind_name(c->kind)) < 0;
    r |= qb_model_wint(w, "stacked", c->stacked) < 0;
    r |= qb_model_wint(w, "show-val", c->show_val) < 0;
    r |= qb_model_wattr(w, "title", c->title) < 0;
    r |= qb_model_wint(w, "vary", c->vary) < 0;
    for (size_t k = 0; k < sizeof axis_attrs / sizeof axis_attrs[0]; k++)
        if (vax.fixed & axis_attrs[k].bit)
            r |= wvalue(w, axis_attrs[k].name, *axis_field(&vax, axis_attrs[k].bit)) < 0;
    for (size_t i = 0; i < c->ncat && !r; i++) {
        r |= xmlTextWriterStartElement(w, BAD_CAST "cat") < 0;
        r |= xmlTextWriterWriteString(w, BAD_CAST(c->cats[i] ? c->cats[i] : "")) < 0;
        r |= xmlTextWriterEndElement(w) < 0;
    }
    qb_buf b = {0};
    for (size_t s = 0; s < c->nser && !r; s++) {
        const qb_chart_series *se = &c->ser[s];
        char color[8] = "";
        if (se->color >= 0)
            snprintf(color, sizeof color, "%06lX", se->color & 0xFFFFFF);
        r |= xmlTextWriterStartElement(w, BAD_CAST "ser") < 0;
        r |= qb_model_wattr(w, "name", se->name) < 0;
        r |= qb_model_wattr(w, "color", color) < 0;
        qb_buf_reset(&b);
        if (se->pt_color)
            r |= add_colors(&b, se->pt_color, c->ncat) != QB_OK || qb_model_wattr(w, "pt-colors", b.s) < 0;
        qb_buf_reset(&b);
        for (size_t i = 0; i < c->ncat; i++) {
            if (i)
                qb_buf_adds(&b, " ");
            add_value(&b, se->v[i]);
        }
        r |= qb_buf_status(&b) != QB_OK || xmlTextWriterWriteString(w, BAD_CAST(b.s ? b.s : "")) < 0;
        r |= xmlTextWriterEndElement(w) < 0;
    }
    qb_buf_free(&b);
    r |= xmlTextWriterEndElement(w) < 0;
    return r ? -1 : 0;
}

static qb_status read_cat(xmlNodePtr n, qb_chart *c, size_t *cap)
{
    if (c->ncat >= QB_CHART_MAX_POINTS)
        return QB_ERR_FORMAT;
    qb_status st = qb_grow((void **)&c->cats, cap, c->ncat + 1, sizeof *c->cats);
    if (st != QB_OK)
        return st;
    xmlChar *t = xmlNodeGetContent(n);
    c->cats[c->ncat] = qb_chart_text((char *)t);
    xmlFree(t);
    return c->cats[c->ncat++] ? QB_OK : QB_ERR_NOMEM;
}

/* pt-colors (add_colors) into se->pt_color: a token that is no RRGGBB is no colour. */
static qb_status read_colors(const char *p, qb_chart_series *se, size_t n)
{
    if (!(se->pt_color = malloc((n ? n : 1) * sizeof *se->pt_color)))
        return QB_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        p += strspn(p, " \t\r\n");
        size_t len = strcspn(p, " \t\r\n");
        se->pt_color[i] = len == 6 && strspn(p, "0123456789abcdefABCDEF") >= 6 ? strtol(p, NULL, 16) : -1;
        p += len;
    }
    return QB_OK;
}

static qb_status read_ser(xmlNodePtr n, qb_chart *c, size_t *cap)
{
    if (c->nser >= QB_CHART_MAX_SERIES)
        return QB_ERR_FORMAT;
    qb_status st = qb_grow((void **)&c->ser, cap, c->nser + 1, sizeof *c->ser);
    if (st != QB_OK)
        return st;
    qb_chart_series *se = &c->ser[c->nser];
    memset(se, 0, sizeof *se);
    c->nser++;
    se->color = -1;
    char *name = qb_model_astr(n, "name"), *color = qb_model_astr(n, "color");
    se->name = qb_chart_text(name);
    if (color && strlen(color) == 6 && strspn(color, "0123456789abcdefABCDEF") == 6)
        se->color = strtol(color, NULL, 16);
    free(name);
    free(color);
    se->v = malloc((c->ncat ? c->ncat : 1) * sizeof *se->v);
    if (!se->name || !se->v)
        return QB_ERR_NOMEM;
    char *pts = qb_model_astr(n, "pt-colors");
    st = pts ? read_colors(pts, se, c->ncat) : QB_OK;
    free(pts);
    if (st != QB_OK)
        return st;
    xmlChar *t = xmlNodeGetContent(n);
    const char *p = t ? (const char *)t : "";
    for (size_t i = 0; i < c->ncat; i++) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        char *end;
        double v = strtod(p, &end);
        se->v[i] = end > p ? qb_chart_value(v) : NAN;
        if (end == p) /* "-" or nothing: no value; step over the token */
            while (*end && *end != ' ' && *end != '\t' && *end != '\n' && *end != '\r')
                end++;
        p = end;
    }
    xmlFree(t);
    return QB_OK;
}

qb_status qb_chart_read_xml(xmlNodePtr n, qb_doc *d)
{
    qb_status st = qb_grow((void **)&d->charts, &d->capchart, d->nchart + 1, sizeof *d->charts);
    if (st != QB_OK)
        return st;
    qb_chart *c = &d->charts[d->nchart++];
    memset(c, 0, sizeof *c);
    long para = qb_model_aint(n, "para", -1);
    if (para < 0)
        return QB_ERR_FORMAT;
    c->para = (size_t)para;
    c->part = qb_model_astr(n, "part");
    if (c->part && !*c->part) {
        free(c->part);
        c->part = NULL;
    }
    c->cx = qb_model_aint(n, "cx", 0);
    c->cy = qb_model_aint(n, "cy", 0);
    char *kind = qb_model_astr(n, "kind"), *title = qb_model_astr(n, "title");
    c->kind = qb_chart_kind_parse(kind);
    c->title = qb_chart_text(title);
    free(kind);
    free(title);
    if (!c->title)
        return QB_ERR_NOMEM;
    c->stacked = (int)qb_model_aint(n, "stacked", 0);
    c->show_val = qb_model_aint(n, "show-val", 0) != 0;
    c->vary = qb_model_aint(n, "vary", 1) != 0;
    for (size_t k = 0; k < sizeof axis_attrs / sizeof axis_attrs[0]; k++) {
        char *v = qb_model_astr(n, axis_attrs[k].name);
        qb_chart_axis_fix(&c->vax, axis_attrs[k].bit, v);
        free(v);
    }
    size_t capcat = 0, capser = 0;
    /* categories first: a series' values are as many as the categories */
    for (xmlNodePtr k = n->children; k && st == QB_OK; k = k->next)
        if (k->type == XML_ELEMENT_NODE && strcmp((const char *)k->name, "cat") == 0)
            st = read_cat(k, c, &capcat);
    for (xmlNodePtr k = n->children; k && st == QB_OK; k = k->next)
        if (k->type == XML_ELEMENT_NODE && strcmp((const char *)k->name, "ser") == 0)
            st = read_ser(k, c, &capser);
    return st;
}
