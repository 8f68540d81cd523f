/* serve_editions.c — the editions a check may ask for, loaded once at start (patterns
 * compiled once), and their listing for the page. */
#include "serve_int.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "secid.h"
#include "unpack.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.ini files of the rules folder, sorted. */
static qb_status list_rules(const char *dir, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return QB_OK; /* no folder: only the default edition */
    size_t cap = 0;
    qb_status st = QB_OK;
    for (struct dirent *e; st == QB_OK && (e = readdir(d));) {
        size_t l = strlen(e->d_name);
        if (l < 5 || e->d_name[0] == '.' || strcmp(e->d_name + l - 4, ".ini") != 0)
            continue;
        if ((st = qb_grow((void **)out, &cap, *n + 1, sizeof **out)) == QB_OK)
            st = ((*out)[*n] = qb_asprintf("%s/%s", dir, e->d_name)) ? (++*n, QB_OK) : QB_ERR_NOMEM;
    }
    closedir(d);
    if (*n)
        qsort(*out, *n, sizeof **out, by_name);
    return st;
}

/* Resident editions match with pcre2's JIT (compiled once, used by every check). */
static qb_status add(qb_serve_editions *E, size_t *cap, qb_edition *ed)
{
    qb_status st = qb_edition_jit(ed);
    if (st == QB_OK)
        st = qb_grow((void **)&E->v, cap, E->n + 1, sizeof *E->v);
    if (st == QB_OK)
        E->v[E->n++] = *ed;
    else
        qb_edition_free(ed);
    return st;
}

qb_status qb_serve_editions_load(const char *dflt, qb_serve_editions *E, char **why, char **why_en)
{
    memset(E, 0, sizeof *E);
    size_t cap = 0;
    qb_edition def;
    qb_err e = {0};
    qb_status st = qb_edition_load(dflt, &def, &e);
    if (st != QB_OK) {
        *why = qb_asprintf("规则文件有误：%s", qb_err_text(&e, 0));
        *why_en = qb_asprintf("bad rules file: %s", qb_err_text(&e, 1));
        return st;
    }
    char *dir = qb_edition_dir(), **files = NULL;
    size_t nfiles = 0;
    int placed = 0;
    st = dir ? list_rules(dir, &files, &nfiles) : QB_ERR_NOMEM;
    for (size_t i = 0; i < nfiles && st == QB_OK; i++) {
        qb_edition ed;
        qb_err_clear(&e);
        if (qb_edition_load(files[i], &ed, &e) != QB_OK) { /* a bad copy in the folder: say so, go on */
            qb_serve_log("qb-serve: 跳过 %s (skipped %s)", qb_err_text(&e, 0), qb_err_text(&e, 1));
            continue;
        }
        if (strcmp(ed.name, def.name) != 0 || placed) {
            st = add(E, &cap, &ed);
            continue;
        }
        qb_edition_free(&ed); /* the default (possibly the operator's copy) takes its place */
        E->dflt = E->n;
        placed = 1;
        st = add(E, &cap, &def);
    }
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    free(dir);
    if (st == QB_OK && !placed) {
        E->dflt = E->n;
        st = add(E, &cap, &def);
    } else if (!placed) {
        qb_edition_free(&def);
    }
    if (st != QB_OK) {
        *why = qb_strdup("内存不足");
        *why_en = qb_strdup("out of memory");
    }
    return st;
}

void qb_serve_editions_free(qb_serve_editions *E)
{
    for (size_t i = 0; i < E->n; i++)
        qb_edition_free(&E->v[i]);
    free(E->v);
    memset(E, 0, sizeof *E);
}

const qb_edition *qb_serve_edition(const qb_serve_editions *E, const char *name)
{
    if (!name || !*name)
        return &E->v[E->dflt];
    for (size_t i = 0; i < E->n; i++)
        if (strcmp(E->v[i].name, name) == 0)
            return &E->v[i];
    return NULL;
}

uint64_t qb_serve_upload_limit(const qb_edition *ed)
{
    qb_unpack_limits lim;
    qb_unpack_limits_from_edition(ed, &lim);
    return lim.max_size;
}

char *qb_serve_editions_json(const qb_serve_editions *E)
{
    json_t *root = json_object(), *list = json_array();
    if (!root || !list) {
        json_decref(root);
        json_decref(list);
        return NULL;
    }
    int bad = 0;
    for (size_t i = 0; i < E->n && !bad; i++) {
        const qb_edition *ed = &E->v[i];
        json_t *o = json_object(), *lim = json_object();
        bad |= !o || !lim;
        for (int s = 0; s < QB_NSEC && !bad; s++)
            bad |= json_object_set_new(lim, qb_sec_key((qb_secid)s), json_integer(ed->limit[s]));
        bad |= json_object_set_new(o, "name", json_string(ed->name));
        bad |= json_object_set_new(o, "title", ed->title ? json_string(ed->title) : json_null());
        bad |= json_object_set_new(o, "count_mode", json_string(ed->count_mode == QB_COUNT_CHARS ? "chars" : "words"));
        bad |= json_object_set_new(o, "limits", lim);
        bad |= json_object_set_new(o, "max_size_mb", json_integer((json_int_t)(qb_serve_upload_limit(ed) >> 20)));
        bad |= json_array_append_new(list, o);
    }
    bad |= json_object_set_new(root, "default", json_string(E->v[E->dflt].name));
    bad |= json_object_set_new(root, "editions", list);
    char *s = bad ? NULL : json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    return s;
}
