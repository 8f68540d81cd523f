/* shapes.c — Word shapes into the model (shapes.h): the drawing, its groups and DrawingML
 * shapes here, VML shapes in shapes_vml.c.
 *
 * Coordinates: a DrawingML group maps its children's space (chOff/chExt) onto its own
 * box (off/ext); a VML group maps coordsize/coordorigin onto its style box. Each open
 * group is a frame x' = tx + sx·x, so a shape's box comes out in the drawing's EMU
 * whatever the nesting. A rotated or flipped group turns its children about its centre:
 * the frame keeps the turns of its groups as one matrix, and a shape closed in it has
 * its centre moved and its own rotation and flips added to (a non-uniformly scaled
 * group that is also rotated would skew its children; they are turned, not skewed). Everything read is clamped (shape.h): a giant, negative or
 * NaN value gives a drawn clamp, never an overflow. */
#include "shapes_int.h"
#include "xmlsafe.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_A_STRICT "http://purl.oclc.org/ooxml/drawingml/main"
#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_WP_STRICT "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing"
#define NS_WPS "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
#define NS_WPG "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
#define NS_WPC "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"
#define NS_V "urn:schemas-microsoft-com:vml"


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


void qb_shapes_rd_init(qb_shapes_rd *s, qb_doc *doc)
{
    memset(s, 0, sizeof *s);
    s->doc = doc;
}

qb_shp_frame *qb_shp_frame_of(qb_shapes_rd *s)
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
    s->frames[0] = (qb_shp_frame){1, 1, 0, 0, 0, 0, {1, 0, 0, 1, 0, 0}};
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

/* ---- turned groups ------------------------------------------------------------ */

#define PI 3.14159265358979323846

/* Degrees in [0, 360) from any angle (NaN: 0). */
static int whole_degrees(double deg)
{
    double d = fmod(deg, 360.0);
    if (isnan(d))
        return 0;
    long r = lround(d < 0 ? d + 360 : d);
    return (int)(r % 360);
}

void qb_shp_frame_turn(qb_shp_frame *f, const qb_shp_frame *p, double cx, double cy, double deg, int fh, int fv)
{
    double a = isnan(deg) || isinf(deg) ? 0 : fmod(deg, 360.0) * PI / 180.0, co = cos(a), si = sin(a);
    double kx = fh ? -1 : 1, ky = fv ? -1 : 1;
    /* clockwise on the page (y down), after the flips: L = R·F, about (cx, cy) */
    double l[4] = {co * kx, -si * ky, si * kx, co * ky};
    double tx = cx - (l[0] * cx + l[1] * cy), ty = cy - (l[2] * cx + l[3] * cy);
    const double *m = p->m;
    double out[6] = {m[0] * l[0] + m[1] * l[2], m[0] * l[1] + m[1] * l[3], m[2] * l[0] + m[3] * l[2],
                     m[2] * l[1] + m[3] * l[3], m[0] * tx + m[1] * ty + m[4], m[2] * tx + m[3] * ty + m[5]};
    memcpy(f->m, out, sizeof out);
}

/* A shape closed in a turned frame: its centre moved, the turn added to its rotation
 * (a mirror turns its rotation back and flips it across). */
static void turn_shape(const qb_shp_frame *f, qb_shape *c)
{
    const double *m = f->m;
    if (m[0] == 1 && m[1] == 0 && m[2] == 0 && m[3] == 1 && m[4] == 0 && m[5] == 0)
        return;
    double x = (double)c->x + c->cx / 2.0, y = (double)c->y + c->cy / 2.0;
    double X = m[0] * x + m[1] * y + m[4], Y = m[2] * x + m[3] * y + m[5];
    int mirror = m[0] * m[3] - m[1] * m[2] < 0;
    double turn = (mirror ? atan2(-m[2], -m[0]) : atan2(m[2], m[0])) * 180.0 / PI;
    c->rot = whole_degrees(mirror ? turn - c->rot : turn + c->rot);
    if (mirror)
        c->flip_h ^= 1;
    c->x = qb_shape_clamp(X - c->cx / 2.0);
    c->y = qb_shape_clamp(Y - c->cy / 2.0);
}

/* ---- DrawingML ---------------------------------------------------------------- */

/* wps:spPr: box, rotation, flips, geometry, fill, outline. */
static void read_sppr(qb_shapes_rd *s, xmlNodePtr sp)
{
    qb_shape *c = &s->cur;
    xmlNodePtr x = kid(sp, "xfrm");
    if (x) {
        qb_shp_frame *f = qb_shp_frame_of(s);
        double ox = num_attr(kid(x, "off"), "x", 0), oy = num_attr(kid(x, "off"), "y", 0);
        double cx = num_attr(kid(x, "ext"), "cx", 0), cy = num_attr(kid(x, "ext"), "cy", 0);
        c->x = qb_shape_clamp(f->tx + f->sx * ox);
        c->y = qb_shape_clamp(f->ty + f->sy * oy);
        c->cx = qb_shape_clamp(f->sx * (cx < 0 ? 0 : cx));
        c->cy = qb_shape_clamp(f->sy * (cy < 0 ? 0 : cy));
        if (c->cx < 0) c->cx = 0;
        if (c->cy < 0) c->cy = 0;
        c->rot = whole_degrees(num_attr(x, "rot", 0) / 60000.0);
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
            c->line_w = qb_shape_clamp(w);
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

/* wps:bodyPr: the text's insets (lIns tIns rIns bIns) and anchor (t, ctr, b; Word's
 * justified and distributed anchors are centred). */
static void read_bodypr(qb_shapes_rd *s, xmlNodePtr b)
{
    static const char *const names[4] = {"lIns", "tIns", "rIns", "bIns"};
    for (int k = 0; k < 4; k++) {
        double v = num_attr(b, names[k], (double)s->cur.ins[k]);
        s->cur.ins[k] = v < 0 ? 0 : qb_shape_clamp(v);
    }
    xmlChar *a = b ? xmlGetProp(b, BAD_CAST "anchor") : NULL;
    if (a)
        s->cur.anchor = strcmp((char *)a, "just") == 0 || strcmp((char *)a, "dist") == 0
                            ? QB_ANCHOR_CENTER : qb_anchor_parse((char *)a);
    xmlFree(a);
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
    double rot = num_attr(x, "rot", 0) / 60000.0;
    int fh = bool_attr(x, "flipH"), fv = bool_attr(x, "flipV");
    if (rot != 0 || fh || fv)
        qb_shp_frame_turn(f, p, p->tx + p->sx * (ox + ex / 2), p->ty + p->sy * (oy + ey / 2), rot, fh, fv);
}

void qb_shp_open(qb_shapes_rd *s, qb_geom g, long fill, long line)
{
    memset(&s->cur, 0, sizeof s->cur);
    s->cur.geom = g;
    s->cur.fill = fill;
    s->cur.line = line;
    s->cur.line_w = 9525;
    s->cur.para = s->para;
    qb_shape_text_defaults(&s->cur);
    s->open = 1;
    s->open_depth = s->ngroups;
    s->fill_set = s->line_set = s->width_set = 0;
    s->image = 0;
}

qb_status qb_shp_close(qb_shapes_rd *s)
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
    turn_shape(qb_shp_frame_of(s), &s->cur);
    d->shapes[d->nshape++] = s->cur;
    return QB_OK;
}

void qb_shp_push_group(qb_shapes_rd *s)
{
    if (s->ngroups < QB_SHAPES_DEPTH)
        s->frames[s->ngroups + 1] = s->frames[s->ngroups];
    s->ngroups++;
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
        s->pos_x = v > 0 && !isnan(v) ? qb_shape_clamp(v) : 0;
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
            s->ext_cx = qb_shape_clamp(num_attr(xmlTextReaderExpand(r), "cx", 0));
            s->ext_cy = qb_shape_clamp(num_attr(xmlTextReaderExpand(r), "cy", 0));
        } else if (strcmp(name, "positionH") == 0) {
            read_pos(s, xmlTextReaderExpand(r));
        }
        return QB_OK;
    }
    if (ns_is(uri, NS_WPS, NULL)) {
        if (strcmp(name, "wsp") == 0 && !s->open) {
            qb_shp_open(s, QB_GEOM_UNKNOWN, QB_COLOR_NONE, QB_COLOR_NONE);
            return empty ? qb_shp_close(s) : QB_OK;
        }
        if (!s->open)
            return QB_OK;
        if (strcmp(name, "cNvSpPr") == 0) {
            xmlChar *tb = xmlTextReaderGetAttribute(r, BAD_CAST "txBox");
            if (tb && (strcmp((char *)tb, "1") == 0 || strcmp((char *)tb, "true") == 0) && s->cur.geom == QB_GEOM_UNKNOWN)
                s->cur.geom = QB_GEOM_RECT;
            xmlFree(tb);
        } else if (strcmp(name, "spPr") == 0) {
            read_sppr(s, xmlTextReaderExpand(r)); /* not skipped: a picture fill is an image */
        } else if (strcmp(name, "style") == 0) {
            read_style(s, xmlTextReaderExpand(r));
        } else if (strcmp(name, "bodyPr") == 0) {
            read_bodypr(s, xmlTextReaderExpand(r));
        }
        return QB_OK;
    }
    if (ns_is(uri, NS_WPG, NULL) || ns_is(uri, NS_WPC, NULL)) {
        if (s->open)
            return QB_OK;
        if (strcmp(name, "wgp") == 0 || strcmp(name, "grpSp") == 0) {
            qb_shp_push_group(s);
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
            qb_shp_vml_sub(s, r, name);
        } else if (strcmp(name, "group") == 0) {
            qb_shp_vml_group(s, r);
            if (empty)
                s->ngroups--;
        } else if (is_vml_shape(name)) {
            qb_shp_vml_shape(s, r, name);
            if (empty)
                return qb_shp_close(s);
        }
    }
    return QB_OK;
}

qb_status qb_shapes_end(qb_shapes_rd *s, const xmlChar *uri, const char *name)
{
    if (s->depth != 1)
        return QB_OK;
    if (ns_is(uri, NS_WPS, NULL) && strcmp(name, "wsp") == 0 && s->open)
        return qb_shp_close(s);
    if ((ns_is(uri, NS_WPG, NULL) && (strcmp(name, "wgp") == 0 || strcmp(name, "grpSp") == 0)) ||
        (ns_is(uri, NS_V, NULL) && strcmp(name, "group") == 0)) {
        if (s->ngroups > 0 && !s->open)
            s->ngroups--;
        return QB_OK;
    }
    if (ns_is(uri, NS_V, NULL) && s->open && is_vml_shape(name) && s->open_depth == s->ngroups)
        return qb_shp_close(s);
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
        /* what a rotated shape covers: its box turned about its centre */
        double a = c->rot * PI / 180.0, hw = c->cx / 2.0, hh = c->cy / 2.0;
        double ew = fabs(hw * cos(a)) + fabs(hh * sin(a)), eh = fabs(hw * sin(a)) + fabs(hh * cos(a));
        long x0 = qb_shape_clamp(c->x + hw - ew), y0 = qb_shape_clamp(c->y + hh - eh);
        long x1 = qb_shape_clamp(c->x + hw + ew), y1 = qb_shape_clamp(c->y + hh + eh);
        if (x0 < minx) minx = x0;
        if (y0 < miny) miny = y0;
        if (x1 > maxx) maxx = x1;
        if (y1 > maxy) maxy = y1;
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
