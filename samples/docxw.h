/* docxw.h — a small DOCX-writing layer for the sample generator (samples/mksample.c):
 * an XML text builder, a ZIP package with fixed timestamps (so the same samples give
 * the same bytes), and a palette PNG encoder that needs no zlib (stored deflate blocks).
 *
 * Header-only with static inline functions because every .c file in samples/ is built
 * as its own program. Errors are sticky: a dw_xml remembers its first failure, every call
 * after it does nothing, and the caller checks the status once per finished part. */
#ifndef QB_DOCXW_H
#define QB_DOCXW_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "buf.h"
#include "qb.h"

/* ---------------------------------------------------------------- XML text */

typedef struct {
    qb_buf b;
    qb_status st;
} dw_xml;

static inline qb_status dw_puts(dw_xml *x, const char *s)
{
    if (x->st == QB_OK)
        x->st = qb_buf_adds(&x->b, s);
    return x->st;
}

static inline qb_status dw_printf(dw_xml *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline qb_status dw_printf(dw_xml *x, const char *fmt, ...)
{
    if (x->st != QB_OK)
        return x->st;
    va_list ap;
    va_start(ap, fmt);
    char *s = qb_vasprintf(fmt, ap);
    va_end(ap);
    if (!s)
        return x->st = QB_ERR_NOMEM;
    x->st = qb_buf_adds(&x->b, s);
    free(s);
    return x->st;
}

/* Append n bytes of text with &, <, > and " escaped. */
static inline qb_status dw_text(dw_xml *x, const char *s, size_t n)
{
    for (size_t i = 0; i < n && x->st == QB_OK; i++) {
        switch (s[i]) {
        case '&': dw_puts(x, "&amp;"); break;
        case '<': dw_puts(x, "&lt;"); break;
        case '>': dw_puts(x, "&gt;"); break;
        case '"': dw_puts(x, "&quot;"); break;
        default: x->st = qb_buf_add(&x->b, s + i, 1);
        }
    }
    return x->st;
}

static inline void dw_xml_free(dw_xml *x)
{
    qb_buf_free(&x->b);
    x->st = QB_OK;
}

#define DW_XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
#define DW_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DW_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define DW_NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define DW_NS_PIC "http://schemas.openxmlformats.org/drawingml/2006/picture"
#define DW_NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define DW_NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define DW_NS_WPS "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
#define DW_NS_C "http://schemas.openxmlformats.org/drawingml/2006/chart"
#define DW_NS_WPG "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
#define DW_NS_PKGREL "http://schemas.openxmlformats.org/package/2006/relationships"
#define DW_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define DW_CT "application/vnd.openxmlformats-officedocument."
#define DW_CT_CHART DW_CT "drawingml.chart+xml"

/* ---------------------------------------------------------------- ZIP package */

/* Every entry gets this modification time (2024-01-01 00:00:00 UTC); mksample sets
 * TZ=UTC first, because libzip converts it to a DOS date in local time. */
#define DW_MTIME ((time_t)1704067200)

typedef struct {
    zip_t *z;
    char why[160];
} dw_pkg;

static inline qb_status dw_pkg_open(dw_pkg *p, const char *path)
{
    int err = 0;
    p->why[0] = '\0';
    p->z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!p->z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        snprintf(p->why, sizeof p->why, "%s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return QB_ERR_IO;
    }
    return QB_OK;
}

/* Add a part; the package takes the malloc'ed bytes (freed by libzip, also on failure). */
static inline qb_status dw_pkg_add(dw_pkg *p, const char *name, char *bytes, size_t len)
{
    zip_source_t *src = zip_source_buffer(p->z, bytes, len, 1);
    if (!src) {
        free(bytes);
        snprintf(p->why, sizeof p->why, "%s: %s", name, zip_strerror(p->z));
        return QB_ERR_NOMEM;
    }
    zip_int64_t idx = zip_file_add(p->z, name, src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        zip_source_free(src);
        snprintf(p->why, sizeof p->why, "%s: %s", name, zip_strerror(p->z));
        return QB_ERR_IO;
    }
    if (zip_file_set_mtime(p->z, (zip_uint64_t)idx, DW_MTIME, 0) != 0 ||
        zip_set_file_compression(p->z, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 9) != 0) {
        snprintf(p->why, sizeof p->why, "%s: %s", name, zip_strerror(p->z));
        return QB_ERR_IO;
    }
    return QB_OK;
}

/* Add a finished XML part (takes its buffer; fails with the part's sticky status). */
static inline qb_status dw_pkg_add_xml(dw_pkg *p, const char *name, dw_xml *x)
{
    if (x->st != QB_OK) {
        qb_status st = x->st;
        dw_xml_free(x);
        snprintf(p->why, sizeof p->why, "%s: %s", name, qb_status_str(st));
        return st;
    }
    size_t len = x->b.len;
    char *bytes = qb_buf_take(&x->b);
    if (!bytes)
        return QB_ERR_NOMEM;
    return dw_pkg_add(p, name, bytes, len);
}

/* Write the archive (on failure nothing is left behind). */
static inline qb_status dw_pkg_close(dw_pkg *p)
{
    if (zip_close(p->z) != 0) {
        snprintf(p->why, sizeof p->why, "%s", zip_strerror(p->z));
        zip_discard(p->z);
        p->z = NULL;
        return QB_ERR_IO;
    }
    p->z = NULL;
    return QB_OK;
}

static inline void dw_pkg_discard(dw_pkg *p)
{
    if (p->z)
        zip_discard(p->z);
    p->z = NULL;
}

/* ---------------------------------------------------------------- PNG */

static inline uint32_t dw_crc32(uint32_t crc, const unsigned char *s, size_t n)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++) {
        crc ^= s[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

static inline void dw_be32(unsigned char *o, uint32_t v)
{
    o[0] = (unsigned char)(v >> 24);
    o[1] = (unsigned char)(v >> 16);
    o[2] = (unsigned char)(v >> 8);
    o[3] = (unsigned char)v;
}

static inline qb_status dw_png_chunk(qb_buf *b, const char *type, const unsigned char *data, size_t n)
{
    unsigned char hdr[8];
    dw_be32(hdr, (uint32_t)n);
    memcpy(hdr + 4, type, 4);
    uint32_t crc = dw_crc32(dw_crc32(0, hdr + 4, 4), data, n);
    unsigned char tail[4];
    dw_be32(tail, crc);
    qb_status st = qb_buf_add(b, (const char *)hdr, 8);
    if (st == QB_OK && n)
        st = qb_buf_add(b, (const char *)data, n);
    if (st == QB_OK)
        st = qb_buf_add(b, (const char *)tail, 4);
    return st;
}

/* Encode an 8-bit palette image (w*h indices into pal, ncolors RGB triples) as PNG.
 * The zlib stream uses stored (uncompressed) deflate blocks; the ZIP compresses it. */
static inline qb_status dw_png(const unsigned char *pix, unsigned w, unsigned h,
                               const unsigned char *pal, unsigned ncolors, qb_buf *out)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    unsigned char ihdr[13];
    dw_be32(ihdr, w);
    dw_be32(ihdr + 4, h);
    ihdr[8] = 8;  /* bit depth */
    ihdr[9] = 3;  /* palette */
    ihdr[10] = ihdr[11] = ihdr[12] = 0;
    size_t raw_len = (size_t)(w + 1) * h; /* filter byte 0 before each row */
    size_t nblocks = raw_len / 65535 + 1;
    size_t z_len = 2 + raw_len + 5 * nblocks + 4;
    unsigned char *z = malloc(z_len);
    if (!z)
        return QB_ERR_NOMEM;
    size_t zi = 0, done = 0;
    uint32_t a = 1, bsum = 0; /* Adler-32 of the raw bytes */
    z[zi++] = 0x78;
    z[zi++] = 0x01;
    for (size_t blk = 0; blk < nblocks; blk++) {
        size_t n = raw_len - done < 65535 ? raw_len - done : 65535;
        z[zi++] = blk + 1 == nblocks ? 1 : 0;
        z[zi++] = (unsigned char)(n & 0xFF);
        z[zi++] = (unsigned char)(n >> 8);
        z[zi++] = (unsigned char)(~n & 0xFF);
        z[zi++] = (unsigned char)((~n >> 8) & 0xFF);
        for (size_t k = 0; k < n; k++, done++) {
            size_t row = done / (w + 1), col = done % (w + 1);
            unsigned char v = col == 0 ? 0 : pix[row * w + col - 1];
            z[zi++] = v;
            a = (a + v) % 65521u;
            bsum = (bsum + a) % 65521u;
        }
    }
    dw_be32(z + zi, (bsum << 16) | a);
    zi += 4;
    qb_status st = qb_buf_add(out, (const char *)sig, 8);
    if (st == QB_OK)
        st = dw_png_chunk(out, "IHDR", ihdr, sizeof ihdr);
    if (st == QB_OK)
        st = dw_png_chunk(out, "PLTE", pal, 3 * (size_t)ncolors);
    if (st == QB_OK)
        st = dw_png_chunk(out, "IDAT", z, zi);
    if (st == QB_OK)
        st = dw_png_chunk(out, "IEND", NULL, 0);
    free(z);
    return st;
}

/* ---------------------------------------------------------------- charts */

/* A Word chart part (word/charts/chartN.xml) as Word writes one, with the caches a
 * reader draws from (no embedded workbook: Word shows such a chart, it only cannot edit
 * its data). The hostile knobs write what a broken or malicious part may hold. */
typedef struct {
    const char *type;           /* the plot's element without "Chart": "bar", "line", "pie", "doughnut", "bar3D" … */
    const char *bar_dir;        /* c:barDir of a bar chart: "col" or "bar" */
    const char *title;          /* c:title rich text; NULL: none */
    int ncat;
    const char *const *cats;    /* ncat category labels */
    int nser;
    const char *const *names;   /* nser series names */
    const char *const *values;  /* nser × ncat texts of c:v, series by series ("abc" is written as is) */
    const char *const *colors;  /* nser RRGGBB (a:srgbClr) or NULL entries; NULL: none given */
    int show_val;               /* c:dLbls with c:showVal */
    const char *pt_count;       /* the values' c:ptCount as written (NULL: ncat) */
    const char *last_idx;       /* a last c:pt of each series at this c:idx (NULL: none) */
    int no_cache;               /* c:val holds a c:numRef without its c:numCache */
    int repeat;                 /* the series written this many times (0: once) */
    const char *const *pt_colors; /* ncat RRGGBB or NULL entries: the first series' points' own (c:dPt); NULL: none */
    const char *vary;           /* c:varyColors val; NULL: as Word writes it (1 for a pie or doughnut, else 0) */
    const char *val_min, *val_max, *major_unit; /* c:valAx c:scaling c:min, c:max and c:majorUnit; NULL: automatic */
} dw_chart;

static inline void dw_chart_text(dw_xml *x, const char *s)
{
    dw_text(x, s, strlen(s));
}

/* <c:NAME val="V"/> when v is not NULL */
static inline void dw_chart_attr(dw_xml *x, const char *name, const char *v)
{
    if (!v)
        return;
    dw_printf(x, "<c:%s val=\"", name);
    dw_chart_text(x, v);
    dw_puts(x, "\"/>");
}

static inline void dw_chart_xml(dw_xml *x, const dw_chart *c)
{
    int is_bar = strncmp(c->type, "bar", 3) == 0;
    dw_puts(x, DW_XML_DECL "<c:chartSpace xmlns:c=\"" DW_NS_C "\" xmlns:a=\"" DW_NS_A "\" xmlns:r=\"" DW_NS_R "\">"
               "<c:date1904 val=\"0\"/><c:lang val=\"zh-CN\"/><c:roundedCorners val=\"0\"/><c:chart>");
    if (c->title) {
        dw_puts(x, "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:r>"
                   "<a:rPr lang=\"zh-CN\" altLang=\"en-US\"/><a:t>");
        dw_chart_text(x, c->title);
        dw_puts(x, "</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title><c:autoTitleDeleted val=\"0\"/>");
    } else {
        dw_puts(x, "<c:autoTitleDeleted val=\"1\"/>");
    }
    dw_printf(x, "<c:plotArea><c:layout/><c:%sChart>", c->type);
    if (is_bar)
        dw_printf(x, "<c:barDir val=\"%s\"/><c:grouping val=\"clustered\"/>", c->bar_dir ? c->bar_dir : "col");
    else if (strcmp(c->type, "line") == 0)
        dw_puts(x, "<c:grouping val=\"standard\"/>");
    int pie = strcmp(c->type, "pie") == 0 || strcmp(c->type, "doughnut") == 0;
    dw_printf(x, "<c:varyColors val=\"%s\"/>", c->vary ? c->vary : pie ? "1" : "0");
    int times = c->repeat > 0 ? c->repeat : 1;
    for (int t = 0, idx = 0; t < times; t++) {
        for (int s = 0; s < c->nser; s++, idx++) {
            dw_printf(x, "<c:ser><c:idx val=\"%d\"/><c:order val=\"%d\"/><c:tx><c:strRef><c:f>Sheet1!$%c$1</c:f>"
                         "<c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>", idx, idx, 'B' + s % 24);
            dw_chart_text(x, c->names[s]);
            dw_puts(x, "</c:v></c:pt></c:strCache></c:strRef></c:tx>");
            if (c->colors && c->colors[s])
                dw_printf(x, "<c:spPr><a:solidFill><a:srgbClr val=\"%s\"/></a:solidFill></c:spPr>", c->colors[s]);
            for (int i = 0; s == 0 && c->pt_colors && i < c->ncat; i++)
                if (c->pt_colors[i])
                    dw_printf(x, "<c:dPt><c:idx val=\"%d\"/><c:bubble3D val=\"0\"/><c:spPr><a:solidFill>"
                                 "<a:srgbClr val=\"%s\"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val=\"FFFFFF\"/>"
                                 "</a:solidFill></a:ln></c:spPr></c:dPt>", i, c->pt_colors[i]);
            dw_printf(x, "<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$%d</c:f><c:strCache><c:ptCount val=\"%d\"/>",
                      c->ncat + 1, c->ncat);
            for (int i = 0; i < c->ncat; i++) {
                dw_printf(x, "<c:pt idx=\"%d\"><c:v>", i);
                dw_chart_text(x, c->cats[i]);
                dw_puts(x, "</c:v></c:pt>");
            }
            dw_printf(x, "</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!$%c$2:$%c$%d</c:f>",
                      'B' + s % 24, 'B' + s % 24, c->ncat + 1);
            if (!c->no_cache) {
                dw_puts(x, "<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"");
                if (c->pt_count)
                    dw_chart_text(x, c->pt_count);
                else
                    dw_printf(x, "%d", c->ncat);
                dw_puts(x, "\"/>");
                for (int i = 0; i < c->ncat; i++) {
                    dw_printf(x, "<c:pt idx=\"%d\"><c:v>", i);
                    dw_chart_text(x, c->values[s * c->ncat + i]);
                    dw_puts(x, "</c:v></c:pt>");
                }
                if (c->last_idx) {
                    dw_puts(x, "<c:pt idx=\"");
                    dw_chart_text(x, c->last_idx);
                    dw_puts(x, "\"><c:v>1</c:v></c:pt>");
                }
                dw_puts(x, "</c:numCache>");
            }
            dw_puts(x, "</c:numRef></c:val>");
            if (strcmp(c->type, "line") == 0)
                dw_puts(x, "<c:smooth val=\"0\"/>");
            dw_puts(x, "</c:ser>");
        }
    }
    if (c->show_val)
        dw_puts(x, "<c:dLbls><c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/>"
                   "<c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>");
    if (is_bar)
        dw_puts(x, "<c:gapWidth val=\"150\"/>");
    if (pie) {
        dw_puts(x, "<c:firstSliceAng val=\"0\"/>");
        if (strcmp(c->type, "doughnut") == 0)
            dw_puts(x, "<c:holeSize val=\"50\"/>");
        dw_printf(x, "</c:%sChart>", c->type);
    } else {
        dw_printf(x, "<c:axId val=\"1001\"/><c:axId val=\"1002\"/></c:%sChart>"
                     "<c:catAx><c:axId val=\"1001\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>"
                     "<c:delete val=\"0\"/><c:axPos val=\"%s\"/><c:crossAx val=\"1002\"/></c:catAx>"
                     "<c:valAx><c:axId val=\"1002\"/><c:scaling><c:orientation val=\"minMax\"/>",
                  c->type, c->bar_dir && !strcmp(c->bar_dir, "bar") ? "l" : "b");
        dw_chart_attr(x, "max", c->val_max);
        dw_chart_attr(x, "min", c->val_min);
        dw_printf(x, "</c:scaling><c:delete val=\"0\"/><c:axPos val=\"%s\"/><c:majorGridlines/><c:crossAx val=\"1001\"/>",
                  c->bar_dir && !strcmp(c->bar_dir, "bar") ? "b" : "l");
        dw_chart_attr(x, "majorUnit", c->major_unit);
        dw_puts(x, "</c:valAx>");
    }
    dw_puts(x, "</c:plotArea><c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend>"
               "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart></c:chartSpace>");
}

/* The run that places a chart part (relationship rid) inline at cx × cy EMU. */
static inline void dw_chart_run(dw_xml *x, int docpr, const char *rid, long cx, long cy)
{
    dw_printf(x, "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
                 "<wp:extent cx=\"%ld\" cy=\"%ld\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
                 "<wp:docPr id=\"%d\" name=\"图表 %d\"/><wp:cNvGraphicFramePr/>"
                 "<a:graphic xmlns:a=\"" DW_NS_A "\"><a:graphicData uri=\"" DW_NS_C "\">"
                 "<c:chart xmlns:c=\"" DW_NS_C "\" xmlns:r=\"" DW_NS_R "\" r:id=\"%s\"/>"
                 "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>",
              cx, cy, docpr, docpr, rid);
}

#endif
