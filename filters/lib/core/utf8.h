/* utf8.h — strict UTF-8 validation, decoding and encoding. */
#ifndef QB_UTF8_H
#define QB_UTF8_H

#include <stddef.h>

/* Decode one code point from s (at most len bytes). Returns the number of bytes
 * used, or 0 when the bytes are not valid UTF-8 (overlong, surrogate, > U+10FFFF,
 * truncated; *cp is then U+FFFD, the replacement character). Never reads past len.
 * Inline: counting and the checks call it for every character of a write-up (a call
 * each was 5 % of a check). */
static inline size_t qb_utf8_decode(const char *str, size_t len, unsigned *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    *cp = 0xFFFD;
    if (len == 0)
        return 0;
    unsigned c = s[0];
    size_t n;
    unsigned min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        n = 2; c &= 0x1F; min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3; c &= 0x0F; min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4; c &= 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

/* Encode cp into out (room for 4 bytes); returns bytes written, 0 if cp is invalid. */
size_t qb_utf8_encode(unsigned cp, char out[4]);

/* Nonzero when the whole buffer is valid UTF-8. If bad_at is given, it receives
 * the offset of the first invalid byte. */
int qb_utf8_valid(const char *s, size_t len, size_t *bad_at);

/* Number of code points in a valid UTF-8 string. */
size_t qb_utf8_length(const char *s);

/* Copy at most max_cp code points of s into a new string, adding "…" when cut.
 * Used for excerpts in findings. NULL on allocation failure. */
char *qb_utf8_excerpt(const char *s, size_t max_cp);

/* Byte length of the longest prefix of s holding at most nbytes bytes that does
 * not cut a UTF-8 sequence. */
size_t qb_utf8_clip(const char *s, size_t nbytes);

/* Terminal display width: 2 for CJK and full-width characters, 1 otherwise. */
size_t qb_utf8_width(const char *s);

#endif
