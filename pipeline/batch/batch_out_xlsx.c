/* batch_out_xlsx.c — summary.xlsx, the 汇总表 (libxlsxwriter): one sheet, a bold header
 * row that stays in view, an autofilter, verdicts and counts over their limit in colour.
 * The document's creation time is fixed (the newest input's mtime), which makes the file
 * byte-identical for the same inbox (LIBRARIES.md §6). Cells are written as strings
 * and numbers, never formulas. */
#include "batch_int.h"

#include <string.h>
#include <xlsxwriter.h>

static const double widths[QB_BATCH_NCOLS] = {6, 30, 34, 10, 6, 6, 9, 9, 12, 18, 12, 80};

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
    for (int c = 0; c < QB_BATCH_NCOLS; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], c == QB_BATCH_NCOLS - 1 ? wrap : NULL);
        worksheet_write_string(ws, 0, (lxw_col_t)c, qb_batch_col(c, en), head);
    }
    for (size_t i = 0; i < s->n; i++) {
        const qb_batch_row *r = &s->v[i];
        lxw_row_t y = (lxw_row_t)(i + 1);
        int k = strcmp(r->status, "pass") == 0 ? 0 : strcmp(r->status, "fail") == 0 ? 1 : 2;
        worksheet_write_number(ws, y, 0, (double)(i + 1), NULL);
        if (r->applicant)
            worksheet_write_string(ws, y, 1, r->applicant, NULL);
        worksheet_write_string(ws, y, 2, r->it->display, NULL);
        worksheet_write_string(ws, y, 3, qb_batch_verdict(r->status, en), st_fmt[k]);
        worksheet_write_number(ws, y, 4, (double)r->errors, NULL);
        worksheet_write_number(ws, y, 5, (double)r->warnings, NULL);
        for (int c = 0; c < QB_NSEC; c++)
            if (r->found[c])
                worksheet_write_number(ws, y, (lxw_col_t)(6 + c), (double)r->count[c],
                                       r->limit[c] > 0 && r->count[c] > r->limit[c] ? over : NULL);
        worksheet_write_string(ws, y, QB_BATCH_NCOLS - 1, r->problems, wrap);
    }
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_autofilter(ws, 0, 0, (lxw_row_t)s->n, QB_BATCH_NCOLS - 1);
    return workbook_close(wb) == LXW_NO_ERROR ? QB_OK : QB_ERR_IO;
}
