/* Unit tests of strict UTF-8 handling. */
#include "utf8.h"
#include "tap.h"

#include <stdlib.h>

int main(void)
{
    unsigned cp = 0;
    is_int(qb_utf8_decode("中", 3, &cp), 3, "中 is three bytes");
    is_int(cp, 0x4E2D, "and decodes to U+4E2D");
    is_int(qb_utf8_decode("\xC0\xAF", 2, &cp), 0, "overlong / is rejected");
    is_int(qb_utf8_decode("\xED\xA0\x80", 3, &cp), 0, "a surrogate is rejected");
    is_int(qb_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0, "beyond U+10FFFF is rejected");
    is_int(qb_utf8_decode("\xE4\xB8", 2, &cp), 0, "a truncated sequence is rejected");
    size_t bad = 0;
    ok(!qb_utf8_valid("ab\xB2\xE2", 4, &bad), "GBK bytes are not UTF-8");
    is_int(bad, 2, "and the first bad byte is named");
    ok(qb_utf8_valid("质量标杆", strlen("质量标杆"), NULL), "Chinese UTF-8 is valid");
    char out[4];
    is_int(qb_utf8_encode(0x20000, out), 4, "U+20000 encodes in four bytes");
    is_int(qb_utf8_encode(0xD800, out), 0, "a surrogate cannot be encoded");
    is_int(qb_utf8_length("质量ab"), 4, "length counts code points");
    char *e = qb_utf8_excerpt("质量标杆典型经验", 4);
    is_str(e, "质量标杆…", "an excerpt is cut on a character with …");
    free(e);
    is_int(qb_utf8_clip("中文", 4), 3, "clipping never cuts a character");
    is_int(qb_utf8_width("中a"), 3, "display width: CJK 2, Latin 1");
    return tap_done();
}
