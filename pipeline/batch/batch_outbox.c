/* batch_outbox.c — the outbox: checked and locked before anything is written (apart
 * from the inbox, writable, one batch at a time; an interrupted run's leftovers
 * cleared), and each package folder published with one rename. */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE */
#include "batch_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tmpdir.h"

static int inside(const char *dir, const char *parent)
{
    size_t n = strlen(parent);
    return strncmp(dir, parent, n) == 0 && (dir[n] == '/' || dir[n] == '\0' || strcmp(parent, "/") == 0);
}

/* The outbox's absolute path, also when it does not exist yet (its parent must). */
static int resolve_outbox(const char *outbox, char out[PATH_MAX])
{
    if (realpath(outbox, out))
        return 1;
    if (errno != ENOENT)
        return 0;
    char *copy = qb_strdup(outbox);
    if (!copy)
        return 0;
    size_t n = strlen(copy);
    while (n > 1 && copy[n - 1] == '/')
        copy[--n] = '\0';
    char *slash = strrchr(copy, '/');
    const char *base = slash ? slash + 1 : copy;
    char parent[PATH_MAX];
    int ok = 0;
    if (slash == copy)
        ok = realpath("/", parent) != NULL;
    else if (slash) {
        *slash = '\0';
        ok = realpath(copy, parent) != NULL;
    } else
        ok = realpath(".", parent) != NULL;
    ok = ok && strcmp(base, ".") != 0 && strcmp(base, "..") != 0 &&
         snprintf(out, PATH_MAX, "%s/%s", strcmp(parent, "/") == 0 ? "" : parent, base) < PATH_MAX;
    free(copy);
    return ok;
}

/* The inbox must be readable, the outbox a writable folder (made when missing) apart
 * from the inbox, and ours alone: the lock is held until the process ends. */
qb_status qb_batch_outbox_open(const qb_batch_opts *o, qb_err *e)
{
    DIR *d = opendir(o->inbox);
    if (!d)
        return qb_err_set(e, QB_ERR_IO, "收件箱 %s 无法读取（%s）", "inbox %s cannot be read (%s)", o->inbox,
                          strerror(errno));
    closedir(d);
    char in[PATH_MAX], out[PATH_MAX];
    if (!realpath(o->inbox, in) || !resolve_outbox(o->outbox, out))
        return qb_err_set(e, QB_ERR_IO, "输出文件夹 %s 无法使用（%s）", "outbox %s cannot be used (%s)", o->outbox,
                          strerror(errno));
    if (inside(out, in) || inside(in, out)) /* checked before anything is made */
        return qb_err_set(e, QB_ERR_USAGE, "输出文件夹不能与收件箱相同，也不能在收件箱里面（收件箱只读不写）",
                          "the outbox must be apart from the inbox (the inbox is never written)");
    if (mkdir(o->outbox, 0755) != 0 && errno != EEXIST)
        return qb_err_set(e, QB_ERR_IO, "输出文件夹 %s 无法创建（%s）", "outbox %s cannot be made (%s)", o->outbox,
                          strerror(errno));
    char *lock = qb_asprintf("%s/.qb-batch.lock", o->outbox);
    int fd = lock ? open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644) : -1;
    free(lock);
    if (fd >= 0 && access(o->outbox, W_OK) != 0) {
        close(fd);
        fd = -1;
    }
    if (fd < 0)
        return qb_err_set(e, QB_ERR_IO, "输出文件夹 %s 不可写", "outbox %s is not writable", o->outbox);
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) { /* the outbox cannot be written now: IO */
        close(fd);
        return qb_err_set(e, QB_ERR_IO, "另一个 qb-batch 正在向 %s 输出，请等它结束",
                          "another qb-batch is writing to %s; wait for it to finish", o->outbox);
    }
    /* fd stays open (and locked) until exit. Leftovers of an interrupted run go. */
    d = opendir(o->outbox);
    struct dirent *de;
    while (d && (de = readdir(d)) != NULL) {
        if (strncmp(de->d_name, QB_BATCH_TMP_PREFIX, strlen(QB_BATCH_TMP_PREFIX)) != 0)
            continue;
        char *p = qb_asprintf("%s/%s", o->outbox, de->d_name);
        if (p)
            qb_tree_remove(p);
        free(p);
    }
    if (d)
        closedir(d);
    return QB_OK;
}

/* Move dir/out to dest, replacing what is there in one step when the file system can
 * (RENAME_EXCHANGE); the old folder ends up inside dir, which the caller removes. */
qb_status qb_batch_publish(const char *tmp, const char *dest)
{
    char *out = qb_asprintf("%s/out", tmp), *old = qb_asprintf("%s/old", tmp);
    qb_status st = out && old ? QB_OK : QB_ERR_NOMEM;
    if (st == QB_OK && rename(out, dest) != 0) {
        if (renameat2(AT_FDCWD, out, AT_FDCWD, dest, RENAME_EXCHANGE) != 0 &&
            (rename(dest, old) != 0 || rename(out, dest) != 0))
            st = QB_ERR_IO;
    }
    free(out);
    free(old);
    return st;
}

qb_status qb_batch_stage(const char *outbox, char **tmp, char **out)
{
    *out = NULL;
    *tmp = qb_asprintf("%s/%sXXXXXX", outbox, QB_BATCH_TMP_PREFIX);
    if (!*tmp)
        return QB_ERR_NOMEM;
    if (!mkdtemp(*tmp)) {
        free(*tmp);
        *tmp = NULL;
        return QB_ERR_IO;
    }
    *out = qb_asprintf("%s/out", *tmp);
    qb_status st = !*out ? QB_ERR_NOMEM : mkdir(*out, 0755) == 0 ? QB_OK : QB_ERR_IO;
    if (st != QB_OK) {
        qb_tree_remove(*tmp);
        free(*tmp);
        free(*out);
        *tmp = *out = NULL;
    }
    return st;
}

qb_status qb_batch_stage_publish(const char *outbox, char *tmp, char *out, const char *name, int publish)
{
    char *dest = publish ? qb_asprintf("%s/%s", outbox, name) : NULL;
    qb_status st = !publish ? QB_OK : dest ? qb_batch_publish(tmp, dest) : QB_ERR_NOMEM;
    qb_tree_remove(tmp);
    free(dest);
    free(tmp);
    free(out);
    return st;
}
