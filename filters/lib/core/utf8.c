/* utf8.c — strict UTF-8 handling: invalid bytes are reported, never guessed. */
#include "utf8.h"
#include "qb.h"

#include <stdlib.h>
#include <string.h>

size_t qb_utf8_encode(unsigned cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp <= 0x10FFFF) {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

int qb_utf8_valid(const char *s, size_t len, size_t *bad_at)
{
    size_t i = 0;
    while (i < len) {
        unsigned cp;
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = qb_utf8_decode(s + i, len - i, &cp);
        if (!n) {
            if (bad_at)
                *bad_at = i;
            return 0;
        }
        i += n;
    }
    return 1;
}

size_t qb_utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

size_t qb_utf8_clip(const char *s, size_t nbytes)
{
    size_t len = strlen(s);
    if (nbytes >= len)
        return len;
    while (nbytes > 0 && ((unsigned char)s[nbytes] & 0xC0) == 0x80)
        nbytes--;
    return nbytes;
}

char *qb_utf8_excerpt(const char *s, size_t max_cp)
{
    size_t i = 0, n = 0;
    while (s[i] && n < max_cp) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        n++;
    }
    if (!s[i])
        return qb_strdup(s);
    char *out = malloc(i + 4);
    if (!out)
        return NULL;
    memcpy(out, s, i);
    memcpy(out + i, "\xE2\x80\xA6", 4); /* … */
    return out;
}

size_t qb_utf8_width(const char *s)
{
    size_t w = 0, len = strlen(s), i = 0;
    while (i < len) {
        unsigned cp;
        size_t n = qb_utf8_decode(s + i, len - i, &cp);
        if (!n) {
            n = 1;
            cp = '?';
        }
        i += n;
        w += ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
              (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
              (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
              (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD) ||
              cp == 0x2014 || cp == 0x2026 || (cp >= 0x2018 && cp <= 0x201F))
                 ? 2 : 1;
    }
    return w;
}
