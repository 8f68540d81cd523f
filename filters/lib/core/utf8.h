/* utf8.h — strict UTF-8 validation, decoding and encoding. */
#ifndef QB_UTF8_H
#define QB_UTF8_H

#include <stddef.h>

/* Decode one code point from s (at most len bytes). Returns the number of bytes
 * used, or 0 when the bytes are not valid UTF-8 (overlong, surrogate, > U+10FFFF,
 * truncated). Never reads past len. */
size_t qb_utf8_decode(const char *s, size_t len, unsigned *cp);

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
