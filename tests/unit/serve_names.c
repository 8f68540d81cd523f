/* serve_names.c — which of a client's file names the server's check may see as the
 * input's name (qb_serve_name_ok): one path component of valid UTF-8, no control
 * characters; anything else is checked under a generated name. */
#include "serve.h"
#include "tap.h"

static void name(const char *n, int want, const char *what)
{
    is_int(qb_serve_name_ok(n), want, "%s: %s", want ? "kept" : "refused", what);
}

int main(void)
{
    name("某某有限公司.rar", 1, "a Chinese package name");
    name("典型经验材料 (2).docx", 1, "spaces and brackets");
    name(".hidden.docx", 1, "a leading dot (one component still)");
    name("", 0, "empty");
    name(".", 0, "\".\"");
    name("..", 0, "\"..\"");
    name("../../etc/passwd", 0, "a path");
    name("a/b.docx", 0, "a slash");
    name("a\\b.docx", 0, "a backslash");
    name("a\nb.docx", 0, "a newline");
    name("a\x7f.docx", 0, "DEL");
    name("\xc4\xe3\xba\xc3.docx", 0, "GBK bytes (not UTF-8)");
    char longest[256], over[257];
    memset(longest, 'a', 255);
    longest[255] = '\0';
    memset(over, 'a', 256);
    over[256] = '\0';
    name(longest, 1, "255 bytes");
    name(over, 0, "256 bytes");
    return tap_done();
}
