/* serve_run.c — the server's life: the editions and a private temporary folder set up
 * once, then HTTP until SIGTERM or SIGINT, taken with sigtimedwait in the main thread
 * (blocked in every other thread, so no handler runs anywhere), which also wakes each
 * second to delete expired results. A stop refuses new work, gives the requests under
 * way a grace period, kills the checks still running, and removes every file the
 * server made. */
#define _GNU_SOURCE /* sigtimedwait */
#include "serve_int.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "tmpdir.h"

#define STOP_GRACE 10 /* seconds the requests under way get to finish */

static qb_status setup(qb_server *S, char **why, char **why_en)
{
    qb_status st = qb_serve_editions_load(S->o->edition, &S->eds, why, why_en);
    if (st != QB_OK)
        return st;
    char *kept = NULL;
    if ((st = qb_tmpdir_make("serve", &S->root)) == QB_OK) {
        S->uploads = qb_asprintf("%s/requests", S->root);
        kept = qb_asprintf("%s/kept", S->root);
        st = !S->uploads || !kept ? QB_ERR_NOMEM : mkdir(S->uploads, 0700) != 0 ? QB_ERR_IO : QB_OK;
    }
    if (st == QB_OK)
        st = qb_serve_keep_init(&S->keep, kept, S->o->keep_seconds);
    free(kept);
    if (st == QB_OK)
        st = qb_serve_queue_init(&S->queue, S->o->workers, S->o->queue);
    if (st != QB_OK) {
        *why = qb_strdup("无法建立临时文件夹（$TMPDIR）");
        *why_en = qb_strdup("cannot make a temporary folder ($TMPDIR)");
    }
    return st;
}

static void teardown(qb_server *S, int queue_made)
{
    if (queue_made)
        qb_serve_queue_free(&S->queue);
    qb_serve_keep_free(&S->keep);
    if (S->root)
        qb_tree_remove(S->root);
    free(S->root);
    free(S->uploads);
    qb_serve_editions_free(&S->eds);
}

qb_status qb_serve_run(const qb_serve_opts *o, char **why, char **why_en)
{
    *why = *why_en = NULL;
    qb_server S;
    memset(&S, 0, sizeof S);
    S.o = o;
    qb_status st = setup(&S, why, why_en);
    if (st != QB_OK) {
        teardown(&S, S.queue.pids != NULL);
        return st;
    }
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, &old); /* before any thread starts: they inherit it */
    signal(SIGPIPE, SIG_IGN);                /* a client gone mid-answer is not our death */
    if (qb_serve_spares_init(&S.spares, &S.eds) != QB_OK) {
        qb_serve_spares_stop(&S.spares);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        teardown(&S, 1);
        *why = qb_strdup("无法启动检查用的子进程（fork）");
        *why_en = qb_strdup("cannot start the process that forks the checks' children");
        return QB_ERR_IO;
    }
    if ((st = qb_serve_http_start(&S, why, why_en)) != QB_OK) {
        qb_serve_spares_stop(&S.spares);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        teardown(&S, 1);
        return st;
    }
    if (qb_serve_spares_start(&S.spares, o->workers, S.uploads) != QB_OK) /* without them, each check starts its own */
        qb_serve_log("qb-serve: 无法预先建立子进程 no spare children: each check starts its own");
    qb_serve_log("qb-serve: 正在监听 listening on %s (port %u); edition %s, %d workers, queue %d, up to %d spares",
                 o->listen, qb_serve_http_port(&S), qb_serve_edition(&S.eds, NULL)->name, o->workers, o->queue,
                 qb_serve_spares_most(o->workers));
    int sig;
    for (;;) {
        struct timespec second = {1, 0};
        sig = sigtimedwait(&stop, NULL, &second);
        if (sig == SIGTERM || sig == SIGINT)
            break;
        qb_serve_keep_sweep(&S.keep);
    }
    qb_serve_log("qb-serve: 收到信号 %d，正在停止 stopping on signal %d", sig, sig);
    qb_serve_queue_stop(&S.queue);
    qb_serve_http_quiesce(&S);
    if (!qb_serve_queue_drain(&S.queue, STOP_GRACE)) {
        qb_serve_queue_kill(&S.queue);
        qb_serve_queue_drain(&S.queue, STOP_GRACE);
    }
    qb_serve_http_stop(&S);
    qb_serve_spares_stop(&S.spares);
    teardown(&S, 1);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    qb_serve_log("qb-serve: 已停止 stopped");
    return QB_OK;
}
