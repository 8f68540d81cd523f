/* batch_stamp.c — batch.json: what the batch recorded about a package folder, so that a
 * rerun knows whether the folder still answers for the input. */
#include "batch_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int put(json_t *o, const char *k, json_t *v)
{
    return v ? json_object_set_new(o, k, v) : -1;
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

qb_status qb_batch_stamp_write(const qb_batch_stamp *s, const char *path)
{
    json_t *o = json_object();
    int bad = !o;
    bad |= put(o, "format", json_integer(s->format));
    bad |= put(o, "input", json_string(s->input));
    bad |= put(o, "sha256", s->sha256[0] ? json_string(s->sha256) : json_null());
    bad |= put(o, "volumes", str_or_null(s->volumes));
    bad |= put(o, "edition", json_string(s->edition));
    bad |= put(o, "edition_sha256", json_string(s->edition_sha));
    bad |= put(o, "lang", json_string(s->lang));
    bad |= put(o, "received", json_string(s->received));
    bad |= put(o, "received_at", json_string(s->received_at));
    bad |= put(o, "limits", json_string(s->limits));
    bad |= put(o, "version", str_or_null(s->version));
    bad |= put(o, "dossier", json_boolean(s->dossier));
    bad |= put(o, "applicant", str_or_null(s->applicant));
    bad |= put(o, "scope", str_or_null(s->scope));
    bad |= put(o, "name", str_or_null(s->name));
    bad |= put(o, "contact", str_or_null(s->contact));
    bad |= put(o, "phone", str_or_null(s->phone));
    bad |= put(o, "outcome", json_string(s->outcome));
    bad |= put(o, "status", json_string(s->status));
    bad |= put(o, "errors", json_integer(s->errors));
    bad |= put(o, "warnings", json_integer(s->warnings));
    bad |= put(o, "complete", json_boolean(s->complete));
    bad |= put(o, "note", str_or_null(s->note));
    qb_status st = QB_ERR_FORMAT;
    if (!bad) {
        FILE *f = fopen(path, "w");
        st = QB_ERR_IO;
        if (f && json_dumpf(o, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 && fputc('\n', f) != EOF)
            st = QB_OK;
        if (f && fclose(f) != 0)
            st = QB_ERR_IO;
    }
    json_decref(o);
    return st;
}

static char *dup_str(json_t *o, const char *k)
{
    const char *v = json_string_value(json_object_get(o, k));
    return v ? qb_strdup(v) : NULL;
}

static void copy_fixed(json_t *o, const char *k, char *dst, size_t n)
{
    const char *v = json_string_value(json_object_get(o, k));
    dst[0] = '\0';
    if (v && strlen(v) < n)
        memcpy(dst, v, strlen(v) + 1);
}

qb_status qb_batch_stamp_read(const char *path, qb_batch_stamp *s)
{
    memset(s, 0, sizeof *s);
    if (access(path, F_OK) != 0)
        return QB_ERR_IO;
    json_error_t err;
    json_t *o = json_load_file(path, 0, &err);
    if (!json_is_object(o)) {
        json_decref(o);
        return QB_ERR_FORMAT;
    }
    s->format = (int)json_integer_value(json_object_get(o, "format"));
    s->input = dup_str(o, "input");
    copy_fixed(o, "sha256", s->sha256, sizeof s->sha256);
    s->volumes = dup_str(o, "volumes");
    s->edition = dup_str(o, "edition");
    copy_fixed(o, "edition_sha256", s->edition_sha, sizeof s->edition_sha);
    copy_fixed(o, "lang", s->lang, sizeof s->lang);
    copy_fixed(o, "received", s->received, sizeof s->received);
    copy_fixed(o, "received_at", s->received_at, sizeof s->received_at);
    copy_fixed(o, "limits", s->limits, sizeof s->limits);
    s->version = dup_str(o, "version");
    s->dossier = json_is_true(json_object_get(o, "dossier"));
    s->applicant = dup_str(o, "applicant");
    s->scope = dup_str(o, "scope");
    s->name = dup_str(o, "name");
    s->contact = dup_str(o, "contact");
    s->phone = dup_str(o, "phone");
    s->outcome = dup_str(o, "outcome");
    s->status = dup_str(o, "status");
    s->errors = (long)json_integer_value(json_object_get(o, "errors"));
    s->warnings = (long)json_integer_value(json_object_get(o, "warnings"));
    s->complete = json_is_true(json_object_get(o, "complete"));
    s->note = dup_str(o, "note");
    json_decref(o);
    if (!s->input || !s->edition || !s->outcome || !s->status) {
        qb_batch_stamp_free(s);
        return QB_ERR_FORMAT;
    }
    return QB_OK;
}

void qb_batch_stamp_free(qb_batch_stamp *s)
{
    free((void *)s->input);
    free((void *)s->volumes);
    free((void *)s->edition);
    free((void *)s->outcome);
    free((void *)s->status);
    free((void *)s->note);
    free((void *)s->version);
    free((void *)s->applicant);
    free((void *)s->scope);
    free((void *)s->name);
    free((void *)s->contact);
    free((void *)s->phone);
    memset(s, 0, sizeof *s);
}

static int has_file(const char *folder, const char *name)
{
    char *p = qb_asprintf("%s/%s", folder, name);
    int ok = p && access(p, R_OK) == 0;
    free(p);
    return ok;
}

static int same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

int qb_batch_stamp_current(const char *folder, const qb_batch_stamp *now)
{
    char *path = qb_asprintf("%s/%s", folder, QB_BATCH_STAMP);
    qb_batch_stamp old;
    int cur = 0;
    if (path && qb_batch_stamp_read(path, &old) == QB_OK) {
        cur = old.complete && old.format == QB_BATCH_FORMAT && now->sha256[0] && same(old.sha256, now->sha256) &&
              same(old.input, now->input) && same(old.edition, now->edition) &&
              same(old.edition_sha, now->edition_sha) && same(old.lang, now->lang) &&
              same(old.received_at, now->received_at) && same(old.limits, now->limits) &&
              same(old.version, now->version) && has_file(folder, QB_BATCH_REPORT_JSON) &&
              has_file(folder, QB_BATCH_REPORT_HTML) && (!old.dossier || has_file(folder, QB_BATCH_DOSSIER));
        qb_batch_stamp_free(&old);
    }
    free(path);
    return cur;
}
