/* report_json.c — the machine report of DESIGN §2, written with jansson (which refuses
 * invalid UTF-8 rather than passing it on). */
#include "report.h"

#include <jansson.h>

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
    if (!bad && json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0) {
        fputc('\n', out);
        st = ferror(out) ? QB_ERR_IO : QB_OK;
    }
    json_decref(root);
    return st;
}
