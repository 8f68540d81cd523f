/* unpack_volumes.c — finding and checking the volumes of a multi-volume RAR set.
 * libarchive needs every volume, in order; given only some it reads short without an
 * error (RAR5) or fails late (RAR4), so the set is collected and checked here, by name
 * and by the volume flags of our header walk (LIBRARIES.md §2c). */
#define _GNU_SOURCE
#include "unpack.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rar5scan.h"

typedef struct {
    char *path;
    unsigned long num;
} vol;

static int cmp_vol(const void *a, const void *b)
{
    const vol *x = a, *y = b;
    return x->num < y->num ? -1 : x->num > y->num;
}

/* "x.part12.rar" → prefix length (up to ".part"), number, digit count; 0 if no match. */
static int part_name(const char *base, size_t *prefix, unsigned long *num, size_t *width)
{
    size_t n = strlen(base);
    if (n < 10 || strcasecmp(base + n - 4, ".rar") != 0)
        return 0;
    size_t end = n - 4, d = end;
    while (d > 0 && base[d - 1] >= '0' && base[d - 1] <= '9')
        d--;
    if (d == end || end - d > 6 || d < 5 || strncasecmp(base + d - 5, ".part", 5) != 0)
        return 0;
    *prefix = d - 5;
    *width = end - d;
    *num = strtoul(base + d, NULL, 10);
    return 1;
}

/* "x.r07" → 7 (old naming: x.rar, x.r00, x.r01 …); -1 if no match. */
static long old_name(const char *base, size_t *prefix)
{
    size_t n = strlen(base);
    if (n < 5 || base[n - 4] != '.' || (base[n - 3] != 'r' && base[n - 3] != 'R') ||
        base[n - 2] < '0' || base[n - 2] > '9' || base[n - 1] < '0' || base[n - 1] > '9')
        return -1;
    *prefix = n - 4;
    return (base[n - 2] - '0') * 10 + (base[n - 1] - '0');
}

void qb_volumes_free(char **vols)
{
    if (!vols)
        return;
    for (size_t i = 0; vols[i]; i++)
        free(vols[i]);
    free(vols);
}

static char *dir_of(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? qb_strndup(path, (size_t)(s - path) + 1) : qb_strdup("");
}

static qb_status single(const char *path, char ***vols)
{
    char **v = calloc(2, sizeof *v);
    if (!v || !(v[0] = qb_strdup(path))) {
        free(v);
        return QB_ERR_NOMEM;
    }
    *vols = v;
    return QB_OK;
}

int qb_volume_is_continuation(const char *path)
{
    const char *base = qb_basename(path);
    size_t prefix, width;
    unsigned long num;
    qb_rar_info ri;
    int cont = 0;
    if (qb_rar_scan(path, 1, &ri) == QB_OK) {
        if (ri.fmt == QB_FMT_RAR5)
            cont = ri.volume && ri.volume_number > 0;
        else if (ri.volume)
            cont = !ri.first_volume &&
                   ((part_name(base, &prefix, &num, &width) && num > 1) || old_name(base, &prefix) >= 0);
        qb_rar_info_free(&ri);
    }
    return cont;
}

/* Collect "<dir><prefix>.partNNN.rar" with the given width, sorted. */
static qb_status collect_parts(const char *path, size_t prefix, size_t width, vol **out, size_t *n)
{
    char *dir = dir_of(path);
    if (!dir)
        return QB_ERR_NOMEM;
    const char *base = qb_basename(path);
    DIR *d = opendir(*dir ? dir : ".");
    if (!d) {
        free(dir);
        return QB_ERR_IO;
    }
    vol *v = NULL;
    size_t cap = 0;
    *n = 0;
    qb_status st = QB_OK;
    struct dirent *de;
    while (st == QB_OK && (de = readdir(d)) != NULL) {
        size_t p2, w2;
        unsigned long num;
        if (!part_name(de->d_name, &p2, &num, &w2) || p2 != prefix || w2 != width ||
            strncmp(de->d_name, base, prefix) != 0)
            continue;
        if ((st = qb_grow((void **)&v, &cap, *n + 1, sizeof *v)) != QB_OK)
            break;
        v[*n].num = num;
        v[*n].path = qb_asprintf("%s%s", dir, de->d_name);
        if (!v[*n].path)
            st = QB_ERR_NOMEM;
        else
            (*n)++;
    }
    closedir(d);
    free(dir);
    if (st == QB_OK)
        qsort(v, *n, sizeof *v, cmp_vol);
    else {
        for (size_t i = 0; i < *n; i++)
            free(v[i].path);
        free(v);
        v = NULL;
        *n = 0;
    }
    *out = v;
    return st;
}

/* Old naming: x.rar then x.r00, x.r01 … while they exist. */
static qb_status collect_old(const char *path, vol **out, size_t *n)
{
    size_t len = strlen(path);
    vol *v = NULL;
    size_t cap = 0;
    *n = 0;
    qb_status st = qb_grow((void **)&v, &cap, 1, sizeof *v);
    if (st == QB_OK) {
        v[0].num = 0;
        if (!(v[0].path = qb_strdup(path)))
            st = QB_ERR_NOMEM;
    }
    if (st == QB_OK)
        *n = 1;
    for (int k = 0; st == QB_OK && k < 100; k++) {
        char *p = qb_asprintf("%.*s.r%02d", (int)(len - 4), path, k);
        if (!p) {
            st = QB_ERR_NOMEM;
            break;
        }
        FILE *f = fopen(p, "rb");
        if (!f) {
            free(p);
            break;
        }
        fclose(f);
        if ((st = qb_grow((void **)&v, &cap, *n + 1, sizeof *v)) != QB_OK) {
            free(p);
            break;
        }
        v[*n].path = p;
        v[*n].num = (unsigned long)k + 1;
        (*n)++;
    }
    if (st != QB_OK) {
        for (size_t i = 0; i < *n; i++)
            free(v[i].path);
        free(v);
        v = NULL;
        *n = 0;
    }
    *out = v;
    return st;
}

qb_status qb_volumes_collect(const char *path, char ***vols, qb_err *e)
{
    *vols = NULL;
    qb_rar_info ri;
    if (qb_rar_scan(path, 1, &ri) != QB_OK)
        return single(path, vols); /* not a RAR: nothing to collect */
    int volume = ri.volume, first = ri.first_volume, more = ri.more_volumes;
    int rar5 = ri.fmt == QB_FMT_RAR5, newname = ri.new_naming || rar5;
    qb_rar_info_free(&ri);
    const char *base = qb_basename(path);
    size_t prefix, width;
    unsigned long num;
    int parted = part_name(base, &prefix, &num, &width);
    if (!volume)
        return single(path, vols);
    if ((rar5 && !first) || (parted && num != 1) || (!rar5 && !first && !parted &&
                                                      old_name(base, &prefix) >= 0)) {
        return qb_err_set(e, QB_ERR_FORMAT,
                          "这是分卷压缩包的后续分卷，请提交第一卷（如 .part1.rar），并把各分卷放在同一文件夹中",
                          "a later volume of a multi-volume set; give the first volume");
    }
    vol *v = NULL;
    size_t n = 0;
    qb_status st;
    if (parted)
        st = collect_parts(path, prefix, width, &v, &n);
    else if (!newname && strlen(base) > 4 && strcasecmp(base + strlen(base) - 4, ".rar") == 0)
        st = collect_old(path, &v, &n);
    else {
        if (!more)
            return single(path, vols);
        return qb_err_set(e, QB_ERR_FORMAT, "分卷压缩包不完整：找不到其余分卷（分卷文件名被改过？）",
                          "incomplete volume set: the other volumes cannot be found");
    }
    if (st != QB_OK)
        return st;
    /* Numbers must run 1, 2, 3 … (old naming: 0 = x.rar, then 1 = x.r00 …). */
    unsigned long expect = parted ? 1 : 0;
    int gap = 0;
    for (size_t i = 0; i < n; i++, expect++)
        if (v[i].num != expect)
            gap = 1;
    int last_more = 1;
    if (!gap && n > 0 && qb_rar_scan(v[n - 1].path, 1, &ri) == QB_OK) {
        last_more = ri.more_volumes || !ri.volume;
        qb_rar_info_free(&ri);
    }
    if (gap || last_more) {
        st = qb_err_set(e, QB_ERR_FORMAT, "分卷压缩包不完整：缺少其中的分卷，请把全部分卷一起提交",
                        "incomplete volume set: a volume is missing");
    }
    char **out = NULL;
    if (st == QB_OK && !(out = calloc(n + 1, sizeof *out)))
        st = QB_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        if (st == QB_OK)
            out[i] = v[i].path;
        else
            free(v[i].path);
    }
    free(v);
    if (st == QB_OK)
        *vols = out;
    return st;
}
