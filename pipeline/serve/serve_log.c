/* serve_log.c — the server's log on stderr: one line per request, each written with one
 * write(2) (lines of concurrent requests never mix, and no thread ever holds stdio's
 * lock on stderr, which a child forked at that moment would inherit held). */
#include "serve_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LINE_MAX_BYTES 1024

static void put_line(char *buf, size_t n)
{
    if (n > LINE_MAX_BYTES - 1)
        n = LINE_MAX_BYTES - 1;
    buf[n++] = '\n';
    ssize_t w = write(STDERR_FILENO, buf, n);
    (void)w; /* nowhere to report a log that cannot be written */
}

void qb_serve_log(const char *fmt, ...)
{
    char buf[LINE_MAX_BYTES];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    put_line(buf, (size_t)n < sizeof buf - 1 ? (size_t)n : sizeof buf - 2);
}

/* The path as sent, printable: bytes outside printable ASCII as %XX, cut short. */
static void printable(const char *s, char *out, size_t cap)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;
    for (; *s && o + 4 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c > 0x20 && c < 0x7f && c != '%') {
            out[o++] = (char)c;
        } else {
            out[o++] = '%';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        }
    }
    out[o] = '\0';
}

void qb_serve_log_request(const char *client, const char *method, const char *path, unsigned status,
                          uint64_t bytes, const char *verdict, double ms)
{
    char when[32], p[160], m[16];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    printable(path ? path : "-", p, sizeof p);
    printable(method ? method : "-", m, sizeof m);
    qb_serve_log("%s %s %s %s %u %llu %s %.1fms", when, client, m, p, status, (unsigned long long)bytes,
                 verdict && *verdict ? verdict : "-", ms);
}
