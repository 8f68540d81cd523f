/* form_facts.c — the form's key facts as the reports and the dossier show them. */
#include "form.h"
#include "buf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *qb_form_wan_text(const char *written, const char *unit)
{
    double w;
    int loss;
    if (!written || !qb_form_amount(written, unit, &w, &loss))
        return NULL;
    if (isnan(w))
        return qb_strdup("亏损");
    char s[64];
    snprintf(s, sizeof s, "%.4f", w);
    char *e = s + strlen(s);
    while (e[-1] == '0')
        *--e = '\0';
    if (e[-1] == '.')
        e[-1] = '\0';
    if (strcmp(s, "-0") == 0)
        strcpy(s, "0");
    return qb_strdup(s);
}

static qb_status add(qb_form_facts *o, const char *zh, const char *en, char *value)
{
    if (!value)
        return QB_ERR_NOMEM;
    qb_form_fact *nv = realloc(o->v, (o->n + 1) * sizeof *nv);
    if (!nv) {
        free(value);
        return QB_ERR_NOMEM;
    }
    o->v = nv;
    nv[o->n++] = (qb_form_fact){.zh = zh, .en = en, .value = value};
    return QB_OK;
}

static char *dup(const char *s) { return qb_strdup(s ? s : ""); }

/* "2019 年 856.3；2020 年 901.2" */
static char *per_year(const qb_form *f, int profit)
{
    qb_buf b = {0};
    qb_buf_adds(&b, "");
    for (size_t i = 0; i < f->nyears; i++) {
        const char *w = profit ? f->years[i].profit : f->years[i].revenue;
        if (!w)
            continue;
        char *t = qb_form_wan_text(w, f->unit);
        char *item = qb_asprintf("%s%d 年 %s", b.len ? "；" : "", f->years[i].year, t ? t : *w ? w : "未填写");
        if (item)
            qb_buf_adds(&b, item);
        free(item);
        free(t);
    }
    return qb_buf_take(&b);
}

qb_status qb_form_facts_of(const qb_form *f, const char *scope, const qb_findings *fs, qb_form_facts *o)
{
    memset(o, 0, sizeof *o);
    const char *const *v = (const char *const *)f->value;
    qb_status st = add(o, "申报单位名称", "Applicant", dup(v[QB_FF_APPLICANT]));
    if (st == QB_OK)
        st = add(o, "统一社会信用代码", "Credit code", dup(v[QB_FF_CREDIT_CODE]));
    if (st == QB_OK)
        st = add(o, "遴选范围", "Scope",
                 scope ? qb_strdup(scope)
                 : v[QB_FF_SCOPE] && *v[QB_FF_SCOPE] ? qb_asprintf("%s（不是本次的遴选范围）", v[QB_FF_SCOPE])
                                                     : dup(NULL));
    if (st == QB_OK)
        st = add(o, "质量标杆名称", "Benchmark name", dup(v[QB_FF_BENCHMARK]));
    if (st == QB_OK)
        st = add(o, "联系人", "Contact", dup(v[QB_FF_CONTACT]));
    if (st == QB_OK)
        st = add(o, "联系电话", "Phone", dup(v[QB_FF_PHONE]));
    if (st == QB_OK)
        st = add(o, "营业收入（万元）", "Revenue (10k yuan)", per_year(f, 0));
    if (st == QB_OK)
        st = add(o, "利润总额（万元）", "Profit (10k yuan)", per_year(f, 1));
    if (st == QB_OK) {
        int ymd = v[QB_FF_ISO_EXPIRY] ? qb_form_date(v[QB_FF_ISO_EXPIRY]) : 0;
        const char *num = v[QB_FF_ISO_NUMBER] && *v[QB_FF_ISO_NUMBER] ? v[QB_FF_ISO_NUMBER] : NULL;
        st = add(o, "ISO 9001 证书", "ISO 9001 certificate",
                 !num && !ymd ? dup(NULL)
                 : ymd       ? qb_asprintf("%s，有效期至 %d-%02d-%02d", num ? num : "（无编号）", ymd / 10000,
                                           ymd / 100 % 100, ymd % 100)
                             : dup(num));
    }
    if (st == QB_OK) {
        const char *d = v[QB_FF_RECORD];
        int yn = d ? qb_form_yes_no(d) : -1;
        st = add(o, "不良记录", "Bad record", yn == 1 ? qb_strdup("有（申报书声明）") : yn == 0 ? qb_strdup("无") : dup(d));
    }
    if (st == QB_OK && f->seen[QB_FF_DEBTOR]) {
        const char *d = v[QB_FF_DEBTOR];
        int yn = d ? qb_form_yes_no(d) : -1;
        st = add(o, "失信被执行人", "Dishonest debtor", yn == 1 ? qb_strdup("是（申报书声明）") : yn == 0 ? qb_strdup("否") : dup(d));
    }
    if (st == QB_OK && fs) {
        qb_buf b = {0};
        const char *what[3][2] = {{"eligibility.profit", "盈利"}, {"eligibility.iso9001", "ISO 9001 认证"},
                                  {"eligibility.record", "不良记录"}};
        for (int k = 0; k < 3; k++) {
            int hit = 0;
            for (size_t i = 0; i < fs->n && !hit; i++)
                hit = fs->v[i].severity == QB_SEV_ERROR && strcmp(fs->v[i].rule, what[k][0]) == 0;
            if (hit) {
                qb_buf_adds(&b, b.len ? "、" : "不符合：");
                qb_buf_adds(&b, what[k][1]);
            }
        }
        if (!b.len)
            qb_buf_adds(&b, "符合");
        st = add(o, "申报条件", "Eligibility", qb_buf_take(&b));
    }
    if (st != QB_OK)
        qb_form_facts_free(o);
    return st;
}

void qb_form_facts_free(qb_form_facts *o)
{
    for (size_t i = 0; i < o->n; i++)
        free(o->v[i].value);
    free(o->v);
    memset(o, 0, sizeof *o);
}
