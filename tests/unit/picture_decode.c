/* Unit tests of render/image_decode.c: PNG and JPEG into 8-bit gray or RGB, alpha on
 * white, limits before allocation, a clean JPEG passed through, EXIF orientation, and
 * 480 mutants of a PNG and a JPEG that must each decode or be refused — never crash
 * (run under the sanitizers by make check). Pictures are made here with libpng's and
 * libjpeg's writers. */
#include "image_decode.h"
#include "tap.h"

#include <jpeglib.h>
#include <png.h>
#include <stdlib.h>

/* A PNG of w×h pixels in the given png_image format, from pix. */
static unsigned char *make_png(const void *pix, unsigned w, unsigned h, png_uint_32 format, size_t *len)
{
    png_image im;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    im.width = w;
    im.height = h;
    im.format = format;
    png_alloc_size_t n = 0;
    if (!png_image_write_to_memory(&im, NULL, &n, 0, pix, 0, NULL))
        return NULL;
    unsigned char *out = malloc(n);
    if (out && !png_image_write_to_memory(&im, out, &n, 0, pix, 0, NULL)) {
        free(out);
        return NULL;
    }
    *len = n;
    return out;
}

/* A JPEG w×h of comps components (1 gray, 3 RGB, 4 CMYK) filled by a pattern;
 * exif_orientation > 0 adds an APP1 Exif block with that Orientation. */
static unsigned char *make_jpeg(unsigned w, unsigned h, int comps, int exif_orientation, size_t *len)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr err;
    unsigned char *mem = NULL;
    unsigned long n = 0;
    c.err = jpeg_std_error(&err);
    jpeg_create_compress(&c);
    jpeg_mem_dest(&c, &mem, &n);
    c.image_width = w;
    c.image_height = h;
    c.input_components = comps;
    c.in_color_space = comps == 1 ? JCS_GRAYSCALE : comps == 3 ? JCS_RGB : JCS_CMYK;
    jpeg_set_defaults(&c);
    jpeg_start_compress(&c, TRUE);
    if (exif_orientation) {
        /* "Exif\0\0", a big-endian TIFF header, one IFD entry: 0x0112 SHORT 1 = orientation */
        unsigned char app1[] = {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3,
                                0, 0, 0, 1, 0, (unsigned char)exif_orientation, 0, 0, 0, 0, 0, 0};
        jpeg_write_marker(&c, JPEG_APP0 + 1, app1, sizeof app1);
    }
    unsigned char *row = malloc((size_t)w * (size_t)comps);
    while (c.next_scanline < h) {
        for (unsigned x = 0; x < w * (unsigned)comps; x++)
            row[x] = comps == 4 ? 255 : (unsigned char)((x * 7 + c.next_scanline * 3) & 0xFF);
        JSAMPROW r = row;
        jpeg_write_scanlines(&c, &r, 1);
    }
    free(row);
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    *len = n;
    return mem;
}

static int refused(qb_status st) { return st == QB_ERR_FORMAT || st == QB_ERR_LIMIT; }

/* Flip, set or drop bytes after the signature, as a fuzzer's mildest mutations do. */
static int mutants(const unsigned char *good, size_t len, unsigned seed, int *drawn)
{
    unsigned x = seed;
    int bad = 0;
    unsigned char *m = malloc(len);
    for (int i = 0; i < 240; i++) {
        memcpy(m, good, len);
        size_t n = len;
        for (int k = 0; k < 1 + i % 3; k++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            size_t at = 8 + x % (len - 8);
            switch (i % 4) {
            case 0: m[at] ^= (unsigned char)(1u << (x >> 8) % 8); break;
            case 1: m[at] = (unsigned char)(x >> 16); break;
            case 2: m[at] = 0xFF; break;
            default: n = at; break; /* truncated */
            }
        }
        qb_picture p;
        qb_err e = {0}; /* fresh: it keeps its first reason */
        qb_status st = qb_picture_decode(m, n, QB_PICTURE_KEEP_JPEG, &p, &e);
        if (st == QB_OK)
            (*drawn)++;
        else if (!refused(st) || p.pixels)
            bad++;
        qb_picture_free(&p);
    }
    free(m);
    return bad;
}

int main(void)
{
    qb_picture p;
    qb_err e = {0};
    size_t len = 0;

    /* RGBA: transparent → white, opaque kept, half → between */
    unsigned char rgba[4 * 4] = {10, 20, 30, 255, 10, 20, 30, 0, 0, 0, 0, 128, 200, 100, 50, 255};
    unsigned char *png = make_png(rgba, 2, 2, PNG_FORMAT_RGBA, &len);
    ok(png && qb_picture_decode(png, len, 0, &p, &e) == QB_OK, "an RGBA PNG decodes");
    ok(p.channels == 3 && p.w == 2 && p.h == 2 && p.pixels, "into 2×2 RGB");
    if (p.pixels) {
        ok(p.pixels[0] == 10 && p.pixels[1] == 20 && p.pixels[2] == 30, "an opaque pixel keeps its colour");
        ok(p.pixels[3] == 255 && p.pixels[4] == 255 && p.pixels[5] == 255, "a transparent pixel is white");
        ok(p.pixels[6] > 0 && p.pixels[6] < 255, "a half-transparent black pixel is grey (%d)", p.pixels[6]);
    }
    qb_picture_free(&p);
    free(png);

    /* gray with alpha, 16 bits: gray out, 8 bits */
    unsigned short ga16[2 * 2] = {0, 65535, 65535, 65535};
    png = make_png(ga16, 2, 1, PNG_FORMAT_LINEAR_Y_ALPHA, &len);
    ok(png && qb_picture_decode(png, len, 0, &p, &e) == QB_OK && p.channels == 1, "a 16-bit gray+alpha PNG decodes to gray");
    ok(p.pixels && p.pixels[0] == 0 && p.pixels[1] == 255, "black stays black, white white");
    qb_picture_free(&p);
    free(png);

    /* a palette stays a palette: indices into RGB triples, transparency on white */
    {
        png_image im;
        memset(&im, 0, sizeof im);
        im.version = PNG_IMAGE_VERSION;
        im.width = 3;
        im.height = 1;
        im.format = PNG_FORMAT_RGBA_COLORMAP;
        im.colormap_entries = 3;
        unsigned char cmap[12] = {255, 0, 0, 255, 0, 0, 255, 255, 0, 0, 0, 0}, idx[3] = {0, 1, 2};
        png_alloc_size_t n = sizeof rgba * 64;
        unsigned char *buf = malloc(n);
        ok(buf && png_image_write_to_memory(&im, buf, &n, 0, idx, 0, cmap) &&
               qb_picture_decode(buf, n, 0, &p, &e) == QB_OK && p.palette && p.channels == 1,
           "a palette PNG comes back as a palette");
        int right = p.palette && p.pixels;
        for (int i = 0; right && i < 3; i++) {
            const unsigned char *c = p.palette + 3 * p.pixels[i];
            static const unsigned char want[3][3] = {{255, 0, 0}, {0, 0, 255}, {255, 255, 255}};
            right = p.pixels[i] < p.npalette && memcmp(c, want[i], 3) == 0;
        }
        ok(right, "red, blue, and the transparent entry white");
        qb_picture_free(&p);
        free(buf);
    }

    /* limits, from the header, before anything is allocated */
    unsigned char huge[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                            0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30, 8, 2, 0, 0, 0, 0, 0, 0, 0};
    qb_err le = {0};
    ok(qb_picture_decode(huge, sizeof huge, 0, &p, &le) == QB_ERR_LIMIT && !p.pixels,
       "a PNG claiming 30000×30000 is refused from its header (%s)", le.en);
    huge[18] = 0x4e, huge[19] = 0x20, huge[22] = 0x07, huge[23] = 0xd1; /* 20000 × 2001 */
    ok(qb_picture_probe(huge, sizeof huge, &p, NULL) == QB_ERR_LIMIT, "20000×2001 is over 40 megapixels");
    qb_err fe = {0};
    ok(qb_picture_decode((const unsigned char *)"GIF89a......", 12, 0, &p, &fe) == QB_ERR_FORMAT &&
           strcmp(fe.zh, "GIF 图片") == 0,
       "a GIF is refused with its kind named");

    /* JPEG: passed through when clean, pixels otherwise; orientation kept */
    unsigned char *jpg = make_jpeg(200, 120, 3, 6, &len);
    ok(jpg && qb_picture_decode(jpg, len, QB_PICTURE_KEEP_JPEG, &p, &e) == QB_OK, "an RGB JPEG decodes");
    ok(p.passthrough && !p.pixels && p.w == 200 && p.h == 120 && p.channels == 3,
       "a clean JPEG is passed through, at its full size (not the 1/8 it was checked at)");
    is_int(p.orientation, 6, "its EXIF orientation is kept");
    qb_picture_free(&p);
    ok(qb_picture_decode(jpg, len, 0, &p, &e) == QB_OK && p.pixels && !p.passthrough && p.channels == 3,
       "without QB_PICTURE_KEEP_JPEG it comes back as RGB pixels");
    is_int(p.orientation, 6, "still with its orientation");
    qb_picture_free(&p);
    ok(qb_picture_decode_for(jpg, len, 70, 40, &p, &e) == QB_OK && p.pixels && p.w == 75 && p.h == 45,
       "decoded for 70 × 40, it comes at 3/8 scale: 75 × 45 (got %u × %u)", p.w, p.h);
    qb_picture_free(&p);
    ok(qb_picture_decode_for(jpg, len, 190, 10, &p, &e) == QB_OK && p.w == 200 && p.h == 120,
       "decoded for nearly its width, it comes whole (got %u × %u)", p.w, p.h);
    qb_picture_free(&p);
    ok(qb_picture_decode(jpg, len - 2, QB_PICTURE_KEEP_JPEG, &p, &e) == QB_OK && p.pixels && !p.passthrough,
       "a JPEG without its end marker is drawn, from its pixels");
    qb_picture_free(&p);
    qb_err te = {0};
    ok(qb_picture_decode(jpg, len * 6 / 10, QB_PICTURE_KEEP_JPEG, &p, &te) == QB_ERR_FORMAT && !p.pixels,
       "a JPEG cut mid-scan is refused (%s)", te.en);
    free(jpg);
    jpg = make_jpeg(16, 16, 4, 0, &len);
    ok(jpg && qb_picture_decode(jpg, len, QB_PICTURE_KEEP_JPEG, &p, &e) == QB_OK && !p.passthrough &&
           p.channels == 3 && p.pixels,
       "a CMYK JPEG becomes RGB pixels");
    ok(p.pixels && p.pixels[0] >= 250 && p.pixels[1] >= 250 && p.pixels[2] >= 250,
       "Adobe's inverted CMYK without ink is white (%d %d %d)", p.pixels ? p.pixels[0] : -1,
       p.pixels ? p.pixels[1] : -1, p.pixels ? p.pixels[2] : -1);
    qb_picture_free(&p);
    free(jpg);
    unsigned char junk[] = {0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, 0, 8, 0, 8, 1, 1, 0x11, 0, 0xFF, 0xDA, 0, 2, 0xFF, 0xD9};
    ok(refused(qb_picture_decode(junk, sizeof junk, 0, &p, &e)), "a JPEG without tables is refused, no exit");

    /* mutants: each decodes or is refused */
    unsigned char rgb[32 * 16 * 3];
    for (size_t i = 0; i < sizeof rgb; i++)
        rgb[i] = (unsigned char)(i * 31 % 251);
    png = make_png(rgb, 32, 16, PNG_FORMAT_RGB, &len);
    int drawn = 0, bad = png ? mutants(png, len, 2463534242u, &drawn) : -1;
    is_int(bad, 0, "240 PNG mutants: every one decoded or refused (%d decoded)", drawn);
    free(png);
    jpg = make_jpeg(48, 32, 3, 0, &len);
    drawn = 0;
    bad = jpg ? mutants(jpg, len, 88172645u, &drawn) : -1;
    is_int(bad, 0, "240 JPEG mutants: every one decoded or refused (%d decoded)", drawn);
    free(jpg);
    return tap_done();
}
