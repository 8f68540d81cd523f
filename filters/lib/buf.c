/* buf.c — growable byte strings. */
#include "buf.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

qb_status qb_buf_add(qb_buf *b, const char *s, size_t n)
{
    qb_status st = qb_grow((void **)&b->s, &b->cap, b->len + n + 1, 1);
    if (st != QB_OK)
        return st;
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
    va_list ap;
    va_start(ap, fmt);
    char *s = qb_vasprintf(fmt, ap);
    va_end(ap);
    if (!s)
        return QB_ERR_NOMEM;
    qb_status st = qb_buf_adds(b, s);
    free(s);
    return st;
}

qb_status qb_buf_addc(qb_buf *b, unsigned cp)
{
    char tmp[4];
    size_t n = qb_utf8_encode(cp, tmp);
    return n ? qb_buf_add(b, tmp, n) : QB_ERR_FORMAT;
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
    if (!s)
        s = qb_strdup("");
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

void qb_buf_free(qb_buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}
