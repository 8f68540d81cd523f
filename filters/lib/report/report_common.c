/* report_common.c — what every report format shares. */
#include "report.h"

const char *qb_report_status(const qb_report *r)
{
    return qb_verdict_of(r->processed, r->findings);
}

void qb_report_of_record(qb_report *rep, const qb_record *rec, const qb_edition *ed, int lang_en)
{
    *rep = (qb_report){.ed = ed, .input = rec->input.name, .applicant = rec->applicant,
                       .doc = rec->have_doc ? &rec->doc : NULL, .findings = &rec->findings,
                       .pkg = rec->have_pkg && !rec->pkg.is_document ? &rec->pkg : NULL,
                       .fields = rec->have_fields ? &rec->fields : NULL, .scope = rec->scope,
                       .processed = rec->processed, .lang_en = lang_en};
}

qb_status qb_report_facts(const qb_report *r, qb_form_facts *out)
{
    return qb_form_facts_of(r->fields, r->scope, r->findings, out);
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
