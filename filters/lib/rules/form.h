/* form.h — the application form (申报书): its fields, read from wherever the form puts
 * them (form_read.c), their values normalised (form_fields.c) and checked against the
 * edition's eligibility rules (form_check.c).
 *
 * Labels are data: the edition's [form] section maps each field key to the labels forms
 * use for it (`applicant = 申报单位名称`). A label is compared after normalising:
 * full-width characters and 繁体 folded, spaces, colons, enumerators and notes in
 * brackets dropped (the notes still tell a year or a unit: "利润总额（2022年，万元）"). */
#ifndef QB_FORM_H
#define QB_FORM_H

#include "edition.h"
#include "findings.h"
#include "model.h"

typedef enum {
    QB_FF_APPLICANT, QB_FF_CREDIT_CODE, QB_FF_LEGAL_REP, QB_FF_CONTACT, QB_FF_PHONE,
    QB_FF_EMAIL, QB_FF_ADDRESS, QB_FF_NATURE, QB_FF_INDUSTRY, QB_FF_SIZE, QB_FF_SCOPE,
    QB_FF_BENCHMARK, QB_FF_ISO_NUMBER, QB_FF_ISO_EXPIRY, QB_FF_RECORD, QB_FF_DEBTOR,
    QB_FF_REVENUE, QB_FF_PROFIT, /* per year: in qb_form.years, not in value[] */
    QB_FF_N
} qb_form_field;

/* The field's key (the edition's [form] key, the JSON key, the record's name):
 * "applicant", "credit_code" …; its Chinese name "申报单位名称" …; QB_FF_N for an unknown key. */
const char *qb_form_key(qb_form_field f);
const char *qb_form_name_zh(qb_form_field f);
qb_form_field qb_form_field_of(const char *key);

/* One year's figures as written ("-356.2", "（356.2）", "亏损"); NULL when not given. */
typedef struct {
    int year;
    char *revenue, *profit;
} qb_form_year;

typedef struct {
    int readable;               /* the form has text (a scan pasted as a picture has none) */
    int seen[QB_FF_N];          /* the field's label was found */
    char *value[QB_FF_N];       /* as written, trimmed; "" when the label's value is blank */
    qb_form_year *years;        /* in ascending year order */
    size_t nyears;
    char *unit;                 /* the amounts' unit when the form states one (元 / 万元 / 亿元) */
} qb_form;

void qb_form_init(qb_form *f);
void qb_form_free(qb_form *f);
/* Set field f to value (copied; NULL clears), or year's revenue/profit. */
qb_status qb_form_set(qb_form *f, qb_form_field ff, const char *value);
qb_status qb_form_set_year(qb_form *f, int year, qb_form_field ff, const char *value);

/* Read the fields of a form through the edition's [form] labels (form_read.c). */
qb_status qb_form_read(const qb_doc *form, const qb_edition *ed, qb_form *out);

/* A label normalised for comparison: full-width and 繁体 folded, enumerator, spaces,
 * colons and bracketed notes dropped, ASCII lower-cased. *year gets a year the label or
 * its notes name (0: none) and unit[8] the unit its notes name ("" none). Caller frees. */
char *qb_form_label_norm(const char *label, int *year, char unit[16]);

/* ---- values (form_fields.c) -------------------------------------------------------- */

/* An amount as written: 1 when readable, with the value in 万元 (unit: the amount's own,
 * else unit_hint, else 万元) in *wan; a loss written as -356.2, －356.2, （356.2）, 负356.2
 * or 亏损 (alone: *wan is NaN, *loss 1) gives *loss 1. */
int qb_form_amount(const char *text, const char *unit_hint, double *wan, int *loss);
/* A date 2027年5月31日, 2027-05-31, 2027.5.31 or 2027/5/31 anywhere in text: YYYYMMDD, or 0. */
int qb_form_date(const char *text);
/* A yes/no answer: 是/有/√ before 是 → 1; 否/无/没有 → 0; -1 when it does not tell. A ticked
 * box (☑ ■ √ …) picks the option after it. */
int qb_form_yes_no(const char *text);
/* 统一社会信用代码 per GB 32100-2015: NULL when valid, else why not (Chinese, static). */
const char *qb_credit_code_problem(const char *code);
/* Nonzero when phone / e-mail have the shape of one. */
int qb_form_phone_ok(const char *s);
int qb_form_email_ok(const char *s);
/* The text after the first tick mark in s (☑ √ ■ …), or NULL when nothing is ticked. */
const char *qb_form_ticked(const char *s);

/* ---- the key facts, for the reports and the dossier (form_facts.c) ------------------ */

/* An amount as 万元 text ("856.3"), or NULL when it cannot be read. Caller frees. */
char *qb_form_wan_text(const char *written, const char *unit);

typedef struct {
    const char *zh, *en; /* the fact's name */
    char *value;         /* as the reports show it; "" when the form does not say */
} qb_form_fact;

typedef struct {
    qb_form_fact *v;
    size_t n;
} qb_form_facts;

/* The facts a reader looks at first: applicant, code, scope (scope: the edition's scope
 * the form chose, NULL when none), 质量标杆名称, contact, phone, revenue and profit per
 * year, the ISO 9001 certificate, the declaration on records and, when fs is given, the
 * eligibility verdict from its eligibility.* findings. */
qb_status qb_form_facts_of(const qb_form *f, const char *scope, const qb_findings *fs, qb_form_facts *out);
void qb_form_facts_free(qb_form_facts *facts);

/* ---- findings (form_check.c) -------------------------------------------------------- */

/* form.field and eligibility.* findings of a read form into out, naming `file`.
 * scope: the edition scope the form chose (qb_form_scope_of, record.h), NULL when none. title:
 * the write-up's title, NULL when there is no write-up. */
qb_status qb_form_check(const qb_form *f, const qb_edition *ed, const char *scope, const char *file,
                        const char *title, qb_findings *out);

#endif
