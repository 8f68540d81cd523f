/* serve_spare.c — the children's keeper, a thread of its own that does the work a
 * request should not wait for:
 *  - spares: children started ahead of need, so that a check does not wait for a new
 *    process. The server has threads, and a fork of a threaded process may hold a lock
 *    another thread held at that moment (glibc's tzset lock, taken by libzip's mktime,
 *    was seen to hang a child for good): so a spare is forked and at once executes
 *    qb-serve again (`--spare-child`), a fresh single-threaded process holding only its
 *    two pipes, which loads the editions itself and then blocks reading one job; given
 *    one, it runs the check under the batch's limits (set then), used once. A thread of its own forks them because a child's
 *    PR_SET_PDEATHSIG follows the thread that forked it, and a connection's thread ends
 *    with its connection.
 *  - after an answer: reaping its child (whose exit takes the kernel a few ms) and
 *    removing the request's folder, so that the next request on the same connection
 *    does not wait for them. */
#define _GNU_SOURCE /* pipe2, closefrom */
#include "serve_int.h"

#include "cli.h"
#include "tmpdir.h"

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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

int qb_serve_spare_child(const char *edition)
{
    /* a fresh process: the server's blocked signals do not carry over into a check */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    qb_cli_init();
    qb_serve_editions E;
    char *why = NULL, *why_en = NULL;
    if (qb_serve_editions_load(*edition ? edition : NULL, &E, &why, &why_en) != QB_OK)
        _exit(4); /* the server loaded them; a spare that cannot is a broken child */
    free(why);
    free(why_en);
    job_msg m;
    char dir[PATH_MAX_BYTES], name[256], ed[256];
    if (read_full(JOB_FD, &m, sizeof m) != 0 || m.dirlen >= sizeof dir || m.namelen >= sizeof name ||
        m.edlen >= sizeof ed || read_full(JOB_FD, dir, m.dirlen) != 0 || read_full(JOB_FD, name, m.namelen) != 0 ||
        read_full(JOB_FD, ed, m.edlen) != 0)
        _exit(0); /* no job: the server is stopping */
    close(JOB_FD);
    dir[m.dirlen] = name[m.namelen] = ed[m.edlen] = '\0';
    const qb_edition *e = qb_serve_edition(&E, ed);
    if (!e)
        _exit(4);
    qb_serve_job j = {.ed = e, .dir = dir, .name = m.namelen ? name : NULL, .keep = m.keep, .budget = m.budget};
    qb_serve_child_main(&j, getppid(), RESULT_FD);
}

/* Start one spare; 0 on success. */
int qb_serve_spare_spawn(qb_serve_spares *sp, qb_spare *s)
{
    int job[2], res[2];
    if (pipe2(job, O_CLOEXEC) != 0)
        return -1;
    if (pipe2(res, O_CLOEXEC) != 0) {
        close(job[0]);
        close(job[1]);
        return -1;
    }
    char *const argv[] = {"qb-serve", "--spare-child", sp->edition, NULL};
    pid_t pid = fork();
    if (pid == 0) {
        /* only its two pipe ends: the server's sockets must not live on in it; then at
         * once a fresh program (only async-signal-safe calls until then) */
        int a = fcntl(job[0], F_DUPFD_CLOEXEC, 16), b = fcntl(res[1], F_DUPFD_CLOEXEC, 16);
        if (a < 0 || b < 0 || dup2(a, JOB_FD) != JOB_FD || dup2(b, RESULT_FD) != RESULT_FD)
            _exit(0);
        closefrom(RESULT_FD + 1);
        execv(sp->exe, argv);
        _exit(0);
    }
    close(job[0]);
    close(res[1]);
    if (pid < 0) {
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

static void *keeper(void *arg)
{
    qb_serve_spares *sp = arg;
    pthread_mutex_lock(&sp->mu);
    for (;;) {
        if (!sp->stopping && !sp->failed && sp->n < sp->want) { /* spares first: a check may be waiting */
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
        size_t left = clean_up(sp);
        if (sp->stopping && left == 0)
            break;
        if (left) { /* children still exiting: look again shortly */
            struct timespec t;
            clock_gettime(CLOCK_REALTIME, &t);
            t.tv_nsec += 2 * 1000 * 1000;
            if (t.tv_nsec >= 1000000000L) {
                t.tv_sec++;
                t.tv_nsec -= 1000000000L;
            }
            pthread_cond_timedwait(&sp->cv, &sp->mu, &t);
        } else if (!sp->stopping && (sp->n >= sp->want || sp->failed)) {
            pthread_cond_wait(&sp->cv, &sp->mu);
        }
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

qb_status qb_serve_spares_init(qb_serve_spares *sp, const char *edition)
{
    memset(sp, 0, sizeof *sp);
    sp->server = getpid();
    ssize_t n = readlink("/proc/self/exe", sp->exe, sizeof sp->exe - 1);
    if (n <= 0 || (size_t)n >= sizeof sp->exe - 1 || strlen(edition ? edition : "") >= sizeof sp->edition)
        return QB_ERR_IO;
    sp->exe[n] = '\0';
    strcpy(sp->edition, edition ? edition : "");
    return QB_OK;
}

qb_status qb_serve_spares_start(qb_serve_spares *sp, int want)
{
    sp->want = want;
    if (!(sp->v = calloc((size_t)want, sizeof *sp->v)))
        return QB_ERR_NOMEM;
    pthread_mutex_init(&sp->mu, NULL);
    pthread_cond_init(&sp->cv, NULL);
    if (pthread_create(&sp->thread, NULL, keeper, sp) != 0) {
        pthread_mutex_destroy(&sp->mu);
        pthread_cond_destroy(&sp->cv);
        free(sp->v);
        sp->v = NULL;
        return QB_ERR_NOMEM;
    }
    sp->started = 1;
    return QB_OK;
}

int qb_serve_spare_take(qb_serve_spares *sp, qb_spare *s)
{
    if (!sp->started)
        return 0;
    pthread_mutex_lock(&sp->mu);
    int got = sp->n > 0;
    if (got) /* its successor is forked after the answer (qb_serve_after wakes the keeper),
              * not beside the check, which it would slow on a busy machine */
        *s = sp->v[--sp->n];
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

void qb_serve_spares_stop(qb_serve_spares *sp)
{
    if (!sp->started)
        return;
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
    pthread_mutex_destroy(&sp->mu);
    pthread_cond_destroy(&sp->cv);
    free(sp->v);
    free(sp->after);
    sp->v = NULL;
    sp->after = NULL;
    sp->n = sp->started = 0;
    sp->nafter = sp->aftercap = 0;
}
