/* err.c — the error idiom (err.h). */
#include "err.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *qb_status_zh(qb_status s)
{
    switch (s) {
    case QB_OK: return "成功";
    case QB_ERR_NOMEM: return "内存不足";
    case QB_ERR_IO: return "文件无法读取或写入";
    case QB_ERR_FORMAT: return "文件无法读取或已损坏";
    case QB_ERR_LIMIT: return "超出安全限制";
    case QB_ERR_ENCRYPTED: return "文件已加密";
    case QB_ERR_UNSAFE: return "含有不安全的内容";
    case QB_ERR_USAGE: return "用法错误";
    case QB_ERR_CONFIG: return "规则文件有误";
    }
    return "未知错误";
}

/* vsnprintf may cut a multi-byte character in half: drop the broken tail. */
static void trim_utf8(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && !qb_utf8_valid(s, n, NULL))
        s[--n] = '\0';
}

qb_status qb_err_set(qb_err *e, qb_status st, const char *zh_fmt, const char *en_fmt, ...)
{
    if (!e || e->st != QB_OK)
        return st;
    va_list ap, cp;
    va_start(ap, en_fmt);
    va_copy(cp, ap);
    vsnprintf(e->zh, sizeof e->zh, zh_fmt, ap);
    vsnprintf(e->en, sizeof e->en, en_fmt, cp);
    va_end(cp);
    va_end(ap);
    trim_utf8(e->zh);
    trim_utf8(e->en);
    e->st = st;
    return st;
}

qb_status qb_err_status(qb_err *e, qb_status st)
{
    if (!e || e->st != QB_OK || st == QB_OK)
        return st;
    snprintf(e->zh, sizeof e->zh, "%s", qb_status_zh(st));
    snprintf(e->en, sizeof e->en, "%s", qb_status_str(st));
    e->st = st;
    return st;
}

static void prefix_one(char *dst, size_t cap, const char *fmt, va_list ap)
{
    char head[QB_ERR_TEXT], tmp[QB_ERR_TEXT];
    vsnprintf(head, sizeof head, fmt, ap);
    snprintf(tmp, sizeof tmp, "%s%s", head, dst);
    memcpy(dst, tmp, cap < sizeof tmp ? cap : sizeof tmp);
    dst[cap - 1] = '\0';
    trim_utf8(dst);
}

void qb_err_prefix(qb_err *e, const char *zh_fmt, const char *en_fmt, ...)
{
    if (!e || e->st == QB_OK)
        return;
    va_list ap, cp;
    va_start(ap, en_fmt);
    va_copy(cp, ap);
    prefix_one(e->zh, sizeof e->zh, zh_fmt, ap);
    prefix_one(e->en, sizeof e->en, en_fmt, cp);
    va_end(cp);
    va_end(ap);
}

const char *qb_err_text(const qb_err *e, int en)
{
    if (!e)
        return "";
    const char *t = en ? e->en : e->zh;
    return t[0] ? t : en ? qb_status_str(e->st) : qb_status_zh(e->st);
}

void qb_err_clear(qb_err *e)
{
    if (e)
        memset(e, 0, sizeof *e);
}
