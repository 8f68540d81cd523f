/* shape_xml.c — <shape geom= x= y= cx= cy= rot= flip= head= tail= fill= line= line-w=
 * first= end= para= drawing= counted= draw-cx= draw-cy= draw-x= ins-l= ins-t= ins-r= ins-b=
 * anchor=/>: one per shape of the model (shape.h), lengths in EMU, colours as RRGGBB or
 * "none", flip as "", "h", "v" or "hv", anchor "t", "ctr" or "b". A file without the text's
 * insets and anchor (an older model) gets Word's defaults. */
#include "shape_xml.h"
#include "model_xml.h"

#include <stdio.h>

static const char *const ins_names[4] = {"ins-l", "ins-t", "ins-r", "ins-b"};
#include <stdlib.h>
#include <string.h>

static int wcolor(xmlTextWriterPtr w, const char *name, long c)
{
    char v[8];
    if (c < 0)
        snprintf(v, sizeof v, "none");
    else
        snprintf(v, sizeof v, "%06lX", c & 0xFFFFFFL);
    return qb_model_wattr(w, name, v);
}

static long rcolor(xmlNodePtr n, const char *name)
{
    char *v = qb_model_astr(n, name);
    long c = QB_COLOR_NONE;
    if (v && strlen(v) == 6 && strspn(v, "0123456789abcdefABCDEF") == 6)
        c = strtol(v, NULL, 16);
    free(v);
    return c;
}

int qb_shapes_write_xml(xmlTextWriterPtr w, const qb_doc *d)
{
    int r = 0;
    for (size_t i = 0; i < d->nshape && !r; i++) {
        const qb_shape *s = &d->shapes[i];
        char flip[3] = "";
        snprintf(flip, sizeof flip, "%s%s", s->flip_h ? "h" : "", s->flip_v ? "v" : "");
        r |= xmlTextWriterStartElement(w, BAD_CAST "shape") < 0;
        r |= qb_model_wattr(w, "geom", qb_geom_name(s->geom)) < 0;
        r |= qb_model_wint(w, "x", s->x) < 0;
        r |= qb_model_wint(w, "y", s->y) < 0;
        r |= qb_model_wint(w, "cx", s->cx) < 0;
        r |= qb_model_wint(w, "cy", s->cy) < 0;
        r |= qb_model_wint(w, "rot", s->rot) < 0;
        r |= qb_model_wattr(w, "flip", flip) < 0;
        r |= qb_model_wint(w, "head", s->head) < 0;
        r |= qb_model_wint(w, "tail", s->tail) < 0;
        r |= wcolor(w, "fill", s->fill) < 0;
        r |= wcolor(w, "line", s->line) < 0;
        r |= qb_model_wint(w, "line-w", s->line_w) < 0;
        r |= qb_model_wint(w, "first", (long)s->first_para) < 0;
        r |= qb_model_wint(w, "end", (long)s->end_para) < 0;
        r |= qb_model_wint(w, "para", (long)s->para) < 0;
        r |= qb_model_wint(w, "drawing", s->drawing) < 0;
        r |= qb_model_wint(w, "counted", s->counted) < 0;
        r |= qb_model_wint(w, "draw-cx", s->draw_cx) < 0;
        r |= qb_model_wint(w, "draw-cy", s->draw_cy) < 0;
        r |= qb_model_wint(w, "draw-x", s->draw_x) < 0;
        for (int k = 0; k < 4; k++)
            r |= qb_model_wint(w, ins_names[k], s->ins[k]) < 0;
        r |= qb_model_wattr(w, "anchor", qb_anchor_name(s->anchor)) < 0;
        r |= xmlTextWriterEndElement(w) < 0;
    }
    return r ? -1 : 0;
}

/* A length from the file, clamped as the reader clamps it. */
static long emu(xmlNodePtr n, const char *name)
{
    return qb_shape_clamp((double)qb_model_aint(n, name, 0));
}

qb_status qb_shape_read_xml(xmlNodePtr n, qb_doc *d)
{
    if (d->nshape >= QB_SHAPES_MAX)
        return QB_ERR_FORMAT;
    qb_status st = qb_grow((void **)&d->shapes, &d->capshape, d->nshape + 1, sizeof *d->shapes);
    if (st != QB_OK)
        return st;
    qb_shape *s = &d->shapes[d->nshape++];
    memset(s, 0, sizeof *s);
    char *g = qb_model_astr(n, "geom"), *flip = qb_model_astr(n, "flip");
    s->geom = qb_geom_parse(g);
    s->flip_h = flip && strchr(flip, 'h');
    s->flip_v = flip && strchr(flip, 'v');
    free(g);
    free(flip);
    s->x = emu(n, "x");
    s->y = emu(n, "y");
    s->cx = emu(n, "cx");
    s->cy = emu(n, "cy");
    s->rot = (int)(qb_model_aint(n, "rot", 0) % 360);
    s->head = qb_model_aint(n, "head", 0) != 0;
    s->tail = qb_model_aint(n, "tail", 0) != 0;
    s->fill = rcolor(n, "fill");
    s->line = rcolor(n, "line");
    s->line_w = emu(n, "line-w");
    long first = qb_model_aint(n, "first", 0), end = qb_model_aint(n, "end", 0), para = qb_model_aint(n, "para", 0);
    if (first < 0 || end < first || para < 0)
        return QB_ERR_FORMAT;
    s->first_para = (size_t)first;
    s->end_para = (size_t)end;
    s->para = (size_t)para;
    s->drawing = (int)qb_model_aint(n, "drawing", 0);
    s->counted = qb_model_aint(n, "counted", 0) != 0;
    s->draw_cx = emu(n, "draw-cx");
    s->draw_cy = emu(n, "draw-cy");
    s->draw_x = qb_model_aint(n, "draw-x", -1) < 0 ? -1 : emu(n, "draw-x");
    qb_shape_text_defaults(s);
    for (int k = 0; k < 4; k++) {
        long v = qb_model_aint(n, ins_names[k], s->ins[k]);
        s->ins[k] = v < 0 ? 0 : qb_shape_clamp((double)v);
    }
    char *a = qb_model_astr(n, "anchor");
    s->anchor = qb_anchor_parse(a);
    free(a);
    return QB_OK;
}

qb_status qb_shapes_check(const qb_doc *d)
{
    for (size_t i = 0; i < d->nshape; i++) {
        const qb_shape *s = &d->shapes[i];
        if (s->para >= d->npara || s->end_para > d->npara || s->drawing < 0)
            return QB_ERR_FORMAT;
    }
    return QB_OK;
}
