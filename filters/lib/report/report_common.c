/* report_common.c — what every report format shares. */
#include "report.h"

const char *qb_report_status(const qb_report *r)
{
    if (!r->processed)
        return "error";
    return qb_findings_count(r->findings, QB_SEV_ERROR) ? "fail" : "pass";
}

int qb_report_lists_member(const qb_member *m)
{
    return m->role != QB_ROLE_JUNK && m->name && m->outcome == QB_OUT_OK;
}

void qb_html_escape(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*s, out);
        }
    }
}
