/* batch_out_xlsx.c — summary.xlsx, the 汇总表 (libxlsxwriter): one sheet, a bold header
 * row that stays in view, an autofilter, verdicts and counts over their limit in colour.
 * The document's creation time is fixed (the newest input's mtime), which makes the file
 * byte-identical for the same inbox (LIBRARIES.md §6). Cells are written as strings
 * and numbers, never formulas. */
#include "batch_int.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "utf8.h"

static const double widths[QB_BATCH_NCOLS] = {6, 30, 34, 10, 6, 6, 9, 9, 12, 18, 12, 80};

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

qb_status qb_batch_write_xlsx(const qb_batch_summary *s, const char *path)
{
    int en = s->en;
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return QB_ERR_IO;
    lxw_worksheet *ws = workbook_add_worksheet(wb, en ? "Summary" : "汇总表");
    lxw_format *head = workbook_add_format(wb), *wrap = workbook_add_format(wb);
    lxw_format *st_fmt[3], *over = workbook_add_format(wb);
    static const uint32_t bg[3] = {0xD4EDDA, 0xF8D7DA, 0xE2E3E5};
    for (int i = 0; i < 3; i++) {
        st_fmt[i] = workbook_add_format(wb);
        format_set_bg_color(st_fmt[i], bg[i]);
        format_set_bold(st_fmt[i]);
    }
    format_set_bold(head);
    format_set_bg_color(head, 0xEEF1F5);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_text_wrap(wrap);
    format_set_font_color(over, 0xC0392B);
    format_set_bold(over);
    lxw_doc_properties props = {.title = en ? "Quality Benchmark applications: summary" : "质量标杆申报材料汇总表",
                                .created = s->created};
    workbook_set_properties(wb, &props);
    lxw_error err = LXW_NO_ERROR;
    for (int c = 0; c < QB_BATCH_NCOLS; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], c == QB_BATCH_NCOLS - 1 ? wrap : NULL);
        put_text(ws, 0, (lxw_col_t)c, qb_batch_col(c, en), head, &err);
    }
    for (size_t i = 0; i < s->n; i++) {
        const qb_batch_row *r = &s->v[i];
        lxw_row_t y = (lxw_row_t)(i + 1);
        int k = strcmp(r->status, "pass") == 0 ? 0 : strcmp(r->status, "fail") == 0 ? 1 : 2;
        put_number(ws, y, 0, (double)(i + 1), NULL, &err);
        if (r->applicant)
            put_text(ws, y, 1, r->applicant, NULL, &err);
        put_text(ws, y, 2, r->it->display, NULL, &err);
        put_text(ws, y, 3, qb_batch_verdict(r->status, en), st_fmt[k], &err);
        put_number(ws, y, 4, (double)r->errors, NULL, &err);
        put_number(ws, y, 5, (double)r->warnings, NULL, &err);
        for (int c = 0; c < QB_NSEC; c++)
            if (r->found[c])
                put_number(ws, y, (lxw_col_t)(6 + c), (double)r->count[c],
                           r->limit[c] > 0 && r->count[c] > r->limit[c] ? over : NULL, &err);
        put_text(ws, y, QB_BATCH_NCOLS - 1, r->problems, wrap, &err);
    }
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_autofilter(ws, 0, 0, (lxw_row_t)s->n, QB_BATCH_NCOLS - 1);
    /* closed in every case: it frees the workbook */
    lxw_error closed = workbook_close(wb);
    return err == LXW_ERROR_MEMORY_MALLOC_FAILED ? QB_ERR_NOMEM
           : err != LXW_NO_ERROR || closed != LXW_NO_ERROR ? QB_ERR_IO
                                                           : QB_OK;
}
