/* batch_out_xlsx.c — summary.xlsx, the 汇总表 (libxlsxwriter): one sheet, a bold header
 * row that stays in view, an autofilter, verdicts and counts over their limit in colour,
 * each 申报单位 linking its report. It prints as a secretariat sends it: A4 landscape,
 * one page wide, the header row repeated on every page, 截至 in the page header.
 * The document's creation time is fixed (the newest input's mtime), which makes the file
 * byte-identical for the same inbox (LIBRARIES.md §6). Cells are written as strings
 * and numbers, never formulas. */
#include "batch_int.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "utf8.h"

/* Column widths in characters: names and the problems wrap, the rest fits. */
static const double widths[QB_BATCH_NCOLS] = {5, 28, 24, 14, 24, 8, 13, 16, 5, 8, 8, 5, 5, 8, 8, 8, 8, 8, 60};
/* Excel keeps at most 255 characters of a link. */
#define URL_MAX 255

/* Excel's limit for one cell, in characters: libxlsxwriter refuses a longer string and
 * the cell would stay empty. */
#define CELL_MAX 32767

/* A text cell; a text over the limit is cut, ending in "…" so that the cut shows. The
 * first error is kept in *err. */
static void put_text(lxw_worksheet *ws, lxw_row_t y, lxw_col_t x, const char *s, lxw_format *f, lxw_error *err)
{
    char *cut = qb_utf8_length(s) > CELL_MAX ? qb_utf8_excerpt(s, CELL_MAX - 1) : NULL;
    lxw_error e = cut || qb_utf8_length(s) <= CELL_MAX ? worksheet_write_string(ws, y, x, cut ? cut : s, f)
                                                       : LXW_ERROR_MEMORY_MALLOC_FAILED;
    free(cut);
    if (*err == LXW_NO_ERROR)
        *err = e;
}

static void put_number(lxw_worksheet *ws, lxw_row_t y, lxw_col_t x, double v, lxw_format *f, lxw_error *err)
{
    lxw_error e = worksheet_write_number(ws, y, x, v, f);
    if (*err == LXW_NO_ERROR)
        *err = e;
}

/* 申报单位, linking the row's report (a relative link: the outbox moves as a whole). */
static void put_applicant(lxw_worksheet *ws, lxw_row_t y, const qb_batch_row *r, lxw_format *f, lxw_error *err)
{
    const char *text = r->applicant ? r->applicant : "";
    char *url = r->has_html ? qb_asprintf("external:%s/%s", r->it->folder, QB_BATCH_REPORT_HTML) : NULL;
    if (url && strlen(url) <= URL_MAX && *text && qb_utf8_length(text) <= CELL_MAX) {
        lxw_error e = worksheet_write_url_opt(ws, y, QB_COL_APPLICANT, url, f, NULL, NULL);
        if (*err == LXW_NO_ERROR)
            *err = e;
        /* the text over the link, written as is: libxlsxwriter turns '/' into '\' in
         * the text of a file link, and a name is never altered */
        put_text(ws, y, QB_COL_APPLICANT, text, f, err);
    } else if (*text) {
        put_text(ws, y, QB_COL_APPLICANT, text, NULL, err);
    }
    free(url);
}

static void put_opt(lxw_worksheet *ws, lxw_row_t y, lxw_col_t x, const char *s, lxw_format *f, lxw_error *err)
{
    if (s && *s)
        put_text(ws, y, x, s, f, err);
}

qb_status qb_batch_write_xlsx(const qb_batch_summary *s, const char *path)
{
    int en = s->en;
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return QB_ERR_IO;
    lxw_worksheet *ws = workbook_add_worksheet(wb, en ? "Summary" : "汇总表");
    lxw_format *head = workbook_add_format(wb), *wrap = workbook_add_format(wb), *link = workbook_add_format(wb);
    lxw_format *st_fmt[4], *over = workbook_add_format(wb), *late = workbook_add_format(wb);
    static const uint32_t bg[4] = {0xD4EDDA, 0xF8D7DA, 0xE2E3E5, 0xFFFFFF};
    for (int i = 0; i < 4; i++) {
        st_fmt[i] = workbook_add_format(wb);
        format_set_bg_color(st_fmt[i], bg[i]);
        format_set_bold(st_fmt[i]);
        format_set_align(st_fmt[i], LXW_ALIGN_CENTER);
    }
    format_set_font_color(st_fmt[3], 0x6C757D); /* 已被替代: grey, not a verdict that counts */
    format_set_bold(head);
    format_set_bg_color(head, 0xEEF1F5);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_text_wrap(head);
    format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_font_color(link, 0x0563C1);
    format_set_underline(link, LXW_UNDERLINE_SINGLE);
    format_set_text_wrap(link);
    format_set_align(link, LXW_ALIGN_VERTICAL_TOP);
    format_set_font_color(over, 0xC0392B);
    format_set_bold(over);
    format_set_font_color(late, 0xC0392B);
    format_set_bold(late);
    lxw_doc_properties props = {.title = en ? "Quality Benchmark applications: summary" : "质量标杆申报材料汇总表",
                                .created = s->created};
    workbook_set_properties(wb, &props);
    lxw_error err = LXW_NO_ERROR;
    for (int c = 0; c < QB_BATCH_NCOLS; c++) {
        int wraps = c == QB_COL_PROBLEMS || c == QB_COL_APPLICANT || c == QB_COL_FILE || c == QB_COL_NAME ||
                    c == QB_COL_SCOPE;
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], wraps ? wrap : NULL);
        put_text(ws, 0, (lxw_col_t)c, qb_batch_col(c, en), head, &err);
    }
    for (size_t i = 0; i < s->n; i++) {
        const qb_batch_row *r = &s->v[i];
        lxw_row_t y = (lxw_row_t)(i + 1);
        int k = strcmp(r->status, "pass") == 0 ? 0 : strcmp(r->status, "fail") == 0 ? 1 : 2;
        char when[24];
        qb_batch_received_text(r->it->mtime, when);
        put_number(ws, y, QB_COL_NO, (double)(i + 1), NULL, &err);
        put_applicant(ws, y, r, link, &err);
        put_text(ws, y, QB_COL_FILE, r->it->display, NULL, &err);
        put_opt(ws, y, QB_COL_SCOPE, r->scope, NULL, &err);
        put_opt(ws, y, QB_COL_NAME, r->name, NULL, &err);
        put_opt(ws, y, QB_COL_CONTACT, r->contact, NULL, &err);
        put_opt(ws, y, QB_COL_PHONE, r->phone, NULL, &err);
        put_text(ws, y, QB_COL_RECEIVED, when, NULL, &err);
        put_opt(ws, y, QB_COL_LATE, qb_batch_late(r, en), late, &err);
        put_text(ws, y, QB_COL_STATE, qb_batch_state(r, en), r->superseded ? st_fmt[3] : NULL, &err);
        put_text(ws, y, QB_COL_VERDICT, qb_batch_verdict(r->status, en), r->superseded ? st_fmt[3] : st_fmt[k], &err);
        put_number(ws, y, QB_COL_ERRORS, (double)r->errors, NULL, &err);
        put_number(ws, y, QB_COL_WARNINGS, (double)r->warnings, NULL, &err);
        for (int c = 0; c < QB_NSEC; c++)
            if (r->found[c])
                put_number(ws, y, (lxw_col_t)(QB_COL_COUNT0 + c), (double)r->count[c],
                           r->limit[c] > 0 && r->count[c] > r->limit[c] ? over : NULL, &err);
        char *prob = r->successor >= 0
                         ? qb_asprintf(en ? "superseded by %s (row %ld); %s" : "已被替代：见 %s（第 %ld 行）；%s",
                                       s->v[r->successor].it->display, r->successor + 1, r->problems)
                         : NULL;
        put_text(ws, y, QB_COL_PROBLEMS, prob ? prob : r->problems, wrap, &err);
        free(prob);
    }
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_autofilter(ws, 0, 0, (lxw_row_t)s->n, QB_BATCH_NCOLS - 1);
    /* printing: A4 (paper 9) landscape, one page wide, the header row on every page */
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, 0, 0);
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    char asof[24];
    qb_batch_received_text(s->created, asof);
    char *hdr = qb_asprintf(en ? "&LQuality Benchmark applications&Ras of %s (Beijing time)"
                               : "&L质量标杆申报材料汇总表&R截至 %s（北京时间）", asof);
    if (hdr)
        worksheet_set_header(ws, hdr);
    free(hdr);
    worksheet_set_footer(ws, en ? "&CPage &P of &N" : "&C第 &P 页 共 &N 页");
    /* closed in every case: it frees the workbook */
    lxw_error closed = workbook_close(wb);
    return err == LXW_ERROR_MEMORY_MALLOC_FAILED ? QB_ERR_NOMEM
           : err != LXW_NO_ERROR || closed != LXW_NO_ERROR ? QB_ERR_IO
                                                           : QB_OK;
}
