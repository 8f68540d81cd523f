/* serve_spare.c — the children's keeper.
 *
 * Spares are children started ahead of need, so that a check does not wait for a new
 * process. The server has threads, and a fork of a threaded process may hold a lock
 * another thread held at that moment (glibc's tzset lock, taken by libzip's mktime, was
 * seen to hang a child for good). So before any thread starts, the server forks a
 * zygote: a single-threaded copy of itself holding the editions already loaded, which
 * only forks. Asked for a spare (two pipe ends passed over a socket), it forks through an
 * intermediate that exits at once, so the spare is handed to the server, a child
 * subreaper (PR_SET_CHILD_SUBREAPER), which then waits for it, times it and kills it as
 * its own child. A spare costs a fork of a small process (well under a millisecond),
 * not a program start (about 10 ms of loading libraries and editions).
 *
 * A spare, while it waits for its job, checks the blank application form once (the
 * form qbintake ships; discarded): a check in a process that has just been forked pays
 * for first touches — pages copied, code and data brought back into the caches — and
 * took 7.1 ms of CPU against 5.8 ms after that warm-up (long-8000 through /api/check).
 * Done ahead of need, off the answer's path; where the form is not installed, spares
 * start cold.
 *
 * A thread of its own (the keeper) keeps the spares ready, and as many requests' folders
 * (made on a disk file system, a folder and its in/ took 0.3 ms), and after an answer
 * reaps its child (whose exit takes the kernel a few ms) and removes the request's
 * folder, so that the next request on the same connection does not wait for them. */
#define _GNU_SOURCE /* pipe2, closefrom */
#include "serve_int.h"

#include "check.h"
#include "module.h"
#include "tmpdir.h"

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ZYGOTE_FD 3
#define JOB_FD 3
#define RESULT_FD 4
#define PATH_MAX_BYTES 4096

/* What the parent writes to a spare: this, then dir, name and the edition's name (no
 * NULs). Under PIPE_BUF, so one write. */
typedef struct {
    int keep;
    qb_child_budget budget;
    unsigned dirlen, namelen, edlen;
} job_msg;

static int read_full(int fd, void *p, size_t n)
{
    char *c = p;
    while (n > 0) {
        ssize_t r = read(fd, c, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        c += r;
        n -= (size_t)r;
    }
    return 0;
}

/* Touch HEAP_RESERVE bytes of heap once and keep them (no trimming, and allocations
 * below 32 MB taken from the heap, not mapped apart): the check then grows into pages
 * already there. On this machine a page a process touches for the first time costs
 * far more than a page it reuses (a virtual machine's memory is handed back to its host
 * when freed): a check of the 7 800-字 corpus write-up in a spare took 670 first
 * touches and 27.6 ms, with the reserve 15 and 22.4 ms; long-8000 75 and 6.3 ms, 8 and
 * 5.7 ms (the mean of 20 forked spares each). */
#define HEAP_RESERVE (8u << 20)
static void reserve_heap(void)
{
    if (mallopt(M_MMAP_THRESHOLD, 32 << 20) != 1 || mallopt(M_TRIM_THRESHOLD, 64 << 20) != 1)
        return;
    volatile char *p = malloc(HEAP_RESERVE);
    if (!p)
        return;
    for (size_t i = 0; i < HEAP_RESERVE; i += 4096)
        p[i] = 0;
    free((void *)p);
}

/* A spare: its job's two pipe ends moved to JOB_FD and RESULT_FD, nothing else open but
 * the standard ones; blocks reading one job, runs it, never returns. */
static void spare_main(int job, int result, const qb_serve_spares *sp, const qb_serve_editions *E)
    __attribute__((noreturn));
static void spare_main(int job, int result, const qb_serve_spares *sp, const qb_serve_editions *E)
{
    int a = fcntl(job, F_DUPFD_CLOEXEC, 16), b = fcntl(result, F_DUPFD_CLOEXEC, 16);
    if (a < 0 || b < 0 || dup2(a, JOB_FD) != JOB_FD || dup2(b, RESULT_FD) != RESULT_FD)
        _exit(4);
    closefrom(RESULT_FD + 1);
    if (sp->warm_up) { /* what it finds does not matter; that it ran does */
        qb_record r;
        qb_check_input(sp->warm_up, qb_serve_edition(E, NULL), &r);
        qb_record_free(&r);
    }
    reserve_heap();
    job_msg m;
    char dir[PATH_MAX_BYTES], name[256], ed[256];
    if (read_full(JOB_FD, &m, sizeof m) != 0 || m.dirlen >= sizeof dir || m.namelen >= sizeof name ||
        m.edlen >= sizeof ed || read_full(JOB_FD, dir, m.dirlen) != 0 || read_full(JOB_FD, name, m.namelen) != 0 ||
        read_full(JOB_FD, ed, m.edlen) != 0)
        _exit(0); /* no job: the server is stopping */
    close(JOB_FD);
    dir[m.dirlen] = name[m.namelen] = ed[m.edlen] = '\0';
    const qb_edition *e = qb_serve_edition(E, ed);
    if (!e)
        _exit(4);
    qb_serve_job j = {.ed = e, .dir = dir, .name = m.namelen ? name : NULL, .keep = m.keep, .budget = m.budget};
    qb_serve_child_main(&j, sp->server, RESULT_FD); /* sets the limits, the death signal, the mask */
}

/* Two file descriptors received over the zygote's socket; 0 on success. */
static int recv_fds(int sock, int fds[2])
{
    char byte;
    struct iovec iov = {&byte, 1};
    union {
        struct cmsghdr h;
        char buf[CMSG_SPACE(2 * sizeof(int))];
    } u;
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf};
    ssize_t r;
    while ((r = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR)
        ;
    struct cmsghdr *c = r > 0 ? CMSG_FIRSTHDR(&msg) : NULL;
    if (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS || c->cmsg_len != CMSG_LEN(2 * sizeof(int)))
        return -1;
    memcpy(fds, CMSG_DATA(c), 2 * sizeof(int));
    return 0;
}

/* In the zygote: a spare for these pipe ends, forked through an intermediate that exits
 * at once (the spare becomes the server's child); the spare's pid, or -1. */
static pid_t fork_spare(const int fds[2], const qb_serve_spares *sp, const qb_serve_editions *E)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        return -1;
    pid_t mid = fork();
    if (mid == 0) {
        close(p[0]);
        pid_t s = fork();
        if (s == 0) {
            close(p[1]);
            close(ZYGOTE_FD);
            spare_main(fds[0], fds[1], sp, E);
        }
        ssize_t w = write(p[1], &s, sizeof s);
        _exit(w == (ssize_t)sizeof s ? 0 : 4);
    }
    close(p[1]);
    pid_t s = -1;
    if (mid > 0) {
        if (read_full(p[0], &s, sizeof s) != 0)
            s = -1;
        /* once the intermediate is gone the spare is the server's: only then say its pid */
        while (waitpid(mid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    close(p[0]);
    return s;
}

static void zygote_main(int sock, const qb_serve_spares *sp, const qb_serve_editions *E) __attribute__((noreturn));
static void zygote_main(int sock, const qb_serve_spares *sp, const qb_serve_editions *E)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != sp->server || dup2(sock, ZYGOTE_FD) != ZYGOTE_FD)
        _exit(0);
    closefrom(ZYGOTE_FD + 1);
    for (;;) {
        int fds[2];
        if (recv_fds(ZYGOTE_FD, fds) != 0)
            _exit(0); /* end of file: the server stops */
        pid_t s = fork_spare(fds, sp, E);
        close(fds[0]);
        close(fds[1]);
        if (send(ZYGOTE_FD, &s, sizeof s, MSG_NOSIGNAL) != (ssize_t)sizeof s)
            _exit(0);
    }
}

/* Start one spare; 0 on success. */
int qb_serve_spare_spawn(qb_serve_spares *sp, qb_spare *s)
{
    int job[2], res[2];
    if (sp->zygote < 0 || pipe2(job, O_CLOEXEC) != 0)
        return -1;
    if (pipe2(res, O_CLOEXEC) != 0) {
        close(job[0]);
        close(job[1]);
        return -1;
    }
    char byte = 0;
    struct iovec iov = {&byte, 1};
    union {
        struct cmsghdr h;
        char buf[CMSG_SPACE(2 * sizeof(int))];
    } u;
    memset(&u, 0, sizeof u);
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf};
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(2 * sizeof(int));
    int give[2] = {job[0], res[1]};
    memcpy(CMSG_DATA(c), give, sizeof give);
    pid_t pid = -1;
    pthread_mutex_lock(&sp->zmu); /* one question to the zygote at a time */
    ssize_t w;
    while ((w = sendmsg(sp->zygote, &msg, MSG_NOSIGNAL)) < 0 && errno == EINTR)
        ;
    ssize_t r = -1;
    if (w == 1)
        while ((r = recv(sp->zygote, &pid, sizeof pid, 0)) < 0 && errno == EINTR)
            ;
    pthread_mutex_unlock(&sp->zmu);
    close(job[0]);
    close(res[1]);
    if (r != (ssize_t)sizeof pid || pid <= 0) {
        close(job[1]);
        close(res[0]);
        return -1;
    }
    s->pid = pid;
    s->job = job[1];
    s->result = res[0];
    return 0;
}

struct qb_after {
    pid_t pid;
    double deadline;
    char *dir;
};

/* Remove the folders waiting, and reap the children that have ended (a child past its
 * deadline is killed); never waits for one. The lock is held on entry and on return.
 * Returns how many children are still to be reaped. */
static size_t clean_up(qb_serve_spares *sp)
{
    size_t w = 0;
    for (size_t i = 0; i < sp->nafter; i++) {
        qb_after a = sp->after[i];
        sp->after[i].dir = NULL;
        pthread_mutex_unlock(&sp->mu);
        if (a.dir)
            qb_tree_remove(a.dir);
        free(a.dir);
        int gone = a.pid <= 0 || qb_serve_reaped(a.pid, a.deadline);
        pthread_mutex_lock(&sp->mu);
        if (!gone)
            sp->after[w++] = (qb_after){a.pid, a.deadline, NULL};
    }
    /* entries added while unlocked were appended after the ones just handled */
    return sp->nafter = w;
}

/* How many spares (and folders) to have now: `want` while checks run or just ran; `most`
 * once none has run for IDLE_SECONDS. A spare's start and warm-up take CPU a check under
 * way would feel (on two cores the second of five requests in a row took 10 ms against
 * 7), so those beyond `want` wait for a quiet moment; a burst of requests then finds
 * them warm. *wake: when to look again, or 0. */
#define IDLE_SECONDS 0.02
static int spares_now(const qb_serve_spares *sp, double *wake)
{
    *wake = 0;
    if (sp->most <= sp->want)
        return sp->want;
    double quiet = sp->last_busy + IDLE_SECONDS;
    if (sp->checks == 0 && qb_now() >= quiet)
        return sp->most;
    if (sp->checks == 0)
        *wake = quiet;
    return sp->want;
}

static void wait_until(qb_serve_spares *sp, double when)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    double left = when - qb_now();
    long ns = left <= 0 ? 0 : left > 1 ? 1000000000L : (long)(left * 1e9);
    t.tv_nsec += ns;
    while (t.tv_nsec >= 1000000000L) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&sp->cv, &sp->mu, &t);
}

static void *keeper(void *arg)
{
    qb_serve_spares *sp = arg;
    pthread_mutex_lock(&sp->mu);
    for (;;) {
        double wake;
        int now = spares_now(sp, &wake);
        if (!sp->stopping && !sp->failed && sp->n < now) { /* spares first: a check may be waiting */
            pthread_mutex_unlock(&sp->mu);
            qb_spare s;
            int ok = qb_serve_spare_spawn(sp, &s) == 0;
            pthread_mutex_lock(&sp->mu);
            if (ok)
                sp->v[sp->n++] = s;
            else
                sp->failed = 1; /* no more spares: checks fork their own child */
            continue;
        }
        if (!sp->stopping && !sp->ready_failed && sp->nready < now) {
            pthread_mutex_unlock(&sp->mu);
            char *dir = qb_serve_request_dir(sp->root);
            pthread_mutex_lock(&sp->mu);
            if (dir)
                sp->ready[sp->nready++] = dir;
            else
                sp->ready_failed = 1; /* requests make their own */
            continue;
        }
        size_t left = clean_up(sp);
        if (sp->stopping && left == 0)
            break;
        if (left) /* children still exiting: look again shortly */
            wait_until(sp, qb_now() + 0.002);
        else if (!sp->stopping && wake > 0) /* more spares once it is quiet */
            wait_until(sp, wake);
        else if (!sp->stopping && (sp->n >= now || sp->failed) && (sp->nready >= now || sp->ready_failed))
            pthread_cond_wait(&sp->cv, &sp->mu);
    }
    pthread_mutex_unlock(&sp->mu);
    return NULL;
}

void qb_serve_after(qb_serve_spares *sp, pid_t pid, double deadline, char *dir)
{
    int queued = 0;
    if (sp->started) {
        pthread_mutex_lock(&sp->mu);
        if (qb_grow((void **)&sp->after, &sp->aftercap, sp->nafter + 1, sizeof *sp->after) == QB_OK) {
            sp->after[sp->nafter++] = (qb_after){pid, deadline, dir};
            queued = 1;
            pthread_cond_signal(&sp->cv);
        }
        pthread_mutex_unlock(&sp->mu);
    }
    if (queued)
        return;
    if (pid > 0) /* no keeper: here, then */
        qb_serve_reap(pid, deadline);
    if (dir)
        qb_tree_remove(dir);
    free(dir);
}

qb_status qb_serve_spares_init(qb_serve_spares *sp, const qb_serve_editions *E)
{
    memset(sp, 0, sizeof *sp);
    sp->zygote = -1;
    sp->server = getpid();
    pthread_mutex_init(&sp->zmu, NULL);
    sp->warm_up = qb_data_path("application-form.docx");
    if (sp->warm_up && access(sp->warm_up, R_OK) != 0) {
        free(sp->warm_up);
        sp->warm_up = NULL;
    }
    int sv[2];
    /* the spares it forks must become this process's children, waited for here */
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0 || socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
        return QB_ERR_IO;
    pid_t z = fork();
    if (z == 0) {
        close(sv[0]);
        zygote_main(sv[1], sp, E);
    }
    close(sv[1]);
    if (z < 0) {
        close(sv[0]);
        return QB_ERR_IO;
    }
    sp->zygote = sv[0];
    sp->zpid = z;
    return QB_OK;
}

qb_status qb_serve_spares_start(qb_serve_spares *sp, int want, const char *root)
{
    sp->want = want;
    sp->most = qb_serve_spares_most(want);
    sp->root = root;
    sp->last_busy = qb_now();
    if (!(sp->v = calloc((size_t)sp->most, sizeof *sp->v)) ||
        !(sp->ready = calloc((size_t)sp->most, sizeof *sp->ready))) {
        free(sp->v);
        sp->v = NULL;
        return QB_ERR_NOMEM;
    }
    pthread_mutex_init(&sp->mu, NULL);
    pthread_cond_init(&sp->cv, NULL);
    if (pthread_create(&sp->thread, NULL, keeper, sp) != 0) {
        pthread_mutex_destroy(&sp->mu);
        pthread_cond_destroy(&sp->cv);
        free(sp->v);
        free(sp->ready);
        sp->v = NULL;
        sp->ready = NULL;
        return QB_ERR_NOMEM;
    }
    sp->started = 1;
    return QB_OK;
}

int qb_serve_spares_most(int want)
{
    return want + (want < 4 ? 2 * want : 8);
}

void qb_serve_spares_busy(qb_serve_spares *sp, int delta)
{
    if (!sp->started)
        return;
    pthread_mutex_lock(&sp->mu);
    sp->checks += delta;
    sp->last_busy = qb_now();
    if (sp->checks == 0)
        pthread_cond_signal(&sp->cv); /* a quiet moment may come: the keeper times it */
    pthread_mutex_unlock(&sp->mu);
}

char *qb_serve_folder_take(qb_serve_spares *sp, const char *root)
{
    char *dir = NULL;
    if (sp->started) { /* its successor is made after the answer (qb_serve_after wakes the keeper) */
        pthread_mutex_lock(&sp->mu);
        if (sp->nready > 0)
            dir = sp->ready[--sp->nready];
        pthread_mutex_unlock(&sp->mu);
    }
    return dir ? dir : qb_serve_request_dir(root);
}

int qb_serve_spare_take(qb_serve_spares *sp, qb_spare *s)
{
    if (!sp->started)
        return 0;
    pthread_mutex_lock(&sp->mu);
    int got = sp->n > 0;
    if (got) { /* the oldest, the most likely done with its warm-up; its successor is
                * forked after the answer (qb_serve_after wakes the keeper), not beside
                * the check, which it would slow on a busy machine */
        *s = sp->v[0];
        memmove(sp->v, sp->v + 1, (size_t)--sp->n * sizeof *sp->v);
    }
    pthread_mutex_unlock(&sp->mu);
    return got;
}

int qb_serve_spare_give(qb_spare *s, const qb_serve_job *j)
{
    char buf[sizeof(job_msg) + PATH_MAX_BYTES + 256 + 256];
    size_t dl = strlen(j->dir), nl = j->name ? strlen(j->name) : 0, el = strlen(j->ed->name);
    if (dl >= PATH_MAX_BYTES || nl >= 256 || el >= 256)
        return -1;
    job_msg m = {.keep = j->keep, .budget = j->budget, .dirlen = (unsigned)dl, .namelen = (unsigned)nl,
                 .edlen = (unsigned)el};
    memcpy(buf, &m, sizeof m);
    memcpy(buf + sizeof m, j->dir, dl);
    if (nl)
        memcpy(buf + sizeof m + dl, j->name, nl);
    memcpy(buf + sizeof m + dl + nl, j->ed->name, el);
    size_t n = sizeof m + dl + nl + el;
    ssize_t w = write(s->job, buf, n);
    close(s->job);
    s->job = -1;
    return w == (ssize_t)n ? 0 : -1;
}

/* End of file on its socket: the zygote exits. */
static void zygote_stop(qb_serve_spares *sp)
{
    if (sp->zygote >= 0) {
        close(sp->zygote);
        sp->zygote = -1;
        while (waitpid(sp->zpid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    pthread_mutex_destroy(&sp->zmu);
    free(sp->warm_up);
    sp->warm_up = NULL;
}

void qb_serve_spares_stop(qb_serve_spares *sp)
{
    if (!sp->started) {
        zygote_stop(sp);
        return;
    }
    pthread_mutex_lock(&sp->mu);
    sp->stopping = 1;
    pthread_cond_signal(&sp->cv);
    pthread_mutex_unlock(&sp->mu);
    pthread_join(sp->thread, NULL);
    for (size_t i = 0; i < sp->nafter; i++) { /* what came after the keeper's last round */
        if (sp->after[i].dir)
            qb_tree_remove(sp->after[i].dir);
        free(sp->after[i].dir);
        if (sp->after[i].pid > 0)
            qb_serve_reap(sp->after[i].pid, sp->after[i].deadline);
    }
    for (int i = 0; i < sp->n; i++) { /* end of file on its job pipe: it exits */
        close(sp->v[i].job);
        close(sp->v[i].result);
        while (waitpid(sp->v[i].pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    for (int i = 0; i < sp->nready; i++) { /* folders made ahead, never used */
        qb_tree_remove(sp->ready[i]);
        free(sp->ready[i]);
    }
    pthread_mutex_destroy(&sp->mu);
    pthread_cond_destroy(&sp->cv);
    free(sp->v);
    free(sp->after);
    free(sp->ready);
    sp->v = NULL;
    sp->after = NULL;
    sp->ready = NULL;
    sp->nready = sp->ready_failed = 0;
    sp->n = sp->started = 0;
    sp->nafter = sp->aftercap = 0;
    zygote_stop(sp);
}
