/* batch_packets.c — the reviewers' packets: packets/<遴选范围>.pdf, one per scope,
 * holding the current dossiers of that scope in the summary's order (Chinese order of
 * the applicants) behind a contents page, with one bookmark per applicant. The
 * dossiers are merged page by page with qpdf (never typeset again); the contents page
 * is drawn with libharu and the dossier's own fonts (fonts.h), so it searches and
 * prints like the dossiers. Superseded versions, stray files and rows without a
 * dossier are left out. The same summary gives the same bytes (qpdf's deterministic
 * /ID, no dates). */
#include "batch_int.h"

#include <hpdf.h>
#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fonts.h"
#include "utf8.h"

#define PACKETS_DIR "packets"
#define TOC_LINES 30     /* contents lines per page */
#define PAGE_W 595.276f  /* A4 in points */
#define PAGE_H 841.89f
#define MARGIN 64.0f

typedef struct {
    const qb_batch_row *r;
    char *pdf;          /* the dossier's path */
    int pages;
    int first;          /* 0-based page of the packet where it starts */
} entry;

/* ---- the contents page (libharu) ------------------------------------------------ */

static void on_hpdf_error(HPDF_STATUS no, HPDF_STATUS detail, void *data)
{
    (void)no;
    (void)detail;
    *(int *)data = 1;
}

/* Record the glyphs a text needs (collect pass). */
static qb_status use_text(qb_fonts *f, const char *s)
{
    size_t n = strlen(s);
    qb_status st = QB_OK;
    for (size_t i = 0; i < n && st == QB_OK;) {
        unsigned cp;
        size_t k = qb_utf8_decode(s + i, n - i, &cp);
        i += k ? k : 1;
        int id = qb_fonts_pick(f, QB_FONT_SONG, cp);
        st = qb_fonts_use(f, id < 0 ? QB_FONT_SONG : (qb_font_id)id, id < 0 ? QB_FONTS_MISSING_CP : cp);
    }
    return st;
}

/* Draw s at (x, y) in size pt, cut with … to max_w points; returns the width drawn. */
static float draw(HPDF_Page page, qb_fonts *f, const char *s, float x, float y, float size, float max_w)
{
    size_t n = strlen(s);
    float w = 0, ell = (float)qb_fonts_width(f, QB_FONT_SONG, 0x2026) * size / 1000.0f;
    for (size_t i = 0; i < n;) {
        unsigned cp;
        size_t k = qb_utf8_decode(s + i, n - i, &cp);
        if (!k) {
            i++;
            continue;
        }
        int id = qb_fonts_pick(f, QB_FONT_SONG, cp);
        if (id < 0) {
            id = QB_FONT_SONG;
            cp = QB_FONTS_MISSING_CP;
        }
        float cw = (float)qb_fonts_width(f, (qb_font_id)id, cp) * size / 1000.0f;
        int last = i + k >= n;
        if (w + cw > max_w - (last ? 0 : ell)) { /* no room: … and stop */
            cp = 0x2026;
            id = QB_FONT_SONG;
            cw = ell;
            i = n;
        } else
            i += k;
        char u[5] = {0};
        qb_utf8_encode(cp, u);
        HPDF_Page_SetFontAndSize(page, qb_fonts_hpdf(f, (qb_font_id)id), size);
        HPDF_Page_BeginText(page);
        HPDF_Page_TextOut(page, x + w, y, u);
        HPDF_Page_EndText(page);
        w += cw;
    }
    return w;
}

static float width_of(qb_fonts *f, const char *s, float size)
{
    float w = 0;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned cp;
        size_t k = qb_utf8_decode(s + i, n - i, &cp);
        i += k ? k : 1;
        int id = qb_fonts_pick(f, QB_FONT_SONG, cp);
        w += (float)qb_fonts_width(f, id < 0 ? QB_FONT_SONG : (qb_font_id)id, id < 0 ? QB_FONTS_MISSING_CP : cp) *
             size / 1000.0f;
    }
    return w;
}

static const char *who(const qb_batch_row *r)
{
    return r->applicant ? r->applicant : r->it->display;
}

/* The contents pages: the scope, 截至, then per applicant its number, name, verdict and
 * first page. */
static qb_status write_toc(const char *path, const char *scope, const char *asof, const entry *v, size_t n,
                           int toc_pages, qb_err *e)
{
    qb_fonts *f = NULL;
    char *why = NULL;
    qb_status st = qb_fonts_open(&f, NULL, NULL, &why);
    if (st != QB_OK) {
        qb_err_set(e, st, "评审包的目录页无法生成：%s", "the packet's contents page cannot be made: %s",
                   why ? why : "fonts");
        free(why);
        return st;
    }
    const char *title = scope;
    char *sub = qb_asprintf("截至 %s（北京时间） 共 %zu 家申报单位", asof, n);
    st = sub ? QB_OK : QB_ERR_NOMEM;
    if (st == QB_OK)
        st = use_text(f, title);
    if (st == QB_OK)
        st = use_text(f, sub);
    if (st == QB_OK)
        st = use_text(f, "0123456789评审包序号申报单位结论页码第页…〓");
    for (size_t i = 0; i < n && st == QB_OK; i++)
        if ((st = use_text(f, who(v[i].r))) == QB_OK)
            st = use_text(f, qb_batch_verdict(v[i].r->status, 0));
    int failed = 0;
    HPDF_Doc pdf = st == QB_OK ? HPDF_New(on_hpdf_error, &failed) : NULL;
    if (st == QB_OK && !pdf)
        st = QB_ERR_NOMEM;
    if (st == QB_OK) {
        HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
        HPDF_UseUTFEncodings(pdf);
        HPDF_SetCurrentEncoder(pdf, "UTF-8");
        if (qb_fonts_embed(f, pdf, &why) != QB_OK)
            st = QB_ERR_CONFIG;
    }
    for (int p = 0; p < toc_pages && st == QB_OK && !failed; p++) {
        HPDF_Page page = HPDF_AddPage(pdf);
        HPDF_Page_SetWidth(page, PAGE_W);
        HPDF_Page_SetHeight(page, PAGE_H);
        float y = PAGE_H - MARGIN - 20, right = PAGE_W - MARGIN, text_w = right - MARGIN;
        if (p == 0) {
            draw(page, f, "评审包", MARGIN, y, 18, text_w);
            y -= 26;
            draw(page, f, scope, MARGIN, y, 13, text_w);
            y -= 22;
            draw(page, f, sub, MARGIN, y, 10.5f, text_w);
            y -= 30;
        }
        draw(page, f, "序号", MARGIN, y, 10.5f, 40);
        draw(page, f, "申报单位", MARGIN + 40, y, 10.5f, 200);
        draw(page, f, "结论", right - 110, y, 10.5f, 60);
        draw(page, f, "页码", right - width_of(f, "页码", 10.5f), y, 10.5f, 60);
        HPDF_Page_SetLineWidth(page, 0.6f);
        HPDF_Page_MoveTo(page, MARGIN, y - 5);
        HPDF_Page_LineTo(page, right, y - 5);
        HPDF_Page_Stroke(page);
        y -= 22;
        for (size_t i = (size_t)p * TOC_LINES; i < n && i < (size_t)(p + 1) * TOC_LINES; i++) {
            char no[24], pg[40];
            snprintf(no, sizeof no, "%zu", i + 1);
            snprintf(pg, sizeof pg, "第 %d 页", v[i].first + 1);
            draw(page, f, no, MARGIN, y, 10.5f, 36);
            draw(page, f, who(v[i].r), MARGIN + 40, y, 10.5f, right - 120 - MARGIN - 40);
            draw(page, f, qb_batch_verdict(v[i].r->status, 0), right - 110, y, 10.5f, 60);
            draw(page, f, pg, right - width_of(f, pg, 10.5f), y, 10.5f, 60);
            y -= 20;
        }
    }
    if (st == QB_OK && !failed && HPDF_SaveToFile(pdf, path) != HPDF_OK)
        failed = 1;
    if (st == QB_OK && failed)
        st = QB_ERR_IO;
    if (st != QB_OK)
        qb_err_set(e, st, "评审包的目录页无法生成（%s）", "the packet's contents page cannot be made (%s)",
                   why ? why : qb_status_str(st));
    if (pdf)
        HPDF_Free(pdf);
    qb_fonts_close(f);
    free(why);
    free(sub);
    return st;
}

/* ---- merging (qpdf) -------------------------------------------------------------- */

static qb_status qpdf_failed(qpdf_data q, qb_err *e, const char *what)
{
    qpdf_error err = qpdf_has_error(q) ? qpdf_get_error(q) : NULL;
    const char *text = err ? qpdf_get_error_full_text(q, err) : "qpdf";
    return qb_err_set(e, QB_ERR_IO, "评审包无法合并（%s：%s）", "the packet cannot be merged (%s: %s)", what, text);
}

/* Pages of a PDF, or -1. */
static int page_count(const char *path)
{
    qpdf_data q = qpdf_init();
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    int n = qpdf_read(q, path, NULL) & QPDF_ERRORS ? -1 : qpdf_get_num_pages(q);
    qpdf_cleanup(&q);
    return n;
}

/* One outline item per applicant, each opening at the first page of its dossier. */
static void outlines(qpdf_data q, const entry *v, size_t n)
{
    qpdf_oh root = qpdf_get_root(q);
    qpdf_oh top = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
    qpdf_oh_replace_key(q, top, "/Type", qpdf_oh_new_name(q, "/Outlines"));
    qpdf_oh prev = 0, first = 0;
    for (size_t i = 0; i < n; i++) {
        qpdf_oh it = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
        char *title = qb_asprintf("%zu %s", i + 1, who(v[i].r));
        qpdf_oh_replace_key(q, it, "/Title", qpdf_oh_new_unicode_string(q, title ? title : who(v[i].r)));
        free(title);
        qpdf_oh_replace_key(q, it, "/Parent", top);
        qpdf_oh dest = qpdf_oh_new_array(q);
        qpdf_oh_append_item(q, dest, qpdf_get_page_n(q, (size_t)v[i].first));
        qpdf_oh_append_item(q, dest, qpdf_oh_new_name(q, "/Fit"));
        qpdf_oh_replace_key(q, it, "/Dest", dest);
        if (prev) {
            qpdf_oh_replace_key(q, prev, "/Next", it);
            qpdf_oh_replace_key(q, it, "/Prev", prev);
        } else
            first = it;
        prev = it;
    }
    if (first) {
        qpdf_oh_replace_key(q, top, "/First", first);
        qpdf_oh_replace_key(q, top, "/Last", prev);
    }
    qpdf_oh_replace_key(q, top, "/Count", qpdf_oh_new_integer(q, (long long)n));
    qpdf_oh_replace_key(q, root, "/Outlines", top);
    qpdf_oh_replace_key(q, root, "/PageMode", qpdf_oh_new_name(q, "/UseOutlines"));
}

static qb_status merge(const char *toc, const entry *v, size_t n, const char *out, qb_err *e)
{
    qpdf_data q = qpdf_init(), *src = calloc(n + 1, sizeof *src);
    if (!src) {
        qpdf_cleanup(&q);
        return qb_err_status(e, QB_ERR_NOMEM);
    }
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    qb_status st = qpdf_empty_pdf(q) & QPDF_ERRORS ? qpdf_failed(q, e, "qpdf") : QB_OK;
    for (size_t i = 0; i <= n && st == QB_OK; i++) { /* the contents first, then each dossier */
        const char *path = i == 0 ? toc : v[i - 1].pdf;
        src[i] = qpdf_init();
        qpdf_silence_errors(src[i]);
        qpdf_set_suppress_warnings(src[i], QPDF_TRUE);
        if (qpdf_read(src[i], path, NULL) & QPDF_ERRORS) {
            st = qpdf_failed(src[i], e, i ? who(v[i - 1].r) : "contents");
            break;
        }
        int pages = qpdf_get_num_pages(src[i]);
        for (int p = 0; p < pages && st == QB_OK; p++)
            if (qpdf_add_page(q, src[i], qpdf_get_page_n(src[i], (size_t)p), QPDF_FALSE) & QPDF_ERRORS)
                st = qpdf_failed(q, e, i ? who(v[i - 1].r) : "contents");
    }
    if (st == QB_OK) {
        outlines(q, v, n);
        if (qpdf_has_error(q))
            st = qpdf_failed(q, e, "outlines");
    }
    if (st == QB_OK && (qpdf_init_write(q, out) & QPDF_ERRORS))
        st = qpdf_failed(q, e, out);
    if (st == QB_OK) {
        qpdf_set_deterministic_ID(q, QPDF_TRUE);
        qpdf_set_object_stream_mode(q, qpdf_o_generate);
        if (qpdf_write(q) & QPDF_ERRORS)
            st = qpdf_failed(q, e, out);
    }
    for (size_t i = 0; i <= n; i++)
        if (src[i])
            qpdf_cleanup(&src[i]);
    free(src);
    qpdf_cleanup(&q);
    return st;
}

/* ---- one packet per scope -------------------------------------------------------- */

static int same_scope(const qb_batch_row *r, const char *scope)
{
    return r->scope ? strcmp(r->scope, scope) == 0 : strcmp(scope, "未填写遴选范围") == 0;
}

static int in_packet(const qb_batch_row *r)
{
    return !r->superseded && !r->stray && r->has_pdf;
}

static qb_status packet(const char *outbox, const char *dir, const qb_batch_summary *s, const char *scope, qb_err *e)
{
    entry *v = calloc(s->n + 1, sizeof *v);
    if (!v)
        return qb_err_status(e, QB_ERR_NOMEM);
    size_t n = 0;
    qb_status st = QB_OK;
    for (size_t i = 0; i < s->n && st == QB_OK; i++) {
        const qb_batch_row *r = &s->v[i];
        if (!in_packet(r) || !same_scope(r, scope))
            continue;
        v[n].r = r;
        v[n].pdf = qb_asprintf("%s/%s/%s", outbox, r->it->folder, QB_BATCH_DOSSIER);
        if (!v[n].pdf)
            st = qb_err_status(e, QB_ERR_NOMEM);
        else if ((v[n].pages = page_count(v[n].pdf)) <= 0)
            st = qb_err_set(e, QB_ERR_IO, "卷宗无法读取：%s", "a dossier cannot be read: %s", v[n].pdf);
        n++;
    }
    int toc_pages = (int)((n + TOC_LINES - 1) / TOC_LINES);
    if (toc_pages < 1)
        toc_pages = 1;
    int at = toc_pages;
    for (size_t i = 0; i < n; i++) {
        v[i].first = at;
        at += v[i].pages;
    }
    char asof[24];
    qb_batch_received_text(s->created, asof);
    char *name = qb_batch_folder_name(scope);
    char *toc = qb_asprintf("%s/%scontents-XXXXXX", dir, QB_BATCH_TMP_PREFIX);
    char *tmp = name ? qb_asprintf("%s/%s%s.pdf", dir, QB_BATCH_TMP_PREFIX, name) : NULL;
    char *dest = name ? qb_asprintf("%s/%s.pdf", dir, name) : NULL;
    int fd = -1;
    if (st == QB_OK && (!toc || !tmp || !dest))
        st = qb_err_status(e, QB_ERR_NOMEM);
    if (st == QB_OK && (fd = mkstemp(toc)) < 0)
        st = qb_err_set(e, QB_ERR_IO, "无法在 %s 中写入", "cannot write in %s", dir);
    if (fd >= 0)
        close(fd);
    if (st == QB_OK)
        st = write_toc(toc, scope, asof, v, n, toc_pages, e);
    if (st == QB_OK)
        st = merge(toc, v, n, tmp, e);
    if (st == QB_OK && rename(tmp, dest) != 0)
        st = qb_err_set(e, QB_ERR_IO, "无法写入 %s", "cannot write %s", dest);
    if (fd >= 0)
        unlink(toc);
    if (tmp)
        unlink(tmp);
    for (size_t i = 0; i < n; i++)
        free(v[i].pdf);
    free(v);
    free(name);
    free(toc);
    free(tmp);
    free(dest);
    return st;
}

qb_status qb_batch_write_packets(const char *outbox, const qb_batch_summary *s, qb_err *e)
{
    char *tmp, *dir;
    qb_status st = qb_batch_stage(outbox, &tmp, &dir);
    if (st != QB_OK)
        return qb_err_set(e, st, "无法在 %s 中写入", "cannot write in %s", outbox);
    /* each scope once, in the order its first applicant comes */
    for (size_t i = 0; i < s->n && st == QB_OK; i++) {
        const qb_batch_row *r = &s->v[i];
        if (!in_packet(r))
            continue;
        const char *scope = r->scope ? r->scope : "未填写遴选范围";
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = in_packet(&s->v[j]) && same_scope(&s->v[j], scope);
        if (!seen)
            st = packet(outbox, dir, s, scope, e);
    }
    qb_status pst = qb_batch_stage_publish(outbox, tmp, dir, PACKETS_DIR, st == QB_OK);
    if (st == QB_OK && pst != QB_OK)
        st = qb_err_set(e, pst, "无法写入 %s/%s", "cannot write %s/%s", outbox, PACKETS_DIR);
    return st;
}
