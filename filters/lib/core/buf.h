/* buf.h — a growable byte string, always NUL-terminated. */
#ifndef QB_BUF_H
#define QB_BUF_H

#include "qb.h"

/* A buffer keeps its first error: once an append fails, later appends do nothing
 * and return that status again, so a writer may append freely and check once
 * (qb_buf_status, or qb_buf_take returning NULL). */
typedef struct {
    char *s;
    size_t len, cap;
    qb_status err;  /* first failure, QB_OK while none */
} qb_buf;

qb_status qb_buf_add(qb_buf *b, const char *s, size_t n);
qb_status qb_buf_adds(qb_buf *b, const char *s);
qb_status qb_buf_addf(qb_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
qb_status qb_buf_addc(qb_buf *b, unsigned cp); /* append one code point as UTF-8 */
void qb_buf_reset(qb_buf *b);   /* empties the text; the error stays */
static inline qb_status qb_buf_status(const qb_buf *b) { return b->err; }
/* Hand the string over to the caller; NULL when an append failed. The buffer is emptied. */
char *qb_buf_take(qb_buf *b);
void qb_buf_free(qb_buf *b);

#endif
