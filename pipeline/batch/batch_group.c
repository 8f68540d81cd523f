/* batch_group.c — resubmissions. An applicant who sends a corrected package sends it
 * under the same organisation name, often with a mark in the file name: 某某有限公司（修改稿）
 * .rar, 某某有限公司（第二版）.zip, 某某有限公司-v2.7z. Packages are grouped by the applicant
 * the record names (the form's 申报单位, else the package name), marks taken off; the one
 * received last is current, the earlier ones stay in the summary as 已被替代 with a link to
 * it, out of the counts.
 *
 * Receipt time: the inbox entry's modification time (the first volume's for a set), as
 * the mail gateway or the person saving the attachment left it — the only date every
 * inbox has. Copying an inbox must keep it (cp -p, rsync -t); ties go to the name that
 * sorts last. Dates are shown and compared in Beijing time (UTC+8, no summer time). */
#include "batch_int.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "package.h"
#include "utf8.h"

#define BEIJING (8 * 3600)

void qb_batch_received_text(time_t t, char out[24])
{
    struct tm tm;
    time_t b = t + BEIJING;
    gmtime_r(&b, &tm);
    strftime(out, 24, "%Y-%m-%d %H:%M", &tm);
}

int qb_batch_received_day(time_t t)
{
    struct tm tm;
    time_t b = t + BEIJING;
    gmtime_r(&b, &tm);
    return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

char *qb_batch_group_key(const char *applicant, const char *display)
{
    char *base = applicant ? NULL : qb_package_base_name(display);
    const char *s = applicant ? applicant : base ? base : display;
    qb_buf b = {0};
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) { /* no white space; full-width ASCII as ASCII */
        unsigned cp;
        size_t k = qb_utf8_decode(s + i, len - i, &cp);
        if (!k) {
            qb_buf_add(&b, s + i, 1);
            i++;
            continue;
        }
        i += k;
        if (cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0)
            continue;
        if (cp >= 0xFF01 && cp <= 0xFF5E && cp != 0xFF08 && cp != 0xFF09)
            cp -= 0xFEE0; /* （ ） stay: the marks are looked for in both kinds */
        char u[4];
        qb_buf_add(&b, u, qb_utf8_encode(cp, u));
    }
    free(base);
    if (qb_buf_status(&b) != QB_OK || !b.s) {
        qb_buf_free(&b);
        return qb_strdup("");
    }
    while (qb_name_strip_version(&b))
        ;
    return qb_buf_take(&b);
}

void qb_batch_group_rows(qb_batch_summary *s)
{
    for (size_t i = 0; i < s->n; i++) {
        qb_batch_row *r = &s->v[i];
        if (r->stray || !r->group)
            continue;
        /* the newest of the group: later receipt time, then the name sorting last */
        size_t best = i;
        for (size_t j = 0; j < s->n; j++) {
            const qb_batch_row *q = &s->v[j], *b = &s->v[best];
            if (q->stray || !q->group || strcmp(q->group, r->group) != 0)
                continue;
            if (q->it->mtime > b->it->mtime ||
                (q->it->mtime == b->it->mtime && strcmp(q->it->name, b->it->name) > 0))
                best = j;
        }
        r->superseded = best != i;
        r->successor = best != i ? (long)best : -1;
    }
}
