/* shapes_int.h — what docx/shapes.c (the reader and DrawingML) and docx/shapes_vml.c (VML)
 * share: a shape is opened, filled in and closed into the model; groups push frames. */
#ifndef QB_DOCX_SHAPES_INT_H
#define QB_DOCX_SHAPES_INT_H

#include "shapes.h"

/* The frame of the innermost group (the last one when nested deeper than QB_SHAPES_DEPTH). */
qb_shp_frame *qb_shp_frame_of(qb_shapes_rd *s);
/* Start a shape of geometry g and default colours; close it into the model (not taken
 * when it is a picture or the model has QB_SHAPES_MAX). */
void qb_shp_open(qb_shapes_rd *s, qb_geom g, long fill, long line);
qb_status qb_shp_close(qb_shapes_rd *s);
/* A group opens: a frame like its parent's, until its own box is read. */
void qb_shp_push_group(qb_shapes_rd *s);
/* A group's rotation (degrees clockwise) and flips about its centre (cx, cy: EMU before
 * its parent's turns) added to its frame f, whose parent frame is p. */
void qb_shp_frame_turn(qb_shp_frame *f, const qb_shp_frame *p, double cx, double cy, double deg, int fh, int fv);

/* shapes_vml.c: a VML shape's start tag; v:fill, v:stroke or v:imagedata inside an open
 * one; a v:group's start tag (its frame). */
void qb_shp_vml_shape(qb_shapes_rd *s, xmlTextReaderPtr r, const char *name);
void qb_shp_vml_sub(qb_shapes_rd *s, xmlTextReaderPtr r, const char *name);
void qb_shp_vml_group(qb_shapes_rd *s, xmlTextReaderPtr r);

#endif
