/* shapes_vml.c — legacy VML shapes (v:rect, v:roundrect, v:oval, v:line, v:shape, v:group
 * in a w:pict) into the model, for docx/shapes.c: their CSS-like style gives the box (in
 * points at the top level, in the group's coordsize within a group), their attributes and
 * v:fill / v:stroke the colours, outline and arrowheads. */
#include "shapes_int.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NS_O "urn:schemas-microsoft-com:office:office"
/* The width a VML horizontal rule (o:hr) spans: the column of an A4 page, scaled to the
 * dossier's column when drawn. */
#define HR_EMU 6120130L
#define EMU_PER_PT 12700.0

/* A CSS length of a VML style in EMU (top level) or as a bare number (in a group). */
static double vml_len(const char *v, int top)
{
    char *end;
    double d = strtod(v, &end);
    if (end == v || isnan(d) || isinf(d))
        return 0;
    while (*end == ' ')
        end++;
    if (!top && !isalpha((unsigned char)*end))
        return d;
    if (strncmp(end, "pt", 2) == 0) return d * EMU_PER_PT;
    if (strncmp(end, "in", 2) == 0) return d * 72 * EMU_PER_PT;
    if (strncmp(end, "cm", 2) == 0) return d * 360000;
    if (strncmp(end, "mm", 2) == 0) return d * 36000;
    if (strncmp(end, "pc", 2) == 0) return d * 12 * EMU_PER_PT;
    if (strncmp(end, "emu", 3) == 0) return d;
    return d * 0.75 * EMU_PER_PT; /* px, or no unit */
}

/* The value of a property in a VML style attribute ("position:absolute;width:90pt"). */
static int style_prop(const char *style, const char *prop, char *out, size_t size)
{
    size_t pl = strlen(prop);
    for (const char *p = style; p && *p;) {
        while (*p == ';' || *p == ' ')
            p++;
        const char *semi = strchr(p, ';');
        size_t len = semi ? (size_t)(semi - p) : strlen(p);
        if (len > pl && strncmp(p, prop, pl) == 0 && p[pl] == ':') {
            size_t n = len - pl - 1 < size - 1 ? len - pl - 1 : size - 1;
            memcpy(out, p + pl + 1, n);
            out[n] = '\0';
            return 1;
        }
        p = semi;
    }
    return 0;
}

static double style_len(const char *style, const char *prop, int top)
{
    char v[64];
    return style_prop(style, prop, v, sizeof v) ? vml_len(v, top) : 0;
}

/* "#RRGGBB", "#RGB" or a name, perhaps followed by " [3204]"; -1 when not understood. */
static long vml_color(const char *v)
{
    static const struct { const char *name; long rgb; } t[] = {
        {"black", 0}, {"white", 0xFFFFFF}, {"red", 0xFF0000}, {"green", 0x008000}, {"blue", 0x0000FF},
        {"yellow", 0xFFFF00}, {"gray", 0x808080}, {"grey", 0x808080}, {"silver", 0xC0C0C0},
        {"navy", 0x000080}, {"teal", 0x008080}, {"lime", 0x00FF00}, {"aqua", 0x00FFFF},
        {"fuchsia", 0xFF00FF}, {"maroon", 0x800000}, {"olive", 0x808000}, {"purple", 0x800080}};
    if (!v)
        return -1;
    if (v[0] == '#') {
        size_t n = strspn(v + 1, "0123456789abcdefABCDEF");
        char h[7];
        if (n >= 6) {
            memcpy(h, v + 1, 6);
            h[6] = '\0';
            return strtol(h, NULL, 16);
        }
        if (n >= 3) {
            char e[7] = {v[1], v[1], v[2], v[2], v[3], v[3], '\0'};
            return strtol(e, NULL, 16);
        }
        return -1;
    }
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strncasecmp(v, t[i].name, strlen(t[i].name)) == 0)
            return t[i].rgb;
    return -1;
}

static xmlChar *rattr(xmlTextReaderPtr r, const char *name)
{
    return xmlTextReaderGetAttribute(r, BAD_CAST name);
}

static int off_value(const xmlChar *v)
{
    return v && (strcmp((char *)v, "f") == 0 || strcmp((char *)v, "false") == 0 || strcmp((char *)v, "0") == 0);
}

/* The geometry a v:shape's type (#_x0000_tNNN, Word's shape type number) stands for;
 * a type Word does not number, or a free path, is drawn as its box. */
static qb_geom vml_type(const char *type)
{
    const char *p = type ? strstr(type, "_t") : NULL;
    int n = p ? atoi(p + 2) : 1;
    switch (n) {
    case 2: case 176: return QB_GEOM_ROUNDRECT;
    case 116: return QB_GEOM_TERMINATOR;
    case 3: case 120: case 123: case 124: return QB_GEOM_ELLIPSE;
    case 4: case 110: case 126: return QB_GEOM_DIAMOND;
    case 5: case 127: return QB_GEOM_TRIANGLE;
    case 7: case 111: return QB_GEOM_PARALLELOGRAM;
    case 9: case 10: case 117: return QB_GEOM_HEXAGON;
    case 20: case 32: return QB_GEOM_LINE;
    case 33: return QB_GEOM_ELBOW;
    case 34: case 35: case 36: return QB_GEOM_BENT;
    case 37: case 38: case 39: case 40: return QB_GEOM_CURVED;
    case 13: return QB_GEOM_ARROW_R;
    case 66: return QB_GEOM_ARROW_L;
    case 67: return QB_GEOM_ARROW_D;
    case 68: return QB_GEOM_ARROW_U;
    default: return QB_GEOM_RECT;
    }
}

/* A VML shape's start tag: its kind, box, colours and outline from its attributes. */
void qb_shp_vml_shape(qb_shapes_rd *s, xmlTextReaderPtr r, const char *name)
{
    qb_geom g = strcmp(name, "roundrect") == 0 ? QB_GEOM_ROUNDRECT
                : strcmp(name, "oval") == 0    ? QB_GEOM_ELLIPSE
                : strcmp(name, "line") == 0    ? QB_GEOM_LINE
                                               : QB_GEOM_RECT;
    xmlChar *type = strcmp(name, "shape") == 0 ? rattr(r, "type") : NULL;
    if (type)
        g = vml_type((char *)type);
    if (type && strstr((char *)type, "_t75")) /* Word's picture frame */
        g = QB_GEOM_UNKNOWN;
    int picture = type && strstr((char *)type, "_t75");
    xmlFree(type);
    int line = g == QB_GEOM_LINE || g == QB_GEOM_BENT || g == QB_GEOM_CURVED;
    qb_shp_open(s, g, line ? QB_COLOR_NONE : 0xFFFFFF, 0);
    s->image = picture;
    qb_shape *c = &s->cur;
    qb_shp_frame *f = qb_shp_frame_of(s);
    int top = s->ngroups == 0;
    xmlChar *style = rattr(r, "style");
    const char *st = style ? (const char *)style : "";
    double x = style_len(st, top ? "margin-left" : "left", top), y = style_len(st, top ? "margin-top" : "top", top);
    if (top) { /* left/top also place a top-level shape (position:absolute) */
        x += style_len(st, "left", 1);
        y += style_len(st, "top", 1);
    }
    double w = style_len(st, "width", top), h = style_len(st, "height", top);
    char v[64];
    if (style_prop(st, "rotation", v, sizeof v)) {
        double rot = fmod(strtod(v, NULL), 360.0);
        c->rot = isnan(rot) ? 0 : (int)(rot < 0 ? rot + 360 : rot) % 360;
    }
    if (style_prop(st, "v-text-anchor", v, sizeof v)) /* top, middle, bottom[-center …] */
        c->anchor = strncmp(v, "middle", 6) == 0 ? QB_ANCHOR_CENTER
                    : strncmp(v, "bottom", 6) == 0 ? QB_ANCHOR_BOTTOM : QB_ANCHOR_TOP;
    if (style_prop(st, "flip", v, sizeof v)) {
        c->flip_h = strchr(v, 'x') != NULL;
        c->flip_v = strchr(v, 'y') != NULL;
    }
    xmlFree(style);
    if (strcmp(name, "line") == 0) { /* from="x,y" to="x,y" */
        xmlChar *from = rattr(r, "from"), *to = rattr(r, "to");
        double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
        const char *cm;
        if (from) {
            x1 = vml_len((char *)from, top);
            cm = strchr((char *)from, ',');
            y1 = cm ? vml_len(cm + 1, top) : 0;
        }
        if (to) {
            x2 = vml_len((char *)to, top);
            cm = strchr((char *)to, ',');
            y2 = cm ? vml_len(cm + 1, top) : 0;
        }
        xmlFree(from);
        xmlFree(to);
        x = x1 < x2 ? x1 : x2;
        y = y1 < y2 ? y1 : y2;
        w = fabs(x2 - x1);
        h = fabs(y2 - y1);
        c->flip_h = x2 < x1;
        c->flip_v = y2 < y1;
    }
    c->x = qb_shape_clamp(f->tx + f->sx * (x - f->ox));
    c->y = qb_shape_clamp(f->ty + f->sy * (y - f->oy));
    c->cx = qb_shape_clamp(f->sx * (w < 0 ? 0 : w));
    c->cy = qb_shape_clamp(f->sy * (h < 0 ? 0 : h));
    if (c->cx < 0) c->cx = 0;
    if (c->cy < 0) c->cy = 0;
    xmlChar *a = xmlTextReaderGetAttributeNs(r, BAD_CAST "hr", BAD_CAST NS_O);
    if (a && !off_value(a) && c->cx == 0)
        c->cx = HR_EMU;
    xmlFree(a);
    long col;
    if ((a = rattr(r, "fillcolor")) && (col = vml_color((char *)a)) >= 0 && !line)
        c->fill = col;
    xmlFree(a);
    if (off_value(a = rattr(r, "filled")))
        c->fill = QB_COLOR_NONE;
    xmlFree(a);
    if ((a = rattr(r, "strokecolor")) && (col = vml_color((char *)a)) >= 0)
        c->line = col;
    xmlFree(a);
    if (off_value(a = rattr(r, "stroked")))
        c->line = QB_COLOR_NONE;
    xmlFree(a);
    if ((a = rattr(r, "strokeweight")))
        c->line_w = qb_shape_clamp(vml_len((char *)a, 1));
    xmlFree(a);
}

/* v:fill or v:stroke's on= and color= into one paint of the shape (fill or line). */
static void vml_paint(xmlTextReaderPtr r, long *paint)
{
    xmlChar *a;
    long col;
    if (off_value(a = rattr(r, "on")))
        *paint = QB_COLOR_NONE;
    xmlFree(a);
    if ((a = rattr(r, "color")) && (col = vml_color((char *)a)) >= 0 && *paint != QB_COLOR_NONE)
        *paint = col;
    xmlFree(a);
}

/* v:textbox's inset="left,top,right,bottom" (lengths; one left out keeps Word's default). */
static void vml_inset(xmlTextReaderPtr r, qb_shape *c)
{
    xmlChar *a = rattr(r, "inset");
    const char *p = a ? (const char *)a : NULL;
    for (int k = 0; k < 4 && p; k++) {
        while (*p == ' ')
            p++;
        if (*p && *p != ',') {
            double v = vml_len(p, 1);
            c->ins[k] = v < 0 ? 0 : qb_shape_clamp(v);
        }
        p = strchr(p, ',');
        if (p)
            p++;
    }
    xmlFree(a);
}

/* v:fill / v:stroke / v:textbox inside an open VML shape. */
void qb_shp_vml_sub(qb_shapes_rd *s, xmlTextReaderPtr r, const char *name)
{
    qb_shape *c = &s->cur;
    xmlChar *a;
    if (strcmp(name, "fill") == 0) {
        vml_paint(r, &c->fill);
    } else if (strcmp(name, "stroke") == 0) {
        vml_paint(r, &c->line);
        if ((a = rattr(r, "endarrow")))
            c->tail = strcmp((char *)a, "none") != 0;
        xmlFree(a);
        if ((a = rattr(r, "startarrow")))
            c->head = strcmp((char *)a, "none") != 0;
        xmlFree(a);
    } else if (strcmp(name, "textbox") == 0) {
        vml_inset(r, c);
    } else if (strcmp(name, "imagedata") == 0) {
        s->image = 1; /* a picture: docx.c takes it as an image */
    }
}

/* v:group: a frame from its style box and coordsize/coordorigin, turned by its style's
 * rotation and flip. */
void qb_shp_vml_group(qb_shapes_rd *s, xmlTextReaderPtr r)
{
    qb_shp_frame *p = qb_shp_frame_of(s);
    int top = s->ngroups == 0;
    qb_shp_push_group(s);
    if (s->ngroups > QB_SHAPES_DEPTH)
        return;
    qb_shp_frame *f = &s->frames[s->ngroups];
    xmlChar *style = rattr(r, "style"), *size = rattr(r, "coordsize"), *orig = rattr(r, "coordorigin");
    const char *st = style ? (const char *)style : "";
    double x = style_len(st, top ? "margin-left" : "left", top), y = style_len(st, top ? "margin-top" : "top", top);
    if (top) {
        x += style_len(st, "left", 1);
        y += style_len(st, "top", 1);
    }
    double w = style_len(st, "width", top), h = style_len(st, "height", top);
    char v[64];
    double rot = style_prop(st, "rotation", v, sizeof v) ? strtod(v, NULL) : 0;
    int fh = 0, fv = 0;
    if (style_prop(st, "flip", v, sizeof v)) {
        fh = strchr(v, 'x') != NULL;
        fv = strchr(v, 'y') != NULL;
    }
    double cw = 1000, ch = 1000, ox = 0, oy = 0; /* VML's default coordsize */
    const char *cm;
    if (size) {
        cw = strtod((char *)size, NULL);
        ch = (cm = strchr((char *)size, ',')) ? strtod(cm + 1, NULL) : cw;
    }
    if (orig) {
        ox = strtod((char *)orig, NULL);
        oy = (cm = strchr((char *)orig, ',')) ? strtod(cm + 1, NULL) : 0;
    }
    xmlFree(style);
    xmlFree(size);
    xmlFree(orig);
    double kx = cw > 0 && w > 0 && !isnan(cw) ? w / cw : 1, ky = ch > 0 && h > 0 && !isnan(ch) ? h / ch : 1;
    f->sx = p->sx * kx;
    f->sy = p->sy * ky;
    f->tx = p->tx + p->sx * (x - p->ox);
    f->ty = p->ty + p->sy * (y - p->oy);
    f->ox = isnan(ox) || isinf(ox) ? 0 : ox;
    f->oy = isnan(oy) || isinf(oy) ? 0 : oy;
    if (rot != 0 || fh || fv) /* turned about the centre of its box */
        qb_shp_frame_turn(f, p, p->tx + p->sx * (x + w / 2 - p->ox), p->ty + p->sy * (y + h / 2 - p->oy), rot, fh, fv);
}
