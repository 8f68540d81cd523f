/* Member names: decoding (UTF-8 flag, valid UTF-8, GB18030), safety, junk, extensions. */
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "tap.h"

static char *dec(const char *raw, size_t len, int utf8, qb_status *st)
{
    char *out = NULL;
    *st = qb_name_decode(raw, len, utf8, &out);
    return out;
}

int main(void)
{
    qb_status st;
    char *s;

    /* 申请材料\申请书.docx in GBK, as Chinese Windows writes it without the UTF-8 flag */
    static const char gbk[] = "\xC9\xEA\xC7\xEB\xB2\xC4\xC1\xCF\\\xC9\xEA\xC7\xEB\xCA\xE9.docx";
    s = dec(gbk, sizeof gbk - 1, 0, &st);
    is_str(s, "申请材料/申请书.docx", "GBK bytes without the flag decode through GB18030, '\\' becomes '/'");
    free(s);

    /* 质量奬 with 奬 = 8A 5C: the trail byte is a backslash and must not split the name */
    static const char trail[] = "\xD6\xCA\xC1\xBF\x8A\x5C\xC9\xEA\xB1\xA8\xCA\xE9.docx";
    s = dec(trail, sizeof trail - 1, 0, &st);
    is_str(s, "质量奬申报书.docx", "a GBK character whose second byte is 0x5C stays one character");
    free(s);

    s = dec("典型经验材料.docx", strlen("典型经验材料.docx"), 0, &st);
    is_str(s, "典型经验材料.docx", "valid UTF-8 without the flag is taken as it is");
    free(s);

    s = dec("\xC9\xEA", 2, 1, &st);
    ok(st == QB_ERR_FORMAT && !s, "a name flagged UTF-8 that is not UTF-8 cannot be decoded");
    free(s);

    s = dec("te\0t", 4, 0, &st);
    ok(st == QB_ERR_UNSAFE && !s, "a NUL byte inside a name is refused as unsafe");
    free(s);

    /* CP866 "привет": GB18030 maps its bytes to private-use code points */
    s = dec("\xAF\xE0\xA8\xA2\xA5\xE2", 6, 0, &st);
    ok(st == QB_ERR_FORMAT && !s, "bytes that decode only to private-use characters are undecodable");
    free(s);

    const char *en = NULL;
    ok(qb_name_unsafe("申报书.docx", &en) == NULL && en == NULL, "an ordinary name is safe");
    ok(qb_name_unsafe("a/../../etc/passwd", &en) != NULL && strstr(en, ".."), "'..' is unsafe");
    ok(qb_name_unsafe("a\\..\\b.txt", NULL) != NULL, "'..' between backslashes is unsafe too");
    ok(qb_name_unsafe("/etc/passwd", NULL) != NULL, "a leading '/' is an absolute path");
    ok(qb_name_unsafe("\\\\server\\share\\x", NULL) != NULL, "a UNC path is absolute");
    ok(qb_name_unsafe("C:/x.txt", NULL) != NULL && qb_name_unsafe("c:x", NULL) != NULL,
       "a drive letter is absolute");
    ok(qb_name_unsafe("", NULL) != NULL, "an empty name is unsafe");
    ok(qb_name_unsafe("a\x01.txt", NULL) != NULL, "a control character is unsafe");
    ok(qb_name_unsafe("申报书\xE2\x80\xAE" "xcod.exe", NULL) != NULL,
       "a right-to-left override (disguising an .exe) is unsafe");
    ok(qb_name_unsafe("a..b/...txt", NULL) == NULL, "dots that are not a '..' component are fine");

    char t[] = "./申报材料//证明材料/./营业执照.pdf/";
    qb_name_tidy(t);
    is_str(t, "申报材料/证明材料/营业执照.pdf", "tidy drops '.', repeated and trailing '/'");

    ok(qb_name_is_junk("__MACOSX/._申报书.docx"), "__MACOSX/ is junk");
    ok(qb_name_is_junk("公司/Thumbs.db") && qb_name_is_junk("desktop.ini") && qb_name_is_junk("a/.DS_Store"),
       "Thumbs.db, desktop.ini and .DS_Store are junk");
    ok(qb_name_is_junk("公司/~$申报书.docx"), "an Office lock file ~$… is junk");
    ok(!qb_name_is_junk("公司/申报书.docx"), "a document is not junk");

    char ext[10];
    qb_name_ext("公司/典型经验材料.DOCX", ext);
    is_str(ext, ".docx", "the extension is lower-cased");
    qb_name_ext("a/b.c/noext", ext);
    is_str(ext, "", "a dot in a folder name is not an extension");
    qb_name_ext("x.d o c", ext);
    is_str(ext, "", "an extension with a space is not kept");

    s = qb_hex("\x00\xff" "A", 3);
    is_str(s, "00ff41", "hex of raw bytes");
    free(s);

    printf("1..%d\n", tap_n);
    return tap_failed != 0;
}
