/* names.c — decoding and checking member names (policy in names.h). */
#include "names.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

/* GB18030 bytes to UTF-8; QB_ERR_FORMAT when iconv rejects them. */
static qb_status from_gb18030(const char *raw, size_t len, char **out)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return QB_ERR_FORMAT;
    size_t cap = len * 4 + 1; /* one GB18030 byte never yields more than 4 UTF-8 bytes */
    char *buf = malloc(cap);
    if (!buf) {
        iconv_close(cd);
        return QB_ERR_NOMEM;
    }
    char *in = (char *)raw, *o = buf;
    size_t inleft = len, outleft = cap - 1;
    size_t r = iconv(cd, &in, &inleft, &o, &outleft);
    iconv_close(cd);
    if (r == (size_t)-1 || inleft != 0) {
        free(buf);
        return QB_ERR_FORMAT;
    }
    *o = '\0';
    *out = buf;
    return QB_OK;
}

/* Private-use code points come out of GB18030's user-defined areas: the bytes were in
 * some other code page (CP866, Shift-JIS …), so the name means nothing to a reader. */
static int has_private_use(const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t k = qb_utf8_decode(s + i, len - i, &cp);
        if (k == 0)
            return 1;
        if ((cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000)
            return 1;
        i += k;
    }
    return 0;
}

qb_status qb_name_decode(const char *raw, size_t len, int utf8, char **out)
{
    *out = NULL;
    if (memchr(raw, '\0', len))
        return QB_ERR_UNSAFE;
    char *s = NULL;
    qb_status st;
    if (qb_utf8_valid(raw, len, NULL)) {
        s = qb_strndup(raw, len);
        st = s ? QB_OK : QB_ERR_NOMEM;
    } else if (utf8) {
        return QB_ERR_FORMAT; /* declared UTF-8 but is not: no honest guess left */
    } else {
        st = from_gb18030(raw, len, &s);
        if (st == QB_OK && has_private_use(s)) {
            free(s);
            st = QB_ERR_FORMAT;
        }
    }
    if (st != QB_OK)
        return st;
    for (char *p = s; *p; p++)
        if (*p == '\\')
            *p = '/';
    *out = s;
    return QB_OK;
}

const char *qb_name_unsafe(const char *name, const char **why_en)
{
    const char *en = NULL, *zh = NULL;
    size_t len = strlen(name);
    if (len == 0) {
        zh = "文件名为空";
        en = "empty name";
    } else if (name[0] == '/' || name[0] == '\\') {
        zh = "使用了绝对路径";
        en = "absolute path";
    } else if (len >= 2 && name[1] == ':' &&
               ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z'))) {
        zh = "使用了带盘符的绝对路径";
        en = "absolute path with a drive letter";
    }
    for (size_t i = 0; !zh && i < len;) {
        unsigned cp;
        size_t k = qb_utf8_decode(name + i, len - i, &cp);
        if (k == 0) {
            zh = "文件名无法识别";
            en = "name is not valid UTF-8";
            break;
        }
        /* C0/C1 controls, and the bidi controls that make "exe.docx" read backwards. */
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
            (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F) {
            zh = "文件名中含有控制字符";
            en = "name holds control characters";
        }
        i += k;
    }
    /* ".." as a whole component, with either separator */
    for (const char *p = name; !zh && *p;) {
        size_t n = strcspn(p, "/\\");
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            zh = "路径中含有“..”，会写到解压目录之外";
            en = "path contains '..' (would escape the folder)";
        }
        p += n;
        if (*p)
            p++;
    }
    if (why_en)
        *why_en = en;
    return zh;
}

void qb_name_tidy(char *name)
{
    char *w = name;
    for (const char *p = name; *p;) {
        size_t n = strcspn(p, "/");
        if (n > 0 && !(n == 1 && p[0] == '.')) {
            if (w != name)
                *w++ = '/';
            memmove(w, p, n);
            w += n;
        }
        p += n;
        if (*p)
            p++;
    }
    *w = '\0';
}

const char *qb_name_base(const char *name)
{
    const char *s = strrchr(name, '/');
    return s ? s + 1 : name;
}

int qb_name_is_junk(const char *name)
{
    if (strncmp(name, "__MACOSX/", 9) == 0 || strstr(name, "/__MACOSX/"))
        return 1;
    const char *b = qb_name_base(name);
    return strcmp(b, ".DS_Store") == 0 || strcasecmp(b, "Thumbs.db") == 0 ||
           strcasecmp(b, "desktop.ini") == 0 || strncmp(b, "~$", 2) == 0 ||
           strncmp(b, "._", 2) == 0;
}

void qb_name_ext(const char *name, char ext[10])
{
    ext[0] = '\0';
    const char *b = qb_name_base(name);
    const char *dot = strrchr(b, '.');
    if (!dot || dot == b)
        return;
    size_t n = strlen(dot + 1);
    if (n < 1 || n > 8)
        return;
    ext[0] = '.';
    for (size_t i = 0; i < n; i++) {
        char c = dot[1 + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            ext[0] = '\0';
            return;
        }
        ext[1 + i] = c;
    }
    ext[1 + n] = '\0';
}

char *qb_hex(const void *raw, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    const unsigned char *p = raw;
    char *s = malloc(len * 2 + 1);
    if (!s)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        s[2 * i] = digits[p[i] >> 4];
        s[2 * i + 1] = digits[p[i] & 15];
    }
    s[len * 2] = '\0';
    return s;
}
