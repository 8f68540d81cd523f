/* serve_queue.c — admission and worker slots (design in serve_int.h). A request is
 * admitted before its body is read, so a full queue answers 503 at once instead of
 * after a long upload. */
#include "serve_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

qb_status qb_serve_queue_init(qb_serve_queue *q, int workers, int queue)
{
    memset(q, 0, sizeof *q);
    q->workers = workers;
    q->queue = queue;
    q->pids = calloc((size_t)workers, sizeof *q->pids);
    q->busy = calloc((size_t)workers, sizeof *q->busy);
    if (!q->pids || !q->busy) {
        free(q->pids);
        free(q->busy);
        return QB_ERR_NOMEM;
    }
    pthread_mutex_init(&q->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&q->cv, &ca);
    pthread_condattr_destroy(&ca);
    return QB_OK;
}

void qb_serve_queue_free(qb_serve_queue *q)
{
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->cv);
    free(q->pids);
    free(q->busy);
}

int qb_serve_queue_admit(qb_serve_queue *q)
{
    pthread_mutex_lock(&q->mu);
    int ok = !q->stopping && q->admitted < q->workers + q->queue;
    q->admitted += ok;
    pthread_mutex_unlock(&q->mu);
    return ok;
}

void qb_serve_queue_leave(qb_serve_queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->admitted--;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
}

int qb_serve_queue_begin(qb_serve_queue *q)
{
    pthread_mutex_lock(&q->mu);
    while (!q->stopping && q->running >= q->workers)
        pthread_cond_wait(&q->cv, &q->mu);
    int slot = -1;
    for (int i = 0; !q->stopping && i < q->workers && slot < 0; i++)
        if (!q->busy[i])
            slot = i;
    if (slot >= 0) {
        q->busy[slot] = 1;
        q->running++;
    }
    pthread_mutex_unlock(&q->mu);
    return slot;
}

void qb_serve_queue_end(qb_serve_queue *q, int slot)
{
    pthread_mutex_lock(&q->mu);
    q->busy[slot] = 0;
    q->pids[slot] = 0;
    q->running--;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
}

void qb_serve_queue_set_pid(qb_serve_queue *q, int slot, pid_t pid)
{
    pthread_mutex_lock(&q->mu);
    q->pids[slot] = pid;
    pthread_mutex_unlock(&q->mu);
}

void qb_serve_queue_stop(qb_serve_queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->stopping = 1;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
}

int qb_serve_queue_drain(qb_serve_queue *q, double seconds)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += (time_t)seconds;
    pthread_mutex_lock(&q->mu);
    int r = 0;
    while (q->admitted > 0 && r != ETIMEDOUT)
        r = pthread_cond_timedwait(&q->cv, &q->mu, &until);
    int idle = q->admitted == 0;
    pthread_mutex_unlock(&q->mu);
    return idle;
}

void qb_serve_queue_kill(qb_serve_queue *q)
{
    pthread_mutex_lock(&q->mu);
    for (int i = 0; i < q->workers; i++)
        if (q->pids[i] > 0)
            qb_child_kill(q->pids[i]);
    pthread_mutex_unlock(&q->mu);
}
