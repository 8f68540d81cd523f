/* render_dossier.c — qb_render_dossier: the two passes, the fonts between them, page
 * numbers, document information, attachments, and the file written atomically. */
#include "render_int.h"

#include <hpdf_catalog.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "utf8.h"

static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    (void)detail_no;
    rd *r = user;
    if (!r->hpdf_err)
        r->hpdf_err = error_no;
}

static qb_status assemble(rd *r)
{
    qb_status (*const parts[])(rd *) = {rd_part_cover, rd_part_summary, rd_part_form,
                                        rd_part_writeup, rd_part_proof, rd_part_scoring};
    qb_status st = QB_OK;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0] && st == QB_OK; i++)
        st = parts[i](r);
    return st == QB_OK ? rd_foot_flush(r) : st; /* the last page's footnotes */
}

static const char footer_fmt[] = "第 %zu 页 共 %zu 页";

static qb_status page_numbers(rd *r)
{
    rd_pstyle ps = rd_ps(QB_FONT_SONG, RD_XIAOWU, RD_CENTER);
    rd_shaped s = {0};
    qb_status st = QB_OK;
    if (r->collect) { /* every digit may be needed */
        rd_span sp = rd_sp("第 0123456789 页 共 页", ps.st);
        st = rd_shape(r, &ps, &sp, 1, rd_width(r), &s);
        rd_shaped_free(&s);
        return st;
    }
    for (size_t i = 0; i < r->npages && st == QB_OK; i++) {
        char text[64];
        snprintf(text, sizeof text, footer_fmt, i + 1, r->npages);
        rd_span sp = rd_sp(text, ps.st);
        r->page = r->pages[i];
        r->pw = HPDF_Page_GetWidth(r->page); /* a landscape page has its own width */
        r->ph = HPDF_Page_GetHeight(r->page);
        r->cur_font = NULL; /* another page: its own text state */
        r->cur_size = r->cur_cs = -1;
        r->cur_bold = r->cur_gray = -1;
        st = rd_shape(r, &ps, &sp, 1, rd_width(r), &s);
        if (st == QB_OK)
            st = rd_draw_line(r, &s, 0, r->ml, r->mb - 22);
    }
    rd_shaped_free(&s);
    return st;
}

/* One warning for every character no face could draw. */
static qb_status report_missing(rd *r)
{
    if (!r->nmissing)
        return QB_OK;
    qb_buf zh = {0}, en = {0};
    qb_status st = qb_buf_addf(&zh, "有 %zu 处字符（%zu 种）两种字体都没有字形，卷宗中以“〓”标出：", r->missing_total,
                               r->nmissing);
    if (st == QB_OK)
        st = qb_buf_addf(&en, "%zu characters (%zu distinct) have no glyph in either font and are shown as 〓:",
                         r->missing_total, r->nmissing);
    for (size_t i = 0; i < r->nmissing && i < 20 && st == QB_OK; i++) {
        char u[5] = {0};
        qb_utf8_encode(r->missing[i], u);
        /* characters beyond the BMP are named by code only: libharu cannot draw them */
        const char *show = r->missing[i] < 0x10000 ? u : "";
        st = qb_buf_addf(&zh, "%s%s（U+%04X）", i ? "、" : "", show, r->missing[i]);
        if (st == QB_OK)
            st = qb_buf_addf(&en, " U+%04X", r->missing[i]);
    }
    if (st == QB_OK && r->nmissing > 20)
        st = qb_buf_addf(&zh, "等");
    if (st == QB_OK)
        st = rd_warn(r, "render.missing-glyph", NULL, zh.s, en.s);
    qb_buf_free(&zh);
    qb_buf_free(&en);
    return st;
}

static qb_status set_info(rd *r)
{
    const qb_render_input *in = r->in;
    /* libharu refuses an info string over 64 KB, and no viewer shows more than a line:
     * a name of any length is cut (visibly, with …) to what a title bar holds */
    char *who = qb_utf8_excerpt(in->applicant && *in->applicant ? in->applicant : "申报单位未识别", 200);
    char *title = who ? qb_asprintf("质量标杆评审卷宗：%s", who) : NULL;
    if (!title) {
        free(who);
        return QB_ERR_NOMEM;
    }
    HPDF_SetInfoAttr(r->pdf, HPDF_INFO_TITLE, title);
    HPDF_SetInfoAttr(r->pdf, HPDF_INFO_AUTHOR, who);
    free(who);
    HPDF_SetInfoAttr(r->pdf, HPDF_INFO_SUBJECT, in->ed->title);
    HPDF_SetInfoAttr(r->pdf, HPDF_INFO_CREATOR, "qbintake qb-render");
    free(title);
    /* the language, for screen readers and search; viewers show the title, not the file name */
    HPDF_String lang = HPDF_String_New(r->pdf->mmgr, "zh-CN", NULL);
    if (lang)
        HPDF_Dict_Add(r->pdf->catalog, "Lang", lang);
    HPDF_Dict vp = HPDF_Dict_New(r->pdf->mmgr); /* libharu 2.3 has no DisplayDocTitle flag */
    if (vp && HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE) == HPDF_OK)
        HPDF_Dict_Add(r->pdf->catalog, "ViewerPreferences", vp);
    /* dates from the input, never the clock: the same input gives the same bytes */
    int y = 0, m = 0, d = 0;
    if (in->received && sscanf(in->received, "%4d-%2d-%2d", &y, &m, &d) == 3 && y >= 1900 && y <= 9999 &&
        m >= 1 && m <= 12 && d >= 1 && d <= 31) {
        HPDF_Date date = {y, m, d, 0, 0, 0, 'Z', 0, 0};
        HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_CREATION_DATE, date);
        HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_MOD_DATE, date);
    }
    return rd_hpdf_status(r);
}

/* An output that is one of the dossier's own inputs would replace it (outfile.h). */
static qb_status refuse_inputs(const qb_render_input *in, const char *out, qb_err *e)
{
    qb_status st = qb_outfile_refuse_input(out, in->attach, in->nattach, e);
    return st == QB_OK ? qb_outfile_refuse_input(out, in->proof_files, in->nproof_files, e) : st;
}

/* libharu's document, streamed to put (libharu's own file writer ignores the error of
 * its last flush). */
static qb_status hpdf_write(rd *r, qb_pdf_put put, void *ctx, qb_err *e)
{
    qb_status st = QB_OK;
    HPDF_STATUS hs = HPDF_SaveToStream(r->pdf);
    if (hs == HPDF_OK)
        hs = HPDF_ResetStream(r->pdf);
    HPDF_BYTE buf[16384];
    while (hs == HPDF_OK && st == QB_OK) {
        HPDF_UINT32 n = sizeof buf;
        hs = HPDF_ReadFromStream(r->pdf, buf, &n);
        if (hs == HPDF_OK || hs == HPDF_STREAM_EOF)
            st = put(ctx, buf, n, e);
    }
    if (st == QB_OK && hs != HPDF_STREAM_EOF)
        st = qb_err_status(e, hs == HPDF_FAILD_TO_ALLOC_MEM ? QB_ERR_NOMEM : QB_ERR_IO);
    r->hpdf_err = 0; /* the end of the stream reached the error handler too */
    HPDF_ResetError(r->pdf);
    return st;
}

static qb_status put_outfile(void *ctx, const void *p, size_t n, qb_err *e)
{
    return qb_outfile_write(ctx, p, n, e);
}

static qb_status put_mem(void *ctx, const void *p, size_t n, qb_err *e)
{
    (void)e;
    return qb_buf_add(ctx, p, n);
}

/* The proof PDFs placed into their reserved pages: libharu's PDF, in memory, through
 * qpdf into of. */
static qb_status save_merged(rd *r, qb_outfile *of, qb_err *e)
{
    qb_buf pdf = {0};
    qb_status st = hpdf_write(r, put_mem, &pdf, e);
    if (st == QB_OK)
        st = qb_pdf_merge((const unsigned char *)pdf.s, pdf.len, r->places, r->nplaces, put_outfile, of, e);
    qb_buf_free(&pdf);
    return st;
}

/* Through outfile.h: a temporary file renamed into place, every write checked. */
static qb_status save(rd *r, const char *out, qb_err *e)
{
    qb_outfile of;
    qb_status st = refuse_inputs(r->in, out, e);
    if (st == QB_OK)
        st = qb_outfile_open(&of, out, NULL, 0, e);
    if (st != QB_OK)
        return st;
    st = r->nplaces ? save_merged(r, &of, e) : hpdf_write(r, put_outfile, &of, e);
    if (st == QB_OK)
        return qb_outfile_commit(&of, e);
    qb_outfile_abort(&of);
    return st;
}

static void reset_pass(rd *r, int collect)
{
    r->collect = collect;
    r->npages = 0;
    r->page = NULL;
    r->part = NULL;
    r->outline = NULL;
    r->nplaces = 0;
    r->landscape = 0;
    r->pw = 595.276f; /* A4, also for the collect pass */
    r->ph = 841.89f;
    r->ml = r->mr = 90;  /* Word's A4 defaults: 3.17 cm left and right */
    r->mt = r->mb = 72;  /* 2.54 cm top and bottom */
    r->y = r->ph - r->mt;
}

qb_status qb_render_dossier(const qb_render_input *in, const char *out_pdf, qb_findings *warnings,
                            qb_render_stats *stats)
{
    if (!in || !in->ed || !out_pdf || !*out_pdf)
        return QB_ERR_USAGE;
    qb_findings own = {0};
    rd *r = calloc(1, sizeof *r);
    if (!r)
        return QB_ERR_NOMEM;
    r->in = in;
    r->warn = warnings ? warnings : &own;
    r->warn_from = r->warn->n;
    char *why = NULL;
    qb_err oe = {0};
    qb_outfile_init(); /* the fonts' scratch files come first */
    if (refuse_inputs(in, out_pdf, &oe) != QB_OK) { /* before any work */
        qb_findings_add(r->warn, "render.output", QB_SEV_ERROR, NULL, NULL, 0, NULL, oe.zh, oe.en);
        free(r);
        qb_findings_free(&own);
        return oe.st;
    }
    r->pdf_pages = calloc(in->nproof_files + 1, sizeof *r->pdf_pages);
    r->shown = calloc(in->nproof_files + 1, 1);
    r->pdf_why = calloc(in->nproof_files + 1, sizeof *r->pdf_why);
    qb_status st = r->pdf_pages && r->shown && r->pdf_why ? QB_OK : QB_ERR_NOMEM;
    if (st == QB_OK)
        st = qb_fonts_open(&r->fonts, in->font_song, in->font_hei, &why);
    if (st != QB_OK && why)
        qb_findings_add(r->warn, "render.fonts", QB_SEV_ERROR, NULL, NULL, 0, NULL, why, why);
    free(why);
    why = NULL;
    /* Pass 1: which characters, in which face. */
    if (st == QB_OK) {
        reset_pass(r, 1);
        st = assemble(r);
    }
    if (st == QB_OK)
        st = page_numbers(r);
    if (st == QB_OK)
        st = report_missing(r);
    if (st == QB_OK) /* the summary lists these notes: their characters are needed too */
        st = rd_summary_notes(r);
    /* The fonts, cut to those characters. */
    if (st == QB_OK) {
        r->pdf = HPDF_New(on_hpdf_error, r);
        if (!r->pdf)
            st = QB_ERR_NOMEM;
    }
    if (st == QB_OK) {
        /* every stream deflated, at zlib's default level: libharu has no setting for
         * the level, and the program no longer overrides zlib to choose one */
        HPDF_SetCompressionMode(r->pdf, HPDF_COMP_ALL);
        HPDF_UseUTFEncodings(r->pdf);
        HPDF_SetCurrentEncoder(r->pdf, "UTF-8"); /* before Info and outlines: UTF-16 strings */
        r->enc = HPDF_GetEncoder(r->pdf, "UTF-8");
        HPDF_SetPageMode(r->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
        st = qb_fonts_embed(r->fonts, r->pdf, &why);
        if (st != QB_OK && why)
            qb_findings_add(r->warn, "render.fonts", QB_SEV_ERROR, NULL, NULL, 0, NULL, why, why);
        free(why);
        if (st == QB_OK)
            st = rd_hpdf_status(r);
    }
    /* Pass 2: draw. */
    if (st == QB_OK) {
        reset_pass(r, 0);
        st = assemble(r);
    }
    if (st == QB_OK)
        st = page_numbers(r);
    if (st == QB_OK)
        st = set_info(r);
    if (st == QB_OK)
        st = rd_attach_all(r);
    if (st == QB_OK)
        st = save(r, out_pdf, &oe);
    if (oe.st != QB_OK)
        qb_findings_add(r->warn, "render.output", QB_SEV_ERROR, NULL, NULL, 0, NULL, oe.zh, oe.en);
    if (stats) {
        r->stats.pages = (unsigned)r->npages;
        for (int f = 0; f < QB_NFONT; f++)
            r->stats.glyphs[f] = r->fonts ? qb_fonts_glyphs(r->fonts, (qb_font_id)f) : 0;
        *stats = r->stats;
    }
    if (r->pdf)
        HPDF_Free(r->pdf);
    qb_fonts_close(r->fonts);
    rd_shaped_free(&r->scratch);
    rd_foot_wait_clear(r);
    free(r->wait);
    for (size_t k = 0; k < r->nfoot; k++)
        rd_shaped_free(&r->foot[k]);
    free(r->foot);
    qb_buf_free(&r->utf8);
    free(r->pages);
    free(r->missing);
    free(r->part_own);
    free(r->ul);
    free(r->pdf_pages);
    free(r->shown);
    free(r->pdf_why);
    free(r->places);
    free(r);
    qb_findings_free(&own);
    return st;
}
