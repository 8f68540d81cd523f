/* mkimages — damaged and tricky pictures for the renderer's tests (tests/t55): each
 * variant written as OUTDIR/NAME.png|jpg and as OUTDIR/NAME.docx, a copy of a sample
 * write-up whose first figure (word/media/image1.png) is replaced by it. The damage
 * is the kind that made libharu 2.3's own PNG loader abort or read uninitialised
 * memory: a flipped IDAT byte, extra or missing IDAT data, a bad filter byte, an
 * invalid IHDR; plus a truncated JPEG, a clean JPEG, and a 4-bit palette PNG with
 * transparency whose expected pixels (composited on white) go to NAME.ppm.
 *
 *     mkimages BASE.docx OUTDIR      (BASE: e.g. mksample's compliant-direct.docx) */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jpeglib.h>
#include <zip.h>
#include <zlib.h>

#include "buf.h"
#include "cli.h"
#include "qb.h"

#define MTIME ((time_t)1704067200) /* as docxw.h's entries: 2024-01-01 */

static void be32(unsigned char *o, uint32_t v)
{
    o[0] = (unsigned char)(v >> 24);
    o[1] = (unsigned char)(v >> 16);
    o[2] = (unsigned char)(v >> 8);
    o[3] = (unsigned char)v;
}

/* One chunk; crc_ok = 0 writes a wrong CRC. */
static void chunk(qb_buf *b, const char *type, const unsigned char *d, size_t n, int crc_ok)
{
    unsigned char h[8], t[4];
    be32(h, (uint32_t)n);
    memcpy(h + 4, type, 4);
    uLong c = crc32(crc32(0, (const Bytef *)type, 4), d ? d : (const Bytef *)"", (uInt)n);
    be32(t, (uint32_t)(crc_ok ? c : c ^ 0x5a5a5a5au));
    qb_buf_add(b, (const char *)h, 8);
    if (n)
        qb_buf_add(b, (const char *)d, n);
    qb_buf_add(b, (const char *)t, 4);
}

/* The damage one PNG gets. */
enum { OK, FLIP, FLIP_CRC, EXTRA, EXTRA_CHUNK, MORE_ROWS, SHORT, BAD_FILTER, BAD_IHDR, BAD_DEPTH };

/* An RGB 8-bit gradient w×h, or (pal) the 4-bit palette picture; damaged as asked. */
static qb_status png(int damage, int pal, qb_buf *b)
{
    unsigned w = pal ? 61 : 64, h = pal ? 17 : 48, bpp = pal ? 0 : 3;
    unsigned rows = damage == MORE_ROWS ? h * 3 : h; /* image data for more rows than IHDR says */
    size_t stride = pal ? (w + 1) / 2 : (size_t)w * bpp, raw_len = (stride + 1) * rows;
    unsigned char *raw = calloc(1, raw_len);
    if (!raw)
        return QB_ERR_NOMEM;
    for (unsigned y = 0; y < rows; y++) {
        unsigned char *row = raw + y * (stride + 1);
        row[0] = damage == BAD_FILTER && y == h / 2 ? 9 : 0;
        for (unsigned x = 0; x < w; x++) {
            if (pal) { /* stripes of colours 1–15 with transparent (0) gaps */
                unsigned v = (x / 4 + y) % 16;
                row[1 + x / 2] |= (unsigned char)(x % 2 ? v : v << 4);
            } else {
                row[1 + x * 3] = (unsigned char)(x * 4);
                row[2 + x * 3] = (unsigned char)(y * 5 % 256);
                row[3 + x * 3] = (unsigned char)(255 - x * 2);
            }
        }
    }
    uLongf zl = compressBound((uLong)raw_len);
    unsigned char *z = malloc(zl + 64);
    if (!z || compress2(z, &zl, raw, (uLong)raw_len, 9) != Z_OK) {
        free(raw);
        free(z);
        return QB_ERR_NOMEM;
    }
    free(raw);
    unsigned char ihdr[13];
    be32(ihdr, w);
    be32(ihdr + 4, h);
    ihdr[8] = pal ? 4 : damage == BAD_DEPTH ? 7 : 8;
    ihdr[9] = pal ? 3 : damage == BAD_IHDR ? 5 : 2;
    ihdr[10] = ihdr[11] = ihdr[12] = 0;
    qb_buf_add(b, "\x89PNG\r\n\x1a\n", 8);
    chunk(b, "IHDR", ihdr, 13, 1);
    if (pal) {
        unsigned char plte[48], trns[16];
        for (int i = 0; i < 16; i++) {
            plte[i * 3] = (unsigned char)(i * 17);
            plte[i * 3 + 1] = (unsigned char)(200 - i * 10);
            plte[i * 3 + 2] = (unsigned char)(i % 2 ? 40 : 220);
            trns[i] = i == 0 || i == 7 ? 0 : 255; /* two transparent colours */
        }
        chunk(b, "PLTE", plte, 48, 1);
        chunk(b, "tRNS", trns, 16, 1);
    }
    size_t n = zl;
    if (damage == FLIP || damage == FLIP_CRC)
        z[n / 2] ^= 0x10;
    if (damage == SHORT)
        n /= 2;
    if (damage == EXTRA) { /* bytes after the end of the zlib stream, in the same chunk */
        memset(z + n, 0xAB, 64);
        n += 64;
    }
    chunk(b, "IDAT", z, n, damage != FLIP);
    if (damage == EXTRA_CHUNK) { /* a second IDAT after the complete stream */
        unsigned char junk[300];
        for (int i = 0; i < 300; i++)
            junk[i] = (unsigned char)(i * 7);
        chunk(b, "IDAT", junk, sizeof junk, 1);
    }
    chunk(b, "IEND", NULL, 0, 1);
    free(z);
    return qb_buf_status(b);
}

/* What the palette picture must look like: transparent pixels white. */
static qb_status expected_ppm(qb_buf *b)
{
    unsigned w = 61, h = 17;
    char head[32];
    int hl = snprintf(head, sizeof head, "P6\n%u %u\n255\n", w, h);
    qb_buf_add(b, head, (size_t)hl);
    for (unsigned y = 0; y < h; y++)
        for (unsigned x = 0; x < w; x++) {
            unsigned v = (x / 4 + y) % 16;
            unsigned char px[3] = {(unsigned char)(v * 17), (unsigned char)(200 - v * 10),
                                   (unsigned char)(v % 2 ? 40 : 220)};
            if (v == 0 || v == 7)
                px[0] = px[1] = px[2] = 255;
            qb_buf_add(b, (const char *)px, 3);
        }
    return qb_buf_status(b);
}

/* A clean baseline JPEG (libjpeg, quality 90), or its first 60 % (truncated mid-scan). */
static qb_status jpeg(int truncated, qb_buf *b)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr err;
    unsigned char *mem = NULL;
    unsigned long len = 0;
    unsigned w = 96, h = 64;
    c.err = jpeg_std_error(&err);
    jpeg_create_compress(&c);
    jpeg_mem_dest(&c, &mem, &len);
    c.image_width = w;
    c.image_height = h;
    c.input_components = 3;
    c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, 90, TRUE);
    jpeg_start_compress(&c, TRUE);
    unsigned char row[96 * 3];
    while (c.next_scanline < h) {
        for (unsigned x = 0; x < w; x++) {
            row[x * 3] = (unsigned char)(x * 2);
            row[x * 3 + 1] = (unsigned char)(c.next_scanline * 3);
            row[x * 3 + 2] = (unsigned char)((x + c.next_scanline) % 2 ? 30 : 220);
        }
        JSAMPROW r = row;
        jpeg_write_scanlines(&c, &r, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    qb_buf_add(b, (const char *)mem, truncated ? len * 6 / 10 : len);
    free(mem);
    return qb_buf_status(b);
}

static qb_status write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return QB_ERR_IO;
    int bad = fwrite(data, 1, len, f) != len;
    return fclose(f) != 0 || bad ? QB_ERR_IO : QB_OK;
}

/* BASE.docx copied to path with word/media/image1.png replaced by the picture. */
static qb_status write_docx(const char *base, const char *path, const qb_buf *pic)
{
    char *data = NULL;
    size_t len = 0;
    qb_status st = qb_read_file(base, 64u << 20, &data, &len);
    if (st != QB_OK)
        return st;
    st = write_file(path, data, len);
    free(data);
    if (st != QB_OK)
        return st;
    int err = 0;
    zip_t *z = zip_open(path, 0, &err);
    if (!z)
        return QB_ERR_IO;
    zip_int64_t idx = zip_name_locate(z, "word/media/image1.png", 0);
    char *copy = malloc(pic->len);
    zip_source_t *src = copy ? zip_source_buffer(z, memcpy(copy, pic->s, pic->len), pic->len, 1) : NULL;
    if (idx < 0 || !src || zip_file_replace(z, (zip_uint64_t)idx, src, 0) != 0 ||
        zip_file_set_mtime(z, (zip_uint64_t)idx, MTIME, 0) != 0) {
        if (src)
            zip_source_free(src);
        else
            free(copy);
        zip_discard(z);
        return QB_ERR_IO;
    }
    return zip_close(z) == 0 ? QB_OK : (zip_discard(z), QB_ERR_IO);
}

static void usage(FILE *out)
{
    fputs("用法 usage: mkimages BASE.docx OUTDIR\n"
          "  writes OUTDIR/NAME.png|jpg and OUTDIR/NAME.docx (BASE with its first figure replaced)\n"
          "  for each damaged or tricky picture, and OUTDIR/png-palette-trns.ppm (its expected pixels)\n"
          "  -h, --help  this help\n",
          out);
}

int main(int argc, char **argv)
{
    int done = qb_cli_help_only("mkimages", usage, argc, argv);
    if (done >= 0)
        return done;
    if (argc - optind != 2)
        return qb_cli_bad_usage("mkimages", usage, "需要 BASE.docx 和 OUTDIR BASE.docx and OUTDIR are required", NULL);
    argv += optind - 1; /* argv[1], argv[2]: BASE.docx, OUTDIR */
    setenv("TZ", "UTC", 1); /* libzip writes DOS times in local time */
    tzset();
    static const struct { const char *name; int png, damage, pal; } v[] = {
        {"png-ok", 1, OK, 0},           {"png-idat-flip", 1, FLIP, 0},
        {"png-idat-flip-crc", 1, FLIP_CRC, 0}, {"png-idat-extra", 1, EXTRA, 0},
        {"png-idat-extra-chunk", 1, EXTRA_CHUNK, 0}, {"png-idat-more-rows", 1, MORE_ROWS, 0},
        {"png-idat-short", 1, SHORT, 0},
        {"png-bad-filter", 1, BAD_FILTER, 0}, {"png-bad-ihdr", 1, BAD_IHDR, 0},
        {"png-bad-depth", 1, BAD_DEPTH, 0}, {"png-palette-trns", 1, OK, 1},
        {"jpeg-ok", 0, 0, 0},           {"jpeg-truncated", 0, 1, 0},
    };
    qb_status st = QB_OK;
    for (size_t i = 0; i < sizeof v / sizeof v[0] && st == QB_OK; i++) {
        qb_buf b = {0};
        st = v[i].png ? png(v[i].damage, v[i].pal, &b) : jpeg(v[i].damage, &b);
        char *pic = qb_asprintf("%s/%s.%s", argv[2], v[i].name, v[i].png ? "png" : "jpg");
        char *doc = qb_asprintf("%s/%s.docx", argv[2], v[i].name);
        if (st == QB_OK)
            st = pic && doc ? write_file(pic, b.s, b.len) : QB_ERR_NOMEM;
        if (st == QB_OK)
            st = write_docx(argv[1], doc, &b);
        if (st != QB_OK)
            fprintf(stderr, "mkimages: %s: %s\n", v[i].name, qb_status_str(st));
        free(pic);
        free(doc);
        qb_buf_free(&b);
    }
    if (st == QB_OK) {
        qb_buf b = {0};
        char *ppm = qb_asprintf("%s/png-palette-trns.ppm", argv[2]);
        st = ppm ? expected_ppm(&b) : QB_ERR_NOMEM;
        if (st == QB_OK)
            st = write_file(ppm, b.s, b.len);
        free(ppm);
        qb_buf_free(&b);
    }
    return st == QB_OK ? 0 : 1;
}
