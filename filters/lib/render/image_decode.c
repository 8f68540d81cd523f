/* image_decode.c — PNG and JPEG into pixels (image_decode.h). libpng's simplified
 * API (its own setjmp inside) and libjpeg-turbo with an error manager that jumps
 * back here: a damaged picture is a status, never an abort. Sizes come from the
 * header and are checked before a pixel is allocated. */
#include "image_decode.h"

#include <setjmp.h>
#include <stdio.h> /* jpeglib.h needs FILE */
#include <stdlib.h>
#include <string.h>

#include <jerror.h>
#include <jpeglib.h>
#include <png.h>

/* Progressive JPEGs with thousands of tiny scans cost minutes of CPU; real ones have about 10. */
#define MAX_JPEG_SCANS 200
/* libjpeg's working memory (a progressive 40-megapixel CMYK photo needs about 320 MB of coefficients). */
#define MAX_JPEG_MEMORY (400L * 1024 * 1024)

/* One reason in both languages, from strings chosen at run time. */
static qb_status why(qb_err *e, qb_status st, const char *zh, const char *en)
{
    return qb_err_set(e, st, "%s%.0s", "%.0s%s", zh, en);
}

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* The Orientation tag (0x0112) of an EXIF APP1 payload; 1 when absent or malformed. */
static int exif_orientation(const unsigned char *p, size_t n)
{
    if (n < 14 || memcmp(p, "Exif\0\0", 6) != 0)
        return 1;
    p += 6;
    n -= 6;
    int le = p[0] == 'I' && p[1] == 'I';
    if (!le && !(p[0] == 'M' && p[1] == 'M'))
        return 1;
#define RD16(q) (le ? (unsigned)(q)[0] | (unsigned)(q)[1] << 8 : be16(q))
#define RD32(q) (le ? (unsigned long)(q)[0] | (unsigned long)(q)[1] << 8 | (unsigned long)(q)[2] << 16 | (unsigned long)(q)[3] << 24 : be32(q))
    unsigned long ifd = RD32(p + 4);
    if (ifd + 2 > n)
        return 1;
    unsigned count = RD16(p + ifd);
    for (unsigned i = 0; i < count; i++) {
        unsigned long e = ifd + 2 + 12ul * i;
        if (e + 12 > n)
            break;
        if (RD16(p + e) == 0x0112) {
            unsigned v = RD16(p + e + 8);
            return v >= 1 && v <= 8 ? (int)v : 1;
        }
    }
#undef RD16
#undef RD32
    return 1;
}

/* Walk the markers up to the frame header: size, orientation, and whether the coding
 * is one libjpeg-turbo decodes (baseline, extended, progressive; Huffman or arithmetic). */
static qb_status probe_jpeg(const unsigned char *d, size_t n, qb_picture *img, unsigned *sof, qb_err *e)
{
    size_t i = 2;
    while (i + 4 <= n) {
        if (d[i] != 0xFF) {
            i++;
            continue;
        }
        unsigned m = d[i + 1];
        if (m == 0xFF) {
            i++;
            continue;
        }
        if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
            i += 2;
            continue;
        }
        if (m == 0xD9 || m == 0xDA)
            break; /* image data before any frame header */
        unsigned len = be16(d + i + 2);
        if (len < 2 || i + 2 + len > n)
            break;
        const unsigned char *seg = d + i + 4;
        if (m == 0xE1)
            img->orientation = exif_orientation(seg, len - 2);
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (len < 8)
                break;
            img->h = be16(seg + 1);
            img->w = be16(seg + 3);
            img->channels = seg[5];
            *sof = m;
            if (m != 0xC0 && m != 0xC1 && m != 0xC2 && m != 0xC9 && m != 0xCA)
                return why(e, QB_ERR_FORMAT, "JPEG 编码方式（无损或分层）无法解码", "lossless or hierarchical JPEG");
            if (seg[0] != 8)
                return why(e, QB_ERR_FORMAT, "12 位 JPEG，PDF 阅读器不支持", "12-bit JPEG");
            if (img->channels != 1 && img->channels != 3 && img->channels != 4)
                return why(e, QB_ERR_FORMAT, "JPEG 颜色通道数异常", "unusual JPEG components");
            if (img->w == 0 || img->h == 0)
                return why(e, QB_ERR_FORMAT, "JPEG 尺寸为零", "JPEG without a size");
            return QB_OK;
        }
        i += 2 + len;
    }
    return why(e, QB_ERR_FORMAT, "JPEG 文件结构不完整", "truncated JPEG");
}

static qb_status probe(const unsigned char *d, size_t n, qb_picture *img, unsigned *sof, qb_err *e)
{
    memset(img, 0, sizeof *img);
    img->orientation = 1;
    qb_status st = QB_OK;
    if (n >= 33 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(d + 12, "IHDR", 4) == 0) {
        img->kind = QB_PICTURE_PNG;
        unsigned long w = be32(d + 16), h = be32(d + 20);
        img->w = w > QB_PICTURE_MAX_SIDE ? QB_PICTURE_MAX_SIDE + 1 : (unsigned)w;
        img->h = h > QB_PICTURE_MAX_SIDE ? QB_PICTURE_MAX_SIDE + 1 : (unsigned)h;
        if (img->w == 0 || img->h == 0)
            return why(e, QB_ERR_FORMAT, "PNG 尺寸为零", "PNG without a size");
    } else if (n >= 4 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) {
        img->kind = QB_PICTURE_JPEG;
        if ((st = probe_jpeg(d, n, img, sof, e)) != QB_OK)
            return st;
    } else if (n >= 4 && (memcmp(d, "\x01\0\0\0", 4) == 0 || memcmp(d, "\xd7\xcd\xc6\x9a", 4) == 0 ||
                          memcmp(d, "\x01\0\x09\0", 4) == 0 || memcmp(d, "\x02\0\x09\0", 4) == 0))
        return why(e, QB_ERR_FORMAT, "EMF/WMF 矢量图，无法直接绘制", "EMF/WMF vector picture");
    else if (n >= 3 && memcmp(d, "GIF", 3) == 0)
        return why(e, QB_ERR_FORMAT, "GIF 图片", "GIF picture");
    else if (n >= 2 && memcmp(d, "BM", 2) == 0)
        return why(e, QB_ERR_FORMAT, "BMP 图片", "BMP picture");
    else if (n >= 4 && (memcmp(d, "II*\0", 4) == 0 || memcmp(d, "MM\0*", 4) == 0))
        return why(e, QB_ERR_FORMAT, "TIFF 图片", "TIFF picture");
    else if (n == 0)
        return why(e, QB_ERR_FORMAT, "图片数据缺失", "the picture data is missing");
    else
        return why(e, QB_ERR_FORMAT, "不支持的图片格式", "unsupported picture format");
    if (img->w > QB_PICTURE_MAX_SIDE || img->h > QB_PICTURE_MAX_SIDE ||
        (unsigned long long)img->w * img->h > QB_PICTURE_MAX_PIXELS)
        return why(e, QB_ERR_LIMIT, "图片像素过多（超过 4000 万）", "picture over 40 megapixels");
    return QB_OK;
}

qb_status qb_picture_probe(const unsigned char *d, size_t n, qb_picture *img, qb_err *e)
{
    unsigned sof = 0;
    return probe(d, n, img, &sof, e);
}

static const char corrupt_zh[] = "图片数据损坏，无法解码", corrupt_en[] = "the picture data is corrupt";

/* ---- PNG ---- */

static qb_status decode_png(const unsigned char *d, size_t n, qb_picture *img, qb_err *e)
{
    png_image im;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&im, d, n)) {
        qb_err_set(e, QB_ERR_FORMAT, "%s%.0s（PNG：%s）", "%.0s%s (PNG: %s)", corrupt_zh, corrupt_en, im.message);
        png_image_free(&im);
        return QB_ERR_FORMAT;
    }
    if (im.width > QB_PICTURE_MAX_SIDE || im.height > QB_PICTURE_MAX_SIDE ||
        (unsigned long long)im.width * im.height > QB_PICTURE_MAX_PIXELS) {
        png_image_free(&im);
        return why(e, QB_ERR_LIMIT, "图片像素过多（超过 4000 万）", "picture over 40 megapixels");
    }
    /* 8-bit sRGB: a palette stays a palette (one byte a pixel), the rest gray or RGB;
     * 16 bits and tRNS expanded by libpng, and alpha composited on the white of the
     * page (the background below) */
    int indexed = (im.format & PNG_FORMAT_FLAG_COLORMAP) != 0;
    im.format = indexed ? PNG_FORMAT_RGB_COLORMAP : (im.format & PNG_FORMAT_FLAG_COLOR) ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
    unsigned char *px = malloc(PNG_IMAGE_SIZE(im)), *pal = indexed ? malloc(3 * 256) : NULL;
    if (!px || (indexed && !pal)) {
        png_image_free(&im);
        free(px);
        free(pal);
        return qb_err_status(e, QB_ERR_NOMEM);
    }
    png_color white = {255, 255, 255};
    if (indexed)
        im.colormap_entries = 256; /* the buffer's room; libpng sets what it used */
    if (!png_image_finish_read(&im, &white, px, 0, pal) || (indexed && im.colormap_entries == 0)) {
        qb_err_set(e, QB_ERR_FORMAT, "%s%.0s（PNG：%s）", "%.0s%s (PNG: %s)", corrupt_zh, corrupt_en, im.message);
        png_image_free(&im);
        free(px);
        free(pal);
        return QB_ERR_FORMAT;
    }
    img->w = im.width;
    img->h = im.height;
    img->channels = indexed ? 1 : (int)PNG_IMAGE_PIXEL_CHANNELS(im.format);
    img->pixels = px;
    img->palette = pal;
    img->npalette = indexed ? im.colormap_entries : 0;
    return QB_OK;
}

/* ---- JPEG ---- */

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf back;
    int warned;      /* libjpeg recovered from damage */
    int eof;         /* the data ended before the image did */
    unsigned eof_row;/* rows output when it ended */
    char msg[JMSG_LENGTH_MAX];
} jpeg_err;

static void jpeg_fail(j_common_ptr c)
{
    jpeg_err *j = (jpeg_err *)c->err;
    c->err->format_message(c, j->msg);
    longjmp(j->back, 1);
}

static void jpeg_note(j_common_ptr c, int level)
{
    jpeg_err *j = (jpeg_err *)c->err;
    if (level < 0) {
        j->warned = 1;
        if (c->err->msg_code == JWRN_JPEG_EOF && !j->eof) {
            j->eof = 1;
            j->eof_row = ((j_decompress_ptr)c)->output_scanline;
        }
    }
}

static void jpeg_quiet(j_common_ptr c) { (void)c; }

static void jpeg_progress(j_common_ptr c)
{
    j_decompress_ptr d = (j_decompress_ptr)c;
    if (d->input_scan_number > MAX_JPEG_SCANS) {
        jpeg_err *j = (jpeg_err *)c->err;
        snprintf(j->msg, sizeof j->msg, "more than %d scans", MAX_JPEG_SCANS);
        longjmp(j->back, 1);
    }
}

/* CMYK (Adobe's inverted form when the APP14 marker says so) to RGB, one row. */
static void cmyk_row(const unsigned char *in, unsigned char *out, unsigned w, int inverted)
{
    for (unsigned x = 0; x < w; x++, in += 4, out += 3) {
        unsigned k = inverted ? in[3] : 255u - in[3];
        for (int i = 0; i < 3; i++)
            out[i] = (unsigned char)(((inverted ? in[i] : 255u - in[i]) * k + 127) / 255);
    }
}

/* One pass of libjpeg over the data: into img->pixels at the least scale M/8 that still
 * gives at least min_w × min_h (full size when 0), or (check) at 1/8 scale into a
 * scratch row only, to see every byte decode. */
static qb_status jpeg_pass(const unsigned char *d, size_t n, volatile int check, unsigned min_w, unsigned min_h,
                           qb_picture *img, qb_err *e)
{
    struct jpeg_decompress_struct c;
    struct jpeg_progress_mgr pm = {.progress_monitor = jpeg_progress};
    jpeg_err j;
    memset(&j, 0, sizeof j);
    unsigned char *volatile px = NULL, *volatile row = NULL;
    c.err = jpeg_std_error(&j.pub);
    j.pub.error_exit = jpeg_fail;
    j.pub.emit_message = jpeg_note;
    j.pub.output_message = jpeg_quiet;
    if (setjmp(j.back)) {
        jpeg_destroy_decompress(&c);
        free(px);
        free(row);
        return qb_err_set(e, QB_ERR_FORMAT, "%s%.0s（JPEG：%s）", "%.0s%s (JPEG: %s)", corrupt_zh, corrupt_en, j.msg);
    }
    jpeg_create_decompress(&c);
    c.mem->max_memory_to_use = MAX_JPEG_MEMORY;
    c.progress = &pm;
    jpeg_mem_src(&c, d, (unsigned long)n);
    jpeg_read_header(&c, TRUE);
    if (c.image_width > QB_PICTURE_MAX_SIDE || c.image_height > QB_PICTURE_MAX_SIDE ||
        (unsigned long long)c.image_width * c.image_height > QB_PICTURE_MAX_PIXELS) {
        jpeg_destroy_decompress(&c);
        return why(e, QB_ERR_LIMIT, "图片像素过多（超过 4000 万）", "picture over 40 megapixels");
    }
    int cmyk = c.jpeg_color_space == JCS_CMYK || c.jpeg_color_space == JCS_YCCK;
    if (check) {
        c.scale_num = 1;
        c.scale_denom = 8;
        c.dct_method = JDCT_IFAST;
        c.do_fancy_upsampling = FALSE;
    } else if (min_w || min_h) {
        /* libjpeg-turbo's scaled inverse DCT: a scan shown at a third of its pixels is
         * decoded at 3/8 of them, not whole and then averaged (4× less time and memory) */
        for (unsigned m = 1; m < 8; m++)
            if (((unsigned long long)c.image_width * m + 7) / 8 >= min_w &&
                ((unsigned long long)c.image_height * m + 7) / 8 >= min_h) {
                c.scale_num = m;
                c.scale_denom = 8;
                break;
            }
    }
    c.out_color_space = c.num_components == 1 ? JCS_GRAYSCALE : cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(&c);
    unsigned w = c.output_width, h = c.output_height, comps = (unsigned)c.output_components;
    int channels = comps == 1 ? 1 : 3;
    if (!check && (px = malloc((size_t)w * h * (size_t)channels)) == NULL) {
        jpeg_destroy_decompress(&c);
        return qb_err_status(e, QB_ERR_NOMEM);
    }
    if ((check || cmyk) && (row = malloc((size_t)w * comps)) == NULL) {
        jpeg_destroy_decompress(&c);
        free(px);
        return qb_err_status(e, QB_ERR_NOMEM);
    }
    /* a sequential JPEG whose data ends in its last two rows of blocks (decoding runs
     * one ahead) lacks its end marker, or little more: drawn, as every viewer does */
    unsigned tail = 2u * (unsigned)c.max_v_samp_factor * (unsigned)c.min_DCT_scaled_size;
    while (c.output_scanline < h && (!j.eof || (!c.progressive_mode && j.eof_row + tail >= h))) {
        unsigned char *dst = check ? NULL : px + (size_t)c.output_scanline * w * (size_t)channels;
        JSAMPROW r = row ? row : dst;
        if (jpeg_read_scanlines(&c, &r, 1) != 1)
            break;
        if (!check && cmyk)
            cmyk_row(row, dst, w, c.saw_Adobe_marker);
    }
    int truncated = j.eof && (c.progressive_mode || j.eof_row + tail < h); /* rows missing */
    if (!truncated)
        jpeg_finish_decompress(&c);
    jpeg_destroy_decompress(&c);
    free(row);
    if (truncated) {
        free(px);
        return why(e, QB_ERR_FORMAT, "JPEG 数据不完整", "truncated JPEG");
    }
    img->w = w;
    img->h = h;
    img->channels = check ? (int)comps : channels;
    img->pixels = px;
    img->passthrough = check && !j.warned;
    return QB_OK;
}

static qb_status decode(const unsigned char *d, size_t n, unsigned flags, unsigned min_w, unsigned min_h,
                        qb_picture *img, qb_err *e)
{
    unsigned sof = 0;
    qb_status st = probe(d, n, img, &sof, e);
    if (st != QB_OK)
        return st;
    int orientation = img->orientation;
    if (img->kind == QB_PICTURE_PNG)
        st = decode_png(d, n, img, e);
    else {
        /* the PDF may carry the JPEG as it is only when libjpeg read it without a
         * complaint and any viewer decodes it: 8-bit Huffman gray or colour */
        int sof_ok = img->channels != 4 && (sof == 0xC0 || sof == 0xC1 || sof == 0xC2);
        st = QB_ERR_FORMAT;
        if ((flags & QB_PICTURE_KEEP_JPEG) && sof_ok) {
            qb_picture probe = *img;
            st = jpeg_pass(d, n, 1, 0, 0, img, e);
            if (st == QB_OK && img->passthrough) { /* the frame header's size, not the scaled one */
                img->w = probe.w;
                img->h = probe.h;
            }
            if (st != QB_OK || img->passthrough)
                goto done;
        }
        st = jpeg_pass(d, n, 0, min_w, min_h, img, e);
    }
done:
    img->orientation = orientation;
    if (st != QB_OK)
        qb_picture_free(img);
    return st;
}

qb_status qb_picture_decode(const unsigned char *d, size_t n, unsigned flags, qb_picture *img, qb_err *e)
{
    return decode(d, n, flags, 0, 0, img, e);
}

qb_status qb_picture_decode_for(const unsigned char *d, size_t n, unsigned min_w, unsigned min_h, qb_picture *img,
                                qb_err *e)
{
    return decode(d, n, 0, min_w, min_h, img, e);
}

void qb_picture_free(qb_picture *img)
{
    free(img->pixels);
    free(img->palette);
    memset(img, 0, sizeof *img);
    img->orientation = 1;
}
