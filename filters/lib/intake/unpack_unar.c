/* unpack_unar.c — Debian's unar (The Unarchiver) as the second reader, for what
 * libarchive cannot read: RAR4 solid archives and archives that crash it (LIBRARIES.md
 * addendum). unar never writes a file here: `lsar -j` lists the entries, then each
 * accepted entry is streamed with `unar -o - -i ARCHIVE INDEX` into the sink, so no
 * archive-supplied path ever reaches the file system. It runs inside the sandbox
 * child, so the child's limits and process group cover it. unar can report success
 * with no data (seen on RAR5 solid), so the sink checks sizes and our CRCs. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "unpack_reader.h"

#define BLOCK 65536
#define MAX_LISTING (64u << 20)

extern char **environ;

/* Start argv with stdout on a pipe (returned in *out), stdin and stderr on /dev/null. */
static pid_t spawn(char *const argv[], int *out)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, p[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(p[1]);
    if (rc != 0) {
        close(p[0]);
        return -1;
    }
    *out = p[0];
    return pid;
}

static int reap(pid_t pid)
{
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The lsar listing as JSON, or NULL. */
static json_t *listing(const char *archive)
{
    char *argv[] = {"lsar", "-j", "-nr", (char *)archive, NULL};
    int fd;
    pid_t pid = spawn(argv, &fd);
    if (pid < 0)
        return NULL;
    qb_buf b = {0};
    char buf[BLOCK];
    int over = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (b.len + (size_t)n > MAX_LISTING || qb_buf_add(&b, buf, (size_t)n) != QB_OK) {
            over = 1;
            kill(pid, SIGKILL);
            break;
        }
    }
    close(fd);
    int rc = reap(pid);
    json_t *j = NULL;
    if (!over && rc == 0 && b.s)
        j = json_loadb(b.s, b.len, JSON_ALLOW_NUL, NULL); /* salts hold \u0000 */
    qb_buf_free(&b);
    return j;
}

static int flag(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return v && ((json_is_integer(v) && json_integer_value(v)) || json_is_true(v));
}

static uint64_t num(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return v && json_is_integer(v) && json_integer_value(v) >= 0 ? (uint64_t)json_integer_value(v)
                                                                  : UINT64_MAX;
}

/* Stream entry idx into the sink. */
static void extract(qb_sink *s, const char *archive, long long idx)
{
    char index[32];
    snprintf(index, sizeof index, "%lld", idx);
    char *argv[] = {"unar", "-q", "-nr", "-o", "-", "-i", (char *)archive, index, NULL};
    int fd;
    pid_t pid = spawn(argv, &fd);
    if (pid < 0) {
        qb_sink_end(s, 0, "cannot start unar");
        return;
    }
    char buf[BLOCK];
    int ok = 1;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (qb_sink_write(s, buf, (size_t)n) != QB_OK) {
            ok = -1;
            kill(pid, SIGKILL);
            break;
        }
    }
    close(fd);
    int rc = reap(pid);
    if (ok >= 0)
        qb_sink_end(s, rc == 0, rc == 0 ? NULL : "unar failed");
}

#define SCRATCH "/.unar"

void qb_unar_cleanup(const char *workdir)
{
    char *dir = qb_asprintf("%s" SCRATCH, workdir);
    DIR *d = dir ? opendir(dir) : NULL;
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL)
            if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
                unlinkat(dirfd(d), de->d_name, 0);
        closedir(d);
        rmdir(dir);
    }
    free(dir);
}

/* unar guesses volume sets from the names in the archive's folder: "公司1.rar" and
 * "公司2.rar" side by side, or 0003.rar beside 0004.rar in the work folder, would be
 * read as one set. So it sees the volumes only, through links under neutral names in a
 * private folder: a.rar, or a.part1.rar …, or a.rar, a.r00 … (RAR4 old naming). */
static char *private_links(const qb_read_job *job)
{
    size_t n = 0;
    while (job->src->vols[n])
        n++;
    int old = job->rar && job->rar->fmt == QB_FMT_RAR4 && !job->rar->new_naming;
    char *dir = qb_asprintf("%s" SCRATCH, job->workdir);
    char *first = NULL;
    if (!dir || mkdir(dir, 0700) != 0) {
        free(dir);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        char *target = realpath(job->src->vols[i], NULL);
        char *link = n == 1 ? qb_asprintf("%s/a.rar", dir)
                     : old  ? (i == 0 ? qb_asprintf("%s/a.rar", dir) : qb_asprintf("%s/a.r%02zu", dir, i - 1))
                            : qb_asprintf("%s/a.part%zu.rar", dir, i + 1);
        int ok = target && link && symlink(target, link) == 0;
        free(target);
        if (ok && i == 0)
            first = link;
        else
            free(link);
        if (!ok) {
            free(first);
            first = NULL;
            break;
        }
    }
    free(dir);
    return first;
}

static void unar_read(qb_sink *s, const qb_read_job *job)
{
    char *archive = private_links(job);
    if (!archive) {
        qb_unar_cleanup(job->workdir);
        qb_err e = {0};
        qb_err_set(&e, QB_ERR_IO, "无法准备第二种解压程序", "cannot set up unar");
        qb_sink_verdict(s, QB_ARC_FORMAT, &e);
        return;
    }
    json_t *j = listing(archive);
    json_t *items = j ? json_object_get(j, "lsarContents") : NULL;
    if (!items || !json_is_array(items)) {
        json_decref(j);
        qb_err e = {0};
        qb_err_set(&e, QB_ERR_FORMAT, "压缩包已损坏或格式无法识别", "lsar cannot list the archive");
        qb_sink_verdict(s, QB_ARC_FORMAT, &e);
        free(archive);
        qb_unar_cleanup(job->workdir);
        return;
    }
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        if (qb_sink_stopped(s))
            break;
        json_t *jn = json_object_get(it, "XADFileName");
        const char *name = json_is_string(jn) ? json_string_value(jn) : "";
        size_t name_len = json_is_string(jn) ? json_string_length(jn) : 0;
        const qb_rar_entry *re = qb_rar_find(job->rar, i, name);
        qb_entry_in in = {0};
        if (re) { /* our own walk has the raw bytes (lsar guesses legacy code pages) */
            in.raw = re->raw;
            in.raw_len = re->raw_len;
            in.uname = re->uname;
            in.utf8 = job->src->fmt == QB_FMT_RAR5;
            in.packed = re->packed;
            in.encrypted = re->encrypted;
            in.has_crc = re->has_crc && !re->size_unknown;
            in.crc = re->crc;
        } else {
            in.raw = name;
            in.raw_len = name_len; /* a NUL inside stays visible to the sink */
            in.utf8 = 1;
            in.packed = num(it, "XADCompressedSize");
        }
        in.encrypted |= flag(it, "XADIsEncrypted");
        if (flag(it, "XADIsLink") || flag(it, "XADIsHardLink") || (re && re->link))
            in.kind = QB_KIND_LINK;
        else if (flag(it, "XADIsDirectory") || (re && re->dir))
            in.kind = QB_KIND_DIR;
        else if (flag(it, "XADIsCharacterDevice") || flag(it, "XADIsBlockDevice") ||
                 flag(it, "XADIsFIFO"))
            in.kind = QB_KIND_OTHER;
        else
            in.kind = QB_KIND_FILE;
        in.declared = num(it, "XADFileSize");
        uint64_t index = num(it, "XADIndex");
        if (!qb_sink_begin(s, &in))
            continue;
        if (index == UINT64_MAX)
            qb_sink_end(s, 0, "no index in the listing");
        else
            extract(s, archive, (long long)index);
    }
    json_decref(j);
    free(archive);
    qb_unar_cleanup(job->workdir);
}

const qb_reader qb_reader_unar = {"unar", unar_read};
