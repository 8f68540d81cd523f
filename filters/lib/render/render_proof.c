/* render_proof.c — the proof material: an inventory, then each item: the text (and
 * pictures) of DOCX proofs, JPEG/PNG images one per page, and for PDFs and other
 * files a pointer to the attachment that carries them. */
#include "render_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sniff.h"
#include "utf8.h"

#define MAX_IMAGE_FILE (64u << 20)
/* a proof of more pages is shown in part (and attached whole) */
#define QB_PROOF_PDF_MAX_PAGES 500u

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
static char *where_shown(const rd *r, size_t i, qb_format f)
{
    const char *path = r->in->proof_files[i];
    if (f == QB_FMT_JPEG || f == QB_FMT_PNG)
        return qb_strdup("图片见后页");
    if (f == QB_FMT_PDF && r->pdf_pages[i])
        return qb_asprintf("共 %u 页，见后页", r->pdf_pages[i]);
    char *att = rd_attach_name(r, path);
    char *s = att ? qb_asprintf("无法在页面中显示，原文件为附件 %s", att) : qb_strdup("无法在页面中显示，未附原文件");
    free(att);
    return s;
}

/* The running header of a proof's pages names it. */
static qb_status proof_header(rd *r, const char *name)
{
    char *cut = qb_utf8_excerpt(name, 20); /* a header is one line: a long name ends in … */
    char *t = cut ? qb_asprintf("证明材料：%s", cut) : NULL;
    free(cut);
    if (!t)
        return QB_ERR_NOMEM;
    free(r->part_own);
    r->part = r->part_own = t;
    return QB_OK;
}

/* A Word proof's name: as the package names it, else as its model does. */
static const char *doc_name(const rd *r, const qb_doc *d)
{
    const char *src = d->source ? d->source : "", *name = rd_orig_name(r, src);
    return name != qb_basename(src) || !d->file ? name : d->file;
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
            shown = where_shown(r, i - in->nproof_docs, fmt[i - in->nproof_docs]);
        }
        const char *name = is_doc ? doc_name(r, d) : rd_orig_name(r, path);
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

/* The heading of a proof's page: "证明材料 3：name", bookmarked under 证明材料 unless
 * it continues the proof (page > 1 of a PDF). */
static qb_status item_heading(rd *r, size_t k, const char *name, unsigned page, unsigned pages)
{
    char *t = qb_asprintf("证明材料 %zu：%s", k, name);
    char *line = !t ? NULL : pages > 1 ? qb_asprintf("%s（第 %u 页，共 %u 页）", t, page, pages) : qb_strdup(t);
    qb_status st = t && line ? QB_OK : QB_ERR_NOMEM;
    rd_pstyle ps = rd_ps(QB_FONT_HEI, RD_XIAOSI, RD_LEFT);
    ps.before = 8;
    ps.after = 6;
    ps.keep_next = 1;
    if (st == QB_OK)
        st = rd_need(r, 6 * RD_XIAOSI);
    if (st == QB_OK && page <= 1)
        st = rd_bookmark(r, t);
    if (st == QB_OK)
        st = rd_text(r, &ps, line);
    free(t);
    free(line);
    return st;
}

static qb_status item_title(rd *r, size_t k, const char *name)
{
    return item_heading(r, k, name, 1, 1);
}

static qb_status image_page(rd *r, size_t k, size_t i)
{
    const char *path = r->in->proof_files[i], *name = rd_orig_name(r, path);
    qb_status st = proof_header(r, name);
    if (st == QB_OK)
        st = rd_new_page(r);
    if (st == QB_OK)
        st = item_title(r, k, name);
    if (st != QB_OK)
        return st;
    char *data = NULL;
    size_t len = 0;
    qb_status rs = qb_read_file(path, MAX_IMAGE_FILE, &data, &len);
    if (rs == QB_ERR_NOMEM)
        return rs;
    float maxh = r->collect ? 1 : r->y - r->mb;
    unsigned drawn = r->stats.images;
    st = rd_picture(r, (const unsigned char *)(rs == QB_OK ? data : ""), rs == QB_OK ? len : 0, 0, 0,
                    rd_width(r), maxh, name, name);
    /* drawn as a page: the picture is in the dossier once, not again as an attachment */
    if (!r->collect && r->stats.images > drawn)
        r->shown[i] = 1;
    free(data);
    return st;
}

/* In the collect pass: open each proof PDF, report the ones that cannot be shown. */
static qb_status probe_pdfs(rd *r, const qb_format *fmt)
{
    const qb_render_input *in = r->in;
    qb_status st = QB_OK;
    for (size_t i = 0; i < in->nproof_files && st == QB_OK; i++) {
        if (fmt[i] != QB_FMT_PDF)
            continue;
        const char *name = rd_orig_name(r, in->proof_files[i]);
        qb_pdfp_state ps;
        unsigned n = 0;
        qb_err why = {0};
        if ((st = qb_pdf_probe(in->proof_files[i], &ps, &n, &why)) != QB_OK)
            break;
        char *zh = NULL, *en = NULL;
        if (ps != QB_PDFP_OK) {
            zh = qb_asprintf("证明材料“%s”无法并入卷宗：%s；原文件作为附件保留", name, why.zh);
            en = qb_asprintf("the proof \"%s\" cannot be shown in the dossier: %s; the original is attached", name,
                             why.en);
        } else if (n > QB_PROOF_PDF_MAX_PAGES) {
            zh = qb_asprintf("证明材料“%s”有 %u 页，卷宗中只收前 %u 页；原文件作为附件保留", name, n,
                             QB_PROOF_PDF_MAX_PAGES);
            en = qb_asprintf("the proof \"%s\" has %u pages; the dossier shows the first %u, the original is attached",
                             name, n, QB_PROOF_PDF_MAX_PAGES);
            n = QB_PROOF_PDF_MAX_PAGES;
        } else {
            r->shown[i] = 1;
        }
        r->pdf_pages[i] = ps == QB_PDFP_OK ? n : 0;
        r->pdf_why[i] = why;
        if (zh || en)
            st = zh && en ? rd_warn(r, ps == QB_PDFP_OK ? "render.proof-pdf-pages" : "render.proof-pdf", name, zh, en)
                          : QB_ERR_NOMEM;
        free(zh);
        free(en);
    }
    return st;
}

/* The pages of a proof PDF: each a reserved page whose free area qb_pdf_merge fills
 * with the proof's page. */
static qb_status pdf_pages(rd *r, size_t k, size_t i)
{
    const char *path = r->in->proof_files[i], *name = rd_orig_name(r, path);
    unsigned n = r->pdf_pages[i];
    qb_status st = proof_header(r, name);
    for (unsigned p = 1; p <= n && st == QB_OK; p++) {
        st = rd_new_page(r);
        if (st == QB_OK)
            st = item_heading(r, k, name, p, n);
        if (st != QB_OK || r->collect)
            continue;
        if (p == 1)
            st = qb_grow((void **)&r->places, &r->capplaces, r->nplaces + 1, sizeof *r->places);
        if (st == QB_OK && p == 1) /* the free area below the heading, the same on each page */
            r->places[r->nplaces++] =
                (qb_pdf_place){path, 1, (unsigned)r->npages, n, r->ml, r->mb, rd_width(r), r->y - 4 - r->mb};
    }
    return st;
}

/* A proof PDF that cannot be shown: its page says why, and where the original is. */
static qb_status pdf_unshown(rd *r, size_t k, size_t i)
{
    const char *path = r->in->proof_files[i], *name = rd_orig_name(r, path);
    char *att = rd_attach_name(r, path); /* the reason was found when the PDF was probed */
    char *label = qb_asprintf("PDF 无法显示：%s\n%s%s%s", r->pdf_why[i].zh, name, att ? "\n原文件为附件 " : "",
                              att ? att : "");
    qb_status st = label ? QB_OK : QB_ERR_NOMEM;
    if (st == QB_OK)
        st = proof_header(r, name);
    if (st == QB_OK)
        st = rd_new_page(r);
    if (st == QB_OK)
        st = item_title(r, k, name);
    if (st == QB_OK)
        st = rd_placeholder(r, rd_width(r) * 0.8f, 120, label);
    free(att);
    free(label);
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
    if (r->collect)
        st = probe_pdfs(r, fmt);
    if (st == QB_OK)
        st = inventory(r, fmt);
    size_t k = 1;
    for (size_t i = 0; i < in->nproof_docs && st == QB_OK; i++, k++) {
        const qb_doc *d = in->proof_docs[i];
        st = proof_header(r, doc_name(r, d));
        if (st == QB_OK)
            st = item_title(r, k, doc_name(r, d));
        if (st == QB_OK)
            st = rd_doc(r, d, RD_DOC_PLAIN, 0);
    }
    for (size_t i = 0; i < in->nproof_files && st == QB_OK; i++, k++)
        if (fmt[i] == QB_FMT_JPEG || fmt[i] == QB_FMT_PNG)
            st = image_page(r, k, i);
        else if (fmt[i] == QB_FMT_PDF)
            st = r->pdf_pages[i] ? pdf_pages(r, k, i) : pdf_unshown(r, k, i);
    free(fmt);
    r->part = "证明材料";
    free(r->part_own);
    r->part_own = NULL;
    return st;
}
