/* tmpdir.c — private working folders, and the registry that removes them (and
 * half-written outputs) on every way out of the process. The removal itself uses
 * only async-signal-safe calls (open, getdents64, unlinkat, close), so the signal
 * handler and the ordinary path share it. */
#define _GNU_SOURCE
#include "tmpdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_DEPTH 64 /* deeper: the handler leaves them; qb_tree_remove finishes with nftw */
#define MAX_PATHS 32

/* Empty the folder open as fd; returns 0 when it is empty now. */
static int empty_dir(int fd, int depth)
{
    char buf[2048];
    for (int tries = 0; tries < 8; tries++) {
        int removed = 0, left = 0;
        if (lseek(fd, 0, SEEK_SET) < 0)
            return -1;
        ssize_t n;
        while ((n = getdents64(fd, buf, sizeof buf)) > 0) {
            for (ssize_t off = 0; off < n;) {
                struct dirent64 *d = (struct dirent64 *)(void *)(buf + off);
                off += d->d_reclen;
                const char *name = d->d_name;
                if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
                    continue;
                int gone = d->d_type != DT_DIR && unlinkat(fd, name, 0) == 0;
                if (!gone && (d->d_type == DT_DIR || errno == EISDIR) && depth < MAX_DEPTH) {
                    /* O_NOFOLLOW: a link swapped in for the folder is never entered */
                    int sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                    if (sub >= 0) {
                        empty_dir(sub, depth + 1);
                        close(sub);
                    }
                    gone = unlinkat(fd, name, AT_REMOVEDIR) == 0;
                }
                if (gone)
                    removed++;
                else
                    left++;
            }
        }
        if (!left)
            return 0;
        if (!removed) /* removing while reading may skip names: read again while it helps */
            return -1;
    }
    return -1;
}

static void remove_path(const char *path)
{
    if (unlink(path) == 0 || (errno != EISDIR && errno != EPERM))
        return;
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        empty_dir(fd, 0);
        close(fd);
    }
    rmdir(path);
}

/* ---- the registry ---- */

static struct {
    volatile sig_atomic_t used;
    pid_t owner;
    char path[PATH_MAX];
} reg[MAX_PATHS];

static void remove_registered(void)
{
    pid_t self = getpid();
    for (int i = 0; i < MAX_PATHS; i++)
        if (reg[i].used && reg[i].owner == self) {
            remove_path(reg[i].path);
            reg[i].used = 0;
        }
}

static void on_signal(int sig)
{
    int saved = errno;
    remove_registered();
    /* then die of the same signal, as if nobody had caught it */
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig); /* delivered when the handler returns (a fault comes back at once) */
    errno = saved;
}

static const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT,
#ifndef QB_UNDER_ASAN /* the sanitizers report these themselves */
                              SIGSEGV, SIGBUS, SIGFPE, SIGILL,
#endif
};

/* Where a signal still has its default disposition, catch it. Checked at each
 * registration: a forked child that reset its handlers gets them again. */
static void install(void)
{
    static int at_exit;
    if (!at_exit && atexit(remove_registered) == 0)
        at_exit = 1;
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction old;
        if (sigaction(signals[i], NULL, &old) != 0 || (old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL)
            continue;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigfillset(&sa.sa_mask); /* one removal at a time */
        sigaction(signals[i], &sa, NULL);
    }
}

static qb_status (*host_register)(const char *);
static void (*host_forget)(const char *);

void qb_cleanup_delegate(qb_status (*r)(const char *), void (*forget)(const char *))
{
    host_register = r;
    host_forget = forget;
}

qb_status qb_cleanup_register(const char *path)
{
    if (host_register)
        return host_register(path);
    if (!path || strlen(path) >= PATH_MAX)
        return QB_ERR_USAGE;
    install();
    for (int i = 0; i < MAX_PATHS; i++)
        if (!reg[i].used) {
            reg[i].owner = getpid();
            strcpy(reg[i].path, path);
            reg[i].used = 1; /* last: the handler sees a complete entry or none */
            return QB_OK;
        }
    return QB_ERR_LIMIT;
}

void qb_cleanup_forget(const char *path)
{
    if (host_forget) {
        host_forget(path);
        return;
    }
    pid_t self = getpid();
    for (int i = 0; i < MAX_PATHS; i++)
        if (reg[i].used && reg[i].owner == self && strcmp(reg[i].path, path) == 0)
            reg[i].used = 0;
}

qb_status qb_tmpdir_make(const char *tag, char **out)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = qb_asprintf("%s/qb-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", tag);
    if (!dir)
        return QB_ERR_NOMEM;
    /* no signal between making the folder and registering it */
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    qb_status st = mkdtemp(dir) ? qb_cleanup_register(dir) : QB_ERR_IO;
    if (st == QB_ERR_IO) {
        sigprocmask(SIG_SETMASK, &old, NULL);
        free(dir);
        return st;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (st != QB_OK) {
        rmdir(dir);
        free(dir);
        return st;
    }
    *out = dir;
    return QB_OK;
}

/* nftw's way, for a tree deeper than the signal-safe walk goes (outside a handler). */
static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    if (flag == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

void qb_tree_remove(const char *dir)
{
    remove_path(dir);
    struct stat sb;
    if (lstat(dir, &sb) == 0 && S_ISDIR(sb.st_mode)) /* FTW_PHYS: links removed, never followed */
        nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    qb_cleanup_forget(dir);
}
