/* shapes.h — Word shapes read while docx.c streams the main part (model/shape.h).
 *
 * docx.c hands the collector what it meets inside a w:drawing or w:pict: DrawingML
 * (wps:wsp, wpg:wgp/grpSp groups, connectors) and VML (v:rect, v:roundrect, v:oval,
 * v:line, v:shape, v:group) elements, and where each w:txbxContent starts and ends.
 * Small property subtrees (spPr, grpSpPr, style, positionH) are expanded; text boxes
 * stay streamed, so their paragraphs are read and counted as before. */
#ifndef QB_DOCX_SHAPES_H
#define QB_DOCX_SHAPES_H

#include <libxml/xmlreader.h>

#include "model.h"

typedef struct {
    double sx, sy, tx, ty; /* a group's local coordinates → EMU: x' = tx + sx * x */
    double ox, oy;         /* VML: coordorigin */
    /* then the turns of the groups (rotation, flips about their centres), in the drawing's
     * EMU: X = m[0] x' + m[1] y' + m[4], Y = m[2] x' + m[3] y' + m[5] */
    double m[6];
} qb_shp_frame;

typedef struct {
    qb_doc *doc;
    int depth;             /* open w:drawing / w:pict; only the outermost is read */
    int vml;               /* the outermost is a w:pict */
    size_t para;           /* the paragraph it is anchored in */
    int ndrawings;         /* drawings begun so far (the next one's index) */
    size_t first_shape;    /* the current drawing's shapes start here in doc->shapes */
    long ext_cx, ext_cy;   /* wp:extent */
    long pos_x;            /* wp:positionH offset from the column, -1 when not known */
    qb_shp_frame frames[QB_SHAPES_DEPTH + 1];
    int ngroups;           /* open groups (deeper than QB_SHAPES_DEPTH: the last frame) */
    int open;              /* a shape element is open (cur) */
    int open_depth;        /* groups open when it began */
    int fill_set, line_set, width_set; /* spPr said (the style's references do not override it) */
    int image;             /* the open VML shape is a picture (v:imagedata) */
    qb_shape cur;
    int full;              /* QB_SHAPES_MAX reached: later drawings are not taken */
} qb_shapes_rd;

void qb_shapes_rd_init(qb_shapes_rd *s, qb_doc *doc);
/* A w:drawing (vml 0) or w:pict (vml 1) starts in paragraph para / ends; counted:
 * docx.c counted it in that paragraph's drawings. */
void qb_shapes_drawing_begin(qb_shapes_rd *s, size_t para, int vml);
qb_status qb_shapes_drawing_end(qb_shapes_rd *s, int counted);
/* A w:txbxContent starts (begin 1) or ends with the model holding npara paragraphs. */
void qb_shapes_txbx(qb_shapes_rd *s, size_t npara, int begin);
/* A start tag outside the w: namespace (empty: it has no end tag); *skip asks the
 * caller to jump past its subtree (a VML shape template). Property subtrees are
 * expanded and read, not skipped: what else they hold (a picture fill) is docx.c's. */
qb_status qb_shapes_start(qb_shapes_rd *s, xmlTextReaderPtr r, const xmlChar *uri, const char *name,
                          int empty, int *skip);
qb_status qb_shapes_end(qb_shapes_rd *s, const xmlChar *uri, const char *name);
/* The part ended (or reading stopped): a drawing still open is dropped. */
void qb_shapes_finish(qb_shapes_rd *s);

#endif
