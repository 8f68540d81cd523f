/* shape.h — Word shapes of the model: the DrawingML (wps:wsp in wpg:wgp groups, connectors)
 * and VML (v:rect, v:oval, v:line … in w:pict) shapes a flowchart is drawn with.
 *
 * qb-docx reads them (docx/shapes.c), the model XML keeps them (model/shape_xml.c) and
 * the dossier draws them (render/render_shape.c). A shape's text stays in the model's
 * paragraphs (QB_IN_TEXTBOX, counted as always); the shape only says which paragraphs
 * [first_para, end_para) are its text, so the renderer draws them inside it. */
#ifndef QB_SHAPE_H
#define QB_SHAPE_H

#include <stddef.h>

/* Preset geometries, each Word preset mapped to the nearest (shape.c's table). */
typedef enum {
    QB_GEOM_UNKNOWN = 0,  /* a geometry the dossier cannot draw: its box, marked */
    QB_GEOM_RECT,
    QB_GEOM_ROUNDRECT,
    QB_GEOM_TERMINATOR,   /* a rounded rectangle with half-circle ends */
    QB_GEOM_ELLIPSE,
    QB_GEOM_DIAMOND,
    QB_GEOM_TRIANGLE,
    QB_GEOM_PARALLELOGRAM,
    QB_GEOM_HEXAGON,
    QB_GEOM_LINE,         /* a line or straight connector from the box's corner to corner */
    QB_GEOM_BENT,         /* an elbow connector with two bends (bentConnector3-5) */
    QB_GEOM_ELBOW,        /* … with one bend (bentConnector2): across, then down */
    QB_GEOM_CURVED,       /* a curved connector */
    QB_GEOM_ARROW_R,      /* block arrows */
    QB_GEOM_ARROW_L,
    QB_GEOM_ARROW_U,
    QB_GEOM_ARROW_D,
    QB_GEOM_N
} qb_geom;

/* The most shapes the model takes from a document, and how deep groups nest. */
#define QB_SHAPES_MAX 2000
#define QB_SHAPES_DEPTH 8
/* Coordinates are clamped to ±this many EMU (about 2.7 m). */
#define QB_SHAPE_EMU_MAX 100000000L

#define QB_COLOR_NONE (-1L)

/* Where a shape's text sits between its top and bottom insets (wps:bodyPr/@anchor,
 * VML's v-text-anchor); and Word's default insets, 0.1 in across and 0.05 in down. */
typedef enum { QB_ANCHOR_TOP = 0, QB_ANCHOR_CENTER, QB_ANCHOR_BOTTOM } qb_anchor;
#define QB_INSET_X 91440L
#define QB_INSET_Y 45720L

typedef struct {
    qb_geom geom;
    long x, y, cx, cy;       /* the box in EMU, from the drawing's top-left corner */
    int rot;                 /* rotation in whole degrees, clockwise */
    unsigned char flip_h, flip_v;
    unsigned char head, tail;/* arrowheads at the line's start / end (0 none, 1 arrow) */
    long fill, line;         /* 0xRRGGBB, or QB_COLOR_NONE */
    long line_w;             /* outline width in EMU */
    size_t first_para, end_para; /* its text: paragraphs [first, end); first == end: none */
    size_t para;             /* the paragraph its drawing is anchored in */
    int drawing;             /* which drawing of the document (0, 1 … in reading order) */
    int counted;             /* that drawing is one of para's qb_para.drawings */
    long draw_cx, draw_cy;   /* the drawing's extent in EMU */
    long draw_x;             /* its offset from the column's left edge in EMU; -1: centred */
    long ins[4];             /* its text's insets from the box in EMU: left, top, right, bottom */
    qb_anchor anchor;        /* its text's vertical place */
} qb_shape;

/* "rect", "ellipse" … as the model XML writes them; and back (QB_GEOM_UNKNOWN when unknown). */
const char *qb_geom_name(qb_geom g);
qb_geom qb_geom_parse(const char *name);
/* The geometry of a DrawingML preset (a:prstGeom/@prst), QB_GEOM_UNKNOWN when it has none near. */
qb_geom qb_geom_of_preset(const char *prst);
/* "t", "ctr", "b" (DrawingML's names) and back (QB_ANCHOR_TOP when unknown). */
const char *qb_anchor_name(qb_anchor a);
qb_anchor qb_anchor_parse(const char *name);
/* Word's default text insets and anchor (top) on s. */
void qb_shape_text_defaults(qb_shape *s);
/* A coordinate as read (EMU), clamped into ±QB_SHAPE_EMU_MAX (NaN is 0). */
long qb_shape_clamp(double v);

#endif
