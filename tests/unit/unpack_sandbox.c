/* The sandbox every archive reader runs in (unpack.h): what the child sends arrives, a
 * crash is reported as a signal (not suffered), a hang ends at the deadline together
 * with whatever the child started, and the file-size limit holds. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "tap.h"
#include "unpack.h"

static void collect(void *ctx, const char *buf, size_t n)
{
    qb_buf_add(ctx, buf, n);
}

static int say_hello(void *arg, int fd)
{
    (void)arg;
    return write(fd, "hello", 5) == 5 ? 7 : 1;
}

static int crash(void *arg, int fd)
{
    (void)arg;
    (void)fd;
    signal(SIGSEGV, SIG_DFL); /* under ASan its own handler would turn this into an exit */
    raise(SIGSEGV);           /* what libarchive 3.6.2 does on a public RAR5 sample */
    return 0;
}

/* Starts a grandchild that would sleep for a minute, says its pid, then hangs. */
static int hang(void *arg, int fd)
{
    (void)arg;
    pid_t g = fork();
    if (g == 0) {
        execlp("sleep", "sleep", "60", (char *)NULL);
        _exit(127);
    }
    dprintf(fd, "%d\n", (int)g);
    for (;;)
        pause();
}

static int write_big(void *arg, int fd)
{
    const char *path = arg;
    int out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    char buf[65536];
    memset(buf, 'x', sizeof buf);
    long total = 0;
    int err = 0;
    for (int i = 0; i < 64 && !err; i++) {
        ssize_t w = write(out, buf, sizeof buf);
        if (w < 0)
            err = errno;
        else
            total += w;
    }
    close(out);
    dprintf(fd, "%ld %s", total, err == EFBIG ? "EFBIG" : "none");
    return 0;
}

static int gone(pid_t pid)
{
    char path[64], st = 0;
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 1;
    int r = fscanf(f, "%*d %*s %c", &st);
    fclose(f);
    return r == 1 && st == 'Z'; /* a zombie waiting for init counts as gone */
}

int main(void)
{
    qb_child_limits lim = {5, 0, 0, qb_now() + 10};
    qb_child_end end;
    int code;
    qb_buf b = {0};

    ok(qb_sandbox_run(say_hello, NULL, &lim, collect, &b, &end, &code) == QB_OK, "a child runs");
    ok(end == QB_CHILD_EXITED && code == 7, "its exit status comes back");
    is_str(b.s, "hello", "and what it wrote on the pipe");
    qb_buf_reset(&b);

    ok(qb_sandbox_run(crash, NULL, &lim, collect, &b, &end, &code) == QB_OK, "a crashing child is survived");
    ok(end == QB_CHILD_SIGNALED && code == SIGSEGV, "and reported as SIGSEGV");

    lim.deadline = qb_now() + 0.5;
    double t0 = qb_now();
    ok(qb_sandbox_run(hang, NULL, &lim, collect, &b, &end, &code) == QB_OK && end == QB_CHILD_TIMEOUT,
       "a hanging child ends at the deadline");
    double took = qb_now() - t0;
    ok(took >= 0.4 && took < 3, "after about half a second (%.2f s)", took);
    int g = b.s ? atoi(b.s) : 0;
    struct timespec ts = {0, 100 * 1000 * 1000};
    nanosleep(&ts, NULL);
    ok(g > 0 && gone(g), "the process it started is killed with it");
    qb_buf_reset(&b);

    char path[256];
    snprintf(path, sizeof path, "%s/qb-sandbox-%d.bin", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             (int)getpid());
    lim.deadline = qb_now() + 10;
    lim.fsize = 1 << 20;
    ok(qb_sandbox_run(write_big, path, &lim, collect, &b, &end, &code) == QB_OK && end == QB_CHILD_EXITED,
       "a child writing 4 MiB under a 1 MiB file-size limit runs to its end");
    is_str(b.s, "1048576 EFBIG", "its writes stop at 1 MiB with EFBIG (no SIGXFSZ)");
    unlink(path);

    qb_buf_free(&b);
    printf("1..%d\n", tap_n);
    return tap_failed != 0;
}
