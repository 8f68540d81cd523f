/* batch_out_json.c — summary.json: the summary for programs, one object per row with
 * the paths of its outputs relative to the outbox. */
#include "batch_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

static int put(json_t *o, const char *k, json_t *v)
{
    return v ? json_object_set_new(o, k, v) : -1;
}

static json_t *path_in(const char *folder, const char *file, int present)
{
    if (!present)
        return json_null();
    char *p = qb_asprintf("%s/%s", folder, file);
    json_t *j = p ? json_string(p) : NULL;
    free(p);
    return j;
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *row(const qb_batch_summary *s, const qb_batch_row *r, size_t no)
{
    char when[24];
    qb_batch_received_text(r->it->mtime, when);
    json_t *o = json_object(), *counts = json_object();
    int bad = !o || !counts;
    bad |= put(o, "no", json_integer((json_int_t)no));
    bad |= put(o, "input", json_string(r->it->display));
    bad |= put(o, "folder", json_string(r->it->folder));
    bad |= put(o, "applicant", r->applicant ? json_string(r->applicant) : json_null());
    bad |= put(o, "scope", str_or_null(r->scope));
    bad |= put(o, "name", str_or_null(r->name));
    bad |= put(o, "contact", str_or_null(r->contact));
    bad |= put(o, "phone", str_or_null(r->phone));
    bad |= put(o, "received", json_string(when));
    bad |= put(o, "late", json_boolean(r->late));
    bad |= put(o, "state", json_string(r->superseded ? "superseded" : "current"));
    bad |= put(o, "superseded_by", r->successor >= 0 ? json_string(s->v[r->successor].it->display) : json_null());
    bad |= put(o, "status", json_string(r->status));
    bad |= put(o, "errors", json_integer(r->errors));
    bad |= put(o, "warnings", json_integer(r->warnings));
    for (int k = 0; k < QB_NSEC && !bad; k++) {
        json_t *c = json_object();
        bad |= !c;
        bad |= put(c, "count", r->found[k] ? json_integer(r->count[k]) : json_null());
        bad |= put(c, "limit", json_integer(r->limit[k]));
        bad |= put(c, "found", json_boolean(r->found[k]));
        bad |= put(counts, qb_sec_key((qb_secid)k), c);
    }
    bad |= put(o, "counts", counts);
    bad |= put(o, "problems", json_string(r->problems));
    bad |= put(o, "report", path_in(r->it->folder, QB_BATCH_REPORT_JSON, 1));
    bad |= put(o, "report_html", path_in(r->it->folder, QB_BATCH_REPORT_HTML, r->has_html));
    bad |= put(o, "dossier", path_in(r->it->folder, QB_BATCH_DOSSIER, r->has_pdf));
    bad |= put(o, "sha256", r->sha256[0] ? json_string(r->sha256) : json_null());
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

qb_status qb_batch_write_json(const qb_batch_summary *s, FILE *out)
{
    json_t *root = json_object(), *rows = json_array();
    int bad = !root || !rows;
    char asof[24], dl[16];
    qb_batch_received_text(s->created, asof);
    snprintf(dl, sizeof dl, "%04d-%02d-%02d", s->deadline / 10000, s->deadline / 100 % 100, s->deadline % 100);
    bad |= put(root, "edition", json_string(s->edition));
    bad |= put(root, "as_of", json_string(asof));
    bad |= put(root, "deadline", s->deadline ? json_string(dl) : json_null());
    bad |= put(root, "packages", json_integer((json_int_t)s->n));
    bad |= put(root, "pass", json_integer((json_int_t)s->pass));
    bad |= put(root, "fail", json_integer((json_int_t)s->fail));
    bad |= put(root, "error", json_integer((json_int_t)s->error));
    bad |= put(root, "superseded", json_integer((json_int_t)s->superseded));
    bad |= put(root, "late", json_integer((json_int_t)s->late));
    for (size_t i = 0; i < s->n && !bad; i++) {
        json_t *r = row(s, &s->v[i], i + 1);
        bad |= !r || json_array_append_new(rows, r) != 0;
    }
    bad |= put(root, "rows", rows);
    qb_status st = QB_ERR_FORMAT;
    if (!bad && json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 && fputc('\n', out) != EOF)
        st = ferror(out) ? QB_ERR_IO : QB_OK;
    json_decref(root);
    return st;
}
