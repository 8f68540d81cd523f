/* mkdossier — fixtures for the dossier's proof material, built by construction:
 *
 *   mkdossier pdfs DIR         DIR/plain.pdf      3 pages: A4 portrait, A4 landscape, and
 *                                                 A5 shown turned (/Rotate 90), each with a
 *                                                 line of text naming it
 *                              DIR/encrypted.pdf  1 page, opens only with a password
 *                              DIR/broken.pdf     the first 400 bytes of plain.pdf
 *   mkdossier scans DIR N W H  DIR/scan-01.jpg … N noisy W × H JPEGs (quality 95): scans
 *                              as large as real ones, for the dossier's size
 *
 * The text of plain.pdf is "QB PROOF PAGE n" in a standard font, so pdftotext finds it
 * again in the dossier. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <jpeglib.h> /* after stdio.h: it uses FILE */

#include "cli.h"

static void on_error(HPDF_STATUS no, HPDF_STATUS detail, void *user)
{
    (void)user;
    fprintf(stderr, "mkdossier: libharu error %04X (%u)\n", (unsigned)no, (unsigned)detail);
    exit(1);
}

static void page(HPDF_Doc pdf, HPDF_Font font, HPDF_PageSizes size, HPDF_PageDirection dir, int n)
{
    HPDF_Page p = HPDF_AddPage(pdf);
    HPDF_Page_SetSize(p, size, dir);
    float w = HPDF_Page_GetWidth(p), h = HPDF_Page_GetHeight(p);
    HPDF_Page_SetLineWidth(p, 4);
    HPDF_Page_Rectangle(p, 20, 20, w - 40, h - 40); /* a frame: where the page ends */
    HPDF_Page_Stroke(p);
    char text[64];
    snprintf(text, sizeof text, "QB PROOF PAGE %d", n);
    HPDF_Page_BeginText(p);
    HPDF_Page_SetFontAndSize(p, font, 28);
    HPDF_Page_TextOut(p, 60, h - 100, text);
    HPDF_Page_EndText(p);
    if (n == 3)
        HPDF_Page_SetRotate(p, 90);
}

static int save(HPDF_Doc pdf, const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int rc = HPDF_SaveToFile(pdf, path) == HPDF_OK ? 0 : 1;
    HPDF_Free(pdf);
    return rc;
}

static int pdfs(const char *dir)
{
    HPDF_Doc pdf = HPDF_New(on_error, NULL);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_Font f = HPDF_GetFont(pdf, "Helvetica", NULL);
    page(pdf, f, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT, 1);
    page(pdf, f, HPDF_PAGE_SIZE_A4, HPDF_PAGE_LANDSCAPE, 2);
    page(pdf, f, HPDF_PAGE_SIZE_A5, HPDF_PAGE_PORTRAIT, 3);
    if (save(pdf, dir, "plain.pdf"))
        return 1;
    pdf = HPDF_New(on_error, NULL);
    f = HPDF_GetFont(pdf, "Helvetica", NULL);
    page(pdf, f, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT, 9);
    HPDF_SetPassword(pdf, "owner-secret", "user-secret");
    HPDF_SetEncryptionMode(pdf, HPDF_ENCRYPT_R3, 16);
    if (save(pdf, dir, "encrypted.pdf"))
        return 1;
    /* broken: the start of plain.pdf only */
    char in[4096], out[4096], buf[400];
    snprintf(in, sizeof in, "%s/plain.pdf", dir);
    snprintf(out, sizeof out, "%s/broken.pdf", dir);
    FILE *a = fopen(in, "rb"), *b = fopen(out, "wb");
    size_t n = a ? fread(buf, 1, sizeof buf, a) : 0;
    int rc = a && b && n == sizeof buf && fwrite(buf, 1, n, b) == n ? 0 : 1;
    if (a)
        fclose(a);
    if (b && fclose(b) != 0)
        rc = 1;
    return rc;
}

/* xorshift: the same noise on every run */
static uint32_t rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static int scans(const char *dir, int count, unsigned w, unsigned h)
{
    unsigned char *row = malloc((size_t)w * 3);
    if (!row)
        return 1;
    uint32_t seed = 2463534242u;
    for (int k = 1; k <= count; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/scan-%02d.jpg", dir, k);
        FILE *f = fopen(path, "wb");
        if (!f) {
            free(row);
            return 1;
        }
        struct jpeg_compress_struct c;
        struct jpeg_error_mgr err;
        c.err = jpeg_std_error(&err); /* a fixture tool: libjpeg's exit on error is fine */
        jpeg_create_compress(&c);
        jpeg_stdio_dest(&c, f);
        c.image_width = w;
        c.image_height = h;
        c.input_components = 3;
        c.in_color_space = JCS_RGB;
        jpeg_set_defaults(&c);
        jpeg_set_quality(&c, 95, TRUE);
        jpeg_start_compress(&c, TRUE);
        while (c.next_scanline < h) {
            /* paper with a dark band every 64 rows, and noise on everything */
            int band = (c.next_scanline / 32) % 2;
            for (unsigned x = 0; x < w * 3; x++)
                row[x] = (unsigned char)((band ? 60 : 200) + (int)(rnd(&seed) % 56));
            JSAMPROW r = row;
            jpeg_write_scanlines(&c, &r, 1);
        }
        jpeg_finish_compress(&c);
        jpeg_destroy_compress(&c);
        if (fclose(f) != 0) {
            free(row);
            return 1;
        }
    }
    free(row);
    return 0;
}

static void usage(FILE *out)
{
    fputs("用法 usage: mkdossier pdfs DIR         proof PDFs (plain, landscape, turned, encrypted, broken)\n"
          "       mkdossier scans DIR N W H    N noisy W×H scans, as JPEG files\n"
          "  -h, --help  this help\n",
          out);
}

int main(int argc, char **argv)
{
    int done = qb_cli_help_only("mkdossier", usage, argc, argv);
    if (done >= 0)
        return done;
    argc -= optind - 1; /* argv[1] is the command */
    argv += optind - 1;
    if (argc == 3 && !strcmp(argv[1], "pdfs"))
        return pdfs(argv[2]);
    if (argc == 6 && !strcmp(argv[1], "scans")) {
        int n = atoi(argv[3]), w = atoi(argv[4]), h = atoi(argv[5]);
        if (n > 0 && n < 100 && w > 0 && w <= 20000 && h > 0 && h <= 20000)
            return scans(argv[2], n, (unsigned)w, (unsigned)h);
    }
    return qb_cli_bad_usage("mkdossier", usage, "需要 pdfs DIR 或 scans DIR N W H pdfs DIR or scans DIR N W H is required", NULL);
}
