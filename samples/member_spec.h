/* member_spec.h — how mkrar and mkzip read their member arguments: NAME=TEXT,
 * NAME=@FILE (the file's bytes) or NAME=%zeros:N; and names in GBK for fixtures that
 * imitate Chinese Windows tools. Header-only: each samples/ .c file is its own program. */
#ifndef QB_MEMBER_SPEC_H
#define QB_MEMBER_SPEC_H

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* The bytes a member spec stands for, appended to out; -1 on error. */
static int spec_content(const char *spec, qb_buf *out)
{
    if (spec[0] == '@') {
        char *data;
        size_t len;
        if (qb_read_file(spec + 1, (size_t)1 << 30, &data, &len) != QB_OK) {
            fprintf(stderr, "%s: cannot read\n", spec + 1);
            return -1;
        }
        qb_buf_add(out, data, len);
        free(data);
    } else if (strncmp(spec, "%zeros:", 7) == 0) {
        size_t n = strtoul(spec + 7, NULL, 10);
        char *z = calloc(n ? n : 1, 1);
        if (!z)
            return -1;
        qb_buf_add(out, z, n);
        free(z);
    } else {
        qb_buf_adds(out, spec);
    }
    return 0;
}

/* A UTF-8 name in GB18030 (what Chinese WinRAR and Windows Explorer write). */
static int spec_gbk(const char *utf8, qb_buf *out)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    if (cd == (iconv_t)-1)
        return -1;
    size_t inleft = strlen(utf8), cap = inleft * 2 + 4, outleft = cap;
    char *buf = malloc(cap), *in = (char *)utf8, *o = buf;
    int rc = buf && iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1 ? 0 : -1;
    iconv_close(cd);
    if (rc == 0)
        qb_buf_add(out, buf, cap - outleft);
    free(buf);
    return rc;
}

static int spec_hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0;
}

/* A member name as given (UTF-8), as hex bytes (--hex: any raw name), or in GBK (--gbk). */
static int spec_name(const char *name, int hex, int gbk, qb_buf *out)
{
    if (hex) {
        for (size_t k = 0; name[k] && name[k + 1]; k += 2) {
            char c = (char)(spec_hexval(name[k]) << 4 | spec_hexval(name[k + 1]));
            qb_buf_add(out, &c, 1);
        }
        return 0;
    }
    if (gbk)
        return spec_gbk(name, out);
    qb_buf_adds(out, name);
    return 0;
}

#endif
