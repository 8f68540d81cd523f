/* qb.c — status names and allocation helpers. */
#include "qb.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *qb_status_str(qb_status s)
{
    switch (s) {
    case QB_OK: return "ok";
    case QB_ERR_NOMEM: return "out of memory";
    case QB_ERR_IO: return "I/O error";
    case QB_ERR_FORMAT: return "unreadable or corrupt input";
    case QB_ERR_LIMIT: return "safety limit exceeded";
    case QB_ERR_ENCRYPTED: return "encrypted input";
    case QB_ERR_UNSAFE: return "unsafe content";
    case QB_ERR_USAGE: return "bad usage";
    case QB_ERR_CONFIG: return "invalid rules file";
    }
    return "unknown error";
}

char *qb_strdup(const char *s)
{
    return s ? qb_strndup(s, strlen(s)) : NULL;
}

char *qb_strndup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *qb_vasprintf(const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (!s)
        return NULL;
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *qb_asprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = qb_vasprintf(fmt, ap);
    va_end(ap);
    return s;
}

qb_status qb_grow(void **v, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return QB_OK;
    size_t nc = *cap ? *cap : 8;
    while (nc < need) {
        if (nc > ((size_t)-1) / 2 / sz)
            return QB_ERR_NOMEM;
        nc *= 2;
    }
    void *p = realloc(*v, nc * sz);
    if (!p)
        return QB_ERR_NOMEM;
    *v = p;
    *cap = nc;
    return QB_OK;
}

qb_status qb_read_file(const char *path, size_t max, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return QB_ERR_IO;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    qb_status st = QB_OK;
    for (;;) {
        if ((st = qb_grow((void **)&buf, &cap, n + 65537, 1)) != QB_OK)
            break;
        size_t r = fread(buf + n, 1, 65536, f);
        n += r;
        if (n > max) {
            st = QB_ERR_LIMIT;
            break;
        }
        if (r < 65536) {
            if (ferror(f))
                st = QB_ERR_IO;
            break;
        }
    }
    fclose(f);
    if (st != QB_OK) {
        free(buf);
        return st;
    }
    buf[n] = '\0';
    *out = buf;
    if (len)
        *len = n;
    return QB_OK;
}

const char *qb_basename(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}
