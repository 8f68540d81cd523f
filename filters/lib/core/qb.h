/* qb.h — status codes and small helpers shared by every qbintake stage. */
#ifndef QB_H
#define QB_H

#include <stddef.h>
#include <stdarg.h>

/* Under AddressSanitizer (which reserves terabytes of address space up front)
 * RLIMIT_AS cannot be used: the sandboxes skip it then. */
#if defined(__SANITIZE_ADDRESS__)
#define QB_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define QB_UNDER_ASAN 1
#endif
#endif

/* Every fallible function returns one of these; 0 is success. */
typedef enum {
    QB_OK = 0,
    QB_ERR_NOMEM,     /* out of memory */
    QB_ERR_IO,        /* a file could not be read or written */
    QB_ERR_FORMAT,    /* input is not what it claims to be, or is corrupt */
    QB_ERR_LIMIT,     /* a safety limit (size, count, ratio, depth) was hit */
    QB_ERR_ENCRYPTED, /* the input is encrypted */
    QB_ERR_UNSAFE,    /* hostile content (DOCTYPE, traversal, link) */
    QB_ERR_USAGE,     /* the caller passed bad arguments */
    QB_ERR_CONFIG     /* an edition / rules file is invalid */
} qb_status;

const char *qb_status_str(qb_status s);

/* Allocation helpers: NULL on failure, never abort. */
char *qb_strdup(const char *s);
char *qb_strndup(const char *s, size_t n);
char *qb_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *qb_vasprintf(const char *fmt, va_list ap);

/* Grow *v (of element size sz) so that it holds at least need elements. */
qb_status qb_grow(void **v, size_t *cap, size_t need, size_t sz);

/* Read a whole file into memory (NUL-terminated), refusing files over max bytes. */
qb_status qb_read_file(const char *path, size_t max, char **out, size_t *len);

/* The last path component, without directories (points into path). */
const char *qb_basename(const char *path);

#endif
