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

/* Words that mark a version rather than name an organisation. */
static const char *const marks[] = {"修改稿", "修改版", "修订稿", "修订版", "更正版", "更正", "补正", "补充",
                                    "重新提交", "重报", "最终版", "最终稿", "终稿", "定稿", "新版", "正式版",
                                    "修改", "修订"};

/* Is [s, s+n) a version mark: one of the words, 第…版 / 第…稿 / 第…次, v2 / V3 / 2? */
static int is_mark(const char *s, size_t n)
{
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
        if (strlen(marks[k]) == n && memcmp(s, marks[k], n) == 0)
            return 1;
    if (n > 6 && memcmp(s, "第", 3) == 0 &&
        (memcmp(s + n - 3, "版", 3) == 0 || memcmp(s + n - 3, "稿", 3) == 0 || memcmp(s + n - 3, "次", 3) == 0))
        return n <= 3 + 9 + 3; /* 第 + up to three characters + 版 */
    size_t i = (n && (s[0] == 'v' || s[0] == 'V')) ? 1 : 0;
    if (i == n)
        return 0;
    for (size_t k = i; k < n; k++)
        if (s[k] < '0' || s[k] > '9')
            return 0;
    return i == 1 || n <= 2; /* v2, or a bare number in brackets: （2） */
}

/* Take one trailing mark off b: "（修改稿）", "(v2)", "【第二版】", "-v2", "_修改稿", " v3". */
static int strip_mark(qb_buf *b)
{
    char *s = b->s;
    size_t n = b->len;
    static const char *const closes[] = {"）", ")", "】", "]"}, *const opens[] = {"（", "(", "【", "["};
    for (int k = 0; k < 4; k++) {
        size_t cl = strlen(closes[k]);
        if (n <= cl || memcmp(s + n - cl, closes[k], cl) != 0)
            continue;
        for (size_t o = n - cl; o-- > 0;) {
            for (int j = 0; j < 4; j++) {
                size_t ol = strlen(opens[j]);
                if (o + ol <= n - cl && memcmp(s + o, opens[j], ol) == 0 && o > 0 &&
                    is_mark(s + o + ol, n - cl - o - ol)) {
                    b->len = o;
                    s[o] = '\0';
                    return 1;
                }
            }
        }
        return 0;
    }
    for (size_t o = n; o-- > 1;) { /* "-v2", "_修改稿" */
        if (s[o] != '-' && s[o] != '_')
            continue;
        if (is_mark(s + o + 1, n - o - 1)) {
            b->len = o;
            s[o] = '\0';
            return 1;
        }
        break;
    }
    return 0;
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
    while (strip_mark(&b))
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
