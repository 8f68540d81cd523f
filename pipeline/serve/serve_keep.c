/* serve_keep.c — results kept for a set time under an unguessable id: 128 bits from
 * the kernel's random source, as hex. The id is the folder's name; a request names a
 * file only by an id of exactly that form and one of the fixed file names, so nothing
 * a client sends becomes a path. Expired folders are deleted by the sweep. */
#include "serve_int.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tmpdir.h"
#include "unpack.h"

struct qb_kept {
    char id[QB_SERVE_ID_LEN + 1];
    double expires; /* qb_now() seconds */
};

qb_status qb_serve_keep_init(qb_serve_keep *k, const char *root, int seconds)
{
    memset(k, 0, sizeof *k);
    k->seconds = seconds;
    if (!(k->root = qb_strdup(root)))
        return QB_ERR_NOMEM;
    if (mkdir(root, 0700) != 0) {
        free(k->root);
        return QB_ERR_IO;
    }
    pthread_mutex_init(&k->mu, NULL);
    return QB_OK;
}

void qb_serve_keep_free(qb_serve_keep *k)
{
    if (!k->root)
        return;
    qb_tree_remove(k->root);
    free(k->root);
    free(k->v);
    pthread_mutex_destroy(&k->mu);
    memset(k, 0, sizeof *k);
}

static int id_ok(const char *id)
{
    size_t n = 0;
    for (; id[n]; n++)
        if (!((id[n] >= '0' && id[n] <= '9') || (id[n] >= 'a' && id[n] <= 'f')) || n >= QB_SERVE_ID_LEN)
            return 0;
    return n == QB_SERVE_ID_LEN;
}

qb_status qb_serve_keep_add(qb_serve_keep *k, const char *out, char id[QB_SERVE_ID_LEN + 1])
{
    unsigned char rnd[QB_SERVE_ID_LEN / 2];
    if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
        return QB_ERR_IO;
    for (size_t i = 0; i < sizeof rnd; i++)
        sprintf(id + 2 * i, "%02x", rnd[i]);
    char *dest = qb_asprintf("%s/%s", k->root, id);
    if (!dest)
        return QB_ERR_NOMEM;
    pthread_mutex_lock(&k->mu);
    qb_status st = qb_grow((void **)&k->v, &k->cap, k->n + 1, sizeof *k->v);
    if (st == QB_OK && rename(out, dest) != 0)
        st = QB_ERR_IO;
    if (st == QB_OK) {
        memcpy(k->v[k->n].id, id, QB_SERVE_ID_LEN + 1);
        k->v[k->n++].expires = qb_now() + k->seconds;
    }
    pthread_mutex_unlock(&k->mu);
    free(dest);
    return st;
}

int qb_serve_keep_open(qb_serve_keep *k, const char *id, const char *file, uint64_t *size)
{
    if (!id_ok(id))
        return -1;
    int fd = -1;
    pthread_mutex_lock(&k->mu);
    for (size_t i = 0; i < k->n; i++) {
        if (strcmp(k->v[i].id, id) != 0 || k->v[i].expires <= qb_now())
            continue;
        char *p = qb_asprintf("%s/%s/%s", k->root, id, file);
        fd = p ? open(p, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) : -1;
        free(p);
        break;
    }
    pthread_mutex_unlock(&k->mu); /* an open file outlives its deletion */
    struct stat sb;
    if (fd >= 0 && (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))) {
        close(fd);
        fd = -1;
    }
    if (fd >= 0)
        *size = (uint64_t)sb.st_size;
    return fd;
}

void qb_serve_keep_sweep(qb_serve_keep *k)
{
    pthread_mutex_lock(&k->mu);
    double now = qb_now();
    size_t w = 0;
    for (size_t i = 0; i < k->n; i++) {
        if (k->v[i].expires > now) {
            k->v[w++] = k->v[i];
            continue;
        }
        char *p = qb_asprintf("%s/%s", k->root, k->v[i].id);
        if (p)
            qb_tree_remove(p);
        free(p);
    }
    k->n = w;
    pthread_mutex_unlock(&k->mu);
}
