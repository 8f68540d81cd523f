/* form_fields.c — the form's fields and their values: amounts, dates, yes/no answers,
 * the 统一社会信用代码 (GB 32100-2015), phone and e-mail shapes. */
#include "form.h"
#include "buf.h"
#include "count.h"
#include "utf8.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *key, *zh;
} fields[QB_FF_N] = {
    {"applicant", "申报单位名称"},        {"credit_code", "统一社会信用代码"},
    {"legal_representative", "法定代表人"}, {"contact", "联系人"},
    {"phone", "联系电话"},               {"email", "电子邮箱"},
    {"address", "通讯地址"},             {"nature", "企业性质"},
    {"industry", "所属行业"},            {"size", "企业规模"},
    {"scope", "遴选范围"},               {"benchmark_name", "质量标杆名称"},
    {"iso9001_number", "ISO 9001 证书编号"}, {"iso9001_expiry", "ISO 9001 证书有效期"},
    {"record_declaration", "不良记录声明"}, {"dishonest_debtor", "失信被执行人声明"},
    {"revenue", "营业收入"},
    {"profit", "利润总额"},
};

const char *qb_form_key(qb_form_field f) { return f < QB_FF_N ? fields[f].key : "?"; }
const char *qb_form_name_zh(qb_form_field f) { return f < QB_FF_N ? fields[f].zh : "?"; }

qb_form_field qb_form_field_of(const char *key)
{
    for (int i = 0; i < QB_FF_N; i++)
        if (strcmp(fields[i].key, key) == 0)
            return (qb_form_field)i;
    return QB_FF_N;
}

void qb_form_init(qb_form *f) { memset(f, 0, sizeof *f); }

void qb_form_free(qb_form *f)
{
    for (int i = 0; i < QB_FF_N; i++)
        free(f->value[i]);
    for (size_t i = 0; i < f->nyears; i++) {
        free(f->years[i].revenue);
        free(f->years[i].profit);
    }
    free(f->years);
    free(f->unit);
    qb_form_init(f);
}

qb_status qb_form_set(qb_form *f, qb_form_field ff, const char *value)
{
    if (ff >= QB_FF_N)
        return QB_ERR_USAGE;
    char *v = value ? qb_strdup(value) : NULL;
    if (value && !v)
        return QB_ERR_NOMEM;
    free(f->value[ff]);
    f->value[ff] = v;
    f->seen[ff] = 1;
    return QB_OK;
}

qb_status qb_form_set_year(qb_form *f, int year, qb_form_field ff, const char *value)
{
    if ((ff != QB_FF_REVENUE && ff != QB_FF_PROFIT) || year < 1900 || year > 2999)
        return QB_ERR_USAGE;
    size_t i = 0;
    while (i < f->nyears && f->years[i].year < year)
        i++;
    if (i == f->nyears || f->years[i].year != year) {
        qb_form_year *nv = realloc(f->years, (f->nyears + 1) * sizeof *nv);
        if (!nv)
            return QB_ERR_NOMEM;
        f->years = nv;
        memmove(nv + i + 1, nv + i, (f->nyears - i) * sizeof *nv);
        nv[i] = (qb_form_year){.year = year};
        f->nyears++;
    }
    char **slot = ff == QB_FF_REVENUE ? &f->years[i].revenue : &f->years[i].profit;
    char *v = value ? qb_strdup(value) : NULL;
    if (value && !v)
        return QB_ERR_NOMEM;
    free(*slot);
    *slot = v;
    f->seen[ff] = 1;
    return QB_OK;
}

/* Values compare as typed, whatever the width (core/count.h). */
static char *fold(const char *s)
{
    return qb_text_fold(s, strlen(s));
}

static int starts(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

int qb_form_amount(const char *text, const char *unit_hint, double *wan, int *loss)
{
    *loss = 0;
    *wan = NAN;
    char *s = fold(text);
    if (!s)
        return 0;
    /* drop thousands separators and the word 亏损 (a loss) */
    qb_buf b = {0};
    for (const char *p = s; *p;) {
        if (*p == ',' || starts(p, "，")) {
            p += *p == ',' ? 1 : strlen("，");
        } else if (starts(p, "亏损")) {
            *loss = 1;
            p += strlen("亏损");
        } else {
            qb_buf_add(&b, p, 1);
            p++;
        }
    }
    free(s);
    s = qb_buf_take(&b);
    if (!s)
        return 0;
    char *p = s;
    int neg = 0;
    if (*p == '-') {
        neg = 1, p++;
    } else if (starts(p, "负")) {
        neg = 1, p += strlen("负");
    } else if (*p == '(') {
        char *close = strchr(p, ')');
        if (close) {
            neg = 1;
            memmove(close, close + 1, strlen(close + 1) + 1);
            p++;
        }
    }
    double scale = 1; /* to 万元 */
    const char *unit = unit_hint;
    char *end = p;
    double v = strtod(p, &end);
    int ok = end != p && (isdigit((unsigned char)*p) || *p == '.');
    if (ok) {
        if (*end)
            unit = end;
    } else if (*loss && !*p) { /* "亏损" alone */
        free(s);
        return 1;
    }
    if (ok && unit && *unit) {
        if (strcmp(unit, "万元") == 0 || strcmp(unit, "万") == 0)
            scale = 1;
        else if (strcmp(unit, "亿元") == 0 || strcmp(unit, "亿") == 0)
            scale = 10000;
        else if (strcmp(unit, "千元") == 0)
            scale = 0.1;
        else if (strcmp(unit, "元") == 0)
            scale = 0.0001;
        else
            ok = 0;
    }
    free(s);
    if (!ok)
        return 0;
    if (neg || *loss)
        v = -fabs(v);
    *loss = v < 0;
    *wan = v * scale;
    return 1;
}

int qb_form_date(const char *text)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    char *s = fold(text);
    int found = 0;
    for (const char *p = s; p && *p && !found; p++) {
        if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1])))
            continue;
        int y, m, d, n = 0;
        char sep1[8], sep2[8];
        /* 2027年5月31日 */
        if (sscanf(p, "%4d年%2d月%2d日%n", &y, &m, &d, &n) == 3 && n) {
            found = y * 10000 + m * 100 + d;
        } else if (sscanf(p, "%4d%1[-./]%2d%1[-./]%2d", &y, sep1, &m, sep2, &d) == 5 && sep1[0] == sep2[0]) {
            found = y * 10000 + m * 100 + d;
        }
        if (found && (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
                      (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))))
            found = 0;
    }
    free(s);
    return found;
}

/* Tick marks forms use: ☑ ☒ ✓ ✔ √ ■ ● ★ ◉ ✘. */
static int is_tick(unsigned cp)
{
    return cp == 0x2611 || cp == 0x2612 || cp == 0x2713 || cp == 0x2714 || cp == 0x221A || cp == 0x25A0 ||
           cp == 0x25CF || cp == 0x2605 || cp == 0x25C9 || cp == 0x2718;
}

const char *qb_form_ticked(const char *s)
{
    size_t len = strlen(s), i = 0;
    while (i < len) {
        unsigned cp;
        size_t n = qb_utf8_decode(s + i, len - i, &cp);
        if (!n)
            return NULL;
        i += n;
        if (is_tick(cp)) {
            while (i < len && (s[i] == ' ' || starts(s + i, "\u3000")))
                i += s[i] == ' ' ? 1 : 3;
            return s + i;
        }
    }
    return NULL;
}

int qb_form_yes_no(const char *text)
{
    const char *t = qb_form_ticked(text);
    char *s = fold(t ? t : text);
    int r = -1;
    if (s && (starts(s, "否") || starts(s, "无") || starts(s, "没有") || starts(s, "不存在")))
        r = 0;
    else if (s && (starts(s, "是") || starts(s, "有") || starts(s, "存在")))
        r = 1;
    free(s);
    return r;
}

const char *qb_credit_code_problem(const char *code)
{
    static const char set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static const int w[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    size_t n = strlen(code);
    if (n != 18)
        return "应为 18 位";
    int sum = 0;
    for (size_t i = 0; i < 18; i++) {
        const char *at = code[i] ? strchr(set, code[i]) : NULL;
        if (!at)
            return "含有代码字符集以外的字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）";
        if (i < 17)
            sum += (int)(at - set) * w[i];
    }
    int check = (31 - sum % 31) % 31;
    if (code[17] != set[check])
        return "校验码不正确";
    return NULL;
}

int qb_form_phone_ok(const char *text)
{
    char *s = fold(text);
    if (!s)
        return 0;
    int digits = 0, ok = 1;
    const char *p = s;
    if (*p == '+')
        p++;
    for (; *p && ok; p++) {
        if (isdigit((unsigned char)*p))
            digits++;
        else if (starts(p, "转")) /* an extension */
            p += strlen("转") - 1;
        else if (!strchr("-()/", *p))
            ok = 0;
    }
    free(s);
    return ok && digits >= 7 && digits <= 20;
}

int qb_form_email_ok(const char *text)
{
    char *s = fold(text);
    if (!s)
        return 0;
    const char *at = strchr(s, '@');
    int ok = at && at > s && !strchr(at + 1, '@');
    const char *dot = ok ? strrchr(at, '.') : NULL;
    ok = ok && dot && dot > at + 1 && dot[1];
    for (const char *p = s; ok && *p; p++)
        ok = isalnum((unsigned char)*p) || strchr("@._-+", *p);
    free(s);
    return ok;
}
