/* image_scale.h — downsampling decoded pictures and encoding pixels as JPEG, for
 * scans placed at a fraction of their resolution (render_image.c). */
#ifndef QB_IMAGE_SCALE_H
#define QB_IMAGE_SCALE_H

#include "image_decode.h"

/* Average img's gray or RGB pixels down to w × h (nothing when it is not larger,
 * or a palette picture). QB_ERR_NOMEM only. */
qb_status qb_picture_shrink(qb_picture *img, unsigned w, unsigned h);

/* img's gray or RGB pixels as a baseline JPEG of the given quality; *out is
 * malloc'd. */
qb_status qb_picture_jpeg(const qb_picture *img, int quality, unsigned char **out, size_t *len, qb_err *e);

#endif
