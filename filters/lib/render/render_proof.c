/* render_proof.c — the proof material: an inventory, then each item: the text (and
 * pictures) of DOCX proofs, JPEG/PNG images one per page, and for PDFs and other
 * files a pointer to the attachment that carries them. */
#include "render_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sniff.h"

#define MAX_IMAGE_FILE (64u << 20)

static char *human_size(const char *path)
{
    struct stat st;
    if (!path || stat(path, &st) != 0)
        return qb_strdup("—");
    double b = (double)st.st_size;
    if (b >= 1024.0 * 1024.0)
        return qb_asprintf("%.1f MB", b / (1024.0 * 1024.0));
    if (b >= 1024.0)
        return qb_asprintf("%.0f KB", b / 1024.0);
    return qb_asprintf("%.0f B", b);
}

static const char *kind_zh(qb_format f)
{
    switch (f) {
    case QB_FMT_JPEG: return "JPEG 图片";
    case QB_FMT_PNG: return "PNG 图片";
    case QB_FMT_PDF: return "PDF 文档";
    case QB_FMT_GIF: return "GIF 图片";
    case QB_FMT_BMP: return "BMP 图片";
    case QB_FMT_TIFF: return "TIFF 图片";
    case QB_FMT_ZIP: return "ZIP 文件";
    case QB_FMT_CFB: return "Word 97–2003 / WPS 文档";
    default: return "其他文件";
    }
}

/* What the reviewer finds in the dossier for a proof file. */
static char *where_shown(const rd *r, const char *path, qb_format f)
{
    char *att = rd_attach_name(r, path);
    char *s;
    if (f == QB_FMT_JPEG || f == QB_FMT_PNG)
        s = att ? qb_asprintf("图片见后页；原文件为附件 %s", att) : qb_strdup("图片见后页");
    else
        s = att ? qb_asprintf("无法在页面中显示，原文件为附件 %s", att) : qb_strdup("无法在页面中显示，未附原文件");
    free(att);
    return s;
}

static qb_status inventory(rd *r, const qb_format *fmt)
{
    const qb_render_input *in = r->in;
    size_t n = in->nproof_docs + in->nproof_files;
    rd_grid g;
    qb_status st = rd_grid_init(&g, n + 1, 5);
    if (st != QB_OK)
        return st;
    static float shares[5] = {0.08f, 0.36f, 0.14f, 0.1f, 0.32f};
    g.fixed = shares;
    g.header_rows = 1;
    rd_pstyle head = rd_ps(QB_FONT_HEI, RD_WUHAO, RD_CENTER), body = rd_ps(QB_FONT_SONG, RD_WUHAO, RD_LEFT),
              center = body;
    center.align = RD_CENTER;
    head.leading = body.leading = center.leading = 1.25f;
    const char *cols[5] = {"序号", "文件", "类型", "大小", "在本卷宗中"};
    for (size_t c = 0; c < 5 && st == QB_OK; c++) {
        rd_grid_cell(&g, 0, c)->shade = 1;
        st = rd_cell_text(&g, 0, c, &head, cols[c]);
    }
    for (size_t i = 0; i < n && st == QB_OK; i++) {
        int is_doc = i < in->nproof_docs;
        const qb_doc *d = is_doc ? in->proof_docs[i] : NULL;
        const char *path = is_doc ? d->source : in->proof_files[i - in->nproof_docs];
        char num[24];
        snprintf(num, sizeof num, "%zu", i + 1);
        char *size = human_size(path), *shown = NULL;
        if (is_doc) {
            char *att = rd_attach_name(r, path);
            shown = att ? qb_asprintf("文字见后；原文件为附件 %s", att) : qb_strdup("文字见后");
            free(att);
        } else {
            shown = where_shown(r, path, fmt[i - in->nproof_docs]);
        }
        const char *name = is_doc ? (d->file ? d->file : qb_basename(path ? path : "")) : qb_basename(path);
        st = size && shown ? rd_cell_text(&g, i + 1, 0, &center, num) : QB_ERR_NOMEM;
        if (st == QB_OK)
            st = rd_cell_text(&g, i + 1, 1, &body, name);
        if (st == QB_OK)
            st = rd_cell_text(&g, i + 1, 2, &center, is_doc ? "Word 文档" : kind_zh(fmt[i - in->nproof_docs]));
        if (st == QB_OK)
            st = rd_cell_text(&g, i + 1, 3, &center, size);
        if (st == QB_OK)
            st = rd_cell_text(&g, i + 1, 4, &body, shown);
        free(size);
        free(shown);
    }
    if (st == QB_OK)
        st = rd_table(r, &g);
    rd_grid_free(&g);
    return st;
}

static qb_status item_title(rd *r, size_t k, const char *name)
{
    char *t = qb_asprintf("证明材料 %zu：%s", k, name);
    if (!t)
        return QB_ERR_NOMEM;
    rd_pstyle ps = rd_ps(QB_FONT_HEI, RD_XIAOSI, RD_LEFT);
    ps.before = 8;
    ps.after = 6;
    ps.keep_next = 1;
    qb_status st = rd_need(r, 6 * RD_XIAOSI);
    if (st == QB_OK)
        st = rd_bookmark(r, t);
    if (st == QB_OK)
        st = rd_text(r, &ps, t);
    free(t);
    return st;
}

static qb_status image_page(rd *r, size_t k, const char *path)
{
    qb_status st = rd_new_page(r);
    if (st == QB_OK)
        st = item_title(r, k, qb_basename(path));
    if (st != QB_OK)
        return st;
    char *data = NULL;
    size_t len = 0;
    qb_status rs = qb_read_file(path, MAX_IMAGE_FILE, &data, &len);
    if (rs == QB_ERR_NOMEM)
        return rs;
    float maxh = r->collect ? 1 : r->y - r->mb;
    st = rd_picture(r, (const unsigned char *)(rs == QB_OK ? data : ""), rs == QB_OK ? len : 0, 0, 0,
                    rd_width(r), maxh, qb_basename(path), qb_basename(path));
    free(data);
    return st;
}

qb_status rd_part_proof(rd *r)
{
    const qb_render_input *in = r->in;
    if (in->nproof_docs + in->nproof_files == 0)
        return rd_missing_part(r, "证明材料", "材料包中没有证明材料。");
    qb_status st = rd_begin_part(r, "证明材料");
    if (st != QB_OK)
        return st;
    rd_pstyle ps = rd_ps(QB_FONT_HEI, RD_SANHAO, RD_CENTER);
    ps.after = 12;
    if ((st = rd_text(r, &ps, "证明材料")) != QB_OK)
        return st;
    qb_format *fmt = calloc(in->nproof_files + 1, sizeof *fmt);
    if (!fmt)
        return QB_ERR_NOMEM;
    for (size_t i = 0; i < in->nproof_files; i++)
        if (qb_sniff_file(in->proof_files[i], &fmt[i]) != QB_OK)
            fmt[i] = QB_FMT_UNKNOWN;
    st = inventory(r, fmt);
    size_t k = 1;
    for (size_t i = 0; i < in->nproof_docs && st == QB_OK; i++, k++) {
        const qb_doc *d = in->proof_docs[i];
        st = item_title(r, k, d->file ? d->file : "");
        if (st == QB_OK)
            st = rd_doc(r, d, RD_DOC_PLAIN, 0);
    }
    for (size_t i = 0; i < in->nproof_files && st == QB_OK; i++, k++)
        if (fmt[i] == QB_FMT_JPEG || fmt[i] == QB_FMT_PNG)
            st = image_page(r, k, in->proof_files[i]);
    free(fmt);
    return st;
}
