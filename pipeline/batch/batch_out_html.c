/* batch_out_html.c — index.html: the batch at a glance for the secretariat, offline
 * (no scripts, no external files), every text escaped, each row linking the package's
 * report and dossier. */
#include "batch_int.h"

#include "report.h"

#include <stdlib.h>
#include <string.h>


static const char css[] =
    "body{font-family:'Noto Sans CJK SC','WenQuanYi Zen Hei','Microsoft YaHei',sans-serif;"
    "margin:2em;color:#222}h1{font-size:1.5em}table{border-collapse:collapse;margin:1em 0}"
    "th,td{border:1px solid #bbb;padding:.3em .6em;text-align:left;vertical-align:top}"
    "th{background:#eef1f5}td.n{text-align:right}td.over{color:#c0392b;font-weight:bold}"
    "td.pass{background:#d4edda;color:#155724}td.fail{background:#f8d7da;color:#721c24}"
    "td.error{background:#e2e3e5;color:#383d41;font-weight:bold}td.p{max-width:40em}";

/* A link to folder/file, or a dash when the file is missing. */
static void link(FILE *out, const char *url, const char *file, const char *label, int present)
{
    if (!present) {
        fputs("<td>—</td>", out);
        return;
    }
    fprintf(out, "<td><a href=\"%s/%s\">", url, file);
    qb_html_escape(out, label);
    fputs("</a></td>", out);
}

qb_status qb_batch_write_index(const qb_batch_summary *s, FILE *out)
{
    int en = s->en;
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\"><title>%s</title>"
                 "<style>%s</style></head><body>\n<h1>%s</h1>\n<p>",
            en ? "en" : "zh-CN", en ? "Batch summary" : "申报材料汇总", css,
            en ? "Quality Benchmark applications: batch summary" : "质量标杆申报材料检查汇总");
    fputs(en ? "Edition: " : "规则版本：", out);
    qb_html_escape(out, s->edition);
    if (s->edition_title) {
        fputs(en ? " (" : "（", out);
        qb_html_escape(out, s->edition_title);
        fputs(en ? ")" : "）", out);
    }
    fprintf(out, en ? "<br>%zu packages: %zu pass, %zu fail, %zu not processed</p>\n"
                    : "<br>共 %zu 项：通过 %zu，不通过 %zu，无法处理 %zu</p>\n",
            s->n, s->pass, s->fail, s->error);
    fputs("<table>\n<tr>", out);
    for (int c = 0; c < QB_BATCH_NCOLS; c++) {
        fputs("<th>", out);
        qb_html_escape(out, qb_batch_col(c, en));
        fputs("</th>", out);
    }
    fprintf(out, "<th>%s</th><th>%s</th></tr>\n", en ? "Report" : "报告", en ? "Dossier" : "卷宗");
    for (size_t i = 0; i < s->n; i++) {
        const qb_batch_row *r = &s->v[i];
        char *url = qb_batch_url(r->it->folder);
        if (!url)
            return QB_ERR_NOMEM;
        fprintf(out, "<tr><td class=\"n\">%zu</td><td>", i + 1);
        qb_html_escape(out, r->applicant ? r->applicant : "");
        fputs("</td><td>", out);
        qb_html_escape(out, r->it->display);
        fprintf(out, "</td><td class=\"%s\">%s</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td>", r->status,
                qb_batch_verdict(r->status, en), r->errors, r->warnings);
        for (int k = 0; k < QB_NSEC; k++) {
            int over = r->found[k] && r->limit[k] > 0 && r->count[k] > r->limit[k];
            if (r->found[k])
                fprintf(out, "<td class=\"n%s\">%ld</td>", over ? " over" : "", r->count[k]);
            else
                fputs("<td class=\"n\">—</td>", out);
        }
        fputs("<td class=\"p\">", out);
        qb_html_escape(out, r->problems);
        fputs("</td>", out);
        link(out, url, QB_BATCH_REPORT_HTML, en ? "report" : "报告", r->has_html);
        link(out, url, QB_BATCH_DOSSIER, en ? "dossier" : "卷宗", r->has_pdf);
        fputs("</tr>\n", out);
        free(url);
    }
    fputs("</table>\n</body></html>\n", out);
    return ferror(out) ? QB_ERR_IO : QB_OK;
}
