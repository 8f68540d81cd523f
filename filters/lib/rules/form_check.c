/* form_check.c — what the form's fields say about the application: form.field (a field
 * missing, blank or malformed) and eligibility.profit / .iso9001 / .record per the
 * edition's [eligibility]. Each message names the field, what the form says and what
 * is required. */
#include "form.h"
#include "utf8.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    qb_findings *out;
    const char *file;
    qb_status st;
} sink;

static void add(sink *s, const char *rule, qb_severity sev, const char *excerpt, char *zh, char *en)
{
    char *quote = excerpt ? qb_utf8_excerpt(excerpt, 60) : NULL; /* a short quote, as other findings have */
    if (s->st == QB_OK)
        s->st = zh && en && (quote || !excerpt) ? qb_findings_add(s->out, rule, sev, s->file, NULL, 0, quote, zh, en)
                                                : QB_ERR_NOMEM;
    free(quote);
    free(zh);
    free(en);
}

static int blank(const char *v) { return !v || !*v; }

/* A value quoted in a message: at most QB_QUOTE bytes of it (whole characters), "…" when cut,
 * so a cell holding a page of text does not make a page-long message. Use with "%.*s%s". */
#define QB_QUOTE 120
#define Q(v) (int)qb_utf8_clip((v), QB_QUOTE), (v), strlen(v) > qb_utf8_clip((v), QB_QUOTE) ? "…" : ""

static char *ymd_zh(int ymd) { return qb_asprintf("%d年%d月%d日", ymd / 10000, ymd / 100 % 100, ymd % 100); }

static void check_required(sink *s, const qb_form *f, const qb_edition *ed)
{
    size_t pos = 0;
    const qb_edition_entry *e;
    while ((e = qb_edition_next(ed, "form", "required", &pos))) {
        qb_form_field ff = qb_form_field_of(e->value);
        if (ff == QB_FF_N || ff == QB_FF_REVENUE || ff == QB_FF_PROFIT)
            continue;
        const char *zh = qb_form_name_zh(ff), *key = qb_form_key(ff);
        if (!f->seen[ff])
            add(s, "form.field", QB_SEV_ERROR, NULL, qb_asprintf("申报书中没有“%s”一栏，应填写%s", zh, zh),
                qb_asprintf("the form has no field %s (%s); it must be filled in", zh, key));
        else if (blank(f->value[ff]))
            add(s, "form.field", QB_SEV_ERROR, NULL, qb_asprintf("申报书中“%s”未填写，应填写%s", zh, zh),
                qb_asprintf("the form's field %s (%s) is empty; it must be filled in", zh, key));
    }
}

static void check_shapes(sink *s, const qb_form *f, const char *scope)
{
    const char *v = f->value[QB_FF_CREDIT_CODE];
    const char *why = blank(v) ? NULL : qb_credit_code_problem(v);
    if (why)
        add(s, "form.field", QB_SEV_ERROR, v,
            qb_asprintf("申报书中的统一社会信用代码“%.*s%s”%s，应为符合 GB 32100-2015 的 18 位代码", Q(v), why),
            qb_asprintf("the form's 统一社会信用代码 \"%.*s%s\" is not a valid GB 32100-2015 code", Q(v)));
    v = f->value[QB_FF_PHONE];
    if (!blank(v) && !qb_form_phone_ok(v))
        add(s, "form.field", QB_SEV_ERROR, v,
            qb_asprintf("申报书中的联系电话“%.*s%s”不是电话号码，应为固定电话或手机号码", Q(v)),
            qb_asprintf("the form's phone number \"%.*s%s\" is not a phone number", Q(v)));
    v = f->value[QB_FF_EMAIL];
    if (!blank(v) && !qb_form_email_ok(v))
        add(s, "form.field", QB_SEV_ERROR, v,
            qb_asprintf("申报书中的电子邮箱“%.*s%s”格式不正确，应形如 name@example.com", Q(v)),
            qb_asprintf("the form's e-mail \"%.*s%s\" is not an e-mail address", Q(v)));
    v = f->value[QB_FF_SCOPE];
    if (!blank(v) && !scope)
        add(s, "form.field", QB_SEV_ERROR, v,
            qb_asprintf("申报书中的遴选范围“%.*s%s”不是本次征集的遴选范围之一，应从通知所列的遴选范围中选择一项", Q(v)),
            qb_asprintf("the form's 遴选范围 \"%.*s%s\" is not one of the edition's scopes", Q(v)));
    v = f->value[QB_FF_ISO_EXPIRY];
    if (!blank(v) && !qb_form_date(v))
        add(s, "form.field", QB_SEV_ERROR, v,
            qb_asprintf("申报书中的 ISO 9001 证书有效期“%.*s%s”无法识别为日期，应写作 2027年5月31日 或 2027-05-31", Q(v)),
            qb_asprintf("the form's ISO 9001 expiry \"%.*s%s\" is not a date", Q(v)));
    v = f->value[QB_FF_DEBTOR];
    if (!blank(v) && qb_form_yes_no(v) < 0)
        add(s, "form.field", QB_SEV_ERROR, v,
            qb_asprintf("申报书中的失信被执行人声明“%.*s%s”无法识别，应选择“是”或“否”", Q(v)),
            qb_asprintf("the form's declaration on dishonest debtors \"%.*s%s\" says neither yes nor no", Q(v)));
    v = f->value[QB_FF_RECORD];
    if (!blank(v) && qb_form_yes_no(v) < 0)
        add(s, "form.field", QB_SEV_ERROR, v,
            qb_asprintf("申报书中的不良记录声明“%.*s%s”无法识别，应选择“是”或“否”（有或无）", Q(v)),
            qb_asprintf("the form's declaration on records \"%.*s%s\" says neither yes nor no", Q(v)));
    for (size_t i = 0; i < f->nyears; i++) {
        const char *amt[2] = {f->years[i].revenue, f->years[i].profit};
        const char *name[2] = {"营业收入", "利润总额"};
        for (int k = 0; k < 2; k++) {
            double w;
            int loss;
            if (!blank(amt[k]) && !qb_form_amount(amt[k], f->unit, &w, &loss))
                add(s, "form.field", QB_SEV_ERROR, amt[k],
                    qb_asprintf("申报书中 %d 年的%s“%.*s%s”无法识别为金额，应为数字和单位（元、万元或亿元）", f->years[i].year,
                                name[k], Q(amt[k])),
                    qb_asprintf("the form's %d %s \"%.*s%s\" is not an amount", f->years[i].year,
                                k ? "profit" : "revenue", Q(amt[k])));
        }
    }
}

static const qb_form_year *year_of(const qb_form *f, int y)
{
    for (size_t i = 0; i < f->nyears; i++)
        if (f->years[i].year == y)
            return &f->years[i];
    return NULL;
}

static void check_profit(sink *s, const qb_form *f, const qb_edition *ed)
{
    long n = qb_edition_int(ed, "eligibility", "profit_years", 0);
    long year = qb_edition_int(ed, "edition", "year", 0);
    if (n <= 0 || year <= 0)
        return;
    long from = year - n, to = year - 1;
    for (long y = from; y <= to; y++) {
        const qb_form_year *fy = year_of(f, (int)y);
        const char *p = fy ? fy->profit : NULL;
        double w;
        int loss;
        if (blank(p))
            add(s, "eligibility.profit", QB_SEV_ERROR, NULL,
                qb_asprintf("申报书中没有 %ld 年的利润总额，申报条件要求近 %ld 年（%ld—%ld 年）连续盈利", y, n, from, to),
                qb_asprintf("the form gives no profit for %ld; the edition requires a profit in each of %ld–%ld", y,
                            from, to));
        else if (qb_form_amount(p, f->unit, &w, &loss) && (loss || w == 0))
            add(s, "eligibility.profit", QB_SEV_ERROR, p,
                qb_asprintf("申报书中 %ld 年的利润总额为“%.*s%s”（%s），申报条件要求近 %ld 年（%ld—%ld 年）连续盈利", y, Q(p),
                            loss ? "亏损" : "未盈利", n, from, to),
                qb_asprintf("the form's profit for %ld is \"%.*s%s\" (%s); the edition requires a profit in each of %ld–%ld",
                            y, Q(p), loss ? "a loss" : "none", from, to));
    }
}

static void check_iso(sink *s, const qb_form *f, const qb_edition *ed)
{
    const char *req = qb_edition_get(ed, "eligibility", "iso9001");
    if (!req || strcmp(req, "optional") == 0)
        return;
    qb_severity sev = strcmp(req, "warning") == 0 ? QB_SEV_WARNING : QB_SEV_ERROR;
    const char *num = f->value[QB_FF_ISO_NUMBER], *exp = f->value[QB_FF_ISO_EXPIRY];
    if (blank(num) && blank(exp)) {
        add(s, "eligibility.iso9001", sev, NULL,
            qb_strdup("申报书中没有 ISO 9001 质量管理体系认证证书（编号和有效期），申报条件要求持有有效期内的 ISO 9001 认证证书"),
            qb_strdup("the form names no ISO 9001 certificate; the edition requires one in force"));
        return;
    }
    if (blank(num))
        add(s, "eligibility.iso9001", sev, NULL,
            qb_strdup("申报书中没有填写 ISO 9001 认证证书编号，申报条件要求持有有效期内的 ISO 9001 认证证书"),
            qb_strdup("the form gives no ISO 9001 certificate number; the edition requires a certificate in force"));
    int ymd = blank(exp) ? 0 : qb_form_date(exp);
    if (blank(exp)) {
        add(s, "eligibility.iso9001", sev, NULL,
            qb_strdup("申报书中没有填写 ISO 9001 认证证书有效期，申报条件要求证书在有效期内"),
            qb_strdup("the form gives no ISO 9001 expiry date; the edition requires a certificate in force"));
        return;
    }
    if (!ymd)
        return; /* form.field says the date cannot be read */
    /* in force until the call's deadline; without one, until the end of its year */
    int limit = qb_edition_deadline(ed);
    const char *what = "本次征集的申报截止日期";
    if (!limit) {
        limit = (int)qb_edition_int(ed, "edition", "year", 0) * 10000 + 1231;
        what = "本次征集年度的年底";
    }
    if (ymd < limit) {
        char *a = ymd_zh(ymd), *b = ymd_zh(limit);
        add(s, "eligibility.iso9001", sev, exp,
            a && b ? qb_asprintf("申报书中的 ISO 9001 认证证书有效期至 %s，早于%s（%s），申报条件要求证书届时仍在有效期内", a,
                                 what, b)
                   : NULL,
            qb_asprintf("the ISO 9001 certificate expires on %d-%02d-%02d, before %d-%02d-%02d; it must be in force", ymd / 10000,
                        ymd / 100 % 100, ymd % 100, limit / 10000, limit / 100 % 100, limit % 100));
        free(a);
        free(b);
    }
}

/* Heilongjiang's rule: not listed as a dishonest judgment debtor (失信被执行人). */
static void check_debtor(sink *s, const qb_form *f, const qb_edition *ed)
{
    const char *v = qb_edition_get(ed, "eligibility", "not_dishonest_debtor");
    if (!v || (strcmp(v, "yes") && strcmp(v, "true")))
        return;
    const char *d = f->value[QB_FF_DEBTOR];
    if (!blank(d) && qb_form_yes_no(d) == 1)
        add(s, "eligibility.record", QB_SEV_ERROR, d,
            qb_asprintf("申报书中声明被列为失信被执行人（“%.*s%s”），申报条件要求未被列为失信被执行人", Q(d)),
            qb_asprintf("the form declares the applicant a dishonest judgment debtor (\"%.*s%s\"); the edition "
                        "requires it not to be one",
                        Q(d)));
}

static void check_record(sink *s, const qb_form *f, const qb_edition *ed)
{
    const char *v = qb_edition_get(ed, "eligibility", "no_bad_record");
    if (!v || (strcmp(v, "yes") && strcmp(v, "true")))
        return;
    const char *d = f->value[QB_FF_RECORD];
    if (!blank(d) && qb_form_yes_no(d) == 1)
        add(s, "eligibility.record", QB_SEV_ERROR, d,
            qb_asprintf("申报书中声明有不良记录（“%.*s%s”），申报条件要求近三年在诚信、质量、安全、环保等方面无不良记录", Q(d)),
            qb_asprintf("the form declares a bad record (\"%.*s%s\"); the edition requires none in integrity, quality, "
                        "safety or the environment",
                        Q(d)));
}

/* Names compared without spaces and the marks around them (《》“”). */
static char *name_key(const char *s)
{
    char *o = malloc(strlen(s) + 1), *w = o;
    if (!o)
        return NULL;
    size_t len = strlen(s), i = 0;
    while (i < len) {
        unsigned cp;
        size_t n = qb_utf8_decode(s + i, len - i, &cp);
        if (!n)
            n = 1;
        int drop = cp == ' ' || cp == '\t' || cp == '\n' || cp == 0x3000 || cp == 0x300A || cp == 0x300B ||
                   cp == 0x201C || cp == 0x201D || cp == '"';
        if (!drop) {
            memcpy(w, s + i, n);
            w += n;
        }
        i += n;
    }
    *w = '\0';
    return o;
}

static void check_title(sink *s, const qb_form *f, const char *title)
{
    const char *b = f->value[QB_FF_BENCHMARK];
    if (blank(b) || !title || !*title)
        return;
    char *x = name_key(b), *y = name_key(title);
    if (!x || !y)
        s->st = QB_ERR_NOMEM;
    else if (strcmp(x, y) != 0)
        add(s, "form.field", QB_SEV_WARNING, b,
            qb_asprintf("申报书中的质量标杆名称“%.*s%s”与典型经验材料的标题“%.*s%s”不一致，两者应相同", Q(b), Q(title)),
            qb_asprintf("the form's 质量标杆名称 \"%.*s%s\" differs from the write-up's title \"%.*s%s\"", Q(b), Q(title)));
    free(x);
    free(y);
}

qb_status qb_form_check(const qb_form *f, const qb_edition *ed, const char *scope, const char *file,
                        const char *title, qb_findings *out)
{
    sink s = {.out = out, .file = file, .st = QB_OK};
    if (!f->readable) {
        add(&s, "form.field", QB_SEV_ERROR, NULL,
            qb_strdup("申报书中没有可以读取的文字（可能是扫描件或图片），无法核对申报信息，应提交填写好的 Word 申报书"),
            qb_strdup("the form has no readable text (a scan or a picture); submit the form filled in as Word"));
        return s.st;
    }
    check_required(&s, f, ed);
    check_shapes(&s, f, scope);
    check_profit(&s, f, ed);
    check_iso(&s, f, ed);
    check_record(&s, f, ed);
    check_debtor(&s, f, ed);
    check_title(&s, f, title);
    return s.st;
}
