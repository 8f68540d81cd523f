/* batch_changes.c — what changed since the last run, from the summary.json that run
 * left (read before it is replaced): new inputs, changed ones (other bytes under the
 * same name), superseded ones (an applicant sent a newer package), withdrawn ones
 * (taken out of the inbox). Written as changes.json and at the top of index.html. A
 * first run has no previous summary: every input is new. */
#include "batch_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

enum { NEW, CHANGED, SUPERSEDED, WITHDRAWN };
static const char *const kinds[4] = {"new", "changed", "superseded", "withdrawn"};

static qb_status add(qb_batch_changes *c, int kind, qb_batch_change ch)
{
    qb_batch_change *v = realloc(c->v[kind], (c->n[kind] + 1) * sizeof *v);
    if (!v)
        return QB_ERR_NOMEM;
    v[c->n[kind]++] = ch;
    c->v[kind] = v;
    return QB_OK;
}

static const char *own(qb_batch_changes *c, const char *s, qb_status *st)
{
    if (!s || *st != QB_OK)
        return NULL;
    char **v = realloc(c->owned, (c->nowned + 1) * sizeof *v);
    char *d = qb_strdup(s);
    if (!v || !d) {
        free(d);
        if (v)
            c->owned = v;
        *st = QB_ERR_NOMEM;
        return NULL;
    }
    c->owned = v;
    return c->owned[c->nowned++] = d;
}

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

qb_status qb_batch_changes_load(const char *outbox, const qb_batch_summary *s, qb_batch_changes *c)
{
    memset(c, 0, sizeof *c);
    char *p = qb_asprintf("%s/summary.json", outbox);
    if (!p)
        return QB_ERR_NOMEM;
    json_error_t err;
    json_t *old = json_load_file(p, 0, &err), *rows = json_object_get(old, "rows");
    free(p);
    qb_status st = QB_OK;
    const char *asof = str(old, "as_of");
    if (asof && !(c->previous_as_of = qb_strdup(asof)))
        st = QB_ERR_NOMEM;
    for (size_t i = 0; i < s->n && st == QB_OK; i++) {
        const qb_batch_row *r = &s->v[i];
        json_t *prev = NULL, *o;
        size_t k;
        json_array_foreach(rows, k, o) {
            const char *f = str(o, "folder");
            if (f && strcmp(f, r->it->folder) == 0)
                prev = o;
        }
        qb_batch_change ch = {r->it->display, r->it->folder, r->applicant,
                              r->successor >= 0 ? s->v[r->successor].it->display : NULL};
        const char *sha = str(prev, "sha256"), *state = str(prev, "state");
        if (!prev)
            st = add(c, NEW, ch);
        else if (!sha != !r->sha256[0] || (sha && strcmp(sha, r->sha256) != 0))
            st = add(c, CHANGED, ch);
        if (st == QB_OK && r->superseded && (!state || strcmp(state, "superseded") != 0))
            st = add(c, SUPERSEDED, ch);
    }
    json_t *o;
    size_t k;
    json_array_foreach(rows, k, o) {
        const char *f = str(o, "folder");
        int here = 0;
        for (size_t i = 0; f && i < s->n && !here; i++)
            here = strcmp(s->v[i].it->folder, f) == 0;
        if (!f || here || st != QB_OK)
            continue;
        qb_batch_change ch = {own(c, str(o, "input"), &st), own(c, f, &st), own(c, str(o, "applicant"), &st), NULL};
        if (st == QB_OK && ch.input)
            st = add(c, WITHDRAWN, ch);
    }
    json_decref(old);
    return st;
}

void qb_batch_changes_free(qb_batch_changes *c)
{
    for (int k = 0; k < 4; k++)
        free(c->v[k]);
    for (size_t i = 0; i < c->nowned; i++)
        free(c->owned[i]);
    free(c->owned);
    free(c->previous_as_of);
    memset(c, 0, sizeof *c);
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

qb_status qb_batch_write_changes(const qb_batch_summary *s, FILE *out)
{
    const qb_batch_changes *c = s->changes;
    char asof[24];
    qb_batch_received_text(s->created, asof);
    json_t *root = json_object();
    int bad = !root;
    bad |= json_object_set_new(root, "as_of", json_string(asof));
    bad |= json_object_set_new(root, "previous_as_of", str_or_null(c ? c->previous_as_of : NULL));
    for (int k = 0; k < 4 && !bad; k++) {
        json_t *a = json_array();
        bad |= !a;
        for (size_t i = 0; c && i < c->n[k] && !bad; i++) {
            const qb_batch_change *ch = &c->v[k][i];
            json_t *o = json_object();
            bad |= !o;
            bad |= json_object_set_new(o, "input", str_or_null(ch->input));
            bad |= json_object_set_new(o, "folder", str_or_null(ch->folder));
            bad |= json_object_set_new(o, "applicant", str_or_null(ch->applicant));
            if (k == SUPERSEDED)
                bad |= json_object_set_new(o, "by", str_or_null(ch->by));
            bad |= json_array_append_new(a, o);
        }
        bad |= json_object_set_new(root, kinds[k], a);
    }
    qb_status st = QB_ERR_FORMAT;
    if (!bad && json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 && fputc('\n', out) != EOF)
        st = ferror(out) ? QB_ERR_IO : QB_OK;
    json_decref(root);
    return st;
}
