/* unpack_dir.c — a folder as a package, and one file as a package of one member.
 * The folder walk never follows a link: every step is openat(…, O_NOFOLLOW) on the
 * parent's descriptor, and entries are visited in name order so the generated names
 * are the same on every run. Names on disk are bytes; they get the same decoding as
 * archive names (a folder copied from a GBK system keeps GBK bytes). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "unpack_reader.h"

#define BLOCK 65536
#define MAX_DEPTH 32

static void copy_fd(qb_sink *s, int fd)
{
    char *buf = malloc(BLOCK);
    int ok = buf != NULL;
    for (;;) {
        if (!buf)
            break;
        ssize_t n = read(fd, buf, BLOCK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            ok = 0;
        if (n <= 0)
            break;
        if (qb_sink_write(s, buf, (size_t)n) != QB_OK) {
            ok = -1;
            break;
        }
    }
    free(buf);
    if (ok >= 0)
        qb_sink_end(s, ok, ok ? NULL : "read error");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* prefix: the path of this folder inside the package ("" at the top, "a/b/" below). */
static void walk(qb_sink *s, int dfd, const char *prefix, int depth)
{
    DIR *d = fdopendir(dfd);
    if (!d) {
        close(dfd);
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (qb_grow((void **)&names, &cap, n + 1, sizeof *names) != QB_OK)
            break;
        if ((names[n] = qb_strdup(de->d_name)) != NULL)
            n++;
    }
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        char *rel = qb_asprintf("%s%s", prefix, names[i]);
        struct stat sb;
        if (!rel || qb_sink_stopped(s) || fstatat(dirfd(d), names[i], &sb, AT_SYMLINK_NOFOLLOW) != 0) {
            free(rel);
            continue;
        }
        qb_entry_in in = {0};
        in.raw = rel;
        in.raw_len = strlen(rel);
        in.declared = UINT64_MAX; /* a growing file is cut at what the sink accepts */
        in.packed = UINT64_MAX;
        in.kind = S_ISREG(sb.st_mode) ? QB_KIND_FILE : S_ISDIR(sb.st_mode) ? QB_KIND_DIR
                  : S_ISLNK(sb.st_mode) ? QB_KIND_LINK : QB_KIND_OTHER;
        qb_err deep = {0};
        if (in.kind == QB_KIND_DIR && depth >= MAX_DEPTH) {
            qb_err_set(&deep, QB_ERR_UNSAFE, "文件夹层次过深", "folders nested too deep");
            in.unsafe = &deep;
        }
        int take = qb_sink_begin(s, &in);
        if (in.kind == QB_KIND_DIR && !in.unsafe) {
            int sub = openat(dirfd(d), names[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            char *p = qb_asprintf("%s/", rel);
            if (sub >= 0 && p)
                walk(s, sub, p, depth + 1);
            else if (sub >= 0)
                close(sub);
            free(p);
        } else if (take) {
            int fd = openat(dirfd(d), names[i], O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
            if (fd < 0)
                qb_sink_end(s, 0, "cannot open");
            else {
                copy_fd(s, fd);
                close(fd);
            }
        }
        free(rel);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
}

static void dir_read(qb_sink *s, const qb_read_job *job)
{
    int fd = open(job->src->vols[0], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        qb_err e = {0};
        qb_err_set(&e, QB_ERR_IO, "无法读取该文件夹", "cannot open the folder");
        qb_sink_verdict(s, QB_ARC_FORMAT, &e);
        return;
    }
    walk(s, fd, "", 0);
}

static void file_read(qb_sink *s, const qb_read_job *job)
{
    const char *display = job->src->display;
    qb_entry_in in = {0};
    in.raw = display;
    in.raw_len = strlen(display);
    in.kind = QB_KIND_FILE;
    in.declared = UINT64_MAX;
    in.packed = UINT64_MAX;
    if (!qb_sink_begin(s, &in))
        return;
    int fd = open(job->src->vols[0], O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        qb_sink_end(s, 0, "cannot open");
        return;
    }
    copy_fd(s, fd);
    close(fd);
}

const qb_reader qb_reader_dir = {"folder", dir_read};
const qb_reader qb_reader_file = {"file", file_read};
