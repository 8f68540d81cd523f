/* image_scale.c — a scan made no sharper than the page shows it: decoded pixels
 * averaged down (each output pixel the mean of the source pixels under it, integer
 * arithmetic, so the same picture always gives the same bytes), and pixels encoded
 * as JPEG with libjpeg-turbo under an error manager that returns instead of exiting. */
#include "image_scale.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

/* Add source row `row` into the accumulators of one output row: output pixel x sums the
 * source pixels xs[x] … xs[x + 1] - 1. C is a constant at each call, so the inner loop
 * is unrolled for gray and RGB. */
static inline void add_row(unsigned long long *acc, const unsigned char *row, const unsigned *xs, unsigned w,
                           unsigned C)
{
    for (unsigned x = 0; x < w; x++) {
        const unsigned char *p = row + (size_t)xs[x] * C, *end = row + (size_t)xs[x + 1] * C;
        unsigned long long *a = acc + (size_t)x * C;
        for (; p < end; p += C)
            for (unsigned k = 0; k < C; k++)
                a[k] += p[k];
    }
}

qb_status qb_picture_shrink(qb_picture *img, unsigned w, unsigned h)
{
    if (!img->pixels || img->palette || w == 0 || h == 0 || w >= img->w || h >= img->h)
        return QB_OK;
    unsigned c = (unsigned)img->channels;
    unsigned char *out = malloc((size_t)w * h * c);
    unsigned long long *acc = calloc((size_t)w * c, sizeof *acc);
    unsigned *xs = malloc(((size_t)w + 1) * sizeof *xs); /* each output column's first source column */
    if (!out || !acc || !xs) {
        free(out);
        free(acc);
        free(xs);
        return QB_ERR_NOMEM;
    }
    for (unsigned x = 0; x <= w; x++)
        xs[x] = (unsigned)((unsigned long long)x * img->w / w);
    for (unsigned y = 0; y < h; y++) {
        unsigned y0 = (unsigned)((unsigned long long)y * img->h / h),
                 y1 = (unsigned)((unsigned long long)(y + 1) * img->h / h);
        memset(acc, 0, (size_t)w * c * sizeof *acc);
        for (unsigned sy = y0; sy < y1; sy++) {
            const unsigned char *row = img->pixels + (size_t)sy * img->w * c;
            if (c == 3)
                add_row(acc, row, xs, w, 3);
            else if (c == 1)
                add_row(acc, row, xs, w, 1);
            else
                add_row(acc, row, xs, w, c);
        }
        for (unsigned x = 0; x < w; x++) {
            unsigned long long n = (unsigned long long)(xs[x + 1] - xs[x]) * (y1 - y0);
            unsigned char *o = out + ((size_t)y * w + x) * c;
            const unsigned long long *a = acc + (size_t)x * c;
            if (n < (1u << 23)) /* the sums fit 32 bits: a 32-bit division, several times faster */
                for (unsigned k = 0; k < c; k++)
                    o[k] = (unsigned char)(((unsigned)a[k] + (unsigned)n / 2) / (unsigned)n);
            else
                for (unsigned k = 0; k < c; k++)
                    o[k] = (unsigned char)((a[k] + n / 2) / n);
        }
    }
    free(xs);
    free(acc);
    free(img->pixels);
    img->pixels = out;
    img->w = w;
    img->h = h;
    return QB_OK;
}

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf back;
} jerr;

static void jpeg_fail(j_common_ptr c)
{
    longjmp(((jerr *)c->err)->back, 1);
}

qb_status qb_picture_jpeg(const qb_picture *img, int quality, unsigned char **out, size_t *len, qb_err *e)
{
    *out = NULL;
    *len = 0;
    if (!img->pixels || img->palette || (img->channels != 1 && img->channels != 3))
        return qb_err_set(e, QB_ERR_USAGE, "%s%.0s", "%.0s%s", "图片不是灰度或 RGB 像素", "not gray or RGB pixels");
    struct jpeg_compress_struct c;
    jerr j;
    /* the library writes the buffer's address after setjmp: kept in memory set up
     * before it, so it is known after a longjmp */
    struct {
        unsigned char *b;
        unsigned long n;
    } *m = calloc(1, sizeof *m);
    if (!m)
        return QB_ERR_NOMEM;
    c.err = jpeg_std_error(&j.pub);
    j.pub.error_exit = jpeg_fail;
    if (setjmp(j.back)) {
        jpeg_destroy_compress(&c);
        free(m->b);
        free(m);
        return qb_err_set(e, QB_ERR_NOMEM, "%s%.0s", "%.0s%s", "图片压缩失败", "the picture could not be compressed");
    }
    jpeg_create_compress(&c);
    jpeg_mem_dest(&c, &m->b, &m->n);
    c.image_width = img->w;
    c.image_height = img->h;
    c.input_components = img->channels;
    c.in_color_space = img->channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, quality, TRUE);
    jpeg_start_compress(&c, TRUE);
    while (c.next_scanline < c.image_height) {
        JSAMPROW row = img->pixels + (size_t)c.next_scanline * img->w * (size_t)img->channels;
        jpeg_write_scanlines(&c, &row, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    *out = m->b;
    *len = m->n;
    free(m);
    return QB_OK;
}
