/* batch_scan.c — what in the inbox is a row of the summary. Every entry is, except:
 * hidden files (a sync tool's half-copied ".name.XXXXXX", editors' files) and system
 * debris (Thumbs.db, .DS_Store, "~$" lock files), which are counted and left alone;
 * and the later volumes of a set whose first volume is here, which are read with it.
 * A later volume with no first volume beside it stays a row, so that qb-check's logic
 * says what is wrong with it rather than the batch dropping it silently. */
#include "batch_int.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "names.h"
#include "package.h"
#include "unpack.h"

static void item_free(qb_batch_item *it)
{
    free(it->name);
    free(it->path);
    free(it->display);
    free(it->folder);
}

void qb_batch_list_free(qb_batch_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        item_free(&l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int cmp_item(const void *a, const void *b)
{
    return strcmp(((const qb_batch_item *)a)->name, ((const qb_batch_item *)b)->name);
}

static qb_status add_entry(qb_batch_list *l, const char *inbox, const char *name)
{
    qb_status st = qb_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
    if (st != QB_OK)
        return st;
    qb_batch_item *it = &l->v[l->n];
    memset(it, 0, sizeof *it);
    it->name = qb_strdup(name);
    it->path = qb_asprintf("%s/%s", inbox, name);
    if (!it->name || !it->path) {
        item_free(it);
        return QB_ERR_NOMEM;
    }
    /* lstat: a link is never followed, not even to see what it points to (inbox/某某公司.docx
     * → /elsewhere/机密.docx must not end up typeset in a dossier) */
    struct stat sb;
    it->kind = QB_ITEM_OTHER;
    if (lstat(it->path, &sb) == 0) {
        it->kind = S_ISREG(sb.st_mode)   ? QB_ITEM_FILE
                   : S_ISDIR(sb.st_mode) ? QB_ITEM_DIR
                   : S_ISLNK(sb.st_mode) ? QB_ITEM_LINK
                                         : QB_ITEM_OTHER;
        it->mtime = sb.st_mtime;
    }
    l->n++;
    return QB_OK;
}

static int is_rar_name(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcasecmp(name + n - 4, ".rar") == 0;
}

/* Mark in claimed[] the later volumes a first volume of the list claims: those its set
 * lists, or, when its set is incomplete, those of the same base name. */
static qb_status claim_volumes(const qb_batch_list *l, const int *later, int *claimed)
{
    qb_status st = QB_OK;
    for (size_t i = 0; i < l->n && st == QB_OK; i++) {
        if (l->v[i].kind != QB_ITEM_FILE || later[i])
            continue;
        char **vols = NULL;
        qb_status cs = qb_volumes_collect(l->v[i].path, &vols, NULL);
        for (size_t k = 1; cs == QB_OK && vols[k]; k++)
            for (size_t j = 0; j < l->n; j++)
                if (later[j] && strcmp(qb_basename(vols[k]), l->v[j].name) == 0)
                    claimed[j] = 1;
        qb_volumes_free(vols);
        if (cs != QB_ERR_FORMAT || !is_rar_name(l->v[i].name))
            continue; /* only an incomplete set claims by name */
        char *base = qb_package_base_name(l->v[i].name);
        for (size_t j = 0; j < l->n && base; j++) {
            if (!later[j] || claimed[j])
                continue;
            char *b2 = qb_package_base_name(l->v[j].name);
            if (!b2) {
                st = QB_ERR_NOMEM;
                break;
            }
            claimed[j] = strcmp(base, b2) == 0;
            free(b2);
        }
        if (!base)
            st = QB_ERR_NOMEM;
        free(base);
    }
    return st;
}

/* Drop the claimed later volumes from the list. */
static qb_status fold_volumes(qb_batch_list *l)
{
    int *later = calloc(l->n + 1, sizeof *later), *claimed = calloc(l->n + 1, sizeof *claimed);
    qb_status st = later && claimed ? QB_OK : QB_ERR_NOMEM;
    for (size_t i = 0; i < l->n && st == QB_OK; i++)
        later[i] = l->v[i].kind == QB_ITEM_FILE && qb_volume_is_continuation(l->v[i].path);
    if (st == QB_OK)
        st = claim_volumes(l, later, claimed);
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (st == QB_OK && claimed[i]) {
            item_free(&l->v[i]);
            l->volumes++;
        } else
            l->v[k++] = l->v[i];
    }
    l->n = k;
    free(later);
    free(claimed);
    return st;
}

qb_status qb_batch_scan(const char *inbox, qb_batch_list *l)
{
    memset(l, 0, sizeof *l);
    DIR *d = opendir(inbox);
    if (!d)
        return QB_ERR_IO;
    qb_status st = QB_OK;
    struct dirent *de;
    while (st == QB_OK && (de = readdir(d)) != NULL) {
        const char *name = de->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        if (name[0] == '.' || qb_name_is_junk(name)) {
            l->ignored++;
            continue;
        }
        st = add_entry(l, inbox, name);
    }
    closedir(d);
    if (st == QB_OK) {
        if (l->n)
            qsort(l->v, l->n, sizeof *l->v, cmp_item);
        st = fold_volumes(l);
    }
    for (size_t i = 0; i < l->n && st == QB_OK; i++) {
        l->v[i].display = qb_batch_display_name(l->v[i].name);
        l->v[i].folder = qb_batch_folder_name(l->v[i].name);
        if (!l->v[i].display || !l->v[i].folder)
            st = QB_ERR_NOMEM;
    }
    if (st != QB_OK)
        qb_batch_list_free(l);
    return st;
}
