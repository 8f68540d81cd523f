/* image_decode.h — pictures from untrusted packages, bytes → pixels, with libpng and
 * libjpeg-turbo under their own error handlers (never abort, never exit) and size
 * limits checked before anything is allocated. No libharu here: the renderer hands
 * libharu only pixels (or a JPEG this decoder has read cleanly), and a fuzz target
 * can call this file alone. */
#ifndef QB_PICTURE_DECODE_H
#define QB_PICTURE_DECODE_H

#include <stddef.h>

#include "err.h"

#define QB_PICTURE_MAX_PIXELS (40u * 1000u * 1000u) /* a 40-megapixel photo is the largest drawn */
#define QB_PICTURE_MAX_SIDE 20000u

typedef enum { QB_PICTURE_OTHER, QB_PICTURE_PNG, QB_PICTURE_JPEG } qb_picture_kind;

typedef struct {
    qb_picture_kind kind;
    unsigned w, h;          /* stored pixels (before EXIF orientation) */
    int orientation;        /* EXIF 1–8 (JPEG); 1 otherwise */
    int channels;           /* pixels: 1 gray or 3 RGB; passthrough: the JPEG's components 1, 3 or 4 */
    unsigned char *pixels;  /* w × h × channels bytes, 8 bits, top row first; NULL when passthrough */
    unsigned char *palette; /* a palette PNG: RGB triples (transparency composited on white), and */
    unsigned npalette;      /* pixels are then indices into it (channels 1) */
    int passthrough;        /* a JPEG read without a warning: its bytes may be used as they are */
} qb_picture;

/* Don't keep a clean 8-bit baseline/progressive JPEG's pixels: check every byte of
 * it (decoded at 1/8 scale) and set passthrough instead. */
#define QB_PICTURE_KEEP_JPEG 1u

/* The header only: kind, size and orientation. A picture that cannot be drawn
 * (EMF, GIF, a JPEG coding viewers cannot decode, too many pixels …) gives
 * QB_ERR_FORMAT or QB_ERR_LIMIT with the reason in e. */
qb_status qb_picture_probe(const unsigned char *data, size_t len, qb_picture *img, qb_err *e);

/* Decode: PNG (16-bit and gray expanded, a palette kept as one, alpha composited on white) and
 * JPEG (CMYK converted) into 8-bit gray or RGB. A damaged picture is QB_ERR_FORMAT
 * with the reason; QB_ERR_NOMEM only when memory ran out. img is zeroed first and
 * holds nothing to free on failure. */
qb_status qb_picture_decode(const unsigned char *data, size_t len, unsigned flags, qb_picture *img, qb_err *e);

/* Decode for drawing at min_w × min_h pixels or more (stored orientation): as
 * qb_picture_decode without flags, but a JPEG comes at the least of libjpeg's scales
 * 1/8 … 7/8 that gives at least that many (its full size when none does), for the
 * caller to average down the rest (image_scale.h). PNGs come at full size. */
qb_status qb_picture_decode_for(const unsigned char *data, size_t len, unsigned min_w, unsigned min_h,
                                qb_picture *img, qb_err *e);

void qb_picture_free(qb_picture *img);

#endif
