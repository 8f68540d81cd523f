/* buf.c — growable byte strings. */
#include "buf.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

qb_status qb_buf_add(qb_buf *b, const char *s, size_t n)
{
    if (b->err != QB_OK)
        return b->err;
    qb_status st = qb_grow((void **)&b->s, &b->cap, b->len + n + 1, 1);
    if (st != QB_OK)
        return b->err = st;
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return QB_OK;
}

qb_status qb_buf_adds(qb_buf *b, const char *s)
{
    return qb_buf_add(b, s, strlen(s));
}

qb_status qb_buf_addf(qb_buf *b, const char *fmt, ...)
{
    if (b->err != QB_OK)
        return b->err;
    va_list ap;
    va_start(ap, fmt);
    char *s = qb_vasprintf(fmt, ap);
    va_end(ap);
    if (!s)
        return b->err = QB_ERR_NOMEM;
    qb_status st = qb_buf_adds(b, s);
    free(s);
    return st;
}

qb_status qb_buf_addc(qb_buf *b, unsigned cp)
{
    char tmp[4];
    size_t n = qb_utf8_encode(cp, tmp);
    if (!n && b->err == QB_OK)
        b->err = QB_ERR_FORMAT;
    return n ? qb_buf_add(b, tmp, n) : b->err;
}

void qb_buf_reset(qb_buf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

char *qb_buf_take(qb_buf *b)
{
    char *s = b->s;
    if (b->err != QB_OK) {
        free(s);
        s = NULL;
    } else if (!s) {
        s = qb_strdup("");
    }
    b->s = NULL;
    b->len = b->cap = 0;
    b->err = QB_OK;
    return s;
}

void qb_buf_free(qb_buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
    b->err = QB_OK;
}
