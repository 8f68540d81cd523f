/* batch_hash.c — what tells a rerun that an input or the edition changed: SHA-256s. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "batch_int.h"

#include <ftw.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "names.h"
#include "package.h"
#include "unpack.h"

void qb_batch_sha256(const void *p, size_t n, char hex[65])
{
    struct sha256_ctx c;
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_init(&c);
    sha256_update(&c, n, p);
    sha256_digest(&c, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

/* The listing of a volume set: one line per volume. */
static qb_status volumes_digest(char **vols, char hex[65], qb_buf *names)
{
    qb_buf lines = {0};
    qb_status st = QB_OK;
    for (size_t i = 0; vols[i] && st == QB_OK; i++) {
        char h[65];
        if ((st = qb_sha256_file(vols[i], h)) == QB_OK)
            st = qb_buf_addf(&lines, "%s\t%s\n", qb_basename(vols[i]), h);
        if (st == QB_OK)
            st = qb_buf_addf(names, "%s%s", i ? ", " : "", qb_basename(vols[i]));
    }
    if (st == QB_OK)
        qb_batch_sha256(lines.s ? lines.s : "", lines.len, hex);
    qb_buf_free(&lines);
    return st;
}

/* ---- folders: nftw has no context pointer, hence one walk at a time ------------ */

typedef struct {
    char *line; /* "type\trelative path\tsha256 or link target\n" */
} entry;

static struct {
    entry *v;
    size_t n, cap, root_len;
    uint64_t max_bytes; /* files over it are listed by size and mtime, not hashed */
    qb_status st;
} walk;

static int visit(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    if (ftw->level == 0)
        return 0;
    const char *rel = path + walk.root_len + 1;
    char h[65] = "", target[4096] = "";
    char type = 'D';
    if (flag == FTW_F && S_ISREG(sb->st_mode) && (uint64_t)sb->st_size > walk.max_bytes) {
        type = 'B';
        snprintf(h, sizeof h, "%lld:%lld", (long long)sb->st_size, (long long)sb->st_mtime);
    } else if (flag == FTW_F && S_ISREG(sb->st_mode)) {
        type = 'F';
        walk.st = qb_sha256_file(path, h);
    } else if (flag == FTW_SL || flag == FTW_SLN) {
        type = 'L';
        ssize_t k = readlink(path, target, sizeof target - 1);
        target[k > 0 ? k : 0] = '\0';
    } else if (flag != FTW_D) {
        type = 'O'; /* unreadable folder or special file: its presence is what counts */
    }
    if (walk.st == QB_OK)
        walk.st = qb_grow((void **)&walk.v, &walk.cap, walk.n + 1, sizeof *walk.v);
    if (walk.st == QB_OK) {
        walk.v[walk.n].line = qb_asprintf("%c\t%s\t%s%s\n", type, rel, h, target);
        walk.st = walk.v[walk.n].line ? QB_OK : QB_ERR_NOMEM;
        walk.n += walk.st == QB_OK;
    }
    return walk.st == QB_OK ? 0 : 1;
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->line + 2, ((const entry *)b)->line + 2);
}

static qb_status folder_digest(const char *dir, uint64_t max_bytes, char hex[65])
{
    memset(&walk, 0, sizeof walk);
    walk.root_len = strlen(dir);
    walk.max_bytes = max_bytes;
    if (nftw(dir, visit, 16, FTW_PHYS) != 0 && walk.st == QB_OK)
        walk.st = QB_ERR_IO;
    qb_buf all = {0};
    if (walk.st == QB_OK) {
        if (walk.n)
            qsort(walk.v, walk.n, sizeof *walk.v, cmp_entry);
        for (size_t i = 0; i < walk.n && walk.st == QB_OK; i++)
            walk.st = qb_buf_adds(&all, walk.v[i].line);
    }
    if (walk.st == QB_OK)
        qb_batch_sha256(all.s ? all.s : "", all.len, hex);
    for (size_t i = 0; i < walk.n; i++)
        free(walk.v[i].line);
    free(walk.v);
    qb_buf_free(&all);
    qb_status st = walk.st;
    memset(&walk, 0, sizeof walk);
    return st;
}

qb_status qb_batch_fingerprint(const qb_batch_item *it, uint64_t max_bytes, char hex[65], char **names)
{
    hex[0] = '\0';
    if (names)
        *names = NULL;
    qb_buf nb = {0};
    qb_status st = QB_OK;
    if (it->kind == QB_ITEM_DIR) {
        st = folder_digest(it->path, max_bytes, hex);
    } else if (it->kind == QB_ITEM_FILE) {
        char **vols = NULL;
        /* an incomplete set is hashed by its first volume; the check reports the rest */
        if (qb_volumes_collect(it->path, &vols, NULL) == QB_OK && vols[0] && vols[1])
            st = volumes_digest(vols, hex, &nb);
        else
            st = qb_sha256_file(it->path, hex);
        qb_volumes_free(vols);
    } /* anything else is never read, so it has no fingerprint: always redone */
    if (st == QB_OK && names)
        *names = nb.len ? qb_buf_take(&nb) : NULL;
    qb_buf_free(&nb);
    return st;
}

qb_status qb_batch_input_probe(const qb_batch_item *it, uint64_t *size, char **link)
{
    *size = 0;
    *link = NULL;
    if (it->kind != QB_ITEM_FILE)
        return QB_ERR_USAGE;
    char **vols = NULL;
    const char *one[2] = {it->path, NULL};
    /* an incomplete set counts its first volume; the check reports the rest */
    int set = qb_volumes_collect(it->path, &vols, NULL) == QB_OK && vols[0];
    qb_status st = QB_OK;
    for (const char *const *v = set ? (const char *const *)vols : one; *v && st == QB_OK && !*link; v++) {
        struct stat sb;
        if (lstat(*v, &sb) != 0)
            st = QB_ERR_IO;
        else if (S_ISLNK(sb.st_mode))
            st = (*link = qb_strdup(qb_basename(*v))) ? QB_OK : QB_ERR_NOMEM;
        else
            *size += (uint64_t)sb.st_size;
    }
    qb_volumes_free(vols);
    return st;
}

qb_status qb_batch_edition_sha(const qb_edition *ed, char hex[65])
{
    qb_buf lines = {0};
    qb_status st = QB_OK;
    for (size_t i = 0; i < ed->n && st == QB_OK; i++) {
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(ed->e[j].file, ed->e[i].file) == 0;
        char h[65];
        if (!seen && (st = qb_sha256_file(ed->e[i].file, h)) == QB_OK)
            st = qb_buf_addf(&lines, "%s\n", h);
    }
    if (st == QB_OK)
        qb_batch_sha256(lines.s ? lines.s : "", lines.len, hex);
    qb_buf_free(&lines);
    return st;
}
