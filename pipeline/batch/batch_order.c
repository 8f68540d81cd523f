/* batch_order.c — rows in the order a Chinese reader looks for a name: ICU's "zh"
 * collator (pinyin: 安徽 before 上海, ASCII and GBK-decoded names among the rest), on the
 * applicant, else the file name shown; ties by receipt time, then the name's bytes, then
 * the inbox order (stable). Each row's collation key is computed once. */
#include "batch_int.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

static unsigned char *sort_key(UCollator *coll, const char *s)
{
    UErrorCode ue = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8WithSub(NULL, 0, &n, s, -1, 0xFFFD, NULL, &ue);
    if (ue != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(ue))
        return NULL;
    UChar *u = malloc(((size_t)n + 1) * sizeof *u);
    if (!u)
        return NULL;
    ue = U_ZERO_ERROR;
    u_strFromUTF8WithSub(u, n + 1, NULL, s, -1, 0xFFFD, NULL, &ue);
    unsigned char *k = NULL;
    if (U_SUCCESS(ue)) {
        int32_t kn = ucol_getSortKey(coll, u, n, NULL, 0);
        if (kn > 0 && (k = malloc((size_t)kn)) != NULL)
            ucol_getSortKey(coll, u, n, k, kn);
    }
    free(u);
    return k;
}

typedef struct {
    qb_batch_row *r;
    size_t at; /* position before sorting */
} slot;

static int cmp(const void *a, const void *b)
{
    const slot *x = a, *y = b;
    int c = strcmp((const char *)x->r->sortkey, (const char *)y->r->sortkey);
    if (c)
        return c;
    if (x->r->it->mtime != y->r->it->mtime)
        return x->r->it->mtime < y->r->it->mtime ? -1 : 1;
    if ((c = strcmp(x->r->it->name, y->r->it->name)) != 0)
        return c;
    return x->at < y->at ? -1 : x->at > y->at;
}

qb_status qb_batch_sort_rows(qb_batch_summary *s)
{
    if (s->n < 2)
        return QB_OK;
    UErrorCode ue = U_ZERO_ERROR;
    UCollator *coll = ucol_open("zh", &ue);
    if (U_FAILURE(ue))
        return QB_ERR_NOMEM;
    qb_status st = QB_OK;
    for (size_t i = 0; i < s->n && st == QB_OK; i++) {
        qb_batch_row *r = &s->v[i];
        if (!(r->sortkey = sort_key(coll, r->applicant ? r->applicant : r->it->display)))
            st = QB_ERR_NOMEM;
    }
    ucol_close(coll);
    slot *v = st == QB_OK ? malloc(s->n * sizeof *v) : NULL;
    qb_batch_row *rows = v ? malloc(s->n * sizeof *rows) : NULL;
    size_t *where = rows ? malloc(s->n * sizeof *where) : NULL; /* old index → new */
    if (!where) {
        free(v);
        free(rows);
        return QB_ERR_NOMEM;
    }
    for (size_t i = 0; i < s->n; i++)
        v[i] = (slot){&s->v[i], i};
    qsort(v, s->n, sizeof *v, cmp);
    for (size_t i = 0; i < s->n; i++) {
        rows[i] = *v[i].r;
        where[v[i].at] = i;
    }
    for (size_t i = 0; i < s->n; i++)
        if (rows[i].successor >= 0)
            rows[i].successor = (long)where[rows[i].successor];
    memcpy(s->v, rows, s->n * sizeof *rows);
    free(v);
    free(rows);
    free(where);
    return QB_OK;
}
