/* styles_docx.h — tiny DOCX packages written with libzip, for the style-cascade and
 * format-rule unit tests (styles_*.c). Header-only: each test is its own program.
 * A package is a body (the inner XML of w:body) plus optional styles, theme,
 * settings and numbering parts, and optionally one PNG picture (relationship
 * "rIdImg") for figures. */
#ifndef QB_TEST_STYLES_DOCX_H
#define QB_TEST_STYLES_DOCX_H

#include <stdio.h>
#include <string.h>
#include <zip.h>

#include "buf.h"

#define TD_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define TD_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define TD_W_NS "xmlns:w=\"" TD_W "\""
/* every namespace a body may use: w, r, wp, a, pic */
#define TD_BODY_NS                                                                                 \
    TD_W_NS " xmlns:r=\"" TD_REL "\""                                                              \
    " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""         \
    " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""                           \
    " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\""

typedef struct {
    const char *body;                                   /* inner XML of w:body */
    const char *styles, *theme, *settings, *numbering;  /* whole parts, or NULL */
    int image;                                          /* word/media/image1.png as rIdImg */
} tdocx;

/* A 1×1 PNG: enough for Word, WPS and LibreOffice to show a picture frame. */
static const unsigned char td_png[] = {
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};

static const char td_pkg_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" TD_REL "/officeDocument\" Target=\"word/document.xml\"/>"
    "</Relationships>";

static int td_add(zip_t *z, const char *name, const void *data, size_t len)
{
    zip_source_t *src = zip_source_buffer(z, data, len, 0);
    if (!src)
        return 0;
    if (zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) < 0) {
        zip_source_free(src);
        return 0;
    }
    return 1;
}

/* Write the package to path (created or replaced). Returns 1 on success. */
static int tdocx_write(const char *path, const tdocx *d)
{
    static const char *const types[] = {"styles", "theme", "settings", "numbering"};
    static const char *const files[] = {"styles.xml", "theme/theme1.xml", "settings.xml", "numbering.xml"};
    static const char *const cts[] = {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
        "application/vnd.openxmlformats-officedocument.theme+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"};
    const char *texts[] = {d->styles, d->theme, d->settings, d->numbering};
    qb_buf rels = {0}, ct = {0}, doc = {0};
    int good = qb_buf_adds(&rels, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                                  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">") == QB_OK;
    good &= qb_buf_adds(&ct, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                             "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                             "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                             "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                             "<Default Extension=\"png\" ContentType=\"image/png\"/>"
                             "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                             "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>") == QB_OK;
    for (int i = 0; i < 4; i++) {
        if (!texts[i])
            continue;
        good &= qb_buf_addf(&rels, "<Relationship Id=\"rId%d\" Type=\"" TD_REL "/%s\" Target=\"%s\"/>", i + 1,
                            types[i], files[i]) == QB_OK;
        good &= qb_buf_addf(&ct, "<Override PartName=\"/word/%s\" ContentType=\"%s\"/>", files[i], cts[i]) == QB_OK;
    }
    if (d->image)
        good &= qb_buf_adds(&rels, "<Relationship Id=\"rIdImg\" Type=\"" TD_REL "/image\" Target=\"media/image1.png\"/>") == QB_OK;
    good &= qb_buf_adds(&rels, "</Relationships>") == QB_OK;
    good &= qb_buf_adds(&ct, "</Types>") == QB_OK;
    good &= qb_buf_addf(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                              "<w:document " TD_BODY_NS "><w:body>%s</w:body></w:document>", d->body) == QB_OK;
    int err;
    zip_t *z = good ? zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err) : NULL;
    if (z) {
        good &= td_add(z, "[Content_Types].xml", ct.s, ct.len);
        good &= td_add(z, "_rels/.rels", td_pkg_rels, sizeof td_pkg_rels - 1);
        good &= td_add(z, "word/document.xml", doc.s, doc.len);
        good &= td_add(z, "word/_rels/document.xml.rels", rels.s, rels.len);
        for (int i = 0; i < 4; i++) {
            char name[64];
            snprintf(name, sizeof name, "word/%s", files[i]);
            if (texts[i])
                good &= td_add(z, name, texts[i], strlen(texts[i]));
        }
        if (d->image)
            good &= td_add(z, "word/media/image1.png", td_png, sizeof td_png);
        if (zip_close(z) != 0) {
            zip_discard(z);
            good = 0;
        }
    } else {
        good = 0;
    }
    qb_buf_free(&rels);
    qb_buf_free(&ct);
    qb_buf_free(&doc);
    return good;
}

#endif
