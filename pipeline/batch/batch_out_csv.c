/* batch_out_csv.c — summary.csv: RFC 4180 (CRLF, quoted fields), UTF-8 with a BOM so
 * that Excel on a Chinese Windows opens it as UTF-8 rather than GBK. The columns of the
 * sheet (qb_batch_col). */
#include "batch_int.h"

#include <stdlib.h>

static int field(FILE *out, const char *s, int last)
{
    char *q = qb_batch_csv_field(s ? s : "");
    if (!q)
        return -1;
    int r = fputs(q, out) < 0 || fputs(last ? "\r\n" : ",", out) < 0;
    free(q);
    return r ? -1 : 0;
}

static int number(FILE *out, long v, int present)
{
    return present ? (fprintf(out, "%ld,", v) < 0 ? -1 : 0) : (fputs(",", out) < 0 ? -1 : 0);
}

qb_status qb_batch_write_csv(const qb_batch_summary *s, FILE *out)
{
    int bad = fputs("\xEF\xBB\xBF", out) < 0, en = s->en;
    for (int c = 0; c < QB_BATCH_NCOLS && !bad; c++)
        bad |= field(out, qb_batch_col(c, en), c == QB_BATCH_NCOLS - 1);
    for (size_t i = 0; i < s->n && !bad; i++) {
        const qb_batch_row *r = &s->v[i];
        char when[24];
        qb_batch_received_text(r->it->mtime, when);
        bad |= fprintf(out, "%zu,", i + 1) < 0;
        bad |= field(out, r->applicant, 0);
        bad |= field(out, r->it->display, 0);
        bad |= field(out, r->scope, 0);
        bad |= field(out, r->name, 0);
        bad |= field(out, r->contact, 0);
        bad |= field(out, r->phone, 0);
        bad |= field(out, when, 0);
        bad |= field(out, qb_batch_late(r, en), 0);
        bad |= field(out, qb_batch_state(r, en), 0);
        bad |= field(out, qb_batch_verdict(r->status, en), 0);
        bad |= number(out, r->errors, 1);
        bad |= number(out, r->warnings, 1);
        for (int k = 0; k < QB_NSEC; k++)
            bad |= number(out, r->count[k], r->found[k]);
        bad |= field(out, r->problems, 1);
    }
    return bad || ferror(out) ? QB_ERR_IO : QB_OK;
}
