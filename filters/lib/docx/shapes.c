/* shapes.c — DrawingML and VML shapes into the model (shapes.h).
 *
 * Coordinates: a DrawingML group maps its children's space (chOff/chExt) onto its own
 * box (off/ext); a VML group maps coordsize/coordorigin onto its style box. Each open
 * group is a frame x' = tx + sx·x, so a shape's box comes out in the drawing's EMU
 * whatever the nesting. Everything read is clamped (shape.h): a giant, negative or
 * NaN value gives a drawn clamp, never an overflow. */
#include "shapes.h"
#include "xmlsafe.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_A_STRICT "http://purl.oclc.org/ooxml/drawingml/main"
#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_WP_STRICT "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing"
#define NS_WPS "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
#define NS_WPG "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
#define NS_WPC "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"
#define NS_V "urn:schemas-microsoft-com:vml"
#define NS_O "urn:schemas-microsoft-com:office:office"
/* The width a VML horizontal rule (o:hr) spans: the column of an A4 page, scaled to the
 * dossier's column when drawn. */
#define HR_EMU 6120130L

#define EMU_PER_PT 12700.0

static int ns_is(const xmlChar *uri, const char *a, const char *b)
{
    return uri && (strcmp((const char *)uri, a) == 0 || (b && strcmp((const char *)uri, b) == 0));
}

/* First child element of n with that local name, any namespace. */
static xmlNodePtr kid(xmlNodePtr n, const char *local)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, local) == 0)
            return c;
    return NULL;
}

/* A number attribute (unnamespaced); dflt when absent or not a number. */
static double num_attr(xmlNodePtr n, const char *name, double dflt)
{
    xmlChar *v = n ? xmlGetProp(n, BAD_CAST name) : NULL;
    if (!v)
        return dflt;
    char *end;
    double d = strtod((const char *)v, &end);
    if (end == (char *)v || isnan(d) || isinf(d))
        d = dflt;
    xmlFree(v);
    return d;
}

static int bool_attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = n ? xmlGetProp(n, BAD_CAST name) : NULL;
    int on = v && (strcmp((char *)v, "1") == 0 || strcmp((char *)v, "true") == 0 || strcmp((char *)v, "t") == 0);
    xmlFree(v);
    return on;
}

static long clampd(double v)
{
    return qb_shape_clamp(v);
}

void qb_shapes_rd_init(qb_shapes_rd *s, qb_doc *doc)
{
    memset(s, 0, sizeof *s);
    s->doc = doc;
}

static qb_shp_frame *frame(qb_shapes_rd *s)
{
    int k = s->ngroups < QB_SHAPES_DEPTH ? s->ngroups : QB_SHAPES_DEPTH;
    return &s->frames[k];
}

void qb_shapes_drawing_begin(qb_shapes_rd *s, size_t para, int vml)
{
    if (s->depth++ > 0)
        return; /* a drawing inside a text box of a drawing: counted, not drawn */
    s->vml = vml;
    s->para = para;
    s->first_shape = s->doc->nshape;
    s->ext_cx = s->ext_cy = 0;
    s->pos_x = -1;
    s->ngroups = 0;
    s->open = 0;
    s->frames[0] = (qb_shp_frame){1, 1, 0, 0, 0, 0};
}

/* ---- colours ------------------------------------------------------------------ */

/* Office's default theme, roughly: what schemeClr names draw as. */
static long scheme_color(const char *v)
{
    static const struct { const char *name; long rgb; } t[] = {
        {"accent1", 0x4472C4}, {"accent2", 0xED7D31}, {"accent3", 0xA5A5A5}, {"accent4", 0xFFC000},
        {"accent5", 0x5B9BD5}, {"accent6", 0x70AD47}, {"dk1", 0x000000}, {"tx1", 0x000000},
        {"lt1", 0xFFFFFF}, {"bg1", 0xFFFFFF}, {"dk2", 0x44546A}, {"tx2", 0x44546A}, {"lt2", 0xE7E6E6},
        {"bg2", 0xE7E6E6}, {"hlink", 0x0563C1}, {"folHlink", 0x954F72}, {"phClr", 0x4472C4}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strcmp(v, t[i].name) == 0)
            return t[i].rgb;
    return 0x808080;
}

/* shade, tint, lumMod/lumOff of a colour element, channel by channel. */
static long modify(xmlNodePtr c, long rgb)
{
    double ch[3] = {(rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255};
    double lm = num_attr(kid(c, "lumMod"), "val", 100000) / 100000.0;
    double lo = num_attr(kid(c, "lumOff"), "val", 0) / 100000.0;
    double sh = num_attr(kid(c, "shade"), "val", 100000) / 100000.0;
    double ti = num_attr(kid(c, "tint"), "val", 100000) / 100000.0;
    long out = 0;
    for (int i = 0; i < 3; i++) {
        double v = ch[i] * lm + 255 * lo;
        v = v * sh;
        v = 255 - (255 - v) * ti;
        v = v < 0 ? 0 : v > 255 ? 255 : v;
        out = (out << 8) | (long)(v + 0.5);
    }
    return out;
}

/* The colour a colour-holding element (solidFill, a style reference …) gives; -1: none. */
static long dml_color(xmlNodePtr holder)
{
    for (xmlNodePtr c = holder ? holder->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *n = (const char *)c->name;
        xmlChar *v = xmlGetProp(c, BAD_CAST "val");
        long rgb = -1;
        if (strcmp(n, "srgbClr") == 0 && v && strlen((char *)v) == 6 && strspn((char *)v, "0123456789abcdefABCDEF") == 6)
            rgb = strtol((char *)v, NULL, 16);
        else if (strcmp(n, "schemeClr") == 0 && v)
            rgb = scheme_color((char *)v);
        else if (strcmp(n, "prstClr") == 0 && v)
            rgb = strcmp((char *)v, "white") == 0 ? 0xFFFFFF : strcmp((char *)v, "black") == 0 ? 0 : 0x808080;
        else if (strcmp(n, "sysClr") == 0) {
            xmlChar *l = xmlGetProp(c, BAD_CAST "lastClr");
            rgb = l && strlen((char *)l) == 6 ? strtol((char *)l, NULL, 16) : 0;
            xmlFree(l);
        }
        xmlFree(v);
        if (rgb >= 0)
            return modify(c, rgb);
    }
    return -1;
}

/* A fill element of spPr or ln: solid, a gradient's first stop, or none. 1 when said. */
static int dml_fill(xmlNodePtr parent, long *out)
{
    xmlNodePtr f;
    if (kid(parent, "noFill")) {
        *out = QB_COLOR_NONE;
        return 1;
    }
    if ((f = kid(parent, "solidFill"))) {
        long c = dml_color(f);
        *out = c >= 0 ? c : 0x808080;
        return 1;
    }
    if ((f = kid(parent, "gradFill"))) {
        long c = dml_color(kid(kid(f, "gsLst"), "gs"));
        *out = c >= 0 ? c : 0xD0D0D0;
        return 1;
    }
    if (kid(parent, "pattFill") || kid(parent, "blipFill")) {
        *out = 0xD0D0D0;
        return 1;
    }
    return 0;
}

static int arrow_end(xmlNodePtr e)
{
    xmlChar *t = e ? xmlGetProp(e, BAD_CAST "type") : NULL;
    int on = t && strcmp((char *)t, "none") != 0;
    xmlFree(t);
    return on;
}

/* ---- DrawingML ---------------------------------------------------------------- */

/* wps:spPr: box, rotation, flips, geometry, fill, outline. */
static void read_sppr(qb_shapes_rd *s, xmlNodePtr sp)
{
    qb_shape *c = &s->cur;
    xmlNodePtr x = kid(sp, "xfrm");
    if (x) {
        qb_shp_frame *f = frame(s);
        double ox = num_attr(kid(x, "off"), "x", 0), oy = num_attr(kid(x, "off"), "y", 0);
        double cx = num_attr(kid(x, "ext"), "cx", 0), cy = num_attr(kid(x, "ext"), "cy", 0);
        c->x = clampd(f->tx + f->sx * ox);
        c->y = clampd(f->ty + f->sy * oy);
        c->cx = clampd(f->sx * (cx < 0 ? 0 : cx));
        c->cy = clampd(f->sy * (cy < 0 ? 0 : cy));
        if (c->cx < 0) c->cx = 0;
        if (c->cy < 0) c->cy = 0;
        double rot = fmod(num_attr(x, "rot", 0) / 60000.0, 360.0);
        c->rot = (int)(rot < 0 ? rot + 360 : rot) % 360;
        c->flip_h = (unsigned char)bool_attr(x, "flipH");
        c->flip_v = (unsigned char)bool_attr(x, "flipV");
    }
    xmlNodePtr g = kid(sp, "prstGeom");
    if (g) {
        xmlChar *p = xmlGetProp(g, BAD_CAST "prst");
        c->geom = qb_geom_of_preset((char *)p);
        xmlFree(p);
    } else if (kid(sp, "custGeom")) {
        c->geom = QB_GEOM_UNKNOWN;
    }
    if (dml_fill(sp, &c->fill))
        s->fill_set = 1;
    xmlNodePtr ln = kid(sp, "ln");
    if (ln) {
        double w = num_attr(ln, "w", -1);
        if (w >= 0) {
            c->line_w = clampd(w);
            s->width_set = 1;
        }
        if (dml_fill(ln, &c->line))
            s->line_set = 1;
        c->head = (unsigned char)arrow_end(kid(ln, "headEnd"));
        c->tail = (unsigned char)arrow_end(kid(ln, "tailEnd"));
    }
}

/* wps:style: the theme's fill and line where spPr said none. */
static void read_style(qb_shapes_rd *s, xmlNodePtr st)
{
    xmlNodePtr f = kid(st, "fillRef"), l = kid(st, "lnRef");
    long c;
    if (f && !s->fill_set && num_attr(f, "idx", 0) > 0 && (c = dml_color(f)) >= 0)
        s->cur.fill = c;
    if (l && !s->line_set && num_attr(l, "idx", 0) > 0 && (c = dml_color(l)) >= 0) {
        s->cur.line = c;
        /* the theme's line widths (Office: 1/2, 1 and 1 1/2 pt) */
        double idx = num_attr(l, "idx", 0);
        if (!s->width_set)
            s->cur.line_w = idx >= 3 ? 19050 : idx >= 2 ? 12700 : 6350;
    }
}

/* wpg:grpSpPr: the group's frame from its parent's. */
static void read_grppr(qb_shapes_rd *s, xmlNodePtr gp)
{
    if (s->ngroups < 1 || s->ngroups > QB_SHAPES_DEPTH)
        return;
    xmlNodePtr x = kid(gp, "xfrm");
    qb_shp_frame *p = &s->frames[s->ngroups - 1], *f = &s->frames[s->ngroups];
    if (!x)
        return;
    double ox = num_attr(kid(x, "off"), "x", 0), oy = num_attr(kid(x, "off"), "y", 0);
    double ex = num_attr(kid(x, "ext"), "cx", 0), ey = num_attr(kid(x, "ext"), "cy", 0);
    double cox = num_attr(kid(x, "chOff"), "x", ox), coy = num_attr(kid(x, "chOff"), "y", oy);
    double cex = num_attr(kid(x, "chExt"), "cx", ex), cey = num_attr(kid(x, "chExt"), "cy", ey);
    double kx = cex > 0 && ex > 0 ? ex / cex : 1, ky = cey > 0 && ey > 0 ? ey / cey : 1;
    f->sx = p->sx * kx;
    f->sy = p->sy * ky;
    f->tx = p->tx + p->sx * (ox - cox * kx);
    f->ty = p->ty + p->sy * (oy - coy * ky);
}

static void open_shape(qb_shapes_rd *s, qb_geom g, long fill, long line)
{
    memset(&s->cur, 0, sizeof s->cur);
    s->cur.geom = g;
    s->cur.fill = fill;
    s->cur.line = line;
    s->cur.line_w = 9525;
    s->cur.para = s->para;
    s->open = 1;
    s->open_depth = s->ngroups;
    s->fill_set = s->line_set = s->width_set = 0;
    s->image = 0;
}

static qb_status close_shape(qb_shapes_rd *s)
{
    s->open = 0;
    qb_doc *d = s->doc;
    if (s->image || s->full)
        return QB_OK;
    if (d->nshape >= QB_SHAPES_MAX) {
        s->full = 1; /* this drawing is left incomplete: drop it (drawing_end) */
        return QB_OK;
    }
    qb_status st = qb_grow((void **)&d->shapes, &d->capshape, d->nshape + 1, sizeof *d->shapes);
    if (st != QB_OK)
        return st;
    s->cur.drawing = s->ndrawings;
    d->shapes[d->nshape++] = s->cur;
    return QB_OK;
}

static void push_group(qb_shapes_rd *s)
{
    if (s->ngroups < QB_SHAPES_DEPTH)
        s->frames[s->ngroups + 1] = s->frames[s->ngroups];
    s->ngroups++;
}

/* ---- VML ---------------------------------------------------------------------- */

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
static void vml_shape(qb_shapes_rd *s, xmlTextReaderPtr r, const char *name)
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
    open_shape(s, g, line ? QB_COLOR_NONE : 0xFFFFFF, 0);
    s->image = picture;
    qb_shape *c = &s->cur;
    qb_shp_frame *f = frame(s);
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
    c->x = clampd(f->tx + f->sx * (x - f->ox));
    c->y = clampd(f->ty + f->sy * (y - f->oy));
    c->cx = clampd(f->sx * (w < 0 ? 0 : w));
    c->cy = clampd(f->sy * (h < 0 ? 0 : h));
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
        c->line_w = clampd(vml_len((char *)a, 1));
    xmlFree(a);
}

/* v:fill / v:stroke inside an open VML shape. */
static void vml_sub(qb_shapes_rd *s, xmlTextReaderPtr r, const char *name)
{
    qb_shape *c = &s->cur;
    xmlChar *a;
    long col;
    if (strcmp(name, "fill") == 0) {
        if (off_value(a = rattr(r, "on")))
            c->fill = QB_COLOR_NONE;
        xmlFree(a);
        if ((a = rattr(r, "color")) && (col = vml_color((char *)a)) >= 0 && c->fill != QB_COLOR_NONE)
            c->fill = col;
        xmlFree(a);
    } else if (strcmp(name, "stroke") == 0) {
        if (off_value(a = rattr(r, "on")))
            c->line = QB_COLOR_NONE;
        xmlFree(a);
        if ((a = rattr(r, "color")) && (col = vml_color((char *)a)) >= 0 && c->line != QB_COLOR_NONE)
            c->line = col;
        xmlFree(a);
        if ((a = rattr(r, "endarrow")))
            c->tail = strcmp((char *)a, "none") != 0;
        xmlFree(a);
        if ((a = rattr(r, "startarrow")))
            c->head = strcmp((char *)a, "none") != 0;
        xmlFree(a);
    } else if (strcmp(name, "imagedata") == 0) {
        s->image = 1; /* a picture: docx.c takes it as an image */
    }
}

/* v:group: a frame from its style box and coordsize/coordorigin. */
static void vml_group(qb_shapes_rd *s, xmlTextReaderPtr r)
{
    qb_shp_frame *p = frame(s);
    int top = s->ngroups == 0;
    push_group(s);
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
}

/* ---- events ------------------------------------------------------------------- */

static int is_vml_shape(const char *name)
{
    return strcmp(name, "rect") == 0 || strcmp(name, "roundrect") == 0 || strcmp(name, "oval") == 0 ||
           strcmp(name, "line") == 0 || strcmp(name, "shape") == 0 || strcmp(name, "polyline") == 0;
}

/* wp:positionH: an offset from the column or margin is kept; anything else centres. */
static void read_pos(qb_shapes_rd *s, xmlNodePtr n)
{
    xmlChar *rel = xmlGetProp(n, BAD_CAST "relativeFrom");
    xmlNodePtr off = kid(n, "posOffset");
    if (rel && off && (strcmp((char *)rel, "column") == 0 || strcmp((char *)rel, "margin") == 0)) {
        xmlChar *t = xmlNodeGetContent(off);
        double v = t ? strtod((char *)t, NULL) : 0;
        xmlFree(t);
        s->pos_x = v > 0 && !isnan(v) ? clampd(v) : 0;
    }
    xmlFree(rel);
}

qb_status qb_shapes_start(qb_shapes_rd *s, xmlTextReaderPtr r, const xmlChar *uri, const char *name,
                          int empty, int *skip)
{
    if (s->depth != 1)
        return QB_OK;
    if (ns_is(uri, NS_WP, NS_WP_STRICT)) {
        if (strcmp(name, "extent") == 0) {
            s->ext_cx = clampd(num_attr(xmlTextReaderExpand(r), "cx", 0));
            s->ext_cy = clampd(num_attr(xmlTextReaderExpand(r), "cy", 0));
        } else if (strcmp(name, "positionH") == 0) {
            read_pos(s, xmlTextReaderExpand(r));
        }
        return QB_OK;
    }
    if (ns_is(uri, NS_WPS, NULL)) {
        if (strcmp(name, "wsp") == 0 && !s->open) {
            open_shape(s, QB_GEOM_UNKNOWN, QB_COLOR_NONE, QB_COLOR_NONE);
            return empty ? close_shape(s) : QB_OK;
        }
        if (!s->open)
            return QB_OK;
        if (strcmp(name, "cNvSpPr") == 0) {
            xmlChar *tb = rattr(r, "txBox");
            if (tb && (strcmp((char *)tb, "1") == 0 || strcmp((char *)tb, "true") == 0) && s->cur.geom == QB_GEOM_UNKNOWN)
                s->cur.geom = QB_GEOM_RECT;
            xmlFree(tb);
        } else if (strcmp(name, "spPr") == 0) {
            read_sppr(s, xmlTextReaderExpand(r)); /* not skipped: a picture fill is an image */
        } else if (strcmp(name, "style") == 0) {
            read_style(s, xmlTextReaderExpand(r));
        }
        return QB_OK;
    }
    if (ns_is(uri, NS_WPG, NULL) || ns_is(uri, NS_WPC, NULL)) {
        if (s->open)
            return QB_OK;
        if (strcmp(name, "wgp") == 0 || strcmp(name, "grpSp") == 0) {
            push_group(s);
            if (empty)
                s->ngroups--;
        } else if (strcmp(name, "grpSpPr") == 0) {
            read_grppr(s, xmlTextReaderExpand(r));
        }
        return QB_OK;
    }
    if (ns_is(uri, NS_V, NULL)) {
        if (strcmp(name, "shapetype") == 0) {
            *skip = 1; /* a template, not a shape */
        } else if (s->open) {
            vml_sub(s, r, name);
        } else if (strcmp(name, "group") == 0) {
            vml_group(s, r);
            if (empty)
                s->ngroups--;
        } else if (is_vml_shape(name)) {
            vml_shape(s, r, name);
            if (empty)
                return close_shape(s);
        }
    }
    return QB_OK;
}

qb_status qb_shapes_end(qb_shapes_rd *s, const xmlChar *uri, const char *name)
{
    if (s->depth != 1)
        return QB_OK;
    if (ns_is(uri, NS_WPS, NULL) && strcmp(name, "wsp") == 0 && s->open)
        return close_shape(s);
    if ((ns_is(uri, NS_WPG, NULL) && (strcmp(name, "wgp") == 0 || strcmp(name, "grpSp") == 0)) ||
        (ns_is(uri, NS_V, NULL) && strcmp(name, "group") == 0)) {
        if (s->ngroups > 0 && !s->open)
            s->ngroups--;
        return QB_OK;
    }
    if (ns_is(uri, NS_V, NULL) && s->open && is_vml_shape(name) && s->open_depth == s->ngroups)
        return close_shape(s);
    return QB_OK;
}

void qb_shapes_txbx(qb_shapes_rd *s, size_t npara, int begin)
{
    if (s->depth != 1 || !s->open)
        return;
    if (begin)
        s->cur.first_para = s->cur.end_para = npara;
    else if (npara >= s->cur.first_para)
        s->cur.end_para = npara;
}

qb_status qb_shapes_drawing_end(qb_shapes_rd *s, int counted)
{
    if (s->depth <= 0 || --s->depth > 0)
        return QB_OK;
    qb_doc *d = s->doc;
    int index = s->ndrawings++;
    s->open = 0;
    if (s->full) { /* the limit was reached inside this drawing: none of it is taken */
        d->nshape = s->first_shape;
        return QB_OK;
    }
    if (d->nshape == s->first_shape)
        return QB_OK;
    /* the drawing's box: its extent, or what its shapes cover; shapes from its corner */
    long minx = QB_SHAPE_EMU_MAX, miny = QB_SHAPE_EMU_MAX, maxx = -QB_SHAPE_EMU_MAX, maxy = -QB_SHAPE_EMU_MAX;
    for (size_t i = s->first_shape; i < d->nshape; i++) {
        const qb_shape *c = &d->shapes[i];
        if (c->x < minx) minx = c->x;
        if (c->y < miny) miny = c->y;
        if (c->x + c->cx > maxx) maxx = c->x + c->cx;
        if (c->y + c->cy > maxy) maxy = c->y + c->cy;
    }
    long w = maxx - minx, h = maxy - miny;
    /* VML places shapes on the page: from their corner; DrawingML in its extent, unless
     * they fall outside it */
    long dx = s->vml || minx < 0 || maxx > s->ext_cx ? minx : 0, dy = s->vml || miny < 0 || maxy > s->ext_cy ? miny : 0;
    if (!dx)
        w = maxx;
    if (!dy)
        h = maxy;
    for (size_t i = s->first_shape; i < d->nshape; i++) {
        qb_shape *c = &d->shapes[i];
        c->x -= dx;
        c->y -= dy;
        c->drawing = index;
        c->counted = counted;
        c->draw_cx = s->ext_cx > w ? s->ext_cx : w;
        c->draw_cy = s->ext_cy > h ? s->ext_cy : h;
        if (c->draw_cx > QB_SHAPE_EMU_MAX) c->draw_cx = QB_SHAPE_EMU_MAX;
        if (c->draw_cy > QB_SHAPE_EMU_MAX) c->draw_cy = QB_SHAPE_EMU_MAX;
        c->draw_x = s->vml ? -1 : s->pos_x;
    }
    return QB_OK;
}

void qb_shapes_finish(qb_shapes_rd *s)
{
    if (s->depth > 0) {
        s->doc->nshape = s->first_shape;
        s->depth = 0;
    }
}
