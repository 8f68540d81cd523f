/* report_json.c — the machine report of DESIGN §2, written with jansson (which refuses
 * invalid UTF-8 rather than passing it on). */
#include "report.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* json_object_set_new that reports failure (a NULL value means bad UTF-8 or no memory). */
static int put(json_t *o, const char *k, json_t *v)
{
    if (!v)
        return -1;
    return json_object_set_new(o, k, v);
}

/* A field as written, null when the form has no such field or leaves it blank. */
static json_t *field(const qb_form *f, qb_form_field k)
{
    return f->value[k] && *f->value[k] ? json_string(f->value[k]) : json_null();
}

/* An amount in 万元 (rounded to 0.0001), null when not given or not readable. */
static json_t *wan(const char *written, const char *unit)
{
    double w;
    int loss;
    if (!written || !qb_form_amount(written, unit, &w, &loss) || isnan(w))
        return json_null();
    return json_real(round(w * 10000) / 10000);
}

/* The application object (DESIGN §2): the form's fields under stable keys. */
static json_t *application(const qb_report *r)
{
    const qb_form *f = r->fields;
    json_t *a = json_object();
    int bad = !a;
    static const qb_form_field plain[] = {QB_FF_APPLICANT, QB_FF_CREDIT_CODE, QB_FF_LEGAL_REP, QB_FF_CONTACT,
                                          QB_FF_PHONE, QB_FF_EMAIL, QB_FF_ADDRESS, QB_FF_NATURE,
                                          QB_FF_INDUSTRY, QB_FF_SIZE};
    for (size_t i = 0; i < sizeof plain / sizeof plain[0] && !bad; i++)
        bad |= put(a, qb_form_key(plain[i]), field(f, plain[i]));
    bad |= put(a, "scope", str_or_null(r->scope));
    bad |= put(a, "scope_written", field(f, QB_FF_SCOPE));
    bad |= put(a, "benchmark_name", field(f, QB_FF_BENCHMARK));
    json_t *ys = json_array();
    bad |= !ys;
    for (size_t i = 0; i < f->nyears && !bad; i++) {
        const qb_form_year *y = &f->years[i];
        json_t *o = json_object();
        double w;
        int loss = 0;
        bad |= !o;
        bad |= put(o, "year", json_integer(y->year));
        bad |= put(o, "revenue", wan(y->revenue, f->unit));
        bad |= put(o, "profit", wan(y->profit, f->unit));
        bad |= put(o, "unit", json_string("万元"));
        bad |= put(o, "loss", json_boolean(y->profit && qb_form_amount(y->profit, f->unit, &w, &loss) && loss));
        bad |= put(o, "revenue_written", str_or_null(y->revenue));
        bad |= put(o, "profit_written", str_or_null(y->profit));
        bad |= json_array_append_new(ys, o);
    }
    bad |= put(a, "years", ys);
    json_t *iso = json_object();
    const char *exp = f->value[QB_FF_ISO_EXPIRY];
    int ymd = exp ? qb_form_date(exp) : 0;
    char date[16];
    snprintf(date, sizeof date, "%04d-%02d-%02d", ymd / 10000 % 10000, ymd / 100 % 100, ymd % 100);
    bad |= !iso;
    bad |= put(iso, "number", field(f, QB_FF_ISO_NUMBER));
    bad |= put(iso, "expiry", ymd ? json_string(date) : json_null());
    bad |= put(iso, "expiry_written", field(f, QB_FF_ISO_EXPIRY));
    bad |= put(a, "iso9001", iso);
    json_t *rec = json_object();
    const char *d = f->value[QB_FF_RECORD];
    int yn = d ? qb_form_yes_no(d) : -1;
    bad |= !rec;
    bad |= put(rec, "bad_record", yn < 0 ? json_null() : json_boolean(yn));
    bad |= put(rec, "written", field(f, QB_FF_RECORD));
    bad |= put(a, "record_declaration", rec);
    const char *db = f->value[QB_FF_DEBTOR];
    int dyn = db ? qb_form_yes_no(db) : -1;
    json_t *debtor = json_object();
    bad |= !debtor;
    bad |= put(debtor, "dishonest_debtor", dyn < 0 ? json_null() : json_boolean(dyn));
    bad |= put(debtor, "written", field(f, QB_FF_DEBTOR));
    bad |= put(a, "debtor_declaration", debtor);
    bad |= put(a, "readable", json_boolean(f->readable));
    if (bad) {
        json_decref(a);
        return NULL;
    }
    return a;
}

qb_status qb_report_json(const qb_report *r, FILE *out)
{
    json_t *root = json_object();
    json_t *counts = json_object();
    json_t *fs = json_array();
    int bad = !root || !counts || !fs;
    bad |= put(root, "edition", json_string(r->ed->name));
    bad |= put(root, "input", str_or_null(r->input));
    bad |= put(root, "status", json_string(qb_report_status(r)));
    bad |= put(root, "applicant", str_or_null(r->applicant));
    for (int s = 0; s < QB_NSEC && !bad; s++) {
        json_t *c = json_object();
        const qb_section *sec = r->doc ? &r->doc->sec[s] : NULL;
        int found = sec && sec->found;
        bad |= !c;
        bad |= put(c, "count", json_integer(found ? sec->count : 0));
        bad |= put(c, "chars", json_integer(found ? sec->chars : 0));
        bad |= put(c, "limit", json_integer(r->ed->limit[s]));
        bad |= put(c, "found", json_boolean(found));
        bad |= put(counts, qb_sec_key((qb_secid)s), c);
    }
    bad |= put(root, "counts", counts);
    if (r->fields && !bad)
        bad |= put(root, "application", application(r));
    if (r->pkg && !bad) {
        json_t *docs = json_array();
        bad |= !docs;
        for (size_t i = 0; i < r->pkg->n && !bad; i++) {
            const qb_member *m = &r->pkg->m[i];
            if (!qb_report_lists_member(m))
                continue;
            json_t *o = json_object();
            bad |= !o;
            bad |= put(o, "name", json_string(m->name));
            bad |= put(o, "role", json_string(qb_role_name(m->role)));
            bad |= put(o, "size", json_integer((json_int_t)m->size));
            bad |= put(o, "sha256", json_string(m->sha256));
            bad |= json_array_append_new(docs, o);
        }
        bad |= put(root, "documents", docs);
    }
    for (size_t i = 0; i < r->findings->n && !bad; i++) {
        const qb_finding *f = &r->findings->v[i];
        json_t *o = json_object();
        bad |= !o;
        bad |= put(o, "rule", json_string(f->rule));
        bad |= put(o, "severity", json_string(qb_severity_name(f->severity)));
        bad |= put(o, "message", json_string(r->lang_en ? f->message_en : f->message));
        bad |= put(o, "message_en", json_string(f->message_en));
        bad |= put(o, "file", str_or_null(f->file));
        bad |= put(o, "section", str_or_null(f->section));
        bad |= put(o, "paragraph", f->paragraph > 0 ? json_integer(f->paragraph) : json_null());
        bad |= put(o, "excerpt", str_or_null(f->excerpt));
        bad |= json_array_append_new(fs, o);
    }
    bad |= put(root, "findings", fs);
    qb_status st = QB_ERR_FORMAT;
    if (!bad && json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12)) == 0) {
        fputc('\n', out);
        st = ferror(out) ? QB_ERR_IO : QB_OK;
    }
    json_decref(root);
    return st;
}
